internal import CGLPKShims

/// One solve's stop request and live figures, shared by the threads that solve it and whoever watches or
/// stops it (GRDB's `interrupt()`, OR-Tools' `StopSearch(model)`): a solve stops through its own control,
/// never through a process-wide flag, so two solves in one process are stopped and watched apart.
///
/// A control made with a parent stops when the parent does; stopping the child leaves the parent running.
public final class GLPKControl: @unchecked Sendable {
    // The C struct's fields are atomics; the pointer itself never changes.
    let pointer: OpaquePointer
    private let parent: GLPKControl?

    public init(parent: GLPKControl? = nil) {
        guard let pointer = rota_glpk_control_create(parent?.pointer) else {
            preconditionFailure("cannot allocate a GLPK control")
        }
        self.pointer = pointer
        self.parent = parent
    }

    deinit { rota_glpk_control_destroy(pointer) }

    /// Asks every MIP solve using this control (or a child of it) to stop at its next callback and keep
    /// its incumbent.
    public func stop() { rota_glpk_control_stop(pointer) }

    /// Whether this control or one of its ancestors was asked to stop.
    public var isStopped: Bool { rota_glpk_control_stopped(pointer) != 0 }

    /// The figures the most recent MIP solve using this control wrote.
    public var progress: GLPKProgress {
        var snapshot = rota_glpk_progress_snapshot()
        rota_glpk_control_progress(pointer, &snapshot)
        return GLPKProgress(
            elapsed: .milliseconds(snapshot.elapsed_ms),
            incumbent: snapshot.incumbent.isNaN ? nil : snapshot.incumbent,
            bound: snapshot.bound.isNaN ? nil : snapshot.bound,
            nodes: snapshot.nodes)
    }
}

/// Live figures of a MIP solve in progress.
public struct GLPKProgress: Sendable {
    public var elapsed: Duration
    public var incumbent: Double?
    public var bound: Double?
    public var nodes: Int
}
