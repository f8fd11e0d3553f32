import Foundation
import GRDB
import RotaCore
@testable import RotaRecords
import Testing

let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
let tinyPractice = fixtures.appendingPathComponent("tiny-practice.yaml").path

/// Two nurses and a physician; rn-02's BLS lapses on 2026-12-10, dr-01 has pending leave, rn-03 starts mid-month.
func tinyPracticeDatabase() throws -> PracticeDatabase {
    let database = try freshDatabase()
    try database.addContract(ContractRecord(id: "full", weeklyHours: 40, maxShiftsPerDay: 2, annualLeaveDays: 25))
    for (id, role, start) in [("dr-01", "physician", "2025-01-01"), ("rn-01", "rn", "2025-01-01"), ("rn-02", "rn", "2025-01-01"), ("rn-03", "rn", "2026-12-14")] {
        try database.addStaff(StaffRecord(id: id, name: id.uppercased(), role: role, fte: 1, contractId: "full", employmentStart: start))
        _ = try database.addCredential(CredentialRecord(staffId: id, kind: "bls", issued: "2025-01-01", expires: id == "rn-02" ? "2026-12-10" : "2028-01-01"))
    }
    let approved = try database.requestLeave(staffId: "rn-01", kind: "annual", firstDay: "2026-12-21", lastDay: "2026-12-22")
    _ = try database.approveLeave(id: try #require(approved.id))
    _ = try database.requestLeave(staffId: "dr-01", kind: "annual", firstDay: "2026-12-30", lastDay: "2026-12-31")
    return database
}

/// Exports `month` next to the database (with `practice`, the tiny practice by default) and normalizes the
/// file as `rota solve` would.
func export(_ database: PracticeDatabase, month: String, practice: String = tinyPractice) throws -> (NormalizedScenario, ScenarioExport.Summary, String) {
    let path = URL(fileURLWithPath: database.path).deletingLastPathComponent().appendingPathComponent("\(month).yaml").path
    let (text, summary) = try ScenarioExport(database: database, practiceFile: practice).yaml(month: month, outputPath: path)
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    let (normalized, diagnostics) = ScenarioNormalizer.load(file: path)
    let errors = diagnostics.filter { $0.severity == .error }
    #expect(errors.isEmpty, "\(errors)")
    return (try #require(normalized), summary, text)
}

@Suite("Records to roster")
struct RecordsToRosterTests {
    @Test func exportTurnsRecordsIntoRules() throws {
        let database = try tinyPracticeDatabase()
        let (normalized, summary, text) = try export(database, month: "2026-12")
        let problem = normalized.problem
        #expect(problem.startDate?.description == "2026-12-01" && problem.dayCount == 31)
        #expect(summary.staff == 4 && summary.approvedLeave == 1 && summary.pendingRequests == 1)
        #expect(summary.expiringCredentials == ["rn-02 bls 2026-12-10"])
        let rn02 = try #require(problem.staff.firstIndex { $0.id == "rn-02" })
        let am = try #require(problem.shiftTypes.firstIndex { $0.id == "AM" })
        // Eligible up to Wed 9 Dec, not from Thu 10 Dec, because of the expiry date.
        #expect(problem.isPermitted(staff: rn02, day: 8, shift: am))
        #expect(!problem.isPermitted(staff: rn02, day: 9, shift: am))
        #expect(problem.staff[rn02].blocked[DayShift(day: 9, shift: am)]?.isExpiredCredential == true)
        // Approved leave is hard; pending leave is a weighted day-off request; before employment is leave.
        let rn01 = try #require(problem.staff.firstIndex { $0.id == "rn-01" })
        #expect(problem.staff[rn01].leave[20] != nil && problem.staff[rn01].leave[21] != nil)
        #expect(text.contains("{staff: dr-01, date: 2026-12-30, off: true, weight: 5}"))
        let rn03 = try #require(problem.staff.firstIndex { $0.id == "rn-03" })
        #expect(problem.staff[rn03].leave[12] != nil && problem.staff[rn03].leave[13] == nil)

        // rn-01 away Fri 11 to Mon 14 Dec: on the 11th nobody else can take the morning clinic (rn-02's BLS
        // has lapsed, rn-03 starts on the 14th); on the 14th rn-03 can.
        let impact = try LeaveImpact(
            staffId: "rn-01", first: try #require(CalendarDate(iso: "2026-12-11")), last: try #require(CalendarDate(iso: "2026-12-14")),
            problem: problem)
        #expect(impact.daysInScenario == 4)
        #expect(impact.sessions.map { "\($0.date) \($0.shift) \($0.ableBefore) \($0.isShort)" } == ["2026-12-11 AM 1 true", "2026-12-14 AM 2 false"])
    }

    @Test func practiceFileMayNotHoldPeople() throws {
        let database = try tinyPracticeDatabase()
        let folder = URL(fileURLWithPath: database.path).deletingLastPathComponent()
        let bad = folder.appendingPathComponent("bad-practice.yaml").path
        try (String(contentsOfFile: tinyPractice, encoding: .utf8) + "staff:\n  - {id: x, role: rn}\n").write(toFile: bad, atomically: true, encoding: .utf8)
        #expect {
            try ScenarioExport(database: database, practiceFile: bad).yaml(month: "2026-12", outputPath: bad + ".out")
        } throws: { error in
            let refused = error as? RecordsError
            return refused?.subject == "\(bad):17: staff" && refused?.hint?.contains("rota staff add") == true
        }
    }

    /// The schema keeps what the README promises even against SQL: a published version's assignments,
    /// holidays and figures never change, and another program (a connection without Rota's `rota_writes()`)
    /// can neither publish nor write audit rows.
    @Test func publishedRostersAndTheAuditLogHoldAgainstSQL() throws {
        let database = try tinyPracticeDatabase()
        let problem = try export(database, month: "2026-12").0.problem
        let call = try #require(problem.shiftTypes.firstIndex { $0.id == "CALL" })
        let dr = try #require(problem.staff.firstIndex { $0.id == "dr-01" })
        let roster = Roster((0..<problem.dayCount).map { Assignment(staff: dr, day: $0, shift: call) })
        _ = try database.publish(roster: roster, problem: problem, evaluation: Evaluator(problem: problem).evaluate(roster), month: "2026-12", source: "test")
        let before = try dump(database)
        for sql in [
            "DELETE FROM roster_assignment",
            "INSERT INTO roster_assignment SELECT version_id, staff_id, '2026-12-31', 'AM', 480, 240, 240, 0, 0 FROM roster_assignment LIMIT 1",
            "INSERT INTO roster_assignment SELECT version_id, staff_id, '2027-01-01', 'XX', 0, 60, 60, 0, 0 FROM roster_assignment LIMIT 1",
            "UPDATE roster_version SET objective = 0", "UPDATE roster_version SET publishing = 1",
            "INSERT INTO roster_holiday (version_id, date, name) SELECT id, '2026-12-01', 'forged' FROM roster_version",
        ] {
            #expect(throws: DatabaseError.self, "\(sql)") { try database.pool.write { try $0.execute(sql: sql) } }
        }
        let otherProgram = try DatabaseQueue(path: database.path)
        for sql in [
            "INSERT INTO audit (at, actor, action, table_name, row_key) VALUES ('2026-12-01', 'mallory', 'staff add', 'staff', 'x')",
            "INSERT INTO roster_version (month, version, published_at, published_by, source, objective, hard_violations, publishing) VALUES ('2026-12', 2, 'x', 'mallory', 'x', 0, 0, 1)",
        ] {
            #expect(throws: DatabaseError.self, "\(sql)") { try otherProgram.write { try $0.execute(sql: sql) } }
        }
        try otherProgram.close()
        #expect(try dump(database) == before)
    }

    @Test func publishedVersionsAreKeptAndFeedTheNextMonth() throws {
        let database = try tinyPracticeDatabase()
        let (normalized, _, _) = try export(database, month: "2026-12")
        let problem = normalized.problem
        let index = Dictionary(uniqueKeysWithValues: problem.staff.enumerated().map { ($1.id, $0) })
        let am = try #require(problem.shiftTypes.firstIndex { $0.id == "AM" })
        let call = try #require(problem.shiftTypes.firstIndex { $0.id == "CALL" })
        // rn-01 works every weekday morning they may; dr-01 takes call every night.
        var assignments: [Assignment] = []
        for day in 0..<problem.dayCount {
            if let rn = index["rn-01"], problem.isPermitted(staff: rn, day: day, shift: am) { assignments.append(Assignment(staff: rn, day: day, shift: am)) }
            if let dr = index["dr-01"] { assignments.append(Assignment(staff: dr, day: day, shift: call)) }
        }
        let roster = Roster(assignments)
        let evaluation = Evaluator(problem: problem).evaluate(roster)
        let first = try database.publish(roster: roster, problem: problem, evaluation: evaluation, month: "2026-12", source: "test")
        let smaller = Roster(assignments.filter { $0.shift == call })
        let second = try database.publish(
            roster: smaller, problem: problem, evaluation: Evaluator(problem: problem).evaluate(smaller), month: "2026-12", source: "test")
        #expect((first.version, second.version) == (1, 2))
        #expect(try database.publishedRoster(month: "2026-12", version: 1).assignments.count == assignments.count)
        #expect(try database.publishedRoster(month: "2026-12").assignments.count == smaller.assignments.count)
        #expect(throws: RecordsError.self) {
            try database.publish(roster: roster, problem: problem, evaluation: evaluation, month: "2027-01", source: "test")
        }

        // The staffing report of version 1, against numbers worked out by hand.
        let report = try StaffingReport(database: database, month: "2026-12", version: 1)
        let nurse = try #require(report.lines.first { $0.staffId == "rn-01" })
        // 23 weekdays in December 2026, minus Christmas (closed), minus 2 days of leave: 20 mornings of 4 h.
        #expect(nurse.shifts == 20 && nurse.paidMinutes == 20 * 240)
        // Contract days: 23 weekdays − Christmas (a public holiday, kept with the version) − 2 on leave = 20.
        #expect(nurse.contractMinutes == 40 * 60 * 20 / 5)
        #expect(try database.holidays(of: first) == [CalendarDate(iso: "2026-12-25")!])
        #expect(nurse.leaveDays == 2 && nurse.overtimeMinutes == 0)
        let doctor = try #require(report.lines.first { $0.staffId == "dr-01" })
        #expect(doctor.calls == 31 && doctor.nights == 31 && doctor.weekendShifts == 8 && doctor.holidayShifts == 1)
        #expect(doctor.paidMinutes == 31 * 240)

        // January's export carries the last week of the latest December version as history.
        let (january, summary, _) = try export(database, month: "2027-01")
        #expect(summary.historySource == "2026-12 v2")
        #expect(summary.historyShifts == ScenarioExport.historyDays)
        let dr = try #require(january.problem.staff.first { $0.id == "dr-01" })
        #expect(dr.history.count == ScenarioExport.historyDays)
    }

    /// Fairness over the year: December's export carries each nurse's November mornings (the latest
    /// published version) into the mornings rule as `carry_over`, and the normalizer lowers rn-01's share.
    @Test func exportCarriesTheYearsFairShiftsOver() throws {
        let database = try tinyPracticeDatabase()
        let practice = URL(fileURLWithPath: database.path).deletingLastPathComponent().appendingPathComponent("fair-practice.yaml").path
        try (String(contentsOfFile: tinyPractice, encoding: .utf8) + "fairness:\n  - {name: mornings, shifts: [AM], who: rn, days: weekdays, weight: 3}\n")
            .write(toFile: practice, atomically: true, encoding: .utf8)
        let (november, _, _) = try export(database, month: "2026-11", practice: practice)
        let problem = november.problem
        let am = try #require(problem.shiftTypes.firstIndex { $0.id == "AM" })
        let rn = try #require(problem.staffIndex(id: "rn-01"))
        let mornings = (0..<problem.dayCount).filter { problem.isPermitted(staff: rn, day: $0, shift: am) }.map { Assignment(staff: rn, day: $0, shift: am) }
        #expect(mornings.count == 21)
        let roster = Roster(mornings)
        _ = try database.publish(roster: roster, problem: problem, evaluation: Evaluator(problem: problem).evaluate(roster), month: "2026-11", source: "test")

        let (december, summary, text) = try export(database, month: "2026-12", practice: practice)
        #expect(text.contains("carry_over: {rn-01: 21}"), "\(text)")
        #expect(summary.carriedOver == 21)
        let rule = try #require(december.problem.fairness.first)
        let share = try #require(rule.shares.first { december.problem.staff[$0.staff].id == "rn-01" })
        let other = try #require(rule.shares.first { december.problem.staff[$0.staff].id == "rn-02" })
        #expect(share.earlier == 21 && share.high < other.low, "\(rule.shares)")
        // January starts a new year: nothing is carried over.
        #expect(try export(database, month: "2027-01", practice: practice).1.carriedOver == 0)
    }

    /// The holiday rotation from the records: dr-01 took call on Christmas Day 2026, so December 2027's export
    /// lists them under that holiday's `worked_last_year`, and the normalizer keeps them off it.
    @Test func exportKeepsLastYearsHolidayWorkersOff() throws {
        let database = try tinyPracticeDatabase()
        let practice = URL(fileURLWithPath: database.path).deletingLastPathComponent().appendingPathComponent("two-years.yaml").path
        try String(contentsOfFile: tinyPractice, encoding: .utf8)
            .replacingOccurrences(of: "  - {date: 2026-12-25, name: Christmas Day}\n", with: "  - {date: 2026-12-25, name: Christmas Day}\n  - {date: 2027-12-25, name: Christmas Day}\n")
            .write(toFile: practice, atomically: true, encoding: .utf8)
        let (december, _, _) = try export(database, month: "2026-12", practice: practice)
        let problem = december.problem
        let call = try #require(problem.shiftTypes.firstIndex { $0.id == "CALL" })
        let dr = try #require(problem.staffIndex(id: "dr-01"))
        let roster = Roster((0..<problem.dayCount).filter { problem.isPermitted(staff: dr, day: $0, shift: call) }.map { Assignment(staff: dr, day: $0, shift: call) })
        #expect(roster.assignments.contains { $0.day == 24 })
        _ = try database.publish(roster: roster, problem: problem, evaluation: Evaluator(problem: problem).evaluate(roster), month: "2026-12", source: "test")

        let (next, summary, text) = try export(database, month: "2027-12", practice: practice)
        #expect(text.contains("{date: 2027-12-25, name: Christmas Day, worked_last_year: [dr-01]}"), "\(text)")
        #expect(summary.holidayRotation == 1)
        let nextDr = try #require(next.problem.staffIndex(id: "dr-01"))
        #expect(next.problem.dayOffRequests.contains { $0.staff == nextDr && $0.day == 24 && $0.rotation && $0.weight == 50 })
    }

    /// Standing weeks live in the practice file; the export leaves out those of people not employed in the
    /// month (rn-03 starts on 14 December).
    @Test func exportKeepsTheStandingWeeksOfThoseEmployed() throws {
        let database = try tinyPracticeDatabase()
        let practice = URL(fileURLWithPath: database.path).deletingLastPathComponent().appendingPathComponent("usual-weeks.yaml").path
        try (String(contentsOfFile: tinyPractice, encoding: .utf8)
            + "standing_weeks:\n  - {staff: rn-01, mon: [AM], tue: [AM]}\n  - {staff: rn-03, wed: [AM]}\n")
            .write(toFile: practice, atomically: true, encoding: .utf8)
        let (november, _, novemberText) = try export(database, month: "2026-11", practice: practice)
        #expect(novemberText.contains("{staff: rn-01, mon: [AM], tue: [AM]}") && !novemberText.contains("rn-03"), "\(novemberText)")
        #expect(november.problem.shiftOnRequests.contains { $0.standing })
        let (december, _, decemberText) = try export(database, month: "2026-12", practice: practice)
        #expect(decemberText.contains("{staff: rn-03, wed: [AM]}"), "\(decemberText)")
        let rn03 = try #require(december.problem.staffIndex(id: "rn-03"))
        // Wednesday 16 December, rn-03's first usual morning.
        #expect(december.problem.shiftOnRequests.contains { $0.staff == rn03 && $0.day == 15 && $0.standing })
    }

    @Test func importIsAllOrNothing() throws {
        let database = try freshDatabase()
        let text = """
            rota: 1
            practice: Import
            horizon: {start: 2026-12-01, days: 7}
            roles: [{id: rn}]
            shift_types: [{id: D, start: "08:00", end: "16:00"}]
            contracts: [{id: full, weekly_hours: 40}]
            staff:
              - {id: rn-01, role: rn, contract: full, credentials: [{kind: bls, expires: 2027-01-01}]}
              - {id: rn-02, role: rn, contract: full}
            leave:
              - {staff: rn-02, from: 2026-12-02, to: 2026-12-03, kind: annual}
            """
        let scenario = try #require(ScenarioParser.parse(text: text, file: "import.yaml").scenario)
        let start = try #require(CalendarDate(iso: "2026-12-01"))
        try database.addContract(ContractRecord(id: "other", weeklyHours: 20))
        try database.addStaff(StaffRecord(id: "rn-02", name: "Already here", role: "rn", fte: 1, contractId: "other", employmentStart: "2026-01-01"))
        let before = try dump(database)
        var progress: [Int] = []
        #expect(throws: RecordsError.self) {
            try database.importScenario(scenario, employmentStart: start) { done, _ in progress.append(done) }
        }
        #expect(progress == [1, 2, 3], "the contract, rn-01 and its credential went in before rn-02 was refused")
        #expect(try dump(database) == before)

        let clean = try freshDatabase()
        let summary = try clean.importScenario(scenario, employmentStart: start)
        #expect(summary == ImportSummary(contracts: 1, staff: 2, credentials: 1, leave: 1))
        #expect(try clean.leaveRequests().first?.status == .approved)
    }
}
