import Foundation

/// Requests, coverage lines and who they count, and day selectors.
extension ScenarioNormalizer {
    /// Shift and whole-day requests.
    mutating func resolveRequests() {
        // Requests.
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
    }

    /// The holiday rotation: whoever worked a public holiday last year (`worked_last_year`) is kept off it this
    /// year at the holiday's `rotation_weight`, as a day-off wish marked `rotation`.
    mutating func resolveHolidayRotation() {
        for holiday in s.holidays where !holiday.workedLastYear.isEmpty {
            let people = holiday.workedLastYear.compactMap { resolve($0, in: staffIndex, what: "staff member", context: "holiday `\(holiday.name)`") }
            guard inHorizon(holiday.date.value), holiday.rotationWeight > 0 else { continue }
            for p in Set(people).sorted() {
                dayOff.append(DayRequest(staff: p, day: day(holiday.date.value), weight: holiday.rotationWeight, rotation: true))
            }
        }
    }

    /// Standing weeks as requests marked `standing`: on every date but a public holiday, each usual shift the
    /// person may work that day is an on request, and each other shift the week speaks for that they may work
    /// an off request, of the week's weight. A shift they cannot work (leave, eligibility, a day it does not
    /// run) costs nothing. By default a week speaks for the shift types not on call and the on-call types it
    /// lists: call is usually a rotation of its own, not part of anyone's usual week.
    mutating func resolveStandingWeeks() {
        var seen = Set<Int>()
        for week in s.standingWeeks {
            guard let p = resolve(week.staff, in: staffIndex, what: "staff member", context: "standing week") else { continue }
            if !seen.insert(p).inserted {
                reader.error(at: week.staff.location, "\(week.staff.value) has a second standing week", hint: "give each person one standing week")
                continue
            }
            var usual: [Int: Set<Int>] = [:]
            for (weekday, shifts) in week.shifts.sorted(by: { $0.key < $1.key }) {
                usual[weekday] = Set(shifts.compactMap { resolve($0, in: shiftIndex, what: "shift type", context: "standing week") })
                // A usual shift that never runs on its weekday in the horizon can never be worked there.
                let dates = (0..<dayCount).filter { s.start.adding(days: $0).weekday == weekday && holidays[$0] == nil }
                for name in shifts {
                    guard let t = shiftIndex[name.value], !dates.isEmpty, !dates.contains(where: { runs[t][$0] }) else { continue }
                    reader.warning(at: name.location,
                        "\(name.value) does not run on \(CalendarDate.weekdayPlurals[weekday]), so it is never a usual shift then",
                        hint: "list it on a weekday it runs, or let it run then (`days`)")
                }
            }
            let listed = usual.values.reduce(into: Set<Int>()) { $0.formUnion($1) }
            let governed: Set<Int>
            if let names = week.governed {
                governed = Set(names.compactMap { resolve($0, in: shiftIndex, what: "shift type", context: "standing week `shifts`") })
                let outside = week.shifts.sorted { $0.key < $1.key }.flatMap(\.value).filter { name in
                    shiftIndex[name.value].map { !governed.contains($0) } ?? false
                }
                if let first = outside.first {
                    reader.error(at: first.location, "\(first.value) is a usual shift of \(week.staff.value)'s standing week but not in its `shifts`",
                        hint: "add \(first.value) to `shifts`, or leave `shifts` out")
                    continue
                }
            } else {
                governed = Set(shiftTypes.indices.filter { !shiftTypes[$0].isOnCall }).union(listed)
            }
            guard week.weight > 0 else { continue }
            for d in 0..<dayCount where holidays[d] == nil && !staff[p].daysOff.contains(d) {
                let expected = usual[s.start.adding(days: d).weekday] ?? []
                for t in shiftTypes.indices where governed.contains(t) && runs[t][d] && staff[p].blocked[DayShift(day: d, shift: t)] == nil {
                    let request = ShiftRequest(staff: p, day: d, shift: t, weight: week.weight, standing: true)
                    if expected.contains(t) { shiftOn.append(request) } else { shiftOff.append(request) }
                }
            }
        }
    }

    /// Cover requirements from the coverage lines.
    mutating func resolveCoverage() {
        cover = []
        for line in s.coverage {
            let counted = line.shifts.compactMap { resolve($0, in: shiftIndex, what: "shift type", context: "coverage") }
            guard counted.count == line.shifts.count else { continue }
            if let twice = line.shifts.first(where: { shift in line.shifts.filter { $0.value == shift.value }.count > 1 }) {
                reader.error(at: twice.location, "\(twice.value) is listed twice in `shifts`", hint: "list each shift type once")
                continue
            }
            let people = members(line.who, context: "coverage")
            // A skill whose credential expires counts only up to the expiry (`skill_credentials`).
            let skills = line.who.map { skillsNamed(in: $0.value) } ?? []
            let expiring = skills.filter { skill in s.skillCredentials.contains { $0.skill.value == skill } }
            // A line applies to the days it selects on which one of its shift types runs.
            let selected = days(line.days)
            var presentOn: [Int: [Int]] = [:]
            if !expiring.isEmpty, let people {
                for d in selected { presentOn[d] = people.filter { p in expiring.allSatisfy { skillHolds($0, person: p, day: d) } } }
            }
            let present = { (d: Int) -> [Int]? in presentOn[d] ?? people }
            if let hours = line.hours {
                resolveHourCover(line, hours: hours, listed: counted, selected: selected, present: present)
                continue
            }
            let label = line.shifts.count > 1 ? line.shifts.map(\.value).joined(separator: " or ") : nil
            let open = selected.filter { d in counted.contains { runs[$0][d] } }
            for d in open {
                let running = counted.filter { runs[$0][d] }
                for var requirement in Self.requirements(of: line, day: d, shift: running[0], people: present(d)) {
                    requirement.alsoCounted = running.dropFirst().map { DayShift(day: d, shift: $0) }
                    requirement.label = label
                    cover.append(requirement)
                }
            }
            let name = label ?? line.shifts[0].value
            let (it, runsWord) = line.shifts.count > 1 ? ("none of them runs", "run") : ("it does not run", "runs")
            if case .dates(let dates) = line.days {
                for date in dates where inHorizon(date) && !counted.contains(where: { runs[$0][day(date)] }) {
                    reader.warning(at: line.location, "\(name): \(it) on \(date), so this line does not apply then",
                        hint: "remove the date, or let the shift type run then (`days`, `closed_on_holidays`)")
                }
            } else if !selected.isEmpty && open.isEmpty {
                reader.warning(at: line.location, "\(name) \(runsWord) on none of this line's days, so it never applies",
                    hint: "check `days`, or the shift type's `days` and `closed_on_holidays`")
            }
        }
    }

    /// Cover by the hour: on each selected day, the hours `from`–`to` cut at every start and end of a counted
    /// shift, each stretch needing the line's people among those whose shift covers all of it (a shift of the
    /// day before or after included). A stretch no counted shift covers that day is closed: it needs nobody.
    /// Adjacent stretches covered by the same shifts are one requirement.
    private mutating func resolveHourCover(
        _ line: Scenario.Coverage, hours: Scenario.ClockSpan, listed: [Int], selected: [Int], present: (Int) -> [Int]?
    ) {
        var site: String?
        if let named = line.site {
            guard resolve(named, in: siteIndex, what: "site", context: "coverage") != nil else { return }
            site = named.value
        }
        let counted = line.shifts.isEmpty
            ? shiftTypes.indices.filter { !shiftTypes[$0].isOnCall && (site == nil || shiftTypes[$0].site == site) }
            : listed.filter { site == nil || shiftTypes[$0].site == site }
        if counted.isEmpty {
            reader.error(at: line.location, "no shift type counts on this line" + (site.map { ": none is at \($0)" + (line.shifts.isEmpty ? " and not on call" : "") } ?? ""),
                hint: "name the shift types in `shifts`, or check `site`")
            return
        }
        var applied = false
        for d in selected {
            let window = (d * 1440 + hours.from)..<(d * 1440 + hours.from + hours.length)
            var cells: [(cell: DayShift, clock: Range<Int>)] = []
            for near in max(0, d - 1)...min(dayCount - 1, d + 1) {
                for t in counted where runs[t][near] {
                    if let clock = shiftTypes[t].interval(onDay: near), clock.overlaps(window) {
                        cells.append((DayShift(day: near, shift: t), clock))
                    }
                }
            }
            var cuts = Set([window.lowerBound, window.upperBound])
            for (_, clock) in cells {
                for edge in [clock.lowerBound, clock.upperBound] where window.contains(edge) { cuts.insert(edge) }
            }
            let edges = cuts.sorted()
            // (cells, from, to) of the stretches, merged where the same shifts cover them.
            var stretches: [(cells: [DayShift], from: Int, to: Int)] = []
            for (from, to) in zip(edges, edges.dropFirst()) {
                let covering = cells.filter { $0.clock.lowerBound <= from && $0.clock.upperBound >= to }.map(\.cell)
                    .sorted { ($0.day == d ? 0 : 1, $0.day, $0.shift) < ($1.day == d ? 0 : 1, $1.day, $1.shift) }
                guard !covering.isEmpty else { continue }
                if let last = stretches.last, last.cells == covering, last.to == from {
                    stretches[stretches.count - 1].to = to
                } else {
                    stretches.append((covering, from, to))
                }
            }
            for stretch in stretches {
                applied = true
                let label = (site.map { "\($0) " } ?? "") + ClockTime.text(stretch.from) + "–" + ClockTime.text(stretch.to, isEnd: true)
                for var requirement in Self.requirements(of: line, day: stretch.cells[0].day, shift: stretch.cells[0].shift, people: present(d)) {
                    requirement.alsoCounted = Array(stretch.cells.dropFirst())
                    requirement.label = label
                    cover.append(requirement)
                }
            }
        }
        if !selected.isEmpty && !applied {
            reader.warning(at: line.location, "no counted shift type runs in these hours on this line's days, so it never applies",
                hint: "check `from`, `to`, `days`, `site` and `shifts`")
        }
    }

    /// Who a `who:` names: a role, a group, a skill (`skill:x` or a bare skill id), or everyone (nil); several
    /// joined by `+` name the people all of them name (`rn+skill:xray`: RNs with the X-ray skill).
    mutating func members(_ who: Located<String>?, context: String) -> [Int]? {
        guard let who else { return nil }
        let name = who.value
        if ["all", "everyone", "anyone"].contains(name.lowercased()) { return nil }
        let parts = whoParts(name)
        if parts.count > 1 {
            var people: Set<Int>?
            for term in parts {
                guard !term.isEmpty else {
                    reader.error(at: who.location, "\(context) has an empty part in `\(name)`",
                        hint: "join roles, groups and skills with `+`, e.g. `rn+skill:xray`")
                    return []
                }
                guard let named = members(Located(term, at: who.location), context: context) else { continue }
                people = people.map { $0.intersection(named) } ?? Set(named)
            }
            return people.map { $0.sorted() }
        }
        if roleIndex[name] != nil { return s.staff.indices.filter { s.staff[$0].role.value == name } }
        if let roles = groupRoles[name] { return s.staff.indices.filter { roles.contains(s.staff[$0].role.value) } }
        let skill = Self.skillId(name)
        if skillIndex[skill] != nil { return s.staff.indices.filter { s.staff[$0].skills.contains { $0.value == skill } } }
        let known = Array(roleIndex.keys) + Array(groupRoles.keys) + Array(skillIndex.keys)
        let suggestion = closest(to: name, in: known)
        reader.error(at: who.location, "\(context) refers to `\(name)`, which is no role, group or skill",
            hint: suggestion.map { "did you mean `\($0)`?" } ?? "use a role, a group from `groups`, or `skill:NAME`, or join them with `+`")
        return []
    }

    /// The parts of a `who:`, trimmed: the whole name when it is an id itself or has no `+`, else the terms
    /// between the `+` signs (an empty one included, for the error).
    func whoParts(_ name: String) -> [String] {
        guard name.contains("+"), roleIndex[name] == nil, groupRoles[name] == nil, skillIndex[name] == nil else { return [name] }
        return name.split(separator: "+", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// A skill term's id: `skill:xray` and `xray` both name `xray`.
    static func skillId(_ term: String) -> String {
        term.hasPrefix("skill:") ? String(term.dropFirst(6)).trimmingCharacters(in: .whitespaces) : term
    }

    /// The skills a `who:` names (`skill:x` parts, and bare parts that are skills rather than roles or groups).
    func skillsNamed(in who: String) -> [String] {
        whoParts(who).compactMap { part in
            part.hasPrefix("skill:") || (roleIndex[part] == nil && groupRoles[part] == nil) ? Self.skillId(part) : nil
        }
    }

    /// The days of the horizon a day selector selects.
    func days(_ selector: Scenario.DaySelector) -> [Int] {
        // A list of dates keeps its order (and any date named twice), as the lines reading it expect.
        if case .dates(let dates) = selector { return dates.filter(inHorizon).map(day) }
        return (0..<dayCount).filter { d in selector.selects(s.start.adding(days: d), isHoliday: holidays[d] != nil) }
    }
}
