internal import CGLPK
internal import CGLPKShims

/// Building problems from arrays, reading them back, and the simplex with duals: what a decomposition
/// (column generation) needs beyond MathProg.
extension GLPKProblem {
    /// Builds a problem from `program` on this thread.
    public convenience init(_ program: LinearProgram) throws(GLPKError) {
        guard program.columns.count == program.isInteger.count, program.columns.count == program.objective.count else {
            throw GLPKError.invalidArgument(
                operation: "GLPKProblem(program)", reason: "columns, kinds and objective differ in length")
        }
        for entry in program.entries
        where !program.rows.indices.contains(entry.row) || !program.columns.indices.contains(entry.column) {
            throw GLPKError.invalidArgument(
                operation: "GLPKProblem(program)", reason: "entry (\(entry.row), \(entry.column)) is outside the problem")
        }
        let rows = program.rows.map(Self.glpkBounds)
        let columns = program.columns.map(Self.glpkBounds)
        let kinds = program.isInteger.map { $0 ? GLP_IV : GLP_CV }
        let objective = [program.objectiveConstant] + program.objective
        let entryRows = program.entries.map { Self.glpkIndex($0.row) }
        let entryColumns = program.entries.map { Self.glpkIndex($0.column) }
        let entryValues = program.entries.map(\.value)
        var raw: OpaquePointer?
        let code = rota_glpk_build(
            Int32(rows.count), rows.map(\.type), rows.map(\.lower), rows.map(\.upper), Int32(columns.count),
            columns.map(\.type), columns.map(\.lower), columns.map(\.upper), kinds, objective,
            Int32(program.entries.count), entryRows, entryColumns, entryValues, &raw)
        if code == ROTA_GLPK_FATAL {
            _ = GLPKProblem.takeOutput()
            throw GLPKError.fatal(operation: "glp_load_matrix", message: String(cString: rota_glpk_last_error()))
        }
        guard let raw else { throw GLPKError.fatal(operation: "glp_create_prob", message: "no problem was built") }
        self.init(adopting: raw)
    }

    /// The problem as arrays: bounds, kinds, objective and every non-zero.
    public func linearProgram() throws(GLPKError) -> LinearProgram {
        try checkUsable("linearProgram")
        var nonzeros: Int32 = 0
        try check(rota_glpk_nonzeros(handle, &nonzeros), "glp_get_num_nz")
        let m = rowCount, n = columnCount, nz = Int(nonzeros)
        var rowType = [Int32](repeating: 0, count: m), rowLower = [Double](repeating: 0, count: m)
        var rowUpper = [Double](repeating: 0, count: m)
        var columnType = [Int32](repeating: 0, count: n), columnLower = [Double](repeating: 0, count: n)
        var columnUpper = [Double](repeating: 0, count: n), kinds = [Int32](repeating: 0, count: n)
        var objective = [Double](repeating: 0, count: n + 1)
        var entryRow = [Int32](repeating: 0, count: nz), entryColumn = [Int32](repeating: 0, count: nz)
        var entryValue = [Double](repeating: 0, count: nz)
        try check(
            rota_glpk_export(
                handle, &rowType, &rowLower, &rowUpper, &columnType, &columnLower, &columnUpper, &kinds, &objective,
                &entryRow, &entryColumn, &entryValue),
            "glp_get_mat_row")
        func bounds(_ type: Int32, _ lower: Double, _ upper: Double) -> LinearProgram.Bounds {
            switch type {
            case GLP_FR: return .free
            case GLP_LO: return LinearProgram.Bounds(lower: lower, upper: nil)
            case GLP_UP: return LinearProgram.Bounds(lower: nil, upper: upper)
            case GLP_FX: return .fixed(lower)
            default: return LinearProgram.Bounds(lower: lower, upper: upper)
            }
        }
        return LinearProgram(
            rows: (0..<m).map { bounds(rowType[$0], rowLower[$0], rowUpper[$0]) },
            columns: (0..<n).map { bounds(columnType[$0], columnLower[$0], columnUpper[$0]) },
            isInteger: kinds.map { $0 != GLP_CV },
            objective: Array(objective[1...]),
            objectiveConstant: objective[0],
            entries: (0..<nz).map {
                LinearProgram.Entry(
                    row: Self.swiftIndex(entryRow[$0]), column: Self.swiftIndex(entryColumn[$0]), value: entryValue[$0])
            })
    }

    /// Replaces the objective (one coefficient per column) and its constant.
    public func setObjective(_ coefficients: [Double], constant: Double = 0) throws(GLPKError) {
        try checkUsable("setObjective")
        guard coefficients.count == columnCount else {
            throw GLPKError.invalidArgument(
                operation: "setObjective", reason: "\(coefficients.count) coefficients for \(columnCount) columns")
        }
        try check(rota_glpk_set_objective(handle, [constant] + coefficients), "glp_set_obj_coef")
    }

    /// Appends columns; returns the index of the first. The basis of the last simplex solve stays valid (the
    /// new columns are non-basic), so the next ``solveLinearProgram(timeLimit:)`` starts from it.
    @discardableResult
    public func addColumns(_ columns: [NewColumn]) throws(GLPKError) -> Int {
        try checkUsable("addColumns")
        let first = columnCount
        guard !columns.isEmpty else { return first }
        var start: [Int32] = [0], entryRows: [Int32] = [], entryValues: [Double] = []
        for column in columns {
            var seen = Set<Int>()
            for entry in column.entries {
                guard (0..<rowCount).contains(entry.row), seen.insert(entry.row).inserted else {
                    throw GLPKError.invalidArgument(
                        operation: "addColumns", reason: "row \(entry.row) is outside the problem or given twice")
                }
                entryRows.append(Self.glpkIndex(entry.row))
                entryValues.append(entry.value)
            }
            start.append(Int32(entryRows.count))
        }
        let bounds = columns.map { Self.glpkBounds($0.bounds) }
        try check(
            rota_glpk_add_columns(
                handle, Int32(columns.count), bounds.map(\.type), bounds.map(\.lower), bounds.map(\.upper),
                columns.map { $0.isInteger ? GLP_IV : GLP_CV }, columns.map(\.objective), start, entryRows, entryValues),
            "glp_add_cols")
        columnCount += columns.count
        return first
    }

    /// Marks columns integer or continuous (0-based indices).
    public func setInteger(_ columns: [Int], _ isInteger: Bool) throws(GLPKError) {
        try checkUsable("setInteger")
        guard !columns.isEmpty else { return }
        let kinds = [Int32](repeating: isInteger ? GLP_IV : GLP_CV, count: columns.count)
        try check(
            rota_glpk_set_column_kinds(handle, Int32(columns.count), columns.map(Self.glpkIndex), kinds),
            "glp_set_col_kind")
    }

    /// Solves the LP relaxation by the primal simplex method from the current basis, with the row duals.
    public func solveLinearProgram(timeLimit: Duration? = nil) throws(GLPKError) -> LPSolution {
        try checkUsable("solveLinearProgram")
        var code: Int32 = 0, status: Int32 = 0, objective = 0.0, iterations = 0
        var values = [Double](repeating: 0, count: columnCount + 1)
        var duals = [Double](repeating: 0, count: rowCount + 1)
        try check(
            rota_glpk_simplex_duals(
                handle, timeLimit?.milliseconds ?? -1, &code, &status, &objective, &values, &duals, &iterations),
            "glp_simplex")
        _ = GLPKProblem.takeOutput()
        return LPSolution(
            isOptimal: code == 0 && status == GLP_OPT, objective: objective, columnValues: Array(values[1...]),
            rowDuals: Array(duals[1...]), iterations: iterations)
    }

    /// GLPK numbers rows and columns from 1; Rota from 0. Every conversion goes through these two.
    static func glpkIndex(_ index: Int) -> Int32 { Int32(truncatingIfNeeded: index + 1) }
    static func swiftIndex(_ index: Int32) -> Int { Int(index) - 1 }

    private static func glpkBounds(_ bounds: LinearProgram.Bounds) -> (type: Int32, lower: Double, upper: Double) {
        switch (bounds.lower, bounds.upper) {
        case (nil, nil): return (GLP_FR, 0, 0)
        case (let lower?, nil): return (GLP_LO, lower, 0)
        case (nil, let upper?): return (GLP_UP, 0, upper)
        case (let lower?, let upper?) where lower == upper: return (GLP_FX, lower, upper)
        case (let lower?, let upper?): return (GLP_DB, lower, upper)
        }
    }
}
