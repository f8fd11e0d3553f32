public import RotaCore

/// A published month as a grid for `roster show`: one row per person (by id), the month's days across, the
/// shift ids of each day in the cells, `.` off.
public enum PublishedRosterGrid {
    /// `assignments` are (staff id, date, shift id); those outside the month are left out.
    public static func text(month first: CalendarDate, assignments: [(staff: String, date: CalendarDate, shift: String)]) -> String {
        let days = CalendarDate.daysIn(month: first.month, year: first.year)
        var cells: [String: [[String]]] = [:]
        for assignment in assignments {
            let day = first.days(to: assignment.date)
            guard day >= 0 && day < days else { continue }
            cells[assignment.staff, default: Array(repeating: [], count: days)][day].append(assignment.shift)
        }
        let people = cells.keys.sorted()
        let text = people.map { person in (cells[person] ?? []).map { $0.isEmpty ? "." : $0.joined(separator: "+") } }
        let widths = (0..<days).map { day in max(String(day + 1).count, text.map { $0[day].count }.max() ?? 1) }
        let nameWidth = max(5, people.map(\.count).max() ?? 0)
        func row(_ label: String, _ values: [String]) -> String {
            label.padding(toLength: nameWidth, withPad: " ", startingAt: 0) + "  "
                + values.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: " ")
        }
        var lines = [row("staff", (0..<days).map { String($0 + 1) })]
        lines.append(row("", (0..<days).map { String(CalendarDate.weekdayNames[first.adding(days: $0).weekday].prefix(2)) }))
        for (index, person) in people.enumerated() { lines.append(row(person, text[index])) }
        return lines.joined(separator: "\n")
    }
}
