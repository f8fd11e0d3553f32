import Foundation
import GLPKKit
import Testing

/// A small knapsack-like MIP: choose items of weight w within capacity, maximise value (as min -value).
private let knapsackModel = """
    set I := 1..12;
    param w{i in I} := 3 + (i * 7) mod 11;
    param v{i in I} := 5 + (i * 5) mod 13;
    var x{I}, binary;
    minimize cost: -sum{i in I} v[i] * x[i];
    s.t. capacity: sum{i in I} w[i] * x[i] <= 30;
    end;
    """

private func writeTemporary(_ text: String, suffix: String) throws -> String {
    let path = FileManager.default.temporaryDirectory
        .appendingPathComponent("glpkkit-\(UUID().uuidString)\(suffix)").path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
}

@Suite(.serialized) struct GLPKProblemTests {
    @Test func solvesToProvenOptimality() throws {
        let problem = try GLPKProblem(modelPath: try writeTemporary(knapsackModel, suffix: ".mod"), dataPath: nil)
        #expect(problem.columnCount == 12)
        let result = try problem.solve(MIPOptions())
        #expect(result.termination == .optimal)
        let values = try #require(result.columnValues)
        let weights = (1...12).map { 3 + ($0 * 7) % 11 }
        let chosenWeight = zip(values, weights).reduce(0) { $0 + ($1.0 > 0.5 ? $1.1 : 0) }
        #expect(chosenWeight <= 30)
        #expect(result.bestBound == result.objective)
    }

    @Test func fatalGLPKErrorBecomesTypedErrorAndTheProcessCarriesOn() throws {
        let path = try writeTemporary(knapsackModel, suffix: ".mod")
        let problem = try GLPKProblem(modelPath: path, dataPath: nil)
        // Column 1000 does not exist: GLPK calls its fatal error routine, which would abort() unguarded.
        #expect {
            try problem.setBounds([(column: 999, bounds: .fixed(0))])
        } throws: { error in
            guard case GLPKError.fatal(let operation, let message) = error else { return false }
            return operation == "glp_set_col_bnds" && message.contains("out of range")
        }
        // The thread's GLPK environment was freed with the problem in it; the handle knows.
        #expect(!problem.isValid)
        #expect(throws: GLPKError.self) { try problem.solve(MIPOptions()) }
        // A fresh problem on the same thread works.
        let fresh = try GLPKProblem(modelPath: path, dataPath: nil)
        #expect(try fresh.solve(MIPOptions()).termination == .optimal)
    }

    @Test func translationErrorsCarryTheLine() throws {
        let path = try writeTemporary("var x >= 0;\nminimize z: x + ;\nend;\n", suffix: ".mod")
        #expect {
            _ = try GLPKProblem(modelPath: path, dataPath: nil)
        } throws: { error in
            guard case GLPKError.translation(_, _, let messages) = error else { return false }
            return messages.contains { $0.contains(":2:") }
        }
    }

    @Test func interruptKeepsTheWarmStartAsIncumbent() throws {
        let problem = try GLPKProblem(modelPath: try writeTemporary(knapsackModel, suffix: ".mod"), dataPath: nil)
        var start = [Double](repeating: 0, count: 12)
        start[0] = 1  // item 1 alone: weight 10, value 10, feasible
        let control = GLPKControl()
        control.stop()
        let result = try problem.solve(MIPOptions(), warmStart: start, control: control)
        #expect(result.termination == .interrupted)
        #expect(result.warmStartAccepted == true)
        #expect(result.objective == -10)
    }

    /// A stop reaches the solves of its control and of its children, never a parent's or another's: two
    /// solves in one process are stopped apart.
    @Test func aStopBelongsToItsControl() throws {
        let problem = try GLPKProblem(modelPath: try writeTemporary(knapsackModel, suffix: ".mod"), dataPath: nil)
        let parent = GLPKControl(), child = GLPKControl(parent: parent), other = GLPKControl()
        child.stop()
        #expect(child.isStopped && !parent.isStopped && !other.isStopped)
        #expect(try problem.solve(MIPOptions(), control: other).termination == .optimal)
        #expect(try problem.solve(MIPOptions(), control: parent).termination == .optimal)
        let second = GLPKControl(parent: parent)
        parent.stop()
        #expect(second.isStopped && !other.isStopped)
        #expect(try problem.solve(MIPOptions(), control: second).termination == .interrupted)
        #expect(try problem.solve(MIPOptions(), control: other).termination == .optimal)
        // The figures are the control's own: a control no solve used has none.
        #expect(GLPKControl().progress.incumbent == nil && GLPKControl().progress.nodes == 0)
    }

    @Test func infeasibleIsReportedAsSuch() throws {
        let path = try writeTemporary("var x, binary;\nvar y, binary;\nminimize z: x;\ns.t. c: x + y >= 3;\nend;\n", suffix: ".mod")
        let problem = try GLPKProblem(modelPath: path, dataPath: nil)
        var options = MIPOptions()
        options.presolve = true
        let result = try problem.solve(options)
        #expect(result.termination == .infeasible)
        #expect(!result.hasPoint)
        var unpresolved = MIPOptions()
        unpresolved.presolve = false
        #expect(try problem.solve(unpresolved).termination == .infeasible)
    }

    @Test func equalBoundsBecomeFixedNotAnError() throws {
        let problem = try GLPKProblem(modelPath: try writeTemporary(knapsackModel, suffix: ".mod"), dataPath: nil)
        try problem.setBounds((0..<12).map { (column: $0, bounds: GLPKProblem.Bounds.range(1, 1)) })
        var options = MIPOptions()
        options.presolve = true
        let result = try problem.solve(options)
        // All twelve fixed at 1 exceed the capacity: infeasible, not GLP_EBOUND.
        #expect(result.termination == .infeasible)
    }
}
