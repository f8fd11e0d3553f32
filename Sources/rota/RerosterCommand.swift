import ArgumentParser
import Foundation
import RotaCore
import RotaReport
import RotaSolver

struct Reroster: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Change a published roster as little as possible after a change (sickness, a new rule).",
        discussion: """
            The published roster is the reference: every assignment changed from the first free day on costs \
            --change-weight (twice that on the first free day, falling to it a week later), and the days \
            before --freeze-until are never touched. Prints the changes per person, and what a fresh solve \
            from scratch would have changed and cost. Without --change, the published roster is repaired             against the scenario as it is.
            """)

    @Argument(help: "The scenario the published roster was solved from (.yaml).") var scenario: String
    @Option(help: "The published roster (`staff,date,shift` CSV, as `rota solve --out` writes).") var published: String
    @Option(name: .customLong("change"), help: "Change files applied to the scenario (e.g. who is off sick).")
    var changes: [String] = []
    @Option(name: .customLong("freeze-until"), help: "Keep every day before this date exactly as published (YYYY-MM-DD).")
    var freezeUntil: String?
    @Option(name: .customLong("change-weight"), help: "Cost of one changed assignment a week or more ahead.")
    var changeWeight = 20
    @Option(name: .long, help: "Seconds for the re-roster (and again for the fresh solve).") var timeLimit: Double = 10
    @Option(name: .long, help: "Seed for the search.") var seed: UInt64 = 1
    @Option(name: .long, help: ArgumentHelp(
        "Stop each solve after this much work instead (about milliseconds of one core); the same inputs then give the same re-roster.",
        valueName: "units"))
    var workLimit: Double?
    @Option(name: .long, help: "Write the new roster as staff,date,shift lines.") var out: String?
    @Flag(name: .customLong("no-fresh-solve"), help: "Skip the comparison with a solve from scratch.") var noFreshSolve = false

    func validate() throws {
        guard timeLimit > 0, timeLimit <= 86_400 else { throw ValidationError("--time-limit must be between 0 and 86400 seconds") }
        if let workLimit, !(workLimit > 0 && workLimit <= 1e9) { throw ValidationError("--work-limit must be between 0 and 1e9 units") }
        guard (0...100_000).contains(changeWeight) else { throw ValidationError("--change-weight must be between 0 and 100000") }
    }

    func run() throws {
        try OutputFile.check(out, inputs: [scenario, published] + changes)
        let base = try Input.loadScenario(path: scenario)
        let reference = try readPublished(base.problem)
        let label = ([scenario] + changes).joined(separator: " + ")
        let problem: RosterProblem
        if changes.isEmpty {
            // No change: repair the published roster against the scenario as it is (a hand edit, a new rule).
            problem = base.problem
        } else {
            // Changes stack: each applies to the scenario with the previous ones applied.
            let (change, diagnostics) = ScenarioChange.stack(changeFiles: changes, baseFile: scenario)
            for diagnostic in diagnostics { Terminal.note(diagnostic.description) }
            guard let change else {
                Terminal.error("a change file has errors; nothing was re-rostered")
                throw ExitCode(RotaExit.badInput)
            }
            let (normalized, findings) = change.normalized(label: label)
            for finding in findings { Terminal.note(finding.description) }
            guard let normalized, normalized.isSolvable else {
                Terminal.error("\(label) has errors; nothing was re-rostered")
                throw ExitCode(RotaExit.badInput)
            }
            problem = normalized.problem
        }
        // The published roster in the changed problem's indices (people removed by a change drop out).
        let mapped = reference.mapped(from: base.problem, to: problem)

        var firstFreeDay = 0
        if let freezeUntil {
            guard let date = CalendarDate(iso: freezeUntil), let start = problem.startDate else {
                Terminal.error("--freeze-until: `\(freezeUntil)` is not a date\n  hint: dates are YYYY-MM-DD")
                throw ExitCode(RotaExit.badInput)
            }
            firstFreeDay = start.days(to: date)
        }
        let rerostering: RosterProblem
        do {
            rerostering = try problem.rerostering(reference: mapped, firstFreeDay: firstFreeDay, weight: changeWeight)
        } catch {
            Terminal.error(error.description + "\n  hint: move --freeze-until to that day or earlier")
            throw ExitCode(RotaExit.badInput)
        }

        var options = SolveOptions()
        // The re-roster comes first: it gets two thirds of what is left when a fresh solve follows it.
        options.timeLimit = noFreshSolve ? RunBudget.remaining(of: timeLimit) : RunBudget.remaining(of: timeLimit) * 2 / 3
        options.seed = seed
        options.workLimit = workLimit
        options.startRoster = mapped
        ActiveSolves.shared.install()
        let outcome = try solve(rerostering, options: options)
        guard let roster = outcome.roster, let evaluation = outcome.evaluation else {
            Terminal.error("no re-roster meets every hard rule (\(outcome.status.rawValue))" + outcome.diagnosis.map { "\n  " + $0 }.joined())
            throw ExitCode(RotaExit.code(for: [outcome.verdict]))
        }
        let plain = Evaluator(problem: problem)
        let before = plain.evaluate(mapped)
        let after = plain.evaluate(roster)
        let changed = roster.differences(from: mapped)
        let changeCost = evaluation.penalties.filter { $0.kind == .change }.reduce(0) { $0 + $1.cost }
        let report = TextReport(problem: problem)
        print("Re-roster of \(label) from \(published)" + (firstFreeDay > 0 ? ", frozen before \(freezeUntil ?? "")" : ""))
        print("status      \(outcome.status.rawValue)" + (outcome.gap.map { String(format: ", gap %.2f%%", $0 * 100) } ?? ""))
        print("changes     \(changed.added.count + changed.removed.count) assignments (\(changed.removed.count) dropped, \(changed.added.count) added), change cost \(changeCost)")
        print("roster cost \(after.total) (the published roster\(changes.isEmpty ? "" : " with the change"): \(before.total)\(before.isFeasible ? "" : ", \(before.hardViolations.count) hard rule\(before.hardViolations.count == 1 ? "" : "s") broken"))")
        if !noFreshSolve {
            var fresh = options
            fresh.startRoster = nil
            fresh.timeLimit = RunBudget.remaining(of: timeLimit)
            let scratch = try solve(problem, options: fresh)
            if let freshRoster = scratch.roster, let freshEvaluation = scratch.evaluation {
                let differences = freshRoster.differences(from: mapped)
                print("fresh solve \(differences.added.count + differences.removed.count) assignments changed, roster cost \(freshEvaluation.total) (\(scratch.status.rawValue))")
            } else {
                print("fresh solve found no roster (\(scratch.status.rawValue))")
            }
        }
        print("")
        print("Changes per person")
        print(changeList(changed, published: mapped, roster: roster, problem: problem, report: report))
        if !after.hardViolations.isEmpty {
            print("")
            print("Conflicts (cost  what)")
            print(report.conflicts(after, limit: 40, roster: roster))
        }
        if let out {
            try OutputFile.write(RosterCSV.text(roster, problem: problem), to: out)
        }
        if outcome.verdict == .hardRulesBroken {
            print("")
            print("When the month does not fit")
            print(ExplainReport.text(
                outcome: outcome,
                explanation: ActiveSolves.shared.explain(outcome, options: options, scenario: nil, until: RunBudget.deadline(of: timeLimit))))
        }
        throw ExitCode(RotaExit.code(for: [outcome.verdict]))
    }

    private func readPublished(_ problem: RosterProblem) throws -> Roster {
        do {
            return try RosterCSV.read(file: published, problem: problem)
        } catch {
            Terminal.error(error.description)
            throw ExitCode(RotaExit.badInput)
        }
    }

    private func solve(_ problem: RosterProblem, options: SolveOptions) throws -> SolveOutcome {
        let outcome: SolveOutcome
        do {
            outcome = try ActiveSolves.shared.solve(problem, options: options)
        } catch {
            Terminal.error(error.description)
            throw ExitCode(RotaExit.internalError)
        }
        guard outcome.verdict != .internalFault else {
            Terminal.error("the evaluator disagrees with the solver (a bug: please report it)")
            throw ExitCode(RotaExit.internalError)
        }
        return outcome
    }

    /// `rn-03: Tue 8 Dec S-AM+S-PM → off (sick)` lines: each changed day, published shifts → new shifts.
    private func changeList(_ changed: (added: [Assignment], removed: [Assignment]), published: Roster, roster: Roster, problem: RosterProblem, report: TextReport) -> String {
        let before = published.grid(staffCount: problem.staff.count, dayCount: problem.dayCount)
        let after = roster.grid(staffCount: problem.staff.count, dayCount: problem.dayCount)
        var days: [Int: Set<Int>] = [:]
        for assignment in changed.added + changed.removed { days[assignment.staff, default: []].insert(assignment.day) }
        guard !days.isEmpty else { return "  none: the published roster stands" }
        func shifts(_ list: [Int]) -> String { list.isEmpty ? "off" : list.sorted().map { problem.shiftTypes[$0].id }.joined(separator: "+") }
        return days.keys.sorted { problem.staff[$0].id < problem.staff[$1].id }.map { person in
            "  " + problem.staff[person].id + ": " + (days[person] ?? []).sorted().map { day in
                let reason = after[person][day].isEmpty ? problem.staff[person].leave[day].map { " (\($0))" } ?? "" : ""
                return "\(report.dayLabel(day)) \(shifts(before[person][day])) → \(shifts(after[person][day]))\(reason)"
            }.joined(separator: "; ")
        }.joined(separator: "\n")
    }
}
