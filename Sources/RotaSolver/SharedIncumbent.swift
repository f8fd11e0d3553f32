import Foundation

/// The best point any search worker has found, shared between workers on their own threads.
///
/// Points are full column vectors of the roster model; every worker builds its problem from the same model
/// and data, so column j means the same everywhere.
final class SharedIncumbent: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Double]
    private var objective: Double
    private var version = 0
    private(set) var foundAt: ContinuousClock.Instant

    init(values: [Double], objective: Double, foundAt: ContinuousClock.Instant) {
        self.values = values
        self.objective = objective
        self.foundAt = foundAt
    }

    private var provenBound: Double?

    /// Records a proven lower bound; workers stop once the shared roster reaches it.
    func prove(bound: Double) {
        lock.lock()
        defer { lock.unlock() }
        provenBound = max(provenBound ?? -.infinity, bound)
    }

    /// Whether the shared roster's cost equals the proven bound (costs are integers).
    var reachedBound: Bool {
        lock.lock()
        defer { lock.unlock() }
        guard let provenBound else { return false }
        return objective <= provenBound.rounded(.up) + 1e-6
    }

    /// Takes `candidate` if it is strictly better; returns whether it did.
    func offer(_ candidate: [Double], objective value: Double, at instant: ContinuousClock.Instant) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard value < objective - 0.5 else { return false }
        values = candidate
        objective = value
        foundAt = instant
        version += 1
        return true
    }

    /// The shared point when it changed since `seen` (a version number the caller keeps).
    func newer(than seen: Int) -> (values: [Double], objective: Double, version: Int)? {
        lock.lock()
        defer { lock.unlock() }
        return version > seen ? (values, objective, version) : nil
    }

    var best: (values: [Double], objective: Double, foundAt: ContinuousClock.Instant) {
        lock.lock()
        defer { lock.unlock() }
        return (values, objective, foundAt)
    }
}

/// The model's objective as a function of a column vector (GLPK's own coefficients).
struct ModelObjective: Sendable {
    let constant: Double
    let coefficients: [Double]

    func value(_ values: [Double]) -> Double {
        var total = constant
        for (column, coefficient) in coefficients.enumerated() where coefficient != 0 {
            total += coefficient * values[column]
        }
        return total
    }
}
