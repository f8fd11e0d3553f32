import Foundation
import RotaSolver

/// The whole command's time: `--time-limit` bounds the run from the moment the command started, reading and
/// checking the files, building the model and explaining a collision included.
enum RunBudget {
    /// Set when the process starts (``Rota/main()`` reads it first).
    static let start = ContinuousClock.now

    /// What is left of `limit` seconds, at least a tenth of a second so that a solve still returns the
    /// roster it builds first.
    static func remaining(of limit: Double) -> Duration {
        max(.milliseconds(100), .milliseconds(Int64(limit * 1000)) - (ContinuousClock.now - start))
    }

    /// When `limit` seconds from the start run out.
    static func deadline(of limit: Double) -> ContinuousClock.Instant {
        start + .milliseconds(Int64(limit * 1000))
    }
}
