/// What a contract asks of one person over some dates: the one definition of contract hours that `solve`,
/// `whatif`, the weekly minimums and the records' staffing report all use.
///
/// A *contract day* is a Monday to Friday that is not a public holiday, inside the dates in question (and,
/// in the records, inside the person's employment). Each contract day that is not approved leave carries
/// `weekly_hours × FTE / 5` hours; weekends, public holidays and leave carry none. So a full-time 40-hour
/// contract owes 8 hours a working weekday: 168 hours in a month of 23 weekdays with two public holidays,
/// and 40 hours less for a Monday-to-Friday week of leave, whatever days the practice is open.
public enum ContractHours {
    /// Whether `date` is a contract day: Monday to Friday and not one of `holidays`.
    public static func isContractDay(_ date: CalendarDate, holidays: Set<CalendarDate>) -> Bool {
        date.weekday < 5 && !holidays.contains(date)
    }

    /// Contract days among `dates` that are not in `leave`.
    public static func contractDays(
        _ dates: some Sequence<CalendarDate>, holidays: Set<CalendarDate>, leave: Set<CalendarDate> = []
    ) -> Int {
        dates.reduce(0) { count, date in
            count + (isContractDay(date, holidays: holidays) && !leave.contains(date) ? 1 : 0)
        }
    }

    /// Contract minutes for `contractDays` days at `weeklyHours` × `fte`, rounded to the nearest minute.
    public static func minutes(weeklyHours: Double, fte: Double, contractDays: Int) -> Int {
        Int((weeklyHours * 60 * fte * Double(contractDays) / 5).rounded())
    }

    /// A calendar week's minimum paid minutes: `minHoursPerWeek` (not scaled by FTE) in proportion to the
    /// contract days the person has in that week off leave, out of five (a week with a public holiday and
    /// two days of leave needs 2/5 of it; a week of leave, nothing). Rounded to the nearest minute.
    public static func weeklyMinimum(minHoursPerWeek: Double, openContractDays: Int) -> Int {
        Int((minHoursPerWeek * 60 * Double(min(5, max(0, openContractDays))) / 5).rounded())
    }
}
