import Foundation
import GLPKKit
import RotaCore

/// Column generation over the person decomposition (see ``PersonDecomposition``): a lower bound far
/// stronger than the model's LP relaxation.
///
/// Each iteration solves the master's LP over the patterns known so far, then asks each person's own
/// problem (a small MIP, solved by GLPK) for the schedule of least reduced cost at the master's duals, and
/// adds those that price out. Each iteration's duals give a Lagrangian bound on the whole model, valid
/// whatever the duals (``PersonDecomposition/lagrangianBound(couplingDuals:personMinima:)``); when no
/// schedule prices out any more it equals the master's LP value, the strongest bound of this
/// decomposition. Every person's rules hold exactly in each pattern, so this bound is usually far above the
/// model's own LP relaxation: on the benchmark instances and the example practice it meets the optimum
/// (BENCHMARKS.md), so a search that reaches it is proven optimal.
///
/// Runs on one thread (it owns GLPK problems); everything stops on work, so the result is a function of
/// the inputs.
struct ColumnGeneration {
    let decomposition: PersonDecomposition
    let map: ColumnMap
    private let master: GLPKProblem
    private var pricing: [GLPKProblem?]
    /// Each person's pricing by dynamic programming, where it states their problem exactly (else nil).
    private let schedulePricing: [SchedulePricing?]
    /// Whether pricing by dynamic programming is used where it applies (else every person's MIP prices).
    var pricesBySchedules = true
    /// Patterns in the master, in column order after the master's own columns.
    private(set) var patterns: [Pattern] = []
    private var known: [Set<[Int]>]
    /// The best proven lower bound so far.
    private(set) var bound: Double?
    /// The master's LP value at the last iteration.
    private(set) var masterValue: Double?
    /// Whether no schedule prices out at the last duals (the bound is the decomposition's LP bound).
    private(set) var converged = false
    /// Stopped because the bound did not move while pricing MIPs were cut short (``stallLimit``).
    private(set) var stalled = false
    /// Stops the pricing and master MIPs, and the iterations, when asked.
    var control: GLPKControl?
    private(set) var iterations = 0
    private(set) var work = 0.0
    var log: [String] = []
    /// GLPK options for each person's pricing MIP.
    var pricingOptions: MIPOptions = {
        var options = MIPOptions()
        options.presolve = true
        options.cliqueCuts = true
        options.coverCuts = true
        options.mixedIntegerRoundingCuts = true
        options.workWeights = .pricing
        return options
    }()
    /// Most work one pricing MIP may take (``SolveOptions/columnGenerationPricingWorkLimit``).
    let pricingWorkLimit: Double
    /// Weight of the best-bound duals in the point priced at (0: the master's duals alone).
    var smoothing = 0.5
    private var center: [Double]?
    private var smoothingMisses = 0
    /// Whether the next iteration prices at ``center`` alone (set by ``startPricing(atModelDuals:)``).
    private var priceAtCenter = false
    /// Iterations in a row that left the bound where it was (or still gave none) while at least a quarter
    /// of the pricing MIPs hit their work limit.
    private var stalledIterations = 0
    /// After this many such iterations the run stops: with much of the pricing cut short, each bound rests
    /// on the pricing MIPs' own weak bounds and rarely moves (Instance18, 84 days: the first iteration's
    /// bound, then 18 iterations and 30 s without a gain), while the time is worth more to the search.
    let stallLimit = 5

    init(program: LinearProgram, map: ColumnMap, pricingWorkLimit: Double) throws(GLPKError) {
        decomposition = PersonDecomposition(program: program, map: map)
        self.map = map
        self.pricingWorkLimit = pricingWorkLimit
        master = try GLPKProblem(decomposition.masterProgram())
        pricing = Array(repeating: nil, count: decomposition.personCount)
        let clashes = ClashTable(problem: map.problem)
        schedulePricing = (0..<decomposition.personCount).map { [decomposition] in
            SchedulePricing(person: $0, map: map, decomposition: decomposition, clashes: clashes)
        }
        known = Array(repeating: [], count: decomposition.personCount)
    }

    /// Adds every person's schedule in `point` (a full model point, e.g. a roster's) that the master lacks.
    mutating func addPatterns(from point: [Double]) throws(GLPKError) {
        try add((0..<decomposition.personCount).map { decomposition.pattern(of: $0, in: point) })
    }

    private mutating func add(_ candidates: [Pattern]) throws(GLPKError) {
        var fresh: [Pattern] = []
        for pattern in candidates where known[pattern.person].insert(pattern.key).inserted { fresh.append(pattern) }
        guard !fresh.isEmpty else { return }
        let convexityRow = decomposition.couplingRows.count
        try master.addColumns(fresh.map { pattern in
            NewColumn(
                bounds: LinearProgram.Bounds(lower: 0, upper: 1), isInteger: false, objective: pattern.cost,
                entries: pattern.coupling.map { ($0.row, $0.value) } + [(convexityRow + pattern.person, 1)])
        })
        patterns += fresh
    }

    /// Makes the first iteration price at these duals of the whole model's rows (0-based), e.g. the LP
    /// relaxation's, and keeps them as the smoothing centre: its Lagrangian bound is then at least the LP's,
    /// since each person's schedules are a subset of their LP polytope.
    mutating func startPricing(atModelDuals duals: [Double]) {
        center = decomposition.couplingRows.map { duals[$0] } + Array(repeating: 0, count: decomposition.personCount)
        priceAtCenter = true
    }

    /// Runs iterations until no schedule prices out, the bound closes on the master's value (or on
    /// `incumbent`: an integer objective cannot beat the bound rounded up), or `workLimit` or the deadline
    /// comes. Every person must already have a pattern (``addPatterns(from:)``).
    ///
    /// Duals are smoothed (Wentges): each iteration prices at a point between the master's duals and the
    /// duals that gave the best bound so far, which damps the oscillation of the master's duals and makes
    /// every iteration's bound count. When that point prices out nothing that the master's own duals would
    /// take, the next iteration prices at the master's duals, so the search cannot stall.
    mutating func run(
        workLimit: Double, incumbent: Double?, until deadline: ContinuousClock.Instant, clock: ContinuousClock,
        stop: () -> Bool = { false }
    ) throws(GLPKError) {
        let stopAt = work + workLimit
        let couplingCount = decomposition.couplingRows.count
        let personCount = decomposition.personCount
        while work < stopAt && clock.now < deadline && !(control?.isStopped ?? false) && !stop() {
            let lp = try solveMaster(until: deadline, clock: clock)
            guard lp.isOptimal else {
                log.append("column generation: the master LP did not solve (iteration \(iterations + 1))")
                return
            }
            masterValue = lp.objective
            iterations += 1
            let masterDuals = Array(lp.rowDuals)
            // Price at the smoothed point, unless the last one mispriced (or there is no centre yet).
            let weight = priceAtCenter ? 1 : smoothingMisses > 0 || center == nil ? 0 : smoothing
            priceAtCenter = false
            let duals = center.map { center in zip(center, masterDuals).map { weight * $0 + (1 - weight) * $1 } } ?? masterDuals
            let couplingDuals = Array(duals[0..<couplingCount])
            let masterCouplingDuals = Array(masterDuals[0..<couplingCount])
            var minima: [Double] = []
            var exact = true
            var fresh: [Pattern] = []
            var statistics = (limited: 0, nodes: 0, work: 0.0)
            let iterationStart = clock.now
            for person in 0..<personCount {
                guard work < stopAt, clock.now < deadline, !(control?.isStopped ?? false), !stop() else { exact = false; break }
                let result = try price(
                    person, at: couplingDuals, convexityDual: duals[couplingCount + person], until: deadline, clock: clock)
                statistics.nodes += result.nodes
                statistics.work += result.work
                if !result.exact {
                    // A schedule the quick dynamic programme found prices out: progress, not a pricing cut short.
                    if !result.byQuickPass { statistics.limited += 1 }
                    exact = false
                }
                if let lower = result.lower { minima.append(lower) }
                guard let pattern = result.pattern else {
                    if result.infeasible {
                        log.append("column generation: \(map.problem.staff[person].id) has no schedule meeting their rules")
                        return
                    }
                    continue
                }
                // Only what the master itself would take: negative at the master's duals.
                if pattern.reducedCost(couplingDuals: masterCouplingDuals, convexityDual: masterDuals[couplingCount + person]) < -1e-6 {
                    fresh.append(pattern)
                }
            }
            var improved = false
            if minima.count == personCount,
                let lagrangian = decomposition.lagrangianBound(couplingDuals: couplingDuals, personMinima: minima),
                lagrangian > (bound ?? -.infinity)
            {
                improved = bound.map { lagrangian > $0 + 1e-6 * max(1, abs($0)) } ?? true
                bound = lagrangian
                center = duals
            }
            // Stalled: no gain while pricing was cut short for at least a quarter of the people. Where only a
            // few pricing MIPs run out (Instance14: 1–5 of 32) the bound still moves once the master's duals
            // come close to the centre; where most do (Instance18: 11–18 of 22) it stays put.
            stalledIterations = improved || statistics.limited * 4 < personCount ? 0 : stalledIterations + 1
            if center == nil { center = masterDuals }
            let before = patterns.count
            try add(fresh)
            trace("cg \(iterations): master \(lp.objective) bound \(bound ?? -1) weight \(weight) new \(patterns.count - before) limited \(statistics.limited) nodes \(statistics.nodes) work \(Int(statistics.work)) in \((clock.now - iterationStart).formattedSeconds)")
            if patterns.count == before && minima.count == personCount {
                if weight == 0 && exact {
                    // Nothing prices out at the master's own duals, every pricing proven: the LP bound.
                    converged = true
                    bound = max(bound ?? -.infinity, lp.objective)
                    return
                }
                smoothingMisses += 1
            } else {
                smoothingMisses = 0
            }
            if let bound, lp.objective - bound <= 1e-6 * max(1, abs(lp.objective)) {
                // The restricted master's value is a bound on the whole master: this is its LP bound.
                converged = true
                return
            }
            if let bound, let incumbent, ModelObjective.reaches(incumbent, bound: bound) { return }
            if stalledIterations >= stallLimit {
                stalled = true
                log.append("column generation: stopped, the bound unchanged for \(stalledIterations) iterations of pricing cut short")
                return
            }
        }
    }

    /// The best the known patterns can do together: the master as a MIP over them (each person takes one
    /// whole pattern), stopped at `workLimit`. Returns the model point of every person's chosen pattern
    /// (assignment columns only; the caller rebuilds the rest from the roster), or nil when it finds none.
    /// Where column generation converged with its LP at the optimum (Instance4), the optimal roster is
    /// often a combination of patterns already known.
    mutating func restrictedMasterPoint(workLimit: Double, until deadline: ContinuousClock.Instant, clock: ContinuousClock)
        throws(GLPKError) -> [Double]?
    {
        let first = master.columnCount - patterns.count
        let patternColumns = Array(first..<master.columnCount)
        try master.setInteger(patternColumns, true)
        defer { try? master.setInteger(patternColumns, false) }
        var options = MIPOptions()
        options.presolve = true
        options.cliqueCuts = true
        options.coverCuts = true
        options.workLimit = workLimit
        options.timeLimit = deadline - clock.now
        let result = try master.solve(options, control: control)
        work += result.work
        guard let values = result.columnValues else { return nil }
        return point(of: patterns.indices.filter { values[first + $0] > 0.5 })
    }

    /// Price-and-dive, the primal heuristic of branch-and-price: fixes the people whose schedule the master
    /// LP already (nearly) takes whole — at least the one it takes most of — prices new schedules for the
    /// others at the new duals, solves the master again, and repeats until everyone has one schedule.
    /// Where the master's LP is at or near the optimum, the roster it ends with is too (the LP picks whole
    /// schedules for most people; the dive settles the rest one at a time, each time re-pricing around
    /// the choices made). Returns the model point of the chosen schedules (assignment columns only), or nil
    /// when the work runs out first, a fixing leaves the master infeasible, or the master's value reaches
    /// `cutoff` (the incumbent's: on the example practice fixing late in the dive breaks hard cover, and the
    /// dive ran out of work at 2 × 10⁸ instead). The master's bounds are put back afterwards; the schedules
    /// priced on the way stay in it.
    mutating func divePoint(
        workLimit: Double, cutoff: Double? = nil, until deadline: ContinuousClock.Instant, clock: ContinuousClock,
        stop: () -> Bool = { false }
    ) throws(GLPKError) -> [Double]? {
        let stopAt = work + workLimit
        let personCount = decomposition.personCount
        let couplingCount = decomposition.couplingRows.count
        // The pattern chosen for each person, as an index into `patterns`.
        var chosen = [Int?](repeating: nil, count: personCount)
        defer {
            let first = master.columnCount - patterns.count
            try? master.setBounds(chosen.compactMap { $0 }.map { (first + $0, .range(0, 1)) })
        }
        var pricedJustNow = true
        // The master's value when schedules were last priced: pricing again pays only once fixing has moved it.
        var pricedAt: Double?
        while work < stopAt && clock.now < deadline && !(control?.isStopped ?? false) && !stop() {
            let lp = try solveMaster(until: deadline, clock: clock)
            guard lp.isOptimal else { return nil }
            if let cutoff, lp.objective >= cutoff - 0.5 {
                trace("dive: master \(lp.objective) reaches the incumbent \(cutoff); stopped")
                return nil
            }
            if pricedAt == nil { pricedAt = lp.objective }
            // Schedules that price out for those still open, at the master's duals, once the fixings have
            // raised the master's value by one per cent since the last pricing.
            if !pricedJustNow, let last = pricedAt, lp.objective > last + 0.01 * max(1, abs(last)) {
                pricedAt = lp.objective
                let duals = Array(lp.rowDuals)
                let coupling = Array(duals[0..<couplingCount])
                var fresh: [Pattern] = []
                for person in 0..<personCount where chosen[person] == nil {
                    guard work < stopAt, clock.now < deadline, !(control?.isStopped ?? false), !stop() else { return nil }
                    let result = try price(
                        person, at: coupling, convexityDual: duals[couplingCount + person], until: deadline, clock: clock)
                    guard let pattern = result.pattern else { continue }
                    if pattern.reducedCost(couplingDuals: coupling, convexityDual: duals[couplingCount + person]) < -1e-6 {
                        fresh.append(pattern)
                    }
                }
                let before = patterns.count
                try add(fresh)
                if patterns.count > before {
                    pricedJustNow = true  // solve the master again with the new schedules before fixing more
                    continue
                }
            }
            pricedJustNow = false
            let first = master.columnCount - patterns.count
            var largest = [Double](repeating: -1, count: personCount)
            var largestPattern = [Int](repeating: -1, count: personCount)
            for (offset, pattern) in patterns.enumerated() where chosen[pattern.person] == nil {
                let value = lp.columnValues[first + offset]
                if value > largest[pattern.person] {
                    largest[pattern.person] = value
                    largestPattern[pattern.person] = offset
                }
            }
            let open = (0..<personCount).filter { chosen[$0] == nil && largestPattern[$0] >= 0 }
            guard !open.isEmpty else { break }
            // Whole schedules first; else the few people the master takes most of (a tenth of those open).
            var fixing = open.filter { largest[$0] > 0.99 }
            if fixing.isEmpty {
                fixing = Array(open.sorted { (largest[$0], -$0) > (largest[$1], -$1) }.prefix(max(1, open.count / 10)))
            }
            for person in fixing { chosen[person] = largestPattern[person] }
            try master.setBounds(fixing.map { (first + largestPattern[$0], .fixed(1)) })
            trace("dive: \(chosen.compactMap { $0 }.count)/\(personCount) fixed, master \(lp.objective), work \(Int(work))")
            if chosen.allSatisfy({ $0 != nil }) { break }
        }
        guard chosen.allSatisfy({ $0 != nil }) else { return nil }
        return point(of: chosen.compactMap { $0 })
    }

    /// Whether every person is priced by dynamic programming, which the cell dive needs.
    var pricesEveryoneBySchedules: Bool { pricesBySchedules && schedulePricing.allSatisfy { $0 != nil } }

    /// Price-and-dive on the people's days rather than on whole schedules: fixes what the master LP takes
    /// on a person's day (a shift or a day off) where it is all but settled, and 3 % of the most settled
    /// of the rest, bans the schedules that disagree, and prices again — each person's schedule stays free on
    /// every day not yet fixed, so it can move around the choices made instead of being taken whole. Repeats
    /// until every day is fixed. Needs every person priced by dynamic programming
    /// (``pricesEveryoneBySchedules``), which takes the fixings as it plans. Returns the model point of the
    /// schedules it ends with (assignment columns only), or nil when the work runs out first, the master
    /// fails, or its value reaches `cutoff`. The master's bounds are put back afterwards.
    mutating func cellDivePoint(
        workLimit: Double, cutoff: Double? = nil, until deadline: ContinuousClock.Instant, clock: ContinuousClock,
        stop: () -> Bool = { false }
    ) throws(GLPKError) -> [Double]? {
        let stopAt = work + workLimit
        let personCount = decomposition.personCount, couplingCount = decomposition.couplingRows.count
        let dayCount = map.problem.dayCount, shiftCount = map.problem.shiftTypes.count
        let slots = shiftCount + 1  // slot 0: off; slot s + 1: shift s
        var fixed = [[Int?]](repeating: Array(repeating: nil, count: dayCount), count: personCount)
        var banned = Set<Int>()
        defer {
            let first = master.columnCount - patterns.count
            try? master.setBounds(banned.map { (first + $0, .range(0, 1)) })
        }
        // Each pattern's shift per day (-1 off), kept up with ``patterns``.
        var schedules: [[Int]] = []
        func extendSchedules() {
            for pattern in patterns[schedules.count...] {
                var days = [Int](repeating: -1, count: dayCount)
                for column in pattern.key {
                    if case .assignment(let a) = map.columns[column] { days[a.day] = a.shift }
                }
                schedules.append(days)
            }
        }
        func agrees(_ offset: Int) -> Bool {
            let person = patterns[offset].person
            return (0..<dayCount).allSatisfy { day in fixed[person][day].map { $0 == schedules[offset][day] } ?? true }
        }
        func running() -> Bool { work < stopAt && clock.now < deadline && !(control?.isStopped ?? false) && !stop() }
        extendSchedules()
        while running() {
            var lp = try solveMaster(until: deadline, clock: clock)
            guard lp.isOptimal else { return nil }
            // Priced again until nothing new prices out around the fixings: with three rounds at most, the
            // next fixings were read off a master short of columns (Instance8: 1704 instead of 1509).
            for _ in 0..<20 {
                let duals = Array(lp.rowDuals)
                let coupling = Array(duals[0..<couplingCount])
                var fresh: [Pattern] = []
                for person in 0..<personCount where fixed[person].contains(nil) {
                    guard running() else { return nil }
                    let result = try price(
                        person, at: coupling, convexityDual: duals[couplingCount + person], fixed: fixed[person],
                        until: deadline, clock: clock)
                    guard let pattern = result.pattern else { continue }
                    if pattern.reducedCost(couplingDuals: coupling, convexityDual: duals[couplingCount + person]) < -1e-6 {
                        fresh.append(pattern)
                    }
                }
                let before = patterns.count
                try add(fresh)
                extendSchedules()
                guard patterns.count > before else { break }
                lp = try solveMaster(until: deadline, clock: clock)
                guard lp.isOptimal else { return nil }
            }
            if let cutoff, lp.objective >= cutoff - 0.5 {
                trace("cell dive: master \(lp.objective) reaches the incumbent \(cutoff); stopped")
                return nil
            }
            // What the master takes on each open day of each person.
            let first = master.columnCount - patterns.count
            var taken = [Double](repeating: 0, count: personCount * dayCount * slots)
            var positive = [[Int]](repeating: [], count: personCount)
            for offset in patterns.indices where !banned.contains(offset) {
                let value = lp.columnValues[first + offset]
                guard value > 1e-9 else { continue }
                let person = patterns[offset].person
                positive[person].append(offset)
                for (day, shift) in schedules[offset].enumerated() {
                    taken[(person * dayCount + day) * slots + shift + 1] += value
                }
            }
            var open: [(person: Int, day: Int, option: Int, value: Double)] = []
            for person in 0..<personCount {
                for day in 0..<dayCount where fixed[person][day] == nil {
                    let cell = (person * dayCount + day) * slots
                    var best = 0
                    for slot in 1..<slots where taken[cell + slot] > taken[cell + best] { best = slot }
                    open.append((person, day, best - 1, taken[cell + best]))
                }
            }
            if open.allSatisfy({ $0.value > 1 - 1e-6 }) {
                // Every person's schedule is whole: the one pattern of theirs the master takes.
                let chosen = (0..<personCount).compactMap { person in
                    positive[person].max { lp.columnValues[first + $0] < lp.columnValues[first + $1] }
                }
                guard chosen.count == personCount else { return nil }
                trace("cell dive: \(lp.objective), work \(Int(work))")
                return point(of: chosen)
            }
            // The settled days, then 3 % of the rest, most settled first, each only where some schedule
            // the master takes still agrees with all of that person's fixings.
            let settled = open.filter { $0.value > 1 - 1e-6 }
            let rest = open.filter { $0.value <= 1 - 1e-6 }.sorted { ($0.value, -$0.person, -$0.day) > ($1.value, -$1.person, -$1.day) }
            var fixings = 0
            for cell in settled { fixed[cell.person][cell.day] = cell.option }
            var candidates = positive.map { $0.filter(agrees) }
            for cell in rest.prefix(max(1, rest.count * 3 / 100)) {
                let still = candidates[cell.person].filter { schedules[$0][cell.day] == cell.option }
                guard !still.isEmpty else { continue }
                candidates[cell.person] = still
                fixed[cell.person][cell.day] = cell.option
                fixings += 1
            }
            let newlyBanned = patterns.indices.filter { !banned.contains($0) && !agrees($0) }
            banned.formUnion(newlyBanned)
            try master.setBounds(newlyBanned.map { (first + $0, .fixed(0)) })
            trace("cell dive: \(fixed.reduce(0) { $0 + $1.count { $0 != nil } })/\(personCount * dayCount) days fixed (\(fixings) of them fractional), master \(lp.objective), work \(Int(work))")
        }
        return nil
    }

    /// The model point of the given patterns (indices into ``patterns``): their assignment columns set.
    private func point(of chosen: [Int]) -> [Double] {
        var point = [Double](repeating: 0, count: decomposition.program.columns.count)
        for offset in chosen {
            for (column, value) in zip(patterns[offset].columns, patterns[offset].values) { point[column] = value }
        }
        return point
    }

    /// The master's LP from its current basis, its simplex iterations charged as work.
    private mutating func solveMaster(until deadline: ContinuousClock.Instant, clock: ContinuousClock) throws(GLPKError)
        -> LPSolution
    {
        let lp = try master.solveLinearProgram(timeLimit: deadline - clock.now)
        work += Double(lp.iterations) * Double(master.rowCount) * MIPOptions.WorkWeights.neighbourhood.iterationRow
        return lp
    }

    /// What pricing one person gave: their cheapest schedule (when found), a lower bound on their least
    /// reduced cost (when known), and whether both are proven.
    private struct Priced {
        var pattern: Pattern?
        var lower: Double?
        var exact: Bool
        var infeasible = false
        /// Found by the dynamic programme's quick pass, which proves nothing (``SchedulePricing``).
        var byQuickPass = false
        var nodes = 0
        var work = 0.0
    }

    /// `person`'s cheapest schedule at `couplingDuals`, its work charged: by dynamic programming where that
    /// states their problem exactly (asked only for schedules below `convexityDual`, the ones that price
    /// out), else by their pricing MIP within the pricing work limit. With `fixed` (the cell dive's days), by
    /// dynamic programming only: the MIP does not hold the fixings, so where the programme cannot price,
    /// nothing is priced.
    private mutating func price(
        _ person: Int, at couplingDuals: [Double], convexityDual: Double, fixed: [Int?]? = nil,
        until deadline: ContinuousClock.Instant, clock: ContinuousClock
    ) throws(GLPKError) -> Priced {
        let reducedCosts = decomposition.reducedCosts(of: person, couplingDuals: couplingDuals)
        if pricesBySchedules, let schedules = schedulePricing[person],
            let found = schedules.price(reducedCosts: reducedCosts, bound: convexityDual - 1e-7, fixed: fixed)
        {
            let charged = Double(found.extensions / LocalSearch.extensionsPerMove) * LocalSearch.workPerMove
            work += charged
            // Out of labels (many resources that bind, as Instance8's): the MIP prices instead.
            if found.exact || found.quick || fixed != nil {
                return Priced(pattern: found.pattern, lower: found.lower, exact: found.exact, byQuickPass: found.quick, work: charged)
            }
        }
        guard fixed == nil else { return Priced(pattern: nil, lower: nil, exact: false) }
        let problem = try pricingProblem(person)
        try problem.setObjective(reducedCosts)
        var options = pricingOptions
        options.workLimit = pricingWorkLimit
        options.timeLimit = deadline - clock.now
        let result = try problem.solve(options, control: control)
        work += result.work
        return Priced(
            pattern: result.columnValues.map { decomposition.pattern(of: person, local: $0) },
            lower: result.termination == .optimal ? result.objective : result.bestBound,
            exact: result.termination == .optimal, infeasible: result.termination == .infeasible, nodes: result.nodes,
            work: result.work)
    }

    private mutating func pricingProblem(_ person: Int) throws(GLPKError) -> GLPKProblem {
        if let problem = pricing[person] { return problem }
        let problem = try GLPKProblem(decomposition.personProgram(person))
        pricing[person] = problem
        return problem
    }
}
