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
        let dataPath = options.dataOutputPath ?? Self.temporaryDataPath()
        // The helper worker reads the data file again, so it lives until the solve ends.
        defer { if options.dataOutputPath == nil { try? FileManager.default.removeItem(atPath: dataPath) } }
        let (glpk, map) = try Self.generate(problem, modelPath: modelPath, dataPath: dataPath)
        let objective: (constant: Double, coefficients: [Double])
        do {
            objective = try glpk.objectiveCoefficients()
        } catch {
            throw .glpk(error)
        }
        let translationTime = clock.now - start
        log.append("model: \(glpk.rowCount) rows, \(glpk.columnCount) columns, translated in \(translationTime.formattedSeconds)")

        // A pin on a cell nobody may take (leave, not eligible, rest after history) can never be met.
        let impossiblePins = Set(problem.pinned).sorted().filter { map.column(of: $0) == nil }
        if !impossiblePins.isEmpty {
            return SolveOutcome(
                problem: problem, status: .infeasible, roster: nil, evaluation: nil, solverObjective: nil,
                bestBound: nil, elapsed: clock.now - start, timeToBest: nil, translationTime: translationTime,
                modelRows: glpk.rowCount, modelColumns: glpk.columnCount, constructiveCost: nil,
                unscheduledByConstruction: [], infeasiblePeople: Array(Set(impossiblePins.map(\.staff))).sorted(),
                diagnosis: impossiblePins.map { pin in
                    let reason = problem.staff[pin.staff].blocked[DayShift(day: pin.day, shift: pin.shift)]
                        ?? "it clashes with their shifts before the roster starts or their contract excludes it"
                    return "\(problem.staff[pin.staff].id) is pinned to \(problem.shiftTypes[pin.shift].id) on day \(pin.day), but \(reason)"
                },
                neighbourhoodsSolved: 0, neighbourhoodImprovements: 0, log: log)
        }

        let model = ModelObjective(constant: objective.constant, coefficients: objective.coefficients)
        func modelObjective(_ values: [Double]) -> Double { model.value(values) }

        var best: (roster: Roster, values: [Double], objective: Double, foundAt: Duration)?
        var bestBound: Double?
        var status: SolveStatus = .noRoster
        let evaluator = Evaluator(problem: problem)

        // 2. Constructive roster.
        monitor.update(phase: "constructing")
        let constructionStarted = clock.now
        let construction: ConstructiveHeuristic.Result
        if let start = options.startRoster {
            construction = Self.repair(start, problem: problem)
            log.append("first roster from the given start, \(construction.unscheduled.count) people to place again")
        } else {
            var heuristic = ConstructiveHeuristic(problem: problem, seed: options.seed)
            heuristic.deadline = clock.now + remaining() / 2
            construction = heuristic.build()
        }
        log.append("constructive heuristic: \((clock.now - constructionStarted).formattedSeconds)")
        var constructiveCost: Int?
        var infeasiblePeople: [Int] = []
        var diagnosis: [String] = []
        // Place anyone the search could not, exactly, one person at a time, with GLPK.
        var first = construction.roster
        var unplaced = construction.unscheduled.count
        if unplaced > 0 { log.append("constructive heuristic left \(unplaced) people unscheduled") }
        for (position, person) in construction.unscheduled.enumerated() {
            guard clock.now < deadline, !GLPKInterrupt.isRequested else { break }
            let placingStarted = clock.now
            defer { log.append("  (\(problem.staff[person].id): \((clock.now - placingStarted).formattedSeconds))") }
            // Share most of what is left among the people still to place: without them there is no roster
            // at all, so the search after gets only a fifth for sure.
            let share = remaining() * 0.8 / Double(construction.unscheduled.count - position)
            switch try schedulePerson(person, others: first, until: min(deadline, clock.now + share), clock: clock) {
            case .placed(let assignments):
                first = Roster(first.assignments + assignments)
                unplaced -= 1
                log.append("placed \(problem.staff[person].id) with a one-person model")
            case .impossible:
                infeasiblePeople.append(person)
                log.append("\(problem.staff[person].id): no schedule meets their hard rules (proven)")
            case .unknown:
                log.append("\(problem.staff[person].id): no schedule found in time")
            }
        }
        if unplaced == 0, let point = map.point(for: first) {
            let evaluation = evaluator.evaluate(first)
            if evaluation.meetsPersonalRules {
                constructiveCost = evaluation.total
                best = (first, point, modelObjective(point), clock.now - start)
                monitor.update(incumbent: evaluation.modelObjective)
                log.append("first roster: cost \(evaluation.total)"
                    + (evaluation.isFeasible ? "" : ", \(evaluation.elasticUnits) units of cover or supervision missing ("
                        + Dictionary(grouping: evaluation.hardViolations, by: \.rule.rawValue)
                            .map { "\($0.key) \($0.value.reduce(0) { $0 + $1.amount })" }.sorted().joined(separator: ", ") + ")"))
            } else {
                log.append("first roster breaks \(evaluation.hardViolations.count) hard rules; not used")
            }
        }
        /// Makes `roster` (from the local search or the restricted master) the incumbent when it has a model
        /// point, meets every person's own rules and costs less in the model. Returns its model value and
        /// whether those rules hold, or nil without a point.
        func offer(_ roster: Roster) -> (value: Double, personal: Bool)? {
            guard let point = map.point(for: roster) else { return nil }
            let value = modelObjective(point)
            let personal = evaluator.evaluate(roster).meetsPersonalRules
            if personal && value < (best?.objective ?? .infinity) - 0.5 {
                best = (roster, point, value, clock.now - start)
                monitor.update(incumbent: Int(value.rounded()))
            }
            return (value, personal)
        }
        let firstLocalMoves = options.firstLocalSearchMoves(cells: problem.staff.count * problem.dayCount)
        if let incumbent = best, firstLocalMoves > 0 {
            let started = clock.now
            // The search's history, although late acceptance with a long history wanders for as many moves
            // before it settles (Instance12, a million moves: 14128 → 13163 with 20 000, 12391 with 5 000): a
            // history of a two-hundredth of the moves cost the example practice its 10 s proof on 2 of 8 seeds.
            var local = LocalSearch(
                problem: problem, clashes: ClashTable(problem: problem), roster: incumbent.roster, seed: options.seed,
                historyLength: options.localSearchHistory)
            let startCost = local.cost
            // A fifth of the time at most: the moves are sized for a release build, and a slow (debug) build
            // must still leave the search its time to repair what the moves cannot.
            let stopAt = min(deadline - .milliseconds(50), started + options.timeLimit / 5)
            local.run(moves: firstLocalMoves) {
                clock.now >= stopAt || GLPKInterrupt.isRequested
            }
            trace("first local search: \(startCost) → \(local.bestCost) in \(local.moves) moves, \((clock.now - started).formattedSeconds)")
            if let (value, personal) = offer(local.bestRoster) {
                log.append("local search: \(startCost) → \(local.bestCost) (model \(Int(value.rounded())), personal rules \(personal ? "met" : "BROKEN")) in \(local.moves) moves, \((clock.now - started).formattedSeconds)")
            }
        }
        if !infeasiblePeople.isEmpty {
            for person in infeasiblePeople {
                let rules = try conflictingRules(of: person, until: deadline, clock: clock)
                diagnosis.append(
                    "\(problem.staff[person].id) cannot meet their own hard rules; "
                        + (rules.isEmpty
                            ? "no single rule is to blame, several conflict together"
                            : "each of these, relaxed alone, would make it possible: "
                                + rules.map(\.rawValue).joined(separator: ", ")))
            }
            return SolveOutcome(
                problem: problem, status: .infeasible, roster: nil, evaluation: nil, solverObjective: nil,
                bestBound: nil, elapsed: clock.now - start, timeToBest: nil, translationTime: translationTime,
                modelRows: glpk.rowCount, modelColumns: glpk.columnCount, constructiveCost: nil,
                unscheduledByConstruction: construction.unscheduled, infeasiblePeople: infeasiblePeople,
                diagnosis: diagnosis, neighbourhoodsSolved: 0, neighbourhoodImprovements: 0, log: log)
        }

        // 3. The bound phase, worker 0's first round: column generation over the person decomposition (the
        //    strongest bound Rota has: every person's own rules hold exactly in it), then branch-and-cut on
        //    models small enough for it to pay (it may prove optimality). The second worker already searches
        //    neighbourhoods on the other core meanwhile. Without a first roster, branch-and-cut alone gets
        //    everything: it is the only hope of a roster.
        let columns = map.assignmentColumnIndices.count
        let boundWork = options.nominalWork * options.branchAndCutShare
        let generationWork = options.nominalWork * options.columnGenerationShare
        let runColumnGeneration = best != nil && generationWork > 0 && columns <= options.columnGenerationColumnLimit
        // The LP relaxation runs with column generation, and alone, with a share of its own, on larger
        // models without minimum runs of work or rest. Those runs make its simplex iterations many: from the
        // incumbent, a 150-person quarter without them took 13 610 iterations for 130 018 rows, Instance20
        // (182 days, minimum runs) had not finished after 50 057 for 89 896 rows and 268 s of a 300 s solve,
        // which then ended at 14 803 against 6 096 and without the interior-point bound it had before.
        let hasMinimumRuns = problem.staff.contains {
            ($0.limits.minConsecutiveWorkingDays ?? 1) > 1 || ($0.limits.minConsecutiveDaysOff ?? 1) > 1
        }
        let relaxationWork = runColumnGeneration ? generationWork
            : hasMinimumRuns ? 0 : options.nominalWork * options.largeModelRelaxationShare
        let runRelaxation = best != nil && relaxationWork > 0 && options.branchAndCutShare < 1
        let wholeProblem = options.branchAndCutShare >= 1 || best == nil
            || (options.branchAndCutShare > 0 && columns <= options.branchAndCutColumnLimit)
        let report = WorkerReports()
        var rounds: SearchRounds?
        var helper: Thread?
        // A second worker on its own thread, with its own GLPK environment and problem, when building that
        // problem again costs little of what is left.
        let workerCount = options.workers >= 2 && translationTime * 2 < remaining() / 5 ? 2 : 1
        func entry(_ incumbent: (roster: Roster, values: [Double], objective: Double, foundAt: Duration), work: Double) -> RoundEntry {
            RoundEntry(values: incumbent.values, objective: incumbent.objective, foundAt: start + incumbent.foundAt, work: work, bound: bestBound)
        }
        func startRounds(from first: RoundEntry, firstQuota: Double) {
            let store = SearchRounds(workers: workerCount, clock: clock)
            rounds = store
            guard workerCount == 2 else { return }
            let thread = Thread { [problem, options, map, model, monitor] in
                report.record(
                    Self.runHelper(
                        problem: problem, options: options, modelPath: modelPath, dataPath: dataPath, map: map,
                        model: model, rounds: store, start: first, firstQuota: firstQuota, deadline: deadline,
                        clock: clock, monitor: monitor))
            }
            thread.stackSize = 16 << 20
            thread.start()
            helper = thread
        }
        func stopHelper() {
            rounds?.finish(worker: 0)
            GLPKInterrupt.request()
            _ = report.wait(for: helper != nil)
        }
        let boundPhaseWork = max(boundWork, runRelaxation ? relaxationWork : 0)
        // The second worker searches during the bound phase only where column generation or branch-and-cut
        // is part of it. Alone, the LP relaxation ends in a rounded roster far better than that search
        // reaches (a 150-person quarter: 2 352 against about 15 000 after a minute), so both workers start
        // from it instead, and the first round does not keep one worker waiting for the other.
        if let incumbent = best, workerCount == 2, options.branchAndCutShare < 1, runColumnGeneration || wholeProblem {
            startRounds(from: entry(incumbent, work: 0), firstQuota: boundPhaseWork)
            log.append("bound phase on worker 1 while worker 2 searches neighbourhoods")
        }
        var boundPhaseSpent = 0.0
        // The helper's roster at the announced bound decides the solve: the rest of the bound phase is moot.
        let optimumFound = { rounds?.optimumFound ?? false }
        /// Rounds the LP optimum `values` person by person (``RelaxationRounding``) and offers the roster.
        func roundRelaxation(_ values: [Double]) throws(GLPKError) {
            guard let incumbent = best else { return }
            let started = clock.now
            let rounding = RelaxationRounding(
                decomposition: PersonDecomposition(program: try glpk.linearProgram(), map: map), map: map,
                personWorkLimit: Self.roundingWorkPerPerson)
            let fractional = map.assignmentColumnIndices.count { values[$0] > 1e-6 && values[$0] < 1 - 1e-6 }
            var (roster, work, kept) = try rounding.round(values, fallback: incumbent.roster)
            var polished = ""
            if let improved = try rounding.improve(
                roster, model: model, hardWeight: Double(RosterProblem.hardRuleWeight), sweeps: Self.roundingSweeps)
            {
                polished = ", \(Int(improved.before.rounded())) before \(improved.changed) people changed one at a time"
                roster = improved.roster
                work += improved.work
            }
            boundPhaseSpent += work
            var outcome = "no model point"
            if let (value, personal) = offer(roster) {
                outcome = personal ? "\(Int(value.rounded()))" : "a roster breaking personal rules"
            }
            if let current = best, ModelObjective.reaches(current.objective, bound: bestBound) { status = .optimal }
            log.append(
                "LP rounding: \(fractional) of \(map.assignmentColumnIndices.count) assignments fractional, roster \(outcome)"
                    + polished + (kept > 0 ? " (\(kept) people kept their schedule)" : "")
                    + " against \(Int(incumbent.objective.rounded())), work \(Int(work)) in \((clock.now - started).formattedSeconds)")
        }
        // A bound proven here reaches the searching worker at once, so that it stops as soon as its roster
        // meets it. Not under a work limit: there the bound travels with the rounds only, so that where a
        // proof ends the run, and with which roster, stays a function of the inputs.
        func announce(_ bound: Double) {
            if options.workLimit == nil { rounds?.announce(bound: bound) }
        }
        /// Takes a bound the bound phase proved: the best so far, shown, announced, and optimality when the
        /// incumbent meets it.
        func prove(_ bound: Double) {
            bestBound = max(bestBound ?? -.infinity, bound)
            monitor.update(bound: bound)
            announce(bound)
            if let incumbent = best, ModelObjective.reaches(incumbent.objective, bound: bound) { status = .optimal }
        }
        // The LP relaxation by the simplex method before column generation: on practice models it is often
        // the optimum already (the example practice: 157.0 in 1.2 s, where column generation's 3 000 units
        // still left the bound far below zero), and its duals give column generation a starting point (its
        // first bound is then at least the LP's). Where column generation does not follow, it starts from
        // the incumbent's point, which skips the search for a feasible one. Where it follows, the LP starts
        // from the advanced basis: column generation's path depends on which optimal duals the LP ends at,
        // and from the incumbent Instance6 ended at 2056 at 60 s against 1969. Stopped on iterations
        // (charged as work), so the bound phase stays a function of the inputs. Where column generation
        // does not follow, the LP optimum is rounded into a roster (``RelaxationRounding``). Rounding on the
        // other models changed their search paths both ways: the example practice proved its optimum in
        // 2.4–3.4 s instead of 5.9–8.3 s and Instance8 reached 1431 instead of 1538 at 60 s, but Instance6
        // ended at 2056 at 60 s and Instance14 at 1446 at 300 s, both above their targets (BENCHMARKS.md).
        var relaxationDuals: [Double]?
        if runRelaxation, let incumbent = best {
            monitor.update(phase: "LP bound")
            let started = clock.now
            let workPerIteration = Double(glpk.rowCount) * Self.simplexWorkPerIterationRow
            do {
                let result = try glpk.simplexBound(
                    iterationLimit: max(1, Int(relaxationWork / workPerIteration)), timeLimit: remaining(),
                    startingFrom: runColumnGeneration ? nil : incumbent.values)
                let spent = Double(result.iterations) * workPerIteration
                boundPhaseSpent += spent
                log.append(
                    "LP bound (simplex" + (result.startedFromPoint ? " from the incumbent" : "") + "): "
                        + (result.isOptimal ? "optimal" : "stopped") + ", bound "
                        + "\(result.bound.map { String(format: "%.2f", $0) } ?? "none"), \(result.iterations) iterations, "
                        + "work \(Int(spent)) in \((clock.now - started).formattedSeconds)")
                if let bound = result.bound { prove(bound) }
                if result.isOptimal {
                    relaxationDuals = result.rowDuals
                    if !runColumnGeneration, status != .optimal, !optimumFound() {
                        try roundRelaxation(result.columnValues)
                    }
                }
            } catch {
                stopHelper()
                throw .glpk(error)
            }
        }
        var columnGenerationConverged = false
        if runColumnGeneration, status != .optimal, generationWork > boundPhaseSpent, !optimumFound(), let incumbent = best {
            monitor.update(phase: "column generation")
            let started = clock.now
            do {
                var generation = try ColumnGeneration(
                    program: try glpk.linearProgram(), map: map, pricingWorkLimit: options.columnGenerationPricingWorkLimit)
                try generation.addPatterns(from: incumbent.values)
                if let relaxationDuals { generation.startPricing(atModelDuals: relaxationDuals) }
                try generation.run(
                    workLimit: generationWork - boundPhaseSpent, incumbent: incumbent.objective, until: deadline, clock: clock,
                    stop: optimumFound)
                columnGenerationConverged = generation.converged
                log += generation.log
                log.append(
                    "column generation: \(generation.iterations) iterations, \(generation.patterns.count) patterns, bound "
                        + "\(generation.bound.map { String(format: "%.2f", $0) } ?? "none"), master LP "
                        + "\(generation.masterValue.map { String(format: "%.2f", $0) } ?? "none")"
                        + (generation.converged ? " (converged)" : "") + ", work \(Int(generation.work)) in \((clock.now - started).formattedSeconds)")
                if let bound = generation.bound { prove(bound) }
                // Converged, the master's LP is this decomposition's bound; a combination of the patterns it
                // knows often meets it (Instance4: 1716, optimal, in 3 units of work, where the search
                // stalled at 1718–1719 for 60 s).
                if generation.converged, status != .optimal, !optimumFound() {
                    if let patternPoint = try generation.restrictedMasterPoint(
                        workLimit: min(500, max(100, 0.02 * generationWork)), until: deadline, clock: clock)
                    {
                        if let (value, personal) = offer(map.roster(from: patternPoint)), personal {
                            log.append("restricted master MIP: \(Int(value.rounded())) (incumbent \(Int(incumbent.objective.rounded())))")
                            if let bound = generation.bound, ModelObjective.reaches(value, bound: bound) { status = .optimal }
                        } else {
                            log.append("restricted master MIP: its roster breaks personal rules")
                        }
                    } else {
                        log.append("restricted master MIP: no roster within its work limit")
                    }
                }
                boundPhaseSpent += generation.work
            } catch {
                stopHelper()
                throw .glpk(error)
            }
        }
        // Converged column generation already holds the LP bound of the person decomposition, which GLPK's
        // own root bound rarely reaches (Instance4, 900 columns: 1488 against 1716 after 16 s of
        // branch-and-cut): then branch-and-cut gets a tenth of the share left and worker 0 searches with the
        // rest. Only on the smallest models does branching still pay (Instance1, 112 columns: bound 558,
        // optimality proven by branch-and-cut in a second).
        let branchAndCutWork = (boundPhaseWork - boundPhaseSpent)
            * (columnGenerationConverged && columns > options.smallModelColumnLimit ? 0.1 : 1)
        if wholeProblem && status != .optimal && (best == nil || branchAndCutWork > 0) && !optimumFound() {
            do {
                monitor.update(phase: "branch-and-cut")
                var full = options.fullSolve
                full.presolve = false
                // Without a roster yet, the whole problem is the only hope: give it everything.
                full.timeLimit = remaining()
                full.workLimit = best == nil || options.branchAndCutShare >= 1 ? options.workLimit : branchAndCutWork
                full.relativeGap = options.relativeGap
                let result = try glpk.solve(full, warmStart: best?.values)
                boundPhaseSpent += result.work
                log.append(
                    "branch-and-cut: \(result.termination.rawValue), \(result.returnCode), objective "
                        + "\(result.objective.map { String($0) } ?? "none"), bound \(result.bestBound.map { String($0) } ?? "none"), "
                        + "warm start \(result.warmStartAccepted.map { $0 ? "accepted" : "rejected" } ?? "none"), "
                        + "work \(Int(result.work)) in \(result.elapsed.formattedSeconds), \(result.nodes) nodes, \(result.iterations) iterations, \(result.treeRows) rows")
                if let bound = result.bestBound {
                    bestBound = max(bestBound ?? -.infinity, bound)
                    monitor.update(bound: bound)
                }
                if let values = result.columnValues, let value = result.objective,
                    best == nil || value < best!.objective - 0.5
                {
                    let roster = map.roster(from: values)
                    best = (roster, values.map { $0.rounded() }, value, start.duration(to: clock.now) - result.elapsed + (result.timeToIncumbent ?? result.elapsed))
                    monitor.update(incumbent: Int(value.rounded()))
                }
                switch result.termination {
                case .optimal where options.relativeGap > 0 && !ModelObjective.reaches(result.objective ?? .infinity, bound: result.bestBound):
                    status = .withinGap  // stopped at the gap asked for: the bound stays the tree's
                case .optimal:
                    status = .optimal
                    if let value = result.objective { bestBound = min(value, best?.objective ?? value) }
                case .infeasible:
                    status = best == nil ? .infeasible : .timeLimit
                case .interrupted:
                    status = .interrupted
                default:
                    break
                }
            } catch {
                stopHelper()
                throw .glpk(error)
            }
        }
        if !wholeProblem && status != .optimal && !columnGenerationConverged && relaxationDuals == nil {
            // GLPK's interior point has no time limit; its cost grows about with the square of the columns
            // (measured: 13 000 columns ≈ 4 s on this project's machines). Run it only where it is cheap.
            let estimate = 3.0 * pow(Double(glpk.columnCount) / 10_000, 2)
            if estimate <= 0.25 * remaining().seconds {
                monitor.update(phase: "LP bound")
                let started = clock.now
                do {
                    if let bound = try glpk.lagrangianBoundByInteriorPoint() {
                        bestBound = max(bestBound ?? -.infinity, bound)
                        monitor.update(bound: bound)
                        log.append("LP bound (Lagrangian, interior-point duals): \(bound), \(glpk.columnCount) columns in \((clock.now - started).formattedSeconds)")
                    } else {
                        log.append("LP bound: the interior-point duals gave no finite bound")
                    }
                } catch {
                    throw .glpk(error)
                }
            } else {
                log.append("LP bound skipped: about \(Int(estimate))s of interior point would not fit the time limit")
            }
        }

        // Every point meets its column bounds: a floor under any bound that came out weaker than that.
        if let program = try? glpk.linearProgram(), let box = ModelObjective.boxBound(program), box > (bestBound ?? -.infinity) {
            bestBound = box
        }

        // 5. Large-neighbourhood search in rounds until the work limit, the bound, or the deadline.
        var neighbourhoodsSolved = 0
        var improvements = 0
        var searchWork = boundPhaseSpent
        var finalWork: [Double] = []
        // The search runs unless the bound phase alone settled it; with a helper already searching, worker 0
        // still has to end its part so the helper stops.
        let settled = { status == .optimal || status == .withinGap || status == .interrupted }
        let decidedByBoundPhase = settled()
        if let incumbent = best, status != .infeasible, rounds != nil || !settled() {
            monitor.update(phase: "neighbourhood search")
            let first = entry(incumbent, work: boundPhaseSpent)
            var firstRound = 0
            if let rounds {
                // The bound phase was worker 0's round 0; a proof makes the helper's rounds moot.
                if settled() { rounds.finishEarly() }
                rounds.post(worker: 0, round: 0, entry: first)
                firstRound = 1
            } else if !settled() {
                startRounds(from: first, firstQuota: options.roundWork)
            }
            guard let rounds else { preconditionFailure("rounds exist whenever the search runs") }
            var mainError: GLPKError?
            var search = NeighbourhoodSearch(
                problem: problem, map: map, glpk: glpk, options: options, start: first, modelObjective: model)
            search.work = boundPhaseSpent
            if !settled() {
                do {
                    // A bound phase that ended before its share leaves worker 0 that much more work in its
                    // first search round, so both workers end it together instead of one waiting.
                    let firstQuota = options.roundWork + (firstRound == 1 ? max(0, boundPhaseWork - boundPhaseSpent) : 0)
                    try search.runRounds(
                        worker: 0, firstRound: firstRound, firstQuota: firstQuota, rounds: rounds, bound: bestBound,
                        until: deadline, clock: clock
                    ) { value in monitor.update(incumbent: Int(value.rounded())) }
                } catch {
                    mainError = error
                    GLPKInterrupt.request()  // stop the helper too
                }
                do { try search.freeAll() } catch { mainError = mainError ?? error }
            } else {
                rounds.finish(worker: 0)
            }
            let reports = [search.report] + report.wait(for: helper != nil)
            if let mainError { throw .glpk(mainError) }
            let finals = rounds.finalEntries
            // When branch-and-cut settled the solve, the helper was cut short wherever the clock had it:
            // its roster must not decide the result.
            if !decidedByBoundPhase, let agreed = SearchRounds.best(of: finals), agreed.objective < (best?.objective ?? .infinity) - 0.5 {
                best = (map.roster(from: agreed.values), agreed.values, agreed.objective, agreed.foundAt - start)
            }
            finalWork = finals.map(\.work)
            // A proof in the bound phase ends the helper wherever the clock had it: only worker 0's work,
            // which the inputs decide, is the run's.
            searchWork = decidedByBoundPhase ? boundPhaseSpent : finalWork.max() ?? search.work
            neighbourhoodsSolved = reports.reduce(0) { $0 + $1.solved }
            improvements = reports.reduce(0) { $0 + $1.improvements }
            if neighbourhoodsSolved > 0 {
                log.append("neighbourhood search: \(reports.count) worker(s), \(neighbourhoodsSolved) neighbourhoods, \(improvements) improvements, work \(Int(searchWork)), \(rounds.waited.formattedSeconds) waiting")
            }
            for (index, worker) in reports.enumerated() where worker.solved > 0 || worker.failure != nil {
                if let failure = worker.failure { log.append("  worker \(index + 1) stopped: \(failure)") }
                for (name, figures) in zip(["people", "days", "conflict", "request", "two windows", "local search"], worker.statistics) {
                    log.append("  worker \(index + 1) \(name): \(figures[0]) tried, \(figures[1]) improved, \(figures[2]) hit the work limit")
                }
            }
            if status != .optimal, let current = best {
                if ModelObjective.reaches(current.objective, bound: bestBound) {
                    status = .optimal
                } else if ModelObjective.reaches(current.objective, bound: bestBound, gap: options.relativeGap) {
                    status = .withinGap
                }
            }
        }
        let stoppedByWork = options.workLimit.map { limit in
            finalWork.isEmpty ? boundPhaseSpent >= limit : finalWork.allSatisfy { $0 >= limit }
        } ?? false
        if status == .noRoster && best != nil { status = stoppedByWork ? .workLimit : .timeLimit }
        if status == .timeLimit && stoppedByWork { status = .workLimit }
        if GLPKInterrupt.isRequested && status != .optimal && best != nil { status = .interrupted }

        let evaluation = best.map { evaluator.evaluate($0.roster) }
        if let evaluation, !evaluation.isFeasible {
            // The model and the evaluator disagree about a hard rule: report it rather than hide it.
            log.append("evaluator found \(evaluation.hardViolations.count) hard violations in the solver's roster")
        }
        var outcome = SolveOutcome(
            problem: problem, status: status, roster: best?.roster, evaluation: evaluation,
            solverObjective: best?.objective, bestBound: bestBound, elapsed: clock.now - start,
            timeToBest: best?.foundAt, translationTime: translationTime, modelRows: glpk.rowCount,
            modelColumns: glpk.columnCount, constructiveCost: constructiveCost,
            unscheduledByConstruction: construction.unscheduled, infeasiblePeople: [], diagnosis: [],
            neighbourhoodsSolved: neighbourhoodsSolved,
            neighbourhoodImprovements: improvements, log: log)
        outcome.work = searchWork
        outcome.reproducible = status == .optimal || status == .withinGap || status == .workLimit
        return outcome
    }
}

/// What one search worker did, for the log.
struct WorkerReport: Sendable {
    var solved = 0
    var improvements = 0
    var statistics: [[Int]] = []
    var failure: String?
}

extension NeighbourhoodSearch {
    var report: WorkerReport {
        WorkerReport(solved: solved, improvements: improvements, statistics: statistics + [localStatistics + [0]])
    }
}

/// Collects the helper thread's report and lets the main thread wait for it.
final class WorkerReports: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var reports: [WorkerReport] = []

    func record(_ report: WorkerReport) {
        reports.append(report)
        done.signal()
    }

    func wait(for helper: Bool) -> [WorkerReport] {
        guard helper else { return [] }
        done.wait()
        return reports
    }
}

extension RosterSolver {
    /// The second search worker: builds its own GLPK problem (GLPK's state is per thread) and searches
    /// with its own seed, in rounds shared through `rounds`, until they stop.
    static func runHelper(
        problem: RosterProblem, options: SolveOptions, modelPath: String, dataPath: String, map: ColumnMap,
        model: ModelObjective, rounds: SearchRounds, start: RoundEntry, firstQuota: Double,
        deadline: ContinuousClock.Instant, clock: ContinuousClock, monitor: SolveMonitor
    ) -> WorkerReport {
        var search: NeighbourhoodSearch?
        do {
            let glpk = try GLPKProblem(modelPath: modelPath, dataPath: dataPath)
            guard glpk.columnCount == map.columns.count else {
                rounds.finish(worker: 1)
                return WorkerReport(failure: "its problem has \(glpk.columnCount) columns, not \(map.columns.count)")
            }
            var worker = NeighbourhoodSearch(
                problem: problem, map: map, glpk: glpk, options: options, start: start, modelObjective: model, worker: 1)
            defer { search = worker }
            try worker.runRounds(
                worker: 1, firstRound: 0, firstQuota: firstQuota, rounds: rounds, bound: start.bound,
                until: deadline, clock: clock
            ) { value in monitor.update(incumbent: Int(value.rounded())) }
            return worker.report
        } catch {
            rounds.finish(worker: 1)
            var report = search?.report ?? WorkerReport()
            report.failure = error.description
            return report
        }
    }
}

extension RosterSolver {
    /// A start roster made fit for `problem`: assignments it no longer permits are dropped, and anyone then
    /// breaking their own hard rules is left to be placed again (by the one-person model).
    static func repair(_ start: Roster, problem: RosterProblem) -> ConstructiveHeuristic.Result {
        let permitted = start.assignments.filter {
            problem.staff.indices.contains($0.staff) && $0.day >= 0 && $0.day < problem.dayCount
                && problem.shiftTypes.indices.contains($0.shift) && problem.isPermitted(staff: $0.staff, day: $0.day, shift: $0.shift)
        }
        let evaluation = Evaluator(problem: problem).evaluate(Roster(permitted))
        let broken = Set(evaluation.hardViolations.filter { !$0.rule.isElastic }.compactMap(\.staff))
        return ConstructiveHeuristic.Result(
            roster: Roster(permitted.filter { !broken.contains($0.staff) }), unscheduled: broken.sorted())
    }

    enum Placement {
        case placed([Assignment])
        case impossible
        case unknown
    }

    /// Schedules one person exactly with a model of that person alone (see ``RosterProblem/restricted(to:others:)``).
    /// If a third of the time goes by without a schedule, the rest goes to the same model without its costs
    /// (cover and requests): its first point is what matters, and the search improves it.
    func schedulePerson(
        _ person: Int, others: Roster, until deadline: ContinuousClock.Instant, clock: ContinuousClock
    ) throws(SolveError) -> Placement {
        let restricted = problem.restricted(to: person, others: others)
        let first = try schedulePerson(restricted, person: person, until: clock.now + (deadline - clock.now) / 3, clock: clock)
        guard case .unknown = first else { return first }
        var bare = restricted
        bare.cover = []
        bare.shiftOnRequests = []
        bare.shiftOffRequests = []
        bare.dayOnRequests = []
        bare.dayOffRequests = []
        bare.fairness = []
        return try schedulePerson(bare, person: person, until: deadline, clock: clock)
    }

    private func schedulePerson(
        _ restricted: RosterProblem, person: Int, until deadline: ContinuousClock.Instant, clock: ContinuousClock
    ) throws(SolveError) -> Placement {
        guard let modelPath = options.modelPath ?? RotaModels.rosterModelPath else { throw .modelNotFound }
        let path = Self.temporaryDataPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (glpk, map) = try Self.generate(restricted, modelPath: modelPath, dataPath: path)
        do {
            // Scaled and presolved (as glpsol does) GLPK finds a first point of these one-person models in
            // about a second on the 364-day benchmark instance; a 2% gap is plenty for a starting roster.
            var mip = MIPOptions()
            mip.presolve = true
            mip.relativeGap = 0.02
            mip.timeLimit = max(.zero, deadline - clock.now)
            let result = try glpk.solve(mip)
            if let values = result.columnValues {
                return .placed(map.roster(from: values).assignments.map {
                    Assignment(staff: person, day: $0.day, shift: $0.shift)
                })
            }
            return result.termination == .infeasible ? .impossible : .unknown
        } catch {
            throw .glpk(error)
        }
    }

    /// Work charged per simplex iteration and row of the whole model's LP: measured at 3–8e-8 s on the
    /// benchmark instances and the example practice (BENCHMARKS.md), in units of about a millisecond.
    static let simplexWorkPerIterationRow = 5e-5
    /// Most work each person's MIP may take when the LP optimum is rounded.
    static let roundingWorkPerPerson = 500.0
    /// Passes over everybody that improve the rounded roster one person at a time.
    static let roundingSweeps = 3

    static func temporaryDataPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("rota-\(getpid())-\(UUID().uuidString).dat").path
    }

    /// Writes `problem` as MathProg data to `dataPath`, translates the model with it, and maps the columns.
    static func generate(_ problem: RosterProblem, modelPath: String, dataPath: String)
        throws(SolveError) -> (GLPKProblem, ColumnMap)
    {
        let data = ModelData(problem: problem)
        do {
            try data.text().write(toFile: dataPath, atomically: true, encoding: .utf8)
        } catch {
            throw .cannotWriteData(path: dataPath, reason: error.localizedDescription)
        }
        do {
            let glpk = try GLPKProblem(modelPath: modelPath, dataPath: dataPath)
            return (glpk, try ColumnMap(names: try glpk.columnNames(), data: data))
        } catch let error as GLPKError {
            throw .glpk(error)
        } catch {
            throw .unmappedColumn(String(describing: error))
        }
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
