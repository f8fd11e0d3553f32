internal import GRDB
public import RotaCore

extension PracticeDatabase {
    /// Stores `roster` as the next version of `month` (`YYYY-MM`), never replacing an earlier one.
    ///
    /// The problem must cover exactly that month, and everyone rostered must be recorded in the database.
    /// `evaluation` is the evaluator's verdict on the roster, kept with the version.
    public func publish(
        roster: Roster, problem: RosterProblem, evaluation: Evaluation, month: String, source: String
    ) throws -> RosterVersionRecord {
        let first = try Check.month(month)
        guard let start = problem.startDate else {
            throw RecordsError(.invalid, source, "the problem has no calendar", hint: "publish rosters of practice scenarios (.yaml)")
        }
        let last = first.adding(days: CalendarDate.daysIn(month: first.month, year: first.year) - 1)
        guard start == first, start.adding(days: problem.dayCount - 1) == last else {
            throw RecordsError(
                .invalid, "month", "the scenario covers \(start) to \(start.adding(days: problem.dayCount - 1)), not the month \(month)",
                hint: "publish with the month the scenario's horizon covers")
        }
        let at = timestamp
        return try change("publish") { log in
            let rostered = Set(roster.assignments.map { problem.staff[$0.staff].id })
            let known = Set(try String.fetchAll(log.db, sql: "SELECT id FROM staff"))
            let unknown = rostered.subtracting(known).sorted()
            if !unknown.isEmpty {
                throw RecordsError(
                    .notFound, "staff", "not in the records: " + unknown.joined(separator: ", "),
                    hint: "add them with `rota staff add`, or export the scenario from the records with `rota scenario export`")
            }
            let latest = try Int.fetchOne(log.db, sql: "SELECT MAX(version) FROM roster_version WHERE month = ?", arguments: [month]) ?? 0
            var version = RosterVersionRecord(
                month: month, version: latest + 1, publishedAt: at, publishedBy: actor, source: source,
                objective: evaluation.total, hardViolations: evaluation.hardViolations.count)
            // The version takes assignments only while this transaction keeps it open (the schema's triggers).
            try log.db.execute(
                sql: """
                    INSERT INTO roster_version (month, version, published_at, published_by, source, objective, hard_violations, publishing)
                    VALUES (?, ?, ?, ?, ?, ?, ?, 1)
                    """,
                arguments: [version.month, version.version, version.publishedAt, version.publishedBy, version.source,
                            version.objective, version.hardViolations])
            let versionId = log.db.lastInsertedRowID
            version.id = versionId
            for assignment in roster.assignments {
                let shift = problem.shiftTypes[assignment.shift]
                let date = start.adding(days: assignment.day)
                try RosterAssignmentRecord(
                    versionId: versionId, staffId: problem.staff[assignment.staff].id, date: date.description, shift: shift.id,
                    startMinute: shift.start ?? 0, lengthMinutes: shift.lengthMinutes, paidMinutes: shift.paidMinutes,
                    isOnCall: shift.isOnCall, isHoliday: problem.holidays[assignment.day] != nil, site: shift.site,
                    shiftName: shift.name
                ).insert(log.db)
            }
            for (day, name) in problem.holidays.sorted(by: { $0.key < $1.key }) {
                try log.db.execute(
                    sql: "INSERT INTO roster_holiday (version_id, date, name) VALUES (?, ?, ?)",
                    arguments: [versionId, start.adding(days: day).description, name])
            }
            try log.db.execute(sql: "UPDATE roster_version SET publishing = 0 WHERE id = ?", arguments: [versionId])
            try log.audit(table: "roster_version", key: "\(month) v\(version.version)", before: RosterVersionRecord?.none, after: version)
            return version
        }
    }

    /// Every published version of `month`, oldest first.
    public func rosterVersions(month: String) throws -> [RosterVersionRecord] {
        _ = try Check.month(month)
        return try read { db in try RosterVersionRecord.filter(Column("month") == month).order(Column("version")).fetchAll(db) }
    }

    /// The public holidays of a published version: those stored with it, and (for versions published before
    /// they were stored) the dates of its holiday shifts.
    public func holidays(of version: RosterVersionRecord) throws -> Set<CalendarDate> {
        try read { db in
            let stored = try String.fetchAll(db, sql: "SELECT date FROM roster_holiday WHERE version_id = ?", arguments: [version.id])
            let worked = try String.fetchAll(
                db, sql: "SELECT DISTINCT date FROM roster_assignment WHERE version_id = ? AND is_holiday = 1", arguments: [version.id])
            return Set((stored + worked).compactMap(CalendarDate.init(iso:)))
        }
    }

    /// A published version of `month` (the latest when `version` is nil) and its assignments.
    public func publishedRoster(month: String, version: Int? = nil) throws -> (version: RosterVersionRecord, assignments: [RosterAssignmentRecord]) {
        let versions = try rosterVersions(month: month)
        guard let latest = versions.last else {
            throw RecordsError(.notFound, "month \(month)", "no roster has been published for this month", hint: "`rota publish ROSTER.csv --scenario FILE --month \(month)`")
        }
        let chosen: RosterVersionRecord
        if let version {
            guard let found = versions.first(where: { $0.version == version }) else {
                throw RecordsError(.notFound, "version \(version)", "\(month) has versions 1 to \(latest.version)")
            }
            chosen = found
        } else {
            chosen = latest
        }
        let assignments = try read { db in
            try RosterAssignmentRecord.filter(Column("version_id") == chosen.id)
                .order(Column("staff_id"), Column("date"), Column("start_minute")).fetchAll(db)
        }
        return (chosen, assignments)
    }
}
