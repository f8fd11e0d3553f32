import Foundation
import RotaCore
import RotaSolver
import Testing

/// Months that do not fit, one per kind of collision: the explanation names the rules and the people, the
/// set it names cannot hold on its own, and dropping any one rule of it lets the rest hold.
@Suite struct CollisionTests {
    static func normalized(_ text: String) throws -> NormalizedScenario {
        let (parsed, diagnostics) = ScenarioParser.parse(text: text, file: "month.yaml")
        #expect(!diagnostics.contains { $0.severity == .error }, "\(diagnostics)")
        var normalizer = ScenarioNormalizer(scenario: try #require(parsed))
        let normalized = normalizer.normalize()
        #expect(normalized.isSolvable, "\(normalized.diagnostics)")
        return normalized
    }

    static func options() -> SolveOptions {
        var options = SolveOptions()
        options.workLimit = 3000
        options.timeLimit = .seconds(120)
        options.workers = 1
        return options
    }

    /// Solves and explains `text`; checks the verdict, that the collision cannot hold, and that it is minimal.
    static func explain(_ text: String) throws -> (SolveOutcome, Explanation, CollisionFinder.Collision) {
        let scenario = try normalized(text)
        let solver = RosterSolver(problem: scenario.problem, options: options())
        let outcome = try solver.solve()
        #expect(outcome.verdict == .hardRulesBroken, "\(outcome.status)")
        #expect(outcome.objectivesAgree)
        guard case .unavoidable = outcome.hardRules else {
            Issue.record("the hard-rule check did not prove the month does not fit: \(outcome.hardRules)")
            throw CancellationError()
        }
        var finder = CollisionFinder(problem: scenario.problem)
        let broken = try #require(outcome.evaluation).hardViolations.filter(\.isElastic)
        let collision = try #require(try finder.collision(among: finder.candidates(around: broken)))
        #expect(collision.isMinimal)
        #expect(try finder.judge(Set(collision.rules)) == .infeasible, "the set on its own cannot hold")
        for rule in collision.rules {
            var without = Set(collision.rules)
            without.remove(rule)
            #expect(try finder.judge(without) == .feasible, "without \(rule) the rest holds")
        }
        let explanation = try #require(try solver.explain(outcome, scenario: scenario.scenario))
        return (outcome, explanation, collision)
    }

    static func count(_ collision: CollisionFinder.Collision, _ matches: (RuleInstance) -> Bool) -> Int {
        collision.rules.count(where: matches)
    }

    /// The cover floors among the collision's rules.
    static func floors(_ collision: CollisionFinder.Collision) -> Int {
        count(collision) { if case .coverFloor = $0 { true } else { false } }
    }

    @Test func coverAgainstCallCaps() throws {
        let (_, explanation, collision) = try Self.explain("""
            rota: 1
            horizon: {start: 2027-01-01, end: 2027-01-31}
            roles: [{id: physician}]
            shift_types: [{id: CALL, start: "18:00", end: "08:00", paid: 240, on_call: true}]
            contracts: [{id: physician, max_shifts: {CALL: 7}}]
            staff:
              - {id: dr-a, role: physician, contract: physician}
              - {id: dr-b, role: physician, contract: physician}
              - {id: dr-c, role: physician, contract: physician}
              - {id: dr-d, role: physician, contract: physician}
            coverage: [{shift: CALL, days: all, who: physician, min: 1, max: 1}]
            """)
        #expect(Self.count(collision) { if case .maxShiftsOfType = $0 { true } else { false } } == 4)
        #expect(Self.floors(collision) == 29)
        #expect(explanation.arithmetic == "31 CALL sessions (Fri 1 Jan – Sun 31 Jan) need 31; dr-a, dr-b, dr-c, dr-d may take 28 in all: 3 cannot be covered.")
        #expect(explanation.resolutions.first == "raise one person's CALL cap (`max_shifts`) by 3, e.g. 7 to 10")
        #expect(explanation.text.contains("dr-a may take at most 7 CALL (contract `physician`, `max_shifts`)"))
    }

    @Test func coverAgainstConsecutiveDays() throws {
        let (_, explanation, collision) = try Self.explain("""
            rota: 1
            horizon: {start: 2027-01-04, days: 14}
            roles: [{id: fd}]
            shift_types: [{id: AM, start: "08:00", end: "12:00", days: [mon, tue, wed, thu, fri, sat]}]
            contracts: [{id: c, max_consecutive_days: 5}]
            staff: [{id: fd-01, role: fd, contract: c}]
            coverage: [{shift: AM, days: [mon, tue, wed, thu, fri, sat], who: fd, min: 1}]
            """)
        #expect(collision.rules.contains(.maxConsecutiveDays(staff: 0)))
        #expect(Self.floors(collision) == 6)
        #expect(explanation.text.contains("fd-01 may work at most 5 days in a row"))
        #expect(explanation.text.contains("6 AM sessions (Mon 4 Jan – Sat 9 Jan) need at least 1 fd"))
    }

    @Test func coverAgainstWeekends() throws {
        let (_, explanation, collision) = try Self.explain("""
            rota: 1
            horizon: {start: 2027-01-04, days: 28}
            roles: [{id: ma}]
            shift_types: [{id: SAT, start: "08:00", end: "12:00", days: [sat]}]
            contracts: [{id: c, max_weekends: 2}]
            staff: [{id: ma-01, role: ma, contract: c}]
            coverage: [{shift: SAT, days: [sat], who: ma, min: 1}]
            """)
        #expect(collision.rules.contains(.maxWeekends(staff: 0)))
        #expect(Self.floors(collision) == 3)
        #expect(explanation.text.contains("ma-01 may work at most 2 weekends"))
    }

    @Test func coverAgainstLeave() throws {
        let (_, explanation, collision) = try Self.explain("""
            rota: 1
            horizon: {start: 2027-01-04, days: 7}
            roles: [{id: rn}]
            shift_types: [{id: AM, start: "08:00", end: "12:00"}]
            staff: [{id: rn-a, role: rn}, {id: rn-b, role: rn}]
            leave: [{staff: rn-b, from: 2027-01-05, kind: annual}]
            coverage: [{shift: AM, dates: [2027-01-05], who: rn, min: 2}]
            """)
        #expect(collision.rules == [.coverFloor(requirement: 0)])
        #expect(explanation.text.contains("rn-b cannot work these sessions (on annual leave)"))
    }

    @Test func supervisionAgainstAvailability() throws {
        let (_, explanation, collision) = try Self.explain("""
            rota: 1
            horizon: {start: 2026-12-07, days: 2}
            sites: [{id: north}]
            roles: [{id: physician, provider: true}, {id: np, provider: true, supervised_by: [physician]}]
            shift_types: [{id: AM, site: north, start: "08:00", end: "12:00"}]
            staff: [{id: dr-a, role: physician}, {id: np-b, role: np}]
            leave: [{staff: dr-a, from: 2026-12-07}]
            pinned: [{staff: np-b, date: 2026-12-07, shift: AM}]
            """)
        #expect(Set(collision.rules) == [.supervision(rule: 0), .pin(Assignment(staff: 1, day: 0, shift: 0))])
        #expect(explanation.text.contains("np-b is pinned to AM on Mon 7 Dec"))
        #expect(explanation.text.contains("np on AM needs physician"))
    }

    /// A person's own rules that cannot hold are found before any search: the solve says which rule,
    /// relaxed alone, would make a schedule possible, and `validate` catches the week already. (Their
    /// minimums are kept hard here, `bend_order: [cover]`; by default a minimum gives way: BendOrderTests.)
    @Test(arguments: [
        ("contracts: [{id: c, weekly_hours: 20, min_hours_per_week: 12}]\nleave: [{staff: rn-a, from: 2027-01-04, to: 2027-01-06}]",
         "minimum hours in a week"),
        ("contracts: [{id: c, weekly_hours: 40, hours_range: [0.9, 1.1]}]", "minimum paid minutes"),
    ])
    func aPersonsOwnRulesAgainstLeaveOrEligibility(extra: String, rule: String) throws {
        let normalized = try Self.normalized("""
            rota: 1
            horizon: {start: 2027-01-04, days: 14}
            roles: [{id: rn}]
            credentials: [bls]
            shift_types: [{id: AM, start: "08:00", end: "12:00", credentials: [bls]}]
            staff: [{id: rn-a, role: rn, contract: c, credentials: [{kind: bls, expires: 2027-01-08}]}]
            bend_order: [cover]
            \(extra)
            """)
        #expect(normalized.diagnostics.contains { $0.isDeadEnd && $0.message.contains("rn-a") }, "\(normalized.diagnostics)")
        let outcome = try RosterSolver(problem: normalized.problem, options: Self.options()).solve()
        #expect(outcome.status == .infeasible && outcome.verdict == .noRoster)
        #expect(outcome.diagnosis.contains { $0.contains("rn-a") && $0.contains(rule) }, "\(outcome.diagnosis)")
    }
}
