import Foundation
import GLPKKit
import Testing

/// min x + 2y  s.t.  x + y >= 3 (row 0),  x <= 2 as a row (row 1);  x, y >= 0.
/// Optimum x = 2, y = 1, value 4; duals: row 0 is worth 2 per unit, row 1 -1 (raising x's cap saves 1).
private let small = LinearProgram(
    rows: [LinearProgram.Bounds(lower: 3, upper: nil), LinearProgram.Bounds(lower: nil, upper: 2)],
    columns: [LinearProgram.Bounds(lower: 0, upper: nil), LinearProgram.Bounds(lower: 0, upper: nil)],
    isInteger: [false, false],
    objective: [1, 2],
    objectiveConstant: 0.5,
    entries: [
        LinearProgram.Entry(row: 0, column: 0, value: 1), LinearProgram.Entry(row: 0, column: 1, value: 1),
        LinearProgram.Entry(row: 1, column: 0, value: 1),
    ])

@Suite(.serialized) struct LinearProgramTests {
    @Test func solvesWithTheDualsOfEachRow() throws {
        let problem = try GLPKProblem(small)
        let solution = try problem.solveLinearProgram()
        #expect(solution.isOptimal)
        #expect(abs(solution.objective - 4.5) < 1e-9)
        #expect(abs(solution.columnValues[0] - 2) < 1e-9 && abs(solution.columnValues[1] - 1) < 1e-9)
        #expect(abs(solution.rowDuals[0] - 2) < 1e-9)
        #expect(abs(solution.rowDuals[1] + 1) < 1e-9)
    }

    /// The simplex bound is the LP's value when it finishes, and a valid (lower) bound wherever it stops.
    @Test func simplexBoundIsTheLPValueOrBelowIt() throws {
        let solved = try GLPKProblem(small).simplexBound()
        #expect(solved.isOptimal && solved.iterations > 0)
        #expect(abs((solved.bound ?? 0) - 4.5) < 1e-9)
        #expect(abs(solved.rowDuals[0] - 2) < 1e-9 && abs(solved.rowDuals[1] + 1) < 1e-9)
        for limit in 1...2 {
            let cut = try GLPKProblem(small).simplexBound(iterationLimit: limit)
            #expect(cut.iterations <= limit)
            if let bound = cut.bound { #expect(bound <= 4.5 + 1e-9) }
        }
    }

    /// From a feasible vertex (x = 0, y = 3: row 0 at its bound, y basic in its place) the method starts
    /// there and reaches the same optimum; from a point that is no vertex, or not feasible, it starts as
    /// it would without one.
    @Test func simplexBoundStartsFromAFeasiblePointItIsGiven() throws {
        let fromVertex = try GLPKProblem(small).simplexBound(startingFrom: [0, 3])
        #expect(fromVertex.startedFromPoint)
        #expect(fromVertex.isOptimal && abs((fromVertex.bound ?? 0) - 4.5) < 1e-9)
        #expect(abs(fromVertex.columnValues[0] - 2) < 1e-9 && abs(fromVertex.columnValues[1] - 1) < 1e-9)
        for point in [[1.0, 5.0], [0.0, 0.0]] {
            let fallback = try GLPKProblem(small).simplexBound(startingFrom: point)
            #expect(!fallback.startedFromPoint, "\(point)")
            #expect(fallback.isOptimal && abs((fallback.bound ?? 0) - 4.5) < 1e-9)
        }
        #expect(throws: GLPKError.self) { try GLPKProblem(small).simplexBound(startingFrom: [0]) }
    }

    @Test func readsBackWhatItWasBuiltFrom() throws {
        let program = try GLPKProblem(small).linearProgram()
        #expect(program.rows == small.rows)
        #expect(program.columns == small.columns)
        #expect(program.objective == small.objective)
        #expect(program.objectiveConstant == small.objectiveConstant)
        #expect(Set(program.entries) == Set(small.entries))
    }

    @Test func addedColumnsJoinTheNextSolve() throws {
        let problem = try GLPKProblem(small)
        _ = try problem.solveLinearProgram()
        // A column worth 1.5 per unit of row 0: cheaper than y (2), so it replaces y.
        let index = try problem.addColumns([
            NewColumn(bounds: LinearProgram.Bounds(lower: 0, upper: 5), isInteger: false, objective: 1.5, entries: [(row: 0, value: 1)])
        ])
        #expect(index == 2 && problem.columnCount == 3)
        let solution = try problem.solveLinearProgram()
        #expect(abs(solution.objective - 4.0) < 1e-9)
        #expect(abs(solution.columnValues[2] - 1) < 1e-9)
        // Made integer, the same problem solves as a MIP.
        try problem.setInteger([0, 1, 2], true)
        let mip = try problem.solve(MIPOptions())
        #expect(mip.termination == .optimal)
        #expect(abs((mip.objective ?? 0) - 4.0) < 1e-9)
    }

    @Test func entriesOutsideTheProblemAreRefusedBeforeGLPKSeesThem() throws {
        var broken = small
        broken.entries.append(LinearProgram.Entry(row: 5, column: 0, value: 1))
        #expect(throws: GLPKError.self) { _ = try GLPKProblem(broken) }
        let problem = try GLPKProblem(small)
        #expect(throws: GLPKError.self) {
            try problem.addColumns([NewColumn(bounds: .free, isInteger: false, objective: 0, entries: [(row: 0, value: 1), (row: 0, value: 2)])])
        }
        // The problem is unharmed.
        #expect(try problem.solveLinearProgram().isOptimal)
    }
}
