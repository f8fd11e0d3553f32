import Foundation
import RotaCore
@testable import RotaReport
import Testing

/// The iCalendar writer's framing: folding, escaping, time zones and shifts across midnight and a
/// daylight-saving change. (The CLI test reads whole feeds with an independent parser.)
@Suite struct CalendarFeedTests {
    static func feed(_ events: [CalendarFeed.Event], zone: String = "America/Chicago") throws -> String {
        CalendarFeed(
            name: "dr-adams 2026-12", timeZone: try #require(TimeZone(identifier: zone)), sequence: 3,
            stamp: Date(timeIntervalSince1970: 1_796_000_000), domain: "rota", events: events
        ).text()
    }

    static func event(_ date: String, start: Int, minutes: Int, title: String = "CALL", cancelled: Bool = false) throws -> CalendarFeed.Event {
        CalendarFeed.Event(
            staffId: "dr-adams", date: try #require(CalendarDate(iso: date)), shift: "CALL", startMinute: start, lengthMinutes: minutes,
            isOnCall: true, title: title, isCancelled: cancelled)
    }

    @Test func linesAreFoldedAt75OctetsWithoutSplittingACharacter() {
        let line = "SUMMARY:" + String(repeating: "é", count: 60) + String(repeating: "a", count: 50)
        let folded = CalendarFeed.fold(line)
        let pieces = folded.components(separatedBy: "\r\n")
        #expect(pieces.count == 3)
        #expect(pieces.allSatisfy { $0.utf8.count <= 75 })
        #expect(pieces.dropFirst().allSatisfy { $0.hasPrefix(" ") })
        #expect(pieces.enumerated().map { $0.offset == 0 ? $0.element : String($0.element.dropFirst()) }.joined() == line)
    }

    @Test func textIsEscaped() {
        #expect(CalendarFeed.escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne")
    }

    @Test func aNightShiftEndsTheNextMorningInLocalTime() throws {
        let text = try Self.feed([try Self.event("2026-12-04", start: 18 * 60, minutes: 14 * 60)])
        #expect(text.contains("DTSTART;TZID=America/Chicago:20261204T180000\r\n"))
        #expect(text.contains("DTEND;TZID=America/Chicago:20261205T080000\r\n"))
        #expect(text.contains("UID:dr-adams/2026-12-04/CALL@rota\r\n") && text.contains("SEQUENCE:3\r\n"))
        #expect(text.contains("BEGIN:VTIMEZONE\r\nTZID:America/Chicago\r\n") && text.contains("TZOFFSETTO:-0600"))
        #expect(text.hasSuffix("END:VCALENDAR\r\n"))
    }

    /// Across the spring change a 14-hour night is 14 real hours: it ends at 09:00 on the clock.
    @Test func aShiftAcrossADaylightSavingChangeKeepsItsRealLength() throws {
        let text = try Self.feed([try Self.event("2027-03-13", start: 18 * 60, minutes: 14 * 60)])
        #expect(text.contains("DTEND;TZID=America/Chicago:20270314T090000\r\n"))
        #expect(text.contains("BEGIN:DAYLIGHT\r\nDTSTART:20270314T020000\r\nTZOFFSETFROM:-0600\r\nTZOFFSETTO:-0500"))
    }

    @Test func droppedShiftsComeBackCancelled() throws {
        let kept = try Self.event("2026-12-04", start: 18 * 60, minutes: 840)
        let dropped = try Self.event("2026-12-05", start: 18 * 60, minutes: 840)
        let events = CalendarFeed.events(current: [kept], earlier: [[kept, dropped], [dropped]])
        #expect(events.count == 2)
        #expect(events.map(\.isCancelled) == [false, true])
        let text = try Self.feed(events)
        #expect(text.contains("STATUS:CANCELLED\r\nSUMMARY:Cancelled: CALL"))
    }
}
