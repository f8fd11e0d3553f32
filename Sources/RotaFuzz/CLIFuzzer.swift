public import Foundation

/// The kinds of file a user hands Rota, each fuzzed through the command that reads it.
public enum FuzzKind: String, CaseIterable, Sendable {
    case scenario, change, nrp, roster

    /// The corpus folder's file extension for this kind.
    public var fileExtension: String {
        switch self {
        case .scenario, .change: "yaml"
        case .nrp: "txt"
        case .roster: "csv"
        }
    }
}

/// What one mutant did to the `rota` binary. Anything but `.handled` is a finding.
public enum FuzzOutcome: String, Sendable, CaseIterable {
    /// Exit 0–3 with, for bad input (exit 2), an error that names the mutant file and a line.
    case handled
    /// Killed by a signal, or exit 4 (internal error) or any code the README does not list.
    case crash
    /// Still running after the per-command timeout.
    case hang
    /// Exit 2 without `FILE:LINE` (line ≥ 1) of the mutant in what it printed.
    case unplaced
    /// An escape character or a line starting with `::` (a CI workflow command) in the output: input text
    /// reached the terminal or the CI log raw.
    case leak
}

/// One finding: the mutant, the command and what was seen.
public struct FuzzFinding: Sendable {
    public var kind: FuzzKind
    public var index: Int
    public var outcome: FuzzOutcome
    public var arguments: [String]
    public var exitCode: Int32
    public var excerpt: String
    /// Where the mutant was kept (when `keepFolder` was given).
    public var keptAt: String?
}

/// Totals of a run, per kind and outcome.
public struct FuzzReport: Sendable {
    public var counts: [FuzzKind: [FuzzOutcome: Int]] = [:]
    public var findings: [FuzzFinding] = []
    public var exitCodes: [Int32: Int] = [:]
    public var processes = 0
    public var seconds = 0.0

    public var mutants: Int { counts.values.reduce(0) { $0 + $1.values.reduce(0, +) } }
    public func total(_ outcome: FuzzOutcome) -> Int { counts.values.reduce(0) { $0 + ($1[outcome] ?? 0) } }

    /// A Markdown table of the run, one row per kind.
    public var table: String {
        var lines = ["| kind | mutants | " + FuzzOutcome.allCases.map(\.rawValue).joined(separator: " | ") + " |"]
        lines.append("| --- | ---: |" + String(repeating: " ---: |", count: FuzzOutcome.allCases.count))
        for kind in FuzzKind.allCases {
            guard let row = counts[kind] else { continue }
            let values = FuzzOutcome.allCases.map { String(row[$0] ?? 0) }
            lines.append("| \(kind.rawValue) | \(row.values.reduce(0, +)) | " + values.joined(separator: " | ") + " |")
        }
        let values = FuzzOutcome.allCases.map { String(total($0)) }
        lines.append("| all | \(mutants) | " + values.joined(separator: " | ") + " |")
        return lines.joined(separator: "\n")
    }
}

/// A seeded mutation fuzzer over the `rota` binary: mutates the corpus's scenario files, change files, NRP
/// instances and roster CSVs and runs each mutant through the commands a user would (validate and solve,
/// whatif, reroster), checking that Rota never crashes or hangs, names the file and line of every error, and
/// never prints an input's control characters raw.
public struct CLIFuzzer: Sendable {
    public var rota: URL
    /// `scenario/`, `change/`, `nrp/`, `roster/`; changes and rosters apply to `scenario/clinic.yaml`.
    public var corpus: URL
    public var seed: UInt64
    public var jobs: Int
    /// A command still running after this many seconds is a hang (the solves are given 3 s).
    public var timeout: Double
    public var keepFolder: URL?

    public init(rota: URL, corpus: URL, seed: UInt64, jobs: Int = 1, timeout: Double = 20, keepFolder: URL? = nil) {
        self.rota = rota
        self.corpus = corpus
        self.seed = seed
        self.jobs = max(1, jobs)
        self.timeout = timeout
        self.keepFolder = keepFolder
    }

    var base: String { corpus.appendingPathComponent("scenario/clinic.yaml").path }

    func seeds(_ kind: FuzzKind) throws -> [[UInt8]] {
        let folder = corpus.appendingPathComponent(kind.rawValue)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix("." + kind.fileExtension) }.sorted()
        return try names.map { Array(try Data(contentsOf: folder.appendingPathComponent($0))) }
    }

    /// Runs `count` mutants, spread evenly over the kinds; `progress` is called after each (from any thread).
    public func run(count: Int, kinds: [FuzzKind] = FuzzKind.allCases, progress: (@Sendable (Int) -> Void)? = nil) throws -> FuzzReport {
        let seedsByKind = try Dictionary(uniqueKeysWithValues: kinds.map { ($0, try seeds($0)) })
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("rota-fuzz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        if let keepFolder { try FileManager.default.createDirectory(at: keepFolder, withIntermediateDirectories: true) }
        let started = Date()
        let lock = NSLock()
        nonisolated(unsafe) var report = FuzzReport()
        nonisolated(unsafe) var done = 0
        DispatchQueue.concurrentPerform(iterations: jobs) { worker in
            var index = worker
            while index < count {
                let kind = kinds[index % kinds.count]
                let result = runMutant(index, kind: kind, seeds: seedsByKind[kind] ?? [], work: work)
                lock.lock()
                report.counts[kind, default: [:]][result.outcome, default: 0] += 1
                report.processes += result.processes
                for code in result.exitCodes { report.exitCodes[code, default: 0] += 1 }
                if let finding = result.finding { report.findings.append(finding) }
                done += 1
                let finished = done
                lock.unlock()
                progress?(finished)
                index += jobs
            }
        }
        report.findings.sort { $0.index < $1.index }
        report.seconds = Date().timeIntervalSince(started)
        return report
    }

    /// The mutant number `index`: the same seed, corpus and index always give the same bytes.
    public func mutant(_ index: Int, kind: FuzzKind, seeds: [[UInt8]]) -> [UInt8] {
        guard !seeds.isEmpty else { return [] }
        var mutator = Mutator(seed: seed &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(index))
        let original = seeds[index / FuzzKind.allCases.count % seeds.count]
        return mutator.mutate(original, donors: seeds)
    }

    private func commands(_ kind: FuzzKind, _ path: String) -> [[String]] {
        switch kind {
        case .scenario, .nrp:
            [["validate", path], ["solve", path, "--time-limit", "3", "--work-limit", "200"]]
        case .change: [["whatif", base, "--change", path, "--work", "50", "--time-limit", "3"]]
        case .roster: [["reroster", base, "--published", path, "--work-limit", "50", "--no-fresh-solve", "--time-limit", "3"]]
        }
    }

    private func runMutant(_ index: Int, kind: FuzzKind, seeds: [[UInt8]], work: URL) -> (
        outcome: FuzzOutcome, finding: FuzzFinding?, processes: Int, exitCodes: [Int32]
    ) {
        let name = String(format: "mutant-%06d.%@", index, kind.fileExtension)
        let path = work.appendingPathComponent(name)
        let bytes = mutant(index, kind: kind, seeds: seeds)
        do { try Data(bytes).write(to: path) } catch { return (.handled, nil, 0, []) }
        defer { try? FileManager.default.removeItem(at: path) }
        var processes = 0
        var codes: [Int32] = []
        for arguments in commands(kind, path.path) {
            processes += 1
            let result = execute(arguments, in: work)
            codes.append(result.exitCode)
            let outcome = classify(result, mutantName: name)
            if outcome != .handled {
                var keptAt: String?
                if let keepFolder {
                    let kept = keepFolder.appendingPathComponent(name)
                    try? Data(bytes).write(to: kept)
                    keptAt = kept.path
                }
                let excerpt = String(decoding: (result.stderr + result.stdout).prefix(600), as: UTF8.self)
                let finding = FuzzFinding(
                    kind: kind, index: index, outcome: outcome, arguments: arguments.map { $0 == path.path ? name : $0 },
                    exitCode: result.exitCode, excerpt: excerpt, keptAt: keptAt)
                return (outcome, finding, processes, codes)
            }
            // validate's verdict decides whether the solve is worth running: only files that can be solved.
            if arguments.first == "validate", ![0, 1, 3].contains(result.exitCode) { break }
        }
        return (.handled, nil, processes, codes)
    }

    struct Execution {
        var exitCode: Int32
        var signalled: Bool
        var timedOut: Bool
        var stdout: [UInt8]
        var stderr: [UInt8]
    }

    /// Runs rota with its output in files (no pipes: nothing to drain, nothing to leak) and waits for it
    /// by polling, killing it at the timeout. posix_spawn rather than Foundation's Process, whose launch
    /// and exit monitoring deadlocked under thousands of concurrent short runs.
    private func execute(_ arguments: [String], in folder: URL) -> Execution {
        let tag = UUID().uuidString
        let outPath = folder.appendingPathComponent("\(tag).out").path
        let errPath = folder.appendingPathComponent("\(tag).err").path
        defer {
            unlink(outPath)
            unlink(errPath)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment["GITHUB_ACTIONS"] = nil
        let argv = ([rota.path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        guard posix_spawn(&pid, rota.path, &actions, nil, argv, envp) == 0 else {
            return Execution(exitCode: 127, signalled: false, timedOut: false, stdout: [], stderr: [])
        }
        var status: Int32 = 0
        var timedOut = false
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid || (reaped < 0 && errno != EINTR) { break }
            if !timedOut && Date() > deadline {
                timedOut = true
                kill(pid, SIGKILL)
            }
            usleep(2_000)
        }
        // Wait status: the low 7 bits are the signal (0 for a normal exit), the next 8 the exit code.
        let signal = status & 0x7F
        let read = { (path: String) in Array(FileManager.default.contents(atPath: path) ?? Data()) }
        return Execution(
            exitCode: signal == 0 ? (status >> 8) & 0xFF : signal, signalled: signal != 0, timedOut: timedOut,
            stdout: read(outPath), stderr: read(errPath))
    }

    func classify(_ result: Execution, mutantName: String) -> FuzzOutcome {
        if result.timedOut { return .hang }
        if result.signalled || ![0, 1, 2, 3].contains(result.exitCode) { return .crash }
        let printed = result.stdout + result.stderr
        if printed.contains(0x1B) { return .leak }
        let text = String(decoding: printed, as: UTF8.self)
        if text.split(separator: "\n").contains(where: { $0.hasPrefix("::") }) { return .leak }
        if result.exitCode == 2 && !Self.namesALine(of: mutantName, in: text) {
            return .unplaced
        }
        return .handled
    }

    /// Whether `text` holds `name:N` with N ≥ 1.
    static func namesALine(of name: String, in text: String) -> Bool {
        var rest = text[...]
        while let range = rest.range(of: name + ":") {
            if let first = rest[range.upperBound...].first, ("1"..."9").contains(first) { return true }
            rest = rest[range.upperBound...]
        }
        return false
    }
}
