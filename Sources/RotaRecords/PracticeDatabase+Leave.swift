internal import Foundation
internal import GRDB
public import RotaCore

/// A person's annual leave for one year, in working days (Monday to Friday), as of a date.
public struct LeaveBalance: Sendable, Equatable {
    public var staffId: String
    public var year: Int
    /// The date `accrued` counts to.
    public var asOf: CalendarDate
    public var carriedOver: Double
    /// Accrued by `asOf`: the contract's annual days × FTE, one twelfth for each month of employment begun
    /// in the year by then.
    public var accrued: Double
    /// The whole year's accrual: one twelfth for each month of the year that lies in employment.
    public var yearAccrual: Double
    /// Approved annual leave in the year (booked ahead counts too).
    public var taken: Double
    /// Pending annual leave requests in the year.
    public var pending: Double
    /// What can be taken by `asOf`.
    public var available: Double { carriedOver + accrued - taken }
    /// What the year holds in all: leave is approved against this, so it can be booked ahead.
    public var availableForYear: Double { carriedOver + yearAccrual - taken }
}

/// Which leave requests to list.
public struct LeaveFilter: Sendable {
    public var staffId: String?
    public var status: LeaveRequestRecord.Status?
    /// Requests that touch this period.
    public var from: CalendarDate?
    public var to: CalendarDate?

    public init(staffId: String? = nil, status: LeaveRequestRecord.Status? = nil, from: CalendarDate? = nil, to: CalendarDate? = nil) {
        self.staffId = staffId
        self.status = status
        self.from = from
        self.to = to
    }
}

extension PracticeDatabase {
    /// Records a pending request. Refused when the dates are not dates, end before they start, fall outside
    /// the person's employment, or overlap another pending or approved request of theirs.
    public func requestLeave(
        staffId: String, kind: String, firstDay: String, lastDay: String, reason: String? = nil
    ) throws -> LeaveRequestRecord {
        guard LeaveRequestRecord.kinds.contains(kind) else {
            throw RecordsError(
                .invalid, "kind", "`\(kind)` is not a kind of leave",
                hint: closest(to: kind, in: LeaveRequestRecord.kinds).map { "did you mean `\($0)`?" }
                    ?? "kinds: " + LeaveRequestRecord.kinds.joined(separator: ", "))
        }
        let first = try Check.date(firstDay, "from")
        let last = try Check.date(lastDay, "to")
        guard first <= last else {
            throw RecordsError(.invalid, "to", "leave ends (\(last)) before it starts (\(first))", hint: "swap the dates?")
        }
        let at = timestamp
        return try change("leave request") { log in
            let person = try requireStaff(staffId, log.db)
            guard person.isActive else { throw RecordsError(.conflict, "staff \(staffId)", "is no longer employed") }
            if first.description < person.employmentStart {
                throw RecordsError(.invalid, "from", "\(first) is before \(staffId)'s employment starts (\(person.employmentStart))")
            }
            if let overlapping = try LeaveRequestRecord
                .filter(Column("staff_id") == staffId && Column("status") != LeaveRequestRecord.Status.denied.rawValue)
                .filter(Column("first_day") <= last.description && Column("last_day") >= first.description)
                .fetchOne(log.db)
            {
                throw RecordsError(
                    .conflict, "leave for \(staffId)",
                    "overlaps request #\(overlapping.id ?? 0) (\(overlapping.kind), \(overlapping.firstDay) to \(overlapping.lastDay), \(overlapping.status.rawValue))",
                    hint: "change or deny that request first, or choose other dates")
            }
            var request = LeaveRequestRecord(
                staffId: staffId, kind: kind, firstDay: first.description, lastDay: last.description, reason: reason, requestedAt: at)
            try request.insert(log.db)
            try log.audit(table: "leave_request", key: "\(request.id ?? 0)", before: LeaveRequestRecord?.none, after: request)
            return request
        }
    }

    /// Approves a pending request. Annual leave must fit each year it touches — carried over + the whole
    /// year's accrual − approved annual leave, so next year's leave can be approved ahead — unless
    /// `allowNegativeBalance`; the returned balances are after approval. With `dryRun` every check runs and
    /// the result is what approval would give, but nothing is kept.
    public func approveLeave(id: Int64, note: String? = nil, allowNegativeBalance: Bool = false, dryRun: Bool = false) throws
        -> (request: LeaveRequestRecord, balances: [LeaveBalance])
    {
        try decide(id: id, status: .approved, note: note, dryRun: dryRun) { request, db in
            guard request.kind == "annual" else { return [] }
            var balances: [LeaveBalance] = []
            for year in Set([request.firstDay, request.lastDay].compactMap { CalendarDate(iso: $0)?.year }).sorted() {
                let balance = try leaveBalance(staffId: request.staffId, year: year, db: db)
                if balance.availableForYear < -1e-9 && !allowNegativeBalance {
                    let asked = Self.workingDays(request, in: year)
                    throw RecordsError(
                        .conflict, "leave #\(id)",
                        "needs \(format(asked)) annual leave days in \(year) but \(request.staffId) has \(format(balance.availableForYear + asked)) for the year",
                        hint: "deny it, shorten it, or approve with --allow-negative-balance")
                }
                balances.append(balance)
            }
            return balances
        }
    }

    public func denyLeave(id: Int64, note: String? = nil) throws -> LeaveRequestRecord {
        try decide(id: id, status: .denied, note: note) { _, _ in [] }.request
    }

    private func decide(
        id: Int64, status: LeaveRequestRecord.Status, note: String?, dryRun: Bool = false,
        check: (LeaveRequestRecord, Database) throws -> [LeaveBalance]
    ) throws -> (request: LeaveRequestRecord, balances: [LeaveBalance]) {
        let at = timestamp
        return try change("leave \(status == .approved ? "approve" : "deny")", dryRun: dryRun) { log in
            guard let before = try LeaveRequestRecord.fetchOne(log.db, key: id) else {
                throw RecordsError(.notFound, "leave #\(id)", "no such request", hint: "`rota leave list` shows the requests")
            }
            guard before.status == .pending else {
                throw RecordsError(
                    .conflict, "leave #\(id)", "was already \(before.status.rawValue) by \(before.decidedBy ?? "?") at \(before.decidedAt ?? "?")",
                    hint: "a decision is final; record a new request to change it")
            }
            var after = before
            after.status = status
            after.decidedBy = actor
            after.decidedAt = at
            after.decisionNote = note
            try after.update(log.db)
            // Checked after the update so the balance counts this request; a refusal rolls it back.
            let balances = try check(after, log.db)
            try log.audit(table: "leave_request", key: "\(id)", before: before, after: after)
            return (after, balances)
        }
    }

    public func leaveRequests(_ filter: LeaveFilter = LeaveFilter()) throws -> [LeaveRequestRecord] {
        try read { db in
            if let staffId = filter.staffId { _ = try requireStaff(staffId, db) }
            var request = LeaveRequestRecord.order(Column("first_day"), Column("staff_id"))
            if let staffId = filter.staffId { request = request.filter(Column("staff_id") == staffId) }
            if let status = filter.status { request = request.filter(Column("status") == status.rawValue) }
            if let from = filter.from { request = request.filter(Column("last_day") >= from.description) }
            if let to = filter.to { request = request.filter(Column("first_day") <= to.description) }
            return try request.fetchAll(db)
        }
    }

    /// The balance for `year` as of `asOf` (default: today in the current year, else the year's last day, so
    /// a year ahead shows its whole accrual).
    public func leaveBalance(staffId: String, year: Int, asOf: CalendarDate? = nil) throws -> LeaveBalance {
        try read { db in try leaveBalance(staffId: staffId, year: year, asOf: asOf, db: db) }
    }

    /// Sets the days carried into `year` (replacing what was recorded).
    public func setCarryOver(staffId: String, year: Int, days: Double) throws {
        try Check.number(days, "carry_over", 0...366)
        try change("leave carry-over") { log in
            _ = try requireStaff(staffId, log.db)
            let before = try LeaveCarryOverRecord.fetchOne(log.db, key: ["staff_id": staffId, "year": year])
            let after = LeaveCarryOverRecord(staffId: staffId, year: year, carriedOverDays: days)
            try after.save(log.db)
            try log.audit(table: "leave_balance", key: "\(staffId)/\(year)", before: before, after: after)
        }
    }

    func leaveBalance(staffId: String, year: Int, asOf: CalendarDate? = nil, db: Database) throws -> LeaveBalance {
        guard (1900...9999).contains(year) else {
            throw RecordsError(.invalid, "year", "\(year) is outside 1900…9999")
        }
        let person = try requireStaff(staffId, db)
        let contract = try ContractRecord.fetchOne(db, key: person.contractId)
        let carried = try LeaveCarryOverRecord.fetchOne(db, key: ["staff_id": staffId, "year": year])?.carriedOverDays ?? 0
        let start = CalendarDate(iso: person.employmentStart) ?? CalendarDate(dayNumber: 0)
        let end = person.employmentEnd.flatMap(CalendarDate.init(iso:))
        let today = self.today
        let yearEnd = CalendarDate(year: year, month: 12, day: 31) ?? today
        let asOf = asOf ?? (year == today.year ? today : yearEnd)
        // A month accrues once it has begun, if any of it lies in employment.
        var months = 0
        var monthsByAsOf = 0
        for month in 1...12 {
            guard let first = CalendarDate(year: year, month: month, day: 1) else { continue }
            let last = first.adding(days: CalendarDate.daysIn(month: month, year: year) - 1)
            guard start <= last, end.map({ $0 >= first }) ?? true else { continue }
            months += 1
            if first <= asOf { monthsByAsOf += 1 }
        }
        let perMonth = (contract?.annualLeaveDays ?? 0) * person.fte / 12
        let requests = try LeaveRequestRecord
            .filter(Column("staff_id") == staffId && Column("kind") == "annual")
            .filter(Column("first_day") <= "\(year)-12-31" && Column("last_day") >= "\(year)-01-01")
            .fetchAll(db)
        let taken = requests.filter { $0.status == .approved }.reduce(0) { $0 + Self.workingDays($1, in: year) }
        let pending = requests.filter { $0.status == .pending }.reduce(0) { $0 + Self.workingDays($1, in: year) }
        return LeaveBalance(
            staffId: staffId, year: year, asOf: asOf, carriedOver: carried, accrued: perMonth * Double(monthsByAsOf),
            yearAccrual: perMonth * Double(months), taken: taken, pending: pending)
    }

    /// Monday-to-Friday days of a request that fall in `year`.
    static func workingDays(_ request: LeaveRequestRecord, in year: Int) -> Double {
        guard let first = CalendarDate(iso: request.firstDay), let last = CalendarDate(iso: request.lastDay) else { return 0 }
        var count = 0
        var day = first
        while day <= last {
            if day.year == year && day.weekday < 5 { count += 1 }
            day = day.adding(days: 1)
        }
        return Double(count)
    }

    // MARK: Training

    /// Records a completed course; `validUntil` nil means it never needs repeating.
    public func recordTraining(_ training: TrainingRecord) throws -> TrainingRecord {
        try Check.nonEmpty(training.course, "course")
        let completed = try Check.date(training.completed, "completed")
        if let until = try Check.optionalDate(training.validUntil, "valid_until"), until < completed {
            throw RecordsError(.invalid, "valid_until", "\(until) is before the course was completed (\(completed))")
        }
        return try change("training record") { log in
            _ = try requireStaff(training.staffId, log.db)
            var inserted = training
            try inserted.insert(log.db)
            try log.audit(table: "training", key: "\(inserted.id ?? 0)", before: TrainingRecord?.none, after: inserted)
            return inserted
        }
    }

    /// Active staff's latest record of each course that has lapsed or lapses within `days` of `asOf`.
    public func trainingDue(within days: Int, asOf: CalendarDate) throws -> [(training: TrainingRecord, staffName: String, daysLeft: Int)] {
        let people = Dictionary(uniqueKeysWithValues: try allStaff().map { ($0.id, $0.name) })
        let all = try read { db in try TrainingRecord.order(Column("completed")).fetchAll(db) }
        let latest = Self.longestValid(all.filter { people[$0.staffId] != nil }, key: { $0.staffId + "\u{1}" + $0.course }, until: \.validUntil)
        return latest.compactMap { record in
            guard let until = record.validUntil.flatMap(CalendarDate.init(iso:)) else { return nil }
            let left = asOf.days(to: until)
            return left <= days ? (record, people[record.staffId] ?? record.staffId, left) : nil
        }.sorted { ($0.daysLeft, $0.training.staffId, $0.training.course) < ($1.daysLeft, $1.training.staffId, $1.training.course) }
    }

    public func trainingRecords(staffId: String? = nil) throws -> [TrainingRecord] {
        try read { db in
            if let staffId { _ = try requireStaff(staffId, db) }
            var request = TrainingRecord.order(Column("staff_id"), Column("course"), Column("completed"))
            if let staffId { request = request.filter(Column("staff_id") == staffId) }
            return try request.fetchAll(db)
        }
    }
}

/// A number as a person writes it: whole numbers without a fraction, others to one decimal; values no `Int`
/// holds (NaN, infinities, 1e300 from a typo) are shown as Swift prints them instead of trapping.
func format(_ days: Double) -> String {
    guard days.isFinite, abs(days) < 1e15 else { return "\(days)" }
    return days == days.rounded() ? String(Int(days)) : String(format: "%.1f", days)
}
