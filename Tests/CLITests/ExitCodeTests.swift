import Foundation
import Testing

/// Exit codes are an API: the same for every command that solves (README "Exit codes"). Ctrl-C is pressed at
/// a known point of the solve through `ROTA_TEST_SIGINT_AT_PHASE`, which makes the process send itself
/// SIGINT when a solve enters that phase: the real signal path, at a point that does not depend on the clock.
@Suite struct ExitCodeTests {
    static let example = RotaRun.packageRoot.appendingPathComponent("scenarios/riverside-2026-12.yaml").path
    static let instance1 = RotaRun.packageRoot.appendingPathComponent("scenarios/nrp/Instance1.txt").path

    static func run(_ arguments: [String], interruptAt phase: String? = nil) throws -> RotaRun {
        try RotaRun.run(arguments, environment: phase.map { ["ROTA_TEST_SIGINT_AT_PHASE": $0] } ?? [:])
    }

    /// Every phase the example practice goes through before it is proven optimal (its LP optimum is nearly
    /// integral: rounded and searched from at once); column generation on Instance2; branch-and-cut on the
    /// smallest benchmark instance; the search on Instance2 without column generation or branch-and-cut
    /// (which would settle it, or take most of the work, first).
    @Test(arguments: [
        (example, "building model", []), (example, "constructing", []), (example, "LP bound", []),
        (example, "neighbourhood search", []), (RotaRun.fixtures.appendingPathComponent("Instance2.txt").path, "column generation", []),
        (instance1, "branch-and-cut", []),
        (RotaRun.fixtures.appendingPathComponent("Instance2.txt").path, "neighbourhood search", ["--column-generation-share", "0", "--branch-and-cut-share", "0"]),
    ])
    func ctrlCInEachPhaseReturnsTheBestRosterAndExits130(file: String, phase: String, extra: [String]) throws {
        let run = try Self.run(["solve", file, "--work-limit", "100000", "--time-limit", "300", "--no-grid"] + extra, interruptAt: phase)
        #expect(run.exitCode == 130, "\(phase): \(run.stderr)")
        #expect(run.stdout.contains("status     interrupted"), "\(phase): \(run.stdout.prefix(400))")
        #expect(run.stdout.contains("evaluator  agrees"), "\(phase)")
        #expect(run.stdout.contains("Conflicts"), "\(phase): the roster found so far is printed")
    }

    /// SIGTERM (a service manager, `timeout`) and SIGHUP (the terminal closed) stop a solve as Ctrl-C does:
    /// the best roster is printed and written, and the exit code is 128 + the signal's number.
    @Test(arguments: [("TERM", Int32(143)), ("HUP", Int32(129))])
    func termAndHangUpKeepTheBestRoster(signal: String, code: Int32) throws {
        let out = try temporaryDirectory().appendingPathComponent("roster.csv").path
        let run = try RotaRun.run(
            ["solve", Self.example, "--work-limit", "100000", "--time-limit", "300", "--no-grid", "--out", out],
            environment: ["ROTA_TEST_SIGINT_AT_PHASE": "LP bound", "ROTA_TEST_SIGNAL": signal])
        #expect(run.exitCode == code, "\(run.stderr)")
        #expect(run.stdout.contains("status     interrupted") && run.stdout.contains("evaluator  agrees"))
        #expect(try String(contentsOfFile: out, encoding: .utf8).hasPrefix("staff,date,shift\n"))
    }

    /// A physician on leave the one day a nurse practitioner is pinned: she cannot be supervised, which no
    /// check before the solve sees.
    static let unsupervised = """
        rota: 1
        horizon: {start: 2026-12-07, days: 2}
        sites: [{id: north}]
        roles: [{id: physician, provider: true}, {id: np, provider: true, supervised_by: [physician]}]
        shift_types: [{id: AM, site: north, start: "08:00", end: "12:00"}]
        staff: [{id: dr-a, role: physician}, {id: np-b, role: np}]
        pinned: [{staff: np-b, date: 2026-12-07, shift: AM}]

        """

    static func files() throws -> (base: String, sick: String, published: String, folder: URL) {
        let folder = try temporaryDirectory()
        let base = folder.appendingPathComponent("base.yaml").path
        try unsupervised.write(toFile: base, atomically: true, encoding: .utf8)
        let sick = folder.appendingPathComponent("sick.yaml").path
        try "change: 1\nname: dr-a sick\nleave: [{staff: dr-a, from: 2026-12-07, kind: sick}]\n"
            .write(toFile: sick, atomically: true, encoding: .utf8)
        let published = folder.appendingPathComponent("published.csv").path
        try "staff,date,shift\ndr-a,2026-12-07,AM\nnp-b,2026-12-07,AM\n".write(toFile: published, atomically: true, encoding: .utf8)
        return (base, sick, published, folder)
    }

    @Test func aRosterThatBreaksAHardRuleExits3InEveryCommand() throws {
        let (base, sick, published, folder) = try Self.files()
        let broken = folder.appendingPathComponent("broken.yaml").path
        try (Self.unsupervised + "leave: [{staff: dr-a, from: 2026-12-07}]\n").write(toFile: broken, atomically: true, encoding: .utf8)

        let solve = try Self.run(["solve", broken, "--work-limit", "2000"])
        #expect(solve.exitCode == 3, "\(solve.stdout)\(solve.stderr)")
        #expect(solve.stdout.contains("HARD"))
        #expect(try Self.run(["solve", base, "--work-limit", "2000"]).exitCode == 0)

        let whatif = try Self.run(["whatif", base, "--change", sick, "--work", "1000"])
        #expect(whatif.exitCode == 3, "\(whatif.stdout)\(whatif.stderr)")

        let reroster = try Self.run(["reroster", base, "--published", published, "--change", sick, "--work-limit", "1000"])
        #expect(reroster.exitCode == 3, "\(reroster.stdout)\(reroster.stderr)")
        #expect(reroster.stdout.contains("HARD"))
    }

    @Test func ctrlCExits130InWhatIfAndReroster() throws {
        let whatif = try Self.run(
            ["whatif", Self.example, "--change", RotaRun.packageRoot.appendingPathComponent("scenarios/changes/hire-np.yaml").path,
             "--work", "100000", "--time-limit", "300"],
            interruptAt: "constructing")
        #expect(whatif.exitCode == 130, "\(whatif.stderr)")
        #expect(whatif.stdout.contains("interrupted"), "the base, interrupted with its first roster, is in the table")

        let folder = try temporaryDirectory()
        let published = folder.appendingPathComponent("published.csv").path
        #expect(try RotaRun.run(WhatIfCLITests.publishCommand(published)).exitCode == 0)
        let reroster = try Self.run(
            ["reroster", Self.example, "--published", published, "--change",
             RotaRun.packageRoot.appendingPathComponent("scenarios/changes/rn-sick.yaml").path, "--work-limit", "100000",
             "--time-limit", "300", "--no-fresh-solve"],
            interruptAt: "constructing")
        #expect(reroster.exitCode == 130, "\(reroster.stdout)\(reroster.stderr)")
        #expect(reroster.stdout.contains("status      interrupted"))
    }

    /// Two changes stack in memory, and the solve's data files go when it ends: nothing is left in the
    /// temporary folder.
    @Test func stackedChangesLeaveNoFilesBehind() throws {
        let (base, sick, published, folder) = try Self.files()
        let second = folder.appendingPathComponent("second.yaml").path
        try "change: 1\nname: np-b off Tuesday\nleave: [{staff: np-b, from: 2026-12-08}]\n".write(toFile: second, atomically: true, encoding: .utf8)
        let scratch = try temporaryDirectory()
        let run = try RotaRun.run(
            ["reroster", base, "--published", published, "--change", sick, "--change", second, "--work-limit", "1000"],
            environment: ["TMPDIR": scratch.path])
        #expect(run.exitCode == 3, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("+ \(second)"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).isEmpty)
    }

    @Test func versionNamesTheFormatAndGLPK() throws {
        let version = try Self.run(["--version"])
        #expect(version.exitCode == 0)
        #expect(version.stdout.hasPrefix("rota ") && version.stdout.contains("scenario format 1, GLPK 5."), "\(version.stdout)")
    }

    @Test func badInputExits2AndUsageExits64() throws {
        let folder = try temporaryDirectory()
        let bad = folder.appendingPathComponent("bad.yaml").path
        try "rota: 1\nhorizon: {start: 2026-12-07, days: 2}\nstaf: []\n".write(toFile: bad, atomically: true, encoding: .utf8)
        for command in [["solve", bad], ["validate", bad], ["whatif", bad, "--change", bad], ["reroster", bad, "--published", bad, "--change", bad]] {
            let run = try Self.run(command)
            #expect(run.exitCode == 2, "\(command[0]): \(run.stderr)")
        }
        #expect(try Self.run(["solve"]).exitCode == 64)
        #expect(try Self.run(["solve", bad, "--time-limit", "-1"]).exitCode == 64)
    }
}
