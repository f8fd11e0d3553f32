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
}
