import Foundation
import GLPKKit
import RotaCore

extension RosterSolver {
    /// A start roster made fit for `problem`: assignments it no longer permits are dropped, and anyone then
    /// breaking their own hard rules is left to be placed again (by the one-person model).
    static func repair(_ start: Roster, problem: RosterProblem) -> ConstructiveHeuristic.Result {
        let permitted = start.assignments.filter {
            problem.staff.indices.contains($0.staff) && $0.day >= 0 && $0.day < problem.dayCount
                && problem.shiftTypes.indices.contains($0.shift) && problem.isPermitted(staff: $0.staff, day: $0.day, shift: $0.shift)
        }
        let evaluation = Evaluator(problem: problem).evaluate(Roster(permitted))
        let broken = Set(evaluation.hardViolations.filter { !$0.isElastic }.compactMap(\.staff))
        return ConstructiveHeuristic.Result(
            roster: Roster(permitted.filter { !broken.contains($0.staff) }), unscheduled: broken.sorted())
    }

    enum Placement {
        case placed([Assignment])
        case impossible
        case unknown
    }

    /// Schedules one person exactly with a model of that person alone (see ``RosterProblem/restricted(to:others:)``).
    /// If a third of the time goes by without a schedule, the rest goes to the same model without its costs
    /// (cover and requests): its first point is what matters, and the search improves it.
    func schedulePerson(
        _ person: Int, others: Roster, until deadline: ContinuousClock.Instant, clock: ContinuousClock
    ) throws(SolveError) -> Placement {
        let restricted = problem.restricted(to: person, others: others)
        let first = try schedulePerson(restricted, person: person, until: clock.now + (deadline - clock.now) / 3, clock: clock)
        guard case .unknown = first else { return first }
        var bare = restricted
        bare.cover = []
        bare.shiftOnRequests = []
        bare.shiftOffRequests = []
        bare.dayOnRequests = []
        bare.dayOffRequests = []
        bare.fairness = []
        return try schedulePerson(bare, person: person, until: deadline, clock: clock)
    }

    private func schedulePerson(
        _ restricted: RosterProblem, person: Int, until deadline: ContinuousClock.Instant, clock: ContinuousClock
    ) throws(SolveError) -> Placement {
        let (glpk, map, _) = try Self.generate(restricted, modelPath: options.modelPath)
        do {
            // Scaled and presolved (as glpsol does) GLPK finds a first point of these one-person models in
            // about a second on the 364-day benchmark instance; a 2% gap is plenty for a starting roster.
            var mip = MIPOptions()
            mip.presolve = true
            mip.relativeGap = 0.02
            mip.timeLimit = max(.zero, deadline - clock.now)
            let result = try glpk.solve(mip, control: control.glpk)
            if let values = result.columnValues {
                return .placed(map.roster(from: values).assignments.map {
                    Assignment(staff: person, day: $0.day, shift: $0.shift)
                })
            }
            return result.termination == .infeasible ? .impossible : .unknown
        } catch {
            throw .glpk(error)
        }
    }

    /// Work charged per simplex iteration and row of the whole model's LP: measured at 3–8e-8 s on the
    /// benchmark instances and the example practice (BENCHMARKS.md), in units of about a millisecond.
    static let simplexWorkPerIterationRow = 5e-5
    /// Most work each person's MIP may take when the LP optimum is rounded.
    static let roundingWorkPerPerson = 500.0
    /// Passes over everybody that improve the rounded roster one person at a time.
    static let roundingSweeps = 3

    /// Builds the model of `problem` and maps its columns: directly (``ModelBuilder``), or by translating the
    /// MathProg model at `modelPath` when one is given (`--model`). The data is written to `keepingDataAt` as
    /// well when it names a file (`--write-data`). With `program`, also returns the problem as arrays (read
    /// back from GLPK for a translated model), which the search cuts its neighbourhoods from.
    static func generate(_ problem: RosterProblem, modelPath: String?, keepingDataAt userPath: String? = nil, program: Bool = false)
        throws(SolveError) -> (GLPKProblem, ColumnMap, LinearProgram?)
    {
        let data = ModelData(problem: problem)
        var text: String?
        if let userPath {
            let written = data.text()
            text = written
            do {
                try written.write(toFile: userPath, atomically: true, encoding: .utf8)
            } catch {
                throw .cannotWriteData(path: userPath, reason: error.localizedDescription)
            }
        }
        do {
            guard let modelPath else {
                let model = ModelBuilder.build(data)
                let glpk = try model.glpkProblem()
                return (glpk, ColumnMap(columns: model.columns, problem: problem), program ? model.program : nil)
            }
            let stored = try MathProgData(text: text ?? data.text())
            let glpk = try GLPKProblem(modelPath: modelPath, dataPath: stored.path)
            return (glpk, try ColumnMap(names: try glpk.columnNames(), data: data), program ? try glpk.linearProgram() : nil)
        } catch let error as GLPKError {
            throw .glpk(error)
        } catch {
            throw .unmappedColumn(String(describing: error))
        }
    }
}
