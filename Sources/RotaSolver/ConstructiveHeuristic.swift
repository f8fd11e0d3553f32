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
        var rng = SplitMix64(seed: seed)
        let shiftCount = problem.shiftTypes.count
        var deficit = [Int](repeating: 0, count: problem.dayCount * shiftCount)
        var underWeight = [Int](repeating: 0, count: problem.dayCount * shiftCount)
        var overWeight = [Int](repeating: 0, count: problem.dayCount * shiftCount)
        for requirement in problem.cover {
            let key = requirement.day * shiftCount + requirement.shift
            deficit[key] = requirement.required
            underWeight[key] = requirement.underWeight
            overWeight[key] = requirement.overWeight
        }
        var requestGain = [Int: Int]()  // key (staff, day, shift) flattened
        func requestKey(_ s: Int, _ d: Int, _ t: Int) -> Int { (s * problem.dayCount + d) * shiftCount + t }
        for request in problem.shiftOnRequests { requestGain[requestKey(request.staff, request.day, request.shift), default: 0] += request.weight }
        for request in problem.shiftOffRequests { requestGain[requestKey(request.staff, request.day, request.shift), default: 0] -= request.weight }

        // The most constrained people first: fewest permitted days for the minutes they must reach.
        let order = problem.staff.indices.sorted { a, b in tightness(a) > tightness(b) }
        var assignments: [Assignment] = []
        var unscheduled: [Int] = []
        for staff in order {
            var found: [Int]?
            for attempt in 0..<attempts {
                if let deadline, ContinuousClock.now >= deadline { break }
                var gains = [[Int]](repeating: [Int](repeating: 0, count: shiftCount), count: problem.dayCount)
                for day in 0..<problem.dayCount {
                    for shift in 0..<shiftCount {
                        let key = day * shiftCount + shift
                        var gain = deficit[key] > 0 ? underWeight[key] : -overWeight[key]
                        gain += requestGain[requestKey(staff, day, shift)] ?? 0
                        if attempt > 0 { gain += Int(rng.next() % UInt64(4 * attempt + 1)) - 2 * attempt }
                        gains[day][shift] = gain
                    }
                }
                var search = PersonSearch(problem: problem, staff: staff, gains: gains, nodeLimit: nodeLimit)
                if let schedule = search.run() {
                    found = schedule
                    break
                }
            }
            guard let schedule = found else {
                unscheduled.append(staff)
                continue
            }
            for (day, shift) in schedule.enumerated() where shift >= 0 {
                assignments.append(Assignment(staff: staff, day: day, shift: shift))
                deficit[day * shiftCount + shift] -= 1
            }
        }
        return Result(roster: Roster(assignments), unscheduled: unscheduled.sorted())
    }

    private func tightness(_ staff: Int) -> Double {
        let member = problem.staff[staff]
        let free = Double(max(1, problem.dayCount - member.daysOff.count))
        return Double(member.limits.minPaidMinutes ?? 0) / free
    }
}

/// Depth-first search for one person's schedule (one shift a day at most).
private struct PersonSearch {
    let problem: RosterProblem
    let staff: Int
    let limits: WorkLimits
    let member: StaffMember
    let gains: [[Int]]
    let nodeLimit: Int
    let forbidden: [Set<Int>]
    let weekendOfDay: [Int]
    /// Days from `d` on on which some shift is permitted.
    let permittedFrom: [Int]
    /// The same, counting only weekdays (days in no weekend).
    let permittedWeekdaysFrom: [Int]
    let longestShift: Int
    let longestWeekend: Int
    let shiftCount: Int

    var schedule: [Int]
    var countByType: [Int]
    var paid = 0
    var weekendWorked: [Bool]
    var weekendsUsed = 0
    var nodes = 0

    init(problem: RosterProblem, staff: Int, gains: [[Int]], nodeLimit: Int) {
        self.problem = problem
        self.staff = staff
        self.member = problem.staff[staff]
        self.limits = member.limits
        self.gains = gains
        self.nodeLimit = nodeLimit
        self.forbidden = problem.forbiddenSuccessors
        self.shiftCount = problem.shiftTypes.count
        var weekendOfDay = [Int](repeating: -1, count: problem.dayCount)
        for (k, days) in problem.weekends.enumerated() { for d in days { weekendOfDay[d] = k } }
        self.weekendOfDay = weekendOfDay
        var permittedFrom = [Int](repeating: 0, count: problem.dayCount + 1)
        var permittedWeekdaysFrom = [Int](repeating: 0, count: problem.dayCount + 1)
        for day in stride(from: problem.dayCount - 1, through: 0, by: -1) {
            let open = problem.shiftTypes.indices.contains { problem.isPermitted(staff: staff, day: day, shift: $0) }
            permittedFrom[day] = permittedFrom[day + 1] + (open ? 1 : 0)
            permittedWeekdaysFrom[day] = permittedWeekdaysFrom[day + 1] + (open && weekendOfDay[day] < 0 ? 1 : 0)
        }
        self.permittedFrom = permittedFrom
        self.permittedWeekdaysFrom = permittedWeekdaysFrom
        self.longestWeekend = problem.weekends.map(\.count).max() ?? 0
        let limits = problem.staff[staff].limits
        self.longestShift = problem.shiftTypes.indices
            .filter { limits.maxShiftsByType[$0] != 0 }
            .map { problem.shiftTypes[$0].paidMinutes }.max() ?? 0
        schedule = [Int](repeating: -1, count: problem.dayCount)
        countByType = [Int](repeating: 0, count: problem.shiftTypes.count)
        weekendWorked = [Bool](repeating: false, count: problem.weekends.count)
    }

    mutating func run() -> [Int]? {
        search(day: 0, workRun: member.workedBefore, offRun: 0, runTouchesStart: true) ? schedule : nil
    }

    /// Most minutes days `from…` could still add, each at the longest shift: no more than the permitted
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
        return days * longestShift
    }

    /// `workRun`/`offRun`: length of the run in progress ending yesterday (one of them is 0).
    /// `runTouchesStart`: that run began on day 0, which exempts it from minimum lengths.
    private mutating func search(day: Int, workRun: Int, offRun: Int, runTouchesStart: Bool) -> Bool {
        nodes += 1
        if nodes > nodeLimit { return false }
        if day == problem.dayCount {
            return paid >= (limits.minPaidMinutes ?? 0)
        }
        let need = (limits.minPaidMinutes ?? 0) - paid
        let capacity = reachableMinutes(from: day)
        if need > capacity { return false }

        // Candidates: each permitted shift, and off (-1), best first.
        var candidates: [(shift: Int, score: Int)] = []
        let previous = day > 0 ? schedule[day - 1] : -1
        let pressure = need > 0 && capacity > 0 ? Double(need) / Double(capacity) : 0
        let urgency = pressure > 0.85 ? 1_000_000 : Int(pressure * 60)
        for shift in 0..<shiftCount where canWork(day: day, shift: shift, previous: previous, workRun: workRun,
            offRun: offRun, runTouchesStart: runTouchesStart)
        {
            candidates.append((shift, gains[day][shift] + urgency))
        }
        let mustContinue = workRun > 0 && !runTouchesStart && workRun < (limits.minConsecutiveWorkingDays ?? 1)
        if !mustContinue { candidates.append((-1, 0)) }
        candidates.sort { $0.score > $1.score || ($0.score == $1.score && $0.shift < $1.shift) }

        for candidate in candidates {
            if candidate.shift < 0 {
                schedule[day] = -1
                let touches = workRun > 0 || day == 0 ? day == 0 : runTouchesStart
                if search(day: day + 1, workRun: 0, offRun: offRun + 1, runTouchesStart: touches) { return true }
            } else {
                let shift = candidate.shift
                schedule[day] = shift
                countByType[shift] += 1
                paid += problem.shiftTypes[shift].paidMinutes
                let weekend = weekendOfDay[day]
                let newWeekend = weekend >= 0 && !weekendWorked[weekend]
                if newWeekend {
                    weekendWorked[weekend] = true
                    weekendsUsed += 1
                }
                let touches = offRun > 0 || day == 0 ? day == 0 : runTouchesStart
                if search(day: day + 1, workRun: workRun + 1, offRun: 0, runTouchesStart: touches) { return true }
                if newWeekend {
                    weekendWorked[weekend] = false
                    weekendsUsed -= 1
                }
                paid -= problem.shiftTypes[shift].paidMinutes
                countByType[shift] -= 1
                schedule[day] = -1
            }
            if nodes > nodeLimit { return false }
        }
        return false
    }

    private func canWork(day: Int, shift: Int, previous: Int, workRun: Int, offRun: Int, runTouchesStart: Bool) -> Bool {
        guard problem.isPermitted(staff: staff, day: day, shift: shift) else { return false }
        if let limit = limits.maxShiftsByType[shift], countByType[shift] >= limit { return false }
        if previous >= 0 && forbidden[previous].contains(shift) { return false }
        if offRun > 0 && !runTouchesStart && offRun < (limits.minConsecutiveDaysOff ?? 1) { return false }
        if let maximum = limits.maxConsecutiveWorkingDays, workRun + 1 > maximum { return false }
        if let maximum = limits.maxPaidMinutes, paid + problem.shiftTypes[shift].paidMinutes > maximum { return false }
        let weekend = weekendOfDay[day]
        if weekend >= 0 && !weekendWorked[weekend], let maximum = limits.maxWeekends, weekendsUsed + 1 > maximum {
            return false
        }
        // Starting a run inside the horizon commits to its minimum length: those days must be open.
        if workRun == 0 && day > 0, let minimum = limits.minConsecutiveWorkingDays, minimum > 1 {
            let end = min(problem.dayCount, day + minimum)
            for next in day..<end where member.daysOff.contains(next) { return false }
        }
        return true
    }
}
