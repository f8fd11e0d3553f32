public import GRDB

/// A piece of equipment in the register, serviced every `serviceIntervalDays`.
public struct AssetRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "asset"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: String
    public var name: String
    public var site: String?
    public var serviceIntervalDays: Int
    public var lastService: String?
    public var serial: String?
    public var vendor: String?

    public init(
        id: String, name: String, site: String? = nil, serviceIntervalDays: Int, lastService: String? = nil,
        serial: String? = nil, vendor: String? = nil
    ) {
        self.id = id
        self.name = name
        self.site = site
        self.serviceIntervalDays = serviceIntervalDays
        self.lastService = lastService
        self.serial = serial
        self.vendor = vendor
    }
}

/// One service of an asset (the register keeps every one, the asset row only the last date).
public struct AssetServiceRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "asset_service"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: Int64?
    public var assetId: String
    public var date: String
    public var note: String?

    public init(id: Int64? = nil, assetId: String, date: String, note: String? = nil) {
        self.id = id
        self.assetId = assetId
        self.date = date
        self.note = note
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
