import Foundation

/// How patient demand became a cover requirement, for `--explain-demand`.
public struct DemandDerivation: Sendable, Hashable {
    public var day: Int
    public var shift: Int
    public var visits: Double
    public var providers: Int
    /// Support roles (or groups) and how many of each the providers need.
    public var support: [(who: String, count: Int)]

    public static func == (a: DemandDerivation, b: DemandDerivation) -> Bool {
        a.day == b.day && a.shift == b.shift && a.visits == b.visits && a.providers == b.providers
            && a.support.map(\.who) == b.support.map(\.who) && a.support.map(\.count) == b.support.map(\.count)
    }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(day)
        hasher.combine(shift)
        hasher.combine(providers)
    }
}

/// A scenario resolved into the problem the solver and evaluator read, with what normalization found.
public struct NormalizedScenario: Sendable {
    public var problem: RosterProblem
    public var demand: [DemandDerivation]
    public var diagnostics: [Diagnostic]
    /// The scenario as written (for messages that name its contracts and lines).
    public var scenario: Scenario?
    public var isValid: Bool { !diagnostics.contains { $0.severity == .error } }
    /// Whether the only errors, if any, say that the month cannot meet every hard rule: a solve can still
    /// give the best roster there is.
    public var isSolvable: Bool { !diagnostics.contains { $0.severity == .error && !$0.isDeadEnd } }
}

/// Resolves a ``Scenario``: ids to indices, dates to days, eligibility (role, skills, site, credentials and
/// their expiry), leave and unavailability to blocked cells, demand to cover, supervision and fairness to
/// explicit rules. Every reference is checked, and the common dead ends are caught before any solve.
public struct ScenarioNormalizer {
    public let scenario: Scenario
    var reader: YAMLReader

    public init(scenario: Scenario) {
        self.scenario = scenario
        reader = YAMLReader(file: scenario.file)
    }

    /// Parses and normalizes a scenario file. The problem is present when the file parsed (it may still
    /// carry errors from normalization); the diagnostics are every finding, in file order.
    public static func load(file: String) -> (normalized: NormalizedScenario?, diagnostics: [Diagnostic]) {
        normalize(ScenarioParser.parse(file: file))
    }

    /// ``load(file:)`` for a scenario's text; `file` names it in the diagnostics.
    public static func load(text: String, file: String) -> (normalized: NormalizedScenario?, diagnostics: [Diagnostic]) {
        normalize(ScenarioParser.parse(text: text, file: file))
    }

    private static func normalize(_ parsed: (scenario: Scenario?, diagnostics: [Diagnostic])) -> (normalized: NormalizedScenario?, diagnostics: [Diagnostic]) {
        let (scenario, diagnostics) = parsed
        guard let scenario else { return (nil, diagnostics) }
        var normalizer = ScenarioNormalizer(scenario: scenario)
        var normalized = normalizer.normalize(checkDeadEnds: !diagnostics.contains { $0.severity == .error })
        normalized.diagnostics = (diagnostics + normalized.diagnostics).sorted { ($0.file, $0.line, $0.column) < ($1.file, $1.line, $1.column) }
        return (normalized, normalized.diagnostics)
    }

    /// Index of each id, reporting duplicates.
    mutating func index(_ ids: [Located<String>], what: String) -> [String: Int] {
        var result: [String: Int] = [:]
        for (position, id) in ids.enumerated() {
            if result[id.value] != nil {
                reader.error(at: id.location, "\(what) `\(id.value)` is defined twice", hint: "ids must be unique; rename one")
            } else {
                result[id.value] = position
            }
        }
        return result
    }

    /// Checks that `reference` names one of `known`, with a "did you mean" when it does not.
    mutating func resolve(_ reference: Located<String>, in known: [String: Int], what: String, context: String) -> Int? {
        if let index = known[reference.value] { return index }
        let suggestion = closest(to: reference.value, in: known.keys.sorted())
        reader.error(
            at: reference.location, "\(context) refers to \(what) `\(reference.value)` which is not defined",
            hint: suggestion.map { "did you mean `\($0)`?" } ?? (known.isEmpty ? "define it first" : "defined: " + known.keys.sorted().prefix(8).joined(separator: ", ")))
        return nil
    }

    func day(_ date: CalendarDate) -> Int { scenario.start.days(to: date) }

    /// The day of `date`, or nil with a warning (it changes nothing) when it lies outside the horizon.
    mutating func dayInHorizon(_ date: Located<CalendarDate>, what: String) -> Int? {
        let d = day(date.value)
        guard d >= 0 && d < scenario.dayCount else {
            reader.warning(at: date.location, "\(what) lies outside the horizon", hint: "it has no effect on this roster")
            return nil
        }
        return d
    }
    func inHorizon(_ date: CalendarDate) -> Bool { (0..<scenario.dayCount).contains(day(date)) }

    // What normalization has resolved so far, each part filled by one step of ``normalize(checkDeadEnds:)``.
    var siteIndex: [String: Int] = [:], roleIndex: [String: Int] = [:], skillIndex: [String: Int] = [:]
    var credentialIndex: [String: Int] = [:], shiftIndex: [String: Int] = [:], contractIndex: [String: Int] = [:]
    var staffIndex: [String: Int] = [:]
    /// The roles of each group.
    var groupRoles: [String: Set<String>] = [:]
    /// Public holidays in the horizon, by day.
    var holidays: [Int: String] = [:]
    var shiftTypes: [ShiftType] = []
    var successions: [ShiftSuccession] = []
    var horizonDates: [CalendarDate] = []
    var holidayDates: Set<CalendarDate> = []
    /// Days of approved leave in the horizon, by staff id.
    var leaveDays: [String: Set<Int>] = [:]
    var staff: [StaffMember] = []
    /// `runs[t][d]`: whether shift type t runs on day d.
    var runs: [[Bool]] = []
    var historyDays = 0
    var pinned: [Assignment] = []
    var shiftOn: [ShiftRequest] = [], shiftOff: [ShiftRequest] = []
    var dayOn: [DayRequest] = [], dayOff: [DayRequest] = []
    var cover: [CoverRequirement] = []
    var derivations: [DemandDerivation] = []
    var supervision: [SupervisionRule] = []
    var supportRatios: [SupportRatio] = []

    var s: Scenario { scenario }
    var dayCount: Int { scenario.dayCount }

    /// `checkDeadEnds`: also run the pre-solve checks (only meaningful on a scenario without errors).
    public mutating func normalize(checkDeadEnds: Bool = true) -> NormalizedScenario {
        resolveIds()
        resolveShiftTypes()
        countLeave()
        resolveStaff()
        resolveEligibility()
        applyLeave()
        resolveHistoryAndPins()
        resolveRequests()
        resolveStandingWeeks()
        resolveHolidayRotation()
        resolveCoverage()
        resolveDemand()
        resolveSupervision()
        var problem = RosterProblem(
            name: s.practice, dayCount: dayCount, firstWeekday: s.start.weekday,
            weekends: Self.weekends(start: s.start, dayCount: dayCount, weekendDays: Set(s.weekendDays)), shiftTypes: shiftTypes,
            forbiddenSuccessions: successions, staff: staff, shiftOnRequests: shiftOn, shiftOffRequests: shiftOff, cover: cover)
        problem.startDate = s.start
        problem.holidays = holidays
        problem.rest = s.rest
        problem.dayOnRequests = dayOn
        problem.dayOffRequests = dayOff
        problem.pinned = pinned
        problem.supervision = supervision
        problem.supportRatios = supportRatios
        problem.historyDays = historyDays
        problem.fairness = fairnessRules()
        problem.oneSitePerDay = s.oneSitePerDay
        problem = resolveBendOrder().applied(to: problem)
        if checkDeadEnds && reader.diagnostics.allSatisfy({ $0.severity != .error }) { deadEnds(problem) }
        return NormalizedScenario(problem: problem, demand: derivations, diagnostics: reader.diagnostics, scenario: scenario)
    }

    /// The scenario's `bend_order`: family words, and shift type ids for their hard cover.
    mutating func resolveBendOrder() -> BendOrder {
        guard let entries = s.bendOrder else { return .standard }
        let words: [String: BendOrder.Family] = [
            "min_hours": .minimumHours, "cover": .cover, "on_call_cover": .onCallCover, "supervision": .supervision,
        ]
        var families: [BendOrder.Family] = []
        for entry in entries {
            let family: BendOrder.Family
            if let word = words[entry.value] {
                family = word
            } else if let shift = shiftIndex[entry.value] {
                family = .coverOf(shift: shift)
            } else {
                let suggestion = closest(to: entry.value, in: words.keys.sorted() + shiftIndex.keys.sorted())
                reader.error(
                    at: entry.location, "`\(entry.value)` is no rule family or shift type",
                    hint: suggestion.map { "did you mean `\($0)`?" }
                        ?? "use min_hours, cover, supervision, on_call_cover, or a shift type's id")
                continue
            }
            if families.contains(family) {
                reader.error(at: entry.location, "`\(entry.value)` is listed twice", hint: "give each family one place")
                continue
            }
            families.append(family)
        }
        return BendOrder(families)
    }

    /// The cover requirements of one coverage line on one day.
    ///
    /// The soft floor is `target`, else `min`: each person short of it costs `under_weight`. The soft ceiling
    /// is `target`, else `max`: each person above it costs `over_weight`. With `hard`, `min` and `max` are
    /// also hard. A line whose floor and ceiling differ (`min: 1, max: 2`) is two requirements, so that the
    /// people between them cost nothing.
    static func requirements(of line: Scenario.Coverage, day: Int, shift: Int, people: [Int]?) -> [CoverRequirement] {
        let floor = line.target ?? line.minimum
        let ceiling = line.target ?? line.maximum
        let hardMinimum = line.hard ? (line.minimum ?? 0) : 0
        let hardMaximum = line.hard ? line.maximum : nil
        func requirement(_ required: Int, under: Int, over: Int, hard: Bool) -> CoverRequirement {
            CoverRequirement(
                day: day, shift: shift, required: required, underWeight: under, overWeight: over, staff: people,
                group: line.who?.value, hardMinimum: hard ? hardMinimum : 0, hardMaximum: hard ? hardMaximum : nil)
        }
        switch (floor, ceiling) {
        case let (floor?, ceiling?) where floor == ceiling:
            return [requirement(floor, under: line.underWeight, over: line.overWeight, hard: true)]
        case let (floor?, ceiling?):
            return [requirement(floor, under: line.underWeight, over: 0, hard: true), requirement(ceiling, under: 0, over: line.overWeight, hard: false)]
        case let (floor?, nil):
            return [requirement(floor, under: line.underWeight, over: 0, hard: true)]
        case let (nil, ceiling?):
            return [requirement(ceiling, under: 0, over: line.overWeight, hard: true)]
        case (nil, nil):
            return []
        }
    }

    /// Runs of consecutive weekend days (Saturday–Sunday by default).
    static func weekends(start: CalendarDate, dayCount: Int, weekendDays: Set<Int>) -> [[Int]] {
        var result: [[Int]] = []
        var current: [Int] = []
        for d in 0..<dayCount {
            if weekendDays.contains(start.adding(days: d).weekday) {
                current.append(d)
            } else if !current.isEmpty {
                result.append(current)
                current = []
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }
}
