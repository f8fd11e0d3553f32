import Foundation
import RotaCore
import Testing

/// Bad input never crashes, never leaks and never loses data: each case is one an attack on Rota found.
@Suite struct RobustnessTests {
    static let example = RotaRun.packageRoot.appendingPathComponent("scenarios/riverside-2026-12.yaml").path

    static func copyOfExample() throws -> (folder: URL, path: String) {
        let folder = try temporaryDirectory()
        let path = folder.appendingPathComponent("in.yaml").path
        try FileManager.default.copyItem(atPath: example, toPath: path)
        return (folder, path)
    }

    @Test func theOutputIsNeverTheInputAFolderOrADevice() throws {
        let (folder, input) = try Self.copyOfExample()
        let before = try Data(contentsOf: URL(fileURLWithPath: input))
        let same = try RotaRun.run(["solve", input, "--out", input, "--work-limit", "100"])
        #expect(same.exitCode == 2 && same.stderr.contains("writing it would destroy it"))
        // Another path to the same file is the same file.
        let other = try RotaRun.run(["solve", input, "--out", folder.appendingPathComponent("./in.yaml").path, "--work-limit", "100"])
        #expect(other.exitCode == 2)
        #expect(try Data(contentsOf: URL(fileURLWithPath: input)) == before)
        let directory = try RotaRun.run(["solve", input, "--out", folder.path, "--work-limit", "100"])
        #expect(directory.exitCode == 2 && directory.stderr.contains("is a folder") && !directory.stderr.contains("NSCocoaErrorDomain"))
        let device = try RotaRun.run(["solve", input, "--out", "/dev/null", "--work-limit", "100"])
        #expect(device.exitCode == 2 && device.stderr.contains("not a regular file"))
    }

    /// `rota solve … --out F | head -1`: the reader goes away, the roster file is still written.
    @Test func aReaderThatGoesAwayDoesNotStopTheOutputFile() throws {
        let folder = try temporaryDirectory()
        let out = folder.appendingPathComponent("roster.csv").path
        let process = Process()
        process.executableURL = RotaRun.binary
        process.arguments = ["solve", Self.example, "--work-limit", "500", "--out", out]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        _ = pipe.fileHandleForReading.readData(ofLength: 10)
        try pipe.fileHandleForReading.close()
        process.waitUntilExit()
        #expect(process.terminationReason == .exit, "killed by a signal: \(process.terminationStatus)")
        #expect(FileManager.default.fileExists(atPath: out))
    }

    @Test func aDemandFileIsACSVWhoseLinesAreNeverEchoed() throws {
        let folder = try temporaryDirectory()
        func scenario(_ file: String) throws -> String {
            let path = folder.appendingPathComponent("s.yaml").path
            try """
                rota: 1
                horizon: {start: 2026-12-07, days: 7}
                roles: [{id: physician, provider: true}]
                shift_types: [{id: AM, start: "08:00", end: "12:00"}]
                staff: [{id: dr-a, role: physician}]
                demand: {providers: physician, visits_per_provider_session: 10, file: "\(file)"}

                """.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
        let passwd = try RotaRun.run(["validate", try scenario("/etc/passwd")])
        let passwdText = passwd.stdout + passwd.stderr
        #expect(passwd.exitCode == 2 && passwdText.contains("must be a .csv file") && !passwdText.contains("root:"))
        try "date,shift,visits\n2026-12-07,AM,inf\n2026-12-08,AM,1e300\n2026-12-09,AM,12,extra\n"
            .write(to: folder.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
        let csv = try RotaRun.run(["validate", try scenario("d.csv")])
        #expect(csv.exitCode == 2)
        let csvText = csv.stdout + csv.stderr
        for line in 2...4 { #expect(csvText.contains("d.csv:\(line):1: error"), "\(csvText)") }
        #expect(!csvText.contains("extra"), "lines are named, not echoed")
    }

    @Test func namesCannotForgeLinesOrEscapes() throws {
        let folder = try temporaryDirectory()
        let path = folder.appendingPathComponent("s.yaml").path
        try """
            rota: 1
            horizon: {start: 2026-12-07, days: 7}
            roles: [{id: rn, name: "Nurse\\n::error file=README.md::forged"}]
            shift_types: [{id: AM, start: "08:00", end: "12:00"}]
            staff: [{id: "=cmd|' /C calc'!A0", role: rn}, {id: "rn\\u001b[31m", role: rn}]

            """.write(toFile: path, atomically: true, encoding: .utf8)
        let run = try RotaRun.run(["validate", path, "--format", "github"])
        #expect(run.exitCode == 2)
        #expect(run.stdout.split(separator: "\n").allSatisfy { $0.hasPrefix("::error file=\(path)") || $0.hasPrefix("::warning") || !$0.hasPrefix("::") })
        #expect(!run.stdout.contains("\u{1B}") && !run.stderr.contains("\u{1B}"))
        #expect(run.stdout.contains("control characters") || run.stderr.contains("control characters"))
        #expect(run.stdout.contains("cannot be an id") || run.stderr.contains("cannot be an id"))
    }

    /// A YAML slip is reported where it is, not at the top of the file.
    @Test func yamlSlipsNameTheirLine() throws {
        let folder = try temporaryDirectory()
        let duplicated = folder.appendingPathComponent("dup.yaml").path
        try "rota: 1\nhorizon: {start: 2026-12-07, days: 7}\nrota: 2\n".write(toFile: duplicated, atomically: true, encoding: .utf8)
        let dup = try RotaRun.run(["validate", duplicated])
        #expect(dup.exitCode == 2 && dup.stdout.contains("dup.yaml:3:1: error") && dup.stdout.contains("`rota` is given twice"), "\(dup.stdout)")

        let latin1 = folder.appendingPathComponent("latin1.yaml").path
        try Data("rota: 1\nstaff: [{id: ren".utf8 + [0xE9] + Data("}]\n".utf8)).write(to: URL(fileURLWithPath: latin1))
        let bytes = try RotaRun.run(["validate", latin1])
        #expect(bytes.exitCode == 2 && bytes.stdout.contains("latin1.yaml:2:17: error") && bytes.stdout.contains("not UTF-8"), "\(bytes.stdout)")
    }

    /// Numbers far outside any practice are refused where they are read, with the field named.
    @Test func outOfRangeNumbersAreRefusedAndNothingIsWritten() throws {
        let session = try RecordsCLITests.Session()
        #expect(try session.run("init").exitCode == 0)
        #expect(try session.run("supply", "add", "gloves", "--name", "Gloves", "--unit", "box", "--on-hand", "1", "--reorder-point", "1", "--reorder-quantity", "1").exitCode == 0)
        let before = try session.snapshot()
        for arguments in [
            ["supply", "receive", "gloves", "1e308"], ["supply", "receive", "gloves", "nan"], ["supply", "use", "gloves", "inf"],
            ["supply", "add", "masks", "--name", "Masks", "--unit", "box", "--on-hand", "1e300", "--reorder-point", "1", "--reorder-quantity", "1"],
            ["contract", "add", "huge", "--weekly-hours", "1e9", "--annual-leave-days", "24"],
            ["contract", "add", "nursing", "--weekly-hours", "37.5", "--annual-leave-days", "1e300"],
            ["staff", "add", "rn-1", "--name", "A", "--role", "rn", "--fte", "nan", "--contract", "none", "--start", "2026-01-05"],
        ] {
            let run = try session.run(arguments)
            #expect(run.exitCode == 2, "\(arguments): \(run.stdout) \(run.stderr)")
            #expect(!run.stderr.contains("Fatal") && run.stderr.contains("error"), "\(arguments): \(run.stderr)")
        }
        #expect(try session.snapshot() == before, "a refused change writes nothing")
        for arguments in [
            ["credential", "expiring", "--within", "99999999999999999y"], ["audit", "--limit", "0"],
            ["audit", "--limit", "99999999999999999999"],
        ] {
            let run = try session.run(arguments)
            #expect(run.exitCode == 64, "\(arguments): \(run.exitCode) \(run.stderr)")
        }
        let reroster = try RotaRun.run(["reroster", Self.example, "--published", Self.example, "--change-weight", "1e300"])
        #expect(reroster.exitCode == 64 && reroster.stderr.contains("--change-weight"))
    }
}
