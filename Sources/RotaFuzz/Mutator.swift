internal import Foundation
internal import RotaCore

/// Seeded, structure-aware mutations of text input files: the same seed and corpus give the same mutants,
/// so every finding replays. Mutations aim at what readers get wrong: numbers at and beyond their ranges,
/// dates that do not exist, broken YAML structure, line endings, encodings, control characters, huge and
/// truncated files, and references swapped between fields.
public struct Mutator {
    private var random: SplitMix64

    public init(seed: UInt64) { random = SplitMix64(seed: seed) }

    /// Numbers a reader must range-check: zero, negatives, beyond 32 and 64 bits, IEEE specials, tiny.
    static let numbers = [
        "0", "-1", "-0", "1", "2", "7", "24", "60", "100", "0.5", "1.5", "168", "366", "3660", "3661", "99999",
        "2147483648", "4294967296", "9223372036854775807", "9223372036854775808", "-9223372036854775809", "9e18",
        "1e300", "1e308", "1e309", "-1e308", "1e-320", "inf", "-inf", ".inf", "nan", ".nan", "NaN", "0x10", "1_000",
        "00", "+3", "1e", "--1", "١٢", "Infinity",
    ]
    static let dates = [
        "2026-02-29", "2026-02-30", "2026-13-01", "2026-00-10", "0000-01-01", "9999-12-31", "1900-01-01",
        "2026-12-21T08:00", "20261221", "2026-12-32", "-2026-12-01", "2027-01-01", "2026-12-20",
    ]
    static let times = ["24:00", "23:59", "00:00", "25:00", "12:60", "-1:00", "8", "08:00:00", "7:5"]
    static let fragments = [
        "", " ", "\t", "\r", "\r\n", "\u{0}", "\u{1b}[31m", "\u{1b}]0;title\u{7}", "\u{202e}", "\u{feff}", ":", ": ",
        "- ", "[", "]", "{", "}", ",", "\"", "'", "#", "&a ", "*a", "!!binary ", "!!float ", "<<: ", "? ", "|",
        ">", "%YAML 1.1\n", "---\n", "...\n", "~", "null", "true", "no", "=1+1", "+cmd", "@SUM(A1)", "-cmd",
        "::error file=README.md::forged", "\n::warning::x", "../../../../etc/passwd", "/dev/zero", "/proc/self/environ",
        "SECTION_HORIZON", "SECTION_STAFF", "SECTION_COVER", "staff,date,shift", "L", "H", "x", ".",
    ]

    private mutating func below(_ n: Int) -> Int { n <= 1 ? 0 : Int(random.next() % UInt64(n)) }
    private mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
    private mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// One mutant of `input`: one to three mutations stacked. `donors` are other files of the same kind, for
    /// splices.
    public mutating func mutate(_ input: [UInt8], donors: [[UInt8]] = []) -> [UInt8] {
        var data = input
        for _ in 0..<(1 + below(3)) { data = mutateOnce(data, donors: donors) }
        // Past the readers' size limits an error can only name the file, not a line.
        return data.count > Self.maxSize ? Array(data.prefix(Self.maxSize)) : data
    }

    /// The largest mutant: well under every reader's size limit (a scenario or change file is at most 20 MB).
    static let maxSize = 4_000_000

    private mutating func mutateOnce(_ data: [UInt8], donors: [[UInt8]]) -> [UInt8] {
        var lines = Self.lines(data)
        switch below(16) {
        case 0, 1, 2: return replaceToken(data, matching: Self.isNumberByte, with: pick(Self.numbers))
        case 3: return replaceDate(data)
        case 4: return replaceToken(data, matching: { $0 == UInt8(ascii: ":") || Self.isNumberByte($0) }, with: pick(Self.times), needsColon: true)
        case 5:
            guard !lines.isEmpty else { return data }
            lines.remove(at: below(lines.count))
        case 6:
            guard !lines.isEmpty else { return data }
            let index = below(lines.count)
            lines.insert(lines[index], at: below(lines.count + 1))
        case 7:
            guard lines.count > 1 else { return data }
            lines.swapAt(below(lines.count), below(lines.count))
        case 8:
            // Stacked, these would pass the readers' size limits, which only name the file.
            guard !lines.isEmpty, data.count < 1_000_000 else { return data }
            let index = below(lines.count)
            if chance(50) { lines[index] = Array("  ".utf8) + lines[index] } else { lines[index] = Array(lines[index].drop { $0 == 32 }) }
        case 9: return insert(Array(pick(Self.fragments).utf8), into: data)
        case 10:
            // A random byte, including invalid UTF-8 and control characters.
            var copy = data
            let byte = UInt8(truncatingIfNeeded: random.next())
            if copy.isEmpty || chance(50) { copy.insert(byte, at: below(copy.count + 1)) } else { copy[below(copy.count)] = byte }
            return copy
        case 11: return Array(data.prefix(below(data.count + 1)))
        case 12:
            // Splice: this file's head, another's tail.
            guard let donor = donors.isEmpty ? nil : pick(donors), !donor.isEmpty else { return data }
            return Array(data.prefix(below(data.count + 1))) + donor.suffix(from: below(donor.count))
        case 13: return swapIdentifiers(data)
        case 14:
            // Something huge: a long name, a long line, or a line repeated many times.
            // Stacked, these would pass the readers' size limits, which only name the file.
            guard !lines.isEmpty, data.count < 1_000_000 else { return data }
            let index = below(lines.count)
            if chance(50) {
                lines[index] += Array(String(repeating: pick(["a", "9", "x,", "- "]), count: 5_000 + below(60_000)).utf8)
            } else {
                lines.insert(contentsOf: Array(repeating: lines[index], count: 200 + below(3_000)), at: index)
            }
        default:
            // Line endings: CRLF, CR, none.
            let ending: [UInt8] = pick([[13, 10], [13], []])
            return Array(lines.map { $0 + ending }.joined(separator: [10]))
        }
        return Array(lines.joined(separator: [10]))
    }

    static func lines(_ data: [UInt8]) -> [[UInt8]] { data.split(separator: 10, omittingEmptySubsequences: false).map(Array.init) }
    static func isNumberByte(_ byte: UInt8) -> Bool { (48...57).contains(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") }

    private mutating func insert(_ fragment: [UInt8], into data: [UInt8]) -> [UInt8] {
        var copy = data
        copy.insert(contentsOf: fragment, at: below(data.count + 1))
        return copy
    }

    /// Ranges of the maximal runs of bytes for which `matching` holds, kept where `keep` says so.
    private static func runs(_ data: [UInt8], _ matching: (UInt8) -> Bool, keep: (ArraySlice<UInt8>) -> Bool) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start: Int?
        for index in 0...data.count {
            let inside = index < data.count && matching(data[index])
            if inside, start == nil { start = index }
            if !inside, let begin = start {
                if keep(data[begin..<index]) { result.append(begin..<index) }
                start = nil
            }
        }
        return result
    }

    /// Runs of `matching` bytes that hold a digit (and a colon, for clock times).
    private static func runs(_ data: [UInt8], _ matching: (UInt8) -> Bool, needsColon: Bool) -> [Range<Int>] {
        runs(data, matching) { run in
            run.contains(where: { (48...57).contains($0) }) && (!needsColon || run.contains(UInt8(ascii: ":")))
        }
    }

    private mutating func replaceToken(_ data: [UInt8], matching: (UInt8) -> Bool, with token: String, needsColon: Bool = false) -> [UInt8] {
        let candidates = Self.runs(data, matching, needsColon: needsColon)
        guard !candidates.isEmpty else { return insert(Array(token.utf8), into: data) }
        var copy = data
        copy.replaceSubrange(pick(candidates), with: Array(token.utf8))
        return copy
    }

    private mutating func replaceDate(_ data: [UInt8]) -> [UInt8] {
        let isDateByte: (UInt8) -> Bool = { (48...57).contains($0) || $0 == UInt8(ascii: "-") }
        let candidates = Self.runs(data, isDateByte, needsColon: false).filter { $0.count == 10 }
        guard !candidates.isEmpty else { return replaceToken(data, matching: Self.isNumberByte, with: pick(Self.dates)) }
        var copy = data
        copy.replaceSubrange(pick(candidates), with: Array(pick(Self.dates).utf8))
        return copy
    }

    /// Replaces one identifier-like word with another word of the same file: a staff id where a shift is
    /// expected, a role where a skill is, a key where a value is.
    private mutating func swapIdentifiers(_ data: [UInt8]) -> [UInt8] {
        let isWordByte: (UInt8) -> Bool = {
            (97...122).contains($0) || (65...90).contains($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_")
        }
        let words = Self.runs(data, isWordByte) { $0.count >= 2 }
        guard words.count >= 2 else { return data }
        let target = pick(words)
        let source = pick(words)
        var copy = data
        copy.replaceSubrange(target, with: data[source])
        return copy
    }
}
