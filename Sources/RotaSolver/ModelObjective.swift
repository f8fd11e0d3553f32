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
        if objective <= bound.rounded(.up) + 1e-6 { return true }
        return gap > 0 && (objective - bound.rounded(.up)) / max(1, abs(objective)) <= gap + 1e-12
    }
}
