import Foundation

extension ScenarioNormalizer {
    /// Fairness: each member's share of the expected total (the cover the rule's shifts and days ask for),
    /// in proportion to FTE and days not on leave; with a carry-over, their share of the period's total (the
    /// shifts carried over and this horizon's) less what they worked earlier, kept between 0 and this total.
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
            // Carried over: the share of everything worked so far in the period, less what each person did.
            var earlier: [Int: Int] = [:]
            for (who, count) in rule.carryOver {
                guard let p = resolve(who, in: staffIndex, what: "staff member", context: "fairness `\(rule.name)` carry_over") else { continue }
                if !memberSet.contains(p) {
                    reader.warning(at: who.location, "\(who.value) is not among the `\(rule.who.value)` that fairness `\(rule.name)` shares between, so their carry-over does nothing",
                        hint: "remove them from `carry_over`, or check `who`")
                    continue
                }
                earlier[p, default: 0] += count
            }
            let past = Double(earlier.values.reduce(0, +))
            let shares = zip(people, weights).map { p, weight in
                let fair = min(Double(total), max(0, (Double(total) + past) * weight / weightSum - Double(earlier[p] ?? 0)))
                var share = FairShare(staff: p, low: Int((fair + 1e-9).rounded(.down)), high: Int((fair - 1e-9).rounded(.up)))
                share.earlier = earlier[p] ?? 0
                return share
            }
            rules.append(FairnessRule(name: rule.name, shifts: shifts, days: ruleDays, weight: rule.weight, shares: shares))
        }
        return rules
    }
}
