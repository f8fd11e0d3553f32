import Foundation
import GRDB
import RotaCore
import RotaRecords
import Testing

/// The records commands through the built binary, each test on a fresh database file.
@Suite("rota records commands")
struct RecordsCLITests {
    static let example = RotaRun.packageRoot.appendingPathComponent("scenarios/riverside-2026-12.yaml").path
    static let practice = RotaRun.packageRoot.appendingPathComponent("scenarios/practice/riverside.yaml").path

    /// Runs rota with `--db` (and a fixed `--by`) appended for the records commands.
    struct Session {
        var folder: URL
        var db: String { folder.appendingPathComponent("practice.sqlite").path }

        init() throws {
            folder = try temporaryDirectory()
        }

        @discardableResult
        func run(_ arguments: String...) throws -> RotaRun {
            try run(arguments)
        }

        @discardableResult
        func run(_ arguments: [String]) throws -> RotaRun {
            try RotaRun.run(arguments + ["--db", db, "--by", "manager"])
        }

        /// Every listing in JSON plus the audit log: unchanged output means an unchanged database.
        func snapshot() throws -> String {
            try [["staff", "list", "--all"], ["contract", "list"], ["credential", "list"], ["leave", "list"], ["supply", "list"],
                 ["asset", "list"], ["training", "list"], ["audit"]]
                .map { try RotaRun.run($0 + ["--format", "json", "--db", db]).stdout }.joined(separator: "\n")
        }
    }

    /// A scenario of 3000 people with three credentials each (12 001 rows to import), written in `folder`.
    static func bigScenario(in folder: URL) throws -> URL {
        var lines = ["rota: 1", "practice: Big", "horizon: {start: 2026-12-01, days: 7}", "roles: [{id: rn}]",
                     "shift_types: [{id: D, start: \"08:00\", end: \"16:00\"}]", "contracts: [{id: big, weekly_hours: 40}]", "staff:"]
        for person in 0..<3000 {
            lines.append("  - {id: rn-\(person), role: rn, contract: big, credentials: [{kind: bls}, {kind: licence}, {kind: dea, expires: 2027-01-01}]}")
        }
        let file = folder.appendingPathComponent("big.yaml")
        try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    /// Runs rota with `arguments` and kills it with SIGKILL once its stderr says `marker` (or closes); returns
    /// what stderr said by then and how the process ended.
    static func killed(_ arguments: [String], onceItSays marker: String) throws -> (stderr: String, reason: Process.TerminationReason) {
        let process = Process()
        process.executableURL = RotaRun.binary
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        var seen = ""
        while !seen.contains(marker) {
            let chunk = errors.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen += String(decoding: chunk, as: UTF8.self)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        return (seen, process.terminationReason)
    }

    @Test func aPracticeManagersWeek() throws {
        let session = try Session()
        #expect(try session.run("init").exitCode == 0)
        #expect(try session.run("init").exitCode == 2, "init never touches an existing file")
        #expect(try session.run("contract", "add", "nursing", "--weekly-hours", "37.5", "--hours-range", "0.5,1.1", "--annual-leave-days", "24").exitCode == 0)
        #expect(try session.run("staff", "add", "rn-09", "--name", "Ada Lee", "--role", "rn", "--fte", "0.8", "--contract", "nursing", "--start", "2026-01-05").exitCode == 0)
        #expect(try session.run("credential", "add", "rn-09", "--kind", "bls", "--issued", "2024-12-01", "--expires", "2026-12-15").exitCode == 0)

        let expiring = try session.run("credential", "expiring", "--within", "60d", "--as-of", "2026-11-23")
        #expect(expiring.exitCode == 1, "cron/CI: something expires within the window")
        #expect(expiring.stdout.contains("rn-09") && expiring.stdout.contains("2026-12-15") && expiring.stdout.contains("22"))
        #expect(try session.run("credential", "expiring", "--within", "10d", "--as-of", "2026-11-23").exitCode == 0)

        let request = try session.run("leave", "request", "rn-09", "--from", "2026-12-21", "--to", "2026-12-23", "--kind", "annual")
        #expect(request.exitCode == 0 && request.stdout.hasPrefix("leave #1:"))
        let approve = try session.run("leave", "approve", "1", "--scenario", Self.example)
        // rn-09 is not in the example scenario: the approval stands, the impact says why it cannot be shown.
        #expect(approve.exitCode == 0 && approve.stdout.contains("approved leave #1"))
        #expect(approve.stdout.contains("coverage impact: not shown (staff rn-09: is not in the scenario"))
        let balance = try session.run("leave", "balance", "rn-09", "--year", "2026", "--format", "csv")
        #expect(balance.stdout.contains("rn-09,2026,0,"))
        #expect(try session.run("leave", "list", "--status", "approved").stdout.contains("approved"))

        #expect(try session.run("supply", "add", "gloves-m", "--name", "Nitrile gloves M", "--unit", "box", "--on-hand", "6", "--reorder-point", "5", "--reorder-quantity", "20").exitCode == 0)
        #expect(try session.run("supply", "use", "gloves-m", "2", "--date", "2026-11-23").stdout.contains("4 box left"))
        let reorder = try session.run("supply", "reorder", "--format", "csv", "--as-of", "2026-11-23")
        #expect(reorder.exitCode == 1 && reorder.stdout.contains("gloves-m,Nitrile gloves M,,4,5,20,box"))
        #expect(try session.run("asset", "add", "defib-n1", "--name", "Defibrillator", "--every", "6m", "--last-service", "2026-05-01").exitCode == 0)
        #expect(try session.run("asset", "due", "--as-of", "2026-11-23").exitCode == 1)
        #expect(try session.run("training", "record", "rn-09", "--course", "BLS", "--completed", "2024-12-01", "--valid-for", "2y").exitCode == 0)
        #expect(try session.run("training", "due", "--within", "30d", "--as-of", "2026-11-23").stdout.contains("BLS"))

        let audit = try session.run("audit", "--format", "json")
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(audit.stdout.utf8)) as? [[String: Any]])
        #expect(entries.count == 9)
        #expect(entries.allSatisfy { $0["actor"] as? String == "manager" })
        #expect(entries.map { $0["action"] as? String ?? "" }.contains("leave approve"))

        let backup = session.folder.appendingPathComponent("copy.sqlite").path
        #expect(try session.run("backup", backup).exitCode == 0)
        #expect(try RotaRun.run(["staff", "list", "--db", backup]).stdout.contains("Ada Lee"))
    }

    /// Bad input gets a message naming the problem, exit 2, and leaves the database as it was.
    @Test(arguments: [
        (["leave", "request", "rn-99", "--from", "2026-12-01", "--to", "2026-12-02"], "no such person"),
        (["leave", "request", "rn-09", "--from", "2026-12-02", "--to", "2026-12-06"], "overlaps request #1"),
        (["leave", "request", "rn-09", "--from", "2027-01-10", "--to", "2027-01-08"], "leave ends (2027-01-08) before it starts"),
        (["leave", "request", "rn-09", "--from", "2027-02-30", "--to", "2027-03-02"], "`2027-02-30` is not a date"),
        (["supply", "use", "gloves-m", "7"], "would leave -1"),
        (["staff", "add", "rn-10", "--name", "X", "--role", "rn", "--contract", "nursng"], "did you mean `nursing`?"),
        (["staff", "update", "rn-09", "--fte", "2"], "outside 0…1.5"),
        (["credential", "add", "rn-09", "--kind", "bls", "--issued", "2026-01-01", "--expires", "2025-01-01"], "before it was issued"),
    ])
    func badInputChangesNothing(_ arguments: [String], _ message: String) throws {
        let session = try Session()
        try session.run("init")
        try session.run("contract", "add", "nursing", "--weekly-hours", "37.5")
        try session.run("staff", "add", "rn-09", "--name", "Ada Lee", "--role", "rn", "--contract", "nursing", "--start", "2026-01-05")
        try session.run("leave", "request", "rn-09", "--from", "2026-12-01", "--to", "2026-12-03")
        try session.run("supply", "add", "gloves-m", "--name", "Gloves", "--unit", "box", "--on-hand", "6", "--reorder-point", "5", "--reorder-quantity", "20")
        let before = try session.snapshot()
        let refused = try RotaRun.run(arguments + ["--db", session.db])
        #expect(refused.exitCode == 2)
        #expect(refused.stderr.contains(message), "\(refused.stderr)")
        #expect(refused.stdout.isEmpty)
        #expect(try session.snapshot() == before)
    }

    /// `24m` and `2y` are calendar months and years, not 720 and 730 days; help shows defaults as spans.
    @Test func monthsAreCalendarMonths() throws {
        let session = try Session()
        #expect(try session.run("init").exitCode == 0)
        #expect(try session.run("contract", "add", "nursing", "--weekly-hours", "37.5").exitCode == 0)
        #expect(try session.run("staff", "add", "rn-01", "--name", "Ana Ruiz", "--role", "rn", "--contract", "nursing", "--start", "2024-01-01").exitCode == 0)
        let training = try session.run("training", "record", "rn-01", "--course", "BLS", "--completed", "2024-12-01", "--valid-for", "24m")
        #expect(training.stdout.contains("valid until 2026-12-01"), "\(training.stdout)")
        let leap = try session.run("training", "record", "rn-01", "--course", "ACLS", "--completed", "2024-01-31", "--valid-for", "1m")
        #expect(leap.stdout.contains("valid until 2024-02-29"), "\(leap.stdout)")
        let asset = try session.run("asset", "add", "defib-n1", "--name", "Defibrillator", "--every", "6m", "--last-service", "2026-05-01")
        #expect(asset.stdout.contains("serviced every 184 days"), "\(asset.stdout)")
        let help = try RotaRun.run(["training", "due", "--help"])
        #expect(help.stdout.contains("(default: 60d)"), "\(help.stdout)")
        #expect(try RotaRun.run(["credential", "expiring", "--help"]).stdout.contains("(default: 60d)"))
    }

    /// A backup comes back in place of the database; the database before is kept; files that are not Rota
    /// backups, or are from a newer Rota, are refused with nothing changed.
    @Test func restoreBringsABackupBack() throws {
        let session = try Session()
        try session.run("init")
        try session.run("contract", "add", "nursing", "--weekly-hours", "37.5")
        let backup = session.folder.appendingPathComponent("monday.sqlite").path
        #expect(try session.run("backup", backup).exitCode == 0)
        try session.run("contract", "add", "locum", "--weekly-hours", "20")

        let restore = try session.run("restore", backup)
        #expect(restore.exitCode == 0, "\(restore.stdout)\(restore.stderr)")
        #expect(restore.stdout.contains("the database before is kept as \(session.db).before-restore-"))
        let contracts = try session.run("contract", "list", "--format", "csv").stdout
        #expect(contracts.contains("nursing") && !contracts.contains("locum"), "\(contracts)")
        let audit = try session.run("audit", "--format", "csv").stdout
        #expect(audit.contains("restore"), "the restore is in the audit log: \(audit)")
        let kept = try FileManager.default.contentsOfDirectory(atPath: session.folder.path).filter { $0.contains("before-restore") }
        #expect(kept.count == 1)
        let keptPath = session.folder.appendingPathComponent(try #require(kept.first)).path
        #expect(try RotaRun.run(["contract", "list", "--db", keptPath]).stdout.contains("locum"), "the database before is whole")

        let now = try session.snapshot()
        let notRota = session.folder.appendingPathComponent("notes.txt").path
        try "shopping list\n".write(toFile: notRota, atomically: true, encoding: .utf8)
        let refused = try session.run("restore", notRota)
        #expect(refused.exitCode == 2 && refused.stderr.contains("is not a Rota database"), "\(refused.stderr)")
        let foreign = session.folder.appendingPathComponent("other.sqlite").path
        let queue = try DatabaseQueue(path: foreign)
        try queue.write { try $0.execute(sql: "CREATE TABLE t(x)") }
        try queue.close()
        #expect(try session.run("restore", foreign).stderr.contains("not a Rota one"))
        let newer = session.folder.appendingPathComponent("newer.sqlite").path
        #expect(try session.run("backup", newer).exitCode == 0)
        let future = try DatabaseQueue(path: newer)
        try future.write { try $0.execute(sql: "INSERT INTO grdb_migrations VALUES ('v99')") }
        try future.close()
        let refusedNewer = try session.run("restore", newer)
        #expect(refusedNewer.exitCode == 2 && refusedNewer.stderr.contains("newer version of Rota"), "\(refusedNewer.stderr)")
        #expect(try session.snapshot() == now, "refused restores change nothing")
    }

    /// Killed while copying, a restore leaves the database as it was.
    @Test func killedRestoreLeavesTheDatabaseIntact() throws {
        let session = try Session()
        try session.run("init")
        // A backup big enough to take many steps: 3000 people with their credentials.
        let big = try Session()
        try big.run("init")
        #expect(try big.run("import", "scenario", try Self.bigScenario(in: big.folder).path).exitCode == 0)
        try session.run("contract", "add", "keep", "--weekly-hours", "40")
        let before = try session.snapshot()

        let (seen, reason) = try Self.killed(["restore", big.db, "--progress", "--db", session.db], onceItSays: "restored 128/")
        #expect(seen.contains("restored 128/"), "the copy was under way: \(seen)")
        #expect(reason == .uncaughtSignal, "killed before it could finish")
        #expect(try session.snapshot() == before, "the database is the one before")
        #expect(try PracticeDatabase.open(path: session.db, actor: "test").integrityCheck() == "ok")
        let leftover = { try FileManager.default.contentsOfDirectory(atPath: session.folder.path).filter { $0.contains(".restoring-") } }
        #expect(try !leftover().isEmpty, "the killed restore's half-made copy is still there")
        // And a restore run to the end goes through, clearing the killed one's copy.
        #expect(try session.run("restore", big.db).exitCode == 0)
        #expect(try session.run("staff", "list", "--format", "csv").stdout.contains("rn-2999"))
        #expect(try leftover().isEmpty)
    }

    /// `leave approve --dry-run` runs every check and shows the balance and impact, and changes nothing; a
    /// request the balance does not cover is refused the same way in a dry run.
    @Test func approveDryRunChangesNothing() throws {
        let session = try Session()
        try session.run("init")
        try session.run("contract", "add", "nursing", "--weekly-hours", "37.5", "--annual-leave-days", "5")
        try session.run("staff", "add", "rn-09", "--name", "Ada Lee", "--role", "rn", "--contract", "nursing", "--start", "2026-01-05")
        #expect(try session.run("leave", "request", "rn-09", "--from", "2026-12-07", "--to", "2026-12-08").exitCode == 0)
        #expect(try session.run("leave", "request", "rn-09", "--from", "2026-12-14", "--to", "2026-12-25").exitCode == 0)
        let before = try session.snapshot()
        let dry = try session.run("leave", "approve", "1", "--dry-run")
        #expect(dry.exitCode == 0 && dry.stdout.contains("would approve (nothing was changed) leave #1"), "\(dry.stdout)\(dry.stderr)")
        #expect(dry.stdout.contains("days left for the year after approving it"), "\(dry.stdout)")
        let tooLong = try session.run("leave", "approve", "2", "--dry-run")
        #expect(tooLong.exitCode == 2 && tooLong.stderr.contains("annual leave days in 2026"), "\(tooLong.stderr)")
        #expect(try session.snapshot() == before, "a dry run changes nothing, audit log included")
        #expect(try session.run("leave", "approve", "1").stdout.contains("approved leave #1"))
        #expect(try session.snapshot() != before)
    }

    @Test func missingDatabaseSaysHowToMakeOne() throws {
        let session = try Session()
        let run = try session.run("staff", "list")
        #expect(run.exitCode == 2)
        #expect(run.stderr.contains("no practice database here") && run.stderr.contains("rota init"))
    }

    /// A process killed in the middle of a bulk import leaves a sound file with none of the import in it.
    @Test func killedImportLeavesNothingHalfDone() throws {
        let session = try Session()
        try session.run("init")
        try session.run("contract", "add", "keep", "--weekly-hours", "40")
        let before = try session.snapshot()
        // 3000 people with three credentials each: 12 001 rows in one transaction.
        let file = try Self.bigScenario(in: session.folder)

        let (seen, reason) = try Self.killed(["import", "scenario", file.path, "--progress", "--db", session.db], onceItSays: "imported 100/")
        #expect(seen.contains("imported 100/12001 rows"), "the import was under way: \(seen)")
        #expect(reason == .uncaughtSignal, "killed before it could finish")

        let check = try session.run("audit", "--limit", "1")
        #expect(check.exitCode == 0)
        #expect(try session.snapshot() == before, "no row of the killed import is there")
        // And the file is sound: a full import now goes through and the integrity check passes.
        let again = try RotaRun.run(["import", "scenario", file.path, "--db", session.db])
        #expect(again.exitCode == 0 && again.stdout.contains("3000 staff"))
        #expect(try PracticeDatabase.open(path: session.db, actor: "test").integrityCheck() == "ok")
    }

    /// A roster that breaks a hard rule is not published, and the refusal names the rule, the session and
    /// who could have worked it, and how to repair it.
    @Test func publishNamesTheBrokenRules() throws {
        let session = try Session()
        try session.run("init")
        let corpus = RotaRun.packageRoot.appendingPathComponent("Tests/FuzzCorpus")
        let scenario = corpus.appendingPathComponent("scenario/clinic.yaml").path
        let roster = session.folder.appendingPathComponent("edited.csv").path
        let published = try String(contentsOf: corpus.appendingPathComponent("roster/clinic.csv"), encoding: .utf8)
        try published.split(separator: "\n").filter { !$0.hasSuffix(",2026-12-22,CALL") }.joined(separator: "\n")
            .appending("\n").write(toFile: roster, atomically: true, encoding: .utf8)
        let refused = try session.run("publish", roster, "--scenario", scenario, "--month", "2026-12")
        #expect(refused.exitCode == 3)
        #expect(refused.stderr.contains("not published:\n  HARD  Tue 22 Dec CALL physician: 0 physician on CALL, at least 1"), "\(refused.stderr)")
        #expect(refused.stderr.contains("rota reroster"))
        // The hint's command works as written (the clinic is one week, so its repair cannot be published as a month).
        let repaired = session.folder.appendingPathComponent("fixed.csv").path
        let reroster = try RotaRun.run(["reroster", scenario, "--published", roster, "--work-limit", "100", "--no-fresh-solve", "--out", repaired])
        #expect(reroster.exitCode == 0 && reroster.stdout.contains("1 assignments (0 dropped, 1 added)"), "\(reroster.stdout)")
    }

    /// Records → scenario → solve → publish → report, on the example practice.
    @Test func exampleRecordsExportSolveAndPublish() throws {
        let session = try Session()
        try session.run("init")
        let imported = try session.run("import", "scenario", Self.example)
        #expect(imported.stdout.contains("40 staff"))
        let scenario = session.folder.appendingPathComponent("dec.yaml").path
        let export = try session.run("scenario", "export", "--month", "2026-12", "--practice", Self.practice, "--out", scenario)
        #expect(export.exitCode == 0, "\(export.stderr)")
        #expect(export.stdout.contains("expires this month: ma-07 bls 2026-12-18"))
        #expect(try RotaRun.run(["validate", scenario]).exitCode == 0)

        let csv = session.folder.appendingPathComponent("dec.csv").path
        let solve = try RotaRun.run(["solve", scenario, "--work-limit", "2500", "--time-limit", "120", "--out", csv])
        #expect(solve.exitCode == 0, "\(solve.stderr)")
        // ma-07's BLS lapses on Fri 18 Dec: no shift from then on, and the grid says why.
        let roster = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n")
        let ma07 = roster.filter { $0.hasPrefix("ma-07,") }.map { String($0.split(separator: ",")[1]) }
        #expect(!ma07.isEmpty && ma07.allSatisfy { $0 < "2026-12-18" })
        let row = try #require(solve.stdout.split(separator: "\n").first { $0.contains("ma-07") && $0.contains("│") })
        #expect(row.hasSuffix(Array(repeating: "x", count: 14).joined(separator: "   ")))

        let publish = try session.run("publish", csv, "--scenario", scenario, "--month", "2026-12")
        #expect(publish.exitCode == 0 && publish.stdout.contains("version 1"), "\(publish.stderr)")
        #expect(try session.run("publish", csv, "--scenario", scenario, "--month", "2026-12").stdout.contains("version 2"))
        let shown = try session.run("roster", "show", "--month", "2026-12", "--version", "1", "--format", "csv")
        #expect(shown.stdout.split(separator: "\n").count == roster.count, "header + the same shifts")
        // The grid `solve` prints, grouped by role, with a key; in blocks of weeks at 80 columns.
        let grid = try session.run("roster", "show", "--month", "2026-12", "--version", "1", "--width", "80")
        let lines = grid.stdout.split(separator: "\n")
        #expect(grid.exitCode == 0 && lines.allSatisfy { $0.count <= 80 }, "\(lines.filter { $0.count > 80 })")
        #expect(grid.stdout.components(separatedBy: "Dec 2026 ").count - 1 == 3)
        #expect(lines.contains("physician") && grid.stdout.contains("key: ") && grid.stdout.contains("C=CALL 18:00–08:00"))
        #expect(lines.contains { $0.hasPrefix("  dr-baker ") && $0.hasSuffix("L   L   L   L") }, "leave after the 21st")
        let report = try session.run("report", "staffing", "--month", "2026-12", "--format", "csv")
        #expect(report.stdout.hasPrefix("staff,name,role,fte,paid hours,contract hours,overtime hours"))
        #expect(report.stdout.split(separator: "\n").count == 41)
    }

    /// The feed command's refusals are bad input (exit 2) with the flag and a hint, and write nothing.
    @Test func calendarFeedsRefuseBadInputWithExit2() throws {
        let session = try Session()
        try session.run("init")
        let out = session.folder.appendingPathComponent("feeds").path
        let zone = try session.run("roster", "ics", "--month", "2026-12", "--out", out, "--time-zone", "Mars/Olympus")
        #expect(zone.exitCode == 2 && zone.stderr.contains("--time-zone Mars/Olympus: not a time zone"), "\(zone.stderr)")
        let unpublished = try session.run("roster", "ics", "--month", "2026-12", "--out", out)
        #expect(unpublished.exitCode == 2 && unpublished.stderr.contains("no roster has been published for this month"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    /// Publishing writes every person's calendar; a second version with two changed shifts updates those
    /// events (the old shift cancelled, the new one added) and duplicates nothing. Read back by an
    /// independent parser (Python's icalendar, through scripts/check_ics.py).
    @Test func calendarFeedsOfTwoVersions() throws {
        let session = try Session()
        try session.run("init")
        try session.run("import", "scenario", Self.example)
        let scenario = session.folder.appendingPathComponent("dec.yaml").path
        #expect(try session.run("scenario", "export", "--month", "2026-12", "--practice", Self.practice, "--out", scenario).exitCode == 0)
        let csv = session.folder.appendingPathComponent("dec.csv").path
        #expect(try RotaRun.run(["solve", scenario, "--work-limit", "300", "--time-limit", "120", "--out", csv]).exitCode == 0)
        let first = session.folder.appendingPathComponent("feeds-1").path
        let published = try session.run("publish", csv, "--scenario", scenario, "--month", "2026-12", "--ics", first, "--time-zone", "America/Chicago")
        #expect(published.exitCode == 0, "\(published.stderr)")
        #expect(published.stdout.contains("practice.ics and on-call.ics for 2026-12 version 1"), "\(published.stdout)")

        // Version 2: two people's morning clinic moved to the afternoon.
        var lines = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n").map(String.init)
        let shifts = Set(lines)
        var moved: [(staff: String, date: String)] = []
        for (index, line) in lines.enumerated() where line.hasSuffix(",N-AM") && moved.count < 2 {
            let fields = line.split(separator: ",").map(String.init)
            guard !shifts.contains("\(fields[0]),\(fields[1]),N-PM"), !moved.contains(where: { $0.staff == fields[0] }) else { continue }
            lines[index] = "\(fields[0]),\(fields[1]),N-PM"
            moved.append((fields[0], fields[1]))
        }
        try #require(moved.count == 2)
        let changed = session.folder.appendingPathComponent("dec-2.csv").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: changed, atomically: true, encoding: .utf8)
        #expect(try session.run("publish", changed, "--scenario", scenario, "--month", "2026-12", "--allow-violations").exitCode == 0)
        let second = session.folder.appendingPathComponent("feeds-2").path
        let feeds = try session.run("roster", "ics", "--month", "2026-12", "--out", second, "--time-zone", "America/Chicago")
        #expect(feeds.exitCode == 0, "\(feeds.stderr)")

        struct Event: Decodable { var uid, status, start, end, summary, tzid, location: String; var sequence, minutes: Int }
        struct Feed: Decodable { var name: String; var zones: [String]; var events: [Event] }
        func read(_ folder: String) throws -> [String: Feed] {
            let run = try RotaRun.process("/usr/bin/env", ["python3", RotaRun.packageRoot.appendingPathComponent("scripts/check_ics.py").path, folder])
            try #require(run.exitCode == 0, "check_ics.py: \(run.stderr) (make setup installs the icalendar package)")
            return try JSONDecoder().decode([String: Feed].self, from: Data(run.stdout.utf8))
        }
        let problem = try #require(ScenarioNormalizer.load(file: scenario).normalized).problem
        func expected(_ roster: [String]) -> [String: [String]] {
            var byPerson: [String: [String]] = [:]
            for line in roster.dropFirst() {
                let fields = line.split(separator: ",").map(String.init)
                guard let shift = problem.shiftTypes.first(where: { $0.id == fields[2] }), let start = shift.start else { continue }
                byPerson[fields[0], default: []].append(String(format: "%@T%02d:%02d %d", fields[1], start / 60, start % 60, shift.lengthMinutes))
            }
            return byPerson.mapValues { $0.sorted() }
        }
        let before = try read(first), after = try read(second)
        let original = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n").map(String.init)
        for (version, feeds, roster) in [(1, before, original), (2, after, lines)] {
            for (person, shifts) in expected(roster) {
                let feed = try #require(feeds["\(person).ics"], "no feed for \(person) in version \(version)")
                #expect(feed.zones == ["America/Chicago"] && feed.events.allSatisfy { $0.tzid == "America/Chicago" })
                let confirmed = feed.events.filter { $0.status == "CONFIRMED" }
                #expect(confirmed.map { "\($0.start) \($0.minutes)" }.sorted() == shifts, "\(person), version \(version)")
                #expect(Set(feed.events.map(\.uid)).count == feed.events.count, "no duplicates")
                #expect(feed.events.allSatisfy { $0.sequence == version })
            }
        }
        #expect(before.values.allSatisfy { $0.events.allSatisfy { $0.status == "CONFIRMED" } })
        for (staff, date) in moved {
            let events = try #require(after["\(staff).ics"]).events.filter { $0.start.hasPrefix(date) }
            #expect(events.contains { $0.uid == "\(staff)/\(date)/N-AM@rota" && $0.status == "CANCELLED" && $0.start == "\(date)T08:00" })
            #expect(events.contains { $0.uid == "\(staff)/\(date)/N-PM@rota" && $0.status == "CONFIRMED" && $0.start == "\(date)T13:30" })
        }
        let cancelled = after.filter { $0.key.hasPrefix("practice") }.values.flatMap(\.events).filter { $0.status == "CANCELLED" }
        #expect(cancelled.count == 2)
        // After-hours call runs 18:00 to 08:00 the next morning; the on-call feed holds calls only.
        let calls = try #require(after["on-call.ics"]).events
        #expect(!calls.isEmpty && calls.allSatisfy { $0.uid.contains("/CALL@") || $0.uid.contains("/WKND@") })
        let nights = calls.filter { $0.uid.contains("/CALL@") }
        #expect(!nights.isEmpty && nights.allSatisfy { $0.minutes == 840 && $0.start.hasSuffix("T18:00") && $0.end.hasSuffix("T08:00") })
        #expect(nights.allSatisfy { $0.summary.hasSuffix(": After-hours call (on call)") && $0.location.isEmpty }, "call has no site")
        // A clinic's event is titled by the shift's name and placed at its site.
        let clinics = try #require(after["practice.ics"]).events.filter { $0.uid.contains("/N-AM@") && $0.status == "CONFIRMED" }
        #expect(!clinics.isEmpty && clinics.allSatisfy { $0.location == "north" && $0.summary.hasSuffix(": North morning clinic") })
        #expect(try #require(after["practice.ics"]).events.count == lines.count - 1 + 2)
    }
}
