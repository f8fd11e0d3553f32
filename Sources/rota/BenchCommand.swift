import ArgumentParser
import Foundation
import GLPKKit
import RotaCore
import RotaSolver

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run benchmarks.", subcommands: [NRP.self, Model.self])

    struct Model: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build the GLPK model of each file and print its size and how long the build took.",
            discussion: """
                Builds directly (as every solve does), or with --translator through GLPK's MathProg translator \
                from models/roster.mod. With --compare, also checks that both give the same problem (rows, \
                columns, bounds, coefficients, objective, in the same order) and exits 4 if any file differs.
                """)

        @Argument(help: "Scenario or benchmark files.")
        var files: [String]

        @Flag(name: .long, help: "Build through the MathProg translator instead.")
        var translator = false

        @Flag(name: .long, help: "Compare the direct build with the translator's.")
        var compare = false

        func run() throws {
            guard let modelPath = ModelBuilder.shippedModelPath else {
                Terminal.error("the roster model (roster.mod) is missing from Rota's installation")
                throw ExitCode(RotaExit.internalError)
            }
            let header = ["file", "rows", "columns", "non-zeros", "seconds"] + (compare ? ["same as translator"] : [])
            var rows: [[String]] = []
            var differing = 0
            for path in files {
                let problem = try Input.loadProblem(path: path)
                let clock = ContinuousClock(), started = clock.now
                let program: LinearProgram
                let seconds: Double
                do {
                    // The in-memory data file lives as long as `data`.
                    let data = translator ? try MathProgData(text: ModelData(problem: problem).text()) : nil
                    let glpk = try data.map { try GLPKProblem(modelPath: modelPath, dataPath: $0.path) }
                        ?? ModelBuilder.build(ModelData(problem: problem)).glpkProblem()
                    seconds = (clock.now - started).seconds
                    program = try glpk.linearProgram()
                } catch {
                    Terminal.error("\(path): \(error)")
                    throw ExitCode(RotaExit.internalError)
                }
                var row = [(path as NSString).lastPathComponent, String(program.rows.count), String(program.columns.count),
                           String(program.entries.count), String(format: "%.2f", seconds)]
                if compare {
                    let differences = try ModelBuilder.differencesFromTranslation(problem, modelPath: modelPath)
                    if !differences.isEmpty {
                        differing += 1
                        for difference in differences { Terminal.note("\(path): \(difference)") }
                    }
                    row.append(differences.isEmpty ? "yes" : "NO")
                }
                rows.append(row)
            }
            print(Table(header: header, rows: rows).text)
            if differing > 0 { throw ExitCode(RotaExit.internalError) }
        }
    }

    struct NRP: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "nrp",
            abstract: "Solve every benchmark instance in DIR, check each roster with the evaluator, print a table.",
            discussion: """
                Reads Instance*.txt from DIR and, when present, best-known.csv (instance,staff,days,shift_types,\
                best_known). Exits 4 if any roster breaks a hard rule or the evaluator disagrees with the solver.
                """)

        @Argument(help: "Folder of benchmark instances.")
        var directory: String

        @Option(name: .long, help: "Seconds per instance.")
        var timeLimit: Double = 60

        @Option(name: .long, help: "Only these instances (comma-separated names, e.g. Instance1,Instance2).")
        var only: String?

        @Option(name: .long, help: "Seed for every solve.")
        var seed: UInt64 = 1

        @Option(name: .long, help: "Write each roster to DIR/<instance>.csv.")
        var rosters: String?

        func run() throws {
            let url = URL(fileURLWithPath: directory)
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
                Terminal.error("\(directory): cannot list the folder")
                throw ExitCode(RotaExit.badInput)
            }
            let wanted = only.map { Set($0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }) }
            let instances = names.filter { $0.hasPrefix("Instance") && $0.hasSuffix(".txt") }
                .map { String($0.dropLast(4)) }
                .filter { wanted?.contains($0) ?? true }
                .sorted { (Int($0.dropFirst(8)) ?? 0) < (Int($1.dropFirst(8)) ?? 0) }
            guard !instances.isEmpty else {
                Terminal.error("\(directory): no Instance*.txt files\(only == nil ? "" : " matching --only")")
                throw ExitCode(RotaExit.badInput)
            }
            let bestKnown = readBestKnown(url.appendingPathComponent("best-known.csv").path)
            if let rosters {
                do {
                    try FileManager.default.createDirectory(atPath: rosters, withIntermediateDirectories: true)
                } catch {
                    Terminal.error("cannot create \(rosters): \(error.localizedDescription)")
                    throw ExitCode(RotaExit.badInput)
                }
            }
            ActiveSolves.shared.install()

            let header = ["instance", "size", "best known", "objective", "gap to bk", "bound", "time to best", "status"]
            var rows: [[String]] = []
            var failures = 0
            print(header.joined(separator: "\t"))
            for name in instances {
                if ActiveSolves.shared.wasInterrupted { break }
                let path = url.appendingPathComponent(name + ".txt").path
                let problem = try Input.loadProblem(path: path)
                var options = SolveOptions()
                options.timeLimit = .milliseconds(Int64(timeLimit * 1000))
                options.seed = seed
                let size = "\(problem.staff.count)×\(problem.dayCount)×\(problem.shiftTypes.count)"
                let known = bestKnown[name]
                var row = [name, size, known.map(String.init) ?? "—"]
                do {
                    let outcome = try ActiveSolves.shared.solve(problem, options: options)
                    if let evaluation = outcome.evaluation {
                        let checked = evaluation.isFeasible && outcome.objectivesAgree
                        if !checked { failures += 1 }
                        row.append(String(evaluation.total) + (checked ? "" : " MISMATCH"))
                        row.append(known.map { String(format: "%.1f%%", Double(evaluation.total - $0) / Double(max(1, $0)) * 100) } ?? "—")
                        if let rosters, let roster = outcome.roster {
                            let file = URL(fileURLWithPath: rosters).appendingPathComponent(name + ".csv").path
                            do {
                                try NRPFormat.solutionCSV(roster, problem: problem).write(toFile: file, atomically: true, encoding: .utf8)
                            } catch {
                                Terminal.error("cannot write \(file): \(error.localizedDescription)")
                            }
                        }
                    } else {
                        failures += 1
                        row += ["none", "—"]
                    }
                    row.append(outcome.provenBound.map { String(format: "%.0f", $0) } ?? "—")
                    row.append(outcome.timeToBest?.formattedSeconds ?? "—")
                    row.append(outcome.status.rawValue)
                } catch {
                    failures += 1
                    row += ["error", "—", "—", "—", String(describing: error)]
                }
                rows.append(row)
                print(row.joined(separator: "\t"))
                fflush(nil)  // one row per instance as it finishes, even into a file or pipe
            }
            print("")
            print(Table(header: header, rows: rows).text)
            print("\(rows.count - failures) of \(rows.count) rosters checked by the evaluator, \(failures) failed")
            if failures > 0 { throw ExitCode(RotaExit.internalError) }
        }

        private func readBestKnown(_ path: String) -> [String: Int] {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [:] }
            var result: [String: Int] = [:]
            for line in text.split(whereSeparator: \.isNewline).dropFirst() {
                let fields = line.split(separator: ",")
                if fields.count >= 5, let value = Int(fields[4].trimmingCharacters(in: .whitespaces)) {
                    result[String(fields[0])] = value
                }
            }
            return result
        }
    }
}

/// A plain aligned table.
struct Table {
    var header: [String]
    var rows: [[String]]

    var text: String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0 }
        func line(_ row: [String]) -> String {
            row.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
        return ([line(header), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")] + rows.map(line))
            .joined(separator: "\n")
    }
}
