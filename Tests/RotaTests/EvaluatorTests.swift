import RotaCore
import Testing

/// Each hard rule, broken by a roster drawn by hand: the evaluator must name the rule, the person, the
/// day and the amount.
@Suite struct EvaluatorTests {
    private func violations(_ problem: RosterProblem, _ assignments: [Assignment]) -> [HardViolation] {
        Evaluator(problem: problem).evaluate(Roster(assignments)).hardViolations
    }

    @Test func maxConsecutiveWorkingDaysCountsHistory() {
        var limits = WorkLimits()
        limits.maxConsecutiveWorkingDays = 3
        let fresh = week(staff: [StaffMember(id: "a", limits: limits)])
        #expect(violations(fresh, roster("xxx.xxx")).isEmpty)
        let broken = violations(fresh, roster("xxxx..."))
        #expect(broken.map(\.rule) == [.maxConsecutiveWorkingDays])
        #expect(broken.first?.amount == 1)
        #expect(broken.first?.day == 0)
        let tired = week(staff: [StaffMember(id: "a", limits: limits, workedBefore: 2)])
        #expect(violations(tired, roster("xx.....")).first?.amount == 1)
    }

    @Test func minimumRunsExemptTheHorizonEdges() {
        var limits = WorkLimits()
        limits.minConsecutiveWorkingDays = 3
        limits.minConsecutiveDaysOff = 2
        let problem = week(staff: [StaffMember(id: "a", limits: limits)])
        #expect(violations(problem, roster("x..xxxx")).isEmpty)  // short first run touches day 0
        #expect(violations(problem, roster("..xxx.x")).isEmpty == false)  // one day off inside
        let inner = violations(problem, roster("..xx..."))
        #expect(inner.map(\.rule) == [.minConsecutiveWorkingDays])
        #expect(inner.first?.amount == 1)
        #expect(inner.first?.day == 2)
        let off = violations(problem, roster("xxx.xxx"))
        #expect(off.map(\.rule) == [.minConsecutiveDaysOff])
    }

    @Test func minutesTypesWeekendsDaysOffAndSuccessions() {
        var limits = WorkLimits()
        limits.minPaidMinutes = 960
        limits.maxPaidMinutes = 1440
        limits.maxWeekends = 0
        limits.maxShiftsByType = [1: 1]
        let shifts = [ShiftType(id: "D", lengthMinutes: 480), ShiftType(id: "N", lengthMinutes: 600)]
        var problem = week(staff: [StaffMember(id: "a", limits: limits, daysOff: [2])], shifts: shifts)
        problem.forbiddenSuccessions = [ShiftSuccession(from: 1, to: 0)]
        #expect(Set(violations(problem, roster("x......")).map(\.rule)) == [.minPaidMinutes])
        let rules = Set(
            violations(
                problem,
                [
                    Assignment(staff: 0, day: 0, shift: 1), Assignment(staff: 0, day: 1, shift: 0),
                    Assignment(staff: 0, day: 2, shift: 1), Assignment(staff: 0, day: 5, shift: 0),
                ]
            ).map(\.rule))
        #expect(rules == [.forbiddenSuccession, .dayOff, .maxShiftsOfType, .maxPaidMinutes, .maxWeekends])
    }

    @Test func shiftsPerDayAndDuplicates() {
        let problem = week(staff: [StaffMember(id: "a")], shifts: [ShiftType(id: "D", lengthMinutes: 480), ShiftType(id: "E", lengthMinutes: 240)])
        let rules = violations(
            problem,
            [Assignment(staff: 0, day: 1, shift: 0), Assignment(staff: 0, day: 1, shift: 1), Assignment(staff: 0, day: 1, shift: 1)]
        ).map(\.rule)
        #expect(Set(rules) == [.maxShiftsPerDay, .duplicateAssignment])
    }

    @Test func penaltiesFollowTheBenchmarkDefinitions() {
        var problem = week(staff: [StaffMember(id: "a"), StaffMember(id: "b")])
        problem.cover = [
            CoverRequirement(day: 0, shift: 0, required: 2, underWeight: 100, overWeight: 1),
            CoverRequirement(day: 1, shift: 0, required: 0, underWeight: 100, overWeight: 3),
        ]
        problem.shiftOnRequests = [ShiftRequest(staff: 1, day: 0, shift: 0, weight: 2)]
        problem.shiftOffRequests = [ShiftRequest(staff: 0, day: 1, shift: 0, weight: 5)]
        let evaluation = Evaluator(problem: problem).evaluate(Roster(roster("xx.....") + roster(".x.....", staff: 1)))
        // day 0: 1 of 2 → 100; day 1: 2 over 0 → 6; b's request for day 0 not met → 2; a works day 1 → 5.
        #expect(evaluation.total == 113)
        #expect(evaluation.breakdown.map(\.cost) == [100, 6, 2, 5])
        #expect(evaluation.isFeasible)
    }
}
