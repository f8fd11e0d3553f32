import RotaCore
import RotaSolver
import Testing

/// The data the model is solved with: minute limits are rounded to totals a person's shifts can reach.
@Suite struct ModelDataTests {
    private func person(min: Int?, max: Int?, windowMax: Int? = nil) -> StaffMember {
        var limits = WorkLimits()
        limits.minPaidMinutes = min
        limits.maxPaidMinutes = max
        if let windowMax { limits.minuteWindows = [MinuteWindow(days: 0...6, minimum: nil, maximum: windowMax)] }
        return StaffMember(id: "A", limits: limits)
    }

    private func line(_ text: String, startingWith prefix: String) -> String? {
        text.split(separator: "\n").first { $0.hasPrefix(prefix) }.map(String.init)
    }

    @Test func minuteLimitsOfOneShiftLengthAreRoundedToWholeShifts() {
        let data = ModelData(problem: week(staff: [person(min: 1200, max: 2160, windowMax: 1000)])).text()
        #expect(line(data, startingWith: "param maxMinutes") == "param maxMinutes := A 1920;")
        #expect(line(data, startingWith: "param minMinutes") == "param minMinutes := A 1440;")
        #expect(line(data, startingWith: "param winMax") == "param winMax := A 0 960;")
    }

    @Test func minuteLimitsOfMixedLengthsAreRoundedToSumsOfThem() {
        // 480 and 720 reach 0, 480, 720, 960, 1200, 1440 …: 1000 is neither; 700 lies below 720.
        let shifts = [ShiftType(id: "D", lengthMinutes: 480), ShiftType(id: "L", lengthMinutes: 720)]
        let data = ModelData(problem: week(staff: [person(min: 500, max: 1000)], shifts: shifts)).text()
        #expect(line(data, startingWith: "param maxMinutes") == "param maxMinutes := A 960;")
        #expect(line(data, startingWith: "param minMinutes") == "param minMinutes := A 720;")
    }

    @Test func roundingNeverChangesTheOptimum() throws {
        // Cover of one every day for a person who may work 4.5 shifts: 4 worked, 3 short at 100 each.
        var problem = week(staff: [person(min: nil, max: 2160)])
        problem.cover = (0..<7).map { CoverRequirement(day: $0, shift: 0, required: 1, underWeight: 100, overWeight: 1) }
        let outcome = try RosterSolver(problem: problem).solve()
        #expect(outcome.status == .optimal)
        #expect(outcome.objectivesAgree)
        #expect(outcome.evaluation?.total == 300)
    }
}
