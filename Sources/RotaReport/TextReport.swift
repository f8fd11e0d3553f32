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

    /// A contract minimum the roster falls short of, in hours: over the horizon, or in one week.
    func minimumLine(_ violation: HardViolation) -> String? {
        guard let staff = violation.staff else { return nil }
        func hours(_ minutes: Int) -> String { String(format: "%.1f h", Double(minutes) / 60) }
        let limits = problem.staff[staff].limits
        let who = problem.staff[staff].id
        switch violation.rule {
        case .minPaidMinutes:
            guard let minimum = limits.minPaidMinutes else { return nil }
            return "\(who): paid \(hours(minimum - violation.amount)) in all, at least \(hours(minimum)) (contract hours): "
                + "\(hours(violation.amount)) short"
        case .minWindowMinutes:
            guard let window = limits.minuteWindows.first(where: { $0.minimum != nil && $0.days.lowerBound == violation.day }),
                let minimum = window.minimum
            else { return nil }
            let first = max(0, window.days.lowerBound), last = min(problem.dayCount - 1, window.days.upperBound)
            return "\(who), week \(dayLabel(first)) – \(dayLabel(last)): paid \(hours(minimum - violation.amount)), "
                + "at least \(hours(minimum)) (`min_hours_per_week`): \(hours(violation.amount)) short"
        default:
            return nil
        }
    }

    /// One line of the conflict list, with where it happened (for a report that links it to its cell).
    public struct ConflictLine: Sendable {
        /// What happened, without the line's `HARD` or cost column.
        public var what: String
        public var isHard: Bool
        /// The soft cost of the line, for soft lines.
        public var cost: Int?
        public var staff: Int?
        public var day: Int?
        public var shift: Int?
        /// The cover requirement a cover line is about.
        public var requirement: Int?

        /// The line as the conflict list prints it: `HARD`, or the cost right-aligned in six columns.
        public var text: String {
            (isHard ? "HARD  " : cost.map { String(format: "%6d  ", $0) } ?? String(repeating: " ", count: 8)) + what
        }
    }

    /// The conflicts the roster could not avoid: broken hard rules first, then the soft costs, costliest
    /// first; at most `limit` soft lines plus a summary. A session's shortfall is one line, whatever number of
    /// rules ask for it (a hard floor and a demand target), with their costs added; a broken cover rule names
    /// the session, the group, the count against the rule, and who could have worked it.
    public func conflicts(_ evaluation: Evaluation, limit: Int? = 40, roster: Roster? = nil) -> String {
        let lines = conflictLines(evaluation, limit: limit, roster: roster)
        return lines.isEmpty ? "no conflicts" : lines.map(\.text).joined(separator: "\n")
    }

    /// ``conflicts(_:limit:roster:)`` line by line.
    public func conflictLines(_ evaluation: Evaluation, limit: Int? = 40, roster: Roster? = nil) -> [ConflictLine] {
        var lines: [ConflictLine] = []
        var penalties = Self.merged(evaluation.penalties, problem: problem)
        let assigned = roster.map { Set($0.assignments) }
        for violation in evaluation.hardViolations {
            if violation.rule == .coverMinimum || violation.rule == .coverMaximum, let index = violation.requirement {
                let requirement = problem.cover[index]
                // The soft cost of the same shortfall goes on this line.
                let same = penalties.indices.filter { p in
                    let penalty = penalties[p].penalty
                    return penalty.kind == (violation.rule == .coverMinimum ? .underCover : .overCover) && penalty.day == requirement.day
                        && session(of: penalty) == problem.sessionName(of: requirement) && group(of: penalty) == requirement.group
                }
                let cost = same.reduce(0) { $0 + penalties[$1].cost }
                for p in same.reversed() { penalties.remove(at: p) }
                var line = "\(dayLabel(requirement.day)) \(problem.sessionName(of: requirement)) \(requirement.group ?? "staff"): \(violation.detail)"
                if cost > 0 { line += " (and \(cost) in soft cost)" }
                if violation.rule == .coverMinimum { line += " — " + candidates(for: requirement, assigned: assigned) }
                lines.append(ConflictLine(what: line, isHard: true, day: requirement.day, shift: requirement.shift, requirement: index))
            } else if let line = minimumLine(violation) {
                lines.append(ConflictLine(what: line, isHard: true, staff: violation.staff, day: violation.day))
            } else {
                let who = violation.staff.map { problem.staff[$0].id } ?? "staff"
                let when = violation.day.map { " from \(dayLabel($0))" } ?? ""
                lines.append(ConflictLine(
                    what: "\(who)\(when): \(violation.rule.rawValue) — \(violation.detail)", isHard: true,
                    staff: violation.staff, day: violation.day, shift: violation.shift, requirement: violation.requirement))
            }
        }
        penalties.sort {
            ($0.cost, -($0.penalty.day ?? -1), $1.penalty.kind) > ($1.cost, -($1.penalty.day ?? -1), $0.penalty.kind)
        }
        let shown = limit.map { Array(penalties.prefix($0)) } ?? penalties
        for (cost, penalty) in shown {
            let isCover = penalty.kind == .underCover || penalty.kind == .overCover
            lines.append(ConflictLine(
                what: describe(penalty), isHard: false, cost: cost, staff: penalty.staff,
                day: penalty.day, shift: penalty.shift, requirement: isCover ? penalty.rule : nil))
        }
        if shown.count < penalties.count {
            let rest = penalties.dropFirst(shown.count)
            lines.append(ConflictLine(
                what: "… and \(rest.count) more costing \(rest.reduce(0) { $0 + $1.cost }) (--all-conflicts lists them)",
                isHard: false))
        }
        return lines
    }

    private func group(of penalty: Penalty) -> String? {
        penalty.rule.flatMap { problem.cover.indices.contains($0) ? problem.cover[$0].group : nil }
    }

    /// The session a cover penalty is about (its requirement's label, else its shift type); nil for others.
    private func session(of penalty: Penalty) -> String? {
        guard penalty.kind == .underCover || penalty.kind == .overCover, let rule = penalty.rule, problem.cover.indices.contains(rule)
        else { return penalty.shift.map { problem.shiftTypes[$0].id } }
        return problem.sessionName(of: problem.cover[rule])
    }

    /// Cover penalties of one kind on one session and group, from several rules (a coverage line and demand),
    /// as one line: described by the rule with the most people short or over, costing the sum.
    static func merged(_ penalties: [Penalty], problem: RosterProblem) -> [(cost: Int, penalty: Penalty)] {
        var result: [(cost: Int, penalty: Penalty)] = []
        var slot: [String: Int] = [:]
        for penalty in penalties {
            guard penalty.kind == .underCover || penalty.kind == .overCover, let day = penalty.day, let shift = penalty.shift,
                let rule = penalty.rule, problem.cover.indices.contains(rule)
            else {
                result.append((penalty.cost, penalty))
                continue
            }
            let key = "\(penalty.kind.rawValue) \(day) \(problem.sessionName(of: problem.cover[rule])) \(problem.cover[rule].group ?? "")"
            if let index = slot[key] {
                let shown = penalty.units > result[index].penalty.units ? penalty : result[index].penalty
                result[index] = (result[index].cost + penalty.cost, shown)
            } else {
                slot[key] = result.count
                result.append((penalty.cost, penalty))
            }
        }
        return result
    }

    /// Who could have worked `requirement`'s session (permitted and not rostered then) and who could not, and
    /// why (leave, not eligible, not available).
    private func candidates(for requirement: CoverRequirement, assigned: Set<Assignment>?) -> String {
        var could: [String] = []
        var couldNot: [String] = []
        let cells = requirement.cells
        for person in requirement.people(staffCount: problem.staff.count) {
            let member = problem.staff[person]
            if let assigned, cells.contains(where: { assigned.contains(Assignment(staff: person, day: $0.day, shift: $0.shift)) }) { continue }
            if cells.contains(where: { problem.isPermitted(staff: person, day: $0.day, shift: $0.shift) }) {
                could.append(member.id)
            } else if let kind = member.leave[requirement.day] {
                couldNot.append("\(member.id) (\(kind))")
            } else if let reason = member.blocked[DayShift(day: requirement.day, shift: requirement.shift)] {
                couldNot.append("\(member.id) (\(reason))")
            } else {
                couldNot.append("\(member.id) (day off)")
            }
        }
        var parts: [String] = []
        if !could.isEmpty { parts.append("available that day, not rostered: " + could.prefix(8).joined(separator: ", ") + (could.count > 8 ? ", …" : "")) }
        if !couldNot.isEmpty { parts.append("cannot: " + couldNot.prefix(8).joined(separator: ", ") + (couldNot.count > 8 ? ", …" : "")) }
        if parts.isEmpty { return "nobody in the group" }
        return parts.joined(separator: "; ")
    }

    /// One soft conflict in words: who, when, what.
    public func describe(_ penalty: Penalty) -> String {
        let shift = session(of: penalty) ?? ""
        let day = penalty.day.map(dayLabel) ?? ""
        let who = penalty.staff.map { problem.staff[$0].id } ?? ""
        let group = penalty.detail.map { " (\($0))" } ?? ""
        switch penalty.kind {
        case .underCover:
            return "\(day) \(shift): \(penalty.units) short of cover\(group)"
        case .overCover:
            return "\(day) \(shift): \(penalty.units) more than wanted\(group)"
        case .supportShort:
            return "\(day) \(shift): \(penalty.units) short of support per provider rostered\(group)"
        case .shiftOnRequest:
            return "\(who) asked for \(shift) on \(day), not given"
        case .shiftOffRequest:
            return "\(who) asked not to work \(shift) on \(day), given"
        case .dayOnRequest:
            return "\(who) asked to work on \(day), not given"
        case .holidayAgain:
            return "\(who) works \(penalty.detail ?? "the public holiday") on \(day) again, after working it last year"
        case .dayOffRequest:
            return "\(who) asked for \(day) off, not given"
        case .usualShiftMissed:
            return "\(who) does not work \(shift) on \(day), as in their standing week"
        case .unusualShift:
            return "\(who) works \(shift) on \(day), outside their standing week"
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
