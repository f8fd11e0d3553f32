public import RotaCore

/// A published month for `roster show`, in the grid and key `rota solve` prints (``PracticeReport/roster(_:)``):
/// people grouped by role, one symbol per shift type with its clock times in the key, leave, public
/// holidays and weekends marked, blocks of whole weeks when the width is narrower than the month.
public enum PublishedRosterGrid {
    /// A published assignment: who, when, and the shift as it was published (its clock times and pay).
    public struct Shift: Sendable {
        public var staff: String
        public var date: CalendarDate
        public var shift: String
        public var start: Int
        public var lengthMinutes: Int
        public var paidMinutes: Int
        public var isOnCall: Bool

        public init(staff: String, date: CalendarDate, shift: String, start: Int, lengthMinutes: Int, paidMinutes: Int, isOnCall: Bool) {
            self.staff = staff
            self.date = date
            self.shift = shift
            self.start = start
            self.lengthMinutes = lengthMinutes
            self.paidMinutes = paidMinutes
            self.isOnCall = isOnCall
        }
    }

    /// The month as a roster problem with nothing to solve, only to show: `people` (id and role) in order,
    /// the shift types the assignments use (by start, then id), `holidays`, and `leave` (person, date, kind).
    /// Assignments outside the month, and people not listed, are left out.
    public static func problem(
        month first: CalendarDate, people: [(id: String, role: String?)], shifts: [Shift], holidays: Set<CalendarDate>,
        leave: [(staff: String, date: CalendarDate, kind: String)]
    ) -> (problem: RosterProblem, roster: Roster) {
        let dayCount = CalendarDate.daysIn(month: first.month, year: first.year)
        var typeOf: [String: ShiftType] = [:]
        for shift in shifts where typeOf[shift.shift] == nil {
            typeOf[shift.shift] = ShiftType(
                id: shift.shift, lengthMinutes: shift.lengthMinutes, paidMinutes: shift.paidMinutes, start: shift.start,
                isOnCall: shift.isOnCall)
        }
        let types = typeOf.values.sorted { ($0.start ?? 0, $0.id) < ($1.start ?? 0, $1.id) }
        let typeIndex = Dictionary(uniqueKeysWithValues: types.enumerated().map { ($1.id, $0) })
        let staff = people.map { person -> StaffMember in
            var member = StaffMember(id: person.id)
            member.role = person.role
            return member
        }
        let staffIndex = Dictionary(people.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var problem = RosterProblem(
            name: "\(CalendarDate.monthNames[first.month - 1]) \(first.year)", dayCount: dayCount, firstWeekday: first.weekday,
            shiftTypes: types, staff: staff)
        problem.startDate = first
        for date in holidays {
            let day = first.days(to: date)
            if (0..<dayCount).contains(day) { problem.holidays[day] = "public holiday" }
        }
        for entry in leave {
            let day = first.days(to: entry.date)
            guard let person = staffIndex[entry.staff], (0..<dayCount).contains(day) else { continue }
            problem.staff[person].leave[day] = entry.kind
        }
        let assignments = shifts.compactMap { shift -> Assignment? in
            let day = first.days(to: shift.date)
            guard let person = staffIndex[shift.staff], let type = typeIndex[shift.shift], (0..<dayCount).contains(day) else {
                return nil
            }
            return Assignment(staff: person, day: day, shift: type)
        }
        return (problem, Roster(assignments))
    }
}
