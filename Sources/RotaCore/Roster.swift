/// One assignment: person `staff` works shift type `shift` starting on `day` (all indices).
public struct Assignment: Sendable, Hashable, Comparable {
    public var staff: Int
    public var day: Int
    public var shift: Int
    public init(staff: Int, day: Int, shift: Int) {
        self.staff = staff
        self.day = day
        self.shift = shift
    }
    public static func < (a: Assignment, b: Assignment) -> Bool {
        (a.staff, a.day, a.shift) < (b.staff, b.day, b.shift)
    }
}

/// A roster: the assignments of one horizon, kept sorted by person, day and shift.
public struct Roster: Sendable, Hashable {
    public private(set) var assignments: [Assignment]

    public init<S: Sequence>(_ assignments: S) where S.Element == Assignment {
        self.assignments = assignments.sorted()
    }

    public static let empty = Roster([])

    /// Shift indices per person and day: `grid[staff][day]`.
    public func grid(staffCount: Int, dayCount: Int) -> [[[Int]]] {
        var grid = [[[Int]]](repeating: [[Int]](repeating: [], count: dayCount), count: staffCount)
        for assignment in assignments
        where assignment.staff >= 0 && assignment.staff < staffCount && assignment.day >= 0
            && assignment.day < dayCount
        {
            grid[assignment.staff][assignment.day].append(assignment.shift)
        }
        return grid
    }

    /// Assignments in `self` but not in `other`, and the other way round.
    public func differences(from other: Roster) -> (added: [Assignment], removed: [Assignment]) {
        let mine = Set(assignments)
        let theirs = Set(other.assignments)
        return (mine.subtracting(theirs).sorted(), theirs.subtracting(mine).sorted())
    }
}

extension Roster {
    /// This roster of `source`, in `target`'s indices, matched by staff and shift ids: what a change to a
    /// scenario leaves of it. People or shift types `target` lacks drop out.
    public func mapped(from source: RosterProblem, to target: RosterProblem) -> Roster {
        let staffIndex = Dictionary(target.staff.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let shiftIndex = Dictionary(target.shiftTypes.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        return Roster(assignments.compactMap { assignment in
            guard source.staff.indices.contains(assignment.staff), source.shiftTypes.indices.contains(assignment.shift),
                let staff = staffIndex[source.staff[assignment.staff].id], let shift = shiftIndex[source.shiftTypes[assignment.shift].id]
            else { return nil }
            return Assignment(staff: staff, day: assignment.day, shift: shift)
        })
    }
}
