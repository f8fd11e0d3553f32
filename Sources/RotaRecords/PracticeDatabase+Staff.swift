internal import GRDB
public import RotaCore

/// What `staff update` may change; nil fields stay as they are (an empty phone or email clears it).
public struct StaffUpdate: Sendable {
    public var name: String?
    public var role: String?
    public var fte: Double?
    public var contractId: String?
    public var skills: [String]?
    public var sites: [String]?
    /// A corrected first day of employment.
    public var employmentStart: String?
    public var phone: String?
    public var email: String?

    public init(
        name: String? = nil, role: String? = nil, fte: Double? = nil, contractId: String? = nil, skills: [String]? = nil,
        sites: [String]? = nil, employmentStart: String? = nil, phone: String? = nil, email: String? = nil
    ) {
        self.name = name
        self.role = role
        self.fte = fte
        self.contractId = contractId
        self.skills = skills
        self.sites = sites
        self.employmentStart = employmentStart
        self.phone = phone
        self.email = email
    }
}

/// A credential that has expired or will within the window asked about.
public struct ExpiringCredential: Sendable, Equatable {
    public var credential: CredentialRecord
    public var staffName: String
    /// Days from the reference date to the expiry date (negative: expired that many days ago).
    public var daysLeft: Int
    public var isExpired: Bool { daysLeft <= 0 }
}

extension PracticeDatabase {
    // MARK: Contracts

    public func addContract(_ contract: ContractRecord) throws {
        try Self.check(contract)
        try change("contract add") { log in
            if try ContractRecord.exists(log.db, key: contract.id) {
                throw RecordsError(.conflict, "contract \(contract.id)", "already exists", hint: "contract ids are unique")
            }
            try contract.insert(log.db)
            try log.audit(table: "contract", key: contract.id, before: ContractRecord?.none, after: contract)
        }
    }

    /// Changes a contract in place: `edit` sets the fields to change, and the result is checked as a new
    /// contract would be. Staff on the contract see the change from the next export on.
    public func updateContract(_ id: String, _ edit: (inout ContractRecord) -> Void) throws -> ContractRecord {
        try change("contract update") { log in
            guard let before = try ContractRecord.fetchOne(log.db, key: id) else {
                throw try Self.notFound(id, in: "contract", log.db, "no such contract") { _ in "`rota contract list` shows them" }
            }
            var after = before
            edit(&after)
            after.id = id
            try Self.check(after)
            guard after != before else { return after }
            try after.update(log.db)
            try log.audit(table: "contract", key: id, before: before, after: after)
            return after
        }
    }

    static func check(_ contract: ContractRecord) throws {
        try Check.nonEmpty(contract.id, "contract id")
        try Check.number(contract.weeklyHours, "weekly_hours", 0.5...168)
        if let value = contract.hoursLow { try Check.number(value, "hours_range", 0...10) }
        if let value = contract.hoursHigh { try Check.number(value, "hours_range", 0...10) }
        if let value = contract.minHoursPerWeek { try Check.number(value, "min_hours_per_week", 0...168) }
        if let value = contract.maxHoursPerWeek { try Check.number(value, "max_hours_per_week", 0...168) }
        try Check.number(contract.annualLeaveDays, "annual_leave_days", 0...366)
        if let value = contract.maxShiftsPerDay { try Check.number(value, "max_shifts_per_day", 1...10) }
        if let value = contract.maxConsecutiveDays { try Check.number(value, "max_consecutive_days", 1...366) }
        if let value = contract.minConsecutiveDays { try Check.number(value, "min_consecutive_days", 1...366) }
        if let value = contract.minConsecutiveDaysOff { try Check.number(value, "min_consecutive_days_off", 1...366) }
        if let value = contract.maxWeekends { try Check.number(value, "max_weekends", 0...60) }
        for (shift, count) in contract.maxShifts { try Check.number(count, "max_shifts \(shift)", 0...1000) }
        if let low = contract.hoursLow, let high = contract.hoursHigh, low > high {
            throw RecordsError(.invalid, "hours_range", "the low end \(low) is above the high end \(high)")
        }
    }

    public func contracts() throws -> [ContractRecord] {
        try read { db in try ContractRecord.order(Column("id")).fetchAll(db) }
    }

    // MARK: Staff

    /// Adds a person; the role, skills and sites must be the practice's when `vocabulary` is given.
    public func addStaff(_ person: StaffRecord, checkedAgainst vocabulary: PracticeVocabulary? = nil) throws {
        try Check.nonEmpty(person.id, "staff id")
        try Check.nonEmpty(person.name, "name")
        try Check.nonEmpty(person.role, "role")
        try checkFTE(person.fte)
        try Self.checkContact(phone: person.phone, email: person.email)
        try Self.check(person, against: vocabulary)
        let start = try Check.date(person.employmentStart, "start")
        if let end = try Check.optionalDate(person.employmentEnd, "end"), end < start {
            throw RecordsError(.invalid, "end", "employment ends (\(end)) before it starts (\(start))")
        }
        try change("staff add") { log in
            if try StaffRecord.exists(log.db, key: person.id) {
                throw RecordsError(
                    .conflict, "staff \(person.id)", "already exists",
                    hint: "people are never deleted; `rota staff update` changes an existing record")
            }
            try requireContract(person.contractId, log.db)
            try person.insert(log.db)
            try log.audit(table: "staff", key: person.id, before: StaffRecord?.none, after: person)
        }
    }

    /// Corrects a person's record, inactive or not: only the fields `update` sets change, checked as when the
    /// person was added. A later start date is refused while leave or a published shift lies before it.
    public func updateStaff(_ id: String, _ update: StaffUpdate, checkedAgainst vocabulary: PracticeVocabulary? = nil) throws
        -> StaffRecord
    {
        if let fte = update.fte { try checkFTE(fte) }
        if let name = update.name { try Check.nonEmpty(name, "name") }
        if let role = update.role { try Check.nonEmpty(role, "role") }
        let start = try Check.optionalDate(update.employmentStart, "start")
        return try change("staff update") { log in
            let before = try requireStaff(id, log.db)
            var after = before
            if let name = update.name { after.name = name }
            if let role = update.role { after.role = role }
            if let fte = update.fte { after.fte = fte }
            if let contract = update.contractId {
                try requireContract(contract, log.db)
                after.contractId = contract
            }
            if let skills = update.skills { after.skills = skills }
            if let sites = update.sites { after.sites = sites }
            if let phone = update.phone { after.phone = phone.isEmpty ? nil : phone }
            if let email = update.email { after.email = email.isEmpty ? nil : email }
            if let start {
                if let end = before.employmentEnd.flatMap(CalendarDate.init(iso:)), start > end {
                    throw RecordsError(.invalid, "start", "\(start) is after employment ended (\(end))")
                }
                if start.description > before.employmentStart {
                    try requireNothingBefore(start, staffId: id, log.db)
                }
                after.employmentStart = start.description
            }
            try Self.checkContact(phone: after.phone, email: after.email)
            try Self.check(after, against: vocabulary, onlyChangedFrom: before)
            guard after != before else { return after }
            try after.update(log.db)
            try log.audit(table: "staff", key: id, before: before, after: after)
            return after
        }
    }

    /// Removes a record nothing refers to yet — no credential, leave, balance, training, request or published
    /// shift — such as one added with a typo. Anyone with a history is deactivated instead.
    public func removeStaff(_ id: String) throws -> StaffRecord {
        try change("staff remove") { log in
            let person = try requireStaff(id, log.db)
            var uses: [String] = []
            for (table, noun) in [
                ("credential", "credential"), ("leave_request", "leave request"), ("leave_balance", "leave carry-over"),
                ("training", "training record"), ("shift_request", "shift request"), ("roster_assignment", "published shift"),
            ] {
                let count = try Int.fetchOne(log.db, sql: "SELECT count(*) FROM \(table) WHERE staff_id = ?", arguments: [id]) ?? 0
                if count > 0 { uses.append("\(count) \(noun)\(count == 1 ? "" : "s")") }
            }
            guard uses.isEmpty else {
                throw RecordsError(
                    .conflict, "staff \(id)", "has records that refer to them (" + uses.joined(separator: ", ") + ")",
                    hint: "correct the record with `rota staff update`, or end employment with `rota staff deactivate \(id) --reason …`")
            }
            try person.delete(log.db)
            try log.audit(table: "staff", key: id, before: person, after: StaffRecord?.none)
            return person
        }
    }

    /// Ends a person's employment after `lastDay`; the record stays, and rosters after that day leave them out.
    public func deactivateStaff(_ id: String, lastDay: String, reason: String) throws -> StaffRecord {
        let last = try Check.date(lastDay, "last_day")
        try Check.nonEmpty(reason, "reason")
        return try change("staff deactivate") { log in
            let before = try requireStaff(id, log.db)
            guard before.isActive else {
                throw RecordsError(.conflict, "staff \(id)", "is already inactive (employment ended \(before.employmentEnd ?? "?"))")
            }
            if let start = CalendarDate(iso: before.employmentStart), last < start {
                throw RecordsError(.invalid, "last_day", "\(last) is before employment started (\(start))")
            }
            var after = before
            after.isActive = false
            after.employmentEnd = last.description
            after.deactivationReason = reason
            try after.update(log.db)
            try log.audit(table: "staff", key: id, before: before, after: after)
            return after
        }
    }

    public func staff(_ id: String) throws -> StaffRecord {
        try read { db in try requireStaff(id, db) }
    }

    public func allStaff(includingInactive: Bool = false) throws -> [StaffRecord] {
        try read { db in
            var request = StaffRecord.order(Column("role"), Column("id"))
            if !includingInactive { request = request.filter(Column("is_active") == true) }
            return try request.fetchAll(db)
        }
    }

    // MARK: Credentials

    public func addCredential(_ credential: CredentialRecord, checkedAgainst vocabulary: PracticeVocabulary? = nil) throws
        -> CredentialRecord
    {
        try Check.nonEmpty(credential.kind, "kind")
        try vocabulary?.check(credential.kind, is: .credential, field: "kind")
        let issued = try Check.optionalDate(credential.issued, "issued")
        if let expires = try Check.optionalDate(credential.expires, "expires"), let issued, expires < issued {
            throw RecordsError(.invalid, "expires", "the credential expires (\(expires)) before it was issued (\(issued))")
        }
        return try change("credential add") { log in
            _ = try requireStaff(credential.staffId, log.db)
            var inserted = credential
            try inserted.insert(log.db)
            try log.audit(table: "credential", key: "\(inserted.id ?? 0)", before: CredentialRecord?.none, after: inserted)
            return inserted
        }
    }

    public func credentials(staffId: String? = nil) throws -> [CredentialRecord] {
        try read { db in
            if let staffId { _ = try requireStaff(staffId, db) }
            var request = CredentialRecord.order(Column("staff_id"), Column("kind"), Column("expires"))
            if let staffId { request = request.filter(Column("staff_id") == staffId) }
            return try request.fetchAll(db)
        }
    }

    /// The credential of each kind a person holds now: the one that expires last (a renewal supersedes
    /// the old certificate), never-expiring beating any date.
    public func currentCredentials(staffId: String) throws -> [CredentialRecord] {
        Self.current(try credentials(staffId: staffId))
    }

    static func current(_ credentials: [CredentialRecord]) -> [CredentialRecord] {
        longestValid(credentials, key: { $0.staffId + "\u{1}" + $0.kind }, until: \.expires)
            .sorted { ($0.staffId, $0.kind) < ($1.staffId, $1.kind) }
    }

    /// Active staff's current credentials that have expired, or expire within `days` of `asOf`.
    public func expiringCredentials(within days: Int, asOf: CalendarDate) throws -> [ExpiringCredential] {
        let people = Dictionary(uniqueKeysWithValues: try allStaff().map { ($0.id, $0) })
        var found: [ExpiringCredential] = []
        for credential in Self.current(try credentials().filter { people[$0.staffId] != nil }) {
            guard let expires = credential.expires.flatMap(CalendarDate.init(iso:)) else { continue }
            let left = asOf.days(to: expires)
            if left <= days {
                found.append(ExpiringCredential(credential: credential, staffName: people[credential.staffId]?.name ?? credential.staffId, daysLeft: left))
            }
        }
        return found.sorted { ($0.daysLeft, $0.credential.staffId, $0.credential.kind) < ($1.daysLeft, $1.credential.staffId, $1.credential.kind) }
    }

    // MARK: Shared checks

    /// The error for an id `table` does not hold, with a "did you mean" when one is close, else `otherwise`.
    static func notFound(
        _ id: String, in table: String, _ db: Database, _ message: String, otherwise: ([String]) -> String? = { _ in nil }
    ) throws -> RecordsError {
        let known = try String.fetchAll(db, sql: "SELECT id FROM \(table)")
        return RecordsError(
            .notFound, "\(table) \(id)", message, hint: closest(to: id, in: known).map { "did you mean `\($0)`?" } ?? otherwise(known))
    }

    func requireStaff(_ id: String, _ db: Database) throws -> StaffRecord {
        if let person = try StaffRecord.fetchOne(db, key: id) { return person }
        throw try Self.notFound(id, in: "staff", db, "no such person") { _ in "`rota staff list` shows who is recorded" }
    }

    func requireContract(_ id: String, _ db: Database) throws {
        guard try ContractRecord.exists(db, key: id) else {
            throw try Self.notFound(id, in: "contract", db, "no such contract") { known in
                known.isEmpty ? "add one with `rota contract add`" : "known contracts: " + known.joined(separator: ", ")
            }
        }
    }

    /// The role, skills and sites checked against the practice; with `before`, only what changed, so that
    /// a record can be corrected one field at a time.
    static func check(_ person: StaffRecord, against vocabulary: PracticeVocabulary?, onlyChangedFrom before: StaffRecord? = nil)
        throws
    {
        guard let vocabulary else { return }
        if person.role != before?.role { try vocabulary.check(person.role, is: .role, field: "role") }
        try vocabulary.check(person.skills.filter { !(before?.skills.contains($0) ?? false) }, are: .skill, field: "skills")
        try vocabulary.check(person.sites.filter { !(before?.sites.contains($0) ?? false) }, are: .site, field: "sites")
    }

    static func checkContact(phone: String?, email: String?) throws {
        if let email, email.split(separator: "@", omittingEmptySubsequences: false).count != 2 || email.hasPrefix("@") || email.hasSuffix("@")
            || email.contains(where: \.isWhitespace)
        {
            throw RecordsError(.invalid, "email", "`\(email)` is not an email address", hint: "e.g. ada.lee@example.org")
        }
        if let phone, phone.contains(where: { !($0.isNumber || " +-().".contains($0)) }) || !phone.contains(where: \.isNumber) {
            throw RecordsError(.invalid, "phone", "`\(phone)` is not a phone number", hint: "digits, spaces and + - ( ) . only")
        }
    }

    /// Refuses a start date that would leave leave or a published shift before employment began.
    private func requireNothingBefore(_ start: CalendarDate, staffId: String, _ db: Database) throws {
        if let leave = try LeaveRequestRecord
            .filter(Column("staff_id") == staffId && Column("status") != LeaveRequestRecord.Status.denied.rawValue)
            .filter(Column("first_day") < start.description).order(Column("first_day")).fetchOne(db)
        {
            throw RecordsError(
                .conflict, "start", "leave #\(leave.id ?? 0) (\(leave.firstDay) to \(leave.lastDay)) begins before \(start)",
                hint: "deny that request first, or choose an earlier start")
        }
        if let shift = try String.fetchOne(
            db, sql: "SELECT date FROM roster_assignment WHERE staff_id = ? AND date < ? ORDER BY date LIMIT 1",
            arguments: [staffId, start.description])
        {
            throw RecordsError(.conflict, "start", "\(staffId) worked a published shift on \(shift), before \(start)")
        }
    }

    private func checkFTE(_ fte: Double) throws {
        guard fte.isFinite, fte > 0, fte <= 1.5 else {
            throw RecordsError(.invalid, "fte", "\(fte) is outside 0…1.5", hint: "FTE is a fraction of full time, e.g. 0.8")
        }
    }
}
