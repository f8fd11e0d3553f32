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
        }
        return Evaluation(hardViolations: violations, penalties: penalties(grid: grid))
    }

    // MARK: hard rules, one person at a time

    private func personViolations(staff: Int, days: [[Int]]) -> [HardViolation] {
        let member = problem.staff[staff]
        let limits = member.limits
        var found: [HardViolation] = []
        func add(_ rule: HardRule, day: Int?, shift: Int? = nil, amount: Int, _ detail: String) {
            found.append(HardViolation(rule: rule, staff: staff, day: day, shift: shift, amount: amount, detail: detail))
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
            if !shifts.isEmpty && member.daysOff.contains(day) {
                add(.dayOff, day: day, shift: shifts[0], amount: shifts.count, "works on a day off")
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

        // Runs of working days and days off, as (start, length, isWork).
        let worked = days.map { !$0.isEmpty }
        var runs: [(start: Int, length: Int, isWork: Bool)] = []
        for day in 0..<problem.dayCount {
            if let last = runs.last, last.isWork == worked[day] {
                runs[runs.count - 1].length += 1
            } else {
                runs.append((day, 1, worked[day]))
            }
        }
        for run in runs {
            let touchesStart = run.start == 0
            let touchesEnd = run.start + run.length == problem.dayCount
            if run.isWork {
                let length = run.length + (touchesStart ? member.workedBefore : 0)
                if let maximum = limits.maxConsecutiveWorkingDays, length > maximum {
                    add(.maxConsecutiveWorkingDays, day: run.start, amount: length - maximum,
                        "\(length) working days in a row, at most \(maximum)")
                }
                if let minimum = limits.minConsecutiveWorkingDays, !touchesStart, !touchesEnd, run.length < minimum {
                    add(.minConsecutiveWorkingDays, day: run.start, amount: minimum - run.length,
                        "\(run.length) working days in a row, at least \(minimum)")
                }
            } else if let minimum = limits.minConsecutiveDaysOff, !touchesStart, !touchesEnd, run.length < minimum {
                add(.minConsecutiveDaysOff, day: run.start, amount: minimum - run.length,
                    "\(run.length) days off in a row, at least \(minimum)")
            }
        }
        if let maximum = limits.maxWeekends {
            let workedWeekends = problem.weekends.filter { weekend in weekend.contains { worked[$0] } }
            if workedWeekends.count > maximum {
                add(.maxWeekends, day: workedWeekends.first?.first, amount: workedWeekends.count - maximum,
                    "\(workedWeekends.count) weekends worked, at most \(maximum)")
            }
        }
        return found
    }

    // MARK: soft rules

    private func penalties(grid: [[[Int]]]) -> [Penalty] {
        var result: [Penalty] = []
        var assignedCount: [Int: Int] = [:]  // key day * shiftCount + shift
        let shiftCount = problem.shiftTypes.count
        for staffDays in grid {
            for (day, shifts) in staffDays.enumerated() {
                for shift in shifts { assignedCount[day * shiftCount + shift, default: 0] += 1 }
            }
        }
        for requirement in problem.cover {
            let assigned = assignedCount[requirement.day * shiftCount + requirement.shift] ?? 0
            if assigned < requirement.required, requirement.underWeight > 0 {
                result.append(
                    Penalty(
                        kind: .underCover, staff: nil, day: requirement.day, shift: requirement.shift,
                        units: requirement.required - assigned, weight: requirement.underWeight))
            } else if assigned > requirement.required, requirement.overWeight > 0 {
                result.append(
                    Penalty(
                        kind: .overCover, staff: nil, day: requirement.day, shift: requirement.shift,
                        units: assigned - requirement.required, weight: requirement.overWeight))
            }
        }
        func isAssigned(_ request: ShiftRequest) -> Bool {
            grid.indices.contains(request.staff) && request.day >= 0 && request.day < problem.dayCount
                && grid[request.staff][request.day].contains(request.shift)
        }
        for request in problem.shiftOnRequests where !isAssigned(request) && request.weight > 0 {
            result.append(
                Penalty(
                    kind: .shiftOnRequest, staff: request.staff, day: request.day, shift: request.shift, units: 1,
                    weight: request.weight))
        }
        for request in problem.shiftOffRequests where isAssigned(request) && request.weight > 0 {
            result.append(
                Penalty(
                    kind: .shiftOffRequest, staff: request.staff, day: request.day, shift: request.shift, units: 1,
                    weight: request.weight))
        }
        return result
    }
}
