import GLPKKit
import RotaCore

/// Large-neighbourhood search over GLPK: free a part of the roster, fix the rest to the incumbent by column
/// bounds on the one generated problem, and let branch-and-cut re-optimise the part.
///
/// Three kinds of neighbourhood take turns — a few people over the whole horizon (the hard rules bind one
/// person at a time, so this swaps whole patterns), a window of days for everybody, and a window around
/// the costliest cover conflict — each with its own size, grown when its sub-MIPs close quickly and shrunk
/// when they run out of time.
struct NeighbourhoodSearch {
    let problem: RosterProblem
    let map: ColumnMap
    let glpk: GLPKProblem
    let options: SolveOptions
    var incumbent: [Double]
    var incumbentObjective: Double
    let modelObjective: ([Double]) -> Double
    var solved = 0
    var improvements = 0
    /// Per kind: neighbourhoods tried, improvements, time limit hits (for the log).
    var statistics = [[Int]](repeating: [0, 0, 0], count: 3)
    private var rng: SplitMix64
    /// Size of each neighbourhood kind: people, days, days.
    private var sizes: [Double]

    init(
        problem: RosterProblem, map: ColumnMap, glpk: GLPKProblem, options: SolveOptions, incumbent: [Double],
        incumbentObjective: Double, modelObjective: @escaping ([Double]) -> Double
    ) {
        self.problem = problem
        self.map = map
        self.glpk = glpk
        self.options = options
        self.incumbent = incumbent
        self.incumbentObjective = incumbentObjective
        self.modelObjective = modelObjective
        rng = SplitMix64(seed: options.seed &+ 0x5EED)
        let staff = Double(problem.staff.count)
        sizes = [min(staff, 3), min(Double(problem.dayCount), 7), min(Double(problem.dayCount), 5)]
    }

    private enum Kind: Int, CaseIterable { case people, days, conflict }

    mutating func run(
        until deadline: ContinuousClock.Instant, clock: ContinuousClock,
        onImprovement: ([Double], Double) -> Void
    ) throws(GLPKError) {
        let shiftCount = problem.shiftTypes.count
        var kindIndex = 0
        while clock.now < deadline - .milliseconds(50) && !GLPKInterrupt.isRequested {
            let kind = Kind.allCases[kindIndex % Kind.allCases.count]
            kindIndex += 1
            let free = neighbourhood(kind)
            var bounds: [(column: Int, bounds: GLPKProblem.Bounds)] = []
            bounds.reserveCapacity(map.assignmentColumnIndices.count)
            for column in map.assignmentColumnIndices {
                guard case .assignment(let a) = map.columns[column] else { continue }
                if free(a.staff, a.day) {
                    bounds.append((column, .range(0, 1)))
                } else {
                    bounds.append((column, .fixed(incumbent[column] > 0.5 ? 1 : 0)))
                }
            }
            try glpk.setBounds(bounds)
            var sub = options.neighbourhoodSolve
            let budget = min(options.neighbourhoodTimeLimit, deadline - clock.now)
            sub.timeLimit = budget
            let result = try glpk.solve(sub, warmStart: incumbent)
            solved += 1
            statistics[kind.rawValue][0] += 1
            if result.termination != .optimal { statistics[kind.rawValue][2] += 1 }
            // Adapt: a neighbourhood solved well inside its budget may grow; one that ran out shrinks.
            let limit = kind == .people ? Double(problem.staff.count) : Double(problem.dayCount)
            if result.termination == .optimal && result.elapsed < budget / 3 {
                sizes[kind.rawValue] = min(limit, sizes[kind.rawValue] * 1.15 + 0.2)
            } else if result.termination != .optimal {
                sizes[kind.rawValue] = max(1, sizes[kind.rawValue] * 0.8)
            }
            if let values = result.columnValues, let value = result.objective, value <= incumbentObjective + 1e-6 {
                let rounded = values.map { $0.rounded() }
                if value < incumbentObjective - 0.5 {
                    improvements += 1
                    statistics[kind.rawValue][1] += 1
                    incumbent = rounded
                    incumbentObjective = modelObjective(rounded)
                    onImprovement(rounded, incumbentObjective)
                } else {
                    incumbent = rounded  // a sideways move keeps the search from circling one roster
                }
            }
            _ = shiftCount
        }
        // Leave the problem as generated: every assignment free.
        try glpk.setBounds(map.assignmentColumnIndices.map { ($0, .range(0, 1)) })
    }

    /// A predicate on (staff, day) saying which assignments are free this time.
    private mutating func neighbourhood(_ kind: Kind) -> (Int, Int) -> Bool {
        let size = sizes[kind.rawValue]
        switch kind {
        case .people:
            let count = max(2, min(problem.staff.count, Int(size.rounded())))
            var chosen = Set<Int>()
            while chosen.count < count { chosen.insert(Int(rng.next() % UInt64(problem.staff.count))) }
            return { staff, _ in chosen.contains(staff) }
        case .days:
            let width = max(2, min(problem.dayCount, Int(size.rounded())))
            let first = Int(rng.next() % UInt64(problem.dayCount - width + 1))
            return { _, day in day >= first && day < first + width }
        case .conflict:
            let width = max(2, min(problem.dayCount, Int(size.rounded())))
            let day = costliestConflictDay() ?? Int(rng.next() % UInt64(problem.dayCount))
            let first = max(0, min(problem.dayCount - width, day - width / 2))
            return { _, d in d >= first && d < first + width }
        }
    }

    /// A day with a costly cover shortfall or excess, chosen at random weighted by cost.
    private mutating func costliestConflictDay() -> Int? {
        let shiftCount = problem.shiftTypes.count
        var assigned = [Int](repeating: 0, count: problem.dayCount * shiftCount)
        for column in map.assignmentColumnIndices where incumbent[column] > 0.5 {
            if case .assignment(let a) = map.columns[column] { assigned[a.day * shiftCount + a.shift] += 1 }
        }
        var costs: [(day: Int, cost: Int)] = []
        for requirement in problem.cover {
            let count = assigned[requirement.day * shiftCount + requirement.shift]
            let cost = count < requirement.required
                ? (requirement.required - count) * requirement.underWeight
                : (count - requirement.required) * requirement.overWeight
            if cost > 0 { costs.append((requirement.day, cost)) }
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
