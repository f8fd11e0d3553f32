import ArgumentParser
import RotaCore

struct Schema: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the JSON Schema of the scenario format, for editors.",
        discussion: """
            The schema is generated from the same description of the format that `rota validate` checks files \
            against, so an editor using it accepts what Rota accepts. The repository ships it as \
            scenarios/rota-scenario.schema.json (a test keeps the two equal):

              rota schema > scenarios/rota-scenario.schema.json
            """)

    func run() throws {
        print(ScenarioFormat.jsonSchema, terminator: "")
    }
}
