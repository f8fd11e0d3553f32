import Foundation
import RotaCore
import Testing

/// The JSON Schema for editors and the parser agree both ways: the schema is generated from the format the
/// parser checks against (and the shipped file is that output), every field the format lists parses with a
/// value the schema accepts and is refused with one it does not, and every number's range is enforced.
@Suite struct ScenarioSchemaTests {
    @Test func theShippedSchemaIsTheGeneratedOne() throws {
        let path = try #require(ScenarioFiles.schema)
        let shipped = try String(contentsOfFile: path, encoding: .utf8)
        #expect(shipped == ScenarioFormat.jsonSchema, "regenerate it: rota schema > scenarios/rota-scenario.schema.json")
        _ = try JSONSerialization.jsonObject(with: Data(shipped.utf8))
    }

    /// A valid entry of each object of the format, with only what it needs.
    static let minimal: [String: [(String, String)]] = [
        "": [("rota", "1"), ("horizon", "{start: 2026-12-07, days: 7}")],
        "horizon": [("start", "2026-12-07"), ("days", "7")],
        "sites[]": [("id", "x")],
        "roles[]": [("id", "x")],
        "holidays[]": [("date", "2026-12-08")],
        "shift_types[]": [("id", "x"), ("start", "\"08:00\""), ("end", "\"12:00\"")],
        "rest": [("min_hours", "8")],
        "forbidden_successions[]": [("from", "x"), ("to", "y")],
        "contracts[]": [("id", "c"), ("weekly_hours", "40")],
        "staff[]": [("id", "s"), ("role", "r")],
        "staff[].credentials[]": [("kind", "k")],
        "leave[]": [("staff", "s"), ("from", "2026-12-08")],
        "unavailable[]": [("staff", "s"), ("date", "2026-12-08"), ("from", "\"08:00\""), ("to", "\"09:00\"")],
        "requests[]": [("staff", "s"), ("date", "2026-12-08"), ("on", "true")],
        "standing_weeks[]": [("staff", "s")],
        "coverage[]": [("shift", "x"), ("target", "1")],
        "demand": [("providers", "p"), ("visits_per_provider_session", "10")],
        "demand.adjust[]": [("scale", "1")],
        "demand.support[]": [("who", "x"), ("per_provider", "1")],
        "fairness[]": [("shifts", "[x]"), ("who", "y")],
        "history[]": [("staff", "s"), ("date", "2026-12-01"), ("shift", "x")],
        "pinned[]": [("staff", "s"), ("date", "2026-12-08"), ("shift", "x")],
    ]

    /// Keys that may not stand beside each other: setting one drops the other from the minimal entry.
    static let exclusive: [String: [String: String]] = [
        "horizon": ["end": "days"], "shift_types[]": ["length": "end"], "demand.adjust[]": ["visits": "scale"],
        "requests[]": ["off": "on"],
        "coverage[]": ["shifts": "shift", "from": "shift", "to": "shift", "site": "shift"],
        "demand": ["visits_per_provider_hour": "visits_per_provider_session"],
    ]

    /// Keys that need others beside them: cover by the hour needs both ends, and `site` belongs to it.
    static let companions: [String: [String: [(String, String)]]] = [
        "coverage[]": [
            "from": [("to", "\"12:00\"")], "to": [("from", "\"08:00\"")], "site": [("from", "\"08:00\""), ("to", "\"12:00\"")],
        ],
    ]

    /// A value the schema accepts, by kind (a few fields need one that suits the minimal entry).
    static func sample(_ value: ScenarioFormat.Value, field: String) -> String {
        switch field {
        case "coverage[].max": return "5"
        case "demand.support[].of": return "rostered"
        case "requests[].off", "requests[].on": return "true"
        case "demand.file": return "demand.csv"
        default: break
        }
        switch value {
        case .text, .name: return "sample"
        case .names: return "[a, b]"
        case .flag: return "false"
        case .integer(let range): return "\(range.lowerBound)"
        case .number(let range): return "\(range.lowerBound)"
        case .date: return "2026-12-09"
        case .time: return "\"10:30\""
        case .version(let number): return "\(number)"
        case .weekdays: return "[fri, saturday]"
        case .weekdaysOrHolidays: return "[mon, holidays]"
        case .days: return "[tue, holidays]"
        case .pair(let range): return "[\(range.lowerBound), \(range.upperBound)]"
        case .object(let path): return flow(minimal[path] ?? [])
        case .list(let item): return "[" + sample(item, field: field) + "]"
        case .map(let item): return "{x: " + sample(item, field: field) + "}"
        case .dayMap(let item): return "{mon: " + sample(item, field: field) + ", holidays: " + sample(item, field: field) + "}"
        }
    }

    static func flow(_ entries: [(String, String)]) -> String { "{" + entries.map { "\($0.0): \($0.1)" }.joined(separator: ", ") + "}" }

    /// A scenario holding one entry (its keys and values) of the object at `path`, and the path of that entry
    /// in the file.
    static func scenario(with entries: [(String, String)], at path: String) -> (text: String, filePath: String) {
        let top = "rota: 1\nhorizon: {start: 2026-12-07, days: 7}\n"
        let entry = flow(entries)
        switch path {
        case "": return (entries.map { "\($0.0): \($0.1)\n" }.joined(), "")
        case "horizon": return ("rota: 1\nhorizon: \(entry)\n", "horizon")
        case "rest", "demand": return (top + "\(path): \(entry)\n", path)
        case "staff[].credentials[]": return (top + "staff: [{id: s, role: r, credentials: [\(entry)]}]\n", "staff[0].credentials[0]")
        case "demand.adjust[]", "demand.support[]":
            let key = path.dropFirst("demand.".count).dropLast(2)
            return (top + "demand: {providers: p, visits_per_provider_session: 10, \(key): [\(entry)]}\n", "demand.\(key)[0]")
        default:
            let key = path.dropLast(2)
            return (top + "\(key): [\(entry)]\n", "\(key)[0]")
        }
    }

    static func errors(_ text: String) throws -> [Diagnostic] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rota-schema-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "date,shift,visits\n2026-12-08,x,10\n".write(to: folder.appendingPathComponent("demand.csv"), atomically: true, encoding: .utf8)
        return ScenarioParser.parse(text: text, file: folder.appendingPathComponent("s.yaml").path).diagnostics.filter { $0.severity == .error }
    }

    /// Every field, written with a value the schema accepts, parses; written with a value of another kind,
    /// it is refused at its own path (so the parser reads it: nothing the schema allows is ignored).
    @Test(arguments: ScenarioFormat.objects.map(\.path))
    func everyFieldParsesAndIsRead(object: String) throws {
        let fields = ScenarioFormat.fields(object)
        #expect(!fields.isEmpty)
        for field in fields {
            var entry = Self.minimal[object] ?? []
            if let other = Self.exclusive[object]?[field.name] { entry.removeAll { $0.0 == other } }
            entry.removeAll { $0.0 == field.name }
            entry += Self.companions[object]?[field.name] ?? []
            let good = entry + [(field.name, Self.sample(field.value, field: "\(object.isEmpty ? "" : object + ".")\(field.name)"))]
            let (text, at) = Self.scenario(with: good, at: object)
            let found = try Self.errors(text)
            #expect(found.isEmpty, "\(object) \(field.name): \(found)\n\(text)")

            let wrong: String
            switch field.value {
            case .list, .object, .map, .dayMap, .pair: wrong = "7"
            default: wrong = "{bogus: 1}"
            }
            let bad = entry + [(field.name, wrong)]
            let (badText, _) = Self.scenario(with: bad, at: object)
            let fieldPath = at.isEmpty ? field.name : "\(at).\(field.name)"
            let refused = try Self.errors(badText)
            #expect(refused.contains { $0.path.hasPrefix(fieldPath) }, "\(fieldPath) with \(wrong): \(refused)")
        }
    }

    /// Numbers just outside their range are refused, at their path, with the range in the hint.
    @Test(arguments: ScenarioFormat.objects.map(\.path))
    func everyNumberIsRangeChecked(object: String) throws {
        for field in ScenarioFormat.fields(object) {
            var outside: [String] = []
            switch field.value {
            case .integer(let range): outside = ["\(range.lowerBound - 1)", "\(range.upperBound + 1)"]
            case .number(let range): outside = ["\(range.lowerBound - 0.01)", "\(range.upperBound * 2 + 1)", ".inf", ".nan"]
            case .pair(let range): outside = ["[\(range.lowerBound - 1), 1]", "[0, \(range.upperBound + 1)]"]
            case .map(.integer(let range)): outside = ["{x: \(range.upperBound + 1)}"]
            case .map(.dayMap(.number(let range))): outside = ["{x: {mon: \(range.upperBound + 1)}}"]
            default: continue
            }
            for value in outside {
                var entry = Self.minimal[object] ?? []
                if let other = Self.exclusive[object]?[field.name] { entry.removeAll { $0.0 == other } }
                entry.removeAll { $0.0 == field.name }
            entry += Self.companions[object]?[field.name] ?? []
                let (text, at) = Self.scenario(with: entry + [(field.name, value)], at: object)
                let fieldPath = at.isEmpty ? field.name : "\(at).\(field.name)"
                let refused = try Self.errors(text)
                #expect(refused.contains { $0.path.hasPrefix(fieldPath) }, "\(fieldPath): \(value) was accepted")
            }
        }
    }

    /// Every word the schema lists for days parses wherever days are written.
    @Test func everyDayWordParses() throws {
        for word in ScenarioFormat.dayWords + ScenarioFormat.weekdayNames + ScenarioFormat.weekdayWords {
            let line = "coverage: [{shift: x, days: \(word), target: 1}]\nweekend_days: [\(ScenarioFormat.weekdayNames.contains(word) || ScenarioFormat.weekdayWords.contains(word) ? word : "sat")]"
            let text = "rota: 1\nhorizon: {start: 2026-12-07, days: 7}\n" + line + "\n"
            let found = try Self.errors(text)
            #expect(found.isEmpty, "\(word): \(found)")
        }
        #expect(try !Self.errors("rota: 1\nhorizon: {start: 2026-12-07, days: 7}\nweekend_days: [holidays]\n").isEmpty)
        #expect(try !Self.errors("rota: 1\nhorizon: {start: 2026-12-07, days: 7}\ncoverage: [{shift: x, days: Mon, target: 1}]\n").isEmpty)
    }

    /// A horizon given by its end is held to the same length as one given in days.
    @Test func aHorizonByItsEndIsBounded() throws {
        let errors = try Self.errors("rota: 1\nhorizon: {start: 2026-12-07, end: 9999-12-31}\n")
        #expect(errors.contains { $0.path == "horizon.end" && $0.message.contains("at most 3660") })
    }
}
