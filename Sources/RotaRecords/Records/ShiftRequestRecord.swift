public import GRDB

/// A person's wish to work (`on`) or not to work (`off`) a shift, or any shift, on each day from `firstDay`
/// to `lastDay`; exported into the month's scenario as weighted requests until withdrawn.
public struct ShiftRequestRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "shift_request"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public enum Wants: String, Codable, Sendable, CaseIterable { case on, off }

    public var id: Int64?
    public var staffId: String
    public var firstDay: String
    public var lastDay: String
    /// The shift type asked for or against; nil for the whole day.
    public var shift: String?
    public var wants: Wants
    /// The cost of not granting it, per day (as a scenario request's `weight`).
    public var weight: Int
    public var reason: String?
    public var requestedAt: String
    public var withdrawnAt: String?

    public var isWithdrawn: Bool { withdrawnAt != nil }

    public init(
        id: Int64? = nil, staffId: String, firstDay: String, lastDay: String, shift: String? = nil, wants: Wants, weight: Int = 1,
        reason: String? = nil, requestedAt: String, withdrawnAt: String? = nil
    ) {
        self.id = id
        self.staffId = staffId
        self.firstDay = firstDay
        self.lastDay = lastDay
        self.shift = shift
        self.wants = wants
        self.weight = weight
        self.reason = reason
        self.requestedAt = requestedAt
        self.withdrawnAt = withdrawnAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
