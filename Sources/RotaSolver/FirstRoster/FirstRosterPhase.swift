import GLPKKit
import RotaCore

/// The first phase of a solve: a roster meeting every person's own hard rules, as the search's start.
///
/// The constructive heuristic (or the given start roster, repaired) places everyone it can; anyone left is
/// placed exactly by a one-person GLPK model; a first stretch of local search polishes the result. A person
/// whose own rules admit no schedule at all ends the solve: the phase then says which of their rules,
/// relaxed alone, would make one possible.
struct FirstRosterPhase {
    let solver: RosterSolver
    let context: SolveContext
    let state: SolveState

    struct Result {
        var construction: ConstructiveHeuristic.Result
        /// The soft cost of the first roster, when everyone could be placed within their own rules.
        var cost: Int?
        /// People proven unable to meet their own rules, and what to relax for each.
        var infeasiblePeople: [Int] = []
        var diagnosis: [String] = []
    }

    /// The constructive roster (or the given start, repaired), built before the model so that a solve
    /// has a roster to return however long building the model takes.
    static func construct(
        _ problem: RosterProblem, options: SolveOptions, clock: ContinuousClock, deadline: ContinuousClock.Instant
    ) -> (ConstructiveHeuristic.Result, note: String) {
        let started = clock.now
        if let start = options.startRoster {
            let construction = RosterSolver.repair(start, problem: problem)
            return (construction, "first roster from the given start, \(construction.unscheduled.count) people to place again")
        }
        var heuristic = ConstructiveHeuristic(problem: problem, seed: options.seed)
        heuristic.deadline = started + max(.zero, deadline - started) / 2
        var construction = heuristic.build()
        // The heuristic does not know runs of one shift type: whoever it left breaking one is placed again.
        if problem.staff.contains(where: { !$0.limits.maxConsecutiveByType.isEmpty }) {
            let repaired = RosterSolver.repair(construction.roster, problem: problem)
            construction = ConstructiveHeuristic.Result(
                roster: repaired.roster, unscheduled: Array(Set(construction.unscheduled + repaired.unscheduled)).sorted())
        }
        return (construction, "constructive heuristic: \((clock.now - started).formattedSeconds)")
    }

    func run(from construction: ConstructiveHeuristic.Result) throws(SolveError) -> Result {
        let problem = context.problem, clock = context.clock
        context.control.update(phase: .constructing)
        var result = Result(construction: construction)
        let (first, unplaced, placed) = try placeTheRest(of: construction, infeasible: &result.infeasiblePeople)
        if unplaced == 0, let point = context.map.point(for: first) {
            let evaluation = context.evaluator.evaluate(first)
            if evaluation.meetsPersonalRules {
                result.cost = evaluation.total
                state.adopt(.init(roster: first, values: point, objective: context.model.value(point), foundAt: context.elapsed))
                context.control.update(incumbent: evaluation.modelObjective)
                state.note("first roster: cost \(evaluation.total)"
                    + (evaluation.isFeasible ? "" : ", elastic hard rules broken ("
                        + Dictionary(grouping: evaluation.hardViolations, by: \.rule.rawValue)
                            .map { "\($0.key) \($0.value.reduce(0) { $0 + $1.amount })" }.sorted().joined(separator: ", ") + ")"))
            } else {
                state.note("first roster breaks \(evaluation.hardViolations.count) hard rules; not used")
            }
        }
        let local = polish()
        state.record(.firstRoster(.init(
            cost: result.cost, unscheduled: construction.unscheduled.count, placedByModel: placed,
            localSearchStart: local?.start, localSearchBest: local?.best, localSearchMoves: local?.moves ?? 0)))
        for person in result.infeasiblePeople {
            let rules = try solver.conflictingRules(of: person, until: context.deadline, clock: clock)
            result.diagnosis.append(
                "\(problem.staff[person].id) cannot meet their own hard rules; "
                    + (rules.isEmpty
                        ? "no single rule is to blame, several conflict together"
                        : "each of these, relaxed alone, would make it possible: " + rules.map(\.rawValue).joined(separator: ", ")))
        }
        return result
    }

    /// Places anyone the heuristic could not, exactly, one person at a time, with GLPK. Returns the roster,
    /// how many are still unplaced, and how many the one-person model placed.
    private func placeTheRest(
        of construction: ConstructiveHeuristic.Result, infeasible: inout [Int]
    ) throws(SolveError) -> (Roster, unplaced: Int, placed: Int) {
        let problem = context.problem, clock = context.clock
        var first = construction.roster
        var unplaced = construction.unscheduled.count
        var placed = 0
        if unplaced > 0 { state.note("constructive heuristic left \(unplaced) people unscheduled") }
        for (position, person) in construction.unscheduled.enumerated() {
            guard clock.now < context.deadline, !context.isCancelled else { break }
            let placingStarted = clock.now
            defer { state.note("  (\(problem.staff[person].id): \((clock.now - placingStarted).formattedSeconds))") }
            // Share most of what is left among the people still to place: without them there is no roster
            // at all, so the search after gets only a fifth for sure.
            let share = context.remaining() * 0.8 / Double(construction.unscheduled.count - position)
            switch try solver.schedulePerson(person, others: first, until: min(context.deadline, clock.now + share), clock: clock) {
            case .placed(let assignments):
                first = Roster(first.assignments + assignments)
                unplaced -= 1
                placed += 1
                state.note("placed \(problem.staff[person].id) with a one-person model")
            case .impossible:
                infeasible.append(person)
                state.note("\(problem.staff[person].id): no schedule meets their hard rules (proven)")
            case .unknown:
                state.note("\(problem.staff[person].id): no schedule found in time")
            }
        }
        return (first, unplaced, placed)
    }

    /// A first stretch of local search from the first roster, offered as the incumbent.
    private func polish() -> (start: Int, best: Int, moves: Int)? {
        let problem = context.problem, clock = context.clock, options = context.options
        let moves = options.firstLocalSearchMoves(cells: problem.staff.count * problem.dayCount)
        guard let incumbent = state.best, moves > 0 else { return nil }
        let started = clock.now
        var local = LocalSearch(
            problem: problem, clashes: ClashTable(problem: problem), roster: incumbent.roster, seed: options.seed,
            historyLength: options.localSearchHistory)
        let startCost = local.cost
        // A fifth of the time at most: the moves are sized for a release build, and a slow (debug) build
        // must still leave the search its time to repair what the moves cannot.
        let stopAt = min(context.deadline - .milliseconds(50), started + options.timeLimit / 5)
        local.run(moves: moves) { clock.now >= stopAt || context.isCancelled }
        trace("first local search: \(startCost) → \(local.bestCost) in \(local.moves) moves, \((clock.now - started).formattedSeconds)")
        if let (value, personal) = state.offer(local.bestRoster) {
            state.note("local search: \(startCost) → \(local.bestCost) (model \(Int(value.rounded())), personal rules \(personal ? "met" : "BROKEN")) in \(local.moves) moves, \((clock.now - started).formattedSeconds)")
        }
        return (startCost, local.bestCost, local.moves)
    }
}
