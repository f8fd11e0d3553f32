internal import Foundation
internal import GRDB

extension PracticeDatabase {
    static let practiceFileSetting = "practice_file"

    /// The practice file the records are checked against (an absolute path), if one was stored.
    public func storedPracticeFile() throws -> String? {
        try read { db in
            try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = ?", arguments: [Self.practiceFileSetting])
        }
    }

    /// Stores the practice file whose sites, roles, skills, credential kinds and shift types every later record
    /// is checked against (and that `scenario export` uses when given no --practice). The file is read now,
    /// so a path that does not hold a practice file is refused; the path is kept, not the contents, so edits
    /// to the file count from the next command on.
    @discardableResult
    public func storePracticeFile(_ path: String) throws -> PracticeVocabulary {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        let vocabulary = try PracticeVocabulary(contentsOf: absolute)
        try change("practice set") { log in
            let before = try String.fetchOne(
                log.db, sql: "SELECT value FROM setting WHERE key = ?", arguments: [Self.practiceFileSetting])
            try log.db.execute(
                sql: "INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                arguments: [Self.practiceFileSetting, absolute])
            try log.audit(table: "setting", key: Self.practiceFileSetting, before: before, after: absolute)
        }
        return vocabulary
    }

    /// The ids to check records against: `override`'s when given, else the stored practice file's, else nil
    /// (nothing to check against).
    public func vocabulary(override: String?) throws -> PracticeVocabulary? {
        if let override { return try PracticeVocabulary(contentsOf: override) }
        guard let stored = try storedPracticeFile() else { return nil }
        do {
            return try PracticeVocabulary(contentsOf: stored)
        } catch var error as RecordsError {
            error.hint = "the practice file stored with `rota practice set` is gone or broken; store it again, or pass --practice FILE"
            throw error
        }
    }
}
