import Foundation
import RotaCore
import RotaSolver
import Testing

/// `rota generate`'s practices: valid scenarios of the size asked for, the same for the same seed, and
/// solvable to a roster that meets every hard rule.
@Suite struct PracticeGeneratorTests {
    static func normalized(_ generator: PracticeGenerator) throws -> NormalizedScenario {
        let text = try generator.yaml()
        let (parsed, diagnostics) = ScenarioParser.parse(text: text, file: "generated.yaml")
        #expect(!diagnostics.contains { $0.severity == .error }, "\(diagnostics)")
        var normalizer = ScenarioNormalizer(scenario: try #require(parsed))
        let normalized = normalizer.normalize()
        #expect(normalized.isValid, "\(normalized.diagnostics.filter { $0.severity == .error })")
        return normalized
    }

    @Test(arguments: [(PracticeGenerator.minimumStaff(sites: 1), 1, 1), (40, 4, 2), (80, 4, 3), (150, 13, 3)])
    func aPracticeOfTheSizeAskedForIsAValidScenario(staff: Int, weeks: Int, sites: Int) throws {
        let scenario = try Self.normalized(PracticeGenerator(staff: staff, weeks: weeks, sites: sites, seed: 7))
        let problem = scenario.problem
        #expect(problem.staff.count == staff)
        #expect(problem.dayCount == weeks * 7)
        #expect(problem.staff.count { $0.role == "physician" } >= 6)
        // Two clinics a site, call and weekend call.
        #expect(problem.shiftTypes.count == 2 * sites + 2)
        #expect(!problem.cover.isEmpty)
    }

    @Test func theSameSeedWritesTheSameFileAndAnotherSeedAnother() throws {
        let one = try PracticeGenerator(staff: 30, weeks: 4, sites: 2, seed: 3).yaml()
        #expect(try PracticeGenerator(staff: 30, weeks: 4, sites: 2, seed: 3).yaml() == one)
        #expect(try PracticeGenerator(staff: 30, weeks: 4, sites: 2, seed: 4).yaml() != one)
    }

    @Test func tooFewStaffForTheSitesIsRefusedWithTheMinimum() {
        #expect(throws: PracticeGenerator.Problem.tooFewStaff(minimum: PracticeGenerator.minimumStaff(sites: 3), sites: 3)) {
            try PracticeGenerator(staff: 12, weeks: 4, sites: 3, seed: 1).yaml()
        }
        #expect(throws: PracticeGenerator.Problem.outOfRange(field: "weeks", value: 0, range: 1...52)) {
            try PracticeGenerator(staff: 40, weeks: 0, sites: 1, seed: 1).yaml()
        }
    }

    @Test func aSmallPracticeSolvesWithinTheGapAsked() throws {
        let scenario = try Self.normalized(PracticeGenerator(staff: 16, weeks: 1, sites: 1, seed: 2))
        var options = SolveOptions()
        options.timeLimit = .seconds(60)
        options.workLimit = 4000
        options.relativeGap = 0.05
        let outcome = try RosterSolver(problem: scenario.problem, options: options).solve()
        #expect(outcome.objectivesAgree)
        #expect(outcome.evaluation?.isFeasible == true)
        #expect(outcome.status == .optimal || outcome.status == .withinGap, "\(outcome.status)")
        let gap = try #require(outcome.gap)
        #expect(gap <= 0.05 + 1e-9)
        if outcome.status == .withinGap { #expect(gap > 0) }
    }
    /// A nearly integral LP optimum (practices: a few percent of assignments fractional) is rounded and
    /// searched from before column generation: the roster it ends with is no dearer than the rounded one,
    /// and column generation, where it still runs, comes after.
    @Test func aNearlyIntegralLPIsRoundedAndSearchedBeforeColumnGeneration() throws {
        let scenario = try Self.normalized(PracticeGenerator(staff: 20, weeks: 4, sites: 1, seed: 1))
        var options = SolveOptions()
        options.timeLimit = .seconds(60)
        options.workLimit = 8000
        options.workers = 1
        let outcome = try RosterSolver(problem: scenario.problem, options: options).solve()
        #expect(outcome.objectivesAgree && outcome.evaluation?.isFeasible == true)
        let phases = outcome.phases
        let relaxation = try #require(phases.lazy.compactMap { if case .relaxation(let lp) = $0 { lp } else { nil } }.first)
        let fractional = try #require(relaxation.fractionalAssignments)
        #expect(fractional > 0 && Double(fractional) <= options.nearlyIntegralShare * Double(relaxation.assignments), "\(relaxation)")
        let rounding = try #require(phases.firstIndex { if case .rounding = $0 { true } else { false } })
        let search = try #require(phases.firstIndex { if case .searchFromRounding = $0 { true } else { false } })
        #expect(rounding < search, "\(phases)")
        if case .searchFromRounding(let run) = phases[search] { #expect(run.neighbourhoods > 0, "\(run)") }
        if let generation = phases.firstIndex(where: { if case .columnGeneration = $0 { true } else { false } }) {
            #expect(search < generation, "\(phases)")
        }
    }

    /// Beyond column generation's reach (a limit of 0 puts every model there) the LP relaxation, started
    /// from the incumbent, is the bound, and its optimum rounded person by person is a roster meeting every
    /// hard rule: the search starts from it when it is cheaper.
    @Test func beyondColumnGenerationTheLPOptimumIsRoundedIntoARoster() throws {
        let scenario = try Self.normalized(PracticeGenerator(staff: 20, weeks: 2, sites: 1, seed: 3))
        var options = SolveOptions()
        options.timeLimit = .seconds(60)
        options.workLimit = 3000
        options.workers = 1
        options.columnGenerationColumnLimit = 0
        let outcome = try RosterSolver(problem: scenario.problem, options: options).solve()
        #expect(outcome.objectivesAgree)
        #expect(outcome.evaluation?.isFeasible == true)
        let relaxation = try #require(outcome.phases.lazy.compactMap { if case .relaxation(let lp) = $0 { lp } else { nil } }.first)
        #expect(relaxation.startedFromIncumbent && relaxation.isOptimal, "\(relaxation)")
        #expect(!outcome.phases.contains { if case .columnGeneration = $0 { true } else { false } })
        let rounding = try #require(outcome.phases.lazy.compactMap { if case .rounding(let run) = $0 { run } else { nil } }.first)
        // A roster with every person's rules met, and the LP's bound below it.
        #expect(rounding.meetsPersonalRules, "\(rounding)")
        let rounded = try #require(rounding.improvedValue)
        // The one-person-at-a-time pass after rounding never makes the roster dearer.
        #expect(rounded <= (rounding.roundedValue ?? rounded), "\(rounding)")
        let bound = try #require(outcome.bestBound)
        #expect(bound <= rounded + 1e-6, "\(relaxation)")
        #expect(bound <= Double(outcome.evaluation?.total ?? 0) + 1e-6)
    }
}
