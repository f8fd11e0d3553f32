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
    /// the bound rounded up proves optimality.
    static func reaches(_ objective: Double, bound: Double?) -> Bool {
        guard let bound else { return false }
        return objective <= bound.rounded(.up) + 1e-6
    }
}
