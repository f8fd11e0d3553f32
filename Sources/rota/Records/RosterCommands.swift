import ArgumentParser
import Foundation
import RotaCore
import RotaReport
import RotaRecords

extension Import {
    struct ScenarioFile: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "scenario",
            abstract: "Load a scenario's contracts, staff, credentials and leave into the practice database.",
            discussion: """
                One transaction: if anything is refused (an id already recorded, a person without a contract), \
                or the process is stopped, nothing is imported. Leave is recorded as approved requests.
                """)
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The scenario file (.yaml).") var file: String
        @Option(name: .customLong("employment-start"), help: "Employment start for everyone imported (default: the horizon start).")
        var employmentStart: String?
        @Option(name: .customLong("annual-leave-days"), help: "Annual leave a year for the imported contracts.")
        var annualLeaveDays: Double = 0
        @Flag(help: "Report progress on stderr.") var progress = false

        func run() throws {
            let db = try database.open()
            let (scenario, diagnostics) = ScenarioParser.parse(file: file)
            let errors = diagnostics.filter { $0.severity == .error }
            for diagnostic in errors { Terminal.note(diagnostic.description) }
            guard let scenario, errors.isEmpty else {
                Terminal.error("\(file): \(errors.count) error(s); nothing was imported")
                throw ExitCode(RotaExit.badInput)
            }
            let start: CalendarDate
            if let employmentStart {
                guard let date = CalendarDate(iso: employmentStart) else {
                    Terminal.error("--employment-start: `\(employmentStart)` is not a date\n  hint: dates are YYYY-MM-DD")
                    throw ExitCode(RotaExit.badInput)
                }
                start = date
            } else {
                start = scenario.start
            }
            let report = progress
            let summary = try records {
                try db.importScenario(scenario, employmentStart: start, annualLeaveDays: annualLeaveDays) { done, total in
                    if report && (done % 100 == 0 || done == total) { Terminal.note("imported \(done)/\(total) rows") }
                }
            }
            print("imported \(summary.contracts) contracts, \(summary.staff) staff, \(summary.credentials) credentials, \(summary.leave) leave periods from \(file)")
        }
    }
}

struct ScenarioCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenario", abstract: "Scenarios made from the practice records.", subcommands: [Export.self])

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a month's scenario: the practice file's rules with the database's people.",
            discussion: """
                The practice file holds the sections that do not change month to month (sites, roles, skills, \
                shift types, rest, coverage, demand, fairness). The database adds contracts, the staff employed \
                that month with their credentials (an expiry makes a person ineligible from that day), approved \
                leave, pending leave as day-off requests, shift and day requests (`rota request add`), and history \
                from the previous month's published roster. The file written is validated as `rota validate` would.
                """)
        @OptionGroup var database: DatabaseOptions
        @Option(help: "The month, YYYY-MM.") var month: String
        @Option(help: "The practice file (YAML; default: the one stored with `rota practice set`).") var practice: String?
        @Option(help: "Where to write the scenario (default scenario-MONTH.yaml).") var out: String?
        @Option(name: .customLong("pending-weight"), help: "Weight of each day of a pending leave request.")
        var pendingWeight = 5

        func run() throws {
            let db = try database.open()
            let path = out ?? "scenario-\(month).yaml"
            guard let practiceFile = try practice ?? records({ try db.storedPracticeFile() }) else {
                Terminal.error("--practice: no practice file given and none stored\n  hint: pass --practice FILE, or store one with `rota practice set FILE`")
                throw ExitCode(RotaExit.badInput)
            }
            let (text, summary) = try records {
                try ScenarioExport(database: db, practiceFile: practiceFile, pendingWeight: pendingWeight).yaml(month: month, outputPath: path)
            }
            do {
                try text.write(toFile: path, atomically: true, encoding: .utf8)
            } catch {
                Terminal.error("\(path): cannot write (\(error.localizedDescription))")
                throw ExitCode(RotaExit.badInput)
            }
            print("wrote \(path): \(summary.staff) staff, \(summary.approvedLeave) approved leave, \(summary.pendingRequests) pending leave as day-off requests, \(summary.shiftRequests) shift requests, "
                + "\(summary.historyShifts) history shifts\(summary.historySource.map { " from \($0)" } ?? " (no roster published for the month before)")"
                + (summary.carriedOver > 0 ? ", \(summary.carriedOver) shifts carried over for fairness" : "")
                + (summary.holidayRotation > 0 ? ", \(summary.holidayRotation) kept off a holiday they worked last year" : ""))
            for credential in summary.expiringCredentials { print("  expires this month: \(credential)") }
            let result = Validate.check(path)
            for diagnostic in result.diagnostics { Terminal.note(diagnostic.description) }
            if result.diagnostics.contains(where: { $0.severity == .error }) {
                Terminal.error("\(path) does not validate; fix the practice file or the records and export again")
                throw ExitCode(RotaExit.badInput)
            }
        }
    }
}

struct Publish: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Store a solved roster as the month's next published version (earlier versions are kept).",
        discussion: "The roster is re-checked against its scenario by the evaluator before it is stored.")
    @OptionGroup var database: DatabaseOptions
    @Argument(help: "The roster CSV (`rota solve … --out roster.csv`).") var roster: String
    @Option(help: "The scenario the roster was solved from.") var scenario: String
    @Option(help: "The month, YYYY-MM.") var month: String
    @Flag(name: .customLong("allow-violations"), help: "Publish even if the roster breaks hard rules.") var allowViolations = false
    @Option(help: "Also write the version's calendar feeds (as `rota roster ics`) to this folder.") var ics: String?
    @OptionGroup var feedZone: FeedZoneOptions

    func run() throws {
        let db = try database.open()
        let normalized = try Input.loadScenario(path: scenario)
        let parsed: Roster
        do {
            parsed = try RosterCSV.read(file: roster, problem: normalized.problem)
        } catch {
            Terminal.error(error.description)
            throw ExitCode(RotaExit.badInput)
        }
        let evaluation = Evaluator(problem: normalized.problem).evaluate(parsed)
        if !evaluation.hardViolations.isEmpty && !allowViolations {
            let broken = TextReport(problem: normalized.problem).conflicts(evaluation, limit: 0, roster: parsed)
                .split(separator: "\n").filter { $0.hasPrefix("HARD") }.map { "  " + $0 }
            Terminal.error(
                "\(roster) breaks \(evaluation.hardViolations.count) hard rule(s) of \(scenario); not published:\n"
                    + broken.joined(separator: "\n")
                    + "\n  hint: `rota reroster \(scenario) --published \(roster) --out FIXED.csv` repairs it with as few changes as it can;"
                    + " --allow-violations publishes it as it is")
            throw ExitCode(RotaExit.noRoster)
        }
        let version = try records {
            try db.publish(roster: parsed, problem: normalized.problem, evaluation: evaluation, month: month, source: "\(scenario) + \(roster)")
        }
        print("published \(month) version \(version.version): \(parsed.assignments.count) shifts, objective \(version.objective), \(version.hardViolations) hard violations")
        if let ics {
            try CalendarFeeds.write(db: db, month: month, version: version.version, staff: nil, folder: ics, timeZone: try feedZone.zone())
        }
    }
}

/// `--time-zone` of the calendar feeds.
struct FeedZoneOptions: ParsableArguments {
    @Option(name: .customLong("time-zone"), help: "The practice's time zone, e.g. America/Chicago (default: this machine's).")
    var timeZone: String?

    func zone() throws -> TimeZone {
        guard let name = timeZone else { return TimeZone.current }
        guard let zone = TimeZone(identifier: name) else {
            Terminal.error("--time-zone \(name): not a time zone\n  hint: an IANA name such as Europe/London or America/New_York")
            throw ExitCode(RotaExit.badInput)
        }
        return zone
    }
}

/// Writes a published version's iCalendar files: one per person, the whole practice, and on-call.
enum CalendarFeeds {
    static func write(db: PracticeDatabase, month: String, version: Int?, staff: String?, folder: String, timeZone: TimeZone) throws {
        let (chosen, assignments) = try records { try db.publishedRoster(month: month, version: version) }
        let earlier = try records { try db.rosterVersions(month: month) }.filter { $0.version < chosen.version }
            .map { older in try records { try db.publishedRoster(month: month, version: older.version) }.assignments }
        func events(_ records: [RosterAssignmentRecord]) -> [CalendarFeed.Event] {
            records.compactMap { record in
                CalendarDate(iso: record.date).map {
                    CalendarFeed.Event(
                        staffId: record.staffId, date: $0, shift: record.shift, startMinute: record.startMinute,
                        lengthMinutes: record.lengthMinutes, isOnCall: record.isOnCall,
                        title: (record.shiftName ?? record.shift) + (record.isOnCall ? " (on call)" : ""), location: record.site)
                }
            }
        }
        let current = events(assignments), previous = earlier.map(events)
        let people = Set((current + previous.flatMap { $0 }).map(\.staffId))
        if let staff, !people.contains(staff) {
            Terminal.error("--staff \(staff): nobody of that id is on the \(month) roster\n  hint: `rota roster show --month \(month)` lists who is")
            throw ExitCode(RotaExit.badInput)
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            Terminal.error("cannot create \(folder): \(error.localizedDescription)")
            throw ExitCode(RotaExit.badInput)
        }
        let stamp = ISO8601DateFormatter().date(from: chosen.publishedAt) ?? Date()
        // The practice-wide feeds put the person in each title.
        func feed(_ name: String, file: String, _ include: @escaping (CalendarFeed.Event) -> Bool, naming people: Bool = false) throws {
            var chosenEvents = CalendarFeed.events(current: current, earlier: previous, include: include)
            if people {
                for index in chosenEvents.indices { chosenEvents[index].title = "\(chosenEvents[index].staffId): \(chosenEvents[index].title)" }
            }
            let text = CalendarFeed(
                name: name, timeZone: timeZone, sequence: chosen.version, stamp: stamp, domain: "rota", events: chosenEvents
            ).text()
            let path = (folder as NSString).appendingPathComponent(file)
            do {
                try text.write(toFile: path, atomically: true, encoding: .utf8)
            } catch {
                Terminal.error("cannot write \(path): \(error.localizedDescription)")
                throw ExitCode(RotaExit.badInput)
            }
        }
        var written = 0
        for person in people.sorted() where staff == nil || staff == person {
            try feed("\(person) \(month)", file: "\(person).ics", { $0.staffId == person })
            written += 1
        }
        if staff == nil {
            try feed("Practice roster \(month)", file: "practice.ics", { _ in true }, naming: true)
            try feed("On call \(month)", file: "on-call.ics", { $0.isOnCall }, naming: true)
        }
        print("wrote \(written) personal feed\(written == 1 ? "" : "s")\(staff == nil ? ", practice.ics and on-call.ics" : "") for \(month) version \(chosen.version) to \(folder) (time zone \(timeZone.identifier))")
    }
}

struct RosterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roster", abstract: "Published rosters.", subcommands: [Show.self, ICS.self])

    struct ICS: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ics",
            abstract: "A published roster as iCalendar feeds: one file per person, practice.ics and on-call.ics.",
            discussion: """
                Events keep their UID from version to version (person/date/shift@rota), carry the version as \
                SEQUENCE, and a shift an earlier version had but this one dropped comes as STATUS:CANCELLED, so a \
                calendar that imports the new file updates its events instead of adding duplicates.
                """)
        @OptionGroup var database: DatabaseOptions
        @Option(help: "The month, YYYY-MM.") var month: String
        @Option(help: "The version (default the latest).") var version: Int?
        @Option(help: "Only this person's feed.") var staff: String?
        @Option(help: "The folder to write the .ics files to.") var out: String
        @OptionGroup var feedZone: FeedZoneOptions

        func run() throws {
            let db = try database.open()
            try CalendarFeeds.write(db: db, month: month, version: version, staff: staff, folder: out, timeZone: try feedZone.zone())
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A published roster: a grid by person and day, or its shifts as JSON/CSV.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: ListingOptions
        @Option(help: "The month, YYYY-MM.") var month: String
        @Option(help: "The version (default the latest).") var version: Int?
        @Option(help: "Also write the version as one printable, self-contained HTML page.") var html: String?
        @OptionGroup var layout: ReportLayoutOptions

        func run() throws {
            let db = try database.open()
            let (chosen, assignments) = try records { try db.publishedRoster(month: month, version: version) }
            let all = try records { try db.rosterVersions(month: month) }
            guard output.format == .table else {
                output.print(Listing(
                    ["staff", "date", "shift", "paid hours", "on call", "holiday"],
                    assignments.map { [$0.staffId, $0.date, $0.shift, hours($0.paidMinutes), $0.isOnCall ? "1" : "0", $0.isHoliday ? "1" : "0"] }))
                return
            }
            let columns = layout.columns
            print(TextLayout.wrap(
                "\(month) version \(chosen.version) of \(all.count), published \(chosen.publishedAt) by \(chosen.publishedBy); objective \(chosen.objective), \(chosen.hardViolations) hard violations\nsource: \(chosen.source)",
                width: columns))
            guard let first = CalendarDate(iso: month + "-01") else { return }
            let last = first.adding(days: CalendarDate.daysIn(month: first.month, year: first.year) - 1)
            // Everyone employed that month, and anyone the version rosters who is no longer on file.
            let onFile = try records { try db.allStaff(includingInactive: true) }.filter { person in
                person.employmentStart <= last.description && (person.employmentEnd.map { $0 >= first.description } ?? true)
            }
            var people = onFile.map { (id: $0.id, role: Optional($0.role)) }
            for id in Set(assignments.map(\.staffId)).subtracting(onFile.map(\.id)).sorted() { people.append((id, nil)) }
            let leave = try records { try db.leaveRequests(LeaveFilter(status: .approved, from: first, to: last)) }
                .flatMap { request -> [(staff: String, date: CalendarDate, kind: String)] in
                    guard let from = CalendarDate(iso: request.firstDay), let to = CalendarDate(iso: request.lastDay) else { return [] }
                    return (0...max(0, from.days(to: to))).map { (request.staffId, from.adding(days: $0), request.kind) }
                }
            let shifts = assignments.compactMap { record in
                CalendarDate(iso: record.date).map {
                    PublishedRosterGrid.Shift(
                        staff: record.staffId, date: $0, shift: record.shift, start: record.startMinute,
                        lengthMinutes: record.lengthMinutes, paidMinutes: record.paidMinutes, isOnCall: record.isOnCall)
                }
            }
            let (problem, roster) = PublishedRosterGrid.problem(
                month: first, people: people, shifts: shifts, holidays: try records { try db.holidays(of: chosen) }, leave: leave)
            let report = PracticeReport(problem: problem, colour: layout.colour, width: columns)
            print("")
            print(TextLayout.wrap(report.roster(roster), width: columns))
            if let html {
                let summary = [("version", "\(chosen.version) of \(all.count), published \(chosen.publishedAt) by \(chosen.publishedBy)"),
                               ("objective", "\(chosen.objective), \(chosen.hardViolations) hard violations"), ("source", chosen.source)]
                try OutputFile.write(
                    try HTMLRoster(problem: problem, roster: roster, evaluation: nil, title: "Roster \(month)", summary: summary).html(), to: html)
            }
        }
    }
}

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Reports from published rosters.", subcommands: [Staffing.self])

    struct Staffing: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Per person: paid hours against contract, overtime, calls, nights, weekends, holidays, leave.",
            discussion: """
                Contract hours = weekly hours × FTE / 5 for each employed contract day (Monday to Friday, not a \
                public holiday) not on approved leave. Overtime is paid hours above that. Nights are shifts running past 22:00. --format csv is for payroll.
                """)
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: ListingOptions
        @Option(help: "The month, YYYY-MM.") var month: String
        @Option(help: "The published version (default the latest).") var version: Int?

        func run() throws {
            let db = try database.open()
            let report = try records { try StaffingReport(database: db, month: month, version: version) }
            if output.format == .table {
                print("\(month) version \(report.version.version) (published \(report.version.publishedAt))")
            }
            output.print(Listing(
                ["staff", "name", "role", "fte", "paid hours", "contract hours", "overtime hours", "shifts", "calls", "nights",
                 "weekend shifts", "holiday shifts", "leave days"],
                report.lines.map {
                    [$0.staffId, $0.name, $0.role, decimal($0.fte), hours($0.paidMinutes), hours($0.contractMinutes), hours($0.overtimeMinutes),
                     String($0.shifts), String($0.calls), String($0.nights), String($0.weekendShifts), String($0.holidayShifts), String($0.leaveDays)]
                }))
        }
    }
}
