import GLPKKit
import RotaCore

/// What every phase of one solve reads and never changes: the problem, its generated GLPK model and the
/// map back to the roster, the options, the clock and the solve's control. Used on the solving thread
/// only (the GLPK problem belongs to it).
struct SolveContext {
    let problem: RosterProblem
    let options: SolveOptions
    let glpk: GLPKProblem
    let map: ColumnMap
    let model: ModelObjective
    let evaluator: Evaluator
    /// The model the search cuts its neighbourhoods from.
    let neighbourhoods: NeighbourhoodModel
    let clock: ContinuousClock
    let start: ContinuousClock.Instant
    let deadline: ContinuousClock.Instant
    let modelReadyAt: Duration
    let control: SolveControl

    func remaining() -> Duration { max(.zero, deadline - clock.now) }

    var elapsed: Duration { clock.now - start }

    var isCancelled: Bool { control.isCancelled }
}
