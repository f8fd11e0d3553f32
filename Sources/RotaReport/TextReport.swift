public import RotaCore

/// Renders rosters and conflicts as plain text for a terminal or a log.
public struct TextReport: Sendable {
    public let problem: RosterProblem
    /// Days per block of the grid; long horizons wrap into several blocks.
    public var daysPerBlock = 28

    public init(problem: RosterProblem) { self.problem = problem }

    private static let weekdayLetters = ["M", "T", "W", "T", "F", "S", "S"]

    /// The roster as a grid: one row per person, one column per day, shift codes in the cells; `.` is a
    /// day off, `-` a hard day off, and weekend columns are marked in the header.
    public func grid(_ roster: Roster) -> String {
        let cells = roster.grid(staffCount: problem.staff.count, dayCount: problem.dayCount)
        let cellWidth = max(problem.dayCount > 10 ? 2 : 1, cells.joined().map { $0.map { problem.shiftTypes[$0].id }.joined(separator: "+").count }.max() ?? 1)
        let nameWidth = max(5, problem.staff.map(\.id.count).max() ?? 5)
        var lines: [String] = []
        for blockStart in stride(from: 0, to: problem.dayCount, by: daysPerBlock) {
            let days = Array(blockStart..<min(problem.dayCount, blockStart + daysPerBlock))
            func pad(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: max(0, width - text.count)) }
            func row(_ label: String, _ values: [String]) -> String {
                pad(label, nameWidth) + " │" + values.map { " " + pad($0, cellWidth) }.joined()
            }
            lines.append(row("day", days.map { String($0 % 100) }).replacingTrailingSpaces())
            lines.append(row("", days.map { Self.weekdayLetters[problem.weekday(of: $0)] }).replacingTrailingSpaces())
            lines.append(row("", days.map { problem.isWeekend($0) ? "▔" : "" }).replacingTrailingSpaces())
            lines.append(String(repeating: "─", count: nameWidth + 1) + "┼" + String(repeating: "─", count: days.count * (cellWidth + 1)))
            for (index, member) in problem.staff.enumerated() {
                let values = days.map { day -> String in
                    let shifts = cells[index][day]
                    if !shifts.isEmpty { return shifts.map { problem.shiftTypes[$0].id }.joined(separator: "+") }
                    return member.daysOff.contains(day) ? "-" : "."
                }
                lines.append(row(member.id, values).replacingTrailingSpaces())
            }
            lines.append("")
        }
        lines.append("legend: shift codes " + problem.shiftTypes.map { "\($0.id)=\($0.lengthMinutes)min" }.joined(separator: " ")
            + ", . off, - hard day off, ▔ weekend")
        return lines.joined(separator: "\n")
    }

    /// Penalty cost by kind, e.g. `under cover 600 + shift-on request not granted 7`.
    public func breakdown(_ evaluation: Evaluation) -> String {
        let parts = evaluation.breakdown.map { "\($0.kind.rawValue) \($0.cost)" }
        return parts.isEmpty ? "no penalties" : parts.joined(separator: " + ")
    }

    /// The conflicts the roster could not avoid, costliest first; at most `limit` lines plus a summary.
    public func conflicts(_ evaluation: Evaluation, limit: Int? = 40) -> String {
        var lines: [String] = []
        for violation in evaluation.hardViolations {
            let who = violation.staff.map { problem.staff[$0].id } ?? "?"
            let when = violation.day.map { " from \(dayLabel($0))" } ?? ""
            lines.append("HARD  \(who)\(when): \(violation.rule.rawValue) — \(violation.detail)")
        }
        let penalties = evaluation.penalties.sorted {
            ($0.cost, -($0.day ?? -1), $1.kind) > ($1.cost, -($1.day ?? -1), $0.kind)
        }
        let shown = limit.map { Array(penalties.prefix($0)) } ?? penalties
        for penalty in shown {
            lines.append(String(format: "%6d  ", penalty.cost) + describe(penalty))
        }
        if shown.count < penalties.count {
            let rest = penalties.dropFirst(shown.count)
            lines.append("        … and \(rest.count) more costing \(rest.reduce(0) { $0 + $1.cost }) (--all-conflicts lists them)")
        }
        return lines.isEmpty ? "no conflicts" : lines.joined(separator: "\n")
    }

    /// One soft conflict in words: who, when, what.
    public func describe(_ penalty: Penalty) -> String {
        let shift = penalty.shift.map { problem.shiftTypes[$0].id } ?? ""
        let day = penalty.day.map(dayLabel) ?? ""
        let who = penalty.staff.map { problem.staff[$0].id } ?? ""
        let group = penalty.detail.map { " (\($0))" } ?? ""
        switch penalty.kind {
        case .underCover:
            return "\(day) \(shift): \(penalty.units) short of cover\(group)"
        case .overCover:
            return "\(day) \(shift): \(penalty.units) more than wanted\(group)"
        case .shiftOnRequest:
            return "\(who) asked for \(shift) on \(day), not given"
        case .shiftOffRequest:
            return "\(who) asked not to work \(shift) on \(day), given"
        case .dayOnRequest:
            return "\(who) asked to work on \(day), not given"
        case .dayOffRequest:
            return "\(who) asked for \(day) off, not given"
        case .fairness:
            return "\(who): \(penalty.detail ?? "outside fair share"), \(penalty.units) outside"
        case .change:
            return "\(who) \(day) \(shift): \(penalty.detail ?? "changed from the published roster")"
        }
    }

    /// `day 3 Thu`, or `Thu 24 Dec` when the horizon has dates.
    public func dayLabel(_ day: Int) -> String {
        if let date = problem.date(of: day) { return date.short }
        return "day \(day) " + ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][problem.weekday(of: day)]
    }
}

extension String {
    fileprivate func replacingTrailingSpaces() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
