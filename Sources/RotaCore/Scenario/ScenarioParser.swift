import Foundation
import Yams

/// Parses a scenario file (YAML, `rota: 1`) into a ``Scenario``, reporting every problem it finds.
public enum ScenarioParser {
    /// The keys each part of the format allows, by schema path (`staff[]` for an entry of the staff list).
    /// The parser checks keys against this table, and a test keeps the JSON Schema in step with it.
    public static let keys: [String: [String]] = [
        "": [
            "rota", "practice", "horizon", "weekend_days", "sites", "roles", "groups", "skills", "credentials",
            "holidays", "shift_types", "rest", "forbidden_successions", "contracts", "staff", "leave", "unavailable",
            "requests", "coverage", "demand", "fairness", "history", "pinned",
        ],
        "horizon": ["start", "end", "days"],
        "sites[]": ["id", "name"],
        "roles[]": ["id", "name", "provider", "supervised_by"],
        "holidays[]": ["date", "name"],
        "shift_types[]": [
            "id", "name", "symbol", "site", "start", "end", "length", "paid", "on_call", "roles", "skills", "credentials", "days",
            "closed_on_holidays",
        ],
        "rest": ["min_hours", "on_call_exempt"],
        "forbidden_successions[]": ["from", "to"],
        "contracts[]": [
            "id", "weekly_hours", "hours_range", "min_hours_per_week", "max_hours_per_week", "max_shifts_per_day",
            "max_consecutive_days", "min_consecutive_days", "min_consecutive_days_off", "max_weekends", "max_shifts",
        ],
        "staff[]": ["id", "name", "role", "fte", "contract", "skills", "sites", "credentials"],
        "staff[].credentials[]": ["kind", "expires"],
        "leave[]": ["staff", "from", "to", "kind"],
        "unavailable[]": ["staff", "date", "from", "to"],
        "requests[]": ["staff", "date", "on", "off", "shift", "weight"],
        "coverage[]": ["shift", "days", "dates", "who", "min", "target", "max", "hard", "under_weight", "over_weight"],
        "demand": [
            "providers", "visits_per_provider_session", "sessions", "file", "scale", "adjust", "support", "under_weight", "over_weight",
        ],
        "demand.adjust[]": ["from", "to", "days", "sessions", "scale", "visits"],
        "demand.support[]": ["who", "per_provider"],
        "fairness[]": ["name", "shifts", "who", "days", "weight"],
        "history[]": ["staff", "date", "shift"],
        "pinned[]": ["staff", "date", "shift"],
    ]

    public static func parse(file path: String) -> (scenario: Scenario?, diagnostics: [Diagnostic]) {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            return (nil, [Diagnostic(.error, file: path, line: 0, column: 0, path: "", message: "cannot read the file",
                hint: (error as NSError).localizedDescription)])
        }
        return parse(text: text, file: path)
    }

    /// The scenario (nil only when the YAML itself could not be read) and every finding.
    public static func parse(text: String, file: String) -> (scenario: Scenario?, diagnostics: [Diagnostic]) {
        var reader = YAMLReader(file: file)
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                reader.error(nil, "", "the file is empty", hint: "a scenario starts with `rota: 1`")
                return (nil, reader.diagnostics)
            }
            root = node
        } catch let error as YamlError {
            let (line, column, problem) = describe(error)
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

    static func describe(_ error: YamlError) -> (Int, Int, String) {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return (mark.line, mark.column, problem)
        case .reader(let problem, _, _, _):
            return (0, 0, problem)
        default:
            return (0, 0, "\(error)")
        }
    }

    private struct Parser {
        var reader: YAMLReader
        let directory: String
        /// The scenario's weekend days (read first), which `weekends` and `weekdays` in day lists follow.
        var weekendDays: [Int] = [5, 6]

        mutating func fields(_ node: Node, _ path: String, schema: String, required: [String] = []) -> [String: Node]? {
            reader.fields(node, path, allowed: ScenarioParser.keys[schema] ?? [], required: required)
        }

        mutating func entries(_ node: Node?, _ path: String, schema: String, required: [String] = []) -> [([String: Node], Node, String)] {
            reader.list(node, path).compactMap { item, itemPath in
                fields(item, itemPath, schema: schema, required: required).map { ($0, item, itemPath) }
            }
        }

        mutating func scenario(_ root: Node) -> Scenario? {
            guard let top = fields(root, "", schema: "", required: ["rota", "horizon"]) else { return nil }
            if let version = top["rota"] {
                if reader.int(version, "rota") != 1 {
                    reader.error(version, "rota", "this Rota reads scenario format version 1", hint: "write `rota: 1`")
                }
            }
            guard let horizonNode = top["horizon"], let horizon = fields(horizonNode, "horizon", schema: "horizon", required: ["start"]),
                let start = reader.date(horizon["start"], "horizon.start")
            else { return nil }
            var dayCount = 0
            if let endNode = horizon["end"], let end = reader.date(endNode, "horizon.end") {
                dayCount = start.value.days(to: end.value) + 1
                if dayCount < 1 { reader.error(endNode, "horizon.end", "the horizon ends before it starts", hint: "end on or after \(start.value)") }
                if horizon["days"] != nil { reader.error(horizon["days"], "horizon.days", "give `end` or `days`, not both") }
            } else if let days = reader.int(horizon["days"], "horizon.days", range: 1...3660) {
                dayCount = days
            } else if horizon["days"] == nil {
                reader.error(horizonNode, "horizon", "missing `end` or `days`", hint: "add `end: YYYY-MM-DD` or `days: 31`")
            }
            var scenario = Scenario(
                file: reader.file, version: 1, practice: top["practice"]?.string ?? "practice", start: start.value,
                dayCount: max(1, dayCount))
            if let node = top["weekend_days"] {
                scenario.weekendDays = reader.list(node, "weekend_days").compactMap { reader.weekday($0.0, $0.1) }
                weekendDays = scenario.weekendDays
            }
            for (f, _, path) in entries(top["sites"], "sites", schema: "sites[]", required: ["id"]) {
                if let id = reader.string(f["id"], path + ".id") { scenario.sites.append(.init(id: id, name: f["name"]?.string)) }
            }
            for (f, _, path) in entries(top["roles"], "roles", schema: "roles[]", required: ["id"]) {
                guard let id = reader.string(f["id"], path + ".id") else { continue }
                scenario.roles.append(
                    .init(id: id, name: f["name"]?.string, provider: reader.bool(f["provider"], path + ".provider") ?? false,
                        supervisedBy: reader.strings(f["supervised_by"], path + ".supervised_by")))
            }
            if let groups = top["groups"] {
                if let mapping = groups.mapping {
                    for (key, value) in mapping {
                        guard let name = reader.string(key, "groups") else { continue }
                        scenario.groups.append(.init(id: name, roles: reader.strings(value, "groups.\(name.value)")))
                    }
                } else {
                    reader.error(groups, "groups", "expected a mapping of group names to role lists", hint: "e.g. `providers: [physician, np]`")
                }
            }
            scenario.skills = reader.strings(top["skills"], "skills")
            scenario.credentials = reader.strings(top["credentials"], "credentials")
            for (f, _, path) in entries(top["holidays"], "holidays", schema: "holidays[]", required: ["date"]) {
                if let date = reader.date(f["date"], path + ".date") {
                    scenario.holidays.append(.init(date: date, name: f["name"]?.string ?? "holiday"))
                }
            }
            for (f, node, path) in entries(top["shift_types"], "shift_types", schema: "shift_types[]", required: ["id", "start"]) {
                if let shift = shiftType(f, node, path) { scenario.shiftTypes.append(shift) }
            }
            if let node = top["rest"], let f = fields(node, "rest", schema: "rest", required: ["min_hours"]),
                let hours = reader.double(f["min_hours"], "rest.min_hours", range: 0...48)
            {
                scenario.rest = RestRule(
                    minutes: Int((hours * 60).rounded()), onCallExempt: reader.bool(f["on_call_exempt"], "rest.on_call_exempt") ?? true)
            }
            for (f, _, path) in entries(top["forbidden_successions"], "forbidden_successions", schema: "forbidden_successions[]", required: ["from", "to"]) {
                if let from = reader.string(f["from"], path + ".from"), let to = reader.string(f["to"], path + ".to") {
                    scenario.forbiddenSuccessions.append((from, to))
                }
            }
            for (f, _, path) in entries(top["contracts"], "contracts", schema: "contracts[]", required: ["id"]) {
                if let contract = contract(f, path) { scenario.contracts.append(contract) }
            }
            for (f, _, path) in entries(top["staff"], "staff", schema: "staff[]", required: ["id", "role"]) {
                if let person = person(f, path) { scenario.staff.append(person) }
            }
            for (f, node, path) in entries(top["leave"], "leave", schema: "leave[]", required: ["staff", "from"]) {
                guard let staff = reader.string(f["staff"], path + ".staff"), let from = reader.date(f["from"], path + ".from") else { continue }
                let to = f["to"] == nil ? from : reader.date(f["to"], path + ".to")
                guard let to else { continue }
                if to.value < from.value {
                    reader.error(at: to.location, "leave ends before it starts", hint: "`to` is the last day of leave, on or after \(from.value)")
                    continue
                }
                scenario.leave.append(.init(staff: staff, from: from, to: to, kind: f["kind"]?.string ?? "leave", location: reader.location(node, path)))
            }
            for (f, node, path) in entries(top["unavailable"], "unavailable", schema: "unavailable[]", required: ["staff", "date", "from", "to"]) {
                guard let staff = reader.string(f["staff"], path + ".staff"), let date = reader.date(f["date"], path + ".date"),
                    let from = reader.time(f["from"], path + ".from"), let to = reader.time(f["to"], path + ".to")
                else { continue }
                if from == to { reader.error(f["to"], path + ".to", "the time range is empty", hint: "`to` must differ from `from`"); continue }
                scenario.unavailability.append(.init(staff: staff, date: date, from: from, to: to, location: reader.location(node, path)))
            }
            for (f, node, path) in entries(top["requests"], "requests", schema: "requests[]", required: ["staff", "date"]) {
                guard let staff = reader.string(f["staff"], path + ".staff"), let date = reader.date(f["date"], path + ".date") else { continue }
                let on = reader.bool(f["on"], path + ".on")
                let off = reader.bool(f["off"], path + ".off")
                if (on == true) == (off == true) {
                    reader.error(node, path, "a request is either `on: true` or `off: true`", hint: "say whether the person wants to work or not")
                    continue
                }
                scenario.requests.append(
                    .init(staff: staff, date: date, on: on == true, shift: reader.string(f["shift"], path + ".shift"),
                        weight: reader.int(f["weight"], path + ".weight", range: 0...100_000) ?? 1))
            }
            for (f, node, path) in entries(top["coverage"], "coverage", schema: "coverage[]", required: ["shift"]) {
                if let line = coverage(f, node, path) { scenario.coverage.append(line) }
            }
            if let node = top["demand"] { scenario.demand = demand(node) }
            for (f, node, path) in entries(top["fairness"], "fairness", schema: "fairness[]", required: ["shifts", "who"]) {
                guard let who = reader.string(f["who"], path + ".who") else { continue }
                let shifts = reader.strings(f["shifts"], path + ".shifts")
                scenario.fairness.append(
                    .init(name: f["name"]?.string ?? shifts.map(\.value).joined(separator: "/"), shifts: shifts, who: who,
                        days: f["days"].flatMap { daySelector($0, path + ".days") } ?? .everyDay,
                        weight: reader.int(f["weight"], path + ".weight", range: 0...100_000) ?? 10, location: reader.location(node, path)))
            }
            for (key, target) in [("history", \Scenario.history), ("pinned", \Scenario.pinned)] as [(String, WritableKeyPath<Scenario, [Scenario.DatedShift]>)] {
                for (f, _, path) in entries(top[key], key, schema: key + "[]", required: ["staff", "date", "shift"]) {
                    if let staff = reader.string(f["staff"], path + ".staff"), let date = reader.date(f["date"], path + ".date"),
                        let shift = reader.string(f["shift"], path + ".shift")
                    {
                        scenario[keyPath: target].append(.init(staff: staff, date: date, shift: shift))
                    }
                }
            }
            return scenario
        }

        mutating func shiftType(_ f: [String: Node], _ node: Node, _ path: String) -> Scenario.ShiftTypeSpec? {
            guard let id = reader.string(f["id"], path + ".id"), let start = reader.time(f["start"], path + ".start") else { return nil }
            var length = reader.int(f["length"], path + ".length", range: 1...2880)
            if let endNode = f["end"] {
                if f["length"] != nil { reader.error(endNode, path + ".end", "give `end` or `length`, not both") }
                if let end = reader.time(endNode, path + ".end") { length = end > start ? end - start : end + 1440 - start }
            }
            guard let length else {
                if f["end"] == nil && f["length"] == nil {
                    reader.error(node, path, "missing `end` or `length`", hint: "add `end: \"12:00\"` or `length: 240` (minutes)")
                }
                return nil
            }
            var weekdays: Set<Int>?
            var runsOnHolidays = false
            if let days = f["days"] {
                let items = reader.list(days, path + ".days")
                runsOnHolidays = items.contains { $0.0.string?.lowercased() == "holidays" }
                weekdays = Set(items.filter { $0.0.string?.lowercased() != "holidays" }.compactMap { reader.weekday($0.0, $0.1) })
            }
            return .init(
                id: id, name: f["name"]?.string, symbol: reader.string(f["symbol"], path + ".symbol")?.value,
                site: reader.string(f["site"], path + ".site"), start: start, length: length,
                paid: reader.int(f["paid"], path + ".paid", range: 0...2880), onCall: reader.bool(f["on_call"], path + ".on_call") ?? false,
                roles: f["roles"].map { reader.strings($0, path + ".roles") }, skills: reader.strings(f["skills"], path + ".skills"),
                credentials: reader.strings(f["credentials"], path + ".credentials"), weekdays: weekdays, runsOnHolidays: runsOnHolidays,
                closedOnHolidays: reader.bool(f["closed_on_holidays"], path + ".closed_on_holidays") ?? false,
                location: reader.location(node, path))
        }

        mutating func contract(_ f: [String: Node], _ path: String) -> Scenario.Contract? {
            guard let id = reader.string(f["id"], path + ".id") else { return nil }
            var range: (Double, Double)?
            if let node = f["hours_range"] {
                let values = reader.list(node, path + ".hours_range").compactMap { reader.double($0.0, $0.1, range: 0...10) }
                if values.count == 2, values[0] <= values[1] {
                    range = (values[0], values[1])
                } else {
                    reader.error(node, path + ".hours_range", "expected [low, high] as fractions of contract hours",
                        hint: "e.g. `hours_range: [0.9, 1.1]` for 90%–110%")
                }
            }
            var maxShifts: [(Located<String>, Int)] = []
            if let node = f["max_shifts"] {
                if let mapping = node.mapping {
                    for (key, value) in mapping {
                        if let shift = reader.string(key, path + ".max_shifts"), let count = reader.int(value, path + ".max_shifts.\(shift.value)") {
                            maxShifts.append((shift, count))
                        }
                    }
                } else {
                    reader.error(node, path + ".max_shifts", "expected shift ids with counts", hint: "e.g. `max_shifts: {CALL: 6}`")
                }
            }
            if f["hours_range"] != nil && f["weekly_hours"] == nil {
                reader.error(f["hours_range"], path + ".hours_range", "`hours_range` is a fraction of the contract hours, and this contract has no `weekly_hours`",
                    hint: "add `weekly_hours:` (at FTE 1.0), or remove `hours_range`")
            }
            return .init(
                id: id, weeklyHours: reader.double(f["weekly_hours"], path + ".weekly_hours", range: 0...168), hoursRange: range,
                maxHoursPerWeek: reader.double(f["max_hours_per_week"], path + ".max_hours_per_week", range: 0...168),
                minHoursPerWeek: reader.double(f["min_hours_per_week"], path + ".min_hours_per_week", range: 0...168),
                maxShiftsPerDay: reader.int(f["max_shifts_per_day"], path + ".max_shifts_per_day", range: 1...10),
                maxConsecutiveDays: reader.int(f["max_consecutive_days"], path + ".max_consecutive_days", range: 1...366),
                minConsecutiveDays: reader.int(f["min_consecutive_days"], path + ".min_consecutive_days", range: 1...366),
                minConsecutiveDaysOff: reader.int(f["min_consecutive_days_off"], path + ".min_consecutive_days_off", range: 1...366),
                maxWeekends: reader.int(f["max_weekends"], path + ".max_weekends", range: 0...60), maxShifts: maxShifts)
        }

        mutating func person(_ f: [String: Node], _ path: String) -> Scenario.Person? {
            guard let id = reader.string(f["id"], path + ".id"), let role = reader.string(f["role"], path + ".role") else { return nil }
            var credentials: [Scenario.Credential] = []
            for (c, _, cpath) in entries(f["credentials"], path + ".credentials", schema: "staff[].credentials[]", required: ["kind"]) {
                if let kind = reader.string(c["kind"], cpath + ".kind") {
                    credentials.append(.init(kind: kind, expires: c["expires"].flatMap { reader.date($0, cpath + ".expires")?.value }))
                }
            }
            return .init(
                id: id, name: f["name"]?.string, role: role, fte: reader.double(f["fte"], path + ".fte", range: 0...1.5) ?? 1,
                contract: reader.string(f["contract"], path + ".contract"), skills: reader.strings(f["skills"], path + ".skills"),
                sites: f["sites"].map { reader.strings($0, path + ".sites") }, credentials: credentials)
        }

        /// `all`, `weekdays` (the days not in `weekend_days`), `weekends`, `holidays`, or a list of weekdays that
        /// may include `holidays`.
        mutating func daySelector(_ node: Node, _ path: String) -> Scenario.DaySelector? {
            let weekend = Set(weekendDays)
            if let word = node.string?.lowercased() {
                switch word {
                case "all": return .everyDay
                case "weekdays": return .days(weekdays: Set(0..<7).subtracting(weekend), holidays: false)
                case "weekends": return .days(weekdays: weekend, holidays: false)
                case "holidays": return .days(weekdays: [], holidays: true)
                default:
                    reader.error(node, path, "unknown days `\(word)`", hint: "use all, weekdays, weekends, holidays, or a list such as [mon, wed, holidays]")
                    return nil
                }
            }
            let items = reader.list(node, path)
            let holidays = items.contains { $0.0.string?.lowercased() == "holidays" }
            let days = items.filter { $0.0.string?.lowercased() != "holidays" }.compactMap { reader.weekday($0.0, $0.1) }
            if items.isEmpty {
                reader.error(node, path, "the list of days is empty", hint: "name at least one day, or leave `days` out for every day")
                return nil
            }
            return .days(weekdays: Set(days), holidays: holidays)
        }

        mutating func coverage(_ f: [String: Node], _ node: Node, _ path: String) -> Scenario.Coverage? {
            guard let shift = reader.string(f["shift"], path + ".shift") else { return nil }
            var days: Scenario.DaySelector = .everyDay
            if let datesNode = f["dates"] {
                if f["days"] != nil { reader.error(datesNode, path + ".dates", "give `days` or `dates`, not both") }
                days = .dates(reader.list(datesNode, path + ".dates").compactMap { reader.date($0.0, $0.1)?.value })
            } else if let daysNode = f["days"] {
                days = daySelector(daysNode, path + ".days") ?? .everyDay
            }
            let minimum = reader.int(f["min"], path + ".min", range: 0...1000)
            let target = reader.int(f["target"], path + ".target", range: 0...1000)
            let maximum = reader.int(f["max"], path + ".max", range: 0...1000)
            if minimum == nil && target == nil && maximum == nil {
                reader.error(node, path, "a coverage line needs `min`, `target` or `max`", hint: "e.g. `min: 1` or `target: 2`")
                return nil
            }
            if let minimum, let maximum, minimum > maximum {
                reader.error(f["max"], path + ".max", "max \(maximum) is below min \(minimum)", hint: "raise max or lower min")
            }
            if let target, let maximum, target > maximum {
                reader.error(f["target"], path + ".target", "target \(target) is above max \(maximum)")
            }
            // Short of the target (else of min) costs under_weight; above the target (else max) costs over_weight.
            // A weight with nothing to be short of or above would be ignored, so it is refused.
            let underWeight = reader.int(f["under_weight"], path + ".under_weight", range: 0...1_000_000)
            let overWeight = reader.int(f["over_weight"], path + ".over_weight", range: 0...1_000_000)
            if underWeight != nil && target == nil && minimum == nil {
                reader.error(f["under_weight"], path + ".under_weight", "this line has no `target` or `min` to be short of, so `under_weight` would do nothing",
                    hint: "add `target: N` (or `min: N`), or remove `under_weight`")
            }
            if overWeight != nil && target == nil && maximum == nil {
                reader.error(f["over_weight"], path + ".over_weight", "this line has no `target` or `max` to be above, so `over_weight` would do nothing",
                    hint: "add `target: N` to price each person above N, or remove `over_weight`")
            }
            let hard = reader.bool(f["hard"], path + ".hard") ?? true
            if !hard && target != nil {
                for key in ["min", "max"] where f[key] != nil {
                    reader.warning(f[key], path + "." + key, "on a soft line with a `target`, `\(key)` does nothing: the target prices both sides",
                        hint: "remove `\(key)`, or make the line hard (`hard: true`) so that `\(key)` is a hard limit")
                }
            }
            return .init(
                shift: shift, days: days, who: reader.string(f["who"], path + ".who"), minimum: minimum, target: target,
                maximum: maximum, hard: hard,
                underWeight: underWeight ?? 100, overWeight: overWeight ?? 5, location: reader.location(node, path))
        }

        mutating func demand(_ node: Node) -> Scenario.Demand? {
            guard let f = fields(node, "demand", schema: "demand", required: ["providers", "visits_per_provider_session"]),
                let providers = reader.string(f["providers"], "demand.providers"),
                let rate = reader.double(f["visits_per_provider_session"], "demand.visits_per_provider_session", range: 0.1...1000)
            else { return nil }
            var byWeekday: [(Located<String>, [Int: Double])] = []
            if let sessions = f["sessions"] {
                if let mapping = sessions.mapping {
                    for (key, value) in mapping {
                        guard let shift = reader.string(key, "demand.sessions") else { continue }
                        let path = "demand.sessions.\(shift.value)"
                        var visits: [Int: Double] = [:]
                        if let days = value.mapping {
                            for (dayKey, count) in days {
                                let day = dayKey.string?.lowercased() == "holidays" ? Scenario.Demand.holidays : reader.weekday(dayKey, path)
                                if let day, let number = reader.double(count, "\(path).\(dayKey.string ?? "")", range: 0...100_000) {
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
            if let fileNode = f["file"], let name = reader.string(fileNode, "demand.file") {
                byDate = readDemandCSV(name)
            }
            var adjustments: [Scenario.DemandAdjustment] = []
            for (a, entry, path) in entries(f["adjust"], "demand.adjust", schema: "demand.adjust[]", required: []) {
                let scale = reader.double(a["scale"], path + ".scale", range: 0...100)
                let visits = reader.double(a["visits"], path + ".visits", range: 0...100_000)
                if (scale == nil) == (visits == nil) {
                    reader.error(entry, path, "give `scale` or `visits`", hint: "`scale: 1.15` raises demand by 15%; `visits: 40` replaces it")
                }
                let from = a["from"].flatMap { reader.date($0, path + ".from")?.value }
                let to = a["to"].flatMap { reader.date($0, path + ".to")?.value }
                if let from, let to, to < from { reader.error(a["to"], path + ".to", "the range ends before it starts") }
                adjustments.append(.init(
                    from: from, to: to, days: a["days"].flatMap { daySelector($0, path + ".days") } ?? .everyDay,
                    sessions: a["sessions"].map { reader.strings($0, path + ".sessions") }, scale: scale, visits: visits,
                    location: reader.location(entry, path)))
            }
            var support: [(Located<String>, Double)] = []
            for (s, _, path) in entries(f["support"], "demand.support", schema: "demand.support[]", required: ["who", "per_provider"]) {
                if let who = reader.string(s["who"], path + ".who"), let ratio = reader.double(s["per_provider"], path + ".per_provider", range: 0...20) {
                    support.append((who, ratio))
                }
            }
            return .init(
                visitsPerProviderSession: rate, providers: providers, byWeekday: byWeekday, byDate: byDate,
                scale: reader.double(f["scale"], "demand.scale", range: 0...100) ?? 1, adjustments: adjustments, support: support,
                underWeight: reader.int(f["under_weight"], "demand.under_weight", range: 0...1_000_000) ?? 50,
                overWeight: reader.int(f["over_weight"], "demand.over_weight", range: 0...1_000_000) ?? 2,
                location: reader.location(node, "demand"))
        }

        /// `date,shift,visits` rows (a header line is allowed), relative to the scenario's folder.
        mutating func readDemandCSV(_ name: Located<String>) -> [(CalendarDate, Located<String>, Double)] {
            let path = name.value.hasPrefix("/") ? name.value : (directory as NSString).appendingPathComponent(name.value)
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                reader.error(at: name.location, "cannot read the demand file \(path)", hint: "the path is relative to the scenario file")
                return []
            }
            var rows: [(CalendarDate, Located<String>, Double)] = []
            for (index, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
                let cells = line.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                if cells.isEmpty || cells == [""] || (index == 0 && CalendarDate(iso: cells[0]) == nil) { continue }
                let at = SourceLocation(line: index + 1, column: 1, path: "shift", file: path)
                guard cells.count == 3, let date = CalendarDate(iso: cells[0]), let visits = Double(cells[2]), visits >= 0 else {
                    reader.diagnostics.append(
                        Diagnostic(.error, file: path, line: index + 1, column: 1, path: "", message: "expected `date,shift,visits`, found `\(line)`",
                            hint: "e.g. 2026-12-01,N-AM,54"))
                    continue
                }
                rows.append((date, Located(cells[1], at: at), visits))
            }
            return rows
        }
    }
}
