import Foundation
import GLPKKit
import RotaCore

/// `ROTA_TRACE=1` in the environment logs each improvement and adoption of the search, each iteration of
/// column generation, and each wait of one worker for another to stderr (for tuning).
let tracing = ProcessInfo.processInfo.environment["ROTA_TRACE"] != nil

func trace(_ message: @autoclosure () -> String) {
    if tracing { FileHandle.standardError.write(Data(("trace " + message() + "\n").utf8)) }
}

/// Large-neighbourhood search over GLPK: free a part of the roster, cut the sub-problem of that part out of
/// the model with the rest held at the incumbent (``NeighbourhoodModel``), and let branch-and-cut re-optimise
/// it. Over long horizons a neighbourhood of people frees them in a window of weeks
/// (``SolveOptions/windowDays``).
///
/// The kinds of neighbourhood (``NeighbourhoodGenerator``) take turns, each with its own size, grown when
/// its sub-MIPs close well inside their work limit and shrunk when they run out of it. Sub-MIPs stop on work, not on the clock, so the search
/// is a function of the inputs and the seed.
struct NeighbourhoodSearch {
    let problem: RosterProblem
    let map: ColumnMap
    /// Where each neighbourhood's sub-problem is cut from.
    let model: NeighbourhoodModel
    let options: SolveOptions
    var incumbent: [Double]
    var incumbentObjective: Double
    let modelObjective: ModelObjective
    var solved = 0
    var improvements = 0
    /// The neighbourhood kinds, taking turns, each with its size and record.
    private(set) var generators: [NeighbourhoodGenerator]
    private var rng: SplitMix64
    let worker: UInt64
    private var sinceImprovement = 0
    private var kindIndex = 0
    /// Whether the last turn was local search's: the two alternate, starting with GLPK.
    private var lastTurnLocal = true
    /// The local search under way, kept between turns while it owns the incumbent's lineage.
    private var local: LocalSearch?
    private let clashes: ClashTable
    /// Local search turns taken, and those that improved the incumbent.
    var localStatistics = [0, 0]

    /// Stops this worker's sub-MIPs and loops when asked (the solve's control, or the helper's child of it).
    let control: GLPKControl

    init(
        problem: RosterProblem, map: ColumnMap, model: NeighbourhoodModel, options: SolveOptions, start: RoundEntry,
        modelObjective: ModelObjective, control: GLPKControl, worker: UInt64 = 0
    ) {
        self.control = control
        self.problem = problem
        self.map = map
        self.model = model
        self.options = options
        incumbent = start.values
        incumbentObjective = start.objective
        foundAt = start.foundAt
        self.modelObjective = modelObjective
        self.worker = worker
        clashes = ClashTable(problem: problem)
        rng = SplitMix64(seed: options.seed &+ 0x5EED &+ worker &* 0x9E37_79B9)
        generators = NeighbourhoodGenerator.all(staff: problem.staff.count, days: problem.dayCount)
    }

    /// Work done so far (deterministic, see ``GLPKKit/MIPResult/work``).
    var work = 0.0
    /// The part of ``work`` done by GLPK's sub-MIPs (``solved`` of them).
    private var neighbourhoodWork = 0.0
    /// When the incumbent's objective was first reached.
    private(set) var foundAt: ContinuousClock.Instant?

    /// Continues from `entry`, the point all workers agreed on at the end of the last round.
    mutating func adopt(_ entry: RoundEntry) {
        incumbent = entry.values
        incumbentObjective = entry.objective
        foundAt = entry.foundAt
        sinceImprovement = 0
        local = nil
    }

    /// A local search starting from the incumbent, with a seed of its own.
    private mutating func freshLocalSearch() -> LocalSearch {
        LocalSearch(
            problem: problem, clashes: clashes, roster: map.roster(from: incumbent), seed: rng.next(),
            historyLength: options.localSearchHistory)
    }

    /// One stretch of local search (``LocalSearch``) from the incumbent, or from where the last stretch
    /// left off. Its best roster replaces the incumbent when it is cheaper in the model and the evaluator
    /// finds every person's own rules met.
    private mutating func searchLocally(
        workLeft: Double, until deadline: ContinuousClock.Instant, clock: ContinuousClock,
        onImprovement: (_ values: [Double], _ objective: Double) -> Void
    ) {
        var search = local ?? freshLocalSearch()
        let before = search.moves
        let turn = min(
            options.localSearchTurn(
                cells: problem.staff.count * problem.dayCount,
                neighbourhoodWork: solved > 0 ? neighbourhoodWork / Double(solved) : nil),
            max(1000, Int(workLeft / LocalSearch.workPerMove)))
        if options.replanPeople {
            let people = shuffledPeople()
            let replanStart = clock.now
            let replanned = search.replan(people)
            trace("worker \(worker + 1) replanned \(replanned) at \(search.cost) in \(search.moves - before) moves, \((clock.now - replanStart).formattedSeconds)")
        }
        if let width = options.replanWindow(days: problem.dayCount, columnsPerPerson: columnsPerPerson) {
            // Everyone in turn, each in two windows of their own: a person's runs and weekends move within
            // and between them, which the moves below cannot do one day at a time, at milliseconds a person.
            let people = shuffledPeople()
            let replanStart = clock.now
            let startCost = search.cost
            var replanned = 0
            for p in people {
                if clock.now >= deadline - .milliseconds(50) || control.isStopped { break }
                let windows = (0..<SolveOptions.replanWindowCount).map { _ in
                    let first = Int(rng.next() % UInt64(problem.dayCount - width + 1))
                    return first..<(first + width)
                }
                replanned += search.replan([p], windows: windows)
            }
            trace("worker \(worker + 1) replanned \(replanned) in windows, \(startCost) → \(search.cost) in \(search.moves - before) moves, \((clock.now - replanStart).formattedSeconds)")
        }
        search.run(moves: turn) { clock.now >= deadline - .milliseconds(50) || control.isStopped }
        work += Double(search.moves - before) * LocalSearch.workPerMove
        localStatistics[0] += 1
        defer { local = search }
        guard Double(search.bestCost) < incumbentObjective - 0.5 else { return }
        let roster = search.bestRoster
        guard let point = map.point(for: roster) else { return }
        let value = modelObjective.value(point)
        guard value < incumbentObjective - 0.5, Evaluator(problem: problem).evaluate(roster).meetsPersonalRules else {
            trace("worker \(worker + 1): local search roster at \(search.bestCost) rejected (model \(value))")
            search = freshLocalSearch()
            return
        }
        localStatistics[1] += 1
        improvements += 1
        incumbent = point
        incumbentObjective = value
        foundAt = clock.now
        sinceImprovement = 0
        trace("worker \(worker + 1) work \(Int(work)) local: \(incumbentObjective)")
        onImprovement(incumbent, incumbentObjective)
    }

    /// Every person once, in an order drawn from this worker's random stream.
    private mutating func shuffledPeople() -> [Int] {
        var people = Array(0..<problem.staff.count)
        for i in people.indices.reversed() where i > 0 { people.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
        return people
    }

    /// Assignment columns a person has on average.
    private var columnsPerPerson: Int { map.assignmentColumnIndices.count / max(1, problem.staff.count) }

    /// The incumbent as this worker brings it to the end of a round.
    var entry: RoundEntry {
        RoundEntry(values: incumbent, objective: incumbentObjective, foundAt: foundAt ?? .now, work: work)
    }

    /// Searches neighbourhoods until this round's work (`quota`) is done, or the incumbent reaches `bound`,
    /// or the deadline or a stop request comes, or `finishEarly` says the result is already decided. Everything
    /// but the last three depends only on the inputs and the seed.
    mutating func runRound(
        quota: Double, bound: () -> Double?, until deadline: ContinuousClock.Instant, clock: ContinuousClock,
        finishEarly: () -> Bool, onImprovement: (_ values: [Double], _ objective: Double) -> Void
    ) throws(GLPKError) {
        let roundEnd = work + quota
        while work < roundEnd && clock.now < deadline - .milliseconds(50) && !control.isStopped && !finishEarly() {
            if ModelObjective.reaches(incumbentObjective, bound: bound(), gap: options.relativeGap) { break }
            try searchOneNeighbourhood(
                workLeft: roundEnd - work, until: deadline, clock: clock, onImprovement: onImprovement)
        }
    }

    /// Searches in rounds, sharing with the other workers through `rounds` (see ``SearchRounds``), until
    /// this worker's work reaches the work limit, its roster reaches the proven bound, or the deadline or a
    /// stop request comes. Posts its last roster before it returns, and always tells `rounds` it finished.
    mutating func runRounds(
        worker index: Int, firstRound: Int, firstQuota: Double, rounds: SearchRounds, bound initialBound: Double?,
        until deadline: ContinuousClock.Instant, clock: ContinuousClock, onImprovement: (_ values: [Double], _ objective: Double) -> Void
    ) throws(GLPKError) {
        defer { rounds.finish(worker: index) }
        // Nothing to assign (no staff, no days, no permitted assignment): the one roster there is stands.
        guard !problem.staff.isEmpty, problem.dayCount > 0, !map.assignmentColumnIndices.isEmpty else { return }
        var round = firstRound
        var quota = firstQuota
        var bound = initialBound
        // Only worker 0's proof of optimality may cut the others' rounds short (see SearchRounds.finishEarly),
        // or any worker's roster at the announced bound (SearchRounds.optimumFound).
        let finishEarly: () -> Bool = index == 0 ? { rounds.optimumFound } : { rounds.shouldFinishEarly || rounds.optimumFound }
        // The bound announced by the bound phase counts as soon as it is known, not a round later.
        func known(_ bound: Double?) -> Double? {
            guard let announced = rounds.announcedBound else { return bound }
            return max(bound ?? announced, announced)
        }
        while true {
            try runRound(
                quota: quota, bound: { known(bound) }, until: deadline, clock: clock, finishEarly: finishEarly,
                onImprovement: onImprovement)
            bound = known(bound)
            var mine = entry
            mine.bound = bound
            rounds.post(worker: index, round: round, entry: mine)
            if ModelObjective.reaches(incumbentObjective, bound: bound, gap: options.relativeGap) || options.workLimit.map({ work >= $0 }) == true || clock.now >= deadline - .milliseconds(50)
                || control.isStopped || finishEarly()
            {
                return
            }
            let others = rounds.others(of: index, atRound: round - 1)
            for other in others { if let known = other.bound { bound = max(bound ?? known, known) } }
            if let better = SearchRounds.best(of: [mine] + others), better.objective < incumbentObjective - 0.5 {
                trace("worker \(worker + 1) work \(Int(work)) round \(round): adopts \(better.objective)")
                adopt(better)
            }
            round += 1
            quota = options.roundWork
        }
    }

    /// Work charged per matrix entry read while cutting a neighbourhood out of the model.
    static let workPerEntryCut = 2e-5

    private mutating func searchOneNeighbourhood(
        workLeft: Double, until deadline: ContinuousClock.Instant, clock: ContinuousClock, onImprovement: (_ values: [Double], _ objective: Double) -> Void
    ) throws(GLPKError) {
        // Every other turn is a stretch of local search, which carries on from where it left off as long as
        // nothing else changed the incumbent. The first turn is GLPK's: it repairs hard cover that the moves
        // cannot. On small models the second worker searches with GLPK alone: there local search can draw
        // the search into a worse basin (Instance5: 12 units short instead of 11), and the rounds hand the
        // better worker's roster to both.
        lastTurnLocal.toggle()
        if lastTurnLocal && options.localSearchChunk > 0
            && (worker == 0 || options.localSearchOnBothWorkers(columns: map.assignmentColumnIndices.count))
        {
            searchLocally(workLeft: workLeft, until: deadline, clock: clock, onImprovement: onImprovement)
            return
        }
        let turn = kindIndex % generators.count
        let kind = generators[turn].kind
        kindIndex += 1
        // Stuck: once in a while try one neighbourhood twice as large, with four times the work.
        let escalate = sinceImprovement >= 20
        if escalate { sinceImprovement = 0 }
        let free = neighbourhood(kind, size: generators[turn].size * (escalate ? 2 : 1))
        var sub = options.neighbourhoodSolve
        let budget = options.effectiveNeighbourhoodWorkLimit * (escalate ? 4 : 1)
        sub.workLimit = budget
        // The clock only guards the deadline; the work limit is what normally ends a sub-MIP.
        sub.timeLimit = deadline - clock.now
        let days = problem.dayCount
        guard let cut = model.cut(free: { free($0 / days, $0 % days) }, incumbent: incumbent) else {
            work += 1  // nothing free: still a turn, so that a work limit ends a search that only draws these
            return
        }
        let started = clock.now
        var result = try GLPKProblem(cut.program).solve(sub, warmStart: cut.start, control: control)
        result.work += Double(cut.entriesRead) * Self.workPerEntryCut
        result.columnValues = result.columnValues.map { cut.point($0, in: incumbent) }
        trace("worker \(worker + 1) \(kind.rawValue): \(cut.program.rows.count)×\(cut.program.columns.count) cut, work \(Int(result.work)) in \((clock.now - started).formattedSeconds)")
        work += result.work
        neighbourhoodWork += result.work
        solved += 1
        generators[turn].record(result, budget: budget, escalated: escalate)
        sinceImprovement += 1
        if let rounded = result.columnValues, let value = result.objective, value <= incumbentObjective + 1e-6 {
            if value < incumbentObjective - 0.5 {
                sinceImprovement = 0
                improvements += 1
                generators[turn].improved += 1
                incumbent = rounded
                incumbentObjective = modelObjective.value(rounded)
                local = nil
                foundAt = clock.now
                trace("worker \(worker + 1) work \(Int(work)) \(kind.rawValue) size \(generators[turn].size): \(incumbentObjective)")
                onImprovement(incumbent, incumbentObjective)
            } else {
                incumbent = rounded  // a sideways move keeps the search from circling one roster
                local = nil
            }
        }
    }

    /// A predicate on (staff, day) saying which assignments are free this time.
    private mutating func neighbourhood(_ kind: NeighbourhoodGenerator.Kind, size: Double) -> (Int, Int) -> Bool {
        switch kind {
        case .people:
            let count = min(problem.staff.count, max(2, Int(size.rounded())))
            var chosen = Set<Int>()
            // Every other time, people of one role: swaps that matter happen between colleagues (call
            // between physicians), and among forty staff three random people are rarely two of them.
            let first = Int(rng.next() % UInt64(problem.staff.count))
            if let role = problem.staff[first].role, rng.next() % 2 == 0 {
                var colleagues = problem.staff.indices.filter { problem.staff[$0].role == role }
                while chosen.count < count && !colleagues.isEmpty {
                    chosen.insert(colleagues.remove(at: Int(rng.next() % UInt64(colleagues.count))))
                }
            }
            while chosen.count < count { chosen.insert(Int(rng.next() % UInt64(problem.staff.count))) }
            let window = window(around: nil)
            return { staff, day in chosen.contains(staff) && window.contains(day) }
        case .days:
            let width = min(problem.dayCount, max(2, Int(size.rounded())))
            let first = Int(rng.next() % UInt64(problem.dayCount - width + 1))
            return { _, day in day >= first && day < first + width }
        case .twoWindows:
            // Two separate windows, everybody free in both: lets a shortage move from one day to another.
            let width = max(1, min(problem.dayCount / 2, Int(size.rounded())))
            let first = Int(rng.next() % UInt64(problem.dayCount - width + 1))
            let second = Int(rng.next() % UInt64(problem.dayCount - width + 1))
            return { _, d in (d >= first && d < first + width) || (d >= second && d < second + width) }
        case .request:
            // Someone whose request the roster does not grant (chosen by cost), with a few others: usually
            // colleagues of the same role, who can take over the shift in question.
            let count = min(problem.staff.count, max(2, Int(size.rounded())))
            let target = costliestUngrantedRequest()
            if let day = target?.day, rng.next() % 3 == 0 {
                // Or everybody around the day in question, for a swap with anyone.
                let first = max(0, min(problem.dayCount - 3, day - 1))
                return { _, d in d >= first && d < first + 3 }
            }
            let person = target?.staff ?? Int(rng.next() % UInt64(problem.staff.count))
            var chosen: Set<Int> = [person]
            if let role = problem.staff[person].role, rng.next() % 4 != 0 {
                var colleagues = problem.staff.indices.filter { $0 != person && problem.staff[$0].role == role }
                while chosen.count < count && !colleagues.isEmpty {
                    chosen.insert(colleagues.remove(at: Int(rng.next() % UInt64(colleagues.count))))
                }
            }
            while chosen.count < count { chosen.insert(Int(rng.next() % UInt64(problem.staff.count))) }
            let window = window(around: target?.day)
            return { staff, day in chosen.contains(staff) && window.contains(day) }
        case .conflict:
            let width = max(2, min(problem.dayCount, Int(size.rounded())))
            let day = costliestConflictDay() ?? Int(rng.next() % UInt64(problem.dayCount))
            let first = max(0, min(problem.dayCount - width, day - width / 2))
            return { _, d in d >= first && d < first + width }
        }
    }

    /// The days a people neighbourhood frees: the whole horizon while a person has at most
    /// ``SolveOptions/windowColumnLimit`` assignment columns on average, else a window of
    /// ``SolveOptions/windowDays``, around `day` when given, else anywhere. A few people's whole year of ten
    /// shift types is a sub-MIP whose root LP alone overruns its work many times (Instance22: 12 000 rows);
    /// over fewer columns the whole horizon searches better (Instance16, 18 and 20, BENCHMARKS.md).
    private mutating func window(around day: Int?) -> Range<Int> {
        let width = options.windowDays
        guard options.peopleNeighbourhoodsUseWindows(days: problem.dayCount, columnsPerPerson: columnsPerPerson) else {
            return 0..<problem.dayCount
        }
        let latest = problem.dayCount - width
        let first = day.map { max(0, min(latest, $0 - width / 2)) } ?? Int(rng.next() % UInt64(latest + 1))
        return first..<(first + width)
    }

    /// A person with a request the incumbent does not grant (or a fairness target it misses), chosen at
    /// random weighted by its cost, with the day of the request (none for fairness).
    private mutating func costliestUngrantedRequest() -> (staff: Int, day: Int?)? {
        func assigned(_ request: ShiftRequest) -> Bool {
            guard let column = map.column(of: Assignment(staff: request.staff, day: request.day, shift: request.shift))
            else { return false }
            return incumbent[column] > 0.5
        }
        var costs: [(staff: Int, day: Int?, weight: Int)] =
            problem.shiftOnRequests.filter { !assigned($0) }.map { ($0.staff, $0.day, $0.weight) }
            + problem.shiftOffRequests.filter { assigned($0) }.map { ($0.staff, $0.day, $0.weight) }
        // Whole-day requests and fairness: from the model's own columns at the incumbent.
        for (column, kind) in map.columns.enumerated() where incumbent[column] > 0.5 {
            switch kind {
            case .fairOver(_, let staff), .fairUnder(_, let staff):
                costs.append((staff, nil, Int((modelObjective.coefficients[column] * incumbent[column]).rounded())))
            default: continue
            }
        }
        func works(_ request: DayRequest) -> Bool {
            problem.shiftTypes.indices.contains { shift in
                map.column(of: Assignment(staff: request.staff, day: request.day, shift: shift)).map { incumbent[$0] > 0.5 } ?? false
            }
        }
        costs += problem.dayOnRequests.filter { !works($0) }.map { ($0.staff, $0.day, $0.weight) }
        costs += problem.dayOffRequests.filter(works).map { ($0.staff, $0.day, $0.weight) }
        let total = costs.reduce(0) { $0 + $1.weight }
        guard total > 0 else { return nil }
        var pick = Int(rng.next() % UInt64(total))
        for cost in costs {
            if pick < cost.weight { return (cost.staff, cost.day) }
            pick -= cost.weight
        }
        return costs.last.map { ($0.staff, $0.day) }
    }

    /// A day with a costly cover shortfall or excess (or an unsupervised session), chosen at random weighted
    /// by what it costs in the model.
    private mutating func costliestConflictDay() -> Int? {
        var costs: [(day: Int, cost: Int)] = []
        for (column, kind) in map.columns.enumerated() where incumbent[column] > 0.5 {
            let day: Int
            switch kind {
            case .underCover(let r), .overCover(let r), .coverShort(let r), .coverExcess(let r): day = problem.cover[r].day
            case .unsupervised(_, let d): day = d
            case .supportShort(let k): day = problem.supportRatios[k].day
            default: continue
            }
            let cost = Int((modelObjective.coefficients[column] * incumbent[column]).rounded())
            if cost > 0 { costs.append((day, cost)) }
        }
        let total = costs.reduce(0) { $0 + $1.cost }
        guard total > 0 else { return nil }
        var pick = Int(rng.next() % UInt64(total))
        for entry in costs {
            if pick < entry.cost { return entry.day }
            pick -= entry.cost
        }
        return costs.last?.day
    }
}
