/// Everything a roster breaks and costs, recomputed from the problem and the roster alone.
public struct Evaluation: Sendable, Hashable {
    public var hardViolations: [HardViolation]
    public var penalties: [Penalty]

    /// Sum of all penalty costs (the objective the solver minimises).
    public var total: Int { penalties.reduce(0) { $0 + $1.cost } }
    public var isFeasible: Bool { hardViolations.isEmpty }

    /// Units of broken hard rules the model keeps elastic (cover floors and ceilings, supervision, and
    /// contract minimums when they may give way), each in its rule's unit (people, days, minutes).
    public var elasticUnits: Int { hardViolations.filter(\.isElastic).reduce(0) { $0 + $1.amount } }

    /// What the model charges for the broken elastic hard rules: each unit at its rank's weight in the bend
    /// order (``BendOrder``).
    public var hardCost: Int { hardViolations.reduce(0) { $0 + ($1.weight ?? 0) * $1.amount } }

    /// Whether every hard rule that may not give way is met (a possible starting roster for the search).
    public var meetsPersonalRules: Bool { !hardViolations.contains { !$0.isElastic } }

    /// The value the solver's model gives this roster: the soft total plus the elastic hard rules' price.
    public var modelObjective: Int { total + hardCost }

    /// Cost per kind of soft rule, for the header's breakdown.
    public var breakdown: [(kind: PenaltyKind, cost: Int)] {
        var costs: [PenaltyKind: Int] = [:]
        for penalty in penalties { costs[penalty.kind, default: 0] += penalty.cost }
        return PenaltyKind.allCases.compactMap { kind in costs[kind].map { (kind, $0) } }
    }
}

/// A broken hard rule: who, when, which rule and by how much.
public struct HardViolation: Sendable, Hashable {
    public var rule: HardRule
    public var staff: Int?
    /// The day the violation is anchored to (a run's first day, a weekend's first day).
    public var day: Int?
    public var shift: Int?
    /// How far the rule is exceeded, in the rule's unit (days, minutes, shifts, weekends).
    public var amount: Int
    public var detail: String
    /// The cover requirement or supervision rule (index) a violation of a rule over several people comes from.
    public var requirement: Int? = nil
    /// What the model charges per unit when the rule may give way (see ``BendOrder``); `nil` when it may not.
    public var weight: Int? = nil

    /// Whether the model keeps this rule elastic: a roster may break it, at ``weight`` per unit.
    public var isElastic: Bool { weight != nil }
}

public enum HardRule: String, Sendable, Hashable, CaseIterable {
    case unknownReference = "unknown person, day or shift"
    case duplicateAssignment = "same assignment twice"
    case maxShiftsPerDay = "shifts per day"
    case dayOff = "day off"
    case forbiddenSuccession = "forbidden succession"
    case maxShiftsOfType = "max shifts of a type"
    case minPaidMinutes = "min paid minutes"
    case maxPaidMinutes = "max paid minutes"
    case maxConsecutiveWorkingDays = "max consecutive working days"
    case minConsecutiveWorkingDays = "min consecutive working days"
    case minConsecutiveDaysOff = "min consecutive days off"
    case maxWeekends = "max weekends"
    case notPermitted = "not allowed to work this shift"
    case overlap = "overlapping shifts"
    case rest = "minimum rest"
    case minWindowMinutes = "min paid minutes in a week"
    case maxWindowMinutes = "max paid minutes in a week"
    case pinned = "pinned assignment"
    case coverMinimum = "minimum cover"
    case coverMaximum = "maximum cover"
    case supervision = "supervision"
    case oneSitePerDay = "one site a day"
    case maxConsecutiveOfType = "max days in a row of a shift type"
}

/// One unit of soft-rule cost: a cover shortfall, a request not granted.
public struct Penalty: Sendable, Hashable {
    public var kind: PenaltyKind
    public var staff: Int?
    public var day: Int?
    public var shift: Int?
    /// People short or extra (cover), 1 (requests), shifts outside the fair band (fairness).
    public var units: Int
    public var weight: Int
    /// The cover requirement or fairness rule (index) the penalty comes from, when there is one.
    public var rule: Int?
    /// Words for the conflict list, where the kind alone does not say enough.
    public var detail: String?
    public var cost: Int { units * weight }

    public init(
        kind: PenaltyKind, staff: Int?, day: Int?, shift: Int?, units: Int, weight: Int, rule: Int? = nil,
        detail: String? = nil
    ) {
        self.kind = kind
        self.staff = staff
        self.day = day
        self.shift = shift
        self.units = units
        self.weight = weight
        self.rule = rule
        self.detail = detail
    }
}

public enum PenaltyKind: String, Sendable, Hashable, CaseIterable, Comparable {
    case underCover = "under cover"
    case overCover = "over cover"
    case supportShort = "support short of the ratio"
    case shiftOnRequest = "shift-on request not granted"
    case shiftOffRequest = "shift-off request not granted"
    case dayOnRequest = "day-on request not granted"
    case dayOffRequest = "day-off request not granted"
    case holidayAgain = "holiday worked again"
    case usualShiftMissed = "usual shift not worked"
    case unusualShift = "shift outside the standing week"
    case fairness = "outside fair share"
    case change = "changed from the published roster"

    public static func < (a: PenaltyKind, b: PenaltyKind) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
