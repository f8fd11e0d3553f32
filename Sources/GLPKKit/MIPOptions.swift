internal import CGLPK

/// Options for one branch-and-cut solve, mirroring `glp_iocp` with Rota's names and units.
///
/// Every field starts at GLPK's own default (`glp_init_iocp`), except messages, which are off.
public struct MIPOptions: Sendable, Hashable {
    /// Wall-clock budget for the whole solve, root LP included; `nil` means no limit.
    public var timeLimit: Duration?
    /// Deterministic budget in work units beyond the set-up (see ``MIPResult/work`` and
    /// ``MIPResult/setupWork``); `nil` means no limit. The same problem and options stop at the same point
    /// whatever the machine's load.
    public var workLimit: Double?
    /// How work is counted (see ``MIPResult/work``).
    public var workWeights = WorkWeights.neighbourhood
    /// GLPK's MIP presolver. A warm start is only possible with it off. GLPK default: off.
    public var presolve = false
    public var gomoryCuts = false
    public var mixedIntegerRoundingCuts = false
    public var coverCuts = false
    public var cliqueCuts = false
    public var feasibilityPump = false
    public var proximitySearch = false
    public var simpleRounding = true
    /// Relative gap at which to stop (0: prove optimality).
    public var relativeGap: Double = 0
    public var branching: Branching = .driebeckTomlin
    public var backtracking: Backtracking = .bestLocalBound

    public enum Branching: Int32, Sendable, Hashable {
        case firstFractional = 1, lastFractional = 2, mostFractional = 3, driebeckTomlin = 4, hybridPseudoCost = 5
    }
    public enum Backtracking: Int32, Sendable, Hashable {
        case depthFirst = 1, breadthFirst = 2, bestLocalBound = 3, bestProjection = 4
    }

    public init(timeLimit: Duration? = nil) { self.timeLimit = timeLimit }

    /// Weights that turn simplex iterations and nodes into work units of about a millisecond of one core on
    /// this project's machines. Time per node differs by an order of magnitude between a presolved
    /// neighbourhood with clique and cover cuts and the whole model with Gomory and MIR cuts, so each has
    /// its own fit (least squares on measured solves, BENCHMARKS.md). Any fixed weights keep the measure
    /// deterministic; the fit only makes a unit about a millisecond.
    public struct WorkWeights: Sendable, Hashable {
        /// Per simplex iteration, per row of the problem searched.
        public var iterationRow: Double
        /// Per node, per row of the problem searched raised to ``nodeExponent``.
        public var nodeRow: Double
        public var nodeExponent: Double
        /// Once per solve, per row and column of the original problem.
        public var setupEntry: Double

        public init(iterationRow: Double, nodeRow: Double, nodeExponent: Double = 1, setupEntry: Double) {
            self.iterationRow = iterationRow
            self.nodeRow = nodeRow
            self.nodeExponent = nodeExponent
            self.setupEntry = setupEntry
        }

        /// Fitted on 280 presolved neighbourhood sub-MIPs (clique and cover cuts) of the example practice
        /// and five NRP instances.
        public static let neighbourhood = WorkWeights(iterationRow: 1.6e-4, nodeRow: 1.5e-5, nodeExponent: 1.5, setupEntry: 5e-4)
        /// Fitted on 3 200 one-person pricing MIPs of column generation (presolve; clique, cover and MIR
        /// cuts) on the example practice and six NRP instances: their nodes cost far more than a
        /// neighbourhood's of the same size (the neighbourhood weights charged 0.55–2.1 ms a unit).
        public static let pricing = WorkWeights(iterationRow: 1.54e-4, nodeRow: 7.6e-5, nodeExponent: 1.5, setupEntry: 0)
        /// Fitted on branch-and-cut over the whole example practice and six NRP models (all four cut
        /// families, no presolve): a node of a large model costs more than its share of rows.
        public static let wholeModel = WorkWeights(iterationRow: 3.9e-5, nodeRow: 1.33e-4, nodeExponent: 1.5, setupEntry: 0)
    }
}

extension Duration {
    /// Milliseconds as a Double, the unit GLPK's clock uses.
    var milliseconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }

    static func milliseconds(_ value: Double) -> Duration { .nanoseconds(Int64(value * 1e6)) }
}
