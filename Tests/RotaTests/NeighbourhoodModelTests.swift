import GLPKKit
import RotaCore
@testable import RotaSolver
import Testing

/// The search cuts each neighbourhood's sub-problem out of the model (``NeighbourhoodModel``). The cut must be
/// the whole model with the other cells fixed: the same objective at the incumbent, every point of it a point
/// of the whole model, and the same optimum as the whole model with those cells' columns fixed by bounds.
@Suite struct NeighbourhoodModelTests {
    /// Row activity of `point` within every row's bounds (free rows aside).
    static func violatedRows(_ program: LinearProgram, _ point: [Double]) -> [Int] {
        var activity = [Double](repeating: 0, count: program.rows.count)
        for entry in program.entries { activity[entry.row] += entry.value * point[entry.column] }
        return program.rows.indices.filter { row in
            let bounds = program.rows[row]
            return (bounds.lower.map { activity[row] < $0 - 1e-6 } ?? false) || (bounds.upper.map { activity[row] > $0 + 1e-6 } ?? false)
        }
    }

    static func value(_ program: LinearProgram, _ point: [Double]) -> Double {
        zip(program.objective, point).reduce(program.objectiveConstant) { $0 + $1.0 * $1.1 }
    }

    /// Checks three random cuts around the constructive roster; false when there is no roster to cut around.
    @discardableResult
    static func check(_ problem: RosterProblem, seed: UInt64) throws -> Bool {
        let model = ModelBuilder.build(ModelData(problem: problem))
        let map = ColumnMap(columns: model.columns, problem: problem)
        let whole = model.program
        // The model's row 0 is the objective's copy; its value is the objective without the constant.
        guard let incumbent = map.point(for: ConstructiveHeuristic(problem: problem).build().roster),
            violatedRows(whole, incumbent).isEmpty
        else { return false }
        let cuts = NeighbourhoodModel(program: whole, map: map)
        var rng = SplitMix64(seed: seed)
        let glpk = try GLPKProblem(whole)
        for _ in 0..<3 {
            let chosen = Set((0..<(problem.staff.count * problem.dayCount)).filter { _ in rng.next() % 3 == 0 })
            guard let cut = cuts.cut(free: { chosen.contains($0) }, incumbent: incumbent) else { continue }
            #expect(abs(value(cut.program, cut.start) - value(whole, incumbent)) < 1e-6, "the cut prices the incumbent as the model does")
            #expect(violatedRows(cut.program, cut.start).isEmpty, "the incumbent is a point of the cut")

            var options = MIPOptions()
            options.workLimit = 1e6
            let sub = try GLPKProblem(cut.program).solve(options, warmStart: cut.start)
            let subValues = try #require(sub.columnValues)
            let point = cut.point(subValues, in: incumbent)
            #expect(violatedRows(whole, point).isEmpty, "a point of the cut is a point of the model")
            #expect(abs(try #require(sub.objective) - value(whole, point)) < 1e-6)

            // The whole model with the other cells fixed by bounds has the same optimum.
            var bounds: [(column: Int, bounds: GLPKProblem.Bounds)] = []
            for column in map.assignmentColumnIndices {
                guard case .assignment(let a) = map.columns[column] else { continue }
                bounds.append((column, chosen.contains(a.staff * problem.dayCount + a.day) ? .range(0, 1) : .fixed(incumbent[column])))
            }
            try glpk.setBounds(bounds)
            var presolved = MIPOptions()
            presolved.presolve = true
            presolved.workLimit = 1e6
            let fixed = try glpk.solve(presolved)
            #expect(sub.termination == .optimal && fixed.termination == .optimal)
            #expect(abs(try #require(fixed.objective) - (try #require(sub.objective))) < 1e-6, "seed \(seed)")
        }
        return true
    }

    @Test(arguments: 0..<30)
    func randomClinics(seed: Int) throws {
        try Self.check(ClinicModelAgreesWithEvaluatorTests.randomProblem(seed: UInt64(seed)), seed: UInt64(seed))
    }

    @Test(arguments: 0..<20)
    func randomScenarios(seed: Int) throws {
        try Self.check(try ScenarioModelAgreesWithEvaluatorTests.problem(seed: UInt64(seed)), seed: UInt64(seed))
    }

    @Test func nrpInstance() throws {
        #expect(try Self.check(try NRPFormat.read(path: Fixtures.path("Instance2.txt")), seed: 7))
    }
}
