public import GRDB

/// A person employed by the practice. People are deactivated (with an employment end and a reason), so
/// published rosters and the audit log keep pointing at them; only a record nothing refers to yet (a typo)
/// can be removed.
public struct StaffRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "staff"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: String
    public var name: String
    public var role: String
    public var fte: Double
    public var contractId: String
    public var skills: [String]
    /// Sites the person works at; empty means every site.
    public var sites: [String]
    public var employmentStart: String
    public var employmentEnd: String?
    public var isActive: Bool
    public var phone: String?
    /// Where calendar feeds and notices go.
    public var email: String?
    /// Why employment ended (set by `staff deactivate`).
    public var deactivationReason: String?

    public init(
        id: String, name: String, role: String, fte: Double, contractId: String, skills: [String] = [],
        sites: [String] = [], employmentStart: String, employmentEnd: String? = nil, isActive: Bool = true,
        phone: String? = nil, email: String? = nil, deactivationReason: String? = nil
    ) {
        self.id = id
        self.name = name
        self.role = role
        self.fte = fte
        self.contractId = contractId
        self.skills = skills
        self.sites = sites
        self.employmentStart = employmentStart
        self.employmentEnd = employmentEnd
        self.isActive = isActive
        self.phone = phone
        self.email = email
        self.deactivationReason = deactivationReason
    }
}
