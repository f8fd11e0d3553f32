internal import Foundation

/// A roster as `staff,date,shift` lines (dates ISO when the horizon has a calendar, else day numbers).
public enum RosterCSV {
    public static func text(_ roster: Roster, problem: RosterProblem) -> String {
        var lines = ["staff,date,shift"]
        for assignment in roster.assignments {
            let date = problem.date(of: assignment.day).map(String.init(describing:)) ?? String(assignment.day)
            lines.append("\(problem.staff[assignment.staff].id),\(date),\(problem.shiftTypes[assignment.shift].id)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension RosterCSV {
    /// Reads the roster CSV at `path` (UTF-8, see ``TextFile/read(_:sizeLimit:)``) against `problem`.
    public static func read(file path: String, problem: RosterProblem) throws(FileLineError) -> Roster {
        try read(TextFile.read(path), file: path, problem: problem)
    }

    /// Reads the `staff,date,shift` CSV that ``text(_:problem:)`` writes, against the problem it belongs to.
    /// Every line must name a known person, a date of the horizon (ISO, or a day index for problems without
    /// a calendar) and a known shift type.
    public static func read(_ text: String, file: String, problem: RosterProblem) throws(FileLineError) -> Roster {
        let staffIndex = Dictionary(problem.staff.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let shiftIndex = Dictionary(problem.shiftTypes.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var assignments: [Assignment] = []
        var seen: [Assignment: Int] = [:]
        // Any line ending (`\r\n` is one Character in Swift, so splitting on "\n" alone misses it).
        for (number, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") || (number == 0 && line.lowercased().hasPrefix("staff,")) { continue }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard fields.count == 3 else {
                throw FileLineError(file: file, line: number + 1, message: "expected `staff,date,shift`, found \(fields.count) fields")
            }
            guard let staff = staffIndex[fields[0]] else {
                throw FileLineError(
                    file: file, line: number + 1, message: "unknown staff `\(fields[0])`",
                    hint: closest(to: fields[0], in: staffIndex.keys).map { "did you mean `\($0)`?" })
            }
            let day: Int? =
                if let date = CalendarDate(iso: fields[1]), let start = problem.startDate { start.days(to: date) } else { Int(fields[1]) }
            guard let day, day >= 0, day < problem.dayCount else {
                throw FileLineError(
                    file: file, line: number + 1, message: "`\(fields[1])` is not a date of the horizon",
                    hint: problem.startDate.map { "the horizon is \($0) to \($0.adding(days: problem.dayCount - 1))" })
            }
            guard let shift = shiftIndex[fields[2]] else {
                throw FileLineError(
                    file: file, line: number + 1, message: "unknown shift type `\(fields[2])`",
                    hint: closest(to: fields[2], in: shiftIndex.keys).map { "did you mean `\($0)`?" })
            }
            let assignment = Assignment(staff: staff, day: day, shift: shift)
            if let earlier = seen[assignment] {
                throw FileLineError(
                    file: file, line: number + 1, message: "`\(line)` repeats line \(earlier)", hint: "each shift of a person appears once")
            }
            seen[assignment] = number + 1
            assignments.append(assignment)
        }
        return Roster(assignments)
    }
}
