extension RosterProblem {
    /// The problem of scheduling only `person`, with everyone else's assignments taken as given: cover
    /// requirements are reduced by what the others already supply, and only this person's requests stay.
    ///
    /// Every hard rule binds one person, so this problem is infeasible exactly when `person` cannot meet
    /// their own hard rules, whatever everyone else does.
    public func restricted(to person: Int, others: Roster) -> RosterProblem {
        var supplied: [Int: Int] = [:]
        for assignment in others.assignments where assignment.staff != person {
            supplied[assignment.day * shiftTypes.count + assignment.shift, default: 0] += 1
        }
        var copy = self
        copy.name = "\(name) / \(staff[person].id)"
        copy.staff = [staff[person]]
        copy.shiftOnRequests = shiftOnRequests.filter { $0.staff == person }.map { request in
            var moved = request
            moved.staff = 0
            return moved
        }
        copy.shiftOffRequests = shiftOffRequests.filter { $0.staff == person }.map { request in
            var moved = request
            moved.staff = 0
            return moved
        }
        copy.cover = cover.map { requirement in
            var reduced = requirement
            let already = supplied[requirement.day * shiftTypes.count + requirement.shift] ?? 0
            reduced.required = max(0, requirement.required - already)
            // Extra people beyond the original requirement already cost the over-weight.
            if already > requirement.required { reduced.underWeight = 0 }
            return reduced
        }
        return copy
    }
}
