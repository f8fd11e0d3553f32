public import Foundation
public import RotaCore

/// An iCalendar file (RFC 5545) of rostered shifts, for a person's calendar app.
///
/// Times are local wall-clock times in the practice's time zone (`DTSTART;TZID=…` with a `VTIMEZONE` holding
/// that zone's offsets and daylight-saving transitions over the feed's dates), so a shift starts at 08:00
/// wherever the phone is. A shift's end is its start plus its length in real time: a night shift crosses
/// midnight, and one across a daylight-saving change lasts its true length. Each shift's `UID` names the
/// person, date and shift type, never the version, so a calendar that imports the next published version
/// updates the same event (its `SEQUENCE` is the version) and cancels a shift the new version dropped
/// (`STATUS:CANCELLED`) instead of adding duplicates. Lines end in CRLF and are folded at 75 octets; text
/// is escaped.
public struct CalendarFeed: Sendable {
    /// One shift, or one dropped since an earlier version.
    public struct Event: Sendable, Hashable {
        public var staffId: String
        public var date: CalendarDate
        public var shift: String
        /// Minutes after midnight of `date`.
        public var startMinute: Int
        public var lengthMinutes: Int
        public var isOnCall: Bool
        public var title: String
        public var location: String?
        public var isCancelled: Bool

        public init(
            staffId: String, date: CalendarDate, shift: String, startMinute: Int, lengthMinutes: Int, isOnCall: Bool,
            title: String, location: String? = nil, isCancelled: Bool = false
        ) {
            self.staffId = staffId
            self.date = date
            self.shift = shift
            self.startMinute = startMinute
            self.lengthMinutes = lengthMinutes
            self.isOnCall = isOnCall
            self.title = title
            self.location = location
            self.isCancelled = isCancelled
        }

        /// The same for every version of the roster.
        public func uid(domain: String) -> String { "\(staffId)/\(date)/\(shift)@\(domain)" }
    }

    public var name: String
    public var timeZone: TimeZone
    /// The published version: every event's `SEQUENCE`.
    public var sequence: Int
    /// When the version was published (`DTSTAMP`).
    public var stamp: Date
    /// The right-hand side of every `UID`: the practice, so two practices' feeds never collide.
    public var domain: String
    public var events: [Event]

    public init(name: String, timeZone: TimeZone, sequence: Int, stamp: Date, domain: String, events: [Event]) {
        self.name = name
        self.timeZone = timeZone
        self.sequence = sequence
        self.stamp = stamp
        self.domain = domain
        self.events = events
    }

    /// The events of version `current` for the people `include` admits, and a cancelled event for every
    /// shift of an earlier version that `current` no longer has.
    public static func events(current: [Event], earlier: [[Event]], include: (Event) -> Bool = { _ in true }) -> [Event] {
        let kept = Set(current.map { $0.uid(domain: "") })
        var cancelled: [String: Event] = [:]
        for version in earlier {
            for event in version where !kept.contains(event.uid(domain: "")) {
                var dropped = event
                dropped.isCancelled = true
                cancelled[event.uid(domain: "")] = dropped
            }
        }
        return (current + cancelled.values).filter(include).sorted {
            ($0.date, $0.startMinute, $0.staffId, $0.shift) < ($1.date, $1.startMinute, $1.staffId, $1.shift)
        }
    }

    /// The file's text.
    public func text() -> String {
        let calendar = Calendar.gregorian(timeZone)
        let starts = events.map { localStart($0, calendar) }
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Rota//Roster//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
            "X-WR-CALNAME:" + Self.escape(name), "X-WR-TIMEZONE:" + timeZone.identifier,
        ]
        lines += timeZoneLines(around: starts)
        let stamp = Self.basic(self.stamp, Self.utcCalendar) + "Z"
        for (event, start) in zip(events, starts) {
            let end = calendar.date(byAdding: .minute, value: event.lengthMinutes, to: start) ?? start
            lines += [
                "BEGIN:VEVENT",
                "UID:" + Self.escape(event.uid(domain: domain)),
                "DTSTAMP:" + stamp,
                "DTSTART;TZID=\(timeZone.identifier):" + Self.basic(start, calendar),
                "DTEND;TZID=\(timeZone.identifier):" + Self.basic(end, calendar),
                "SEQUENCE:\(sequence)",
                "STATUS:" + (event.isCancelled ? "CANCELLED" : "CONFIRMED"),
                "SUMMARY:" + Self.escape(event.isCancelled ? "Cancelled: \(event.title)" : event.title),
            ]
            if let location = event.location { lines.append("LOCATION:" + Self.escape(location)) }
            if event.isOnCall { lines.append("CATEGORIES:ON-CALL") }
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map(Self.fold).joined(separator: "\r\n") + "\r\n"
    }

    private func localStart(_ event: Event, _ calendar: Calendar) -> Date {
        var components = DateComponents()
        components.year = event.date.year
        components.month = event.date.month
        components.day = event.date.day
        components.hour = event.startMinute / 60
        components.minute = event.startMinute % 60
        return calendar.date(from: components) ?? Date(timeIntervalSince1970: 0)
    }

    /// The zone's offsets over the feed's dates (a year either side): one `STANDARD` or `DAYLIGHT` part per
    /// offset in force, starting at the transition that began it.
    private func timeZoneLines(around dates: [Date]) -> [String] {
        let from = (dates.min() ?? stamp).addingTimeInterval(-366 * 86_400)
        let to = (dates.max() ?? stamp).addingTimeInterval(366 * 86_400)
        var lines = ["BEGIN:VTIMEZONE", "TZID:" + timeZone.identifier]
        func part(at start: Date, offsetFrom: Int) -> [String] {
            let isDaylight = timeZone.isDaylightSavingTime(for: start)
            let offset = timeZone.secondsFromGMT(for: start)
            // DTSTART of a part is the local time of the change, in the offset before it.
            let localStart = Self.basic(start.addingTimeInterval(Double(offsetFrom)), Self.utcCalendar)
            let kind = isDaylight ? "DAYLIGHT" : "STANDARD"
            // TZNAME is optional; a bare "GMT-6" (what the platform gives where it knows no abbreviation) says
            // nothing the offsets do not.
            let name = timeZone.abbreviation(for: start).flatMap { $0.hasPrefix("GMT") ? nil : "TZNAME:" + Self.escape($0) }
            return ["BEGIN:" + kind, "DTSTART:" + localStart, "TZOFFSETFROM:" + Self.offset(offsetFrom), "TZOFFSETTO:" + Self.offset(offset)]
                + (name.map { [$0] } ?? []) + ["END:" + kind]
        }
        let initial = timeZone.secondsFromGMT(for: from)
        lines += part(at: from, offsetFrom: initial)
        var cursor = from
        while let next = timeZone.nextDaylightSavingTimeTransition(after: cursor), next < to {
            lines += part(at: next, offsetFrom: timeZone.secondsFromGMT(for: next.addingTimeInterval(-1)))
            cursor = next
        }
        lines.append("END:VTIMEZONE")
        return lines
    }

    private static let utcCalendar = Calendar.gregorian(TimeZone(secondsFromGMT: 0)!)

    /// RFC 5545's basic date-time form, `YYYYMMDDTHHMMSS`, on `calendar`'s clock.
    private static func basic(_ date: Date, _ calendar: Calendar) -> String {
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d%02d%02dT%02d%02d%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }

    private static func offset(_ seconds: Int) -> String {
        let sign = seconds < 0 ? "-" : "+"
        let minutes = abs(seconds) / 60
        return String(format: "%@%02d%02d", sign, minutes / 60, minutes % 60)
    }

    /// TEXT escaping (RFC 5545 3.3.11): backslash, semicolon, comma and newlines.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n", "\r\n", "\r": out += "\\n"
            default: out.append(character)
            }
        }
        return out
    }

    /// Folds a content line into lines of at most 75 octets, continuation lines starting with a space, never
    /// splitting a UTF-8 character (RFC 5545 3.1).
    static func fold(_ line: String) -> String {
        var pieces: [String] = []
        var current = ""
        var octets = 0
        for scalar in line.unicodeScalars {
            let size = String(scalar).utf8.count
            let limit = pieces.isEmpty ? 75 : 74  // a continuation line's leading space counts
            if octets + size > limit {
                pieces.append(current)
                current = ""
                octets = 0
            }
            current.unicodeScalars.append(scalar)
            octets += size
        }
        pieces.append(current)
        return pieces.joined(separator: "\r\n ")
    }
}

extension Calendar {
    fileprivate static func gregorian(_ zone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar
    }
}
