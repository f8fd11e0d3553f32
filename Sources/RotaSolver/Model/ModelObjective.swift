import GLPKKit

/// The model's objective as a function of a column vector (GLPK's own coefficients).
struct ModelObjective: Sendable {
    let constant: Double
    let coefficients: [Double]

    func value(_ values: [Double]) -> Double {
        var total = constant
        for (column, coefficient) in coefficients.enumerated() where coefficient != 0 {
            total += coefficient * values[column]
        }
        return total
    }

    /// Whether a roster of cost `objective` meets the proven lower `bound`: costs are integers, so reaching
    /// the bound rounded up proves optimality. With a `gap`, being within that fraction of the bound (the
    /// gap as reports print it: relative to the cost) is enough.
    static func reaches(_ objective: Double, bound: Double?, gap: Double = 0) -> Bool {
        guard let bound else { return false }
        let proven = integerBound(bound)
        if objective <= proven + 1e-6 { return true }
        return gap > 0 && (objective - proven) / max(1, abs(objective)) <= gap + 1e-12
    }

    /// The least integer cost a bound computed in floating point proves: rounded up, after allowing for
    /// the solver's rounding error (which could otherwise lift 4040.00000004 to 4041).
    static func integerBound(_ bound: Double) -> Double {
        let rounded = (bound - 1e-6 - 1e-9 * abs(bound)).rounded(.up)
        return rounded == 0 ? 0 : rounded  // never -0, which prints as "-0"
    }

    /// The bound every point meets by its column bounds alone: each cost at its cheaper end.
    static func boxBound(_ program: LinearProgram) -> Double? {
        var bound = program.objectiveConstant
        for (cost, limits) in zip(program.objective, program.columns) where cost != 0 {
            guard let end = cost > 0 ? limits.lower : limits.upper else { return nil }
            bound += cost * end
        }
        return bound
    }
}
