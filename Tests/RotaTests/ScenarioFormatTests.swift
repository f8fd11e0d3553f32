import Foundation
import RotaCore
import Testing

/// The scenario format: what parses, what does not, and that every error says where and how to fix it.
@Suite struct ScenarioFormatTests {
    static let base = """
        rota: 1
        practice: Tiny
        horizon: {start: 2026-12-01, days: 7}
        roles: [{id: rn}, {id: physician}]
        shift_types:
          - {id: AM, start: "08:00", end: "12:00"}
        contracts:
          - {id: full-time, max_consecutive_days: 5}
        staff:
          - {id: rn-01, role: rn, contract: full-time}
          - {id: dr-a, role: physician}
        """

    static func diagnostics(_ text: String) -> [Diagnostic] {
        let (scenario, parsed) = ScenarioParser.parse(text: text, file: "t.yaml")
        guard let scenario else { return parsed }
        var normalizer = ScenarioNormalizer(scenario: scenario)
        return parsed + normalizer.normalize(checkDeadEnds: !parsed.contains { $0.severity == .error }).diagnostics
    }

    /// The single error of `text`, which must exist.
    static func error(_ text: String) throws -> Diagnostic {
        let errors = diagnostics(text).filter { $0.severity == .error }
        #expect(errors.count == 1, "\(errors)")
        return try #require(errors.first)
    }

    @Test func theBaseIsValid() {
        #expect(Self.diagnostics(Self.base).isEmpty)
    }

    @Test func unknownKeySuggestsTheRightOne() throws {
        let e = try Self.error(Self.base.replacingOccurrences(of: "{id: rn-01, role: rn, contract: full-time}", with: "{id: rn-01, role: rn, contrct: full-time}"))
        #expect(e.message == "unknown key `contrct`")
        #expect(e.hint == "did you mean `contract`?")
        #expect(e.path == "staff[0].contrct")
        #expect(e.line == 10 && e.column == 27)
    }

    @Test func undefinedContractIsNamed() throws {
        let e = try Self.error(Self.base.replacingOccurrences(of: "contract: full-time}", with: "contract: part-time}"))
        #expect(e.message == "staff `rn-01` refers to contract `part-time` which is not defined")
        #expect(e.line == 10)
        #expect(e.path == "staff[0].contract")
    }

    @Test func leaveEndingBeforeItStarts() throws {
        let e = try Self.error(Self.base + "\nleave: [{staff: dr-a, from: 2026-12-05, to: 2026-12-03}]")
        #expect(e.message == "leave ends before it starts")
        #expect(e.line == 12)
    }

    @Test func badValuesSayWhatIsExpected() throws {
        #expect(try Self.error(Self.base.replacingOccurrences(of: "start: 2026-12-01", with: "start: 2026-13-01")).message.hasPrefix("expected a date"))
        #expect(try Self.error(Self.base.replacingOccurrences(of: "\"12:00\"", with: "\"12:75\"")).message.hasPrefix("expected a time"))
        #expect(try Self.error(Self.base.replacingOccurrences(of: "max_consecutive_days: 5", with: "max_consecutive_days: five")).message
            .hasPrefix("expected a whole number"))
        #expect(try Self.error(Self.base.replacingOccurrences(of: "rota: 1", with: "rota: 2")).hint == "write `rota: 1`")
        #expect(try Self.error(Self.base.replacingOccurrences(of: "{id: dr-a, role: physician}", with: "{id: rn-01, role: physician}")).message
            == "staff member `rn-01` is defined twice")
    }

    @Test func brokenYAMLGivesItsLine() throws {
        let e = try Self.error(Self.base + "\nleave: [{staff: dr-a, from: 2026-12-05")
        #expect(e.message.hasPrefix("not valid YAML"))
        #expect(e.line >= 12)
    }

    @Test func unknownRoleGroupOrSkillInCoverage() throws {
        let e = try Self.error(Self.base + "\ncoverage: [{shift: AM, who: nurse, min: 1}]")
        #expect(e.message == "coverage refers to `nurse`, which is no role, group or skill")
    }

    @Test func deadEndsAreCaughtBeforeSolving() throws {
        let e = try Self.error(
            Self.base + "\nleave: [{staff: dr-a, from: 2026-12-03, to: 2026-12-04}]\ncoverage: [{shift: AM, dates: [2026-12-04], who: physician, min: 1}]")
        #expect(e.message == "Fri 4 Dec AM needs 1 physician; only 0 of 1 can work it (1 on leave)")
        #expect(e.line == 13)
    }

    @Test func pinsOnLeaveAndHistoryInsideTheHorizonAreErrors() throws {
        let leave = "\nleave: [{staff: dr-a, from: 2026-12-03, to: 2026-12-04}]"
        #expect(try Self.error(Self.base + leave + "\npinned: [{staff: dr-a, date: 2026-12-03, shift: AM}]").message
            == "dr-a is pinned to AM on 2026-12-03, but on leave")
        #expect(try Self.error(Self.base + "\nhistory: [{staff: dr-a, date: 2026-12-03, shift: AM}]").message
            .hasPrefix("history must be before the horizon starts"))
    }

    /// No input crashes the parser: the example practice with lines dropped, characters changed and
    /// cut short, over a hundred times.
    @Test func mangledFilesNeverCrash() throws {
        let path = try #require(ScenarioFiles.example)
        let original = try String(contentsOfFile: path, encoding: .utf8)
        var lines = original.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var state: UInt64 = 42
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(max(1, n)))
        }
        let noise = ["", ":", "- ", "{", "]", "\"", "x: [", "  ", "12:99", "-1", "2026-02-30", "~", "&a", "*a", "null", "\t"]
        for _ in 0..<120 {
            var mangled = lines
            for _ in 0..<(1 + next(3)) {
                let i = next(mangled.count)
                switch next(4) {
                case 0: mangled.remove(at: i)
                case 1: mangled[i] += noise[next(noise.count)]
                case 2: mangled[i] = String(mangled[i].prefix(next(mangled[i].count + 1))) + noise[next(noise.count)]
                default: mangled.insert(noise[next(noise.count)], at: i)
                }
            }
            _ = Self.diagnostics(mangled.joined(separator: "\n"))
        }
        lines.removeAll()
    }

    @Test func theExamplePracticeIsValid() throws {
        let path = try #require(ScenarioFiles.example)
        let (normalized, diagnostics) = ScenarioNormalizer.load(file: path)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let problem = try #require(normalized?.problem)
        #expect(problem.staff.count == 40)
        #expect(problem.dayCount == 31)
        #expect(problem.holidays.count == 2)
        #expect(!problem.supervision.isEmpty)
        #expect(!(normalized?.demand.isEmpty ?? true))
    }

    /// The JSON Schema shipped for editors lists exactly the keys the parser accepts, part by part (kinds and
    /// ranges: `ScenarioSchemaTests`).
    @Test func theJSONSchemaMatchesTheParser() throws {
        let path = try #require(ScenarioFiles.schema)
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        func node(_ schemaPath: String) -> [String: Any]? {
            var current: [String: Any]? = schema
            for part in schemaPath.split(separator: ".") {
                let list = part.hasSuffix("[]")
                let name = list ? String(part.dropLast(2)) : String(part)
                current = (current?["properties"] as? [String: Any])?[name] as? [String: Any]
                if list { current = current?["items"] as? [String: Any] }
            }
            return current
        }
        for (schemaPath, keys) in ScenarioParser.keys {
            let properties = try #require(node(schemaPath)?["properties"] as? [String: Any], "no object for `\(schemaPath)` in the schema")
            #expect(Set(properties.keys) == Set(keys), "`\(schemaPath)`: schema \(properties.keys.sorted()) vs parser \(keys.sorted())")
            #expect(node(schemaPath)?["additionalProperties"] as? Bool == false, "`\(schemaPath)` must reject unknown keys")
        }
    }
}

/// Files of the repository's `scenarios/` folder.
enum ScenarioFiles {
    static var folder: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("scenarios")
    }
    static func existing(_ name: String) -> String? {
        let path = folder.appendingPathComponent(name).path
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }
    static var example: String? { existing("riverside-2026-12.yaml") }
    static var schema: String? { existing("rota-scenario.schema.json") }
}
