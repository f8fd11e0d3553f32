public import Foundation
internal import RotaCore

/// The readers of every user file, called in-process on arbitrary bytes (the libFuzzer entry and the corpus
/// replay). A reader may refuse the input, but never traps, and every error it reports names a line.
public struct ReaderHarness: Sendable {
    public let kind: FuzzKind
    let baseFile: String
    let baseText: String
    let baseProblem: RosterProblem?
    let scratch: URL

    /// `corpus` is the folder whose `scenario/clinic.yaml` change files and roster CSVs apply to.
    public init(kind: FuzzKind, corpus: URL) throws {
        self.kind = kind
        baseFile = corpus.appendingPathComponent("scenario/clinic.yaml").path
        baseText = try String(contentsOfFile: baseFile, encoding: .utf8)
        baseProblem = ScenarioNormalizer.load(text: baseText, file: baseFile).normalized?.problem
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("rota-fuzz-\(getpid())-\(kind.rawValue).yaml")
    }

    /// A problem the readers had: an error without a line, or one that names another file.
    public struct Finding: Error, CustomStringConvertible {
        public var description: String
    }

    /// Reads `data` as this harness's kind of file; throws a ``Finding`` for an error that names no line.
    public func read(_ data: [UInt8]) throws(Finding) {
        // Rota refuses files that are not UTF-8 before any reader sees them.
        guard let text = String(validating: data, as: UTF8.self) else { return }
        let file = "input.\(kind.fileExtension)"
        switch kind {
        case .scenario:
            let (_, diagnostics) = ScenarioNormalizer.load(text: text, file: file)
            try placed(diagnostics, file: file)
        case .change:
            guard (try? Data(data).write(to: scratch)) != nil else { return }
            let (change, diagnostics) = ScenarioChange.load(changeFile: scratch.path, baseText: baseText, baseFile: baseFile)
            try placed(diagnostics, file: scratch.path)
            if let change { _ = ScenarioNormalizer.load(text: change.text, file: scratch.path) }
        case .nrp:
            do { _ = try NRPFormat.parse(text, file: file) } catch let error as FileLineError {
                if error.line < 1 { throw Finding(description: "an error without a line: \(error)") }
            } catch { throw Finding(description: "an untyped error: \(error)") }
        case .roster:
            guard let baseProblem else { return }
            do { _ = try RosterCSV.read(text, file: file, problem: baseProblem) } catch {
                if error.line < 1 { throw Finding(description: "an error without a line: \(error)") }
            }
        }
    }

    private func placed(_ diagnostics: [Diagnostic], file: String) throws(Finding) {
        for diagnostic in diagnostics where diagnostic.severity == .error && diagnostic.file == file && diagnostic.line < 1 {
            throw Finding(description: "an error without a line: \(diagnostic)")
        }
    }
}
