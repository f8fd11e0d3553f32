public import RotaCore

extension RosterSolver {
    /// Why `outcome`'s roster breaks hard rules that span several people: a small set of rule instances around
    /// them that cannot hold together (``CollisionFinder``), in words. Nil when the roster breaks none, or no
    /// collision among the rules around them could be proven (it may lie further away, or need more work).
    public func explain(_ outcome: SolveOutcome, scenario: Scenario? = nil) throws(SolveError) -> Explanation? {
        guard let evaluation = outcome.evaluation, evaluation.elasticUnits > 0 else { return nil }
        var finder = CollisionFinder(problem: problem, modelPath: options.modelPath)
        finder.control = control
        let broken = evaluation.hardViolations.filter(\.isElastic)
        if let counted = finder.countingCollision(around: broken) { return Explanation(counted, problem: problem, scenario: scenario) }
        for stage in finder.candidateStages(around: broken) {
            finder.shiftsConsidered = stage.shifts
            if let collision = try finder.collision(among: stage.rules) { return Explanation(collision, problem: problem, scenario: scenario) }
        }
        return nil
    }
}
