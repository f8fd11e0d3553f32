import Yams

/// Reads a Yams node tree into typed values, collecting every problem (with line, column and field path)
/// instead of stopping at the first.
struct YAMLReader {
    let file: String
    var diagnostics: [Diagnostic] = []

    init(file: String) { self.file = file }

    func location(_ node: Node?, _ path: String) -> SourceLocation {
        SourceLocation(line: node?.mark?.line ?? 0, column: node?.mark?.column ?? 0, path: path)
    }

    mutating func error(_ node: Node?, _ path: String, _ message: String, hint: String? = nil) {
        let at = location(node, path)
        diagnostics.append(Diagnostic(.error, file: file, line: at.line, column: at.column, path: path, message: message, hint: hint))
    }

    mutating func error(at location: SourceLocation, _ message: String, hint: String? = nil) {
        diagnostics.append(
            Diagnostic(.error, file: location.file ?? file, line: location.line, column: location.column, path: location.path, message: message, hint: hint))
    }

    /// An error saying the month cannot meet every hard rule (see ``Diagnostic/isDeadEnd``).
    mutating func deadEnd(at location: SourceLocation, _ message: String, hint: String? = nil) {
        var diagnostic = Diagnostic(
            .error, file: location.file ?? file, line: location.line, column: location.column, path: location.path, message: message, hint: hint)
        diagnostic.isDeadEnd = true
        diagnostics.append(diagnostic)
    }

    mutating func warning(_ node: Node?, _ path: String, _ message: String, hint: String? = nil) {
        warning(at: location(node, path), message, hint: hint)
    }

    mutating func warning(at location: SourceLocation, _ message: String, hint: String? = nil) {
        diagnostics.append(
            Diagnostic(.warning, file: location.file ?? file, line: location.line, column: location.column, path: location.path, message: message, hint: hint))
    }

    /// The entries of a mapping, after checking its keys: unknown keys are errors with a "did you mean",
    /// missing required ones too. `nil` when `node` is not a mapping.
    mutating func fields(_ node: Node, _ path: String, allowed: [String], required: [String] = []) -> [String: Node]? {
        guard let mapping = node.mapping else {
            error(node, path, "expected a mapping of `key: value` lines, found \(kind(of: node))",
                hint: "allowed keys: " + allowed.joined(separator: ", "))
            return nil
        }
        var result: [String: Node] = [:]
        for (key, value) in mapping {
            guard let name = key.string else {
                error(key, path, "keys must be plain words")
                continue
            }
            guard allowed.contains(name) else {
                let suggestion = closest(to: name, in: allowed)
                error(key, join(path, name), "unknown key `\(name)`",
                    hint: suggestion.map { "did you mean `\($0)`?" } ?? "allowed here: " + allowed.joined(separator: ", "))
                continue
            }
            if result[name] != nil { error(key, join(path, name), "`\(name)` is given twice", hint: "keep one") }
            result[name] = value
        }
        for name in required where result[name] == nil {
            error(node, path, "missing `\(name)`", hint: "add `\(name):` to this entry")
        }
        return result
    }

    func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func kind(of node: Node) -> String {
        switch node {
        case .scalar(let scalar):
            if scalar.string.isEmpty { return "nothing" }
            let shown = String(scalar.string.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "?" : Character($0) }.prefix(40))
            return "`\(shown)`" + (scalar.string.count > 40 ? "…" : "")
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    /// Items of a list (a single mapping or scalar counts as a list of one, as people write it).
    mutating func list(_ node: Node?, _ path: String) -> [(Node, String)] {
        guard let node else { return [] }
        if case .sequence(let sequence) = node { return sequence.enumerated().map { ($1, "\(path)[\($0)]") } }
        if case .scalar(let scalar) = node, scalar.string.isEmpty || scalar.tag == .init(.null) { return [] }
        return [(node, "\(path)[0]")]
    }

    mutating func string(_ node: Node?, _ path: String) -> Located<String>? {
        guard let node else { return nil }
        guard case .scalar(let scalar) = node, !scalar.string.isEmpty else {
            error(node, path, "expected a word or text, found \(kind(of: node))")
            return nil
        }
        // Names reach terminals, CSV files and tables: a newline or an escape in one would forge a line.
        if scalar.string.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || (0x80...0x9F).contains($0.value) }) {
            error(node, path, "text may not hold control characters (line breaks, tabs, escapes)", hint: "write it on one line, plainly")
            return nil
        }
        if scalar.string.count > 200 {
            error(node, path, "text of \(scalar.string.count) characters is too long", hint: "keep it under 200")
            return nil
        }
        return Located(scalar.string, at: location(node, path))
    }

    /// An id: text that is also safe as a CSV cell and a column of a table (no commas, and not starting the
    /// way a spreadsheet formula does).
    mutating func id(_ node: Node?, _ path: String) -> Located<String>? {
        guard let text = string(node, path) else { return nil }
        if text.value.contains(",") || text.value.hasPrefix("=") || text.value.hasPrefix("+") || text.value.hasPrefix("@")
            || text.value.hasPrefix("-")
        {
            error(node, path, "`\(text.value)` cannot be an id: ids have no commas and do not start with =, +, @ or -",
                hint: "use letters, digits, `-` and `_` inside, e.g. `dr-adams`")
            return nil
        }
        return text
    }

    mutating func strings(_ node: Node?, _ path: String) -> [Located<String>] {
        list(node, path).compactMap { string($0.0, $0.1) }
    }

    mutating func int(_ node: Node?, _ path: String, range: ClosedRange<Int> = 0...Int.max) -> Int? {
        guard let node else { return nil }
        guard case .scalar(let scalar) = node, let value = Int(scalar.string) else {
            error(node, path, "expected a whole number, found \(kind(of: node))")
            return nil
        }
        guard range.contains(value) else {
            error(node, path, "\(value) is out of range", hint: range.upperBound == Int.max ? "use \(range.lowerBound) or more" : "use \(range.lowerBound)…\(range.upperBound)")
            return nil
        }
        return value
    }

    mutating func double(_ node: Node?, _ path: String, range: ClosedRange<Double> = 0...Double.greatestFiniteMagnitude) -> Double? {
        guard let node else { return nil }
        var text = node.string ?? ""
        let percent = text.hasSuffix("%")
        if percent { text.removeLast() }
        guard case .scalar = node, var value = Double(text), value.isFinite else {
            error(node, path, "expected a number, found \(kind(of: node))")
            return nil
        }
        if percent { value /= 100 }
        guard range.contains(value) else {
            error(node, path, "\(text) is out of range", hint: "use a number in \(range.lowerBound)…\(range.upperBound)")
            return nil
        }
        return value
    }

    mutating func bool(_ node: Node?, _ path: String) -> Bool? {
        guard let node else { return nil }
        guard case .scalar = node else {
            error(node, path, "expected true or false, found \(kind(of: node))")
            return nil
        }
        switch node.string {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default:
            error(node, path, "expected true or false, found \(kind(of: node))", hint: "write `true` or `false`")
            return nil
        }
    }

    mutating func date(_ node: Node?, _ path: String) -> Located<CalendarDate>? {
        guard let node else { return nil }
        guard let text = node.string, let date = CalendarDate(iso: text) else {
            error(node, path, "expected a date like 2026-12-24, found \(kind(of: node))", hint: "dates are YYYY-MM-DD")
            return nil
        }
        return Located(date, at: location(node, path))
    }

    /// `HH:MM` as minutes after midnight (24:00 allowed as an end time).
    mutating func time(_ node: Node?, _ path: String) -> Int? {
        guard let node else { return nil }
        let parts = (node.string ?? "").split(separator: ":")
        guard parts.count == 2, parts[1].count == 2, let hours = Int(parts[0]), let minutes = Int(parts[1]),
            (0...24).contains(hours), (0...59).contains(minutes), hours * 60 + minutes <= 1440
        else {
            error(node, path, "expected a time like 08:30, found \(kind(of: node))", hint: "times are HH:MM, quoted: \"08:30\"")
            return nil
        }
        return hours * 60 + minutes
    }

    /// `mon` … `sun` or `monday` … `sunday`, as 0 (Monday) … 6.
    mutating func weekday(_ node: Node, _ path: String) -> Int? {
        if case .scalar = node, let text = node.string,
            let index = ScenarioFormat.weekdayNames.firstIndex(of: text) ?? ScenarioFormat.weekdayWords.firstIndex(of: text)
        {
            return index
        }
        error(node, path, "unknown weekday \(kind(of: node))", hint: "use mon, tue, wed, thu, fri, sat or sun")
        return nil
    }
}
