import Foundation

extension ScenarioNormalizer {
    /// Fairness: each member's share of the expected total (the cover the rule's shifts and days ask for),
    /// in proportion to FTE and days not on leave.
    mutating func fairnessRules() -> [FairnessRule] {
        var rules: [FairnessRule] = []
        for rule in s.fairness {
            let shifts = rule.shifts.compactMap { resolve($0, in: shiftIndex, what: "shift type", context: "fairness `\(rule.name)`") }
            guard let people = members(rule.who, context: "fairness `\(rule.name)`") ?? Optional(Array(staff.indices)), !people.isEmpty else {
                reader.warning(at: rule.location, "fairness `\(rule.name)` counts nobody: no staff member is `\(rule.who.value)`",
                    hint: "name a role, group or skill that someone has")
                continue
            }
            let ruleDays: [Int]? = rule.days == .everyDay ? nil : days(rule.days)
            let daySet = ruleDays.map(Set.init)
            let memberSet = Set(people)
            let total = cover.reduce(0) { sum, requirement in
                guard requirement.cells.allSatisfy({ shifts.contains($0.shift) }), daySet?.contains(requirement.day) ?? true,
                    requirement.staff.map({ !memberSet.isDisjoint(with: $0) }) ?? true
                else { return sum }
                return sum + requirement.wanted
            }
            let weights = people.map { p in (staff[p].fte ?? 1) * Double(dayCount - staff[p].leave.count) / Double(dayCount) }
            let weightSum = weights.reduce(0, +)
            guard weightSum > 0 else { continue }
            let shares = zip(people, weights).map { p, weight in
                let fair = Double(total) * weight / weightSum
                return FairShare(staff: p, low: Int((fair + 1e-9).rounded(.down)), high: Int((fair - 1e-9).rounded(.up)))
            }
            rules.append(FairnessRule(name: rule.name, shifts: shifts, days: ruleDays, weight: rule.weight, shares: shares))
        }
        return rules
    }
}
