import Foundation
import RotaCore
import Testing

/// Change files against the example practice: every kind of change applied, and every kind of mistake
/// reported at its line with a hint.
@Suite struct ScenarioChangeTests {
    static let base = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scenarios/riverside-2026-12.yaml").path

    static func apply(_ text: String) throws -> (problem: RosterProblem?, diagnostics: [Diagnostic], change: ScenarioChange?) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("rota-change-\(UUID().uuidString).yaml").path
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let (change, diagnostics) = ScenarioChange.load(changeFile: file, baseFile: base)
        guard let change else { return (nil, diagnostics, nil) }
        let (normalized, findings) = change.normalized(label: "base + change")
        let errors = findings.filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors)")
        return (normalized?.problem, diagnostics, change)
    }

    static var baseProblem: RosterProblem {
        get throws { try #require(ScenarioNormalizer.load(file: base).normalized).problem }
    }

    static func index(_ problem: RosterProblem, _ id: String) throws -> Int { try #require(problem.staff.firstIndex { $0.id == id }) }

    @Test func staffAddModifyRemove() throws {
        let (problem, _, change) = try Self.apply("""
            change: 1
            name: reshuffle
            staff:
              - add: {id: np-new, role: np, fte: 0.6, contract: app, sites: [south], credentials: [{kind: license}, {kind: bls}]}
              - modify: {id: dr-adams, fte: 0.8}
              - remove: dr-baker
            """)
        let changed = try #require(problem)
        #expect(change?.name == "reshuffle")
        #expect(changed.staff.count == 40)
        #expect(changed.staff[try Self.index(changed, "np-new")].fte == 0.6)
        #expect(changed.staff[try Self.index(changed, "dr-adams")].fte == 0.8)
        #expect(!changed.staff.contains { $0.id == "dr-baker" })
    }

    /// A what-if can rank the hard rules differently, or let people work at two sites a day.
    @Test func bendOrderAndOneSitePerDayReplaceTheBase() throws {
        let (problem, _, _) = try Self.apply("""
            change: 1
            name: call gives way first, two sites a day
            bend_order: [CALL, cover]
            one_site_per_day: false
            """)
        let changed = try #require(problem)
        #expect(!changed.oneSitePerDay)
        let call = try #require(changed.shiftIndex(id: "CALL"))
        #expect(changed.bendOrder?.families == [.coverOf(shift: call), .cover])
        #expect(changed.minimumMinuteWeight == nil, "min_hours left out of the order stays hard")
        #expect(try Self.baseProblem.oneSitePerDay)
    }

    @Test func leaveUnavailabilityAndRequests() throws {
        let (problem, _, _) = try Self.apply("""
            change: 1
            leave: [{staff: rn-04, from: 2026-12-08, to: 2026-12-10, kind: sick}]
            unavailable: [{staff: dr-evans, days: [fri], from: "12:30", to: "18:00"}]
            requests: [{staff: ma-01, date: 2026-12-15, off: true, weight: 7}]
            """)
        let changed = try #require(problem)
        let rn04 = try Self.index(changed, "rn-04")
        #expect([7, 8, 9].allSatisfy { changed.staff[rn04].leave[$0] == "sick" })
        let evans = try Self.index(changed, "dr-evans")
        let pm = try #require(changed.shiftTypes.firstIndex { $0.id == "N-PM" })
        let am = try #require(changed.shiftTypes.firstIndex { $0.id == "N-AM" })
        // Every Friday afternoon (4, 11, 18 Dec…) is blocked, the mornings are not.
        for friday in [3, 10, 17] {
            #expect(!changed.isPermitted(staff: evans, day: friday, shift: pm))
            #expect(changed.isPermitted(staff: evans, day: friday, shift: am))
        }
        #expect(changed.dayOffRequests.contains { $0.staff == (try? Self.index(changed, "ma-01")) && $0.day == 14 && $0.weight == 7 })
    }

    @Test func demandScaledAndReplaced() throws {
        let base = try Self.baseProblem
        let (problem, _, _) = try Self.apply("""
            change: 1
            demand:
              - {scale: 1.5, from: 2026-12-14}
              - {visits: 12, days: [fri], sessions: [S-PM]}
            """)
        let changed = try #require(problem)
        func providers(_ problem: RosterProblem, day: Int, shift: String) -> Int? {
            let t = problem.shiftTypes.firstIndex { $0.id == shift }
            return problem.cover.first { $0.day == day && $0.shift == t && $0.group == "providers" }?.required
        }
        // Mon 7 Dec is before the change; Mon 14 Dec N-AM: 60 visits × 1.5 / 12 = 7.5 → 8 providers (base 5).
        #expect(providers(changed, day: 6, shift: "N-AM") == providers(base, day: 6, shift: "N-AM"))
        #expect(providers(base, day: 13, shift: "N-AM") == 5)
        #expect(providers(changed, day: 13, shift: "N-AM") == 8)
        // Fridays' South afternoon is replaced by 12 visits: one provider, whatever the scale.
        #expect(providers(changed, day: 17, shift: "S-PM") == 1)
    }

    @Test func coverageContractsAndShiftTypes() throws {
        let base = try Self.baseProblem
        let (problem, _, _) = try Self.apply("""
            change: 1
            coverage:
              remove: [{shift: N-AM, who: fd}]
              add: [{shift: N-AM, days: weekdays, who: fd, min: 2}]
            contracts:
              add: [{id: locum, weekly_hours: 20, max_shifts_per_day: 2}]
              modify: [{id: physician, max_weekends: 1}]
            staff:
              - add: {id: dr-locum, role: physician, contract: locum, credentials: [{kind: license}, {kind: bls}, {kind: dea}]}
            shift_types:
              remove: [S-PM]
            """)
        let changed = try #require(problem)
        #expect(!changed.shiftTypes.contains { $0.id == "S-PM" })
        #expect(changed.shiftTypes.count == base.shiftTypes.count - 1)
        let nam = try #require(changed.shiftTypes.firstIndex { $0.id == "N-AM" })
        #expect(changed.cover.contains { $0.shift == nam && $0.group == "fd" && $0.hardMinimum == 2 })
        #expect(changed.staff[try Self.index(changed, "dr-adams")].limits.maxWeekends == 1)
        #expect(changed.staff[try Self.index(changed, "dr-locum")].contractMinutes != nil)
    }

    /// A line by the hour is added: North's day cut at the sessions' starts and ends.
    @Test func coverageByTheHourIsAdded() throws {
        let (added, _, _) = try Self.apply("""
            change: 1
            coverage:
              add: [{from: "08:00", to: "18:00", site: north, days: weekdays, who: rn, min: 2}]
            """)
        let problem = try #require(added)
        // The lunch hour, when no North session runs, needs nobody.
        #expect(Set(problem.cover.compactMap(\.label)) == ["north 08:00–12:30", "north 13:30–18:00"])
        #expect(problem.cover.filter { $0.label != nil }.allSatisfy { $0.hardMinimum == 2 })
        #expect(problem.cover.count > (try Self.baseProblem).cover.count)
    }

    /// Each mistake: the message and the change file's line.
    @Test(arguments: [
        ("change: 1\nstaff:\n  - modify: {id: dr-adms, fte: 0.8}\n", 3, "no staff member `dr-adms`", "did you mean `dr-adams`?"),
        ("change: 1\nleav: []\n", 2, "unknown key `leav`", "did you mean `leave`?"),
        ("change: 1\nshift_types:\n  remove: [X-PM]\n", 3, "no shift type `X-PM`", nil),
        ("change: 1\ncoverage:\n  remove: [{shift: N-AM, who: nurse}]\n", 3, "no coverage line of the base matches", nil),
        ("change: 1\ncoverage:\n  remove: [{from: \"08:00\", to: \"18:00\"}]\n", 3, "no coverage line of the base matches", nil),
        ("change: 1\ncoverage:\n  remove: [{who: rn}]\n", 3, "name the line to remove by its `shift`, `shifts` or `from`/`to`", nil),
        ("change: 1\ncontracts:\n  modify: [{id: physcian, max_weekends: 1}]\n", 3, "no contract `physcian`", "did you mean `physician`?"),
        ("change: 1\nstaff:\n  - add: {id: dr-adams, role: physician}\n", 3, "already exists", nil),
        ("change: 1\ndemand:\n  - {from: 2026-12-14}\n", 3, "give `scale` or `visits`", nil),
        ("change: 1\nunavailable:\n  - {staff: rn-01, date: 2026-12-01, days: [fri], from: \"08:00\", to: \"12:00\"}\n", 3, "give `date`", nil),
        ("change: 2\n", 1, "change format version 1", nil),
        ("change: 1\nleave: [{staff: rn-99, from: 2026-12-01, to: 2026-12-02}]\n", 2, "no staff member `rn-99`", nil),
        ("change: 1\nstaff:\n  - add: {id: x, role: rn, contract: nurses}\n", 3, "no contract `nurses`", "known: physician, app, nursing, front-desk"),
    ])
    func mistakesAreReportedWhereTheyAre(_ text: String, _ line: Int, _ message: String, _ hint: String?) throws {
        let (problem, diagnostics, change) = try Self.apply(text)
        #expect(problem == nil && change == nil)
        let error = try #require(diagnostics.first { $0.severity == .error }, "\(diagnostics)")
        #expect(error.message.contains(message), "\(error)")
        #expect(error.line == line, "\(error)")
        if let hint { #expect(error.hint == hint, "\(error)") }
        #expect(error.file.hasSuffix(".yaml") && error.file != Self.base)
    }
}
