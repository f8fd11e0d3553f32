/// Times of day as reports and messages print them.
public enum ClockTime {
    /// `HH:MM` from minutes after any midnight (negative ones before it); the end of a stretch that stops at
    /// midnight reads 24:00 with `isEnd`, 00:00 without.
    public static func text(_ minutes: Int, isEnd: Bool = false) -> String {
        let inDay = ((minutes % 1440) + 1440) % 1440
        let shown = isEnd && inDay == 0 ? 1440 : inDay
        let hours = shown / 60, rest = shown % 60
        return (hours < 10 ? "0" : "") + "\(hours):" + (rest < 10 ? "0" : "") + "\(rest)"
    }
}
