import Foundation
import GLPKKit
import RotaCore
@testable import RotaSolver
import Testing

/// `models/roster.mod` is the readable model; ``ModelBuilder`` builds the same problem without the MathProg
/// translator. Both must give the same rows, columns, bounds, kinds, coefficients and objective, in the same
/// order, on every kind of problem: NRP instances, the example practice, and the random clinics and scenarios
/// of the agreement suites (which draw every rule).
@Suite struct ModelBuildTests {
    static func differences(_ problem: RosterProblem) throws -> [String] {
        try ModelBuilder.differencesFromTranslation(problem, modelPath: try #require(RotaModelsPath.roster))
    }

    static func expectSame(_ problem: RosterProblem, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        do {
            let found = try differences(problem)
            #expect(found.isEmpty, "\(found.joined(separator: "\n"))", sourceLocation: sourceLocation)
        } catch {
            Issue.record(error, sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: ["tiny.txt", "Instance2.txt"])
    func nrpInstances(file: String) throws {
        let problem = try NRPFormat.read(path: Fixtures.path(file))
        Self.expectSame(problem)
    }

    @Test func examplePractice() throws {
        let path = try #require(ScenarioFiles.example)
        var problem = try #require(ScenarioNormalizer.load(file: path).normalized).problem
        Self.expectSame(problem)

        // Elastic minimums (a bend order with min_hours), a published roster to keep, pins and one site a day.
        problem.minimumMinuteWeight = 600
        problem.oneSitePerDay = true
        let heuristic = ConstructiveHeuristic(problem: problem)
        let published = heuristic.build().roster
        problem.stability = Stability(reference: Set(published.assignments), dayWeights: (0..<problem.dayCount).map { $0 % 3 })
        problem.pinned = Array(published.assignments.prefix(5))
        Self.expectSame(problem)
    }

    @Test(arguments: 0..<60)
    func randomClinics(seed: Int) throws {
        Self.expectSame(ClinicModelAgreesWithEvaluatorTests.randomProblem(seed: UInt64(seed)))
    }

    @Test(arguments: 0..<40)
    func randomScenarios(seed: Int) throws {
        Self.expectSame(try ScenarioModelAgreesWithEvaluatorTests.problem(seed: UInt64(seed)))
    }

    @Test(arguments: 0..<40)
    func randomTwoPersonProblems(seed: Int) throws {
        Self.expectSame(ModelAgreesWithEvaluatorTests.randomProblem(seed: UInt64(seed)))
    }
}

/// A solve that does not stop in time returns the best roster any worker had found, not only the last one
/// the solving thread published: search workers hand each improvement to the solve's control.
@Suite struct PublishedBestTests {
    @Test func aWorkersBetterPointIsWhatAStuckSolveReturns() throws {
        let problem = try NRPFormat.read(path: Fixtures.path("tiny.txt"))
        let model = ModelBuilder.build(ModelData(problem: problem))
        let map = ColumnMap(columns: model.columns, problem: problem)
        let control = SolveControl()
        control.publish(best: Roster([]), objective: 500, foundAt: .seconds(1))
        var values = [Double](repeating: 0, count: map.columns.count)
        let first = try #require(map.assignmentColumnIndices.first)
        values[first] = 1
        control.offer(point: values, objective: 600, foundAt: .seconds(2), map: map)
        #expect(control.latest().best?.objective == 500, "a worse point does not replace the published roster")
        control.offer(point: values, objective: 400, foundAt: .seconds(3), map: map)
        let best = try #require(control.latest().best)
        #expect(best.objective == 400 && best.foundAt == .seconds(3))
        #expect(best.roster == map.roster(from: values) && best.roster.assignments.count == 1)
    }
}
