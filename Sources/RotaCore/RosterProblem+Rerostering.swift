/// Why a re-roster cannot keep the frozen days as published.
public struct FrozenDayConflict: Error, Sendable, CustomStringConvertible {
    public var staff: String
    public var date: String
    public var shift: String
    public var reason: String
    public var description: String {
        "\(staff) works \(shift) on \(date) in the published roster, which the change makes impossible (\(reason)), "
            + "and that day is frozen"
    }
}

extension RosterProblem {
    /// Cost of changing an assignment on `day` when re-rostering from `firstFreeDay` with base weight
    /// `weight`: twice the weight on the first free day, falling evenly to the weight a week later and after,
    /// so changes close to today cost more than changes further out.
    public static func changeWeight(day: Int, firstFreeDay: Int, weight: Int) -> Int {
        guard day >= firstFreeDay else { return 0 }
        return weight + weight * max(0, 7 - (day - firstFreeDay)) / 7
    }

    /// This problem re-rostered against `reference` (a published roster, in this problem's indices): every
    /// changed assignment from `firstFreeDay` on costs ``changeWeight(day:firstFreeDay:weight:)``, and the
    /// days before it are frozen — published assignments pinned, nothing else allowed.
    public func rerostering(reference: Roster, firstFreeDay: Int, weight: Int) throws(FrozenDayConflict) -> RosterProblem {
        var copy = self
        let frozen = max(0, min(firstFreeDay, dayCount))
        let published = Set(reference.assignments)
        for assignment in reference.assignments where assignment.day < frozen {
            guard isPermitted(staff: assignment.staff, day: assignment.day, shift: assignment.shift) else {
                let member = staff[assignment.staff]
                let cell = DayShift(day: assignment.day, shift: assignment.shift)
                throw FrozenDayConflict(
                    staff: member.id, date: date(of: assignment.day)?.short ?? "day \(assignment.day)",
                    shift: shiftTypes[assignment.shift].id,
                    reason: member.blocked[cell]?.description ?? member.leave[assignment.day].map { "\($0) leave" } ?? "not permitted")
            }
            copy.pinned.append(assignment)
        }
        for person in staff.indices {
            for day in 0..<frozen {
                for shift in shiftTypes.indices where !published.contains(Assignment(staff: person, day: day, shift: shift)) {
                    if copy.staff[person].blocked[DayShift(day: day, shift: shift)] == nil {
                        copy.staff[person].blocked[DayShift(day: day, shift: shift)] = .frozen
                    }
                }
            }
        }
        copy.stability = Stability(
            reference: published,
            dayWeights: (0..<dayCount).map { Self.changeWeight(day: $0, firstFreeDay: frozen, weight: weight) })
        return copy
    }
}
