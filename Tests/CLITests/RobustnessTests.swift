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
}
