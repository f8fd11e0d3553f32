import RotaCore
@testable import RotaSolver
import Testing

/// The first roster's bound on the minutes a person can still work, against every schedule enumerated and
/// checked by the evaluator: with only the run, day-off and weekend rules it bounds, it must be exact.
@Suite struct WorkingDayBoundTests {
    @Test(arguments: 0..<150)
    func mostMinutesIsTheBestScheduleTheEvaluatorAllows(seed: Int) {
        var problem = ModelAgreesWithEvaluatorTests.randomProblem(seed: UInt64(seed))
        // Only the rules the bound models: no minute totals, counts or successions.
        problem.forbiddenSuccessions = []
        for index in problem.staff.indices {
            problem.staff[index].limits.minPaidMinutes = nil
            problem.staff[index].limits.maxPaidMinutes = nil
            problem.staff[index].limits.maxShiftsByType = [:]
        }
        let person = seed % 2
        let schedules = ModelAgreesWithEvaluatorTests.feasibleSchedules(problem, staff: person)
        let best = schedules.map { $0.reduce(0) { $0 + problem.shiftTypes[$1.shift].paidMinutes } }.max()

        let member = problem.staff[person]
        let longest = problem.shiftTypes.map(\.paidMinutes).max() ?? 0
        var weekendOfDay = [Int](repeating: -1, count: problem.dayCount)
        for (k, days) in problem.weekends.enumerated() { for day in days { weekendOfDay[day] = k } }
        let bound = WorkingDayBound(
            limits: member.limits,
            dayMinutes: (0..<problem.dayCount).map { member.daysOff.contains($0) ? nil : longest },
            mustWork: Array(repeating: false, count: problem.dayCount), weekendOfDay: weekendOfDay)
        let most = bound.most(
            from: 0, workRun: member.workedBefore, offRun: 0, touchesStart: true, weekendsUsed: 0,
            currentWeekendWorked: false)
        #expect(most == best, "limits \(member.limits), days off \(member.daysOff), worked before \(member.workedBefore)")
    }
}
