import RotaCore

/// One person's own hard rules, checked on a whole schedule of day patterns, as the model states them:
/// clashes between days, counts per shift type, paid minutes over the horizon and in windows, longest
/// runs (with the days worked before the horizon), shortest runs of work and of days off (across day 0 where
/// the history says how they began, never the run that reaches the last day), and weekends. Eligibility, pins and same-day limits are the day patterns' business.
struct PersonRules {
    let limits: WorkLimits
    private let dayCount: Int
    let workedBefore: Int
    let offBefore: Int
    let historyDays: Int
    let weekendOfDay: [Int]
    private let weekendCount: Int
    let maxByType: [Int]
    private let windows: [(first: Int, last: Int, minimum: Int?, maximum: Int?)]
    /// Whether the contract minimums may give way (a bend order prices them): then ``isFeasible`` leaves
    /// them to ``minutesShort(_:minutes:)``.
    let minimumsAreElastic: Bool
    /// Runs of one shift type: the shift, the longest run, and the run right before day 0.
    private let typeRuns: [(shift: Int, maximum: Int, before: Int)]

    init(problem: RosterProblem, staff: Int) {
        let member = problem.staff[staff]
        limits = member.limits
        dayCount = problem.dayCount
        workedBefore = member.workedBefore
        offBefore = member.offBefore
        historyDays = problem.historyDays
        weekendOfDay = problem.weekendOfDay
        weekendCount = problem.weekends.count
        maxByType = problem.shiftTypes.indices.map { member.limits.maxShiftsByType[$0] ?? Int.max }
        minimumsAreElastic = problem.minimumMinuteWeight != nil
        typeRuns = member.limits.maxConsecutiveByType.sorted { $0.key < $1.key }.map { ($0.key, $0.value, member.runBefore(of: $0.key)) }
        windows = member.limits.minuteWindows.compactMap { window in
            let first = max(0, window.days.lowerBound), last = min(problem.dayCount - 1, window.days.upperBound)
            return first <= last ? (first, last, window.minimum, window.maximum) : nil
        }
    }

    /// Whether `schedule` (a pattern index per day, -1 for off) meets every rule above. Pattern k's shifts
    /// are `patternShifts[patternStart[k]..<patternStart[k + 1]]` and its paid minutes `minutes[k]`;
    /// `clash[(j * patterns + a) * patterns + b]` says whether patterns a and b may not be j days apart
    /// (j up to `reach`). Flat tables and no allocation: the local search asks this for every move it takes.
    func isFeasible(
        _ schedule: [Int], patternShifts: [Int], patternStart: [Int], minutes: [Int], clash: [Bool], reach: Int
    ) -> Bool {
        let patternCount = minutes.count
        let typeCount = maxByType.count
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: max(1, typeCount)) { countByType in
            countByType.initialize(repeating: 0)
            var paid = 0
            var weekends = 0
            var lastWeekend = -1
            var runStart = 0
            var working = false
            for d in 0..<dayCount {
                let k = schedule[d]
                let works = k >= 0
                if works {
                    if reach > 0 {
                        for back in 1...reach where d - back >= 0 {
                            let earlier = schedule[d - back]
                            if earlier >= 0 && clash[(back * patternCount + earlier) * patternCount + k] { return false }
                        }
                    }
                    paid += minutes[k]
                    for index in patternStart[k]..<patternStart[k + 1] {
                        let shift = patternShifts[index]
                        countByType[shift] += 1
                        if countByType[shift] > maxByType[shift] { return false }
                    }
                    let weekend = weekendOfDay[d]
                    if weekend >= 0 && weekend != lastWeekend {
                        weekends += 1
                        lastWeekend = weekend
                    }
                }
                if d == 0 {
                    working = works
                    runStart = 0
                    // A run of the history that day 0 ends is judged whole when it began inside the history.
                    if historyDays > 0 && works != (workedBefore > 0) {
                        let prior = workedBefore > 0 ? workedBefore : offBefore
                        if prior < historyDays && !lengthAllowed(working: !works, length: prior) { return false }
                    }
                } else if works != working {
                    // The run that ended yesterday: [runStart, d - 1].
                    if !runAllowed(working: working, start: runStart, end: d - 1) { return false }
                    working = works
                    runStart = d
                }
                if working, let maximum = limits.maxConsecutiveWorkingDays {
                    let length = d - runStart + 1 + (runStart == 0 ? workedBefore : 0)
                    if length > maximum { return false }
                }
            }
            if !typeRuns.isEmpty && !typeRunsAllowed(schedule, patternShifts: patternShifts, patternStart: patternStart) { return false }
            if let maximum = limits.maxPaidMinutes, paid > maximum { return false }
            if let minimum = limits.minPaidMinutes, paid < minimum, !minimumsAreElastic { return false }
            if let maximum = limits.maxWeekends, weekends > maximum { return false }
            for window in windows where window.minimum != nil || window.maximum != nil {
                var total = 0
                for d in window.first...window.last where schedule[d] >= 0 { total += minutes[schedule[d]] }
                if let minimum = window.minimum, total < minimum, !minimumsAreElastic { return false }
                if let maximum = window.maximum, total > maximum { return false }
            }
            return true
        }
    }

    /// Whether no run of days with one shift type is longer than its limit, counting the history's run.
    private func typeRunsAllowed(_ schedule: [Int], patternShifts: [Int], patternStart: [Int]) -> Bool {
        for run in typeRuns {
            var length = run.before
            for d in 0..<dayCount {
                let k = schedule[d]
                if k >= 0 && patternShifts[patternStart[k]..<patternStart[k + 1]].contains(run.shift) {
                    length += 1
                    if length > run.maximum { return false }
                } else {
                    length = 0
                }
            }
        }
        return true
    }

    /// Minutes `schedule` falls short of the contract minimums, over the horizon and in each window (what the
    /// model's `minShort` and `winShort` hold).
    func minutesShort(_ schedule: [Int], minutes: [Int]) -> Int {
        var short = 0
        if let minimum = limits.minPaidMinutes {
            var paid = 0
            for d in 0..<dayCount where schedule[d] >= 0 { paid += minutes[schedule[d]] }
            short += max(0, minimum - paid)
        }
        for window in windows {
            guard let minimum = window.minimum else { continue }
            var total = 0
            for d in window.first...window.last where schedule[d] >= 0 { total += minutes[schedule[d]] }
            short += max(0, minimum - total)
        }
        return short
    }

    /// Shortest runs bind every run that ends before the horizon's last day, except one that starts on day 0
    /// when its first day is unknown: without history, or reaching back to the history's first day.
    private func runAllowed(working: Bool, start: Int, end: Int) -> Bool {
        guard end <= dayCount - 2 else { return true }
        var length = end - start + 1
        if start == 0 {
            guard historyDays > 0 else { return true }
            let prior = working ? workedBefore : offBefore
            if prior >= historyDays { return true }
            length += prior
        }
        return lengthAllowed(working: working, length: length)
    }

    private func lengthAllowed(working: Bool, length: Int) -> Bool {
        length >= (working ? limits.minConsecutiveWorkingDays ?? 1 : limits.minConsecutiveDaysOff ?? 1)
    }
}

extension RosterProblem {
    /// For each day of the horizon, the index of the weekend it belongs to, or -1.
    var weekendOfDay: [Int] {
        var weekendOfDay = [Int](repeating: -1, count: dayCount)
        for (k, days) in weekends.enumerated() { for d in days where d >= 0 && d < dayCount { weekendOfDay[d] = k } }
        return weekendOfDay
    }
}

extension PersonRules {
    /// Whether ``CheapestSchedule`` states all of these rules (it leaves minute windows and runs of one shift
    /// type to this type's check).
    var arePlannedExactly: Bool { windows.isEmpty && typeRuns.isEmpty }
}
