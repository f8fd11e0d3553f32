/// The cheapest schedule for one person under their own rules, when what each day's choice costs does not
/// depend on the person's other days: dynamic programming over the days (a resource-constrained shortest
/// path, the pricing problem of branch-and-price for rostering).
///
/// A label is a partial schedule up to some day: its cost, its run state (last pattern, whether the run is
/// one of work, its length, whether it is exempt from the shortest-run rules), its paid minutes, weekends
/// and counts per limited shift type. Labels with the same run state and minutes keep only those no other
/// beats on cost, weekends and counts. A backward pass over the run states alone (no resources: a
/// relaxation) gives every state a least cost to the end, so a label that cannot beat `bound` is dropped
/// at once; asked for a strictly better schedule than the current one, most of the search ends early.
///
/// States the rules exactly for runs, clashes one day apart, shift type counts, paid minutes over the
/// horizon and weekends. Clashes further apart, minute windows and runs of one shift type are left to the
/// caller's check (``PersonRules/isFeasible(_:patternShifts:patternStart:minutes:clash:reach:)``), which
/// every schedule it returns must still pass.
struct CheapestSchedule {
    /// Per day, the options (pattern index, -1 for off) and what each costs.
    let options: [[Int]]
    let costs: [[Double]]
    let patternMinutes: [Int]
    let patternShifts: [Int]
    let patternStart: [Int]
    /// `clash[(1 * patterns + a) * patterns + b]`, as ``LocalSearch`` keeps it (`reach` at least 1 when set).
    let clash: [Bool]
    let reach: Int
    /// The price of a minute short of the contract minimum when minimums may give way.
    let minuteWeight: Double?
    /// Most labels kept a day: beyond it the cheapest are kept (then the result is a good schedule, not
    /// always the cheapest).
    var labelLimit = 20_000
    /// Whether a label is dropped as soon as the most minutes its run state can still add cannot reach the
    /// contract minimum (else only once the days left, all worked, cannot). Where people work close to their
    /// most (Instance22: 232 of at most 234 shifts) the weaker test keeps labels alive for weeks; re-planning
    /// turns it on. Column generation leaves it off: its pricing finds the same schedules either way, and on
    /// the benchmark's 28-day instances the labels it saves only moved the solve onto another path, at 60 s
    /// no better (Instance8, five seeds: 1 385 on average against 1 332; BENCHMARKS.md).
    var prunesByReachableMinutes = false

    /// What ``solve(rules:bound:)`` found and did.
    struct Result {
        /// The cheapest schedule costing less than the bound (a pattern index or -1 per day) and its cost.
        var best: (schedule: [Int], cost: Double)?
        /// No schedule costs less than this (the backward pass's relaxation; the best's cost when exact).
        var lowerBound: Double
        /// Whether the label limit never cut in: then `best` is the cheapest below the bound, and none
        /// means there is none.
        var exact: Bool
        /// Labels tried (the work).
        var extensions: Int
    }

    /// The cheapest schedule costing less than `bound`, if any (see ``Result``).
    ///
    /// Counts per shift type are left out at first: as resources they multiply the labels kept (a limit of
    /// 43 of 84 days on one type keeps a label for each count), and most do not bind. The search runs again
    /// counting the types the cheapest schedule has too many of, until it breaks none.
    func solve(rules: PersonRules, bound: Double) -> Result {
        var counted: [Int] = []
        var extensions = 0
        while true {
            var result = solve(rules: rules, bound: bound, counting: counted)
            extensions += result.extensions
            result.extensions = extensions
            guard let best = result.best else { return result }
            var counts = [Int](repeating: 0, count: rules.maxByType.count)
            for k in best.schedule where k >= 0 {
                for index in patternStart[k]..<patternStart[k + 1] { counts[patternShifts[index]] += 1 }
            }
            let over = counts.indices.filter { counts[$0] > rules.maxByType[$0] && !counted.contains($0) }
            guard !over.isEmpty else { return result }
            counted += over
        }
    }

    private func solve(rules: PersonRules, bound: Double, counting counted: [Int]) -> Result {
        let dayCount = options.count
        var result = Result(best: nil, lowerBound: 0, exact: true, extensions: 0)
        guard dayCount > 0 else { return result }
        let patternCount = patternMinutes.count
        let limits = rules.limits
        let maxConsecutive = limits.maxConsecutiveWorkingDays
        let minWork = limits.minConsecutiveWorkingDays ?? 1
        let minOff = limits.minConsecutiveDaysOff ?? 1
        let workCap = max(maxConsecutive ?? 0, minWork, 1)
        let offCap = max(minOff, 1)
        let cap = max(workCap, offCap)
        let maxMinutes = limits.maxPaidMinutes ?? Int.max
        let minMinutes = limits.minPaidMinutes ?? 0
        let elastic = rules.minimumsAreElastic
        let maxWeekends = limits.maxWeekends ?? Int.max
        let clashes = reach >= 1 && !clash.isEmpty

        // Shift types whose limit can bind, and the slot each pattern's shifts count in.
        let limited = counted.sorted()
        let slotOfType = Dictionary(uniqueKeysWithValues: limited.enumerated().map { ($1, $0) })
        let slotCount = limited.count
        let slotLimit = limited.map { rules.maxByType[$0] }
        let patternSlots: [[Int]] = (0..<patternCount).map { k in
            patternShifts[patternStart[k]..<patternStart[k + 1]].compactMap { slotOfType[$0] }
        }

        // Run states: the last day's pattern, the run's length in 0...cap (0: no run yet) and whether it is
        // exempt from the shortest-run rules.
        let lastValues = patternCount + 2
        let stateCount = lastValues * (cap + 1) * 2
        func stateIndex(last: Int, length: Int, exempt: Bool) -> Int {
            ((last + 2) * (cap + 1) + length) * 2 + (exempt ? 1 : 0)
        }
        // last: -1 off, -2 worked with no known pattern (the history's), >= 0 a pattern. A run that starts on
        // day 0 is exempt from the shortest-run rules without history (``PersonRules``).
        let firstRunExempt = rules.historyDays == 0
        func advance(_ state: Int, _ option: Int, day: Int) -> Int? {
            let exempt = state & 1 == 1
            let length = (state >> 1) % (cap + 1)
            let last = (state >> 1) / (cap + 1) - 2
            let working = last != -1
            let works = option >= 0
            if length == 0 { return stateIndex(last: option, length: 1, exempt: firstRunExempt) }
            if works && working && clashes && last >= 0 && clash[(patternCount + last) * patternCount + option] { return nil }
            if works == working {
                let next = length + 1
                if works, let maxConsecutive, next > maxConsecutive { return nil }
                return stateIndex(last: option, length: min(next, works ? workCap : offCap), exempt: exempt)
            }
            if !exempt && length < (working ? minWork : minOff) { return nil }
            return stateIndex(last: option, length: 1, exempt: day == 0 && firstRunExempt)
        }

        // The start: the run the history ends with, or none. Days worked before count towards the longest
        // run even without history days; the shortest-run rules need the history to know where runs began.
        let start: Int
        if rules.workedBefore > 0 {
            let exempt = firstRunExempt || rules.workedBefore >= rules.historyDays
            start = stateIndex(last: -2, length: min(rules.workedBefore, workCap), exempt: exempt)
        } else if rules.historyDays > 0 && rules.offBefore > 0 {
            start = stateIndex(last: -1, length: min(rules.offBefore, offCap), exempt: rules.offBefore >= rules.historyDays)
        } else {
            start = stateIndex(last: -1, length: 0, exempt: firstRunExempt)
        }

        // Least cost from each state at the end of day d to the end, and the most minutes the days after it
        // can still add (``prunesByReachableMinutes``), rules on runs only.
        let unreachable = Double.infinity
        var toGo = [Double](repeating: 0, count: dayCount * stateCount)
        var minutesToGo = prunesByReachableMinutes ? [Int](repeating: 0, count: dayCount * stateCount) : []
        var reachableStates = [[Int]](repeating: [], count: dayCount)
        do {
            var current: Set<Int> = [start]
            for d in 0..<dayCount {
                var next: Set<Int> = []
                for state in current { for option in options[d] { if let s = advance(state, option, day: d) { next.insert(s) } } }
                reachableStates[d] = next.sorted()
                current = next
            }
            for d in stride(from: dayCount - 2, through: 0, by: -1) {
                for state in reachableStates[d] {
                    var best = unreachable
                    var most = Int.min
                    for (j, option) in options[d + 1].enumerated() {
                        guard let s = advance(state, option, day: d + 1) else { continue }
                        let next = (d + 1) * stateCount + s
                        best = min(best, costs[d + 1][j] + toGo[next])
                        // Only continuations that reach the last day (the last day's own are all zero).
                        if prunesByReachableMinutes && toGo[next] < unreachable {
                            most = max(most, (option >= 0 ? patternMinutes[option] : 0) + minutesToGo[next])
                        }
                    }
                    toGo[d * stateCount + state] = best
                    if prunesByReachableMinutes { minutesToGo[d * stateCount + state] = most == Int.min ? 0 : most }
                }
            }
            var first = unreachable
            for (j, option) in options[0].enumerated() {
                guard let s = advance(start, option, day: 0) else { continue }
                first = min(first, costs[0][j] + (dayCount > 1 ? toGo[s] : 0))
            }
            result.lowerBound = first
        }
        // Most minutes the days after d can still add.
        var minutesAfter = [Int](repeating: 0, count: dayCount + 1)
        for d in stride(from: dayCount - 1, through: 0, by: -1) {
            let most = options[d].map { $0 >= 0 ? patternMinutes[$0] : 0 }.max() ?? 0
            minutesAfter[d] = minutesAfter[d + 1] + most
        }
        func shortfallCost(_ minutes: Int, after d: Int) -> Double {
            guard elastic, let minuteWeight else { return 0 }
            return minuteWeight * Double(max(0, minMinutes - minutes - minutesAfter[d + 1]))
        }

        // Labels, day by day (flat; `counts` holds `slotCount` per label).
        struct Label {
            var cost: Double
            var state: Int
            var minutes: Int
            var weekends: Int
            var weekendWorked: Bool
            var parent: Int
            var option: Int
            var alive: Bool
        }
        var days: [[Label]] = []
        var previous = [Label(cost: 0, state: start, minutes: 0, weekends: 0, weekendWorked: false, parent: -1, option: -1, alive: true)]
        var previousCounts = [Int](repeating: 0, count: slotCount)
        var counts: [Int] = []
        var newCounts = [Int](repeating: 0, count: slotCount)
        for d in 0..<dayCount {
            var labels: [Label] = []
            counts.removeAll(keepingCapacity: true)
            var buckets: [Int: [Int]] = [:]
            let weekend = rules.weekendOfDay[d]
            let sameWeekend = d > 0 && weekend >= 0 && rules.weekendOfDay[d - 1] == weekend
            for (i, label) in previous.enumerated() where label.alive {
                for (j, option) in options[d].enumerated() {
                    result.extensions += 1
                    guard let state = advance(label.state, option, day: d) else { continue }
                    let cost = label.cost + costs[d][j]
                    var minutes = label.minutes
                    var weekends = label.weekends
                    var weekendWorked = sameWeekend && label.weekendWorked
                    if option >= 0 {
                        minutes += patternMinutes[option]
                        if minutes > maxMinutes { continue }
                        if weekend >= 0 && !weekendWorked {
                            weekends += 1
                            if weekends > maxWeekends { continue }
                            weekendWorked = true
                        }
                    }
                    if !elastic {
                        let reachable = prunesByReachableMinutes ? (d + 1 < dayCount ? minutesToGo[d * stateCount + state] : 0) : minutesAfter[d + 1]
                        if minutes + reachable < minMinutes { continue }
                    }
                    let lower = cost + (d + 1 < dayCount ? toGo[d * stateCount + state] : 0) + shortfallCost(minutes, after: d)
                    if lower >= bound { continue }
                    var fits = true
                    for s in 0..<slotCount { newCounts[s] = previousCounts[i * slotCount + s] }
                    if option >= 0 {
                        for s in patternSlots[option] {
                            newCounts[s] += 1
                            if newCounts[s] > slotLimit[s] { fits = false }
                        }
                    }
                    guard fits else { continue }
                    // Dominance among labels with the same run state, minutes and weekend flag.
                    let key = (state * 2 + (weekendWorked ? 1 : 0)) &* 1_000_003 &+ minutes
                    var dominated = false
                    if let bucket = buckets[key] {
                        for other in bucket where labels[other].alive {
                            let o = labels[other]
                            var otherNoWorse = o.cost <= cost && o.weekends <= weekends
                            var newNoWorse = cost <= o.cost && weekends <= o.weekends
                            for s in 0..<slotCount {
                                let a = counts[other * slotCount + s], b = newCounts[s]
                                if a > b { otherNoWorse = false }
                                if b > a { newNoWorse = false }
                            }
                            if otherNoWorse { dominated = true; break }
                            if newNoWorse { labels[other].alive = false }
                        }
                    }
                    if dominated { continue }
                    buckets[key, default: []].append(labels.count)
                    labels.append(Label(
                        cost: cost, state: state, minutes: minutes, weekends: weekends, weekendWorked: weekendWorked,
                        parent: i, option: option, alive: true))
                    counts.append(contentsOf: newCounts)
                }
            }
            if labels.count > labelLimit {
                // Keep the most promising: least cost plus cost to go.
                let ranked = labels.indices.filter { labels[$0].alive }.sorted {
                    let a = labels[$0].cost + (d + 1 < dayCount ? toGo[d * stateCount + labels[$0].state] : 0)
                    let b = labels[$1].cost + (d + 1 < dayCount ? toGo[d * stateCount + labels[$1].state] : 0)
                    return (a, $0) < (b, $1)
                }
                for index in ranked.dropFirst(labelLimit) { labels[index].alive = false }
                result.exact = false
            }
            guard labels.contains(where: \.alive) else { return result }
            days.append(labels)
            previous = labels
            previousCounts = counts
        }
        var best: (index: Int, cost: Double)?
        for (i, label) in previous.enumerated() where label.alive {
            let total = label.cost + shortfallCost(label.minutes, after: dayCount - 1)
            if total < bound && total < (best?.cost ?? .infinity) { best = (i, total) }
        }
        guard let best else { return result }
        var schedule = [Int](repeating: -1, count: dayCount)
        var index = best.index
        for d in stride(from: dayCount - 1, through: 0, by: -1) {
            let label = days[d][index]
            schedule[d] = label.option
            index = label.parent
        }
        result.best = (schedule, best.cost)
        if result.exact { result.lowerBound = best.cost }
        return result
    }
}
