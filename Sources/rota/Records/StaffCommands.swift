import ArgumentParser
import Foundation
import RotaCore
import RotaRecords

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a new practice database (SQLite, readable only by you).",
        discussion: """
            Refuses to touch an existing file. Every other records command takes the same --db. With --practice, \
            the practice file is stored (as by `rota practice set`): staff, credentials, assets, supplies and \
            requests are then checked against its sites, roles, skills, credential kinds and shift types.
            """)

    @OptionGroup var database: DatabaseOptions
    @Option(help: "The practice file to check records against (sites, roles, skills, credentials, shift types).")
    var practice: String?

    func run() throws {
        // The practice file is read before the database is made, so a bad path leaves no file behind.
        if let practice { _ = try records { try PracticeVocabulary(contentsOf: practice) } }
        let created = try records { try PracticeDatabase.create(path: database.db, actor: database.actor) }
        print("created \(created.path)")
        if let practice {
            let vocabulary = try records { try created.storePracticeFile(practice) }
            print("records are checked against \(vocabulary.file)")
        }
    }
}

struct Practice: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The practice file records are checked against: set or show it.",
        subcommands: [SetFile.self, Show.self])

    struct SetFile: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Store the practice file (its path; edits to the file count from the next command).")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "A practice file, e.g. scenarios/practice/riverside.yaml.") var file: String

        func run() throws {
            let db = try database.open()
            Practice.show(try records { try db.storePracticeFile(file) })
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Which practice file is stored, and what it defines.")
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let db = try database.open()
            guard let vocabulary = try records({ try db.vocabulary(override: nil) }) else {
                print("no practice file stored; `rota practice set FILE` stores one")
                return
            }
            Practice.show(vocabulary)
        }
    }

    /// The file and the ids it defines, one line a kind.
    static func show(_ vocabulary: PracticeVocabulary) {
        print("records are checked against \(vocabulary.file)")
        for kind in PracticeVocabulary.Kind.allCases {
            print("  \(kind.rawValue)s: " + (vocabulary.ids[kind] ?? []).joined(separator: ", "))
        }
    }
}

struct Staff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Staff files: add, list, show, update, deactivate, and remove a record nothing refers to yet.",
        subcommands: [Add.self, List.self, Show.self, Update.self, Deactivate.self, Remove.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a person.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "A short id, e.g. rn-09.") var id: String
        @Option(help: "Full name.") var name: String
        @Option(help: "Role id, as in the practice file (physician, np, rn, …).") var role: String
        @Option(help: "Fraction of full time, e.g. 0.8.") var fte: Double = 1
        @Option(help: "Contract id.") var contract: String
        @Option(help: "Skills, comma-separated.") var skills: ListArgument?
        @Option(help: "Sites the person works at, comma-separated (default: every site).") var sites: ListArgument?
        @Option(help: "First day of employment (YYYY-MM-DD; default today).") var start: String?
        @Option var phone: String?
        @Option(help: "Email address (for calendar feeds and notices).") var email: String?
        @OptionGroup var practice: PracticeOption

        func run() throws {
            let db = try database.open()
            let person = StaffRecord(
                id: id, name: name, role: role, fte: fte, contractId: contract, skills: skills?.values ?? [],
                sites: sites?.values ?? [], employmentStart: start ?? db.today.description, phone: phone, email: email)
            let vocabulary = try practice.vocabulary(db)
            try records { try db.addStaff(person, checkedAgainst: vocabulary) }
            print("added \(id) (\(name), \(role), \(decimal(fte)) FTE, contract \(contract))")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List staff (active only, unless --all).")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: ListingOptions
        @Flag(help: "Include people no longer employed.") var all = false

        func run() throws {
            let people = try records { try database.open().allStaff(includingInactive: all) }
            output.print(Listing(
                ["id", "name", "role", "fte", "contract", "skills", "sites", "employed from", "employed to", "phone", "email"],
                people.map {
                    [$0.id, $0.name, $0.role, decimal($0.fte), $0.contractId, $0.skills.joined(separator: ","),
                     $0.sites.isEmpty ? "all" : $0.sites.joined(separator: ","), $0.employmentStart, $0.employmentEnd, $0.phone,
                     $0.email]
                }, empty: "no staff recorded; add them with `rota staff add` or `rota import scenario FILE`"))
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One person's file: contract, credentials, leave, training.")
        @OptionGroup var database: DatabaseOptions
        @Argument var id: String

        func run() throws {
            let db = try database.open()
            let person = try records { try db.staff(id) }
            let today = db.today
            print("\(person.name) (\(person.id))")
            print("  role \(person.role), \(decimal(person.fte)) FTE, contract \(person.contractId)")
            print("  employed \(person.employmentStart) to \(person.employmentEnd ?? "now")\(person.isActive ? "" : " (inactive)")"
                + (person.deactivationReason.map { ": \($0)" } ?? ""))
            if person.phone != nil || person.email != nil {
                print("  contact: " + [person.phone, person.email].compactMap { $0 }.joined(separator: ", "))
            }
            if !person.skills.isEmpty { print("  skills: " + person.skills.joined(separator: ", ")) }
            print("  sites: " + (person.sites.isEmpty ? "all" : person.sites.joined(separator: ", ")))
            let credentials = try records { try db.currentCredentials(staffId: id) }
            print("credentials:")
            if credentials.isEmpty { print("  none") }
            for credential in credentials {
                let expiry = credential.expires.map { expires in
                    let left = CalendarDate(iso: expires).map { today.days(to: $0) } ?? 0
                    return left <= 0 ? "EXPIRED \(expires)" : "expires \(expires) (\(left) days)"
                } ?? "does not expire"
                print("  \(credential.kind)\(credential.number.map { " \($0)" } ?? ""): \(expiry)")
            }
            let balance = try records { try db.leaveBalance(staffId: id, year: today.year) }
            print("annual leave \(today.year): \(decimal(balance.available)) days left today, \(decimal(balance.availableForYear)) for the year (carried \(decimal(balance.carriedOver)), accrued \(decimal(balance.accrued)) of \(decimal(balance.yearAccrual)), taken \(decimal(balance.taken)), pending \(decimal(balance.pending)))")
            let leave = try records { try db.leaveRequests(LeaveFilter(staffId: id)) }
            print("leave requests:")
            if leave.isEmpty { print("  none") }
            for request in leave {
                print("  #\(request.id ?? 0) \(request.kind) \(request.firstDay) to \(request.lastDay): \(request.status.rawValue)")
            }
            let training = try records { try db.trainingRecords(staffId: id) }
            print("training:")
            if training.isEmpty { print("  none") }
            for record in training {
                print("  \(record.course): completed \(record.completed)\(record.validUntil.map { ", valid until \($0)" } ?? "")")
            }
        }
    }

    struct Update: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change a person's details (only the options given).")
        @OptionGroup var database: DatabaseOptions
        @Argument var id: String
        @Option var name: String?
        @Option var role: String?
        @Option var fte: Double?
        @Option var contract: String?
        @Option(help: "Skills, comma-separated (replaces the list).") var skills: ListArgument?
        @Option(help: "Sites, comma-separated (replaces the list).") var sites: ListArgument?
        @Option(help: "A corrected first day of employment (YYYY-MM-DD).") var start: String?
        @Option(help: "Phone number (\"\" clears it).") var phone: String?
        @Option(help: "Email address (\"\" clears it).") var email: String?
        @OptionGroup var practice: PracticeOption

        func run() throws {
            let db = try database.open()
            let vocabulary = try practice.vocabulary(db)
            let updated = try records {
                try db.updateStaff(id, StaffUpdate(
                    name: name, role: role, fte: fte, contractId: contract, skills: skills?.values, sites: sites?.values,
                    employmentStart: start, phone: phone, email: email), checkedAgainst: vocabulary)
            }
            print("updated \(updated.id): \(updated.role), \(decimal(updated.fte)) FTE, contract \(updated.contractId), employed from \(updated.employmentStart)")
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove a record nothing refers to yet (a typo); anyone with a history is deactivated instead.")
        @OptionGroup var database: DatabaseOptions
        @Argument var id: String

        func run() throws {
            let db = try database.open()
            let removed = try records { try db.removeStaff(id) }
            print("removed \(removed.id) (\(removed.name)); the audit log keeps the record")
        }
    }

    struct Deactivate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "End a person's employment; the file stays, and rosters after the last day leave them out.")
        @OptionGroup var database: DatabaseOptions
        @Argument var id: String
        @Option(name: .customLong("last-day"), help: "Last day of employment (YYYY-MM-DD; default today).") var lastDay: String?
        @Option(help: "Why employment ends (resigned, retired, contract ended, …); kept on file.") var reason: String

        func run() throws {
            let db = try database.open()
            let person = try records { try db.deactivateStaff(id, lastDay: lastDay ?? db.today.description, reason: reason) }
            print("deactivated \(person.id); last day \(person.employmentEnd ?? "?") (\(reason))")
        }
    }
}

struct Contract: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Named contracts shared by staff.", subcommands: [Add.self, Update.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a contract.")
        @OptionGroup var database: DatabaseOptions
        @Argument var id: String
        @Option(name: .customLong("weekly-hours"), help: "Hours a week at 1.0 FTE.") var weeklyHours: Double
        @Option(name: .customLong("annual-leave-days"), help: "Annual leave a year at 1.0 FTE, accrued monthly.")
        var annualLeaveDays: Double = 0
        @OptionGroup var limits: ContractLimitOptions

        func run() throws {
            let db = try database.open()
            var contract = ContractRecord(id: id, weeklyHours: weeklyHours, annualLeaveDays: annualLeaveDays)
            limits.apply(to: &contract)
            try records { try db.addContract(contract) }
            print("added contract \(id) (\(decimal(weeklyHours)) h/week, \(decimal(annualLeaveDays)) leave days/year)")
        }
    }

    struct Update: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change a contract (only the options given); everyone on it sees the change from the next export.")
        @OptionGroup var database: DatabaseOptions
        @Argument var id: String
        @Option(name: .customLong("weekly-hours")) var weeklyHours: Double?
        @Option(name: .customLong("annual-leave-days")) var annualLeaveDays: Double?
        @OptionGroup var limits: ContractLimitOptions

        func run() throws {
            let db = try database.open()
            let updated = try records {
                try db.updateContract(id) { contract in
                    if let weeklyHours { contract.weeklyHours = weeklyHours }
                    if let annualLeaveDays { contract.annualLeaveDays = annualLeaveDays }
                    limits.apply(to: &contract)
                }
            }
            print("updated contract \(updated.id) (\(decimal(updated.weeklyHours)) h/week, \(decimal(updated.annualLeaveDays)) leave days/year)")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List contracts.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: ListingOptions

        func run() throws {
            let contracts = try records { try database.open().contracts() }
            output.print(Listing(
                ["id", "weekly hours", "hours range", "max hours/week", "max days in a row", "max weekends", "leave days"],
                contracts.map { c in
                    [c.id, decimal(c.weeklyHours), c.hoursLow.flatMap { low in c.hoursHigh.map { "\(decimal(low))-\(decimal($0))" } },
                     c.maxHoursPerWeek.map(decimal), c.maxConsecutiveDays.map(String.init), c.maxWeekends.map(String.init),
                     decimal(c.annualLeaveDays)]
                }, empty: "no contracts recorded; add one with `rota contract add`"))
        }
    }
}

/// A contract's limits, as `contract add` and `contract update` take them; only those given are set.
struct ContractLimitOptions: ParsableArguments {
    @Option(name: .customLong("hours-range"), help: "Paid hours over a roster as fractions of contract hours, e.g. 0.6,1.1.")
    var hoursRange: ListArgument?
    @Option(name: .customLong("min-hours-per-week")) var minHoursPerWeek: Double?
    @Option(name: .customLong("max-hours-per-week")) var maxHoursPerWeek: Double?
    @Option(name: .customLong("max-shifts-per-day")) var maxShiftsPerDay: Int?
    @Option(name: .customLong("max-consecutive-days")) var maxConsecutiveDays: Int?
    @Option(name: .customLong("min-consecutive-days-off")) var minConsecutiveDaysOff: Int?
    @Option(name: .customLong("max-weekends")) var maxWeekends: Int?

    func validate() throws {
        if let range = hoursRange, range.values.count != 2 || range.values.contains(where: { Double($0) == nil }) {
            throw ValidationError("--hours-range takes two numbers, e.g. 0.6,1.1")
        }
    }

    func apply(to contract: inout ContractRecord) {
        if let range = hoursRange?.values.compactMap(Double.init) {
            contract.hoursLow = range.first
            contract.hoursHigh = range.last
        }
        if let minHoursPerWeek { contract.minHoursPerWeek = minHoursPerWeek }
        if let maxHoursPerWeek { contract.maxHoursPerWeek = maxHoursPerWeek }
        if let maxShiftsPerDay { contract.maxShiftsPerDay = maxShiftsPerDay }
        if let maxConsecutiveDays { contract.maxConsecutiveDays = maxConsecutiveDays }
        if let minConsecutiveDaysOff { contract.minConsecutiveDaysOff = minConsecutiveDaysOff }
        if let maxWeekends { contract.maxWeekends = maxWeekends }
    }
}

struct Credential: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Licences and certificates, and which expire soon.", subcommands: [Add.self, List.self, Expiring.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a credential (a renewal is a new one).")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "Staff id.") var staff: String
        @Option(help: "Kind, as shift types require it (license, bls, dea, …).") var kind: String
        @Option var number: String?
        @Option(help: "Issue date (YYYY-MM-DD).") var issued: String?
        @Option(help: "First day it is no longer valid (YYYY-MM-DD).") var expires: String?
        @OptionGroup var practice: PracticeOption

        func run() throws {
            let db = try database.open()
            let vocabulary = try practice.vocabulary(db)
            let added = try records {
                try db.addCredential(
                    CredentialRecord(staffId: staff, kind: kind, number: number, issued: issued, expires: expires),
                    checkedAgainst: vocabulary)
            }
            print("added \(added.kind) for \(added.staffId)\(added.expires.map { ", expires \($0)" } ?? "") (#\(added.id ?? 0))")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List credentials (one person's, or everyone's).")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: ListingOptions
        @Argument(help: "Staff id.") var staff: String?

        func run() throws {
            let credentials = try records { try database.open().credentials(staffId: staff) }
            output.print(Listing(
                ["id", "staff", "kind", "number", "issued", "expires"],
                credentials.map { ["\($0.id ?? 0)", $0.staffId, $0.kind, $0.number, $0.issued, $0.expires] }))
        }
    }

    struct Expiring: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Credentials that have expired or expire soon (exit 1 when there are any, for cron and CI).")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: ListingOptions
        @Option(help: "The window: 60d, 8w, 3m.") var within = DayCount(days: 60)
        @Option(name: .customLong("as-of"), help: "Count from this date (default today).") var asOf: DateArgument?

        func run() throws {
            let db = try database.open()
            let asOf = asOf?.date ?? db.today
            let window = within.days(from: asOf)
            let found = try records { try db.expiringCredentials(within: window, asOf: asOf) }
            output.print(Listing(
                ["staff", "name", "kind", "expires", "days left", "status"],
                found.map {
                    [$0.credential.staffId, $0.staffName, $0.credential.kind, $0.credential.expires, String($0.daysLeft),
                     $0.isExpired ? "EXPIRED" : "expiring"]
                }, empty: "no credential expires within \(window) days"))
            if !found.isEmpty { throw ExitCode(1) }
        }
    }
}
