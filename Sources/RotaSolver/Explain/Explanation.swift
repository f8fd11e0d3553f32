import Foundation
public import RotaCore

/// A collision in a manager's words: which rules, for whom and when, the arithmetic where there is a simple
/// count, and what would resolve it.
public struct Explanation: Sendable, Hashable, Codable {
    /// One rule of the collision, or a fact that shapes it (leave, eligibility).
    public struct Part: Sendable, Hashable, Codable {
        /// `cover`, `supervision`, `contract`, `pin`, `rest`, `succession`, `fact`.
        public var kind: String
        public var text: String
        /// The scenario key to change, when there is one (`coverage`, `contracts[physician].max_shifts`).
        public var key: String?
    }

    /// One sentence: what cannot happen.
    public var summary: String
    public var parts: [Part]
    /// A count that shows the collision, when the rules are of a simple kind (`31 needed, 28 possible`).
    public var arithmetic: String?
    /// Changes any one of which would resolve it.
    public var resolutions: [String]
    /// Whether dropping any one rule of it was proven to let the rest hold.
    public var isMinimal: Bool
    /// `glpk` (the set proven infeasible on its own) or `count` (the arithmetic proves it).
    public var proof: String = "glpk"
    /// The rule instances, for tools.
    public var rules: [String]

    /// The explanation as indented lines for a terminal.
    public var text: String {
        var lines = [summary]
        for part in parts { lines.append("  - " + part.text) }
        if let arithmetic { lines.append("  " + arithmetic) }
        if !resolutions.isEmpty { lines.append("  To resolve it, any one of: " + resolutions.joined(separator: "; ") + ".") }
        if proof == "count" {
            lines.append("  (Proven by the count; every session of the shift is listed, though fewer would do.)")
        } else if !isMinimal {
            lines.append("  (Not proven minimal in the work given: some of these may not be needed.)")
        }
        return lines.joined(separator: "\n")
    }
}

extension Explanation {
    /// Writes `collision` of `problem` (with `scenario` for the contract and line names, when there is one).
    public init(_ collision: CollisionFinder.Collision, problem: RosterProblem, scenario: Scenario? = nil) {
        let writer = ExplanationWriter(problem: problem, scenario: scenario)
        self = writer.explain(collision)
    }
}

/// Turns rule instances into sentences.
struct ExplanationWriter {
    let problem: RosterProblem
    let scenario: Scenario?

    func day(_ d: Int) -> String { problem.date(of: d)?.short ?? "day \(d)" }

    /// Consecutive days as ranges: `Mon 4 – Sat 9 Jan, Mon 11 Jan`.
    func days(_ list: [Int]) -> String {
        var ranges: [(Int, Int)] = []
        for d in Set(list).sorted() {
            if let last = ranges.last, last.1 + 1 == d { ranges[ranges.count - 1].1 = d } else { ranges.append((d, d)) }
        }
        return ranges.map { $0.0 == $0.1 ? day($0.0) : "\(day($0.0)) – \(day($0.1))" }.joined(separator: ", ")
    }

    func hours(_ minutes: Int) -> String {
        minutes % 60 == 0 ? "\(minutes / 60) h" : String(format: "%.1f h", Double(minutes) / 60)
    }

    func contract(of staff: Int) -> String? {
        guard let scenario, let person = scenario.staff.first(where: { $0.id.value == problem.staff[staff].id }) else { return nil }
        return person.contract?.value
    }

    func explain(_ collision: CollisionFinder.Collision) -> Explanation {
        var parts: [Explanation.Part] = []
        var resolutions: [String] = []
        let rules = collision.rules
        // Cover rules grouped by shift and group.
        let floors = rules.compactMap { rule -> Int? in if case .coverFloor(let r) = rule { r } else { nil } }
        let caps = rules.compactMap { rule -> Int? in if case .coverCap(let r) = rule { r } else { nil } }
        var coverGroups: [String: [Int]] = [:]
        for r in floors { coverGroups["\(problem.sessionName(of: problem.cover[r])) \(problem.cover[r].group ?? "")", default: []].append(r) }
        for (_, requirements) in coverGroups.sorted(by: { $0.key < $1.key }) {
            let first = problem.cover[requirements[0]]
            let shift = problem.sessionName(of: first), group = first.group ?? "staff"
            let needed = requirements.reduce(0) { $0 + problem.cover[$1].hardMinimum }
            let per = Set(requirements.map { problem.cover[$0].hardMinimum })
            parts.append(.init(
                kind: "cover",
                text: "\(requirements.count) \(shift) session\(requirements.count == 1 ? "" : "s") (\(days(requirements.map { problem.cover[$0].day }))) "
                    + "need\(requirements.count == 1 ? "s" : "") at least \(per.count == 1 ? "\(per.first!)" : "\(needed) in all") \(group)",
                key: "coverage"))
            resolutions.append("make \(shift) cover of \(group) soft (`hard: false`) or lower its `min`")
            resolutions.append("add someone who can work \(shift) as \(group)")
        }
        for r in caps {
            let requirement = problem.cover[r]
            parts.append(.init(
                kind: "cover",
                text: "\(day(requirement.day)) \(problem.sessionName(of: requirement)) takes at most \(requirement.hardMaximum ?? 0) \(requirement.group ?? "staff")",
                key: "coverage"))
            resolutions.append(
                "raise the `max` of \(problem.sessionName(of: requirement)) cover of \(requirement.group ?? "staff") or make it soft (`hard: false`)")
        }
        for rule in rules {
            guard case .supervision(let k) = rule else { continue }
            parts.append(.init(kind: "supervision", text: problem.supervision[k].label, key: "roles"))
            resolutions.append("rota a supervisor with every \(problem.shiftTypes[problem.supervision[k].shift].id) session, or remove `supervised_by`")
        }
        var capacity: (shift: Int, total: Int, people: [String])?
        for rule in rules {
            guard let staff = rule.staff else { continue }
            let member = problem.staff[staff], limits = member.limits
            let via = contract(of: staff).map { " (contract `\($0)`" } ?? " ("
            func part(_ text: String, _ key: String) {
                parts.append(.init(kind: "contract", text: "\(member.id) \(text)\(via)\(via == " (" ? "" : ", ")`\(key)`)", key: key))
            }
            switch rule {
            case .maxShiftsOfType(_, let t):
                let limit = limits.maxShiftsByType[t] ?? 0
                part("may take at most \(limit) \(problem.shiftTypes[t].id)", "max_shifts")
                if capacity == nil || capacity?.shift == t {
                    capacity = (t, (capacity?.total ?? 0) + limit, (capacity?.people ?? []) + [member.id])
                }
                resolutions.append("raise \(member.id)'s \(problem.shiftTypes[t].id) cap (`max_shifts`)")
            case .maxConsecutiveDays:
                part("may work at most \(limits.maxConsecutiveWorkingDays ?? 0) days in a row", "max_consecutive_days")
                resolutions.append("raise `max_consecutive_days` for \(member.id)")
            case .minConsecutiveDays:
                part("works runs of at least \(limits.minConsecutiveWorkingDays ?? 0) days", "min_consecutive_days")
                resolutions.append("lower `min_consecutive_days` for \(member.id)")
            case .minConsecutiveDaysOff:
                part("has runs of at least \(limits.minConsecutiveDaysOff ?? 0) days off", "min_consecutive_days_off")
                resolutions.append("lower `min_consecutive_days_off` for \(member.id)")
            case .maxWeekends:
                part("may work at most \(limits.maxWeekends ?? 0) weekends", "max_weekends")
                resolutions.append("raise `max_weekends` for \(member.id)")
            case .minPaidMinutes:
                part("must be paid at least \(hours(limits.minPaidMinutes ?? 0))", "hours_range")
                resolutions.append("lower the low end of \(member.id)'s `hours_range`")
            case .maxPaidMinutes:
                part("may be paid at most \(hours(limits.maxPaidMinutes ?? 0))", "hours_range")
                resolutions.append("raise the high end of \(member.id)'s `hours_range`")
            case .maxShiftsPerDay:
                part("may work at most \(limits.maxShiftsPerDay) shifts a day", "max_shifts_per_day")
            case .weeklyMinutes(_, let w):
                let window = limits.minuteWindows[w]
                let range = days(Array(window.days))
                if let minimum = window.minimum {
                    part("must be paid at least \(hours(minimum)) in the week \(range)", "min_hours_per_week")
                    let onLeave = window.days.contains { member.leave[$0] != nil }
                    resolutions.append("lower `min_hours_per_week` for \(member.id)" + (onLeave ? ", or shorten their leave that week" : ""))
                } else if let maximum = window.maximum {
                    part("may be paid at most \(hours(maximum)) in the week \(range)", "max_hours_per_week")
                }
            case .pin(let assignment):
                parts.append(.init(
                    kind: "pin", text: "\(member.id) is pinned to \(problem.shiftTypes[assignment.shift].id) on \(day(assignment.day))", key: "pinned"))
                resolutions.append("remove the pin of \(member.id) on \(day(assignment.day))")
            default:
                break
            }
        }
        if rules.contains(.rest), let rest = problem.rest {
            parts.append(.init(kind: "rest", text: "everyone rests at least \(hours(rest.minutes)) between working days", key: "rest"))
        }
        if rules.contains(.forbiddenSuccessions) {
            parts.append(.init(kind: "succession", text: "the forbidden successions", key: "forbidden_successions"))
        }
        // Floors at two sites on one day meet one site a day, which every check keeps: name it.
        if problem.oneSitePerDay {
            let sitesByDay = Dictionary(grouping: floors, by: { problem.cover[$0].day })
                .mapValues { Set($0.compactMap { problem.shiftTypes[problem.cover[$0].shift].site }) }
            if sitesByDay.values.contains(where: { $0.count > 1 }) {
                parts.append(.init(kind: "fact", text: "nobody works at two sites on one day (`one_site_per_day`)", key: "one_site_per_day"))
                resolutions.append("let people work at two sites a day (`one_site_per_day: false`)")
            }
        }
        // The people the cover counts who hold no rule of the collision cannot work those sessions: say why.
        let holders = Set(rules.compactMap(\.staff))
        var unable: [String: [String]] = [:]
        for r in floors {
            let requirement = problem.cover[r]
            for person in requirement.people(staffCount: problem.staff.count) where !holders.contains(person) {
                let member = problem.staff[person]
                // Unable only when no cell of the requirement is open to them.
                let reasons = requirement.cells.map { member.leave[$0.day].map { $0 == "leave" ? "on leave" : "on \($0) leave" } ?? member.blocked[$0]?.description }
                let why = reasons.contains(nil) ? nil : reasons[0]
                if let why { unable[member.id, default: []].append(why) }
            }
        }
        for (person, reasons) in unable.sorted(by: { $0.key < $1.key }) {
            let distinct = Array(Set(reasons)).sorted()
            parts.append(.init(kind: "fact", text: "\(person) cannot work these sessions (\(distinct.prefix(3).joined(separator: "; ")))", key: nil))
        }
        // A simple count: every session of one shift and group against the caps of the people who could take
        // them (the collision needs only enough sessions to exceed the caps; the count covers them all).
        var arithmetic: String?
        if let capacity, coverGroups.count == 1, let requirements = coverGroups.values.first,
            problem.cover[requirements[0]].shift == capacity.shift, problem.cover[requirements[0]].alsoCounted.isEmpty
        {
            let group = problem.cover[requirements[0]].group
            let all = problem.cover.filter { $0.shift == capacity.shift && $0.group == group && $0.hardMinimum > 0 && $0.alsoCounted.isEmpty }
            let needed = all.reduce(0) { $0 + $1.hardMinimum }
            let shift = problem.shiftTypes[capacity.shift].id
            if needed > capacity.total {
                let short = needed - capacity.total
                arithmetic = "\(all.count) \(shift) sessions (\(days(all.map(\.day)))) need \(needed); "
                    + "\(capacity.people.joined(separator: ", ")) may take \(capacity.total) in all: \(short) cannot be covered."
                let caps = capacity.people.compactMap { id in problem.staff.first { $0.id == id }?.limits.maxShiftsByType[capacity.shift] }
                resolutions.removeAll { $0.hasPrefix("raise ") && $0.contains("cap (`max_shifts`)") }
                if let smallest = caps.min() {
                    resolutions.insert("raise one person's \(shift) cap (`max_shifts`) by \(short), e.g. \(smallest) to \(smallest + short)", at: 0)
                }
            }
        }
        let who = Set(coverGroups.values.flatMap { $0 }.map { problem.cover[$0].group ?? "staff" }).sorted().joined(separator: " and ")
        let summary = floors.isEmpty
            ? "These hard rules cannot all hold together:"
            : "The \(who) cover below cannot all be met within these rules:"
        return Explanation(
            summary: summary, parts: parts, arithmetic: arithmetic, resolutions: Array(NSOrderedSet(array: resolutions).array as? [String] ?? resolutions).prefix(6).map { $0 },
            isMinimal: collision.isMinimal, proof: collision.proof.rawValue, rules: rules.map { "\($0)" })
    }
}
