public import GLPKKit

/// What one phase of a solve did, as figures (tests and benchmarks read these; ``SolveOutcome/log`` is
/// the same in words for `--verbose`).
public enum PhaseReport: Sendable, Hashable {
    /// The first roster: its soft cost when every person could be placed within their own rules, and the
    /// first local search's start and end (in the evaluator's total).
    case firstRoster(FirstRoster)
    /// The LP relaxation by the simplex method.
    case relaxation(Relaxation)
    /// The LP optimum rounded person by person into a roster (``RelaxationRounding``).
    case rounding(Rounding)
    /// Neighbourhood search from the rounded LP optimum before column generation, on the first worker, where
    /// that optimum is nearly integral.
    case searchFromRounding(Search)
    /// Column generation over the person decomposition.
    case columnGeneration(ColumnGenerationRun)
    /// The MIP over column generation's patterns: the model value of its roster, nil when none was found or
    /// its roster broke a person's own rules.
    case restrictedMaster(value: Double?)
    /// Price-and-dive over column generation's master: the model value of its roster, nil when it found none
    /// within its work or its roster broke a person's own rules.
    case dive(value: Double?)
    /// Branch-and-cut on the whole model.
    case branchAndCut(BranchAndCut)
    /// The Lagrangian bound at interior-point duals; nil when they gave none, or the phase was skipped.
    case interiorPointBound(Double?)
    /// The large-neighbourhood search.
    case search(Search)

    public struct FirstRoster: Sendable, Hashable {
        public var cost: Int?
        public var unscheduled: Int
        public var placedByModel: Int
        public var localSearchStart: Int?
        public var localSearchBest: Int?
        public var localSearchMoves: Int
    }

    public struct Relaxation: Sendable, Hashable {
        public var startedFromIncumbent: Bool
        public var isOptimal: Bool
        public var bound: Double?
        public var iterations: Int
        public var work: Double
        /// Assignment columns strictly between 0 and 1 at the optimum, of ``assignments``; nil when the LP
        /// stopped short of it.
        public var fractionalAssignments: Int?
        public var assignments: Int
    }

    public struct Rounding: Sendable, Hashable {
        public var fractionalAssignments: Int
        public var assignments: Int
        /// Model value of the rounded roster before and after the one-person-at-a-time passes.
        public var roundedValue: Double?
        public var improvedValue: Double?
        /// Whether the final roster meets every person's own rules.
        public var meetsPersonalRules: Bool
        public var peopleChanged: Int
        public var peopleKept: Int
        public var work: Double
    }

    public struct ColumnGenerationRun: Sendable, Hashable {
        public var iterations: Int
        public var patterns: Int
        public var bound: Double?
        public var masterValue: Double?
        public var converged: Bool
        /// Stopped because the bound did not move while pricing MIPs were cut short.
        public var stalled: Bool
        public var work: Double
    }

    public struct BranchAndCut: Sendable, Hashable {
        public var termination: MIPResult.Termination
        public var objective: Double?
        public var bound: Double?
        public var warmStartAccepted: Bool?
        public var nodes: Int
        public var iterations: Int
        public var work: Double
    }

    public struct Search: Sendable, Hashable {
        public var workers: Int
        public var neighbourhoods: Int
        public var improvements: Int
        public var work: Double
    }
}
