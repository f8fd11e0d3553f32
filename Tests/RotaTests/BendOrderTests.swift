import Foundation
import RotaCore
import RotaSolver
import Testing

/// When not every hard rule can hold, the lowest-ranked family in the bend order gives way, and the roster
/// reports what bent, for whom and by how much.
@Suite struct BendOrderTests {
    static func solve(_ text: String) throws -> SolveOutcome {
        let scenario = try CollisionTests.normalized(text)
        let outcome = try RosterSolver(problem: scenario.problem, options: CollisionTests.options()).solve()
        #expect(outcome.objectivesAgree, "the evaluator must price the roster as the model did")
        #expect(outcome.verdict == .hardRulesBroken, "\(outcome.status)")
        return outcome
    }

    static func broken(_ outcome: SolveOutcome) -> [HardRule: Int] {
        Dictionary(grouping: outcome.evaluation?.hardViolations ?? [], by: \.rule).mapValues { $0.reduce(0) { $0 + $1.amount } }
    }

    /// One physician, clinic every weekday morning and call every night, and one shift a day: one of the
    /// two covers must go short each weekday.
    static func clinicAndCall(_ bendOrder: String) -> String {
        """
        rota: 1
        horizon: {start: 2027-01-04, days: 5}
        roles: [{id: physician}]
        shift_types:
          - {id: AM, start: "08:00", end: "12:00"}
          - {id: CALL, start: "18:00", end: "23:00", on_call: true}
        contracts: [{id: c, max_shifts_per_day: 1}]
        staff: [{id: dr-a, role: physician, contract: c}]
        coverage:
          - {shift: AM, days: weekdays, who: physician, min: 1}
          - {shift: CALL, days: all, who: physician, min: 1}
        \(bendOrder)
        """
    }

    @Test func byDefaultClinicCoverGivesWayBeforeCall() throws {
        let outcome = try Self.solve(Self.clinicAndCall(""))
        let roster = try #require(outcome.roster)
        #expect(roster.assignments.allSatisfy { $0.shift == 1 } && roster.assignments.count == 5, "\(roster)")
        #expect(Self.broken(outcome) == [.coverMinimum: 5])
        #expect(outcome.evaluation?.hardViolations.allSatisfy { $0.shift == 0 } == true, "AM is what bent")
        #expect(outcome.hardRules == .unavoidable(fewest: true))
    }

    @Test(arguments: ["bend_order: [on_call_cover, cover]", "bend_order: [CALL]"])
    func aRankedFamilyGivesWayFirst(_ order: String) throws {
        let outcome = try Self.solve(Self.clinicAndCall(order))
        let roster = try #require(outcome.roster)
        #expect(roster.assignments.allSatisfy { $0.shift == 0 } && roster.assignments.count == 5, "\(roster)")
        #expect(outcome.evaluation?.hardViolations.allSatisfy { $0.rule == .coverMinimum && $0.shift == 1 } == true)
        #expect(outcome.hardRules == .unavoidable(fewest: true))
    }

    /// Two nurses who each owe 20 hours a week, and a morning that holds one nurse at most: either the
    /// minimums or the cap must give way.
    static func minimumsAgainstACap(_ bendOrder: String) -> String {
        """
        rota: 1
        horizon: {start: 2027-01-04, days: 7}
        roles: [{id: rn}]
        shift_types: [{id: AM, start: "08:00", end: "12:00", days: [mon, tue, wed, thu, fri]}]
        contracts: [{id: c, weekly_hours: 20, min_hours_per_week: 20}]
        staff: [{id: rn-a, role: rn, contract: c}, {id: rn-b, role: rn, contract: c}]
        coverage: [{shift: AM, days: weekdays, who: rn, max: 1}]
        \(bendOrder)
        """
    }

    @Test func byDefaultAContractMinimumGivesWayBeforeCover() throws {
        let outcome = try Self.solve(Self.minimumsAgainstACap(""))
        // Five mornings for two people owing five each: 20 hours short between them, and the cap kept.
        #expect(Self.broken(outcome) == [.minWindowMinutes: 1200])
        #expect(outcome.roster?.assignments.count == 5)
    }

    @Test func rankedBelowTheMinimumsTheCapGivesWay() throws {
        let outcome = try Self.solve(Self.minimumsAgainstACap("bend_order: [cover, min_hours]"))
        #expect(Self.broken(outcome) == [.coverMaximum: 5])
        #expect(outcome.roster?.assignments.count == 10)
    }

    @Test func leftOutMinimumsStayHard() throws {
        let scenario = try CollisionTests.normalized(Self.minimumsAgainstACap("bend_order: [cover]"))
        #expect(scenario.problem.minimumMinuteWeight == nil)
        let outcome = try RosterSolver(problem: scenario.problem, options: CollisionTests.options()).solve()
        #expect(Self.broken(outcome) == [.coverMaximum: 5])
    }

    /// A higher rank outweighs everything the ranks below could break together, so it never gives way to
    /// spare them, and the order given comes first, the standard families after it.
    @Test func ranksOutweighEverythingBelow() throws {
        let scenario = try CollisionTests.normalized(Self.clinicAndCall("bend_order: [supervision, CALL]"))
        let problem = scenario.problem
        let am = try #require(problem.cover.first { $0.shift == 0 && $0.hardMinimum > 0 })
        let call = try #require(problem.cover.first { $0.shift == 1 && $0.hardMinimum > 0 })
        let callUnits = problem.cover.filter { $0.shift == 1 }.reduce(0) { $0 + $1.hardMinimum }
        #expect(am.hardWeight > call.hardWeight * callUnits, "AM (cover, after CALL) outweighs every CALL unit")
        #expect(problem.bendOrderIsStrict)
        #expect(BendOrder.standard.ranks == [.minimumHours, .cover, .supervision, .onCallCover])
    }

    /// A minimum between two totals the person's shifts can reach is written rounded up (a stronger LP);
    /// the shortfall is still priced to the minimum as written, which needs the exact row beside it.
    @Test func aShortfallIsCountedToTheMinimumAsWritten() throws {
        // 12 h × 3/5 of the week = 432 minutes; the shifts reach 0, 240, 480 …. A morning costs 350 000 (soft),
        // between what the 192 minutes it saves cost at their true price (1667 each) and at the price the
        // rounded row alone would give them (1667 × 192 / 240 … less).
        let text = """
            rota: 1
            horizon: {start: 2027-01-04, days: 7}
            roles: [{id: rn}]
            shift_types: [{id: AM, start: "08:00", end: "12:00"}]
            contracts: [{id: c, weekly_hours: 20, min_hours_per_week: 12}]
            staff: [{id: rn-a, role: rn, contract: c}]
            leave: [{staff: rn-a, from: 2027-01-04, to: 2027-01-05}]
            coverage: [{shift: AM, days: all, who: rn, max: 0, hard: false, over_weight: 350000}]
            """
        let outcome = try Self.solve(text)
        #expect(Self.broken(outcome) == [.minWindowMinutes: 192])
        #expect(outcome.roster?.assignments.count == 1)
        let model = try String(contentsOfFile: try #require(RotaModelsPath.roster), encoding: .utf8)
        let mutated = try #require(ClinicModelAgreesWithEvaluatorTests.dropping(constraint: "window_min_exact", from: model))
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rota-bend-\(getpid()).mod").path
        try mutated.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var options = CollisionTests.options()
        options.modelPath = path
        let scenario = try CollisionTests.normalized(text)
        let mutant = try RosterSolver(problem: scenario.problem, options: options).solve()
        #expect(mutant.roster?.assignments.count == 0, "without the exact row the model undercounts a shortfall of 432")
    }

    @Test func aMisspelledFamilyIsAnErrorWithASuggestion() throws {
        let text = Self.clinicAndCall("bend_order: [min_hour, cover, cover]")
        let (parsed, _) = ScenarioParser.parse(text: text, file: "month.yaml")
        var normalizer = ScenarioNormalizer(scenario: try #require(parsed))
        let messages = normalizer.normalize().diagnostics.filter { $0.severity == .error }.map(\.description)
        #expect(messages.contains { $0.contains("`min_hour`") && $0.contains("did you mean `min_hours`?") }, "\(messages)")
        #expect(messages.contains { $0.contains("`cover` is listed twice") }, "\(messages)")
    }
}
