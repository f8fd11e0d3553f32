import Foundation

/// Shift types and forbidden successions.
extension ScenarioNormalizer {
    /// Shift types, with their references checked, and forbidden successions.
    mutating func resolveShiftTypes() {
        // Shift types.
        shiftTypes = []
        for spec in s.shiftTypes {
            if let site = spec.site { _ = resolve(site, in: siteIndex, what: "site", context: "shift type `\(spec.id.value)`") }
            for role in spec.roles ?? [] { _ = resolve(role, in: roleIndex, what: "role", context: "shift type `\(spec.id.value)`") }
            for skill in spec.skills { _ = resolve(skill, in: skillIndex, what: "skill", context: "shift type `\(spec.id.value)`") }
            for credential in spec.credentials { _ = resolve(credential, in: credentialIndex, what: "credential", context: "shift type `\(spec.id.value)`") }
            for entry in spec.roleCredentials {
                if roleIndex[entry.who.value] == nil && groupRoles[entry.who.value] == nil {
                    let suggestion = closest(to: entry.who.value, in: Array(roleIndex.keys) + Array(groupRoles.keys))
                    reader.error(at: entry.who.location, "shift type `\(spec.id.value)` has role_credentials for `\(entry.who.value)`, which is no role or group",
                        hint: suggestion.map { "did you mean `\($0)`?" } ?? "use a role or a group from `groups`")
                }
                for credential in entry.credentials {
                    _ = resolve(credential, in: credentialIndex, what: "credential", context: "shift type `\(spec.id.value)`")
                }
            }
            var shift = ShiftType(
                id: spec.id.value, lengthMinutes: spec.length, paidMinutes: spec.paid, start: spec.start, isOnCall: spec.onCall,
                site: spec.site?.value, name: spec.name)
            shift.symbol = spec.symbol
            if let symbol = spec.symbol, ShiftType.gridMarkers.contains(symbol) {
                reader.error(at: spec.id.location, "symbol `\(symbol)` is one of the roster grid's own marks (L leave, H public holiday, x credential expired, . off, - day off)",
                    hint: "choose another symbol")
            } else if let symbol = spec.symbol, let other = s.shiftTypes.first(where: { $0.id.value != spec.id.value && $0.symbol == symbol }) {
                reader.error(at: spec.id.location, "symbol `\(symbol)` is also the symbol of `\(other.id.value)`", hint: "give each shift type its own symbol")
            }
            if let symbol = spec.symbol, symbol.count > 2 {
                reader.warning(at: spec.id.location, "symbol `\(symbol)` is long; grids show one or two characters best")
            }
            shiftTypes.append(shift)
        }
        successions = []
        for (from, to) in s.forbiddenSuccessions {
            if let a = resolve(from, in: shiftIndex, what: "shift type", context: "forbidden succession"),
                let b = resolve(to, in: shiftIndex, what: "shift type", context: "forbidden succession")
            {
                successions.append(ShiftSuccession(from: a, to: b))
            }
        }
        // A shift type with the next day off forbids every shift type the day after (the model, the search
        // and the evaluator all take it as forbidden successions, history's last day included).
        for spec in s.shiftTypes where spec.nextDayOff {
            guard let from = shiftIndex[spec.id.value] else { continue }
            for to in shiftTypes.indices where !successions.contains(ShiftSuccession(from: from, to: to)) {
                successions.append(ShiftSuccession(from: from, to: to))
            }
        }
    }
}
