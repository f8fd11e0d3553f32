public import RotaCore

/// Builds a roster that meets every hard rule, quickly and without a solver, to be GLPK's first incumbent.
///
/// Every hard rule of the rule set binds one person at a time, so people are scheduled one after another:
/// a depth-first search over that person's days chooses, day by day, off or a shift, preferring what the
/// cover still lacks and what the person asked for, and backtracks when a rule would break. Minimum
/// paid minutes are kept reachable by an upper bound on what the remaining days can still add.
public struct ConstructiveHeuristic: Sendable {
    public let problem: RosterProblem
    public var seed: UInt64
    /// Search nodes per person and attempt before trying again with a different tie-break.
    public var nodeLimit = 200_000
    public var attempts = 8
    /// Past this instant nobody else is tried; they are returned as unscheduled.
    public var deadline: ContinuousClock.Instant?

    public init(problem: RosterProblem, seed: UInt64 = 1) {
        self.problem = problem
        self.seed = seed
    }

    /// The roster, and the people for whom no schedule meeting their hard rules was found (left empty).
    public struct Result: Sendable {
        public var roster: Roster
        public var unscheduled: [Int]
    }

    public func build() -> Result {
        var construction = Construction(heuristic: self)
        // The most constrained people first: fewest permitted days for the minutes they must reach.
        for staff in problem.staff.indices.sorted(by: { tightness($0) > tightness($1) }) {
            construction.schedule(staff)
        }
        construction.repair()
        return construction.result
    }

    private func tightness(_ staff: Int) -> Double {
        let member = problem.staff[staff]
        let free = Double(max(1, problem.dayCount - member.daysOff.count))
        return Double(member.limits.minPaidMinutes ?? 0) / free + Double(problem.pinned.count { $0.staff == staff })
    }
}

/// One run of the heuristic: the schedules so far and what they leave the cover lacking, which every
/// person's search is pulled towards.
private struct Construction {
    let heuristic: ConstructiveHeuristic
    let problem: RosterProblem
    let clashes: ClashTable
    let shiftCount: Int
    /// Requirements by (day, shift) flattened, and the people each counts (nil: everyone).
    let requirementsAt: [[Int]]
    let members: [Set<Int>?]
    /// Request gains by (staff, day, shift) and by (staff, day), flattened.
    let requestGain: [Int: Int]
    let offGains: [[Int]]
    /// People each requirement counts who may work it.
    let eligibleFor: [[Int]]
    /// Cover floors and ceilings span people; the search sees them as strong preferences.
    let hardPull = 10_000
    var rng: SplitMix64
    /// People each requirement has so far.
    var counted: [Int]
    /// How many people not yet scheduled could still fill each requirement: a shortfall few can fill (a
    /// holiday weekend when most are on leave) pulls harder than one anybody can.
    var eligibleLeft: [Int]
    var schedules: [[[Int]]?]
    /// One-person searches the repair has spent.
    var searches = 0

    init(heuristic: ConstructiveHeuristic) {
        self.heuristic = heuristic
        let problem = heuristic.problem
        self.problem = problem
        rng = SplitMix64(seed: heuristic.seed)
        let shiftCount = problem.shiftTypes.count
        self.shiftCount = shiftCount
        let clashes = ClashTable(problem: problem)
        self.clashes = clashes
        var requirementsAt = [[Int]](repeating: [], count: problem.dayCount * shiftCount)
        for (index, requirement) in problem.cover.enumerated() {
            for cell in requirement.cells { requirementsAt[cell.day * shiftCount + cell.shift].append(index) }
        }
        self.requirementsAt = requirementsAt
        let members = problem.cover.map { $0.staff.map(Set.init) }
        self.members = members
        counted = [Int](repeating: 0, count: problem.cover.count)
        var requestGain = [Int: Int]()
        func requestKey(_ s: Int, _ d: Int, _ t: Int) -> Int { (s * problem.dayCount + d) * shiftCount + t }
        for request in problem.shiftOnRequests { requestGain[requestKey(request.staff, request.day, request.shift), default: 0] += request.weight }
        for request in problem.shiftOffRequests { requestGain[requestKey(request.staff, request.day, request.shift), default: 0] -= request.weight }
        self.requestGain = requestGain
        var dayGain = [Int: Int]()
        for request in problem.dayOnRequests { dayGain[request.staff * problem.dayCount + request.day, default: 0] += request.weight }
        for request in problem.dayOffRequests { dayGain[request.staff * problem.dayCount + request.day, default: 0] -= request.weight }
        offGains = problem.staff.indices.map { staff in (0..<problem.dayCount).map { -(dayGain[staff * problem.dayCount + $0] ?? 0) } }
        var eligibleLeft = [Int](repeating: 0, count: problem.cover.count)
        var eligibleFor = [[Int]](repeating: [], count: problem.staff.count)
        for (r, requirement) in problem.cover.enumerated() {
            for staff in problem.staff.indices where members[r]?.contains(staff) ?? true
                && requirement.cells.contains(where: { clashes.permits(staff: staff, day: $0.day, shift: $0.shift) })
            {
                eligibleLeft[r] += 1
                eligibleFor[staff].append(r)
            }
        }
        self.eligibleLeft = eligibleLeft
        self.eligibleFor = eligibleFor
        schedules = [[[Int]]?](repeating: nil, count: problem.staff.count)
    }

    private func scarcity(_ r: Int, below level: Int) -> Double {
        Double(max(0, level - counted[r])) / Double(max(1, eligibleLeft[r]))
    }

    /// Each day's gain of each shift for `staff`, from the cover still lacking, the hard floors and caps, and
    /// their requests; `bonus` adds to one cell (the repair uses it for a floor left short).
    private mutating func gains(for staff: Int, noise: Int, bonus: (day: Int, shift: Int, gain: Int)? = nil) -> [[Int]] {
        var gains = [[Int]](repeating: [Int](repeating: 0, count: shiftCount), count: problem.dayCount)
        for day in 0..<problem.dayCount {
            for shift in 0..<shiftCount {
                var gain = 0
                for r in requirementsAt[day * shiftCount + shift] where members[r]?.contains(staff) ?? true {
                    let requirement = problem.cover[r]
                    gain += counted[r] < requirement.required
                        ? Int(Double(requirement.underWeight) * (1 + 3 * scarcity(r, below: requirement.required)))
                        : -requirement.overWeight
                    if counted[r] < requirement.hardMinimum {
                        gain += Int(Double(hardPull) * (1 + 3 * scarcity(r, below: requirement.hardMinimum)))
                    }
                    if let cap = requirement.hardMaximum, counted[r] >= cap { gain -= hardPull }
                }
                gain += requestGain[(staff * problem.dayCount + day) * shiftCount + shift] ?? 0
                if noise > 0 { gain += Int(rng.next() % UInt64(4 * noise + 1)) - 2 * noise }
                gains[day][shift] = gain
            }
        }
        if let bonus { gains[bonus.day][bonus.shift] += bonus.gain }
        return gains
    }

    private mutating func count(_ schedule: [[Int]], of staff: Int, sign: Int) {
        for (day, shifts) in schedule.enumerated() {
            for shift in shifts {
                for r in requirementsAt[day * shiftCount + shift] where members[r]?.contains(staff) ?? true { counted[r] += sign }
            }
        }
    }

    /// Schedules `staff` within their hard rules, if a search finds a way within its attempts. Even attempts
    /// spread the person's work over their best days; odd ones take days as they come, which finds a
    /// schedule more easily where the hard rules are tight. Noise grows every second attempt.
    mutating func schedule(_ staff: Int) {
        for attempt in 0..<heuristic.attempts {
            if let deadline = heuristic.deadline, ContinuousClock.now >= deadline { break }
            var search = PersonSearch(
                problem: problem, clashes: clashes, staff: staff, gains: gains(for: staff, noise: attempt / 2),
                offGains: offGains[staff], nodeLimit: heuristic.nodeLimit, spread: attempt % 2 == 0)
            if let schedule = search.run() {
                schedules[staff] = schedule
                break
            }
        }
        for r in eligibleFor[staff] { eligibleLeft[r] -= 1 }
        if let schedule = schedules[staff] { count(schedule, of: staff, sign: 1) }
    }

    private func hardBreaches() -> Int {
        problem.cover.indices.reduce(0) { total, r in
            let requirement = problem.cover[r]
            return total + max(0, requirement.hardMinimum - counted[r]) + max(0, counted[r] - (requirement.hardMaximum ?? Int.max))
        }
    }

    private func isShort(_ r: Int) -> Bool { counted[r] < problem.cover[r].hardMinimum }

    /// People scheduled early can take a hard floor that nobody left could fill. For a floor still short,
    /// re-schedule an eligible person with that cell pulling hard; if that leaves another floor of theirs
    /// short, re-schedule someone else for it in turn (an ejection chain). A chain is kept when the floors
    /// and caps are broken less in total.
    mutating func repair() {
        for r in problem.cover.indices where isShort(r) {
            if let deadline = heuristic.deadline, ContinuousClock.now >= deadline { break }
            while isShort(r) && fill(r, below: hardBreaches(), depth: 2, moved: []) {}
        }
    }

    private mutating func fill(_ r: Int, below target: Int, depth: Int, moved: Set<Int>) -> Bool {
        let requirement = problem.cover[r]
        for staff in problem.staff.indices where !moved.contains(staff) && searches < 2_000 {
            guard members[r]?.contains(staff) ?? true, let current = schedules[staff],
                let cell = requirement.cells.first(where: {
                    clashes.permits(staff: staff, day: $0.day, shift: $0.shift) && !current[$0.day].contains($0.shift)
                })
            else { continue }
            count(current, of: staff, sign: -1)
            searches += 1
            var search = PersonSearch(
                problem: problem, clashes: clashes, staff: staff,
                gains: gains(for: staff, noise: 0, bonus: (cell.day, cell.shift, 4 * hardPull)),
                offGains: offGains[staff], nodeLimit: heuristic.nodeLimit / 20, spread: false)
            if let candidate = search.run(), candidate[cell.day].contains(cell.shift) {
                count(candidate, of: staff, sign: 1)
                schedules[staff] = candidate
                if hardBreaches() < target { return true }
                if depth > 0 {
                    // The floors this person left, now short: someone else may take them.
                    let left = current.enumerated().flatMap { day, shifts in
                        shifts.filter { !candidate[day].contains($0) }.flatMap { requirementsAt[day * shiftCount + $0] }
                    }
                    for next in Set(left).sorted() where isShort(next) && members[next]?.contains(staff) ?? true {
                        if fill(next, below: target, depth: depth - 1, moved: moved.union([staff])) { return true }
                    }
                }
                count(candidate, of: staff, sign: -1)
            }
            schedules[staff] = current
            count(current, of: staff, sign: 1)
        }
        return false
    }

    var result: ConstructiveHeuristic.Result {
        var assignments: [Assignment] = []
        for (staff, schedule) in schedules.enumerated() {
            for (day, shifts) in (schedule ?? []).enumerated() {
                for shift in shifts { assignments.append(Assignment(staff: staff, day: day, shift: shift)) }
            }
        }
        return .init(roster: Roster(assignments), unscheduled: problem.staff.indices.filter { schedules[$0] == nil })
    }
}

/// Depth-first search for one person's schedule: each day off, or one *pattern* (a set of shift types
/// that may be worked together on one day: no clash, at most the day's limit).
private struct PersonSearch {
    let problem: RosterProblem
    let clashes: ClashTable
    let staff: Int
    let limits: WorkLimits
    let member: StaffMember
    let nodeLimit: Int
    let weekendOfDay: [Int]
    /// Patterns this person may ever work, each sorted.
    let patterns: [[Int]]
    let patternMinutes: [Int]
    /// Per day: the patterns open that day with their gain, best first (already meeting pins and eligibility).
    let candidates: [[(pattern: Int, gain: Int)]]
    /// Per day: whether the pins of the day forbid a day off.
    let mustWork: [Bool]
    /// Per day `d`: pinned shifts of each type on days after `d`, their paid minutes, and the weekends after
    /// `d`'s that hold a pin. Counts, minutes and weekends are kept for them, so that the search does not
    /// spend a person's calls before the call they are pinned to.
    let pinsAfter: [[Int]]
    let pinnedMinutesAfter: [Int]
    let pinnedWeekendsAfter: [Set<Int>]
    /// What a day's work must gain to be worth one of the days this person can still work: the gain of the
    /// best day that their maximum minutes leave out. Without it the search, going day by day, spends a
    /// person's minutes (and weekends) on the first days of the horizon and leaves the last ones short.
    let workThreshold: Int
    /// The same for starting a weekend, against the best weekend their maximum weekends leave out.
    let weekendThreshold: Int
    let offGains: [Int]
    /// Days from `d` on on which some shift is permitted.
    let permittedFrom: [Int]
    /// The same, counting only weekdays (days in no weekend).
    let permittedWeekdaysFrom: [Int]
    let longestDay: Int
    let longestWeekend: Int
    /// Per day from `d` on: the sum over the days of the most minutes the day's open patterns hold in shift
    /// types without a count limit. With `limitedMinutes` it bounds what is left when counts bind (a
    /// physician's long day is mostly call, of which the contract allows a few).
    let unlimitedMinutesFrom: [Int]
    /// The shift types with a count limit, and their paid minutes.
    let limitedTypes: [(shift: Int, limit: Int, minutes: Int)]
    /// The most minutes the run and weekend rules leave reachable from each day (when minimum minutes
    /// bind).
    let dayBound: WorkingDayBound?
    /// Minute windows touching each day, and those ending on it.
    let windowsOf: [[Int]]
    let windowsEndingOn: [[Int]]

    var schedule: [Int]
    var countByType: [Int]
    var paid = 0
    var windowPaid: [Int]
    var weekendWorked: [Bool]
    var weekendsUsed = 0
    var nodes = 0

    init(
        problem: RosterProblem, clashes: ClashTable, staff: Int, gains: [[Int]], offGains: [Int], nodeLimit: Int,
        spread: Bool
    ) {
        self.problem = problem
        self.clashes = clashes
        self.staff = staff
        self.member = problem.staff[staff]
        self.limits = member.limits
        self.nodeLimit = nodeLimit
        self.offGains = offGains
        let shiftCount = problem.shiftTypes.count
        weekendOfDay = problem.weekendOfDay

        let limits = problem.staff[staff].limits
        let usable = (0..<shiftCount).filter { limits.maxShiftsByType[$0] != 0 }
        let patterns = Self.dayPatterns(of: usable, maxPerDay: limits.maxShiftsPerDay, clashes: clashes)
        self.patterns = patterns
        patternMinutes = patterns.map { $0.reduce(0) { $0 + problem.shiftTypes[$1].paidMinutes } }
        longestDay = patternMinutes.max() ?? 0

        var pinsByDay = [Set<Int>](repeating: [], count: problem.dayCount)
        for pin in problem.pinned where pin.staff == staff && pin.day >= 0 && pin.day < problem.dayCount {
            pinsByDay[pin.day].insert(pin.shift)
        }
        mustWork = pinsByDay.map { !$0.isEmpty }
        (pinsAfter, pinnedMinutesAfter, pinnedWeekendsAfter) = Self.pinsAfter(pinsByDay, problem: problem, weekendOfDay: weekendOfDay)
        var candidates: [[(pattern: Int, gain: Int)]] = []
        var permittedFrom = [Int](repeating: 0, count: problem.dayCount + 1)
        var permittedWeekdaysFrom = [Int](repeating: 0, count: problem.dayCount + 1)
        for day in 0..<problem.dayCount {
            let open = (0..<shiftCount).map { clashes.permits(staff: staff, day: day, shift: $0) }
            var today: [(pattern: Int, gain: Int)] = []
            for (index, pattern) in patterns.enumerated() where pattern.allSatisfy({ open[$0] }) {
                if !pinsByDay[day].isSubset(of: pattern) { continue }
                today.append((index, pattern.reduce(0) { $0 + gains[day][$1] }))
            }
            candidates.append(today)
        }
        for day in stride(from: problem.dayCount - 1, through: 0, by: -1) {
            let open = !candidates[day].isEmpty
            permittedFrom[day] = permittedFrom[day + 1] + (open ? 1 : 0)
            permittedWeekdaysFrom[day] = permittedWeekdaysFrom[day + 1] + (open && weekendOfDay[day] < 0 ? 1 : 0)
        }
        self.candidates = candidates
        let limited = usable.filter { limits.maxShiftsByType[$0] != nil }
        limitedTypes = limited.map { ($0, limits.maxShiftsByType[$0] ?? 0, problem.shiftTypes[$0].paidMinutes) }
        var unlimitedMinutesFrom = [Int](repeating: 0, count: problem.dayCount + 1)
        for day in stride(from: problem.dayCount - 1, through: 0, by: -1) {
            let best = candidates[day].map { candidate in
                patterns[candidate.pattern].reduce(0) { $0 + (limited.contains($1) ? 0 : problem.shiftTypes[$1].paidMinutes) }
            }.max() ?? 0
            unlimitedMinutesFrom[day] = unlimitedMinutesFrom[day + 1] + best
        }
        self.unlimitedMinutesFrom = unlimitedMinutesFrom
        let bestOfDay = candidates.map { $0.max { $0.gain < $1.gain } }
        let dayValues = bestOfDay.compactMap { $0?.gain }.sorted(by: >)
        let minutesOfPattern = patternMinutes
        let usualMinutes = bestOfDay.compactMap { $0.map { minutesOfPattern[$0.pattern] } }.reduce(0, +) / max(1, dayValues.count)
        var threshold = 0
        if spread, let maximum = limits.maxPaidMinutes, usualMinutes > 0, maximum / usualMinutes < dayValues.count {
            threshold = max(0, dayValues[maximum / usualMinutes])
        }
        workThreshold = threshold
        let weekendValues = problem.weekends.compactMap { days in days.compactMap { bestOfDay[$0]?.gain }.max() }.sorted(by: >)
        if spread, let maximum = limits.maxWeekends, maximum < weekendValues.count {
            weekendThreshold = max(0, weekendValues[maximum] - threshold)
        } else {
            weekendThreshold = 0
        }
        self.permittedFrom = permittedFrom
        self.permittedWeekdaysFrom = permittedWeekdaysFrom
        let minutesOfDay: [Int?] = candidates.map { $0.map { minutesOfPattern[$0.pattern] }.max() }
        dayBound = (limits.minPaidMinutes ?? 0) > 0
            ? WorkingDayBound(
                limits: limits, dayMinutes: minutesOfDay, mustWork: mustWork, weekendOfDay: weekendOfDay,
                historyKnown: problem.historyDays > 0)
            : nil
        self.longestWeekend = problem.weekends.map(\.count).max() ?? 0
        (windowsOf, windowsEndingOn) = Self.windows(limits.minuteWindows, dayCount: problem.dayCount)
        schedule = [Int](repeating: -1, count: problem.dayCount)
        countByType = [Int](repeating: 0, count: shiftCount)
        windowPaid = [Int](repeating: 0, count: limits.minuteWindows.count)
        weekendWorked = [Bool](repeating: false, count: problem.weekends.count)
    }

    /// Every set of usable shift types one person may start on one day (at most `maxPerDay`, none clashing
    /// with another), single shifts first; at most about 400.
    private static func dayPatterns(of usable: [Int], maxPerDay: Int, clashes: ClashTable) -> [[Int]] {
        var found: [[Int]] = usable.map { [$0] }
        var frontier = found
        for _ in 1..<max(1, maxPerDay) {
            var next: [[Int]] = []
            for pattern in frontier {
                for shift in usable where shift > pattern.last! && !pattern.contains(where: { clashes.clashing[$0][0].contains(shift) }) {
                    next.append(pattern + [shift])
                }
            }
            if next.isEmpty || found.count + next.count > 400 { break }
            found += next
            frontier = next
        }
        return found
    }

    /// For each day, the pins after it: per shift type, their paid minutes, and the weekends they fall on.
    private static func pinsAfter(
        _ pinsByDay: [Set<Int>], problem: RosterProblem, weekendOfDay: [Int]
    ) -> ([[Int]], [Int], [Set<Int>]) {
        var pinsAfter = [[Int]](repeating: [Int](repeating: 0, count: problem.shiftTypes.count), count: problem.dayCount)
        var pinnedMinutesAfter = [Int](repeating: 0, count: problem.dayCount)
        var pinnedWeekendsAfter = [Set<Int>](repeating: [], count: problem.dayCount)
        for day in stride(from: problem.dayCount - 2, through: 0, by: -1) {
            pinsAfter[day] = pinsAfter[day + 1]
            pinnedMinutesAfter[day] = pinnedMinutesAfter[day + 1]
            pinnedWeekendsAfter[day] = pinnedWeekendsAfter[day + 1]
            for shift in pinsByDay[day + 1] {
                pinsAfter[day][shift] += 1
                pinnedMinutesAfter[day] += problem.shiftTypes[shift].paidMinutes
            }
            if !pinsByDay[day + 1].isEmpty && weekendOfDay[day + 1] >= 0 { pinnedWeekendsAfter[day].insert(weekendOfDay[day + 1]) }
        }
        return (pinsAfter, pinnedMinutesAfter, pinnedWeekendsAfter)
    }

    /// The minute windows touching each day, and those ending on it.
    private static func windows(_ windows: [MinuteWindow], dayCount: Int) -> ([[Int]], [[Int]]) {
        var windowsOf = [[Int]](repeating: [], count: dayCount)
        var windowsEndingOn = [[Int]](repeating: [], count: dayCount)
        for (index, window) in windows.enumerated() {
            let first = max(0, window.days.lowerBound)
            let last = min(dayCount - 1, window.days.upperBound)
            guard first <= last else { continue }
            for day in first...last { windowsOf[day].append(index) }
            windowsEndingOn[last].append(index)
        }
        return (windowsOf, windowsEndingOn)
    }

    /// The shifts of each day, or nil when no schedule was found within the node limit.
    mutating func run() -> [[Int]]? {
        // The run in progress at day 0 comes from the history; its first day is unknown without history or
        // when it reaches back to the history's first day.
        let prior = max(member.workedBefore, member.offBefore)
        let startUnknown = problem.historyDays == 0 || prior >= problem.historyDays
        guard search(day: 0, workRun: member.workedBefore, offRun: member.offBefore, runTouchesStart: startUnknown) else { return nil }
        return schedule.map { $0 < 0 ? [] : patterns[$0] }
    }

    /// Most minutes days `from…` could still add, each at the longest day: no more than the permitted
    /// days, and no more than maxConsec in any maxConsec + minOff consecutive days (between two runs lie
    /// minOff days off at least).
    private func reachableMinutes(from day: Int) -> Int {
        let remaining = problem.dayCount - day
        guard remaining > 0 else { return 0 }
        var days = permittedFrom[day]
        if let maximum = limits.maxConsecutiveWorkingDays {
            let cycle = maximum + max(1, limits.minConsecutiveDaysOff ?? 1)
            days = min(days, remaining / cycle * maximum + min(remaining % cycle, maximum))
        }
        // Weekend days can only be worked on weekends still allowed (the one under way counts as used).
        if let maximum = limits.maxWeekends {
            let weekendDays = max(0, maximum - weekendsUsed) * longestWeekend + (day < problem.dayCount && weekendOfDay[day] >= 0 ? longestWeekend : 0)
            days = min(days, permittedWeekdaysFrom[day] + weekendDays)
        }
        let limitedLeft = limitedTypes.reduce(0) { $0 + max(0, $1.limit - countByType[$1.shift]) * $1.minutes }
        return min(days * longestDay, unlimitedMinutesFrom[day] + limitedLeft)
    }

    /// ``reachableMinutes(from:)``, tightened by the exact run and weekend structure of the days left.
    private func reachableMinutes(from day: Int, workRun: Int, offRun: Int, runTouchesStart: Bool) -> Int {
        let rough = reachableMinutes(from: day)
        guard let dayBound, day < problem.dayCount else { return rough }
        let weekend = weekendOfDay[day]
        guard let exact = dayBound.most(
            from: day, workRun: workRun, offRun: offRun, touchesStart: runTouchesStart, weekendsUsed: weekendsUsed,
            currentWeekendWorked: weekend >= 0 && weekendWorked[weekend])
        else { return -1 }
        return min(rough, exact)
    }

    /// `workRun`/`offRun`: length of the run in progress ending yesterday (one of them is 0).
    /// `runTouchesStart`: that run's first day is unknown (it began on day 0 without history, or reaches back
    /// to the history's first day), which exempts it from minimum lengths.
    private mutating func search(day: Int, workRun: Int, offRun: Int, runTouchesStart: Bool) -> Bool {
        nodes += 1
        if nodes > nodeLimit { return false }
        if day > 0 {
            for index in windowsEndingOn[day - 1] where windowPaid[index] < (limits.minuteWindows[index].minimum ?? 0) {
                return false
            }
        }
        if day == problem.dayCount {
            return paid >= (limits.minPaidMinutes ?? 0)
        }
        let need = (limits.minPaidMinutes ?? 0) - paid
        let capacity = reachableMinutes(from: day, workRun: workRun, offRun: offRun, runTouchesStart: runTouchesStart)
        if need > capacity || capacity < 0 { return false }

        // Candidates: each open pattern, and off (-1), best first.
        var options: [(pattern: Int, score: Int)] = []
        let pressure = need > 0 && capacity > 0 ? Double(need) / Double(capacity) : 0
        let urgency = pressure > 0.85 ? 1_000_000 : Int(pressure * 60)
        for candidate in candidates[day] where canWork(day: day, pattern: candidate.pattern, workRun: workRun,
            offRun: offRun, runTouchesStart: runTouchesStart)
        {
            let weekend = weekendOfDay[day]
            let startsWeekend = weekend >= 0 && !weekendWorked[weekend]
            options.append((candidate.pattern, candidate.gain + urgency - workThreshold - (startsWeekend ? weekendThreshold : 0)))
        }
        let mustContinue = workRun > 0 && !runTouchesStart && workRun < (limits.minConsecutiveWorkingDays ?? 1)
        if !mustContinue && !mustWork[day] { options.append((-1, offGains[day])) }
        options.sort { $0.score > $1.score || ($0.score == $1.score && $0.pattern < $1.pattern) }

        for option in options {
            if option.pattern < 0 {
                schedule[day] = -1
                let touches = workRun > 0 || offRun == 0 ? day == 0 && problem.historyDays == 0 : runTouchesStart
                if search(day: day + 1, workRun: 0, offRun: offRun + 1, runTouchesStart: touches) { return true }
            } else {
                let pattern = option.pattern
                apply(pattern, day: day, sign: 1)
                let weekend = weekendOfDay[day]
                let newWeekend = weekend >= 0 && !weekendWorked[weekend]
                if newWeekend {
                    weekendWorked[weekend] = true
                    weekendsUsed += 1
                }
                let touches = offRun > 0 || workRun == 0 ? day == 0 && problem.historyDays == 0 : runTouchesStart
                if search(day: day + 1, workRun: workRun + 1, offRun: 0, runTouchesStart: touches) { return true }
                if newWeekend {
                    weekendWorked[weekend] = false
                    weekendsUsed -= 1
                }
                apply(pattern, day: day, sign: -1)
            }
            if nodes > nodeLimit { return false }
        }
        return false
    }

    private mutating func apply(_ pattern: Int, day: Int, sign: Int) {
        schedule[day] = sign > 0 ? pattern : -1
        for shift in patterns[pattern] { countByType[shift] += sign }
        paid += sign * patternMinutes[pattern]
        for index in windowsOf[day] { windowPaid[index] += sign * patternMinutes[pattern] }
    }

    private func canWork(day: Int, pattern: Int, workRun: Int, offRun: Int, runTouchesStart: Bool) -> Bool {
        let shifts = patterns[pattern]
        for shift in shifts {
            if let limit = limits.maxShiftsByType[shift], countByType[shift] + 1 + pinsAfter[day][shift] > limit { return false }
        }
        // Clashes with the days before (overlap, rest, forbidden successions).
        if clashes.reach > 0 {
            for back in 1...clashes.reach where day - back >= 0 && schedule[day - back] >= 0 {
                for earlier in patterns[schedule[day - back]] {
                    let clashing = clashes.clashing[earlier][back]
                    if !clashing.isEmpty && shifts.contains(where: clashing.contains) { return false }
                }
            }
        }
        if offRun > 0 && !runTouchesStart && offRun < (limits.minConsecutiveDaysOff ?? 1) { return false }
        if let maximum = limits.maxConsecutiveWorkingDays, workRun + 1 > maximum { return false }
        let minutes = patternMinutes[pattern]
        if let maximum = limits.maxPaidMinutes, paid + minutes + pinnedMinutesAfter[day] > maximum { return false }
        for index in windowsOf[day] {
            if let maximum = limits.minuteWindows[index].maximum, windowPaid[index] + minutes > maximum { return false }
        }
        let weekend = weekendOfDay[day]
        if weekend >= 0 && !weekendWorked[weekend], let maximum = limits.maxWeekends {
            let pinnedLater = pinnedWeekendsAfter[day].count { $0 != weekend && !weekendWorked[$0] }
            if weekendsUsed + 1 + pinnedLater > maximum { return false }
        }
        // Starting a run inside the horizon commits to its minimum length: those days must be open.
        if workRun == 0 && (day > 0 || problem.historyDays > 0), let minimum = limits.minConsecutiveWorkingDays, minimum > 1 {
            let end = min(problem.dayCount, day + minimum)
            for next in day..<end where candidates[next].isEmpty { return false }
        }
        return true
    }
}
