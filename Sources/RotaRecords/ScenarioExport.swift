internal import Foundation
internal import GRDB
import RotaCore
internal import Yams

/// Writes a month's scenario from the records and a practice file.
///
/// The practice file holds what does not change month to month: sites, roles, skills, shift types, rest,
/// coverage, demand and fairness (the scenario format's sections, without people). The database adds the
/// people: contracts, the staff employed that month with their credentials (expiry dates make them
/// ineligible from that day), approved leave (hard), pending leave (weighted day-off requests), shift and day
/// requests (`rota request add`), days outside employment, and history from the last days of the previous month's latest published roster.
public struct ScenarioExport: Sendable {
    /// Sections a practice file may hold, in the order they are written.
    static let practiceSections = [
        "practice", "weekend_days", "sites", "roles", "groups", "skills", "credentials", "skill_credentials", "holidays",
        "shift_types", "rest", "forbidden_successions", "one_site_per_day", "bend_order", "standing_weeks", "coverage", "demand",
        "fairness",
    ]
    /// Sections that come from the records, and why a practice file may not have them.
    static let recordSections: [String: String] = [
        "rota": "the export writes the version itself", "horizon": "the horizon is the month given with --month",
        "contracts": "contracts come from the database (`rota contract add`)",
        "staff": "staff come from the database (`rota staff add`, `rota import scenario`)",
        "leave": "leave comes from the database (`rota leave request`/`approve`)",
        "requests": "requests come from the database (`rota request add`, and pending leave as day-off requests)",
        "history": "history comes from the previous month's published roster (`rota publish`)",
        "unavailable": "put partial-day unavailability into the exported file, or record it as leave",
        "pinned": "pin assignments in the exported file",
    ]
    /// Days of the previous month's roster carried over as history (enough for rest, runs and successions).
    public static let historyDays = 7

    /// What went into the file, for the command's summary line.
    public struct Summary: Sendable, Equatable {
        public var staff = 0
        public var approvedLeave = 0
        public var pendingRequests = 0
        /// Shift and day requests from `rota request add` that touch the month.
        public var shiftRequests = 0
        public var historyShifts = 0
        /// Credentials that lapse during the month: (staff, kind, expiry).
        public var expiringCredentials: [String] = []
        public var historySource: String?
        /// Shifts of the fairness rules worked earlier in the calendar year, written as `carry_over`.
        public var carriedOver = 0
        /// People kept off a public holiday of the month because they worked it last year.
        public var holidayRotation = 0
    }

    public var database: PracticeDatabase
    public var practiceFile: String
    /// The weight of one day of a pending leave request, as a day-off request.
    public var pendingWeight: Int

    public init(database: PracticeDatabase, practiceFile: String, pendingWeight: Int = 5) {
        self.database = database
        self.practiceFile = practiceFile
        self.pendingWeight = pendingWeight
    }

    /// The scenario text for `month` (`YYYY-MM`), to be written to `outputPath` (used to keep a demand CSV's
    /// relative path working).
    public func yaml(month: String, outputPath: String) throws -> (text: String, summary: Summary) {
        let first = try Check.month(month)
        let last = first.adding(days: CalendarDate.daysIn(month: first.month, year: first.year) - 1)
        let practice = try readPractice(outputPath: outputPath)
        var summary = Summary()
        var root: [(Node, Node)] = [(Node("rota"), Node("1")), (Node("practice"), practice["practice"] ?? text("Practice"))]
        root.append((Node("horizon"), flow([("start", Node(first.description)), ("end", Node(last.description))])))
        let afterPeople: Set = ["standing_weeks", "coverage", "demand", "fairness"]
        for key in Self.practiceSections.dropFirst() where !afterPeople.contains(key) {
            if let node = practice[key] { root.append((Node(key), node)) }
        }

        let everyone = try database.allStaff(includingInactive: true)
        let allStaff = everyone.filter { person in
            guard let start = CalendarDate(iso: person.employmentStart), start <= last else { return false }
            return person.employmentEnd.flatMap(CalendarDate.init(iso:)).map { $0 >= first } ?? true
        }
        let staffIds = Set(allStaff.map(\.id))
        let usedContracts = Set(allStaff.map(\.contractId))
        let contracts = try database.contracts().filter { usedContracts.contains($0.id) }
        root.append((Node("contracts"), Node(contracts.map(contractNode))))

        let credentials = Dictionary(grouping: try database.credentials(), by: \.staffId)
        var staffNodes: [Node] = []
        var leaveNodes: [Node] = []
        for person in allStaff {
            var pairs: [(String, Node)] = [
                ("id", text(person.id)), ("name", text(person.name)), ("role", text(person.role)), ("fte", number(person.fte)),
                ("contract", text(person.contractId)),
            ]
            if !person.skills.isEmpty { pairs.append(("skills", list(person.skills))) }
            if !person.sites.isEmpty { pairs.append(("sites", list(person.sites))) }
            let held = PracticeDatabase.current(credentials[person.id] ?? [])
            if !held.isEmpty {
                pairs.append(("credentials", Node(held.map { credential in
                    var fields: [(String, Node)] = [("kind", text(credential.kind))]
                    if let expires = credential.expires {
                        fields.append(("expires", Node(expires)))
                        if expires >= first.description && expires <= last.description {
                            summary.expiringCredentials.append("\(person.id) \(credential.kind) \(expires)")
                        }
                    }
                    return flow(fields)
                }, .implicit, .flow)))
            }
            staffNodes.append(flow(pairs))
            // Days outside employment are leave in the roster's eyes.
            if let start = CalendarDate(iso: person.employmentStart), start > first {
                leaveNodes.append(leave(person.id, first, start.adding(days: -1), "not employed yet"))
            }
            if let end = person.employmentEnd.flatMap(CalendarDate.init(iso:)), end < last {
                leaveNodes.append(leave(person.id, end.adding(days: 1), last, "employment ended"))
            }
        }
        summary.staff = staffNodes.count
        root.append((Node("staff"), Node(staffNodes)))

        let requests = try database.leaveRequests(LeaveFilter(from: first, to: last)).filter { staffIds.contains($0.staffId) }
        var requestNodes: [Node] = []
        for request in requests {
            guard let from = CalendarDate(iso: request.firstDay), let to = CalendarDate(iso: request.lastDay) else { continue }
            let clipped = (max(from, first), min(to, last))
            switch request.status {
            case .approved:
                leaveNodes.append(leave(request.staffId, clipped.0, clipped.1, request.kind))
                summary.approvedLeave += 1
            case .pending:
                var day = clipped.0
                while day <= clipped.1 {
                    requestNodes.append(flow([
                        ("staff", text(request.staffId)), ("date", Node(day.description)), ("off", Node("true")),
                        ("weight", Node(String(pendingWeight))),
                    ]))
                    day = day.adding(days: 1)
                }
                summary.pendingRequests += 1
            case .denied:
                break
            }
        }
        for request in try database.shiftRequests(from: first, to: last) where staffIds.contains(request.staffId) {
            guard let from = CalendarDate(iso: request.firstDay), let to = CalendarDate(iso: request.lastDay) else { continue }
            var day = max(from, first)
            while day <= min(to, last) {
                var pairs: [(String, Node)] = [("staff", text(request.staffId)), ("date", Node(day.description))]
                if let shift = request.shift { pairs.append(("shift", text(shift))) }
                pairs.append((request.wants.rawValue, Node("true")))
                pairs.append(("weight", Node(String(request.weight))))
                requestNodes.append(flow(pairs))
                day = day.adding(days: 1)
            }
            summary.shiftRequests += 1
        }
        if !leaveNodes.isEmpty { root.append((Node("leave"), Node(leaveNodes))) }
        if !requestNodes.isEmpty { root.append((Node("requests"), Node(requestNodes))) }
        // The standing weeks of people not employed this month stay out; an id the records do not know
        // stays in, for validation to name.
        if let weeks = practice["standing_weeks"]?.sequence {
            let known = Set(everyone.map(\.id))
            let kept = weeks.filter { week in
                guard let id = week.mapping?["staff"]?.string else { return true }
                return staffIds.contains(id) || !known.contains(id)
            }
            if !kept.isEmpty { root.append((Node("standing_weeks"), Node(Array(kept), .implicit, .block))) }
        }
        for key in ["coverage", "demand", "fairness"] {
            if let node = practice[key] { root.append((Node(key), node)) }
        }

        let previous = first.adding(days: -1)
        let previousMonth = String(previous.description.prefix(7))
        if let published = try? database.publishedRoster(month: previousMonth) {
            let since = previous.adding(days: 1 - Self.historyDays).description
            let shiftIds = Set(shiftTypeIds(practice["shift_types"]))
            let history = published.assignments.filter { $0.date >= since && staffIds.contains($0.staffId) && shiftIds.contains($0.shift) }
            if !history.isEmpty {
                root.append((Node("history"), Node(history.map {
                    flow([("staff", text($0.staffId)), ("date", Node($0.date)), ("shift", text($0.shift))])
                })))
            }
            summary.historyShifts = history.count
            summary.historySource = "\(previousMonth) v\(published.version.version)"
        }

        root = try withCarryOver(root, first: first, outputPath: outputPath, summary: &summary)
        root = withHolidayRotation(root, first: first, last: last, staffIds: staffIds, summary: &summary)

        let header = """
            # \(month) scenario exported by `rota scenario export` from \(database.path) and \(practiceFile).
            # Edit the practice file and the records, not this file: the next export replaces it.

            """
        let body = try Yams.serialize(node: Node(root.map { ($0.0, $0.1) }, .implicit, .block), width: -1, allowUnicode: true)
        return (header + body, summary)
    }

    /// `root` with each fairness rule's `carry_over`: the rule's shifts, on its days, that each person it
    /// shares between worked earlier in the calendar year, from the latest published roster of each earlier
    /// month (added to any carry-over the practice file gives). The rule's `who` and `days` are read the way
    /// `solve` reads them, by parsing and normalizing the export itself.
    private func withCarryOver(_ root: [(Node, Node)], first: CalendarDate, outputPath: String, summary: inout Summary) throws -> [(Node, Node)] {
        guard first.month > 1, let index = root.firstIndex(where: { $0.0.string == "fairness" }), let rules = root[index].1.sequence else { return root }
        var worked: [RosterAssignmentRecord] = []
        for month in 1..<first.month {
            if let published = try? database.publishedRoster(month: String(format: "%04d-%02d", first.year, month)) { worked += published.assignments }
        }
        guard !worked.isEmpty else { return root }
        let text = try Yams.serialize(node: Node(root.map { ($0.0, $0.1) }, .implicit, .block), width: -1, allowUnicode: true)
        guard let scenario = ScenarioParser.parse(text: text, file: outputPath).scenario, scenario.fairness.count == rules.count else { return root }
        var normalizer = ScenarioNormalizer(scenario: scenario)
        let problem = normalizer.normalize(checkDeadEnds: false).problem
        let holidays = Set(scenario.holidays.map(\.date.value))
        var unmatched = Array(problem.fairness.indices)
        var updated: [Node] = []
        for (rule, node) in zip(scenario.fairness, rules) {
            // The normalizer drops a rule that counts nobody; the others keep their order and names.
            guard let position = unmatched.firstIndex(where: { problem.fairness[$0].name == rule.name }), var mapping = node.mapping else {
                updated.append(node)
                continue
            }
            let counted = Set(problem.fairness[unmatched.remove(at: position)].shares.map { problem.staff[$0.staff].id })
            let shifts = Set(rule.shifts.map(\.value))
            var counts = Dictionary(rule.carryOver.map { ($0.staff.value, $0.count) }, uniquingKeysWith: +)
            for assignment in worked where counted.contains(assignment.staffId) && shifts.contains(assignment.shift) {
                guard let date = CalendarDate(iso: assignment.date), rule.days.selects(date, isHoliday: holidays.contains(date)) else { continue }
                counts[assignment.staffId, default: 0] += 1
                summary.carriedOver += 1
            }
            let pairs = counts.filter { $0.value > 0 }.sorted { $0.key < $1.key }.map { ($0.key, Node(String($0.value))) }
            mapping["carry_over"] = pairs.isEmpty ? nil : flow(pairs)
            updated.append(Node(mapping.map { ($0.key, $0.value) }, .implicit, .flow))
        }
        var result = root
        result[index].1 = Node(updated)
        return result
    }

    /// `root` with `worked_last_year` on each public holiday of the month: who had a shift on last year's
    /// holiday of the same name (else the same date a year before), in the latest published roster of its
    /// month, and is exported this month (added to any the practice file lists).
    private func withHolidayRotation(
        _ root: [(Node, Node)], first: CalendarDate, last: CalendarDate, staffIds: Set<String>, summary: inout Summary
    ) -> [(Node, Node)] {
        guard let index = root.firstIndex(where: { $0.0.string == "holidays" }), let holidays = root[index].1.sequence else { return root }
        let dated = holidays.compactMap { node -> (date: CalendarDate, name: String?)? in
            guard let date = node.mapping?["date"]?.string.flatMap(CalendarDate.init(iso:)) else { return nil }
            return (date, node.mapping?["name"]?.string)
        }
        var published: [String: [RosterAssignmentRecord]] = [:]
        var updated: [Node] = []
        for node in holidays {
            guard var mapping = node.mapping, let date = mapping["date"]?.string.flatMap(CalendarDate.init(iso:)), date >= first, date <= last else {
                updated.append(node)
                continue
            }
            let name = mapping["name"]?.string
            guard let lastYear = dated.first(where: { $0.name != nil && $0.name == name && $0.date.year == date.year - 1 })?.date
                ?? CalendarDate(year: date.year - 1, month: date.month, day: min(date.day, CalendarDate.daysIn(month: date.month, year: date.year - 1)))
            else {
                updated.append(node)
                continue
            }
            let month = String(lastYear.description.prefix(7))
            if published[month] == nil { published[month] = (try? database.publishedRoster(month: month))?.assignments ?? [] }
            let worked = Set(published[month]!.filter { $0.date == lastYear.description && staffIds.contains($0.staffId) }.map(\.staffId))
            let listed = mapping["worked_last_year"].map { $0.sequence?.compactMap(\.string) ?? [$0.string].compactMap { $0 } } ?? []
            let all = Set(listed).union(worked).sorted()
            summary.holidayRotation += worked.subtracting(listed).count
            if !all.isEmpty { mapping["worked_last_year"] = list(all) }
            updated.append(Node(mapping.map { ($0.key, $0.value) }, .implicit, .flow))
        }
        var result = root
        result[index].1 = Node(updated)
        return result
    }

    /// The practice file's sections by name, with a demand CSV's path rewritten for the output's folder.
    private func readPractice(outputPath: String) throws -> [String: Node] {
        let mapping = try PracticeVocabulary.sections(of: practiceFile, unreadable: "check the --practice path")
        var sections: [String: Node] = [:]
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            let line = keyNode.mark?.line ?? 0
            if let why = Self.recordSections[key] {
                throw RecordsError(.invalid, "\(practiceFile):\(line): \(key)", "does not belong in a practice file", hint: why)
            }
            guard Self.practiceSections.contains(key) else {
                throw RecordsError(
                    .invalid, "\(practiceFile):\(line): \(key)", "unknown section",
                    hint: closest(to: key, in: Self.practiceSections).map { "did you mean `\($0)`?" }
                        ?? "sections: " + Self.practiceSections.joined(separator: ", "))
            }
            sections[key] = Self.flowInsideLists(value, inList: false, depth: 0)
        }
        if var demand = sections["demand"]?.mapping, let file = demand["file"]?.string, !file.hasPrefix("/") {
            let practiceFolder = URL(fileURLWithPath: practiceFile).deletingLastPathComponent().standardizedFileURL
            let outputFolder = URL(fileURLWithPath: outputPath).deletingLastPathComponent().standardizedFileURL
            if practiceFolder.path != outputFolder.path {
                demand["file"] = Node(practiceFolder.appendingPathComponent(file).path, .implicit, .doubleQuoted)
                sections["demand"] = .mapping(demand)
            }
        }
        return sections
    }

    /// One line per list entry, as people write these files: anything inside a list item, and any nested
    /// mapping of plain values, is written in flow style (`- {id: N-AM, start: "08:00"}`).
    static func flowInsideLists(_ node: Node, inList: Bool, depth: Int) -> Node {
        switch node {
        case .mapping(let mapping):
            let pairs = mapping.map { ($0.key, flowInsideLists($0.value, inList: inList, depth: depth + 1)) }
            let flat = depth > 0 && pairs.allSatisfy { $0.1.scalar != nil }
            return Node(pairs, mapping.tag, inList || flat ? .flow : .block)
        case .sequence(let sequence):
            let items = sequence.map { flowInsideLists($0, inList: true, depth: depth + 1) }
            return Node(items, sequence.tag, inList || items.allSatisfy { $0.scalar != nil } ? .flow : .block)
        default:
            return node
        }
    }

    private func shiftTypeIds(_ node: Node?) -> [String] {
        (node?.sequence ?? []).compactMap { $0.mapping?["id"]?.string }
    }

    private func contractNode(_ contract: ContractRecord) -> Node {
        var pairs: [(String, Node)] = [("id", text(contract.id)), ("weekly_hours", number(contract.weeklyHours))]
        if let low = contract.hoursLow, let high = contract.hoursHigh {
            pairs.append(("hours_range", Node([number(low), number(high)], .implicit, .flow)))
        }
        if let value = contract.minHoursPerWeek { pairs.append(("min_hours_per_week", number(value))) }
        if let value = contract.maxHoursPerWeek { pairs.append(("max_hours_per_week", number(value))) }
        let counts: [(String, Int?)] = [
            ("max_shifts_per_day", contract.maxShiftsPerDay), ("max_consecutive_days", contract.maxConsecutiveDays),
            ("min_consecutive_days", contract.minConsecutiveDays), ("min_consecutive_days_off", contract.minConsecutiveDaysOff),
            ("max_weekends", contract.maxWeekends),
        ]
        for (key, value) in counts { if let value { pairs.append((key, Node(String(value)))) } }
        if !contract.maxShifts.isEmpty {
            pairs.append(("max_shifts", flow(contract.maxShifts.sorted { $0.key < $1.key }.map { ($0.key, Node(String($0.value))) })))
        }
        return flow(pairs)
    }

    private func leave(_ staff: String, _ from: CalendarDate, _ to: CalendarDate, _ kind: String) -> Node {
        flow([("staff", text(staff)), ("from", Node(from.description)), ("to", Node(to.description)), ("kind", text(kind))])
    }

    private func flow(_ pairs: [(String, Node)]) -> Node {
        Node(pairs.map { (Node($0.0), $0.1) }, .implicit, .flow)
    }

    private func list(_ values: [String]) -> Node { Node(values.map(text), .implicit, .flow) }

    /// A string scalar, quoted whenever YAML could read it as anything but that string.
    private func text(_ value: String) -> Node {
        let plainIsSafe = value.range(of: #"^[A-Za-z][A-Za-z0-9_.\- ]*$"#, options: .regularExpression) != nil
            && !["yes", "no", "true", "false", "on", "off", "null", "y", "n"].contains(value.lowercased())
            && !value.hasSuffix(" ")
        return Node(value, .implicit, plainIsSafe ? .plain : .doubleQuoted)
    }

    private func number(_ value: Double) -> Node {
        Node(value.isFinite && abs(value) < 1e15 && value == value.rounded() ? String(Int(value)) : String(value))
    }
}
