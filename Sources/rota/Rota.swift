import ArgumentParser
import Foundation
import GLPKKit
import RotaSolver

@main
struct Rota: ParsableCommand {
    /// A reader that goes away (`rota solve … | head -1`) must not kill Rota before it writes its files:
    /// writes to a closed pipe fail quietly instead.
    static func main() {
        signal(SIGPIPE, SIG_IGN)
        _ = RunBudget.start
        Self.main(nil)
    }

    /// This build's version, with the scenario format and GLPK it reads and links.
    static let version = "0.30.0 (scenario format 1, GLPK \(GLPKLibrary.version))"

    static let configuration = CommandConfiguration(
        commandName: "rota",
        abstract: "Roster optimization for medical practices, solved with GLPK.",
        discussion: """
            Exit codes:
              0    a roster meeting every hard rule was returned
                   (validate: the files are valid)
              1    validate --strict: valid, but with warnings; credential
                   expiring, training due, asset due, supply reorder:
                   something needs attention
              2    bad input: a file is missing, unreadable or malformed;
                   a records change was refused (nothing was written)
              3    the roster breaks a hard rule spanning several people
                   (cover, supervision), or there is no roster (proven
                   infeasible, or none found in time); whatif: any variant
              4    internal error: GLPK failed, or the evaluator disagreed
                   with the solver
              64   wrong command-line usage
              130  interrupted by Ctrl-C (the best roster found so far is
                   still printed); 143 by SIGTERM, 129 by SIGHUP
            """,
        version: "rota \(version)",
        subcommands: [
            Solve.self, Validate.self, Explain.self, WhatIf.self, Reroster.self, Import.self, Bench.self, Generate.self, Schema.self,
            // The practice records (one SQLite file, --db PATH).
            Init.self, Practice.self, Staff.self, Contract.self, Credential.self, Leave.self, Training.self, Asset.self, Supply.self,
            Request.self, Audit.self, Backup.self, Restore.self, ScenarioCommand.self, Publish.self, RosterCommand.self, Report.self,
        ])
}

/// Rota's documented exit codes (see `rota --help`).
enum RotaExit {
    static let success: Int32 = 0
    static let badInput: Int32 = 2
    static let noRoster: Int32 = 3
    static let internalError: Int32 = 4

    /// The exit code of a command whose solves ended with these verdicts: the worst of them decides.
    static func code(for verdicts: some Sequence<SolveVerdict>) -> Int32 {
        switch verdicts.max() {
        case nil, .everyHardRuleMet: return success
        case .hardRulesBroken, .noRoster: return noRoster
        case .interrupted: return ActiveSolves.shared.interruptedExitCode
        case .internalFault: return internalError
        }
    }
}
