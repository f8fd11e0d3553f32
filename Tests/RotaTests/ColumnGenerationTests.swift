import GLPKKit
import RotaCore
import RotaSolver
import Testing

/// The bound of column generation, checked against a master built by hand from every schedule each person
/// may work (enumerated and checked by the evaluator, so no code is shared with the decomposition): it must
/// never exceed the true optimum, and must reach that master's LP value unless it already proved the
/// roster optimal.
@Suite struct ColumnGenerationTests {
    /// The LP over all schedules: each person takes a convex mix of their feasible schedules; cover is
    /// short or over by continuous amounts. Costs are the requests' (written here from their definition)
    /// and the cover weights.
    static func enumeratedMasterValue(_ problem: RosterProblem, schedules: [[[Assignment]]]) throws -> Double {
        var columns: [LinearProgram.Bounds] = []
        var objective: [Double] = []
        var entries: [LinearProgram.Entry] = []
        let convexityRow = problem.cover.count
        for (person, options) in schedules.enumerated() {
            for schedule in options {
                let given = Set(schedule)
                var cost = 0
                for request in problem.shiftOnRequests where request.staff == person
                    && !given.contains(Assignment(staff: person, day: request.day, shift: request.shift))
                {
                    cost += request.weight
                }
                for request in problem.shiftOffRequests where request.staff == person
                    && given.contains(Assignment(staff: person, day: request.day, shift: request.shift))
                {
                    cost += request.weight
                }
                let column = columns.count
                columns.append(LinearProgram.Bounds(lower: 0, upper: nil))
                objective.append(Double(cost))
                entries.append(LinearProgram.Entry(row: convexityRow + person, column: column, value: 1))
                for (row, requirement) in problem.cover.enumerated()
                where given.contains(Assignment(staff: person, day: requirement.day, shift: requirement.shift)) {
                    entries.append(LinearProgram.Entry(row: row, column: column, value: 1))
                }
            }
        }
        for (row, requirement) in problem.cover.enumerated() {
            columns.append(LinearProgram.Bounds(lower: 0, upper: nil))  // short
            objective.append(Double(requirement.underWeight))
            entries.append(LinearProgram.Entry(row: row, column: columns.count - 1, value: 1))
            columns.append(LinearProgram.Bounds(lower: 0, upper: nil))  // over
            objective.append(Double(requirement.overWeight))
            entries.append(LinearProgram.Entry(row: row, column: columns.count - 1, value: -1))
        }
        let rows = problem.cover.map { LinearProgram.Bounds.fixed(Double($0.required)) }
            + Array(repeating: LinearProgram.Bounds.fixed(1), count: schedules.count)
        let master = try GLPKProblem(
            LinearProgram(
                rows: rows, columns: columns, isInteger: Array(repeating: false, count: columns.count),
                objective: objective, entries: entries))
        let solution = try master.solveLinearProgram()
        #expect(solution.isOptimal)
        return solution.objective
    }

    /// The random two-person problem of `seed`, every schedule each person may work, and the optimum over
    /// all pairs of them; nil when someone cannot work at all (infeasible).
    static func enumeratedProblem(seed: Int) -> (problem: RosterProblem, schedules: [[[Assignment]]], optimum: Int)? {
        let problem = ModelAgreesWithEvaluatorTests.randomProblem(seed: UInt64(seed))
        let schedules = problem.staff.indices.map { ModelAgreesWithEvaluatorTests.feasibleSchedules(problem, staff: $0) }
        guard schedules.allSatisfy({ !$0.isEmpty }) else { return nil }
        let evaluator = Evaluator(problem: problem)
        var optimum = Int.max
        for a in schedules[0] {
            for b in schedules[1] { optimum = min(optimum, evaluator.evaluate(Roster(a + b)).total) }
        }
        return (problem, schedules, optimum)
    }

    /// One worker, the bound from column generation alone, 3 000 units of work.
    static var columnGenerationOnly: SolveOptions {
        var options = SolveOptions()
        options.timeLimit = .seconds(60)
        options.workers = 1
        options.branchAndCutShare = 0
        options.columnGenerationShare = 1
        options.workLimit = 3000
        return options
    }

    /// Both ways of pricing: by dynamic programming (which states these problems' rules) and by MIPs.
    @Test(arguments: 0..<60, [true, false])
    func boundNeverPassesTheOptimumAndReachesTheMastersValue(seed: Int, bySchedules: Bool) throws {
        guard let (problem, schedules, optimum) = Self.enumeratedProblem(seed: seed) else { return }
        let masterValue = try Self.enumeratedMasterValue(problem, schedules: schedules)

        var options = Self.columnGenerationOnly
        options.pricingBySchedules = bySchedules
        let outcome = try RosterSolver(problem: problem, options: options).solve()
        let bound = try #require(outcome.bestBound)
        #expect(bound <= Double(optimum) + 1e-6, "a bound above the optimum \(optimum)")
        let provedOptimal = (bound - 1e-6).rounded(.up) >= Double(optimum)
        #expect(provedOptimal || bound >= masterValue - 1e-6, "bound \(bound) short of the master's \(masterValue)")
        #expect(masterValue <= Double(optimum) + 1e-6)
        #expect(outcome.objectivesAgree)
        if outcome.evaluation?.total == optimum && provedOptimal { #expect(outcome.status == .optimal) }
    }

    /// The dive on people's days (``SolveOptions/diveByDays``) on the same problems: each roster it ends with
    /// meets every person's rules (the solve offers it only then) and costs no less than the optimum found by
    /// enumeration.
    @Test func theDiveOnDaysEndsInRostersNoBetterThanTheOptimum() throws {
        var dives = 0
        for seed in 0..<30 {
            guard let (problem, _, optimum) = Self.enumeratedProblem(seed: seed) else { continue }
            var options = Self.columnGenerationOnly
            options.restrictedMasterMIP = false
            options.diveByDays = true
            let outcome = try RosterSolver(problem: problem, options: options).solve()
            for phase in outcome.phases {
                guard case .dive(let value?) = phase else { continue }
                dives += 1
                #expect(value >= Double(optimum) - 1e-6, "seed \(seed): the dive's \(value) below the optimum \(optimum)")
            }
            #expect(outcome.objectivesAgree)
            #expect(outcome.evaluation.map { $0.total >= optimum } == true)
        }
        #expect(dives > 0, "no dive ended in a roster")
    }
}
