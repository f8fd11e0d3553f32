import Foundation
import Testing

/// The records checked against the practice file, corrected, planned ahead and kept by lot — through the
/// binary, each test on a fresh database.
@Suite("rota records: practice checks, corrections, requests, lots")
struct RecordsPracticeCLITests {
    typealias Session = RecordsCLITests.Session
    static let practice = RecordsCLITests.practice
    static let example = RecordsCLITests.example

    /// A database whose records are checked against the example practice, with one contract and one nurse.
    static func practiceSession() throws -> Session {
        let session = try Session()
        let created = try session.run("init", "--practice", practice)
        #expect(created.exitCode == 0 && created.stdout.contains("records are checked against"), "\(created.stderr)")
        try session.run("contract", "add", "nursing", "--weekly-hours", "37.5", "--annual-leave-days", "24")
        try session.run("staff", "add", "rn-09", "--name", "Ada Lee", "--role", "rn", "--contract", "nursing", "--start", "2026-01-05")
        return session
    }

    /// Every name a record gives is one the practice defines; a typo is refused where it is typed, with the
    /// closest id, exit 2 and nothing changed.
    @Test(arguments: [
        (["staff", "add", "ma-09", "--name", "Bo", "--role", "mx", "--contract", "nursing"], "--role: `mx` is not a role", "did you mean `ma`?"),
        (["staff", "add", "ma-09", "--name", "Bo", "--role", "ma", "--contract", "nursing", "--sites", "harbour"],
         "--sites: `harbour` is not a site", "defines sites: north, south"),
        (["staff", "update", "rn-09", "--skills", "paeds,iudd"], "--skills: `iudd` is not a skill", "did you mean `iud`?"),
        (["credential", "add", "rn-09", "--kind", "bsl"], "--kind: `bsl` is not a credential", "did you mean `bls`?"),
        (["request", "add", "rn-09", "--on", "--from", "2026-12-07", "--shift", "N-XM"], "--shift: `N-XM` is not a shift type",
         "did you mean `N-AM`?"),
        (["asset", "add", "ecg-1", "--name", "ECG", "--every", "1y", "--site", "nort"], "--site: `nort` is not a site", "did you mean `north`?"),
        (["supply", "add", "vax", "--name", "Vaccine", "--unit", "vial", "--site", "sout", "--reorder-point", "1", "--reorder-quantity", "5"],
         "--site: `sout` is not a site", "did you mean `south`?"),
    ])
    func namesAreCheckedAgainstThePractice(arguments: [String], message: String, hint: String) throws {
        let session = try Self.practiceSession()
        let before = try session.snapshot()
        let run = try session.run(arguments)
        #expect(run.exitCode == 2, "\(run.stdout)\(run.stderr)")
        #expect(run.stderr.contains(message) && run.stderr.contains(hint), "\(run.stderr)")
        #expect(try session.snapshot() == before)
    }

    /// `--practice FILE` checks against another file for one command; without any practice file the record
    /// is accepted with a note that nothing was checked.
    @Test func aPracticeFileGivenOrNone() throws {
        let session = try Session()
        try session.run("init")
        try session.run("contract", "add", "nursing", "--weekly-hours", "37.5")
        let unchecked = try session.run("staff", "add", "x-01", "--name", "X", "--role", "anything", "--contract", "nursing")
        #expect(unchecked.exitCode == 0 && unchecked.stderr.contains("not checked against a practice file"), "\(unchecked.stderr)")
        let checked = try session.run(
            "staff", "add", "x-02", "--name", "X", "--role", "anything", "--contract", "nursing", "--practice", Self.practice)
        #expect(checked.exitCode == 2 && checked.stderr.contains("is not a role"))
        #expect(try session.run("practice", "show").stdout.contains("no practice file stored"))
        let set = try session.run("practice", "set", Self.practice)
        #expect(set.exitCode == 0 && set.stdout.contains("roles: physician, np, pa, rn, ma, fd"), "\(set.stdout)")
        #expect(try session.run("practice", "set", session.folder.appendingPathComponent("missing.yaml").path).exitCode == 2)
        #expect(try session.run("practice", "show").stdout.contains("shift types: N-AM, N-PM, S-AM, S-PM, CALL, WKND"))
        // Records made before are corrected one field at a time: an unchanged bad role does not block a new phone.
        #expect(try session.run("staff", "update", "x-01", "--phone", "555 0100").exitCode == 0)
        #expect(try session.run("staff", "update", "x-01", "--role", "rn").exitCode == 0)
    }

    /// A record is corrected field by field, inactive or not; a typo nothing refers to is removed; anyone
    /// with a history is not; a deactivation names its reason.
    @Test func staffAreCorrectedAndTyposRemoved() throws {
        let session = try Self.practiceSession()
        let update = try session.run(
            "staff", "update", "rn-09", "--role", "ma", "--start", "2025-06-01", "--phone", "+1 555 0100", "--email", "ada@example.org")
        #expect(update.exitCode == 0 && update.stdout.contains("ma, 1 FTE, contract nursing, employed from 2025-06-01"), "\(update.stderr)")
        let shown = try session.run("staff", "show", "rn-09").stdout
        #expect(shown.contains("role ma") && shown.contains("contact: +1 555 0100, ada@example.org"), "\(shown)")
        #expect(try session.run("staff", "update", "rn-09", "--email", "ada.example.org").stderr.contains("is not an email address"))
        #expect(try session.run("staff", "update", "rn-09", "--phone", "call me").exitCode == 2)

        // Leave on file pins the start date: it cannot move past the leave.
        try session.run("leave", "request", "rn-09", "--from", "2026-02-02", "--to", "2026-02-03", "--kind", "sick")
        let late = try session.run("staff", "update", "rn-09", "--start", "2026-03-01")
        #expect(late.exitCode == 2 && late.stderr.contains("leave #1 (2026-02-02 to 2026-02-03) begins before 2026-03-01"), "\(late.stderr)")

        try session.run("staff", "add", "rn-10", "--name", "Typo", "--role", "rn", "--contract", "nursing")
        #expect(try session.run("staff", "remove", "rn-10").stdout.contains("removed rn-10"))
        #expect(!(try session.run("staff", "list", "--all").stdout.contains("rn-10")))
        let referenced = try session.run("staff", "remove", "rn-09")
        #expect(referenced.exitCode == 2 && referenced.stderr.contains("has records that refer to them (1 leave request)"), "\(referenced.stderr)")
        #expect(try session.run("staff", "deactivate", "rn-09").exitCode == 64, "a deactivation needs --reason")
        let deactivated = try session.run("staff", "deactivate", "rn-09", "--last-day", "2026-12-31", "--reason", "moved away")
        #expect(deactivated.stdout.contains("(moved away)"))
        #expect(try session.run("staff", "show", "rn-09").stdout.contains("to 2026-12-31 (inactive): moved away"))
        let audit = try session.run("audit", "--table", "staff", "--format", "csv").stdout
        #expect(audit.contains("staff remove") && audit.contains("staff deactivate"))
    }

    @Test func contractsAreUpdated() throws {
        let session = try Self.practiceSession()
        let updated = try session.run("contract", "update", "nursing", "--weekly-hours", "40", "--max-weekends", "2")
        #expect(updated.exitCode == 0 && updated.stdout.contains("updated contract nursing (40 h/week"), "\(updated.stderr)")
        #expect(try session.run("contract", "list", "--format", "csv").stdout.contains("nursing,40,"))
        #expect(try session.run("contract", "update", "nursing", "--weekly-hours", "500").exitCode == 2)
        #expect(try session.run("contract", "update", "nursng", "--weekly-hours", "30").stderr.contains("did you mean `nursing`?"))
        #expect(try session.run("audit", "--table", "contract", "--format", "csv").stdout.contains("contract update"))
    }

    /// Next year's leave is approved in December against the whole year's accrual; the balance for any date
    /// counts the months begun by then.
    @Test func nextYearsLeaveIsApprovedAhead() throws {
        let session = try Self.practiceSession()
        let next = Calendar(identifier: .gregorian).component(.year, from: Date()) + 1
        let year = String(next)
        let ahead = try session.run("leave", "balance", "rn-09", "--year", year, "--format", "csv").stdout
        #expect(ahead.contains("rn-09,\(year),0,24,0,0,24,\(year)-12-31,24,24"), "\(ahead)")
        // Mon 4 to Fri 8 January: 5 working days.
        try session.run("leave", "request", "rn-09", "--from", "\(year)-01-04", "--to", "\(year)-01-08", "--kind", "annual")
        let approved = try session.run("leave", "approve", "1")
        #expect(approved.exitCode == 0 && approved.stdout.contains("annual leave \(year): 19 days left for the year"), "\(approved.stdout)\(approved.stderr)")
        let february = try session.run("leave", "balance", "rn-09", "--as-of", "\(year)-02-15", "--format", "csv").stdout
        #expect(february.contains("rn-09,\(year),0,4,5,0,-1,\(year)-02-15,24,19"), "\(february)")
        // A request beyond the year's accrual is still refused.
        try session.run("leave", "request", "rn-09", "--from", "\(year)-03-01", "--to", "\(year)-04-30", "--kind", "annual")
        let tooMuch = try session.run("leave", "approve", "2")
        #expect(tooMuch.exitCode == 2 && tooMuch.stderr.contains("has 19 for the year"), "\(tooMuch.stderr)")
        #expect(try session.run("leave", "balance", "--year", "99999").exitCode == 64)
    }

    /// Requests live in the database until withdrawn, and go into each month's scenario.
    @Test func requestsAreKeptAndExported() throws {
        let session = try Session()
        try session.run("init", "--practice", Self.practice)
        #expect(try session.run("import", "scenario", Self.example).exitCode == 0)
        let off = try session.run("request", "add", "rn-01", "--off", "--from", "2026-12-24", "--to", "2026-12-26", "--weight", "10", "--reason", "family")
        #expect(off.stdout.contains("request #1: rn-01 asks not to work at all 2026-12-24 to 2026-12-26, weight 10"), "\(off.stderr)")
        #expect(try session.run("request", "add", "dr-chen", "--on", "--from", "2026-12-07", "--shift", "N-PM", "--weight", "3").exitCode == 0)
        #expect(try session.run("request", "add", "dr-chen", "--on", "--from", "2026-12-07", "--shift", "N-PM").stderr.contains("overlaps request #2"))
        #expect(try session.run("request", "add", "rn-01", "--off", "--from", "2026-12-07", "--weight", "0").exitCode == 2)
        #expect(try session.run("request", "add", "rn-01", "--from", "2026-12-07").exitCode == 64, "--on or --off is required")
        try session.run("request", "add", "ma-02", "--off", "--from", "2026-12-09")
        #expect(try session.run("request", "withdraw", "3").stdout.contains("withdrew request #3"))
        #expect(try session.run("request", "withdraw", "3").exitCode == 2)
        let listed = try session.run("request", "list", "--month", "2026-12", "--format", "csv").stdout
        #expect(listed.contains("1,rn-01,off,whole day,2026-12-24,2026-12-26,10,family,active") && !listed.contains("ma-02"), "\(listed)")
        #expect(try session.run("request", "list", "--all").stdout.contains("withdrawn"))
        let badMonth = try session.run("request", "list", "--month", "2026-13")
        #expect(badMonth.exitCode == 2 && badMonth.stderr.contains("`2026-13` is not a month"), "\(badMonth.stderr)")

        let out = session.folder.appendingPathComponent("dec.yaml").path
        let export = try session.run("scenario", "export", "--month", "2026-12", "--out", out)
        #expect(export.exitCode == 0 && export.stdout.contains("2 shift requests"), "\(export.stdout)\(export.stderr)")
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(text.contains("- {staff: rn-01, date: 2026-12-25, off: true, weight: 10}"))
        #expect(text.contains("- {staff: dr-chen, date: 2026-12-07, shift: N-PM, on: true, weight: 3}"))
        #expect(!text.contains("ma-02, date: 2026-12-09"), "a withdrawn request is not exported")
    }

    /// A delivery kept by lot is used first-expiry-first; an expired lot is never drawn unless named.
    @Test func suppliesAreUsedFirstExpiryFirst() throws {
        let session = try Self.practiceSession()
        try session.run("supply", "add", "flu-vax", "--name", "Flu vaccine", "--unit", "vial", "--site", "north", "--on-hand", "5",
                        "--reorder-point", "10", "--reorder-quantity", "50")
        #expect(try session.run("supply", "receive", "flu-vax", "30", "--lot", "B456", "--expires", "2027-03-01", "--date", "2026-11-15").exitCode == 0)
        #expect(try session.run("supply", "receive", "flu-vax", "20", "--lot", "A123", "--expires", "2026-12-20", "--date", "2026-11-20").exitCode == 0)
        #expect(try session.run("supply", "receive", "flu-vax", "1", "--lot", "A123", "--expires", "2027-01-01").stderr.contains("was recorded as expiring 2026-12-20"))
        #expect(try session.run("supply", "receive", "flu-vax", "1", "--expires", "2027-01-01").stderr.contains("an expiry date belongs to a lot"))

        // 25 on 1 December: the 20 of A123 (expiring first), then 5 of B456; the 5 without a lot stay.
        #expect(try session.run("supply", "use", "flu-vax", "25", "--date", "2026-12-01").stdout.contains("flu-vax: 30 vial left"))
        #expect(try session.run("supply", "lots", "flu-vax", "--format", "csv").stdout == "supply,lot,expires,received,on hand\nflu-vax,B456,2027-03-01,2026-11-15,25\n")
        let expiring = try session.run("supply", "expiring", "--within", "90d", "--as-of", "2026-12-21")
        #expect(expiring.exitCode == 1 && expiring.stdout.contains("B456"))
        #expect(try session.run("supply", "expiring", "--within", "30d", "--as-of", "2026-12-21").exitCode == 0)

        // On 1 March B456 has expired: only the 5 without a lot can be used; the expired lot is discarded by name.
        let late = try session.run("supply", "use", "flu-vax", "10", "--date", "2027-03-01")
        #expect(late.exitCode == 2 && late.stderr.contains("only 5 vial can be used on 2027-03-01; lot B456 (25) expired 2027-03-01"), "\(late.stderr)")
        #expect(try session.run("supply", "use", "flu-vax", "25", "--lot", "B456", "--date", "2027-03-01", "--note", "discarded").exitCode == 0)
        #expect(try session.run("supply", "list", "--format", "csv").stdout.contains("flu-vax,Flu vaccine,north,5,vial"))

        #expect(try session.run("asset", "add", "ecg-1", "--name", "ECG", "--every", "365d", "--serial", "SN-42", "--vendor", "Acme Medical").exitCode == 0)
        #expect(try session.run("asset", "list", "--format", "csv").stdout.contains("ecg-1,ECG,,365,,SN-42,Acme Medical"))
    }
}
