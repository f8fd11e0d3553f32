public import RotaCore

/// The reports a practice manager reads: the roster grouped by role, the coverage table, per-person
/// totals. Built from the problem, the roster and its evaluation only.
public struct PracticeReport: Sendable {
    public let problem: RosterProblem
    /// ANSI colour (a terminal without NO_COLOR); marks that matter are also visible without it.
    public var colour: Bool

    /// The columns the grids must fit in (a terminal's width, `--width`); `nil` prints every day on one row.
    /// Too narrow for the month, the grids come in blocks of whole weeks (Monday to Sunday), each under its
    /// own header, and the per-person table leaves out its role column.
    public var width: Int?

    public init(problem: RosterProblem, colour: Bool, width: Int? = nil) {
        self.problem = problem
        self.colour = colour
        self.width = width
    }

    /// The days of each block of a grid whose labels take `labelWidth` and each day `cellWidth` + 1
    /// columns: all days when they fit in ``width``, else as many whole weeks as fit (any days when not one
    /// week does), breaking before Mondays.
    func dayBlocks(labelWidth: Int, cellWidth: Int) -> [Range<Int>] {
        let days = problem.dayCount
        guard let width, days > 0 else { return [0..<days] }
        let fit = max(1, (width - labelWidth - 2) / (cellWidth + 1))
        guard fit < days else { return [0..<days] }
        var blocks: [Range<Int>] = []
        var start = 0
        while start < days {
            var end = min(days, start + fit)
            if fit >= 7 && end < days {
                var monday = end
                while monday > start + 1 && problem.weekday(of: monday) != 0 { monday -= 1 }
                if monday > start + 1 || problem.weekday(of: monday) == 0 { end = monday }
            }
            blocks.append(start..<end)
            start = end
        }
        return blocks
    }

    private func paint(_ text: String, _ code: String) -> String { colour && !text.isEmpty ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }

    /// Each shift type's symbol: its own, else the first unused character of its id that is not one of the
    /// grid's own markers (``ShiftType/gridMarkers``).
    public var symbols: [String] {
        var used = ShiftType.gridMarkers.union(problem.shiftTypes.compactMap(\.symbol))
        return problem.shiftTypes.map { shift in
            if let symbol = shift.symbol, !symbol.isEmpty { return symbol }
            for character in shift.id where character.isLetter || character.isNumber {
                let candidate = String(character)
                if !used.contains(candidate) { used.insert(candidate); return candidate }
            }
            return shift.id
        }
    }

    private func pad(_ text: String, _ width: Int, visible: Int? = nil) -> String {
        text + String(repeating: " ", count: max(0, width - (visible ?? text.count)))
    }

    private func header(nameWidth: Int, cellWidth: Int, days: Range<Int>) -> [String] {
        let numbers = days.map { day in problem.date(of: day).map { String($0.day) } ?? String(day) }
        let weekdays = days.map { ["M", "T", "W", "T", "F", "S", "S"][problem.weekday(of: $0)] }
        let marks = days.map { problem.holidays[$0] != nil ? "H" : (problem.isWeekend($0) ? "▔" : "") }
        func row(_ label: String, _ cells: [String]) -> String {
            (pad(label, nameWidth) + " │" + cells.map { " " + pad($0, cellWidth) }.joined()).trimmedRight()
        }
        let month = problem.startDate.map { CalendarDate.monthNames[$0.month - 1] + " \($0.year)" } ?? "day"
        return [row(month, numbers), row("", weekdays), row("", marks),
            String(repeating: "─", count: nameWidth + 1) + "┼" + String(repeating: "─", count: days.count * (cellWidth + 1))]
    }

    /// Role groups in first-appearance order, with their members.
    var roleGroups: [(role: String, members: [Int])] {
        var order: [String] = []
        var members: [String: [Int]] = [:]
        for (index, person) in problem.staff.enumerated() {
            let role = person.role ?? "staff"
            if members[role] == nil { order.append(role) }
            members[role, default: []].append(index)
        }
        return order.map { ($0, members[$0] ?? []) }
    }

    /// What one cell of the roster shows, in this order: the shifts worked (earliest first), else leave
    /// (its reason; nil for a day off), else a lapsed credential, else nothing.
    enum CellState {
        case shifts([Int])
        case leave(reason: String?)
        case lapsed
        case off
    }

    func cellState(_ person: Int, _ day: Int, in cells: [[[Int]]]) -> CellState {
        let shifts = cells[person][day].sorted {
            (problem.shiftTypes[$0].start ?? 0, $0) < (problem.shiftTypes[$1].start ?? 0, $1)
        }
        if !shifts.isEmpty { return .shifts(shifts) }
        if let reason = problem.staff[person].leave[day] { return .leave(reason: reason) }
        if problem.staff[person].daysOff.contains(day) { return .leave(reason: nil) }
        return credentialLapsed(person, day) ? .lapsed : .off
    }

    /// Whether the person can work nothing on `day` and an expired credential is among the reasons.
    private func credentialLapsed(_ person: Int, _ day: Int) -> Bool {
        let shifts = problem.shiftTypes.indices
        guard shifts.allSatisfy({ !problem.isPermitted(staff: person, day: day, shift: $0) }) else { return false }
        return shifts.contains { problem.staff[person].blocked[DayShift(day: day, shift: $0)]?.isExpiredCredential == true }
    }

    public func roster(_ roster: Roster) -> String {
        let cells = roster.grid(staffCount: problem.staff.count, dayCount: problem.dayCount)
        let symbols = self.symbols
        func text(_ person: Int, _ day: Int) -> (String, Int) {
            switch cellState(person, day, in: cells) {
            case .shifts(let shifts):
                let plain = shifts.map { symbols[$0] }.joined()
                let painted = shifts.map { problem.shiftTypes[$0].isOnCall ? paint(symbols[$0], "36") : symbols[$0] }.joined()
                return (painted, plain.count)
            case .leave: return (paint("L", "33"), 1)
            case .lapsed: return (paint("x", "31"), 1)
            case .off: return (".", 1)
            }
        }
        let cellWidth = max(2, (0..<problem.staff.count).flatMap { p in (0..<problem.dayCount).map { text(p, $0).1 } }.max() ?? 1)
        let nameWidth = max(12, problem.staff.map(\.id.count).max() ?? 12)
        var lines: [String] = []
        for days in dayBlocks(labelWidth: nameWidth, cellWidth: cellWidth) {
            if !lines.isEmpty { lines.append("") }
            lines += header(nameWidth: nameWidth, cellWidth: cellWidth, days: days)
            for group in roleGroups {
                lines.append(paint(group.role, "1"))
                for person in group.members {
                    let row = days.map { day -> String in
                        let (painted, width) = text(person, day)
                        return " " + pad(painted, cellWidth, visible: width)
                    }
                    lines.append((pad("  " + problem.staff[person].id, nameWidth) + " │" + row.joined()).trimmedRight())
                }
            }
        }
        let legend = problem.shiftTypes.indices.map { index in
            let shift = problem.shiftTypes[index]
            let clock = shift.start.map { " \(ClockTime.text($0))–\(ClockTime.text($0 + shift.lengthMinutes))" } ?? ""
            return "\(symbols[index])=\(shift.id)\(clock)"
        }
        lines.append("")
        lines.append("key: " + legend.joined(separator: "  ") + "   L leave  x credential expired  . off  H public holiday  ▔ weekend")
        let holidays = problem.holidays.keys.sorted().map { day in "\(problem.date(of: day)?.short ?? "day \(day)") \(problem.holidays[day] ?? "")" }
        if !holidays.isEmpty { lines.append("holidays: " + holidays.joined(separator: ", ")) }
        return lines.joined(separator: "\n")
    }

    /// Required against assigned, one row per (session, group), dates across: the count assigned, `!` when
    /// short of the requirement, `+` when above a target that prices extra people or above a cap.
    ///
    /// Several rules can count the same group on the same session (a hard floor of one nurse and a
    /// demand-derived target of two); they count the same people, so the cell needs the largest of their
    /// requirements, not their sum, and is above only past the lowest priced target or cap.
    public func coverage(_ roster: Roster) -> String {
        let (order, rows) = coverageTable(roster)
        let nameWidth = max(12, order.map(\.count).max() ?? 12)
        let cellWidth = 3
        var lines: [String] = []
        var short = 0, over = 0
        for days in dayBlocks(labelWidth: nameWidth, cellWidth: cellWidth) {
            if !lines.isEmpty { lines.append("") }
            lines += header(nameWidth: nameWidth, cellWidth: cellWidth, days: days)
            for key in order {
                let cells = days.map { day -> String in
                    guard let cell = rows[key]?[day] else { return " " + pad("·", cellWidth) }
                    var text = String(cell.assigned)
                    if cell.assigned < cell.required {
                        text += "!"
                        short += cell.required - cell.assigned
                        return " " + pad(paint(text, "31"), cellWidth, visible: text.count)
                    }
                    if let limit = cell.overLimit, cell.assigned > limit {
                        text += "+"
                        over += cell.assigned - limit
                        return " " + pad(paint(text, "2"), cellWidth, visible: text.count)
                    }
                    return " " + pad(text, cellWidth)
                }
                lines.append((pad(key, nameWidth) + " │" + cells.joined()).trimmedRight())
            }
        }
        lines.append("")
        lines.append("cells: people assigned; ! short of the requirement, + above a target or cap, · nothing required. "
            + "In all: \(short) short, \(over) above.")
        return lines.joined(separator: "\n")
    }

    /// One coverage cell: people assigned, the most any rule requires, and the lowest target or cap above which
    /// people are extra (nil: none).
    typealias CoverageCell = (assigned: Int, required: Int, overLimit: Int?)

    /// The coverage table's rows (session and group, in the order the rules come) and cells by day.
    func coverageTable(_ roster: Roster) -> (order: [String], rows: [String: [Int: CoverageCell]]) {
        let assigned = Set(roster.assignments)
        var rows: [String: [Int: CoverageCell]] = [:]
        var order: [String] = []
        for requirement in problem.cover {
            let key = coverageKey(requirement)
            if rows[key] == nil { order.append(key) }
            let count = requirement.count(in: assigned, staffCount: problem.staff.count)
            let previous = rows[key]?[requirement.day]
            var overLimit = previous?.overLimit
            for limit in [requirement.pricedAbove, requirement.hardMaximum].compactMap({ $0 }) {
                overLimit = min(overLimit ?? limit, limit)
            }
            rows[key, default: [:]][requirement.day] = (
                max(previous?.assigned ?? 0, count), max(previous?.required ?? 0, requirement.wanted), overLimit
            )
        }
        return (order, rows)
    }

    /// The coverage row a requirement counts in.
    func coverageKey(_ requirement: CoverRequirement) -> String {
        "\(problem.sessionName(of: requirement)) \(requirement.group ?? "all")"
    }

    /// What a person worked: paid minutes, on-call shifts, weekend days and public holidays, and requests
    /// granted of those asked.
    struct PersonTotals {
        var minutes = 0, calls = 0, weekendDays = 0, holidays = 0
        var requests: (granted: Int, asked: Int) = (0, 0)
    }

    func totals(of person: Int, _ days: [[Int]]) -> PersonTotals {
        var totals = PersonTotals()
        for (day, shifts) in days.enumerated() where !shifts.isEmpty {
            totals.minutes += shifts.reduce(0) { $0 + problem.shiftTypes[$1].paidMinutes }
            totals.calls += shifts.filter { problem.shiftTypes[$0].isOnCall }.count
            if problem.isWeekend(day) { totals.weekendDays += 1 }
            if problem.holidays[day] != nil { totals.holidays += 1 }
        }
        totals.requests = requestTally(person, days)
        return totals
    }

    /// Per person: paid hours against contract, on-call shifts, weekend days and holidays worked, requests.
    public func totals(_ roster: Roster) -> String {
        let cells = roster.grid(staffCount: problem.staff.count, dayCount: problem.dayCount)
        let nameWidth = max(12, problem.staff.map(\.id.count).max() ?? 12)
        // The role is in the roster grid's groups too; a narrow page goes without it here.
        let withRole = width.map { nameWidth + 83 <= $0 } ?? true
        var lines = [pad("person", nameWidth) + (withRole ? "  role      " : "") + "  FTE   paid h  contract h    %  calls  wkend days  holidays" + (withRole ? "  requests granted" : " granted")]
        for group in roleGroups {
            for person in group.members {
                let member = problem.staff[person]
                let worked = totals(of: person, cells[person])
                let (minutes, calls, weekendDays, holidays, requests) = (worked.minutes, worked.calls, worked.weekendDays, worked.holidays, worked.requests)
                let contract = member.contractMinutes.map { String(format: "%10.1f", Double($0) / 60) } ?? "         —"
                let percent = member.contractMinutes.map { $0 > 0 ? String(format: "%4.0f", Double(minutes) / Double($0) * 100) : "   —" } ?? "   —"
                lines.append(
                    pad(member.id, nameWidth) + (withRole ? "  " + pad(member.role ?? "", 10) : "") + String(format: "%5.2f", member.fte ?? 1)
                        + String(format: "%9.1f", Double(minutes) / 60) + "  " + contract + " " + percent
                        + String(format: "%7d", calls) + String(format: "%12d", weekendDays) + String(format: "%10d", holidays)
                        + (requests.asked > 0 ? "  \(requests.granted) of \(requests.asked)" : ""))
            }
        }
        return lines.joined(separator: "\n")
    }

    private func requestTally(_ person: Int, _ days: [[Int]]) -> (granted: Int, asked: Int) {
        var granted = 0, asked = 0
        for request in problem.shiftOnRequests where request.staff == person && !request.standing {
            asked += 1
            if days[request.day].contains(request.shift) { granted += 1 }
        }
        for request in problem.shiftOffRequests where request.staff == person && !request.standing {
            asked += 1
            if !days[request.day].contains(request.shift) { granted += 1 }
        }
        for request in problem.dayOnRequests where request.staff == person {
            asked += 1
            if !days[request.day].isEmpty { granted += 1 }
        }
        for request in problem.dayOffRequests where request.staff == person && !request.rotation {
            asked += 1
            if days[request.day].isEmpty { granted += 1 }
        }
        return (granted, asked)
    }

    /// How patient demand became cover, one line per date and session.
    public func demand(_ derivations: [DemandDerivation], visitsPerProvider: Double? = nil) -> String {
        var lines = ["date         session  visits  providers  support"]
        for item in derivations {
            let date = problem.date(of: item.day)?.short ?? "day \(item.day)"
            let support = item.support.map { "\($0.count) \($0.who)" }.joined(separator: ", ")
            lines.append(
                pad(date, 12) + " " + pad(problem.shiftTypes[item.shift].id, 8) + String(format: "%7.1f", item.visits)
                    + String(format: "%11d", item.providers) + "  " + support)
        }
        // Support per provider rostered depends on the roster, not on the demand: one line per ratio.
        var sessions: [String: [Int]] = [:]
        var order: [String] = []
        for rule in problem.supportRatios {
            let ratio = Double(rule.numerator) / Double(rule.denominator)
            let key = "\(String(format: "%g", ratio)) \(rule.group) per \(rule.providerGroup) rostered"
            if sessions[key] == nil { order.append(key) }
            if !(sessions[key]?.contains(rule.shift) ?? false) { sessions[key, default: []].append(rule.shift) }
        }
        for key in order {
            let names = sessions[key]!.map { problem.shiftTypes[$0].id }.joined(separator: ", ")
            lines.append("support: \(key), rounded up, on \(names) every day they run")
        }
        return lines.joined(separator: "\n")
    }
}

extension String {
    fileprivate func trimmedRight() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
