/// A mixed-integer linear program held in Swift arrays: to read a generated problem back, take it apart and
/// build smaller problems from its pieces (the decomposition of the roster model does this).
///
/// Indices are 0-based. Bounds use `nil` for "none"; a row or column with equal bounds is fixed.
public struct LinearProgram: Sendable {
    /// Bounds of a row (on its activity, the sum of its entries times the columns) or of a column.
    public struct Bounds: Sendable, Hashable {
        public var lower: Double?
        public var upper: Double?

        public init(lower: Double?, upper: Double?) {
            self.lower = lower
            self.upper = upper
        }

        public static let free = Bounds(lower: nil, upper: nil)
        public static func fixed(_ value: Double) -> Bounds { Bounds(lower: value, upper: value) }
    }

    /// One non-zero of the constraint matrix.
    public struct Entry: Sendable, Hashable {
        public var row: Int
        public var column: Int
        public var value: Double

        public init(row: Int, column: Int, value: Double) {
            self.row = row
            self.column = column
            self.value = value
        }
    }

    public var rows: [Bounds]
    public var columns: [Bounds]
    public var isInteger: [Bool]
    /// Objective coefficient of each column (minimised).
    public var objective: [Double]
    public var objectiveConstant: Double
    /// The matrix, with no (row, column) pair twice.
    public var entries: [Entry]

    public init(
        rows: [Bounds], columns: [Bounds], isInteger: [Bool], objective: [Double], objectiveConstant: Double = 0,
        entries: [Entry]
    ) {
        self.rows = rows
        self.columns = columns
        self.isInteger = isInteger
        self.objective = objective
        self.objectiveConstant = objectiveConstant
        self.entries = entries
    }
}

/// A column to append to a problem (see ``GLPKProblem/addColumns(_:)``): bounds, kind, cost and its
/// entries by row.
public struct NewColumn: Sendable {
    public var bounds: LinearProgram.Bounds
    public var isInteger: Bool
    public var objective: Double
    public var entries: [(row: Int, value: Double)]

    public init(bounds: LinearProgram.Bounds, isInteger: Bool, objective: Double, entries: [(row: Int, value: Double)]) {
        self.bounds = bounds
        self.isInteger = isInteger
        self.objective = objective
        self.entries = entries
    }
}

/// The result of solving a linear program with the simplex method.
public struct LPSolution: Sendable {
    /// Whether the simplex method proved the point optimal.
    public var isOptimal: Bool
    public var objective: Double
    /// Column values, 0-based.
    public var columnValues: [Double]
    /// The dual value of each row (0-based): the change of the objective per unit of the row's bound, so
    /// that a column's reduced cost is its cost minus the sum of its entries times these.
    public var rowDuals: [Double]
    /// Simplex iterations the solve took.
    public var iterations: Int
}

/// What ``GLPKProblem/simplexBound(iterationLimit:timeLimit:startingFrom:)`` proves.
public struct SimplexBound: Sendable {
    /// The Lagrangian bound at the duals reached; nil when they give none.
    public var bound: Double?
    /// Whether the LP was solved to optimality (the bound is then the LP's value).
    public var isOptimal: Bool
    public var iterations: Int
    /// The dual value of each row (0-based), as in ``LPSolution/rowDuals``.
    public var rowDuals: [Double]
    /// The point reached, 0-based by column (the LP's optimum when ``isOptimal``).
    public var columnValues: [Double]
    /// Whether the method started from the point it was given.
    public var startedFromPoint: Bool
}
