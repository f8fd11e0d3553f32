internal import CGLPK

/// Options for one branch-and-cut solve, mirroring `glp_iocp` with Rota's names and units.
///
/// Every field starts at GLPK's own default (`glp_init_iocp`), except messages, which are off.
public struct MIPOptions: Sendable, Hashable {
    /// Wall-clock budget for the whole solve, root LP included; `nil` means no limit.
    public var timeLimit: Duration?
    /// GLPK's MIP presolver. A warm start is only possible with it off. GLPK default: off.
    public var presolve = false
    public var gomoryCuts = false
    public var mixedIntegerRoundingCuts = false
    public var coverCuts = false
    public var cliqueCuts = false
    public var feasibilityPump = false
    public var proximitySearch = false
    public var simpleRounding = true
    /// Relative gap at which to stop (0: prove optimality).
    public var relativeGap: Double = 0
    public var branching: Branching = .driebeckTomlin
    public var backtracking: Backtracking = .bestLocalBound

    public enum Branching: Int32, Sendable, Hashable {
        case firstFractional = 1, lastFractional = 2, mostFractional = 3, driebeckTomlin = 4, hybridPseudoCost = 5
    }
    public enum Backtracking: Int32, Sendable, Hashable {
        case depthFirst = 1, breadthFirst = 2, bestLocalBound = 3, bestProjection = 4
    }

    public init(timeLimit: Duration? = nil) { self.timeLimit = timeLimit }

    /// A one-line summary for logs and benchmark records.
    public var summary: String {
        var parts: [String] = []
        parts.append(presolve ? "presolve" : "no-presolve")
        let cuts = [(gomoryCuts, "gmi"), (mixedIntegerRoundingCuts, "mir"), (coverCuts, "cov"), (cliqueCuts, "clq")]
            .filter(\.0).map(\.1)
        parts.append(cuts.isEmpty ? "no-cuts" : "cuts=" + cuts.joined(separator: "+"))
        if feasibilityPump { parts.append("fp") }
        if proximitySearch { parts.append("ps") }
        parts.append("br=\(branching) bt=\(backtracking)")
        if relativeGap > 0 { parts.append("gap=\(relativeGap)") }
        return parts.joined(separator: " ")
    }
}

extension Duration {
    /// Milliseconds as a Double, the unit GLPK's clock uses.
    var milliseconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }

    static func milliseconds(_ value: Double) -> Duration { .nanoseconds(Int64(value * 1e6)) }
}
