import ArgumentParser
import Foundation
import RotaCore
import RotaReport
import RotaSolver

struct Solve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Solve a roster problem and print the roster and its conflicts.",
        discussion: """
            FILE is a practice scenario (.yaml, see README "Scenario files") or a Curtois & Qu benchmark \
            instance (NRP format, .txt). For a scenario the report has the roster grouped by role, the \
            coverage table, per-person totals and the conflicts, costliest first.
            """)

    @Argument(help: "The problem file.")
    var file: String

    @Option(name: .long, help: "Stop after this many seconds and return the best roster found.")
    var timeLimit: Double = 60

    @Option(name: .long, help: "Seed for the search; the same seed follows the same search path.")
    var seed: UInt64 = 1

    @Option(name: .long, help: ArgumentHelp(
        "Stop after this much work instead (units of about a millisecond of one core); the same file, seed and limit then give the same roster on any machine, if --time-limit does not cut in first.",
        valueName: "units"))
    var workLimit: Double?

    @Option(name: .long, help: ArgumentHelp(
        "Stop as soon as the roster is within this many percent of the proven bound (status `within gap`); by default the solve runs until optimality is proven or a limit ends it.",
        valueName: "percent"))
    var gap: Double?

    @Option(name: .long, help: "Write the roster as employee,day,shift lines (the benchmark's solution format).")
    var out: String?

    @Option(name: .long, help: "Also write the roster as one printable, self-contained HTML page (scenarios).")
    var html: String?

    @Option(name: .long, help: "Also write the MathProg data, so `glpsol -m models/roster.mod -d FILE` reproduces the model.")
    var writeData: String?

    @Option(name: .long, help: "Solve with this MathProg model instead of the bundled models/roster.mod (for experiments).")
    var model: String?

    @Flag(name: .long, help: "List every conflict, not only the costliest 40.")
    var allConflicts = false

    @Flag(name: .long, help: "Print the summary and conflicts without the roster grid.")
    var noGrid = false

    @OptionGroup var layout: ReportLayoutOptions

    @Flag(name: .long, help: "Log the solve's phases to stderr.")
    var verbose = false

    @Flag(name: .long, help: "Show how patient demand became cover requirements (scenarios).")
    var explainDemand = false

    @Flag(name: .long, help: "Leave out the coverage table and per-person totals (scenarios).")
    var rosterOnly = false

    @OptionGroup(title: "Tuning")
    var tuning: TuningOptions

    func validate() throws {
        guard timeLimit > 0, timeLimit <= 86_400 else {
            throw ValidationError("--time-limit must be between 0 and 86400 seconds, got \(timeLimit)")
        }
        if let workLimit, !(workLimit > 0 && workLimit <= 1e9) {
            throw ValidationError("--work-limit must be between 0 and 1e9 units, got \(workLimit)")
        }
        if let gap, !(gap >= 0 && gap < 100) {
            throw ValidationError("--gap must be a percentage from 0 to below 100, got \(gap)")
        }
    }

    func run() throws {
        try OutputFile.check(out, inputs: [file])
        try OutputFile.check(writeData, inputs: [file])
        let scenario = Input.isScenario(file) && FileManager.default.fileExists(atPath: file) ? try Input.loadScenario(path: file) : nil
        let problem = try scenario?.problem ?? Input.loadProblem(path: file)
        var options = SolveOptions()
        options.timeLimit = RunBudget.remaining(of: timeLimit)
        options.seed = seed
        options.workLimit = workLimit
        options.relativeGap = (gap ?? 0) / 100
        options.dataOutputPath = writeData
        options.modelPath = model
        tuning.apply(to: &options)
        ActiveSolves.shared.install()
        let outcome: SolveOutcome
        do {
            outcome = try ActiveSolves.shared.solve(problem, options: options, progress: Terminal.stderrIsTerminal)
        } catch {
            Terminal.error(error.description)
            throw ExitCode(RotaExit.internalError)
        }
        if verbose { outcome.log.forEach { Terminal.note("rota: " + $0) } }

        let report = TextReport(problem: problem)
        let columns = layout.columns
        let practice = PracticeReport(problem: problem, colour: layout.colour, width: columns)
        func print(_ text: String) { Swift.print(TextLayout.wrap(text, width: columns)) }
        print(SolveSummary(outcome: outcome).text)
        if let scenario, explainDemand {
            print("")
            print("Patient demand → cover")
            print(scenario.demand.isEmpty ? "no demand in this scenario" : practice.demand(scenario.demand))
        }
        if let roster = outcome.roster, let evaluation = outcome.evaluation {
            if !noGrid {
                print("")
                print(scenario == nil ? report.grid(roster) : practice.roster(roster))
            }
            if scenario != nil && !rosterOnly {
                print("")
                print("Coverage (people assigned per session and group)")
                print(practice.coverage(roster))
                print("")
                print("Per person")
                print(practice.totals(roster))
            }
            print("")
            print("Conflicts (cost  what)")
            print(report.conflicts(evaluation, limit: allConflicts ? nil : 40, roster: roster))
            // The roster is saved before the explanation is looked for: a second Ctrl-C there loses nothing.
            if let out {
                try OutputFile.write(
                    scenario == nil ? NRPFormat.solutionCSV(roster, problem: problem) : RosterCSV.text(roster, problem: problem), to: out)
            }
            if let html {
                let summary = SolveSummary(outcome: outcome)
                try OutputFile.write(
                    try HTMLRoster(problem: problem, roster: roster, evaluation: evaluation, title: problem.name, summary: summary.fields).html(),
                    to: html)
            }
            if outcome.verdict == .hardRulesBroken {
                print("")
                print("When the month does not fit")
                print(ExplainReport.text(
                    outcome: outcome,
                    explanation: ActiveSolves.shared.explain(
                        outcome, options: options, scenario: scenario?.scenario, until: RunBudget.deadline(of: timeLimit))))
            }
        }
        throw ExitCode(SolveSummary(outcome: outcome).exitCode)
    }
}

/// The header of a solve: what was solved, how it ended, and how sure we are.
struct SolveSummary {
    let outcome: SolveOutcome

    /// The header's fields after its title line, as label and value (a value that runs onto more lines
    /// joined into one).
    var fields: [(label: String, value: String)] {
        var result: [(label: String, value: String)] = []
        for line in text.split(separator: "\n").dropFirst() {
            let label = line.prefix(10).trimmingCharacters(in: .whitespaces)
            let value = line.dropFirst(11).trimmingCharacters(in: .whitespaces)
            if label.isEmpty, !result.isEmpty { result[result.count - 1].value += " " + value } else { result.append((label, value)) }
        }
        return result
    }

    var exitCode: Int32 { RotaExit.code(for: [outcome.verdict]) }

    var text: String {
        let problem = outcome.problem
        var lines = [
            "\(problem.name) · \(problem.staff.count) staff · \(problem.dayCount) days · "
                + "\(problem.shiftTypes.count) shift type\(problem.shiftTypes.count == 1 ? "" : "s")"
        ]
        func field(_ name: String, _ value: String) { lines.append(name.padding(toLength: 10, withPad: " ", startingAt: 0) + " " + value) }
        field("status", outcome.status.rawValue)
        if let evaluation = outcome.evaluation, outcome.hardCost > 0 {
            let broken = HardRuleWords.broken(evaluation)
            switch outcome.hardRules {
            case .unavoidable(let fewest):
                field("hard rules", "broken: \(broken); no roster meets every hard rule (proven)"
                    + (fewest ? ", and none breaks less by the bend order (proven)" : "; a longer solve may break less"))
            default:
                field("hard rules", "broken: \(broken); not proven unavoidable: a longer solve may find a roster that meets them")
            }
        }
        if let evaluation = outcome.evaluation {
            field("objective", "\(evaluation.total)  (\(TextReport(problem: problem).breakdown(evaluation)))")
        } else {
            field("objective", "none — no roster meeting every person's own hard rules was found")
        }
        let bound = outcome.softBound.map { String(format: "%.0f", $0) } ?? "none"
        let gap = outcome.gap.map { String(format: "%.2f%%", $0 * 100) } ?? "unknown"
        var boundLine = "\(bound)   gap \(gap)"
        if outcome.hardCost > 0 && outcome.softBound != nil {
            boundLine += "   (soft cost of any roster breaking no more, by the bend order)"
        } else if let raw = outcome.bestBound, let proven = outcome.provenBound, abs(raw - proven) > 1e-6 {
            boundLine += proven >= raw
                ? String(format: "   (relaxation %.2f, rounded up: costs are whole numbers)", raw)
                : String(format: "   (relaxation %.2f, less an allowance for GLPK's rounding error, rounded up)", raw)
        }
        field("bound", boundLine)
        var time = "\(outcome.elapsed.formattedSeconds) (best found at \(outcome.timeToBest?.formattedSeconds ?? "—")"
        time += outcome.modelRows > 0
            ? ", model \(outcome.modelRows)×\(outcome.modelColumns) ready at \(outcome.modelReadyAt.formattedSeconds))"
            : ", the model was still being built)"
        field("time", time)
        if outcome.stoppedWithoutWaiting {
            field("note", "the solve did not stop within \(RosterSolver.stopGrace.formattedSeconds) (a GLPK step that cannot be cut short); this is the best roster it had")
        }
        if outcome.work >= 1 {
            field("work", "\(Int(outcome.work.rounded())) units" + (outcome.reproducible
                ? " (replayable: the same file, seed and options give this roster)"
                : outcome.status == .interrupted ? " (interrupted)" : " (stopped by the clock; --work-limit makes a run replayable)"))
        }
        if let evaluation = outcome.evaluation {
            let agreement = !outcome.objectivesAgree
                ? "DISAGREES: solver \(outcome.solverObjective ?? .nan), evaluator \(evaluation.total)"
                : outcome.solverObjective == nil ? "\(evaluation.total) (the model had not priced this roster yet)" : "agrees (\(evaluation.total))"
            let hard = evaluation.isFeasible ? "every hard rule met" : "\(evaluation.hardViolations.count) HARD RULES BROKEN"
            field("evaluator", "\(agreement), \(hard)")
        }
        for line in outcome.diagnosis { field("why", line) }
        if !outcome.unscheduledByConstruction.isEmpty && outcome.infeasiblePeople.isEmpty {
            let names = outcome.unscheduledByConstruction.map { problem.staff[$0].id }.joined(separator: ", ")
            field("note", "the quick first roster could not place \(names) within their hard rules")
        }
        return lines.joined(separator: "\n")
    }
}

/// Knobs of the search, for experiments and benchmarks; the defaults are the measured best.
struct TuningOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Share of the time limit for branch-and-cut on the whole problem (0…1).", visibility: .hidden))
    var branchAndCutShare: Double?

    @Option(name: .long, help: ArgumentHelp("Work units (about milliseconds) per neighbourhood sub-MIP.", visibility: .hidden))
    var neighbourhoodWork: Double?

    @Option(name: .long, help: ArgumentHelp("Work per search round, in neighbourhood work limits.", visibility: .hidden))
    var roundLength: Double?

    @Option(name: .long, help: ArgumentHelp("Cuts for the whole-problem solve: any of gmi,mir,cov,clq or none.", visibility: .hidden))
    var cuts: String?

    @Option(name: .long, help: ArgumentHelp("Cuts for neighbourhood sub-MIPs: any of gmi,mir,cov,clq or none.", visibility: .hidden))
    var neighbourhoodCuts: String?

    @Option(name: .long, help: ArgumentHelp("Presolve neighbourhood sub-MIPs (on: no warm start).", visibility: .hidden))
    var neighbourhoodPresolve: Bool?

    @Option(name: .long, help: ArgumentHelp("Days a people neighbourhood frees where people have many columns each.", visibility: .hidden))
    var windowDays: Int?

    @Option(name: .long, help: ArgumentHelp("Share of the bound phase left after column generation for its dive (0…1).", visibility: .hidden))
    var diveShare: Double?

    @Option(name: .long, help: ArgumentHelp("Share of the budget for column generation (0…1).", visibility: .hidden))
    var columnGenerationShare: Double?

    @Option(name: .long, help: ArgumentHelp("Most assignment columns a model may have for column generation to run.", visibility: .hidden))
    var columnGenerationColumnLimit: Int?

    @Option(name: .long, help: ArgumentHelp("Dive after column generation on people's days instead of whole schedules.", visibility: .hidden))
    var diveByDays: Bool?

    @Option(name: .long, help: ArgumentHelp("Moves of local search on the first roster.", visibility: .hidden))
    var localSearchMoves: Int?

    @Option(name: .long, help: ArgumentHelp("Most moves per local-search turn in the search (0: none).", visibility: .hidden))
    var localSearchChunk: Int?

    @Option(name: .long, help: ArgumentHelp("Late-acceptance history of the local search, in moves.", visibility: .hidden))
    var localSearchHistory: Int?

    @Option(name: .long, help: ArgumentHelp("Column generation prices by dynamic programming where it can (else by MIPs).", visibility: .hidden))
    var pricingBySchedules: Bool?

    @Option(name: .long, help: ArgumentHelp("Re-plan whole schedules at each local-search turn.", visibility: .hidden))
    var replanPeople: Bool?

    @Option(name: .long, help: ArgumentHelp("Re-plan every person in two windows of this many days at each local-search turn (0: never).", visibility: .hidden))
    var replanWindowDays: Int?

    @Option(name: .long, help: ArgumentHelp("Local search on both search workers (default: on models too large for branch-and-cut).", visibility: .hidden))
    var localSearchOnBothWorkers: Bool?

    func validate() throws {
        func check(_ value: Double?, _ name: String, _ range: ClosedRange<Double>) throws {
            if let value, !(value.isFinite && range.contains(value)) {
                throw ValidationError("--\(name) must be between \(range.lowerBound) and \(range.upperBound)")
            }
        }
        try check(branchAndCutShare, "branch-and-cut-share", 0...1)
        try check(columnGenerationShare, "column-generation-share", 0...1)
        try check(neighbourhoodWork, "neighbourhood-work", 1...1e7)
        try check(roundLength, "round-length", 0.1...1000)
        try check(windowDays.map(Double.init), "window-days", 1...3660)
        try check(replanWindowDays.map(Double.init), "replan-window-days", 0...3660)
        try check(localSearchMoves.map(Double.init), "local-search-moves", 0...1e10)
        try check(columnGenerationColumnLimit.map(Double.init), "column-generation-column-limit", 0...1e10)
        try check(localSearchChunk.map(Double.init), "local-search-chunk", 0...1e10)
        try check(localSearchHistory.map(Double.init), "local-search-history", 1...1e7)
    }

    func apply(to options: inout SolveOptions) {
        if let localSearchOnBothWorkers { options.localSearchOnBothWorkers = localSearchOnBothWorkers }
        if let replanPeople { options.replanPeople = replanPeople }
        if let replanWindowDays { options.replanWindowDays = replanWindowDays }
        if let pricingBySchedules { options.pricingBySchedules = pricingBySchedules }
        if let localSearchMoves { options.localSearchMoves = max(0, localSearchMoves) }
        if let localSearchChunk { options.localSearchChunk = max(0, localSearchChunk) }
        if let localSearchHistory { options.localSearchHistory = max(1, localSearchHistory) }
        if let diveByDays { options.diveByDays = diveByDays }
        if let columnGenerationColumnLimit { options.columnGenerationColumnLimit = max(0, columnGenerationColumnLimit) }
        if let columnGenerationShare { options.columnGenerationShare = min(1, max(0, columnGenerationShare)) }
        if let neighbourhoodPresolve { options.neighbourhoodSolve.presolve = neighbourhoodPresolve }
        if let windowDays { options.windowDays = max(1, windowDays) }
        if let diveShare, diveShare.isFinite { options.diveShare = min(1, max(0, diveShare)) }
        if let branchAndCutShare { options.branchAndCutShare = min(1, max(0, branchAndCutShare)) }
        if let neighbourhoodWork { options.neighbourhoodWorkLimit = max(1, neighbourhoodWork) }
        if let roundLength { options.roundLength = max(0.1, roundLength) }
        if let cuts { options.useCuts(Set(cuts.split(separator: ",").map(String.init)), inWholeModel: true) }
        if let neighbourhoodCuts { options.useCuts(Set(neighbourhoodCuts.split(separator: ",").map(String.init)), inWholeModel: false) }
    }
}

/// Broken hard rules in a line: each kind with how much, in its own unit.
enum HardRuleWords {
    static func broken(_ evaluation: Evaluation) -> String {
        Dictionary(grouping: evaluation.hardViolations.filter(\.isElastic), by: \.rule)
            .sorted { HardRule.allCases.firstIndex(of: $0.key)! < HardRule.allCases.firstIndex(of: $1.key)! }
            .map { rule, violations in
                let amount = violations.reduce(0) { $0 + $1.amount }
                switch rule {
                case .minPaidMinutes, .minWindowMinutes: return "\(rule.rawValue) \(amount) min short"
                case .supervision: return "supervision \(amount) day\(amount == 1 ? "" : "s")"
                default: return "\(rule.rawValue) \(amount)"
                }
            }
            .joined(separator: ", ")
    }
}
