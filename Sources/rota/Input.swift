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
        FileHandle.standardError.write(Data(("rota: error: " + message.escapingControlCharacters + "\n").utf8))
    }

    static func note(_ message: String) {
        FileHandle.standardError.write(Data((message.escapingControlCharacters + "\n").utf8))
    }

    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) != 0 }
}

/// Files a command writes: never one of its inputs, never anything but a regular file, written whole.
enum OutputFile {
    /// Refuses (exit 2) an `out` that is one of `inputs` (the same file by any path), a folder, or an existing
    /// special file (a device, a pipe, a socket), before any work is done.
    static func check(_ out: String?, inputs: [String]) throws {
        guard let out else { return }
        var target = stat()
        guard stat(out, &target) == 0 else {
            let folder = (out as NSString).deletingLastPathComponent
            var isFolder: ObjCBool = false
            if !folder.isEmpty && !(FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) && isFolder.boolValue) {
                Terminal.error("\(out): the folder \(folder) does not exist")
                throw ExitCode(RotaExit.badInput)
            }
            return
        }
        if (target.st_mode & S_IFMT) == S_IFDIR {
            Terminal.error("\(out) is a folder\n  hint: give a file name, e.g. \(out)/roster.csv")
            throw ExitCode(RotaExit.badInput)
        }
        if (target.st_mode & S_IFMT) != S_IFREG {
            Terminal.error("\(out) is not a regular file (a device or a pipe); Rota writes only files")
            throw ExitCode(RotaExit.badInput)
        }
        for input in inputs {
            var source = stat()
            if stat(input, &source) == 0 && source.st_dev == target.st_dev && source.st_ino == target.st_ino {
                Terminal.error("\(out) is the input \(input); writing it would destroy it\n  hint: give another file name")
                throw ExitCode(RotaExit.badInput)
            }
        }
    }

    /// Writes `text` to `path` whole (a temporary file renamed over it), or says why not (exit 2).
    static func write(_ text: String, to path: String) throws {
        do {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            let reason = (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
            Terminal.error("cannot write \(path): \(reason)")
            throw ExitCode(RotaExit.badInput)
        }
    }
}

/// How a report is laid out: `--width` (shared by `solve` and `roster show`) and colour.
struct ReportLayoutOptions: ParsableArguments {
    @Option(help: "Fit the report in this many columns (the grids in blocks of whole weeks); 0 for no limit. Default: the terminal's width, else $COLUMNS, else no limit.")
    var width: Int?

    func validate() throws {
        if let width, !(width == 0 || (40...1000).contains(width)) {
            throw ValidationError("--width must be 0 (no limit) or between 40 and 1000 columns, got \(width)")
        }
    }

    /// The columns the report may take: `--width` (0 for no limit), else the terminal's columns when standard
    /// output is a terminal, else `$COLUMNS`, else no limit (a file or a pipe gets every day on one row).
    var columns: Int? {
        if let width { return width == 0 ? nil : width }
        var size = winsize()
        if isatty(STDOUT_FILENO) != 0, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
            return max(40, Int(size.ws_col))
        }
        if let text = ProcessInfo.processInfo.environment["COLUMNS"], let value = Int(text), (40...1000).contains(value) {
            return value
        }
        return nil
    }

    /// ANSI colour: standard output is a terminal and `NO_COLOR` is not set.
    var colour: Bool { isatty(STDOUT_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil }
}
