/// Recomputes every hard rule and every penalty of a roster from the problem and the roster alone.
///
/// The evaluator shares no code with the solver's model: it is the independent check that the solver's
/// objective is the true cost of the roster it returns.
public struct Evaluator: Sendable {
    public let problem: RosterProblem

    public init(problem: RosterProblem) { self.problem = problem }

    public func evaluate(_ roster: Roster) -> Evaluation {
        var violations: [HardViolation] = []
        var valid: [Assignment] = []
        var seen = Set<Assignment>()
        for assignment in roster.assignments {
            guard problem.staff.indices.contains(assignment.staff), assignment.day >= 0,
                assignment.day < problem.dayCount, problem.shiftTypes.indices.contains(assignment.shift)
            else {
                violations.append(
                    HardViolation(
                        rule: .unknownReference, staff: nil, day: nil, shift: nil, amount: 1,
                        detail: "assignment \(assignment) is outside the problem"))
                continue
            }
            if !seen.insert(assignment).inserted {
                violations.append(
                    HardViolation(
                        rule: .duplicateAssignment, staff: assignment.staff, day: assignment.day,
                        shift: assignment.shift, amount: 1, detail: "assigned twice"))
                continue
            }
            valid.append(assignment)
        }
        let grid = Roster(valid).grid(staffCount: problem.staff.count, dayCount: problem.dayCount)
        for staff in problem.staff.indices {
            violations += personViolations(staff: staff, days: grid[staff])
            violations += clockViolations(staff: staff, days: grid[staff])
        }
        let assigned = Set(valid)
        for pin in Set(problem.pinned).sorted() where !assigned.contains(pin) {
            violations.append(
                HardViolation(
                    rule: .pinned, staff: pin.staff, day: pin.day, shift: pin.shift, amount: 1,
                    detail: "pinned \(shiftName(pin.shift)) is not in the roster"))
        }
        violations += coverViolations(assigned)
        violations += supervisionViolations(assigned)
        return Evaluation(hardViolations: violations, penalties: penalties(grid: grid, assigned: assigned))
    }

    private func shiftName(_ shift: Int) -> String { problem.shiftTypes[shift].id }

    // MARK: hard rules on the clock (overlap, rest, including the shifts before the horizon)

    private func clockViolations(staff: Int, days: [[Int]]) -> [HardViolation] {
        guard problem.hasClockTimes else { return [] }
        let member = problem.staff[staff]
        var worked: [(day: Int, shift: Int, interval: Range<Int>, past: Bool)] = []
        for past in member.history where problem.shiftTypes.indices.contains(past.shift) {
            if let interval = problem.shiftTypes[past.shift].interval(onDay: past.day) {
                worked.append((past.day, past.shift, interval, true))
            }
        }
        for (day, shifts) in days.enumerated() {
            for shift in shifts {
                if let interval = problem.shiftTypes[shift].interval(onDay: day) { worked.append((day, shift, interval, false)) }
            }
        }
        worked.sort { ($0.interval.lowerBound, $0.interval.upperBound) < ($1.interval.lowerBound, $1.interval.upperBound) }
        var found: [HardViolation] = []
        // Every later shift against every earlier one that is still close enough to matter.
        let window = problem.rest?.minutes ?? 0
        for (i, later) in worked.enumerated() where !later.past {
            for earlier in worked[..<i].reversed() where earlier.interval.upperBound + window > later.interval.lowerBound {
                let when = earlier.past ? "the shift before the roster starts" : "\(shiftName(earlier.shift)) on day \(earlier.day)"
                if earlier.interval.overlaps(later.interval) {
                    found.append(
                        HardViolation(
                            rule: .overlap, staff: staff, day: later.day, shift: later.shift,
                            amount: earlier.interval.upperBound - later.interval.lowerBound,
                            detail: "\(shiftName(later.shift)) overlaps \(when)"))
                } else if let rest = problem.rest, earlier.day != later.day,
                    !(rest.onCallExempt && (problem.shiftTypes[earlier.shift].isOnCall || problem.shiftTypes[later.shift].isOnCall))
                {
                    let gap = later.interval.lowerBound - earlier.interval.upperBound
                    if gap < rest.minutes {
                        found.append(
                            HardViolation(
                                rule: .rest, staff: staff, day: later.day, shift: later.shift, amount: rest.minutes - gap,
                                detail: "\(gap / 60)h\(gap % 60 == 0 ? "" : String(gap % 60)) rest after \(when), at least \(rest.minutes / 60)h"))
                    }
                }
            }
        }
        return found
    }

    // MARK: hard rules over several people (elastic in the model)

    private func coverViolations(_ assigned: Set<Assignment>) -> [HardViolation] {
        var found: [HardViolation] = []
        for (index, requirement) in problem.cover.enumerated() where requirement.hardMinimum > 0 || requirement.hardMaximum != nil {
            let count = countedPeople(requirement, assigned)
            let who = requirement.group ?? "people"
            if count < requirement.hardMinimum {
                found.append(
                    HardViolation(
                        rule: .coverMinimum, staff: nil, day: requirement.day, shift: requirement.shift,
                        amount: requirement.hardMinimum - count,
                        detail: "\(count) \(who) on \(problem.sessionName(of: requirement)), at least \(requirement.hardMinimum)", requirement: index,
                        weight: requirement.hardWeight))
            }
            if let maximum = requirement.hardMaximum, count > maximum {
                found.append(
                    HardViolation(
                        rule: .coverMaximum, staff: nil, day: requirement.day, shift: requirement.shift,
                        amount: count - maximum, detail: "\(count) \(who) on \(problem.sessionName(of: requirement)), at most \(maximum)",
                        requirement: index, weight: requirement.hardWeight))
            }
        }
        return found
    }

    private func countedPeople(_ requirement: CoverRequirement, _ assigned: Set<Assignment>) -> Int {
        requirement.count(in: assigned, staffCount: problem.staff.count)
    }

    private func supervisionViolations(_ assigned: Set<Assignment>) -> [HardViolation] {
        var found: [HardViolation] = []
        for (index, rule) in problem.supervision.enumerated() {
            for day in 0..<problem.dayCount {
                let working = rule.supervised.filter { assigned.contains(Assignment(staff: $0, day: day, shift: rule.shift)) }
                guard let first = working.first else { continue }
                let supervised = rule.supervisors.contains { person in
                    rule.supervisingShifts.contains { assigned.contains(Assignment(staff: person, day: day, shift: $0)) }
                }
                if !supervised {
                    found.append(
                        HardViolation(
                            rule: .supervision, staff: first, day: day, shift: rule.shift, amount: 1,
                            detail: "\(rule.label): nobody to supervise \(shiftName(rule.shift))", requirement: index,
                            weight: rule.hardWeight))
                }
            }
        }
        return found
    }

    // MARK: hard rules, one person at a time

    private func personViolations(staff: Int, days: [[Int]]) -> [HardViolation] {
        let member = problem.staff[staff]
        let limits = member.limits
        var found: [HardViolation] = []
        func add(_ rule: HardRule, day: Int?, shift: Int? = nil, amount: Int, _ detail: String) {
            // Contract minimums are the one rule of a person's own that a bend order may let give way.
            let weight = rule == .minPaidMinutes || rule == .minWindowMinutes ? problem.minimumMinuteWeight : nil
            found.append(
                HardViolation(rule: rule, staff: staff, day: day, shift: shift, amount: amount, detail: detail, weight: weight))
        }
        let forbidden = problem.forbiddenSuccessors
        var countByType = [Int](repeating: 0, count: problem.shiftTypes.count)
        var paid = 0
        for day in 0..<problem.dayCount {
            let shifts = days[day]
            if shifts.count > limits.maxShiftsPerDay {
                add(.maxShiftsPerDay, day: day, amount: shifts.count - limits.maxShiftsPerDay,
                    "\(shifts.count) shifts on one day, at most \(limits.maxShiftsPerDay)")
            }
            if problem.oneSitePerDay {
                var siteOf: [String: Int] = [:]
                for shift in shifts { if let site = problem.shiftTypes[shift].site, siteOf[site] == nil { siteOf[site] = shift } }
                if siteOf.count > 1 {
                    let worked = siteOf.sorted { $0.value < $1.value }.map { "\(problem.shiftTypes[$0.value].id) at \($0.key)" }
                    add(.oneSitePerDay, day: day, shift: shifts[0], amount: siteOf.count - 1, "works " + worked.joined(separator: " and "))
                }
            }
            if !shifts.isEmpty && member.daysOff.contains(day) {
                add(.dayOff, day: day, shift: shifts[0], amount: shifts.count, "works on a day off")
            }
            for shift in shifts {
                if let reason = member.blocked[DayShift(day: day, shift: shift)] {
                    add(.notPermitted, day: day, shift: shift, amount: 1, "\(problem.shiftTypes[shift].id): \(reason)")
                }
                if limits.maxShiftsByType[shift] == 0 {
                    add(.notPermitted, day: day, shift: shift, amount: 1, "\(problem.shiftTypes[shift].id) is not in their contract")
                }
            }
            for shift in shifts {
                countByType[shift] += 1
                paid += problem.shiftTypes[shift].paidMinutes
                if day + 1 < problem.dayCount {
                    for next in days[day + 1] where forbidden[shift].contains(next) {
                        add(.forbiddenSuccession, day: day, shift: shift, amount: 1,
                            "\(problem.shiftTypes[shift].id) then \(problem.shiftTypes[next].id) next day")
                    }
                }
            }
        }
        // Successions out of the last day before the horizon.
        for past in member.history where past.day == -1 && problem.shiftTypes.indices.contains(past.shift) && problem.dayCount > 0 {
            for next in days[0] where forbidden[past.shift].contains(next) {
                add(.forbiddenSuccession, day: 0, shift: next, amount: 1,
                    "\(problem.shiftTypes[past.shift].id) the day before the roster starts, then \(problem.shiftTypes[next].id)")
            }
        }
        for (shift, limit) in limits.maxShiftsByType.sorted(by: { $0.key < $1.key })
        where shift < countByType.count && countByType[shift] > limit {
            add(.maxShiftsOfType, day: nil, shift: shift, amount: countByType[shift] - limit,
                "\(countByType[shift]) \(problem.shiftTypes[shift].id) shifts, at most \(limit)")
        }
        if let minimum = limits.minPaidMinutes, paid < minimum {
            add(.minPaidMinutes, day: nil, amount: minimum - paid, "\(paid) paid minutes, at least \(minimum)")
        }
        if let maximum = limits.maxPaidMinutes, paid > maximum {
            add(.maxPaidMinutes, day: nil, amount: paid - maximum, "\(paid) paid minutes, at most \(maximum)")
        }

        for window in limits.minuteWindows {
            let minutes = window.days.clamped(to: 0...max(0, problem.dayCount - 1)).reduce(0) { sum, day in
                sum + days[day].reduce(0) { $0 + problem.shiftTypes[$1].paidMinutes }
            }
            if let minimum = window.minimum, minutes < minimum {
                add(.minWindowMinutes, day: window.days.lowerBound, amount: minimum - minutes,
                    "\(minutes) paid minutes in days \(window.days.lowerBound)–\(window.days.upperBound), at least \(minimum)")
            }
            if let maximum = window.maximum, minutes > maximum {
                add(.maxWindowMinutes, day: window.days.lowerBound, amount: minutes - maximum,
                    "\(minutes) paid minutes in days \(window.days.lowerBound)–\(window.days.upperBound), at most \(maximum)")
            }
        }

        // Runs of working days and days off, as (start, length, isWork), over the days the history covers
        // (`historyDays` before day 0, off unless a history shift starts on them) and the horizon.
        let known = problem.historyDays
        let pastDays = Set(member.history.map(\.day))
        var worked = (-known..<0).map { pastDays.contains($0) }
        worked += days.map { !$0.isEmpty }
        var runs: [(start: Int, length: Int, isWork: Bool)] = []
        for (index, works) in worked.enumerated() {
            if let last = runs.last, last.isWork == works {
                runs[runs.count - 1].length += 1
            } else {
                runs.append((index - known, 1, works))
            }
        }
        for run in runs {
            let end = run.start + run.length - 1
            // A run over before the day before the horizon is the history's business, not the roster's; one that
            // ends on that day ended because of day 0.
            guard end >= -1, problem.dayCount > 0 else { continue }
            let anchor = max(0, run.start)
            let before = run.start < 0 ? " (\(-run.start) of them before the roster starts)" : ""
            // Its first day is unknown when it reaches back to the first day the history covers (day 0
            // without history); its last, when it reaches the horizon's last day.
            let touchesStart = run.start == -known
            let touchesEnd = end == problem.dayCount - 1
            if run.isWork {
                let length = run.length + (known == 0 && run.start == 0 ? member.workedBefore : 0)
                if let maximum = limits.maxConsecutiveWorkingDays, length > maximum, end >= 0 {
                    add(.maxConsecutiveWorkingDays, day: anchor, amount: length - maximum,
                        "\(length) working days in a row\(before), at most \(maximum)")
                }
                if let minimum = limits.minConsecutiveWorkingDays, !touchesStart, !touchesEnd, run.length < minimum {
                    add(.minConsecutiveWorkingDays, day: anchor, amount: minimum - run.length,
                        "\(run.length) working days in a row\(before), at least \(minimum)")
                }
            } else if let minimum = limits.minConsecutiveDaysOff, !touchesStart, !touchesEnd, run.length < minimum {
                add(.minConsecutiveDaysOff, day: anchor, amount: minimum - run.length,
                    "\(run.length) days off in a row\(before), at least \(minimum)")
            }
        }
        // Runs of days with one shift type, the history's days included (a run over before day -1 is the
        // history's business).
        let earliest = member.history.map(\.day).min() ?? 0
        for (shift, limit) in limits.maxConsecutiveByType.sorted(by: { $0.key < $1.key }) where shift < problem.shiftTypes.count {
            var runStart = 0, runLength = 0
            for day in min(0, earliest)...max(-1, problem.dayCount - 1) {
                let has = day < 0 ? member.history.contains(PastShift(day: day, shift: shift)) : days[day].contains(shift)
                if has {
                    if runLength == 0 { runStart = day }
                    runLength += 1
                }
                let ends = !has || day == problem.dayCount - 1
                if ends && runLength > limit && day >= 0 && runStart + runLength - 1 >= 0 {
                    let before = runStart < 0 ? " (\(-runStart) of them before the roster starts)" : ""
                    add(.maxConsecutiveOfType, day: max(0, runStart), shift: shift, amount: runLength - limit,
                        "\(runLength) \(problem.shiftTypes[shift].id) days in a row\(before), at most \(limit)")
                }
                if !has { runLength = 0 }
            }
        }
        if let maximum = limits.maxWeekends {
            let workedWeekends = problem.weekends.filter { weekend in weekend.contains { worked[$0 + known] } }
            if workedWeekends.count > maximum {
                add(.maxWeekends, day: workedWeekends.first?.first, amount: workedWeekends.count - maximum,
                    "\(workedWeekends.count) weekends worked, at most \(maximum)")
            }
        }
        return found
    }

    // MARK: soft rules

    private func penalties(grid: [[[Int]]], assigned assignments: Set<Assignment>) -> [Penalty] {
        var result: [Penalty] = []
        var assignedCount: [Int: Int] = [:]  // key day * shiftCount + shift
        let shiftCount = problem.shiftTypes.count
        for staffDays in grid {
            for (day, shifts) in staffDays.enumerated() {
                for shift in shifts { assignedCount[day * shiftCount + shift, default: 0] += 1 }
            }
        }
        for (index, requirement) in problem.cover.enumerated() {
            let assigned = requirement.staff == nil
                ? requirement.cells.reduce(0) { $0 + (assignedCount[$1.day * shiftCount + $1.shift] ?? 0) }
                : countedPeople(requirement, assignments)
            if assigned < requirement.required, requirement.underWeight > 0 {
                result.append(
                    Penalty(
                        kind: .underCover, staff: nil, day: requirement.day, shift: requirement.shift,
                        units: requirement.required - assigned, weight: requirement.underWeight, rule: index,
                        detail: requirement.group.map { "\(assigned) \($0), \(requirement.required) needed" }))
            } else if assigned > requirement.required, requirement.overWeight > 0 {
                result.append(
                    Penalty(
                        kind: .overCover, staff: nil, day: requirement.day, shift: requirement.shift,
                        units: assigned - requirement.required, weight: requirement.overWeight, rule: index,
                        detail: requirement.group.map {
                            requirement.underWeight > 0 ? "\(assigned) \($0), \(requirement.required) wanted" : "\(assigned) \($0), at most \(requirement.required)"
                        }))
            }
        }
        for (index, rule) in problem.supportRatios.enumerated() where rule.weight > 0 {
            let (support, providers) = rule.counts(in: assignments)
            let short = rule.short(support: support, providers: providers)
            if short > 0 {
                result.append(
                    Penalty(
                        kind: .supportShort, staff: nil, day: rule.day, shift: rule.shift, units: short, weight: rule.weight, rule: index,
                        detail: "\(support) \(rule.group) for \(providers) \(rule.providerGroup) rostered, \(rule.needed(providers: providers)) needed"))
            }
        }
        func isAssigned(_ request: ShiftRequest) -> Bool {
            grid.indices.contains(request.staff) && request.day >= 0 && request.day < problem.dayCount
                && grid[request.staff][request.day].contains(request.shift)
        }
        for request in problem.shiftOnRequests where !isAssigned(request) && request.weight > 0 {
            result.append(
                Penalty(
                    kind: request.standing ? .usualShiftMissed : .shiftOnRequest, staff: request.staff, day: request.day, shift: request.shift, units: 1,
                    weight: request.weight))
        }
        for request in problem.shiftOffRequests where isAssigned(request) && request.weight > 0 {
            result.append(
                Penalty(
                    kind: request.standing ? .unusualShift : .shiftOffRequest, staff: request.staff, day: request.day, shift: request.shift, units: 1,
                    weight: request.weight))
        }
        func works(_ request: DayRequest) -> Bool {
            grid.indices.contains(request.staff) && request.day >= 0 && request.day < problem.dayCount
                && !grid[request.staff][request.day].isEmpty
        }
        for request in problem.dayOnRequests where !works(request) && request.weight > 0 {
            result.append(
                Penalty(kind: .dayOnRequest, staff: request.staff, day: request.day, shift: nil, units: 1, weight: request.weight))
        }
        for request in problem.dayOffRequests where works(request) && request.weight > 0 {
            result.append(
                Penalty(
                    kind: request.rotation ? .holidayAgain : .dayOffRequest, staff: request.staff, day: request.day, shift: nil, units: 1,
                    weight: request.weight, detail: request.rotation ? problem.holidays[request.day] : nil))
        }
        if let stability = problem.stability {
            for assignment in stability.reference.subtracting(assignments).sorted() where stability.weight(on: assignment.day) > 0 {
                result.append(
                    Penalty(
                        kind: .change, staff: assignment.staff, day: assignment.day, shift: assignment.shift, units: 1,
                        weight: stability.weight(on: assignment.day), detail: "published shift dropped"))
            }
            for assignment in assignments.subtracting(stability.reference).sorted() where stability.weight(on: assignment.day) > 0 {
                result.append(
                    Penalty(
                        kind: .change, staff: assignment.staff, day: assignment.day, shift: assignment.shift, units: 1,
                        weight: stability.weight(on: assignment.day), detail: "shift added to the published roster"))
            }
        }
        for (index, rule) in problem.fairness.enumerated() where rule.weight > 0 {
            let days = rule.days.map(Set.init)
            let shifts = Set(rule.shifts)
            var seen = Set<Int>()
            for share in rule.shares where grid.indices.contains(share.staff) && seen.insert(share.staff).inserted {
                var count = 0
                for (day, dayShifts) in grid[share.staff].enumerated() where days?.contains(day) ?? true {
                    count += dayShifts.count { shifts.contains($0) }
                }
                let units = max(0, count - share.high) + max(0, share.low - count)
                if units > 0 {
                    result.append(
                        Penalty(
                            kind: .fairness, staff: share.staff, day: nil, shift: nil, units: units, weight: rule.weight,
                            rule: index,
                            detail: "\(count) \(rule.name)\(share.earlier > 0 ? " (\(share.earlier) earlier in the period)" : ""), "
                                + "fair share \(share.low == share.high ? "\(share.low)" : "\(share.low)–\(share.high)")"))
                }
            }
        }
        return result
    }
}
