import Foundation
import GLPKKit
import RotaCore

/// The bound phase, worker 0's first round: a proven lower bound, and on the way rosters that may beat the
/// incumbent.
///
/// The LP relaxation by the simplex method first (on practice models often the optimum already), then
/// column generation over the person decomposition (the strongest bound Rota has: every person's own rules
/// hold exactly in it) with a restricted-master MIP over its patterns, then branch-and-cut on models small
/// enough for it to pay (it may prove optimality), else the interior point's Lagrangian bound where it is
/// cheap. On models beyond column generation's reach the LP starts from the incumbent and its optimum is
/// rounded into a roster. The second worker already searches neighbourhoods meanwhile where column
/// generation or branch-and-cut runs. Without a first roster, branch-and-cut alone gets everything.
struct BoundPhase {
    let context: SolveContext
    let state: SolveState
    let workers: SearchWorkers

    /// What the search phase needs to know of the bound phase.
    struct Result {
        /// Work worker 0 spent in it (its first round).
        var spent = 0.0
        /// The phase's share of the work.
        var share = 0.0
    }

    /// What the phase will run on this model.
    private struct Plan {
        var boundWork: Double
        var generationWork: Double
        var relaxationWork: Double
        var runColumnGeneration: Bool
        var runRelaxation: Bool
        var wholeProblem: Bool
        var share: Double { max(boundWork, runRelaxation ? relaxationWork : 0) }
    }

    private var plan: Plan {
        let options = context.options
        let columns = context.map.assignmentColumnIndices.count
        let hasIncumbent = state.best != nil
        let boundWork = options.nominalWork * options.branchAndCutShare
        let generationWork = options.nominalWork * options.columnGenerationShare
        let runColumnGeneration = hasIncumbent && generationWork > 0 && columns <= options.columnGenerationColumnLimit
        // The LP relaxation runs with column generation, and alone, with a share of its own, on larger
        // models without minimum runs of work or rest: those runs make its simplex iterations many
        // (BENCHMARKS.md, the fourth session of 2026-11-30).
        let hasMinimumRuns = context.problem.staff.contains {
            ($0.limits.minConsecutiveWorkingDays ?? 1) > 1 || ($0.limits.minConsecutiveDaysOff ?? 1) > 1
        }
        // Alone, it pays only when its share buys about as many simplex iterations as half the model has
        // columns: below that it stops without a bound (150 people over 13 weeks or a year spent 18–37 s of a
        // minute on it for nothing, BENCHMARKS.md), and the search makes better use of the time.
        let aloneWork = options.nominalWork * options.largeModelRelaxationShare
        let aloneIterations = aloneWork / (Double(context.glpk.rowCount) * RosterSolver.simplexWorkPerIterationRow)
        let relaxationWork = runColumnGeneration ? generationWork
            : hasMinimumRuns || aloneIterations < Double(context.glpk.columnCount) / 2 ? 0 : aloneWork
        return Plan(
            boundWork: boundWork, generationWork: generationWork, relaxationWork: relaxationWork,
            runColumnGeneration: runColumnGeneration,
            runRelaxation: hasIncumbent && relaxationWork > 0 && options.branchAndCutShare < 1,
            wholeProblem: options.branchAndCutShare >= 1 || !hasIncumbent
                || (options.branchAndCutShare > 0 && columns <= options.branchAndCutColumnLimit))
    }

    func run() throws(SolveError) -> Result {
        let plan = plan
        var result = Result(share: plan.share)
        // The second worker searches during the bound phase only where column generation or branch-and-cut
        // is part of it. Alone, the LP relaxation ends in a rounded roster far better than that search
        // reaches, so both workers start from it instead, and the first round keeps neither waiting.
        if let first = state.roundEntry(work: 0), workers.count == 2, context.options.branchAndCutShare < 1,
            plan.runColumnGeneration || plan.wholeProblem
        {
            workers.start(from: first, firstQuota: plan.share, context: context)
            state.note("bound phase on worker 1 while worker 2 searches neighbourhoods")
            // A bound proven here reaches the searching worker at once, so that it stops as soon as its
            // roster meets it. Not under a work limit: there the bound travels with the rounds only, so that
            // where a proof ends the run, and with which roster, stays a function of the inputs.
            if context.options.workLimit == nil, let rounds = workers.rounds {
                state.announce = { rounds.announce(bound: $0) }
            }
        }
        // A cancelled solve returns what it has: the LP and the interior point cannot be stopped midway.
        guard !context.isCancelled else { return result }
        do {
            let duals = try relaxation(plan, spent: &result.spent)
            let converged = try columnGeneration(plan, duals: duals, spent: &result.spent)
            try branchAndCut(plan, converged: converged, spent: &result.spent)
            if !plan.wholeProblem && state.status != .optimal && !converged && duals == nil && !context.isCancelled {
                try interiorPointBound()
            }
        } catch {
            throw .glpk(error)
        }
        // Every point meets its column bounds: a floor under any bound that came out weaker than that.
        if let program = try? context.glpk.linearProgram(), let box = ModelObjective.boxBound(program) {
            state.floor(bound: box)
        }
        return result
    }

    /// The LP relaxation by the simplex method, stopped on iterations (charged as work) so the bound phase
    /// stays a function of the inputs. Where column generation follows, it starts from the advanced basis
    /// (column generation's path depends on which optimal duals the LP ends at) and its duals start column
    /// generation; elsewhere it starts from the incumbent's point, which skips the search for a feasible
    /// one, and its optimum is rounded into a roster (rounding on the other models changed their search
    /// paths both ways, BENCHMARKS.md). Returns the duals of an optimal LP.
    ///
    /// An optimum with few of its assignments fractional (``SolveOptions/nearlyIntegralShare``) is nearly a
    /// roster: it is rounded and searched from before column generation, which on such models seldom raises
    /// the bound (the example practice: proven in 2 s instead of 6).
    /// Not on small models, where branch-and-cut settles them anyway, and where GLPK's cover cuts fail on a
    /// sub-MIP its presolve empties of columns (`glp_add_cols: ncs = 0`), freeing this thread's problems.
    private func relaxation(_ plan: Plan, spent: inout Double) throws(GLPKError) -> [Double]? {
        guard plan.runRelaxation, let incumbent = state.best else { return nil }
        context.control.update(phase: .relaxation)
        let clock = context.clock, started = clock.now, glpk = context.glpk, map = context.map
        let workPerIteration = Double(glpk.rowCount) * RosterSolver.simplexWorkPerIterationRow
        // Before column generation, three quarters of the share at most: an LP that does not finish then
        // (Instance12: 18 600 iterations, 30 s, no bound) leaves the rest to column generation and the search,
        // while those that do (Instance18: 12 700 units) still do.
        let limit = plan.runColumnGeneration ? plan.relaxationWork * 0.75 : plan.relaxationWork
        let result = try glpk.simplexBound(
            iterationLimit: max(1, Int(limit / workPerIteration)), timeLimit: context.remaining(),
            startingFrom: plan.runColumnGeneration ? nil : incumbent.values)
        let work = Double(result.iterations) * workPerIteration
        spent += work
        let fractional = result.isOptimal ? RelaxationRounding.fractionalAssignments(result.columnValues, map: map) : nil
        let origin = result.startedFromPoint ? " from the incumbent" : ""
        let ending = fractional.map { "optimal, \($0) of \(map.assignmentColumnIndices.count) assignments fractional" } ?? "stopped"
        let bound = result.bound.map { String(format: "%.2f", $0) } ?? "none"
        state.note("LP bound (simplex\(origin)): \(ending), bound \(bound), \(result.iterations) iterations, work \(Int(work)) in \((clock.now - started).formattedSeconds)")
        state.record(.relaxation(.init(
            startedFromIncumbent: result.startedFromPoint, isOptimal: result.isOptimal, bound: result.bound,
            iterations: result.iterations, work: work, fractionalAssignments: fractional,
            assignments: map.assignmentColumnIndices.count)))
        if let bound = result.bound { state.prove(bound) }
        guard let fractional else { return nil }
        guard state.status != .optimal, !workers.optimumFound else { return result.rowDuals }
        if !plan.runColumnGeneration {
            spent += try round(result.columnValues)
        } else if Double(fractional) <= context.options.nearlyIntegralShare * Double(map.assignmentColumnIndices.count),
            map.assignmentColumnIndices.count > context.options.smallModelColumnLimit
        {
            spent += try round(result.columnValues)
            spent += try searchFromRounding(workLimit: plan.generationWork / 2)
        }
        return result.rowDuals
    }

    /// Rounds the LP optimum `values` person by person (``RelaxationRounding``) and offers the roster.
    /// Returns the work it took.
    private func round(_ values: [Double]) throws(GLPKError) -> Double {
        guard let incumbent = state.best else { return 0 }
        let clock = context.clock, started = clock.now, map = context.map
        var rounding = RelaxationRounding(
            decomposition: PersonDecomposition(program: try context.glpk.linearProgram(), map: map), map: map,
            personWorkLimit: RosterSolver.roundingWorkPerPerson)
        rounding.control = context.control.glpk
        let fractional = RelaxationRounding.fractionalAssignments(values, map: map)
        var (roster, work, kept) = try rounding.round(values, fallback: incumbent.roster)
        var roundedValue: Double?
        var polished = ""
        var changed = 0
        if let improved = try rounding.improve(
            roster, model: context.model, sweeps: RosterSolver.roundingSweeps)
        {
            polished = ", \(Int(improved.before.rounded())) before \(improved.changed) people changed one at a time"
            roster = improved.roster
            work += improved.work
            changed = improved.changed
            roundedValue = improved.before
        }
        var outcome = "no model point"
        let offered = state.offer(roster)
        roundedValue = roundedValue ?? offered?.value
        if let (value, personal) = offered {
            outcome = personal ? "\(Int(value.rounded()))" : "a roster breaking personal rules"
        }
        if state.incumbentReachesBound() { state.status = .optimal }
        state.note(
            "LP rounding: \(fractional) of \(map.assignmentColumnIndices.count) assignments fractional, roster \(outcome)"
                + polished + (kept > 0 ? " (\(kept) people kept their schedule)" : "")
                + " against \(Int(incumbent.objective.rounded())), work \(Int(work)) in \((clock.now - started).formattedSeconds)")
        state.record(.rounding(.init(
            fractionalAssignments: fractional, assignments: map.assignmentColumnIndices.count, roundedValue: roundedValue,
            improvedValue: offered?.value, meetsPersonalRules: offered?.personal ?? false, peopleChanged: changed,
            peopleKept: kept, work: work)))
        return work
    }

    /// Neighbourhood search from the rounded LP optimum on this worker, in rounds for as long as each improves
    /// on the last, up to `workLimit` or until the roster meets the bound. Returns the work it took. Called on
    /// models above ``SolveOptions/smallModelColumnLimit`` assignment columns only, so there is something to free.
    private func searchFromRounding(workLimit: Double) throws(GLPKError) -> Double {
        let problem = context.problem, map = context.map
        guard let start = state.roundEntry(work: 0), state.status != .optimal, !workers.optimumFound else { return 0 }
        let clock = context.clock, started = clock.now, control = context.control
        control.update(phase: .search)
        var search = NeighbourhoodSearch(
            problem: problem, map: map, model: context.neighbourhoods, options: context.options, start: start,
            modelObjective: context.model, control: control.glpk)
        var roundStart: Double
        repeat {
            roundStart = search.incumbentObjective
            try search.runRound(
                quota: context.options.roundWork, bound: { state.bound }, until: context.deadline, clock: clock,
                finishEarly: { workers.optimumFound }
            ) { values, value in
                control.update(incumbent: Int(value.rounded()))
                control.offer(point: values, objective: value, foundAt: clock.now - context.start, map: map)
            }
        } while search.incumbentObjective < roundStart - 0.5 && search.work < workLimit
            && !ModelObjective.reaches(search.incumbentObjective, bound: state.bound)
        let found = search.entry
        if found.objective < start.objective - 0.5 {
            state.adopt(.init(
                roster: map.roster(from: found.values), values: found.values, objective: found.objective,
                foundAt: found.foundAt - context.start))
            if state.incumbentReachesBound() { state.status = .optimal }
        }
        state.note(
            "search from the rounded roster: \(Int(start.objective.rounded())) → \(Int(found.objective.rounded())), "
                + "\(search.solved) neighbourhoods, work \(Int(search.work)) in \((clock.now - started).formattedSeconds)")
        state.record(.searchFromRounding(.init(
            workers: 1, neighbourhoods: search.solved, improvements: search.improvements, work: search.work)))
        return search.work
    }

    /// Column generation from the LP's duals; converged, a restricted-master MIP combines its patterns
    /// (Instance4: 1716, optimal, in 3 units of work, where the search stalled at 1718–1719 for 60 s).
    /// Returns whether it converged.
    private func columnGeneration(_ plan: Plan, duals: [Double]?, spent: inout Double) throws(GLPKError) -> Bool {
        guard plan.runColumnGeneration, state.status != .optimal, plan.generationWork > spent, !workers.optimumFound,
            let incumbent = state.best
        else { return false }
        context.control.update(phase: .columnGeneration)
        let clock = context.clock, started = clock.now
        var generation = try ColumnGeneration(
            program: try context.glpk.linearProgram(), map: context.map,
            pricingWorkLimit: context.options.columnGenerationPricingWorkLimit)
        generation.control = context.control.glpk
        generation.pricesBySchedules = context.options.pricingBySchedules
        try generation.addPatterns(from: incumbent.values)
        if let duals { generation.startPricing(atModelDuals: duals) }
        // Not all of it: the dive below turns an unconverged master into a roster too (Instance8: master LP
        // within 1 % of its bound after two thirds of the share, then 0.1 % an iteration).
        try generation.run(
            workLimit: (plan.generationWork - spent) * (1 - context.options.diveShare / 2), incumbent: incumbent.objective,
            until: context.deadline, clock: clock, stop: { workers.optimumFound })
        state.note(generation.log)
        state.note(
            "column generation: \(generation.iterations) iterations, \(generation.patterns.count) patterns, bound "
                + "\(generation.bound.map { String(format: "%.2f", $0) } ?? "none"), master LP "
                + "\(generation.masterValue.map { String(format: "%.2f", $0) } ?? "none")"
                + (generation.converged ? " (converged)" : "") + ", work \(Int(generation.work)) in \((clock.now - started).formattedSeconds)")
        state.record(.columnGeneration(.init(
            iterations: generation.iterations, patterns: generation.patterns.count, bound: generation.bound,
            masterValue: generation.masterValue, converged: generation.converged, stalled: generation.stalled,
            work: generation.work)))
        if let bound = generation.bound { state.prove(bound) }
        if generation.converged, context.options.restrictedMasterMIP, state.status != .optimal, !workers.optimumFound {
            let patternPoint = try generation.restrictedMasterPoint(
                workLimit: min(500, max(100, 0.02 * plan.generationWork)), until: context.deadline, clock: clock)
            var value: Double?
            if let patternPoint {
                if let (found, personal) = state.offer(context.map.roster(from: patternPoint)), personal {
                    value = found
                    state.note("restricted master MIP: \(Int(found.rounded())) (incumbent \(Int(incumbent.objective.rounded())))")
                    if let bound = generation.bound, ModelObjective.reaches(found, bound: bound) { state.status = .optimal }
                } else {
                    state.note("restricted master MIP: its roster breaks personal rules")
                }
            } else {
                state.note("restricted master MIP: no roster within its work limit")
            }
            state.record(.restrictedMaster(value: value))
        }
        // The dive follows the master: only where its LP is within 5 % of the bound is it a guide worth the
        // work (Instance6 and 8: 0–2.4 %; the long horizons stop 14–100 % apart, and their dives ran out of
        // work without a roster).
        if let master = generation.masterValue, let bound = generation.bound, master - bound <= 0.05 * max(1, abs(master)),
            state.status != .optimal, !workers.optimumFound
        {
            // Unconverged, column generation stopped to leave the dive the rest of the share.
            let diveWork = max(0, plan.share - spent - generation.work) * (generation.converged ? context.options.diveShare : 1)
            let before = generation.work
            let byDays = context.options.diveByDays && generation.pricesEveryoneBySchedules
            if diveWork > 0, let point = try byDays
                ? generation.cellDivePoint(
                    workLimit: diveWork, cutoff: state.best?.objective, until: context.deadline, clock: clock,
                    stop: { workers.optimumFound })
                : generation.divePoint(
                    workLimit: diveWork, cutoff: state.best?.objective, until: context.deadline, clock: clock,
                    stop: { workers.optimumFound })
            {
                if let (found, personal) = state.offer(context.map.roster(from: point)), personal {
                    state.note("dive: \(Int(found.rounded())) in \(Int(generation.work - before)) work")
                    state.record(.dive(value: found))
                    if let bound = generation.bound, ModelObjective.reaches(found, bound: bound) { state.status = .optimal }
                } else {
                    state.note("dive: its roster breaks personal rules")
                    state.record(.dive(value: nil))
                }
            } else if diveWork > 0 {
                state.note("dive: no roster better than the incumbent within \(Int(diveWork)) work")
                state.record(.dive(value: nil))
            }
        }
        spent += generation.work
        return generation.converged
    }

    /// Branch-and-cut on the whole model. Converged column generation already holds the LP bound of the
    /// person decomposition, which GLPK's own root bound rarely reaches (Instance4, 900 columns: 1488
    /// against 1716 after 16 s): then branch-and-cut gets a tenth of the share left and worker 0 searches
    /// with the rest. Only on the smallest models does branching still pay (Instance1, 112 columns).
    private func branchAndCut(_ plan: Plan, converged: Bool, spent: inout Double) throws(GLPKError) {
        let options = context.options
        let columns = context.map.assignmentColumnIndices.count
        let work = (plan.share - spent) * (converged && columns > options.smallModelColumnLimit ? 0.1 : 1)
        guard plan.wholeProblem, state.status != .optimal, state.best == nil || work > 0, !workers.optimumFound else { return }
        context.control.update(phase: .branchAndCut)
        var full = options.fullSolve
        full.presolve = false
        // Without a roster yet, the whole problem is the only hope: give it everything.
        full.timeLimit = context.remaining()
        full.workLimit = state.best == nil || options.branchAndCutShare >= 1 ? options.workLimit : work
        full.relativeGap = options.relativeGap
        let result = try context.glpk.solve(full, warmStart: state.best?.values, control: context.control.glpk)
        spent += result.work
        state.note(
            "branch-and-cut: \(result.termination.rawValue), \(result.returnCode), objective "
                + "\(result.objective.map { String($0) } ?? "none"), bound \(result.bestBound.map { String($0) } ?? "none"), "
                + "warm start \(result.warmStartAccepted.map { $0 ? "accepted" : "rejected" } ?? "none"), "
                + "work \(Int(result.work)) in \(result.elapsed.formattedSeconds), \(result.nodes) nodes, \(result.iterations) iterations, \(result.treeRows) rows")
        state.record(.branchAndCut(.init(
            termination: result.termination, objective: result.objective, bound: result.bestBound,
            warmStartAccepted: result.warmStartAccepted, nodes: result.nodes, iterations: result.iterations, work: result.work)))
        if let bound = result.bestBound { state.raise(bound) }
        if let values = result.columnValues, let value = result.objective, value < (state.best?.objective ?? .infinity) - 0.5 {
            state.adopt(.init(
                roster: context.map.roster(from: values), values: values.map { $0.rounded() }, objective: value,
                foundAt: context.elapsed - result.elapsed + (result.timeToIncumbent ?? result.elapsed)))
            context.control.update(incumbent: Int(value.rounded()))
        }
        switch result.termination {
        case .optimal where options.relativeGap > 0 && !ModelObjective.reaches(result.objective ?? .infinity, bound: result.bestBound):
            state.status = .withinGap  // stopped at the gap asked for: the bound stays the tree's
        case .optimal:
            state.status = .optimal
            if let value = result.objective { state.settle(bound: min(value, state.best?.objective ?? value)) }
        case .infeasible:
            state.status = state.best == nil ? .infeasible : .timeLimit
        case .interrupted:
            state.status = .interrupted
        default:
            break
        }
    }

    /// The Lagrangian bound at interior-point duals, where no other LP bound came. GLPK's interior point has
    /// no time limit, and its cost grows about with the square of the columns (13 000 columns ≈ 4 s on this
    /// project's machines): it runs only where it is cheap.
    private func interiorPointBound() throws(GLPKError) {
        let glpk = context.glpk
        let estimate = 3.0 * pow(Double(glpk.columnCount) / 10_000, 2)
        guard estimate <= 0.25 * context.remaining().seconds else {
            state.note("LP bound skipped: about \(Int(estimate))s of interior point would not fit the time limit")
            state.record(.interiorPointBound(nil))
            return
        }
        context.control.update(phase: .relaxation)
        let started = context.clock.now
        // Every broken-rule column is non-negative, so pricing it lower gives a lower bound on the true
        // objective, and the interior point's duals need it: at the bend order's higher ranks (up to 1e11 a
        // unit) they are too coarse for a bound at all, and a minute short priced at 1 667 puts duals of that
        // size on rows of ten thousand minutes, whose products cancel to a bound below zero. At 100 000 a unit
        // of cover or supervision and 1 a minute the bound is as close as without a bend order (BENCHMARKS.md).
        let capped = zip(context.map.columns, context.model.coefficients).map { column, coefficient -> Double in
            guard column.isBrokenHardRule else { return coefficient }
            switch column {
            case .minutesShort, .windowShort: return min(coefficient, 1)
            default: return min(coefficient, Double(RosterProblem.hardRuleWeight))
            }
        }
        let cappedAny = capped != context.model.coefficients
        if cappedAny { try glpk.setObjective(capped, constant: context.model.constant) }
        defer { if cappedAny { try? glpk.setObjective(context.model.coefficients, constant: context.model.constant) } }
        let bound = try glpk.lagrangianBoundByInteriorPoint()
        if let bound {
            state.raise(bound)
            state.note("LP bound (Lagrangian, interior-point duals): \(bound), \(glpk.columnCount) columns in \((context.clock.now - started).formattedSeconds)")
        } else {
            state.note("LP bound: the interior-point duals gave no finite bound")
        }
        state.record(.interiorPointBound(bound))
    }
}
