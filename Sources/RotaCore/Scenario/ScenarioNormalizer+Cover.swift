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

    /// Standing weeks as requests marked `standing`: on every date but a public holiday, each usual shift the
    /// person may work that day is an on request, and each other shift they may work an off request, of the
    /// week's weight. A shift they cannot work (leave, eligibility, a day it does not run) costs nothing.
    mutating func resolveStandingWeeks() {
        var seen = Set<Int>()
        for week in s.standingWeeks {
            guard let p = resolve(week.staff, in: staffIndex, what: "staff member", context: "standing week") else { continue }
            if !seen.insert(p).inserted {
                reader.error(at: week.staff.location, "\(week.staff.value) has a second standing week", hint: "give each person one standing week")
                continue
            }
            var usual: [Int: Set<Int>] = [:]
            for (weekday, shifts) in week.shifts {
                usual[weekday] = Set(shifts.compactMap { resolve($0, in: shiftIndex, what: "shift type", context: "standing week") })
            }
            guard week.weight > 0 else { continue }
            for d in 0..<dayCount where holidays[d] == nil && !staff[p].daysOff.contains(d) {
                let expected = usual[s.start.adding(days: d).weekday] ?? []
                for t in shiftTypes.indices where runs[t][d] && staff[p].blocked[DayShift(day: d, shift: t)] == nil {
                    let request = ShiftRequest(staff: p, day: d, shift: t, weight: week.weight, standing: true)
                    if expected.contains(t) { shiftOn.append(request) } else { shiftOff.append(request) }
                }
            }
        }
    }

    /// Cover requirements from the coverage lines.
    mutating func resolveCoverage() {
        // Cover from coverage lines and from demand.
        cover = []
        for line in s.coverage {
            guard let t = resolve(line.shift, in: shiftIndex, what: "shift type", context: "coverage") else { continue }
            let people = members(line.who, context: "coverage")
            // A line applies to the days it selects on which its shift type runs.
            let selected = days(line.days)
            let open = selected.filter { runs[t][$0] }
            // A skill whose credential expires counts only up to the expiry (`skill_credentials`).
            let skills = line.who.map { skillsNamed(in: $0.value) } ?? []
            let expiring = skills.filter { skill in s.skillCredentials.contains { $0.skill.value == skill } }
            for d in open {
                let present = expiring.isEmpty ? people : people?.filter { p in expiring.allSatisfy { skillHolds($0, person: p, day: d) } }
                cover += Self.requirements(of: line, day: d, shift: t, people: present)
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
        switch selector {
        case .everyDay: return Array(0..<dayCount)
        case .days(let weekdays, let onHolidays):
            return (0..<dayCount).filter { d in holidays[d] != nil ? onHolidays : weekdays.contains(s.start.adding(days: d).weekday) }
        case .dates(let dates): return dates.filter(inHorizon).map(day)
        }
    }
}
