extension RosterProblem {
    /// The problem of scheduling only `person`, with everyone else's assignments taken as given: cover
    /// requirements are reduced by what the others already supply, and only this person's requests, pins
    /// and fair shares stay.
    ///
    /// Every hard rule kept binds one person, so this problem is infeasible exactly when `person` cannot
    /// meet their own hard rules, whatever everyone else does. (Hard cover floors and ceilings,
    /// supervision and support ratios span people; they are left out here.)
    public func restricted(to person: Int, others: Roster) -> RosterProblem {
        let othersAssigned = Set(others.assignments.filter { $0.staff != person })
        func moved<T>(_ items: [T], staff: WritableKeyPath<T, Int>) -> [T] {
            items.filter { $0[keyPath: staff] == person }.map { item in
                var copy = item
                copy[keyPath: staff] = 0
                return copy
            }
        }
        var copy = self
        copy.name = "\(name) / \(staff[person].id)"
        copy.staff = [staff[person]]
        copy.shiftOnRequests = moved(shiftOnRequests, staff: \.staff)
        copy.shiftOffRequests = moved(shiftOffRequests, staff: \.staff)
        copy.dayOnRequests = moved(dayOnRequests, staff: \.staff)
        copy.dayOffRequests = moved(dayOffRequests, staff: \.staff)
        copy.pinned = moved(pinned, staff: \.staff)
        copy.supervision = []
        copy.supportRatios = []
        copy.stability = stability.map { stability in
            Stability(
                reference: Set(stability.reference.filter { $0.staff == person }.map { Assignment(staff: 0, day: $0.day, shift: $0.shift) }),
                dayWeights: stability.dayWeights)
        }
        copy.fairness = fairness.map { rule in
            var kept = rule
            kept.shares = moved(rule.shares, staff: \.staff)
            return kept
        }
        copy.cover = cover.compactMap { requirement in
            guard requirement.counts(person) else { return nil }
            var reduced = requirement
            let already = requirement.count(in: othersAssigned, staffCount: staff.count)
            reduced.staff = nil
            reduced.hardMinimum = 0
            reduced.hardMaximum = nil
            reduced.required = max(0, requirement.required - already)
            // Extra people beyond the original requirement already cost the over-weight.
            if already > requirement.required { reduced.underWeight = 0 }
            return reduced
        }
        return copy
    }
}
