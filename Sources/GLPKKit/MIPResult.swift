/// The outcome of a MIP solve on two axes, as MathOptInterface puts it: why the solver stopped, and what
/// it found. A time limit with a point is a usable, unproven answer; a time limit without one is not.
public struct MIPResult: Sendable {
    /// Why the solve ended.
    public enum Termination: String, Sendable, Hashable {
        /// Optimality proven (within `MIPOptions.relativeGap` when that is positive).
        case optimal
        /// Proven to have no feasible point.
        case infeasible
        /// The wall-clock limit ran out.
        case timeLimit
        /// The work limit (``MIPOptions/workLimit``) ran out.
        case workLimit
        /// Stopped on request (Ctrl-C).
        case interrupted
        /// The LP relaxation is unbounded.
        case unbounded
        /// GLPK failed numerically, or rejected the problem's bounds (a bug on Rota's side).
        case solverError
    }

    public var termination: Termination
    /// The point found, 0-based by column; `nil` when none was found.
    public var columnValues: [Double]?
    /// Objective of the point found.
    public var objective: Double?
    /// The best proven lower bound (minimisation), when one is known.
    public var bestBound: Double?
    public var elapsed: Duration
    /// When the returned point was found, from the start of the solve.
    public var timeToIncumbent: Duration?
    /// Whether an injected warm start was taken by GLPK (`nil` when none was given).
    public var warmStartAccepted: Bool?
    public var returnCode: GLPKReturnCode
    public var mipStatus: GLPKSolutionStatus
    /// Deterministic measure of the effort spent, in work units of about a millisecond on this project's
    /// machines: simplex iterations weighted by the size of the problem, nodes, and the set-up.
    public var work: Double
    /// The part of ``work`` charged for setting up (scaling, presolve), before any simplex iteration.
    public var setupWork: Double
    /// Simplex iterations, root LP included.
    public var iterations: Int
    /// Nodes of the search tree.
    public var nodes: Int
    /// Size of the problem branch-and-cut worked on (after presolve).
    public var treeRows: Int
    public var treeColumns: Int

    public var hasPoint: Bool { columnValues != nil }

    /// Relative gap between objective and bound, `|obj - bound| / max(1, |obj|)`; nil without both.
    public var relativeGap: Double? {
        guard let objective, let bestBound else { return nil }
        return Swift.abs(objective - bestBound) / Swift.max(1, Swift.abs(objective))
    }
}
