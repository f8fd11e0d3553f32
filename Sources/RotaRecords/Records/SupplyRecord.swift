public import GRDB

/// A consumable kept in stock, reordered when `onHand` falls to `reorderPoint`.
public struct SupplyRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "supply"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: String
    public var name: String
    public var unit: String
    public var site: String?
    public var onHand: Double
    public var reorderPoint: Double
    public var reorderQuantity: Double

    public init(
        id: String, name: String, unit: String, site: String? = nil, onHand: Double, reorderPoint: Double,
        reorderQuantity: Double
    ) {
        self.id = id
        self.name = name
        self.unit = unit
        self.site = site
        self.onHand = onHand
        self.reorderPoint = reorderPoint
        self.reorderQuantity = reorderQuantity
    }
}

/// A stock movement: use (negative change) or a delivery received (positive).
public struct SupplyMovementRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "supply_movement"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: Int64?
    public var supplyId: String
    public var date: String
    public var change: Double
    public var kind: String
    public var note: String?
    /// The lot the stock came from or went to, when it was kept by lot.
    public var lotId: Int64?

    public init(
        id: Int64? = nil, supplyId: String, date: String, change: Double, kind: String, note: String? = nil, lotId: Int64? = nil
    ) {
        self.id = id
        self.supplyId = supplyId
        self.date = date
        self.change = change
        self.kind = kind
        self.note = note
        self.lotId = lotId
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A delivery kept apart by its lot number, with the date it expires (vaccines, drugs, test kits). Use draws
/// from the lot that expires first; stock received without a lot is drawn after every usable lot.
public struct SupplyLotRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "supply_lot"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: Int64?
    public var supplyId: String
    public var lot: String
    /// The first day it may no longer be used; nil when it does not expire.
    public var expires: String?
    public var received: String
    public var onHand: Double

    public init(id: Int64? = nil, supplyId: String, lot: String, expires: String?, received: String, onHand: Double) {
        self.id = id
        self.supplyId = supplyId
        self.lot = lot
        self.expires = expires
        self.received = received
        self.onHand = onHand
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
