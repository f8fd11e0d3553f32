import Foundation
import GLPKKit

/// Live state of a solve, readable from another thread (the CLI's progress line).
public final class SolveMonitor: @unchecked Sendable {
    private let lock = NSLock()
    private var _phase = "starting"
    private var _incumbent: Int?
    private var _bound: Double?
    private let started = ContinuousClock.now

    public init() {}

    public struct Snapshot: Sendable {
        public var phase: String
        public var elapsed: Duration
        public var incumbent: Int?
        public var bound: Double?
    }

    public func snapshot() -> Snapshot {
        lock.lock()
        defer { lock.unlock() }
        var incumbent = _incumbent
        var bound = _bound
        // During branch-and-cut GLPK's own figures are fresher.
        let live = GLPKProgress.current()
        if _phase == "branch-and-cut" {
            if let value = live.incumbent { incumbent = min(incumbent ?? Int.max, Int(value.rounded())) }
            if let value = live.bound { bound = max(bound ?? -Double.infinity, value) }
        }
        return Snapshot(phase: _phase, elapsed: ContinuousClock.now - started, incumbent: incumbent, bound: bound)
    }

    func update(phase: String? = nil, incumbent: Int? = nil, bound: Double? = nil) {
        lock.lock()
        defer { lock.unlock() }
        if let phase { _phase = phase }
        if let incumbent { _incumbent = incumbent }
        if let bound { _bound = bound }
    }
}
