import GLPKKit

/// One kind of neighbourhood for the large-neighbourhood search, with its own adaptive size and record (the
/// pattern of OR-Tools' named LNS generators): it grows when its sub-MIPs close well inside their work
/// limit and shrinks when they run out of it.
struct NeighbourhoodGenerator {
    enum Kind: String, CaseIterable {
        /// A few people over the whole horizon (often colleagues of one role): the hard rules bind one person
        /// at a time, so this swaps whole patterns.
        case people
        /// A window of days for everybody.
        case days
        /// The days around a costly cover shortfall or excess.
        case conflict
        /// A person with a request the roster does not grant, and colleagues who could take it over.
        case request
        /// Two separate windows: lets a shortage move from one day to another.
        case twoWindows = "two windows"
    }

    let kind: Kind
    /// People for the people kinds, days for the others.
    var size: Double
    /// The largest size: the staff for the people kinds, the horizon for the others.
    let limit: Double
    var tried = 0
    var improved = 0
    /// Sub-MIPs that ended before proving their neighbourhood's optimum.
    var cutShort = 0

    /// The generators in the order the search takes turns with them, at their starting sizes.
    static func all(staff: Int, days: Int) -> [NeighbourhoodGenerator] {
        let staff = Double(staff), days = Double(days)
        func make(_ kind: Kind, _ start: Double, _ limit: Double) -> NeighbourhoodGenerator {
            NeighbourhoodGenerator(kind: kind, size: min(limit, start), limit: limit)
        }
        return [make(.people, 3, staff), make(.days, 7, days), make(.conflict, 5, days), make(.request, 3, staff), make(.twoWindows, 3, days)]
    }

    /// Records a sub-MIP over one of its neighbourhoods (of the usual size unless `escalated`) and adapts the
    /// size: solved well inside `budget` it may grow, cut short it shrinks.
    mutating func record(_ result: MIPResult, budget: Double, escalated: Bool) {
        tried += 1
        if result.termination != .optimal { cutShort += 1 }
        // An escalated neighbourhood says nothing about the right everyday size.
        guard !escalated else { return }
        if result.termination == .optimal && result.work - result.setupWork < budget / 10 {
            size = min(limit, size * 1.15 + 0.2)
        } else if result.termination != .optimal {
            size = max(1, size * 0.8)
        }
    }
}
