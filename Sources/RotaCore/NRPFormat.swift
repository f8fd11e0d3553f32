import Foundation

/// Reads the Curtois & Qu employee shift scheduling benchmark format ("NRP" instances) into a
/// ``RosterProblem``. Day 0 is a Monday; weekend k is days 7k+5 and 7k+6.
public enum NRPFormat {
    /// Whether `path` is a benchmark instance by its name (`.txt`) or its first lines (a `SECTION_` header).
    public static func looksLikeInstance(path: String) -> Bool {
        if path.hasSuffix(".txt") { return true }
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = String(decoding: handle.readData(ofLength: 4096), as: UTF8.self)
        return head.contains("SECTION_HORIZON") || head.contains("SECTION_SHIFTS")
    }

    public static func read(path: String) throws -> RosterProblem {
        let text = try TextFile.read(path)
        let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        return try parse(text, file: path, name: name)
    }

    public static func parse(_ text: String, file: String = "<input>", name: String = "instance") throws -> RosterProblem {
        var parser = Parser(file: file)
        return try parser.parse(text, name: name)
    }

    /// The benchmark's solution format: `employee,day,shift` per assignment, day 0-based.
    public static func solutionCSV(_ roster: Roster, problem: RosterProblem) -> String {
        var lines = ["# employee,day,shift"]
        for assignment in roster.assignments {
            lines.append(
                "\(problem.staff[assignment.staff].id),\(assignment.day),\(problem.shiftTypes[assignment.shift].id)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Reads a roster in the benchmark's solution format.
    public static func readSolution(_ text: String, problem: RosterProblem, file: String = "<roster>") throws -> Roster {
        var assignments: [Assignment] = []
        for (offset, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isLineBreak).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard fields.count == 3, let staff = problem.staffIndex(id: fields[0]), let day = Int(fields[1]),
                let shift = problem.shiftIndex(id: fields[2])
            else {
                throw FileLineError(
                    file: file, line: offset + 1, message: "expected employee,day,shift with known ids, got `\(line)`",
                    hint: nil)
            }
            assignments.append(Assignment(staff: staff, day: day, shift: shift))
        }
        return Roster(assignments)
    }
}

private struct Parser {
    let file: String
    var lineNumber = 0

    init(file: String) { self.file = file }

    func fail(_ message: String, hint: String? = nil) -> FileLineError {
        FileLineError(file: file, line: lineNumber, message: message, hint: hint)
    }

    /// A whole number in `range` (every number of the format has one, so that nothing downstream overflows
    /// or allocates without bound); the message shows at most 20 characters of what was found.
    func integer(_ field: String, _ what: String, _ range: ClosedRange<Int>) throws -> Int {
        let shown = field.count > 20 ? String(field.prefix(20)) + "…" : field
        guard let value = Int(field.trimmingCharacters(in: .whitespaces)), range.contains(value) else {
            throw fail("\(what) must be a whole number from \(range.lowerBound) to \(range.upperBound), got `\(shown)`")
        }
        return value
    }

    /// The ranges of the format's numbers.
    static let days = 1...3660, minutes = 1...2880, totalMinutes = 0...10_000_000, counts = 0...3660, weights = 0...1_000_000
    /// The largest model read: people × days × shift types.
    static let cellLimit = 5_000_000

    mutating func parse(_ text: String, name: String) throws -> RosterProblem {
        let knownSections = [
            "SECTION_HORIZON", "SECTION_SHIFTS", "SECTION_STAFF", "SECTION_DAYS_OFF", "SECTION_SHIFT_ON_REQUESTS",
            "SECTION_SHIFT_OFF_REQUESTS", "SECTION_COVER",
        ]
        var section: String?
        var seenSections = Set<String>()
        var horizon: Int?
        struct RawShift { var id: String; var length: Int; var forbidden: [String]; var line: Int }
        struct RawStaff { var id: String; var fields: [String]; var line: Int }
        var shifts: [RawShift] = []
        var staffRows: [RawStaff] = []
        var rows: [String: [(fields: [String], line: Int)]] = [:]
        // A missing or empty section is reported at its header, or at line 1 when there is none.
        var sectionLines: [String: Int] = [:]

        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isLineBreak) {
            lineNumber += 1
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("SECTION_") {
                guard knownSections.contains(line) else {
                    throw fail("unknown section `\(line)`", hint: "sections are " + knownSections.joined(separator: ", "))
                }
                guard seenSections.insert(line).inserted else { throw fail("section `\(line)` appears twice") }
                section = line
                sectionLines[line] = lineNumber
                continue
            }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            switch section {
            case nil:
                throw fail("data before the first section", hint: "start with SECTION_HORIZON")
            case "SECTION_HORIZON":
                guard horizon == nil else { throw fail("the horizon is given twice") }
                horizon = try integer(line, "the horizon length", Self.days)
            case "SECTION_SHIFTS":
                guard fields.count >= 2, !fields[0].isEmpty else {
                    throw fail("expected `ShiftID, Length in mins, Forbidden|Successors`, got `\(line)`")
                }
                let forbidden = fields.count > 2 ? fields[2].split(separator: "|").map(String.init) : []
                shifts.append(
                    RawShift(
                        id: fields[0], length: try integer(fields[1], "shift length", Self.minutes),
                        forbidden: forbidden, line: lineNumber))
            case "SECTION_STAFF":
                guard fields.count == 8 else {
                    throw fail(
                        "expected 8 fields (ID, MaxShifts, MaxTotalMinutes, MinTotalMinutes, MaxConsecutiveShifts, "
                            + "MinConsecutiveShifts, MinConsecutiveDaysOff, MaxWeekends), got \(fields.count)")
                }
                staffRows.append(RawStaff(id: fields[0], fields: fields, line: lineNumber))
            default:
                rows[section!, default: []].append((fields, lineNumber))
            }
        }
        lineNumber = sectionLines["SECTION_HORIZON"] ?? 1
        guard let dayCount = horizon else { throw fail("no SECTION_HORIZON", hint: "add the horizon length in days") }
        lineNumber = sectionLines["SECTION_SHIFTS"] ?? 1
        guard !shifts.isEmpty else { throw fail("no shifts in SECTION_SHIFTS") }
        lineNumber = sectionLines["SECTION_STAFF"] ?? 1
        guard !staffRows.isEmpty else { throw fail("no staff in SECTION_STAFF") }
        guard staffRows.count * dayCount * shifts.count <= Self.cellLimit else {
            lineNumber = staffRows[staffRows.count - 1].line
            throw fail("\(staffRows.count) employees × \(dayCount) days × \(shifts.count) shifts is too large to roster (at most \(Self.cellLimit) cells)")
        }

        var shiftIndex: [String: Int] = [:]
        for (index, shift) in shifts.enumerated() {
            lineNumber = shift.line
            guard shiftIndex.updateValue(index, forKey: shift.id) == nil else {
                throw fail("shift `\(shift.id)` is defined twice")
            }
        }
        func resolveShift(_ id: String) throws -> Int {
            guard let index = shiftIndex[id] else {
                throw fail("unknown shift `\(id)`", hint: "shifts are " + shifts.map(\.id).joined(separator: ", "))
            }
            return index
        }
        var successions: [ShiftSuccession] = []
        for (index, shift) in shifts.enumerated() {
            lineNumber = shift.line
            for next in shift.forbidden where !next.isEmpty {
                successions.append(ShiftSuccession(from: index, to: try resolveShift(next)))
            }
        }

        var staffIndex: [String: Int] = [:]
        var staff: [StaffMember] = []
        for row in staffRows {
            lineNumber = row.line
            guard staffIndex.updateValue(staff.count, forKey: row.id) == nil else {
                throw fail("employee `\(row.id)` is defined twice")
            }
            var limits = WorkLimits()
            for item in row.fields[1].split(separator: "|") where !item.isEmpty {
                let parts = item.split(separator: "=").map(String.init)
                guard parts.count == 2 else { throw fail("MaxShifts entries look like `D=14`, got `\(item)`") }
                limits.maxShiftsByType[try resolveShift(parts[0])] = try integer(parts[1], "MaxShifts for \(parts[0])", Self.counts)
            }
            limits.maxPaidMinutes = try integer(row.fields[2], "MaxTotalMinutes", Self.totalMinutes)
            limits.minPaidMinutes = try integer(row.fields[3], "MinTotalMinutes", Self.totalMinutes)
            limits.maxConsecutiveWorkingDays = try integer(row.fields[4], "MaxConsecutiveShifts", 1...Self.days.upperBound)
            limits.minConsecutiveWorkingDays = try integer(row.fields[5], "MinConsecutiveShifts", 1...Self.days.upperBound)
            limits.minConsecutiveDaysOff = try integer(row.fields[6], "MinConsecutiveDaysOff", 1...Self.days.upperBound)
            limits.maxWeekends = try integer(row.fields[7], "MaxWeekends", 0...(Self.days.upperBound / 7 + 1))
            if let low = limits.minPaidMinutes, let high = limits.maxPaidMinutes, low > high {
                throw fail("MinTotalMinutes \(low) is above MaxTotalMinutes \(high)")
            }
            staff.append(StaffMember(id: row.id, limits: limits))
        }
        func resolveStaff(_ id: String) throws -> Int {
            guard let index = staffIndex[id] else { throw fail("unknown employee `\(id)`") }
            return index
        }
        func resolveDay(_ field: String) throws -> Int {
            let day = try integer(field, "day index", 0...Self.days.upperBound)
            guard day < dayCount else { throw fail("day \(day) is outside the horizon 0…\(dayCount - 1)") }
            return day
        }

        for (fields, line) in rows["SECTION_DAYS_OFF"] ?? [] {
            lineNumber = line
            let person = try resolveStaff(fields[0])
            for field in fields.dropFirst() where !field.isEmpty {
                staff[person].daysOff.insert(try resolveDay(field))
            }
        }
        func requests(_ section: String) throws -> [ShiftRequest] {
            try (rows[section] ?? []).map { fields, line in
                lineNumber = line
                guard fields.count == 4 else {
                    throw fail("expected `EmployeeID, Day, ShiftID, Weight`, got \(fields.count) fields")
                }
                return ShiftRequest(
                    staff: try resolveStaff(fields[0]), day: try resolveDay(fields[1]), shift: try resolveShift(fields[2]),
                    weight: try integer(fields[3], "weight", Self.weights))
            }
        }
        let onRequests = try requests("SECTION_SHIFT_ON_REQUESTS")
        let offRequests = try requests("SECTION_SHIFT_OFF_REQUESTS")
        var cover: [CoverRequirement] = []
        var coverKeys = Set<[Int]>()
        for (fields, line) in rows["SECTION_COVER"] ?? [] {
            lineNumber = line
            guard fields.count == 5 else {
                throw fail("expected `Day, ShiftID, Requirement, Weight for under, Weight for over`, got \(fields.count) fields")
            }
            let requirement = CoverRequirement(
                day: try resolveDay(fields[0]), shift: try resolveShift(fields[1]),
                required: try integer(fields[2], "requirement", 0...10_000), underWeight: try integer(fields[3], "under weight", Self.weights),
                overWeight: try integer(fields[4], "over weight", Self.weights))
            guard coverKeys.insert([requirement.day, requirement.shift]).inserted else {
                throw fail("cover for day \(requirement.day) shift \(fields[1]) is given twice")
            }
            cover.append(requirement)
        }
        let weekends = stride(from: 0, to: dayCount, by: 7).compactMap { start -> [Int]? in
            let days = [start + 5, start + 6].filter { $0 < dayCount }
            return days.isEmpty ? nil : days
        }
        return RosterProblem(
            name: name, dayCount: dayCount, firstWeekday: 0, weekends: weekends,
            shiftTypes: shifts.map { ShiftType(id: $0.id, lengthMinutes: $0.length) },
            forbiddenSuccessions: successions, staff: staff, shiftOnRequests: onRequests,
            shiftOffRequests: offRequests, cover: cover)
    }
}

extension Character {
    /// "\n", "\r" and the single grapheme "\r\n" (the benchmark's files use CRLF).
    var isLineBreak: Bool { self == "\n" || self == "\r\n" || self == "\r" }
}
