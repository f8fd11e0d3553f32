import ArgumentParser
import Foundation
import RotaCore

/// Reads a problem file, whatever its format, and turns every failure into a message and exit code 2.
enum Input {
    static func isScenario(_ path: String) -> Bool { ScenarioParser.isScenarioFile(path) }

    /// A scenario file, normalized; every error (and warning) goes to stderr, and errors end with exit 2.
    static func loadScenario(path: String) throws -> NormalizedScenario {
        let (normalized, diagnostics) = ScenarioNormalizer.load(file: path)
        for diagnostic in diagnostics { Terminal.note(diagnostic.description) }
        if let normalized, normalized.isSolvable, !normalized.isValid {
            Terminal.note("\(path): the month cannot meet every hard rule (above); solving for the best roster there is")
        }
        guard let normalized, normalized.isSolvable else {
            let count = diagnostics.filter { $0.severity == .error }.count
            Terminal.error("\(path): \(count) error\(count == 1 ? "" : "s"); nothing was solved (`rota validate` lists them too)")
            throw ExitCode(RotaExit.badInput)
        }
        return normalized
    }

    static func loadProblem(path: String) throws -> RosterProblem {
        guard FileManager.default.fileExists(atPath: path) else {
            Terminal.error("\(path): no such file")
            throw ExitCode(RotaExit.badInput)
        }
        if isScenario(path) { return try loadScenario(path: path).problem }
        do {
            if NRPFormat.looksLikeInstance(path: path) {
                return try NRPFormat.read(path: path)
            }
            Terminal.error(
                "\(path): neither a scenario (.yaml) nor an NRP benchmark instance (no SECTION_HORIZON)\n  hint: "
                    + "scenario files end in .yaml or .yml; benchmark instances are Curtois & Qu .txt files")
            throw ExitCode(RotaExit.badInput)
        } catch let error as FileLineError {
            Terminal.error(error.description)
            throw ExitCode(RotaExit.badInput)
        }
    }
}

enum Terminal {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data(("rota: error: " + message + "\n").utf8))
    }

    static func note(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) != 0 }
}
