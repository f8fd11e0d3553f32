import Foundation
import RotaCore
import RotaReport
import RotaSolver
import Testing

/// Each clinic rule, from a tiny scenario to its expected roster. The solver's roster is always checked by
/// the evaluator too (objectives agree); the brute-force suite covers the model itself.
@Suite struct ScenarioRuleTests {
    /// Monday 7 to Wednesday 9 December 2026 at one site; `extra` is appended as more YAML.
    static func scenario(_ extra: String, rest: String = "{min_hours: 11, on_call_exempt: true}") -> String {
        """
        rota: 1
        practice: Tiny clinic
        horizon: {start: 2026-12-07, days: 3}
        sites: [{id: north}]
        roles: [{id: physician, provider: true}, {id: np, provider: true, supervised_by: [physician]}, {id: rn}, {id: ma}]
        credentials: [bls]
        shift_types:
          - {id: AM, site: north, start: "08:00", end: "12:00"}
          - {id: PM, site: north, start: "13:00", end: "17:00"}
          - {id: LONG, site: north, start: "08:00", end: "16:00"}
          - {id: CALL, start: "17:00", end: "08:00", on_call: true, roles: [physician]}
        rest: \(rest)
        staff:
          - {id: dr-a, role: physician}
          - {id: dr-b, role: physician, fte: 0.5}
          - {id: np-c, role: np}
          - {id: rn-d, role: rn, credentials: [{kind: bls, expires: 2026-12-08}]}
        \(extra)
        """
    }

    static func solve(_ text: String) throws -> (NormalizedScenario, SolveOutcome) {
        let (parsed, diagnostics) = ScenarioParser.parse(text: text, file: "tiny.yaml")
        #expect(!diagnostics.contains { $0.severity == .error }, "\(diagnostics)")
        var normalizer = ScenarioNormalizer(scenario: try #require(parsed))
        let normalized = normalizer.normalize()
        #expect(normalized.isValid, "\(normalized.diagnostics)")
        var options = SolveOptions()
        options.timeLimit = .seconds(60)
        options.workLimit = 20_000
        let outcome = try RosterSolver(problem: normalized.problem, options: options).solve()
        #expect(outcome.objectivesAgree)
        return (normalized, outcome)
    }

    static func cells(_ outcome: SolveOutcome) -> Set<String> {
        Set((outcome.roster?.assignments ?? []).map {
            "\(outcome.problem.staff[$0.staff].id) \($0.day) \(outcome.problem.shiftTypes[$0.shift].id)"
        })
    }

    @Test func overlappingShiftsAreNeverBothWorked() throws {
        // Only rn-d can staff AM and LONG on Monday, and the two overlap: one of them goes short.
        let (_, outcome) = try Self.solve(Self.scenario("""
            coverage:
              - {shift: AM, dates: [2026-12-07], who: rn, target: 1, hard: false, under_weight: 30}
              - {shift: LONG, dates: [2026-12-07], who: rn, target: 1, hard: false, under_weight: 10}
              - {shift: PM, dates: [2026-12-07], who: rn, target: 1, hard: false, under_weight: 5}
            """))
        #expect(outcome.status == .optimal)
        // AM + PM (no overlap) beats LONG: only LONG's 10 is lost.
        #expect(outcome.evaluation?.total == 10)
        #expect(Self.cells(outcome).isSuperset(of: ["rn-d 0 AM", "rn-d 0 PM"]))
    }

    @Test func restAfterCallUnlessOnCallIsExempt() throws {
        let extra = """
            leave: [{staff: dr-b, from: 2026-12-08, to: 2026-12-08}]
            pinned: [{staff: dr-a, date: 2026-12-07, shift: CALL}]
            coverage: [{shift: AM, dates: [2026-12-08], who: physician, min: 1}]
            """
        let (_, exempt) = try Self.solve(Self.scenario(extra))
        #expect(exempt.evaluation?.isFeasible == true)
        #expect(Self.cells(exempt).contains("dr-a 1 AM"))
        // Without the exemption dr-a cannot start at 08:00 after call: nobody can give Tuesday's AM.
        let (_, strict) = try Self.solve(Self.scenario(extra, rest: "{min_hours: 11, on_call_exempt: false}"))
        #expect(strict.evaluation?.hardViolations.map(\.rule) == [.coverMinimum])
        #expect(!Self.cells(strict).contains("dr-a 1 AM"))
    }

    @Test func expiredCredentialBlocksFromTheExpiryDate() throws {
        let (normalized, outcome) = try Self.solve(Self.scenario("""
            coverage: [{shift: AM, days: all, who: rn, target: 1, hard: false, under_weight: 10}]
            """).replacingOccurrences(of: "end: \"12:00\"}", with: "end: \"12:00\", credentials: [bls]}"))
        // Valid on Monday only: expired from Tuesday 8 December.
        #expect(Self.cells(outcome).filter { $0.hasPrefix("rn-d") } == ["rn-d 0 AM"])
        #expect(outcome.evaluation?.total == 20)
        #expect(normalized.problem.staff[3].blocked[DayShift(day: 1, shift: 0)] == .expiredCredential("bls", expires: CalendarDate(iso: "2026-12-08")!))
    }

    /// `who: rn+skill:xray` counts only the RNs with X-ray; `skill_credentials` makes the skill count only
    /// while the ARRT is current (rn-x's expires on Tuesday).
    @Test func whoJoinsARoleAndASkillThatNeedsACurrentCredential() throws {
        let text = Self.scenario("""
            coverage: [{shift: AM, days: all, who: rn+skill:xray, target: 1, hard: false, under_weight: 10}]
            """)
            .replacingOccurrences(of: "credentials: [bls]\n", with: "credentials: [bls, arrt]\nskills: [xray]\nskill_credentials: {xray: [arrt]}\n")
            .replacingOccurrences(of: "  - {id: rn-d, role: rn,", with: """
                  - {id: ma-x, role: ma, skills: [xray], credentials: [{kind: arrt}]}
                  - {id: rn-x, role: rn, skills: [xray], credentials: [{kind: arrt, expires: 2026-12-08}]}
                  - {id: rn-d, role: rn,
                """)
        let (normalized, outcome) = try Self.solve(text)
        // Monday: rn-x counts. Tuesday and Wednesday: nobody does (ma-x is no RN, rn-d has no X-ray).
        #expect(normalized.problem.cover.map { $0.staff ?? [-1] } == [[4], [], []])
        #expect(outcome.evaluation?.total == 20)
        #expect(Self.cells(outcome).contains("rn-x 0 AM"))
    }

    @Test func roleCredentialsBindOneRoleOnly() throws {
        // AM needs BLS of RNs only: rn-d's expires on Tuesday; the physicians need none.
        let text = Self.scenario("""
            coverage: [{shift: AM, days: all, target: 2, hard: false, under_weight: 10}]
            """).replacingOccurrences(of: "end: \"12:00\"}", with: "end: \"12:00\", role_credentials: {rn: [bls]}}")
        let (normalized, outcome) = try Self.solve(text)
        let rn = try #require(normalized.problem.staff.firstIndex { $0.id == "rn-d" })
        #expect(normalized.problem.staff[rn].blocked[DayShift(day: 1, shift: 0)] == .expiredCredential("bls", expires: CalendarDate(iso: "2026-12-08")!))
        #expect(normalized.problem.staff[0].blocked[DayShift(day: 1, shift: 0)] == nil)
        #expect(!Self.cells(outcome).contains("rn-d 1 AM"))
    }

    @Test func unknownPartsOfWhoAndRoleCredentialsAreErrors() throws {
        let text = Self.scenario("""
            coverage: [{shift: AM, days: all, who: rn+skill:xrya, target: 1}]
            """).replacingOccurrences(of: "end: \"12:00\"}", with: "end: \"12:00\", role_credentials: {nures: [bls]}}")
        var normalizer = ScenarioNormalizer(scenario: try #require(ScenarioParser.parse(text: text, file: "tiny.yaml").scenario))
        let messages = normalizer.normalize().diagnostics.filter { $0.severity == .error }.map(\.message)
        #expect(messages.contains { $0.contains("`xrya`") || $0.contains("skill:xrya") }, "\(messages)")
        #expect(messages.contains { $0.contains("`nures`, which is no role or group") }, "\(messages)")
    }

    /// dr-a's usual week is AM on Monday and Wednesday. Tuesday's AM needs a physician and dr-b is on
    /// leave: working it is dr-a's one deviation, at the week's weight.
    @Test func standingWeekCostsEachDeviation() throws {
        let (normalized, outcome) = try Self.solve(Self.scenario("""
            leave: [{staff: dr-b, from: 2026-12-07, to: 2026-12-09}]
            standing_weeks: [{staff: dr-a, mon: [AM], wed: [AM], weight: 7}]
            coverage: [{shift: AM, dates: [2026-12-08], who: physician, min: 1}]
            """))
        #expect(outcome.status == .optimal)
        #expect(Self.cells(outcome).filter { $0.hasPrefix("dr-a") } == Set(["dr-a 0 AM", "dr-a 1 AM", "dr-a 2 AM"]))
        #expect(outcome.evaluation?.total == 7)
        let penalty = try #require(outcome.evaluation?.penalties.first)
        #expect(penalty.kind == .unusualShift)
        #expect(TextReport(problem: normalized.problem).describe(penalty) == "dr-a works AM on Tue 8 Dec, outside their standing week")
    }

    /// Call rotates apart from anyone's usual week: a night on call is no deviation unless the week speaks
    /// for CALL — by listing it on a day, or in `shifts`. The one physician on call each night is dr-a while
    /// dr-b is on leave.
    @Test func standingWeekSpeaksForClinicShiftsUnlessCallIsNamed() throws {
        let clinic = """
            leave: [{staff: dr-b, from: 2026-12-07, to: 2026-12-09}]
            coverage: [{shift: CALL, dates: [2026-12-07], who: physician, min: 1}]
            """
        let (_, byDefault) = try Self.solve(Self.scenario(clinic + "\nstanding_weeks: [{staff: dr-a, weight: 7}]"))
        #expect(Self.cells(byDefault) == ["dr-a 0 CALL"])
        #expect(byDefault.evaluation?.total == 0, "\(String(describing: byDefault.evaluation?.penalties))")
        for week in ["{staff: dr-a, tue: [CALL], weight: 7}", "{staff: dr-a, shifts: [AM, PM, CALL], weight: 7}"] {
            let (_, named) = try Self.solve(Self.scenario(clinic + "\nstanding_weeks: [\(week)]"))
            #expect(named.evaluation?.total == 7, "\(week): \(String(describing: named.evaluation?.penalties))")
            #expect(named.evaluation?.penalties.first?.kind == .unusualShift)
        }
    }

    /// `shifts` must hold every usual shift the week lists.
    @Test func standingWeekShiftsMustIncludeItsUsualShifts() throws {
        let text = Self.scenario("standing_weeks: [{staff: dr-a, mon: [AM, PM], shifts: [AM]}]")
        var normalizer = ScenarioNormalizer(scenario: try #require(ScenarioParser.parse(text: text, file: "tiny.yaml").scenario))
        let errors = normalizer.normalize().diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.message) == ["PM is a usual shift of dr-a's standing week but not in its `shifts`"], "\(errors)")
        #expect(errors.first?.hint == "add PM to `shifts`, or leave `shifts` out")
    }

    /// A usual shift on a weekday it never runs is a warning: the week can never be kept there.
    @Test func standingWeekOnAWeekdayItsShiftDoesNotRunIsWarned() throws {
        let text = Self.scenario("standing_weeks: [{staff: dr-a, mon: [AM], tue: [SAT]}]").replacingOccurrences(
            of: "  - {id: CALL,", with: "  - {id: SAT, site: north, start: \"08:00\", end: \"12:00\", days: [sat]}\n  - {id: CALL,")
        var normalizer = ScenarioNormalizer(scenario: try #require(ScenarioParser.parse(text: text, file: "tiny.yaml").scenario))
        let diagnostics = normalizer.normalize().diagnostics
        #expect(!diagnostics.contains { $0.severity == .error }, "\(diagnostics)")
        let warnings = diagnostics.filter { $0.severity == .warning }.map(\.message)
        #expect(warnings == ["SAT does not run on Tuesdays, so it is never a usual shift then"], "\(warnings)")
    }

    /// "At least one RN on site 08–17" on Monday: cut at every start and end of north's shifts (AM 08–12,
    /// LONG 08–16, PM 13–17) into four stretches. One RN cannot cover them all (LONG and PM overlap; AM and PM
    /// leave 12–13 open), so exactly one stretch goes short.
    @Test func coverByTheHourCountsEveryShiftCoveringEachStretch() throws {
        let (normalized, outcome) = try Self.solve(Self.scenario("""
            coverage: [{from: "08:00", to: "17:00", site: north, dates: [2026-12-07], who: rn, target: 1, hard: false, under_weight: 10}]
            """))
        let problem = normalized.problem
        #expect(problem.cover.map(\.label) == ["north 08:00–12:00", "north 12:00–13:00", "north 13:00–16:00", "north 16:00–17:00"])
        let ids = problem.cover.map { $0.cells.map { problem.shiftTypes[$0.shift].id }.sorted() }
        #expect(ids == [["AM", "LONG"], ["LONG"], ["LONG", "PM"], ["PM"]])
        #expect(outcome.status == .optimal)
        #expect(outcome.evaluation?.total == 10)
        let penalty = try #require(outcome.evaluation?.penalties.first)
        let text = TextReport(problem: problem).describe(penalty)
        #expect(text == "Mon 7 Dec north 12:00–13:00: 1 short of cover (0 rn, 1 needed)" || text == "Mon 7 Dec north 16:00–17:00: 1 short of cover (0 rn, 1 needed)", "\(text)")
    }

    /// Either of two shift types: a physician on AM or on LONG meets the line, and dr-a's request for LONG
    /// decides which; nobody is needed on AM itself.
    @Test func eitherOrCoverCountsAnyOfItsShifts() throws {
        let (normalized, outcome) = try Self.solve(Self.scenario("""
            coverage: [{shifts: [AM, LONG], dates: [2026-12-07], who: physician, min: 1, max: 1}]
            requests: [{staff: dr-a, date: 2026-12-07, shift: LONG, on: true, weight: 3}]
            """))
        #expect(normalized.problem.cover.map(\.label) == ["AM or LONG"])
        #expect(outcome.evaluation?.total == 0)
        let physicians = Self.cells(outcome).filter { $0.hasPrefix("dr-") && $0.contains(" 0 ") && !$0.hasSuffix("CALL") && !$0.hasSuffix("PM") }
        #expect(physicians == ["dr-a 0 LONG"])
    }

    /// Demand per provider-hour: 36 Monday-morning visits at 3 an hour over the 4-hour AM ask for 3
    /// physicians; only two exist. The RN ratio follows the two rostered (half an RN each: 1 needed), not the
    /// three asked for, and rn-d on leave leaves it 1 short.
    @Test func supportFollowsTheProvidersRostered() throws {
        let (normalized, outcome) = try Self.solve(Self.scenario("""
            leave: [{staff: rn-d, from: 2026-12-07}]
            demand:
              providers: physician
              visits_per_provider_hour: 3
              sessions: {AM: {mon: 36}}
              support: [{who: rn, per_provider: 0.5, of: rostered}]
              under_weight: 10
            """))
        let problem = normalized.problem
        #expect(problem.cover.map(\.required) == [3])
        #expect(problem.supportRatios.count == 3 && problem.supportRatios.allSatisfy { ($0.numerator, $0.denominator) == (1, 2) })
        #expect(outcome.status == .optimal)
        // Both physicians on Monday's AM: one provider short (10) and one RN short of the ratio (10).
        #expect(outcome.evaluation?.total == 20)
        #expect(Self.cells(outcome).isSuperset(of: ["dr-a 0 AM", "dr-b 0 AM"]))
        let penalty = try #require(outcome.evaluation?.penalties.first { $0.kind == .supportShort })
        #expect(TextReport(problem: problem).describe(penalty) == "Mon 7 Dec AM: 1 short of support per provider rostered (0 rn for 2 physician rostered, 1 needed)")
    }

    /// dr-a worked the holiday last year: dr-b takes its call this year; with dr-b away, dr-a takes it again
    /// at the rotation's weight, reported as the rotation (not as a request).
    @Test(arguments: [false, true])
    func holidayRotationKeepsLastYearsPeopleOff(_ drBAway: Bool) throws {
        let (normalized, outcome) = try Self.solve(Self.scenario("""
            holidays: [{date: 2026-12-08, name: Founders Day, worked_last_year: [dr-a], rotation_weight: 30}]
            coverage: [{shift: CALL, days: all, who: physician, min: 1, max: 1}]
            \(drBAway ? "leave: [{staff: dr-b, from: 2026-12-08}]" : "")
            """))
        #expect(outcome.status == .optimal)
        #expect(Self.cells(outcome).contains(drBAway ? "dr-a 1 CALL" : "dr-b 1 CALL"))
        #expect(outcome.evaluation?.total == (drBAway ? 30 : 0))
        if drBAway {
            let penalty = try #require(outcome.evaluation?.penalties.first)
            #expect(penalty.kind == .holidayAgain)
            #expect(TextReport(problem: normalized.problem).describe(penalty) == "dr-a works Founders Day on Tue 8 Dec again, after working it last year")
        }
    }

    /// Expiry dates outside the horizon: after it blocks nothing, before it blocks every day (this once
    /// crashed normalization with an empty range).
    @Test(arguments: [("2027-06-30", 0), ("2026-11-30", 3)])
    func credentialExpiringOutsideTheHorizon(_ expires: String, _ blockedDays: Int) throws {
        let text = Self.scenario("").replacingOccurrences(of: "expires: 2026-12-08", with: "expires: \(expires)")
            .replacingOccurrences(of: "end: \"12:00\"}", with: "end: \"12:00\", credentials: [bls]}")
        var normalizer = ScenarioNormalizer(scenario: try #require(ScenarioParser.parse(text: text, file: "tiny.yaml").scenario))
        let problem = normalizer.normalize().problem
        #expect((0..<3).filter { problem.staff[3].blocked[DayShift(day: $0, shift: 0)]?.isExpiredCredential == true }.count == blockedDays)
    }

    @Test func partialUnavailabilityBlocksOverlappingShiftsOnly() throws {
        let (_, outcome) = try Self.solve(Self.scenario("""
            unavailable: [{staff: rn-d, date: 2026-12-07, from: "12:30", to: "18:00"}]
            coverage:
              - {shift: AM, dates: [2026-12-07], who: rn, target: 1, hard: false, under_weight: 10}
              - {shift: PM, dates: [2026-12-07], who: rn, target: 1, hard: false, under_weight: 10}
            """))
        #expect(Self.cells(outcome).filter { $0.hasPrefix("rn-d") } == ["rn-d 0 AM"])
        #expect(outcome.evaluation?.total == 10)
    }

    @Test func npSessionsNeedAPhysicianInTheSessionOrOnCall() throws {
        // The NP must work Monday AM; a physician has to be there too (dr-b: dr-a is on leave).
        let (_, outcome) = try Self.solve(Self.scenario("""
            leave: [{staff: dr-a, from: 2026-12-07, to: 2026-12-09}]
            pinned: [{staff: np-c, date: 2026-12-07, shift: AM}]
            requests: [{staff: dr-b, date: 2026-12-07, off: true, weight: 7}]
            """))
        #expect(outcome.evaluation?.isFeasible == true)
        #expect(Self.cells(outcome).contains("dr-b 0 AM") || Self.cells(outcome).contains("dr-b 0 LONG"))
        #expect(outcome.evaluation?.total == 7)
    }

    @Test func callCountsAreExactAndFairByFTE() throws {
        let (normalized, outcome) = try Self.solve(Self.scenario("""
            coverage: [{shift: CALL, days: all, who: physician, min: 1, max: 1}]
            fairness: [{name: calls, shifts: [CALL], who: physician, weight: 10}]
            """))
        #expect(outcome.status == .optimal)
        #expect(outcome.evaluation?.total == 0)
        // Three calls shared 2 : 1 by FTE 1.0 : 0.5.
        #expect(normalized.problem.fairness.first?.shares.map { [$0.low, $0.high] } == [[2, 2], [1, 1]])
        #expect(Self.cells(outcome).filter { $0.hasSuffix("CALL") }.count == 3)
    }

    /// Over the year so far dr-a took 10 calls and dr-b 2: of the 15 by the end of these three days, dr-b's
    /// half-time share is 5, so dr-b takes all three this time (and dr-a's band is 0). With dr-b carrying 5,
    /// the 18 by the end split 12 : 6, leaving dr-a 2 of the three and dr-b 1.
    @Test(arguments: [(2, [[0, 0], [3, 3]]), (5, [[2, 2], [1, 1]])])
    func carryOverBalancesCallsOverTheYear(_ carried: Int, _ bands: [[Int]]) throws {
        let (normalized, outcome) = try Self.solve(Self.scenario("""
            coverage: [{shift: CALL, days: all, who: physician, min: 1, max: 1}]
            fairness: [{name: calls, shifts: [CALL], who: physician, weight: 10, carry_over: {dr-a: 10, dr-b: \(carried)}}]
            """))
        #expect(outcome.status == .optimal)
        #expect(outcome.evaluation?.total == 0)
        #expect(normalized.problem.fairness.first?.shares.map { [$0.low, $0.high] } == bands)
        #expect(Self.cells(outcome).filter { $0.hasPrefix("dr-b") && $0.hasSuffix("CALL") }.count == bands[1][0])
    }

    @Test func carryOverOfSomeoneOutsideTheRuleIsAWarning() throws {
        let text = Self.scenario("""
            fairness: [{name: calls, shifts: [CALL], who: physician, carry_over: {rn-d: 3, dr-z: 1}}]
            """)
        var normalizer = ScenarioNormalizer(scenario: try #require(ScenarioParser.parse(text: text, file: "tiny.yaml").scenario))
        let diagnostics = normalizer.normalize().diagnostics
        #expect(diagnostics.contains { $0.severity == .warning && $0.message.contains("rn-d is not among the `physician`") }, "\(diagnostics)")
        #expect(diagnostics.contains { $0.severity == .error && $0.message.contains("dr-z") }, "\(diagnostics)")
    }

    @Test func historyCarriesRestIntoTheFirstDay() throws {
        let (normalized, outcome) = try Self.solve(Self.scenario("""
            history: [{staff: rn-d, date: 2026-12-06, shift: PM}]
            coverage: [{shift: AM, dates: [2026-12-07], who: rn, target: 1, hard: false, under_weight: 10}]
            """).replacingOccurrences(of: "{id: PM, site: north, start: \"13:00\", end: \"17:00\"}",
                with: "{id: PM, site: north, start: \"13:00\", end: \"23:00\"}"))
        // 23:00 Sunday to 08:00 Monday is 9 hours, under the 11 required.
        #expect(Self.cells(outcome).filter { $0.hasPrefix("rn-d") }.isEmpty)
        #expect(outcome.evaluation?.total == 10)
        #expect(normalized.problem.staff[3].history == [PastShift(day: -1, shift: 1)])
    }

    @Test func weeklyHoursCapTheSessions() throws {
        let (_, outcome) = try Self.solve(Self.scenario("""
            contracts: [{id: part, max_hours_per_week: 8}]
            coverage: [{shift: AM, days: all, who: ma, target: 1, hard: false, under_weight: 10}]
            """).replacingOccurrences(of: "  - {id: rn-d, role: rn,", with: "  - {id: ma-e, role: ma, contract: part}\n  - {id: rn-d, role: rn,"))
        // Three mornings wanted, 8 hours allow two.
        #expect(Self.cells(outcome).filter { $0.hasPrefix("ma-e") }.count == 2)
        #expect(outcome.evaluation?.total == 10)
    }

    @Test func demandBecomesProvidersAndSupport() throws {
        let (normalized, _) = try Self.solve(Self.scenario("""
            groups: {providers: [physician, np]}
            demand:
              providers: providers
              visits_per_provider_session: 12
              sessions: {AM: {mon: 30}}
              support: [{who: rn, per_provider: 0.5}]
              under_weight: 5
            """))
        let derivation = try #require(normalized.demand.first)
        #expect(normalized.demand.count == 1)
        #expect(derivation.day == 0 && derivation.visits == 30 && derivation.providers == 3)
        #expect(derivation.support.map(\.count) == [2])
    }
}
