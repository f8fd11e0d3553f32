import ArgumentParser
import Foundation
import RotaCore
import RotaRecords

/// `--db` and `--by`, shared by every records command.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: "The practice database file.")
    var db = "practice.sqlite"

    @Option(name: .long, help: "Who makes the change, for the audit log (default: $ROTA_USER, else $USER).")
    var by: String?

    var actor: String {
        let environment = ProcessInfo.processInfo.environment
        return by ?? environment["ROTA_USER"] ?? environment["USER"] ?? "unknown"
    }

    func open() throws -> PracticeDatabase {
        try records { try PracticeDatabase.open(path: db, actor: actor) }
    }
}

/// `--format` for listings: a table for people, JSON or CSV for scripts.
struct ListingOptions: ParsableArguments {
    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, csv }

    @Option(name: .long, help: "table, json or csv.")
    var format: Format = .table

    func print(_ table: Listing) {
        switch format {
        case .table: Swift.print(table.text, terminator: "")
        case .json: Swift.print(table.json)
        case .csv: Swift.print(table.csv, terminator: "")
        }
    }
}

/// Runs a records operation; a refusal becomes its message on stderr and exit 2 (nothing was changed).
func records<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as RecordsError {
        Terminal.error(error.commandLineDescription)
        throw ExitCode(RotaExit.badInput)
    }
}

extension RecordsError {
    /// The message with a field named as the option that sets it (`first_day` → `--first-day`).
    var commandLineDescription: String {
        describe { subject in isAboutAField ? "--" + subject.replacingOccurrences(of: "_", with: "-") : subject }
    }
}

/// A span of time: `60d` (or a bare number of days), `8w`, or calendar months and years, `6m`, `2y` — "24m"
/// from 15 March 2026 ends on 15 March 2028, not 720 days later.
struct DayCount: ExpressibleByArgument, Sendable {
    /// Days (weeks as seven days).
    var days = 0
    /// Calendar months (years as twelve).
    var months = 0

    init(days: Int) { self.days = days }

    init?(argument: String) {
        let text = argument.lowercased()
        // At most a hundred years: a window is about credentials and services, and the product must not overflow.
        if let last = text.last, "dwmy".contains(last), let count = Int(text.dropLast()), count >= 0 {
            switch last {
            case "d": days = count
            case "w": days = count * 7
            case "m": months = count
            default: months = count * 12
            }
            guard days <= 36_500, months <= 1_200 else { return nil }
        } else if let count = Int(text), count >= 0, count <= 36_500 {
            days = count
        } else {
            return nil
        }
    }

    /// The last day of the span that starts on `start`.
    func end(from start: CalendarDate) -> CalendarDate { start.adding(months: months).adding(days: days) }

    /// The span's length in days when it starts on `start`.
    func days(from start: CalendarDate) -> Int { start.days(to: end(from: start)) }

    var defaultValueDescription: String {
        months == 0 ? "\(days)d" : months % 12 == 0 ? "\(months / 12)y" : "\(months)m"
    }
}

/// A date option: ISO `YYYY-MM-DD`, or `today`.
struct DateArgument: ExpressibleByArgument, Sendable {
    var date: CalendarDate

    init?(argument: String) {
        if argument == "today" {
            let parts = Calendar(identifier: .gregorian).dateComponents([.year, .month, .day], from: Date())
            guard let today = CalendarDate(year: parts.year ?? 0, month: parts.month ?? 0, day: parts.day ?? 0) else { return nil }
            date = today
        } else {
            guard let parsed = CalendarDate(iso: argument) else { return nil }
            date = parsed
        }
    }

    var description: String { date.description }
}

/// A comma-separated list option (`--skills iud,paeds`).
struct ListArgument: ExpressibleByArgument, Sendable {
    var values: [String]
    init?(argument: String) {
        values = argument.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

/// `--practice FILE` for the commands whose records name sites, roles, skills, credential kinds or shift types.
struct PracticeOption: ParsableArguments {
    @Option(
        name: .customLong("practice"),
        help: "Check names against this practice file (default: the one stored with `rota practice set`).")
    var file: String?

    /// The ids to check against, or nil when there is no practice file to check with.
    func vocabulary(_ db: PracticeDatabase) throws -> PracticeVocabulary? {
        let vocabulary = try records { try db.vocabulary(override: file) }
        if vocabulary == nil {
            Terminal.note("not checked against a practice file: `rota practice set FILE` stores one")
        }
        return vocabulary
    }
}
