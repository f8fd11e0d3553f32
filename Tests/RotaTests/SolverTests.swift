import Foundation
import RotaCore
import RotaSolver
import Testing

@Suite struct SolverTests {
    @Test func tinyInstanceIsProvenOptimalAndAgreesWithTheEvaluator() throws {
        let problem = try NRPFormat.read(path: Fixtures.path("tiny.txt"))
        let outcome = try RosterSolver(problem: problem).solve()
        #expect(outcome.status == .optimal)
        #expect(outcome.evaluation?.isFeasible == true)
        #expect(outcome.objectivesAgree)
        #expect(outcome.evaluation?.total == 102)
        #expect(outcome.gap == 0)
    }

    @Test func constructiveRosterMeetsEveryHardRule() throws {
        let problem = try NRPFormat.read(path: Fixtures.path("Instance2.txt"))
        let result = ConstructiveHeuristic(problem: problem).build()
        #expect(result.unscheduled.isEmpty)
        let evaluation = Evaluator(problem: problem).evaluate(result.roster)
        #expect(evaluation.hardViolations.isEmpty)
    }

    @Test func aWorkLimitReturnsTheBestRosterWithItsGap() throws {
        let problem = try NRPFormat.read(path: Fixtures.path("Instance2.txt"))
        var options = SolveOptions()
        options.timeLimit = .seconds(120)
        options.workLimit = 800
        // Column generation and its restricted master prove Instance2 optimal at once; without them
        // branch-and-cut and the search need far more work than this.
        options.columnGenerationShare = 0
        let outcome = try RosterSolver(problem: problem, options: options).solve()
        #expect(outcome.status == .workLimit)
        #expect(outcome.reproducible)
        #expect(outcome.evaluation?.isFeasible == true)
        #expect(outcome.objectivesAgree)
        let gap = try #require(outcome.gap)
        #expect(gap > 0 && gap < 1)
    }

    /// Problems that leave the search little or nothing to choose: one day (narrower than a "days"
    /// neighbourhood), nobody on the staff. The searching worker, which races the bound phase, used to take
    /// a random day or person modulo zero; repeated because the race decides whether it gets that far.
    @Test func theSearchCopesWithTinyProblems() throws {
        let problem = try NRPFormat.parse(
            "SECTION_HORIZON\n1\n\nSECTION_SHIFTS\nD,480,\n\nSECTION_STAFF\nann,D=1,480,0,1,1,1,1\nbob,D=1,480,0,1,1,1,1\n\nSECTION_COVER\n0,D,3,100,1\n",
            file: "one-day.txt")
        var nobody = problem
        nobody.staff.removeAll()
        var options = SolveOptions()
        options.timeLimit = .seconds(60)
        options.workLimit = 300
        for seed in 1...40 {
            options.seed = UInt64(seed)
            for tiny in [problem, nobody] {
                let outcome = try RosterSolver(problem: tiny, options: options).solve()
                #expect(outcome.objectivesAgree && outcome.evaluation?.total == (tiny.staff.isEmpty ? 300 : 100))
            }
        }
    }

    /// Converged column generation knows patterns that combine into an optimal roster: a MIP over them (the
    /// restricted master) finds it, and the bound proves it.
    @Test func columnGenerationsPatternsCombineIntoTheOptimum() throws {
        let problem = try NRPFormat.read(path: Fixtures.path("Instance2.txt"))
        var options = SolveOptions()
        options.timeLimit = .seconds(60)
        options.workLimit = 20_000
        options.workers = 1  // the bound phase alone, whatever the other core would have found meanwhile
        let outcome = try RosterSolver(problem: problem, options: options).solve()
        #expect(outcome.status == .optimal)
        #expect(outcome.evaluation?.total == 828)
        #expect(outcome.objectivesAgree && outcome.evaluation?.isFeasible == true)
        #expect(outcome.phases.contains(.restrictedMaster(value: 828)), "\(outcome.phases)")
        #expect(outcome.phases.contains {
            if case .relaxation(let lp) = $0 { lp.isOptimal && !lp.startedFromIncumbent } else { false }
        }, "\(outcome.phases)")
        // A quarter of its assignments fractional: column generation, not rounding, follows the LP.
        #expect(!outcome.phases.contains { if case .rounding = $0 { true } else { false } }, "\(outcome.phases)")
    }

    /// Without the restricted master, the dive alone turns column generation's master into a roster: one
    /// that meets every person's own rules, no better than the proven optimum (828), from which the search
    /// reaches the optimum. Both dives: on whole schedules and on people's days.
    @Test(arguments: [false, true]) func theDiveTurnsTheMasterIntoARoster(byDays: Bool) throws {
        let problem = try NRPFormat.read(path: Fixtures.path("Instance2.txt"))
        var options = SolveOptions()
        options.timeLimit = .seconds(60)
        options.workLimit = 20_000
        options.workers = 1
        options.restrictedMasterMIP = false
        options.diveByDays = byDays
        let outcome = try RosterSolver(problem: problem, options: options).solve()
        let dive = outcome.phases.compactMap { phase -> Double? in if case .dive(let value) = phase { value } else { nil } }
        #expect(dive.count == 1 && dive[0] >= 828 - 1e-6, "\(outcome.phases)")
        #expect(outcome.objectivesAgree && outcome.evaluation?.isFeasible == true)
        #expect(outcome.evaluation?.total == 828)
        options.diveShare = 0
        let without = try RosterSolver(problem: problem, options: options).solve()
        #expect(!without.phases.contains { if case .dive = $0 { true } else { false } }, "--dive-share 0 skips it")
    }

    /// Instance2 with the bound from column generation alone, where no pricing MIP gets to finish, and the
    /// column generation run it made.
    static func columnGenerationWithPricingCutShort(bySchedules: Bool) throws -> (SolveOutcome, PhaseReport.ColumnGenerationRun) {
        let problem = try NRPFormat.read(path: Fixtures.path("Instance2.txt"))
        var options = SolveOptions()
        options.timeLimit = .seconds(60)
        options.workLimit = 3000
        options.workers = 1
        options.branchAndCutShare = 0
        options.columnGenerationShare = 1
        options.columnGenerationPricingWorkLimit = 0.5
        options.pricingBySchedules = bySchedules
        let outcome = try RosterSolver(problem: problem, options: options).solve()
        let generation = try #require(outcome.phases.lazy.compactMap { if case .columnGeneration(let run) = $0 { run } else { nil } }.first)
        return (outcome, generation)
    }

    /// Pricing MIPs cut short leave column generation's bound where the first iteration put it; after a few
    /// such iterations it stops instead of spending its whole share, and the bound it keeps stays valid.
    @Test func columnGenerationStopsWhenItsBoundStalls() throws {
        let (outcome, generation) = try Self.columnGenerationWithPricingCutShort(bySchedules: false)
        #expect(generation.stalled && !generation.converged, "\(generation)")
        #expect(outcome.neighbourhoodsSolved > 0, "the stall leaves the rest of the budget to the search")
        #expect((outcome.bestBound ?? .infinity) <= 828 + 1e-6)  // the optimum
        #expect(outcome.objectivesAgree && outcome.evaluation?.isFeasible == true)
    }

    /// The same run with pricing by dynamic programming (the default, which states this instance's rules):
    /// no pricing MIP runs, so nothing is cut short, and column generation converges on the optimum's bound.
    @Test func pricingBySchedulesConvergesWherePricingMIPsAreCutShort() throws {
        let (outcome, generation) = try Self.columnGenerationWithPricingCutShort(bySchedules: true)
        #expect(generation.converged && !generation.stalled, "\(generation)")
        #expect(outcome.bestBound.map { $0 > 827 && $0 <= 828 + 1e-6 } == true, "\(String(describing: outcome.bestBound))")
        #expect(outcome.objectivesAgree && outcome.evaluation?.isFeasible == true)
    }

    /// With a work limit the search is a function of the inputs and the seed: both workers exchange rosters
    /// at fixed points of their work, so thread timing and machine load change nothing. A different seed
    /// takes another path.
    @Test func aWorkLimitReplaysTheSameRoster() throws {
        let problem = try NRPFormat.read(path: Fixtures.path("Instance2.txt"))
        var options = SolveOptions()
        options.timeLimit = .seconds(60)
        options.workLimit = 1500
        options.columnGenerationShare = 0  // else its restricted master settles Instance2 before any search
        let first = try RosterSolver(problem: problem, options: options).solve()
        let second = try RosterSolver(problem: problem, options: options).solve()
        #expect(first.status == .workLimit || first.status == .optimal)
        #expect(first.reproducible && second.reproducible)
        #expect(first.neighbourhoodsSolved > 10, "the search must have run for the test to mean anything")
        #expect(first.roster == second.roster)
        #expect(first.work == second.work)
        #expect(first.objectivesAgree && first.evaluation?.isFeasible == true)
        options.seed = 2
        let other = try RosterSolver(problem: problem, options: options).solve()
        #expect(other.roster != first.roster)
    }

    /// Cancellation belongs to a solve: of two solves running at once, the cancelled one stops with its best
    /// roster, and the other, and every solve after, runs exactly as it does alone.
    @Test func twoSolvesInOneProcessAreCancelledApart() throws {
        let problem = try NRPFormat.read(path: Fixtures.path("Instance2.txt"))
        var options = SolveOptions()
        options.timeLimit = .seconds(120)
        options.workLimit = 1500
        options.columnGenerationShare = 0
        let alone = try RosterSolver(problem: problem, options: options).solve()
        let cancelled = SolveControl()
        cancelled.cancel()
        let both = try SolveBatch.solve([problem, problem], options: options, jobs: 2, controls: [cancelled, SolveControl()])
        #expect(both[0].status == .interrupted && both[0].roster != nil && both[0].objectivesAgree)
        #expect(both[1].status == alone.status && both[1].roster == alone.roster && both[1].work == alone.work)
        let after = try RosterSolver(problem: problem, options: options).solve()
        #expect(after.roster == alone.roster && after.work == alone.work)
    }

    /// GLPK's MathProg translation cannot be stopped part-way: a solve still translating when it is
    /// cancelled, or when its time runs out, returns the roster it built first instead of waiting (here the
    /// model carries a check that keeps the translator busy for seconds).
    @Test(arguments: [true, false])
    func aSolveStuckInTranslationReturnsItsFirstRoster(cancelled: Bool) throws {
        let problem = try NRPFormat.read(path: Fixtures.path("tiny.txt"))
        let model = try #require(RotaModelsPath.roster)
        let slow = FileManager.default.temporaryDirectory.appendingPathComponent("rota-slow-\(UUID().uuidString).mod").path
        let text = try String(contentsOfFile: model, encoding: .utf8)
            .replacingOccurrences(of: "\nend;", with: "\ncheck sum{i in 1..100000000} 1 > 0;\nend;")
        try text.write(toFile: slow, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: slow) }
        var options = SolveOptions()
        options.modelPath = slow
        options.timeLimit = cancelled ? .seconds(600) : .milliseconds(300)
        let control = SolveControl()
        if cancelled {
            control.onPhase = { [weak control] phase in if phase == "building model" { control?.cancel() } }
        }
        let outcome = try RosterSolver(problem: problem, options: options, control: control).solve()
        #expect(outcome.stoppedWithoutWaiting)
        #expect(outcome.status == (cancelled ? .interrupted : .timeLimit))
        #expect(outcome.modelRows == 0 && outcome.solverObjective == nil)
        let evaluation = try #require(outcome.evaluation, "the constructive roster is returned")
        #expect(evaluation.meetsPersonalRules && outcome.objectivesAgree)
    }

    @Test func impossibleContractIsProvenAndExplained() throws {
        let problem = try NRPFormat.read(path: Fixtures.path("impossible.txt"))
        let outcome = try RosterSolver(problem: problem).solve()
        #expect(outcome.status == .infeasible)
        #expect(outcome.roster == nil)
        #expect(outcome.infeasiblePeople == [0])
        let why = try #require(outcome.diagnosis.first)
        #expect(why.hasPrefix("dee cannot meet their own hard rules"))
        // Four open days cannot hold five shifts: dropping the days off or the minimum frees dee; dropping
        // the run or weekend limits does not.
        #expect(why.contains("hard days off") && why.contains("minimum paid minutes"))
        #expect(!why.contains("consecutive") && !why.contains("weekends"))
    }

    @Test func restrictionReducesCoverByWhatOthersSupply() {
        var problem = RosterProblem(
            name: "r", dayCount: 2, shiftTypes: [ShiftType(id: "D", lengthMinutes: 480)],
            staff: [StaffMember(id: "a"), StaffMember(id: "b")])
        problem.cover = [
            CoverRequirement(day: 0, shift: 0, required: 2, underWeight: 10, overWeight: 1),
            CoverRequirement(day: 1, shift: 0, required: 0, underWeight: 10, overWeight: 1),
        ]
        problem.shiftOnRequests = [ShiftRequest(staff: 1, day: 0, shift: 0, weight: 3), ShiftRequest(staff: 0, day: 1, shift: 0, weight: 1)]
        let others = Roster([Assignment(staff: 0, day: 0, shift: 0), Assignment(staff: 0, day: 1, shift: 0)])
        let single = problem.restricted(to: 1, others: others)
        #expect(single.staff.map(\.id) == ["b"])
        #expect(single.cover.map(\.required) == [1, 0])
        #expect(single.cover[1].underWeight == 0)
        #expect(single.shiftOnRequests == [ShiftRequest(staff: 0, day: 0, shift: 0, weight: 3)])
    }
}
