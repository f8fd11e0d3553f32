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

/// Solves a ``RosterProblem`` with GLPK: a constructive roster first, branch-and-cut on the whole model,
/// then large-neighbourhood search on the same generated problem by fixing column bounds.
///
/// Call on one thread; GLPK's state is per thread and the call does not return until the solve ends.
public struct RosterSolver {
    public let problem: RosterProblem
    public var options: SolveOptions
    public let monitor: SolveMonitor

    public init(problem: RosterProblem, options: SolveOptions = SolveOptions(), monitor: SolveMonitor = SolveMonitor()) {
        self.problem = problem
        self.options = options
        self.monitor = monitor
    }

    public func solve() throws(SolveError) -> SolveOutcome {
        let clock = ContinuousClock()
        let start = clock.now
        let deadline = start + options.timeLimit
        func remaining() -> Duration { max(.zero, deadline - clock.now) }
        var log: [String] = []

        // 1. Model + data → GLPK problem.
        monitor.update(phase: "translating model")
        guard let modelPath = options.modelPath ?? RotaModels.rosterModelPath else { throw .modelNotFound }
        let data = ModelData(problem: problem)
        let dataPath = options.dataOutputPath
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("rota-\(getpid())-\(UUID().uuidString).dat").path
        do {
            try data.text().write(toFile: dataPath, atomically: true, encoding: .utf8)
        } catch {
            throw .cannotWriteData(path: dataPath, reason: error.localizedDescription)
        }
        defer { if options.dataOutputPath == nil { try? FileManager.default.removeItem(atPath: dataPath) } }
        let glpk: GLPKProblem
        let map: ColumnMap
        let objective: (constant: Double, coefficients: [Double])
        do {
            glpk = try GLPKProblem(modelPath: modelPath, dataPath: dataPath)
            map = try ColumnMap(names: try glpk.columnNames(), data: data)
            objective = try glpk.objectiveCoefficients()
        } catch let error as GLPKError {
            throw .glpk(error)
        } catch {
            throw .unmappedColumn(String(describing: error))
        }
        let translationTime = clock.now - start
        log.append("model: \(glpk.rowCount) rows, \(glpk.columnCount) columns, translated in \(translationTime.formattedSeconds)")

        func modelObjective(_ values: [Double]) -> Double {
            var total = objective.constant
            for (column, coefficient) in objective.coefficients.enumerated() where coefficient != 0 {
                total += coefficient * values[column]
            }
            return total
        }

        var best: (roster: Roster, values: [Double], objective: Double, foundAt: Duration)?
        var bestBound: Double?
        var status: SolveStatus = .noRoster
        let evaluator = Evaluator(problem: problem)

        // 2. Constructive roster.
        monitor.update(phase: "constructing")
        let construction = ConstructiveHeuristic(problem: problem, seed: options.seed).build()
        var constructiveCost: Int?
        if construction.unscheduled.isEmpty, let point = map.point(for: construction.roster) {
            let evaluation = evaluator.evaluate(construction.roster)
            if evaluation.isFeasible {
                constructiveCost = evaluation.total
                best = (construction.roster, point, modelObjective(point), clock.now - start)
                monitor.update(incumbent: evaluation.total)
                log.append("constructive roster: cost \(evaluation.total)")
            } else {
                log.append("constructive roster breaks \(evaluation.hardViolations.count) hard rules; not used")
            }
        } else {
            log.append("constructive heuristic left \(construction.unscheduled.count) people unscheduled")
        }

        // 3. Branch-and-cut on the whole problem, warm-started from the constructive roster.
        do {
            monitor.update(phase: "branch-and-cut")
            var full = options.fullSolve
            full.presolve = false
            full.timeLimit = remaining() * options.branchAndCutShare
            if options.branchAndCutShare >= 1 { full.timeLimit = remaining() }
            let result = try glpk.solve(full, warmStart: best?.values)
            log.append(
                "branch-and-cut: \(result.termination.rawValue), \(result.returnCode), objective "
                    + "\(result.objective.map { String($0) } ?? "none"), bound \(result.bestBound.map { String($0) } ?? "none"), "
                    + "warm start \(result.warmStartAccepted.map { $0 ? "accepted" : "rejected" } ?? "none")")
            bestBound = result.bestBound
            if let bound = bestBound { monitor.update(bound: bound) }
            if let values = result.columnValues, let value = result.objective,
                best == nil || value < best!.objective - 0.5
            {
                let roster = map.roster(from: values)
                best = (roster, values, value, start.duration(to: clock.now) - result.elapsed + (result.timeToIncumbent ?? result.elapsed))
                monitor.update(incumbent: Int(value.rounded()))
            }
            switch result.termination {
            case .optimal:
                status = .optimal
                if let value = result.objective { bestBound = value }
            case .infeasible:
                status = best == nil ? .infeasible : .timeLimit
            case .interrupted:
                status = .interrupted
            default:
                break
            }
        } catch {
            throw .glpk(error)
        }

        // 4. Large-neighbourhood search until the deadline.
        var neighbourhoodsSolved = 0
        var improvements = 0
        if status != .optimal && status != .infeasible && status != .interrupted, let incumbent = best {
            monitor.update(phase: "neighbourhood search")
            var search = NeighbourhoodSearch(
                problem: problem, map: map, glpk: glpk, options: options, incumbent: incumbent.values,
                incumbentObjective: incumbent.objective, modelObjective: modelObjective)
            do {
                try search.run(until: deadline, clock: clock) { values, value in
                    best = (map.roster(from: values), values, value, clock.now - start)
                    monitor.update(incumbent: Int(value.rounded()))
                }
            } catch {
                throw .glpk(error)
            }
            neighbourhoodsSolved = search.solved
            improvements = search.improvements
            log.append("neighbourhood search: \(search.solved) neighbourhoods, \(search.improvements) improvements")
            for (name, figures) in zip(["people", "days", "conflict"], search.statistics) {
                log.append("  \(name): \(figures[0]) tried, \(figures[1]) improved, \(figures[2]) hit the time limit")
            }
            if let bound = bestBound, let current = best, current.objective <= bound.rounded(.up) + 1e-6 {
                status = .optimal
            }
        }
        if status == .noRoster && best != nil { status = .timeLimit }
        if GLPKInterrupt.isRequested && status != .optimal && best != nil { status = .interrupted }

        let evaluation = best.map { evaluator.evaluate($0.roster) }
        if let evaluation, !evaluation.isFeasible {
            // The model and the evaluator disagree about a hard rule: report it rather than hide it.
            log.append("evaluator found \(evaluation.hardViolations.count) hard violations in the solver's roster")
        }
        return SolveOutcome(
            problem: problem, status: status, roster: best?.roster, evaluation: evaluation,
            solverObjective: best?.objective, bestBound: bestBound, elapsed: clock.now - start,
            timeToBest: best?.foundAt, translationTime: translationTime, modelRows: glpk.rowCount,
            modelColumns: glpk.columnCount, constructiveCost: constructiveCost,
            unscheduledByConstruction: construction.unscheduled, neighbourhoodsSolved: neighbourhoodsSolved,
            neighbourhoodImprovements: improvements, log: log)
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
