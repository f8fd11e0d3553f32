/// Fitting report text to a terminal or page width.
public enum TextLayout {
    /// The columns a line takes on screen: characters, without ANSI colour sequences.
    public static func visibleWidth(_ line: some StringProtocol) -> Int {
        var count = 0
        var inEscape = false
        for character in line {
            if inEscape {
                if character.isLetter { inEscape = false }
            } else if character == "\u{1B}" {
                inEscape = true
            } else {
                count += 1
            }
        }
        return count
    }

    /// `text` with every line longer than `width` broken at spaces, continuation lines indented four past
    /// the line's own indent. Grid rows (with `│` or `┼`) are left whole: their layout fits them already,
    /// and a broken row would misalign every cell. `nil` leaves the text as it is.
    public static func wrap(_ text: String, width: Int?) -> String {
        guard let width, width > 0 else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { line -> [String] in
            let line = String(line)
            guard visibleWidth(line) > width, !line.contains("│"), !line.contains("┼") else { return [line] }
            let indent = line.prefix { $0 == " " }.count
            let hanging = String(repeating: " ", count: min(indent + 4, width / 2))
            var lines: [String] = []
            var current = String(repeating: " ", count: indent)
            var currentWidth = indent
            for word in line.dropFirst(indent).split(separator: " ", omittingEmptySubsequences: false) {
                let wordWidth = visibleWidth(word)
                let atStart = currentWidth == indent && lines.isEmpty || currentWidth == hanging.count && !lines.isEmpty
                if !atStart && currentWidth + 1 + wordWidth > width {
                    lines.append(current)
                    current = hanging + word
                    currentWidth = hanging.count + wordWidth
                } else {
                    current += (atStart ? "" : " ") + word
                    currentWidth += (atStart ? 0 : 1) + wordWidth
                }
            }
            lines.append(current)
            return lines
        }.joined(separator: "\n")
    }
}
