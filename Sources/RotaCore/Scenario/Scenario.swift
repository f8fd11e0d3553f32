/// Where something was written: line and column in the scenario file, and its field path.
public struct SourceLocation: Sendable, Hashable {
    public var line: Int
    public var column: Int
    public var path: String
    /// The file, when it is not the scenario file itself (a demand CSV).
    public var file: String?
    public init(line: Int, column: Int, path: String, file: String? = nil) {
        self.line = line
        self.column = column
        self.path = path
        self.file = file
    }
}

/// A value as written, with where it was written (for error messages after parsing).
public struct Located<Value: Sendable & Hashable>: Sendable, Hashable {
    public var value: Value
    public var location: SourceLocation
    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}

/// A scenario file as a person wrote it: ids are still names, dates still dates. ``ScenarioNormalizer``
/// resolves it into a ``RosterProblem``; nothing after that looks at the file.
public struct Scenario: Sendable {
    public var file: String
    public var version: Int
    public var practice: String
    public var start: CalendarDate
    public var dayCount: Int
    public var weekendDays: [Int] = [5, 6]
    public var sites: [Site] = []
    public var roles: [Role] = []
    public var groups: [Group] = []
    public var skills: [Located<String>] = []
    public var credentials: [Located<String>] = []
    /// `skill_credentials`: a skill that counts only on days its holder has each of these credentials, current.
    public var skillCredentials: [(skill: Located<String>, credentials: [Located<String>])] = []
    public var holidays: [Holiday] = []
    public var shiftTypes: [ShiftTypeSpec] = []
    public var rest: RestRule?
    public var forbiddenSuccessions: [(from: Located<String>, to: Located<String>)] = []
    public var contracts: [Contract] = []
    public var staff: [Person] = []
    public var leave: [Leave] = []
    public var unavailability: [Unavailability] = []
    public var requests: [Request] = []
    public var standingWeeks: [StandingWeek] = []
    public var coverage: [Coverage] = []
    public var demand: Demand?
    public var fairness: [Fairness] = []
    public var history: [DatedShift] = []
    public var pinned: [DatedShift] = []
    /// `bend_order`: rule families (and shift types, for their hard cover), first to give way first; nil
    /// for the standard order (``BendOrder/standard``).
    public var bendOrder: [Located<String>]?
    /// `one_site_per_day`: nobody works at two sites on one day.
    public var oneSitePerDay = false

    public struct Site: Sendable { public var id: Located<String>; public var name: String? }
    public struct Role: Sendable {
        public var id: Located<String>
        public var name: String?
        public var provider: Bool
        public var supervisedBy: [Located<String>]
    }
    public struct Group: Sendable { public var id: Located<String>; public var roles: [Located<String>] }
    public struct Holiday: Sendable {
        public var date: Located<CalendarDate>
        public var name: String
        /// Who worked this holiday the year before (a holiday rotation): each is kept off it at `rotationWeight`.
        public var workedLastYear: [Located<String>] = []
        public var rotationWeight = 50
    }
    public struct ShiftTypeSpec: Sendable {
        public var id: Located<String>
        public var name: String?
        public var symbol: String?
        public var site: Located<String>?
        public var start: Int
        public var length: Int
        public var paid: Int?
        public var onCall: Bool
        public var roles: [Located<String>]?
        public var skills: [Located<String>]
        public var credentials: [Located<String>]
        /// Weekdays it runs on (0 = Monday); nil for every day.
        public var weekdays: Set<Int>?
        /// Runs on public holidays whatever their weekday (`days: [sat, sun, holidays]`).
        public var runsOnHolidays: Bool
        public var closedOnHolidays: Bool
        public var location: SourceLocation
        /// `next_day_off`: whoever works it works nothing the next day (hospital call; not call from home).
        public var nextDayOff = false
        /// `role_credentials`: credentials needed of the people of one role or group only.
        public var roleCredentials: [(who: Located<String>, credentials: [Located<String>])] = []
    }
    public struct Contract: Sendable {
        public var id: Located<String>
        public var weeklyHours: Double?
        public var hoursRange: (low: Double, high: Double)?
        public var maxHoursPerWeek: Double?
        public var minHoursPerWeek: Double?
        public var maxShiftsPerDay: Int?
        public var maxConsecutiveDays: Int?
        public var minConsecutiveDays: Int?
        public var minConsecutiveDaysOff: Int?
        public var maxWeekends: Int?
        public var maxShifts: [(shift: Located<String>, count: Int)]
        /// `max_consecutive`: most days in a row with each shift type.
        public var maxConsecutiveByType: [(shift: Located<String>, count: Int)] = []
    }
    public struct Credential: Sendable { public var kind: Located<String>; public var expires: CalendarDate? }
    public struct Person: Sendable {
        public var id: Located<String>
        public var name: String?
        public var role: Located<String>
        public var fte: Double
        public var contract: Located<String>?
        public var skills: [Located<String>]
        public var sites: [Located<String>]?
        public var credentials: [Credential]
    }
    public struct Leave: Sendable {
        public var staff: Located<String>
        public var from: Located<CalendarDate>
        public var to: Located<CalendarDate>
        public var kind: String
        public var location: SourceLocation
    }
    public struct Unavailability: Sendable {
        public var staff: Located<String>
        public var date: Located<CalendarDate>
        /// Minutes after midnight, [from, to); to may pass midnight (to < from).
        public var from: Int
        public var to: Int
        public var location: SourceLocation
    }
    /// `standing_weeks[]`: a person's usual shifts by weekday (0 = Monday), each deviation costing `weight`.
    public struct StandingWeek: Sendable {
        public var staff: Located<String>
        public var shifts: [Int: [Located<String>]]
        /// `shifts`: the shift types the week speaks for; nil for the default (every shift type not on call,
        /// and any on-call type the week lists).
        public var governed: [Located<String>]?
        public var weight: Int
        public var location: SourceLocation
    }
    public struct Request: Sendable {
        public var staff: Located<String>
        public var date: Located<CalendarDate>
        public var on: Bool
        public var shift: Located<String>?
        public var weight: Int
    }
    /// Which dates a coverage line, a demand adjustment or a fairness rule applies to.
    public enum DaySelector: Sendable, Hashable {
        /// The dates whose weekday (0 = Monday) is in `weekdays` and that are not public holidays, and the
        /// public holidays too when `holidays` (`[sat, sun, holidays]`).
        case days(weekdays: Set<Int>, holidays: Bool)
        case dates([CalendarDate])
        /// Every date, public holidays included.
        case everyDay

        /// Whether `date` is selected (a weekday never selects a public holiday).
        public func selects(_ date: CalendarDate, isHoliday: Bool) -> Bool {
            switch self {
            case .everyDay: return true
            case .days(let weekdays, let onHolidays): return isHoliday ? onHolidays : weekdays.contains(date.weekday)
            case .dates(let dates): return dates.contains(date)
            }
        }
    }
    public struct Coverage: Sendable {
        /// The shift types counted: one (`shift`) or several, either of them (`shifts`). With ``hours``, the
        /// shift types whose clock time is counted (empty: those at ``site``, or anywhere, that are not on call).
        public var shifts: [Located<String>]
        /// Cover by the hour: from `from` to `to`, minutes after midnight (`to` ≤ `from`: into the next day).
        public var hours: ClockSpan?
        /// With ``hours``: the site whose shift types count.
        public var site: Located<String>?
        public var days: DaySelector
        /// A role, a group, or `skill:NAME`; nil for everyone.
        public var who: Located<String>?
        public var minimum: Int?
        public var target: Int?
        public var maximum: Int?
        public var hard: Bool
        public var underWeight: Int
        public var overWeight: Int
        public var location: SourceLocation
    }
    /// Hours of a day, in minutes after midnight; `to` ≤ `from` runs into the next day.
    public struct ClockSpan: Sendable, Hashable {
        public var from: Int
        public var to: Int
        public var location: SourceLocation
        /// Length in minutes.
        public var length: Int { to > from ? to - from : to + 1440 - from }
    }
    /// `demand.support[]`: people of `who` needed per provider on a session.
    public struct DemandSupport: Sendable {
        public var who: Located<String>
        public var perProvider: Double
        /// Per provider actually rostered on the session (`of: rostered`) rather than per provider the demand
        /// asks for (`of: demand`, the default).
        public var ofRostered: Bool
        /// The sessions (shift types) it applies to; nil for every session with demand.
        public var sessions: [Located<String>]?
        public var location: SourceLocation
    }
    public struct Demand: Sendable {
        /// Visits one provider sees in a session; nil when given per hour.
        public var visitsPerProviderSession: Double?
        /// Visits one provider sees in an hour (a session of h hours: h times as many); nil when per session.
        public var visitsPerProviderHour: Double?
        public var providers: Located<String>
        /// Expected visits per shift type and weekday (0 = Monday), and on public holidays (key ``holidays``);
        /// a weekday's figure does not apply to a public holiday on that weekday.
        public var byWeekday: [(shift: Located<String>, visits: [Int: Double])]
        /// The key of ``byWeekday``'s figures for public holidays.
        public static let holidays = 7
        /// Expected visits on given dates (a CSV file's rows), overriding the weekday figures.
        public var byDate: [(date: CalendarDate, shift: Located<String>, visits: Double)]
        public var scale: Double
        /// Changes to the expected visits on some dates and sessions, applied in order after `scale`.
        public var adjustments: [DemandAdjustment] = []
        public var support: [DemandSupport]
        public var underWeight: Int
        public var overWeight: Int
        public var location: SourceLocation
    }
    /// `demand.adjust[]`: scale (or replace) the expected visits of the dates in `from…to` on the `days`
    /// selected, for the `sessions` listed (all when nil).
    public struct DemandAdjustment: Sendable {
        public var from: CalendarDate?
        public var to: CalendarDate?
        public var days: DaySelector
        public var sessions: [Located<String>]?
        public var scale: Double?
        public var visits: Double?
        public var location: SourceLocation
    }
    public struct Fairness: Sendable {
        public var name: String
        public var shifts: [Located<String>]
        public var who: Located<String>
        public var days: DaySelector
        public var weight: Int
        /// The rule's shifts each person worked earlier in the fairness period (the year so far), by staff id.
        public var carryOver: [(staff: Located<String>, count: Int)] = []
        public var location: SourceLocation
    }
    public struct DatedShift: Sendable {
        public var staff: Located<String>
        public var date: Located<CalendarDate>
        public var shift: Located<String>
    }
}
