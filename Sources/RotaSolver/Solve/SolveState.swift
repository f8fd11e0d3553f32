import GLPKKit
import RotaCore

/// The one owner of a solve's best roster, proven bound and status, and of what its phases report (the
/// pattern of OR-Tools' `SharedResponseManager`). Every phase offers rosters and proves bounds here instead
/// of keeping its own copies; the outcome is built from it once, at the end.
///
/// Used by the solving thread only; the helper worker shares rosters through ``SearchRounds``.
final class SolveState {
    struct Incumbent {
        var roster: Roster
        /// The model point of ``roster``.
        var values: [Double]
        /// The model's value of it (soft cost plus the price of broken hard rules that span people).
        var objective: Double
        /// When it was found, from the start of the solve.
        var foundAt: Duration
    }

    private let context: SolveContext
    private(set) var best: Incumbent?
    private(set) var bound: Double?
    var status: SolveStatus = .noRoster
    private(set) var reports: [PhaseReport] = []
    private(set) var log: [String] = []
    /// Where a proven bound goes at once besides this store: the search rounds, while the helper searches
    /// during the bound phase.
    var announce: ((Double) -> Void)?

    init(context: SolveContext) { self.context = context }

    /// A line for `--verbose`.
    func note(_ line: String) { log.append(line) }

    func note(_ lines: [String]) { log += lines }

    func record(_ report: PhaseReport) { reports.append(report) }

    /// Makes `incumbent` the best roster, unconditionally (the caller has compared).
    func adopt(_ incumbent: Incumbent) {
        best = incumbent
        context.control.publish(best: incumbent.roster, objective: incumbent.objective, foundAt: incumbent.foundAt)
    }

    /// Makes `roster` the best when it has a model point, meets every person's own rules and costs at least
    /// half a unit less in the model. Returns its model value and whether those rules hold; nil without a
    /// point.
    @discardableResult
    func offer(_ roster: Roster) -> (value: Double, personal: Bool)? {
        guard let point = context.map.point(for: roster) else { return nil }
        let value = context.model.value(point)
        let personal = context.evaluator.evaluate(roster).meetsPersonalRules
        if personal && value < (best?.objective ?? .infinity) - 0.5 {
            adopt(Incumbent(roster: roster, values: point, objective: value, foundAt: context.elapsed))
            context.control.update(incumbent: Int(value.rounded()))
        }
        return (value, personal)
    }

    /// Takes a bound a phase proved: the best so far, shown, announced to the searching helper, and
    /// optimality when the incumbent meets it.
    func prove(_ bound: Double) {
        raise(bound)
        announce?(bound)
        if let best, ModelObjective.reaches(best.objective, bound: bound) { status = .optimal }
    }

    /// Takes a bound without announcing it (branch-and-cut's, the interior point's).
    func raise(_ bound: Double) {
        self.bound = max(self.bound ?? -.infinity, bound)
        context.control.update(bound: bound)
        context.control.publish(provenBound: self.bound ?? bound)
    }

    /// Sets the bound to `value` as it is (branch-and-cut proved the incumbent optimal at it).
    func settle(bound value: Double) {
        bound = value
        context.control.publish(provenBound: value)
    }

    /// A floor under the bound that needs no showing (every point meets its column bounds).
    func floor(bound value: Double) {
        if value > (bound ?? -.infinity) {
            bound = value
            context.control.publish(provenBound: value)
        }
    }

    /// The incumbent as a search round's entry, with `work` done and the bound known so far.
    func roundEntry(work: Double) -> RoundEntry? {
        best.map { RoundEntry(values: $0.values, objective: $0.objective, foundAt: context.start + $0.foundAt, work: work, bound: bound) }
    }

    /// Whether the incumbent meets the proven bound (within `gap` of it).
    func incumbentReachesBound(gap: Double = 0) -> Bool {
        guard let best else { return false }
        return ModelObjective.reaches(best.objective, bound: bound, gap: gap)
    }

    /// Whether the solve's result is decided: proven optimal, within the gap asked for, or interrupted.
    var isSettled: Bool { status == .optimal || status == .withinGap || status == .interrupted }
}
