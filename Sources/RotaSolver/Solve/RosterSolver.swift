import Foundation
public import GLPKKit
public import RotaCore
import RotaModels

/// Errors that stop a solve before any roster could be considered.
public enum SolveError: Error, Sendable, CustomStringConvertible {
    case modelNotFound
    case cannotWriteData(path: String, reason: String)
    case glpk(GLPKError)
    case unmappedColumn(String)

    public var description: String {
        switch self {
        case .modelNotFound: return "the roster model (roster.mod) is missing from Rota's installation"
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
public struct RosterSolver {
    public let problem: RosterProblem
    public var options: SolveOptions
    public let control: SolveControl

    public init(problem: RosterProblem, options: SolveOptions = SolveOptions(), control: SolveControl = SolveControl()) {
        self.problem = problem
        self.options = options
        self.control = control
    }

    public func solve() throws(SolveError) -> SolveOutcome {
        let clock = ContinuousClock()
        let start = clock.now
        control.begin()
        control.update(phase: .translating)
        guard let modelPath = options.modelPath ?? RotaModels.rosterModelPath else { throw .modelNotFound }
        let dataPath = options.dataOutputPath ?? Self.temporaryDataPath()
        // The helper worker reads the data file again, so it lives until the solve ends.
        defer { if options.dataOutputPath == nil { try? FileManager.default.removeItem(atPath: dataPath) } }
        let context = try translate(modelPath: modelPath, dataPath: dataPath, clock: clock, start: start)
        let state = SolveState(context: context)
        state.note("model: \(context.glpk.rowCount) rows, \(context.glpk.columnCount) columns, translated in \(context.translationTime.formattedSeconds)")
        if let impossible = impossiblePins(context) { return outcome(context, state, infeasible: impossible) }

        let first = try FirstRosterPhase(solver: self, context: context, state: state).run()
        if !first.infeasiblePeople.isEmpty {
            return outcome(context, state, infeasible: (first.infeasiblePeople, first.diagnosis), construction: first.construction)
        }
        // A second worker on its own thread, with its own GLPK environment and problem, when building that
        // problem again costs little of what is left. It is stopped and joined on every way out.
        let workers = SearchWorkers(
            count: options.workers >= 2 && context.translationTime * 2 < context.remaining() / 5 ? 2 : 1, control: control)
        defer { workers.stop() }
        let bounds = try BoundPhase(context: context, state: state, workers: workers).run()
        let search = try SearchPhase(context: context, state: state, workers: workers, bounds: bounds).run()
        workers.stop()
        return outcome(context, state, first: first, search: search, minimumHardUnits: try minimumHardUnits(context, state))
    }

    /// Writes the data, translates the model with it, and reads the objective: the context every phase reads.
    private func translate(
        modelPath: String, dataPath: String, clock: ContinuousClock, start: ContinuousClock.Instant
    ) throws(SolveError) -> SolveContext {
        let (glpk, map) = try Self.generate(problem, modelPath: modelPath, dataPath: dataPath)
        let objective: (constant: Double, coefficients: [Double])
        do {
            objective = try glpk.objectiveCoefficients()
        } catch {
            throw .glpk(error)
        }
        return SolveContext(
            problem: problem, options: options, glpk: glpk, map: map,
            model: ModelObjective(constant: objective.constant, coefficients: objective.coefficients),
            evaluator: Evaluator(problem: problem), modelPath: modelPath, dataPath: dataPath, clock: clock, start: start,
            deadline: start + options.timeLimit, translationTime: clock.now - start, control: control)
    }

    /// When the best roster breaks a hard rule spanning people, the fewest units any roster must break
    /// (``HardRuleCheck``); nil when it breaks none, or the solve was cancelled.
    private func minimumHardUnits(_ context: SolveContext, _ state: SolveState) throws(SolveError) -> (minimum: Int, exact: Bool)? {
        guard let best = state.best, !control.isCancelled, context.evaluator.evaluate(best.roster).elasticUnits > 0 else { return nil }
        do {
            let check = try HardRuleCheck(context: context).run(from: best)
            state.note("hard-rule check: at least \(check.minimum) units must break" + (check.exact ? " (exact)" : ""))
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
            elapsed: context.elapsed, timeToBest: nil, translationTime: context.translationTime, modelRows: context.glpk.rowCount,
            modelColumns: context.glpk.columnCount, constructiveCost: nil,
            unscheduledByConstruction: construction?.unscheduled ?? [], infeasiblePeople: infeasible.people,
            diagnosis: infeasible.diagnosis, neighbourhoodsSolved: 0, neighbourhoodImprovements: 0, log: state.log,
            phases: state.reports)
    }

    /// The outcome of a solve that searched: the status decided from how it ended, and the roster checked
    /// by the evaluator.
    private func outcome(
        _ context: SolveContext, _ state: SolveState, first: FirstRosterPhase.Result, search: SearchPhase.Result,
        minimumHardUnits: (minimum: Int, exact: Bool)?
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
            timeToBest: state.best?.foundAt, translationTime: context.translationTime, modelRows: context.glpk.rowCount,
            modelColumns: context.glpk.columnCount, constructiveCost: first.cost,
            unscheduledByConstruction: first.construction.unscheduled, infeasiblePeople: [], diagnosis: [],
            neighbourhoodsSolved: search.neighbourhoods, neighbourhoodImprovements: search.improvements, log: state.log,
            phases: state.reports)
        outcome.work = search.work
        outcome.minimumHardUnits = minimumHardUnits?.minimum
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
