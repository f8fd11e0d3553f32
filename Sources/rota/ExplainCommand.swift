import ArgumentParser
import Foundation
import RotaCore
import RotaSolver

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Say why a month does not fit: the hard rules that cannot all hold together, and what would resolve it.",
        discussion: """
            Solves the scenario (stopping on work), and when the best roster still breaks a hard rule that \
            spans several people (cover, supervision), finds a small set of rules that cannot hold together: \
            each set is proven infeasible by GLPK on its own, and minimal (dropping any one rule lets the rest \
            hold) unless it says otherwise. Exit 0 when every hard rule can be met, 3 when not.

              rota explain scenarios/riverside-2026-12.yaml
              rota explain month.yaml --format json
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: "The scenario (.yaml) or benchmark instance (.txt).")
    var file: String

    @Option(help: "text or json.")
    var format: Format = .text

    @Option(name: .long, help: "Work for the solve that finds the rules broken (units of about a millisecond).")
    var workLimit: Double = 5000

    @Option(name: .long, help: "Safety net for the whole run, in seconds.")
    var timeLimit: Double = 300

    func validate() throws {
        guard workLimit > 0, workLimit <= 1e9 else { throw ValidationError("--work-limit must be between 0 and 1e9 units") }
        guard timeLimit > 0, timeLimit <= 86_400 else { throw ValidationError("--time-limit must be between 0 and 86400 seconds") }
    }

    func run() throws {
        let scenario = Input.isScenario(file) ? try Input.loadScenario(path: file) : nil
        let problem = try scenario?.problem ?? Input.loadProblem(path: file)
        var options = SolveOptions()
        options.workLimit = workLimit
        options.timeLimit = .milliseconds(Int64(timeLimit * 1000))
        ActiveSolves.shared.install()
        let control = ActiveSolves.shared.control()
        defer { ActiveSolves.shared.finished(control) }
        let solver = RosterSolver(problem: problem, options: options, control: control)
        let outcome: SolveOutcome
        let explanation: Explanation?
        do {
            outcome = try solver.solve()
            explanation = try solver.explain(outcome, scenario: scenario?.scenario)
        } catch {
            Terminal.error(error.description)
            throw ExitCode(RotaExit.internalError)
        }
        let verdict = outcome.verdict
        switch format {
        case .json:
            struct Output: Encodable {
                var file: String
                var everyHardRuleMet: Bool
                var hardRuleUnitsBroken: Int
                /// Proven: no roster meets every hard rule.
                var unavoidable: Bool
                /// Proven: no roster breaks less by the bend order.
                var fewestPossible: Bool
                /// The rule families in the order they give way, and whether the prices keep it strictly.
                var bendOrder: [String]
                var bendOrderIsStrict: Bool
                /// What gave way, by family, in the family's unit (people, days, minutes).
                var gaveWay: [ExplainReport.GaveWay]
                var explanation: Explanation?
                var diagnosis: [String]
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            let data = try encoder.encode(Output(
                file: file, everyHardRuleMet: verdict == .everyHardRuleMet, hardRuleUnitsBroken: outcome.hardUnits,
                unavoidable: outcome.hardRules != .met && outcome.hardRules != .unproven,
                fewestPossible: outcome.hardRules == .unavoidable(fewest: true),
                bendOrder: outcome.problem.bendOrder.map { order in order.ranks.map { order.word(for: $0, in: outcome.problem) } } ?? [],
                bendOrderIsStrict: outcome.problem.bendOrderIsStrict, gaveWay: ExplainReport.gaveWay(outcome),
                explanation: explanation, diagnosis: outcome.diagnosis))
            print(String(decoding: data, as: UTF8.self))
        case .text:
            switch verdict {
            case .everyHardRuleMet:
                print("Every hard rule can be met together (a roster meeting them all was found).")
            case .noRoster:
                print("No roster meets every person's own hard rules.")
                for line in outcome.diagnosis { print("  " + line) }
            default:
                print(ExplainReport.text(outcome: outcome, explanation: explanation))
            }
        }
        throw ExitCode(RotaExit.code(for: [verdict]))
    }
}

/// The "why" of a solve whose roster breaks hard rules, for `explain` and after `solve`.
enum ExplainReport {
    /// One family of the bend order that gave way, and by how much.
    struct GaveWay: Encodable {
        /// Its word in `bend_order` (a shift type's id for its hard cover).
        var family: String
        var amount: Int
        /// `people` (cover), `days` (supervision) or `minutes` (contract minimums).
        var unit: String
    }

    /// The families that gave way in the outcome's roster, lowest rank first.
    static func gaveWay(_ outcome: SolveOutcome) -> [GaveWay] {
        guard let order = outcome.problem.bendOrder, let evaluation = outcome.evaluation else { return [] }
        let problem = outcome.problem
        var gave: [BendOrder.Family: Int] = [:]
        for violation in evaluation.hardViolations {
            if let family = order.family(of: violation, in: problem) { gave[family, default: 0] += violation.amount }
        }
        let ranks = order.ranks
        return gave.keys.sorted { (ranks.firstIndex(of: $0) ?? 0) < (ranks.firstIndex(of: $1) ?? 0) }.map { family in
            let unit = family == .minimumHours ? "minutes" : family == .supervision ? "days" : "people"
            return GaveWay(family: order.word(for: family, in: problem), amount: gave[family] ?? 0, unit: unit)
        }
    }

    static func text(outcome: SolveOutcome, explanation: Explanation?) -> String {
        var lines: [String] = []
        switch outcome.hardRules {
        case .unavoidable(let fewest):
            let broken = outcome.evaluation.map(HardRuleWords.broken) ?? ""
            lines.append(fewest
                ? "No roster meets every hard rule (proven), and none breaks less by the bend order (proven); the best roster breaks \(broken)."
                : "No roster meets every hard rule (proven); the best roster found breaks \(broken), and a longer solve may break less.")
        case .unproven:
            let broken = outcome.evaluation.map(HardRuleWords.broken) ?? ""
            lines.append("The best roster found breaks \(broken); a longer solve may do better.")
        case .met:
            lines.append("Every hard rule is met.")
        }
        if let order = outcome.problem.bendOrder, outcome.hardCost > 0 {
            let problem = outcome.problem
            let words = gaveWay(outcome).map { gave in
                gave.family + " (" + (gave.unit == "minutes" ? String(format: "%.1f h", Double(gave.amount) / 60) : "\(gave.amount)") + ")"
            }
            lines.append("Gave way: \(words.joined(separator: ", ")). Bend order, first to give way first: "
                + order.ranks.map { order.word(for: $0, in: problem) }.joined(separator: ", ")
                + (order == .standard ? " (the standard order; set `bend_order` to change it)." : ".")
                + (problem.bendOrderIsStrict ? "" : " Its ranks are priced \(BendOrder.rankFactor) units apart (hours for min_hours), not strictly."))
        }
        if let explanation {
            lines.append("")
            lines.append(explanation.text)
        } else if outcome.hardCost > 0 {
            lines.append("No collision among the rules around the broken ones could be proven within the work given.")
        }
        return lines.joined(separator: "\n")
    }
}
