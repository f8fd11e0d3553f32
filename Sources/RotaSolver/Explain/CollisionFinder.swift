import Foundation
import GLPKKit
public import RotaCore

/// Finds a small set of hard rule instances that cannot all hold together (an irreducible conflict):
/// QuickXplain (Junker, 2004) over the instances around the broken rules, with GLPK as the judge of each
/// subset.
///
/// A subset is judged on the problem with only those rules (``RosterProblem/keeping(_:people:)``) and
/// every soft cost gone: GLPK minimises the units of cover and supervision left unmet, and the subset
/// cannot hold when the proven minimum is at least one, or when no schedule meets a person's own rules at
/// all. Each check stops on work, so the search is a function of its inputs; a check that ends unproven
/// counts as "can hold", which keeps the answer sound (every set returned is proven infeasible) at the
/// price of minimality, which the result then says it could not prove.
public struct CollisionFinder {
    public let problem: RosterProblem
    public var modelPath: String?
    /// Work for each check.
    public var workPerCheck = 1500.0
    /// Checks at most, for the whole search.
    public var checkLimit = 150
    public var control: SolveControl?
    private(set) public var checks = 0
    /// When set, every check closes the other shift types to everyone. Sound only for sets whose person
    /// rules all cap work (``RuleInstance/capsWork``): then a set that cannot hold with fewer shift types
    /// open cannot hold with more either, and one that can, can.
    public var shiftsConsidered: Set<Int>?

    public init(problem: RosterProblem, modelPath: String? = nil) {
        self.problem = problem
        self.modelPath = modelPath
    }

    /// A set of rule instances that cannot hold together.
    public struct Collision: Sendable, Hashable {
        public var rules: [RuleInstance]
        /// Whether dropping any one of them was proven to leave a set that can hold.
        public var isMinimal: Bool
        /// How it is proven: GLPK on the problem with only these rules, or a count of sessions against caps.
        public var proof: Proof = .glpk

        public enum Proof: String, Sendable, Hashable, Codable { case glpk, count }
    }

    /// The count that proves cover of one shift and group impossible under the people's caps on that shift
    /// type, when it does: every floor of the broken sessions' shift and group, and the caps of the people
    /// whose cap is below the sessions open to them. Quick where GLPK would need many checks (a quarter's
    /// worth of nights); not minimal, but its arithmetic is the explanation.
    public func countingCollision(around broken: [HardViolation]) -> Collision? {
        let floors = broken.filter { $0.rule == .coverMinimum }.compactMap(\.requirement)
        guard let first = floors.first, broken.allSatisfy({ $0.rule == .coverMinimum }) else { return nil }
        let shift = problem.cover[first].shift, group = problem.cover[first].group
        // The count is of one shift type's sessions: a line counting several shifts is left to GLPK.
        func isSession(_ r: Int) -> Bool {
            problem.cover[r].shift == shift && problem.cover[r].group == group && problem.cover[r].alsoCounted.isEmpty
        }
        guard floors.allSatisfy(isSession) else { return nil }
        let all = problem.cover.indices.filter { isSession($0) && problem.cover[$0].hardMinimum > 0 }
        var largest: [Int: Int] = [:]
        for r in all { largest[problem.cover[r].day] = max(largest[problem.cover[r].day] ?? 0, problem.cover[r].hardMinimum) }
        let needed = largest.values.reduce(0, +)
        var capacity = 0
        var caps: [RuleInstance] = []
        for person in problem.cover[first].people(staffCount: problem.staff.count) {
            let open = largest.keys.filter { problem.isPermitted(staff: person, day: $0, shift: shift) }.count
            let cap = problem.staff[person].limits.maxShiftsByType[shift]
            if let cap, cap < open {
                capacity += cap
                if cap > 0 { caps.append(.maxShiftsOfType(staff: person, shift: shift)) }
            } else {
                capacity += open
            }
        }
        guard capacity < needed, !caps.isEmpty else { return nil }
        return Collision(rules: (all.map { .coverFloor(requirement: $0) } + caps).sorted(), isMinimal: false, proof: .count)
    }

    public enum Verdict: Sendable, Equatable { case infeasible, feasible, unknown }

    /// Judges `rules` on their own.
    public mutating func judge(_ rules: Set<RuleInstance>) throws(SolveError) -> Verdict {
        // Stopped (Ctrl-C, the time limit): every check left is unproven, which keeps what was found sound.
        if control?.isCancelled == true { return .unknown }
        checks += 1
        let people = involvedPeople(rules)
        var restricted = problem.keeping(rules, people: people)
        // Every rule kept is judged as hard, whatever its rank: the question is whether they can all hold.
        restricted.minimumMinuteWeight = nil
        for r in restricted.cover.indices { restricted.cover[r].hardWeight = RosterProblem.hardRuleWeight }
        for k in restricted.supervision.indices { restricted.supervision[k].hardWeight = RosterProblem.hardRuleWeight }
        if let shiftsConsidered {
            for p in restricted.staff.indices {
                for t in restricted.shiftTypes.indices where !shiftsConsidered.contains(t) {
                    for d in 0..<restricted.dayCount { restricted.staff[p].blocked[DayShift(day: d, shift: t)] = .other("outside this check") }
                }
            }
        }
        let (glpk, _, _) = try RosterSolver.generate(restricted, modelPath: modelPath)
        let weight = Double(RosterProblem.hardRuleWeight)
        // The LP relaxation first: its dual bound often proves the units at once, where a MIP stopped on work
        // may end before it reports a bound.
        do {
            let iterations = max(1000, Int(10 * workPerCheck / (Double(glpk.rowCount) * RosterSolver.simplexWorkPerIterationRow)))
            let relaxation = try glpk.dualSimplexBound(iterationLimit: iterations)
            trace("collision check \(checks): \(rules.count) rules, \(people.count) people, dual LP \(relaxation.isOptimal ? "optimal" : "stopped") bound \(relaxation.bound.map { String($0) } ?? "none") in \(relaxation.iterations) iterations")
            if relaxation.infeasible { return .infeasible }
            if let bound = relaxation.bound, bound >= weight / 2 { return .infeasible }
        } catch {
            throw .glpk(error)
        }
        var options = MIPOptions()
        options.presolve = true
        options.cliqueCuts = true
        options.coverCuts = true
        options.workLimit = workPerCheck
        options.workWeights = .wholeModel
        do {
            let result = try glpk.solve(options, control: control?.glpk)
            if result.termination == .infeasible { return .infeasible }
            if let bound = result.termination == .optimal ? result.objective : result.bestBound, bound >= weight / 2 { return .infeasible }
            if let value = result.objective, value < weight / 2 { return .feasible }
            return .unknown
        } catch {
            throw .glpk(error)
        }
    }

    /// The people a set of rules can involve: those its cover counts, supervision names and person rules bind.
    func involvedPeople(_ rules: Set<RuleInstance>) -> [Int] {
        var people = Set<Int>()
        for rule in rules {
            switch rule {
            case .coverFloor(let r), .coverCap(let r):
                people.formUnion(problem.cover[r].people(staffCount: problem.staff.count))
            case .supervision(let k):
                people.formUnion(problem.supervision[k].supervised)
                people.formUnion(problem.supervision[k].supervisors)
            default:
                if let staff = rule.staff { people.insert(staff) }
            }
        }
        return people.sorted()
    }

    /// Candidate sets around the broken rules, narrow first, each with the shift types its checks open:
    /// the floors of the broken sessions' own shift types and groups with the rules capping the work of the
    /// people they count, on those shift types alone (small checks, sound by ``shiftsConsidered``); then
    /// every rule around them (``candidates(around:)``), on every shift type. A collision found among the
    /// narrow set is quicker to find and to read.
    public func candidateStages(around broken: [HardViolation]) -> [(rules: [RuleInstance], shifts: Set<Int>?)] {
        let wide = candidates(around: broken)
        var shifts = Set<Int>()
        var sessions = Set<String>()
        for violation in broken where violation.rule == .coverMinimum {
            guard let index = violation.requirement else { continue }
            for cell in problem.cover[index].cells { shifts.insert(cell.shift) }
            sessions.insert("\(problem.sessionName(of: problem.cover[index])) \(problem.cover[index].group ?? "")")
        }
        guard !sessions.isEmpty, broken.allSatisfy({ $0.rule == .coverMinimum }) else { return [(wide, nil)] }
        let narrow = wide.filter { rule in
            switch rule {
            case .coverFloor(let r): return sessions.contains("\(problem.sessionName(of: problem.cover[r])) \(problem.cover[r].group ?? "")")
            case .coverCap, .supervision: return false
            case .pin(let assignment): return shifts.contains(assignment.shift)
            default: return rule.capsWork
            }
        }
        return [(narrow, shifts), (wide, nil)]
    }

    /// The rule instances around the broken ones: the cover rules counting anyone who could fill them, and
    /// those people's own rules, pins, rest and successions.
    public func candidates(around broken: [HardViolation]) -> [RuleInstance] {
        var seeds = Set<RuleInstance>()
        for violation in broken {
            // A contract minimum that gave way (a bend order ranks it): that person's minimum.
            if let staff = violation.staff, violation.rule == .minPaidMinutes {
                seeds.insert(.minPaidMinutes(staff: staff))
            } else if let staff = violation.staff, violation.rule == .minWindowMinutes,
                let window = problem.staff[staff].limits.minuteWindows.firstIndex(where: {
                    $0.minimum != nil && $0.days.lowerBound == violation.day
                })
            {
                seeds.insert(.weeklyMinutes(staff: staff, window: window))
            }
            guard let index = violation.requirement else { continue }
            switch violation.rule {
            case .coverMinimum: seeds.insert(.coverFloor(requirement: index))
            case .coverMaximum: seeds.insert(.coverCap(requirement: index))
            case .supervision: seeds.insert(.supervision(rule: index))
            default: continue
            }
        }
        let people = Set(involvedPeople(seeds))
        return problem.ruleInstances.filter { rule in
            switch rule {
            case .coverFloor(let r), .coverCap(let r):
                return !people.isDisjoint(with: problem.cover[r].people(staffCount: problem.staff.count))
            case .supervision(let k):
                return seeds.contains(rule) || !people.isDisjoint(with: problem.supervision[k].supervised)
            case .rest, .forbiddenSuccessions:
                return true
            default:
                return rule.staff.map(people.contains) ?? false
            }
        }
    }

    /// A small set of `candidates` that cannot hold together, or nil when the candidates together can (or
    /// could not be proven not to).
    public mutating func collision(among candidates: [RuleInstance]) throws(SolveError) -> Collision? {
        guard try judge(Set(candidates)) == .infeasible else { return nil }
        var unproven = false
        let core = try quickXplain(background: [], delta: [], candidates: candidates, unproven: &unproven)
        // Minimal when dropping each member was proven to leave a set that can hold.
        var rules = core
        var minimal = !unproven
        for rule in core where rules.count > 1 && checks < checkLimit {
            var without = Set(rules)
            without.remove(rule)
            switch try judge(without) {
            case .infeasible: rules.removeAll { $0 == rule }
            case .unknown: minimal = false
            case .feasible: break
            }
        }
        if checks >= checkLimit { minimal = false }
        return Collision(rules: rules.sorted(), isMinimal: minimal)
    }

    /// QuickXplain: a subset of `candidates` that together with `background` cannot hold, and is minimal so
    /// (when every check was decided).
    private mutating func quickXplain(
        background: Set<RuleInstance>, delta: [RuleInstance], candidates: [RuleInstance], unproven: inout Bool
    ) throws(SolveError) -> [RuleInstance] {
        if !delta.isEmpty {
            guard checks < checkLimit else {
                unproven = true
                return candidates
            }
            switch try judge(background) {
            case .infeasible: return []
            case .unknown: unproven = true
            case .feasible: break
            }
        }
        if candidates.count <= 1 { return candidates }
        let half = candidates.count / 2
        let first = Array(candidates[..<half]), second = Array(candidates[half...])
        let secondCore = try quickXplain(
            background: background.union(first), delta: first, candidates: second, unproven: &unproven)
        let firstCore = try quickXplain(
            background: background.union(secondCore), delta: secondCore, candidates: first, unproven: &unproven)
        return firstCore + secondCore
    }
}
