import RotaCore

/// Local search over whole rosters in Swift, without a solver: moves that change one or two people's days,
/// kept only while every person's own rules still hold, accepted by late-acceptance hill climbing on the
/// model's objective.
///
/// A move costs microseconds where a GLPK neighbourhood costs a few hundred milliseconds, so this does the
/// many small steps (give a short session to someone who is off, swap two people's days, trade a block of
/// days) and leaves the large ones to the neighbourhoods. Its objective is the model's, term by term (cover
/// with hard floors and caps at their ranks' weights, supervision, contract minimums that may give way,
/// requests, fairness,
/// stability); the caller re-checks what it returns against the model and the evaluator.
///
/// Deterministic: the same start, seed and move count give the same roster.
struct LocalSearch {
    let problem: RosterProblem
    private let shiftCount: Int
    private let dayCount: Int
    private let staffCount: Int
    /// Day patterns: sets of shift types one person may start on one day (no clash between them).
    let patterns: [[Int]]
    /// The same patterns flat, for the inner loops (nested arrays cost a retain and release per access):
    /// pattern k's shifts are `patternShifts[patternStart[k]..<patternStart[k + 1]]`, and
    /// `patternHas[k * shiftCount + shift]` says whether it holds `shift`.
    private let patternShifts: [Int]
    private let patternStart: [Int]
    private let patternHas: [Bool]
    private let patternMinutes: [Int]
    /// Whether person p may take pattern k on day d: `allowed[(p * dayCount + d) * patterns.count + k]`.
    private let allowed: [Bool]
    /// The options of each person and day (pattern indices, and -1 for a day off where that is allowed).
    private let options: [[Int]]
    /// `clash[(k * patterns.count + a) * patterns.count + b]`: pattern a on day d and pattern b on day d + k
    /// cannot both be worked.
    private let clash: [Bool]
    private let reach: Int
    /// Cover requirements counting each (day, shift) — `requirementsAt[requirementsStart[cell]..<
    /// requirementsStart[cell + 1]]` for cell `day * shiftCount + shift` — and whether each counts each person.
    private let requirementsAt: [Int]
    private let requirementsStart: [Int]
    private let counts: [Bool]
    /// Each requirement's target, weights and hard limits (`Int.max`: no ceiling), flat.
    private let coverRequired: [Int]
    private let coverUnderWeight: [Int]
    private let coverOverWeight: [Int]
    private let coverHardMinimum: [Int]
    private let coverHardMaximum: [Int]
    /// Each requirement's price per unit of its hard floor or cap (its rank in the bend order).
    private let coverHardWeight: [Int]
    private let supervisionWeight: [Int]
    /// The price of a minute short of a contract minimum when those may give way, and each person's
    /// current minutes short.
    private let minuteWeight: Int?
    private var minutesShort: [Int]
    /// The smallest price of one broken hard rule's unit (nil without elastic hard rules): a new best that
    /// gains at least this much mended one, and the acceptance history starts again from there.
    private let hardStep: Int?
    private var counted: [Int]
    /// Supervision rules in which each person is supervised, or a supervisor; sessions counted per rule and day.
    private let supervisedIn: [[Int]]
    private let supervisorIn: [[Int]]
    /// The supervised shift of each supervision rule, and `supervisingShift[k * shiftCount + shift]`.
    private let supervisedShift: [Int]
    private let supervisingShift: [Bool]
    private var supervisedCount: [Int]
    private var supervisorCount: [Int]
    /// Support ratios by person: (rule, whether they support, whether they are a provider), and each rule's
    /// (day * shiftCount + shift) cell and counts of support and providers working it.
    private let ratiosOf: [[(rule: Int, supports: Bool, leads: Bool)]]
    private let ratioCell: [Int]
    private var ratioSupport: [Int]
    private var ratioLead: [Int]
    /// Fairness rules touching each person, with their band, and the counts.
    private let fairnessOf: [[(rule: Int, low: Int, high: Int)]]
    /// `fairShift[rule * shiftCount + shift]`, `fairDay[rule * dayCount + day]`, and each rule's weight.
    private let fairShift: [Bool]
    private let fairDay: [Bool]
    private let fairWeight: [Int]
    private var fairCount: [Int]
    /// Per person and day: shift requests (on +, off -), whole-day requests (on, off), and the published
    /// roster.
    private let shiftRequests: [[(shift: Int, weight: Int)]]
    private let dayOn: [Int]
    private let dayOff: [Int]
    private let published: [Set<Int>]
    private let changeWeight: [Int]
    private let isStable: Bool
    private let rules: [PersonRules]

    /// Whether the start roster is exactly the schedules it became: every day's shifts one of the person's
    /// day patterns there, and no pinned day left off.
    let representsStart: Bool
    /// The current roster: `schedule[p][d]` is a pattern index or -1 (off).
    private(set) var schedule: [[Int]]
    /// The model's objective of ``schedule``, less its constant (the requests no roster can grant).
    private(set) var cost: Int
    private(set) var best: [[Int]]
    private(set) var bestCost: Int
    /// Work units (see ``GLPKKit/MIPResult/work``) charged per move: about a microsecond each on this
    /// project's machines.
    static let workPerMove = 0.001
    /// Moves tried so far (the work measure: deterministic).
    private(set) var moves = 0
    private var rng: SplitMix64
    /// Late acceptance: a move is taken if it is no worse than now or than the cost `historyLength` moves ago.
    private let historyLength: Int
    private var history: [Int] = []

    init(problem: RosterProblem, clashes: ClashTable, roster: Roster, seed: UInt64, historyLength: Int) {
        rng = SplitMix64(seed: seed)
        self.historyLength = max(1, historyLength)
        self.problem = problem
        let shiftCount = problem.shiftTypes.count, dayCount = problem.dayCount, staffCount = problem.staff.count
        self.shiftCount = shiftCount
        self.dayCount = dayCount
        self.staffCount = staffCount
        let maxPerDay = problem.staff.map(\.limits.maxShiftsPerDay).max() ?? 1
        patterns = Self.dayPatterns(shiftCount: shiftCount, maxPerDay: maxPerDay, clashes: clashes)
        patternMinutes = patterns.map { $0.reduce(0) { $0 + problem.shiftTypes[$1].paidMinutes } }
        let patternCount = patterns.count
        patternShifts = patterns.flatMap { $0 }
        patternStart = patterns.reduce(into: [0]) { $0.append($0.last! + $1.count) }
        var patternHas = [Bool](repeating: false, count: patternCount * shiftCount)
        for (k, pattern) in patterns.enumerated() { for shift in pattern { patternHas[k * shiftCount + shift] = true } }
        self.patternHas = patternHas
        let patternIndex = Dictionary(uniqueKeysWithValues: patterns.enumerated().map { ($1, $0) })

        let (allowed, options) = Self.options(problem: problem, patterns: patterns, clashes: clashes)
        self.allowed = allowed
        self.options = options
        reach = clashes.reach
        clash = Self.clashes(of: patterns, clashes: clashes)

        var requirementsAt = [[Int]](repeating: [], count: dayCount * shiftCount)
        var counts = [Bool](repeating: false, count: problem.cover.count * staffCount)
        for (r, requirement) in problem.cover.enumerated() {
            for cell in requirement.cells { requirementsAt[cell.day * shiftCount + cell.shift].append(r) }
            for person in requirement.people(staffCount: staffCount) { counts[r * staffCount + person] = true }
        }
        self.requirementsAt = requirementsAt.flatMap { $0 }
        requirementsStart = requirementsAt.reduce(into: [0]) { $0.append($0.last! + $1.count) }
        self.counts = counts
        coverRequired = problem.cover.map(\.required)
        coverUnderWeight = problem.cover.map(\.underWeight)
        coverOverWeight = problem.cover.map(\.overWeight)
        coverHardMinimum = problem.cover.map(\.hardMinimum)
        coverHardMaximum = problem.cover.map { $0.hardMaximum ?? Int.max }
        coverHardWeight = problem.cover.map(\.hardWeight)
        supervisionWeight = problem.supervision.map(\.hardWeight)
        minuteWeight = problem.minimumMinuteWeight
        minutesShort = Array(repeating: 0, count: staffCount)
        hardStep = (problem.cover.filter(\.isHard).map(\.hardWeight)
            + problem.supervision.map(\.hardWeight) + [problem.minimumMinuteWeight].compactMap { $0 }).min()
        counted = Array(repeating: 0, count: problem.cover.count)

        var supervisedIn = [[Int]](repeating: [], count: staffCount)
        var supervisorIn = [[Int]](repeating: [], count: staffCount)
        for (k, rule) in problem.supervision.enumerated() {
            for person in Set(rule.supervised) { supervisedIn[person].append(k) }
            for person in Set(rule.supervisors) { supervisorIn[person].append(k) }
        }
        self.supervisedIn = supervisedIn
        self.supervisorIn = supervisorIn
        supervisedShift = problem.supervision.map(\.shift)
        supervisingShift = problem.supervision.flatMap { rule in (0..<shiftCount).map { rule.supervisingShifts.contains($0) } }
        supervisedCount = Array(repeating: 0, count: problem.supervision.count * dayCount)
        supervisorCount = Array(repeating: 0, count: problem.supervision.count * dayCount)

        var ratiosOf = [[(rule: Int, supports: Bool, leads: Bool)]](repeating: [], count: staffCount)
        for (k, rule) in problem.supportRatios.enumerated() {
            let support = Set(rule.support), leads = Set(rule.providers)
            for person in support.union(leads).sorted() { ratiosOf[person].append((k, support.contains(person), leads.contains(person))) }
        }
        self.ratiosOf = ratiosOf
        ratioCell = problem.supportRatios.map { $0.day * shiftCount + $0.shift }
        ratioSupport = Array(repeating: 0, count: problem.supportRatios.count)
        ratioLead = Array(repeating: 0, count: problem.supportRatios.count)

        var fairnessOf = [[(rule: Int, low: Int, high: Int)]](repeating: [], count: staffCount)
        for (k, rule) in problem.fairness.enumerated() {
            for share in rule.shares { fairnessOf[share.staff].append((k, share.low, share.high)) }
        }
        self.fairnessOf = fairnessOf
        fairShift = problem.fairness.flatMap { rule in (0..<shiftCount).map { rule.shifts.contains($0) } }
        fairDay = problem.fairness.flatMap { rule in
            let days = rule.days.map(Set.init)
            return (0..<dayCount).map { days?.contains($0) ?? true }
        }
        fairWeight = problem.fairness.map(\.weight)
        fairCount = Array(repeating: 0, count: problem.fairness.count * staffCount)

        var shiftRequests = [[(shift: Int, weight: Int)]](repeating: [], count: staffCount * dayCount)
        for request in problem.shiftOnRequests { shiftRequests[request.staff * dayCount + request.day].append((request.shift, request.weight)) }
        for request in problem.shiftOffRequests { shiftRequests[request.staff * dayCount + request.day].append((request.shift, -request.weight)) }
        self.shiftRequests = shiftRequests
        var dayOn = [Int](repeating: 0, count: staffCount * dayCount)
        var dayOff = [Int](repeating: 0, count: staffCount * dayCount)
        for request in problem.dayOnRequests { dayOn[request.staff * dayCount + request.day] += request.weight }
        for request in problem.dayOffRequests { dayOff[request.staff * dayCount + request.day] += request.weight }
        self.dayOn = dayOn
        self.dayOff = dayOff
        var published = [Set<Int>](repeating: [], count: staffCount * dayCount)
        for assignment in problem.stability?.reference ?? [] where assignment.day >= 0 && assignment.day < dayCount {
            published[assignment.staff * dayCount + assignment.day].insert(assignment.shift)
        }
        self.published = published
        changeWeight = (0..<dayCount).map { problem.stability?.weight(on: $0) ?? 0 }
        isStable = problem.stability != nil
        rules = problem.staff.indices.map { PersonRules(problem: problem, staff: $0) }

        // The start: each person's day as a pattern (an assignment set that is not one is left off).
        let (schedule, representsStart) = Self.start(
            roster, staffCount: staffCount, dayCount: dayCount, patternIndex: patternIndex, allowed: allowed, options: options)
        self.representsStart = representsStart
        self.schedule = schedule
        cost = 0
        best = schedule
        bestCost = 0
        for p in 0..<staffCount {
            for d in 0..<dayCount where schedule[p][d] >= 0 {
                let pattern = schedule[p][d]
                self.schedule[p][d] = -1
                _ = apply(p, d, pattern)
            }
        }
        if minuteWeight != nil {
            for p in 0..<staffCount { minutesShort[p] = rules[p].minutesShort(self.schedule[p], minutes: patternMinutes) }
        }
        cost = totalCost()
        best = self.schedule
        bestCost = cost
    }

    /// Which day patterns each person may take on each day (flat by person, day and pattern), and each
    /// person-day's options in order: off first unless a pin forbids it, then the patterns.
    private static func options(problem: RosterProblem, patterns: [[Int]], clashes: ClashTable) -> ([Bool], [[Int]]) {
        let shiftCount = problem.shiftTypes.count, dayCount = problem.dayCount, staffCount = problem.staff.count
        let patternCount = patterns.count
        var pinned = [Set<Int>](repeating: [], count: staffCount * dayCount)
        for pin in problem.pinned where pin.day >= 0 && pin.day < dayCount { pinned[pin.staff * dayCount + pin.day].insert(pin.shift) }
        var allowed = [Bool](repeating: false, count: staffCount * dayCount * patternCount)
        var options = [[Int]](repeating: [], count: staffCount * dayCount)
        for p in 0..<staffCount {
            let limit = problem.staff[p].limits.maxShiftsPerDay
            for d in 0..<dayCount {
                let open = (0..<shiftCount).map { clashes.permits(staff: p, day: d, shift: $0) }
                let pins = pinned[p * dayCount + d]
                var list: [Int] = pins.isEmpty ? [-1] : []
                for (k, pattern) in patterns.enumerated()
                where pattern.count <= limit && pattern.allSatisfy({ open[$0] }) && pins.isSubset(of: pattern) {
                    allowed[(p * dayCount + d) * patternCount + k] = true
                    list.append(k)
                }
                options[p * dayCount + d] = list
            }
        }
        return (allowed, options)
    }

    /// `clash[(j * patterns + a) * patterns + b]`: patterns a and b may not be j days apart.
    static func clashes(of patterns: [[Int]], clashes: ClashTable) -> [Bool] {
        let patternCount = patterns.count
        var clash = [Bool](repeating: false, count: (clashes.reach + 1) * patternCount * patternCount)
        for k in 1..<(clashes.reach + 1) {
            for (a, first) in patterns.enumerated() {
                for (b, second) in patterns.enumerated()
                where first.contains(where: { !clashes.clashing[$0][k].isDisjoint(with: second) }) {
                    clash[(k * patternCount + a) * patternCount + b] = true
                }
            }
        }
        return clash
    }

    /// `roster` as a pattern per person and day (-1 off), and whether every day of it is one of the options.
    private static func start(
        _ roster: Roster, staffCount: Int, dayCount: Int, patternIndex: [[Int]: Int], allowed: [Bool], options: [[Int]]
    ) -> ([[Int]], Bool) {
        let patternCount = patternIndex.count
        var schedule = [[Int]](repeating: [Int](repeating: -1, count: dayCount), count: staffCount)
        var shiftsOfDay = [[Int]](repeating: [], count: staffCount * dayCount)
        for assignment in roster.assignments { shiftsOfDay[assignment.staff * dayCount + assignment.day].append(assignment.shift) }
        var representsStart = true
        for p in 0..<staffCount {
            for d in 0..<dayCount where !shiftsOfDay[p * dayCount + d].isEmpty {
                let k = patternIndex[shiftsOfDay[p * dayCount + d].sorted()] ?? -1
                if k < 0 || !allowed[(p * dayCount + d) * patternCount + k] { representsStart = false }
                schedule[p][d] = k
            }
            if options[p * dayCount..<(p + 1) * dayCount].enumerated().contains(where: { d, list in
                schedule[p][d] < 0 && list.first != -1
            }) {
                representsStart = false
            }
        }
        return (schedule, representsStart)
    }

    /// Every set of shift types that can be worked together on one day, up to `maxPerDay` of them (at
    /// most 400, smallest first), each sorted.
    static func dayPatterns(shiftCount: Int, maxPerDay: Int, clashes: ClashTable) -> [[Int]] {
        var found: [[Int]] = (0..<shiftCount).map { [$0] }
        var frontier = found
        for _ in 1..<max(1, maxPerDay) {
            var next: [[Int]] = []
            for pattern in frontier {
                for shift in (pattern.last! + 1)..<max(pattern.last! + 1, shiftCount)
                where !pattern.contains(where: { clashes.clashing[$0][0].contains(shift) }) {
                    next.append(pattern + [shift])
                }
            }
            if next.isEmpty || found.count + next.count > 400 { break }
            found += next
            frontier = next
        }
        return found
    }

    /// The roster of ``best``.
    var bestRoster: Roster {
        var assignments: [Assignment] = []
        for p in 0..<staffCount {
            for d in 0..<dayCount where best[p][d] >= 0 {
                for shift in patterns[best[p][d]] { assignments.append(Assignment(staff: p, day: d, shift: shift)) }
            }
        }
        return Roster(assignments)
    }

    /// Whether every person's schedule meets their own rules (the moves keep it so; a start may not).
    var everyoneFeasible: Bool { (0..<staffCount).allSatisfy { feasible($0) } }

    // MARK: - Cost

    private func coverCost(_ r: Int, _ count: Int) -> Int {
        let required = coverRequired[r]
        var cost = count < required ? coverUnderWeight[r] * (required - count) : coverOverWeight[r] * (count - required)
        let floor = coverHardMinimum[r], cap = coverHardMaximum[r]
        if count < floor { cost += coverHardWeight[r] * (floor - count) }
        if count > cap { cost += coverHardWeight[r] * (count - cap) }
        return cost
    }

    private func supervisionCost(_ k: Int, _ d: Int) -> Int {
        let index = k * dayCount + d
        return supervisedCount[index] > 0 && supervisorCount[index] == 0 ? supervisionWeight[k] : 0
    }

    private func ratioCost(_ k: Int) -> Int {
        let rule = problem.supportRatios[k]
        return rule.weight * rule.short(support: ratioSupport[k], providers: ratioLead[k])
    }

    private func fairCost(_ count: Int, _ low: Int, _ high: Int, _ weight: Int) -> Int {
        weight * (max(0, count - high) + max(0, low - count))
    }

    /// What person p's own requests and the published roster charge for pattern `k` (-1: off) on day d.
    private func dayCost(_ p: Int, _ d: Int, _ k: Int) -> Int {
        let cell = p * dayCount + d
        var cost = 0
        for request in shiftRequests[cell] {
            let given = k >= 0 && patternHas[k * shiftCount + request.shift]
            if request.weight > 0 && !given { cost += request.weight }
            if request.weight < 0 && given { cost -= request.weight }
        }
        cost += k < 0 ? dayOn[cell] : dayOff[cell]
        if isStable && changeWeight[d] > 0 {
            let shifts = k >= 0 ? patterns[k] : []
            let reference = published[cell]
            cost += changeWeight[d] * (reference.filter { !shifts.contains($0) }.count + shifts.filter { !reference.contains($0) }.count)
        }
        return cost
    }

    /// The objective of the current state, from scratch (for the start and for checks).
    func totalCost() -> Int {
        var total = 0
        for r in problem.cover.indices { total += coverCost(r, counted[r]) }
        for k in problem.supervision.indices { for d in 0..<dayCount { total += supervisionCost(k, d) } }
        for k in problem.supportRatios.indices { total += ratioCost(k) }
        for p in 0..<staffCount {
            total += (minuteWeight ?? 0) * minutesShort[p]
            for d in 0..<dayCount { total += dayCost(p, d, schedule[p][d]) }
            for entry in fairnessOf[p] {
                total += fairCost(fairCount[entry.rule * staffCount + p], entry.low, entry.high, fairWeight[entry.rule])
            }
        }
        return total
    }

    /// Sets person p's day d to pattern `k` (-1: off) and returns the change in cost.
    private mutating func apply(_ p: Int, _ d: Int, _ k: Int) -> Int {
        let old = schedule[p][d]
        if old == k { return 0 }
        var delta = dayCost(p, d, k) - dayCost(p, d, old)
        if old >= 0 {
            for index in patternStart[old]..<patternStart[old + 1] {
                let shift = patternShifts[index]
                if k < 0 || !patternHas[k * shiftCount + shift] { delta += move(p, d, shift, by: -1) }
            }
        }
        if k >= 0 {
            for index in patternStart[k]..<patternStart[k + 1] {
                let shift = patternShifts[index]
                if old < 0 || !patternHas[old * shiftCount + shift] { delta += move(p, d, shift, by: 1) }
            }
        }
        schedule[p][d] = k
        return delta
    }

    /// Counts person p on (d, shift) once more or once less everywhere it counts; returns the cost change.
    private mutating func move(_ p: Int, _ d: Int, _ shift: Int, by step: Int) -> Int {
        var delta = 0
        let cell = d * shiftCount + shift
        for index in requirementsStart[cell]..<requirementsStart[cell + 1] {
            let r = requirementsAt[index]
            guard counts[r * staffCount + p] else { continue }
            let before = coverCost(r, counted[r])
            counted[r] += step
            delta += coverCost(r, counted[r]) - before
        }
        for k in supervisedIn[p] where supervisedShift[k] == shift {
            let before = supervisionCost(k, d)
            supervisedCount[k * dayCount + d] += step
            delta += supervisionCost(k, d) - before
        }
        for k in supervisorIn[p] where supervisingShift[k * shiftCount + shift] {
            let before = supervisionCost(k, d)
            supervisorCount[k * dayCount + d] += step
            delta += supervisionCost(k, d) - before
        }
        for entry in ratiosOf[p] where ratioCell[entry.rule] == cell {
            let before = ratioCost(entry.rule)
            if entry.supports { ratioSupport[entry.rule] += step }
            if entry.leads { ratioLead[entry.rule] += step }
            delta += ratioCost(entry.rule) - before
        }
        for entry in fairnessOf[p] where fairShift[entry.rule * shiftCount + shift] && fairDay[entry.rule * dayCount + d] {
            let index = entry.rule * staffCount + p
            let weight = fairWeight[entry.rule]
            let before = fairCost(fairCount[index], entry.low, entry.high, weight)
            fairCount[index] += step
            delta += fairCost(fairCount[index], entry.low, entry.high, weight) - before
        }
        return delta
    }

    /// Whether person p's current schedule meets their own rules.
    func feasible(_ p: Int) -> Bool {
        rules[p].isFeasible(
            schedule[p], patternShifts: patternShifts, patternStart: patternStart, minutes: patternMinutes, clash: clash,
            reach: reach)
    }

    private func isAllowed(_ p: Int, _ d: Int, _ k: Int) -> Bool {
        k < 0 ? !options[p * dayCount + d].isEmpty && options[p * dayCount + d][0] == -1
            : allowed[(p * dayCount + d) * patterns.count + k]
    }

    // MARK: - Whole schedules

    /// Most day patterns for which ``replan(_:windows:)`` plans whole schedules (its states grow with their square).
    static let replanPatternLimit = 32
    /// Labels a day ``CheapestSchedule`` keeps when re-planning in a window: with counts of a shift type as
    /// resources the exact programme over eight weeks took up to 18 s a sweep of Instance22's fifty people,
    /// with this limit about a second (BENCHMARKS.md).
    static let windowLabelLimit = 2_000
    /// Label extensions of ``CheapestSchedule`` charged as one move: about as long on this project's machines.
    static let extensionsPerMove = 8

    /// Re-plans each of `people` in turn: the cheapest schedule under their own rules with everyone else
    /// held (``CheapestSchedule``), taken when it lowers the cost. With the rest of the roster fixed, what a
    /// day's pattern costs (cover, supervision, support ratios, requests, stability) depends on that day
    /// alone, so the schedule is the cheapest there is, not a step towards it: over a long horizon it moves
    /// a person's whole sequence of runs and weekends, which single-day moves cannot. Rules it does not
    /// state (fairness counts, cover counted across days, clashes further apart, minute windows) are
    /// checked on the result, which is kept only when it is cheaper in full. Returns how many were re-planned.
    ///
    /// With `windows`, only the days in them change (each person keeps their other days): over a year the
    /// whole-horizon programme keeps a label for every number of minutes worked and takes seconds a person,
    /// over a few weeks milliseconds.
    @discardableResult
    mutating func replan(_ people: [Int], windows: [Range<Int>]? = nil) -> Int {
        guard patterns.count <= Self.replanPatternLimit, dayCount > 0 else { return 0 }
        var replanned = 0
        var extensions = 0
        for p in people {
            let old = schedule[p]
            // Everyone else held: p off everywhere, then each day's options priced one at a time.
            var removal = 0
            for d in 0..<dayCount where old[d] >= 0 { removal += apply(p, d, -1) }
            var dayOptions: [[Int]] = []
            var dayCosts: [[Double]] = []
            var currentCost = 0
            dayOptions.reserveCapacity(dayCount)
            dayCosts.reserveCapacity(dayCount)
            for d in 0..<dayCount {
                let inWindow = windows.map { $0.contains { $0.contains(d) } } ?? true
                let list = inWindow ? options[p * dayCount + d] : [old[d]]
                var prices: [Double] = []
                prices.reserveCapacity(list.count)
                for k in list {
                    if k < 0 {
                        prices.append(0)
                    } else {
                        prices.append(Double(apply(p, d, k)))
                        _ = apply(p, d, -1)
                    }
                    if k == old[d] { currentCost += Int(prices.last!) }
                }
                dayOptions.append(list)
                dayCosts.append(prices)
            }
            let short = minutesShort[p]
            currentCost += (minuteWeight ?? 0) * short
            var planner = CheapestSchedule(
                options: dayOptions, costs: dayCosts, patternMinutes: patternMinutes, patternShifts: patternShifts,
                patternStart: patternStart, clash: clash, reach: reach, minuteWeight: minuteWeight.map(Double.init))
            planner.prunesByReachableMinutes = true
            if windows != nil { planner.labelLimit = Self.windowLabelLimit }
            let planned = planner.solve(rules: rules[p], bound: Double(currentCost) - 0.5)
            extensions += planned.extensions
            let found = planned.best
            var delta = removal
            let plan = found?.schedule ?? old
            for d in 0..<dayCount where plan[d] >= 0 { delta += apply(p, d, plan[d]) }
            if found != nil {
                let newShort = minuteWeight != nil ? rules[p].minutesShort(schedule[p], minutes: patternMinutes) : 0
                let total = delta + (minuteWeight ?? 0) * (newShort - short)
                if total < 0 && feasible(p) {
                    minutesShort[p] = newShort
                    cost += total
                    replanned += 1
                    if cost < bestCost {
                        bestCost = cost
                        best = schedule
                    }
                    continue
                }
                for d in 0..<dayCount where schedule[p][d] != old[d] { _ = apply(p, d, old[d]) }
            }
        }
        moves += extensions / Self.extensionsPerMove
        return replanned
    }

    // MARK: - Search

    /// Runs `count` more moves from the current roster, keeping the best roster seen in ``best``. Calls
    /// continue where the last one stopped (the same random stream and acceptance history). `shouldStop`
    /// is asked every few thousand moves (the deadline, Ctrl-C); stopping early is the only thing that
    /// makes a run depend on more than its inputs and seed.
    mutating func run(moves count: Int, shouldStop: () -> Bool = { false }) {
        guard staffCount > 0, dayCount > 0 else { return }
        if history.isEmpty { history = [Int](repeating: cost, count: historyLength) }
        var short: [Int] = []
        var changes: [(p: Int, d: Int, old: Int)] = []
        for step in 0..<count {
            // Every attempt counts, taken or not, so that a roster with few possible moves still ends.
            if step & 4095 == 0 && step > 0 && shouldStop() { break }
            moves += 1
            if step % 512 == 0 {
                short = problem.cover.indices.filter {
                    counted[$0] < problem.cover[$0].wanted
                }
            }
            changes.removeAll(keepingCapacity: true)
            var delta = 0
            var persons: [Int] = []
            let kind = rng.next() % 16
            if kind < 5 {
                // One person's day: another of their options.
                let p = Int(rng.next() % UInt64(staffCount)), d = Int(rng.next() % UInt64(dayCount))
                let choices = options[p * dayCount + d]
                guard choices.count > 1 else { continue }
                let k = choices[Int(rng.next() % UInt64(choices.count))]
                guard k != schedule[p][d] else { continue }
                changes.append((p, d, schedule[p][d]))
                delta += apply(p, d, k)
                persons = [p]
            } else if kind < 7, !short.isEmpty {
                // A session short of people: give it to someone it counts, from what they do that day.
                let r = short[Int(rng.next() % UInt64(short.count))]
                let requirement = problem.cover[r]
                let p = Int(rng.next() % UInt64(staffCount))
                guard counts[r * staffCount + p] else { continue }
                let cells = requirement.cells
                let cell = cells.count == 1 ? cells[0] : cells[Int(rng.next() % UInt64(cells.count))]
                let d = cell.day
                let current = schedule[p][d]
                let base = current >= 0 ? patterns[current] : []
                guard !base.contains(cell.shift) else { continue }
                let choices = options[p * dayCount + d].filter { $0 >= 0 && patterns[$0].contains(cell.shift) }
                guard !choices.isEmpty else { continue }
                // Prefer keeping what they already do that day.
                let keeping = choices.filter { Set(base).isSubset(of: patterns[$0]) }
                let pool = keeping.isEmpty ? choices : keeping
                let k = pool[Int(rng.next() % UInt64(pool.count))]
                changes.append((p, d, current))
                delta += apply(p, d, k)
                persons = [p]
            } else if kind < 12 {
                // Two people swap one day, or a block of days.
                let p = Int(rng.next() % UInt64(staffCount)), q = Int(rng.next() % UInt64(staffCount))
                guard p != q else { continue }
                let length = kind < 9 ? 1 : 2 + Int(rng.next() % 6)
                let first = Int(rng.next() % UInt64(dayCount))
                let last = min(dayCount - 1, first + length - 1)
                var valid = true
                var different = false
                for d in first...last {
                    let a = schedule[p][d], b = schedule[q][d]
                    if a != b { different = true }
                    if !isAllowed(p, d, b) || !isAllowed(q, d, a) { valid = false; break }
                }
                guard valid && different else { continue }
                for d in first...last {
                    let a = schedule[p][d], b = schedule[q][d]
                    if a == b { continue }
                    changes.append((p, d, a))
                    changes.append((q, d, b))
                    delta += apply(p, d, b)
                    delta += apply(q, d, a)
                }
                persons = [p, q]
            } else {
                // One person moves a day's work to a day they had off (their minutes stay the same).
                let p = Int(rng.next() % UInt64(staffCount))
                let from = Int(rng.next() % UInt64(dayCount)), to = Int(rng.next() % UInt64(dayCount))
                let k = schedule[p][from]
                guard from != to, k >= 0, schedule[p][to] < 0, isAllowed(p, from, -1), isAllowed(p, to, k) else { continue }
                changes.append((p, from, k))
                changes.append((p, to, -1))
                delta += apply(p, from, -1)
                delta += apply(p, to, k)
                persons = [p]
            }
            var shortNow: [Int] = []
            if let minuteWeight {
                for p in persons {
                    let short = rules[p].minutesShort(schedule[p], minutes: patternMinutes)
                    delta += minuteWeight * (short - minutesShort[p])
                    shortNow.append(short)
                }
            }
            let candidate = cost + delta
            let slot = moves % history.count
            if (candidate <= cost || candidate <= history[slot]) && persons.allSatisfy({ feasible($0) }) {
                for (p, short) in zip(persons, shortNow) { minutesShort[p] = short }
                cost = candidate
                if cost < bestCost {
                    // Late acceptance takes anything below a cost seen `historyLength` moves ago: once a broken
                    // hard rule is mended, the history still holds its price, and without a fresh start the
                    // search would wander as far as that price allows (into contract minimums, say).
                    if let hardStep, bestCost - cost >= hardStep {
                        history = [Int](repeating: cost, count: history.count)
                    }
                    bestCost = cost
                    best = schedule
                }
            } else {
                for change in changes.reversed() { _ = apply(change.p, change.d, change.old) }
            }
            history[slot] = cost
        }
    }
}
