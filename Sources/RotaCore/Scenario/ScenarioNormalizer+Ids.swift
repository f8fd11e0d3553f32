import Foundation

/// Ids and references: the indexes every other step resolves names against, the groups, and the holidays in the horizon.
extension ScenarioNormalizer {
    /// Indexes every id (reporting duplicates), checks role references in roles and groups, and places the holidays.
    mutating func resolveIds() {
        siteIndex = index(s.sites.map(\.id), what: "site")
        roleIndex = index(s.roles.map(\.id), what: "role")
        _ = index(s.groups.map(\.id), what: "group")  // reports duplicate group names
        skillIndex = index(s.skills, what: "skill")
        credentialIndex = index(s.credentials, what: "credential")
        shiftIndex = index(s.shiftTypes.map(\.id), what: "shift type")
        contractIndex = index(s.contracts.map(\.id), what: "contract")
        staffIndex = index(s.staff.map(\.id), what: "staff member")
        for entry in s.skillCredentials {
            _ = resolve(entry.skill, in: skillIndex, what: "skill", context: "skill_credentials")
            for credential in entry.credentials { _ = resolve(credential, in: credentialIndex, what: "credential", context: "skill_credentials") }
        }
        for role in s.roles { for other in role.supervisedBy { _ = resolve(other, in: roleIndex, what: "role", context: "role `\(role.id.value)`") } }
        groupRoles = [:]
        for group in s.groups {
            if roleIndex[group.id.value] != nil {
                reader.error(at: group.id.location, "group `\(group.id.value)` has the name of a role", hint: "give the group another name")
            }
            groupRoles[group.id.value] = Set(group.roles.compactMap { resolve($0, in: roleIndex, what: "role", context: "group `\(group.id.value)`") != nil ? $0.value : nil })
        }
        holidays = [:]
        for holiday in s.holidays where inHorizon(holiday.date.value) { holidays[day(holiday.date.value)] = holiday.name }
    }
}
