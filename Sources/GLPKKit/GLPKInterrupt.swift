internal import CGLPKShims

/// Process-wide stop request for running solves (Ctrl-C). Solves stop at their next callback and keep
/// their incumbent.
public enum GLPKInterrupt {
    /// Async-signal-safe.
    public static func request() { rota_glpk_interrupt() }
    public static func clear() { rota_glpk_clear_interrupt() }
    public static var isRequested: Bool { rota_glpk_interrupt_requested() != 0 }
}

/// Live figures of the solve in progress, readable from any thread (for a progress line).
public struct GLPKProgress: Sendable {
    public var elapsed: Duration
    public var incumbent: Double?
    public var bound: Double?
    public var nodes: Int

    public static func current() -> GLPKProgress {
        var snapshot = rota_glpk_progress_snapshot()
        rota_glpk_progress(&snapshot)
        return GLPKProgress(
            elapsed: .milliseconds(snapshot.elapsed_ms),
            incumbent: snapshot.incumbent.isNaN ? nil : snapshot.incumbent,
            bound: snapshot.bound.isNaN ? nil : snapshot.bound,
            nodes: snapshot.nodes)
    }
}
