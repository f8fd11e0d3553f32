import Foundation
import Mustache
import RotaCore

/// What-if variants as one self-contained HTML page: the comparison table with the variants side by side,
/// then each variant's roster (grid, coverage heatmap, conflicts) on pages of its own. Same template family
/// and escaping as ``HTMLRoster``.
public struct WhatIfHTML {
    public var title: String
    public var summaries: [WhatIfSummary]
    public var results: [WhatIfResult]

    public init(title: String, summaries: [WhatIfSummary], results: [WhatIfResult]) {
        self.title = title
        self.summaries = summaries
        self.results = results
    }

    struct Value { var text: String }
    struct Line { var label: String; var values: [Value] }
    struct Variant { var anchor: String; var name: String; var page: HTMLRoster.Page }
    struct Page { var title: String; var names: [Variant]; var lines: [Line]; var variants: [Variant] }

    public func html() throws -> String {
        let variants = results.enumerated().map { index, result in
            Variant(anchor: "v\(index)", name: result.name, page: HTMLRoster(
                problem: result.problem, roster: result.roster, evaluation: result.evaluation, title: result.name
            ).page(withPeople: false, prefix: "v\(index)-"))
        }
        let lines = WhatIfTable.rows(summaries).map { Line(label: $0.0.trimmingCharacters(in: .whitespaces), values: $0.1.map(Value.init)) }
        return try HTMLRoster.library().render(Page(title: title, names: variants, lines: lines, variants: variants), withTemplate: "whatif") ?? ""
    }

    static let template = #"""
    {{> head}}
    <h1>{{title}}</h1>
    <h2>The variants side by side</h2>
    <table class="compare">
    <thead><tr><th></th>{{#names}}<th><a href="#{{anchor}}">{{name}}</a></th>{{/names}}</tr></thead>
    <tbody>{{#lines}}<tr><th>{{label}}</th>{{#values}}<td>{{text}}</td>{{/values}}</tr>
    {{/lines}}</tbody>
    </table>
    {{#variants}}
    <section class="variant" id="{{anchor}}">
    {{#page}}{{> roster}}{{/page}}
    </section>
    {{/variants}}
    </body>
    </html>
    """#
}
