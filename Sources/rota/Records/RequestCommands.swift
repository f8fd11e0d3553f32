import ArgumentParser
import Foundation
import RotaCore
import RotaRecords

struct Request: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Shift and day requests: kept until withdrawn, exported into each month's scenario.",
        subcommands: [Add.self, List.self, Withdraw.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a request to work (--on) or not to work (--off) a shift, or the whole day, on each day of a period.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "Staff id.") var staff: String
        @Flag(exclusivity: .exclusive, help: "To work it (--on) or not (--off).") var wants: WantsFlag
        @Option(help: "First day (YYYY-MM-DD).") var from: String
        @Option(help: "Last day (YYYY-MM-DD; default the first).") var to: String?
        @Option(help: "A shift type id (default: the whole day).") var shift: String?
        @Option(help: "The cost of not granting it, per day (1–1000).") var weight = 1
        @Option var reason: String?
        @OptionGroup var practice: PracticeOption

        func run() throws {
            let db = try database.open()
            let vocabulary = shift == nil ? nil : try practice.vocabulary(db)
            let added = try records {
                try db.addShiftRequest(
                    ShiftRequestRecord(
                        staffId: staff, firstDay: from, lastDay: to ?? from, shift: shift, wants: wants.wants, weight: weight, reason: reason,
                        requestedAt: ""),
                    checkedAgainst: vocabulary)
            }
            print("request #\(added.id ?? 0): \(Self.describe(added))")
        }

        static func describe(_ request: ShiftRequestRecord) -> String {
            let what = request.wants == .on ? "to work \(request.shift ?? "a shift")" : "not to work \(request.shift ?? "at all")"
            let when = request.firstDay == request.lastDay ? "on \(request.firstDay)" : "\(request.firstDay) to \(request.lastDay)"
            return "\(request.staffId) asks \(what) \(when), weight \(request.weight)"
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List requests (active only, unless --all).")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: ListingOptions
        @Argument(help: "Staff id.") var staff: String?
        @Option(help: "Only requests touching this month (YYYY-MM).") var month: String?
        @Flag(help: "Include withdrawn requests.") var all = false

        func run() throws {
            // A month that is not one is bad input (exit 2), as for every records command with --month.
            let requests = try records {
                try database.open().shiftRequests(staffId: staff, month: month, includeWithdrawn: all)
            }
            output.print(Listing(
                ["id", "staff", "wants", "shift", "from", "to", "weight", "reason", "status"],
                requests.map {
                    ["\($0.id ?? 0)", $0.staffId, $0.wants.rawValue, $0.shift ?? "whole day", $0.firstDay, $0.lastDay, String($0.weight),
                     $0.reason, $0.withdrawnAt.map { "withdrawn \($0)" } ?? "active"]
                }, empty: "no requests; `rota request add STAFF --off --from DATE` records one"))
        }
    }

    struct Withdraw: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Withdraw a request (it stays on file, no longer exported).")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The request number.") var id: Int64

        func run() throws {
            let withdrawn = try records { try database.open().withdrawShiftRequest(id: id) }
            print("withdrew request #\(id): \(Add.describe(withdrawn))")
        }
    }
}

/// `--on` or `--off`.
enum WantsFlag: String, EnumerableFlag {
    case on, off

    var wants: ShiftRequestRecord.Wants { self == .on ? .on : .off }
}
