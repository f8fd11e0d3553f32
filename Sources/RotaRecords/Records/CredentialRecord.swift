public import GRDB

/// A licence or certificate a person holds; shifts may require a kind, and it stops counting on `expires`.
public struct CredentialRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "credential"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: Int64?
    public var staffId: String
    public var kind: String
    public var number: String?
    public var issued: String?
    /// The first day the credential is no longer valid; nil when it never expires.
    public var expires: String?

    public init(id: Int64? = nil, staffId: String, kind: String, number: String? = nil, issued: String? = nil, expires: String? = nil) {
        self.id = id
        self.staffId = staffId
        self.kind = kind
        self.number = number
        self.issued = issued
        self.expires = expires
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
