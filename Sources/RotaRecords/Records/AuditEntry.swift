public import GRDB

/// One row of the append-only audit log: what changed, its value before and after (JSON), who, when.
public struct AuditEntry: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "audit"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: Int64?
    /// ISO 8601 UTC instant.
    public var at: String
    public var actor: String
    /// e.g. `staff add`, `leave approve`.
    public var action: String
    public var tableName: String
    public var rowKey: String
    public var before: String?
    public var after: String?

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
