public import RotaCore
internal import Foundation

/// One solved scenario of a what-if run: the base or a variant.
public struct WhatIfResult: Sendable {
    public var name: String
    public var problem: RosterProblem
    public var roster: Roster
    public var evaluation: Evaluation
    /// Why the solve stopped (`optimal`, `time limit`, …), and its gap to the proven bound when known.
    public var status: String
    public var gap: Double?

    public init(name: String, problem: RosterProblem, roster: Roster, evaluation: Evaluation, status: String, gap: Double?) {
        self.name = name
        self.problem = problem
        self.roster = roster
        self.evaluation = evaluation
        self.status = status
        self.gap = gap
    }
}

/// The numbers a practice manager compares between the base roster and its variants, each recomputed from
/// the roster and its problem (the evaluator's penalties, the roster's shifts), never from the solver.
public struct WhatIfSummary: Sendable, Codable, Equatable {
    public struct Spread: Sendable, Codable, Equatable {
        /// Fewest and most shifts per FTE among the people who can work them.
        public var minPerFTE: Double
        public var maxPerFTE: Double
    }
    public struct Hours: Sendable, Codable, Equatable {
        public var paid: Double
        public var contract: Double
    }
    public struct PersonChange: Sendable, Codable, Equatable {
        public var staff: String
        /// Assignments added plus assignments removed, against the base.
        public var changes: Int
    }

    public var name: String
    public var status: String
    public var gapPercent: Double?
    public var objective: Int
    /// Cost by kind of penalty (`under cover`, `outside fair share`, …).
    public var breakdown: [String: Int]
    public var hardViolations: Int
    /// People short, and sessions short, by who the requirement counts (`physician`, `ma`, …).
    public var uncoveredPeople: [String: Int]
    public var uncoveredSessions: [String: Int]
    public var overCoveredPeople: [String: Int]
    public var hoursByRole: [String: Hours]
    /// Paid hours above each person's contract hours, summed.
    public var overtimeHours: Double
    public var calls: Spread?
    public var weekends: Spread?
    public var nights: Spread?
    public var requestsGranted: Int
    public var requests: Int
    /// Assignments (person, date, shift) in one roster and not the other.
    public var differsFromBase: Int
    /// The people whose rosters change most, most first.
    public var mostChanged: [PersonChange]

    public init(_ result: WhatIfResult, base: WhatIfResult?) {
        let problem = result.problem
        name = result.name
        status = result.status
        gapPercent = result.gap.map { ($0 * 10_000).rounded() / 100 }
        objective = result.evaluation.total
        hardViolations = result.evaluation.hardViolations.count
        var breakdown: [String: Int] = [:]
        var uncoveredPeople: [String: Int] = [:]
        var uncoveredSessions: [String: Int] = [:]
        var overCoveredPeople: [String: Int] = [:]
        for penalty in result.evaluation.penalties {
            breakdown[penalty.kind.rawValue, default: 0] += penalty.cost
            let group = penalty.rule.flatMap { problem.cover.indices.contains($0) ? problem.cover[$0].group : nil } ?? "staff"
            switch penalty.kind {
            case .underCover:
                uncoveredPeople[group, default: 0] += penalty.units
                uncoveredSessions[group, default: 0] += 1
            case .overCover:
                overCoveredPeople[group, default: 0] += penalty.units
            default: break
            }
        }
        self.breakdown = breakdown
        self.uncoveredPeople = uncoveredPeople
        self.uncoveredSessions = uncoveredSessions
        self.overCoveredPeople = overCoveredPeople

        let cells = result.roster.grid(staffCount: problem.staff.count, dayCount: problem.dayCount)
        var hours: [String: Hours] = [:]
        var overtime = 0.0
        for (person, member) in problem.staff.enumerated() {
            let paid = Double(cells[person].joined().reduce(0) { $0 + problem.shiftTypes[$1].paidMinutes }) / 60
            let contract = Double(member.contractMinutes ?? 0) / 60
            let role = member.role ?? "staff"
            hours[role, default: Hours(paid: 0, contract: 0)].paid += paid
            hours[role, default: Hours(paid: 0, contract: 0)].contract += contract
            if member.contractMinutes != nil { overtime += max(0, paid - contract) }
        }
        hoursByRole = hours.mapValues { Hours(paid: ($0.paid * 10).rounded() / 10, contract: ($0.contract * 10).rounded() / 10) }
        overtimeHours = (overtime * 10).rounded() / 10

        func spread(_ counts: (Int, Int) -> Bool) -> Spread? {
            // Per person, shifts per FTE; only people who may work such a shift at all take part.
            var perFTE: [Double] = []
            for (person, member) in problem.staff.enumerated() {
                let eligible = (0..<problem.dayCount).contains { day in
                    problem.shiftTypes.indices.contains { counts(day, $0) && problem.isPermitted(staff: person, day: day, shift: $0) }
                }
                guard eligible, let fte = member.fte, fte > 0 else { continue }
                let worked = (0..<problem.dayCount).reduce(0) { total, day in total + cells[person][day].filter { counts(day, $0) }.count }
                perFTE.append(Double(worked) / fte)
            }
            guard let low = perFTE.min(), let high = perFTE.max() else { return nil }
            return Spread(minPerFTE: (low * 10).rounded() / 10, maxPerFTE: (high * 10).rounded() / 10)
        }
        calls = spread { _, shift in problem.shiftTypes[shift].isOnCall }
        weekends = spread { day, _ in problem.isWeekend(day) }
        nights = spread { _, shift in problem.shiftTypes[shift].isNight }

        // Standing weeks and the holiday rotation are not requests anyone made.
        requests = problem.shiftOnRequests.count { !$0.standing } + problem.shiftOffRequests.count { !$0.standing }
            + problem.dayOnRequests.count + problem.dayOffRequests.count { !$0.rotation }
        let refused = result.evaluation.penalties.filter {
            [.shiftOnRequest, .shiftOffRequest, .dayOnRequest, .dayOffRequest].contains($0.kind)
        }.reduce(0) { $0 + $1.units }
        requestsGranted = requests - refused

        if let base {
            let mine = Self.triples(result)
            let theirs = Self.triples(base)
            let changed = mine.symmetricDifference(theirs)
            differsFromBase = changed.count
            let byPerson = Dictionary(grouping: changed, by: \.staff).mapValues(\.count)
            mostChanged = byPerson.map { PersonChange(staff: $0.key, changes: $0.value) }
                .sorted { ($0.changes, $1.staff) > ($1.changes, $0.staff) }.prefix(5).map { $0 }
        } else {
            differsFromBase = 0
            mostChanged = []
        }
    }

    struct Triple: Hashable { var staff: String; var date: String; var shift: String }

    /// Assignments by ids and dates, so rosters of problems with different staff or shift lists compare.
    static func triples(_ result: WhatIfResult) -> Set<Triple> {
        Set(result.roster.assignments.map { assignment in
            Triple(
                staff: result.problem.staff[assignment.staff].id,
                date: result.problem.date(of: assignment.day)?.description ?? String(assignment.day),
                shift: result.problem.shiftTypes[assignment.shift].id)
        })
    }
}

/// Renders summaries side by side: one column per variant.
public enum WhatIfTable {
    /// (row label, value per summary) in display order.
    public static func rows(_ summaries: [WhatIfSummary]) -> [(String, [String])] {
        func number(_ value: Double) -> String { value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value) }
        func spread(_ value: WhatIfSummary.Spread?) -> String { value.map { "\(number($0.minPerFTE))–\(number($0.maxPerFTE))" } ?? "—" }
        var rows: [(String, [String])] = []
        rows.append(("status", summaries.map { $0.status + ($0.gapPercent.map { " (gap \(number($0))%)" } ?? "") }))
        rows.append(("objective", summaries.map { String($0.objective) }))
        for kind in PenaltyKind.allCases.map(\.rawValue) where summaries.contains(where: { $0.breakdown[kind] != nil }) {
            rows.append(("  " + kind, summaries.map { String($0.breakdown[kind] ?? 0) }))
        }
        rows.append(("hard rules broken", summaries.map { String($0.hardViolations) }))
        let groups = Set(summaries.flatMap { Array($0.uncoveredPeople.keys) + Array($0.overCoveredPeople.keys) }).sorted()
        for group in groups {
            rows.append(("short: \(group) (people/sessions)", summaries.map {
                "\($0.uncoveredPeople[group] ?? 0)/\($0.uncoveredSessions[group] ?? 0)"
            }))
        }
        for group in groups where summaries.contains(where: { $0.overCoveredPeople[group] != nil }) {
            rows.append(("extra: \(group) (people)", summaries.map { String($0.overCoveredPeople[group] ?? 0) }))
        }
        for role in Set(summaries.flatMap(\.hoursByRole.keys)).sorted() {
            rows.append(("paid/contract h: \(role)", summaries.map { summary in
                summary.hoursByRole[role].map { "\(number($0.paid))/\(number($0.contract))" } ?? "—"
            }))
        }
        rows.append(("overtime h", summaries.map { number($0.overtimeHours) }))
        rows.append(("calls per FTE (min–max)", summaries.map { spread($0.calls) }))
        rows.append(("weekend shifts per FTE", summaries.map { spread($0.weekends) }))
        rows.append(("night shifts per FTE", summaries.map { spread($0.nights) }))
        rows.append(("requests granted", summaries.map { "\($0.requestsGranted)/\($0.requests)" }))
        rows.append(("assignments changed vs base", summaries.map { String($0.differsFromBase) }))
        return rows
    }

    public static func text(_ summaries: [WhatIfSummary]) -> String {
        let rows = rows(summaries)
        let labelWidth = max(5, rows.map(\.0.count).max() ?? 0)
        let widths = summaries.indices.map { column in
            max(summaries[column].name.count, rows.map { $0.1[column].count }.max() ?? 0)
        }
        func line(_ label: String, _ values: [String]) -> String {
            (label.padding(toLength: labelWidth, withPad: " ", startingAt: 0) + "  "
                + values.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  "))
                .replacingOccurrences(of: #"\s+$"#, with: "", options: .regularExpression)
        }
        var lines = [line("", summaries.map(\.name))]
        lines += rows.map { line($0.0, $0.1) }
        let changed = summaries.dropFirst().filter { !$0.mostChanged.isEmpty }
        if !changed.isEmpty { lines.append("") }
        for summary in changed {
            lines.append("\(summary.name): most changed — " + summary.mostChanged.map { "\($0.staff) \($0.changes)" }.joined(separator: ", "))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func csv(_ summaries: [WhatIfSummary]) -> String {
        func escape(_ value: String) -> String {
            value.contains(where: { $0 == "," || $0 == "\"" }) ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
        }
        let lines = [(["metric"] + summaries.map(\.name)).map(escape).joined(separator: ",")]
            + rows(summaries).map { ([$0.0.trimmingCharacters(in: .whitespaces)] + $0.1).map(escape).joined(separator: ",") }
        return lines.joined(separator: "\n") + "\n"
    }
}
