import Foundation
import GLPKKit
import RotaCore
@testable import RotaSolver
import Testing

/// The model's own rows for runs of one shift type, solved by GLPK alone (the search's person rules would
/// hide a missing row): the history's run right before the horizon counts.
@Suite struct TypeRunModelTests {
    /// One nurse who may work AM at most one day in a row and worked it the day before the horizon; each
    /// of the two days wants an AM, the first more.
    static var problem: RosterProblem {
        var limits = WorkLimits()
        limits.maxConsecutiveByType[0] = 1
        var member = StaffMember(id: "rn", limits: limits, workedBefore: 1)
        member.history = [PastShift(day: -1, shift: 0)]
        var problem = RosterProblem(
            name: "runs", dayCount: 2, shiftTypes: [ShiftType(id: "AM", lengthMinutes: 240, start: 8 * 60)], staff: [member],
            cover: (0..<2).map { CoverRequirement(day: $0, shift: 0, required: 1, underWeight: 20 - 10 * $0, overWeight: 0) })
        problem.historyDays = 1
        return problem
    }

    static func modelRoster(modelPath: String) throws -> Set<Int> {
        let (glpk, map, _) = try RosterSolver.generate(Self.problem, modelPath: modelPath)
        let result = try glpk.solve(MIPOptions())
        let values = try #require(result.columnValues)
        return Set(map.roster(from: values).assignments.map(\.day))
    }

    @Test func theHistorysRunCountsInTheModel() throws {
        let shipped = try #require(RotaModelsPath.roster)
        #expect(try Self.modelRoster(modelPath: shipped) == [1], "day 0 would make two AM days in a row")
        let model = try String(contentsOfFile: shipped, encoding: .utf8)
        let mutated = try #require(ClinicModelAgreesWithEvaluatorTests.dropping(constraint: "type_run_history", from: model))
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rota-type-run-\(getpid()).mod").path
        try mutated.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try Self.modelRoster(modelPath: path) == [0], "without the history rows the model takes day 0")
    }
}
