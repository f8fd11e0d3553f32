import GLPKKit
import RotaCore

/// Rounds an optimum of the LP relaxation to a roster, one person at a time.
///
/// Every rule but cover and supervision binds one person (``PersonDecomposition``), and the LP point meets
/// each person's rules, fractionally. So each person's own problem is solved for the schedule closest to
/// their part of the point: every assignment the point makes whole costs nothing to keep and 1 to drop
/// (or add), a fractional one costs in between, and the model's own costs break ties. Each schedule then
/// meets that person's hard rules exactly, so their union is a roster whatever the cover.
///
/// Hard cover floors and caps bind several people, and the LP may share one place between them (a night on
/// call at one half each), which rounding each person alone would break. So people are rounded in turn, and
/// a place whose cap the people before filled costs more than any distance saves, while a place whose floor
/// the people after could not reach any more (their LP share is too small) is worth as much. Soft targets
/// count the same way at half the weight; the search mends what rounding left.
///
/// On large practice models the LP optimum is nearly whole (a 150-person quarter: about 850 of 43 503
/// assignments fractional), and its rounding is far better than the search reaches in the same time
/// (BENCHMARKS.md). Fixing the whole part and leaving the fractional part to one GLPK sub-MIP (RENS) was
/// tried first: on that quarter it found no roster within 4 000 units in one run and 3 902 in another.
struct RelaxationRounding {
    let decomposition: PersonDecomposition
    let map: ColumnMap
    /// Most work each person's MIP may take.
    let personWorkLimit: Double

    /// The assignment columns of `values` strictly between 0 and 1.
    static func fractionalAssignments(_ values: [Double], map: ColumnMap) -> Int {
        map.assignmentColumnIndices.count { values[$0] > 1e-6 && values[$0] < 1 - 1e-6 }
    }
    /// Stops the person MIPs when asked.
    var control: GLPKControl?
    /// The assignment columns each cover requirement counts, and the requirements each such column counts
    /// toward.
    private let coverColumns: [[Int]]
    private let coverRows: [Int: [Int]]
    /// Weight of the model's costs against the distance from the point.
    static let costWeight = 1e-3

    init(decomposition: PersonDecomposition, map: ColumnMap, personWorkLimit: Double) {
        self.decomposition = decomposition
        self.map = map
        self.personWorkLimit = personWorkLimit
        let problem = map.problem
        coverColumns = problem.cover.map { requirement in
            let cells = requirement.cells
            return requirement.people(staffCount: problem.staff.count).flatMap { person in
                cells.compactMap { map.column(of: Assignment(staff: person, day: $0.day, shift: $0.shift)) }
            }
        }
        var coverRows: [Int: [Int]] = [:]
        for (index, columns) in coverColumns.enumerated() {
            for column in columns { coverRows[column, default: []].append(index) }
        }
        self.coverRows = coverRows
    }

    /// Person `person`'s schedule of least cost under `objective` (by their own columns), or nil when
    /// their MIP finds none within its work limit; and the work it took.
    private func schedule(of person: Int, objective: [Double]) throws(GLPKError) -> (assignments: [Assignment]?, work: Double) {
        var options = MIPOptions()
        options.presolve = true
        options.cliqueCuts = true
        options.coverCuts = true
        options.workWeights = .pricing
        options.workLimit = personWorkLimit
        let problem = try GLPKProblem(decomposition.personProgram(person))
        try problem.setObjective(objective)
        let result = try problem.solve(options, control: control)
        guard let local = result.columnValues else { return (nil, result.work) }
        var assignments: [Assignment] = []
        for (offset, column) in decomposition.personColumns[person].enumerated() where local[offset] > 0.5 {
            if case .assignment(let assignment) = map.columns[column] { assignments.append(assignment) }
        }
        return (assignments, result.work)
    }

    /// The rounded roster, and the work it took. A person whose MIP finds no schedule within its limit
    /// keeps their schedule in `fallback` (a roster meeting their rules).
    func round(_ values: [Double], fallback: Roster) throws(GLPKError) -> (roster: Roster, work: Double, keptFromFallback: Int) {
        var assignments: [Assignment] = []
        var work = 0.0
        var kept = 0
        let fallbackByPerson = Dictionary(grouping: fallback.assignments, by: \.staff)
        // People placed on each cover requirement so far, and the LP's share of it among the people not yet
        // rounded.
        let problem = map.problem
        var placed = [Int](repeating: 0, count: problem.cover.count)
        var share = coverColumns.map { columns in columns.reduce(0.0) { $0 + values[$1] } }
        for person in 0..<decomposition.personCount {
            let columns = decomposition.personColumns[person]
            for column in columns { for row in coverRows[column] ?? [] { share[row] -= values[column] } }
            let objective = columns.map { column -> Double in
                var cost = Self.costWeight * decomposition.program.objective[column]
                guard case .assignment = map.columns[column] else { return cost }
                cost += 1 - 2 * min(1, max(0, values[column]))
                for row in coverRows[column] ?? [] {
                    let requirement = problem.cover[row]
                    if let cap = requirement.hardMaximum, placed[row] >= cap { cost += 2 }
                    if Double(placed[row]) + share[row] < Double(requirement.hardMinimum) - 1e-6 { cost -= 2 }
                    if requirement.overWeight > 0 && placed[row] >= requirement.required { cost += 1 }
                    if requirement.underWeight > 0 && Double(placed[row]) + share[row] < Double(requirement.required) - 1e-6 { cost -= 1 }
                }
                return cost
            }
            let found = try schedule(of: person, objective: objective)
            work += found.work
            let schedule: [Assignment]
            if let assignments = found.assignments {
                schedule = assignments
            } else {
                schedule = fallbackByPerson[person] ?? []
                kept += 1
            }
            for assignment in schedule {
                if let column = map.column(of: assignment) { for row in coverRows[column] ?? [] { placed[row] += 1 } }
            }
            assignments += schedule
        }
        return (Roster(assignments), work, kept)
    }

    /// Improves `roster` one person at a time, in `sweeps` passes over everybody: each person's own problem
    /// with everyone else held, priced as the whole model prices a change of that person alone — their own
    /// costs (requests, fairness), and for each place, what it does to every cover requirement given the
    /// others there (short of a target: the under weight saved; at or above it: the over weight paid; hard
    /// floors and caps at the hard weight). Supervision binds people too, so a new schedule is kept only when
    /// the whole model's cost falls. Each person's MIP is small, so a pass over 150 people takes about a
    /// second and a half where a GLPK neighbourhood of the whole model takes several.
    func improve(
        _ roster: Roster, model: ModelObjective, sweeps: Int
    ) throws(GLPKError) -> (roster: Roster, before: Double, value: Double, work: Double, changed: Int)? {
        let problem = map.problem
        guard var point = map.point(for: roster) else { return nil }
        let before = model.value(point)
        var value = before
        var count = coverColumns.map { columns in columns.count { point[$0] > 0.5 } }
        var schedules = Dictionary(grouping: roster.assignments, by: \.staff)
        var work = 0.0
        var changed = 0
        for _ in 0..<sweeps {
            var changedThisSweep = 0
            for person in 0..<decomposition.personCount {
                let columns = decomposition.personColumns[person]
                let objective = columns.map { column -> Double in
                    var cost = decomposition.program.objective[column]
                    for row in coverRows[column] ?? [] {
                        let requirement = problem.cover[row]
                        let others = count[row] - (point[column] > 0.5 ? 1 : 0)
                        cost += others < requirement.required ? -Double(requirement.underWeight) : Double(requirement.overWeight)
                        if others < requirement.hardMinimum { cost -= Double(requirement.hardWeight) }
                        if let cap = requirement.hardMaximum, others >= cap { cost += Double(requirement.hardWeight) }
                    }
                    return cost
                }
                let found = try schedule(of: person, objective: objective)
                work += found.work
                guard let schedule = found.assignments else { continue }
                let current = schedules[person] ?? []
                guard Set(schedule) != Set(current) else { continue }
                var trial = schedules
                trial[person] = schedule
                let candidate = Roster(trial.values.flatMap { $0 })
                guard let candidatePoint = map.point(for: candidate) else { continue }
                let candidateValue = model.value(candidatePoint)
                guard candidateValue < value - 0.5 else { continue }
                for assignment in current {
                    if let column = map.column(of: assignment) { for row in coverRows[column] ?? [] { count[row] -= 1 } }
                }
                for assignment in schedule {
                    if let column = map.column(of: assignment) { for row in coverRows[column] ?? [] { count[row] += 1 } }
                }
                schedules = trial
                point = candidatePoint
                value = candidateValue
                changedThisSweep += 1
            }
            changed += changedThisSweep
            if changedThisSweep == 0 { break }
        }
        return (Roster(schedules.values.flatMap { $0 }.sorted()), before, value, work, changed)
    }
}
