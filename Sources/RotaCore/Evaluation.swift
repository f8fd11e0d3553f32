/// Everything a roster breaks and costs, recomputed from the problem and the roster alone.
public struct Evaluation: Sendable, Hashable {
    public var hardViolations: [HardViolation]
    public var penalties: [Penalty]

    /// Sum of all penalty costs (the objective the solver minimises).
    public var total: Int { penalties.reduce(0) { $0 + $1.cost } }
    public var isFeasible: Bool { hardViolations.isEmpty }

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
}

/// One unit of soft-rule cost: a cover shortfall, a request not granted.
public struct Penalty: Sendable, Hashable {
    public var kind: PenaltyKind
    public var staff: Int?
    public var day: Int
    public var shift: Int
    /// People short or extra (cover), or 1 (requests).
    public var units: Int
    public var weight: Int
    public var cost: Int { units * weight }
}

public enum PenaltyKind: String, Sendable, Hashable, CaseIterable, Comparable {
    case underCover = "under cover"
    case overCover = "over cover"
    case shiftOnRequest = "shift-on request not granted"
    case shiftOffRequest = "shift-off request not granted"

    public static func < (a: PenaltyKind, b: PenaltyKind) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
