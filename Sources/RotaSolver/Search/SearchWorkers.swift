import Foundation
import GLPKKit
import RotaCore

/// The search's workers: worker 0 is the solving thread; worker 1, when there are two, runs on a thread of
/// its own with its own GLPK problem (GLPK keeps one environment per thread) and shares rosters through
/// ``SearchRounds``.
///
/// The driver owns it in one scope and calls ``stop()`` on the way out, on every path, so the helper is
/// always stopped and joined before the solve returns or throws. The helper's GLPK calls use a child of the
/// solve's control: stopping the helper leaves the caller's other solves alone, and cancelling the solve
/// stops the helper too.
final class SearchWorkers {
    /// 1 or 2.
    let count: Int
    private(set) var rounds: SearchRounds?
    private let helperControl: GLPKControl
    private var helper: Thread?
    private let reports = WorkerReports()
    private var joined = false

    init(count: Int, control: SolveControl) {
        self.count = count
        helperControl = GLPKControl(parent: control.glpk)
    }

    /// Starts the rounds from `entry` and, with two workers, the helper, whose first round is `firstQuota`.
    func start(from entry: RoundEntry, firstQuota: Double, context: SolveContext) {
        let store = SearchRounds(workers: count, clock: context.clock)
        rounds = store
        guard count == 2 else { return }
        let (problem, options, map, model, control) = (context.problem, context.options, context.map, context.model, context.control)
        let (neighbourhoods, deadline, clock, solveStart) = (context.neighbourhoods, context.deadline, context.clock, context.start)
        let helperControl = helperControl, reports = reports
        let thread = Thread {
            reports.record(
                Self.runHelper(
                    problem: problem, options: options, neighbourhoods: neighbourhoods, map: map, model: model,
                    rounds: store, start: entry, firstQuota: firstQuota, deadline: deadline, clock: clock,
                    solveStart: solveStart, control: control, glpkControl: helperControl))
        }
        thread.stackSize = 16 << 20
        thread.start()
        helper = thread
    }

    /// Whether a worker has finished at the announced bound (see ``SearchRounds/optimumFound``).
    var optimumFound: Bool { rounds?.optimumFound ?? false }

    /// Asks the helper to stop now (worker 0 failed, or the solve is over).
    func stopHelper() { helperControl.stop() }

    /// Waits for the helper to end and returns its report (none without a helper). Call once.
    func join() -> [WorkerReport] {
        guard helper != nil, !joined else { return [] }
        joined = true
        return reports.wait()
    }

    /// Ends worker 0's part, stops the helper and joins it. Safe to call more than once.
    func stop() {
        rounds?.finish(worker: 0)
        stopHelper()
        _ = join()
    }

    /// The second search worker: builds its own GLPK problem and searches with its own seed, in rounds
    /// shared through `rounds`, until they stop.
    private static func runHelper(
        problem: RosterProblem, options: SolveOptions, neighbourhoods: NeighbourhoodModel, map: ColumnMap,
        model: ModelObjective, rounds: SearchRounds, start: RoundEntry, firstQuota: Double,
        deadline: ContinuousClock.Instant, clock: ContinuousClock, solveStart: ContinuousClock.Instant, control: SolveControl,
        glpkControl: GLPKControl
    ) -> WorkerReport {
        var search: NeighbourhoodSearch?
        do {
            var worker = NeighbourhoodSearch(
                problem: problem, map: map, model: neighbourhoods, options: options, start: start, modelObjective: model,
                control: glpkControl, worker: 1)
            defer { search = worker }
            try worker.runRounds(
                worker: 1, firstRound: 0, firstQuota: firstQuota, rounds: rounds, bound: start.bound,
                until: deadline, clock: clock
            ) { values, value in
                control.update(incumbent: Int(value.rounded()))
                control.offer(point: values, objective: value, foundAt: clock.now - solveStart, map: map)
            }
            return worker.report
        } catch {
            rounds.finish(worker: 1)
            var report = search?.report ?? WorkerReport()
            report.failure = error.description
            return report
        }
    }
}

/// What one search worker did, for the log.
struct WorkerReport: Sendable {
    struct Turns: Sendable {
        var name: String
        var tried: Int
        var improved: Int
        var cutShort: Int
    }

    var solved = 0
    var improvements = 0
    /// Per neighbourhood kind, then local search's turns.
    var turns: [Turns] = []
    var failure: String?
}

extension NeighbourhoodSearch {
    var report: WorkerReport {
        WorkerReport(
            solved: solved, improvements: improvements,
            turns: generators.map { .init(name: $0.kind.rawValue, tried: $0.tried, improved: $0.improved, cutShort: $0.cutShort) }
                + [.init(name: "local search", tried: localStatistics[0], improved: localStatistics[1], cutShort: 0)])
    }
}

/// Hands the helper thread's report to the solving thread, which waits for it.
final class WorkerReports: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var report = WorkerReport()

    func record(_ report: WorkerReport) {
        lock.withLock { self.report = report }
        done.signal()
    }

    func wait() -> [WorkerReport] {
        done.wait()
        return [lock.withLock { report }]
    }
}
