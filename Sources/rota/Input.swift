import ArgumentParser
import Foundation
import RotaCore

/// Reads a problem file, whatever its format, and turns every failure into a message and exit code 2.
enum Input {
    static func loadProblem(path: String) throws -> RosterProblem {
        guard FileManager.default.fileExists(atPath: path) else {
            Terminal.error("\(path): no such file")
            throw ExitCode(RotaExit.badInput)
        }
        do {
            let head = (try? String(contentsOfFile: path, encoding: .utf8))?.prefix(4096) ?? ""
            if head.contains("SECTION_HORIZON") || head.contains("SECTION_SHIFTS") || path.hasSuffix(".txt") {
                return try NRPFormat.read(path: path)
            }
            Terminal.error(
                "\(path): not an NRP benchmark instance (no SECTION_HORIZON)\n  hint: this version reads the "
                    + "Curtois & Qu benchmark format; practice scenario files come with the scenario format")
            throw ExitCode(RotaExit.badInput)
        } catch let error as NRPFormat.ParseError {
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
