import Foundation

/// Rows under named columns, printable as an aligned table, JSON (an array of objects) or CSV.
struct Listing {
    var columns: [String]
    var rows: [[String?]]
    /// Shown instead of an empty table.
    var emptyMessage = "(none)"

    init(_ columns: [String], _ rows: [[String?]], empty: String = "(none)") {
        self.columns = columns
        self.rows = rows
        emptyMessage = empty
    }

    var text: String {
        guard !rows.isEmpty else { return emptyMessage + "\n" }
        let cells = rows.map { $0.map { $0 ?? "-" } }
        let widths = columns.indices.map { column in
            ([columns[column]] + cells.map { column < $0.count ? $0[column] : "" }).map(\.count).max() ?? 0
        }
        func line(_ values: [String]) -> String {
            values.enumerated().map { index, value in
                index == values.count - 1 ? value : value.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
        return ([line(columns)] + cells.map(line)).joined(separator: "\n") + "\n"
    }

    var csv: String {
        func escape(_ value: String?) -> String {
            guard let value else { return "" }
            if value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) {
                return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }
            return value
        }
        return ([columns.map(escape).joined(separator: ",")] + rows.map { $0.map(escape).joined(separator: ",") })
            .joined(separator: "\n") + "\n"
    }

    /// Columns whose every value is a number are written as JSON numbers; missing values as null.
    var json: String {
        let numeric = columns.indices.map { column in
            rows.allSatisfy { row in row[column].map { Double($0) != nil } ?? true }
        }
        let objects: [[String: Any]] = rows.map { row in
            var object: [String: Any] = [:]
            for (index, column) in columns.enumerated() {
                let key = column.lowercased().replacingOccurrences(of: " ", with: "_")
                if let value = row[index] {
                    object[key] = numeric[index] ? (Double(value).map { $0 == $0.rounded() && abs($0) < 1e15 ? Int($0) as Any : $0 as Any } ?? value) : value
                } else {
                    object[key] = NSNull()
                }
            }
            return object
        }
        let data = (try? JSONSerialization.data(withJSONObject: objects, options: [.prettyPrinted, .sortedKeys])) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}

func hours(_ minutes: Int) -> String {
    minutes % 60 == 0 ? String(minutes / 60) : String(format: "%.1f", Double(minutes) / 60)
}

func decimal(_ value: Double) -> String {
    value == value.rounded() ? String(Int(value)) : String(format: "%.2f", value).replacingOccurrences(of: #"0$"#, with: "", options: .regularExpression)
}
