import GLPKKit
import RotaCore

/// The last phase: large-neighbourhood search in rounds on both workers until the work limit, the proven
/// bound, the deadline or a stop request (``NeighbourhoodSearch``, ``SearchRounds``). The bound phase was
/// worker 0's round 0; where the helper already searched during it, worker 0 joins its rounds from there.
struct SearchPhase {
    let context: SolveContext
    let state: SolveState
    let workers: SearchWorkers
    let bounds: BoundPhase.Result

    struct Result {
        var neighbourhoods = 0
        var improvements = 0
        /// The run's work: the busiest worker's, or worker 0's alone when the bound phase decided the solve.
        var work: Double
        /// Each worker's work at its end (empty when the search did not run).
        var finalWork: [Double] = []
    }

    func run() throws(SolveError) -> Result {
        var result = Result(work: bounds.spent)
        // The search runs unless the bound phase alone settled it; with a helper already searching, worker 0
        // still has to end its part so the helper stops.
        let decidedByBoundPhase = state.isSettled
        guard let first = state.roundEntry(work: bounds.spent), state.status != .infeasible,
            workers.rounds != nil || !state.isSettled
        else { return result }
        context.control.update(phase: .search)
        var firstRound = 0
        if let rounds = workers.rounds {
            // The bound phase was worker 0's round 0; a proof makes the helper's rounds moot.
            if state.isSettled { rounds.finishEarly() }
            rounds.post(worker: 0, round: 0, entry: first)
            firstRound = 1
        } else if !state.isSettled {
            workers.start(from: first, firstQuota: context.options.roundWork, context: context)
        }
        guard let rounds = workers.rounds else { preconditionFailure("rounds exist whenever the search runs") }
        var search = NeighbourhoodSearch(
            problem: context.problem, map: context.map, model: context.neighbourhoods, options: context.options, start: first,
            modelObjective: context.model, control: context.control.glpk)
        search.work = bounds.spent
        var failure: GLPKError?
        if !state.isSettled {
            do {
                // A bound phase that ended before its share leaves worker 0 that much more work in its first
                // search round, so both workers end it together instead of one waiting.
                let firstQuota = context.options.roundWork + (firstRound == 1 ? max(0, bounds.share - bounds.spent) : 0)
                let (control, map, start, clock) = (context.control, context.map, context.start, context.clock)
                try search.runRounds(
                    worker: 0, firstRound: firstRound, firstQuota: firstQuota, rounds: rounds, bound: state.bound,
                    until: context.deadline, clock: context.clock
                ) { values, value in
                    control.update(incumbent: Int(value.rounded()))
                    control.offer(point: values, objective: value, foundAt: clock.now - start, map: map)
                }
            } catch {
                failure = error
                workers.stopHelper()
            }
        } else {
            rounds.finish(worker: 0)
        }
        let reports = [search.report] + workers.join()
        if let failure { throw .glpk(failure) }
        let finals = rounds.finalEntries
        // When the bound phase settled the solve, the helper was cut short wherever the clock had it: its
        // roster must not decide the result, and only worker 0's work, which the inputs decide, is the run's.
        if !decidedByBoundPhase, let agreed = SearchRounds.best(of: finals),
            agreed.objective < (state.best?.objective ?? .infinity) - 0.5
        {
            state.adopt(.init(
                roster: context.map.roster(from: agreed.values), values: agreed.values, objective: agreed.objective,
                foundAt: agreed.foundAt - context.start))
        }
        result.finalWork = finals.map(\.work)
        result.work = decidedByBoundPhase ? bounds.spent : result.finalWork.max() ?? search.work
        result.neighbourhoods = reports.reduce(0) { $0 + $1.solved }
        result.improvements = reports.reduce(0) { $0 + $1.improvements }
        note(reports, result: result, waited: rounds.waited)
        if state.status != .optimal {
            if state.incumbentReachesBound() {
                state.status = .optimal
            } else if state.incumbentReachesBound(gap: context.options.relativeGap) {
                state.status = .withinGap
            }
        }
        return result
    }

    private func note(_ reports: [WorkerReport], result: Result, waited: Duration) {
        state.record(.search(.init(
            workers: reports.count, neighbourhoods: result.neighbourhoods, improvements: result.improvements, work: result.work)))
        if result.neighbourhoods > 0 {
            state.note("neighbourhood search: \(reports.count) worker(s), \(result.neighbourhoods) neighbourhoods, \(result.improvements) improvements, work \(Int(result.work)), \(waited.formattedSeconds) waiting")
        }
        for (index, worker) in reports.enumerated() where worker.solved > 0 || worker.failure != nil {
            if let failure = worker.failure { state.note("  worker \(index + 1) stopped: \(failure)") }
            for turns in worker.turns {
                state.note("  worker \(index + 1) \(turns.name): \(turns.tried) tried, \(turns.improved) improved, \(turns.cutShort) hit the work limit")
            }
        }
    }
}
