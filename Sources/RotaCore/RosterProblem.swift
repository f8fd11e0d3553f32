/// A fully resolved rostering problem: every id is an index, every rule is explicit.
///
/// Both the solver and the ``Evaluator`` read this and nothing else. Days are `0..<dayCount`; people and
/// shift types are referred to by their index in ``staff`` and ``shiftTypes``.
public struct RosterProblem: Sendable, Hashable {
    /// A name for reports (the instance or practice name).
    public var name: String
    public var dayCount: Int
    /// Weekday of day 0, 0 = Monday … 6 = Sunday (for grids).
    public var firstWeekday: Int
    /// The weekends of the horizon, each a list of day indices; a weekend is worked when any assignment
    /// starts on one of its days.
    public var weekends: [[Int]]
    public var shiftTypes: [ShiftType]
    /// Shift `from` on day d forbids shift `to` on day d+1 (both inside the horizon).
    public var forbiddenSuccessions: [ShiftSuccession]
    public var staff: [StaffMember]
    public var shiftOnRequests: [ShiftRequest]
    public var shiftOffRequests: [ShiftRequest]
    public var cover: [CoverRequirement]

    // Clinic vocabulary (all empty or nil for the NRP benchmark).

    /// The date of day 0, when the horizon is a real calendar (reports print dates, not day numbers).
    public var startDate: CalendarDate?
    /// Public holidays by day, with their names.
    public var holidays: [Int: String] = [:]
    /// Minimum rest between the end of one shift and the start of the next, for shift types with clock times.
    public var rest: RestRule?
    /// Wishes for a whole day: on (cost unless something is worked) or off (cost if anything is worked).
    public var dayOnRequests: [DayRequest] = []
    public var dayOffRequests: [DayRequest] = []
    /// Assignments that must be in the roster as given.
    public var pinned: [Assignment] = []
    /// Sessions of one group that need someone of another group working or on call at the same time.
    public var supervision: [SupervisionRule] = []
    /// Shares of some kind of work (call, nights, weekends) that should follow FTE within a group.
    public var fairness: [FairnessRule] = []
    /// Support people needed per provider actually rostered on a session (soft).
    public var supportRatios: [SupportRatio] = []
    /// Re-rostering: the published roster to stay close to, and what each change costs.
    public var stability: Stability?
    /// How many days before day 0 the history covers (each person's ``StaffMember/history``): a day in that
    /// span without a history shift was a day off. 0 when nothing is known of the days before the horizon.
    ///
    /// Runs of work and of days off are judged across day 0 from it: a run that began inside the span counts
    /// its days there against the minimum lengths; a run that reaches back to the span's first day (or to day
    /// 0 when the span is empty) began at an unknown date and is exempt from the minimums.
    public var historyDays = 0

    /// What one unit of a hard rule that spans several people (hard cover, supervision) costs in the model.
    ///
    /// Those rules are elastic in the model so that every roster has a value and the search can start from
    /// any of them; this weight is far above any soft cost, so a roster meeting them always wins, and the
    /// evaluator still reports every unit left as a broken hard rule.
    public static let hardRuleWeight = 100_000

    /// What each minute short of a contract minimum (``WorkLimits/minPaidMinutes`` and the minimums of
    /// ``WorkLimits/minuteWindows``) costs in the model, when those minimums may give way (``BendOrder``);
    /// `nil` keeps them hard, like every other rule that binds one person.
    public var minimumMinuteWeight: Int?
    /// Whether the hard-rule prices keep a bend order strictly (each rank above everything below it could
    /// cost); false when that would have needed prices beyond GLPK's exact range (see ``BendOrder``).
    public var bendOrderIsStrict = true
    /// Whether a person works at one site a day: two shift types at different sites never share one
    /// person's day (a shift without a site, telehealth, goes with any). Hard, like overlap.
    public var oneSitePerDay = false
    /// The bend order the hard rules are priced by (nil: every elastic rule at ``hardRuleWeight``).
    public var bendOrder: BendOrder?

    public init(
        name: String, dayCount: Int, firstWeekday: Int = 0, weekends: [[Int]]? = nil, shiftTypes: [ShiftType],
        forbiddenSuccessions: [ShiftSuccession] = [], staff: [StaffMember], shiftOnRequests: [ShiftRequest] = [],
        shiftOffRequests: [ShiftRequest] = [], cover: [CoverRequirement] = []
    ) {
        self.name = name
        self.dayCount = dayCount
        self.firstWeekday = firstWeekday
        self.weekends = weekends ?? RosterProblem.calendarWeekends(dayCount: dayCount, firstWeekday: firstWeekday)
        self.shiftTypes = shiftTypes
        self.forbiddenSuccessions = forbiddenSuccessions
        self.staff = staff
        self.shiftOnRequests = shiftOnRequests
        self.shiftOffRequests = shiftOffRequests
        self.cover = cover
    }

    /// Saturday–Sunday pairs (clipped to the horizon) for a horizon whose day 0 is `firstWeekday`.
    public static func calendarWeekends(dayCount: Int, firstWeekday: Int) -> [[Int]] {
        var weekends: [[Int]] = []
        var current: [Int] = []
        for day in 0..<max(0, dayCount) {
            let weekday = (firstWeekday + day) % 7
            if weekday == 5 || weekday == 6 {
                current.append(day)
            }
            if weekday == 6 || day == dayCount - 1, !current.isEmpty {
                weekends.append(current)
                current = []
            }
        }
        return weekends
    }

    /// Weekday of `day`, 0 = Monday.
    public func weekday(of day: Int) -> Int { (firstWeekday + day) % 7 }

    public func isWeekend(_ day: Int) -> Bool { weekendIndexByDay[day] != nil }

    /// Weekend index of each day that belongs to one.
    public var weekendIndexByDay: [Int: Int] {
        var result: [Int: Int] = [:]
        for (index, days) in weekends.enumerated() { for day in days { result[day] = index } }
        return result
    }

    /// Whether person `staff` may be given shift `shift` on `day` at all: not a day off, and not a shift
    /// type their contract rules out entirely (limit 0).
    public func isPermitted(staff: Int, day: Int, shift: Int) -> Bool {
        let member = self.staff[staff]
        if member.daysOff.contains(day) { return false }
        if member.limits.maxShiftsByType[shift] == 0 { return false }
        if !member.blocked.isEmpty && member.blocked[DayShift(day: day, shift: shift)] != nil { return false }
        return true
    }

    /// The date of `day`, when the horizon has a calendar.
    public func date(of day: Int) -> CalendarDate? { startDate?.adding(days: day) }

    /// Whether any shift type has a clock time (so overlap and rest are checked by the clock).
    public var hasClockTimes: Bool { shiftTypes.contains { $0.start != nil } }

    /// Shift types that may not follow each shift type on the next day.
    public var forbiddenSuccessors: [Set<Int>] {
        var result = [Set<Int>](repeating: [], count: shiftTypes.count)
        for succession in forbiddenSuccessions { result[succession.from].insert(succession.to) }
        return result
    }

    /// What a cover requirement counts, for messages: its label, or its shift type's id.
    public func sessionName(of requirement: CoverRequirement) -> String {
        requirement.label ?? shiftTypes[requirement.shift].id
    }

    public func staffIndex(id: String) -> Int? { staff.firstIndex { $0.id == id } }
    public func shiftIndex(id: String) -> Int? { shiftTypes.firstIndex { $0.id == id } }
}

/// A kind of shift: its code, length and paid minutes.
public struct ShiftType: Sendable, Hashable {
    /// Short code shown in grids (`D`, `N`, `AM`).
    public var id: String
    public var lengthMinutes: Int
    /// Minutes that count toward contract limits; equals the length unless the shift pays differently.
    public var paidMinutes: Int
    /// Start, in minutes after midnight of the day the shift starts on; `nil` when the shift has no clock
    /// time (the NRP benchmark), and then only explicit successions constrain it.
    public var start: Int?
    /// On call (from home or on site): exempt from minimum rest when the rest rule says so.
    public var isOnCall = false
    /// Where the shift is worked, for supervision ("same session") and reports.
    public var site: String?
    /// A longer name for reports (`Morning clinic, North`).
    public var name: String?
    /// One or two characters for compact grids (`N` north morning, `n` north afternoon, `C` call).
    public var symbol: String?

    /// The marks the roster grid uses itself (leave, public holiday, credential expired, off, hard day off):
    /// no shift type may show as one of them.
    public static let gridMarkers: Set<String> = ["L", "H", "x", ".", "-"]

    /// A night shift, for reports: one that runs past 22:00 (or into the next day).
    public static func isNight(start: Int, lengthMinutes: Int) -> Bool { start + lengthMinutes > 22 * 60 }
    public var isNight: Bool { start.map { Self.isNight(start: $0, lengthMinutes: lengthMinutes) } ?? false }

    public init(id: String, lengthMinutes: Int, paidMinutes: Int? = nil, start: Int? = nil, isOnCall: Bool = false,
        site: String? = nil, name: String? = nil)
    {
        self.id = id
        self.lengthMinutes = lengthMinutes
        self.paidMinutes = paidMinutes ?? lengthMinutes
        self.start = start
        self.isOnCall = isOnCall
        self.site = site
        self.name = name
    }

    /// Clock interval of this shift started on `day`, in minutes from day 0's midnight.
    public func interval(onDay day: Int) -> Range<Int>? {
        guard let start else { return nil }
        let begin = day * 1440 + start
        return begin..<(begin + lengthMinutes)
    }
}

/// A day and a shift type: one cell of a person's roster.
public struct DayShift: Sendable, Hashable, Comparable {
    public var day: Int
    public var shift: Int
    public init(day: Int, shift: Int) {
        self.day = day
        self.shift = shift
    }
    public static func < (a: DayShift, b: DayShift) -> Bool { (a.day, a.shift) < (b.day, b.shift) }
}

/// Minimum rest between two working days of one person: from the end of a shift to the start of a shift
/// starting on a later day (the sessions of one day may follow each other closely).
public struct RestRule: Sendable, Hashable {
    public var minutes: Int
    /// When true, a gap next to an on-call shift need not be `minutes` long (shifts still may not overlap).
    public var onCallExempt: Bool
    public init(minutes: Int, onCallExempt: Bool) {
        self.minutes = minutes
        self.onCallExempt = onCallExempt
    }
}

/// A person's wish for a whole day.
public struct DayRequest: Sendable, Hashable {
    public var staff: Int
    public var day: Int
    public var weight: Int
    /// From the holiday rotation (`worked_last_year`), not a request the person made: an off "request" for a
    /// public holiday they worked last year. Priced the same; reported as the rotation.
    public var rotation: Bool
    public init(staff: Int, day: Int, weight: Int, rotation: Bool = false) {
        self.staff = staff
        self.day = day
        self.weight = weight
        self.rotation = rotation
    }
}

/// On each day, whenever one of `supervised` works `shift`, at least one of `supervisors` works one of
/// `supervisingShifts` (the same session, or on call at that time) on the same day.
public struct SupervisionRule: Sendable, Hashable {
    public var shift: Int
    public var supervised: [Int]
    public var supervisors: [Int]
    public var supervisingShifts: [Int]
    /// For messages: "NP/PA sessions need a physician".
    public var label: String
    /// What each day a supervised session goes unsupervised costs in the model (see ``BendOrder``).
    public var hardWeight = RosterProblem.hardRuleWeight
    public init(shift: Int, supervised: [Int], supervisors: [Int], supervisingShifts: [Int], label: String) {
        self.shift = shift
        self.supervised = supervised
        self.supervisors = supervisors
        self.supervisingShifts = supervisingShifts
        self.label = label
    }
}

/// Counts of some kind of work (assignments of `shifts` starting on `days`) per person, each kept inside
/// a fair band; every unit outside the band costs `weight`.
/// The published roster a re-roster stays close to: every published assignment dropped, and every other
/// assignment added, costs the weight of its day.
public struct Stability: Sendable, Hashable {
    public var reference: Set<Assignment>
    /// Cost of one changed assignment on each day (0: changes there are free).
    public var dayWeights: [Int]

    public init(reference: Set<Assignment>, dayWeights: [Int]) {
        self.reference = reference
        self.dayWeights = dayWeights
    }

    public func weight(on day: Int) -> Int { dayWeights.indices.contains(day) ? dayWeights[day] : 0 }
}

public struct FairnessRule: Sendable, Hashable {
    public var name: String
    public var shifts: [Int]
    /// Days that count; `nil` for every day.
    public var days: [Int]?
    public var weight: Int
    public var shares: [FairShare]
    public init(name: String, shifts: [Int], days: [Int]?, weight: Int, shares: [FairShare]) {
        self.name = name
        self.shifts = shifts
        self.days = days
        self.weight = weight
        self.shares = shares
    }
}

/// On `shift` of `day`, the people of `support` working it should be at least `numerator / denominator` times
/// the people of `providers` working it, rounded up; each one short costs `weight`. The ratio is a fraction in
/// lowest terms so that the model's row has integer coefficients and its shortfall is exact.
public struct SupportRatio: Sendable, Hashable {
    public var day: Int
    public var shift: Int
    public var support: [Int]
    public var providers: [Int]
    public var numerator: Int
    public var denominator: Int
    public var weight: Int
    /// For reports: who supports (`ma`) and who is supported (`providers`).
    public var group: String
    public var providerGroup: String

    public init(
        day: Int, shift: Int, support: [Int], providers: [Int], numerator: Int, denominator: Int, weight: Int, group: String,
        providerGroup: String
    ) {
        self.day = day
        self.shift = shift
        self.support = support
        self.providers = providers
        self.numerator = numerator
        self.denominator = denominator
        self.weight = weight
        self.group = group
        self.providerGroup = providerGroup
    }

    /// The support people needed for `providers` rostered providers: the ratio times them, rounded up.
    public func needed(providers count: Int) -> Int { (numerator * count + denominator - 1) / denominator }

    /// People short, given how many of each group work the session (a person in both groups counts in both).
    public func short(support supportCount: Int, providers providerCount: Int) -> Int {
        max(0, needed(providers: providerCount) - supportCount)
    }

    /// How many of each group `assigned` puts on the session.
    public func counts(in assigned: Set<Assignment>) -> (support: Int, providers: Int) {
        func working(_ people: [Int]) -> Int { Set(people).count { assigned.contains(Assignment(staff: $0, day: day, shift: shift)) } }
        return (working(support), working(providers))
    }

    /// `ratio` (0…20, at most three decimals) as a fraction in lowest terms.
    public static func fraction(_ ratio: Double) -> (numerator: Int, denominator: Int) {
        var numerator = Int((ratio * 1000).rounded()), denominator = 1000
        var a = numerator, b = denominator
        while b != 0 { (a, b) = (b, a % b) }
        if a > 1 { numerator /= a; denominator /= a }
        return (numerator, denominator)
    }
}

/// One person's fair band: `low…high` units (from their FTE share of the expected total).
public struct FairShare: Sendable, Hashable {
    public var staff: Int
    public var low: Int
    public var high: Int
    /// Units of the rule worked earlier in the fairness period (the scenario's carry-over), already taken
    /// into the band; for reports.
    public var earlier = 0
    public init(staff: Int, low: Int, high: Int) {
        self.staff = staff
        self.low = low
        self.high = high
    }
}

/// A person's shift that started before day 0 (`day` < 0), for rest and run lengths at the horizon start.
public typealias PastShift = DayShift

/// Minutes worked within days `days` (inclusive range), e.g. one calendar week.
public struct MinuteWindow: Sendable, Hashable {
    public var days: ClosedRange<Int>
    public var minimum: Int?
    public var maximum: Int?
    public init(days: ClosedRange<Int>, minimum: Int?, maximum: Int?) {
        self.days = days
        self.minimum = minimum
        self.maximum = maximum
    }
}

public struct ShiftSuccession: Sendable, Hashable {
    public var from: Int
    public var to: Int
    public init(from: Int, to: Int) {
        self.from = from
        self.to = to
    }
}

/// One person and the hard rules of their contract.
public struct StaffMember: Sendable, Hashable {
    public var id: String
    public var limits: WorkLimits
    /// Days on which nothing may start (approved leave, the benchmark's hard days off).
    public var daysOff: Set<Int>
    /// Consecutive days worked right up to the day before day 0 (0: that day was off).
    public var workedBefore: Int
    /// Consecutive days off right up to the day before day 0, as far as ``RosterProblem/historyDays`` reaches
    /// (0 when that day was worked or nothing is known).
    public var offBefore = 0
    /// Cells this person may not take, each with the reason (not eligible, not running, unavailable).
    public var blocked: [DayShift: BlockReason] = [:]
    /// Shifts worked just before the horizon (for rest at its start).
    public var history: [PastShift] = []
    /// Days of approved leave, with the kind (also in ``daysOff``), for reports.
    public var leave: [Int: String] = [:]
    /// For reports: display name, role, FTE and contract minutes over the horizon.
    public var name: String?
    public var role: String?
    public var fte: Double?
    public var contractMinutes: Int?

    /// Days in a row with `shift` right up to the day before day 0, from ``history``.
    public func runBefore(of shift: Int) -> Int {
        var run = 0
        while history.contains(PastShift(day: -(run + 1), shift: shift)) { run += 1 }
        return run
    }

    public init(id: String, limits: WorkLimits = WorkLimits(), daysOff: Set<Int> = [], workedBefore: Int = 0) {
        self.id = id
        self.limits = limits
        self.daysOff = daysOff
        self.workedBefore = workedBefore
    }
}

/// Hard limits on one person's roster over the horizon. `nil` means no limit.
public struct WorkLimits: Sendable, Hashable {
    public var maxShiftsPerDay: Int = 1
    /// Most shifts of a type (by shift index); 0 means never. Types not listed are unlimited.
    public var maxShiftsByType: [Int: Int] = [:]
    public var minPaidMinutes: Int?
    public var maxPaidMinutes: Int?
    public var maxConsecutiveWorkingDays: Int?
    /// Shortest run of working days; runs touching the horizon's first or last day are exempt.
    public var minConsecutiveWorkingDays: Int?
    /// Shortest run of days off; runs touching the horizon's first or last day are exempt.
    public var minConsecutiveDaysOff: Int?
    public var maxWeekends: Int?
    /// Most days in a row with a shift type (by shift index), the history's days right before the horizon
    /// included.
    public var maxConsecutiveByType: [Int: Int] = [:]
    /// Paid minutes within windows of days (calendar weeks), hard.
    public var minuteWindows: [MinuteWindow] = []

    public init() {}
}

/// A person's wish for (or against) a shift on a day.
public struct ShiftRequest: Sendable, Hashable {
    public var staff: Int
    public var day: Int
    public var shift: Int
    public var weight: Int
    /// From the person's standing week (`standing_weeks`), not a request they made: an on request is a usual
    /// shift, an off request a shift outside their usual week. Priced the same; reported as a deviation.
    public var standing: Bool
    public init(staff: Int, day: Int, shift: Int, weight: Int, standing: Bool = false) {
        self.staff = staff
        self.day = day
        self.shift = shift
        self.weight = weight
        self.standing = standing
    }
}

/// How many people a (day, shift) needs, and what each one short or extra costs.
public struct CoverRequirement: Sendable, Hashable {
    public var day: Int
    public var shift: Int
    /// The target: each person short costs `underWeight`, each extra one `overWeight`. A scenario's coverage
    /// line with a floor and a different cap becomes two requirements: one priced below the floor only, one
    /// above the cap only (see `ScenarioNormalizer`).
    public var required: Int
    public var underWeight: Int
    public var overWeight: Int
    /// Who counts toward this requirement (a role group, a skill); `nil` for everyone.
    public var staff: [Int]?
    /// What the counted people are, for reports (`physician`, `RN`, `skill: spirometry`).
    public var group: String?
    /// Hard floor and ceiling on the people counted (0 and `nil`: none).
    public var hardMinimum = 0
    public var hardMaximum: Int?
    /// What each person short of ``hardMinimum`` or above ``hardMaximum`` costs in the model: its rank's
    /// weight in the bend order (``BendOrder``), ``RosterProblem/hardRuleWeight`` unless one is applied.
    public var hardWeight = RosterProblem.hardRuleWeight
    /// Cells counted besides (``day``, ``shift``): the other shift types of an either/or line, or every shift
    /// covering a stretch of hours (a night shift of the day before included). Empty for one session.
    public var alsoCounted: [DayShift] = []
    /// What a requirement over several cells counts, for reports (`D12 or D8`, `north 08:00–12:30`); nil for
    /// one session, which reports name by its shift type.
    public var label: String?

    /// Every (day, shift) whose people this requirement counts; (``day``, ``shift``) first.
    public var cells: [DayShift] { [DayShift(day: day, shift: shift)] + alsoCounted }

    /// Whether the requirement has a hard floor or a hard cap.
    public var isHard: Bool { hardMinimum > 0 || hardMaximum != nil }

    public init(
        day: Int, shift: Int, required: Int, underWeight: Int, overWeight: Int, staff: [Int]? = nil,
        group: String? = nil, hardMinimum: Int = 0, hardMaximum: Int? = nil
    ) {
        self.day = day
        self.shift = shift
        self.required = required
        self.underWeight = underWeight
        self.overWeight = overWeight
        self.staff = staff
        self.group = group
        self.hardMinimum = hardMinimum
        self.hardMaximum = hardMaximum
    }

    /// How many people this requirement asks for: its hard floor, or its target where being short of it
    /// costs something. A requirement that only prices people above `required` (a cap) asks for none.
    public var wanted: Int { max(hardMinimum, underWeight > 0 ? required : 0) }

    /// The count above which each extra person costs `overWeight`, or nil when extra people cost nothing.
    public var pricedAbove: Int? { overWeight > 0 ? required : nil }

    /// Whether person `staff` counts toward this requirement.
    public func counts(_ person: Int) -> Bool { staff?.contains(person) ?? true }

    /// The people this requirement counts, out of a staff of `staffCount`.
    public func people(staffCount: Int) -> [Int] { staff ?? Array(0..<staffCount) }

    /// How many of those people's shifts on this requirement's cells `assigned` holds (a person on two of
    /// the cells counts twice).
    public func count(in assigned: Set<Assignment>, staffCount: Int) -> Int {
        let cells = self.cells
        return people(staffCount: staffCount).reduce(0) { count, person in
            count + cells.reduce(0) { $0 + (assigned.contains(Assignment(staff: person, day: $1.day, shift: $1.shift)) ? 1 : 0) }
        }
    }
}
