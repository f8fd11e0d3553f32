import RotaCore

/// Pricing by dynamic programming (``CheapestSchedule``) instead of a MIP, for a person whose own problem
/// it states exactly: one shift a day, clashes one day apart, no minute windows, no runs of one shift type
/// and no fairness counts. Over long horizons GLPK's pricing MIPs run out of work (Instance18, 84 days:
/// 11–18 of 22 in every iteration), so column generation stalled on weak bounds; the dynamic programme
/// proves each person's least reduced cost in milliseconds.
struct SchedulePricing {
    let person: Int
    /// The day options (shifts, -1 for off) and rule tables, without costs (each pricing call supplies its own).
    private let template: CheapestSchedule
    /// Per day, each option's assignment column among the person's own (-1 for off).
    private let optionColumns: [[Int]]
    /// The person's other columns (working days, weekends): priced at zero, or the pricing is not exact.
    private let zeroColumns: [Int]
    /// The minutes-short column, priced per minute, when the contract minimum may give way.
    private let minutesShortColumn: Int?
    private let rules: PersonRules
    private let map: ColumnMap
    private let decomposition: PersonDecomposition
    /// Labels a day of the quick pass and of the full one (see ``price(reducedCosts:bound:)``).
    static let quickLabels = 300
    static let fullLabels = 20_000

    /// Nil when the person's problem holds something the dynamic programme does not state.
    init?(person: Int, map: ColumnMap, decomposition: PersonDecomposition, clashes: ClashTable) {
        let problem = map.problem
        let rules = PersonRules(problem: problem, staff: person)
        guard problem.staff[person].limits.maxShiftsPerDay == 1, clashes.reach <= 1, rules.arePlannedExactly else { return nil }
        let shiftCount = problem.shiftTypes.count, dayCount = problem.dayCount
        var columnOf = [Int](repeating: -1, count: dayCount * shiftCount)
        var zeroColumns: [Int] = []
        var minutesShortColumn: Int?
        for (local, column) in decomposition.personColumns[person].enumerated() {
            switch map.columns[column] {
            case .assignment(let a): columnOf[a.day * shiftCount + a.shift] = local
            case .workingDay, .weekend: zeroColumns.append(local)
            case .minutesShort: minutesShortColumn = local
            default: return nil
            }
        }
        var pins = [Set<Int>](repeating: [], count: dayCount)
        for pin in problem.pinned where pin.staff == person && pin.day >= 0 && pin.day < dayCount { pins[pin.day].insert(pin.shift) }
        var options: [[Int]] = []
        var optionColumns: [[Int]] = []
        for d in 0..<dayCount {
            guard pins[d].count <= 1 else { return nil }
            var list: [Int] = pins[d].isEmpty ? [-1] : []
            var columns: [Int] = pins[d].isEmpty ? [-1] : []
            for shift in 0..<shiftCount where columnOf[d * shiftCount + shift] >= 0 && (pins[d].isEmpty || pins[d].contains(shift)) {
                list.append(shift)
                columns.append(columnOf[d * shiftCount + shift])
            }
            options.append(list)
            optionColumns.append(columns)
        }
        // One shift a day: each shift type is a day pattern of its own.
        template = CheapestSchedule(
            options: options, costs: [], patternMinutes: problem.shiftTypes.map(\.paidMinutes),
            patternShifts: Array(0..<shiftCount), patternStart: Array(0...shiftCount),
            clash: LocalSearch.clashes(of: (0..<shiftCount).map { [$0] }, clashes: clashes), reach: clashes.reach,
            minuteWeight: nil)
        self.person = person
        self.optionColumns = optionColumns
        self.zeroColumns = zeroColumns
        self.minutesShortColumn = minutesShortColumn
        self.rules = rules
        self.map = map
        self.decomposition = decomposition
    }

    /// The person's cheapest schedule at `reducedCosts` (their own columns') if it costs less than `bound`, as a
    /// pattern, with a lower bound on their least reduced cost; nil when the reduced costs are not ones the
    /// dynamic programme prices exactly (then the caller's MIP prices). `quick`: found by the quick pass;
    /// neither quick nor exact, the full pass ran out of labels (the caller's MIP then prices too).
    ///
    /// A quick pass keeps only ``quickLabels`` labels a day, then the full one searches below what it found:
    /// early duals (from a master of a few patterns) leave most labels within the convexity dual, and a
    /// full pass against that bound tries millions, while against the quick pass's schedule it prunes
    /// nearly all. Out of labels with the quick pass's schedule in hand, that schedule is returned (`quick`,
    /// `lower` the relaxation's), which is all an iteration needs.
    ///
    /// `fixed`, when given, holds per day the one option the schedule must take there (a shift, -1 for off)
    /// or nil where it is free: the cell dive's fixings (``ColumnGeneration/cellDivePoint(workLimit:cutoff:until:clock:stop:)``).
    func price(reducedCosts: [Double], bound: Double, fixed: [Int?]? = nil) -> (pattern: Pattern?, lower: Double, exact: Bool, quick: Bool, extensions: Int)? {
        guard zeroColumns.allSatisfy({ abs(reducedCosts[$0]) < 1e-9 }) else { return nil }
        let minuteWeight = minutesShortColumn.map { reducedCosts[$0] }
        if let minuteWeight, minuteWeight < 0 { return nil }
        var options = template.options
        var costs = optionColumns.map { $0.map { $0 < 0 ? 0 : reducedCosts[$0] } }
        if let fixed {
            for (day, option) in fixed.enumerated() {
                guard let option else { continue }
                let kept = options[day].indices.filter { options[day][$0] == option }
                options[day] = kept.map { options[day][$0] }
                costs[day] = kept.map { costs[day][$0] }
            }
        }
        var planner = CheapestSchedule(
            options: options,
            costs: costs,
            patternMinutes: template.patternMinutes, patternShifts: template.patternShifts,
            patternStart: template.patternStart, clash: template.clash, reach: template.reach, minuteWeight: minuteWeight)
        planner.labelLimit = Self.quickLabels
        var result = planner.solve(rules: rules, bound: bound)
        var quick = false
        if !result.exact {
            // The full search, below what the quick pass found: if nothing is cheaper, that schedule is
            // the cheapest, and the bound it gives is proven.
            planner.labelLimit = Self.fullLabels
            let found = result
            result = planner.solve(rules: rules, bound: found.best?.cost ?? bound)
            result.extensions += found.extensions
            if result.best == nil, let best = found.best {
                result.best = best
                if result.exact { result.lowerBound = best.cost } else { quick = true }
            } else if !result.exact && found.best != nil {
                quick = true
            }
        }
        // Nothing below the bound, every label kept: the least reduced cost is at least the bound.
        var lower = result.best == nil && result.exact ? max(result.lowerBound, bound) : result.lowerBound
        var pattern: Pattern?
        if let best = result.best {
            let assignments = best.schedule.enumerated().compactMap { day, shift in
                shift >= 0 ? Assignment(staff: person, day: day, shift: shift) : nil
            }
            if let point = map.point(for: Roster(assignments)) {
                pattern = decomposition.pattern(of: person, in: point)
            }
            if !result.exact { lower = min(lower, best.cost) }
        }
        return (pattern, lower, result.exact, quick, result.extensions)
    }
}
