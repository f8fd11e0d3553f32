import Foundation
import GLPKKit

/// A roster point a worker brings to the end of a round.
struct RoundEntry: Sendable {
    /// Full column vector of the roster model (every worker's problem comes from the same model and data,
    /// so column j means the same everywhere).
    var values: [Double]
    var objective: Double
    /// When this objective was first reached.
    var foundAt: ContinuousClock.Instant
    /// Work the worker has done since the search started (cumulative).
    var work: Double
    /// A proven lower bound the worker knows of (branch-and-cut's), passed on to the others.
    var bound: Double?
}

/// Lets search workers on their own threads share rosters so that the search is a function of its inputs
/// and seed, not of thread timing.
///
/// Each worker works in rounds of a fixed amount of work (measured deterministically, see
/// ``GLPKKit/MIPResult/work``). At the end of its round r it posts its incumbent, then takes the others'
/// incumbents from the end of round r − 1 — waiting if a slower worker has not got there yet — and goes on
/// from the best of those and its own (lowest objective; ties keep its own, then the lowest worker
/// number). What a worker sees therefore never depends on who ran faster, and a worker waits only when
/// another lags more than a whole round behind.
final class SearchRounds: @unchecked Sendable {
    private let condition = NSCondition()
    /// The last few entries of each worker, by round.
    private var posted: [[Int: RoundEntry]]
    private var finished: [Bool]
    private var stopSoon = false
    private var announced: Double?
    private let clock: ContinuousClock
    /// Time workers spent waiting for each other (all workers together).
    private(set) var waited = Duration.zero

    init(workers: Int, clock: ContinuousClock) {
        posted = Array(repeating: [:], count: workers)
        finished = Array(repeating: false, count: workers)
        self.clock = clock
    }

    /// Posts `worker`'s incumbent at the end of its round `round` (rounds count from 0).
    func post(worker: Int, round: Int, entry: RoundEntry) {
        condition.lock()
        defer { condition.unlock() }
        posted[worker][round] = entry
        // A worker asks for round r − 1 after posting r, and another can then have posted at most r + 2
        // (it waits for this one's r + 1 after posting its own r + 2), so keeping six rounds is enough.
        posted[worker] = posted[worker].filter { $0.key > round - 6 }
        condition.broadcast()
    }

    /// `worker` posts nothing more (it stopped, or failed).
    func finish(worker: Int) {
        condition.lock()
        defer { condition.unlock() }
        finished[worker] = true
        condition.broadcast()
    }

    /// The other workers' incumbents at the end of round `round` (their last one for a worker that finished
    /// before it), in worker order, waiting for any still working on it.
    func others(of worker: Int, atRound round: Int) -> [RoundEntry] {
        condition.lock()
        defer { condition.unlock() }
        guard round >= 0 else { return [] }
        var result: [RoundEntry] = []
        for other in posted.indices where other != worker {
            let waitStart = clock.now
            while posted[other][round] == nil && !finished[other] { condition.wait() }
            waited += clock.now - waitStart
            if clock.now - waitStart > .milliseconds(20) {
                trace("worker \(worker + 1) waited \((clock.now - waitStart).formattedSeconds) for worker \(other + 1) round \(round)")
            }
            if let entry = posted[other][round] {
                result.append(entry)
            } else if let last = posted[other].max(by: { $0.key < $1.key }), last.key < round {
                result.append(last.value)
            }
        }
        return result
    }

    /// Every worker's last entry, in worker order (call once all have finished).
    var finalEntries: [RoundEntry] {
        condition.lock()
        defer { condition.unlock() }
        return posted.compactMap { entries in entries.max(by: { $0.key < $1.key })?.value }
    }

    /// Makes a proven bound known to every worker at once, not only at the end of a round: a worker whose
    /// roster reaches it stops there (the bound phase's LP bound reaching the helper while it searches).
    func announce(bound: Double) {
        condition.lock()
        defer { condition.unlock() }
        announced = max(announced ?? bound, bound)
    }

    /// The best bound announced so far.
    var announcedBound: Double? {
        condition.lock()
        defer { condition.unlock() }
        return announced
    }

    /// Whether a worker has finished with a roster at the announced bound: the optimum is found, and what
    /// the others still do cannot beat it. The objective is then decided whatever the timing; only when
    /// another worker reached the optimum too can the roster returned depend on which got there first.
    var optimumFound: Bool {
        condition.lock()
        defer { condition.unlock() }
        guard let announced else { return false }
        return posted.indices.contains { worker in
            finished[worker] && posted[worker].max(by: { $0.key < $1.key }).map { ModelObjective.reaches($0.value.objective, bound: announced) } == true
        }
    }

    /// Asks the other workers to end their round early because the result is already decided (worker 0
    /// proved optimality: nothing can beat it, and it wins ties). Safe for determinism for that reason only.
    func finishEarly() {
        condition.lock()
        defer { condition.unlock() }
        stopSoon = true
    }

    var shouldFinishEarly: Bool {
        condition.lock()
        defer { condition.unlock() }
        return stopSoon
    }

    /// The best of `entries` by the rule every worker applies: lowest objective, ties to the earliest.
    static func best(of entries: [RoundEntry]) -> RoundEntry? {
        var best: RoundEntry?
        for entry in entries where best == nil || entry.objective < best!.objective - 0.5 { best = entry }
        return best
    }
}
