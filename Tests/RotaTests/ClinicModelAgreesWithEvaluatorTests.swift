import Foundation
import RotaCore
import RotaSolver
import Testing

/// The brute-force agreement test of ``ModelAgreesWithEvaluatorTests``, for the clinic vocabulary:
/// several shifts a day with clock times, rest with the on-call exemption, blocked cells, history, pins,
/// weekly minutes, cover by group with hard floors and ceilings and caps priced only above them, supervision,
/// fairness, whole-day requests, leave, and shortest runs judged across day 0 from a known history. Every
/// roster of two people over three days is enumerated.
@Suite struct ClinicModelAgreesWithEvaluatorTests {
    typealias Generator = ModelAgreesWithEvaluatorTests.Generator

    static func randomProblem(seed: UInt64) -> RosterProblem {
        var g = Generator(state: seed &* 0xD1B5_4A32_D192_ED03 &+ 11)
        let days = 3
        let shifts = [
            ShiftType(id: "AM", lengthMinutes: 240, start: 8 * 60, site: "north"),
            // Sometimes the afternoon starts before the morning ends: the two then overlap.
            ShiftType(id: "PM", lengthMinutes: 240, start: g.chance(0.3) ? 11 * 60 : 13 * 60, site: "north"),
            ShiftType(id: "CALL", lengthMinutes: 900, paidMinutes: 300, start: 17 * 60, isOnCall: true),
        ]
        var staff: [StaffMember] = []
        for index in 0..<2 {
            var limits = WorkLimits()
            limits.maxShiftsPerDay = g.int(1...3)
            if g.chance(0.3) { limits.maxShiftsByType[2] = g.int(0...1) }
            if g.chance(0.3) { limits.minPaidMinutes = g.int(1...3) * 240 }
            if g.chance(0.3) { limits.maxPaidMinutes = g.int(2...5) * 240 }
            if g.chance(0.3) { limits.maxConsecutiveWorkingDays = g.int(1...2) }
            if g.chance(0.3) {
                limits.minuteWindows = [
                    MinuteWindow(days: 0...1, minimum: g.chance(0.5) ? 240 : nil, maximum: g.chance(0.7) ? g.int(1...3) * 240 : nil)
                ]
            }
            var member = StaffMember(id: "p\(index)", limits: limits)
            for _ in 0..<g.int(0...2) {
                member.blocked[DayShift(day: g.int(0...2), shift: g.int(0...2))] = .other("unavailable")
            }
            if g.chance(0.4) { member.history = [PastShift(day: -1, shift: g.int(1...2))] }
            staff.append(member)
        }
        var cover: [CoverRequirement] = []
        for day in 0..<days {
            for shift in 0..<3 where g.chance(0.6) {
                var requirement = CoverRequirement(
                    day: day, shift: shift, required: g.int(0...2), underWeight: g.int(1...9) * 10, overWeight: g.int(0...3))
                if g.chance(0.4) { requirement.staff = [g.int(0...1)] }
                if g.chance(0.25) { requirement.hardMinimum = 1 }
                if g.chance(0.15) { requirement.hardMaximum = g.int(0...1) }
                cover.append(requirement)
            }
        }
        var problem = RosterProblem(
            name: "clinic\(seed)", dayCount: days, firstWeekday: 4, shiftTypes: shifts,
            forbiddenSuccessions: g.chance(0.3) ? [ShiftSuccession(from: 2, to: 1)] : [], staff: staff, cover: cover)
        if g.chance(0.7) { problem.rest = RestRule(minutes: 11 * 60, onCallExempt: g.chance(0.6)) }
        for _ in 0..<g.int(0...2) {
            problem.shiftOnRequests.append(ShiftRequest(staff: g.int(0...1), day: g.int(0...2), shift: g.int(0...2), weight: g.int(1...5)))
        }
        for _ in 0..<g.int(0...2) {
            problem.dayOnRequests.append(DayRequest(staff: g.int(0...1), day: g.int(0...2), weight: g.int(1...5)))
        }
        for _ in 0..<g.int(0...2) {
            problem.dayOffRequests.append(DayRequest(staff: g.int(0...1), day: g.int(0...2), weight: g.int(1...5)))
        }
        if g.chance(0.2) { problem.pinned = [Assignment(staff: g.int(0...1), day: g.int(0...2), shift: g.int(0...2))] }
        if g.chance(0.5) {
            problem.supervision = [
                SupervisionRule(shift: 0, supervised: [1], supervisors: [0], supervisingShifts: [0, 2], label: "p1 needs p0")
            ]
        }
        if g.chance(0.5) {
            problem.fairness = [
                FairnessRule(
                    name: "calls", shifts: [2], days: g.chance(0.5) ? nil : [1, 2], weight: g.int(1...7),
                    shares: [FairShare(staff: 0, low: 1, high: 1), FairShare(staff: 1, low: g.int(0...1), high: g.int(1...2))])
            ]
        }
        if g.chance(0.4) {
            // Re-rostering: some published assignments (possibly ones no longer permitted) and day weights.
            var reference = Set<Assignment>()
            for _ in 0..<g.int(1...4) { reference.insert(Assignment(staff: g.int(0...1), day: g.int(0...2), shift: g.int(0...2))) }
            problem.stability = Stability(reference: reference, dayWeights: (0..<3).map { _ in g.int(0...6) })
        }
        // Caps priced only above them (a coverage line's `max` beside a lower floor).
        for index in problem.cover.indices where g.chance(0.2) { problem.cover[index].underWeight = 0 }
        for index in problem.staff.indices where g.chance(0.2) { problem.staff[index].daysOff.insert(g.int(0...2)) }
        // A known history, with shortest runs of work and rest judged across day 0.
        if g.chance(0.5) {
            problem.historyDays = g.int(1...3)
            for index in problem.staff.indices {
                problem.staff[index].history = (-problem.historyDays..<0).filter { _ in g.chance(0.5) }
                    .map { PastShift(day: $0, shift: g.int(0...1)) }
                let worked = Set(problem.staff[index].history.map(\.day))
                var run = 0
                while worked.contains(-(run + 1)) { run += 1 }
                var off = 0
                while run == 0 && off < problem.historyDays && !worked.contains(-(off + 1)) { off += 1 }
                problem.staff[index].workedBefore = run
                problem.staff[index].offBefore = off
                if g.chance(0.6) { problem.staff[index].limits.minConsecutiveWorkingDays = g.int(2...3) }
                if g.chance(0.6) { problem.staff[index].limits.minConsecutiveDaysOff = g.int(2...3) }
            }
        }
        // Runs of one shift type (the history's last day may start one).
        if g.chance(0.4) {
            let person = g.int(0...1)
            let shift = problem.staff[person].history.first { $0.day == -1 }?.shift ?? g.int(0...2)
            problem.staff[person].limits.maxConsecutiveByType[shift] = g.int(1...2)
        }
        // The afternoon at a second site, and sometimes one site a day.
        if g.chance(0.4) {
            problem.shiftTypes[1].site = "south"
            problem.oneSitePerDay = g.chance(0.7)
        }
        // Cover counting several cells: either of two sessions, sometimes with the night before's call too
        // (a person on two of them counts twice).
        if g.chance(0.5) {
            let day = g.int(0...2)
            var requirement = CoverRequirement(
                day: day, shift: 0, required: g.int(1...2), underWeight: g.int(1...9) * 10, overWeight: g.int(0...3))
            requirement.alsoCounted = [DayShift(day: day, shift: 1)] + (day > 0 && g.chance(0.5) ? [DayShift(day: day - 1, shift: 2)] : [])
            if g.chance(0.4) { requirement.staff = [g.int(0...1)] }
            if g.chance(0.4) { requirement.hardMinimum = g.int(1...2) }
            if g.chance(0.2) { requirement.hardMaximum = 1 }
            requirement.label = "AM or PM"
            problem.cover.append(requirement)
        }
        // Support per provider rostered: p1 (sometimes p0 too) supports p0 on a session, at 1/2, 1 or 3/2.
        if g.chance(0.5) {
            let (numerator, denominator) = [(1, 2), (1, 1), (3, 2)][g.int(0...2)]
            problem.supportRatios.append(SupportRatio(
                day: g.int(0...2), shift: g.int(0...1), support: g.chance(0.3) ? [0, 1] : [1], providers: [0], numerator: numerator,
                denominator: denominator, weight: g.int(1...9) * 10, group: "rn", providerGroup: "physician"))
        }
        return problem
    }

    /// Every schedule of one person (any set of shifts each day) that meets the rules binding that person
    /// alone.
    static func personalSchedules(_ problem: RosterProblem, staff: Int) -> [[Assignment]] {
        let evaluator = Evaluator(problem: problem)
        let perDay = 1 << problem.shiftTypes.count
        var result: [[Assignment]] = []
        for code in 0..<Int(pow(Double(perDay), Double(problem.dayCount))) {
            var assignments: [Assignment] = []
            var rest = code
            for day in 0..<problem.dayCount {
                let mask = rest % perDay
                rest /= perDay
                for shift in problem.shiftTypes.indices where mask & (1 << shift) != 0 {
                    assignments.append(Assignment(staff: staff, day: day, shift: shift))
                }
            }
            let broken = evaluator.evaluate(Roster(assignments)).hardViolations.contains {
                $0.staff == staff && !$0.isElastic
            }
            if !broken { result.append(assignments) }
        }
        return result
    }

    /// Solves seed `seed` (with `modelPath` instead of the shipped model when given) and lists every way
    /// the result differs from the brute-force truth; empty when they agree.
    static func disagreements(seed: Int, modelPath: String? = nil) throws -> [String] {
        let problem = randomProblem(seed: UInt64(seed))
        let evaluator = Evaluator(problem: problem)
        var best: Int?
        var bestElastic: Int?
        let second = personalSchedules(problem, staff: 1)
        for a in personalSchedules(problem, staff: 0) {
            for b in second {
                let evaluation = evaluator.evaluate(Roster(a + b))
                guard evaluation.meetsPersonalRules else { continue }
                bestElastic = min(bestElastic ?? Int.max, evaluation.modelObjective)
                if evaluation.isFeasible { best = min(best ?? Int.max, evaluation.total) }
            }
        }
        var options = SolveOptions()
        options.timeLimit = .seconds(60)
        options.workLimit = 20_000
        options.workers = 1
        options.modelPath = modelPath
        let outcome = try RosterSolver(problem: problem, options: options).solve()
        var found: [String] = []
        func check(_ ok: Bool, _ what: String) { if !ok { found.append("seed \(seed): \(what)") } }
        if let best {
            check(outcome.status == .optimal, "status \(outcome.status), expected optimal")
            check(outcome.evaluation?.total == best, "total \(String(describing: outcome.evaluation?.total)), best \(best)")
            check(outcome.evaluation?.isFeasible == true, "hard rules broken")
        } else if let bestElastic {
            // Only rules over several people are out of reach: the roster breaking the fewest comes back.
            check(outcome.evaluation?.modelObjective == bestElastic, "elastic \(String(describing: outcome.evaluation?.modelObjective)), best \(bestElastic)")
            check(outcome.evaluation?.isFeasible == false, "claims every hard rule met")
        } else {
            check(outcome.status == .infeasible && outcome.roster == nil, "status \(outcome.status), expected infeasible")
        }
        check(outcome.objectivesAgree, "solver and evaluator objectives differ")
        return found
    }

    @Test(arguments: 0..<80)
    func solverOptimumIsTheEvaluatorsMinimum(seed: Int) throws {
        let found = try Self.disagreements(seed: seed)
        #expect(found.isEmpty, "\(found)")
    }

    /// The test above is only worth something if it notices a missing rule: drop each clinic constraint
    /// family from a copy of the model and some seed must disagree.
    @Test(arguments: [
        "clash", "pinned", "window_min", "window_max", "cover_floor", "cover_cap", "supervision", "fair_high", "fair_low",
        "stability", "run_from_history", "run_start_first", "rest_from_history", "rest_start_first", "type_run", "cover_cells", "support_ratio",
    ])
    func droppingAConstraintFamilyIsNoticed(family: String) throws {
        let model = try String(contentsOfFile: try #require(RotaModelsPath.roster), encoding: .utf8)
        let mutated = try #require(Self.dropping(constraint: family, from: model))
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rota-mutant-\(family)-\(getpid()).mod").path
        try mutated.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var noticed = false
        for seed in 0..<80 where !noticed {
            noticed = !(try Self.disagreements(seed: seed, modelPath: path)).isEmpty
        }
        #expect(noticed, "no seed notices that `\(family)` is missing from the model")
    }

    /// The model text without the statement `s.t. family…;`.
    static func dropping(constraint family: String, from model: String) -> String? {
        // Stability is two objective terms rather than a constraint.
        if family == "stability" {
            let lines = model.split(separator: "\n", omittingEmptySubsequences: false)
            let kept = lines.filter { !$0.contains("changeWeight[d] *") }
            return kept.count == lines.count - 2 ? kept.joined(separator: "\n") : nil
        }
        // Cover over several cells counting only its first one.
        if family == "cover_cells" {
            let mutated = model.replacingOccurrences(of: "(d, t) in COVER_CELL[c]", with: "(d, t) in {(coverDay[c], coverShift[c])}")
            return mutated == model ? nil : mutated
        }
        guard let start = model.range(of: "s.t. \(family){"),
            let end = model[start.upperBound...].firstIndex(of: ";")
        else { return nil }
        return String(model[..<start.lowerBound]) + String(model[model.index(after: end)...])
    }
}
