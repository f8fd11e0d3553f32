/// Which hard rules give way first when a month cannot meet them all (a scenario's `bend_order`), and the
/// prices that make the model honour it.
///
/// The order ranks rule families, first to give way first. Each family's units are priced so that one unit
/// of a higher rank costs more than every unit of all the ranks below it together could, up to
/// ``rankFactor`` times the rank below (``weight(base:below:previous:previousUnitMinutes:)``).
public struct BendOrder: Sendable, Hashable {
    public enum Family: Sendable, Hashable, CustomStringConvertible {
        /// Contract minimums: `hours_range`'s lower end and `min_hours_per_week` (the minutes short).
        case minimumHours
        /// Hard cover floors and caps not ranked by a more precise family (people short or extra).
        case cover
        /// Hard cover of on-call shift types not ranked by shift type.
        case onCallCover
        /// Supervision (days a supervised session goes unsupervised).
        case supervision
        /// Hard cover of one shift type.
        case coverOf(shift: Int)

        public var description: String {
            switch self {
            case .minimumHours: "min_hours"
            case .cover: "cover"
            case .onCallCover: "on_call_cover"
            case .supervision: "supervision"
            case .coverOf(let shift): "cover of shift type \(shift)"
            }
        }
    }

    /// The families as given, first to give way first.
    public var families: [Family]

    /// The order without a `bend_order`: a contract minimum gives way first, then clinic cover, then
    /// supervision, and on-call cover last.
    public static let standard = BendOrder([.minimumHours, .cover, .supervision, .onCallCover])

    public init(_ families: [Family]) { self.families = families }

    /// Every rank: the families given, then those of ``standard`` left out, in its order, except
    /// ``Family/minimumHours``, which stays hard unless it is given.
    public var ranks: [Family] {
        families + Self.standard.families.filter { $0 != .minimumHours && !families.contains($0) }
    }

    /// The family's word in a scenario's `bend_order` (a shift type's id for its hard cover).
    public func word(for family: Family, in problem: RosterProblem) -> String {
        if case .coverOf(let shift) = family { return problem.shiftTypes[shift].id }
        return family.description
    }

    /// The family a broken hard rule belongs to; nil for a rule that never gives way.
    public func family(of violation: HardViolation, in problem: RosterProblem) -> Family? {
        switch violation.rule {
        case .coverMinimum, .coverMaximum: return violation.shift.map { family(ofCoverOf: $0, in: problem) }
        case .supervision: return .supervision
        case .minPaidMinutes, .minWindowMinutes: return .minimumHours
        default: return nil
        }
    }

    /// The family a hard cover requirement of `shift` belongs to.
    public func family(ofCoverOf shift: Int, in problem: RosterProblem) -> Family {
        if families.contains(.coverOf(shift: shift)) { return .coverOf(shift: shift) }
        return problem.shiftTypes[shift].isOnCall ? .onCallCover : .cover
    }

    /// What one unit costs at the lowest rank: a person of cover, a day of supervision, or about an hour short
    /// of a contract minimum (priced by the minute).
    static func baseWeight(_ family: Family) -> Int {
        family == .minimumHours ? minuteWeight : RosterProblem.hardRuleWeight
    }

    /// A minute short of a contract minimum at the lowest rank: an hour costs at least
    /// ``RosterProblem/hardRuleWeight``, like a person of cover.
    public static let minuteWeight = (RosterProblem.hardRuleWeight + 59) / 60

    /// How many units of the rank below (hours, for a contract minimum) one unit of a rank outweighs at
    /// most. The weights must stay near the soft costs' range: at 100 a rank the example practice took
    /// half as much work again to its proof, and one seed in nine none in 30 s (BENCHMARKS.md), as GLPK's
    /// tolerances and the neighbourhoods' gaps scale with the largest price.
    public static let rankFactor = 10

    /// A rank whose unit outweighs every unit of the ranks below together, if all could break: the model then
    /// never trades a unit of it for any number of theirs; else ``rankFactor`` times the rank below.
    static func weight(base: Int, below: Double, previous: Int?, previousUnitMinutes: Bool) -> (weight: Int, strict: Bool) {
        guard let previous else { return (base, true) }
        let factorCap = Double(previous) * Double(rankFactor * (previousUnitMinutes ? 60 : 1))
        if below + 1 <= factorCap { return (max(base, Int(below) + 1), true) }
        return (max(base, Int(factorCap)), false)
    }

    /// `problem` with every hard cover requirement, supervision rule and (when ranked) contract minimum
    /// priced by its rank; ``RosterProblem/bendOrderIsStrict`` says whether every rank could be priced
    /// strictly above all those below it.
    public func applied(to problem: RosterProblem) -> RosterProblem {
        var problem = problem
        let ranks = ranks
        var units = [Int](repeating: 0, count: ranks.count)
        func rank(_ family: Family) -> Int { ranks.firstIndex(of: family) ?? ranks.count - 1 }
        // Each hard cover requirement's rank, found once for its units and its price.
        let coverRank = problem.cover.map { $0.isHard ? rank(family(ofCoverOf: $0.shift, in: problem)) : nil }
        for (requirement, r) in zip(problem.cover, coverRank) {
            guard let r else { continue }
            var most = requirement.hardMinimum
            if let cap = requirement.hardMaximum { most += max(0, requirement.people(staffCount: problem.staff.count).count - cap) }
            units[r] = Self.saturatingAdd(units[r], most)
        }
        if let r = ranks.firstIndex(of: .supervision) {
            for rule in problem.supervision {
                let days = (0..<problem.dayCount).count { day in
                    rule.supervised.contains { problem.isPermitted(staff: $0, day: day, shift: rule.shift) }
                }
                units[r] = Self.saturatingAdd(units[r], days)
            }
        }
        if let r = ranks.firstIndex(of: .minimumHours) {
            for member in problem.staff {
                units[r] = Self.saturatingAdd(units[r], member.limits.minPaidMinutes ?? 0)
                for window in member.limits.minuteWindows { units[r] = Self.saturatingAdd(units[r], window.minimum ?? 0) }
            }
        }
        // Ranks nothing can break need no weight of their own; the others outweigh those below (``weight``).
        var weights = [Int](repeating: RosterProblem.hardRuleWeight, count: ranks.count)
        var below = 0.0
        var strict = true
        var previous: (weight: Int, minutes: Bool)?
        for (r, family) in ranks.enumerated() where units[r] > 0 {
            let (weight, isStrict) = Self.weight(
                base: Self.baseWeight(family), below: below, previous: previous?.weight,
                previousUnitMinutes: previous?.minutes ?? false)
            strict = strict && isStrict
            weights[r] = weight
            below += Double(weight) * Double(units[r])
            previous = (weight, family == .minimumHours)
        }
        for (c, r) in coverRank.enumerated() { if let r { problem.cover[c].hardWeight = weights[r] } }
        if let r = ranks.firstIndex(of: .supervision) {
            for k in problem.supervision.indices { problem.supervision[k].hardWeight = weights[r] }
        }
        problem.minimumMinuteWeight = ranks.firstIndex(of: .minimumHours).map { weights[$0] }
        problem.bendOrderIsStrict = strict
        problem.bendOrder = self
        return problem
    }

    private static func saturatingAdd(_ a: Int, _ b: Int) -> Int {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? Int.max / 4 : sum
    }
}
