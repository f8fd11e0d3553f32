import Foundation
import Yams

/// Parses a scenario file (YAML, `rota: 1`) into a ``Scenario``, reporting every problem it finds.
public enum ScenarioParser {
    /// The keys each part of the format allows, by format path (`staff[]` for an entry of the staff list),
    /// from ``ScenarioFormat``.
    public static let keys: [String: [String]] = Dictionary(
        uniqueKeysWithValues: ScenarioFormat.objects.map { ($0.path, $0.fields.map(\.name)) })

    /// Whether `path` names a scenario file (`.yaml` or `.yml`).
    public static func isScenarioFile(_ path: String) -> Bool { path.hasSuffix(".yaml") || path.hasSuffix(".yml") }

    /// The largest scenario file read (a year of a large practice is well under it).
    public static let sizeLimit = 20_000_000

    public static func parse(file path: String) -> (scenario: Scenario?, diagnostics: [Diagnostic]) {
        func fail(_ line: Int, _ column: Int, _ message: String, _ hint: String?) -> (scenario: Scenario?, diagnostics: [Diagnostic]) {
            (nil, [Diagnostic(.error, file: path, line: line, column: column, path: "", message: message, hint: hint)])
        }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return fail(0, 0, "no such file", "check the path") }
        if isFolder.boolValue { return fail(0, 0, "this is a folder, not a scenario file", "give the .yaml file in it") }
        guard let data = FileManager.default.contents(atPath: path) else {
            return fail(0, 0, "cannot read the file", "check that you may read it")
        }
        guard data.count <= sizeLimit else { return fail(0, 0, "the file is \(data.count / 1_000_000) MB; a scenario is at most 20 MB", nil) }
        guard let text = String(data: data, encoding: .utf8) else {
            let at = TextFile.firstInvalidUTF8([UInt8](data)) ?? (1, 1, 0)
            return fail(at.line, at.column, TextFile.notUTF8Message(byte: at.byte, column: at.column), "save it as UTF-8")
        }
        return parse(text: text, file: path)
    }

    /// The scenario (nil only when the YAML itself could not be read) and every finding.
    public static func parse(text: String, file: String) -> (scenario: Scenario?, diagnostics: [Diagnostic]) {
        var reader = YAMLReader(file: file)
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                reader.error(at: SourceLocation(line: 1, column: 1, path: ""), "the file is empty", hint: "a scenario starts with `rota: 1`")
                return (nil, reader.diagnostics)
            }
            root = node
        } catch let error as YamlError {
            let (line, column, problem) = describe(error, text: text)
            return (nil, [Diagnostic(.error, file: file, line: line, column: column, path: "", message: "not valid YAML: \(problem)",
                hint: "check indentation and quoting near here")])
        } catch {
            return (nil, [Diagnostic(.error, file: file, line: 0, column: 0, path: "", message: "not valid YAML: \(error)")])
        }
        var parser = Parser(reader: reader, directory: (file as NSString).deletingLastPathComponent)
        let scenario = parser.scenario(root)
        // A scenario with errors still comes back (entries that failed are left out), so that normalization
        // can report its own findings too; callers check the diagnostics before solving.
        return (scenario, parser.reader.diagnostics)
    }

    /// Where in `text` a YAML error is, and what it is, in one short line (never the file's text).
    static func describe(_ error: YamlError, text: String) -> (Int, Int, String) {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return (mark.line, mark.column, problem)
        case .reader(let problem, let offset, _, _):
            // The offset is in characters from the start; count lines up to it.
            guard let offset else { return (0, 0, problem) }
            var line = 1, column = 1
            for (index, character) in text.unicodeScalars.enumerated() {
                if index >= offset { break }
                if character == "\n" { line += 1; column = 1 } else { column += 1 }
            }
            return (line, column, problem)
        case .duplicatedKeysInMapping(let duplicates, let context):
            // The second time a key is written in the mapping that begins at the context's mark.
            let keys = Set(duplicates)
            var seen = Set<String>()
            for (number, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated()
            where number + 1 >= context.mark.line {
                let trimmed = line.drop { $0 == " " || $0 == "-" }
                guard let colon = trimmed.firstIndex(of: ":") else { continue }
                let key = String(trimmed[..<colon])
                guard keys.contains(key) else { continue }
                if !seen.insert(key).inserted {
                    return (number + 1, line.count - trimmed.count + 1, "`\(key)` is given twice")
                }
            }
            return (context.mark.line, context.mark.column, "a key is given twice: " + duplicates.joined(separator: ", "))
        default:
            return (0, 0, "the YAML could not be read")
        }
    }

    /// A mapping of the file whose keys were checked against the format, read field by field with the kind
    /// and range the format gives each.
    private struct Entry {
        let nodes: [String: Node]
        /// Its path in the format (`coverage[]`) and in the file (`coverage[3]`).
        let format: String
        let path: String
        let node: Node

        subscript(_ key: String) -> Node? { nodes[key] }
        func at(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
        func value(_ key: String) -> ScenarioFormat.Value { ScenarioFormat.field(format, key).value }
    }

    private struct Parser {
        var reader: YAMLReader
        let directory: String
        /// The scenario's weekend days (read first), which `weekends` and `weekdays` in day lists follow.
        var weekendDays: [Int] = [5, 6]

        mutating func entry(_ node: Node, _ path: String, format: String) -> Entry? {
            let required = ScenarioFormat.fields(format).filter(\.isRequired).map(\.name)
            return reader.fields(node, path, allowed: ScenarioParser.keys[format] ?? [], required: required)
                .map { Entry(nodes: $0, format: format, path: path, node: node) }
        }

        mutating func entries(_ e: Entry, _ key: String) -> [Entry] {
            guard case .list(.object(let format)) = e.value(key) else { preconditionFailure("`\(key)` is not a list of objects") }
            return reader.list(e[key], e.at(key)).compactMap { item, itemPath in entry(item, itemPath, format: format) }
        }

        mutating func object(_ e: Entry, _ key: String) -> Entry? {
            guard case .object(let format) = e.value(key) else { preconditionFailure("`\(key)` is not an object") }
            return e[key].flatMap { entry($0, e.at(key), format: format) }
        }

        mutating func text(_ e: Entry, _ key: String) -> String? { reader.string(e[key], e.at(key))?.value }

        mutating func name(_ e: Entry, _ key: String) -> Located<String>? { reader.id(e[key], e.at(key)) }

        mutating func names(_ e: Entry, _ key: String) -> [Located<String>] {
            reader.list(e[key], e.at(key)).compactMap { reader.id($0.0, $0.1) }
        }

        /// A mapping of ids to lists of ids (`groups`, `skill_credentials`, `role_credentials`).
        mutating func idLists(_ e: Entry, _ key: String, example: String) -> [(Located<String>, [Located<String>])] {
            guard let node = e[key] else { return [] }
            guard let mapping = node.mapping else {
                reader.error(node, e.at(key), "expected a mapping of ids to lists of ids", hint: "e.g. \(example)")
                return []
            }
            return mapping.compactMap { entryKey, value in
                guard let name = reader.id(entryKey, e.at(key)) else { return nil }
                return (name, reader.list(value, e.at(key) + ".\(name.value)").compactMap { reader.id($0.0, $0.1) })
            }
        }

        /// A mapping of ids to counts (`max_shifts: {CALL: 6}`, `carry_over: {dr-adams: 12}`).
        mutating func idCounts(_ e: Entry, _ key: String, what: String, example: String) -> [(Located<String>, Int)] {
            var found: [(Located<String>, Int)] = []
            guard let node = e[key], case .map(.integer(let counts)) = e.value(key) else { return found }
            if let mapping = node.mapping {
                for (name, value) in mapping {
                    if let id = reader.id(name, e.at(key)), let count = reader.int(value, e.at(key) + ".\(id.value)", range: counts) {
                        found.append((id, count))
                    }
                }
            } else {
                reader.error(node, e.at(key), "expected \(what) with counts", hint: "e.g. `\(key): \(example)`")
            }
            return found
        }

        mutating func flag(_ e: Entry, _ key: String) -> Bool? { reader.bool(e[key], e.at(key)) }

        mutating func integer(_ e: Entry, _ key: String) -> Int? {
            guard case .integer(let range) = e.value(key) else { preconditionFailure("`\(key)` is not an integer") }
            return reader.int(e[key], e.at(key), range: range)
        }

        mutating func number(_ e: Entry, _ key: String) -> Double? {
            guard case .number(let range) = e.value(key) else { preconditionFailure("`\(key)` is not a number") }
            return reader.double(e[key], e.at(key), range: range)
        }

        mutating func date(_ e: Entry, _ key: String) -> Located<CalendarDate>? { reader.date(e[key], e.at(key)) }

        mutating func time(_ e: Entry, _ key: String) -> Int? { reader.time(e[key], e.at(key)) }

        mutating func weekdays(_ e: Entry, _ key: String) -> [Int] {
            reader.list(e[key], e.at(key)).compactMap { reader.weekday($0.0, $0.1) }
        }

        mutating func scenario(_ root: Node) -> Scenario? {
            guard let top = entry(root, "", format: "") else { return nil }
            if let version = top["rota"] {
                if reader.int(version, "rota") != 1 {
                    reader.error(version, "rota", "this Rota reads scenario format version 1", hint: "write `rota: 1`")
                }
            }
            guard let horizon = object(top, "horizon"), let start = date(horizon, "start") else { return nil }
            var dayCount = 0
            if let endNode = horizon["end"], let end = date(horizon, "end") {
                dayCount = start.value.days(to: end.value) + 1
                if dayCount < 1 { reader.error(endNode, "horizon.end", "the horizon ends before it starts", hint: "end on or after \(start.value)") }
                if case .integer(let range) = horizon.value("days"), dayCount > range.upperBound {
                    reader.error(endNode, "horizon.end", "the horizon is \(dayCount) days long; at most \(range.upperBound)",
                        hint: "roster a month or a quarter at a time")
                    dayCount = 1
                }
                if horizon["days"] != nil { reader.error(horizon["days"], "horizon.days", "give `end` or `days`, not both") }
            } else if let days = integer(horizon, "days") {
                dayCount = days
            } else if horizon["days"] == nil && horizon["end"] == nil {
                reader.error(horizon.node, "horizon", "missing `end` or `days`", hint: "add `end: YYYY-MM-DD` or `days: 31`")
            }
            var scenario = Scenario(
                file: reader.file, version: 1, practice: text(top, "practice") ?? "practice", start: start.value,
                dayCount: max(1, dayCount))
            if top["weekend_days"] != nil {
                scenario.weekendDays = weekdays(top, "weekend_days")
                weekendDays = scenario.weekendDays
            }
            for f in entries(top, "sites") {
                if let id = name(f, "id") { scenario.sites.append(.init(id: id, name: text(f, "name"))) }
            }
            for f in entries(top, "roles") {
                guard let id = name(f, "id") else { continue }
                scenario.roles.append(
                    .init(id: id, name: text(f, "name"), provider: flag(f, "provider") ?? false, supervisedBy: names(f, "supervised_by")))
            }
            scenario.groups = idLists(top, "groups", example: "`providers: [physician, np]`").map { .init(id: $0.0, roles: $0.1) }
            scenario.skills = names(top, "skills")
            scenario.credentials = names(top, "credentials")
            scenario.skillCredentials = idLists(top, "skill_credentials", example: "`xray: [arrt]`")
            for f in entries(top, "holidays") {
                if let date = date(f, "date") {
                    scenario.holidays.append(.init(
                        date: date, name: text(f, "name") ?? "holiday", workedLastYear: names(f, "worked_last_year"),
                        rotationWeight: integer(f, "rotation_weight") ?? 50))
                }
            }
            for f in entries(top, "shift_types") {
                if let shift = shiftType(f) { scenario.shiftTypes.append(shift) }
            }
            if let f = object(top, "rest"), let hours = number(f, "min_hours") {
                scenario.rest = RestRule(minutes: Int((hours * 60).rounded()), onCallExempt: flag(f, "on_call_exempt") ?? true)
            }
            for f in entries(top, "forbidden_successions") {
                if let from = name(f, "from"), let to = name(f, "to") { scenario.forbiddenSuccessions.append((from, to)) }
            }
            for f in entries(top, "contracts") {
                if let contract = contract(f) { scenario.contracts.append(contract) }
            }
            for f in entries(top, "staff") {
                if let person = person(f) { scenario.staff.append(person) }
            }
            for f in entries(top, "leave") {
                guard let staff = name(f, "staff"), let from = date(f, "from") else { continue }
                let to = f["to"] == nil ? from : date(f, "to")
                guard let to else { continue }
                if to.value < from.value {
                    reader.error(at: to.location, "leave ends before it starts", hint: "`to` is the last day of leave, on or after \(from.value)")
                    continue
                }
                scenario.leave.append(.init(staff: staff, from: from, to: to, kind: text(f, "kind") ?? "leave", location: reader.location(f.node, f.path)))
            }
            for f in entries(top, "unavailable") {
                guard let staff = name(f, "staff"), let date = date(f, "date"), let from = time(f, "from"), let to = time(f, "to") else { continue }
                if from == to { reader.error(f["to"], f.at("to"), "the time range is empty", hint: "`to` must differ from `from`"); continue }
                scenario.unavailability.append(.init(staff: staff, date: date, from: from, to: to, location: reader.location(f.node, f.path)))
            }
            for f in entries(top, "requests") {
                guard let staff = name(f, "staff"), let date = date(f, "date") else { continue }
                let on = flag(f, "on")
                let off = flag(f, "off")
                if (on == true) == (off == true) {
                    reader.error(f.node, f.path, "a request is either `on: true` or `off: true`", hint: "say whether the person wants to work or not")
                    continue
                }
                scenario.requests.append(
                    .init(staff: staff, date: date, on: on == true, shift: name(f, "shift"), weight: integer(f, "weight") ?? 1))
            }
            for f in entries(top, "standing_weeks") {
                guard let staff = name(f, "staff") else { continue }
                var shifts: [Int: [Located<String>]] = [:]
                for (weekday, key) in ScenarioFormat.weekdayNames.enumerated() where f[key] != nil {
                    shifts[weekday] = names(f, key)
                }
                scenario.standingWeeks.append(
                    .init(staff: staff, shifts: shifts, governed: f["shifts"] == nil ? nil : names(f, "shifts"),
                          weight: integer(f, "weight") ?? 5, location: reader.location(f.node, f.path)))
            }
            for f in entries(top, "coverage") {
                if let line = coverage(f) { scenario.coverage.append(line) }
            }
            if let f = object(top, "demand") { scenario.demand = demand(f) }
            if top["bend_order"] != nil { scenario.bendOrder = names(top, "bend_order") }
            scenario.oneSitePerDay = flag(top, "one_site_per_day") ?? false
            for f in entries(top, "fairness") {
                guard let who = name(f, "who") else { continue }
                let shifts = names(f, "shifts")
                scenario.fairness.append(
                    .init(name: text(f, "name") ?? shifts.map(\.value).joined(separator: "/"), shifts: shifts, who: who,
                        days: daySelector(f, "days") ?? .everyDay, weight: integer(f, "weight") ?? 10,
                        carryOver: idCounts(f, "carry_over", what: "staff ids", example: "{dr-adams: 12, dr-baker: 9}"),
                        location: reader.location(f.node, f.path)))
            }
            for (key, target) in [("history", \Scenario.history), ("pinned", \Scenario.pinned)] as [(String, WritableKeyPath<Scenario, [Scenario.DatedShift]>)] {
                for f in entries(top, key) {
                    if let staff = name(f, "staff"), let date = date(f, "date"), let shift = name(f, "shift") {
                        scenario[keyPath: target].append(.init(staff: staff, date: date, shift: shift))
                    }
                }
            }
            return scenario
        }

        mutating func shiftType(_ f: Entry) -> Scenario.ShiftTypeSpec? {
            guard let id = name(f, "id"), let start = time(f, "start") else { return nil }
            var length = integer(f, "length")
            if let endNode = f["end"] {
                if f["length"] != nil { reader.error(endNode, f.at("end"), "give `end` or `length`, not both") }
                if let end = time(f, "end") { length = end > start ? end - start : end + 1440 - start }
            }
            guard let length else {
                if f["end"] == nil && f["length"] == nil {
                    reader.error(f.node, f.path, "missing `end` or `length`", hint: "add `end: \"12:00\"` or `length: 240` (minutes)")
                }
                return nil
            }
            var weekdays: Set<Int>?
            var runsOnHolidays = false
            if let days = f["days"] {
                let items = reader.list(days, f.at("days"))
                runsOnHolidays = items.contains { $0.0.string == "holidays" }
                weekdays = Set(items.filter { $0.0.string != "holidays" }.compactMap { reader.weekday($0.0, $0.1) })
            }
            let closedOnHolidays = flag(f, "closed_on_holidays") ?? false
            if runsOnHolidays && closedOnHolidays {
                reader.error(f["closed_on_holidays"], f.at("closed_on_holidays"), "`days` lists `holidays`, so the shift cannot be closed on them",
                    hint: "remove one of the two")
            }
            var spec = Scenario.ShiftTypeSpec(
                id: id, name: text(f, "name"), symbol: text(f, "symbol"), site: name(f, "site"), start: start, length: length,
                paid: integer(f, "paid"), onCall: flag(f, "on_call") ?? false, roles: f["roles"].map { _ in names(f, "roles") },
                skills: names(f, "skills"), credentials: names(f, "credentials"), weekdays: weekdays, runsOnHolidays: runsOnHolidays,
                closedOnHolidays: closedOnHolidays, location: reader.location(f.node, f.path))
            spec.nextDayOff = flag(f, "next_day_off") ?? false
            spec.roleCredentials = idLists(f, "role_credentials", example: "`{ma: [bls], providers: [pals]}`")
            return spec
        }

        mutating func contract(_ f: Entry) -> Scenario.Contract? {
            guard let id = name(f, "id") else { return nil }
            var range: (Double, Double)?
            if let node = f["hours_range"], case .pair(let bounds) = f.value("hours_range") {
                let items = reader.list(node, f.at("hours_range"))
                let values = items.compactMap { reader.double($0.0, $0.1, range: bounds) }
                if items.count == 2, values.count == 2, values[0] <= values[1] {
                    range = (values[0], values[1])
                } else if values.count == items.count {
                    reader.error(node, f.at("hours_range"), "expected [low, high] as fractions of contract hours",
                        hint: "e.g. `hours_range: [0.9, 1.1]` for 90%–110%")
                }
            }
            let maxShifts = idCounts(f, "max_shifts", what: "shift ids", example: "{CALL: 6}")
            let maxConsecutiveByType = idCounts(f, "max_consecutive", what: "shift ids", example: "{D12: 3}")
            if f["hours_range"] != nil && f["weekly_hours"] == nil {
                reader.error(f["hours_range"], f.at("hours_range"), "`hours_range` is a fraction of the contract hours, and this contract has no `weekly_hours`",
                    hint: "add `weekly_hours:` (at FTE 1.0), or remove `hours_range`")
            }
            var contract = Scenario.Contract(
                id: id, weeklyHours: number(f, "weekly_hours"), hoursRange: range,
                maxHoursPerWeek: number(f, "max_hours_per_week"), minHoursPerWeek: number(f, "min_hours_per_week"),
                maxShiftsPerDay: integer(f, "max_shifts_per_day"), maxConsecutiveDays: integer(f, "max_consecutive_days"),
                minConsecutiveDays: integer(f, "min_consecutive_days"), minConsecutiveDaysOff: integer(f, "min_consecutive_days_off"),
                maxWeekends: integer(f, "max_weekends"), maxShifts: maxShifts)
            contract.maxConsecutiveByType = maxConsecutiveByType
            return contract
        }

        mutating func person(_ f: Entry) -> Scenario.Person? {
            guard let id = name(f, "id"), let role = name(f, "role") else { return nil }
            var credentials: [Scenario.Credential] = []
            for c in entries(f, "credentials") {
                if let kind = name(c, "kind") { credentials.append(.init(kind: kind, expires: date(c, "expires")?.value)) }
            }
            return .init(
                id: id, name: text(f, "name"), role: role, fte: number(f, "fte") ?? 1, contract: name(f, "contract"),
                skills: names(f, "skills"), sites: f["sites"].map { _ in names(f, "sites") }, credentials: credentials)
        }

        /// `all`, `weekdays` (the days not in `weekend_days`), `weekends`, `holidays`, or a list of weekdays that
        /// may include `holidays`.
        mutating func daySelector(_ f: Entry, _ key: String) -> Scenario.DaySelector? {
            guard let node = f[key] else { return nil }
            let path = f.at(key)
            let weekend = Set(weekendDays)
            if case .scalar = node, let word = node.string {
                switch word {
                case "all": return .everyDay
                case "weekdays": return .days(weekdays: Set(0..<7).subtracting(weekend), holidays: false)
                case "weekends": return .days(weekdays: weekend, holidays: false)
                case "holidays": return .days(weekdays: [], holidays: true)
                default:
                    if ScenarioFormat.weekdayNames.contains(word) || ScenarioFormat.weekdayWords.contains(word) { break }
                    reader.error(node, path, "unknown days `\(word)`", hint: "use all, weekdays, weekends, holidays, or a list such as [mon, wed, holidays]")
                    return nil
                }
            }
            let items = reader.list(node, path)
            let holidays = items.contains { $0.0.string == "holidays" }
            let days = items.filter { $0.0.string != "holidays" }.compactMap { reader.weekday($0.0, $0.1) }
            if items.isEmpty {
                reader.error(node, path, "the list of days is empty", hint: "name at least one day, or leave `days` out for every day")
                return nil
            }
            return .days(weekdays: Set(days), holidays: holidays)
        }

        mutating func coverage(_ f: Entry) -> Scenario.Coverage? {
            // What is counted: one shift type, several (either/or), or the hours from–to.
            var shifts = names(f, "shifts")
            var hours: Scenario.ClockSpan?
            if let single = f["shift"] {
                if f["shifts"] != nil { reader.error(single, f.at("shift"), "give `shift` or `shifts`, not both", hint: "list every shift type in `shifts`") }
                guard let shift = name(f, "shift") else { return nil }
                shifts = [shift]
            }
            if f["from"] != nil || f["to"] != nil {
                if f["shift"] != nil {
                    reader.error(f["shift"], f.at("shift"), "a line by the hour (`from`/`to`) counts `shifts`, not one `shift`",
                        hint: "write `shifts: [\(shifts.first?.value ?? "D12")]`, or leave it out to count every shift type at `site`")
                }
                for key in ["from", "to"] where f[key] == nil {
                    reader.error(f.node, f.path, "a coverage line by the hour needs `\(key)`", hint: "e.g. `from: \"08:00\", to: \"20:00\"`")
                }
                guard let from = time(f, "from"), let to = time(f, "to") else { return nil }
                if from == to && from != 0 {
                    reader.error(f["to"], f.at("to"), "`from` and `to` are both \(String(format: "%02d:%02d", from / 60, from % 60)): no hours to cover",
                        hint: "give the hours to cover (`to` before `from` runs into the next day)")
                    return nil
                }
                hours = .init(from: from, to: to == 0 && from == 0 ? 1440 : to, location: reader.location(f["from"] ?? f.node, f.at("from")))
            } else if f["site"] != nil {
                reader.error(f["site"], f.at("site"), "`site` belongs to a line by the hour (`from`/`to`)",
                    hint: "add `from` and `to`, or name the shift types at that site in `shifts`")
            } else if shifts.isEmpty {
                if f["shift"] == nil && f["shifts"] == nil {
                    reader.error(f.node, f.path, "a coverage line needs `shift`, `shifts`, or `from` and `to`", hint: "e.g. `shift: N-AM`")
                }
                return nil
            }
            var days: Scenario.DaySelector = .everyDay
            if let datesNode = f["dates"] {
                if f["days"] != nil { reader.error(datesNode, f.at("dates"), "give `days` or `dates`, not both") }
                days = .dates(reader.list(datesNode, f.at("dates")).compactMap { reader.date($0.0, $0.1)?.value })
            } else if f["days"] != nil {
                days = daySelector(f, "days") ?? .everyDay
            }
            let minimum = integer(f, "min")
            let target = integer(f, "target")
            let maximum = integer(f, "max")
            if minimum == nil && target == nil && maximum == nil {
                if f["min"] == nil && f["target"] == nil && f["max"] == nil {
                    reader.error(f.node, f.path, "a coverage line needs `min`, `target` or `max`", hint: "e.g. `min: 1` or `target: 2`")
                }
                return nil
            }
            if let minimum, let maximum, minimum > maximum {
                reader.error(f["max"], f.at("max"), "max \(maximum) is below min \(minimum)", hint: "raise max or lower min")
            }
            if let target, let maximum, target > maximum {
                reader.error(f["target"], f.at("target"), "target \(target) is above max \(maximum)")
            }
            if let target, let minimum, target < minimum {
                reader.error(f["target"], f.at("target"), "target \(target) is below min \(minimum)")
            }
            // Short of the target (else of min) costs under_weight; above the target (else max) costs over_weight.
            // A weight with nothing to be short of or above would be ignored, so it is refused.
            let underWeight = integer(f, "under_weight")
            let overWeight = integer(f, "over_weight")
            if f["under_weight"] != nil && target == nil && minimum == nil {
                reader.error(f["under_weight"], f.at("under_weight"), "this line has no `target` or `min` to be short of, so `under_weight` would do nothing",
                    hint: "add `target: N` (or `min: N`), or remove `under_weight`")
            }
            if f["over_weight"] != nil && target == nil && maximum == nil {
                reader.error(f["over_weight"], f.at("over_weight"), "this line has no `target` or `max` to be above, so `over_weight` would do nothing",
                    hint: "add `target: N` to price each person above N, or remove `over_weight`")
            }
            let hard = flag(f, "hard") ?? true
            if !hard && target != nil {
                for key in ["min", "max"] where f[key] != nil {
                    reader.warning(f[key], f.at(key), "on a soft line with a `target`, `\(key)` does nothing: the target prices both sides",
                        hint: "remove `\(key)`, or make the line hard (`hard: true`) so that `\(key)` is a hard limit")
                }
            }
            return .init(
                shifts: shifts, hours: hours, site: name(f, "site"), days: days, who: name(f, "who"), minimum: minimum, target: target, maximum: maximum, hard: hard,
                underWeight: underWeight ?? 100, overWeight: overWeight ?? 5, location: reader.location(f.node, f.path))
        }

        mutating func demand(_ f: Entry) -> Scenario.Demand? {
            guard let providers = name(f, "providers") else { return nil }
            let perSession = number(f, "visits_per_provider_session"), perHour = number(f, "visits_per_provider_hour")
            switch (f["visits_per_provider_session"], f["visits_per_provider_hour"]) {
            case (nil, nil):
                reader.error(f.node, "demand", "demand needs `visits_per_provider_session` or `visits_per_provider_hour`",
                    hint: "e.g. `visits_per_provider_session: 12`, or `visits_per_provider_hour: 3` for sessions of different lengths")
                return nil
            case (.some, .some):
                reader.error(f["visits_per_provider_hour"], f.at("visits_per_provider_hour"), "give visits per provider per session or per hour, not both",
                    hint: "keep one of them")
                return nil
            default:
                guard perSession != nil || perHour != nil else { return nil }
            }
            var byWeekday: [(Located<String>, [Int: Double])] = []
            if let sessions = f["sessions"], case .map(.dayMap(.number(let range))) = f.value("sessions") {
                if let mapping = sessions.mapping {
                    for (key, value) in mapping {
                        guard let shift = reader.id(key, "demand.sessions") else { continue }
                        let path = "demand.sessions.\(shift.value)"
                        var visits: [Int: Double] = [:]
                        if let days = value.mapping {
                            for (dayKey, count) in days {
                                let day = dayKey.string == "holidays" ? Scenario.Demand.holidays : reader.weekday(dayKey, path)
                                if let day, let number = reader.double(count, "\(path).\(dayKey.string ?? "")", range: range) {
                                    visits[day] = number
                                }
                            }
                        } else {
                            reader.error(value, path, "expected visits by weekday", hint: "e.g. `{mon: 60, tue: 52, holidays: 20}`")
                        }
                        byWeekday.append((shift, visits))
                    }
                } else {
                    reader.error(sessions, "demand.sessions", "expected shift ids with visits by weekday", hint: "e.g. `N-AM: {mon: 60}`")
                }
            }
            var byDate: [(CalendarDate, Located<String>, Double)] = []
            if f["file"] != nil, let file = reader.string(f["file"], f.at("file")) {
                byDate = readDemandCSV(file)
            }
            var adjustments: [Scenario.DemandAdjustment] = []
            for a in entries(f, "adjust") {
                let scale = number(a, "scale")
                let visits = number(a, "visits")
                if (a["scale"] == nil) == (a["visits"] == nil) {
                    reader.error(a.node, a.path, "give `scale` or `visits`", hint: "`scale: 1.15` raises demand by 15%; `visits: 40` replaces it")
                }
                let from = date(a, "from")?.value
                let to = date(a, "to")?.value
                if let from, let to, to < from { reader.error(a["to"], a.at("to"), "the range ends before it starts") }
                adjustments.append(.init(
                    from: from, to: to, days: daySelector(a, "days") ?? .everyDay, sessions: a["sessions"].map { _ in names(a, "sessions") },
                    scale: scale, visits: visits, location: reader.location(a.node, a.path)))
            }
            var support: [Scenario.DemandSupport] = []
            for s in entries(f, "support") {
                var ofRostered = false
                if let of = s["of"] {
                    switch reader.string(of, s.at("of"))?.value {
                    case "demand": break
                    case "rostered": ofRostered = true
                    default: reader.error(of, s.at("of"), "`of` is `demand` or `rostered`", hint: "`rostered`: per provider rostered on the session")
                    }
                }
                if let who = name(s, "who"), let ratio = number(s, "per_provider") {
                    support.append(.init(
                        who: who, perProvider: ratio, ofRostered: ofRostered, sessions: s["sessions"].map { _ in names(s, "sessions") },
                        location: reader.location(s.node, s.path)))
                }
            }
            return .init(
                visitsPerProviderSession: perSession, visitsPerProviderHour: perHour, providers: providers, byWeekday: byWeekday, byDate: byDate,
                scale: number(f, "scale") ?? 1, adjustments: adjustments, support: support,
                underWeight: integer(f, "under_weight") ?? 50, overWeight: integer(f, "over_weight") ?? 2,
                location: reader.location(f.node, "demand"))
        }

        /// `date,shift,visits` rows (a header line is allowed), relative to the scenario's folder. Only a `.csv`
        /// file of at most 10 MB is read, and a line that is wrong is named by number and field, never echoed:
        /// a scenario cannot make Rota print another file.
        mutating func readDemandCSV(_ name: Located<String>) -> [(CalendarDate, Located<String>, Double)] {
            let path = name.value.hasPrefix("/") ? name.value : (directory as NSString).appendingPathComponent(name.value)
            guard path.lowercased().hasSuffix(".csv") else {
                reader.error(at: name.location, "the demand file must be a .csv file of `date,shift,visits` rows", hint: "e.g. `file: demand.csv`")
                return []
            }
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
            guard let size, size <= 10_000_000, let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                reader.error(
                    at: name.location, size.map { $0 > 10_000_000 ? "the demand file \(name.value) is over 10 MB" : "the demand file \(name.value) is not UTF-8 text" }
                        ?? "cannot read the demand file \(name.value)",
                    hint: "the path is relative to the scenario file")
                return []
            }
            var rows: [(CalendarDate, Located<String>, Double)] = []
            func fail(_ line: Int, _ message: String) {
                reader.diagnostics.append(
                    Diagnostic(.error, file: path, line: line, column: 1, path: "", message: message, hint: "rows are `date,shift,visits`, e.g. 2026-12-01,N-AM,54"))
            }
            for (index, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
                let cells = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
                if cells.isEmpty || cells == [""] || (index == 0 && CalendarDate(iso: cells[0]) == nil) { continue }
                let at = SourceLocation(line: index + 1, column: 1, path: "shift", file: path)
                guard cells.count == 3 else { fail(index + 1, "expected 3 fields, found \(cells.count)"); continue }
                guard let date = CalendarDate(iso: cells[0]) else { fail(index + 1, "the date is not a date like 2026-12-01"); continue }
                guard let visits = Double(cells[2]), visits.isFinite, (0...100_000).contains(visits) else {
                    fail(index + 1, "visits must be a number from 0 to 100000")
                    continue
                }
                guard !cells[1].isEmpty, !cells[1].unicodeScalars.contains(where: { $0.value < 0x20 }) else {
                    fail(index + 1, "the shift is empty or holds control characters")
                    continue
                }
                rows.append((date, Located(cells[1], at: at), visits))
            }
            return rows
        }
    }
}
