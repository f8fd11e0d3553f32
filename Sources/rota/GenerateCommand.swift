import ArgumentParser
import Foundation
import RotaCore

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a synthetic practice scenario of a given size (for scale benchmarks and experiments).",
        discussion: """
            The practice has the example practice's rules: morning and afternoon clinics at every site (Saturday \
            mornings at the main one), after-hours and weekend call for physicians, contracts, leave, requests, \
            expiring credentials, patient demand sized to the providers, fairness, history and a pinned shift. \
            The same options write the same file.

              rota generate --staff 150 --weeks 13 --sites 3 --seed 1 --out big.yaml
              rota solve big.yaml --time-limit 120 --gap 1
            """)

    @Option(name: .long, help: "Number of staff (the role mix follows the example practice; at least 6 physicians).")
    var staff: Int = 40

    @Option(name: .long, help: "Length of the horizon in weeks (it starts on a Monday).")
    var weeks: Int = 4

    @Option(name: .long, help: "Number of sites (1–6).")
    var sites: Int = 2

    @Option(name: .long, help: "Seed: the same settings and seed write the same practice.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "First day (YYYY-MM-DD); moved back to its Monday. Default 2027-01-04.")
    var start: String?

    @Option(name: .long, help: "Write the scenario here instead of to standard output.")
    var out: String?

    func run() throws {
        var startDate: CalendarDate?
        if let start {
            guard let date = CalendarDate(iso: start) else {
                Terminal.error("--start: `\(start)` is not a date\n  hint: write it as YYYY-MM-DD, e.g. 2027-01-04")
                throw ExitCode(RotaExit.badInput)
            }
            startDate = date
        }
        let generator = PracticeGenerator(staff: staff, weeks: weeks, sites: sites, seed: seed, start: startDate)
        let text: String
        do {
            text = try generator.yaml()
        } catch {
            Terminal.error("cannot generate: \(error.description)")
            throw ExitCode(RotaExit.badInput)
        }
        guard let out else {
            print(text, terminator: "")
            return
        }
        do {
            try text.write(toFile: out, atomically: true, encoding: .utf8)
        } catch {
            Terminal.error("\(out): cannot write: \(error.localizedDescription)")
            throw ExitCode(RotaExit.badInput)
        }
        Terminal.note("wrote \(out): \(staff) staff, \(sites) site\(sites == 1 ? "" : "s"), \(weeks) week\(weeks == 1 ? "" : "s")")
    }
}
