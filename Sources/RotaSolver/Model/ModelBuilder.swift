public import GLPKKit
public import RotaCore
import RotaModels

/// The roster model of `models/roster.mod`, built straight from a ``RosterProblem`` without the MathProg
/// translator.
///
/// `roster.mod` stays the readable reference; this builder writes the same problem family by family, in the
/// translator's order, so that the two agree row for row and column for column (`ModelBuildTests` compares
/// them). What the translator does is reproduced exactly: the objective is row 0 (a free row), constants move
/// into row bounds, a column's terms in one row are summed and zero terms dropped, and only columns that some
/// row uses with a non-zero coefficient exist, in declaration order. The translator takes about 20 s and 1 GB
/// for a 150-person year; this takes a few seconds.
public struct BuiltModel: Sendable {
    /// The problem, row 0 the objective's copy (as MathProg makes it).
    public let program: LinearProgram
    /// What each column means.
    let columns: [ColumnMap.Column]
    /// Each row's constraint family as an index into `familyNames`, for messages and tests.
    let rowFamilyCodes: [UInt8]
    let familyNames: [String]

    /// The constraint family of `row` as `roster.mod` names it (`penalty` for the objective's row).
    public func rowFamily(_ row: Int) -> String { familyNames[Int(rowFamilyCodes[row])] }

    /// The column's name as the translator writes it (`x[A,3,D]`), from the data's symbols.
    public func columnName(_ column: Int, symbols data: ModelData) -> String {
        let s = data.staffSymbols, t = data.shiftSymbols
        switch columns[column] {
        case .assignment(let a): return "x[\(s[a.staff]),\(a.day),\(t[a.shift])]"
        case .workingDay(let staff, let day): return "w[\(s[staff]),\(day)]"
        case .weekend(let staff, let weekend): return "wk[\(s[staff]),\(weekend)]"
        case .underCover(let c): return "under[\(c)]"
        case .overCover(let c): return "over[\(c)]"
        case .coverShort(let c): return "short[\(c)]"
        case .coverExcess(let c): return "excess[\(c)]"
        case .unsupervised(let rule, let day): return "unsupervised[\(rule),\(day)]"
        case .fairOver(let rule, let staff): return "fairOver[\(rule),\(s[staff])]"
        case .fairUnder(let rule, let staff): return "fairUnder[\(rule),\(s[staff])]"
        case .minutesShort(let staff): return "minShort[\(s[staff])]"
        case .windowShort(let staff, let window): return "winShort[\(s[staff]),\(window)]"
        case .supportShort(let rule): return "supportShort[\(rule)]"
        }
    }

    /// A GLPK problem of this model, on the calling thread.
    public func glpkProblem() throws(GLPKError) -> GLPKProblem { try GLPKProblem(program) }
}

/// Writes ``BuiltModel``s: see there.
public struct ModelBuilder {
    private let data: ModelData
    private var problem: RosterProblem { data.problem }

    // Candidate columns in declaration order; the translator keeps only those some row uses.
    private var columns: [ColumnMap.Column] = []
    private var columnBounds: [LinearProgram.Bounds] = []
    private var columnIsInteger: [Bool] = []
    /// When a row first named each candidate: the translator creates a variable's members as expressions
    /// first name them, so within a variable that is their order.
    private var firstReference: [Int32] = []
    private var references: Int32 = 0

    // Rows as they are written: bounds, family, and entries by candidate column.
    private var rowBounds: [LinearProgram.Bounds] = []
    private var rowFamilies: [UInt8] = []
    private var familyNames: [String] = []
    private var entryRows: [Int32] = []
    private var entryColumns: [Int32] = []
    private var entryValues: [Double] = []

    // The row being written: coefficients summed per column (the translator's term reduction).
    private var scratch: [Double] = []
    private var touched: [Int32] = []

    public init(data: ModelData) {
        self.data = data
    }

    /// Builds the model.
    public static func build(_ data: ModelData) -> BuiltModel {
        var builder = ModelBuilder(data: data)
        return builder.build()
    }

    /// The `models/roster.mod` that ships with Rota, if it is installed.
    public static var shippedModelPath: String? { RotaModels.rosterModelPath }

    /// Every difference (the first dozen) between the problem the MathProg translator makes of the model at
    /// `modelPath` with `problem`'s data and the one this builder makes: counts, column names, bounds, kinds,
    /// costs, the objective's constant, and each row's bounds and coefficients. Empty when they are the same.
    public static func differencesFromTranslation(_ problem: RosterProblem, modelPath: String) throws(GLPKError) -> [String] {
        let data = ModelData(problem: problem)
        let stored = try MathProgData(text: data.text())
        let translated = try GLPKProblem(modelPath: modelPath, dataPath: stored.path)
        let expected = try translated.linearProgram()
        let names = try translated.columnNames()
        let built = build(data)
        let actual = built.program
        var found: [String] = []
        func note(_ text: String) { if found.count < 12 { found.append(text) } }

        if expected.columns.count != actual.columns.count {
            note("columns: translated \(expected.columns.count), built \(actual.columns.count)")
        }
        for j in 0..<min(expected.columns.count, actual.columns.count) {
            let name = built.columnName(j, symbols: data)
            if names[j] != name { note("column \(j): translated \(names[j]), built \(name)") }
            if expected.columns[j] != actual.columns[j] { note("\(names[j]) bounds: \(expected.columns[j]) vs \(actual.columns[j])") }
            if expected.isInteger[j] != actual.isInteger[j] { note("\(names[j]) kind") }
            if expected.objective[j] != actual.objective[j] {
                note("\(names[j]) cost: translated \(expected.objective[j]), built \(actual.objective[j])")
            }
        }
        if expected.objectiveConstant != actual.objectiveConstant {
            note("objective constant: translated \(expected.objectiveConstant), built \(actual.objectiveConstant)")
        }
        if expected.rows.count != actual.rows.count { note("rows: translated \(expected.rows.count), built \(actual.rows.count)") }
        func byRow(_ program: LinearProgram) -> [[LinearProgram.Entry]] {
            var rows = [[LinearProgram.Entry]](repeating: [], count: program.rows.count)
            for entry in program.entries { rows[entry.row].append(entry) }
            return rows.map { $0.sorted { $0.column < $1.column } }
        }
        let expectedRows = byRow(expected), actualRows = byRow(actual)
        for i in 0..<min(expected.rows.count, actual.rows.count) {
            let family = built.rowFamily(i)
            if expected.rows[i] != actual.rows[i] {
                note("row \(i) (\(family)) bounds: translated \(expected.rows[i]), built \(actual.rows[i])")
            }
            if expectedRows[i] != actualRows[i] {
                func text(_ entries: [LinearProgram.Entry]) -> String {
                    entries.map { "\($0.value) \(names.indices.contains($0.column) ? names[$0.column] : "?")" }.joined(separator: " + ")
                }
                note("row \(i) (\(family)): translated \(text(expectedRows[i])), built \(text(actualRows[i]))")
            }
        }
        return found
    }

    private mutating func build() -> BuiltModel {
        let p = problem
        let n = p.dayCount, shiftCount = p.shiftTypes.count, staffCount = p.staff.count
        let clashes = data.clashes

        // ---------- columns ----------
        var x = [Int32](repeating: -1, count: staffCount * n * shiftCount)
        func xIndex(_ s: Int, _ d: Int, _ t: Int) -> Int { (s * n + d) * shiftCount + t }
        for s in 0..<staffCount {
            for d in 0..<n {
                for t in 0..<shiftCount where clashes.permits(staff: s, day: d, shift: t) {
                    x[xIndex(s, d, t)] = Int32(addColumn(.assignment(Assignment(staff: s, day: d, shift: t)), .init(lower: 0, upper: 1), integer: true))
                }
            }
        }
        func xc(_ s: Int, _ d: Int, _ t: Int) -> Int? {
            guard d >= 0, d < n else { return nil }
            let c = x[xIndex(s, d, t)]
            return c >= 0 ? Int(c) : nil
        }
        let firstW = columns.count
        for s in 0..<staffCount {
            for d in 0..<n { addColumn(.workingDay(staff: s, day: d), .init(lower: 0, upper: 1), integer: true) }
        }
        func w(_ s: Int, _ d: Int) -> Int { firstW + s * n + d }
        let weekendCount = p.weekends.count
        let weekendLimited = (0..<staffCount).filter { (p.staff[$0].limits.maxWeekends ?? weekendCount) < weekendCount }
        var wk: [Int: Int] = [:]
        for s in weekendLimited {
            wk[s] = columns.count
            for k in 0..<weekendCount { addColumn(.weekend(staff: s, weekend: k), .init(lower: 0, upper: 1), integer: true) }
        }
        let cover = p.cover
        let firstUnder = columns.count
        for (c, requirement) in cover.enumerated() {
            addColumn(.underCover(requirement: c), .init(lower: 0, upper: Double(requirement.required)))
        }
        let firstOver = columns.count
        for c in cover.indices { addColumn(.overCover(requirement: c), .init(lower: 0, upper: nil)) }
        let floors = cover.indices.filter { cover[$0].hardMinimum > 0 }
        let caps = cover.indices.filter { cover[$0].hardMaximum != nil }
        var short: [Int: Int] = [:], excess: [Int: Int] = [:]
        for c in floors { short[c] = addColumn(.coverShort(requirement: c), .init(lower: 0, upper: nil)) }
        for c in caps { excess[c] = addColumn(.coverExcess(requirement: c), .init(lower: 0, upper: nil)) }
        let supervised = p.supervision.map { Set($0.supervised).sorted() }
        var unsupervised: [Int: Int] = [:]  // by k * n + d
        for (k, rule) in p.supervision.enumerated() {
            for d in 0..<n where supervised[k].contains(where: { xc($0, d, rule.shift) != nil }) {
                unsupervised[k * n + d] = addColumn(.unsupervised(rule: k, day: d), .init(lower: 0, upper: nil))
            }
        }
        var shares: [(rule: Int, share: FairShare)] = []
        for (k, rule) in p.fairness.enumerated() {
            var seen = Set<Int>()
            for share in rule.shares where seen.insert(share.staff).inserted { shares.append((k, share)) }
        }
        let firstFairOver = columns.count
        for entry in shares { addColumn(.fairOver(rule: entry.rule, staff: entry.share.staff), .init(lower: 0, upper: nil)) }
        let firstFairUnder = columns.count
        for entry in shares { addColumn(.fairUnder(rule: entry.rule, staff: entry.share.staff), .init(lower: 0, upper: nil)) }
        let minuteWeight = Double(p.minimumMinuteWeight ?? 0)
        let elastic = minuteWeight > 0
        var minShort: [Int: Int] = [:]
        if elastic {
            for s in 0..<staffCount where p.staff[s].limits.minPaidMinutes != nil {
                minShort[s] = addColumn(.minutesShort(staff: s), .init(lower: 0, upper: nil))
            }
        }
        var winShort: [Int: Int] = [:]  // by the window's place in `windows`
        let windows = p.staff.indices.flatMap { s in p.staff[s].limits.minuteWindows.indices.map { (s, $0) } }
        if elastic {
            for (index, (s, i)) in windows.enumerated() where p.staff[s].limits.minuteWindows[i].minimum != nil {
                winShort[index] = addColumn(.windowShort(staff: s, window: i), .init(lower: 0, upper: nil))
            }
        }
        let firstSupportShort = columns.count
        for k in p.supportRatios.indices { addColumn(.supportShort(rule: k), .init(lower: 0, upper: nil), integer: true) }
        scratch = [Double](repeating: 0, count: columns.count)
        firstReference = [Int32](repeating: -1, count: columns.count)

        // ---------- objective (row 0) ----------
        // The translator evaluates the right operand of `+` first, so the objective's terms name columns from
        // the last term back (which orders the columns); each term's own sum runs forward.
        var objectiveConstant = 0.0
        for (k, rule) in p.supportRatios.enumerated() { add(firstSupportShort + k, Double(rule.weight)) }
        for index in windows.indices { if let column = winShort[index] { add(column, minuteWeight) } }
        for s in 0..<staffCount { if let column = minShort[s] { add(column, minuteWeight) } }
        for (k, rule) in p.supervision.enumerated() {
            for d in 0..<n { if let column = unsupervised[k * n + d] { add(column, Double(rule.hardWeight)) } }
        }
        for c in caps { add(excess[c]!, Double(cover[c].hardWeight)) }
        for c in floors { add(short[c]!, Double(cover[c].hardWeight)) }
        if let stability = p.stability {
            for s in 0..<staffCount {
                for d in 0..<n where stability.weight(on: d) > 0 {
                    for t in 0..<shiftCount where !stability.reference.contains(Assignment(staff: s, day: d, shift: t)) {
                        if let column = xc(s, d, t) { add(column, Double(stability.weight(on: d))) }
                    }
                }
            }
            for kept in stability.reference.sorted() {
                let weight = Double(stability.weight(on: kept.day))
                objectiveConstant += weight
                if kept.staff < staffCount, kept.shift < shiftCount, let column = xc(kept.staff, kept.day, kept.shift) {
                    add(column, -weight)
                }
            }
        }
        for (index, entry) in shares.enumerated() {
            let weight = Double(p.fairness[entry.rule].weight)
            add(firstFairOver + index, weight)
            add(firstFairUnder + index, weight)
        }
        for (key, weight) in Self.summed(p.dayOffRequests) { add(w(key.staff, key.day), Double(weight)) }
        for (key, weight) in Self.summed(p.dayOnRequests) {
            objectiveConstant += Double(weight)
            add(w(key.staff, key.day), -Double(weight))
        }
        for (key, weight) in Self.summed(p.shiftOffRequests) {
            if let column = xc(key.staff, key.day, key.shift) { add(column, Double(weight)) }
        }
        for (key, weight) in Self.summed(p.shiftOnRequests) {
            objectiveConstant += Double(weight)
            if let column = xc(key.staff, key.day, key.shift) { add(column, -Double(weight)) }
        }
        for c in cover.indices {
            add(firstUnder + c, Double(cover[c].underWeight))
            add(firstOver + c, Double(cover[c].overWeight))
        }
        let objectiveRow = entryValues.count
        endRow("penalty", lower: nil, upper: nil)
        var objective = [Double](repeating: 0, count: columns.count)
        for e in objectiveRow..<entryValues.count { objective[Int(entryColumns[e])] = entryValues[e] }

        // ---------- working days ----------
        let maxPerDay = p.staff.map(\.limits.maxShiftsPerDay)
        for s in 0..<staffCount where maxPerDay[s] == 1 {
            for d in 0..<n {
                add(w(s, d), 1)
                for t in 0..<shiftCount { if let column = xc(s, d, t) { add(column, -1) } }
                endRow("day_single", lower: 0, upper: 0)
            }
        }
        forEachAvailable { s, d, t, column in
            guard maxPerDay[s] > 1 else { return }
            add(column, 1); add(w(s, d), -1)
            endRow("day_upper", lower: nil, upper: 0)
        }
        for s in 0..<staffCount where maxPerDay[s] > 1 {
            for d in 0..<n {
                add(w(s, d), 1)
                for t in 0..<shiftCount { if let column = xc(s, d, t) { add(column, -1) } }
                endRow("day_lower", lower: nil, upper: 0)
            }
        }
        for s in 0..<staffCount where maxPerDay[s] > 1 {
            for d in 0..<n {
                for t in 0..<shiftCount { if let column = xc(s, d, t) { add(column, 1) } }
                endRow("day_count", lower: nil, upper: Double(maxPerDay[s]))
            }
        }

        // ---------- successions and clashes ----------
        let forbid = Set(p.forbiddenSuccessions).sorted { ($0.from, $0.to) < ($1.from, $1.to) }
        let successorsOf = (0..<shiftCount).map { t in forbid.filter { $0.from == t }.map(\.to) }
        forEachAvailable { s, d, t1, column in
            guard d + 1 < n, maxPerDay[s] == 1 else { return }
            let next = successorsOf[t1].compactMap { xc(s, d + 1, $0) }
            guard !next.isEmpty else { return }
            add(column, 1)
            for other in next { add(other, 1) }
            endRow("succession", lower: nil, upper: 1)
        }
        forEachAvailable { s, d, t1, column in
            guard d + 1 < n, maxPerDay[s] > 1 else { return }
            for t2 in successorsOf[t1] {
                guard let other = xc(s, d + 1, t2) else { continue }
                add(column, 1); add(other, 1)
                endRow("succession_pair", lower: nil, upper: 1)
            }
        }
        let explicit = Set(forbid.map { ClashTable.Clash(first: $0.from, second: $0.to, offset: 1) })
        let clashList = clashes.clashes.filter { !explicit.contains($0) }
        let clashesOf = (0..<shiftCount).map { t in clashList.filter { $0.first == t } }
        forEachAvailable { s, d, t1, column in
            for clash in clashesOf[t1] where d + clash.offset < n && (clash.offset > 0 || maxPerDay[s] > 1) {
                guard let other = xc(s, d + clash.offset, clash.second) else { continue }
                add(column, 1); add(other, 1)
                endRow("clash", lower: nil, upper: 1)
            }
        }
        for pin in Set(p.pinned).sorted() {
            guard pin.staff < staffCount, pin.shift < shiftCount, let column = xc(pin.staff, pin.day, pin.shift) else { continue }
            add(column, 1)
            endRow("pinned", lower: 1, upper: 1)
        }

        // ---------- contract limits ----------
        let minutes = p.shiftTypes.map { Double($0.paidMinutes) }
        for s in 0..<staffCount {
            for (t, limit) in p.staff[s].limits.maxShiftsByType.sorted(by: { $0.key < $1.key }) where limit > 0 {
                for d in 0..<n { if let column = xc(s, d, t) { add(column, 1) } }
                endRow("shift_count", lower: nil, upper: Double(limit))
            }
        }
        func addMinutes(_ s: Int, days: ClosedRange<Int>) {
            guard days.upperBound >= 0, days.lowerBound < n else { return }
            for d in max(0, days.lowerBound)...min(n - 1, days.upperBound) {
                for t in 0..<shiftCount { if let column = xc(s, d, t) { add(column, minutes[t]) } }
            }
        }
        let reachable = data.reachableMinutes
        for s in 0..<staffCount {
            guard let minimum = p.staff[s].limits.minPaidMinutes else { continue }
            addMinutes(s, days: 0...(n - 1))
            let rounding = elastic ? reachable[s].elasticRounding(of: minimum) : nil
            if let column = minShort[s] { add(column, rounding ?? 1) }
            endRow("minutes_min", lower: Double(reachable[s].roundUp(minimum)), upper: nil)
        }
        for s in 0..<staffCount {
            // A minimum the rounding moved (elasticRounding is nil for one it leaves as it is).
            guard let minimum = p.staff[s].limits.minPaidMinutes, let column = minShort[s],
                  reachable[s].elasticRounding(of: minimum) != nil
            else { continue }
            addMinutes(s, days: 0...(n - 1))
            add(column, 1)
            endRow("minutes_min_exact", lower: Double(minimum), upper: nil)
        }
        for s in 0..<staffCount {
            guard let maximum = p.staff[s].limits.maxPaidMinutes else { continue }
            addMinutes(s, days: 0...(n - 1))
            endRow("minutes_max", lower: nil, upper: Double(reachable[s].roundDown(maximum)))
        }
        for (index, (s, i)) in windows.enumerated() {
            let window = p.staff[s].limits.minuteWindows[i]
            guard let minimum = window.minimum else { continue }
            addMinutes(s, days: window.days)
            let rounding = elastic ? reachable[s].elasticRounding(of: minimum) : nil
            if let column = winShort[index] { add(column, rounding ?? 1) }
            endRow("window_min", lower: Double(reachable[s].roundUp(minimum)), upper: nil)
        }
        for (index, (s, i)) in windows.enumerated() {
            let window = p.staff[s].limits.minuteWindows[i]
            guard let minimum = window.minimum, let column = winShort[index], reachable[s].elasticRounding(of: minimum) != nil
            else { continue }
            addMinutes(s, days: window.days)
            add(column, 1)
            endRow("window_min_exact", lower: Double(minimum), upper: nil)
        }
        for (s, i) in windows {
            let window = p.staff[s].limits.minuteWindows[i]
            guard let maximum = window.maximum else { continue }
            addMinutes(s, days: window.days)
            endRow("window_max", lower: nil, upper: Double(reachable[s].roundDown(maximum)))
        }

        // ---------- runs ----------
        let maxConsec = p.staff.map(\.limits.maxConsecutiveWorkingDays)
        for s in 0..<staffCount {
            guard let limit = maxConsec[s], n - 1 - limit >= 0 else { continue }
            for d in 0...(n - 1 - limit) {
                for i in d...(d + limit) { add(w(s, i), 1) }
                endRow("consec_max", lower: nil, upper: Double(limit))
            }
        }
        for s in 0..<staffCount {
            guard let limit = maxConsec[s] else { continue }
            let before = p.staff[s].workedBefore
            for a in stride(from: -min(before, limit), through: -1, by: 1) where a + limit >= 0 {
                for i in 0...min(a + limit, n - 1) { add(w(s, i), 1) }
                endRow("consec_max_history", lower: nil, upper: Double(limit + a))
            }
        }
        let typeRuns = (0..<staffCount).flatMap { s in
            p.staff[s].limits.maxConsecutiveByType.sorted { $0.key < $1.key }.map { (s, $0.key, $0.value) }
        }
        for (s, t, limit) in typeRuns where n - 1 - limit >= 0 {
            for d in 0...(n - 1 - limit) {
                for i in d...(d + limit) { if let column = xc(s, i, t) { add(column, 1) } }
                endRow("type_run", lower: nil, upper: Double(limit))
            }
        }
        for (s, t, limit) in typeRuns {
            let before = p.staff[s].runBefore(of: t)
            for a in stride(from: -min(before, limit), through: -1, by: 1) where a + limit >= 0 {
                for i in 0...min(a + limit, n - 1) { if let column = xc(s, i, t) { add(column, 1) } }
                endRow("type_run_history", lower: nil, upper: Double(limit + a))
            }
        }
        let minConsec = p.staff.map { $0.limits.minConsecutiveWorkingDays ?? 1 }
        let minOff = p.staff.map { $0.limits.minConsecutiveDaysOff ?? 1 }
        for s in 0..<staffCount where minConsec[s] > 1 {
            for i in 1..<minConsec[s] where n - 1 - i >= 1 {
                for d in 1...(n - 1 - i) {
                    add(w(s, d), 1); add(w(s, d - 1), -1); add(w(s, d + i), -1)
                    endRow("run_start", lower: nil, upper: 0)
                }
            }
        }
        for s in 0..<staffCount where minConsec[s] > 1 {
            for i in 1..<minConsec[s] where i <= n - 2 {
                for d in i...(n - 2) {
                    add(w(s, d), 1); add(w(s, d + 1), -1); add(w(s, d - i), -1)
                    endRow("run_end", lower: nil, upper: 0)
                }
            }
        }
        for s in 0..<staffCount where minOff[s] > 1 {
            for i in 1..<minOff[s] where n - 1 - i >= 1 {
                for d in 1...(n - 1 - i) {
                    add(w(s, d - 1), 1); add(w(s, d), -1); add(w(s, d + i), 1)
                    endRow("rest_start", lower: nil, upper: 1)
                }
            }
        }
        for s in 0..<staffCount where minOff[s] > 1 {
            for i in 1..<minOff[s] where i <= n - 2 {
                for d in i...(n - 2) {
                    add(w(s, d + 1), 1); add(w(s, d), -1); add(w(s, d - i), 1)
                    endRow("rest_end", lower: nil, upper: 1)
                }
            }
        }
        let historyDays = p.historyDays
        let workedBefore = p.staff.map(\.workedBefore)
        let offBefore = p.staff.map { historyDays > 0 ? $0.offBefore : 0 }
        for s in 0..<staffCount where workedBefore[s] > 0 && workedBefore[s] < historyDays {
            for i in 0..<max(0, min(minConsec[s] - workedBefore[s], n)) {
                add(w(s, i), 1)
                endRow("run_from_history", lower: 1, upper: 1)
            }
        }
        for s in 0..<staffCount where historyDays > 0 && workedBefore[s] == 0 {
            for i in stride(from: 1, through: min(minConsec[s] - 1, n - 1), by: 1) {
                add(w(s, 0), 1); add(w(s, i), -1)
                endRow("run_start_first", lower: nil, upper: 0)
            }
        }
        for s in 0..<staffCount where offBefore[s] > 0 && offBefore[s] < historyDays {
            for i in 0..<max(0, min(minOff[s] - offBefore[s], n)) {
                add(w(s, i), 1)
                endRow("rest_from_history", lower: 0, upper: 0)
            }
        }
        for s in 0..<staffCount where historyDays > 0 && workedBefore[s] > 0 {
            for i in stride(from: 1, through: min(minOff[s] - 1, n - 1), by: 1) {
                add(w(s, i), 1); add(w(s, 0), -1)
                endRow("rest_start_first", lower: nil, upper: 0)
            }
        }
        for s in 0..<staffCount {
            guard let limit = maxConsec[s], minOff[s] > 1, n - limit - minOff[s] >= 0 else { continue }
            for d in 0...(n - limit - minOff[s]) {
                for i in d...(d + limit + minOff[s] - 1) { add(w(s, i), 1) }
                endRow("consec_rest", lower: nil, upper: Double(limit))
            }
        }

        // ---------- weekends ----------
        for s in weekendLimited {
            for (k, days) in p.weekends.enumerated() {
                for d in days {
                    add(w(s, d), 1); add(wk[s]! + k, -1)
                    endRow("weekend_lower", lower: nil, upper: 0)
                }
            }
        }
        for s in weekendLimited {
            for (k, days) in p.weekends.enumerated() {
                add(wk[s]! + k, 1)
                for d in days { add(w(s, d), -1) }
                endRow("weekend_upper", lower: nil, upper: 0)
            }
        }
        for s in weekendLimited {
            for k in 0..<weekendCount { add(wk[s]! + k, 1) }
            endRow("weekend_max", lower: nil, upper: Double(p.staff[s].limits.maxWeekends ?? weekendCount))
        }

        // ---------- cover ----------
        func addCover(_ requirement: CoverRequirement) {
            let people = requirement.staff.map { Set($0).sorted().filter { $0 >= 0 && $0 < staffCount } } ?? Array(0..<staffCount)
            let cells = requirement.cells
            for s in people {
                for cell in cells { if let column = xc(s, cell.day, cell.shift) { add(column, 1) } }
            }
        }
        for (c, requirement) in cover.enumerated() {
            addCover(requirement)
            add(firstUnder + c, 1); add(firstOver + c, -1)
            endRow("cover", lower: Double(requirement.required), upper: Double(requirement.required))
        }
        for c in floors {
            addCover(cover[c])
            add(short[c]!, 1)
            endRow("cover_floor", lower: Double(cover[c].hardMinimum), upper: nil)
        }
        for c in caps {
            addCover(cover[c])
            add(excess[c]!, -1)
            endRow("cover_cap", lower: nil, upper: Double(cover[c].hardMaximum ?? 0))
        }

        // ---------- supervision ----------
        for (k, rule) in p.supervision.enumerated() {
            let supervisors = Set(rule.supervisors).sorted(), shifts = Set(rule.supervisingShifts).sorted()
            for s in supervised[k] {
                for d in 0..<n {
                    guard let column = xc(s, d, rule.shift) else { continue }
                    add(column, 1)
                    for person in supervisors {
                        for t in shifts { if let other = xc(person, d, t) { add(other, -1) } }
                    }
                    add(unsupervised[k * n + d]!, -1)
                    endRow("supervision", lower: nil, upper: 0)
                }
            }
        }

        // ---------- fairness ----------
        func addFairCount(_ entry: (rule: Int, share: FairShare)) {
            let rule = p.fairness[entry.rule]
            let days = rule.days.map { Set($0).sorted() } ?? Array(0..<n)
            let shifts = Set(rule.shifts).sorted()
            for d in days { for t in shifts { if let column = xc(entry.share.staff, d, t) { add(column, 1) } } }
        }
        for (index, entry) in shares.enumerated() {
            addFairCount(entry)
            add(firstFairOver + index, -1)
            endRow("fair_high", lower: nil, upper: Double(entry.share.high))
        }
        for (index, entry) in shares.enumerated() {
            addFairCount(entry)
            add(firstFairUnder + index, 1)
            endRow("fair_low", lower: Double(entry.share.low), upper: nil)
        }

        // ---------- support per provider rostered ----------
        for (k, rule) in p.supportRatios.enumerated() {
            for s in Set(rule.support).sorted() { if let column = xc(s, rule.day, rule.shift) { add(column, Double(rule.denominator)) } }
            for s in Set(rule.providers).sorted() { if let column = xc(s, rule.day, rule.shift) { add(column, -Double(rule.numerator)) } }
            add(firstSupportShort + k, Double(rule.denominator))
            endRow("support_ratio", lower: 0, upper: nil)
        }

        return finish(objective: objective, constant: objectiveConstant)
    }

    /// Keeps the columns some row uses and numbers them as the translator does: by variable, then by when
    /// a row first named them.
    private func finish(objective: [Double], constant: Double) -> BuiltModel {
        var newIndex = [Int32](repeating: -1, count: columns.count)
        for column in entryColumns { newIndex[Int(column)] = 0 }
        let family = columns.map(Self.family)
        let kept = columns.indices.filter { newIndex[$0] == 0 }
            .sorted { (family[$0], firstReference[$0]) < (family[$1], firstReference[$1]) }
        for (index, column) in kept.enumerated() { newIndex[column] = Int32(index) }
        var entries: [LinearProgram.Entry] = []
        entries.reserveCapacity(entryValues.count)
        for e in entryValues.indices {
            entries.append(LinearProgram.Entry(row: Int(entryRows[e]), column: Int(newIndex[Int(entryColumns[e])]), value: entryValues[e]))
        }
        let program = LinearProgram(
            rows: rowBounds, columns: kept.map { columnBounds[$0] }, isInteger: kept.map { columnIsInteger[$0] },
            objective: kept.map { objective[$0] }, objectiveConstant: constant, entries: entries)
        return BuiltModel(program: program, columns: kept.map { columns[$0] }, rowFamilyCodes: rowFamilies, familyNames: familyNames)
    }

    @discardableResult
    private mutating func addColumn(_ column: ColumnMap.Column, _ bounds: LinearProgram.Bounds, integer: Bool = false) -> Int {
        columns.append(column)
        columnBounds.append(bounds)
        columnIsInteger.append(integer)
        return columns.count - 1
    }

    private mutating func add(_ column: Int, _ value: Double) {
        if firstReference[column] < 0 {
            firstReference[column] = references
            references += 1
        }
        if scratch[column] == 0 { touched.append(Int32(column)) }
        scratch[column] += value
    }

    /// Ends the row being written: its summed non-zero terms become entries, in the order first written.
    private mutating func endRow(_ family: String, lower: Double?, upper: Double?) {
        let row = Int32(rowBounds.count)
        touched.sort()
        for column in touched {
            let value = scratch[Int(column)]
            scratch[Int(column)] = 0
            guard value != 0 else { continue }
            entryRows.append(row)
            entryColumns.append(column)
            entryValues.append(value)
        }
        touched.removeAll(keepingCapacity: true)
        rowBounds.append(LinearProgram.Bounds(lower: lower, upper: upper))
        if familyNames.last != family {
            if let known = familyNames.firstIndex(of: family) {
                rowFamilies.append(UInt8(known))
                return
            }
            familyNames.append(family)
        }
        rowFamilies.append(UInt8(familyNames.count - 1))
    }

    /// The variable a column belongs to, by its `var` declaration in `roster.mod`.
    private static func family(_ column: ColumnMap.Column) -> Int {
        switch column {
        case .assignment: 0
        case .workingDay: 1
        case .weekend: 2
        case .underCover: 3
        case .overCover: 4
        case .coverShort: 5
        case .coverExcess: 6
        case .unsupervised: 7
        case .fairOver: 8
        case .fairUnder: 9
        case .minutesShort: 10
        case .windowShort: 11
        case .supportShort: 12
        }
    }

    /// Calls `body` for every permitted assignment, in the model's order (person, day, shift type).
    private func forEachAvailable(_ body: (_ s: Int, _ d: Int, _ t: Int, _ column: Int) -> Void) {
        // Assignment columns come first, in exactly this order.
        for column in columns.indices {
            guard case .assignment(let a) = columns[column] else { break }
            body(a.staff, a.day, a.shift, column)
        }
    }

    private static func summed(_ requests: [ShiftRequest]) -> [(key: Assignment, weight: Int)] {
        var weights: [Assignment: Int] = [:]
        for request in requests {
            weights[Assignment(staff: request.staff, day: request.day, shift: request.shift), default: 0] += request.weight
        }
        return weights.keys.sorted().map { ($0, weights[$0]!) }
    }

    private static func summed(_ requests: [DayRequest]) -> [(key: (staff: Int, day: Int), weight: Int)] {
        var weights: [DayShift: Int] = [:]
        for request in requests { weights[DayShift(day: request.day, shift: request.staff), default: 0] += request.weight }
        return weights.keys.sorted { ($0.shift, $0.day) < ($1.shift, $1.day) }.map { ((staff: $0.shift, day: $0.day), weights[$0]!) }
    }
}
