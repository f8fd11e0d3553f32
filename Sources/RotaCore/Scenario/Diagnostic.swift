/// One finding about a scenario file: where, what, and how to fix it.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable { case error, warning }

    public var severity: Severity
    public var file: String
    /// 1-based; 0 when the finding is about the file as a whole.
    public var line: Int
    public var column: Int
    /// Field path, e.g. `staff[3].contract`.
    public var path: String
    public var message: String
    public var hint: String?
    /// An error that says the month cannot meet every hard rule (found without a solver): `validate` fails on
    /// it, but a solve goes ahead and returns the best roster it can, with its explanation.
    public var isDeadEnd = false

    public init(
        _ severity: Severity, file: String, line: Int, column: Int, path: String, message: String, hint: String? = nil
    ) {
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.path = path
        self.message = message
        self.hint = hint
    }

    /// `file:line:column: error: path: message (hint)`, the form compilers use so editors can jump to it.
    public var description: String {
        var text = "\(file):\(line):\(column): \(severity.rawValue): "
        if !path.isEmpty { text += "\(path): " }
        text += message
        if let hint { text += " — \(hint)" }
        return text.escapingControlCharacters
    }
}

/// A scenario that could not be turned into a problem; carries every finding, errors first.
public struct ScenarioError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// Edit distance, for "did you mean" hints.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a.lowercased()), b = Array(b.lowercased())
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}

/// The closest of `candidates` to `word`, when it is close enough to be a likely typo ("did you mean" hints).
public func closest(to word: String, in candidates: some Sequence<String>) -> String? {
    var best: (String, Int)?
    for candidate in candidates {
        let distance = editDistance(word, candidate)
        if distance <= max(2, word.count / 3), best == nil || distance < best!.1 { best = (candidate, distance) }
    }
    return best?.0
}
