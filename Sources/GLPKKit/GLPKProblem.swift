internal import CGLPK
internal import CGLPKShims
import Foundation

/// One GLPK problem object, built from a MathProg model and data.
///
/// GLPK keeps one environment per thread, and a problem belongs to the thread that made it: create, solve
/// and drop it on one thread. A fatal GLPK error frees that thread's environment and with it this problem;
/// later calls then throw ``GLPKError/invalidatedProblem(operation:)`` instead of touching freed memory.
public final class GLPKProblem {
    let handle: OpaquePointer
    private let generation: Int32
    private let owner: pthread_t
    /// Number of rows and columns of the problem.
    public internal(set) var rowCount: Int
    public internal(set) var columnCount: Int

    /// Translates `model` with `data` (MathProg files) and builds the problem.
    public convenience init(modelPath: String, dataPath: String?) throws(GLPKError) {
        var raw: OpaquePointer?
        let code = modelPath.withCString { model in
            if let dataPath {
                return dataPath.withCString { data in rota_glpk_mpl_build(model, data, &raw) }
            }
            return rota_glpk_mpl_build(model, nil, &raw)
        }
        let output = GLPKProblem.takeOutput()
        switch code {
        case 0:
            break
        case 1:
            throw GLPKError.translation(model: modelPath, data: dataPath, messages: output)
        default:
            throw GLPKError.fatal(operation: "glp_mpl_*", message: String(cString: rota_glpk_last_error()))
        }
        guard let raw else {
            throw GLPKError.fatal(operation: "glp_mpl_build_prob", message: "no problem was built")
        }
        self.init(adopting: raw)
    }

    /// Takes ownership of a problem the shim just built on this thread.
    init(adopting raw: OpaquePointer) {
        handle = raw
        generation = rota_glpk_env_generation()
        owner = pthread_self()
        var rows: Int32 = 0
        var cols: Int32 = 0
        _ = rota_glpk_dimensions(raw, &rows, &cols)
        rowCount = Int(rows)
        columnCount = Int(cols)
    }

    deinit {
        // After a fatal error the environment, and this problem with it, is already freed.
        if rota_glpk_env_generation() == generation {
            _ = rota_glpk_delete_prob(handle)
        }
    }

    /// Whether a fatal error on this thread has since destroyed the problem.
    public var isValid: Bool { rota_glpk_env_generation() == generation }

    func checkUsable(_ operation: String) throws(GLPKError) {
        precondition(pthread_equal(owner, pthread_self()) != 0, "GLPKProblem used off the thread that made it")
        guard isValid else { throw GLPKError.invalidatedProblem(operation: operation) }
    }

    /// The one place a shim return code becomes a Swift error.
    func check(_ code: Int32, _ operation: String) throws(GLPKError) {
        if code == ROTA_GLPK_FATAL {
            _ = GLPKProblem.takeOutput()
            throw GLPKError.fatal(operation: operation, message: String(cString: rota_glpk_last_error()))
        }
    }

    static func takeOutput() -> [String] {
        guard let raw = rota_glpk_take_output() else { return [] }
        defer { rota_glpk_free(raw) }
        return String(cString: raw).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// Column names as MathProg made them, e.g. `x[A,0,D]`.
    public func columnNames() throws(GLPKError) -> [String] {
        try checkUsable("columnNames")
        var raw: UnsafeMutablePointer<CChar>?
        try check(rota_glpk_column_names(handle, &raw), "glp_get_col_name")
        guard let raw else { return [] }
        defer { rota_glpk_free(raw) }
        let names = String(cString: raw).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        return Array(names.prefix(columnCount))
    }

    /// Objective coefficients by column (0-based) and the constant term.
    public func objectiveCoefficients() throws(GLPKError) -> (constant: Double, coefficients: [Double]) {
        try checkUsable("objectiveCoefficients")
        var buffer = [Double](repeating: 0, count: columnCount + 1)
        try check(rota_glpk_objective_coefficients(handle, &buffer), "glp_get_obj_coef")
        return (buffer[0], Array(buffer[1...]))
    }

    /// A column's bounds.
    public enum Bounds: Sendable, Hashable {
        case fixed(Double)
        case range(Double, Double)
    }

    /// Sets column bounds; `column` is 0-based. GLPK checks the indices, so an index out of range surfaces
    /// as ``GLPKError/fatal(operation:message:)`` rather than a crash.
    public func setBounds(_ changes: [(column: Int, bounds: Bounds)]) throws(GLPKError) {
        try checkUsable("setBounds")
        guard !changes.isEmpty else { return }
        var indices = [Int32](), types = [Int32](), lower = [Double](), upper = [Double]()
        indices.reserveCapacity(changes.count)
        for change in changes {
            indices.append(Int32(truncatingIfNeeded: change.column + 1))
            switch change.bounds {
            case .fixed(let value):
                types.append(GLP_FX); lower.append(value); upper.append(value)
            case .range(let low, let high) where low == high:
                // GLP_DB with equal bounds makes glp_intopt return GLP_EBOUND (GLPK.md #9).
                types.append(GLP_FX); lower.append(low); upper.append(high)
            case .range(let low, let high):
                types.append(GLP_DB); lower.append(low); upper.append(high)
            }
        }
        try check(
            rota_glpk_set_column_bounds(handle, Int32(indices.count), indices, types, lower, upper),
            "glp_set_col_bnds")
    }

    /// A proven lower bound on the objective over the LP relaxation, from the row duals of an
    /// interior-point solve (the Lagrangian bound, valid for any duals; near-optimal duals make it the LP
    /// bound). `nil` when the duals give no finite bound. Reduced costs below 1e-9 in magnitude on unbounded
    /// columns count as zero. GLPK has no time limit for this method: estimate its cost first.
    public func lagrangianBoundByInteriorPoint() throws(GLPKError) -> Double? {
        try checkUsable("lagrangianBoundByInteriorPoint")
        var bound = -Double.infinity
        try check(rota_glpk_interior_bound(handle, &bound), "glp_interior")
        _ = GLPKProblem.takeOutput()
        return bound.isFinite ? bound : nil
    }

    /// A proven lower bound from the LP relaxation by the primal simplex method (the dual simplex was far
    /// slower on the roster models, BENCHMARKS.md).
    ///
    /// With `start` (a point, 0-based by column, that meets every row and column bound: a roster's), the
    /// method starts from a basis whose basic solution is that point, so it skips its search for a feasible
    /// point; it falls back to an advanced basis when the point gives no valid basis
    /// (``SimplexBound/startedFromPoint`` tells which). Stops after `iterationLimit` iterations when given (a
    /// deterministic budget) or at `timeLimit`; the bound is then the Lagrangian bound at the row duals
    /// reached (valid for any duals, weak far from the optimum). The duals come back too (0-based by row),
    /// e.g. to start column generation from, and the point reached.
    public func simplexBound(iterationLimit: Int? = nil, timeLimit: Duration? = nil, startingFrom start: [Double]? = nil)
        throws(GLPKError) -> SimplexBound
    {
        try checkUsable("simplexBound")
        if let start, start.count != columnCount {
            throw GLPKError.invalidArgument(
                operation: "simplexBound", reason: "start has \(start.count) values for \(columnCount) columns")
        }
        var optimal: Int32 = 0, fromPoint: Int32 = 0, bound = -Double.infinity, iterations = 0
        var duals = [Double](repeating: 0, count: rowCount + 1)
        var values = [Double](repeating: 0, count: columnCount + 1)
        let point = start.map { [0] + $0 }
        let code = point.withOptionalBuffer { startPointer in
            rota_glpk_simplex_bound(
                handle, iterationLimit ?? 0, timeLimit?.milliseconds ?? -1, startPointer, &optimal, &fromPoint, &bound,
                &iterations, &duals, &values)
        }
        try check(code, "glp_simplex")
        _ = GLPKProblem.takeOutput()
        return SimplexBound(
            bound: bound.isFinite ? bound : nil, isOptimal: optimal != 0, iterations: iterations,
            rowDuals: Array(duals[1...]), columnValues: Array(values[1...]), startedFromPoint: fromPoint != 0)
    }

    /// A proven lower bound on the MIP by the dual simplex method from the standard basis, stopped after
    /// `iterationLimit` iterations: the bound holds whenever it stops and grows as it goes (every cost must be
    /// non-negative, so that the start is dual feasible). `infeasible` when the LP proved there is no point.
    public func dualSimplexBound(iterationLimit: Int) throws(GLPKError) -> (bound: Double?, isOptimal: Bool, infeasible: Bool, iterations: Int) {
        try checkUsable("dualSimplexBound")
        var optimal: Int32 = 0, infeasible: Int32 = 0, bound = -Double.infinity, iterations = 0
        try check(
            rota_glpk_dual_simplex_bound(handle, iterationLimit, &optimal, &infeasible, &bound, &iterations), "glp_simplex")
        _ = GLPKProblem.takeOutput()
        return (bound.isFinite ? bound : nil, optimal != 0, infeasible != 0, iterations)
    }

    /// Runs branch-and-cut.
    ///
    /// - Parameter warmStart: a point (0-based by column) to hand GLPK as its first incumbent. It must be
    ///   integral on integer columns; GLPK does not check it against the constraints, so the caller must.
    ///   It is used only with presolve off.
    /// - Parameter control: the solve's control: asked to stop, branch-and-cut ends at its next callback with
    ///   its incumbent (termination `.interrupted`); its progress shows the search's figures meanwhile.
    public func solve(_ options: MIPOptions, warmStart: [Double]? = nil, control: GLPKControl? = nil) throws(GLPKError) -> MIPResult {
        try checkUsable("solve")
        if let warmStart, warmStart.count != columnCount {
            throw GLPKError.invalidArgument(
                operation: "solve", reason: "warm start has \(warmStart.count) values for \(columnCount) columns")
        }
        var params = rota_glpk_mip_params()
        rota_glpk_mip_params_init(&params)
        params.time_limit_ms = options.timeLimit.map { Swift.max(0, $0.milliseconds) } ?? -1
        params.presolve = options.presolve ? GLP_ON : GLP_OFF
        params.gmi_cuts = options.gomoryCuts ? GLP_ON : GLP_OFF
        params.mir_cuts = options.mixedIntegerRoundingCuts ? GLP_ON : GLP_OFF
        params.cov_cuts = options.coverCuts ? GLP_ON : GLP_OFF
        params.clq_cuts = options.cliqueCuts ? GLP_ON : GLP_OFF
        params.fp_heur = options.feasibilityPump ? GLP_ON : GLP_OFF
        params.ps_heur = options.proximitySearch ? GLP_ON : GLP_OFF
        params.sr_heur = options.simpleRounding ? GLP_ON : GLP_OFF
        params.br_tech = options.branching.rawValue
        params.bt_tech = options.backtracking.rawValue
        params.mip_gap = options.relativeGap
        params.work_limit = options.workLimit ?? -1
        params.work_per_iteration_row = options.workWeights.iterationRow
        params.work_per_node_row = options.workWeights.nodeRow
        params.work_node_exponent = options.workWeights.nodeExponent
        params.work_per_setup_entry = options.workWeights.setupEntry
        params.control = control?.pointer

        var outcome = rota_glpk_mip_outcome()
        var values = [Double](repeating: 0, count: columnCount + 1)
        let start: [Double]? = (options.presolve ? nil : warmStart).map { [0] + $0 }
        let code: Int32 = start.withOptionalBuffer { startPointer in
            params.warm_start = startPointer
            params.warm_start_length = startPointer == nil ? 0 : Int32(columnCount + 1)
            return rota_glpk_intopt(handle, &params, &outcome, &values)
        }
        withExtendedLifetime(control) {}
        try check(code, "glp_intopt")
        _ = GLPKProblem.takeOutput()
        return MIPResult(
            outcome: outcome, values: values, warmStartGiven: start != nil)
    }
}

@available(*, unavailable)
extension GLPKProblem: Sendable {}

extension MIPResult {
    init(outcome: rota_glpk_mip_outcome, values: [Double], warmStartGiven: Bool) {
        let code = GLPKReturnCode(rawValue: outcome.return_code)
        let status = GLPKSolutionStatus(rawValue: outcome.mip_status)
        let hasPoint = status.hasPoint
        let termination: Termination
        switch code {
        case .success where status == .optimal, .gapReached where status == .optimal:
            termination = .optimal
        case .success where status == .noFeasible, .noPrimalFeasible:
            termination = .infeasible
        case .gapReached:
            termination = .optimal
        case .timeLimit:
            termination = .timeLimit
        case .stopped:
            termination = outcome.stopped_by_interrupt != 0
                ? .interrupted : outcome.stopped_by_work_limit != 0 ? .workLimit : .timeLimit
        case .noDualFeasible:
            termination = .unbounded
        default:
            // An LP that ran out of time before the MIP started reports its own code.
            termination = outcome.stopped_by_interrupt != 0 ? .interrupted : .solverError
        }
        self.init(
            termination: hasPoint && termination == .solverError ? .timeLimit : termination,
            columnValues: hasPoint ? Array(values[1...]) : nil,
            objective: hasPoint ? outcome.objective : nil,
            bestBound: outcome.has_bound != 0 ? outcome.best_bound : nil,
            elapsed: .milliseconds(outcome.elapsed_ms),
            timeToIncumbent: outcome.incumbent_ms >= 0 ? .milliseconds(outcome.incumbent_ms) : nil,
            warmStartAccepted: warmStartGiven && outcome.warm_start_result >= 0 ? outcome.warm_start_result == 0 : nil,
            returnCode: code,
            mipStatus: status,
            work: outcome.work,
            setupWork: outcome.setup_work,
            iterations: outcome.iterations,
            nodes: outcome.nodes,
            treeRows: Int(outcome.tree_rows),
            treeColumns: Int(outcome.tree_cols))
    }
}

extension Optional where Wrapped == [Double] {
    fileprivate func withOptionalBuffer<R>(_ body: (UnsafePointer<Double>?) -> R) -> R {
        switch self {
        case .none: return body(nil)
        case .some(let array): return array.withUnsafeBufferPointer { body($0.baseAddress) }
        }
    }
}
