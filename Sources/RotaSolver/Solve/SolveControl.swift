import Foundation
internal import GLPKKit
import RotaCore

/// One solve's cancellation and progress: hand it to ``RosterSolver``, call ``cancel()`` from any thread to
/// stop that solve (it returns its best roster, status `interrupted`), and read ``snapshot()`` for a
/// progress line. Two solves in one process each have their own; cancelling one leaves the other running.
public final class SolveControl: @unchecked Sendable {
    private let lock = NSLock()
    private var phase = "starting"
    private var incumbent: Int?
    private var bound: Double?
    private var started = ContinuousClock.now
    /// GLPK's stop request and live figures for the solve's MIPs; each worker's MIPs use a child of it.
    let glpk = GLPKControl()

    /// Called (on the solving thread) each time the solve enters a phase, with the phase's name as the
    /// progress line shows it. Set before the solve starts.
    public var onPhase: (@Sendable (String) -> Void)?

    public init() {}

    /// Asks the solve to stop at its next check and return the best roster it has. Safe from any thread
    /// (not from a signal handler: use a dispatch signal source).
    public func cancel() { glpk.stop() }

    public var isCancelled: Bool { glpk.isStopped }

    public struct Snapshot: Sendable {
        public var phase: String
        public var elapsed: Duration
        /// The model's value of the best roster so far (soft cost plus the price of broken hard rules).
        public var incumbent: Int?
        public var bound: Double?
    }

    public func snapshot() -> Snapshot {
        lock.lock()
        defer { lock.unlock() }
        var incumbent = incumbent
        var bound = bound
        // During branch-and-cut GLPK's own figures are fresher.
        if phase == SolvePhase.branchAndCut.rawValue {
            let live = glpk.progress
            if let value = live.incumbent { incumbent = min(incumbent ?? Int.max, Int(value.rounded())) }
            if let value = live.bound { bound = max(bound ?? -Double.infinity, value) }
        }
        return Snapshot(phase: phase, elapsed: ContinuousClock.now - started, incumbent: incumbent, bound: bound)
    }

    /// The best roster the solving thread has so far, with the model's value of it (nil while the model is
    /// still being built) and when it was found.
    struct Published {
        var roster: Roster
        var objective: Double?
        var foundAt: Duration
    }

    private var published: Published?
    /// A better point a search worker found since, kept as the worker's column values (cheap to hand over)
    /// and made a roster only if a caller stops waiting for the solving thread.
    private var searchBest: (values: [Double], map: ColumnMap, objective: Double, foundAt: Duration)?
    private var provenBound: Double?
    private var model: (rows: Int, columns: Int, readyAt: Duration)?

    /// What a caller that stops waiting for the solving thread returns (see ``RosterSolver/solve()``).
    func latest() -> (best: Published?, bound: Double?, model: (rows: Int, columns: Int, readyAt: Duration)?, phase: String) {
        lock.lock()
        let (published, searchBest, provenBound, model, phase) = (self.published, self.searchBest, self.provenBound, self.model, self.phase)
        lock.unlock()
        var best = published
        if let found = searchBest, found.objective < (published?.objective ?? .infinity) - 0.5 || published?.objective == nil {
            best = Published(roster: found.map.roster(from: found.values), objective: found.objective, foundAt: found.foundAt)
        }
        return (best, provenBound, model, phase)
    }

    /// A search worker's improvement: the solve's best so far unless a better one was published.
    func offer(point values: [Double], objective: Double, foundAt: Duration, map: ColumnMap) {
        lock.withLock {
            guard objective < (searchBest?.objective ?? .infinity) - 0.5 else { return }
            searchBest = (values, map, objective, foundAt)
        }
    }

    func publish(best roster: Roster, objective: Double?, foundAt: Duration) {
        lock.withLock { published = Published(roster: roster, objective: objective, foundAt: foundAt) }
    }

    func publish(provenBound value: Double) {
        lock.withLock { provenBound = value }
    }

    func publish(modelRows rows: Int, columns: Int, readyAt: Duration) {
        lock.withLock { model = (rows, columns, readyAt) }
    }

    func begin() {
        lock.lock()
        defer { lock.unlock() }
        started = .now
    }

    func update(phase: SolvePhase? = nil, incumbent: Int? = nil, bound: Double? = nil) {
        lock.withLock {
            if let phase { self.phase = phase.rawValue }
            if let incumbent { self.incumbent = incumbent }
            if let bound { self.bound = bound }
        }
        if let phase { onPhase?(phase.rawValue) }
    }
}

/// The phases a solve goes through, as the progress line names them.
enum SolvePhase: String {
    case buildingModel = "building model"
    case constructing
    case relaxation = "LP bound"
    case columnGeneration = "column generation"
    case branchAndCut = "branch-and-cut"
    case search = "neighbourhood search"
}
