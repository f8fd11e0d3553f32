import RotaCore

/// The most paid minutes one person can still work from each day on, exactly as their run and weekend
/// rules allow: a dynamic programme over the days, backwards, whose state is the run in progress (working
/// or off, its length, whether it began at the horizon's start), the weekends used and whether the current
/// weekend is already worked.
///
/// It ignores the per-type counts and minute windows (so it is an upper bound), but is exact for the rest.
/// The first-roster search uses it to stop a schedule early once its minimum minutes are out of reach: a
/// cruder bound let it wander for minutes on a year-long horizon with a narrow band of total minutes
/// (Instance22's person D must work 232–234 of 328 open days with runs of 2–5 and 26 weekends).
struct WorkingDayBound {
    private let dayCount: Int
    private let workCap: Int
    private let offCap: Int
    private let weekendCap: Int
    /// `most[day][state]`: most minutes on days `day...` from that state; -1 where no schedule exists.
    private var most: [[Int]]

    /// - Parameters:
    ///   - dayMinutes: the most minutes a day can hold for this person, nil where nothing may be worked.
    ///   - mustWork: days on which a pin forbids a day off.
    ///   - weekendOfDay: the weekend each day belongs to, -1 for none.
    ///   - historyKnown: the history says how the days before day 0 went, so a run starting on day 0 has a
    ///     known first day (and is held to the minimum lengths).
    init(limits: WorkLimits, dayMinutes: [Int?], mustWork: [Bool], weekendOfDay: [Int], historyKnown: Bool = false) {
        dayCount = dayMinutes.count
        let maxConsecutive = limits.maxConsecutiveWorkingDays
        let minConsecutive = limits.minConsecutiveWorkingDays ?? 1
        let minOff = limits.minConsecutiveDaysOff ?? 1
        workCap = max(maxConsecutive ?? 0, minConsecutive, 1)
        offCap = max(minOff, 1)
        weekendCap = limits.maxWeekends.map { max(0, $0) } ?? -1
        let weekendStates = weekendCap >= 0 ? weekendCap + 1 : 1
        let stateCount = (workCap + 1) * (offCap + 1) * 2 * weekendStates * 2
        var most = [[Int]](repeating: [Int](repeating: 0, count: stateCount), count: dayCount + 1)
        for day in stride(from: dayCount - 1, through: 0, by: -1) {
            let weekend = weekendOfDay[day]
            let startsWeekend = weekend >= 0 && (day == 0 || weekendOfDay[day - 1] != weekend)
            for work in 0...workCap {
                for off in 0...offCap where work == 0 || off == 0 {
                    for touches in [false, true] {
                        for used in 0..<weekendStates {
                            for worked in [false, true] {
                                let state = Self.index(work, off, touches, used, worked, workCap, offCap, weekendStates)
                                let weekendWorked = worked && !startsWeekend
                                var best = -1
                                // Work today.
                                if let minutes = dayMinutes[day],
                                    !(off > 0 && !touches && off < minOff),
                                    maxConsecutive.map({ work + 1 <= $0 }) ?? true
                                {
                                    var usedAfter = used
                                    var allowed = true
                                    if weekend >= 0 && !weekendWorked && weekendCap >= 0 {
                                        usedAfter += 1
                                        allowed = usedAfter <= weekendCap
                                    }
                                    if allowed {
                                        let next = Self.index(
                                            min(work + 1, workCap), 0, off > 0 || work == 0 ? day == 0 && !historyKnown : touches, usedAfter,
                                            weekend >= 0, workCap, offCap, weekendStates)
                                        let rest = most[day + 1][next]
                                        if rest >= 0 { best = max(best, minutes + rest) }
                                    }
                                }
                                // A day off.
                                if !mustWork[day], !(work > 0 && !touches && work < minConsecutive) {
                                    let next = Self.index(
                                        0, min(off + 1, offCap), work > 0 || off == 0 ? day == 0 && !historyKnown : touches, used,
                                        weekend >= 0 && weekendWorked, workCap, offCap, weekendStates)
                                    best = max(best, most[day + 1][next])
                                }
                                most[day][state] = best
                            }
                        }
                    }
                }
            }
        }
        self.most = most
    }

    /// Most minutes on days `day...` for a person whose run in progress (ending yesterday) is `workRun` days
    /// of work or `offRun` days off, who has used `weekendsUsed` weekends, and whose weekend under way (if
    /// `day` is in one) is `currentWeekendWorked`. `nil` when no schedule from there meets the rules.
    func most(from day: Int, workRun: Int, offRun: Int, touchesStart: Bool, weekendsUsed: Int, currentWeekendWorked: Bool) -> Int? {
        guard day < dayCount else { return 0 }
        let weekendStates = weekendCap >= 0 ? weekendCap + 1 : 1
        guard weekendCap < 0 || weekendsUsed <= weekendCap else { return nil }
        let state = Self.index(
            min(workRun, workCap), workRun > 0 ? 0 : min(offRun, offCap), touchesStart,
            weekendCap >= 0 ? weekendsUsed : 0, currentWeekendWorked, workCap, offCap, weekendStates)
        let value = most[day][state]
        return value >= 0 ? value : nil
    }

    private static func index(
        _ work: Int, _ off: Int, _ touches: Bool, _ used: Int, _ worked: Bool, _ workCap: Int, _ offCap: Int,
        _ weekendStates: Int
    ) -> Int {
        ((((work * (offCap + 1) + off) * 2 + (touches ? 1 : 0)) * weekendStates + used) * 2) + (worked ? 1 : 0)
    }
}
