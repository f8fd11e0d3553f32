import RotaCore
import RotaSolver
import Testing

/// The model and the evaluator are written independently; on problems small enough to enumerate every
/// roster, the solver's proven optimum must be the evaluator's minimum over all rosters that meet every
/// hard rule, and "infeasible" must mean there is none. A rule dropped from either side breaks this.
@Suite struct ModelAgreesWithEvaluatorTests {
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 11 | state << 53
        }
        mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }
        mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &self) < p }
    }

    static func randomProblem(seed: UInt64) -> RosterProblem {
        var g = Generator(state: seed &* 0x9E3779B97F4A7C15 &+ 7)
        let days = 5
        let shifts = [ShiftType(id: "D", lengthMinutes: 480), ShiftType(id: "N", lengthMinutes: 600)]
        var staff: [StaffMember] = []
        for index in 0..<2 {
            var limits = WorkLimits()
            if g.chance(0.5) { limits.maxShiftsByType[1] = g.int(0...2) }
            if g.chance(0.6) { limits.minPaidMinutes = g.int(0...3) * 480 }
            if g.chance(0.6) { limits.maxPaidMinutes = g.int(2...4) * 540 }
            if g.chance(0.6) { limits.maxConsecutiveWorkingDays = g.int(1...3) }
            if g.chance(0.6) { limits.minConsecutiveWorkingDays = g.int(2...3) }
            if g.chance(0.6) { limits.minConsecutiveDaysOff = g.int(2...3) }
            if g.chance(0.6) { limits.maxWeekends = g.int(0...1) }
            let daysOff: Set<Int> = g.chance(0.5) ? [g.int(0...4)] : []
            staff.append(StaffMember(id: "p\(index)", limits: limits, daysOff: daysOff, workedBefore: g.chance(0.3) ? g.int(1...3) : 0))
        }
        var cover: [CoverRequirement] = []
        for day in 0..<days {
            for shift in 0..<2 where g.chance(0.7) {
                cover.append(CoverRequirement(day: day, shift: shift, required: g.int(0...2), underWeight: g.int(1...9) * 10, overWeight: g.int(0...3)))
            }
        }
        var on: [ShiftRequest] = []
        var off: [ShiftRequest] = []
        for _ in 0..<g.int(0...3) { on.append(ShiftRequest(staff: g.int(0...1), day: g.int(0...4), shift: g.int(0...1), weight: g.int(1...5))) }
        for _ in 0..<g.int(0...3) { off.append(ShiftRequest(staff: g.int(0...1), day: g.int(0...4), shift: g.int(0...1), weight: g.int(1...5))) }
        return RosterProblem(
            name: "random\(seed)", dayCount: days, firstWeekday: 0, weekends: [[3, 4]], shiftTypes: shifts,
            forbiddenSuccessions: g.chance(0.7) ? [ShiftSuccession(from: 1, to: 0)] : [], staff: staff,
            shiftOnRequests: on, shiftOffRequests: off, cover: cover)
    }

    /// Every schedule of one person that meets that person's hard rules (hard rules bind one person each).
    static func feasibleSchedules(_ problem: RosterProblem, staff: Int) -> [[Assignment]] {
        let evaluator = Evaluator(problem: problem)
        var result: [[Assignment]] = []
        let choices = problem.shiftTypes.count + 1
        var code = 0
        let total = Int(pow(Double(choices), Double(problem.dayCount)))
        while code < total {
            var assignments: [Assignment] = []
            var rest = code
            for day in 0..<problem.dayCount {
                let choice = rest % choices
                rest /= choices
                if choice > 0 { assignments.append(Assignment(staff: staff, day: day, shift: choice - 1)) }
            }
            let violations = evaluator.evaluate(Roster(assignments)).hardViolations.filter { $0.staff == staff }
            if violations.isEmpty { result.append(assignments) }
            code += 1
        }
        return result
    }

    @Test(arguments: 0..<200)
    func solverOptimumIsTheEvaluatorsMinimum(seed: Int) throws {
        let problem = Self.randomProblem(seed: UInt64(seed))
        let evaluator = Evaluator(problem: problem)
        let first = Self.feasibleSchedules(problem, staff: 0)
        let second = Self.feasibleSchedules(problem, staff: 1)
        var best: Int?
        for a in first {
            for b in second {
                let evaluation = evaluator.evaluate(Roster(a + b))
                if evaluation.isFeasible { best = min(best ?? Int.max, evaluation.total) }
            }
        }
        var options = SolveOptions()
        options.timeLimit = .seconds(60)
        options.workLimit = 20_000
        options.workers = 1
        let outcome = try RosterSolver(problem: problem, options: options).solve()
        if let best {
            #expect(outcome.status == .optimal)
            #expect(outcome.evaluation?.total == best)
            #expect(outcome.evaluation?.isFeasible == true)
            #expect(outcome.objectivesAgree)
        } else {
            #expect(outcome.status == .infeasible)
            #expect(outcome.roster == nil)
        }
    }
}

import Foundation
