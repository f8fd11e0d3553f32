import Foundation
import RotaFuzz
import Testing

/// The fuzzing suite's short run (the long one is `scripts/fuzz.sh`, figures in BENCHMARKS.md), and the
/// defects it found, each on a small input.
@Suite struct FuzzTests {
    static let corpus = RotaRun.packageRoot.appendingPathComponent("Tests/FuzzCorpus")
    static let clinic = corpus.appendingPathComponent("scenario/clinic.yaml").path

    /// Seeded mutants of every kind of file through the binary: no crash, no hang, every error placed.
    @Test func aShortSeededMutationRunFindsNothing() throws {
        let fuzzer = CLIFuzzer(rota: RotaRun.binary, corpus: Self.corpus, seed: 20261202, jobs: 2)
        let report = try fuzzer.run(count: 160)
        #expect(report.mutants == 160)
        #expect(report.findings.isEmpty, "\(report.findings.map { "\($0.outcome) \($0.kind) #\($0.index): \($0.excerpt)" })")
        // The mutants reach past the readers: some are still valid and get solved.
        #expect((report.exitCodes[0] ?? 0) > 0 && (report.exitCodes[2] ?? 0) > 0)
    }

    /// The same readers in-process, as the libFuzzer target calls them, over the corpus and its mutants.
    @Test func theReadersPlaceEveryErrorInProcess() throws {
        for kind in FuzzKind.allCases {
            let harness = try ReaderHarness(kind: kind, corpus: Self.corpus)
            let folder = Self.corpus.appendingPathComponent(kind.rawValue)
            let seeds = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
                .map { Array(try Data(contentsOf: folder.appendingPathComponent($0))) }
            var mutator = Mutator(seed: 7)
            for index in 0..<150 {
                let input = index < seeds.count ? seeds[index] : mutator.mutate(seeds[index % seeds.count], donors: seeds)
                do { try harness.read(input) } catch { Issue.record("\(kind) mutant \(index): \(error)") }
            }
        }
    }

    @Test func theSameSeedGivesTheSameMutants() throws {
        let fuzzer = CLIFuzzer(rota: RotaRun.binary, corpus: Self.corpus, seed: 3)
        let seeds = [Array("rota: 1\nhorizon: {start: 2026-12-07, days: 7}\n".utf8)]
        #expect(fuzzer.mutant(5, kind: .scenario, seeds: seeds) == fuzzer.mutant(5, kind: .scenario, seeds: seeds))
        #expect((0..<20).map { fuzzer.mutant($0, kind: .scenario, seeds: seeds) }.contains { $0 != seeds[0] })
    }

    @Test func aRosterThatIsNotUTF8OrHoldsEscapesIsNamedByLine() throws {
        let folder = try temporaryDirectory()
        let latin1 = folder.appendingPathComponent("latin1.csv").path
        try Data("staff,date,shift\ndr-a,2026-12-21,AM\nren".utf8 + [0xE9] + Data(",2026-12-22,AM\n".utf8))
            .write(to: URL(fileURLWithPath: latin1))
        let bytes = try RotaRun.run(["reroster", Self.clinic, "--published", latin1, "--work-limit", "50", "--no-fresh-solve"])
        #expect(bytes.exitCode == 2 && bytes.stderr.contains("latin1.csv:3: the file is not UTF-8 text (byte 0xE9 at column 4)"), "\(bytes.stderr)")

        let escapes = folder.appendingPathComponent("escapes.csv").path
        try "staff,date,shift\nd\u{1B}[31mr-a,2026-12-21,AM\n".write(toFile: escapes, atomically: true, encoding: .utf8)
        let escaped = try RotaRun.run(["reroster", Self.clinic, "--published", escapes, "--work-limit", "50", "--no-fresh-solve"])
        #expect(escaped.exitCode == 2 && escaped.stderr.contains("escapes.csv:2: unknown staff `d\\u{1B}[31mr-a`"), "\(escaped.stderr)")
        #expect(!escaped.stderr.contains("\u{1B}"))
    }

    /// Without a change file, `reroster` repairs the published roster against the scenario as it is.
    @Test func aRerosterWithoutAChangeRepairsThePublishedRoster() throws {
        let folder = try temporaryDirectory()
        let roster = folder.appendingPathComponent("published.csv").path
        let solved = try RotaRun.run(["solve", Self.clinic, "--work-limit", "100", "--out", roster])
        #expect(solved.exitCode == 0)
        let same = try RotaRun.run(["reroster", Self.clinic, "--published", roster, "--work-limit", "100", "--no-fresh-solve"])
        #expect(same.exitCode == 0 && same.stdout.contains("none: the published roster stands"), "\(same.stdout)\(same.stderr)")
        // A hand edit that leaves the night of 22 Dec without a physician is repaired.
        let edited = try String(contentsOfFile: roster, encoding: .utf8).split(separator: "\n")
            .filter { !($0.hasSuffix(",2026-12-22,CALL")) }.joined(separator: "\n") + "\n"
        try edited.write(toFile: roster, atomically: true, encoding: .utf8)
        let repaired = try RotaRun.run(["reroster", Self.clinic, "--published", roster, "--work-limit", "100", "--no-fresh-solve"])
        #expect(repaired.exitCode == 0 && repaired.stdout.contains("1 assignments (0 dropped, 1 added)"), "\(repaired.stdout)\(repaired.stderr)")
        #expect(repaired.stdout.contains("Tue 22 Dec") && repaired.stdout.contains("CALL"))
    }

    /// Scales multiply past any number a session can have; the normalizer used to trap converting it.
    @Test func stackedDemandScalesAreCappedNotACrash() throws {
        let folder = try temporaryDirectory()
        let path = folder.appendingPathComponent("scaled.yaml").path
        try """
            rota: 1
            horizon: {start: 2026-12-07, days: 7}
            roles: [{id: physician, provider: true}]
            shift_types: [{id: AM, start: "08:00", end: "12:00"}]
            staff: [{id: dr-a, role: physician}]
            demand:
              providers: physician
              visits_per_provider_session: 0.1
              sessions: {AM: {mon: 100000}}
              adjust: [{scale: 100}, {scale: 100}, {scale: 100}, {scale: 100}, {scale: 100}, {scale: 100}, {scale: 100}]

            """.write(toFile: path, atomically: true, encoding: .utf8)
        let run = try RotaRun.run(["validate", path])
        #expect(run.exitCode == 0 && run.stdout.contains("scaled.yaml:10:12: warning: demand.adjust[0]: scaled demand exceeds 100000 visits"), "\(run.stdout)\(run.stderr)")
    }

    /// A change file that adds the same id twice is refused at the second addition's line, for people, shift
    /// types and contracts alike. (The fuzzer's 4 000 repeated additions of one person took 38 s to refuse;
    /// the check is now linear, measured rather than timed here.)
    @Test func aChangeThatAddsAnIdTwiceNamesTheSecond() throws {
        let folder = try temporaryDirectory()
        let path = folder.appendingPathComponent("twice.yaml").path
        try """
            change: 1
            shift_types:
              add:
                - {id: EVE, start: "18:00", end: "21:00"}
                - {id: EVE, start: "18:00", end: "22:00"}
            contracts:
              add:
                - {id: locum, weekly_hours: 20}
                - {id: locum, weekly_hours: 30}
            staff:
              - add: {id: np-x, role: np, contract: staff}
              - add: {id: np-x, role: np, contract: staff}

            """.write(toFile: path, atomically: true, encoding: .utf8)
        let run = try RotaRun.run(["whatif", Self.clinic, "--change", path, "--work", "10"])
        #expect(run.exitCode == 2)
        for expected in [
            "twice.yaml:5:12: error: shift_types.add[1].id: shift type `EVE` already exists",
            "twice.yaml:9:12: error: contracts.add[1].id: contract `locum` already exists",
            "twice.yaml:12:15: error: staff[1].add.id: staff member `np-x` already exists",
        ] {
            #expect(run.stderr.contains(expected), "\(run.stderr)")
        }
    }

    @Test func wholeFileErrorsNameALine() throws {
        let folder = try temporaryDirectory()
        let empty = folder.appendingPathComponent("empty.yaml").path
        try "# nothing yet\n".write(toFile: empty, atomically: true, encoding: .utf8)
        let change = try RotaRun.run(["whatif", Self.clinic, "--change", empty, "--work", "10"])
        #expect(change.exitCode == 2 && change.stderr.contains("empty.yaml:1:1: error: the change file is empty"), "\(change.stderr)")
        let scenario = try RotaRun.run(["validate", empty])
        #expect(scenario.exitCode == 2 && scenario.stdout.contains("empty.yaml:1:1: error: the file is empty"), "\(scenario.stdout)")

        let nrp = folder.appendingPathComponent("nostaff.txt").path
        try "SECTION_HORIZON\n7\n\nSECTION_SHIFTS\nD,480,\n\nSECTION_STAFF\n# nobody yet\n".write(toFile: nrp, atomically: true, encoding: .utf8)
        let instance = try RotaRun.run(["validate", nrp])
        #expect(instance.exitCode == 2 && instance.stdout.contains("nostaff.txt:7:1: error: no staff in SECTION_STAFF"), "\(instance.stdout)")
    }
}
