import Foundation
import GLPKKit
import RotaCore

extension RosterSolver {
    /// One family of a person's hard rules, as the diagnosis names it.
    public enum PersonalRule: String, Sendable, CaseIterable {
        case daysOff = "hard days off"
        case minPaidMinutes = "minimum paid minutes (hours_range)"
        case weeklyMinimums = "minimum hours in a week (min_hours_per_week)"
        case maxPaidMinutes = "maximum paid minutes"
        case maxShiftsByType = "maximum shifts of a type"
        case maxConsecutiveWorkingDays = "maximum consecutive working days"
        case minConsecutiveWorkingDays = "minimum consecutive working days"
        case minConsecutiveDaysOff = "minimum consecutive days off"
        case maxWeekends = "maximum weekends"
        case forbiddenSuccessions = "forbidden successions"

        func relax(_ problem: inout RosterProblem, person: Int) {
            switch self {
            case .daysOff: problem.staff[person].daysOff = []
            case .minPaidMinutes: problem.staff[person].limits.minPaidMinutes = nil
            case .weeklyMinimums:
                problem.staff[person].limits.minuteWindows = problem.staff[person].limits.minuteWindows.map {
                    MinuteWindow(days: $0.days, minimum: nil, maximum: $0.maximum)
                }
            case .maxPaidMinutes: problem.staff[person].limits.maxPaidMinutes = nil
            case .maxShiftsByType: problem.staff[person].limits.maxShiftsByType = [:]
            case .maxConsecutiveWorkingDays: problem.staff[person].limits.maxConsecutiveWorkingDays = nil
            case .minConsecutiveWorkingDays: problem.staff[person].limits.minConsecutiveWorkingDays = nil
            case .minConsecutiveDaysOff: problem.staff[person].limits.minConsecutiveDaysOff = nil
            case .maxWeekends: problem.staff[person].limits.maxWeekends = nil
            case .forbiddenSuccessions: problem.forbiddenSuccessions = []
            }
        }
    }

    /// The rule families of `person` each of which, dropped alone, would let them be scheduled: the rules
    /// to look at first. Empty when only dropping several together helps.
    func conflictingRules(of person: Int, until deadline: ContinuousClock.Instant, clock: ContinuousClock)
        throws(SolveError) -> [PersonalRule]
    {
        var culprits: [PersonalRule] = []
        for rule in PersonalRule.allCases {
            guard clock.now < deadline else { break }
            var relaxed = problem
            rule.relax(&relaxed, person: person)
            let solver = RosterSolver(problem: relaxed, options: options, control: control)
            if case .placed = try solver.schedulePerson(person, others: .empty, until: deadline, clock: clock) {
                culprits.append(rule)
            }
        }
        return culprits
    }
}
