import ArgumentParser
import Foundation
import RotaCore
import RotaRecords

struct Asset: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The equipment register and its maintenance.", subcommands: [Add.self, Service.self, Due.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Register a piece of equipment.")
        @OptionGroup var database: DatabaseOptions
        @Argument var id: String
        @Option var name: String
        @Option var site: String?
        @Option(help: "Service interval: 180d, 26w, 6m, 1y.") var every: DayCount
        @Option(name: .customLong("last-service"), help: "Date of the last service (YYYY-MM-DD).") var lastService: String?
        @Option(help: "The maker's serial number.") var serial: String?
        @Option(help: "Who sells and services it.") var vendor: String?
        @OptionGroup var practice: PracticeOption

        func run() throws {
            let db = try database.open()
            // The records keep the interval in days: months count from the last service (else today).
            let interval = every.days(from: lastService.flatMap(CalendarDate.init(iso:)) ?? db.today)
            let vocabulary = site == nil ? nil : try practice.vocabulary(db)
            try records {
                try db.addAsset(
                    AssetRecord(
                        id: id, name: name, site: site, serviceIntervalDays: interval, lastService: lastService, serial: serial,
                        vendor: vendor),
                    checkedAgainst: vocabulary)
            }
            print("registered \(id) (\(name)), serviced every \(interval) days")
        }
    }

    struct Service: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a service.")
        @OptionGroup var database: DatabaseOptions
        @Argument var id: String
        @Option(help: "Service date (YYYY-MM-DD; default today).") var date: String?
        @Option var note: String?

        func run() throws {
            let db = try database.open()
            let asset = try records { try db.serviceAsset(id: id, date: date ?? db.today.description, note: note) }
            let next = asset.lastService.flatMap(CalendarDate.init(iso:))?.adding(days: asset.serviceIntervalDays)
            print("serviced \(id); next due \(next.map(String.init(describing:)) ?? "?")")
        }
    }

    struct Due: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Equipment due for service (exit 1 when any is).")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: ListingOptions
        @Option(help: "The window: 30d, 4w, 1m.") var within = DayCount(days: 30)
        @Option(name: .customLong("as-of")) var asOf: DateArgument?

        func run() throws {
            let db = try database.open()
            let asOf = asOf?.date ?? db.today
            let window = within.days(from: asOf)
            let due = try records { try db.assetsDue(within: window, asOf: asOf) }
            output.print(Listing(
                ["id", "name", "site", "last service", "next due", "days left", "status"],
                due.map {
                    [$0.asset.id, $0.asset.name, $0.asset.site, $0.asset.lastService, $0.nextDue.map(String.init(describing:)),
                     $0.daysLeft.map(String.init), ($0.daysLeft ?? -1) < 0 ? "OVERDUE" : "due"]
                }, empty: "nothing due within \(window) days"))
            if !due.isEmpty { throw ExitCode(1) }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the register.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: ListingOptions

        func run() throws {
            let assets = try records { try database.open().assets() }
            output.print(Listing(
                ["id", "name", "site", "every (days)", "last service", "serial", "vendor"],
                assets.map { [$0.id, $0.name, $0.site, String($0.serviceIntervalDays), $0.lastService, $0.serial, $0.vendor] }))
        }
    }
}

struct Supply: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Supplies: stock, use, deliveries (by lot, with expiry dates), and what to reorder.",
        subcommands: [Add.self, Use.self, Receive.self, Reorder.self, List.self, Lots.self, Expiring.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a supply to the inventory.")
        @OptionGroup var database: DatabaseOptions
        @Argument var id: String
        @Option var name: String
        @Option(help: "Unit counted, e.g. box, vial.") var unit: String
        @Option var site: String?
        @Option(name: .customLong("on-hand")) var onHand: Double = 0
        @Option(name: .customLong("reorder-point"), help: "Reorder when stock falls to this.") var reorderPoint: Double
        @Option(name: .customLong("reorder-quantity"), help: "How much one order brings.") var reorderQuantity: Double
        @OptionGroup var practice: PracticeOption

        func run() throws {
            let db = try database.open()
            let vocabulary = site == nil ? nil : try practice.vocabulary(db)
            try records {
                try db.addSupply(
                    SupplyRecord(
                        id: id, name: name, unit: unit, site: site, onHand: onHand, reorderPoint: reorderPoint,
                        reorderQuantity: reorderQuantity),
                    checkedAgainst: vocabulary)
            }
            print("added \(id): \(decimal(onHand)) \(unit) on hand")
        }
    }

    struct Use: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Take stock out (refused if it would go below zero).",
            discussion: """
                Stock kept by lot is drawn from the usable lot that expires first, then from stock without a lot; \
                a lot expired on the date is drawn only when named with --lot (to discard it).
                """)
        @OptionGroup var database: DatabaseOptions
        @Argument var id: String
        @Argument var quantity: Double
        @Option(help: "Date (YYYY-MM-DD; default today).") var date: String?
        @Option var note: String?
        @Option(help: "Take from this lot only (e.g. to discard an expired one).") var lot: String?

        func run() throws {
            let db = try database.open()
            let supply = try records {
                try db.useSupply(id: id, quantity: quantity, date: date ?? db.today.description, note: note, lot: lot)
            }
            let low = supply.onHand <= supply.reorderPoint ? " (at or below the reorder point: `rota supply reorder`)" : ""
            print("\(id): \(decimal(supply.onHand)) \(supply.unit) left\(low)")
        }
    }

    struct Receive: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a delivery to stock.")
        @OptionGroup var database: DatabaseOptions
        @Argument var id: String
        @Argument var quantity: Double
        @Option(help: "Date (YYYY-MM-DD; default today).") var date: String?
        @Option var note: String?
        @Option(help: "Lot number: the delivery is kept apart and used first-expiry-first.") var lot: String?
        @Option(help: "The lot's expiry date: the first day it may no longer be used (YYYY-MM-DD).") var expires: String?

        func run() throws {
            let db = try database.open()
            let supply = try records {
                try db.receiveSupply(
                    id: id, quantity: quantity, date: date ?? db.today.description, note: note, lot: lot, expires: expires)
            }
            print("\(id): \(decimal(supply.onHand)) \(supply.unit) on hand" + (lot.map { " (lot \($0)\(expires.map { ", expires \($0)" } ?? ""))" } ?? ""))
        }
    }

    struct Lots: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stock kept by lot, soonest expiry first.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: ListingOptions
        @Argument(help: "One supply's lots (default: every supply's).") var id: String?
        @Flag(help: "Include lots used up.") var all = false

        func run() throws {
            let lots = try records { try database.open().supplyLots(supplyId: id, includeEmpty: all) }
            output.print(Listing(
                ["supply", "lot", "expires", "received", "on hand"],
                lots.map { [$0.supplyId, $0.lot, $0.expires ?? "never", $0.received, decimal($0.onHand)] },
                empty: "no stock kept by lot; `rota supply receive ID N --lot LOT --expires DATE` records one"))
        }
    }

    struct Expiring: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Lots with stock left that have expired or expire soon (exit 1 when there are any).")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: ListingOptions
        @Option(help: "The window: 30d, 4w, 1m.") var within = DayCount(days: 30)
        @Option(name: .customLong("as-of")) var asOf: DateArgument?

        func run() throws {
            let db = try database.open()
            let asOf = asOf?.date ?? db.today
            let window = within.days(from: asOf)
            let found = try records { try db.expiringLots(within: window, asOf: asOf) }
            output.print(Listing(
                ["supply", "lot", "expires", "on hand", "days left", "status"],
                found.map {
                    [$0.lot.supplyId, $0.lot.lot, $0.lot.expires, decimal($0.lot.onHand), String($0.daysLeft),
                     $0.daysLeft <= 0 ? "EXPIRED" : "expiring"]
                }, empty: "no lot expires within \(window) days"))
            if !found.isEmpty { throw ExitCode(1) }
        }
    }

    struct Reorder: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "What to order: supplies at or below their reorder point (exit 1 when there are any).")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: ListingOptions
        @Option(name: .customLong("as-of")) var asOf: DateArgument?

        func run() throws {
            let db = try database.open()
            let lines = try records { try db.reorderList(asOf: asOf?.date ?? db.today) }
            output.print(Listing(
                ["id", "name", "site", "on hand", "reorder point", "order", "unit", "use per day (30 d)"],
                lines.map {
                    [$0.supply.id, $0.supply.name, $0.supply.site, decimal($0.supply.onHand), decimal($0.supply.reorderPoint),
                     decimal($0.orderQuantity), $0.supply.unit, decimal($0.dailyUse)]
                }, empty: "nothing to reorder"))
            if !lines.isEmpty { throw ExitCode(1) }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the inventory.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: ListingOptions

        func run() throws {
            let supplies = try records { try database.open().supplies() }
            output.print(Listing(
                ["id", "name", "site", "on hand", "unit", "reorder point", "reorder quantity"],
                supplies.map {
                    [$0.id, $0.name, $0.site, decimal($0.onHand), $0.unit, decimal($0.reorderPoint), decimal($0.reorderQuantity)]
                }))
        }
    }
}

struct Audit: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "The audit log: every change, who made it and when.")
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: ListingOptions
    @Option(help: "Only changes to this table (staff, leave_request, supply, …).") var table: String?
    @Option(help: "Only changes to this row (a staff id, a request number, …).") var key: String?
    @Option(help: "Only changes by this person.") var actor: String?
    @Option(help: "Only changes since this date (YYYY-MM-DD).") var since: DateArgument?
    @Option(help: "Only the last N entries.") var limit: Int?
    @Flag(help: "Show the before/after values.") var details = false

    func validate() throws {
        if let limit, !(1...1_000_000).contains(limit) { throw ValidationError("--limit must be between 1 and 1000000") }
    }

    func run() throws {
        let entries = try records {
            try database.open().auditLog(table: table, rowKey: key, actor: actor, since: since?.description, limit: limit)
        }
        var columns = ["id", "at", "actor", "action", "table", "key"]
        if details || output.format != .table { columns += ["before", "after"] }
        output.print(Listing(columns, entries.map { entry in
            var row: [String?] = ["\(entry.id ?? 0)", entry.at, entry.actor, entry.action, entry.tableName, entry.rowKey]
            if columns.count > 6 { row += [entry.before, entry.after] }
            return row
        }, empty: "no audit entries match"))
    }
}

struct Backup: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copy the database to a new file with SQLite's online backup (safe while others use it).")
    @OptionGroup var database: DatabaseOptions
    @Argument(help: "The new file.") var file: String

    func run() throws {
        let db = try database.open()
        try records { try db.backup(to: file) }
        print("backed up \(db.path) to \(file)")
    }
}

struct Restore: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Replace the database with a backup; the database that was there is kept beside it.",
        discussion: """
            FILE must be a sound Rota database (a `rota backup`) no newer than this Rota; anything else is
            refused and nothing changes. The copy is written to a new file that then takes the database's
            name in one step, so a restore that is stopped at any moment leaves the old database in place.
            Run it while no other Rota command uses the database.
            """)
    @OptionGroup var database: DatabaseOptions
    @Argument(help: "The backup to restore.") var file: String
    @Flag(help: "Report the pages copied on stderr.") var progress = false

    func run() throws {
        let kept = try records {
            try PracticeDatabase.restore(from: file, into: database.db, actor: database.actor) { done, total in
                if progress { Terminal.note("restored \(done)/\(total) pages") }
            }
        }
        print("restored \(database.db) from \(file)" + (kept.map { "; the database before is kept as \($0)" } ?? ""))
    }
}
