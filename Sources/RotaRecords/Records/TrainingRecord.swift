public import GRDB

/// A completed course (e.g. basic life support), valid until a date when it must be repeated.
public struct TrainingRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "training"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: Int64?
    public var staffId: String
    public var course: String
    public var completed: String
    public var validUntil: String?

    public init(id: Int64? = nil, staffId: String, course: String, completed: String, validUntil: String? = nil) {
        self.id = id
        self.staffId = staffId
        self.course = course
        self.completed = completed
        self.validUntil = validUntil
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
