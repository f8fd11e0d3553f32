public import GLPKKit
public import RotaCore

/// How to solve: time, seed, and the GLPK options of each phase.
public struct SolveOptions: Sendable {
    /// Wall-clock budget for the whole solve, building the model included.
    public var timeLimit: Duration = .seconds(60)
    /// Seed of every random choice; the same seed and inputs replay the same search.
    public var seed: UInt64 = 1
    /// Share of the time limit given to branch-and-cut on the whole problem before large-neighbourhood
    /// search takes over (1: branch-and-cut only).
    public var branchAndCutShare: Double = 0.3
    /// Branch-and-cut runs on the whole problem only up to this many assignment columns (or when no
    /// roster is known yet); above it, its root LP alone can eat the budget (measured in BENCHMARKS.md).
    public var branchAndCutColumnLimit = 2500
    /// Up to this many assignment columns branch-and-cut keeps its whole share of the bound phase even
    /// after column generation converged: branching still proves optimality there (Instance1).
    public var smallModelColumnLimit = 500
    /// GLPK options for branch-and-cut on the whole problem (warm-started, so presolve stays off).
    public var fullSolve: MIPOptions = {
        var options = MIPOptions()
        options.cliqueCuts = true
        options.coverCuts = true
        options.mixedIntegerRoundingCuts = true
        options.gomoryCuts = true
        options.backtracking = .bestLocalBound
        options.workWeights = .wholeModel
        return options
    }()
    /// GLPK options for each neighbourhood's sub-MIP. Presolve removes the fixed columns, which pays more
    /// than a warm start does (measured in BENCHMARKS.md).
    public var neighbourhoodSolve: MIPOptions = {
        var options = MIPOptions()
        options.presolve = true
        options.cliqueCuts = true
        options.coverCuts = true
        return options
    }()
    /// Most of the budget column generation over the person decomposition may take, for its bound, on the
    /// first worker while the second searches; 0 skips it.
    public var columnGenerationShare: Double = 0.3
    /// Of the bound phase's share left after column generation converged, the most its price-and-dive
    /// heuristic may take (``ColumnGeneration/divePoint(workLimit:until:clock:stop:)``); 0 skips it.
    public var diveShare: Double = 0.5
    /// Where column generation follows the LP relaxation, an LP optimum with at most this share of its
    /// assignments fractional is rounded and searched from first (practices: 1–13 %; the benchmark's
    /// instances: 17.5–50 %, and 25 % would take in Instances 9, 10 and 14; BENCHMARKS.md); 0 never.
    public var nearlyIntegralShare = 0.15
    /// Whether the dive after column generation fixes people's days rather than whole schedules
    /// (``ColumnGeneration/cellDivePoint(workLimit:cutoff:until:clock:stop:)``), where every person is priced
    /// by dynamic programming (Instance8 at 60 s: 1310 on three seeds' mean instead of 1377, BENCHMARKS.md).
    public var diveByDays = true
    /// Whether converged column generation's patterns are combined by a MIP (the restricted master) before
    /// the dive; off only to study the dive alone.
    public var restrictedMasterMIP = true
    /// Most of the budget the LP relaxation may take on models beyond ``columnGenerationColumnLimit`` that
    /// have no minimum runs of work or rest (with them its simplex takes too many iterations: Instance20), on
    /// the first worker alone (the second joins the search after it). There it is the only bound, and its
    /// rounded optimum is a roster far better than the search reaches alone (a 150-person quarter: 2 352
    /// after 55 s, where the search alone ended at 8 850 at 120 s, BENCHMARKS.md); cut short it gives
    /// nothing, so it gets most of the time. 0 skips it.
    public var largeModelRelaxationShare: Double = 0.75
    /// Most work one person's pricing MIP may take in column generation. One cut short leaves that
    /// iteration's bound resting on the MIP's own bound; a run of such iterations without a gain ends column
    /// generation early (see the solve log).
    public var columnGenerationPricingWorkLimit: Double = 200
    /// Whether column generation prices a person by dynamic programming where that states their problem
    /// exactly (``SchedulePricing``: every benchmark instance), rather than by their pricing MIP.
    public var pricingBySchedules = true
    /// Moves of local search on the first roster (0: none); by default a fiftieth of the budget.
    public var localSearchMoves: Int?
    /// The moves of local search that a problem of `cells` person-days gets on its first roster: a fiftieth
    /// of the budget, but no more than two thousand a cell (a tiny problem needs few).
    func firstLocalSearchMoves(cells: Int) -> Int {
        localSearchMoves ?? min(Int(nominalWork * 0.02 / LocalSearch.workPerMove), 2_000 * cells)
    }
    /// The moves of a local-search turn for a problem of `cells` person-days, after GLPK's neighbourhoods
    /// took `neighbourhoodWork` work a turn on average: as much work as they take (so the two share the
    /// search evenly), at least ``localSearchTurnMinimum`` moves and at most ``localSearchChunk`` or a thousand
    /// a cell. With a fixed million moves a turn, local search took four fifths of the search on Instance18,
    /// whose sub-MIPs take about 200 units, and gains there only a unit at a time (BENCHMARKS.md).
    func localSearchTurn(cells: Int, neighbourhoodWork: Double?) -> Int {
        let most = min(localSearchChunk, 1_000 * cells)
        guard let neighbourhoodWork else { return most }
        let even = Int(neighbourhoodWork / LocalSearch.workPerMove)
        return min(most, max(localSearchTurnMinimum, even))
    }
    /// The fewest moves of a local-search turn (see ``localSearchTurn(cells:neighbourhoodWork:)``): shorter
    /// turns cost Instance12, where local search does much of the gaining (BENCHMARKS.md).
    public var localSearchTurnMinimum = 200_000
    /// Whether the second search worker alternates local search with GLPK too. By default (nil) it does on
    /// models too large for branch-and-cut (``branchAndCutColumnLimit``), and searches with GLPK alone on
    /// smaller ones, where GLPK's neighbourhoods are strong and local search can draw both workers into a
    /// worse basin (measured in BENCHMARKS.md).
    public var localSearchOnBothWorkers: Bool?
    func localSearchOnBothWorkers(columns: Int) -> Bool {
        localSearchOnBothWorkers ?? (columns > branchAndCutColumnLimit)
    }
    /// Whether each local-search turn starts by re-planning every person's whole schedule with the rest held
    /// (``LocalSearch/replan(_:windows:)``).
    public var replanPeople = false
    /// Days of each of the two windows in which each local-search turn re-plans every person
    /// (``LocalSearch/replan(_:windows:)``); 0: none; nil: ``automaticReplanWindowDays`` where people
    /// neighbourhoods use windows (``windowColumnLimit``), none elsewhere.
    public var replanWindowDays: Int?
    /// The re-planning windows where people have many columns each. Two windows of five weeks, each person's
    /// own, let a person move a weekend or a shift from one part of the year to another, which over one
    /// window the year's limits (weekends, minutes, counts of a type) forbid wherever they bind: on
    /// Instance22 at 60 s, 41 721 against 50 925 for one window of eight weeks (two of three, four or six
    /// weeks, three of four, and one of four or thirteen weeks all did worse; BENCHMARKS.md).
    public static let automaticReplanWindowDays = 35
    public static let replanWindowCount = 2
    /// The days of each re-planning window for a model of `days` days whose people have `columnsPerPerson`
    /// assignment columns on average, or nil for none.
    func replanWindow(days: Int, columnsPerPerson: Int) -> Int? {
        if let replanWindowDays { return replanWindowDays > 0 ? min(replanWindowDays, days) : nil }
        guard peopleNeighbourhoodsUseWindows(days: days, columnsPerPerson: columnsPerPerson) else { return nil }
        return min(Self.automaticReplanWindowDays, days)
    }
    /// Whether people neighbourhoods free their people in a window of ``windowDays`` rather than the whole
    /// horizon, on a model of `days` days whose people have `columnsPerPerson` assignment columns on average.
    func peopleNeighbourhoodsUseWindows(days: Int, columnsPerPerson: Int) -> Bool {
        days > windowDays && columnsPerPerson > windowColumnLimit
    }
    /// Late-acceptance history of the local search, in moves (measured in BENCHMARKS.md).
    public var localSearchHistory = 20_000
    /// Most moves of local search per turn in the neighbourhood search, which alternates them with GLPK
    /// neighbourhoods (0: GLPK only). About a second of one core.
    public var localSearchChunk = 1_000_000
    /// Column generation runs up to this many assignment columns. Beyond it (the 182- and 364-day benchmark
    /// instances, a 150-person quarter) a round of pricing and the master LP take seconds each and the
    /// bound stays far from useful within a solve's share (BENCHMARKS.md).
    public var columnGenerationColumnLimit = 30_000
    /// Search workers, each on its own thread with its own GLPK problem (GLPK keeps one environment per
    /// thread). Two use both cores of this project's machines.
    public var workers = 2
    /// A deterministic budget for the search, in work units (about a millisecond of one core on this
    /// project's machines; see ``GLPKKit/MIPResult/work``). With it, the same inputs and seed give the
    /// same roster on any machine and under any load, as long as ``timeLimit`` does not cut in first.
    /// `nil`: the search runs until ``timeLimit``, along the same path but cut wherever the clock says.
    public var workLimit: Double?
    /// Stop as soon as the roster's cost is within this fraction of the proven bound (0.01: 1%); 0 runs
    /// until optimality is proven or the limits end the solve.
    public var relativeGap = 0.0
    /// Where people have more than ``windowColumnLimit`` assignment columns each, a neighbourhood of people
    /// frees them in a window of this many days only.
    public var windowDays = 28
    /// Assignment columns a person may have on average before people neighbourhoods use windows (Instance22 has
    /// about 2 700; Instance20 at most 1 092, and windows cost it, BENCHMARKS.md).
    public var windowColumnLimit = 1500
    /// Most work a single neighbourhood may take.
    public var neighbourhoodWorkLimit: Double = 1000

    /// The budget the search's settings are scaled to: ``workLimit``, else the time limit in milliseconds.
    var nominalWork: Double { workLimit ?? timeLimit.seconds * 1000 }
    /// The limit a sub-MIP actually gets: ``neighbourhoodWorkLimit``, but no more than a fortieth of the
    /// whole budget, so that a short solve still tries many neighbourhoods (measured in BENCHMARKS.md).
    public var effectiveNeighbourhoodWorkLimit: Double { max(10, min(neighbourhoodWorkLimit, nominalWork / 40)) }
    /// Work each worker does between two exchanges of the best roster. The workers meet after every round
    /// and carry on from the best roster any of them found, so that the search does not depend on which
    /// thread happened to be faster.
    public var roundWork: Double { roundLength * effectiveNeighbourhoodWorkLimit }
    /// Length of a round in sub-MIP work limits.
    public var roundLength: Double = 2
    /// Where to write the MathProg data section (to reproduce a solve with glpsol); nil: a temporary file.
    public var dataOutputPath: String?
    /// A roster to start from instead of the constructive heuristic's (re-rostering starts from the
    /// published roster); assignments the problem no longer permits are dropped first.
    public var startRoster: Roster?
    /// A model other than the bundled `roster.mod` (for experiments).
    public var modelPath: String?

    public init() {}

    /// Turns GLPK's cut families on by name (`gmi`, `mir`, `cov`, `clq`; the others off), for branch-and-cut
    /// on the whole model or for the neighbourhoods' sub-MIPs (tuning experiments).
    public mutating func useCuts(_ names: Set<String>, inWholeModel: Bool) {
        var mip = inWholeModel ? fullSolve : neighbourhoodSolve
        mip.gomoryCuts = names.contains("gmi")
        mip.mixedIntegerRoundingCuts = names.contains("mir")
        mip.coverCuts = names.contains("cov")
        mip.cliqueCuts = names.contains("clq")
        if inWholeModel { fullSolve = mip } else { neighbourhoodSolve = mip }
    }
}
