import ArgumentParser
import RotaCore

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read a problem in another format, or load a scenario's people into the records.",
        subcommands: [NRP.self, ScenarioFile.self])

    struct NRP: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "nrp", abstract: "Read a Curtois & Qu benchmark instance and summarise the rules found.")

        @Argument(help: "The instance file.")
        var file: String

        func run() throws {
            let problem = try Input.loadProblem(path: file)
            print("\(problem.name): \(problem.staff.count) staff, \(problem.dayCount) days, \(problem.shiftTypes.count) shift types")
            print("shift types: " + problem.shiftTypes.map { "\($0.id) (\($0.lengthMinutes) min)" }.joined(separator: ", "))
            let successions = problem.forbiddenSuccessions.map {
                "\(problem.shiftTypes[$0.from].id)→\(problem.shiftTypes[$0.to].id)"
            }
            print("forbidden successions: " + (successions.isEmpty ? "none" : successions.joined(separator: " ")))
            print("weekends: \(problem.weekends.count)")
            print("hard days off: \(problem.staff.reduce(0) { $0 + $1.daysOff.count })")
            print("shift-on requests: \(problem.shiftOnRequests.count), shift-off requests: \(problem.shiftOffRequests.count)")
            print("cover requirements: \(problem.cover.count), people required in total: \(problem.cover.reduce(0) { $0 + $1.required })")
        }
    }
}
