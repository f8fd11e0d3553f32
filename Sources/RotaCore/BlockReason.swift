/// Why a person may not take a shift on a day: a cell of their roster that is closed to them.
public enum BlockReason: Sendable, Hashable, CustomStringConvertible {
    /// The shift type is for other roles.
    case role(String, shift: String)
    case missingSkill(String)
    /// The shift is at a site the person does not work at.
    case site(String)
    case missingCredential(String)
    /// The credential expired on that date (it blocks from then on).
    case expiredCredential(String, expires: CalendarDate)
    /// The shift type does not run on that weekday.
    case notRunning(shift: String, weekday: String)
    /// The shift type is closed on that public holiday.
    case closedOnHoliday(shift: String, holiday: String)
    /// Unavailable for part of the day (minutes after midnight, `from`..<`to`).
    case unavailable(from: Int, to: Int, date: CalendarDate)
    /// A day before the re-roster's first free day: the published roster stands.
    case frozen
    /// Set by hand (tests, other formats).
    case other(String)

    public var isExpiredCredential: Bool { if case .expiredCredential = self { true } else { false } }

    public var description: String {
        switch self {
        case .role(let role, let shift): return "\(role) may not work \(shift)"
        case .missingSkill(let skill): return "lacks the skill \(skill)"
        case .site(let site): return "does not work at \(site)"
        case .missingCredential(let kind): return "holds no \(kind)"
        case .expiredCredential(let kind, let expires): return "\(kind) expired \(expires)"
        case .notRunning(let shift, let weekday): return "\(shift) does not run on \(weekday)"
        case .closedOnHoliday(let shift, let holiday): return "\(shift) is closed on \(holiday)"
        case .unavailable(let from, let to, let date):
            return "unavailable \(ClockTime.text(from))–\(ClockTime.text(to)) on \(date)"
        case .frozen: return "frozen: published roster kept"
        case .other(let text): return text
        }
    }
}
