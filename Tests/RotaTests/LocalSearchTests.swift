import RotaCore
@testable import RotaSolver
import Testing

/// The local search keeps its own books (cover counts, supervision, fairness, requests, stability) and its
/// own check of each person's rules. Both are held against the evaluator, which shares no code with them:
/// on every roster of small random problems, benchmark rules and clinic rules, and on what a run returns.
@Suite struct LocalSearchTests {
    static func personalSchedules(_ problem: RosterProblem, staff: Int, clinic: Bool) -> [[Assignment]] {
        clinic
            ? ClinicModelAgreesWithEvaluatorTests.personalSchedules(problem, staff: staff)
            : ModelAgreesWithEvaluatorTests.feasibleSchedules(problem, staff: staff)
    }

    static func problem(seed: Int, clinic: Bool) -> RosterProblem {
        clinic
            ? ClinicModelAgreesWithEvaluatorTests.randomProblem(seed: UInt64(seed))
            : ModelAgreesWithEvaluatorTests.randomProblem(seed: UInt64(seed))
    }

    static let cases = (0..<40).flatMap { [($0, false), ($0, true)] }

    @Test(arguments: cases)
    func costIsTheModelObjectiveOnEveryRoster(seed: Int, clinic: Bool) {
        let problem = Self.problem(seed: seed, clinic: clinic)
        let evaluator = Evaluator(problem: problem)
        let clashes = ClashTable(problem: problem)
        let first = Self.personalSchedules(problem, staff: 0, clinic: clinic)
        let second = Self.personalSchedules(problem, staff: 1, clinic: clinic)
        var checked = 0
        for a in first.prefix(25) {
            for b in second.prefix(25) {
                let roster = Roster(a + b)
                let search = LocalSearch(problem: problem, clashes: clashes, roster: roster, seed: 1, historyLength: 10)
                guard search.representsStart else { continue }
                let evaluation = evaluator.evaluate(roster)
                #expect(search.cost == evaluation.modelObjective, "roster \(roster.assignments)")
                #expect(search.everyoneFeasible == evaluation.meetsPersonalRules, "roster \(roster.assignments)")
                checked += 1
            }
        }
        #expect(checked > 0 || first.isEmpty || second.isEmpty)
    }

    /// Every schedule of one person, feasible or not: the search's verdict on their rules is the evaluator's.
    @Test(arguments: cases)
    func personalRulesAreTheEvaluators(seed: Int, clinic: Bool) {
        let problem = Self.problem(seed: seed, clinic: clinic)
        let evaluator = Evaluator(problem: problem)
        let clashes = ClashTable(problem: problem)
        let perDay = clinic ? 1 << problem.shiftTypes.count : problem.shiftTypes.count + 1
        var total = 1
        for _ in 0..<problem.dayCount { total *= perDay }
        for code in 0..<total {
            var assignments: [Assignment] = []
            var rest = code
            for day in 0..<problem.dayCount {
                let choice = rest % perDay
                rest /= perDay
                if clinic {
                    for shift in problem.shiftTypes.indices where choice & (1 << shift) != 0 {
                        assignments.append(Assignment(staff: 0, day: day, shift: shift))
                    }
                } else if choice > 0 {
                    assignments.append(Assignment(staff: 0, day: day, shift: choice - 1))
                }
            }
            let search = LocalSearch(problem: problem, clashes: clashes, roster: Roster(assignments), seed: 1, historyLength: 10)
            guard search.representsStart else { continue }
            let personal = !evaluator.evaluate(Roster(assignments)).hardViolations.contains { $0.staff == 0 && !$0.isElastic }
            #expect(search.feasible(0) == personal, "schedule \(assignments)")
        }
    }

    @Test(arguments: cases)
    func aRunReturnsWhatTheEvaluatorPrices(seed: Int, clinic: Bool) {
        let problem = Self.problem(seed: seed, clinic: clinic)
        let first = Self.personalSchedules(problem, staff: 0, clinic: clinic)
        let second = Self.personalSchedules(problem, staff: 1, clinic: clinic)
        guard let a = first.first, let b = second.first else { return }
        var search = LocalSearch(
            problem: problem, clashes: ClashTable(problem: problem), roster: Roster(a + b), seed: UInt64(seed), historyLength: 50)
        guard search.representsStart else { return }
        let start = search.cost
        search.run(moves: 3000)
        let evaluation = Evaluator(problem: problem).evaluate(search.bestRoster)
        #expect(evaluation.meetsPersonalRules)
        #expect(evaluation.modelObjective == search.bestCost)
        #expect(search.bestCost <= start)
    }

    /// Re-planning a person finds their cheapest schedule with the other held: on the benchmark's rules, the
    /// least of every schedule meeting them, found by enumeration; on clinic rules (fairness and supervision
    /// too) never worse than the start, and priced as the evaluator prices it.
    @Test(arguments: cases)
    func replanningFindsTheCheapestSchedule(seed: Int, clinic: Bool) {
        let problem = Self.problem(seed: seed, clinic: clinic)
        let evaluator = Evaluator(problem: problem)
        let clashes = ClashTable(problem: problem)
        let first = Self.personalSchedules(problem, staff: 0, clinic: clinic)
        let second = Self.personalSchedules(problem, staff: 1, clinic: clinic)
        var checked = 0
        for b in second.prefix(6) {
            let cheapest = first.map { evaluator.evaluate(Roster($0 + b)).modelObjective }.min()
            for a in first.prefix(6) {
                var search = LocalSearch(problem: problem, clashes: clashes, roster: Roster(a + b), seed: 1, historyLength: 10)
                guard search.representsStart else { continue }
                let start = search.cost
                search.replan([0])
                let evaluation = evaluator.evaluate(search.bestRoster)
                #expect(search.everyoneFeasible)
                #expect(evaluation.meetsPersonalRules)
                #expect(search.cost == evaluation.modelObjective && search.bestCost == search.cost)
                #expect(search.cost <= start)
                if !clinic { #expect(search.cost == cheapest, "start \(a + b)") }
                checked += 1
            }
        }
        #expect(checked > 0 || first.isEmpty || second.isEmpty)
    }

    /// Re-planning in windows changes a person's days in them only, and finds the cheapest schedule that keeps
    /// their other days: on the benchmark's rules the least of every such schedule meeting them, found by
    /// enumeration; on clinic rules never worse than the start.
    @Test(arguments: cases)
    func replanningInWindowsFindsTheCheapestScheduleThere(seed: Int, clinic: Bool) {
        let problem = Self.problem(seed: seed, clinic: clinic)
        guard problem.dayCount >= 3 else { return }
        let evaluator = Evaluator(problem: problem)
        let clashes = ClashTable(problem: problem)
        let first = Self.personalSchedules(problem, staff: 0, clinic: clinic)
        let second = Self.personalSchedules(problem, staff: 1, clinic: clinic)
        // One window, or two apart with a day held between them.
        let windows = seed % 2 == 0 ? [1..<(problem.dayCount - 1)] : [0..<1, 2..<problem.dayCount]
        func outside(_ schedule: [Assignment]) -> Set<Assignment> {
            Set(schedule.filter { assignment in !windows.contains { $0.contains(assignment.day) } })
        }
        var checked = 0
        for b in second.prefix(6) {
            for a in first.prefix(6) {
                var search = LocalSearch(problem: problem, clashes: clashes, roster: Roster(a + b), seed: 1, historyLength: 10)
                guard search.representsStart else { continue }
                let start = search.cost
                search.replan([0], windows: windows)
                let after = search.bestRoster.assignments
                let evaluation = evaluator.evaluate(search.bestRoster)
                #expect(search.everyoneFeasible)
                #expect(evaluation.meetsPersonalRules)
                #expect(search.cost == evaluation.modelObjective && search.cost <= start)
                #expect(outside(after.filter { $0.staff == 0 }) == outside(a), "start \(a + b)")
                #expect(Set(after.filter { $0.staff == 1 }) == Set(b))
                if !clinic {
                    let cheapest = first.filter { outside($0) == outside(a) }.map { evaluator.evaluate(Roster($0 + b)).modelObjective }.min()
                    #expect(search.cost == cheapest, "start \(a + b)")
                }
                checked += 1
            }
        }
        #expect(checked > 0 || first.isEmpty || second.isEmpty)
    }

    /// Re-planning in windows runs by itself where people neighbourhoods use windows (many columns a person
    /// over a long horizon), and as asked otherwise; a window never outgrows the horizon.
    @Test func replanningWindowsWhereNeighbourhoodsUseThem() {
        var options = SolveOptions()
        #expect(options.replanWindow(days: 364, columnsPerPerson: 2_700) == SolveOptions.automaticReplanWindowDays)
        #expect(options.replanWindow(days: 182, columnsPerPerson: 1_092) == nil)
        #expect(options.replanWindow(days: 28, columnsPerPerson: 5_000) == nil)
        options.replanWindowDays = 0
        #expect(options.replanWindow(days: 364, columnsPerPerson: 2_700) == nil)
        options.replanWindowDays = 100
        #expect(options.replanWindow(days: 28, columnsPerPerson: 10) == 28)
        #expect(options.replanWindow(days: 364, columnsPerPerson: 10) == 100)
    }

    /// A local-search turn in the search takes as much work as GLPK's sub-MIPs take a turn, within its floor
    /// and ceiling; before any sub-MIP it takes the ceiling.
    @Test func aTurnMatchesTheNeighbourhoodsWork() {
        var options = SolveOptions()
        options.localSearchChunk = 1_000_000
        options.localSearchTurnMinimum = 50_000
        let cells = 22 * 84
        #expect(options.localSearchTurn(cells: cells, neighbourhoodWork: nil) == 1_000_000)
        #expect(options.localSearchTurn(cells: cells, neighbourhoodWork: 200) == 200_000)
        #expect(options.localSearchTurn(cells: cells, neighbourhoodWork: 5) == 50_000)
        #expect(options.localSearchTurn(cells: cells, neighbourhoodWork: 4000) == 1_000_000)
        // A tiny problem's ceiling (a thousand moves a cell) wins over the floor.
        #expect(options.localSearchTurn(cells: 10, neighbourhoodWork: 5) == 10_000)
        options.localSearchChunk = 0
        #expect(options.localSearchTurn(cells: cells, neighbourhoodWork: 200) == 0)
    }
}
