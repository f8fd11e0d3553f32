public import GRDB

/// A request for leave, whole days from `firstDay` to `lastDay` inclusive. Approved leave is hard in the
/// roster; a pending request becomes a weighted day-off request.
public struct LeaveRequestRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "leave_request"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public enum Status: String, Codable, Sendable, CaseIterable { case pending, approved, denied }
    /// Kinds of leave; only `annual` is drawn from the leave balance.
    public static let kinds = ["annual", "sick", "conference", "parental", "training", "unpaid", "other"]

    public var id: Int64?
    public var staffId: String
    public var kind: String
    public var firstDay: String
    public var lastDay: String
    public var status: Status
    public var reason: String?
    public var requestedAt: String
    public var decidedBy: String?
    public var decidedAt: String?
    public var decisionNote: String?

    public init(
        id: Int64? = nil, staffId: String, kind: String, firstDay: String, lastDay: String, status: Status = .pending,
        reason: String? = nil, requestedAt: String, decidedBy: String? = nil, decidedAt: String? = nil,
        decisionNote: String? = nil
    ) {
        self.id = id
        self.staffId = staffId
        self.kind = kind
        self.firstDay = firstDay
        self.lastDay = lastDay
        self.status = status
        self.reason = reason
        self.requestedAt = requestedAt
        self.decidedBy = decidedBy
        self.decidedAt = decidedAt
        self.decisionNote = decisionNote
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// Leave days carried into a year from the one before; accrual during the year comes from the contract.
public struct LeaveCarryOverRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "leave_balance"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var staffId: String
    public var year: Int
    public var carriedOverDays: Double

    public init(staffId: String, year: Int, carriedOverDays: Double) {
        self.staffId = staffId
        self.year = year
        self.carriedOverDays = carriedOverDays
    }
}
