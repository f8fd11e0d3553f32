public import RotaCore

/// Writes a ``RosterProblem`` as the data section of `models/roster.mod`.
///
/// Ids become MathProg symbols when they are plain identifiers, otherwise `s<index>` / `t<index>`, so that
/// GLPK's column names (`x[A,3,D]`) can be mapped back without quoting rules.
public struct ModelData: Sendable {
    public let problem: RosterProblem
    public let staffSymbols: [String]
    public let shiftSymbols: [String]
    public let clashes: ClashTable
    /// Per person, the totals of paid minutes their shifts can add up to; minute limits are written rounded
    /// to them (see ``ReachableMinutes``).
    let reachableMinutes: [ReachableMinutes]

    public init(problem: RosterProblem) {
        self.problem = problem
        let clashes = ClashTable(problem: problem)
        self.clashes = clashes
        reachableMinutes = problem.staff.indices.map { s in
            let limits = problem.staff[s].limits
            let values = [limits.minPaidMinutes, limits.maxPaidMinutes].compactMap { $0 }
                + limits.minuteWindows.flatMap { [$0.minimum, $0.maximum].compactMap { $0 } }
            let lengths = problem.shiftTypes.indices.filter { t in
                (0..<problem.dayCount).contains { clashes.permits(staff: s, day: $0, shift: t) }
            }.map { problem.shiftTypes[$0].paidMinutes }
            return ReachableMinutes(lengths: lengths, upTo: values.max() ?? 0)
        }
        staffSymbols = ModelData.symbols(for: problem.staff.map(\.id), fallbackPrefix: "s")
        shiftSymbols = ModelData.symbols(for: problem.shiftTypes.map(\.id), fallbackPrefix: "t")
    }

    private static let reserved: Set<String> = [
        "and", "by", "cross", "diff", "div", "else", "if", "in", "Infinity", "inter", "less", "mod", "not", "or",
        "symdiff", "then", "union", "within", "data", "end", "set", "param",
    ]

    /// The ids themselves when all are plain, unique identifiers; otherwise `prefix<index>` for every one,
    /// so that a fallback can never collide with a real id.
    static func symbols(for ids: [String], fallbackPrefix: String) -> [String] {
        func isPlain(_ id: String) -> Bool {
            guard let first = id.utf8.first, id.utf8.count <= 60, !reserved.contains(id) else { return false }
            func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A || byte == 0x5F }
            return isLetter(first) && id.utf8.allSatisfy { isLetter($0) || ($0 >= 0x30 && $0 <= 0x39) }
        }
        if Set(ids).count == ids.count && ids.allSatisfy(isPlain) { return ids }
        return ids.indices.map { "\(fallbackPrefix)\($0)" }
    }

    /// The `data; … end;` text.
    public func text() -> String {
        var out = ""
        out.reserveCapacity(1 << 16)
        let p = problem
        out += "/* Rota data for \(p.name.filter { $0 != "*" && $0 != "/" }): \(p.staff.count) staff, \(p.dayCount) days, "
        out += "\(p.shiftTypes.count) shift types */\ndata;\n\n"
        out += "set STAFF := " + staffSymbols.joined(separator: " ") + ";\n"
        out += "set SHIFTS := " + shiftSymbols.joined(separator: " ") + ";\n"
        out += "param nDays := \(p.dayCount);\n"
        out += "param minutes := " + p.shiftTypes.indices.map { "\(shiftSymbols[$0]) \(p.shiftTypes[$0].paidMinutes)" }
            .joined(separator: " ") + ";\n\n"

        out += "set AVAIL :=\n"
        for s in p.staff.indices {
            var items: [String] = []
            for d in 0..<p.dayCount {
                for t in p.shiftTypes.indices where clashes.permits(staff: s, day: d, shift: t) {
                    items.append("\(d) \(shiftSymbols[t])")
                }
            }
            if !items.isEmpty { out += "  (\(staffSymbols[s]),*,*) " + items.joined(separator: " ") + "\n" }
        }
        out += ";\n"
        out += "param maxPerDay := " + p.staff.indices.map { "\(staffSymbols[$0]) \(p.staff[$0].limits.maxShiftsPerDay)" }
            .joined(separator: " ") + ";\n"
        let successions = Set(p.forbiddenSuccessions).sorted { ($0.from, $0.to) < ($1.from, $1.to) }
        out += "set FORBID := " + successions.map { "(\(shiftSymbols[$0.from]),\(shiftSymbols[$0.to]))" }
            .joined(separator: " ") + ";\n"
        // Explicit successions are already in FORBID (aggregated rows for one-shift-a-day people).
        let explicit = Set(successions.map { ClashTable.Clash(first: $0.from, second: $0.to, offset: 1) })
        out += "set CLASH := " + clashes.clashes.filter { !explicit.contains($0) }
            .map { "(\(shiftSymbols[$0.first]),\(shiftSymbols[$0.second]),\($0.offset))" }.joined(separator: " ") + ";\n"
        let pinned = Set(p.pinned).sorted()
        out += "set PINNED := " + pinned.map { "(\(staffSymbols[$0.staff]),\($0.day),\(shiftSymbols[$0.shift]))" }
            .joined(separator: " ") + ";\n\n"

        var countLimits: [String] = []
        for s in p.staff.indices {
            for (t, limit) in p.staff[s].limits.maxShiftsByType.sorted(by: { $0.key < $1.key }) where limit > 0 {
                countLimits.append("\(staffSymbols[s]) \(shiftSymbols[t]) \(limit)")
            }
        }
        out += "set COUNT_LIMITED := " + countLimits.map { "(" + $0.split(separator: " ").prefix(2).joined(separator: ",") + ")" }
            .joined(separator: " ") + ";\n"
        out += "param maxCount := " + countLimits.joined(separator: "  ") + ";\n"
        if let weight = p.minimumMinuteWeight { out += "param minuteWeight := \(weight);\n" }
        writeOptional(&out, set: "MIN_MINUTES", param: "minMinutes") { s in
            problem.staff[s].limits.minPaidMinutes.map(reachableMinutes[s].roundUp)
        }
        if p.minimumMinuteWeight != nil {
            let rounded = p.staff.indices.compactMap { s in
                p.staff[s].limits.minPaidMinutes.flatMap { minimum in
                    reachableMinutes[s].elasticRounding(of: minimum).map { (s, minimum, $0) }
                }
            }
            out += "param minExact :=" + rounded.map { " \(staffSymbols[$0.0]) \($0.1)" }.joined() + ";\n"
            out += "param minFactor :=" + rounded.map { " \(staffSymbols[$0.0]) \($0.2)" }.joined() + ";\n"
        }
        writeOptional(&out, set: "MAX_MINUTES", param: "maxMinutes") { s in
            problem.staff[s].limits.maxPaidMinutes.map(reachableMinutes[s].roundDown)
        }
        writeWindows(&out)
        writeOptional(&out, set: "MAX_CONSEC", param: "maxConsec") { problem.staff[$0].limits.maxConsecutiveWorkingDays }
        let typeRuns = p.staff.indices.flatMap { s in
            p.staff[s].limits.maxConsecutiveByType.sorted { $0.key < $1.key }.map { (s, $0.key, $0.value, p.staff[s].runBefore(of: $0.key)) }
        }
        out += "set TYPE_RUN := " + typeRuns.map { "(\(staffSymbols[$0.0]),\(shiftSymbols[$0.1]))" }.joined(separator: " ") + ";\n"
        out += "param typeRunMax :=" + typeRuns.map { " \(staffSymbols[$0.0]) \(shiftSymbols[$0.1]) \($0.2)" }.joined() + ";\n"
        out += "param typeRunBefore :=" + typeRuns.filter { $0.3 > 0 }.map { " \(staffSymbols[$0.0]) \(shiftSymbols[$0.1]) \($0.3)" }.joined() + ";\n"
        writeDefaulted(&out, param: "workedBefore") { $0.workedBefore > 0 ? $0.workedBefore : nil }
        if p.historyDays > 0 {
            out += "param historyDays := \(p.historyDays);\n"
            writeDefaulted(&out, param: "offBefore") { $0.offBefore > 0 ? $0.offBefore : nil }
        }
        writeDefaulted(&out, param: "minConsec") { $0.limits.minConsecutiveWorkingDays }
        writeDefaulted(&out, param: "minOff") { $0.limits.minConsecutiveDaysOff }
        out += "\nset WEEKENDS := " + p.weekends.indices.map(String.init).joined(separator: " ") + ";\n"
        for (k, days) in p.weekends.enumerated() {
            out += "set WEEKEND_DAYS[\(k)] := " + days.map(String.init).joined(separator: " ") + ";\n"
        }
        writeDefaulted(&out, param: "maxWeekends") { $0.limits.maxWeekends }

        writeCover(&out)
        writeRequests(&out, set: "ON_REQ", param: "onWeight", p.shiftOnRequests)
        writeRequests(&out, set: "OFF_REQ", param: "offWeight", p.shiftOffRequests)
        writeDayRequests(&out, set: "DAY_ON", param: "dayOnWeight", p.dayOnRequests)
        writeDayRequests(&out, set: "DAY_OFF", param: "dayOffWeight", p.dayOffRequests)
        writeSupervision(&out)
        writeFairness(&out)
        writeSupportRatios(&out)
        writeStability(&out)
        out += "\nend;\n"
        return out
    }

    private func writeSupportRatios(_ out: inout String) {
        let p = problem
        guard !p.supportRatios.isEmpty else { return }
        out += "\nset RATIO := " + p.supportRatios.indices.map(String.init).joined(separator: " ") + ";\n"
        out += "param : ratioDay ratioShift ratioNum ratioDen wRatio :=\n"
        for (k, r) in p.supportRatios.enumerated() {
            out += "  \(k) \(r.day) \(shiftSymbols[r.shift]) \(r.numerator) \(r.denominator) \(r.weight)\n"
        }
        out += ";\n"
        for (k, r) in p.supportRatios.enumerated() {
            out += "set RATIO_SUPPORT[\(k)] := " + Set(r.support).sorted().map { staffSymbols[$0] }.joined(separator: " ") + ";\n"
            out += "set RATIO_LEAD[\(k)] := " + Set(r.providers).sorted().map { staffSymbols[$0] }.joined(separator: " ") + ";\n"
        }
    }

    private func writeCover(_ out: inout String) {
        let p = problem
        out += "\nparam hardWeight := \(RosterProblem.hardRuleWeight);\n"
        out += "set COVER := " + p.cover.indices.map(String.init).joined(separator: " ") + ";\n"
        out += "param : coverDay coverShift required wUnder wOver :=\n"
        for (c, r) in p.cover.enumerated() {
            out += "  \(c) \(r.day) \(shiftSymbols[r.shift]) \(r.required) \(r.underWeight) \(r.overWeight)\n"
        }
        out += ";\n"
        for (c, r) in p.cover.enumerated() {
            guard let staff = r.staff else { continue }
            out += "set COVER_STAFF[\(c)] := " + Set(staff).sorted().map { staffSymbols[$0] }.joined(separator: " ") + ";\n"
        }
        for (c, r) in p.cover.enumerated() where !r.alsoCounted.isEmpty {
            out += "set COVER_CELL[\(c)] := " + r.cells.map { "(\($0.day), \(shiftSymbols[$0.shift]))" }.joined(separator: " ") + ";\n"
        }
        let floors = p.cover.indices.filter { p.cover[$0].hardMinimum > 0 }
        out += "set COVER_FLOOR := " + floors.map(String.init).joined(separator: " ") + ";\n"
        out += "param hardMin := " + floors.map { "\($0) \(p.cover[$0].hardMinimum)" }.joined(separator: " ") + ";\n"
        let caps = p.cover.indices.filter { p.cover[$0].hardMaximum != nil }
        out += "set COVER_CAP := " + caps.map(String.init).joined(separator: " ") + ";\n"
        out += "param hardMax := " + caps.map { "\($0) \(p.cover[$0].hardMaximum ?? 0)" }.joined(separator: " ") + ";\n"
        let ranked = p.cover.indices.filter { p.cover[$0].isHard && p.cover[$0].hardWeight != RosterProblem.hardRuleWeight }
        out += "param coverWeight := " + ranked.map { "\($0) \(p.cover[$0].hardWeight)" }.joined(separator: " ") + ";\n"
    }

    private func writeWindows(_ out: inout String) {
        var windows: [(key: String, window: MinuteWindow)] = []
        var exact: [(key: String, minimum: Int, reachable: ReachableMinutes)] = []
        for s in problem.staff.indices {
            let reachable = reachableMinutes[s]
            for (i, window) in problem.staff[s].limits.minuteWindows.enumerated() {
                if let minimum = window.minimum { exact.append(("\(staffSymbols[s]) \(i)", minimum, reachable)) }
                let rounded = MinuteWindow(days: window.days, minimum: window.minimum.map(reachable.roundUp),
                                           maximum: window.maximum.map(reachable.roundDown))
                windows.append(("\(staffSymbols[s]) \(i)", rounded))
            }
        }
        out += "set WINDOWS := " + windows.map { "(" + $0.key.split(separator: " ").joined(separator: ",") + ")" }
            .joined(separator: " ") + ";\n"
        out += "param : winFirst winLast :=" + windows.map { " \($0.key) \($0.window.days.lowerBound) \($0.window.days.upperBound)" }
            .joined() + ";\n"
        let minimums = windows.filter { $0.window.minimum != nil }
        out += "set WINDOW_MIN := " + minimums.map { "(" + $0.key.split(separator: " ").joined(separator: ",") + ")" }
            .joined(separator: " ") + ";\n"
        out += "param winMin :=" + minimums.map { " \($0.key) \($0.window.minimum ?? 0)" }.joined() + ";\n"
        if problem.minimumMinuteWeight != nil {
            let rounded = exact.compactMap { key, minimum, reachable in reachable.elasticRounding(of: minimum).map { (key, minimum, $0) } }
            out += "param winExact :=" + rounded.map { " \($0.0) \($0.1)" }.joined() + ";\n"
            out += "param winFactor :=" + rounded.map { " \($0.0) \($0.2)" }.joined() + ";\n"
        }
        let maximums = windows.filter { $0.window.maximum != nil }
        out += "set WINDOW_MAX := " + maximums.map { "(" + $0.key.split(separator: " ").joined(separator: ",") + ")" }
            .joined(separator: " ") + ";\n"
        out += "param winMax :=" + maximums.map { " \($0.key) \($0.window.maximum ?? 0)" }.joined() + ";\n"
    }

    private func writeDayRequests(_ out: inout String, set: String, param: String, _ requests: [DayRequest]) {
        var weights: [DayShift: Int] = [:]
        for request in requests { weights[DayShift(day: request.day, shift: request.staff), default: 0] += request.weight }
        let keys = weights.keys.sorted { ($0.shift, $0.day) < ($1.shift, $1.day) }
        out += "set \(set) := " + keys.map { "(\(staffSymbols[$0.shift]),\($0.day))" }.joined(separator: " ") + ";\n"
        out += "param \(param) :=" + keys.map { " \(staffSymbols[$0.shift]) \($0.day) \(weights[$0] ?? 0)" }.joined() + ";\n"
    }

    private func writeSupervision(_ out: inout String) {
        let rules = problem.supervision
        out += "\nset SUPERVISION := " + rules.indices.map(String.init).joined(separator: " ") + ";\n"
        out += "param supShift :=" + rules.enumerated().map { " \($0.offset) \(shiftSymbols[$0.element.shift])" }.joined() + ";\n"
        for (k, rule) in rules.enumerated() {
            out += "set SUPERVISED[\(k)] := " + Set(rule.supervised).sorted().map { staffSymbols[$0] }.joined(separator: " ") + ";\n"
            out += "set SUPERVISORS[\(k)] := " + Set(rule.supervisors).sorted().map { staffSymbols[$0] }.joined(separator: " ") + ";\n"
            out += "set SUPERVISING[\(k)] := " + Set(rule.supervisingShifts).sorted().map { shiftSymbols[$0] }.joined(separator: " ") + ";\n"
        }
        out += "param supWeight :=" + rules.enumerated().filter { $0.element.hardWeight != RosterProblem.hardRuleWeight }
            .map { " \($0.offset) \($0.element.hardWeight)" }.joined() + ";\n"
    }

    private func writeFairness(_ out: inout String) {
        let rules = problem.fairness
        out += "\nset FAIR := " + rules.indices.map(String.init).joined(separator: " ") + ";\n"
        out += "param fairWeight :=" + rules.enumerated().map { " \($0.offset) \($0.element.weight)" }.joined() + ";\n"
        var shares: [String] = []
        for (k, rule) in rules.enumerated() {
            out += "set FAIR_SHIFTS[\(k)] := " + Set(rule.shifts).sorted().map { shiftSymbols[$0] }.joined(separator: " ") + ";\n"
            if let days = rule.days {
                out += "set FAIR_DAYS[\(k)] := " + Set(days).sorted().map(String.init).joined(separator: " ") + ";\n"
            }
            var seen = Set<Int>()
            for share in rule.shares where seen.insert(share.staff).inserted {
                shares.append("\(k) \(staffSymbols[share.staff]) \(share.low) \(share.high)")
            }
        }
        out += "set FAIR_SHARE := " + shares.map { "(" + $0.split(separator: " ").prefix(2).joined(separator: ",") + ")" }
            .joined(separator: " ") + ";\n"
        out += "param : fairLow fairHigh :=" + shares.map { " " + $0 }.joined() + ";\n"
    }

    private func writeOptional(_ out: inout String, set: String, param: String, _ value: (_ staff: Int) -> Int?) {
        let entries = problem.staff.indices.compactMap { s in value(s).map { (s, $0) } }
        out += "set \(set) := " + entries.map { staffSymbols[$0.0] }.joined(separator: " ") + ";\n"
        out += "param \(param) := " + entries.map { "\(staffSymbols[$0.0]) \($0.1)" }.joined(separator: " ") + ";\n"
    }

    private func writeDefaulted(_ out: inout String, param: String, _ value: (StaffMember) -> Int?) {
        let entries = problem.staff.indices.compactMap { s in value(problem.staff[s]).map { (s, $0) } }
        out += "param \(param) := " + entries.map { "\(staffSymbols[$0.0]) \($0.1)" }.joined(separator: " ") + ";\n"
    }

    private func writeStability(_ out: inout String) {
        guard let stability = problem.stability else {
            out += "\nset KEEP := ;\n"
            return
        }
        func key(_ a: Assignment) -> String { "\(staffSymbols[a.staff]),\(a.day),\(shiftSymbols[a.shift])" }
        out += "\nparam stable := 1;\n"
        out += "set KEEP :=\n" + stability.reference.sorted().map { "  (\(key($0)))\n" }.joined() + ";\n"
        out += "param changeWeight :=\n" + (0..<problem.dayCount).filter { stability.weight(on: $0) > 0 }
            .map { "  \($0) \(stability.weight(on: $0))\n" }.joined() + ";\n"
    }

    private func writeRequests(_ out: inout String, set: String, param: String, _ requests: [ShiftRequest]) {
        // The same request twice is one request of the summed weight (a set may not repeat an element).
        var weights: [Assignment: Int] = [:]
        for request in requests {
            weights[Assignment(staff: request.staff, day: request.day, shift: request.shift), default: 0] += request.weight
        }
        let keys = weights.keys.sorted()
        func key(_ a: Assignment) -> String { "\(staffSymbols[a.staff]),\(a.day),\(shiftSymbols[a.shift])" }
        out += "\nset \(set) :=\n" + keys.map { "  (\(key($0)))\n" }.joined() + ";\n"
        out += "param \(param) :=\n" + keys.map { "  \(key($0).replacingOccurrences(of: ",", with: " ")) \(weights[$0]!)\n" }
            .joined() + ";\n"
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
