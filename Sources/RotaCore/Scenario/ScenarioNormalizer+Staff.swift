import Foundation

/// People: their contracts (contract hours, weekly windows, limits), eligibility by role, skills, site and credentials, which days each shift type runs, leave and unavailability, history and pins.
extension ScenarioNormalizer {
    /// The days of approved leave each person has in the horizon.
    mutating func countLeave() {
        // Approved leave is paid at the contract's rate: each contract day of it in the horizon takes a day's
        // share of the contract hours (and of a week's minimum) off what the person must and may work.
        horizonDates = (0..<dayCount).map { s.start.adding(days: $0) }
        holidayDates = Set(s.holidays.map(\.date.value))
        leaveDays = [:]
        for leave in s.leave {
            for offset in 0...max(0, leave.from.value.days(to: leave.to.value)) {
                let d = day(leave.from.value) + offset
                if d >= 0 && d < dayCount { leaveDays[leave.staff.value, default: []].insert(d) }
            }
        }
    }

    /// Each person with the hard rules of their contract.
    mutating func resolveStaff() {
        // Staff.
        staff = []
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
                for (shift, count) in contract.maxConsecutiveByType {
                    if let t = resolve(shift, in: shiftIndex, what: "shift type", context: "contract `\(contract.id.value)`") {
                        limits.maxConsecutiveByType[t] = count
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
    }

    /// The credentials a shift type needs of `person`: its own, those of the person's role (or a group of
    /// it) in `role_credentials`, and those its skills need (`skill_credentials`).
    func credentialsNeeded(of spec: Scenario.ShiftTypeSpec, by person: Scenario.Person) -> [Located<String>] {
        var needed = spec.credentials
        for entry in spec.roleCredentials
        where entry.who.value == person.role.value || groupRoles[entry.who.value]?.contains(person.role.value) == true {
            needed += entry.credentials
        }
        for skill in spec.skills {
            needed += s.skillCredentials.filter { $0.skill.value == skill.value }.flatMap(\.credentials)
        }
        var seen = Set<String>()
        return needed.filter { seen.insert($0.value).inserted }
    }

    /// Whether `person`'s `skill` counts on `day`: they hold it, and every credential `skill_credentials` asks
    /// of it, not expired by that day.
    func skillHolds(_ skill: String, person: Int, day: Int) -> Bool {
        let holder = s.staff[person]
        guard holder.skills.contains(where: { $0.value == skill }) else { return false }
        for credential in s.skillCredentials.filter({ $0.skill.value == skill }).flatMap(\.credentials) {
            guard let held = holder.credentials.first(where: { $0.kind.value == credential.value }) else { return false }
            if let expires = held.expires, self.day(expires) <= day { return false }
        }
        return true
    }

    /// Cells closed by role, skills, site and credentials, and by the days shift types do not run.
    mutating func resolveEligibility() {
        // Eligibility by role, skills, site and credentials; shift types that do not run on a day.
        runs = [[Bool]](repeating: [Bool](repeating: true, count: dayCount), count: s.shiftTypes.count)
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
                for credential in credentialsNeeded(of: spec, by: person) {
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
    }

    /// Leave blocks whole days; unavailability blocks the shifts overlapping its hours.
    mutating func applyLeave() {
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
    }

    /// Shifts before the horizon (and the runs they leave), and pinned shifts.
    mutating func resolveHistoryAndPins() {
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
        historyDays = -(staff.flatMap(\.history).map(\.day).min() ?? 0)
        for p in staff.indices {
            let days = Set(staff[p].history.map(\.day))
            var run = 0
            while days.contains(-(run + 1)) { run += 1 }
            staff[p].workedBefore = run
            var off = 0
            while run == 0 && off < historyDays && !days.contains(-(off + 1)) { off += 1 }
            staff[p].offBefore = off
        }
        pinned = []
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
    }
}
