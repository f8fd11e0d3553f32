import Foundation

extension ScenarioNormalizer {
    /// Pre-solve checks that need no solver: hard cover nobody can give, people whose contract minimum or
    /// weekly minimum their open days cannot reach, and totals of cover that contract caps make impossible.
    mutating func deadEnds(_ problem: RosterProblem) {
        weeklyMinimums(problem)
        coverAgainstCaps(problem)
        weekendsAgainstMaxWeekends(problem)
        for requirement in problem.cover where requirement.hardMinimum > 0 {
            let pool = requirement.people(staffCount: problem.staff.count)
            // Each person can give at most one for each cell open to them (a person on two cells counts twice).
            let cells = requirement.cells
            let open = pool.map { p in cells.count { problem.isPermitted(staff: p, day: $0.day, shift: $0.shift) } }
            guard open.reduce(0, +) < requirement.hardMinimum else { continue }
            let candidates = open.filter { $0 > 0 }
            let date = problem.date(of: requirement.day).map(\.short) ?? "day \(requirement.day)"
            let who = requirement.group ?? "people"
            let line = coverageLine(of: requirement, in: problem)
            let reasons = Dictionary(grouping: pool.compactMap { p -> String? in
                problem.staff[p].leave[requirement.day] != nil ? "on leave" : problem.staff[p].blocked[DayShift(day: requirement.day, shift: requirement.shift)]?.description
            }, by: { $0 }).map { "\($0.value.count) \($0.key)" }.sorted()
            reader.deadEnd(
                at: line?.location ?? SourceLocation(line: 0, column: 0, path: "coverage"),
                "\(date) \(problem.sessionName(of: requirement)) needs \(requirement.hardMinimum) \(who); "
                    + (pool.isEmpty ? "there are no \(who)" : "only \(candidates.count) of \(pool.count) can work it (\(reasons.joined(separator: ", ")))"),
                hint: "move leave, add staff, or make this coverage soft (`hard: false`)")
        }
        for (p, member) in problem.staff.enumerated() {
            guard let minimum = member.limits.minPaidMinutes, minimum > 0 else { continue }
            let open = (0..<problem.dayCount).filter { d in problem.shiftTypes.indices.contains { problem.isPermitted(staff: p, day: d, shift: $0) } }
            let perDay = problem.shiftTypes.map(\.paidMinutes).sorted(by: >).prefix(member.limits.maxShiftsPerDay).reduce(0, +)
            if open.count * perDay < minimum, let person = scenario.staff.first(where: { $0.id.value == member.id }) {
                reader.deadEnd(
                    at: person.id.location,
                    "\(member.id) must be paid at least \(minimum / 60)h but can work only \(open.count) days",
                    hint: "lower the contract's hours_range or FTE, or shorten the leave")
            }
        }
    }

    /// The most paid minutes `person` can work on `day`: the longest of their permitted shifts, up to their
    /// shifts a day (clashes aside: an upper bound).
    private func mostMinutes(_ problem: RosterProblem, person: Int, day: Int) -> Int {
        problem.shiftTypes.indices.filter { problem.isPermitted(staff: person, day: day, shift: $0) }
            .map { problem.shiftTypes[$0].paidMinutes }.sorted(by: >)
            .prefix(problem.staff[person].limits.maxShiftsPerDay).reduce(0, +)
    }

    private func hours(_ minutes: Int) -> String {
        minutes % 60 == 0 ? "\(minutes / 60) h" : String(format: "%.1f h", Double(minutes) / 60)
    }

    private func location(of member: StaffMember) -> SourceLocation {
        scenario.staff.first { $0.id.value == member.id }?.id.location ?? SourceLocation(line: 0, column: 0, path: "staff")
    }

    /// A week's minimum that leave, unavailability, expiry or the days shifts run leave out of reach.
    private mutating func weeklyMinimums(_ problem: RosterProblem) {
        for (p, member) in problem.staff.enumerated() {
            for window in member.limits.minuteWindows {
                guard let minimum = window.minimum, minimum > 0 else { continue }
                let days = window.days.clamped(to: 0...(problem.dayCount - 1))
                let reachable = days.reduce(0) { $0 + mostMinutes(problem, person: p, day: $1) }
                guard reachable < minimum else { continue }
                let closed = days.filter { mostMinutes(problem, person: p, day: $0) == 0 }.map { d -> String in
                    let date = problem.date(of: d)?.short ?? "day \(d)"
                    if let kind = member.leave[d] { return "\(date) \(kind) leave" }
                    let reasons = Set(problem.shiftTypes.indices.compactMap { member.blocked[DayShift(day: d, shift: $0)]?.description })
                    return "\(date) " + (reasons.sorted().first ?? "nothing open")
                }
                let first = problem.date(of: days.lowerBound)?.short ?? "day \(days.lowerBound)"
                let last = problem.date(of: days.upperBound)?.short ?? "day \(days.upperBound)"
                reader.deadEnd(
                    at: location(of: member),
                    "\(member.id) must be paid at least \(hours(minimum)) in the week \(first) – \(last) (`min_hours_per_week`) "
                        + "but can work at most \(hours(reachable)) that week" + (closed.isEmpty ? "" : " (closed: " + closed.prefix(4).joined(separator: "; ") + ")"),
                    hint: "lower `min_hours_per_week`, move the leave, or renew the credential")
            }
        }
    }

    /// The coverage line a requirement most likely comes from (for the error's position): a line of one
    /// shift for a requirement of one session, else a line of several shifts or hours, of the same `who`.
    private func coverageLine(of requirement: CoverRequirement, in problem: RosterProblem) -> Scenario.Coverage? {
        let id = problem.shiftTypes[requirement.shift].id
        return scenario.coverage.first { line in
            guard line.who?.value == requirement.group else { return false }
            if requirement.label == nil { return line.hours == nil && line.shifts.count == 1 && line.shifts[0].value == id }
            return line.hours != nil || line.shifts.count > 1
        }
    }

    /// Hard cover of one shift type and group that the people's caps on that shift type (`max_shifts`)
    /// cannot add up to: `31 CALL sessions need a physician; four may take 7 each, 28 in all`.
    private mutating func coverAgainstCaps(_ problem: RosterProblem) {
        var sessions: [String: [CoverRequirement]] = [:]
        for requirement in problem.cover where requirement.hardMinimum > 0 && requirement.alsoCounted.isEmpty {
            sessions["\(requirement.shift) \(requirement.group ?? "")", default: []].append(requirement)
        }
        for (_, requirements) in sessions.sorted(by: { $0.key < $1.key }) {
            let shift = requirements[0].shift, group = requirements[0].group ?? "people"
            // A session asks for the largest floor any rule puts on it.
            var floors: [Int: Int] = [:]
            for requirement in requirements { floors[requirement.day] = max(floors[requirement.day] ?? 0, requirement.hardMinimum) }
            let needed = floors.values.reduce(0, +)
            let pool = requirements[0].people(staffCount: problem.staff.count)
            var capacity = 0
            var capped: [String] = []
            for person in pool {
                let open = floors.keys.filter { problem.isPermitted(staff: person, day: $0, shift: shift) }.count
                let cap = problem.staff[person].limits.maxShiftsByType[shift]
                capacity += min(open, cap ?? Int.max)
                if let cap, cap < open { capped.append("\(problem.staff[person].id) \(cap)") }
            }
            guard capacity < needed, !capped.isEmpty else { continue }
            let id = problem.shiftTypes[shift].id
            let line = coverageLine(of: requirements[0], in: problem)
            reader.deadEnd(
                at: line?.location ?? SourceLocation(line: 0, column: 0, path: "coverage"),
                "\(floors.count) \(id) sessions need \(needed) \(group) in all, but the \(group) who can work them may take at most \(capacity) "
                    + "(`max_shifts`: " + capped.prefix(6).joined(separator: ", ") + (capped.count > 6 ? ", …" : "") + "): \(needed - capacity) cannot be covered",
                hint: "raise a `max_shifts` cap for \(id), add staff who can work it, or make this coverage soft (`hard: false`)")
        }
    }

    /// Hard cover on weekend days of one group that the people's `max_weekends` cannot add up to.
    private mutating func weekendsAgainstMaxWeekends(_ problem: RosterProblem) {
        var byGroup: [String: [CoverRequirement]] = [:]
        for requirement in problem.cover where requirement.hardMinimum > 0 && requirement.cells.allSatisfy({ problem.isWeekend($0.day) }) {
            byGroup[requirement.group ?? "", default: []].append(requirement)
        }
        let weekendOf = problem.weekendIndexByDay
        for (group, requirements) in byGroup.sorted(by: { $0.key < $1.key }) {
            // Each weekend needs at least as many people as its largest floor of the group.
            var needed: [Int: Int] = [:]
            for requirement in requirements {
                if let weekend = weekendOf[requirement.day] { needed[weekend] = max(needed[weekend] ?? 0, requirement.hardMinimum) }
            }
            let total = needed.values.reduce(0, +)
            let pool = requirements[0].people(staffCount: problem.staff.count)
            var capacity = 0
            var limited: [String] = []
            for person in pool {
                let open = needed.keys.filter { weekend in
                    problem.weekends[weekend].contains { d in problem.shiftTypes.indices.contains { problem.isPermitted(staff: person, day: d, shift: $0) } }
                }.count
                let cap = problem.staff[person].limits.maxWeekends
                capacity += min(open, cap ?? Int.max)
                if let cap, cap < open { limited.append("\(problem.staff[person].id) \(cap)") }
            }
            guard capacity < total, !limited.isEmpty else { continue }
            let who = group.isEmpty ? "people" : group
            let line = scenario.coverage.first { $0.who?.value == requirements[0].group }
            reader.deadEnd(
                at: line?.location ?? SourceLocation(line: 0, column: 0, path: "coverage"),
                "\(needed.count) weekends need \(who) on hard cover (\(total) person-weekends), but the \(who) who can work them may work "
                    + "\(capacity) weekends in all (`max_weekends`: " + limited.prefix(6).joined(separator: ", ") + (limited.count > 6 ? ", …" : "") + ")",
                hint: "raise `max_weekends`, add staff, or make the weekend coverage soft (`hard: false`)")
        }
    }
}
