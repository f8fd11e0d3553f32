import Foundation
import RotaCore
import Testing

/// Runs the built `rota` binary and captures what a user would see.
struct RotaRun {
    var exitCode: Int32
    var stdout: String
    var stderr: String

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let fixtures = packageRoot.appendingPathComponent("Tests/RotaTests/Fixtures")

    static var binary: URL {
        let beside = Bundle.main.bundleURL.appendingPathComponent("rota")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        return packageRoot.appendingPathComponent(".build/debug/rota")
    }

    /// Starts rota; `whileRunning` gets the process (e.g. to send a signal) before we wait for it.
    static func run(
        _ arguments: [String], environment extra: [String: String] = [:], executable: URL? = nil,
        whileRunning: ((Process) throws -> Void)? = nil
    ) throws -> RotaRun {
        let process = Process()
        process.executableURL = executable ?? binary
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment.merge(extra) { $1 }
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Drain both pipes while the process runs, so a large roster cannot fill a pipe and stall it.
        nonisolated(unsafe) var outData = Data()
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { outData = out.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async(group: group) { errData = err.fileHandleForReading.readDataToEndOfFile() }
        try whileRunning?(process)
        process.waitUntilExit()
        group.wait()
        return RotaRun(
            exitCode: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }
}

extension RotaRun {
    /// Runs another program (a checker script) the same way.
    static func process(_ path: String, _ arguments: [String]) throws -> RotaRun {
        try run(arguments, executable: URL(fileURLWithPath: path))
    }

    /// What `rota solve` printed, without its time line: that varies from run to run, while under a work
    /// limit everything else is fixed for a given seed.
    var reportWithoutTime: String {
        stdout.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("time ") }.joined(separator: "\n")
    }
}

/// A golden output file in `Tests/CLITests/Golden`.
func golden(_ name: String) throws -> String {
    try String(contentsOf: RotaRun.packageRoot.appendingPathComponent("Tests/CLITests/Golden/\(name)"), encoding: .utf8)
}

/// The objective `rota solve` printed in its header.
func printedObjective(_ run: RotaRun) -> String? {
    run.stdout.split(separator: "\n").first { $0.hasPrefix("objective") }?.split(separator: " ").dropFirst().first
        .map(String.init)
}

func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("rota-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

@Suite(.serialized) struct CLITests {
    let tiny = RotaRun.fixtures.appendingPathComponent("tiny.txt").path

    @Test func solvePrintsTheGoldenRoster() throws {
        let run = try RotaRun.run(["solve", tiny, "--work-limit", "5000", "--time-limit", "60"])
        #expect(run.exitCode == 0)
        #expect(run.reportWithoutTime == (try golden("tiny-solve.txt")))
        #expect(!run.stdout.contains("GLPK"), "GLPK's terminal output must not reach stdout")
    }

    /// The report fits the width it is given: at 80 columns the month comes in blocks of whole weeks and
    /// long lines wrap; at 200 it is one block. Golden files for a small month; the example practice, whose
    /// roster depends on the solver, only has to fit.
    @Test(arguments: [80, 200]) func theReportFitsTheWidth(_ width: Int) throws {
        let month = RotaRun.packageRoot.appendingPathComponent("Tests/CLITests/Golden/month.yaml").path
        let run = try RotaRun.run(["solve", month, "--work-limit", "500", "--width", String(width)])
        #expect(run.exitCode == 0)
        #expect(run.reportWithoutTime == (try golden("month-\(width).txt")))
        #expect(run.stdout.components(separatedBy: "Dec 2026 ").count - 1 == (width == 80 ? 6 : 2))

        let example = RotaRun.packageRoot.appendingPathComponent("scenarios/riverside-2026-12.yaml").path
        let practice = try RotaRun.run(["solve", example, "--work-limit", "300", "--width", String(width)])
        let long = practice.stdout.split(separator: "\n").filter { $0.count > width }
        #expect(long.isEmpty, "\(long)")
        #expect(practice.stdout.contains("dr-adams") && practice.stdout.contains("Conflicts"))
    }

    @Test func exportedRosterCostsThePrintedObjectiveForBothEvaluators() throws {
        let folder = try temporaryDirectory()
        let csv = folder.appendingPathComponent("roster.csv").path
        let instance = RotaRun.fixtures.appendingPathComponent("Instance2.txt").path
        let run = try RotaRun.run(["solve", instance, "--work-limit", "3000", "--time-limit", "120", "--out", csv, "--no-grid"])
        #expect(run.exitCode == 0)
        let printed = try #require(printedObjective(run))
        let problem = try NRPFormat.read(path: instance)
        let roster = try NRPFormat.readSolution(try String(contentsOfFile: csv, encoding: .utf8), problem: problem)
        let evaluation = Evaluator(problem: problem).evaluate(roster)
        #expect(evaluation.isFeasible)
        #expect(String(evaluation.total) == printed)
        // The same roster, checked by scripts/check_nrp_solution.py — written from the benchmark's rules alone,
        // in another language — must meet every hard rule and cost exactly what rota printed.
        let checker = Process()
        checker.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        checker.arguments = [
            "python3", RotaRun.packageRoot.appendingPathComponent("scripts/check_nrp_solution.py").path, instance, csv,
            String(printed),
        ]
        let output = Pipe()
        checker.standardOutput = output
        try checker.run()
        checker.waitUntilExit()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(checker.terminationStatus == 0, "checker said: \(text)")
        #expect(text.contains("objective \(printed), 0 hard violations"))
    }

    @Test func missingFileIsBadInput() throws {
        let run = try RotaRun.run(["solve", "/nonexistent/roster.txt"])
        #expect(run.exitCode == 2)
        #expect(run.stderr.contains("/nonexistent/roster.txt: no such file"))
        #expect(run.stdout.isEmpty)
    }

    @Test func malformedInstanceNamesFileAndLine() throws {
        let folder = try temporaryDirectory()
        let bad = folder.appendingPathComponent("bad.txt")
        try "SECTION_HORIZON\r\n7\r\nSECTION_SHIFTS\r\nD,lots,\r\n".write(to: bad, atomically: true, encoding: .utf8)
        let run = try RotaRun.run(["solve", bad.path])
        #expect(run.exitCode == 2)
        #expect(run.stderr.contains("bad.txt:4: shift length must be a whole number from 1 to 2880, got `lots`"))
    }

    @Test func badUsageExits64() throws {
        let run = try RotaRun.run(["solve", tiny, "--time-limit", "-3"])
        #expect(run.exitCode == 64)
        #expect(run.stderr.contains("--time-limit"))
    }

    @Test func importSummarisesTheInstance() throws {
        let run = try RotaRun.run(["import", "nrp", tiny])
        #expect(run.exitCode == 0)
        #expect(run.stdout.contains("tiny: 3 staff, 7 days, 2 shift types"))
        #expect(run.stdout.contains("forbidden successions: N→D"))
    }

    @Test func benchChecksEveryInstanceAgainstBestKnown() throws {
        let folder = try temporaryDirectory()
        try FileManager.default.copyItem(atPath: tiny, toPath: folder.appendingPathComponent("Instance1.txt").path)
        try "instance,staff,days,shift_types,best_known\nInstance1,3,7,2,102\n"
            .write(to: folder.appendingPathComponent("best-known.csv"), atomically: true, encoding: .utf8)
        let run = try RotaRun.run(["bench", "nrp", folder.path, "--time-limit", "60"])
        #expect(run.exitCode == 0)
        let row = try #require(run.stdout.split(separator: "\n").first { $0.hasPrefix("Instance1 ") })
        #expect(row.contains("3×7×2") && row.contains(" 102 ") && row.contains("0.0%") && row.hasSuffix("optimal"))
        #expect(run.stdout.contains("1 of 1 rosters checked by the evaluator, 0 failed"))
    }

    @Test func benchModelComparesTheDirectBuildWithTheTranslator() throws {
        let run = try RotaRun.run(["bench", "model", "--compare", tiny])
        #expect(run.exitCode == 0, "\(run.stderr)")
        let row = try #require(run.stdout.split(separator: "\n").first { $0.hasPrefix("tiny.txt") })
        #expect(row.hasSuffix("yes"))
        let translated = try RotaRun.run(["bench", "model", "--translator", tiny])
        let direct = try RotaRun.run(["bench", "model", tiny])
        func size(_ text: String) -> [Substring] {
            text.split(separator: "\n").first { $0.hasPrefix("tiny.txt") }.map { Array($0.split(separator: " ").dropFirst().prefix(3)) } ?? []
        }
        #expect(!size(direct.stdout).isEmpty && size(direct.stdout) == size(translated.stdout))
        #expect(try RotaRun.run(["bench", "model", "/nonexistent/month.yaml"]).exitCode == 2)
    }
}

@Suite struct CLIInfeasibleTests {
    @Test func impossibleInstanceExits3AndSaysWhy() throws {
        let run = try RotaRun.run(["solve", RotaRun.fixtures.appendingPathComponent("impossible.txt").path, "--work-limit", "3000", "--time-limit", "120"])
        #expect(run.exitCode == 3)
        #expect(run.stdout.contains("status     infeasible"))
        #expect(run.stdout.contains("why        dee cannot meet their own hard rules"))
    }
}

@Suite struct CLIModelErrorTests {
    @Test func brokenModelIsAnInternalErrorWithGLPKsMessage() throws {
        let folder = try temporaryDirectory()
        let model = folder.appendingPathComponent("broken.mod")
        try "set STAFF;\nvar x{STAFF} binary\nend;\n".write(to: model, atomically: true, encoding: .utf8)
        let run = try RotaRun.run([
            "solve", RotaRun.fixtures.appendingPathComponent("tiny.txt").path, "--model", model.path,
        ])
        #expect(run.exitCode == 4)
        #expect(run.stderr.contains("MathProg could not translate"))
        #expect(run.stderr.contains("broken.mod:3: syntax error in variable statement"))
        #expect(run.stdout.isEmpty)
    }
}

/// Scenario files through the CLI: validate for CI, and the practice report.
@Suite struct CLIScenarioTests {
    static let example = RotaRun.packageRoot.appendingPathComponent("scenarios/riverside-2026-12.yaml").path

    static func write(_ text: String, named name: String) throws -> String {
        let path = try temporaryDirectory().appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static let twoNurses = """
        rota: 1
        practice: Two nurses
        horizon: {start: 2027-01-04, days: 7}
        roles: [{id: rn}]
        shift_types: [{id: AM, start: "08:00", end: "12:00", days: [mon, tue, wed, thu, fri]}]
        contracts: [{id: c, weekly_hours: 20, min_hours_per_week: 20}]
        staff: [{id: rn-a, role: rn, contract: c}, {id: rn-b, role: rn, contract: c}]
        coverage: [{shift: AM, days: weekdays, who: rn, max: 1}]

        """

    /// The bend order through the binary: by default the minimums give way and say by how much; ranked
    /// above the cover, the cap gives way; a misspelled family is bad input with its line.
    @Test func theBendOrderDecidesWhatGivesWay() throws {
        let standard = try RotaRun.run(["solve", try Self.write(Self.twoNurses, named: "nurses.yaml"), "--work-limit", "2000"])
        #expect(standard.exitCode == 3, "\(standard.stdout)\(standard.stderr)")
        #expect(standard.stdout.contains("HARD  rn-a, week Mon 4 Jan – Sun 10 Jan: paid "), "\(standard.stdout)")
        #expect(standard.stdout.contains("Gave way: min_hours (20.0 h). Bend order, first to give way first: min_hours, cover"))
        #expect(standard.stdout.contains("no roster meets every hard rule (proven), and none breaks less by the bend order (proven)"))
        #expect(standard.stdout.contains("raise the `max` of AM cover of rn or make it soft (`hard: false`)"), "\(standard.stdout)")
        #expect(!standard.stdout.contains("shorten their leave"), "nobody is on leave")

        let capFirst = try RotaRun.run(
            ["solve", try Self.write(Self.twoNurses + "bend_order: [cover, min_hours]\n", named: "nurses.yaml"), "--work-limit", "2000"])
        #expect(capFirst.exitCode == 3)
        #expect(capFirst.stdout.contains("Gave way: cover (5)."), "\(capFirst.stdout)")
        #expect(!capFirst.stdout.contains("h short"), "every minimum is met")

        let json = try RotaRun.run(["explain", try Self.write(Self.twoNurses, named: "nurses.yaml"), "--format", "json"])
        #expect(json.exitCode == 3)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["bendOrder"] as? [String] == ["min_hours", "cover", "supervision", "on_call_cover"])
        let gave = try #require(object["gaveWay"] as? [[String: Any]])
        #expect(gave.count == 1 && gave[0]["family"] as? String == "min_hours" && gave[0]["amount"] as? Int == 1200
            && gave[0]["unit"] as? String == "minutes", "\(gave)")
        #expect(object["unavoidable"] as? Bool == true && object["fewestPossible"] as? Bool == true)

        let misspelled = try Self.write(Self.twoNurses + "bend_order: [min_hour]\n", named: "nurses.yaml")
        let validate = try RotaRun.run(["validate", misspelled])
        #expect(validate.exitCode == 2)
        #expect(validate.stdout.contains("nurses.yaml:9:") && validate.stdout.contains("did you mean `min_hours`?"), "\(validate.stdout)")
    }

    static let tiny = """
        rota: 1
        practice: Tiny
        horizon: {start: 2026-12-07, days: 2}
        roles: [{id: rn}]
        shift_types: [{id: AM, symbol: A, start: "08:00", end: "12:00"}]
        staff: [{id: rn-01, role: rn}, {id: rn-02, role: rn}]
        coverage: [{shift: AM, days: all, who: rn, min: 1, target: 1}]
        requests: [{staff: rn-01, date: 2026-12-08, off: true, weight: 3}]
        """

    @Test func validateAcceptsTheExamplePractice() throws {
        let run = try RotaRun.run(["validate", Self.example])
        #expect(run.exitCode == 0, "\(run.stdout)")
        #expect(run.stdout.contains("valid — 40 staff, 31 days from 2026-12-01"))
    }

    @Test func validateReportsEveryErrorWithExit2AndGitHubAnnotations() throws {
        let path = try Self.write(Self.tiny.replacingOccurrences(of: "{id: rn-02, role: rn}", with: "{id: rn-02, rol: rn}"), named: "bad.yaml")
        let text = try RotaRun.run(["validate", path, Self.example])
        #expect(text.exitCode == 2)
        #expect(text.stdout.contains("bad.yaml:6:44: error: staff[1].rol: unknown key `rol` — did you mean `role`?"))
        #expect(text.stdout.contains("2 files, 2 errors, 0 warnings"))
        let github = try RotaRun.run(["validate", "--format", "github", path])
        #expect(github.exitCode == 2)
        #expect(github.stdout.contains("::error file=\(path),line=6,col=44,title=staff[1].rol::unknown key `rol`"))
        let json = try RotaRun.run(["validate", "--format", "json", path])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(object?["errors"] as? Int == 2)
    }

    @Test func strictTurnsWarningsIntoExit1() throws {
        let path = try Self.write(Self.tiny + "\nleave: [{staff: rn-01, from: 2027-03-01, to: 2027-03-02}]", named: "warn.yaml")
        #expect(try RotaRun.run(["validate", path]).exitCode == 0)
        let strict = try RotaRun.run(["validate", "--strict", path])
        #expect(strict.exitCode == 1)
        #expect(strict.stdout.contains("warning: leave[0]: this leave lies outside the horizon"))
    }

    @Test func solveAScenarioPrintsTheReportWithoutColourWhenPiped() throws {
        let path = try Self.write(Self.tiny, named: "tiny.yaml")
        let csv = (path as NSString).deletingLastPathComponent + "/roster.csv"
        let run = try RotaRun.run(["solve", path, "--work-limit", "3000", "--time-limit", "120", "--out", csv])
        #expect(run.exitCode == 0, "\(run.stderr)")
        #expect(run.stdout.contains("status     optimal"))
        #expect(run.stdout.contains("evaluator  agrees (0), every hard rule met"))
        // Either nurse may take the 7th (both rosters cost 0); rn-02 must take the 8th, which rn-01 asked off.
        #expect(run.stdout.contains("  rn-01      │ ") && run.stdout.contains("  rn-02      │ "))
        #expect(run.stdout.contains("Coverage (people assigned per session and group)"))
        #expect(run.stdout.contains("Per person"))
        #expect(!run.stdout.contains("\u{1B}["))
        let rows = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n")
        #expect(rows.first == "staff,date,shift")
        #expect(rows.contains("rn-02,2026-12-08,AM"))
    }

    /// A hard floor of one nurse and a target of two count the same nurses: two on shift meet both, three
    /// are one above the target. Summing the two rules would have called two nurses short.
    @Test func coverageGridTakesTheLargestOfTwoRulesOnOneSessionNotTheirSum() throws {
        let text = """
            rota: 1
            practice: Overlap
            horizon: {start: 2026-12-07, days: 2}
            roles: [{id: rn}]
            shift_types: [{id: AM, symbol: A, start: "08:00", end: "12:00"}]
            staff: [{id: rn-01, role: rn}, {id: rn-02, role: rn}, {id: rn-03, role: rn}]
            coverage:
              - {shift: AM, days: all, who: rn, min: 1}
              - {shift: AM, dates: [2026-12-07], who: rn, target: 2, hard: false, under_weight: 10, over_weight: 0}
              - {shift: AM, dates: [2026-12-08], who: rn, target: 2, hard: false, under_weight: 10, over_weight: 1}
            requests:
              - {staff: rn-01, date: 2026-12-07, shift: AM, on: true, weight: 5}
              - {staff: rn-02, date: 2026-12-07, shift: AM, on: true, weight: 5}
              - {staff: rn-03, date: 2026-12-07, shift: AM, on: true, weight: 5}
              - {staff: rn-01, date: 2026-12-08, shift: AM, on: true, weight: 5}
              - {staff: rn-02, date: 2026-12-08, shift: AM, on: true, weight: 5}
              - {staff: rn-03, date: 2026-12-08, shift: AM, on: true, weight: 5}
            """
        let path = try Self.write(text, named: "overlap.yaml")
        let run = try RotaRun.run(["solve", path, "--work-limit", "3000", "--time-limit", "120"])
        #expect(run.exitCode == 0, "\(run.stderr)")
        // Everyone asked for both mornings: three nurses each day, free above the target on the 7th and one
        // extra (cost 1, less than a request's 5) on the 8th.
        #expect(run.stdout.contains("objective  1  (over cover 1)"), "\(run.stdout)")
        let row = run.stdout.split(separator: "\n").first { $0.hasPrefix("AM rn") }
        #expect(row.map { $0.hasSuffix("│ 3   3+") } == true, "\(row ?? "no AM rn row")")
        #expect(run.stdout.contains("In all: 0 short, 1 above."))
    }

    @Test func solveRefusesAnInvalidScenarioWithExit2() throws {
        let path = try Self.write(Self.tiny.replacingOccurrences(of: "role: rn}]", with: "role: nurse}]"), named: "bad.yaml")
        let run = try RotaRun.run(["solve", path, "--work-limit", "3000", "--time-limit", "120"])
        #expect(run.exitCode == 2)
        #expect(run.stderr.contains("staff `rn-02` refers to role `nurse` which is not defined"))
        #expect(run.stderr.contains("nothing was solved"))
    }
}

/// One site a day through the binary: the roster keeps it, and a month it does not fit names it.
@Suite struct OneSitePerDayCLITests {
    static func scenario(physicians: Int) -> String {
        """
        rota: 1
        practice: Two sites
        horizon: {start: 2026-12-07, days: 2}
        sites: [{id: north}, {id: south}]
        roles: [{id: physician}]
        one_site_per_day: true
        shift_types:
          - {id: AM, site: north, start: "08:00", end: "12:00"}
          - {id: PM, site: south, start: "13:00", end: "17:00"}
        staff: [\((1...physicians).map { "{id: dr-\($0), role: physician}" }.joined(separator: ", "))]
        coverage:
          - {shift: AM, days: all, who: physician, min: 1}
          - {shift: PM, days: all, who: physician, min: 1}
        requests: [{staff: dr-1, date: 2026-12-07, shift: PM, on: true, weight: 50}]

        """
    }

    @Test func theRosterKeepsOneSiteADay() throws {
        let folder = try temporaryDirectory()
        let path = folder.appendingPathComponent("sites.yaml").path
        try Self.scenario(physicians: 2).write(toFile: path, atomically: true, encoding: .utf8)
        let csv = folder.appendingPathComponent("roster.csv").path
        let run = try RotaRun.run(["solve", path, "--work-limit", "500", "--out", csv])
        #expect(run.exitCode == 0, "\(run.stdout)\(run.stderr)")
        let rows = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n").dropFirst()
        let days = Dictionary(grouping: rows.map { $0.split(separator: ",").map(String.init) }, by: { "\($0[0]) \($0[1])" })
        #expect(days.values.allSatisfy { $0.count == 1 }, "\(rows)")
        #expect(rows.count == 4, "both sessions covered on both days: \(rows)")
    }

    @Test func aMonthItDoesNotFitNamesIt() throws {
        let path = try temporaryDirectory().appendingPathComponent("sites.yaml").path
        try Self.scenario(physicians: 1).write(toFile: path, atomically: true, encoding: .utf8)
        let run = try RotaRun.run(["solve", path, "--work-limit", "500"])
        #expect(run.exitCode == 3, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("nobody works at two sites on one day (`one_site_per_day`)"), "\(run.stdout)")
        #expect(run.stdout.contains("let people work at two sites a day (`one_site_per_day: false`)"))
    }
}

/// Issue 24's rules through the binary: a standing week and a `who` joining a role and a skill whose
/// credential expires, on a two-day clinic.
@Suite struct StandingWeekAndWhoCLITests {
    static let scenario = """
        rota: 1
        horizon: {start: 2026-12-07, days: 2}
        sites: [{id: north}]
        roles: [{id: physician}, {id: rn}]
        skills: [xray]
        credentials: [arrt]
        skill_credentials: {xray: [arrt]}
        shift_types:
          - {id: AM, site: north, start: "08:00", end: "12:00"}
        staff:
          - {id: dr-a, role: physician}
          - {id: rn-x, role: rn, skills: [xray], credentials: [{kind: arrt, expires: 2026-12-08}]}
        standing_weeks: [{staff: dr-a, mon: [AM], weight: 7}]
        coverage:
          - {shift: AM, days: all, who: physician, min: 1}
          - {shift: AM, days: all, who: rn+skill:xray, target: 1, hard: false, under_weight: 10}

        """

    @Test func deviationsAndExpiredSkillsReadAsAManagerWouldSayThem() throws {
        let folder = try temporaryDirectory()
        let path = folder.appendingPathComponent("clinic.yaml").path
        try Self.scenario.write(toFile: path, atomically: true, encoding: .utf8)
        let run = try RotaRun.run(["solve", path, "--work-limit", "500", "--width", "100"])
        #expect(run.exitCode == 0, "\(run.stdout)\(run.stderr)")
        // Tuesday's AM needs dr-a, outside the standing week; rn-x's X-ray lapses with the ARRT on Tuesday.
        #expect(run.stdout.contains("dr-a works AM on Tue 8 Dec, outside their standing week"), "\(run.stdout)")
        #expect(run.stdout.contains("Tue 8 Dec AM: 1 short of cover (0 rn+skill:xray, 1 needed)"), "\(run.stdout)")
        #expect(run.stdout.contains("objective  17"), "\(run.stdout)")
    }
}

/// Cover by the hour and either/or cover through the binary: a ward open 08–20 with a 12-hour shift and two
/// 8-hour ones, "at least 2 RNs every open hour", and on Tuesday, with rn-c on leave, 3 RNs on E8 or L8.
@Suite struct CoverByTheHourCLITests {
    static func scenario(tuesdayEitherOr: Bool) -> String {
        """
        rota: 1
        horizon: {start: 2026-12-07, days: 2}
        sites: [{id: ward}]
        roles: [{id: rn}]
        shift_types:
          - {id: D12, site: ward, start: "08:00", end: "20:00"}
          - {id: E8, site: ward, start: "08:00", end: "16:00"}
          - {id: L8, site: ward, start: "12:00", end: "20:00"}
        staff: [{id: rn-a, role: rn}, {id: rn-b, role: rn}, {id: rn-c, role: rn}]
        leave: [{staff: rn-c, from: 2026-12-08}]
        requests: [{staff: rn-a, date: 2026-12-07, shift: D12, off: true, weight: 5}]
        coverage:
          - {from: "08:00", to: "20:00", site: ward, who: rn, min: 2}
        \(tuesdayEitherOr ? "  - {shifts: [E8, L8], dates: [2026-12-08], who: rn, min: 3}" : "")

        """
    }

    @Test func everyOpenHourHasItsPeople() throws {
        let folder = try temporaryDirectory()
        let path = folder.appendingPathComponent("ward.yaml").path
        try Self.scenario(tuesdayEitherOr: false).write(toFile: path, atomically: true, encoding: .utf8)
        let csv = folder.appendingPathComponent("roster.csv").path
        let run = try RotaRun.run(["solve", path, "--work-limit", "500", "--out", csv])
        #expect(run.exitCode == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("ward 12:00–16:00 rn │ "), "\(run.stdout)")
        // Every stretch of both days has two RNs, whichever shifts give them (rn-a avoids D12 on Monday).
        let rows = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
        let hours = ["D12": 8..<20, "E8": 8..<16, "L8": 12..<20]
        for date in ["2026-12-07", "2026-12-08"] {
            for hour in 8..<20 {
                let working = rows.filter { $0[1] == date && hours[$0[2]]?.contains(hour) == true }.count
                #expect(working >= 2, "\(date) \(hour):00 has \(working): \(rows)")
            }
        }
        #expect(!rows.contains { $0[0] == "rn-a" && $0[1] == "2026-12-07" && $0[2] == "D12" }, "\(rows)")
        #expect(run.stdout.contains("objective  0"), "\(run.stdout)")
    }

    @Test func aStretchOrAnEitherOrLineLeftShortIsNamedByItsHours() throws {
        let folder = try temporaryDirectory()
        let path = folder.appendingPathComponent("ward.yaml").path
        try Self.scenario(tuesdayEitherOr: true).write(toFile: path, atomically: true, encoding: .utf8)
        let run = try RotaRun.run(["solve", path, "--work-limit", "500", "--width", "200"])
        #expect(run.exitCode == 3, "\(run.stdout)\(run.stderr)")
        // Two RNs on Tuesday: three people short in all, however they are placed.
        #expect(run.stdout.contains("the best roster breaks minimum cover 3"), "\(run.stdout)")
        #expect(run.stdout.contains("Tue 8 Dec E8 or L8 rn:"), "\(run.stdout)")
        #expect(run.stdout.contains("make E8 or L8 cover of rn soft (`hard: false`) or lower its `min`"), "\(run.stdout)")
    }
}

/// Support per provider rostered through the binary: demand asks for three physicians per 4-hour morning (36
/// visits at 3 an hour), two exist, and the RN ratio follows the two rostered; with the one RN on leave the
/// conflict names the ratio.
@Suite struct SupportRatioCLITests {
    static func scenario(rnOnLeave: Bool) -> String {
        """
        rota: 1
        horizon: {start: 2026-12-07, days: 1}
        sites: [{id: north}]
        roles: [{id: physician, provider: true}, {id: rn}]
        shift_types: [{id: AM, site: north, start: "08:00", end: "12:00"}]
        staff: [{id: dr-a, role: physician}, {id: dr-b, role: physician}, {id: rn-a, role: rn}, {id: rn-b, role: rn}]
        \(rnOnLeave ? "leave: [{staff: rn-a, from: 2026-12-07}, {staff: rn-b, from: 2026-12-07}]" : "")
        demand:
          providers: physician
          visits_per_provider_hour: 3
          sessions: {AM: {mon: 36}}
          support: [{who: rn, per_provider: 0.5, of: rostered}]
          under_weight: 10

        """
    }

    @Test func theRatioFollowsTheProvidersRostered() throws {
        let folder = try temporaryDirectory()
        let path = folder.appendingPathComponent("clinic.yaml").path
        try Self.scenario(rnOnLeave: false).write(toFile: path, atomically: true, encoding: .utf8)
        let csv = folder.appendingPathComponent("roster.csv").path
        let run = try RotaRun.run(["solve", path, "--work-limit", "500", "--out", csv])
        #expect(run.exitCode == 0, "\(run.stdout)\(run.stderr)")
        let rows = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n").dropFirst()
        // Two physicians (one short of the three asked for) and an RN for them: 0.5 × 2 rounded up.
        #expect(rows.filter { $0.hasPrefix("dr-") }.count == 2 && rows.filter { $0.hasPrefix("rn-") }.count >= 1, "\(rows)")
        #expect(run.stdout.contains("objective  10"), "\(run.stdout)")
        let explained = try RotaRun.run(["solve", path, "--work-limit", "500", "--explain-demand", "--no-grid", "--roster-only"])
        #expect(explained.stdout.contains("support: 0.5 rn per physician rostered, rounded up, on AM every day they run"), "\(explained.stdout)")
    }

    @Test func aRatioLeftShortIsNamed() throws {
        let folder = try temporaryDirectory()
        let path = folder.appendingPathComponent("clinic.yaml").path
        try Self.scenario(rnOnLeave: true).write(toFile: path, atomically: true, encoding: .utf8)
        let run = try RotaRun.run(["solve", path, "--work-limit", "500", "--width", "200"])
        #expect(run.exitCode == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("Mon 7 Dec AM: 1 short of support per provider rostered (0 rn for 2 physician rostered, 1 needed)"), "\(run.stdout)")
    }
}

/// The rest of issue 24's rules through the binary, each on a two-to-four-day clinic: the roster keeps the
/// rule, and what it costs reads as a manager would say it.
@Suite struct PracticeRulesCLITests {
    /// Solves `scenario`; the roster as `staff day shift` lines and the report.
    static func solve(_ scenario: String) throws -> (cells: [String], stdout: String) {
        let folder = try temporaryDirectory()
        let path = folder.appendingPathComponent("clinic.yaml").path
        try scenario.write(toFile: path, atomically: true, encoding: .utf8)
        let csv = folder.appendingPathComponent("roster.csv").path
        let run = try RotaRun.run(["solve", path, "--work-limit", "1000", "--width", "200", "--out", csv])
        #expect(run.exitCode == 0, "\(run.stdout)\(run.stderr)")
        let rows = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n").dropFirst()
        return (rows.map { $0.replacingOccurrences(of: ",", with: " ") }.sorted(), run.stdout)
    }

    /// Hospital call with `next_day_off`: dr-a, the only physician, takes Monday's call, so Tuesday's
    /// clinic goes without them.
    @Test func postCallMeansTheNextDayOff() throws {
        let (cells, stdout) = try Self.solve("""
            rota: 1
            horizon: {start: 2026-12-07, days: 2}
            sites: [{id: north}]
            roles: [{id: physician}]
            shift_types:
              - {id: AM, site: north, start: "08:00", end: "12:00"}
              - {id: HCALL, start: "18:00", end: "08:00", on_call: true, next_day_off: true}
            staff: [{id: dr-a, role: physician}]
            coverage:
              - {shift: HCALL, dates: [2026-12-07], who: physician, min: 1}
              - {shift: AM, dates: [2026-12-08], who: physician, target: 1, hard: false, under_weight: 10}

            """)
        #expect(cells == ["dr-a 2026-12-07 HCALL"], "\(cells)")
        #expect(stdout.contains("Tue 8 Dec AM: 1 short of cover (0 physician, 1 needed)"), "\(stdout)")
        #expect(stdout.contains("objective  10"), "\(stdout)")
    }

    /// At most three 12-hour days in a row for a nurse who also works 8-hour shifts: over four days rn-a
    /// works D12 three days and E8 (which overlaps it) the other.
    @Test func aRunOfOneShiftTypeStopsAtItsMaximum() throws {
        let (cells, stdout) = try Self.solve("""
            rota: 1
            horizon: {start: 2026-12-07, days: 4}
            sites: [{id: ward}]
            roles: [{id: rn}]
            shift_types:
              - {id: D12, site: ward, start: "08:00", end: "20:00"}
              - {id: E8, site: ward, start: "08:00", end: "16:00"}
            contracts: [{id: nursing, weekly_hours: 48, max_consecutive: {D12: 3}}]
            staff: [{id: rn-a, role: rn, contract: nursing}]
            coverage:
              - {shift: D12, days: all, who: rn, target: 1, hard: false, under_weight: 10}
              - {shift: E8, days: all, who: rn, target: 1, hard: false, under_weight: 1}

            """)
        let d12 = cells.filter { $0.hasSuffix("D12") }
        #expect(d12.count == 3 && cells.count == 4, "three D12 and one E8: \(cells)")
        #expect(d12 != ["rn-a 2026-12-07 D12", "rn-a 2026-12-08 D12", "rn-a 2026-12-09 D12", "rn-a 2026-12-10 D12"])
        #expect(stdout.contains("D12: 1 short of cover (0 rn, 1 needed)"), "\(stdout)")
        #expect(stdout.contains("objective  13"), "\(stdout)")
    }

    /// BLS asked of MAs only on a shared shift: the physician without it works, ma-x without it does not.
    @Test func aCredentialAskedOfOneRoleOnly() throws {
        let (cells, stdout) = try Self.solve("""
            rota: 1
            horizon: {start: 2026-12-07, days: 1}
            sites: [{id: north}]
            roles: [{id: physician}, {id: ma}]
            credentials: [bls]
            shift_types:
              - {id: AM, site: north, start: "08:00", end: "12:00", role_credentials: {ma: [bls]}}
            staff: [{id: dr-a, role: physician}, {id: ma-x, role: ma}]
            coverage:
              - {shift: AM, days: all, who: physician, min: 1}
              - {shift: AM, days: all, who: ma, target: 1, hard: false, under_weight: 10}

            """)
        #expect(cells == ["dr-a 2026-12-07 AM"], "\(cells)")
        #expect(stdout.contains("Mon 7 Dec AM: 1 short of cover (0 ma, 1 needed)"), "\(stdout)")
    }

    /// Fairness over the year: rn-a carries eight mornings over, rn-b none, so of 12 in all rn-a's share
    /// is already used up and the four mornings of these days are rn-b's (a share is clamped to the
    /// horizon's total) — but rn-b is away on Thursday: rn-a's one morning then, and rn-b's missing one,
    /// are each outside a share.
    @Test func carriedOverShiftsCountTowardsTheFairShare() throws {
        let (cells, stdout) = try Self.solve("""
            rota: 1
            horizon: {start: 2026-12-07, days: 4}
            sites: [{id: north}]
            roles: [{id: rn}]
            shift_types: [{id: AM, site: north, start: "08:00", end: "12:00"}]
            staff: [{id: rn-a, role: rn}, {id: rn-b, role: rn}]
            leave: [{staff: rn-b, from: 2026-12-10, to: 2026-12-10}]
            coverage: [{shift: AM, days: all, who: rn, min: 1, max: 1}]
            fairness: [{name: mornings, shifts: [AM], who: rn, weight: 7, carry_over: {rn-a: 8}}]

            """)
        #expect(cells.filter { $0.hasPrefix("rn-a") } == ["rn-a 2026-12-10 AM"], "\(cells)")
        #expect(stdout.contains("rn-a: 1 mornings (8 earlier in the period), fair share 0, 1 outside"), "\(stdout)")
        #expect(stdout.contains("rn-b: 3 mornings, fair share 4, 1 outside"), "\(stdout)")
        #expect(stdout.contains("objective  14"), "\(stdout)")
    }

    /// The holiday rotation: dr-a worked Christmas Day last year, so dr-b takes this year's call — unless
    /// dr-b is away, and then dr-a working it again is what it costs.
    @Test(arguments: [false, true])
    func whoWorkedTheHolidayLastYearIsKeptOffIt(otherAway: Bool) throws {
        let (cells, stdout) = try Self.solve("""
            rota: 1
            horizon: {start: 2026-12-25, days: 1}
            roles: [{id: physician}]
            holidays: [{date: 2026-12-25, name: Christmas Day, worked_last_year: [dr-a]}]
            shift_types: [{id: CALL, start: "18:00", end: "08:00", on_call: true}]
            staff: [{id: dr-a, role: physician}, {id: dr-b, role: physician}]
            \(otherAway ? "leave: [{staff: dr-b, from: 2026-12-25}]" : "")
            coverage: [{shift: CALL, days: all, who: physician, min: 1, max: 1}]

            """)
        #expect(cells == [otherAway ? "dr-a 2026-12-25 CALL" : "dr-b 2026-12-25 CALL"], "\(cells)")
        #expect(stdout.contains("dr-a works Christmas Day on Fri 25 Dec again, after working it last year") == otherAway, "\(stdout)")
        #expect(stdout.contains(otherAway ? "objective  50" : "objective  0"), "\(stdout)")
    }
}
