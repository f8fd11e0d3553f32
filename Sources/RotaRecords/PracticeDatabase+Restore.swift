import Foundation
import GRDB

extension PracticeDatabase {
    /// Replaces the database at `target` with a copy of the Rota database `source` (a `rota backup`), keeping
    /// the one that was there as `TARGET.before-restore-YYYYMMDD-HHMMSS`; returns that path (nil when there
    /// was none).
    ///
    /// `source` must be a sound Rota database no newer than this Rota knows (else nothing is touched). The copy
    /// is made with SQLite's online backup into a new file next to `target`, which then takes `target`'s name
    /// in one rename: killed at any moment, `target` is either the old database or the whole copy. The
    /// restored database records the restore in its audit log. No other Rota command should use `target`
    /// meanwhile. `progress` gets (pages copied, pages in all) after each step.
    public static func restore(
        from source: String, into target: String, actor: String, pagesPerStep: Int = 64,
        progress: ((Int, Int) -> Void)? = nil
    ) throws -> String? {
        let sourceQueue = try checkedRestoreSource(source)
        let folder = URL(fileURLWithPath: target).deletingLastPathComponent().path
        let prefix = ".\(URL(fileURLWithPath: target).lastPathComponent).restoring-"
        let copy = URL(fileURLWithPath: folder).appendingPathComponent(prefix + "\(getpid())").path
        removeAbandonedCopies(in: folder, prefix: prefix)
        guard FileManager.default.createFile(atPath: copy, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw RecordsError(.database, target, "cannot write a new file in \(folder)", hint: "check the folder's permissions; nothing was changed")
        }
        // Until the copy has taken the database's name, every way out removes it.
        var placed = false
        defer { if !placed { try? FileManager.default.removeItem(atPath: copy) } }
        do {
            let destination = try DatabaseQueue(path: copy)
            try sourceQueue.backup(to: destination, pagesPerStep: CInt(pagesPerStep)) { step in
                progress?(step.completedPageCount, step.totalPageCount)
            }
            try destination.close()
        } catch let error as DatabaseError {
            throw RecordsError(.database, target, "restore failed: \(copyFailure(error))", hint: "nothing was changed")
        }
        var kept: String?
        if FileManager.default.fileExists(atPath: target) {
            // Everything in the old database's write-ahead log goes into its main file first, so that the
            // kept copy is whole and no stale log is left beside the restored file.
            do {
                let old = try DatabasePool(path: target)
                try old.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
                try old.close()
            } catch let error as DatabaseError {
                throw RecordsError(.database, target, "cannot settle the current database: \(error.message ?? "\(error.resultCode)")",
                    hint: "is another Rota command using it? nothing was changed")
            }
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.dateFormat = "yyyyMMdd-HHmmss"
            let name = target + ".before-restore-" + formatter.string(from: Date())
            guard link(target, name) == 0 else {
                throw RecordsError(.database, target, "cannot keep the current database as \(name): \(String(cString: strerror(errno)))",
                    hint: "nothing was changed")
            }
            kept = name
            for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: target + suffix) }
        }
        guard rename(copy, target) == 0 else {
            throw RecordsError(.database, target, "cannot put the restored copy in place: \(String(cString: strerror(errno)))",
                hint: "the database there is unchanged")
        }
        placed = true
        let restored = try PracticeDatabase.open(path: target, actor: actor)
        struct Restore: Encodable { var from: String; var kept: String? }
        try restored.change("restore") { log in
            try log.audit(table: "database", key: "restore", before: Restore?.none, after: Restore(from: source, kept: kept))
        }
        return kept
    }

    /// Deletes the half-made copies of restores that were killed (their process is gone), so they do not pile up
    /// beside the database; a copy whose process still runs is left alone.
    private static func removeAbandonedCopies(in folder: String, prefix: String) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where name.hasPrefix(prefix) {
            // The copy and its rollback journal (`-journal`) go together.
            guard let pid = pid_t(name.dropFirst(prefix.count).prefix(while: \.isNumber)) else { continue }
            if pid == getpid() || (kill(pid, 0) != 0 && errno == ESRCH) {
                try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: folder).appendingPathComponent(name).path)
            }
        }
    }

    /// `source` opened read-only after checking that it is a sound Rota database this version can read.
    private static func checkedRestoreSource(_ source: String) throws -> DatabaseQueue {
        guard FileManager.default.fileExists(atPath: source) else {
            throw RecordsError(.notFound, source, "no such file", hint: "give the path of a `rota backup` file")
        }
        var configuration = Configuration()
        configuration.readonly = true
        do {
            let queue = try DatabaseQueue(path: source, configuration: configuration)
            let (isRota, newer, integrity) = try queue.read { db in
                let hasMigrations = try db.tableExists("grdb_migrations") && db.tableExists("staff")
                    && (try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")).contains("v1")
                return (hasMigrations, hasMigrations ? try PracticeSchema.migrator.hasBeenSuperseded(db) : false,
                        try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; "))
            }
            guard isRota else {
                throw RecordsError(.invalid, source, "is an SQLite database, but not a Rota one", hint: "give the path of a `rota backup` file; nothing was changed")
            }
            guard !newer else {
                throw RecordsError(.invalid, source, "was written by a newer version of Rota (its schema has changes this one does not know)",
                    hint: "update Rota to restore it; nothing was changed")
            }
            guard integrity == "ok" else {
                throw RecordsError(.invalid, source, "is damaged (\(integrity))", hint: "use another backup; nothing was changed")
            }
            return queue
        } catch let error as DatabaseError {
            throw RecordsError(.invalid, source, "is not a Rota database (\(error.message ?? "\(error.resultCode)"))",
                hint: "give the path of a `rota backup` file; nothing was changed")
        }
    }
}
