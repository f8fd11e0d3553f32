public import RotaCore

/// Why a solve ended, in terms a person can act on.
public enum SolveStatus: String, Sendable, Hashable {
    /// The roster is proven optimal.
    case optimal
    /// The roster's cost is within ``SolveOptions/relativeGap`` of the proven bound (asked to stop there).
    case withinGap = "within gap"
    /// The time limit ran out; the roster is the best found, with its gap to the proven bound.
    case timeLimit = "time limit"
    /// The work limit (``SolveOptions/workLimit``) ran out; the roster is the best found, with its gap.
    case workLimit = "work limit"
    /// Stopped by Ctrl-C; the roster is the best found so far.
    case interrupted
    /// Proven: no roster meets every hard rule.
    case infeasible
    /// No roster meeting every hard rule was found in time, and none was proven impossible.
    case noRoster = "no roster found"
}

/// What a solve's result means for whoever ran it: the basis of every command's exit code.
public enum SolveVerdict: Sendable, Hashable, Comparable {
    /// A roster meeting every hard rule.
    case everyHardRuleMet
    /// A roster that breaks a hard rule the model keeps elastic (cover, supervision, a contract minimum
    /// a bend order lets give way): the best possible when the month does not fit, or the best found in time.
    case hardRulesBroken
    /// No roster: proven impossible, or none found in time.
    case noRoster
    /// Stopped on request; the best roster so far, if any, comes with it.
    case interrupted
    /// The evaluator disagrees with the solver about the roster's cost: a bug.
    case internalFault
}

/// How a roster stands with the hard rules the model keeps elastic: cover floors and caps, supervision,
/// and contract minimums when a bend order lets them give way.
public enum HardRuleStanding: Sendable, Hashable {
    case met
    /// Broken, and proven unavoidable: no roster meets every hard rule. `fewest`: proven too that no roster
    /// breaks less by the bend order (its price is the least possible); otherwise a longer solve may.
    case unavoidable(fewest: Bool)
    /// Broken, and not proven unavoidable: a longer solve may find a roster that meets them.
    case unproven
}

/// The result of a solve: the roster, its independent evaluation, and how far it is from proven.
public struct SolveOutcome: Sendable {
    public var problem: RosterProblem
    public var status: SolveStatus
    public var roster: Roster?
    /// The evaluator's verdict on ``roster`` (never the solver's own view).
    public var evaluation: Evaluation?
    /// The model's objective for ``roster``, as GLPK computed it.
    public var solverObjective: Double?
    /// Best proven lower bound on any roster's cost.
    public var bestBound: Double?
    public var elapsed: Duration
    /// When the returned roster was found.
    public var timeToBest: Duration?
    /// When the GLPK model was ready (from the solve's start: the constructive roster and the build).
    public var modelReadyAt: Duration
    public var modelRows: Int
    public var modelColumns: Int
    /// Cost of the constructive roster (nil when it left someone unscheduled).
    public var constructiveCost: Int?
    /// People the constructive heuristic could not schedule within their hard rules.
    public var unscheduledByConstruction: [Int]
    /// People proven unable to meet their own hard rules (the reason for ``SolveStatus/infeasible``).
    public var infeasiblePeople: [Int]
    /// Why no roster exists, in words a manager can act on (one line per cause).
    public var diagnosis: [String]
    public var neighbourhoodsSolved: Int
    public var neighbourhoodImprovements: Int
    /// Work the solve did (branch-and-cut and search, the busiest worker; see ``SolveOptions/workLimit``).
    public var work: Double = 0
    /// When the roster breaks an elastic hard rule: the least price of broken hard rules (each unit at its
    /// rank's weight) every roster must pay, as GLPK proved it on the model without soft costs (0: not
    /// proven unavoidable).
    public var minimumHardCost: Int?
    /// Whether the solve ended for a reason that does not depend on the clock (proof, bound reached, work
    /// limit), so the same inputs, seed and options give this same roster again, on any machine.
    public var reproducible = false
    /// The solve did not stop within ``RosterSolver/stopGrace`` of its time limit or a cancel (it was in a
    /// GLPK call that cannot be stopped part-way); the roster is the best it had published by then.
    public var stoppedWithoutWaiting = false
    /// Notes on the run for a log (phases, GLPK codes).
    public var log: [String]
    /// What each phase did, as figures.
    public var phases: [PhaseReport] = []

    /// What the result means (see ``SolveVerdict``): a disagreement first, then an interruption, then what
    /// the roster is.
    public var verdict: SolveVerdict {
        if !objectivesAgree { return .internalFault }
        if status == .interrupted { return .interrupted }
        guard let evaluation else { return .noRoster }
        return evaluation.isFeasible ? .everyHardRuleMet : .hardRulesBroken
    }

    /// Whether the solver's objective and the evaluator's total agree (exactly: both are integers).
    public var objectivesAgree: Bool {
        // A roster returned before the model priced it (``stoppedWithoutWaiting``) has no model value to
        // compare; the evaluator's verdict is all there is.
        guard let evaluation, let solverObjective else { return roster == nil || stoppedWithoutWaiting }
        return Swift.abs(solverObjective - Double(evaluation.modelObjective)) < 1e-6
    }

    /// The least model value ``bestBound`` proves (soft cost plus the price of broken hard rules that span
    /// people): costs are whole numbers, so the bound rounds up (after allowing for floating-point error).
    public var provenBound: Double? { bestBound.map(ModelObjective.integerBound) }

    /// Units of elastic hard rules the roster breaks, each in its rule's unit (people, days, minutes).
    public var hardUnits: Int { evaluation?.elasticUnits ?? 0 }

    /// The model's price of the elastic hard rules the roster breaks (see ``Evaluation/hardCost``).
    public var hardCost: Int { evaluation?.hardCost ?? 0 }

    /// How the roster stands with the hard rules.
    public var hardRules: HardRuleStanding {
        guard hardCost > 0 else { return .met }
        if let minimum = minimumHardCost, minimum > 0 { return .unavoidable(fewest: minimum >= hardCost) }
        return .unproven
    }

    /// A proven lower bound on the soft cost, on the scale of ``Evaluation/total``: of any roster when this
    /// one meets every hard rule, else of any roster whose broken hard rules cost no more than this one's
    /// (every roster's model value is at least ``provenBound``, and its broken hard rules add their price,
    /// ``hardCost`` here). Never below 0.
    public var softBound: Double? {
        provenBound.map { Swift.max(0, $0 - Double(hardCost)) }
    }

    /// Relative gap of the roster's soft cost to ``softBound``, `(cost - bound) / max(1, cost)`: like with like.
    public var gap: Double? {
        guard let evaluation, let softBound else { return nil }
        let cost = Double(evaluation.total)
        return Swift.max(0, cost - softBound) / Swift.max(1, cost)
    }
}
