import Foundation
import RotaCore
import Testing

/// The rules exactly as the README states them, each on a tiny scenario and a roster written by hand, judged
/// by the evaluator (the brute-force suites hold the model to the same numbers). Each case is one an outside
/// checker, written from the README alone, found Rota getting wrong.
@Suite struct ReadmeRulesTests {
    /// A week from Monday 7 December 2026 at one site; `extra` is appended as more YAML.
    static func scenario(_ extra: String, days: Int = 7, staff: String? = nil) -> String {
        """
        rota: 1
        practice: Rule check
        horizon: {start: 2026-12-07, days: \(days)}
        sites: [{id: north}, {id: south}]
        roles: [{id: physician, provider: true}, {id: pa, provider: true, supervised_by: [physician]}, {id: rn}]
        shift_types:
          - {id: AM, site: north, start: "08:00", end: "12:00"}
          - {id: PM, site: north, start: "13:00", end: "17:00"}
          - {id: EVE, site: north, start: "16:00", end: "20:00"}
          - {id: TELE, start: "19:00", end: "23:00"}
        staff:
        \(staff ?? """
              - {id: dr-a, role: physician}
              - {id: dr-b, role: physician}
              - {id: dr-c, role: physician}
              - {id: pa-d, role: pa}
              - {id: rn-e, role: rn}
          """)
        \(extra)
        """
    }

    /// The problem of `text`, which must be free of errors.
    static func problem(_ text: String) throws -> NormalizedScenario {
        let (parsed, diagnostics) = ScenarioParser.parse(text: text, file: "rules.yaml")
        #expect(!diagnostics.contains { $0.severity == .error }, "\(diagnostics)")
        var normalizer = ScenarioNormalizer(scenario: try #require(parsed))
        let normalized = normalizer.normalize()
        #expect(normalized.isValid, "\(normalized.diagnostics)")
        return normalized
    }

    /// The evaluation of `cells` ("dr-a 2026-12-07 AM") against the scenario `text`.
    static func evaluate(_ text: String, _ cells: [String]) throws -> Evaluation {
        let problem = try problem(text).problem
        let start = try #require(problem.startDate)
        let assignments = try cells.map { cell in
            let parts = cell.split(separator: " ").map(String.init)
            let date = try #require(CalendarDate(iso: parts[1]))
            return Assignment(
                staff: try #require(problem.staffIndex(id: parts[0])), day: start.days(to: date),
                shift: try #require(problem.shiftIndex(id: parts[2])))
        }
        return Evaluator(problem: problem).evaluate(Roster(assignments))
    }

    static func diagnostics(_ text: String) -> [Diagnostic] { ScenarioNormalizer.load(text: text, file: "rules.yaml").diagnostics }

    // MARK: 0. One site a day: two shift types at different sites never share a person's day

    @Test func oneSiteADayLetsTelehealthGoWithAnySite() throws {
        let text = """
            rota: 1
            horizon: {start: 2026-12-07, days: 2}
            sites: [{id: north}, {id: south}]
            roles: [{id: physician}]
            one_site_per_day: true
            shift_types:
              - {id: AM, site: north, start: "08:00", end: "12:00"}
              - {id: PM, site: south, start: "13:00", end: "17:00"}
              - {id: TELE, start: "19:00", end: "21:00"}
            staff: [{id: dr-a, role: physician}]
            """
        let split = try Self.evaluate(text, ["dr-a 2026-12-07 AM", "dr-a 2026-12-07 PM"])
        #expect(split.hardViolations.map(\.rule) == [.oneSitePerDay])
        #expect(split.hardViolations.first?.detail == "works AM at north and PM at south")
        #expect(try Self.evaluate(text, ["dr-a 2026-12-07 AM", "dr-a 2026-12-07 TELE", "dr-a 2026-12-08 PM"]).isFeasible)
        let allowed = text.replacingOccurrences(of: "one_site_per_day: true", with: "one_site_per_day: false")
        #expect(try Self.evaluate(allowed, ["dr-a 2026-12-07 AM", "dr-a 2026-12-07 PM"]).isFeasible)
    }

    @Test func theDayAfterHospitalCallIsOff() throws {
        let text = """
            rota: 1
            horizon: {start: 2026-12-07, days: 3}
            roles: [{id: physician}]
            shift_types:
              - {id: AM, start: "08:00", end: "12:00"}
              - {id: HOSP, start: "18:00", end: "08:00", on_call: true, next_day_off: true}
              - {id: PHONE, start: "18:00", end: "08:00", on_call: true}
            staff: [{id: dr-a, role: physician}]
            history: [{staff: dr-a, date: 2026-12-06, shift: HOSP}]
            """
        let after = try Self.evaluate(text, ["dr-a 2026-12-08 HOSP", "dr-a 2026-12-09 AM"])
        #expect(after.hardViolations.map(\.rule) == [.forbiddenSuccession])
        #expect(after.hardViolations.first?.detail == "HOSP then AM next day")
        let twice = try Self.evaluate(text, ["dr-a 2026-12-08 HOSP", "dr-a 2026-12-09 HOSP"])
        #expect(twice.hardViolations.map(\.rule) == [.forbiddenSuccession], "hospital call two nights running breaks it too")
        #expect(try Self.evaluate(text, ["dr-a 2026-12-08 PHONE", "dr-a 2026-12-09 AM"]).isFeasible, "call from home does not")
        let fromHistory = try Self.evaluate(text, ["dr-a 2026-12-07 AM"])
        #expect(fromHistory.hardViolations.map(\.rule) == [.forbiddenSuccession], "the history's last night counts")
    }

    @Test func runsOfOneShiftTypeCountTheHistory() throws {
        let text = """
            rota: 1
            horizon: {start: 2026-12-07, days: 5}
            roles: [{id: rn}]
            shift_types:
              - {id: D12, start: "07:00", end: "19:00"}
              - {id: D8, start: "08:00", end: "16:00"}
            contracts: [{id: c, max_consecutive: {D12: 3}}]
            staff: [{id: rn-a, role: rn, contract: c}]
            history: [{staff: rn-a, date: 2026-12-06, shift: D12}]
            """
        let four = try Self.evaluate(text, ["rn-a 2026-12-07 D12", "rn-a 2026-12-08 D12", "rn-a 2026-12-09 D12"])
        #expect(four.hardViolations.map(\.rule) == [.maxConsecutiveOfType])
        #expect(four.hardViolations.first?.detail == "4 D12 days in a row (1 of them before the roster starts), at most 3")
        let mixed = ["rn-a 2026-12-07 D12", "rn-a 2026-12-08 D12", "rn-a 2026-12-09 D8", "rn-a 2026-12-10 D12", "rn-a 2026-12-11 D12"]
        #expect(try Self.evaluate(text, mixed).isFeasible, "an 8-hour day ends the run")
    }

    // MARK: 1. Cover: short of the target (else min) costs under_weight, above the target (else max) over_weight

    @Test func peopleBetweenAFloorAndACapCostNothing() throws {
        let text = Self.scenario("coverage: [{shift: AM, dates: [2026-12-12], who: physician, min: 1, max: 2}]")
        #expect(try Self.evaluate(text, ["dr-a 2026-12-12 AM", "dr-b 2026-12-12 AM"]).total == 0)
        let three = try Self.evaluate(text, ["dr-a 2026-12-12 AM", "dr-b 2026-12-12 AM", "dr-c 2026-12-12 AM"])
        #expect(three.hardViolations.map(\.rule) == [.coverMaximum])
        #expect(three.penalties.map(\.cost) == [5], "above the cap costs over_weight (5) too")
        let none = try Self.evaluate(text, [])
        #expect(none.hardViolations.map(\.rule) == [.coverMinimum])
        #expect(none.penalties.map(\.cost) == [100])
    }

    @Test func aSoftCapCostsOnlyAboveIt() throws {
        let text = Self.scenario("coverage: [{shift: AM, dates: [2026-12-12], who: physician, max: 1, hard: false}]")
        #expect(try Self.evaluate(text, []).total == 0, "nobody is short of a cap")
        #expect(try Self.evaluate(text, ["dr-a 2026-12-12 AM"]).total == 0)
        let two = try Self.evaluate(text, ["dr-a 2026-12-12 AM", "dr-b 2026-12-12 AM"])
        #expect(two.penalties.map(\.kind) == [.overCover] && two.total == 5 && two.isFeasible)
    }

    @Test func aTargetPricesBothSides() throws {
        let text = Self.scenario(
            "coverage: [{shift: AM, dates: [2026-12-12], who: physician, min: 1, target: 2, max: 3, under_weight: 30, over_weight: 7}]")
        #expect(try Self.evaluate(text, ["dr-a 2026-12-12 AM"]).total == 30)
        #expect(try Self.evaluate(text, ["dr-a 2026-12-12 AM", "dr-b 2026-12-12 AM", "dr-c 2026-12-12 AM"]).total == 7)
    }

    @Test func aWeightWithNothingToPriceIsRefused() {
        let over = Self.diagnostics(Self.scenario("coverage: [{shift: AM, who: physician, min: 1, over_weight: 3}]"))
        #expect(over.contains { $0.severity == .error && $0.path == "coverage[0].over_weight" })
        let under = Self.diagnostics(Self.scenario("coverage: [{shift: AM, who: physician, max: 1, under_weight: 3}]"))
        #expect(under.contains { $0.severity == .error && $0.path == "coverage[0].under_weight" })
    }

    // MARK: 2. Weekly minimum: absolute hours, in proportion to the week's open contract days

    static let weekly = """
        contracts: [{id: c, weekly_hours: 14, min_hours_per_week: 10}]
        """

    @Test func aWeekOfLeaveNeedsNoMinimum() throws {
        let staff = "  - {id: rn-e, role: rn, contract: c}"
        // Six days of leave, Monday to Saturday: every contract day of the week is on leave.
        let text = Self.scenario(Self.weekly + "\nleave: [{staff: rn-e, from: 2026-12-07, to: 2026-12-12}]", staff: staff)
        #expect(try Self.evaluate(text, []).isFeasible)
        // Three days of leave leave two of five contract days open: 2/5 of 10 h = 4 h.
        let three = Self.scenario(Self.weekly + "\nleave: [{staff: rn-e, from: 2026-12-07, to: 2026-12-09}]", staff: staff)
        let windows = try Self.problem(three).problem.staff[0].limits.minuteWindows
        #expect(windows.map(\.minimum) == [240])
        #expect(try Self.evaluate(three, ["rn-e 2026-12-10 AM"]).isFeasible)
        #expect(try Self.evaluate(three, []).hardViolations.map(\.rule) == [.minWindowMinutes])
    }

    @Test func aWeeklyMinimumIsNotScaledByFTE() throws {
        let text = Self.scenario(
            "contracts: [{id: c, weekly_hours: 40, min_hours_per_week: 8}]",
            staff: "  - {id: rn-e, role: rn, fte: 0.5, contract: c}")
        #expect(try Self.evaluate(text, ["rn-e 2026-12-07 AM"]).hardViolations.map(\.rule) == [.minWindowMinutes])
        #expect(try Self.evaluate(text, ["rn-e 2026-12-07 AM", "rn-e 2026-12-08 AM"]).isFeasible)
    }

    @Test func contractHoursCountContractDays() throws {
        // December 2026: 23 weekdays, Christmas Day (Friday) a public holiday, and two days of leave.
        let text = """
            rota: 1
            horizon: {start: 2026-12-01, end: 2026-12-31}
            roles: [{id: rn}]
            holidays: [{date: 2026-12-25, name: Christmas Day}]
            shift_types: [{id: AM, start: "08:00", end: "12:00"}]
            contracts: [{id: c, weekly_hours: 40, hours_range: [0.5, 1.0]}]
            staff: [{id: rn-a, role: rn, contract: c}, {id: rn-b, role: rn, fte: 0.5, contract: c}]
            leave: [{staff: rn-b, from: 2026-12-05, to: 2026-12-08}]
            """
        let staff = try Self.problem(text).problem.staff
        #expect(staff[0].contractMinutes == 22 * 8 * 60)
        // Saturday 5 to Tuesday 8: two contract days of leave; 20 left at 4 h.
        #expect(staff[1].contractMinutes == 20 * 4 * 60)
        #expect(staff[1].limits.minPaidMinutes == 20 * 4 * 60 / 2 && staff[1].limits.maxPaidMinutes == 20 * 4 * 60)
    }

    // MARK: 3. History carries runs over

    @Test func aRestBeganInTheHistoryIsJudgedWhole() throws {
        let staff = "  - {id: rn-e, role: rn, contract: c}"
        let history = """
            contracts: [{id: c, min_consecutive_days_off: 2, min_consecutive_days: 3}]
            history:
              - {staff: rn-e, date: 2026-12-02, shift: AM}
              - {staff: rn-e, date: 2026-12-03, shift: AM}
              - {staff: rn-e, date: 2026-12-04, shift: AM}
              - {staff: rn-e, date: 2026-12-05, shift: AM}
              - {staff: rn-e, date: 2026-12-06, shift: AM}
            """
        let text = Self.scenario(history, staff: staff)
        // Off on day 1 only, then back: one day off after a run in the history.
        let short = try Self.evaluate(text, (8...13).map { "rn-e 2026-12-\(String(format: "%02d", $0)) AM" })
        #expect(short.hardViolations.map(\.rule) == [.minConsecutiveDaysOff])
        #expect(short.hardViolations.first?.day == 0)
        // Two days off: fine.
        #expect(try Self.evaluate(text, (9...13).map { "rn-e 2026-12-\(String(format: "%02d", $0)) AM" }).isFeasible)
    }

    @Test func aRunOfWorkBeganInTheHistoryIsJudgedWhole() throws {
        let staff = "  - {id: rn-e, role: rn, contract: c}"
        // Worked 6 December after a day off on the 5th (the history starts on the 4th): a run of work that
        // began inside the history.
        let history = """
            contracts: [{id: c, min_consecutive_days: 3}]
            history:
              - {staff: rn-e, date: 2026-12-04, shift: AM}
              - {staff: rn-e, date: 2026-12-06, shift: AM}
            """
        let text = Self.scenario(history, staff: staff)
        // History + day 0 = 2 days, then off: too short.
        let two = try Self.evaluate(text, ["rn-e 2026-12-07 AM"])
        #expect(two.hardViolations.map(\.rule) == [.minConsecutiveWorkingDays])
        #expect(try Self.evaluate(text, ["rn-e 2026-12-07 AM", "rn-e 2026-12-08 AM"]).isFeasible)
        // Off on day 0: the history's run of one ended there.
        #expect(try Self.evaluate(text, []).hardViolations.map(\.rule) == [.minConsecutiveWorkingDays])
        // A run that reaches back to the history's first day began at an unknown date: exempt.
        let unknown = Self.scenario(
            "contracts: [{id: c, min_consecutive_days: 3}]\nhistory: [{staff: rn-e, date: 2026-12-06, shift: AM}]", staff: staff)
        #expect(try Self.evaluate(unknown, []).isFeasible)
    }

    // MARK: 4. Supervision of a shift without a site

    @Test func aShiftWithoutASiteIsSupervisedFromAnyOverlappingShift() throws {
        let text = Self.scenario("")
        // The PA's telehealth (19:00–23:00) overlaps the physician's evening clinic (16:00–20:00).
        #expect(try Self.evaluate(text, ["pa-d 2026-12-07 TELE", "dr-a 2026-12-07 EVE"]).isFeasible)
        #expect(try Self.evaluate(text, ["pa-d 2026-12-07 TELE", "dr-a 2026-12-07 AM"]).hardViolations.map(\.rule) == [.supervision])
        // A session at a site still needs its supervisor there.
        #expect(try Self.evaluate(text, ["pa-d 2026-12-07 EVE", "dr-a 2026-12-07 TELE"]).hardViolations.map(\.rule) == [.supervision])
    }

    // MARK: 5. Nothing that validates does nothing

    static let holidayDemand = """
        holidays: [{date: 2026-12-08, name: Feast day}]
        demand:
          providers: physician
          visits_per_provider_session: 10
          sessions:
            AM: {mon: 10, tue: 10, wed: 10, holidays: 25}
        """

    @Test func demandCanBeGivenForPublicHolidays() throws {
        let problem = try Self.problem(Self.scenario(Self.holidayDemand)).problem
        let tuesday = problem.cover.filter { $0.day == 1 }
        #expect(tuesday.map(\.required) == [3], "the holiday's own figure, not Tuesday's")
        let adjusted = try Self.problem(Self.scenario(Self.holidayDemand + "\n  adjust: [{days: holidays, visits: 50}]")).problem
        #expect(adjusted.cover.filter { $0.day == 1 }.map(\.required) == [5])
        // Without a holidays figure, an adjustment by visits still gives the holiday demand.
        let plain = Self.holidayDemand.replacingOccurrences(of: ", holidays: 25", with: "")
        let replaced = try Self.problem(Self.scenario(plain + "\n  adjust: [{days: holidays, visits: 50}]")).problem
        #expect(replaced.cover.filter { $0.day == 1 }.map(\.required) == [5])
    }

    @Test func whatCanDoNothingSaysSo() {
        // An adjustment that reaches no session.
        let none = Self.diagnostics(Self.scenario(Self.holidayDemand + "\n  adjust: [{from: 2027-01-01, scale: 2}]"))
        #expect(none.contains { $0.severity == .warning && $0.path == "demand.adjust[0]" && $0.message.contains("changes nothing") })
        // Demand for a session on days it does not run.
        let closed = Self.scenario("""
            demand:
              providers: physician
              visits_per_provider_session: 10
              sessions: {SAT: {mon: 10}}
            """).replacingOccurrences(
                of: "  - {id: TELE,", with: "  - {id: SAT, start: \"08:00\", end: \"12:00\", days: [sat]}\n  - {id: TELE,")
        #expect(Self.diagnostics(closed).contains {
            $0.severity == .warning && $0.message == "demand for SAT on Mondays does nothing: SAT does not run then"
        })
        // A request for a shift the person may not take.
        let request = Self.diagnostics(Self.scenario("""
            leave: [{staff: dr-a, from: 2026-12-08}]
            requests: [{staff: dr-a, date: 2026-12-08, shift: AM, off: true}]
            """))
        #expect(request.contains { $0.severity == .warning && $0.message.contains("does nothing") })
        // hours_range without weekly hours.
        let range = Self.diagnostics(Self.scenario("contracts: [{id: c, hours_range: [0.5, 1]}]"))
        #expect(range.contains { $0.severity == .error && $0.path == "contracts[0].hours_range" })
    }

    // MARK: 6. The schema's day lists parse

    @Test func dayListsMayNameHolidays() throws {
        let text = Self.scenario("""
            holidays: [{date: 2026-12-08, name: Feast day}]
            coverage: [{shift: AM, days: [mon, holidays], who: physician, min: 1}]
            """)
        let days = try Self.problem(text).problem.cover.map(\.day)
        #expect(days == [0, 1])
    }
}

/// Roster CSVs from any system: Windows line ends read as lines, and a repeated line is named.
@Suite struct RosterCSVTests {
    static let problem = RosterProblem(
        name: "csv", dayCount: 3, shiftTypes: [ShiftType(id: "D", lengthMinutes: 480)], staff: [StaffMember(id: "a"), StaffMember(id: "b")])

    @Test func windowsLineEndsAreLineEnds() throws {
        let roster = try RosterCSV.read("staff,date,shift\r\na,0,D\r\nb,2,D\r\n", file: "r.csv", problem: Self.problem)
        #expect(roster.assignments.count == 2)
    }

    @Test func aRepeatedLineIsNamed() {
        #expect(throws: FileLineError(file: "r.csv", line: 3, message: "`a,0,D` repeats line 2", hint: "each shift of a person appears once")) {
            try RosterCSV.read("staff,date,shift\na,0,D\na,0,D\n", file: "r.csv", problem: Self.problem)
        }
    }
}
