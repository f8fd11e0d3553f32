import Foundation

/// Patient demand to cover: visits per session, adjustments, providers needed and support ratios.
extension ScenarioNormalizer {
    /// The most visits one session can expect, given or after scaling (the range of `visits`).
    static let maxSessionVisits = 100_000.0

    /// Cover requirements from patient demand, and how each came about (for `--explain-demand`).
    mutating func resolveDemand() {
        derivations = []
        if let demand = s.demand {
            let providers = members(demand.providers, context: "demand.providers")
            let support = demand.support.map { entry in
                (who: entry.who, ratio: entry.perProvider, ofRostered: entry.ofRostered, people: members(entry.who, context: "demand.support"),
                 sessions: entry.sessions.map { Set($0.compactMap { resolve($0, in: shiftIndex, what: "shift type", context: "demand.support") }) })
            }
            var visits: [Int: [Int: Double]] = [:]  // day → shift → visits
            // Demand only ever applies to a session on a day it runs; a figure that can apply to none is reported.
            func runsOn(_ t: Int, _ d: Int) -> Bool { runs.indices.contains(t) && runs[t][d] }
            var demandSessions = Set<Int>()
            for session in demand.byWeekday {
                guard let t = resolve(session.shift, in: shiftIndex, what: "shift type", context: "demand.sessions") else { continue }
                demandSessions.insert(t)
                for (key, v) in session.visits.sorted(by: { $0.key < $1.key }) {
                    let matching = (0..<dayCount).filter { d in
                        holidays[d] != nil ? key == Scenario.Demand.holidays : key == s.start.adding(days: d).weekday
                    }
                    let open = matching.filter { runsOn(t, $0) }
                    for d in open { visits[d, default: [:]][t] = v }
                    if !matching.isEmpty && open.isEmpty && v > 0 {
                        let name = key == Scenario.Demand.holidays ? "public holidays" : CalendarDate.weekdayPlurals[key]
                        reader.warning(
                            at: session.shift.location, "demand for \(session.shift.value) on \(name) does nothing: \(session.shift.value) does not run then",
                            hint: "remove it, or let the shift type run then (`days`, `closed_on_holidays`)")
                    }
                }
            }
            for (date, shift, v) in demand.byDate {
                guard let t = resolve(shift, in: shiftIndex, what: "shift type", context: "demand file"), inHorizon(date) else { continue }
                demandSessions.insert(t)
                if runsOn(t, day(date)) {
                    visits[day(date), default: [:]][t] = v
                } else if v > 0 {
                    reader.warning(at: shift.location, "\(shift.value) does not run on \(date), so this demand does nothing",
                        hint: "remove the row, or let the shift type run then (`days`, `closed_on_holidays`)")
                }
            }
            // Scales multiply; the result stays within the range one session's visits may have.
            var capped: SourceLocation?
            func scaled(_ v: Double, _ factor: Double, at location: SourceLocation) -> Double {
                let result = v * factor
                guard result > Self.maxSessionVisits else { return result }
                capped = capped ?? location
                return Self.maxSessionVisits
            }
            for (d, byShift) in visits { for (t, v) in byShift { visits[d]![t] = scaled(v, demand.scale, at: demand.location) } }
            for adjustment in demand.adjustments {
                let sessions = adjustment.sessions.map { $0.compactMap { resolve($0, in: shiftIndex, what: "shift type", context: "demand.adjust") } }
                let selected = Set(days(adjustment.days)).filter { d in
                    let date = s.start.adding(days: d)
                    return adjustment.from.map { date >= $0 } ?? true && adjustment.to.map { date <= $0 } ?? true
                }
                var changed = 0
                for d in selected.sorted() {
                    // A replacement sets the visits of the sessions named (else of every demand session) that run
                    // that day, demand or not; a scale only changes the visits already there.
                    let shifts = adjustment.visits != nil
                        ? (sessions ?? demandSessions.sorted()).filter { runsOn($0, d) }
                        : (visits[d]?.keys.sorted() ?? []).filter { sessions?.contains($0) ?? true }
                    for t in shifts {
                        if let replacement = adjustment.visits {
                            visits[d, default: [:]][t] = replacement
                        } else if let scale = adjustment.scale, let current = visits[d]?[t] {
                            visits[d]![t] = scaled(current, scale, at: adjustment.location)
                        }
                        changed += 1
                    }
                }
                if changed == 0 {
                    let why = selected.isEmpty
                        ? "none of its days lies in the horizon"
                        : adjustment.visits != nil ? "none of its sessions runs on its days" : "none of its sessions has demand on its days"
                    reader.warning(at: adjustment.location, "this adjustment changes nothing: \(why)",
                        hint: adjustment.visits != nil ? "check `days`, `from`/`to` and `sessions`" : "use `visits:` to give demand to sessions without any")
                }
            }
            if let capped {
                reader.warning(
                    at: capped, "scaled demand exceeds \(Int(Self.maxSessionVisits)) visits in a session; it is counted as \(Int(Self.maxSessionVisits))",
                    hint: "check `scale` and the adjustments' scales")
            }
            for d in visits.keys.sorted() {
                for t in visits[d]!.keys.sorted() {
                    let expected = visits[d]![t]!
                    // Per hour: a session of h hours sees h times the hourly visits.
                    let perSession = demand.visitsPerProviderSession ?? (demand.visitsPerProviderHour ?? 1) * Double(shiftTypes[t].lengthMinutes) / 60
                    let needed = Int((expected / perSession - 1e-9).rounded(.up))
                    guard needed > 0 else { continue }
                    cover.append(
                        CoverRequirement(
                            day: d, shift: t, required: needed, underWeight: demand.underWeight, overWeight: demand.overWeight,
                            staff: providers, group: demand.providers.value))
                    var supportCounts: [(String, Int)] = []
                    for entry in support where !entry.ofRostered && entry.sessions?.contains(t) ?? true {
                        let count = Int((Double(needed) * entry.ratio - 1e-9).rounded(.up))
                        supportCounts.append((entry.who.value, count))
                        if count > 0 {
                            cover.append(
                                CoverRequirement(
                                    day: d, shift: t, required: count, underWeight: demand.underWeight, overWeight: demand.overWeight,
                                    staff: entry.people, group: entry.who.value))
                        }
                    }
                    derivations.append(DemandDerivation(day: d, shift: t, visits: expected, providers: needed, support: supportCounts))
                }
            }
            // Support per provider rostered: on every day each of its sessions (else every session with demand) runs.
            supportRatios = []
            for entry in support where entry.ofRostered && entry.ratio > 0 {
                let (numerator, denominator) = SupportRatio.fraction(entry.ratio)
                for t in (entry.sessions ?? demandSessions).sorted() {
                    for d in 0..<dayCount where runsOn(t, d) {
                        supportRatios.append(SupportRatio(
                            day: d, shift: t, support: entry.people ?? Array(staff.indices), providers: providers ?? Array(staff.indices),
                            numerator: numerator, denominator: denominator, weight: demand.underWeight, group: entry.who.value,
                            providerGroup: demand.providers.value))
                    }
                }
            }
        }
    }
}
