/// The JSON Schema (draft 2020-12) of the scenario format, generated from ``ScenarioFormat`` so that editors
/// and Rota accept the same files.
extension ScenarioFormat {
    /// The schema as pretty-printed JSON, keys in the format's order (`scenarios/rota-scenario.schema.json`).
    public static var jsonSchema: String {
        var root: [(String, JSON)] = [
            ("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
            ("$id", .string("https://rota.example/rota-scenario.schema.json")),
            ("title", .string("Rota scenario (format version 1)")),
        ]
        root += object("", summary: "A month at a medical practice for Rota to roster. Keys are checked: unknown keys are errors.")
        return JSON.object(root).text(indent: "") + "\n"
    }

    private static func object(_ path: String, summary: String? = nil) -> [(String, JSON)] {
        let fields = fields(path)
        var result: [(String, JSON)] = []
        if let summary { result.append(("description", .string(summary))) }
        result.append(("type", .string("object")))
        result.append(("additionalProperties", .bool(false)))
        result.append(("properties", .object(fields.map { ($0.name, schema(of: $0.value, summary: $0.summary)) })))
        let required = fields.filter(\.isRequired).map { JSON.string($0.name) }
        if !required.isEmpty { result.append(("required", .array(required))) }
        return result
    }

    private static func schema(of value: Value, summary: String? = nil) -> JSON {
        var result: [(String, JSON)] = summary.map { [("description", .string($0))] } ?? []
        let weekdays = (weekdayNames + weekdayWords).map(JSON.string)
        switch value {
        case .text, .name:
            result.append(("type", .string("string")))
        case .names:
            result.append(("oneOf", .array([
                .object([("type", .string("array")), ("items", .object([("type", .string("string"))]))]),
                .object([("type", .string("string"))]),
            ])))
        case .flag:
            result.append(("type", .string("boolean")))
        case .integer(let range):
            result += [("type", .string("integer")), ("minimum", .number(Double(range.lowerBound))), ("maximum", .number(Double(range.upperBound)))]
        case .number(let range):
            result.append(("oneOf", .array([
                .object([("type", .string("number")), ("minimum", .number(range.lowerBound)), ("maximum", .number(range.upperBound))]),
                .object([("type", .string("string")), ("pattern", .string(#"^\d+(\.\d+)?%$"#)), ("description", .string("a percentage"))]),
            ])))
        case .date:
            result += [("type", .string("string")), ("format", .string("date")), ("pattern", .string(#"^\d{4}-\d{2}-\d{2}$"#))]
        case .time:
            result += [("type", .string("string")), ("pattern", .string(#"^(([01]?\d|2[0-3]):[0-5]\d|24:00)$"#))]
        case .version(let number):
            result.append(("const", .number(Double(number))))
        case .weekdays:
            result += [("type", .string("array")), ("items", .object([("enum", .array(weekdays))]))]
        case .weekdaysOrHolidays:
            result += [("type", .string("array")), ("items", .object([("enum", .array(weekdays + [.string("holidays")]))]))]
        case .days:
            result.append(("oneOf", .array([
                .object([("enum", .array(dayWords.map(JSON.string)))]),
                .object([("type", .string("array")), ("minItems", .number(1)), ("items", .object([("enum", .array(weekdays + [.string("holidays")]))]))]),
            ])))
        case .pair(let range):
            result += [
                ("type", .string("array")), ("minItems", .number(2)), ("maxItems", .number(2)),
                ("items", schema(of: .number(range))),
            ]
        case .object(let path):
            result += object(path)
        case .list(let item):
            result += [("type", .string("array")), ("items", schema(of: item))]
        case .map(let item):
            result += [("type", .string("object")), ("additionalProperties", schema(of: item))]
        case .dayMap(let item):
            result += [
                ("type", .string("object")),
                ("propertyNames", .object([("enum", .array(weekdays + [.string("holidays")]))])),
                ("additionalProperties", schema(of: item)),
            ]
        }
        return .object(result)
    }
}

/// A JSON value with its object keys in order, for files people read and diff.
enum JSON {
    case string(String)
    case number(Double)
    case bool(Bool)
    case array([JSON])
    case object([(String, JSON)])

    func text(indent: String) -> String {
        let inner = indent + "  "
        switch self {
        case .string(let value): return Self.quote(value)
        case .number(let value):
            return value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
        case .bool(let value): return value ? "true" : "false"
        case .array(let items):
            if items.allSatisfy({ if case .string = $0 { true } else { false } }) {
                return "[" + items.map { $0.text(indent: inner) }.joined(separator: ", ") + "]"
            }
            return "[\n" + items.map { inner + $0.text(indent: inner) }.joined(separator: ",\n") + "\n" + indent + "]"
        case .object(let entries):
            if entries.isEmpty { return "{}" }
            return "{\n" + entries.map { inner + Self.quote($0.0) + ": " + $0.1.text(indent: inner) }.joined(separator: ",\n") + "\n" + indent + "}"
        }
    }

    static func quote(_ text: String) -> String {
        var result = "\""
        for character in text.unicodeScalars {
            switch character {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            default:
                if character.value < 0x20 {
                    let hex = String(character.value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(character)
                }
            }
        }
        return result + "\""
    }
}
