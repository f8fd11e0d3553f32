/// The totals of paid minutes a person can actually reach: sums of their shifts' lengths.
///
/// A limit between two reachable totals can be moved to the nearer reachable one without cutting off any
/// roster (a Chvátal–Gomory-style rounding). It matters for the LP bound: with 480-minute shifts a maximum of
/// 2160 minutes lets the relaxation work 4.5 shifts, the rounded 1920 only 4, and on NRP instances where cover
/// is short that half shift per person is most of the gap between the root bound and the optimum.
struct ReachableMinutes: Sendable {
    /// Greatest common divisor of the positive lengths; every reachable total is a multiple of it.
    let step: Int
    /// `reachable[k]` says whether `k * step` minutes is a sum of lengths (each used any number of times);
    /// empty when the table would be too large, leaving only the rounding to multiples of `step`.
    private let reachable: [Bool]

    /// The largest table built: totals above `tableLimit * step` are rounded to multiples of `step` only.
    static let tableLimit = 200_000

    init(lengths: some Sequence<Int>, upTo limit: Int) {
        let positive = Set(lengths.filter { $0 > 0 })
        let step = positive.reduce(0, ReachableMinutes.gcd)
        self.step = step
        guard step > 0, limit >= 0 else {
            reachable = []
            return
        }
        let units = positive.map { $0 / step }.sorted()
        let size = limit / step + (units.last ?? 0) + 1
        guard size <= ReachableMinutes.tableLimit else {
            reachable = []
            return
        }
        var table = [Bool](repeating: false, count: size)
        table[0] = true
        for k in 1..<size {
            table[k] = units.contains { $0 <= k && table[k - $0] }
        }
        reachable = table
    }

    /// The largest reachable total at or below `maximum` (never below 0).
    func roundDown(_ maximum: Int) -> Int {
        guard step > 0, maximum >= 0 else { return maximum }
        var k = maximum / step
        if !reachable.isEmpty {
            while k > 0 && (k >= reachable.count || !reachable[k]) { k -= 1 }
        }
        return k * step
    }

    /// The smallest reachable total at or above `minimum`; `minimum` itself when none is known to exist.
    func roundUp(_ minimum: Int) -> Int {
        guard step > 0, minimum > 0 else { return minimum }
        var k = (minimum + step - 1) / step
        if !reachable.isEmpty {
            while k < reachable.count && !reachable[k] { k += 1 }
            if k >= reachable.count { return minimum }
        }
        return k * step
    }

    /// For a minimum that may give way, when rounding moves it: the factor the shortfall counts at in the
    /// rounded row, `1 + (rounded - minimum) / (minimum - the largest reachable total below it)`, which keeps
    /// that row valid for every reachable total below the minimum (there the exact row binds). Nil when the
    /// minimum is reachable as it stands.
    func elasticRounding(of minimum: Int) -> Double? {
        let rounded = roundUp(minimum)
        guard rounded > minimum, minimum > 0 else { return nil }
        let below = roundDown(minimum - 1)
        return 1 + Double(rounded - minimum) / Double(minimum - below)
    }

    private static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
}
