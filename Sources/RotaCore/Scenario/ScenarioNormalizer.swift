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
    public var isValid: Bool { !diagnostics.contains { $0.severity == .error } }
}

/// Resolves a ``Scenario``: ids to indices, dates to days, eligibility (role, skills, site, credentials and
/// their expiry), leave and unavailability to blocked cells, demand to cover, supervision and fairness to
/// explicit rules. Every reference is checked, and the common dead ends are caught before any solve.
public struct ScenarioNormalizer {
    public let scenario: Scenario
    private var reader: YAMLReader

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
    private mutating func index(_ ids: [Located<String>], what: String) -> [String: Int] {
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
    private mutating func resolve(_ reference: Located<String>, in known: [String: Int], what: String, context: String) -> Int? {
        if let index = known[reference.value] { return index }
        let suggestion = closest(to: reference.value, in: known.keys.sorted())
        reader.error(
            at: reference.location, "\(context) refers to \(what) `\(reference.value)` which is not defined",
            hint: suggestion.map { "did you mean `\($0)`?" } ?? (known.isEmpty ? "define it first" : "defined: " + known.keys.sorted().prefix(8).joined(separator: ", ")))
        return nil
    }

    private func day(_ date: CalendarDate) -> Int { scenario.start.days(to: date) }

    /// The day of `date`, or nil with a warning (it changes nothing) when it lies outside the horizon.
    private mutating func dayInHorizon(_ date: Located<CalendarDate>, what: String) -> Int? {
        let d = day(date.value)
        guard d >= 0 && d < scenario.dayCount else {
            reader.warning(at: date.location, "\(what) lies outside the horizon", hint: "it has no effect on this roster")
            return nil
        }
        return d
    }
    private func inHorizon(_ date: CalendarDate) -> Bool { (0..<scenario.dayCount).contains(day(date)) }

    /// `checkDeadEnds`: also run the pre-solve checks (only meaningful on a scenario without errors).
    public mutating func normalize(checkDeadEnds: Bool = true) -> NormalizedScenario {
        let s = scenario
        let dayCount = s.dayCount
        let siteIndex = index(s.sites.map(\.id), what: "site")
        let roleIndex = index(s.roles.map(\.id), what: "role")
        _ = index(s.groups.map(\.id), what: "group")  // reports duplicate group names
        let skillIndex = index(s.skills, what: "skill")
        let credentialIndex = index(s.credentials, what: "credential")
        let shiftIndex = index(s.shiftTypes.map(\.id), what: "shift type")
        let contractIndex = index(s.contracts.map(\.id), what: "contract")
        let staffIndex = index(s.staff.map(\.id), what: "staff member")
        for role in s.roles { for other in role.supervisedBy { _ = resolve(other, in: roleIndex, what: "role", context: "role `\(role.id.value)`") } }
        var groupRoles: [String: Set<String>] = [:]
        for group in s.groups {
            if roleIndex[group.id.value] != nil {
                reader.error(at: group.id.location, "group `\(group.id.value)` has the name of a role", hint: "give the group another name")
            }
            groupRoles[group.id.value] = Set(group.roles.compactMap { resolve($0, in: roleIndex, what: "role", context: "group `\(group.id.value)`") != nil ? $0.value : nil })
        }
        var holidays: [Int: String] = [:]
        for holiday in s.holidays where inHorizon(holiday.date.value) { holidays[day(holiday.date.value)] = holiday.name }

        // Shift types.
        var shiftTypes: [ShiftType] = []
        for spec in s.shiftTypes {
            if let site = spec.site { _ = resolve(site, in: siteIndex, what: "site", context: "shift type `\(spec.id.value)`") }
            for role in spec.roles ?? [] { _ = resolve(role, in: roleIndex, what: "role", context: "shift type `\(spec.id.value)`") }
            for skill in spec.skills { _ = resolve(skill, in: skillIndex, what: "skill", context: "shift type `\(spec.id.value)`") }
            for credential in spec.credentials { _ = resolve(credential, in: credentialIndex, what: "credential", context: "shift type `\(spec.id.value)`") }
            var shift = ShiftType(
                id: spec.id.value, lengthMinutes: spec.length, paidMinutes: spec.paid, start: spec.start, isOnCall: spec.onCall,
                site: spec.site?.value, name: spec.name)
            shift.symbol = spec.symbol
            if let symbol = spec.symbol, symbol.count > 2 {
                reader.warning(at: spec.id.location, "symbol `\(symbol)` is long; grids show one or two characters best")
            }
            shiftTypes.append(shift)
        }
        var successions: [ShiftSuccession] = []
        for (from, to) in s.forbiddenSuccessions {
            if let a = resolve(from, in: shiftIndex, what: "shift type", context: "forbidden succession"),
                let b = resolve(to, in: shiftIndex, what: "shift type", context: "forbidden succession")
            {
                successions.append(ShiftSuccession(from: a, to: b))
            }
        }

        // Who a `who:` names: a role, a group, a skill (`skill:x` or a bare skill id), or everyone.
        func members(_ who: Located<String>?, context: String) -> [Int]? {
            guard let who else { return nil }
            let name = who.value
            if ["all", "everyone", "anyone"].contains(name.lowercased()) { return nil }
            if roleIndex[name] != nil { return s.staff.indices.filter { s.staff[$0].role.value == name } }
            if let roles = groupRoles[name] { return s.staff.indices.filter { roles.contains(s.staff[$0].role.value) } }
            let skill = name.hasPrefix("skill:") ? String(name.dropFirst(6)).trimmingCharacters(in: .whitespaces) : name
            if skillIndex[skill] != nil { return s.staff.indices.filter { s.staff[$0].skills.contains { $0.value == skill } } }
            let known = Array(roleIndex.keys) + Array(groupRoles.keys) + Array(skillIndex.keys)
            let suggestion = closest(to: name, in: known)
            reader.error(at: who.location, "\(context) refers to `\(name)`, which is no role, group or skill",
                hint: suggestion.map { "did you mean `\($0)`?" } ?? "use a role, a group from `groups`, or `skill:NAME`")
            return []
        }

        // Approved leave is paid at the contract's rate: each contract day of it in the horizon takes a day's
        // share of the contract hours (and of a week's minimum) off what the person must and may work.
        let horizonDates = (0..<dayCount).map { s.start.adding(days: $0) }
        let holidayDates = Set(s.holidays.map(\.date.value))
        var leaveDays: [String: Set<Int>] = [:]
        for leave in s.leave {
            for offset in 0...max(0, leave.from.value.days(to: leave.to.value)) {
                let d = day(leave.from.value) + offset
                if d >= 0 && d < dayCount { leaveDays[leave.staff.value, default: []].insert(d) }
            }
        }

        // Staff.
        var staff: [StaffMember] = []
        for person in s.staff {
            let onLeave = leaveDays[person.id.value] ?? []
            var member = StaffMember(id: person.id.value)
            member.name = person.name
            member.role = person.role.value
            member.fte = person.fte
            _ = resolve(person.role, in: roleIndex, what: "role", context: "staff `\(person.id.value)`")
            for skill in person.skills { _ = resolve(skill, in: skillIndex, what: "skill", context: "staff `\(person.id.value)`") }
            for site in person.sites ?? [] { _ = resolve(site, in: siteIndex, what: "site", context: "staff `\(person.id.value)`") }
            for credential in person.credentials {
                _ = resolve(credential.kind, in: credentialIndex, what: "credential", context: "staff `\(person.id.value)`")
            }
            var limits = WorkLimits()
            limits.maxShiftsPerDay = 3
            if let reference = person.contract, let c = resolve(reference, in: contractIndex, what: "contract", context: "staff `\(person.id.value)`") {
                let contract = s.contracts[c]
                if let value = contract.maxShiftsPerDay { limits.maxShiftsPerDay = value }
                limits.maxConsecutiveWorkingDays = contract.maxConsecutiveDays
                limits.minConsecutiveWorkingDays = contract.minConsecutiveDays
                limits.minConsecutiveDaysOff = contract.minConsecutiveDaysOff
                limits.maxWeekends = contract.maxWeekends
                for (shift, count) in contract.maxShifts {
                    if let t = resolve(shift, in: shiftIndex, what: "shift type", context: "contract `\(contract.id.value)`") {
                        limits.maxShiftsByType[t] = count
                    }
                }
                // Contract hours: weekly hours × FTE / 5 for each contract day (Monday to Friday, not a public
                // holiday) not on approved leave (`ContractHours`).
                let leaveDates = Set(onLeave.map { s.start.adding(days: $0) })
                if let weekly = contract.weeklyHours {
                    let contractDays = ContractHours.contractDays(horizonDates, holidays: holidayDates, leave: leaveDates)
                    let minutes = ContractHours.minutes(weeklyHours: weekly, fte: person.fte, contractDays: contractDays)
                    member.contractMinutes = minutes
                    // With no contract day left in the horizon there are no contract hours to keep a range of.
                    if let range = contract.hoursRange, contractDays > 0 {
                        limits.minPaidMinutes = Int((Double(minutes) * range.low).rounded(.down))
                        limits.maxPaidMinutes = Int((Double(minutes) * range.high).rounded(.up))
                    }
                }
                // Calendar weeks (Monday to Sunday) inside the horizon. A maximum binds the days of a week inside
                // the horizon; a minimum binds weeks wholly inside it, in proportion to their open contract days.
                if contract.maxHoursPerWeek != nil || contract.minHoursPerWeek != nil {
                    var first = 0
                    while first < dayCount {
                        let last = min(dayCount - 1, first + (6 - s.start.adding(days: first).weekday))
                        let full = last - first == 6
                        let open = ContractHours.contractDays((first...last).map { s.start.adding(days: $0) }, holidays: holidayDates, leave: leaveDates)
                        limits.minuteWindows.append(
                            MinuteWindow(
                                days: first...last,
                                minimum: full ? contract.minHoursPerWeek.map { ContractHours.weeklyMinimum(minHoursPerWeek: $0, openContractDays: open) } : nil,
                                maximum: contract.maxHoursPerWeek.map { Int(($0 * 60).rounded()) }))
                        first = last + 1
                    }
                    limits.minuteWindows.removeAll { ($0.minimum ?? 0) == 0 && $0.maximum == nil }
                }
            }
            member.limits = limits
            staff.append(member)
        }

        let hasFullWeek = (0..<dayCount).contains { d in s.start.adding(days: d).weekday == 0 && d + 6 < dayCount }
        for contract in s.contracts where contract.minHoursPerWeek != nil && !hasFullWeek {
            reader.warning(
                at: contract.id.location, "contract `\(contract.id.value)`: `min_hours_per_week` binds calendar weeks (Monday to Sunday) wholly inside the horizon, and this horizon has none",
                hint: "use `hours_range` for a horizon shorter than a calendar week")
        }

        // Eligibility by role, skills, site and credentials; shift types that do not run on a day.
        var runs = [[Bool]](repeating: [Bool](repeating: true, count: dayCount), count: s.shiftTypes.count)
        for (t, spec) in s.shiftTypes.enumerated() {
            for (p, person) in s.staff.enumerated() {
                var reason: BlockReason?
                if let roles = spec.roles, !roles.contains(where: { $0.value == person.role.value }) {
                    reason = .role(person.role.value, shift: spec.id.value)
                } else if let missing = spec.skills.first(where: { skill in !person.skills.contains { $0.value == skill.value } }) {
                    reason = .missingSkill(missing.value)
                } else if let site = spec.site, let sites = person.sites, !sites.contains(where: { $0.value == site.value }) {
                    reason = .site(site.value)
                }
                if let reason {
                    for d in 0..<dayCount { staff[p].blocked[DayShift(day: d, shift: t)] = reason }
                    continue
                }
                for credential in spec.credentials {
                    guard let held = person.credentials.first(where: { $0.kind.value == credential.value }) else {
                        for d in 0..<dayCount { staff[p].blocked[DayShift(day: d, shift: t)] = .missingCredential(credential.value) }
                        break
                    }
                    // An expiry after the horizon blocks nothing; one before it blocks every day.
                    if let expires = held.expires, day(expires) < dayCount {
                        for d in max(0, day(expires))..<dayCount {
                            staff[p].blocked[DayShift(day: d, shift: t)] = .expiredCredential(credential.value, expires: expires)
                        }
                    }
                }
            }
            for d in 0..<dayCount {
                let date = s.start.adding(days: d)
                var closed: BlockReason?
                if spec.runsOnHolidays && holidays[d] != nil {
                    closed = nil
                } else if let weekdays = spec.weekdays, !weekdays.contains(date.weekday) {
                    closed = .notRunning(shift: spec.id.value, weekday: CalendarDate.weekdayNames[date.weekday])
                } else if spec.closedOnHolidays, let name = holidays[d] {
                    closed = .closedOnHoliday(shift: spec.id.value, holiday: name)
                }
                if let closed {
                    runs[t][d] = false
                    for p in staff.indices where staff[p].blocked[DayShift(day: d, shift: t)] == nil { staff[p].blocked[DayShift(day: d, shift: t)] = closed }
                }
            }
        }
        // Leave and unavailability.
        for leave in s.leave {
            guard let p = resolve(leave.staff, in: staffIndex, what: "staff member", context: "leave") else { continue }
            for offset in 0...max(0, leave.from.value.days(to: leave.to.value)) {
                let d = day(leave.from.value) + offset
                guard d >= 0 && d < dayCount else { continue }
                staff[p].daysOff.insert(d)
                staff[p].leave[d] = leave.kind
            }
            if !inHorizon(leave.from.value) && !inHorizon(leave.to.value) && !(day(leave.from.value) < 0 && day(leave.to.value) >= dayCount) {
                reader.warning(at: leave.location, "this leave lies outside the horizon", hint: "it has no effect on this roster")
            }
        }
        for entry in s.unavailability {
            guard let p = resolve(entry.staff, in: staffIndex, what: "staff member", context: "unavailability") else { continue }
            guard let d = dayInHorizon(entry.date, what: "this date") else { continue }
            let begin = d * 1440 + entry.from
            let blocked = begin..<(d * 1440 + (entry.to > entry.from ? entry.to : entry.to + 1440))
            for (t, shift) in shiftTypes.enumerated() {
                for start in max(0, d - 1)...d {
                    if let interval = shift.interval(onDay: start), interval.overlaps(blocked), staff[p].blocked[DayShift(day: start, shift: t)] == nil {
                        staff[p].blocked[DayShift(day: start, shift: t)] = .unavailable(from: entry.from, to: entry.to, date: entry.date.value)
                    }
                }
            }
        }

        // History before the horizon, and pins.
        for past in s.history {
            guard let p = resolve(past.staff, in: staffIndex, what: "staff member", context: "history"),
                let t = resolve(past.shift, in: shiftIndex, what: "shift type", context: "history")
            else { continue }
            let d = day(past.date.value)
            guard d < 0 else {
                reader.error(at: past.date.location, "history must be before the horizon starts (\(s.start))", hint: "use `pinned` for shifts inside the horizon")
                continue
            }
            staff[p].history.append(PastShift(day: d, shift: t))
        }
        // The history covers the days from its earliest date to the day before the start, for everyone.
        let historyDays = -(staff.flatMap(\.history).map(\.day).min() ?? 0)
        for p in staff.indices {
            let days = Set(staff[p].history.map(\.day))
            var run = 0
            while days.contains(-(run + 1)) { run += 1 }
            staff[p].workedBefore = run
            var off = 0
            while run == 0 && off < historyDays && !days.contains(-(off + 1)) { off += 1 }
            staff[p].offBefore = off
        }
        var pinned: [Assignment] = []
        for pin in s.pinned {
            guard let p = resolve(pin.staff, in: staffIndex, what: "staff member", context: "pinned"),
                let t = resolve(pin.shift, in: shiftIndex, what: "shift type", context: "pinned")
            else { continue }
            let d = day(pin.date.value)
            guard d >= 0 && d < dayCount else {
                reader.error(at: pin.date.location, "a pinned shift must lie inside the horizon", hint: "\(s.start) to \(s.start.adding(days: dayCount - 1))")
                continue
            }
            if let reason = staff[p].blocked[DayShift(day: d, shift: t)]?.description ?? (staff[p].daysOff.contains(d) ? "on leave" : nil) {
                reader.error(at: pin.staff.location, "\(pin.staff.value) is pinned to \(pin.shift.value) on \(pin.date.value), but \(reason)",
                    hint: "remove the pin or the conflict")
            }
            pinned.append(Assignment(staff: p, day: d, shift: t))
        }

        // Requests.
        var shiftOn: [ShiftRequest] = [], shiftOff: [ShiftRequest] = [], dayOn: [DayRequest] = [], dayOff: [DayRequest] = []
        for request in s.requests {
            guard let p = resolve(request.staff, in: staffIndex, what: "staff member", context: "request") else { continue }
            guard let d = dayInHorizon(request.date, what: "this request's date") else { continue }
            if let shift = request.shift {
                guard let t = resolve(shift, in: shiftIndex, what: "shift type", context: "request") else { continue }
                let item = ShiftRequest(staff: p, day: d, shift: t, weight: request.weight)
                if request.on { shiftOn.append(item) } else { shiftOff.append(item) }
                // A request for a shift the person may not take that day can only cost (on) or do nothing (off).
                if let reason = staff[p].blocked[DayShift(day: d, shift: t)]?.description ?? (staff[p].daysOff.contains(d) ? "on leave" : nil) {
                    reader.warning(
                        at: request.staff.location,
                        "\(request.staff.value) cannot work \(shift.value) on \(request.date.value) (\(reason)), so this request "
                            + (request.on ? "always costs its weight" : "does nothing"),
                        hint: "remove the request, or the reason")
                }
            } else {
                let item = DayRequest(staff: p, day: d, weight: request.weight)
                if request.on { dayOn.append(item) } else { dayOff.append(item) }
            }
        }

        // Cover from coverage lines and from demand.
        func days(_ selector: Scenario.DaySelector) -> [Int] {
            switch selector {
            case .everyDay: return Array(0..<dayCount)
            case .days(let weekdays, let onHolidays):
                return (0..<dayCount).filter { d in holidays[d] != nil ? onHolidays : weekdays.contains(s.start.adding(days: d).weekday) }
            case .dates(let dates): return dates.filter(inHorizon).map(day)
            }
        }
        var cover: [CoverRequirement] = []
        for line in s.coverage {
            guard let t = resolve(line.shift, in: shiftIndex, what: "shift type", context: "coverage") else { continue }
            let people = members(line.who, context: "coverage")
            // A line applies to the days it selects on which its shift type runs.
            let selected = days(line.days)
            let open = selected.filter { runs[t][$0] }
            for d in open {
                cover += Self.requirements(of: line, day: d, shift: t, people: people)
            }
            if case .dates(let dates) = line.days {
                for date in dates where inHorizon(date) && !runs[t][day(date)] {
                    reader.warning(at: line.location, "\(line.shift.value) does not run on \(date), so this line does not apply then",
                        hint: "remove the date, or let the shift type run then (`days`, `closed_on_holidays`)")
                }
            } else if !selected.isEmpty && open.isEmpty {
                reader.warning(at: line.location, "\(line.shift.value) runs on none of this line's days, so it never applies",
                    hint: "check `days`, or the shift type's `days` and `closed_on_holidays`")
            }
        }
        var derivations: [DemandDerivation] = []
        if let demand = s.demand {
            let providers = members(demand.providers, context: "demand.providers")
            let support = demand.support.map { (who: $0.who, ratio: $0.perProvider, people: members($0.who, context: "demand.support")) }
            var visits: [Int: [Int: Double]] = [:]  // day → shift → visits
            // Demand only ever applies to a session on a day it runs; a figure that can apply to none is reported.
            func runsOn(_ t: Int, _ d: Int) -> Bool { runs.indices.contains(t) && runs[t][d] }
            var demandSessions = Set<Int>()
            for session in demand.byWeekday {
                guard let t = resolve(session.shift, in: shiftIndex, what: "shift type", context: "demand.sessions") else { continue }
                demandSessions.insert(t)
                for (key, v) in session.visits.sorted(by: { $0.key < $1.key }) {
                    let matching = (0..<dayCount).filter { d in
                        holidays[d] != nil ? key == Scenario.Demand.holidays : key == s.start.adding(days: d).weekday
                    }
                    let open = matching.filter { runsOn(t, $0) }
                    for d in open { visits[d, default: [:]][t] = v }
                    if !matching.isEmpty && open.isEmpty && v > 0 {
                        let name = key == Scenario.Demand.holidays ? "public holidays" : CalendarDate.weekdayNames[key] + "s"
                        reader.warning(
                            at: session.shift.location, "demand for \(session.shift.value) on \(name) does nothing: \(session.shift.value) does not run then",
                            hint: "remove it, or let the shift type run then (`days`, `closed_on_holidays`)")
                    }
                }
            }
            for (date, shift, v) in demand.byDate {
                guard let t = resolve(shift, in: shiftIndex, what: "shift type", context: "demand file"), inHorizon(date) else { continue }
                demandSessions.insert(t)
                if runsOn(t, day(date)) {
                    visits[day(date), default: [:]][t] = v
                } else if v > 0 {
                    reader.warning(at: shift.location, "\(shift.value) does not run on \(date), so this demand does nothing",
                        hint: "remove the row, or let the shift type run then (`days`, `closed_on_holidays`)")
                }
            }
            for (d, byShift) in visits { for (t, v) in byShift { visits[d]![t] = v * demand.scale } }
            for adjustment in demand.adjustments {
                let sessions = adjustment.sessions.map { $0.compactMap { resolve($0, in: shiftIndex, what: "shift type", context: "demand.adjust") } }
                let selected = Set(days(adjustment.days)).filter { d in
                    let date = s.start.adding(days: d)
                    return adjustment.from.map { date >= $0 } ?? true && adjustment.to.map { date <= $0 } ?? true
                }
                var changed = 0
                for d in selected.sorted() {
                    // A replacement sets the visits of the sessions named (else of every demand session) that run
                    // that day, demand or not; a scale only changes the visits already there.
                    let shifts = adjustment.visits != nil
                        ? (sessions ?? demandSessions.sorted()).filter { runsOn($0, d) }
                        : (visits[d]?.keys.sorted() ?? []).filter { sessions?.contains($0) ?? true }
                    for t in shifts {
                        if let replacement = adjustment.visits {
                            visits[d, default: [:]][t] = replacement
                        } else if let scale = adjustment.scale, let current = visits[d]?[t] {
                            visits[d]![t] = current * scale
                        }
                        changed += 1
                    }
                }
                if changed == 0 {
                    let why = selected.isEmpty
                        ? "none of its days lies in the horizon"
                        : adjustment.visits != nil ? "none of its sessions runs on its days" : "none of its sessions has demand on its days"
                    reader.warning(at: adjustment.location, "this adjustment changes nothing: \(why)",
                        hint: adjustment.visits != nil ? "check `days`, `from`/`to` and `sessions`" : "use `visits:` to give demand to sessions without any")
                }
            }
            for d in visits.keys.sorted() {
                for t in visits[d]!.keys.sorted() {
                    let expected = visits[d]![t]!
                    let needed = Int((expected / demand.visitsPerProviderSession - 1e-9).rounded(.up))
                    guard needed > 0 else { continue }
                    cover.append(
                        CoverRequirement(
                            day: d, shift: t, required: needed, underWeight: demand.underWeight, overWeight: demand.overWeight,
                            staff: providers, group: demand.providers.value))
                    var supportCounts: [(String, Int)] = []
                    for entry in support {
                        let count = Int((Double(needed) * entry.ratio - 1e-9).rounded(.up))
                        supportCounts.append((entry.who.value, count))
                        if count > 0 {
                            cover.append(
                                CoverRequirement(
                                    day: d, shift: t, required: count, underWeight: demand.underWeight, overWeight: demand.overWeight,
                                    staff: entry.people, group: entry.who.value))
                        }
                    }
                    derivations.append(DemandDerivation(day: d, shift: t, visits: expected, providers: needed, support: supportCounts))
                }
            }
        }

        // Supervision: a role supervised by others needs one of them working at the same time that day: on a
        // shift at the same site, on an on-call shift, or (for a shift without a site) on any shift.
        var supervision: [SupervisionRule] = []
        for role in s.roles where !role.supervisedBy.isEmpty {
            let supervised = s.staff.indices.filter { s.staff[$0].role.value == role.id.value }
            let supervisorRoles = Set(role.supervisedBy.map(\.value))
            let supervisors = s.staff.indices.filter { supervisorRoles.contains(s.staff[$0].role.value) }
            guard !supervised.isEmpty else { continue }
            for (t, shift) in shiftTypes.enumerated() {
                guard let interval = shift.interval(onDay: 0), !shift.isOnCall else { continue }
                guard supervised.contains(where: { p in (0..<dayCount).contains { staff[p].blocked[DayShift(day: $0, shift: t)] == nil } }) else { continue }
                let covering = shiftTypes.indices.filter { other in
                    guard let span = shiftTypes[other].interval(onDay: 0), span.overlaps(interval) else { return false }
                    // A session at a site needs its supervisor at that site or on call; one without a site
                    // (telehealth) can be supervised from anywhere.
                    return shiftTypes[other].isOnCall || shift.site == nil || shiftTypes[other].site == shift.site
                }
                supervision.append(
                    SupervisionRule(
                        shift: t, supervised: supervised, supervisors: supervisors, supervisingShifts: covering,
                        label: "\(role.id.value) on \(shift.id) needs \(role.supervisedBy.map(\.value).joined(separator: " or ")) in the session or on call"))
            }
        }

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
        problem.historyDays = historyDays

        // Fairness: each member's share of the expected total, in proportion to FTE and days available.
        for rule in s.fairness {
            let shifts = rule.shifts.compactMap { resolve($0, in: shiftIndex, what: "shift type", context: "fairness `\(rule.name)`") }
            guard let people = members(rule.who, context: "fairness `\(rule.name)`") ?? Optional(Array(staff.indices)), !people.isEmpty else {
                reader.warning(at: rule.location, "fairness `\(rule.name)` counts nobody: no staff member is `\(rule.who.value)`",
                    hint: "name a role, group or skill that someone has")
                continue
            }
            let ruleDays: [Int]? = rule.days == .everyDay ? nil : days(rule.days)
            let daySet = ruleDays.map(Set.init)
            let memberSet = Set(people)
            let total = cover.reduce(0) { sum, requirement in
                guard shifts.contains(requirement.shift), daySet?.contains(requirement.day) ?? true,
                    requirement.staff.map({ !memberSet.isDisjoint(with: $0) }) ?? true
                else { return sum }
                return sum + requirement.wanted
            }
            let weights = people.map { p in (staff[p].fte ?? 1) * Double(dayCount - staff[p].leave.count) / Double(dayCount) }
            let weightSum = weights.reduce(0, +)
            guard weightSum > 0 else { continue }
            let shares = zip(people, weights).map { p, weight in
                let fair = Double(total) * weight / weightSum
                return FairShare(staff: p, low: Int((fair + 1e-9).rounded(.down)), high: Int((fair - 1e-9).rounded(.up)))
            }
            problem.fairness.append(FairnessRule(name: rule.name, shifts: shifts, days: ruleDays, weight: rule.weight, shares: shares))
        }

        if checkDeadEnds && reader.diagnostics.allSatisfy({ $0.severity != .error }) { deadEnds(problem) }
        return NormalizedScenario(problem: problem, demand: derivations, diagnostics: reader.diagnostics)
    }

    /// Pre-solve checks that need no solver: hard cover nobody can give, people whose contract minimum
    /// their open days cannot reach.
    private mutating func deadEnds(_ problem: RosterProblem) {
        for requirement in problem.cover where requirement.hardMinimum > 0 {
            let pool = requirement.people(staffCount: problem.staff.count)
            let candidates = pool.filter {
                problem.isPermitted(staff: $0, day: requirement.day, shift: requirement.shift)
            }
            guard candidates.count < requirement.hardMinimum else { continue }
            let date = problem.date(of: requirement.day).map(\.short) ?? "day \(requirement.day)"
            let who = requirement.group ?? "people"
            let line = scenario.coverage.first { $0.shift.value == problem.shiftTypes[requirement.shift].id && $0.who?.value == requirement.group }
            let reasons = Dictionary(grouping: pool.compactMap { p -> String? in
                problem.staff[p].leave[requirement.day] != nil ? "on leave" : problem.staff[p].blocked[DayShift(day: requirement.day, shift: requirement.shift)]?.description
            }, by: { $0 }).map { "\($0.value.count) \($0.key)" }.sorted()
            reader.error(
                at: line?.location ?? SourceLocation(line: 0, column: 0, path: "coverage"),
                "\(date) \(problem.shiftTypes[requirement.shift].id) needs \(requirement.hardMinimum) \(who); "
                    + (pool.isEmpty ? "there are no \(who)" : "only \(candidates.count) of \(pool.count) can work it (\(reasons.joined(separator: ", ")))"),
                hint: "move leave, add staff, or make this coverage soft (`hard: false`)")
        }
        for (p, member) in problem.staff.enumerated() {
            guard let minimum = member.limits.minPaidMinutes, minimum > 0 else { continue }
            let open = (0..<problem.dayCount).filter { d in problem.shiftTypes.indices.contains { problem.isPermitted(staff: p, day: d, shift: $0) } }
            let perDay = problem.shiftTypes.map(\.paidMinutes).sorted(by: >).prefix(member.limits.maxShiftsPerDay).reduce(0, +)
            if open.count * perDay < minimum, let person = scenario.staff.first(where: { $0.id.value == member.id }) {
                reader.error(
                    at: person.id.location,
                    "\(member.id) must be paid at least \(minimum / 60)h but can work only \(open.count) days",
                    hint: "lower the contract's hours_range or FTE, or shorten the leave")
            }
        }
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
