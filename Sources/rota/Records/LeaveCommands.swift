import ArgumentParser
import Foundation
import RotaCore
import RotaRecords

struct Leave: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Leave requests, decisions and balances.",
        subcommands: [Request.self, Approve.self, Deny.self, List.self, Balance.self])

    struct Request: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a pending leave request (whole days).")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "Staff id.") var staff: String
        @Option(help: "First day (YYYY-MM-DD).") var from: String
        @Option(help: "Last day (YYYY-MM-DD).") var to: String
        @Option(help: "annual, sick, conference, parental, training, unpaid or other.") var kind = "annual"
        @Option var reason: String?

        func run() throws {
            let db = try database.open()
            let request = try records { try db.requestLeave(staffId: staff, kind: kind, firstDay: from, lastDay: to, reason: reason) }
            print("leave #\(request.id ?? 0): \(staff) \(kind) \(request.firstDay) to \(request.lastDay), pending")
        }
    }

    struct Approve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Approve a request; annual leave must fit the balance.",
            discussion: """
                With --scenario, also shows what the absence takes out of that period's coverage: every session the \
                person could have worked, and how many others can still work it. With --dry-run nothing changes: \
                the request is checked (balance included) and the balance and impact are shown, to decide on.
                """)
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "Request number (from `rota leave list`).") var id: Int64
        @Option var note: String?
        @Flag(name: .customLong("allow-negative-balance"), help: "Approve even when the balance does not cover it.")
        var allowNegativeBalance = false
        @Option(help: "A scenario of the period, to show the coverage impact.") var scenario: String?
        @Flag(name: .customLong("dry-run"), help: "Check it and show the balance and coverage impact; change nothing.")
        var dryRun = false

        func run() throws {
            let db = try database.open()
            let normalized = try scenario.map { try Input.loadScenario(path: $0) }
            let (request, balances) = try records {
                try db.approveLeave(id: id, note: note, allowNegativeBalance: allowNegativeBalance, dryRun: dryRun)
            }
            print("\(dryRun ? "would approve (nothing was changed)" : "approved") leave #\(id): \(request.staffId) \(request.kind) \(request.firstDay) to \(request.lastDay)")
            for balance in balances {
                print("  annual leave \(balance.year): \(decimal(balance.availableForYear)) days left for the year after \(dryRun ? "approving it" : "this")")
            }
            if let normalized, let first = CalendarDate(iso: request.firstDay), let last = CalendarDate(iso: request.lastDay) {
                // The approval is already recorded; an impact that cannot be worked out is a note, not a failure.
                do {
                    let impact = try LeaveImpact(staffId: request.staffId, first: first, last: last, problem: normalized.problem)
                    printImpact(impact, scenario: scenario ?? "")
                } catch let error as RecordsError {
                    print("coverage impact: not shown (\(error.commandLineDescription))")
                }
            }
        }

        private func printImpact(_ impact: LeaveImpact, scenario: String) {
            let short = impact.sessions.filter(\.isShort)
            print("coverage impact on \(scenario): \(impact.daysInScenario) day(s) in the scenario, \(impact.sessions.count) session(s) they could have worked, \(short.count) now short")
            // Every session, the short ones first, then the tightest: a manager decides on all of it.
            let shown = short + impact.sessions.filter { !$0.isShort }.sorted { $0.ableAfter - $0.needed < $1.ableAfter - $1.needed }
            for session in shown {
                print("  \(session.isShort ? "SHORT" : "ok   ")  \(session.date.short)  \(session.shift)  needs \(session.needed) \(session.group): \(session.ableBefore) could work it, \(session.ableAfter) without them")
            }
        }
    }

    struct Deny: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Deny a pending request.")
        @OptionGroup var database: DatabaseOptions
        @Argument var id: Int64
        @Option var note: String?

        func run() throws {
            let request = try records { try database.open().denyLeave(id: id, note: note) }
            print("denied leave #\(id): \(request.staffId) \(request.firstDay) to \(request.lastDay)")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List leave requests.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: ListingOptions
        @Option var staff: String?
        @Option(help: "pending, approved or denied.") var status: String?
        @Option(help: "Requests touching this period: first day.") var from: DateArgument?
        @Option(help: "Requests touching this period: last day.") var to: DateArgument?

        func validate() throws {
            if let status, LeaveRequestRecord.Status(rawValue: status) == nil {
                throw ValidationError("--status is pending, approved or denied")
            }
        }

        func run() throws {
            let filter = LeaveFilter(staffId: staff, status: status.flatMap(LeaveRequestRecord.Status.init), from: from?.date, to: to?.date)
            let requests = try records { try database.open().leaveRequests(filter) }
            output.print(Listing(
                ["id", "staff", "kind", "from", "to", "status", "decided by", "reason"],
                requests.map { ["\($0.id ?? 0)", $0.staffId, $0.kind, $0.firstDay, $0.lastDay, $0.status.rawValue, $0.decidedBy, $0.reason] },
                empty: "no leave requests"))
        }
    }

    struct Balance: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Annual leave balances (working days): carried over + accrued − taken, for any year or date.",
            discussion: """
                Accrual: the contract's annual days × FTE, one twelfth for each month of employment begun in the \
                year. `available` counts what has accrued by the date (--as-of; default today this year, the \
                year's last day for another year); `for the year` counts the whole year's accrual, which is what \
                `leave approve` checks, so next year's leave can be approved ahead.
                """)
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: ListingOptions
        @Argument(help: "Staff id (default: everyone active).") var staff: String?
        @Option(help: "Leave year (default: the --as-of date's, else this year).") var year: Int?
        @Option(name: .customLong("as-of"), help: "Count accrual up to this date (YYYY-MM-DD).") var asOf: DateArgument?
        @Option(name: .customLong("carry-over"), help: "Set the days carried into the year (needs a staff id).") var carryOver: Double?

        func validate() throws {
            if carryOver != nil && staff == nil { throw ValidationError("--carry-over needs a staff id") }
            if let year, let asOf, asOf.date.year != year {
                throw ValidationError("--as-of \(asOf.description) is not in --year \(year)")
            }
            if let year, !(1900...9999).contains(year) { throw ValidationError("--year \(year) is outside 1900…9999") }
        }

        func run() throws {
            let db = try database.open()
            let year = self.year ?? asOf?.date.year ?? db.today.year
            if let carryOver, let staff {
                try records { try db.setCarryOver(staffId: staff, year: year, days: carryOver) }
            }
            let ids = try staff.map { [$0] } ?? records { try db.allStaff().map(\.id) }
            let balances = try records { try ids.map { try db.leaveBalance(staffId: $0, year: year, asOf: asOf?.date) } }
            output.print(Listing(
                ["staff", "year", "carried over", "accrued", "taken", "pending", "available", "as of", "year's accrual",
                 "for the year"],
                balances.map {
                    [$0.staffId, String($0.year), decimal($0.carriedOver), decimal($0.accrued), decimal($0.taken), decimal($0.pending),
                     decimal($0.available), $0.asOf.description, decimal($0.yearAccrual), decimal($0.availableForYear)]
                }))
        }
    }
}

struct Training: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Mandatory training: what was completed, and what falls due.", subcommands: [Record.self, Due.self, List.self])

    struct Record: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a completed course.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "Staff id.") var staff: String
        @Option var course: String
        @Option(help: "Completion date (YYYY-MM-DD).") var completed: String
        @Option(name: .customLong("valid-until"), help: "Last day it counts (YYYY-MM-DD).") var validUntil: String?
        @Option(name: .customLong("valid-for"), help: "Or: how long it counts, e.g. 24m, 1y.") var validFor: DayCount?

        func validate() throws {
            if validUntil != nil && validFor != nil { throw ValidationError("give --valid-until or --valid-for, not both") }
        }

        func run() throws {
            let db = try database.open()
            var until = validUntil
            if let validFor, let done = CalendarDate(iso: completed) { until = validFor.end(from: done).description }
            let record = try records {
                try db.recordTraining(TrainingRecord(staffId: staff, course: course, completed: completed, validUntil: until))
            }
            print("recorded \(record.course) for \(record.staffId)\(record.validUntil.map { ", valid until \($0)" } ?? "")")
        }
    }

    struct Due: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Training that has lapsed or lapses soon (exit 1 when there is any).")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: ListingOptions
        @Option(help: "The window: 60d, 8w, 3m.") var within = DayCount(days: 60)
        @Option(name: .customLong("as-of")) var asOf: DateArgument?

        func run() throws {
            let db = try database.open()
            let asOf = asOf?.date ?? db.today
            let window = within.days(from: asOf)
            let due = try records { try db.trainingDue(within: window, asOf: asOf) }
            output.print(Listing(
                ["staff", "name", "course", "valid until", "days left", "status"],
                due.map { [$0.training.staffId, $0.staffName, $0.training.course, $0.training.validUntil, String($0.daysLeft), $0.daysLeft < 0 ? "LAPSED" : "due"] },
                empty: "no training falls due within \(window) days"))
            if !due.isEmpty { throw ExitCode(1) }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List training records.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: ListingOptions
        @Argument var staff: String?

        func run() throws {
            let all = try records { try database.open().trainingRecords(staffId: staff) }
            output.print(Listing(
                ["id", "staff", "course", "completed", "valid until"],
                all.map { ["\($0.id ?? 0)", $0.staffId, $0.course, $0.completed, $0.validUntil] }))
        }
    }
}
