import ArgumentParser
import Foundation
import RotaFuzz

/// Rota's fuzzing tools: the seeded mutation fuzzer over the `rota` binary, and the in-process readers
/// (replayed over files here; driven by libFuzzer when built with `-sanitize=fuzzer -D LIBFUZZER`, see
/// `scripts/fuzz_readers.sh`).
@main
struct RotaFuzzCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rota-fuzz",
        abstract: "Fuzz Rota's file readers and commands.",
        discussion: "Exit 0 when nothing was found, 1 when a mutant crashed, hung, printed an error without a line, or leaked control characters.",
        subcommands: [Mutate.self, Readers.self])
}

struct Mutate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run seeded mutants of the corpus through the rota binary (validate, solve, whatif, reroster).")

    @Option(help: "How many mutants, spread evenly over the kinds.") var count = 1000
    @Option(help: "The seed: the same seed and corpus give the same mutants.") var seed: UInt64 = 1
    @Option(help: "Mutants run at once.") var jobs = 1
    @Option(help: "The corpus folder (scenario/, change/, nrp/, roster/).") var corpus = "Tests/FuzzCorpus"
    @Option(help: "The rota binary.") var rota = ".build/release/rota"
    @Option(help: "Seconds after which a command counts as hung.") var timeout = 20.0
    @Option(help: "Keep every mutant with a finding in this folder.") var keep: String?
    @Option(help: "Only these kinds (comma-separated: scenario, change, nrp, roster).") var kinds: String?

    func run() throws {
        let selected = try kinds.map { list in
            try list.split(separator: ",").map { name in
                guard let kind = FuzzKind(rawValue: String(name)) else { throw ValidationError("unknown kind `\(name)`") }
                return kind
            }
        } ?? FuzzKind.allCases
        guard (1...1_000_000).contains(count), (1...64).contains(jobs), (1...3600).contains(timeout) else {
            throw ValidationError("--count is 1…1000000, --jobs 1…64, --timeout 1…3600")
        }
        let fuzzer = CLIFuzzer(
            rota: URL(fileURLWithPath: rota), corpus: URL(fileURLWithPath: corpus), seed: seed, jobs: jobs,
            timeout: timeout, keepFolder: keep.map { URL(fileURLWithPath: $0) })
        let step = max(1, count / 20)
        let report = try fuzzer.run(count: count, kinds: selected) { done in
            if done % step == 0 { FileHandle.standardError.write(Data("\(done)/\(count)\n".utf8)) }
        }
        print(report.table)
        let codes = report.exitCodes.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
        print("\n\(report.mutants) mutants, \(report.processes) rota runs in \(Int(report.seconds)) s; exit codes \(codes)")
        for finding in report.findings.prefix(30) {
            print("\n\(finding.outcome.rawValue): \(finding.kind.rawValue) mutant \(finding.index) (exit \(finding.exitCode)): rota \(finding.arguments.joined(separator: " "))")
            if let kept = finding.keptAt { print("  kept at \(kept)") }
            print(finding.excerpt.split(separator: "\n").prefix(4).map { "  | " + $0 }.joined(separator: "\n"))
        }
        if !report.findings.isEmpty { throw ExitCode(1) }
    }
}

struct Readers: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read files in-process with the readers of one kind; under libFuzzer, fuzz them.",
        discussion: "Built normally, every FILE is read and findings are listed. Built by scripts/fuzz_readers.sh, the arguments after the kind go to libFuzzer (a corpus folder, -max_total_time=N, …).")

    @Argument(help: "scenario, change, nrp or roster.") var kind: String
    @Option(help: "The corpus folder whose scenario/clinic.yaml changes and rosters apply to.") var corpus = "Tests/FuzzCorpus"
    @Option(help: "Also read this many seeded mutants of the corpus's files of this kind, in-process.") var mutants = 0
    @Option(help: "The seed for --mutants.") var seed: UInt64 = 1
    @Argument(parsing: .allUnrecognized, help: "Files to read (or libFuzzer's arguments).") var files: [String] = []

    func run() throws {
        guard let fuzzKind = FuzzKind(rawValue: kind) else { throw ValidationError("unknown kind `\(kind)`") }
        let harness = try ReaderHarness(kind: fuzzKind, corpus: URL(fileURLWithPath: corpus))
        #if LIBFUZZER
        try LibFuzzerDriver.run(harness, arguments: [CommandLine.arguments[0]] + files)
        #else
        var found = 0
        for file in files {
            let data = try Data(contentsOf: URL(fileURLWithPath: file))
            do { try harness.read(Array(data)) } catch {
                found += 1
                print("\(file): \(error)")
            }
        }
        if mutants > 0 {
            let folder = URL(fileURLWithPath: corpus).appendingPathComponent(fuzzKind.rawValue)
            let seeds = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
                .map { Array(try Data(contentsOf: folder.appendingPathComponent($0))) }
            var mutator = Mutator(seed: seed)
            for index in 0..<mutants {
                let input = mutator.mutate(seeds[index % seeds.count], donors: seeds)
                do { try harness.read(input) } catch {
                    found += 1
                    if found <= 20 { print("mutant \(index): \(error)") }
                }
            }
        }
        print("\(files.count) files and \(mutants) mutants read, \(found) findings")
        if found > 0 { throw ExitCode(1) }
        #endif
    }
}
