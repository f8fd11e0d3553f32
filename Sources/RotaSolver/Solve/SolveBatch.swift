import Foundation
public import RotaCore

/// Several solves, `jobs` at a time, each on threads of its own (GLPK keeps one environment per thread):
/// the what-if batch.
public enum SolveBatch {
    /// Solves `problems[i]` from `starts[i]` (when given) under `controls[i]`, and returns the outcomes in
    /// the order of the problems. The first error stops nothing already running, and is thrown at the end.
    public static func solve(
        _ problems: [RosterProblem], options: SolveOptions, jobs: Int, starts: [Roster?] = [], controls: [SolveControl]
    ) throws(SolveError) -> [SolveOutcome] {
        precondition(controls.count == problems.count, "one control per problem")
        final class Results: @unchecked Sendable {
            let lock = NSLock()
            var outcomes: [Int: SolveOutcome] = [:]
            var errors: [Int: SolveError] = [:]
            var next = 0
        }
        let results = Results()
        let group = DispatchGroup()
        for _ in 0..<min(max(1, jobs), problems.count) {
            group.enter()
            let thread = Thread {
                while true {
                    let index = results.lock.withLock {
                        defer { results.next += 1 }
                        return results.next
                    }
                    guard index < problems.count else { break }
                    var own = options
                    if starts.indices.contains(index) { own.startRoster = starts[index] }
                    let solver = RosterSolver(problem: problems[index], options: own, control: controls[index])
                    switch Result(catching: { () throws(SolveError) in try solver.solve() }) {
                    case .success(let outcome): results.lock.withLock { results.outcomes[index] = outcome }
                    case .failure(let error): results.lock.withLock { results.errors[index] = error }
                    }
                }
                group.leave()
            }
            thread.stackSize = 16 << 20
            thread.start()
        }
        group.wait()
        if let first = results.errors.keys.min(), let error = results.errors[first] { throw error }
        return problems.indices.compactMap { results.outcomes[$0] }
    }
}
