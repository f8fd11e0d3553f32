import Foundation
import GLPKKit
public import RotaCore
import RotaModels

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
    public var checkLimit = 400
    public var control: SolveControl?
    private(set) public var checks = 0

    public init(problem: RosterProblem, modelPath: String? = nil) {
        self.problem = problem
        self.modelPath = modelPath
    }

    /// A set of rule instances that cannot hold together.
    public struct Collision: Sendable, Hashable {
        public var rules: [RuleInstance]
        /// Whether dropping any one of them was proven to leave a set that can hold.
        public var isMinimal: Bool
    }

    public enum Verdict: Sendable, Equatable { case infeasible, feasible, unknown }

    /// Judges `rules` on their own.
    public mutating func judge(_ rules: Set<RuleInstance>) throws(SolveError) -> Verdict {
        checks += 1
        let people = involvedPeople(rules)
        let restricted = problem.keeping(rules, people: people)
        guard let modelPath = modelPath ?? RotaModels.rosterModelPath else { throw .modelNotFound }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rota-\(getpid())-\(UUID().uuidString).dat").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let glpk: GLPKProblem
        let map: ColumnMap
        do {
            (glpk, map) = try RosterSolver.generate(restricted, modelPath: modelPath, dataPath: path)
        }
        var options = MIPOptions()
        options.presolve = true
        options.cliqueCuts = true
        options.coverCuts = true
        options.workLimit = workPerCheck
        options.workWeights = .wholeModel
        do {
            let result = try glpk.solve(options, control: control?.glpk)
            _ = map
            if result.termination == .infeasible { return .infeasible }
            let weight = Double(RosterProblem.hardRuleWeight)
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

    /// The rule instances around the broken ones: the cover rules counting anyone who could fill them, and
    /// those people's own rules, pins, rest and successions.
    public func candidates(around broken: [HardViolation]) -> [RuleInstance] {
        var seeds = Set<RuleInstance>()
        for violation in broken {
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
