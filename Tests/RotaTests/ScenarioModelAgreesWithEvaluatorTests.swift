import Foundation
import RotaCore
import RotaSolver
import Testing

/// The brute-force agreement test for the rules the normalizer derives from a scenario file: a week with a
/// weekly minimum shrunk by leave (and not scaled by FTE), supervision of a shift without a site, coverage
/// lines with a floor, a target and a cap in every combination, either/or and by-the-hour lines, and demand
/// with support per provider rostered. Each seed writes a tiny scenario,
/// enumerates every roster of its two people, and holds the model's optimum to the evaluator's minimum.
/// Seeds vary the bend order, so the ranks' prices and weekly minimums that give way are checked too.
@Suite struct ScenarioModelAgreesWithEvaluatorTests {
    typealias Generator = ModelAgreesWithEvaluatorTests.Generator

    /// The problem of ``scenario(seed:)``, normalized (without the dead-end checks).
    static func problem(seed: UInt64) throws -> RosterProblem {
        let (parsed, _) = ScenarioParser.parse(text: scenario(seed: seed), file: "seed.yaml")
        var normalizer = ScenarioNormalizer(scenario: try #require(parsed))
        let normalized = normalizer.normalize(checkDeadEnds: false)
        try #require(normalized.isValid)
        return normalized.problem
    }

    static func scenario(seed: UInt64) -> String {
        var g = Generator(state: seed &* 0x9E37_79B9_7F4A_7C15 &+ 5)
        func leave(_ who: String) -> String {
            // Four or five days of leave: at most three open days, so that every roster can be listed.
            let from = g.int(0...2), length = g.int(4...5)
            return "  - {staff: \(who), from: 2026-12-\(String(format: "%02d", 7 + from)), to: 2026-12-\(String(format: "%02d", 7 + min(6, from + length - 1)))}\n"
        }
        var coverage = ""
        for shift in ["AM", "EVE", "TELE"] where g.chance(0.7) {
            let who = ["physician", "pa", "providers"][g.int(0...2)]
            let bounds = [("min", g.int(0...1)), ("target", g.int(1...2)), ("max", g.int(1...2))].filter { _ in g.chance(0.5) }
            guard !bounds.isEmpty else { continue }
            var fields = bounds.map { "\($0.0): \($0.1)" }
            let values = Dictionary(uniqueKeysWithValues: bounds)
            if let low = values["min"], let high = values["max"], low > high { continue }
            if let target = values["target"], (values["max"].map { target > $0 } ?? false) || (values["min"].map { target < $0 } ?? false) { continue }
            let hard = g.chance(0.5)
            if !hard { fields.append("hard: false") }
            if values["target"] != nil || values["min"] != nil { fields.append("under_weight: \(g.int(1...9) * 10)") }
            if values["target"] != nil || values["max"] != nil { fields.append("over_weight: \(g.int(1...7))") }
            if !hard && values["target"] != nil { fields.removeAll { $0.hasPrefix("min:") || $0.hasPrefix("max:") } }
            coverage += "  - {shift: \(shift), days: all, who: \(who), \(fields.joined(separator: ", "))}\n"
        }
        // Either of two shift types, or every shift type by the hour (the stretches between their starts and
        // ends, at north or anywhere). Drawn from a stream of their own, so the seeds' other rules stay as they were.
        var h = Generator(state: seed &* 0x2545_F491_4F6C_DD1D &+ 3)
        switch h.int(0...3) {
        case 0: coverage += "  - {shifts: [AM, TELE], days: all, who: providers, target: \(h.int(1...2)), hard: false, under_weight: \(h.int(1...9) * 10)}\n"
        case 1: coverage += "  - {shifts: [EVE, AM], days: all, who: physician, min: 1, max: \(h.int(1...2))}\n"
        case 2:
            let site = h.chance(0.5) ? ", site: north" : ""
            coverage += "  - {from: \"10:00\", to: \"22:00\"\(site), days: all, who: providers, min: \(h.int(0...1)), target: 1, under_weight: \(h.int(1...9) * 10)}\n"
        default: break
        }
        // Demand, sized per session or per provider-hour, with the PA as support per physician rostered.
        var demand = ""
        if h.chance(0.4) {
            let rate = h.chance(0.5) ? "visits_per_provider_hour: 3" : "visits_per_provider_session: 12"
            demand = "demand:\n  providers: physician\n  \(rate)\n"
                + "  sessions: {AM: {mon: \(h.int(1...30)), wed: \(h.int(1...30)), fri: \(h.int(0...30))}, EVE: {tue: \(h.int(1...20))}}\n"
                + "  support: [{who: pa, per_provider: \(["0.5", "1"][h.int(0...1)]), of: rostered}]\n  under_weight: \(h.int(1...9) * 10)\n"
        }
        let weekly = [20, 40][g.int(0...1)]
        let minimum = [0, 4, 8, 12][g.int(0...3)]
        // The standard bend order (weekly minimums give way first), minimums kept hard, and ranks that put one
        // shift's cover below the minimums and supervision.
        let bendOrder = ["", "bend_order: [cover]\n", "bend_order: [AM, min_hours, supervision]\n", "bend_order: [supervision, EVE]\n"][g.int(0...3)]
        return """
            rota: 1
            horizon: {start: 2026-12-07, days: 7}
            sites: [{id: north}]
            roles: [{id: physician, provider: true}, {id: pa, provider: true, supervised_by: [physician]}]
            groups: {providers: [physician, pa]}
            shift_types:
              - {id: AM, site: north, start: "08:00", end: "12:00"}
              - {id: EVE, site: north, start: "16:00", end: "20:00"}
              - {id: TELE, start: "19:00", end: "23:00"}
            contracts:
              - {id: c, weekly_hours: \(weekly), max_shifts_per_day: 1\(minimum > 0 ? ", min_hours_per_week: \(minimum)" : "")}
            staff:
              - {id: dr, role: physician, fte: \([0.5, 1.0][g.int(0...1)]), contract: c}
              - {id: pa, role: pa, fte: \([0.5, 1.0][g.int(0...1)]), contract: c}
            leave:
            \(leave("dr"))\(leave("pa"))coverage:
            \(coverage.isEmpty ? "  - {shift: AM, days: all, who: physician, target: 1}\n" : coverage)\(bendOrder)\(demand)
            """
    }

    /// Every schedule of one person: one permitted shift or none on each day.
    static func schedules(_ problem: RosterProblem, staff: Int) -> [[Assignment]] {
        var result: [[Assignment]] = [[]]
        for day in 0..<problem.dayCount {
            let options = problem.shiftTypes.indices.filter { problem.isPermitted(staff: staff, day: day, shift: $0) }
            result = result.flatMap { partial in [partial] + options.map { partial + [Assignment(staff: staff, day: day, shift: $0)] } }
        }
        return result
    }

    /// Solves seed `seed` (with `modelPath` instead of the shipped model when given) and lists every way the
    /// result differs from the brute-force truth.
    static func disagreements(seed: Int, modelPath: String? = nil) throws -> [String] {
        let text = Self.scenario(seed: UInt64(seed))
        // Without the pre-solve checks: a hard floor nobody can give is part of what the solver must price.
        let (parsed, diagnostics) = ScenarioParser.parse(text: text, file: "seed\(seed).yaml")
        guard let parsed, !diagnostics.contains(where: { $0.severity == .error }) else { return ["seed \(seed): \(diagnostics)"] }
        var normalizer = ScenarioNormalizer(scenario: parsed)
        let normalized = normalizer.normalize(checkDeadEnds: false)
        guard normalized.isValid else { return ["seed \(seed): \(normalized.diagnostics)"] }
        let problem = normalized.problem
        let evaluator = Evaluator(problem: problem)
        var best: Int?
        var bestElastic: Int?
        let second = Self.schedules(problem, staff: 1)
        for a in Self.schedules(problem, staff: 0) {
            for b in second {
                let evaluation = evaluator.evaluate(Roster(a + b))
                guard evaluation.meetsPersonalRules else { continue }
                bestElastic = min(bestElastic ?? Int.max, evaluation.modelObjective)
                if evaluation.isFeasible { best = min(best ?? Int.max, evaluation.total) }
            }
        }
        var options = SolveOptions()
        options.workLimit = 20_000
        options.timeLimit = .seconds(60)
        options.workers = 1
        options.modelPath = modelPath
        let outcome = try RosterSolver(problem: problem, options: options).solve()
        var found: [String] = []
        func check(_ ok: Bool, _ what: String) { if !ok { found.append("seed \(seed): \(what)\n\(text)") } }
        check(outcome.objectivesAgree, "solver and evaluator objectives differ")
        if let best {
            check(outcome.status == .optimal, "status \(outcome.status), expected optimal")
            check(outcome.evaluation?.total == best, "total \(String(describing: outcome.evaluation?.total)), best \(best)")
        } else if let bestElastic {
            check(outcome.evaluation?.modelObjective == bestElastic, "elastic \(String(describing: outcome.evaluation?.modelObjective)), best \(bestElastic)")
            check(outcome.evaluation?.isFeasible == false, "claims every hard rule met")
        } else {
            check(outcome.status == .infeasible && outcome.roster == nil, "status \(outcome.status), expected infeasible")
        }
        return found
    }

    @Test(arguments: 0..<24)
    func solverOptimumIsTheEvaluatorsMinimum(seed: Int) throws {
        let found = try Self.disagreements(seed: seed)
        #expect(found.isEmpty, "\(found)")
    }

    /// The seeds reach the rules they are about: without weekly minimums or supervision in the model, some
    /// seed disagrees.
    @Test(arguments: ["window_min", "supervision", "cover_floor"])
    func droppingAConstraintFamilyIsNoticed(family: String) throws {
        let model = try String(contentsOfFile: try #require(RotaModelsPath.roster), encoding: .utf8)
        let mutated = try #require(ClinicModelAgreesWithEvaluatorTests.dropping(constraint: family, from: model))
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rota-scenario-mutant-\(family)-\(getpid()).mod").path
        try mutated.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var noticed = false
        for seed in 0..<24 where !noticed {
            noticed = !(try Self.disagreements(seed: seed, modelPath: path)).isEmpty
        }
        #expect(noticed, "no seed notices that `\(family)` is missing from the model")
    }
}
