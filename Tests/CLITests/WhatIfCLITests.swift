import Foundation
import RotaCore
import Testing

/// `rota whatif` and `rota reroster` on the example practice, through the binary.
@Suite("what-if and re-roster")
struct WhatIfCLITests {
    static let example = RotaRun.packageRoot.appendingPathComponent("scenarios/riverside-2026-12.yaml").path
    static let changes = RotaRun.packageRoot.appendingPathComponent("scenarios/changes")

    /// Every number of the comparison agrees with the evaluator run on the variant's roster here.
    @Test func comparisonNumbersMatchTheEvaluator() throws {
        let folder = try temporaryDirectory()
        let rosters = folder.appendingPathComponent("rosters").path
        let changeFiles = ["hire-np.yaml", "demand-up-15.yaml"].map { Self.changes.appendingPathComponent($0).path }
        let run = try RotaRun.run(
            ["whatif", Self.example, "--work", "1500", "--format", "json", "--rosters", rosters]
                + changeFiles.flatMap { ["--change", $0] })
        #expect(run.exitCode == 0, "\(run.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let variants = try #require(json["variants"] as? [[String: Any]])
        #expect(variants.map { $0["name"] as? String } == ["base", "+0.6 NP", "demand +15%"])

        var problems = [try #require(ScenarioNormalizer.load(file: Self.example).normalized).problem]
        for file in changeFiles {
            let change = try #require(ScenarioChange.load(changeFile: file, baseFile: Self.example).change)
            problems.append(try #require(change.normalized(label: file).normalized).problem)
        }
        var rostersByName: [Set<String>] = []
        for (index, name) in ["base", "hire-np", "demand-up-15"].enumerated() {
            let text = try String(contentsOfFile: rosters + "/\(name).csv", encoding: .utf8)
            let roster = try RosterCSV.read(text, file: name, problem: problems[index])
            let evaluation = Evaluator(problem: problems[index]).evaluate(roster)
            let variant = variants[index]
            #expect(variant["objective"] as? Int == evaluation.total)
            #expect(variant["hardViolations"] as? Int == evaluation.hardViolations.count)
            let breakdown = try #require(variant["breakdown"] as? [String: Int])
            #expect(breakdown.values.reduce(0, +) == evaluation.total)
            for (kind, cost) in evaluation.breakdown { #expect(breakdown[kind.rawValue] == cost) }
            let short = (variant["uncoveredPeople"] as? [String: Int] ?? [:]).values.reduce(0, +)
            #expect(short == evaluation.penalties.filter { $0.kind == .underCover }.reduce(0) { $0 + $1.units })
            let refused = evaluation.penalties.filter { [.shiftOnRequest, .shiftOffRequest, .dayOnRequest, .dayOffRequest].contains($0.kind) }.count
            #expect((variant["requests"] as? Int ?? 0) - (variant["requestsGranted"] as? Int ?? 0) == refused)
            let paid = (variant["hoursByRole"] as? [String: [String: Double]] ?? [:]).values.reduce(0) { $0 + ($1["paid"] ?? 0) }
            let expected = Double(roster.assignments.reduce(0) { $0 + problems[index].shiftTypes[$1.shift].paidMinutes }) / 60
            #expect(abs(paid - expected) < 0.5)
            rostersByName.append(Set(text.split(separator: "\n").dropFirst().map(String.init)))
        }
        for index in 1..<3 {
            #expect(variants[index]["differsFromBase"] as? Int == rostersByName[index].symmetricDifference(rostersByName[0]).count)
        }
        // The new NP works in the variant that hires them, and the hire takes work off someone.
        #expect(rostersByName[1].contains { $0.hasPrefix("np-new,") })
    }

    /// The same files, seed and work give the same table, so it can be diffed in a pull request.
    @Test func theSameInputsGiveTheSameTable() throws {
        let change = Self.changes.appendingPathComponent("no-friday-pm.yaml").path
        let arguments = ["whatif", Self.example, "--change", change, "--work", "1200"]
        let first = try RotaRun.run(arguments)
        let second = try RotaRun.run(arguments)
        #expect(first.exitCode == 0, "\(first.stderr)")
        #expect(!first.stdout.contains("not reproducible"))
        #expect(first.stdout.contains("assignments changed vs base"))
        #expect(first.stdout == second.stdout)
    }

    /// Variants solved two at a time in one process: each solve has its own cancellation, so one ending
    /// (and stopping its helper) stops no other, and the table is the same on every run.
    @Test func twoVariantsAtATimeGiveTheSameTableEveryTime() throws {
        let arguments = [
            "whatif", Self.example, "--change", Self.changes.appendingPathComponent("no-friday-pm.yaml").path,
            "--change", Self.changes.appendingPathComponent("hire-np.yaml").path, "--work", "1200", "--jobs", "2",
        ]
        let first = try RotaRun.run(arguments)
        let second = try RotaRun.run(arguments)
        #expect(first.exitCode == 0, "\(first.stderr)")
        #expect(!first.stdout.contains("not reproducible") && !first.stdout.contains("interrupted"), "\(first.stdout)")
        #expect(first.stdout.split(separator: "\n").first?.contains("+0.6 NP") == true)
        #expect(first.stdout == second.stdout)
    }

    /// The published roster comes from a work-limited solve: the same roster on any machine, however loaded
    /// (a 3 s clock limit left hard rules broken on a slower CI machine).
    static func publishCommand(_ out: String) -> [String] {
        ["solve", example, "--work-limit", "2500", "--time-limit", "120", "--out", out, "--no-grid"]
    }

    @Test func aBrokenChangeFileStopsBeforeAnySolve() throws {
        let folder = try temporaryDirectory()
        let broken = folder.appendingPathComponent("broken.yaml")
        try "change: 1\nstaff:\n  - remove: dr-adms\n".write(to: broken, atomically: true, encoding: .utf8)
        let run = try RotaRun.run(["whatif", Self.example, "--change", broken.path, "--work", "100"])
        #expect(run.exitCode == 2)
        #expect(run.stderr.contains("broken.yaml:3:13: error: staff[0].remove: no staff member `dr-adms`"))
        #expect(run.stderr.contains("did you mean `dr-adams`?"))
        #expect(run.stdout.isEmpty)
    }

    /// Someone with shifts falls sick: the re-roster covers it with far fewer changes than a fresh solve,
    /// and nothing before the freeze date moves.
    @Test func rerosterChangesLittleAndNothingFrozen() throws {
        let folder = try temporaryDirectory()
        let published = folder.appendingPathComponent("published.csv").path
        #expect(try RotaRun.run(Self.publishCommand(published)).exitCode == 0)
        let lines = try String(contentsOfFile: published, encoding: .utf8).split(separator: "\n").dropFirst().map(String.init)
        // The RN with most shifts from Tue 8 to Thu 10 December falls sick then.
        let sickDays = ["2026-12-08", "2026-12-09", "2026-12-10"]
        let counts = Dictionary(grouping: lines.filter { line in line.hasPrefix("rn-") && sickDays.contains { line.contains(",\($0),") } }) {
            String($0.split(separator: ",")[0])
        }
        let sick = try #require(counts.max { ($0.value.count, $1.key) < ($1.value.count, $0.key) }?.key)
        let change = folder.appendingPathComponent("sick.yaml")
        try "change: 1\nleave: [{staff: \(sick), from: 2026-12-08, to: 2026-12-10, kind: sick}]\n"
            .write(to: change, atomically: true, encoding: .utf8)

        let updated = folder.appendingPathComponent("updated.csv").path
        let run = try RotaRun.run([
            "reroster", Self.example, "--published", published, "--change", change.path, "--freeze-until", "2026-12-08",
            "--work-limit", "2500", "--time-limit", "120", "--out", updated,
        ])
        #expect(run.exitCode == 0, "\(run.stderr)")
        #expect(!run.stdout.contains("Conflicts"), "the re-roster meets every hard rule")
        func number(after label: String) -> Int? {
            run.stdout.split(separator: "\n").first { $0.hasPrefix(label) }?.dropFirst(label.count)
                .split(separator: " ").first.flatMap { Int($0) }
        }
        let changes = try #require(number(after: "changes     "))
        let fresh = try #require(number(after: "fresh solve "))
        #expect(changes > 0 && changes * 5 < fresh, "\(run.stdout)")
        // Their line lists the sick days they were rostered on (not necessarily all three), each now off.
        let line = try #require(run.stdout.split(separator: "\n").first { $0.hasPrefix("  \(sick): ") }, "\(run.stdout)")
        #expect(["Tue 8 Dec", "Wed 9 Dec", "Thu 10 Dec"].contains { line.contains($0) } && line.contains("→ off (sick)"), "\(line)")

        let after = try String(contentsOfFile: updated, encoding: .utf8).split(separator: "\n").dropFirst().map(String.init)
        func before(_ date: String, _ roster: [String]) -> Set<String> { Set(roster.filter { String($0.split(separator: ",")[1]) < date }) }
        #expect(before("2026-12-08", after) == before("2026-12-08", lines), "no change before the freeze date")
        #expect(!after.contains { $0.hasPrefix("\(sick),") && sickDays.contains(String($0.split(separator: ",")[1])) })
        #expect(Set(after).symmetricDifference(Set(lines)).count == changes)
    }

    @Test func freezingADayTheChangeTouchesIsRefused() throws {
        let folder = try temporaryDirectory()
        let published = folder.appendingPathComponent("published.csv").path
        #expect(try RotaRun.run(Self.publishCommand(published)).exitCode == 0)
        let first = try #require(try String(contentsOfFile: published, encoding: .utf8).split(separator: "\n").dropFirst().first)
        let fields = first.split(separator: ",").map(String.init)
        let change = folder.appendingPathComponent("sick.yaml")
        try "change: 1\nleave: [{staff: \(fields[0]), from: \(fields[1]), to: \(fields[1]), kind: sick}]\n"
            .write(to: change, atomically: true, encoding: .utf8)
        let run = try RotaRun.run([
            "reroster", Self.example, "--published", published, "--change", change.path, "--freeze-until", "2026-12-31", "--time-limit", "1",
        ])
        #expect(run.exitCode == 2)
        #expect(run.stderr.contains("\(fields[0]) works \(fields[2])") && run.stderr.contains("that day is frozen"), "\(run.stderr)")
    }
}
