public import Foundation

/// Reading a user's text file: UTF-8 or an error that says where the first byte that is not.
public enum TextFile {
    /// Where the first byte that is not UTF-8 lies (1-based line and column), and the byte; nil when all is UTF-8.
    public static func firstInvalidUTF8(_ bytes: [UInt8]) -> (line: Int, column: Int, byte: UInt8)? {
        var line = 1, column = 1, index = 0
        while index < bytes.count {
            let length = utf8Length(bytes, at: index)
            if length == 0 { return (line, column, bytes[index]) }
            if bytes[index] == 10 { line += 1; column = 1 } else { column += 1 }
            index += length
        }
        return nil
    }

    /// The length of the valid UTF-8 sequence at `index`, or 0 when there is none.
    static func utf8Length(_ bytes: [UInt8], at index: Int) -> Int {
        let first = bytes[index]
        let length = first < 0x80 ? 1 : first >> 5 == 0b110 ? 2 : first >> 4 == 0b1110 ? 3 : first >> 3 == 0b11110 ? 4 : 0
        guard length > 0, index + length <= bytes.count else { return 0 }
        for offset in 1..<length where bytes[index + offset] >> 6 != 0b10 { return 0 }
        return length
    }

    /// The message for a file that is not UTF-8, naming the byte.
    public static func notUTF8Message(byte: UInt8, column: Int) -> String {
        "the file is not UTF-8 text (byte \(String(format: "0x%02X", byte)) at column \(column))"
    }

    /// Reads `path` as UTF-8 text of at most `sizeLimit` bytes. Errors name the file and, for a byte that is
    /// not UTF-8, its line (line 0 only when the file cannot be read at all).
    public static func read(_ path: String, sizeLimit: Int = 100_000_000) throws(FileLineError) -> String {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw FileLineError(file: path, line: 0, message: "no such file", hint: "check the path")
        }
        guard !isFolder.boolValue else { throw FileLineError(file: path, line: 0, message: "this is a folder, not a file") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FileLineError(file: path, line: 0, message: "cannot read the file", hint: "check that you may read it")
        }
        guard data.count <= sizeLimit else {
            throw FileLineError(file: path, line: 0, message: "the file is \(data.count / 1_000_000) MB; at most \(sizeLimit / 1_000_000) MB is read")
        }
        return try decode(data, file: path)
    }

    /// `data` as UTF-8 text, or an error naming the line of its first byte that is not UTF-8.
    public static func decode(_ data: Data, file: String) throws(FileLineError) -> String {
        if let text = String(data: data, encoding: .utf8) { return text }
        let at = firstInvalidUTF8([UInt8](data)) ?? (1, 1, 0)
        throw FileLineError(file: file, line: at.line, message: notUTF8Message(byte: at.byte, column: at.column), hint: "save it as UTF-8")
    }
}

extension String {
    /// The text with control characters (escapes, carriage returns, bidirectional overrides, …) shown as
    /// `\u{1B}`, so that input echoed in a message cannot drive the terminal or forge lines. Line breaks
    /// and tabs stay.
    public var escapingControlCharacters: String {
        guard unicodeScalars.contains(where: Self.isUnsafe) else { return self }
        var result = ""
        for scalar in unicodeScalars {
            if Self.isUnsafe(scalar) {
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: false
        case 0x00...0x1F, 0x7F...0x9F, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0xFEFF: true
        default: false
        }
    }
}
