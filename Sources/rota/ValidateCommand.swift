import ArgumentParser
import Foundation
import RotaCore

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check scenario files without solving: format, references and the common dead ends.",
        discussion: """
            Every finding names the file, line, column and field, says what is wrong and how to fix it. \
            Exit 0 when every file is valid, 2 when any has an error, 1 when only warnings were found and \
            --strict is given. --format github prints GitHub Actions annotations.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, github }

    @Argument(help: "Scenario files (.yaml) or NRP benchmark instances (.txt).")
    var files: [String]

    @Option(name: .long, help: "text, json or github.")
    var format: Format = .text

    @Flag(name: .long, help: "Treat warnings as failures (exit 1).")
    var strict = false

    struct FileResult {
        var file: String
        var diagnostics: [Diagnostic]
        var summary: String?
    }

    static func check(_ file: String) -> FileResult {
        guard FileManager.default.fileExists(atPath: file) else {
            return FileResult(file: file, diagnostics: [
                Diagnostic(.error, file: file, line: 0, column: 0, path: "", message: "no such file", hint: "check the path")
            ])
        }
        if !Input.isScenario(file) {
            do {
                let problem = try NRPFormat.read(path: file)
                return FileResult(file: file, diagnostics: [], summary: "\(problem.staff.count) staff, \(problem.dayCount) days (NRP)")
            } catch let error as FileLineError {
                return FileResult(file: file, diagnostics: [
                    Diagnostic(.error, file: file, line: error.line, column: 1, path: "", message: error.message, hint: error.hint)
                ])
            } catch {
                return FileResult(file: file, diagnostics: [Diagnostic(.error, file: file, line: 0, column: 0, path: "", message: "\(error)")])
            }
        }
        let (normalized, diagnostics) = ScenarioNormalizer.load(file: file)
        let summary = normalized.map { n in
            "\(n.problem.staff.count) staff, \(n.problem.dayCount) days from \(n.problem.startDate.map(String.init(describing:)) ?? "?"), "
                + "\(n.problem.shiftTypes.count) shift types, \(n.problem.cover.count) cover requirements"
        }
        return FileResult(file: file, diagnostics: diagnostics, summary: summary)
    }

    func run() throws {
        let results = files.map(Self.check)
        let all = results.flatMap(\.diagnostics)
        let errors = all.filter { $0.severity == .error }.count
        let warnings = all.count - errors
        switch format {
        case .text:
            for result in results {
                for diagnostic in result.diagnostics { print(diagnostic.description) }
                let failed = result.diagnostics.contains { $0.severity == .error }
                print("\(result.file): \(failed ? "INVALID" : "valid")" + (failed ? "" : result.summary.map { " — \($0)" } ?? ""))
            }
            if files.count > 1 { print("\(files.count) files, \(errors) errors, \(warnings) warnings") }
        case .github:
            for diagnostic in all {
                let level = diagnostic.severity == .error ? "error" : "warning"
                let title = diagnostic.path.isEmpty ? "rota" : diagnostic.path
                let message = diagnostic.message + (diagnostic.hint.map { " — \($0)" } ?? "")
                print("::\(level) file=\(Self.escapeProperty(diagnostic.file)),line=\(max(1, diagnostic.line)),col=\(max(1, diagnostic.column)),title=\(Self.escapeProperty(title))::\(Self.escapeData(message))")
            }
            print("rota validate: \(files.count) file(s), \(errors) error(s), \(warnings) warning(s)")
        case .json:
            let payload: [[String: Any]] = results.map { result in
                [
                    "file": result.file,
                    "valid": !result.diagnostics.contains { $0.severity == .error },
                    "summary": result.summary ?? NSNull(),
                    "diagnostics": result.diagnostics.map { d -> [String: Any] in
                        ["severity": d.severity.rawValue, "line": d.line, "column": d.column, "path": d.path, "message": d.message,
                         "hint": d.hint ?? NSNull()]
                    },
                ]
            }
            let data = try JSONSerialization.data(withJSONObject: ["files": payload, "errors": errors, "warnings": warnings],
                options: [.prettyPrinted, .sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        }
        if errors > 0 { throw ExitCode(RotaExit.badInput) }
        if strict && warnings > 0 { throw ExitCode(1) }
    }

    /// GitHub workflow-command escaping (data and property values differ).
    static func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
    }

    static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
