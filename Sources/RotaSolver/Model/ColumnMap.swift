import GLPKKit
import RotaCore

/// What each GLPK column of the roster model means: known from the builder (``ModelBuilder``), or found from
/// MathProg's column names when a model file is translated (`--model`).
///
/// This is where the model's variable families meet Swift: a family the map does not know is an error,
/// so a change to `roster.mod` cannot silently leave columns unaccounted for.
struct ColumnMap {
    enum Column: Hashable {
        case assignment(Assignment)
        case workingDay(staff: Int, day: Int)
        case weekend(staff: Int, weekend: Int)
        case underCover(requirement: Int)
        case overCover(requirement: Int)
        case coverShort(requirement: Int)
        case coverExcess(requirement: Int)
        case unsupervised(rule: Int, day: Int)
        case fairOver(rule: Int, staff: Int)
        case fairUnder(rule: Int, staff: Int)
        /// Minutes short of a contract minimum that may give way: over the horizon, or in a window.
        case minutesShort(staff: Int)
        case windowShort(staff: Int, window: Int)
        /// Support people short of a ratio to the providers rostered (``SupportRatio``).
        case supportShort(rule: Int)

        /// Whether the column holds units of a broken hard rule the model keeps elastic (cover floors and
        /// caps, supervision, contract minimums that may give way), priced at its rank's weight.
        var isBrokenHardRule: Bool {
            switch self {
            case .coverShort, .coverExcess, .unsupervised, .minutesShort, .windowShort: true
            default: false
            }
        }
    }

    struct UnknownColumn: Error, CustomStringConvertible {
        var name: String
        var description: String { "the model has a column `\(name)` that Rota cannot map back to the roster" }
    }

    let problem: RosterProblem
    let columns: [Column]
    /// Column of each permitted assignment, by `(staff * dayCount + day) * shiftCount + shift`; -1 if none.
    private let assignmentColumns: [Int]
    /// All assignment columns, in column order.
    let assignmentColumnIndices: [Int]

    init(names: [String], data: ModelData) throws {
        let problem = data.problem
        let staffBySymbol = Dictionary(uniqueKeysWithValues: data.staffSymbols.enumerated().map { ($1, $0) })
        let shiftBySymbol = Dictionary(uniqueKeysWithValues: data.shiftSymbols.enumerated().map { ($1, $0) })
        var columns: [Column] = []
        columns.reserveCapacity(names.count)
        for name in names {
            guard let open = name.firstIndex(of: "["), name.last == "]" else { throw UnknownColumn(name: name) }
            let family = name[..<open]
            let arguments = name[name.index(after: open)..<name.index(before: name.endIndex)]
                .split(separator: ",").map(String.init)
            func staff(_ i: Int) throws -> Int {
                guard i < arguments.count, let s = staffBySymbol[arguments[i]] else { throw UnknownColumn(name: name) }
                return s
            }
            func shift(_ i: Int) throws -> Int {
                guard i < arguments.count, let t = shiftBySymbol[arguments[i]] else { throw UnknownColumn(name: name) }
                return t
            }
            func number(_ i: Int) throws -> Int {
                guard i < arguments.count, let n = Int(arguments[i]) else { throw UnknownColumn(name: name) }
                return n
            }
            switch (family, arguments.count) {
            case ("x", 3):
                let assignment = Assignment(staff: try staff(0), day: try number(1), shift: try shift(2))
                guard assignment.day >= 0, assignment.day < problem.dayCount else { throw UnknownColumn(name: name) }
                columns.append(.assignment(assignment))
            case ("w", 2):
                columns.append(.workingDay(staff: try staff(0), day: try number(1)))
            case ("wk", 2):
                columns.append(.weekend(staff: try staff(0), weekend: try number(1)))
            case ("under", 1), ("over", 1), ("short", 1), ("excess", 1):
                let requirement = try number(0)
                guard problem.cover.indices.contains(requirement) else { throw UnknownColumn(name: name) }
                switch family {
                case "under": columns.append(.underCover(requirement: requirement))
                case "over": columns.append(.overCover(requirement: requirement))
                case "short": columns.append(.coverShort(requirement: requirement))
                default: columns.append(.coverExcess(requirement: requirement))
                }
            case ("unsupervised", 2):
                let rule = try number(0)
                guard problem.supervision.indices.contains(rule) else { throw UnknownColumn(name: name) }
                columns.append(.unsupervised(rule: rule, day: try number(1)))
            case ("fairOver", 2), ("fairUnder", 2):
                let rule = try number(0)
                guard problem.fairness.indices.contains(rule) else { throw UnknownColumn(name: name) }
                columns.append(family == "fairOver" ? .fairOver(rule: rule, staff: try staff(1)) : .fairUnder(rule: rule, staff: try staff(1)))
            case ("minShort", 1):
                columns.append(.minutesShort(staff: try staff(0)))
            case ("supportShort", 1):
                let rule = try number(0)
                guard problem.supportRatios.indices.contains(rule) else { throw UnknownColumn(name: name) }
                columns.append(.supportShort(rule: rule))
            case ("winShort", 2):
                let staff = try staff(0), window = try number(1)
                guard problem.staff[staff].limits.minuteWindows.indices.contains(window) else { throw UnknownColumn(name: name) }
                columns.append(.windowShort(staff: staff, window: window))
            default:
                throw UnknownColumn(name: name)
            }
        }
        self.init(columns: columns, problem: problem)
    }

    /// The map of a model whose columns are known by meaning (``ModelBuilder``).
    init(columns: [Column], problem: RosterProblem) {
        self.problem = problem
        var assignmentColumns = [Int](
            repeating: -1, count: problem.staff.count * problem.dayCount * problem.shiftTypes.count)
        var assignmentIndices: [Int] = []
        for (column, kind) in columns.enumerated() {
            guard case .assignment(let a) = kind else { continue }
            assignmentColumns[(a.staff * problem.dayCount + a.day) * problem.shiftTypes.count + a.shift] = column
            assignmentIndices.append(column)
        }
        self.columns = columns
        self.assignmentColumns = assignmentColumns
        self.assignmentColumnIndices = assignmentIndices
    }

    func column(of assignment: Assignment) -> Int? {
        let key = (assignment.staff * problem.dayCount + assignment.day) * problem.shiftTypes.count + assignment.shift
        guard key >= 0, key < assignmentColumns.count, assignmentColumns[key] >= 0 else { return nil }
        return assignmentColumns[key]
    }

    /// The roster a solver point describes (assignment columns at 1).
    func roster(from values: [Double]) -> Roster {
        Roster(assignmentColumnIndices.compactMap { column in
            guard values[column] > 0.5, case .assignment(let assignment) = columns[column] else { return nil }
            return assignment
        })
    }

    /// The full model point of a roster: assignments, and every auxiliary column at the value the model's
    /// constraints give it. `nil` when the roster uses an assignment the model has no column for.
    func point(for roster: Roster) -> [Double]? {
        var values = [Double](repeating: 0, count: columns.count)
        var worked = [Bool](repeating: false, count: problem.staff.count * problem.dayCount)
        var isAssigned = Set<Assignment>()
        for assignment in roster.assignments {
            guard let column = column(of: assignment) else { return nil }
            values[column] = 1
            worked[assignment.staff * problem.dayCount + assignment.day] = true
            isAssigned.insert(assignment)
        }
        var coverCounts: [Int: Int] = [:]
        func coverCount(_ index: Int) -> Int {
            if let known = coverCounts[index] { return known }
            let value = problem.cover[index].count(in: isAssigned, staffCount: problem.staff.count)
            coverCounts[index] = value
            return value
        }
        func fairCount(_ rule: Int, _ staff: Int) -> Int {
            let fairness = problem.fairness[rule]
            let days = fairness.days.map(Set.init) ?? Set(0..<problem.dayCount)
            return isAssigned.count { $0.staff == staff && days.contains($0.day) && fairness.shifts.contains($0.shift) }
        }
        func paidMinutes(_ staff: Int, in days: Range<Int>) -> Int {
            isAssigned.reduce(0) { $0 + ($1.staff == staff && days.contains($1.day) ? problem.shiftTypes[$1.shift].paidMinutes : 0) }
        }
        for (column, kind) in columns.enumerated() {
            switch kind {
            case .assignment:
                continue
            case .workingDay(let staff, let day):
                values[column] = worked[staff * problem.dayCount + day] ? 1 : 0
            case .weekend(let staff, let weekend):
                values[column] = problem.weekends[weekend].contains { worked[staff * problem.dayCount + $0] } ? 1 : 0
            case .underCover(let index):
                values[column] = Double(max(0, problem.cover[index].required - coverCount(index)))
            case .overCover(let index):
                values[column] = Double(max(0, coverCount(index) - problem.cover[index].required))
            case .coverShort(let index):
                values[column] = Double(max(0, problem.cover[index].hardMinimum - coverCount(index)))
            case .coverExcess(let index):
                values[column] = Double(max(0, coverCount(index) - (problem.cover[index].hardMaximum ?? Int.max)))
            case .unsupervised(let rule, let day):
                let supervision = problem.supervision[rule]
                let needed = supervision.supervised.contains {
                    isAssigned.contains(Assignment(staff: $0, day: day, shift: supervision.shift))
                }
                let present = supervision.supervisors.contains { person in
                    supervision.supervisingShifts.contains { isAssigned.contains(Assignment(staff: person, day: day, shift: $0)) }
                }
                values[column] = needed && !present ? 1 : 0
            case .fairOver(let rule, let staff):
                let share = problem.fairness[rule].shares.first { $0.staff == staff }
                values[column] = Double(max(0, fairCount(rule, staff) - (share?.high ?? Int.max)))
            case .fairUnder(let rule, let staff):
                let share = problem.fairness[rule].shares.first { $0.staff == staff }
                values[column] = Double(max(0, (share?.low ?? 0) - fairCount(rule, staff)))
            case .minutesShort(let staff):
                let paid = paidMinutes(staff, in: 0..<problem.dayCount)
                values[column] = Double(max(0, (problem.staff[staff].limits.minPaidMinutes ?? 0) - paid))
            case .windowShort(let staff, let index):
                let window = problem.staff[staff].limits.minuteWindows[index]
                let days = max(0, window.days.lowerBound)..<min(problem.dayCount, window.days.upperBound + 1)
                values[column] = Double(max(0, (window.minimum ?? 0) - paidMinutes(staff, in: days)))
            case .supportShort(let index):
                let rule = problem.supportRatios[index]
                let (support, providers) = rule.counts(in: isAssigned)
                values[column] = Double(rule.short(support: support, providers: providers))
            }
        }
        return values
    }
}
