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
    /// Every difference between the translated and the built problem (empty when they are the same).
    static func differences(_ problem: RosterProblem) throws -> [String] {
        let modelPath = try #require(RotaModelsPath.roster)
        let data = ModelData(problem: problem)
        let stored = try MathProgData(text: data.text())
        let translated = try GLPKProblem(modelPath: modelPath, dataPath: stored.path)
        let expected = try translated.linearProgram()
        let names = try translated.columnNames()
        let built = ModelBuilder.build(data)
        let actual = built.program
        var found: [String] = []
        func note(_ text: String) { if found.count < 12 { found.append(text) } }

        if expected.columns.count != actual.columns.count {
            note("columns: translated \(expected.columns.count), built \(actual.columns.count)")
        }
        for j in 0..<min(expected.columns.count, actual.columns.count) {
            let name = built.columnName(j, symbols: data)
            if names[j] != name { note("column \(j): translated \(names[j]), built \(name)") }
            if expected.columns[j] != actual.columns[j] { note("\(names[j]) bounds: \(expected.columns[j]) vs \(actual.columns[j])") }
            if expected.isInteger[j] != actual.isInteger[j] { note("\(names[j]) kind") }
            if expected.objective[j] != actual.objective[j] {
                note("\(names[j]) cost: translated \(expected.objective[j]), built \(actual.objective[j])")
            }
        }
        if expected.objectiveConstant != actual.objectiveConstant {
            note("objective constant: translated \(expected.objectiveConstant), built \(actual.objectiveConstant)")
        }
        if expected.rows.count != actual.rows.count { note("rows: translated \(expected.rows.count), built \(actual.rows.count)") }
        func byRow(_ program: LinearProgram) -> [[LinearProgram.Entry]] {
            var rows = [[LinearProgram.Entry]](repeating: [], count: program.rows.count)
            for entry in program.entries { rows[entry.row].append(entry) }
            return rows.map { $0.sorted { $0.column < $1.column } }
        }
        let expectedRows = byRow(expected), actualRows = byRow(actual)
        for i in 0..<min(expected.rows.count, actual.rows.count) {
            let family = built.rowFamilies[i]
            if expected.rows[i] != actual.rows[i] {
                note("row \(i) (\(family)) bounds: translated \(expected.rows[i]), built \(actual.rows[i])")
            }
            if expectedRows[i] != actualRows[i] {
                func text(_ entries: [LinearProgram.Entry]) -> String {
                    entries.map { "\($0.value) \(names.indices.contains($0.column) ? names[$0.column] : "?")" }.joined(separator: " + ")
                }
                note("row \(i) (\(family)): translated \(text(expectedRows[i])), built \(text(actualRows[i]))")
            }
        }
        return found
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
        let (parsed, _) = ScenarioParser.parse(text: ScenarioModelAgreesWithEvaluatorTests.scenario(seed: UInt64(seed)), file: "seed.yaml")
        var normalizer = ScenarioNormalizer(scenario: try #require(parsed))
        let normalized = normalizer.normalize(checkDeadEnds: false)
        try #require(normalized.isValid)
        Self.expectSame(normalized.problem)
    }

    @Test(arguments: 0..<40)
    func randomTwoPersonProblems(seed: Int) throws {
        Self.expectSame(ModelAgreesWithEvaluatorTests.randomProblem(seed: UInt64(seed)))
    }
}
