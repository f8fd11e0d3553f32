internal import GRDB
public import RotaCore

extension PracticeDatabase {
    /// Records a request to work or not to work a shift (or any shift) on each day of a period. Refused when
    /// the dates are not dates or fall outside the person's employment, the shift is not the practice's (with
    /// `vocabulary`), the weight is outside 1–1000, or an active request of theirs already covers a day for the
    /// same shift.
    public func addShiftRequest(_ request: ShiftRequestRecord, checkedAgainst vocabulary: PracticeVocabulary? = nil) throws
        -> ShiftRequestRecord
    {
        let first = try Check.date(request.firstDay, "from")
        let last = try Check.date(request.lastDay, "to")
        guard first <= last else {
            throw RecordsError(.invalid, "to", "the request ends (\(last)) before it starts (\(first))", hint: "swap the dates?")
        }
        guard first.days(to: last) < 366 else {
            throw RecordsError(.invalid, "to", "a request covers at most a year", hint: "record one per period")
        }
        try Check.number(request.weight, "weight", 1...1000)
        if let shift = request.shift { try Check.nonEmpty(shift, "shift") }
        try vocabulary?.check(request.shift, is: .shiftType, field: "shift")
        let at = timestamp
        return try change("request add") { log in
            let person = try requireStaff(request.staffId, log.db)
            guard person.isActive else { throw RecordsError(.conflict, "staff \(person.id)", "is no longer employed") }
            if first.description < person.employmentStart {
                throw RecordsError(.invalid, "from", "\(first) is before \(person.id)'s employment starts (\(person.employmentStart))")
            }
            let overlapping = try ShiftRequestRecord
                .filter(Column("staff_id") == request.staffId && Column("withdrawn_at") == nil)
                .filter(Column("first_day") <= last.description && Column("last_day") >= first.description)
                .fetchAll(log.db)
                .first { $0.shift == request.shift }
            if let overlapping {
                throw RecordsError(
                    .conflict, "request for \(request.staffId)",
                    "overlaps request #\(overlapping.id ?? 0) (\(overlapping.wants.rawValue) \(overlapping.shift ?? "the whole day"), \(overlapping.firstDay) to \(overlapping.lastDay))",
                    hint: "withdraw that request first with `rota request withdraw \(overlapping.id ?? 0)`")
            }
            var inserted = request
            inserted.firstDay = first.description
            inserted.lastDay = last.description
            inserted.requestedAt = at
            inserted.withdrawnAt = nil
            try inserted.insert(log.db)
            try log.audit(table: "shift_request", key: "\(inserted.id ?? 0)", before: ShiftRequestRecord?.none, after: inserted)
            return inserted
        }
    }

    /// Withdraws a request: it stays on file and is no longer exported.
    public func withdrawShiftRequest(id: Int64) throws -> ShiftRequestRecord {
        let at = timestamp
        return try change("request withdraw") { log in
            guard let before = try ShiftRequestRecord.fetchOne(log.db, key: id) else {
                throw RecordsError(.notFound, "request #\(id)", "no such request", hint: "`rota request list` shows them")
            }
            guard before.withdrawnAt == nil else {
                throw RecordsError(.conflict, "request #\(id)", "was already withdrawn at \(before.withdrawnAt ?? "?")")
            }
            var after = before
            after.withdrawnAt = at
            try after.update(log.db)
            try log.audit(table: "shift_request", key: "\(id)", before: before, after: after)
            return after
        }
    }

    /// The requests touching `month` (`YYYY-MM`, refused as invalid otherwise), or every one without a month.
    public func shiftRequests(staffId: String? = nil, month: String?, includeWithdrawn: Bool = false) throws -> [ShiftRequestRecord] {
        guard let month else { return try shiftRequests(staffId: staffId, includeWithdrawn: includeWithdrawn) }
        let first = try Check.month(month)
        let last = first.adding(days: CalendarDate.daysIn(month: first.month, year: first.year) - 1)
        return try shiftRequests(staffId: staffId, from: first, to: last, includeWithdrawn: includeWithdrawn)
    }

    /// Requests that touch the period (all when nil), one person's or everyone's, withdrawn ones only when asked.
    public func shiftRequests(
        staffId: String? = nil, from: CalendarDate? = nil, to: CalendarDate? = nil, includeWithdrawn: Bool = false
    ) throws -> [ShiftRequestRecord] {
        try read { db in
            if let staffId { _ = try requireStaff(staffId, db) }
            var request = ShiftRequestRecord.order(Column("first_day"), Column("staff_id"), Column("id"))
            if let staffId { request = request.filter(Column("staff_id") == staffId) }
            if !includeWithdrawn { request = request.filter(Column("withdrawn_at") == nil) }
            if let from { request = request.filter(Column("last_day") >= from.description) }
            if let to { request = request.filter(Column("first_day") <= to.description) }
            return try request.fetchAll(db)
        }
    }
}
