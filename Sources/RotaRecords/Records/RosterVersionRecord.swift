public import GRDB
internal import RotaCore

/// One published roster for a month; publishing again adds version N+1 and leaves the others untouched.
public struct RosterVersionRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "roster_version"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: Int64?
    /// `YYYY-MM`.
    public var month: String
    public var version: Int
    public var publishedAt: String
    public var publishedBy: String
    /// The scenario and roster files it was published from.
    public var source: String
    /// The evaluator's total for the roster against its scenario.
    public var objective: Int
    public var hardViolations: Int

    public init(
        id: Int64? = nil, month: String, version: Int, publishedAt: String, publishedBy: String, source: String,
        objective: Int, hardViolations: Int
    ) {
        self.id = id
        self.month = month
        self.version = version
        self.publishedAt = publishedAt
        self.publishedBy = publishedBy
        self.source = source
        self.objective = objective
        self.hardViolations = hardViolations
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// One shift of a published roster, with what payroll and the staffing report need to know about it.
public struct RosterAssignmentRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "roster_assignment"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var versionId: Int64
    public var staffId: String
    public var date: String
    public var shift: String
    /// Minutes after midnight of `date`.
    public var startMinute: Int
    public var lengthMinutes: Int
    public var paidMinutes: Int
    public var isOnCall: Bool
    public var isHoliday: Bool
    /// The shift type's site and name (nil in versions published before they were stored).
    public var site: String?
    public var shiftName: String?

    public init(
        versionId: Int64, staffId: String, date: String, shift: String, startMinute: Int, lengthMinutes: Int,
        paidMinutes: Int, isOnCall: Bool, isHoliday: Bool, site: String? = nil, shiftName: String? = nil
    ) {
        self.versionId = versionId
        self.staffId = staffId
        self.date = date
        self.shift = shift
        self.startMinute = startMinute
        self.lengthMinutes = lengthMinutes
        self.paidMinutes = paidMinutes
        self.isOnCall = isOnCall
        self.isHoliday = isHoliday
        self.site = site
        self.shiftName = shiftName
    }

    /// Whether the shift is a night shift (see ``ShiftType/isNight``).
    public var isNight: Bool { ShiftType.isNight(start: startMinute, lengthMinutes: lengthMinutes) }
}
