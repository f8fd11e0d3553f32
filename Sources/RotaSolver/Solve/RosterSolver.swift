import Foundation
public import GLPKKit
public import RotaCore

/// Errors that stop a solve before any roster could be considered.
public enum SolveError: Error, Sendable, CustomStringConvertible {
    case cannotWriteData(path: String, reason: String)
    case glpk(GLPKError)
    case unmappedColumn(String)

    public var description: String {
        switch self {
        case .cannotWriteData(let path, let reason): return "cannot write model data to \(path): \(reason)"
        case .glpk(let error): return error.description
        case .unmappedColumn(let detail): return detail
        }
    }
}

/// Solves a ``RosterProblem`` with GLPK, in phases that share one ``SolveState``: a first roster
/// (``FirstRosterPhase``), a proven bound (``BoundPhase``), and large-neighbourhood search on two workers
/// (``SearchPhase``), all on the one generated problem.
///
/// Call on one thread; GLPK's state is per thread and the call does not return until the solve ends. The
/// solve stops early when its ``SolveControl`` is cancelled, and returns its best roster then.
public struct RosterSolver: Sendable {
    public let problem: RosterProblem
    public var options: SolveOptions
    public let control: SolveControl

    public init(problem: RosterProblem, options: SolveOptions = SolveOptions(), control: SolveControl = SolveControl()) {
        self.problem = problem
        self.options = options
        self.control = control
    }

    /// Solves the problem: the best roster found within the options' limits, checked by the evaluator.
    ///
    /// The solve runs on a thread of its own. Its GLPK calls cannot all be stopped part-way (a simplex run,
    /// the translation of a `--model` file), so if it has not returned within ``stopGrace`` of the time limit, or of
    /// ``SolveControl/cancel()``, this returns the best roster the solve had published by then and leaves
    /// the thread to wind down on its own.
    public func solve() throws(SolveError) -> SolveOutcome {
        let clock = ContinuousClock()
        let start = clock.now
        let result = SolveThreadResult()
        let thread = Thread { [self] in
            result.finish(Result { () throws(SolveError) in try self.solveOnThisThread(clock: clock, start: start) })
        }
        thread.stackSize = 64 << 20
        thread.start()
        if let finished = result.wait(control: control, deadline: start + options.timeLimit, grace: Self.stopGrace, clock: clock) {
            return try finished.get()
        }
        let interrupted = control.isCancelled
        control.cancel()
        return outcomeWithoutWaiting(start: start, clock: clock, interrupted: interrupted)
    }

    /// How long a solve may take to stop after its time limit or a cancel before the caller stops waiting.
    public static let stopGrace: Duration = .seconds(1)

    private func solveOnThisThread(clock: ContinuousClock, start: ContinuousClock.Instant) throws(SolveError) -> SolveOutcome {
        control.begin()
        control.update(phase: .constructing)
        let (construction, constructionNote) = FirstRosterPhase.construct(
            problem, options: options, clock: clock, deadline: start + options.timeLimit)
        if construction.unscheduled.isEmpty, Evaluator(problem: problem).evaluate(construction.roster).meetsPersonalRules {
            control.publish(best: construction.roster, objective: nil, foundAt: clock.now - start)
        }
        control.update(phase: .buildingModel)
        let context = try buildModel(clock: clock, start: start)
        control.publish(modelRows: context.glpk.rowCount, columns: context.glpk.columnCount, readyAt: context.modelReadyAt)
        let state = SolveState(context: context)
        state.note(constructionNote)
        state.note("model: \(context.glpk.rowCount) rows, \(context.glpk.columnCount) columns, ready at \(context.modelReadyAt.formattedSeconds)")
        if let impossible = impossiblePins(context) { return outcome(context, state, infeasible: impossible) }

        let first = try FirstRosterPhase(solver: self, context: context, state: state).run(from: construction)
        if !first.infeasiblePeople.isEmpty {
            return outcome(context, state, infeasible: (first.infeasiblePeople, first.diagnosis), construction: first.construction)
        }
        // A second worker on its own thread, with its own GLPK environment and problem, when building that
        // problem again costs little of what is left. It is stopped and joined on every way out.
        let workers = SearchWorkers(
            count: options.workers >= 2 && context.modelReadyAt * 2 < context.remaining() / 5 ? 2 : 1, control: control)
        defer { workers.stop() }
        let bounds = try BoundPhase(context: context, state: state, workers: workers).run()
        let search = try SearchPhase(context: context, state: state, workers: workers, bounds: bounds).run()
        workers.stop()
        return outcome(context, state, first: first, search: search, minimumHardCost: try minimumHardCost(context, state))
    }

    /// The outcome when the solving thread did not stop in time: its last published roster, evaluated here,
    /// and the bound it had proven. Never reproducible: where the solve was depends on the clock.
    private func outcomeWithoutWaiting(start: ContinuousClock.Instant, clock: ContinuousClock, interrupted: Bool) -> SolveOutcome {
        let latest = control.latest()
        let evaluation = latest.best.map { Evaluator(problem: problem).evaluate($0.roster) }
        var outcome = SolveOutcome(
            problem: problem, status: interrupted ? .interrupted : (latest.best == nil ? .noRoster : .timeLimit),
            roster: latest.best?.roster, evaluation: evaluation, solverObjective: latest.best?.objective,
            bestBound: latest.bound, elapsed: clock.now - start, timeToBest: latest.best?.foundAt,
            modelReadyAt: latest.model?.readyAt ?? (clock.now - start), modelRows: latest.model?.rows ?? 0,
            modelColumns: latest.model?.columns ?? 0, constructiveCost: nil, unscheduledByConstruction: [],
            infeasiblePeople: [], diagnosis: [], neighbourhoodsSolved: 0, neighbourhoodImprovements: 0,
            log: ["the solve was still in \(latest.phase) \(Self.stopGrace.formattedSeconds) after it was due to stop; "
                + "returned the best roster it had by then"])
        outcome.stoppedWithoutWaiting = true
        return outcome
    }

    /// Builds the model and reads its objective: the context every phase reads.
    private func buildModel(clock: ContinuousClock, start: ContinuousClock.Instant) throws(SolveError) -> SolveContext {
        let (glpk, map, program) = try Self.generate(
            problem, modelPath: options.modelPath, keepingDataAt: options.dataOutputPath, program: true)
        let objective: (constant: Double, coefficients: [Double])
        let neighbourhoods: NeighbourhoodModel
        do throws(GLPKError) {
            objective = try glpk.objectiveCoefficients()
            let whole: LinearProgram
            if let program { whole = program } else { whole = try glpk.linearProgram() }
            neighbourhoods = NeighbourhoodModel(program: whole, map: map)
        } catch {
            throw .glpk(error)
        }
        return SolveContext(
            problem: problem, options: options, glpk: glpk, map: map,
            model: ModelObjective(constant: objective.constant, coefficients: objective.coefficients),
            evaluator: Evaluator(problem: problem),
            neighbourhoods: neighbourhoods, clock: clock, start: start,
            deadline: start + options.timeLimit, modelReadyAt: clock.now - start, control: control)
    }

    /// When the best roster breaks an elastic hard rule, the least price of broken hard rules any roster must
    /// pay (``HardRuleCheck``); nil when it breaks none, or the solve was cancelled.
    private func minimumHardCost(_ context: SolveContext, _ state: SolveState) throws(SolveError) -> (minimum: Int, exact: Bool)? {
        guard let best = state.best, !control.isCancelled, context.evaluator.evaluate(best.roster).hardCost > 0 else { return nil }
        do {
            let check = try HardRuleCheck(context: context).run(from: best)
            state.note("hard-rule check: broken hard rules cost at least \(check.minimum)" + (check.exact ? " (exact)" : ""))
            return check
        } catch {
            throw .glpk(error)
        }
    }

    /// Pins on cells nobody may take (leave, not eligible, rest after history) can never be met: the people
    /// and why.
    private func impossiblePins(_ context: SolveContext) -> (people: [Int], diagnosis: [String])? {
        let impossible = Set(problem.pinned).sorted().filter { context.map.column(of: $0) == nil }
        guard !impossible.isEmpty else { return nil }
        return (
            Array(Set(impossible.map(\.staff))).sorted(),
            impossible.map { pin in
                let reason = problem.staff[pin.staff].blocked[DayShift(day: pin.day, shift: pin.shift)]?.description
                    ?? "it clashes with their shifts before the roster starts or their contract excludes it"
                return "\(problem.staff[pin.staff].id) is pinned to \(problem.shiftTypes[pin.shift].id) on day \(pin.day), but \(reason)"
            })
    }

    /// The outcome of a solve that proved no roster exists before searching.
    private func outcome(
        _ context: SolveContext, _ state: SolveState, infeasible: (people: [Int], diagnosis: [String]),
        construction: ConstructiveHeuristic.Result? = nil
    ) -> SolveOutcome {
        SolveOutcome(
            problem: problem, status: .infeasible, roster: nil, evaluation: nil, solverObjective: nil, bestBound: nil,
            elapsed: context.elapsed, timeToBest: nil, modelReadyAt: context.modelReadyAt, modelRows: context.glpk.rowCount,
            modelColumns: context.glpk.columnCount, constructiveCost: nil,
            unscheduledByConstruction: construction?.unscheduled ?? [], infeasiblePeople: infeasible.people,
            diagnosis: infeasible.diagnosis, neighbourhoodsSolved: 0, neighbourhoodImprovements: 0, log: state.log,
            phases: state.reports)
    }

    /// The outcome of a solve that searched: the status decided from how it ended, and the roster checked
    /// by the evaluator.
    private func outcome(
        _ context: SolveContext, _ state: SolveState, first: FirstRosterPhase.Result, search: SearchPhase.Result,
        minimumHardCost: (minimum: Int, exact: Bool)?
    ) -> SolveOutcome {
        let stoppedByWork = options.workLimit.map { limit in
            search.finalWork.isEmpty ? search.work >= limit : search.finalWork.allSatisfy { $0 >= limit }
        } ?? false
        if state.status == .noRoster && state.best != nil { state.status = stoppedByWork ? .workLimit : .timeLimit }
        if state.status == .timeLimit && stoppedByWork { state.status = .workLimit }
        if control.isCancelled && state.status != .optimal && state.status != .infeasible { state.status = .interrupted }
        let evaluation = state.best.map { context.evaluator.evaluate($0.roster) }
        if let evaluation, !evaluation.isFeasible {
            // The model and the evaluator disagree about a hard rule: report it rather than hide it.
            state.note("evaluator found \(evaluation.hardViolations.count) hard violations in the solver's roster")
        }
        var outcome = SolveOutcome(
            problem: problem, status: state.status, roster: state.best?.roster, evaluation: evaluation,
            solverObjective: state.best?.objective, bestBound: state.bound, elapsed: context.elapsed,
            timeToBest: state.best?.foundAt, modelReadyAt: context.modelReadyAt, modelRows: context.glpk.rowCount,
            modelColumns: context.glpk.columnCount, constructiveCost: first.cost,
            unscheduledByConstruction: first.construction.unscheduled, infeasiblePeople: [], diagnosis: [],
            neighbourhoodsSolved: search.neighbourhoods, neighbourhoodImprovements: search.improvements, log: state.log,
            phases: state.reports)
        outcome.work = search.work
        outcome.minimumHardCost = minimumHardCost?.minimum
        outcome.reproducible = state.status == .optimal || state.status == .withinGap || state.status == .workLimit
        return outcome
    }
}

extension Duration {
    /// Seconds with one decimal, e.g. `2.4s`.
    public var formattedSeconds: String {
        let (seconds, attoseconds) = components
        let value = Double(seconds) + Double(attoseconds) / 1e18
        return String(format: "%.1fs", value)
    }

    public var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}

/// The result of a solve running on its own thread, handed to the caller that waits for it.
final class SolveThreadResult: @unchecked Sendable {
    private let condition = NSCondition()
    private var result: Result<SolveOutcome, SolveError>?

    func finish(_ result: Result<SolveOutcome, SolveError>) {
        condition.withLock {
            self.result = result
            condition.broadcast()
        }
    }

    /// Waits for the result until `grace` after `deadline`, or after `control` is cancelled, whichever
    /// comes first; nil when it did not come.
    func wait(
        control: SolveControl, deadline: ContinuousClock.Instant, grace: Duration, clock: ContinuousClock
    ) -> Result<SolveOutcome, SolveError>? {
        var cancelledAt: ContinuousClock.Instant?
        return condition.withLock {
            while result == nil {
                let now = clock.now
                if cancelledAt == nil && control.isCancelled { cancelledAt = now }
                let giveUp = min(deadline + grace, (cancelledAt ?? deadline) + grace)
                if now >= giveUp { return nil }
                // Wake at least every 50 ms: a cancel does not signal this condition.
                _ = condition.wait(until: Date(timeIntervalSinceNow: min(0.05, (giveUp - now).seconds)))
            }
            return result
        }
    }
}
