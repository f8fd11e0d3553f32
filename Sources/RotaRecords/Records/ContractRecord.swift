public import GRDB

/// A named employment contract shared by staff: hours, working-time limits and the annual leave it accrues.
public struct ContractRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "contract"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: String
    /// Hours per week at 1.0 FTE.
    public var weeklyHours: Double
    /// Paid hours over the horizon as fractions of the FTE-scaled contract hours (e.g. 0.6…1.15).
    public var hoursLow: Double?
    public var hoursHigh: Double?
    public var minHoursPerWeek: Double?
    public var maxHoursPerWeek: Double?
    public var maxShiftsPerDay: Int?
    public var maxConsecutiveDays: Int?
    public var minConsecutiveDays: Int?
    public var minConsecutiveDaysOff: Int?
    public var maxWeekends: Int?
    /// Most shifts of a type over a horizon, by shift type id.
    public var maxShifts: [String: Int]
    /// Annual leave days a year at 1.0 FTE, accrued in twelve equal monthly parts.
    public var annualLeaveDays: Double

    public init(
        id: String, weeklyHours: Double, hoursLow: Double? = nil, hoursHigh: Double? = nil,
        minHoursPerWeek: Double? = nil, maxHoursPerWeek: Double? = nil, maxShiftsPerDay: Int? = nil,
        maxConsecutiveDays: Int? = nil, minConsecutiveDays: Int? = nil, minConsecutiveDaysOff: Int? = nil,
        maxWeekends: Int? = nil, maxShifts: [String: Int] = [:], annualLeaveDays: Double = 0
    ) {
        self.id = id
        self.weeklyHours = weeklyHours
        self.hoursLow = hoursLow
        self.hoursHigh = hoursHigh
        self.minHoursPerWeek = minHoursPerWeek
        self.maxHoursPerWeek = maxHoursPerWeek
        self.maxShiftsPerDay = maxShiftsPerDay
        self.maxConsecutiveDays = maxConsecutiveDays
        self.minConsecutiveDays = minConsecutiveDays
        self.minConsecutiveDaysOff = minConsecutiveDaysOff
        self.maxWeekends = maxWeekends
        self.maxShifts = maxShifts
        self.annualLeaveDays = annualLeaveDays
    }
}
