public import RotaCore

/// Writes a ``RosterProblem`` as the data section of `models/roster.mod`.
///
/// Ids become MathProg symbols when they are plain identifiers, otherwise `s<index>` / `t<index>`, so that
/// GLPK's column names (`x[A,3,D]`) can be mapped back without quoting rules.
public struct ModelData: Sendable {
    public let problem: RosterProblem
    public let staffSymbols: [String]
    public let shiftSymbols: [String]

    public init(problem: RosterProblem) {
        self.problem = problem
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
                for t in p.shiftTypes.indices where p.isPermitted(staff: s, day: d, shift: t) {
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
        writeOptional(&out, set: "MIN_MINUTES", param: "minMinutes") { $0.limits.minPaidMinutes }
        writeOptional(&out, set: "MAX_MINUTES", param: "maxMinutes") { $0.limits.maxPaidMinutes }
        writeOptional(&out, set: "MAX_CONSEC", param: "maxConsec") { $0.limits.maxConsecutiveWorkingDays }
        writeDefaulted(&out, param: "workedBefore") { $0.workedBefore > 0 ? $0.workedBefore : nil }
        writeDefaulted(&out, param: "minConsec") { $0.limits.minConsecutiveWorkingDays }
        writeDefaulted(&out, param: "minOff") { $0.limits.minConsecutiveDaysOff }
        out += "\nset WEEKENDS := " + p.weekends.indices.map(String.init).joined(separator: " ") + ";\n"
        for (k, days) in p.weekends.enumerated() {
            out += "set WEEKEND_DAYS[\(k)] := " + days.map(String.init).joined(separator: " ") + ";\n"
        }
        writeDefaulted(&out, param: "maxWeekends") { $0.limits.maxWeekends }

        out += "\nset COVER :=\n"
        for c in p.cover { out += "  (\(c.day),\(shiftSymbols[c.shift]))\n" }
        out += ";\nparam : required wUnder wOver :=\n"
        for c in p.cover {
            out += "  \(c.day) \(shiftSymbols[c.shift]) \(c.required) \(c.underWeight) \(c.overWeight)\n"
        }
        out += ";\n"
        writeRequests(&out, set: "ON_REQ", param: "onWeight", p.shiftOnRequests)
        writeRequests(&out, set: "OFF_REQ", param: "offWeight", p.shiftOffRequests)
        out += "\nend;\n"
        return out
    }

    private func writeOptional(_ out: inout String, set: String, param: String, _ value: (StaffMember) -> Int?) {
        let entries = problem.staff.indices.compactMap { s in value(problem.staff[s]).map { (s, $0) } }
        out += "set \(set) := " + entries.map { staffSymbols[$0.0] }.joined(separator: " ") + ";\n"
        out += "param \(param) := " + entries.map { "\(staffSymbols[$0.0]) \($0.1)" }.joined(separator: " ") + ";\n"
    }

    private func writeDefaulted(_ out: inout String, param: String, _ value: (StaffMember) -> Int?) {
        let entries = problem.staff.indices.compactMap { s in value(problem.staff[s]).map { (s, $0) } }
        out += "param \(param) := " + entries.map { "\(staffSymbols[$0.0]) \($0.1)" }.joined(separator: " ") + ";\n"
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
