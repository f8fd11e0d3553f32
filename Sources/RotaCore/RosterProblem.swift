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
        return true
    }

    /// Shift types that may not follow each shift type on the next day.
    public var forbiddenSuccessors: [Set<Int>] {
        var result = [Set<Int>](repeating: [], count: shiftTypes.count)
        for succession in forbiddenSuccessions { result[succession.from].insert(succession.to) }
        return result
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

    public init(id: String, lengthMinutes: Int, paidMinutes: Int? = nil) {
        self.id = id
        self.lengthMinutes = lengthMinutes
        self.paidMinutes = paidMinutes ?? lengthMinutes
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

    public init() {}
}

/// A person's wish for (or against) a shift on a day.
public struct ShiftRequest: Sendable, Hashable {
    public var staff: Int
    public var day: Int
    public var shift: Int
    public var weight: Int
    public init(staff: Int, day: Int, shift: Int, weight: Int) {
        self.staff = staff
        self.day = day
        self.shift = shift
        self.weight = weight
    }
}

/// How many people a (day, shift) needs, and what each one short or extra costs.
public struct CoverRequirement: Sendable, Hashable {
    public var day: Int
    public var shift: Int
    public var required: Int
    public var underWeight: Int
    public var overWeight: Int
    public init(day: Int, shift: Int, required: Int, underWeight: Int, overWeight: Int) {
        self.day = day
        self.shift = shift
        self.required = required
        self.underWeight = underWeight
        self.overWeight = overWeight
    }
}
