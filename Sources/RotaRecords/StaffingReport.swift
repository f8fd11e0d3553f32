import RotaCore

/// Per person, one month of a published roster: paid hours against the contract, overtime, and the
/// unsocial work (calls, nights, weekends, holidays) and leave behind them — what payroll needs.
public struct StaffingReport: Sendable {
    public struct Line: Sendable, Equatable {
        public var staffId: String
        public var name: String
        public var role: String
        public var fte: Double
        public var paidMinutes: Int
        /// Contract minutes (`ContractHours`): weekly hours × FTE / 5 for each employed contract day of the month
        /// (Monday to Friday, not a public holiday) not on approved leave.
        public var contractMinutes: Int
        /// Paid minutes above `contractMinutes`.
        public var overtimeMinutes: Int { max(0, paidMinutes - contractMinutes) }
        public var shifts: Int
        public var calls: Int
        /// Shifts running past 22:00.
        public var nights: Int
        /// Shifts starting on a Saturday or Sunday.
        public var weekendShifts: Int
        public var holidayShifts: Int
        /// Approved leave days in the month, any kind.
        public var leaveDays: Int
    }

    public var month: String
    public var version: RosterVersionRecord
    public var lines: [Line]

    /// The report for the latest (or the given) published version of `month`.
    public init(database: PracticeDatabase, month: String, version: Int? = nil) throws {
        let first = try Check.month(month)
        let last = first.adding(days: CalendarDate.daysIn(month: first.month, year: first.year) - 1)
        let published = try database.publishedRoster(month: month, version: version)
        self.month = month
        self.version = published.version
        let holidays = try database.holidays(of: published.version)
        let byPerson = Dictionary(grouping: published.assignments, by: \.staffId)
        let contracts = Dictionary(uniqueKeysWithValues: try database.contracts().map { ($0.id, $0) })
        let approved = Dictionary(
            grouping: try database.leaveRequests(LeaveFilter(status: .approved, from: first, to: last)), by: \.staffId)
        var lines: [Line] = []
        for person in try database.allStaff(includingInactive: true) {
            let employedFrom = max(first, CalendarDate(iso: person.employmentStart) ?? first)
            let employedTo = min(last, person.employmentEnd.flatMap(CalendarDate.init(iso:)) ?? last)
            let shifts = byPerson[person.id] ?? []
            guard employedFrom <= employedTo || !shifts.isEmpty else { continue }
            var leaveDays = Set<CalendarDate>()
            for request in approved[person.id] ?? [] {
                guard let from = CalendarDate(iso: request.firstDay), let to = CalendarDate(iso: request.lastDay) else { continue }
                var day = max(from, first)
                while day <= min(to, last) {
                    leaveDays.insert(day)
                    day = day.adding(days: 1)
                }
            }
            let employed = employedFrom <= employedTo ? (0...employedFrom.days(to: employedTo)).map { employedFrom.adding(days: $0) } : []
            let contractDays = ContractHours.contractDays(employed, holidays: holidays, leave: leaveDays)
            let weekly = contracts[person.contractId]?.weeklyHours ?? 0
            lines.append(Line(
                staffId: person.id, name: person.name, role: person.role, fte: person.fte,
                paidMinutes: shifts.reduce(0) { $0 + $1.paidMinutes },
                contractMinutes: ContractHours.minutes(weeklyHours: weekly, fte: person.fte, contractDays: contractDays),
                shifts: shifts.count, calls: shifts.filter(\.isOnCall).count, nights: shifts.filter(\.isNight).count,
                weekendShifts: shifts.filter { (CalendarDate(iso: $0.date)?.weekday ?? 0) >= 5 }.count,
                holidayShifts: shifts.filter(\.isHoliday).count, leaveDays: leaveDays.count))
        }
        self.lines = lines
    }
}
