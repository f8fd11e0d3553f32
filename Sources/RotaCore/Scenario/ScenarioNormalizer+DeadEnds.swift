import Foundation

extension ScenarioNormalizer {
    /// Pre-solve checks that need no solver: hard cover nobody can give, people whose contract minimum
    /// their open days cannot reach.
    mutating func deadEnds(_ problem: RosterProblem) {
        for requirement in problem.cover where requirement.hardMinimum > 0 {
            let pool = requirement.people(staffCount: problem.staff.count)
            let candidates = pool.filter {
                problem.isPermitted(staff: $0, day: requirement.day, shift: requirement.shift)
            }
            guard candidates.count < requirement.hardMinimum else { continue }
            let date = problem.date(of: requirement.day).map(\.short) ?? "day \(requirement.day)"
            let who = requirement.group ?? "people"
            let line = scenario.coverage.first { $0.shift.value == problem.shiftTypes[requirement.shift].id && $0.who?.value == requirement.group }
            let reasons = Dictionary(grouping: pool.compactMap { p -> String? in
                problem.staff[p].leave[requirement.day] != nil ? "on leave" : problem.staff[p].blocked[DayShift(day: requirement.day, shift: requirement.shift)]?.description
            }, by: { $0 }).map { "\($0.value.count) \($0.key)" }.sorted()
            reader.error(
                at: line?.location ?? SourceLocation(line: 0, column: 0, path: "coverage"),
                "\(date) \(problem.shiftTypes[requirement.shift].id) needs \(requirement.hardMinimum) \(who); "
                    + (pool.isEmpty ? "there are no \(who)" : "only \(candidates.count) of \(pool.count) can work it (\(reasons.joined(separator: ", ")))"),
                hint: "move leave, add staff, or make this coverage soft (`hard: false`)")
        }
        for (p, member) in problem.staff.enumerated() {
            guard let minimum = member.limits.minPaidMinutes, minimum > 0 else { continue }
            let open = (0..<problem.dayCount).filter { d in problem.shiftTypes.indices.contains { problem.isPermitted(staff: p, day: d, shift: $0) } }
            let perDay = problem.shiftTypes.map(\.paidMinutes).sorted(by: >).prefix(member.limits.maxShiftsPerDay).reduce(0, +)
            if open.count * perDay < minimum, let person = scenario.staff.first(where: { $0.id.value == member.id }) {
                reader.error(
                    at: person.id.location,
                    "\(member.id) must be paid at least \(minimum / 60)h but can work only \(open.count) days",
                    hint: "lower the contract's hours_range or FTE, or shorten the leave")
            }
        }
    }
}
