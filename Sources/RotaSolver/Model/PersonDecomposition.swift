import GLPKKit
import RotaCore

/// The roster model split by person (Dantzig–Wolfe): one small problem per person and a master that binds
/// them.
///
/// Every rule but cover, hard cover floors and caps and supervision binds one person at a time. So each
/// person's columns (assignments, working days, weekends, fairness slacks) with every row that touches only
/// them form that person's own problem, and what is left — the rows that bind several people, and the
/// columns that belong to nobody (cover and supervision slacks) — forms the master, which picks one
/// schedule (a *pattern*) per person. The split is read off the generated problem itself, so it follows
/// `roster.mod` without a second copy of any rule.
struct PersonDecomposition {
    let program: LinearProgram
    let personCount: Int
    /// The person each column belongs to, or -1 for a column of the master.
    let owner: [Int]
    /// Each column's position among its owner's columns (or among the master's).
    let localIndex: [Int]
    let personColumns: [[Int]]
    let personRows: [[Int]]
    let masterColumns: [Int]
    /// Rows that bind several people, or a person and a master column: the master's rows.
    let couplingRows: [Int]
    /// Each column's entries in the coupling rows, as (position in ``couplingRows``, value).
    let couplingEntries: [[(row: Int, value: Double)]]
    /// Each row's entries, as (column, value).
    private let rowEntries: [[(column: Int, value: Double)]]

    init(program: LinearProgram, map: ColumnMap) {
        self.program = program
        personCount = map.problem.staff.count
        var owner = [Int](repeating: -1, count: program.columns.count)
        for (column, kind) in map.columns.enumerated() {
            switch kind {
            case .assignment(let a): owner[column] = a.staff
            case .workingDay(let staff, _), .weekend(let staff, _), .fairOver(_, let staff), .fairUnder(_, let staff),
                .minutesShort(let staff), .windowShort(let staff, _):
                owner[column] = staff
            case .underCover, .overCover, .coverShort, .coverExcess, .unsupervised, .supportShort:
                owner[column] = -1
            }
        }
        var personColumns = [[Int]](repeating: [], count: personCount)
        var masterColumns: [Int] = []
        var localIndex = [Int](repeating: 0, count: owner.count)
        for (column, person) in owner.enumerated() {
            if person >= 0 {
                localIndex[column] = personColumns[person].count
                personColumns[person].append(column)
            } else {
                localIndex[column] = masterColumns.count
                masterColumns.append(column)
            }
        }
        var rowEntries = [[(column: Int, value: Double)]](repeating: [], count: program.rows.count)
        for entry in program.entries { rowEntries[entry.row].append((entry.column, entry.value)) }
        var personRows = [[Int]](repeating: [], count: personCount)
        var couplingRows: [Int] = []
        var couplingEntries = [[(row: Int, value: Double)]](repeating: [], count: owner.count)
        for (row, entries) in rowEntries.enumerated() {
            // A free row (MathProg's copy of the objective) or an empty one constrains nothing.
            if program.rows[row] == .free || entries.isEmpty { continue }
            let owners = Set(entries.map { owner[$0.column] })
            if owners.count == 1, let person = owners.first, person >= 0 {
                personRows[person].append(row)
            } else {
                for entry in entries { couplingEntries[entry.column].append((couplingRows.count, entry.value)) }
                couplingRows.append(row)
            }
        }
        self.owner = owner
        self.localIndex = localIndex
        self.personColumns = personColumns
        self.personRows = personRows
        self.masterColumns = masterColumns
        self.couplingRows = couplingRows
        self.couplingEntries = couplingEntries
        self.rowEntries = rowEntries
    }

    /// Person `person`'s own problem: their columns and rows, with the model's costs (callers replace the
    /// objective with reduced costs).
    func personProgram(_ person: Int) -> LinearProgram {
        let columns = personColumns[person]
        var entries: [LinearProgram.Entry] = []
        for (local, row) in personRows[person].enumerated() {
            for entry in rowEntries[row] {
                entries.append(LinearProgram.Entry(row: local, column: localIndex[entry.column], value: entry.value))
            }
        }
        return LinearProgram(
            rows: personRows[person].map { program.rows[$0] },
            columns: columns.map { program.columns[$0] },
            isInteger: columns.map { program.isInteger[$0] },
            objective: columns.map { program.objective[$0] },
            entries: entries)
    }

    /// The master with no pattern yet: the coupling rows, one convexity row per person (each person takes
    /// exactly one pattern), and the master's own columns.
    func masterProgram() -> LinearProgram {
        var entries: [LinearProgram.Entry] = []
        for (local, column) in masterColumns.enumerated() {
            for entry in couplingEntries[column] {
                entries.append(LinearProgram.Entry(row: entry.row, column: local, value: entry.value))
            }
        }
        return LinearProgram(
            rows: couplingRows.map { program.rows[$0] } + Array(repeating: .fixed(1), count: personCount),
            columns: masterColumns.map { program.columns[$0] },
            isInteger: masterColumns.map { program.isInteger[$0] },
            objective: masterColumns.map { program.objective[$0] },
            objectiveConstant: program.objectiveConstant,
            entries: entries)
    }

    /// The pattern of `person` in a full model point.
    func pattern(of person: Int, in point: [Double]) -> Pattern {
        let columns = personColumns[person].filter { abs(point[$0]) > 1e-9 }
        return Pattern(person: person, columns: columns, values: columns.map { point[$0] }, decomposition: self)
    }

    /// The pattern of `person` from a solution of their own problem (values by local column).
    func pattern(of person: Int, local values: [Double]) -> Pattern {
        var columns: [Int] = [], kept: [Double] = []
        for (local, column) in personColumns[person].enumerated() where abs(values[local]) > 1e-9 {
            columns.append(column)
            kept.append(program.isInteger[column] ? values[local].rounded() : values[local])
        }
        return Pattern(person: person, columns: columns, values: kept, decomposition: self)
    }

    /// The objective of `person`'s own problem at the master's duals: each column's cost minus what its
    /// entries in the coupling rows are worth.
    func reducedCosts(of person: Int, couplingDuals: [Double]) -> [Double] {
        personColumns[person].map { column in
            couplingEntries[column].reduce(program.objective[column]) { $0 - couplingDuals[$1.row] * $1.value }
        }
    }

    /// A lower bound on the model's optimum from any duals of the coupling rows and, per person, a lower
    /// bound on the least reduced cost of their own problem (Lagrangian relaxation of the coupling rows).
    /// Valid whatever the duals; `nil` when a dual has the wrong sign for an unbounded side.
    func lagrangianBound(couplingDuals: [Double], personMinima: [Double]) -> Double? {
        var bound = program.objectiveConstant
        for (position, row) in couplingRows.enumerated() {
            let dual = couplingDuals[position]
            let bounds = program.rows[row]
            if dual > 1e-9 {
                guard let lower = bounds.lower else { return nil }
                bound += dual * lower
            } else if dual < -1e-9 {
                guard let upper = bounds.upper else { return nil }
                bound += dual * upper
            }
        }
        for column in masterColumns {
            let reduced = couplingEntries[column].reduce(program.objective[column]) { $0 - couplingDuals[$1.row] * $1.value }
            let bounds = program.columns[column]
            if reduced > 1e-9 {
                guard let lower = bounds.lower else { return nil }
                bound += reduced * lower
            } else if reduced < -1e-9 {
                guard let upper = bounds.upper else { return nil }
                bound += reduced * upper
            }
        }
        return bound + personMinima.reduce(0, +)
    }
}

/// One person's schedule as a column of the master: their columns at non-zero values, what it costs, and
/// how much it puts into each coupling row.
struct Pattern {
    let person: Int
    let columns: [Int]
    let values: [Double]
    let cost: Double
    /// Entries in the coupling rows (positions in ``PersonDecomposition/couplingRows``), summed.
    let coupling: [(row: Int, value: Double)]
    /// The assignment columns at 1, which identify the schedule.
    let key: [Int]

    init(person: Int, columns: [Int], values: [Double], decomposition: PersonDecomposition) {
        self.person = person
        self.columns = columns
        self.values = values
        var cost = 0.0
        var sums: [Int: Double] = [:]
        for (column, value) in zip(columns, values) {
            cost += decomposition.program.objective[column] * value
            for entry in decomposition.couplingEntries[column] { sums[entry.row, default: 0] += entry.value * value }
        }
        self.cost = cost
        coupling = sums.filter { abs($0.value) > 1e-12 }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        key = zip(columns, values).filter { decomposition.program.isInteger[$0.0] && $0.1 > 0.5 }.map(\.0)
    }

    /// Its reduced cost at the given duals.
    func reducedCost(couplingDuals: [Double], convexityDual: Double) -> Double {
        coupling.reduce(cost) { $0 - couplingDuals[$1.row] * $1.value } - convexityDual
    }
}
