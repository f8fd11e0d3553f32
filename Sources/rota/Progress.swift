import Foundation
import RotaCore
import RotaSolver

/// The solves this process runs, so that Ctrl-C reaches each of them through its own ``SolveControl``:
/// the first Ctrl-C (or SIGTERM, or SIGHUP) cancels every solve under way (and any started after), which
/// return their best rosters; a second signal exits at once with 128 + its number. The signal handler only
/// writes the signal's number to a pipe (all it may safely do); a dispatch source reading the pipe does the
/// cancelling, as ordinary code on a queue.
final class ActiveSolves: @unchecked Sendable {
    static let shared = ActiveSolves()

    private let lock = NSLock()
    private var controls: [ObjectIdentifier: SolveControl] = [:]
    /// The first stopping signal that came (SIGINT, SIGTERM or SIGHUP).
    private var stoppedBy: Int32?
    /// The signals that stop a solve and keep its best roster.
    static let stoppingSignals = [SIGINT, SIGTERM, SIGHUP]
    private var source: (any DispatchSourceRead)?
    /// The pipe the signal handler writes to: [read end, write end].
    nonisolated(unsafe) private static var signalPipe: [Int32] = [-1, -1]

    /// Starts listening for Ctrl-C (once per process).
    func install() {
        lock.withLock {
            guard source == nil else { return }
            var ends: [Int32] = [-1, -1]
            guard pipe(&ends) == 0 else { return }
            _ = fcntl(ends[1], F_SETFL, O_NONBLOCK)
            Self.signalPipe = ends
            let source = DispatchSource.makeReadSource(fileDescriptor: ends[0], queue: DispatchQueue(label: "rota.signals"))
            source.setEventHandler { [weak self] in
                var byte: UInt8 = 0
                while read(ends[0], &byte, 1) == 1 { self?.interrupt(by: Int32(byte)) }
            }
            source.resume()
            self.source = source
            // A parent may hand us these signals blocked (the mask survives exec); they must still arrive.
            var set = sigset_t()
            sigemptyset(&set)
            for number in Self.stoppingSignals { sigaddset(&set, number) }
            pthread_sigmask(SIG_UNBLOCK, &set, nil)
            for number in Self.stoppingSignals {
                signal(number) { number in
                    var byte = UInt8(truncatingIfNeeded: number)
                    _ = write(ActiveSolves.signalPipe[1], &byte, 1)
                }
            }
        }
    }

    private func interrupt(by number: Int32) {
        let first: [SolveControl]? = lock.withLock {
            if stoppedBy != nil { return nil }
            stoppedBy = number
            return Array(controls.values)
        }
        guard let first else { _exit(128 + number) }
        first.forEach { $0.cancel() }
    }

    /// Whether a stopping signal came.
    var wasInterrupted: Bool { lock.withLock { stoppedBy != nil } }

    /// The exit code of an interrupted command: 128 + the signal's number (130 for Ctrl-C).
    var interruptedExitCode: Int32 { lock.withLock { 128 + (stoppedBy ?? SIGINT) } }

    /// `ROTA_TEST_SIGINT_AT_PHASE=NAME` (a phase as the progress line names it): the process sends itself
    /// SIGINT when a solve first enters that phase, so tests can press Ctrl-C at a known point of a solve;
    /// with `ROTA_TEST_SIGNAL=TERM` (or `HUP`) that signal instead.
    private static let signalAtPhase = ProcessInfo.processInfo.environment["ROTA_TEST_SIGINT_AT_PHASE"]
    private static let testSignal: Int32 = switch ProcessInfo.processInfo.environment["ROTA_TEST_SIGNAL"] {
    case "TERM": SIGTERM
    case "HUP": SIGHUP
    default: SIGINT
    }
    private var signalled = false

    /// A control for a new solve, cancelled at once if Ctrl-C already came; ``finished(_:)`` forgets it.
    func control() -> SolveControl {
        let control = SolveControl()
        if let target = Self.signalAtPhase {
            control.onPhase = { [weak self, weak control] phase in
                guard phase == target, let self, let control else { return }
                let first = self.lock.withLock {
                    defer { self.signalled = true }
                    return !self.signalled
                }
                guard first else { return }
                kill(getpid(), Self.testSignal)
                // Wait for the signal to reach the solve, so that it stops in this phase however fast it is.
                for _ in 0..<2000 where !control.isCancelled { usleep(1000) }
            }
        }
        let cancel = lock.withLock {
            controls[ObjectIdentifier(control)] = control
            return stoppedBy != nil
        }
        if cancel { control.cancel() }
        return control
    }

    func finished(_ control: SolveControl) {
        _ = lock.withLock { controls.removeValue(forKey: ObjectIdentifier(control)) }
    }

    /// Why `outcome`'s roster breaks hard rules (see ``RosterSolver/explain(_:scenario:)``), under a control
    /// that Ctrl-C cancels, and that `deadline` cancels when given; a failure to explain is a note, never the
    /// command's failure.
    func explain(
        _ outcome: SolveOutcome, options: SolveOptions, scenario: Scenario?, until deadline: ContinuousClock.Instant? = nil
    ) -> Explanation? {
        guard outcome.verdict == .hardRulesBroken else { return nil }
        let control = control()
        defer { finished(control) }
        if let deadline {
            let left = deadline - ContinuousClock.now
            guard left > .zero else {
                Terminal.note("rota: no time was left to explain the collision (--time-limit)")
                return nil
            }
            DispatchQueue.global().asyncAfter(deadline: .now() + left.seconds) { [weak control] in control?.cancel() }
        }
        do {
            return try RosterSolver(problem: outcome.problem, options: options, control: control).explain(outcome, scenario: scenario)
        } catch {
            Terminal.note("rota: the collision could not be explained: \(error.description)")
            return nil
        }
    }

    /// Solves `problem` under a control of its own that Ctrl-C cancels.
    func solve(_ problem: RosterProblem, options: SolveOptions, progress: Bool = false) throws(SolveError) -> SolveOutcome {
        let control = control()
        defer { finished(control) }
        let line = ProgressLine(control: control, enabled: progress)
        defer { line.finish() }
        return try RosterSolver(problem: problem, options: options, control: control).solve()
    }
}

/// A progress line on stderr while a solve runs longer than a second, only when stderr is a terminal.
final class ProgressLine: @unchecked Sendable {
    private var timer: (any DispatchSourceTimer)?
    private let lock = NSLock()
    private var drawn = false

    init(control: SolveControl, enabled: Bool) {
        // A dispatch source released while never resumed traps, so make one only when it will run.
        guard enabled else { return }
        let timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "rota.progress"))
        self.timer = timer
        timer.schedule(deadline: .now() + 1, repeating: 1)
        timer.setEventHandler { [weak self] in
            let snapshot = control.snapshot()
            // The model's values carry the price of broken hard rules (a cover unit, or an hour short of a
            // contract minimum, at least hardRuleWeight): a number is shown only on the soft cost's scale.
            let weight = RosterProblem.hardRuleWeight
            let incumbent = snapshot.incumbent.map { value in
                value >= weight ? "breaks hard rules" : String(value)
            } ?? "—"
            let bound = snapshot.bound.map { value in
                value >= Double(weight) ? "some hard rule must break" : String(format: "%.1f", value)
            } ?? "—"
            let line = String(
                format: "\r\u{1B}[2K  %@  %@  best %@  bound %@", snapshot.elapsed.formattedSeconds, snapshot.phase,
                incumbent, bound)
            self?.lock.withLock {
                FileHandle.standardError.write(Data(line.utf8))
                self?.drawn = true
            }
        }
        timer.resume()
    }

    func finish() {
        timer?.cancel()
        lock.withLock {
            if drawn { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
        }
    }
}
