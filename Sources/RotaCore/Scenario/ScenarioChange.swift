import Foundation
import Yams

/// A change file: a small YAML that edits a base scenario without copying it, for what-if questions and
/// re-rostering.
///
/// ```yaml
/// change: 1
/// name: hire a 0.6 FTE NP
/// staff:
///   - add: {id: np-new, role: np, fte: 0.6, contract: app, credentials: [{kind: license}, {kind: bls}]}
///   - modify: {id: dr-adams, fte: 0.8}
///   - remove: dr-ito
/// leave: [{staff: rn-04, from: 2026-12-08, to: 2026-12-10, kind: sick}]
/// unavailable: [{staff: dr-harris, days: [fri], from: "13:00", to: "18:00"}]
/// demand: [{scale: 1.15, from: 2026-12-14, days: weekdays, sessions: [N-AM, N-PM]}]
/// coverage: {add: [...], remove: [{shift: N-AM, who: fd}]}
/// contracts: {add: [...], modify: [{id: physician, max_weekends: 1}]}
/// shift_types: {add: [...], remove: [S-PM]}
/// bend_order: [on_call_cover, cover]      # replaces the base's
/// one_site_per_day: true                  # replaces the base's
/// ```
///
/// Every reference (a person, shift type, contract, coverage line) is checked against the base with the
/// change applied so far, and errors name the change file's line, column and field.
public struct ScenarioChange: Sendable {
    /// Keys allowed at each place of a change file (added entries use the scenario format's own keys).
    public static let keys: [String: [String]] = [
        "": [
            "change", "name", "staff", "leave", "unavailable", "requests", "demand", "coverage", "contracts", "shift_types",
            "bend_order", "one_site_per_day",
        ],
        "staff[]": ["add", "remove", "modify"],
        "staff[].modify": ["id", "name", "role", "fte", "contract", "skills", "sites", "credentials"],
        "unavailable[]": ["staff", "date", "days", "from", "to"],
        "coverage": ["add", "remove"],
        "coverage.remove[]": ["shift", "shifts", "from", "to", "site", "who", "days"],
        "contracts": ["add", "modify"],
        "shift_types": ["add", "remove"],
    ]

    /// The change's name (its `name:`, or the file name).
    public var name: String
    public var file: String
    /// The base scenario with the change applied, as scenario YAML.
    public var text: String

    /// Reads `changeFile` and applies it to `baseFile`. The change is nil when any error was found.
    public static func load(changeFile: String, baseFile: String) -> (change: ScenarioChange?, diagnostics: [Diagnostic]) {
        guard let baseText = try? String(contentsOfFile: baseFile, encoding: .utf8) else {
            var reader = YAMLReader(file: changeFile)
            reader.error(nil, "", "the base scenario \(baseFile) cannot be read", hint: "`rota validate \(baseFile)` says why")
            return (nil, reader.diagnostics)
        }
        return load(changeFile: changeFile, baseText: baseText, baseFile: baseFile)
    }

    /// Applies `changeFiles` in order, each to the scenario with the ones before it applied, in memory. The
    /// change is the last one's (nil when any had an error); the label names the base and every change.
    public static func stack(changeFiles: [String], baseFile: String) -> (change: ScenarioChange?, diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var current: ScenarioChange?
        for file in changeFiles {
            let (change, found) = current.map { load(changeFile: file, baseText: $0.text, baseFile: baseFile) }
                ?? load(changeFile: file, baseFile: baseFile)
            diagnostics += found
            guard var change else { return (nil, diagnostics) }
            change.name = (current.map { $0.name + ", " } ?? "") + change.name
            current = change
        }
        return (current, diagnostics)
    }

    /// Reads `changeFile` and applies it to the scenario `baseText` (from `baseFile`, which relative paths
    /// in it are relative to).
    public static func load(changeFile: String, baseText: String, baseFile: String) -> (change: ScenarioChange?, diagnostics: [Diagnostic]) {
        var reader = YAMLReader(file: changeFile)
        guard let baseRoot = (try? Yams.compose(yaml: baseText)) ?? nil, let baseMapping = baseRoot.mapping,
            let base = ScenarioParser.parse(text: baseText, file: baseFile).scenario
        else {
            reader.error(nil, "", "the base scenario \(baseFile) cannot be read", hint: "`rota validate \(baseFile)` says why")
            return (nil, reader.diagnostics)
        }
        let changeText: String
        do { changeText = try TextFile.read(changeFile, sizeLimit: ScenarioParser.sizeLimit) } catch {
            reader.error(at: SourceLocation(line: error.line, column: error.line > 0 ? 1 : 0, path: ""), error.message, hint: error.hint)
            return (nil, reader.diagnostics)
        }
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: changeText) else {
                reader.error(at: SourceLocation(line: 1, column: 1, path: ""), "the change file is empty", hint: "a change file starts with `change: 1`")
                return (nil, reader.diagnostics)
            }
            root = node
        } catch let error as YamlError {
            let (line, column, problem) = ScenarioParser.describe(error, text: changeText)
            reader.error(at: SourceLocation(line: line, column: column, path: ""), "not valid YAML: \(problem)", hint: "check indentation and quoting")
            return (nil, reader.diagnostics)
        } catch {
            reader.error(nil, "", "not valid YAML", hint: "check indentation and quoting")
            return (nil, reader.diagnostics)
        }
        var editor = Editor(reader: reader, base: base, sections: baseMapping.map { ($0.key.string ?? "", $0.value) })
        editor.rebaseDemandFile(baseFile: baseFile)
        let name = editor.apply(root) ?? URL(fileURLWithPath: changeFile).deletingPathExtension().lastPathComponent
        let diagnostics = editor.reader.diagnostics
        guard !diagnostics.contains(where: { $0.severity == .error }) else { return (nil, diagnostics) }
        let merged = Node(editor.sections.map { (Node($0.0), $0.1) }, .implicit, .block)
        guard let text = try? Yams.serialize(node: merged, width: -1, allowUnicode: true) else {
            editor.reader.error(nil, "", "the changed scenario could not be written")
            return (nil, editor.reader.diagnostics)
        }
        return (ScenarioChange(name: name, file: changeFile, text: text), diagnostics)
    }

    /// Parses and normalizes the changed scenario; findings name `label` (e.g. "base.yaml + change.yaml").
    public func normalized(label: String) -> (normalized: NormalizedScenario?, diagnostics: [Diagnostic]) {
        let (scenario, parsed) = ScenarioParser.parse(text: text, file: label)
        guard let scenario else { return (nil, parsed) }
        var normalizer = ScenarioNormalizer(scenario: scenario)
        var result = normalizer.normalize(checkDeadEnds: !parsed.contains { $0.severity == .error })
        result.diagnostics = parsed + result.diagnostics
        return (result, result.diagnostics)
    }

    /// Applies a change file's sections to the base's node tree.
    private struct Editor {
        var reader: YAMLReader
        let base: Scenario
        var sections: [(String, Node)]

        func section(_ key: String) -> Node? { sections.first { $0.0 == key }?.1 }

        mutating func setSection(_ key: String, _ node: Node) {
            if let index = sections.firstIndex(where: { $0.0 == key }) { sections[index].1 = node } else { sections.append((key, node)) }
        }

        func items(_ key: String) -> [Node] { section(key)?.sequence.map(Array.init) ?? [] }
        mutating func setItems(_ key: String, _ items: [Node]) { setSection(key, Node(items, .implicit, .block)) }

        func ids(_ key: String) -> [String] { items(key).compactMap { $0.mapping?["id"]?.string } }

        /// A demand CSV path relative to the base stays readable from the merged text.
        mutating func rebaseDemandFile(baseFile: String) {
            guard var demand = section("demand")?.mapping, let file = demand["file"]?.string, !file.hasPrefix("/") else { return }
            let folder = URL(fileURLWithPath: baseFile).deletingLastPathComponent()
            demand["file"] = Node(folder.appendingPathComponent(file).standardizedFileURL.path, .implicit, .doubleQuoted)
            setSection("demand", .mapping(demand))
        }

        mutating func fields(_ node: Node, _ path: String, _ schema: String, scenario: Bool = false, required: [String] = []) -> [String: Node]? {
            reader.fields(node, path, allowed: (scenario ? ScenarioParser.keys[schema] : ScenarioChange.keys[schema]) ?? [], required: required)
        }

        /// The same check against a set of names (sorted only to suggest one).
        @discardableResult
        mutating func reference(_ node: Node?, _ path: String, _ known: Set<String>, what: String) -> String? {
            if let value = node?.string, known.contains(value) { return reader.string(node, path)?.value }
            return reference(node, path, known.sorted(), what: what)
        }

        /// Checks that `node` names one of `known`; reports a "did you mean" otherwise.
        @discardableResult
        mutating func reference(_ node: Node?, _ path: String, _ known: [String], what: String) -> String? {
            guard let value = reader.string(node, path)?.value else { return nil }
            guard known.contains(value) else {
                reader.error(node, path, "no \(what) `\(value)` in the base scenario (with the changes above)",
                    hint: closest(to: value, in: known).map { "did you mean `\($0)`?" } ?? "known: " + known.prefix(12).joined(separator: ", "))
                return nil
            }
            return value
        }

        /// Applies every section; returns the change's name.
        mutating func apply(_ root: Node) -> String? {
            guard let top = fields(root, "", "", required: ["change"]) else { return nil }
            // A missing `change` key is already reported by `fields`.
            if let version = top["change"], reader.int(version, "change") != 1 {
                reader.error(version, "change", "this Rota reads change format version 1", hint: "write `change: 1`")
            }
            // Shift types first, so the other sections can refer to added ones; staff before leave.
            if let node = top["shift_types"] { shiftTypes(node) }
            if let node = top["contracts"] { contracts(node) }
            if let node = top["staff"] { staff(node) }
            for key in ["leave", "requests"] {
                guard let node = top[key] else { continue }
                let schema = key + "[]"
                var list = items(key)
                let staff = Set(ids("staff")), shiftTypes = Set(ids("shift_types"))
                for (item, path) in reader.list(node, key) {
                    guard let f = fields(item, path, schema, scenario: true, required: ["staff"]) else { continue }
                    reference(f["staff"], path + ".staff", staff, what: "staff member")
                    if let shift = f["shift"] { reference(shift, path + ".shift", shiftTypes, what: "shift type") }
                    list.append(item)
                }
                setItems(key, list)
            }
            if let node = top["unavailable"] { unavailable(node) }
            if let node = top["demand"] { demand(node) }
            if let node = top["coverage"] { coverage(node) }
            // Settings that replace the base's own (checked when the changed scenario is read).
            for key in ["bend_order", "one_site_per_day"] { if let node = top[key] { setSection(key, node) } }
            return top["name"]?.string
        }

        mutating func shiftTypes(_ node: Node) {
            guard let f = fields(node, "shift_types", "shift_types") else { return }
            var list = items("shift_types")
            var known = Set(ids("shift_types"))
            for (item, path) in reader.list(f["add"], "shift_types.add") {
                guard let entry = fields(item, path, "shift_types[]", scenario: true, required: ["id"]) else { continue }
                if let id = entry["id"]?.string, !known.insert(id).inserted {
                    reader.error(entry["id"], path + ".id", "shift type `\(id)` already exists", hint: "remove it first, or pick another id")
                }
                list.append(item)
            }
            setItems("shift_types", list)
            for (item, path) in reader.list(f["remove"], "shift_types.remove") {
                guard let id = reference(item, path, ids("shift_types"), what: "shift type") else { continue }
                removeShiftType(id)
            }
        }

        /// Removes a shift type and everything that names it.
        mutating func removeShiftType(_ id: String) {
            setItems("shift_types", items("shift_types").filter { $0.mapping?["id"]?.string != id })
            for key in ["coverage", "requests", "history", "pinned"] {
                setItems(key, items(key).filter { $0.mapping?["shift"]?.string != id })
            }
            setItems("forbidden_successions", items("forbidden_successions").filter {
                $0.mapping?["from"]?.string != id && $0.mapping?["to"]?.string != id
            })
            setItems("fairness", items("fairness").compactMap { rule in
                guard var mapping = rule.mapping, let shifts = mapping["shifts"]?.sequence else { return rule }
                let kept = shifts.filter { $0.string != id }
                if kept.isEmpty { return nil }
                mapping["shifts"] = Node(Array(kept), .implicit, .flow)
                return .mapping(mapping)
            })
            // A standing week keeps its other usual shifts; the removed one is no longer anyone's usual shift.
            setItems("standing_weeks", items("standing_weeks").map { week in
                guard var mapping = week.mapping else { return week }
                for key in ScenarioFormat.weekdayNames + ["shifts"] {
                    guard let shifts = mapping[key]?.sequence else { continue }
                    mapping[key] = Node(Array(shifts.filter { $0.string != id }), .implicit, .flow)
                }
                return .mapping(mapping)
            })
            setItems("contracts", items("contracts").map { contract in
                guard var mapping = contract.mapping, var limits = mapping["max_shifts"]?.mapping else { return contract }
                limits[Node(id)] = nil
                mapping["max_shifts"] = .mapping(limits)
                return .mapping(mapping)
            })
            if var demand = section("demand")?.mapping, var sessions = demand["sessions"]?.mapping {
                sessions[Node(id)] = nil
                demand["sessions"] = .mapping(sessions)
                setSection("demand", .mapping(demand))
            }
        }

        mutating func contracts(_ node: Node) {
            guard let f = fields(node, "contracts", "contracts") else { return }
            var list = items("contracts")
            var known = Set(ids("contracts"))
            for (item, path) in reader.list(f["add"], "contracts.add") {
                guard let entry = fields(item, path, "contracts[]", scenario: true, required: ["id"]) else { continue }
                if let id = entry["id"]?.string, !known.insert(id).inserted {
                    reader.error(entry["id"], path + ".id", "contract `\(id)` already exists", hint: "use `modify` to change it")
                }
                list.append(item)
            }
            for (item, path) in reader.list(f["modify"], "contracts.modify") {
                guard let entry = fields(item, path, "contracts[]", scenario: true, required: ["id"]),
                    let id = reference(entry["id"], path + ".id", list.compactMap { $0.mapping?["id"]?.string }, what: "contract"),
                    let index = list.firstIndex(where: { $0.mapping?["id"]?.string == id })
                else { continue }
                list[index] = merge(list[index], with: item)
            }
            setItems("contracts", list)
        }

        /// Staff edits in order, each checked against the staff with the edits above it applied. The list is
        /// edited in place and its ids kept in a set: a change file adding thousands of people stays linear.
        mutating func staff(_ node: Node) {
            var list = items("staff")
            var known = Set(list.compactMap { $0.mapping?["id"]?.string })
            var removed: Set<String> = []
            let contracts = ids("contracts")
            for (item, path) in reader.list(node, "staff") {
                guard let f = fields(item, path, "staff[]") else { continue }
                if f.count != 1 { reader.error(item, path, "each entry is one of `add`, `modify` or `remove`") }
                if let added = f["add"] {
                    guard let entry = fields(added, path + ".add", "staff[]", scenario: true, required: ["id", "role"]) else { continue }
                    if let id = entry["id"]?.string, !known.insert(id).inserted {
                        reader.error(entry["id"], path + ".add.id", "staff member `\(id)` already exists", hint: "use `modify` to change them")
                    }
                    if let contract = entry["contract"] { reference(contract, path + ".add.contract", contracts, what: "contract") }
                    list.append(added)
                }
                if let modified = f["modify"] {
                    guard let entry = fields(modified, path + ".modify", "staff[].modify", required: ["id"]),
                        let id = reference(entry["id"], path + ".modify.id", known, what: "staff member")
                    else { continue }
                    if let contract = entry["contract"] { reference(contract, path + ".modify.contract", contracts, what: "contract") }
                    if let index = list.firstIndex(where: { $0.mapping?["id"]?.string == id }) { list[index] = merge(list[index], with: modified) }
                }
                if let removedNode = f["remove"] {
                    guard let id = reference(removedNode, path + ".remove", known, what: "staff member") else { continue }
                    list.removeAll { $0.mapping?["id"]?.string == id }
                    known.remove(id)
                    removed.insert(id)
                }
            }
            setItems("staff", list)
            guard !removed.isEmpty else { return }
            for key in ["leave", "unavailable", "requests", "standing_weeks", "history", "pinned"] {
                setItems(key, items(key).filter { $0.mapping?["staff"]?.string.map { !removed.contains($0) } ?? true })
            }
            setItems("fairness", items("fairness").map { rule in
                guard var mapping = rule.mapping, var carried = mapping["carry_over"]?.mapping else { return rule }
                for id in removed { carried[Node(id)] = nil }
                mapping["carry_over"] = .mapping(carried)
                return .mapping(mapping)
            })
            setItems("holidays", items("holidays").map { holiday in
                guard var mapping = holiday.mapping, let workers = mapping["worked_last_year"]?.sequence else { return holiday }
                mapping["worked_last_year"] = Node(Array(workers.filter { $0.string.map { !removed.contains($0) } ?? true }), .implicit, .flow)
                return .mapping(mapping)
            })
        }

        /// `days: [fri]` repeats the time range on every such date of the horizon.
        mutating func unavailable(_ node: Node) {
            var list = items("unavailable")
            for (item, path) in reader.list(node, "unavailable") {
                guard let f = fields(item, path, "unavailable[]", required: ["staff", "from", "to"]),
                    let staff = reference(f["staff"], path + ".staff", ids("staff"), what: "staff member")
                else { continue }
                guard reader.time(f["from"], path + ".from") != nil, reader.time(f["to"], path + ".to") != nil,
                    let from = f["from"], let to = f["to"]
                else { continue }
                var dates: [CalendarDate] = []
                if let date = f["date"], let value = reader.date(date, path + ".date")?.value { dates.append(value) }
                if let days = f["days"] {
                    let weekdays = Set(reader.list(days, path + ".days").compactMap { reader.weekday($0.0, $0.1) })
                    dates += (0..<base.dayCount).map { base.start.adding(days: $0) }.filter { weekdays.contains($0.weekday) }
                }
                if (f["date"] == nil) == (f["days"] == nil) {
                    reader.error(item, path, "give `date` (one day) or `days` (every such weekday)", hint: "e.g. `days: [fri]`")
                }
                for date in dates {
                    list.append(Node([
                        (Node("staff"), Node(staff)), (Node("date"), Node(date.description)), (Node("from"), from), (Node("to"), to),
                    ], .implicit, .flow))
                }
            }
            setItems("unavailable", list)
        }

        mutating func demand(_ node: Node) {
            guard var demand = section("demand")?.mapping else {
                reader.error(node, "demand", "the base scenario has no demand to change", hint: "change coverage instead")
                return
            }
            var adjust = demand["adjust"]?.sequence.map(Array.init) ?? []
            for (item, path) in reader.list(node, "demand") {
                guard let f = fields(item, path, "demand.adjust[]", scenario: true) else { continue }
                for (session, sessionPath) in reader.list(f["sessions"], path + ".sessions") {
                    reference(session, sessionPath, ids("shift_types"), what: "shift type")
                }
                if (f["scale"] == nil) == (f["visits"] == nil) {
                    reader.error(item, path, "give `scale` or `visits`", hint: "`scale: 1.15` raises demand by 15%; `visits: 40` replaces it")
                }
                adjust.append(item)
            }
            demand["adjust"] = Node(adjust, .implicit, .block)
            setSection("demand", .mapping(demand))
        }

        mutating func coverage(_ node: Node) {
            guard let f = fields(node, "coverage", "coverage") else { return }
            var list = items("coverage")
            for (item, path) in reader.list(f["remove"], "coverage.remove") {
                guard let entry = fields(item, path, "coverage.remove[]") else { continue }
                guard entry["shift"] != nil || entry["shifts"] != nil || entry["from"] != nil else {
                    reader.error(item, path, "name the line to remove by its `shift`, `shifts` or `from`/`to`", hint: "e.g. `{shift: N-AM, who: rn}`")
                    continue
                }
                if entry["shift"] != nil, reference(entry["shift"], path + ".shift", ids("shift_types"), what: "shift type") == nil { continue }
                // Every key given matches the base line's exactly (a list or time in any style).
                let wanted = entry.mapValues(Self.canonical)
                let before = list.count
                list.removeAll { line in
                    guard let mapping = line.mapping else { return false }
                    return wanted.allSatisfy { key, value in mapping[key].map(Self.canonical) == value }
                }
                if list.count == before {
                    reader.error(item, path, "no coverage line of the base matches",
                        hint: "match a line's `shift` (or `shifts`, or `from`/`to`/`site`), and `who` and `days` if given, exactly")
                }
            }
            for (item, path) in reader.list(f["add"], "coverage.add") {
                guard let entry = fields(item, path, "coverage[]", scenario: true) else { continue }
                if entry["shift"] != nil { reference(entry["shift"], path + ".shift", ids("shift_types"), what: "shift type") }
                list.append(item)
            }
            setItems("coverage", list)
        }

        /// A node's content whatever its style (`[mon, tue]` and a block list are the same days).
        static func canonical(_ node: Node) -> String {
            switch node {
            case .scalar(let scalar): return scalar.string.lowercased()
            case .sequence(let sequence): return "[" + sequence.map(canonical).joined(separator: ",") + "]"
            case .mapping(let mapping): return "{" + mapping.map { canonical($0.key) + ":" + canonical($0.value) }.joined(separator: ",") + "}"
            case .alias: return "*"
            }
        }

        /// `entry` with the keys of `change` replaced (or added).
        func merge(_ entry: Node, with change: Node) -> Node {
            guard var mapping = entry.mapping, let updates = change.mapping else { return entry }
            for (key, value) in updates { mapping[key] = value }
            return Node(mapping.map { ($0.key, $0.value) }, .implicit, .flow)
        }
    }
}
