import GLPKKit
import RotaCore

/// The roster model held in compressed rows and columns, to cut a neighbourhood's sub-problem out of it.
///
/// A neighbourhood frees some people's assignments on some days and keeps every other column at the
/// incumbent. Handing GLPK the whole model with fixed bounds makes its presolver scan every row of it for
/// each sub-MIP (a second for the 364-day benchmark instance, whatever the neighbourhood's size); cut out
/// here, a sub-problem holds only the rows that a free column touches, with the fixed columns' share moved
/// into their bounds, and GLPK can start from the incumbent (a warm start needs presolve off).
///
/// The cut is exact: a row without a free column keeps the incumbent's value, which meets it; every other row
/// is in the sub-problem. So any point of the sub-problem, with the fixed columns at the incumbent, is a point
/// of the whole model, and the sub-problem's objective (its constant holds the fixed columns' cost) is the
/// whole model's.
final class NeighbourhoodModel: Sendable {
    private let program: LinearProgram
    /// Column-major entries: column `j`'s are `columnStart[j]..<columnStart[j + 1]`.
    private let columnStart: [Int]
    private let columnRows: [Int32]
    /// Row-major entries: row `i`'s are `rowStart[i]..<rowStart[i + 1]`.
    private let rowStart: [Int]
    private let rowColumns: [Int32]
    private let rowValues: [Double]
    /// Rows that constrain nothing (MathProg's copy of the objective).
    private let isFreeRow: [Bool]
    /// For assignment and working-day columns, the cell `staff * dayCount + day` they belong to; -1 for the rest.
    private let cell: [Int]

    init(program: LinearProgram, map: ColumnMap) {
        self.program = program
        let m = program.rows.count, n = program.columns.count
        var rowCount = [Int](repeating: 0, count: m + 1), columnCount = [Int](repeating: 0, count: n + 1)
        for entry in program.entries {
            rowCount[entry.row + 1] += 1
            columnCount[entry.column + 1] += 1
        }
        for i in 0..<m { rowCount[i + 1] += rowCount[i] }
        for j in 0..<n { columnCount[j + 1] += columnCount[j] }
        var rowNext = rowCount, columnNext = columnCount
        var rowColumns = [Int32](repeating: 0, count: program.entries.count)
        var rowValues = [Double](repeating: 0, count: program.entries.count)
        var columnRows = [Int32](repeating: 0, count: program.entries.count)
        for entry in program.entries {
            rowColumns[rowNext[entry.row]] = Int32(entry.column)
            rowValues[rowNext[entry.row]] = entry.value
            rowNext[entry.row] += 1
            columnRows[columnNext[entry.column]] = Int32(entry.row)
            columnNext[entry.column] += 1
        }
        rowStart = rowCount
        columnStart = columnCount
        self.rowColumns = rowColumns
        self.rowValues = rowValues
        self.columnRows = columnRows
        isFreeRow = program.rows.map { $0 == .free }
        let days = map.problem.dayCount
        cell = map.columns.map { column in
            switch column {
            case .assignment(let a): a.staff * days + a.day
            case .workingDay(let staff, let day): staff * days + day
            default: -1
            }
        }
    }

    /// A neighbourhood's sub-problem and where its columns sit in the whole model.
    struct Cut {
        let program: LinearProgram
        /// The whole model's column of each sub-problem column.
        let columns: [Int]
        /// The incumbent restricted to the sub-problem's columns (its warm start).
        let start: [Double]
        /// Matrix entries read while cutting: the cut's share of the work.
        let entriesRead: Int

        /// The whole model's point: `incumbent` with this cut's columns set to `values`.
        func point(_ values: [Double], in incumbent: [Double]) -> [Double] {
            var point = incumbent
            for (local, column) in columns.enumerated() { point[column] = values[local].rounded() }
            return point
        }
    }

    /// The sub-problem in which the cells `free(staff, day)` say are free, everything else fixed at `incumbent`.
    ///
    /// Free are the assignment and working-day columns of free cells, and every other column (cover and
    /// fairness slacks, weekends, shortfalls) that shares a row with one of them; nil when no column is free.
    func cut(free: (_ cell: Int) -> Bool, incumbent: [Double]) -> Cut? {
        let n = program.columns.count
        var isFree = [Bool](repeating: false, count: n)
        var freeColumns: [Int] = []
        for column in 0..<n where cell[column] >= 0 && free(cell[column]) {
            isFree[column] = true
            freeColumns.append(column)
        }
        guard !freeColumns.isEmpty else { return nil }
        var read = 0
        var rowSeen = [Bool](repeating: false, count: program.rows.count)
        var rows: [Int] = []
        func touch(_ column: Int) {
            for k in columnStart[column]..<columnStart[column + 1] {
                let row = Int(columnRows[k])
                if !rowSeen[row] && !isFreeRow[row] {
                    rowSeen[row] = true
                    rows.append(row)
                }
            }
        }
        for column in freeColumns { touch(column) }
        // Slacks and linking columns of the rows the free cells touch may move with them.
        let cellRows = rows.count
        for r in 0..<cellRows {
            let row = rows[r]
            for k in rowStart[row]..<rowStart[row + 1] {
                let column = Int(rowColumns[k])
                if !isFree[column] && cell[column] < 0 {
                    isFree[column] = true
                    freeColumns.append(column)
                    touch(column)
                }
            }
            read += rowStart[row + 1] - rowStart[row]
        }
        freeColumns.sort()
        var local = [Int32](repeating: -1, count: n)
        for (index, column) in freeColumns.enumerated() { local[column] = Int32(index) }
        var rowBounds: [LinearProgram.Bounds] = []
        rowBounds.reserveCapacity(rows.count)
        var entries: [LinearProgram.Entry] = []
        rows.sort()
        for row in rows {
            var fixed = 0.0
            let subRow = rowBounds.count
            for k in rowStart[row]..<rowStart[row + 1] {
                let column = Int(rowColumns[k])
                if local[column] >= 0 {
                    entries.append(LinearProgram.Entry(row: subRow, column: Int(local[column]), value: rowValues[k]))
                } else {
                    fixed += rowValues[k] * incumbent[column]
                }
            }
            read += rowStart[row + 1] - rowStart[row]
            let bounds = program.rows[row]
            rowBounds.append(LinearProgram.Bounds(lower: bounds.lower.map { $0 - fixed }, upper: bounds.upper.map { $0 - fixed }))
        }
        var constant = program.objectiveConstant
        for column in 0..<n where local[column] < 0 && program.objective[column] != 0 {
            constant += program.objective[column] * incumbent[column]
        }
        let sub = LinearProgram(
            rows: rowBounds, columns: freeColumns.map { program.columns[$0] },
            isInteger: freeColumns.map { program.isInteger[$0] }, objective: freeColumns.map { program.objective[$0] },
            objectiveConstant: constant, entries: entries)
        return Cut(program: sub, columns: freeColumns, start: freeColumns.map { incumbent[$0] }, entriesRead: read)
    }
}
