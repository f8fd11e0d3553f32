import Foundation

/// Supervision rules from roles supervised by others.
extension ScenarioNormalizer {
    /// A supervision rule for each shift type a supervised role may work.
    mutating func resolveSupervision() {
        // Supervision: a role supervised by others needs one of them working at the same time that day: on a
        // shift at the same site, on an on-call shift, or (for a shift without a site) on any shift.
        supervision = []
        for role in s.roles where !role.supervisedBy.isEmpty {
            let supervised = s.staff.indices.filter { s.staff[$0].role.value == role.id.value }
            let supervisorRoles = Set(role.supervisedBy.map(\.value))
            let supervisors = s.staff.indices.filter { supervisorRoles.contains(s.staff[$0].role.value) }
            guard !supervised.isEmpty else { continue }
            for (t, shift) in shiftTypes.enumerated() {
                guard let interval = shift.interval(onDay: 0), !shift.isOnCall else { continue }
                guard supervised.contains(where: { p in (0..<dayCount).contains { staff[p].blocked[DayShift(day: $0, shift: t)] == nil } }) else { continue }
                let covering = shiftTypes.indices.filter { other in
                    guard let span = shiftTypes[other].interval(onDay: 0), span.overlaps(interval) else { return false }
                    // A session at a site needs its supervisor at that site or on call; one without a site
                    // (telehealth) can be supervised from anywhere.
                    return shiftTypes[other].isOnCall || shift.site == nil || shiftTypes[other].site == shift.site
                }
                supervision.append(
                    SupervisionRule(
                        shift: t, supervised: supervised, supervisors: supervisors, supervisingShifts: covering,
                        label: "\(role.id.value) on \(shift.id) needs \(role.supervisedBy.map(\.value).joined(separator: " or ")) in the session or on call"))
            }
        }
    }
}
