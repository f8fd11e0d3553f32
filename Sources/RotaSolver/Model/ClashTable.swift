public import RotaCore

/// Which pairs of one person's assignments can never go together, by shift type and day offset.
///
/// The solver's view of overlap, minimum rest, explicit successions and one site a day, computed once per
/// shift-type pair (the evaluator checks the same rules assignment by assignment on the clock, independently).
public struct ClashTable: Sendable {
    public struct Clash: Sendable, Hashable {
        /// Shift `first` on day d and shift `second` on day d + `offset` clash; for offset 0, `first < second`.
        public var first: Int
        public var second: Int
        public var offset: Int
    }

    public let problem: RosterProblem
    public let clashes: [Clash]
    /// `clashing[t1][k]`: shift types that may not start `k` days after `t1`.
    public let clashing: [[Set<Int>]]
    /// Largest day offset of any clash.
    public let reach: Int
    /// Per person, cells that clash with the shifts they worked before day 0.
    public let blockedByHistory: [Set<DayShift>]

    public init(problem: RosterProblem) {
        self.problem = problem
        let types = problem.shiftTypes
        var found = Set<Clash>()
        for succession in problem.forbiddenSuccessions {
            found.insert(Clash(first: succession.from, second: succession.to, offset: 1))
        }
        var reach = problem.forbiddenSuccessions.isEmpty ? 0 : 1
        if problem.hasClockTimes {
            for a in types.indices {
                for b in types.indices {
                    guard let first = types[a].interval(onDay: 0) else { continue }
                    var offset = 0
                    while let second = types[b].interval(onDay: offset), second.lowerBound < first.upperBound + Self.longestGap(problem) {
                        if offset > 0 || a < b, Self.clash(problem, a, first, b, second, offset: offset) {
                            found.insert(Clash(first: a, second: b, offset: offset))
                            reach = max(reach, offset)
                        }
                        offset += 1
                    }
                }
            }
        }
        if problem.oneSitePerDay {
            for a in types.indices {
                for b in types.indices where a < b {
                    if let siteA = types[a].site, let siteB = types[b].site, siteA != siteB {
                        found.insert(Clash(first: a, second: b, offset: 0))
                    }
                }
            }
        }
        clashes = found.sorted { ($0.offset, $0.first, $0.second) < ($1.offset, $1.first, $1.second) }
        var clashing = [[Set<Int>]](repeating: [Set<Int>](repeating: [], count: reach + 1), count: types.count)
        for clash in clashes {
            clashing[clash.first][clash.offset].insert(clash.second)
            if clash.offset == 0 { clashing[clash.second][0].insert(clash.first) }
        }
        self.clashing = clashing
        self.reach = reach
        blockedByHistory = problem.staff.map { member in
            var blocked = Set<DayShift>()
            for past in member.history where problem.shiftTypes.indices.contains(past.shift) {
                for clash in found where clash.first == past.shift {
                    let day = past.day + clash.offset
                    if day >= 0 && day < problem.dayCount { blocked.insert(DayShift(day: day, shift: clash.second)) }
                }
            }
            return blocked
        }
    }

    private static func longestGap(_ problem: RosterProblem) -> Int { problem.rest?.minutes ?? 0 }

    /// Whether shift `a` over `first` and shift `b` over `second` (b starting no earlier) clash.
    /// Rest separates working days: it applies between shifts starting on different days, never between
    /// the sessions of one day (AM clinic, PM clinic, evening call).
    private static func clash(_ problem: RosterProblem, _ a: Int, _ first: Range<Int>, _ b: Int, _ second: Range<Int>, offset: Int) -> Bool {
        if first.overlaps(second) { return true }
        guard let rest = problem.rest, offset > 0 else { return false }
        if rest.onCallExempt && (problem.shiftTypes[a].isOnCall || problem.shiftTypes[b].isOnCall) { return false }
        let gap = second.lowerBound >= first.upperBound
            ? second.lowerBound - first.upperBound : first.lowerBound - second.upperBound
        return gap < rest.minutes
    }

    /// Whether `staff` may take `shift` on `day` at all (the problem permits it and their history allows it).
    public func permits(staff: Int, day: Int, shift: Int) -> Bool {
        problem.isPermitted(staff: staff, day: day, shift: shift)
            && (blockedByHistory[staff].isEmpty || !blockedByHistory[staff].contains(DayShift(day: day, shift: shift)))
    }
}
