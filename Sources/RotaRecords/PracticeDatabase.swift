public import Foundation
internal import GRDB
public import RotaCore

/// The practice's records: one SQLite file (WAL, foreign keys on, mode 0600) reached through GRDB.
///
/// Every change runs in one write transaction together with its audit rows, so a failed check, a refused
/// constraint or a killed process leaves the file as it was before the change.
public final class PracticeDatabase: Sendable {
    /// The database file.
    public let path: String
    /// Who the audit log names for the changes made through this handle.
    public let actor: String
    /// A pool (WAL: readers beside one writer); a single read-only connection where the file is read-only.
    let pool: any DatabaseWriter
    private let clock: @Sendable () -> Date

    /// Creates a new, empty database at `path` (mode 0600). Refuses to touch an existing file.
    public static func create(
        path: String, actor: String, clock: @escaping @Sendable () -> Date = { Date() }
    ) throws -> PracticeDatabase {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw RecordsError(
                .conflict, path, "a file is already there",
                hint: "`rota init` makes a new database; pass another --db PATH, or use this one as it is")
        }
        // Create the file ourselves so that it is private from the first byte; SQLite gives its -wal and -shm
        // files the database file's mode.
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw RecordsError(.database, path, "cannot create the database file", hint: "check that the folder exists and is writable")
        }
        do {
            return try PracticeDatabase(path: path, actor: actor, clock: clock)
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
    }

    /// Opens an existing database and brings its schema up to date; read-only when `readOnly`, or when the
    /// file is not writable by this user. A database a newer Rota wrote is refused.
    public static func open(
        path: String, actor: String, readOnly: Bool = false, clock: @escaping @Sendable () -> Date = { Date() }
    ) throws -> PracticeDatabase {
        guard FileManager.default.fileExists(atPath: path) else {
            throw RecordsError(
                .database, path, "no practice database here",
                hint: "run `rota init --db \(path)` first, or pass --db PATH to the one you use")
        }
        return try PracticeDatabase(path: path, actor: actor, readOnly: readOnly, clock: clock)
    }

    /// Whether this handle only reads: the file is not writable by this user (a copy on a read-only share,
    /// an archive). Changes are refused with a message instead of SQLite's.
    public let isReadOnly: Bool

    private init(path: String, actor: String, readOnly: Bool = false, clock: @escaping @Sendable () -> Date) throws {
        self.path = path
        self.actor = actor
        self.clock = clock
        isReadOnly = readOnly || access(path, W_OK) != 0
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(5)
        configuration.readonly = isReadOnly
        configuration.prepareDatabase { db in db.add(function: PracticeSchema.writerFunction) }
        let migrator = PracticeSchema.migrator
        do {
            // A read-only WAL file may sit where its -shm file cannot be made; one plain connection reads it.
            pool = isReadOnly ? try Self.readOnlyConnection(path, configuration) : try DatabasePool(path: path, configuration: configuration)
            let (newer, current) = try pool.read { db in (try migrator.hasBeenSuperseded(db), try migrator.hasCompletedMigrations(db)) }
            if newer {
                throw RecordsError(
                    .database, path, "was written by a newer version of Rota (its schema has changes this one does not know)",
                    hint: "update Rota before using this database; nothing was read or changed")
            }
            if !current {
                guard !isReadOnly else {
                    throw RecordsError(
                        .database, path, "needs its schema brought up to date, and is read-only here",
                        hint: "open it once where it is writable, or read a backup made by this version")
                }
                try migrator.migrate(pool)
            }
        } catch let error as DatabaseError {
            throw RecordsError(
                .database, path, "not a usable practice database (\(error.message ?? "\(error.resultCode)"))",
                hint: "is this the right file? `rota init --db NEW.sqlite` makes a new one")
        }
    }

    /// One read-only connection. A WAL database in a folder this user cannot write to cannot get the shared
    /// memory file SQLite reads it through; it is then opened as immutable (SQLite reads the file as it is,
    /// assuming nobody changes it while this command runs).
    private static func readOnlyConnection(_ path: String, _ configuration: Configuration) throws -> DatabaseQueue {
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            try queue.read { db in _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") }
            return queue
        } catch let error as DatabaseError where [.SQLITE_READONLY, .SQLITE_CANTOPEN].contains(error.resultCode.primaryResultCode) {
            let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
            let uri = "file:" + (absolute.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? absolute) + "?immutable=1"
            return try DatabaseQueue(path: uri, configuration: configuration)
        }
    }

    /// Today's date for the audit log and for "within N days" questions.
    public var today: CalendarDate {
        let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone.current, from: clock())
        return CalendarDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
            ?? CalendarDate(dayNumber: 0)
    }

    var timestamp: String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: clock())
    }

    /// Runs `body` in one write transaction; the audit rows it adds commit or roll back with the change.
    /// With `dryRun` the transaction is always rolled back: every check runs, nothing is kept.
    func change<T>(_ action: String, dryRun: Bool = false, _ body: (ChangeLog) throws -> T) throws -> T {
        guard !isReadOnly else {
            throw RecordsError(.database, path, "is read-only here; nothing was changed", hint: "check the file's permissions")
        }
        let at = timestamp
        do {
            guard dryRun else { return try pool.write { db in try body(ChangeLog(db: db, actor: actor, action: action, at: at)) } }
            var outcome: T?
            do {
                try pool.write { db in
                    outcome = try body(ChangeLog(db: db, actor: actor, action: action, at: at))
                    throw DryRunRollback()
                }
            } catch is DryRunRollback {}
            guard let outcome else { throw RecordsError(.database, path, "the dry run gave no result", hint: "nothing was changed") }
            return outcome
        } catch let error as DatabaseError {
            throw RecordsError(
                .invalid, action, "the database refused the change: \(error.message ?? "\(error.resultCode)")",
                hint: "nothing was changed")
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.read(body)
        } catch let error as DatabaseError {
            throw RecordsError(.database, path, "cannot read: \(error.message ?? "\(error.resultCode)")")
        }
    }

    /// Copies the whole database to `destination` with SQLite's online backup (safe while others write);
    /// the copy is created with mode 0600.
    public func backup(to destination: String) throws {
        guard !FileManager.default.fileExists(atPath: destination) else {
            throw RecordsError(.conflict, destination, "a file is already there", hint: "back up to a new file name")
        }
        guard FileManager.default.createFile(atPath: destination, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw RecordsError(.database, destination, "cannot create the backup file")
        }
        do {
            let copy = try DatabaseQueue(path: destination)
            try pool.backup(to: copy)
        } catch let error as DatabaseError {
            try? FileManager.default.removeItem(atPath: destination)
            throw RecordsError(.database, destination, "backup failed: \(Self.copyFailure(error)); no backup was made")
        }
    }

    /// Why an online backup failed, in words: the backup's own code says what went wrong; the connection's
    /// message can be "not an error".
    static func copyFailure(_ error: DatabaseError) -> String {
        switch error.resultCode.primaryResultCode {
        case .SQLITE_FULL: "the disk is full"
        case .SQLITE_IOERR: "the file could not be written"
        case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM: "the file cannot be written there"
        default: error.message.flatMap { $0 == "not an error" ? nil : $0 } ?? "\(error.resultCode)"
        }
    }

    /// `PRAGMA integrity_check`'s verdict: "ok" when the file is sound.
    public func integrityCheck() throws -> String {
        try read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ") }
    }
}

extension PracticeDatabase {
    /// Of the records sharing a key (a person's credential of one kind, their record of one course), the
    /// one valid longest: a renewal supersedes the old one, and no end date beats any date. Ties keep the
    /// first. In no particular order.
    static func longestValid<Record>(_ records: [Record], key: (Record) -> String, until: (Record) -> String?) -> [Record] {
        var kept: [String: Record] = [:]
        for record in records {
            if let held = kept[key(record)], (until(held) ?? "9999-12-31") >= (until(record) ?? "9999-12-31") { continue }
            kept[key(record)] = record
        }
        return Array(kept.values)
    }
}

/// Thrown at the end of a dry run's transaction so that it rolls back.
private struct DryRunRollback: Error {}

/// The write transaction of one change, and its audit trail.
struct ChangeLog {
    let db: Database
    let actor: String
    let action: String
    let at: String

    /// Appends an audit row; `before`/`after` are stored as JSON with sorted keys so entries diff cleanly.
    func audit(table: String, key: String, before: (some Encodable)?, after: (some Encodable)?) throws {
        var beforeJSON: String?
        var afterJSON: String?
        if let before { beforeJSON = Self.json(before) }
        if let after { afterJSON = Self.json(after) }
        var entry = AuditEntry(
            at: at, actor: actor, action: action, tableName: table, rowKey: key, before: beforeJSON, after: afterJSON)
        try entry.insert(db)
    }

    static func json(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    }
}

/// Checks shared by every command that takes dates and amounts.
enum Check {
    static func date(_ text: String, _ field: String) throws -> CalendarDate {
        guard let date = CalendarDate(iso: text) else {
            throw RecordsError(.invalid, field, "`\(text)` is not a date", hint: "dates are YYYY-MM-DD, e.g. 2026-12-01")
        }
        return date
    }

    static func optionalDate(_ text: String?, _ field: String) throws -> CalendarDate? {
        try text.map { try date($0, field) }
    }

    static func nonEmpty(_ text: String, _ field: String) throws {
        if text.trimmingCharacters(in: .whitespaces).isEmpty {
            throw RecordsError(.invalid, field, "must not be empty")
        }
    }

    /// A finite number in `range` (NaN, infinities and absurd magnitudes never reach the database, where they
    /// would be stored and then break every later read).
    static func number(_ value: Double, _ field: String, _ range: ClosedRange<Double>) throws {
        guard value.isFinite, range.contains(value) else {
            throw RecordsError(.invalid, field, "\(value) is outside \(format(range.lowerBound))…\(format(range.upperBound))")
        }
    }

    static func number(_ value: Int, _ field: String, _ range: ClosedRange<Int>) throws {
        guard range.contains(value) else { throw RecordsError(.invalid, field, "\(value) is outside \(range.lowerBound)…\(range.upperBound)") }
    }

    /// Stock, quantities and days: at most a billion.
    static let amount: ClosedRange<Double> = 0...1_000_000_000

    /// `YYYY-MM` → the month's first day.
    static func month(_ text: String, _ field: String = "month") throws -> CalendarDate {
        guard let first = CalendarDate(iso: text + "-01"), text.count == 7 else {
            throw RecordsError(.invalid, field, "`\(text)` is not a month", hint: "months are YYYY-MM, e.g. 2026-12")
        }
        return first
    }
}
