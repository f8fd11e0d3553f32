import ArgumentParser
import Foundation
import RotaCore
import RotaReport
import RotaSolver

struct WhatIf: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "whatif",
        abstract: "Solve a scenario and variants of it, and compare them side by side.",
        discussion: """
            Each --change file edits the base (see README "What-if runs"); every variant is solved with the same \
            seed and work limit, and every roster is re-checked by the evaluator. Work is counted, not timed, \
            so the same files and options give the same table on any machine (unless --time-limit cuts a \
            solve short, which the output says). Exit 2 when a change file is wrong (nothing is solved), 4 \
            when the evaluator disagrees with the solver.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, csv, html }

    /// The base's work as a multiple of each variant's.
    static let baseWorkFactor = 4.0

    @Argument(help: "The base scenario (.yaml).") var base: String
    @Option(name: .customLong("change"), help: "A change file; give one per variant.") var changes: [String] = []
    @Option(name: .long, help: ArgumentHelp(
        "Work for each variant (units of about a millisecond of one core); the base, which every variant starts from, gets four times that.",
        valueName: "units"))
    var work: Double = 10000
    @Option(name: .long, help: "Most seconds any one solve may take, whatever its work (a safety net; a solve it stops is not reproducible).")
    var timeLimit: Double = 60
    @Option(name: .long, help: "Seed for every solve.") var seed: UInt64 = 1
    @Option(name: .long, help: "Variants solved at a time (each then searches on one thread); 1 gives each both cores.")
    var jobs = 1
    @Option(name: .long, help: "text, json, csv, or html (one printable page: the variants side by side, then each roster).") var format: Format = .text
    @Option(name: .long, help: "Also write each roster as DIR/NAME.csv (base.csv, then the change files' names).")
    var rosters: String?

    func validate() throws {
        guard !changes.isEmpty else { throw ValidationError("give at least one --change FILE") }
        guard timeLimit > 0, timeLimit <= 86_400 else { throw ValidationError("--time-limit must be between 0 and 86400 seconds") }
        guard work > 0, work <= 1e9 else { throw ValidationError("--work must be between 0 and 1e9 units") }
        guard (1...8).contains(jobs) else { throw ValidationError("--jobs must be between 1 and 8") }
    }

    func run() throws {
        let baseScenario = try Input.loadScenario(path: base)
        var variants: [(name: String, file: String, problem: RosterProblem)] = [("base", "base", baseScenario.problem)]
        var failed = false
        for file in changes {
            let (change, diagnostics) = ScenarioChange.load(changeFile: file, baseFile: base)
            for diagnostic in diagnostics { Terminal.note(diagnostic.description) }
            guard let change else {
                failed = true
                continue
            }
            let (normalized, findings) = change.normalized(label: "\(base) + \(file)")
            for finding in findings { Terminal.note(finding.description) }
            guard let normalized, normalized.isSolvable else {
                failed = true
                continue
            }
            variants.append((change.name, URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent, normalized.problem))
        }
        if failed {
            Terminal.error("a change file has errors; nothing was solved")
            throw ExitCode(RotaExit.badInput)
        }

        var options = SolveOptions()
        options.timeLimit = .milliseconds(Int64(timeLimit * 1000))
        options.workLimit = work
        options.seed = seed
        let clock = ContinuousClock()
        let started = clock.now
        ActiveSolves.shared.install()
        // The base first, on both cores; each variant then starts from the base roster (what the change
        // leaves of it), so a variant differs from the base where the change needs it, not by chance.
        // Four times a variant's work: the base's LP relaxation then gets the iterations it needs on a practice
        // of forty (at twice, the example practice's LP stopped short and the base ended unproven).
        var baseOptions = options
        baseOptions.workLimit = work * Self.baseWorkFactor
        let baseOutcome = try Self.solveAll([variants[0].problem], options: baseOptions, jobs: 1)
        var variantOptions = options
        if jobs > 1 { variantOptions.workers = 1 }
        let starts = variants.dropFirst().map { variant in
            baseOutcome.first?.roster.map { $0.mapped(from: variants[0].problem, to: variant.problem) }
        }
        let outcomes = try baseOutcome + Self.solveAll(Array(variants.dropFirst().map(\.problem)), options: variantOptions, jobs: jobs, starts: starts)
        let wall = clock.now - started

        var results: [WhatIfResult] = []
        for (variant, outcome) in zip(variants, outcomes) {
            guard outcome.verdict != .internalFault else {
                Terminal.error("\(variant.name): the evaluator disagrees with the solver (a bug: please report it)")
                throw ExitCode(RotaExit.internalError)
            }
            guard let roster = outcome.roster, let evaluation = outcome.evaluation else {
                // Left out of the table; the exit code says why (3, or 130 when Ctrl-C came first).
                Terminal.error("\(variant.name): no roster (\(outcome.status.rawValue))" + outcome.diagnosis.map { "\n  " + $0 }.joined())
                if results.isEmpty { throw ExitCode(RotaExit.code(for: [outcome.verdict])) }
                continue
            }
            results.append(WhatIfResult(
                name: variant.name, problem: variant.problem, roster: roster, evaluation: evaluation, status: outcome.status.rawValue,
                gap: outcome.gap))
        }
        let summaries = results.map { WhatIfSummary($0, base: results.first) }
        if let rosters {
            do {
                try FileManager.default.createDirectory(atPath: rosters, withIntermediateDirectories: true)
                for result in results {
                    guard let variant = variants.first(where: { $0.name == result.name }) else { continue }
                    try RosterCSV.text(result.roster, problem: result.problem)
                        .write(toFile: (rosters as NSString).appendingPathComponent(variant.file + ".csv"), atomically: true, encoding: .utf8)
                }
            } catch {
                Terminal.error("\(rosters): cannot write the rosters (\(error.localizedDescription))")
                throw ExitCode(RotaExit.badInput)
            }
        }
        let seconds = Double(wall.components.seconds) + Double(wall.components.attoseconds) / 1e18
        let cutByClock = zip(variants, outcomes).filter { !$0.1.reproducible }.map(\.0.name)
        // Standard output carries only what the inputs determine, so it can be diffed; the wall time goes to
        // standard error.
        switch format {
        case .text:
            print(WhatIfTable.text(summaries), terminator: "")
            print("")
            print(String(format: "base %.0f work, then %d variants of %.0f, %d at a time, seed %llu",
                work * Self.baseWorkFactor, variants.count - 1, work, jobs, seed))
            if !cutByClock.isEmpty {
                print("not reproducible: --time-limit stopped \(cutByClock.joined(separator: ", ")) before their work was done")
            }
            for (variant, outcome) in zip(variants, outcomes) where outcome.verdict == .hardRulesBroken {
                print("")
                print("When \(variant.name) does not fit")
                print(ExplainReport.text(outcome: outcome, explanation: ActiveSolves.shared.explain(outcome, options: options, scenario: nil)))
            }
        case .csv:
            print(WhatIfTable.csv(summaries), terminator: "")
        case .html:
            print(try WhatIfHTML(title: "What if: \(results.first?.problem.name ?? base)", summaries: summaries, results: results).html())
        case .json:
            struct Output: Encodable {
                var base: String
                var work: Double
                var seed: UInt64
                var jobs: Int
                var reproducible: Bool
                var variants: [WhatIfSummary]
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            let data = try encoder.encode(Output(
                base: base, work: work, seed: seed, jobs: jobs, reproducible: cutByClock.isEmpty, variants: summaries))
            print(String(decoding: data, as: UTF8.self))
        }
        Terminal.note(String(format: "%d solves in %.1f s wall on %d cores", variants.count, seconds, ProcessInfo.processInfo.activeProcessorCount))
        if format != .text && !cutByClock.isEmpty {
            Terminal.note("not reproducible: --time-limit stopped \(cutByClock.joined(separator: ", ")) before their work was done")
        }
        throw ExitCode(RotaExit.code(for: outcomes.map(\.verdict)))
    }

    /// Solves `problems` through ``SolveBatch``, each under a control that Ctrl-C cancels.
    static func solveAll(_ problems: [RosterProblem], options: SolveOptions, jobs: Int, starts: [Roster?] = []) throws -> [SolveOutcome] {
        let controls = problems.map { _ in ActiveSolves.shared.control() }
        defer { controls.forEach(ActiveSolves.shared.finished) }
        do {
            return try SolveBatch.solve(problems, options: options, jobs: jobs, starts: starts, controls: controls)
        } catch {
            Terminal.error(error.description)
            throw ExitCode(RotaExit.internalError)
        }
    }
}
