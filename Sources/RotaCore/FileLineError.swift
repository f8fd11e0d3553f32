/// Something wrong at a line of a file Rota reads (a benchmark instance, a roster CSV): the file, the line
/// (0 when the file as a whole is the problem), what is wrong, and how to fix it.
public struct FileLineError: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var message: String
    public var hint: String?

    public init(file: String, line: Int, message: String, hint: String? = nil) {
        self.file = file
        self.line = line
        self.message = message
        self.hint = hint
    }

    public var description: String {
        "\(file):\(line): \(message.escapingControlCharacters)" + (hint.map { "\n  hint: \($0.escapingControlCharacters)" } ?? "")
    }
}
