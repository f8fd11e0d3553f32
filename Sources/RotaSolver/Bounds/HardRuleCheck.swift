import GLPKKit
import RotaCore

/// When the best roster breaks an elastic hard rule (cover, supervision, a contract minimum that may give
/// way): the least price of broken hard rules, each unit at its rank's weight, that any roster must pay,
/// proven by GLPK on the same model with every soft cost set to zero (a lower bound, and the exact minimum
/// when GLPK proves it optimal).
struct HardRuleCheck {
    let context: SolveContext
    /// Work for the check, beyond the search's; small models prove it at the root.
    static let workLimit = 2000.0

    func run(from incumbent: SolveState.Incumbent) throws(GLPKError) -> (minimum: Int, exact: Bool) {
        let glpk = context.glpk
        // The hard rules' own prices (their ranks' weights), every soft cost at zero.
        let units = zip(context.map.columns, context.model.coefficients).map { column, coefficient in
            column.isBrokenHardRule ? coefficient : 0
        }
        try glpk.setObjective(units)
        defer { try? glpk.setObjective(context.model.coefficients, constant: context.model.constant) }
        var options = context.options.fullSolve
        options.presolve = false
        options.relativeGap = 0
        options.workLimit = min(Self.workLimit, context.options.workLimit ?? Self.workLimit)
        options.timeLimit = context.remaining()
        let result = try glpk.solve(options, warmStart: incumbent.values, control: context.control.glpk)
        let proven = result.termination == .optimal ? result.objective : result.bestBound
        let minimum = proven.map { max(0, Int(ModelObjective.integerBound($0))) } ?? 0
        return (minimum, result.termination == .optimal)
    }
}
