import Foundation
import GLPKKit
import RotaSolver

/// Ctrl-C stops the solve at its next check and keeps the best roster; a second Ctrl-C exits at once.
enum InterruptHandling {
    static func install() {
        // A parent may hand us SIGINT blocked (the mask survives exec); a user's Ctrl-C must still arrive.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        signal(SIGINT) { _ in
            if GLPKInterrupt.isRequested { _exit(130) }
            GLPKInterrupt.request()
        }
    }
}

/// A progress line on stderr while a solve runs longer than a second, only when stderr is a terminal.
final class ProgressLine: @unchecked Sendable {
    private var timer: (any DispatchSourceTimer)?
    private let lock = NSLock()
    private var drawn = false

    init(monitor: SolveMonitor, enabled: Bool) {
        // A dispatch source released while never resumed traps, so make one only when it will run.
        guard enabled else { return }
        let timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "rota.progress"))
        self.timer = timer
        timer.schedule(deadline: .now() + 1, repeating: 1)
        timer.setEventHandler { [weak self] in
            let snapshot = monitor.snapshot()
            let incumbent = snapshot.incumbent.map(String.init) ?? "—"
            let bound = snapshot.bound.map { String(format: "%.1f", $0) } ?? "—"
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
