public import RotaCore

/// One hard rule as it binds one person, session or week: the unit an explanation is made of. Leave,
/// eligibility, credentials, unavailability and history are facts, not rules: they stay in every check.
public enum RuleInstance: Sendable, Hashable, Comparable {
    /// A cover requirement's hard floor (index into ``RosterProblem/cover``).
    case coverFloor(requirement: Int)
    /// A cover requirement's hard cap.
    case coverCap(requirement: Int)
    /// A supervision rule (index into ``RosterProblem/supervision``), on every day.
    case supervision(rule: Int)
    case minPaidMinutes(staff: Int)
    case maxPaidMinutes(staff: Int)
    case maxShiftsOfType(staff: Int, shift: Int)
    case maxShiftsPerDay(staff: Int)
    case maxConsecutiveDays(staff: Int)
    case minConsecutiveDays(staff: Int)
    case minConsecutiveDaysOff(staff: Int)
    case maxWeekends(staff: Int)
    /// One calendar week's minimum or maximum paid minutes (index into the person's minute windows).
    case weeklyMinutes(staff: Int, window: Int)
    case pin(Assignment)
    /// Minimum rest between working days, for everyone.
    case rest
    /// The forbidden successions, for everyone.
    case forbiddenSuccessions

    /// Whether the rule only ever caps work: a roster with some assignments taken away still meets it (so a
    /// check may close shift types without changing what these rules allow; see
    /// ``CollisionFinder/shiftsConsidered``).
    public var capsWork: Bool {
        switch self {
        case .maxPaidMinutes, .maxShiftsOfType, .maxShiftsPerDay, .maxConsecutiveDays, .maxWeekends, .rest, .forbiddenSuccessions:
            return true
        case .coverCap: return true
        default: return false
        }
    }

    /// The person the rule binds, when it binds one.
    public var staff: Int? {
        switch self {
        case .minPaidMinutes(let s), .maxPaidMinutes(let s), .maxShiftsOfType(let s, _), .maxShiftsPerDay(let s),
            .maxConsecutiveDays(let s), .minConsecutiveDays(let s), .minConsecutiveDaysOff(let s), .maxWeekends(let s),
            .weeklyMinutes(let s, _):
            return s
        case .pin(let assignment): return assignment.staff
        case .coverFloor, .coverCap, .supervision, .rest, .forbiddenSuccessions: return nil
        }
    }

    public static func < (a: RuleInstance, b: RuleInstance) -> Bool { a.sortKey.lexicographicallyPrecedes(b.sortKey) }

    private var sortKey: [Int] {
        switch self {
        case .coverFloor(let r): return [0, r]
        case .coverCap(let r): return [1, r]
        case .supervision(let k): return [2, k]
        case .minPaidMinutes(let s): return [3, s]
        case .maxPaidMinutes(let s): return [4, s]
        case .maxShiftsOfType(let s, let t): return [5, s, t]
        case .maxShiftsPerDay(let s): return [6, s]
        case .maxConsecutiveDays(let s): return [7, s]
        case .minConsecutiveDays(let s): return [8, s]
        case .minConsecutiveDaysOff(let s): return [9, s]
        case .maxWeekends(let s): return [10, s]
        case .weeklyMinutes(let s, let w): return [11, s, w]
        case .pin(let a): return [12, a.staff, a.day, a.shift]
        case .rest: return [13]
        case .forbiddenSuccessions: return [14]
        }
    }
}

extension RosterProblem {
    /// Every hard rule instance of the problem.
    public var ruleInstances: [RuleInstance] {
        var result: [RuleInstance] = []
        for (r, requirement) in cover.enumerated() {
            if requirement.hardMinimum > 0 { result.append(.coverFloor(requirement: r)) }
            if requirement.hardMaximum != nil { result.append(.coverCap(requirement: r)) }
        }
        result += supervision.indices.map { .supervision(rule: $0) }
        for (s, member) in staff.enumerated() {
            result += member.ruleInstances(of: s, shiftCount: shiftTypes.count)
        }
        result += pinned.map { .pin($0) }
        if rest != nil { result.append(.rest) }
        if !forbiddenSuccessions.isEmpty { result.append(.forbiddenSuccessions) }
        return result
    }

    /// The problem with only the hard rules in `kept`, every soft cost gone (cover requirements keep only
    /// their hard floors and caps), and only the people `people` (every other person and what refers to
    /// them left out). Facts stay: leave, eligibility, unavailability and history.
    public func keeping(_ kept: Set<RuleInstance>, people: [Int]) -> RosterProblem {
        let newIndex = Dictionary(uniqueKeysWithValues: people.enumerated().map { ($1, $0) })
        var copy = self
        copy.staff = people.map { s in
            var member = staff[s]
            var limits = WorkLimits()
            let old = member.limits
            limits.maxShiftsPerDay = kept.contains(.maxShiftsPerDay(staff: s)) ? old.maxShiftsPerDay : max(3, shiftTypes.count)
            for (t, count) in old.maxShiftsByType where count == 0 || kept.contains(.maxShiftsOfType(staff: s, shift: t)) {
                // A limit of 0 rules the shift type out for this person altogether: a fact of their contract.
                limits.maxShiftsByType[t] = count
            }
            if kept.contains(.minPaidMinutes(staff: s)) { limits.minPaidMinutes = old.minPaidMinutes }
            if kept.contains(.maxPaidMinutes(staff: s)) { limits.maxPaidMinutes = old.maxPaidMinutes }
            if kept.contains(.maxConsecutiveDays(staff: s)) { limits.maxConsecutiveWorkingDays = old.maxConsecutiveWorkingDays }
            if kept.contains(.minConsecutiveDays(staff: s)) { limits.minConsecutiveWorkingDays = old.minConsecutiveWorkingDays }
            if kept.contains(.minConsecutiveDaysOff(staff: s)) { limits.minConsecutiveDaysOff = old.minConsecutiveDaysOff }
            if kept.contains(.maxWeekends(staff: s)) { limits.maxWeekends = old.maxWeekends }
            limits.minuteWindows = old.minuteWindows.indices.filter { kept.contains(.weeklyMinutes(staff: s, window: $0)) }
                .map { old.minuteWindows[$0] }
            member.limits = limits
            return member
        }
        func mapped(_ list: [Int]) -> [Int] { list.compactMap { newIndex[$0] } }
        copy.cover = cover.indices.compactMap { r in
            let floor = kept.contains(.coverFloor(requirement: r)), cap = kept.contains(.coverCap(requirement: r))
            guard floor || cap else { return nil }
            var requirement = cover[r]
            requirement.staff = mapped(requirement.people(staffCount: staff.count))
            requirement.underWeight = 0
            requirement.overWeight = 0
            requirement.required = 0
            requirement.hardMinimum = floor ? requirement.hardMinimum : 0
            requirement.hardMaximum = cap ? requirement.hardMaximum : nil
            return requirement
        }
        copy.supervision = supervision.indices.filter { kept.contains(.supervision(rule: $0)) }.map { k in
            var rule = supervision[k]
            rule.supervised = mapped(rule.supervised)
            rule.supervisors = mapped(rule.supervisors)
            return rule
        }
        copy.pinned = pinned.filter { kept.contains(.pin($0)) }.compactMap { pin in
            newIndex[pin.staff].map { Assignment(staff: $0, day: pin.day, shift: pin.shift) }
        }
        if !kept.contains(.rest) { copy.rest = nil }
        if !kept.contains(.forbiddenSuccessions) { copy.forbiddenSuccessions = [] }
        copy.shiftOnRequests = []
        copy.shiftOffRequests = []
        copy.dayOnRequests = []
        copy.dayOffRequests = []
        copy.fairness = []
        copy.supportRatios = []
        copy.stability = nil
        return copy
    }
}

extension StaffMember {
    /// The hard rule instances of this person's contract (`staff` is their index).
    func ruleInstances(of s: Int, shiftCount: Int) -> [RuleInstance] {
        var result: [RuleInstance] = []
        if limits.minPaidMinutes.map({ $0 > 0 }) == true { result.append(.minPaidMinutes(staff: s)) }
        if limits.maxPaidMinutes != nil { result.append(.maxPaidMinutes(staff: s)) }
        for (t, count) in limits.maxShiftsByType.sorted(by: { $0.key < $1.key }) where count > 0 {
            result.append(.maxShiftsOfType(staff: s, shift: t))
        }
        if limits.maxShiftsPerDay < min(3, shiftCount) { result.append(.maxShiftsPerDay(staff: s)) }
        if limits.maxConsecutiveWorkingDays != nil { result.append(.maxConsecutiveDays(staff: s)) }
        if (limits.minConsecutiveWorkingDays ?? 1) > 1 { result.append(.minConsecutiveDays(staff: s)) }
        if (limits.minConsecutiveDaysOff ?? 1) > 1 { result.append(.minConsecutiveDaysOff(staff: s)) }
        if limits.maxWeekends != nil { result.append(.maxWeekends(staff: s)) }
        result += limits.minuteWindows.indices.map { .weeklyMinutes(staff: s, window: $0) }
        return result
    }
}
