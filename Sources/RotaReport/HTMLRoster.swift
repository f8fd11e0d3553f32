import Foundation
import Mustache
public import RotaCore

/// A roster as one self-contained HTML page (no scripts, nothing loaded from the network) that prints on A4
/// or Letter landscape: the month grouped by role, a key, the coverage table as a heatmap, the conflicts
/// (each linked to its cell) and a page per person.
///
/// Leave, public holidays, weekends and lapsed credentials are marked by symbols and patterns as well as
/// colour, so the page reads in black and white and to colour-blind eyes. The page comes from a Mustache
/// template; every name from a scenario goes through the template's HTML escaping.
public struct HTMLRoster {
    public let problem: RosterProblem
    public let roster: Roster
    /// The evaluator's verdict; without one (a published roster) there is no conflict list.
    public let evaluation: Evaluation?
    /// Lines of the header (`status`, `objective`, …) as label and value.
    public var summary: [(label: String, value: String)]
    public var title: String

    public init(problem: RosterProblem, roster: Roster, evaluation: Evaluation?, title: String, summary: [(label: String, value: String)] = []) {
        self.problem = problem
        self.roster = roster
        self.evaluation = evaluation
        self.title = title
        self.summary = summary
    }

    struct Day { var label: String; var weekday: String; var classes: String; var title: String }
    struct Cell { var id: String; var text: String; var classes: String; var title: String }
    struct Row { var id: String; var anchor: String; var label: String; var cells: [Cell] }
    struct Group { var name: String; var span: Int; var rows: [Row] }
    struct KeyItem { var symbol: String; var classes: String; var meaning: String }
    struct Conflict { var text: String; var classes: String; var link: String?; var cost: String }
    struct Shift { var date: String; var name: String; var time: String }
    struct Person {
        var anchor: String; var id: String; var name: String; var role: String; var paid: String; var contract: String
        var calls: Int; var weekendDays: Int; var holidays: Int; var requests: String; var shifts: [Shift]
    }
    struct Page {
        var title: String; var summary: [KeyItem]; var month: String; var days: [Day]; var groups: [Group]; var key: [KeyItem]
        var holidays: String; var coverage: [Row]; var hasConflicts: Bool; var conflicts: [Conflict]
        var noConflicts: Bool; var people: [Person]
        /// Put before every id, so that several rosters can share a page.
        var prefix: String
    }

    /// The page.
    public func html() throws -> String {
        try Self.library().render(page(), withTemplate: "document") ?? ""
    }

    /// The page's values; `withPeople: false` leaves out the per-person pages.
    func page(withPeople: Bool = true, prefix: String = "") -> Page {
        let report = PracticeReport(problem: problem, colour: false)
        // Without the per-person pages a name links to the person's row.
        func personTarget(_ person: Int) -> String { withPeople ? "\(prefix)person-\(person)" : "\(prefix)p-\(person)" }
        let symbols = report.symbols
        let cells = roster.grid(staffCount: problem.staff.count, dayCount: problem.dayCount)
        let starts = problem.shiftTypes.map { $0.start ?? 0 }
        let lines = evaluation.map { TextReport(problem: problem).conflictLines($0, limit: nil, roster: roster) } ?? []
        let conflictCells = Set(lines.compactMap { line in line.staff.flatMap { s in line.day.map { "\(prefix)r-\(s)-\($0)" } } })

        func dayClasses(_ day: Int) -> [String] {
            (problem.isWeekend(day) ? ["we"] : []) + (problem.holidays[day] != nil ? ["hol"] : [])
        }
        let days = (0..<problem.dayCount).map { day -> Day in
            let date = problem.date(of: day)
            return Day(
                label: date.map { String($0.day) } ?? String(day + 1),
                weekday: date.map { String(CalendarDate.weekdayNames[$0.weekday].prefix(2)) } ?? "",
                classes: dayClasses(day).joined(separator: " "),
                title: (date?.short ?? "day \(day + 1)") + (problem.holidays[day].map { " — \($0)" } ?? ""))
        }
        let groups = report.roleGroups.map { group in
            Group(name: group.role, span: problem.dayCount + 1, rows: group.members.map { person in
                let member = problem.staff[person]
                return Row(id: "\(prefix)p-\(person)", anchor: "#\(personTarget(person))", label: member.name.map { "\(member.id) · \($0)" } ?? member.id,
                           cells: (0..<problem.dayCount).map { day in
                    let id = "\(prefix)r-\(person)-\(day)"
                    var classes = dayClasses(day)
                    var text = "", title = days[day].title
                    switch report.cellState(person, day, in: cells) {
                    case .shifts(let shifts):
                        text = shifts.map { symbols[$0] }.joined()
                        title += ": " + shifts.map { problem.shiftTypes[$0].name ?? problem.shiftTypes[$0].id }.joined(separator: ", ")
                        if shifts.contains(where: { problem.shiftTypes[$0].isOnCall }) { classes.append("call") }
                    case .leave(let reason):
                        text = "L"; classes.append("leave"); title += reason.map { ": leave (\($0))" } ?? ": day off"
                    case .lapsed:
                        text = "x"; classes.append("lapsed"); title += ": a required credential has expired"
                    case .off:
                        text = "·"; classes.append("off")
                    }
                    if conflictCells.contains(id) { classes.append("conflict") }
                    return Cell(id: id, text: text, classes: classes.joined(separator: " "), title: title)
                })
            })
        }
        var key = problem.shiftTypes.indices.map { index in
            let shift = problem.shiftTypes[index]
            let clock = shift.start.map { " \(ClockTime.text($0))–\(ClockTime.text($0 + shift.lengthMinutes))" } ?? ""
            return KeyItem(symbol: symbols[index], classes: shift.isOnCall ? "call" : "", meaning: (shift.name ?? shift.id) + clock + (shift.isOnCall ? " (on call)" : ""))
        }
        key += [
            KeyItem(symbol: "L", classes: "leave", meaning: "leave or day off (hatched)"),
            KeyItem(symbol: "x", classes: "lapsed", meaning: "credential expired (crossed)"),
            KeyItem(symbol: "·", classes: "off", meaning: "off"),
            KeyItem(symbol: "H", classes: "hol", meaning: "public holiday (dotted column)"),
            KeyItem(symbol: "▔", classes: "we", meaning: "weekend (shaded column, bar over the date)"),
        ]

        let (order, coverageRows) = report.coverageTable(roster)
        let coverage = order.enumerated().map { row, label in
            Row(id: "\(prefix)cov-\(row)", anchor: "", label: label, cells: (0..<problem.dayCount).map { day in
                let id = "\(prefix)c-\(row)-\(day)"
                var classes = dayClasses(day)
                guard let cell = coverageRows[label]?[day] else {
                    classes.append("none")
                    return Cell(id: id, text: "", classes: classes.joined(separator: " "), title: days[day].title + ": nothing required")
                }
                var text = String(cell.assigned)
                var title = days[day].title + ": \(cell.assigned) assigned, \(cell.required) required"
                if cell.assigned < cell.required {
                    classes.append("short"); text += "!"; title += " — \(cell.required - cell.assigned) short"
                } else if let limit = cell.overLimit, cell.assigned > limit {
                    classes.append("over"); text += "+"; title += " — \(cell.assigned - limit) above"
                } else {
                    classes.append("ok")
                }
                return Cell(id: id, text: text, classes: classes.joined(separator: " "), title: title)
            })
        }
        let rowOfKey = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        let conflicts = lines.map { line -> Conflict in
            var link: String?
            if let staff = line.staff, let day = line.day {
                link = "#\(prefix)r-\(staff)-\(day)"
            } else if let requirement = line.requirement, problem.cover.indices.contains(requirement),
                      let row = rowOfKey[report.coverageKey(problem.cover[requirement])] {
                link = "#\(prefix)c-\(row)-\(problem.cover[requirement].day)"
            } else if let staff = line.staff {
                link = "#\(personTarget(staff))"
            }
            return Conflict(text: line.what, classes: line.isHard ? "hard" : "soft", link: link, cost: line.isHard ? "HARD" : line.cost.map(String.init) ?? "")
        }
        let people = report.roleGroups.flatMap(\.members).map { person -> Person in
            let member = problem.staff[person]
            let totals = report.totals(of: person, cells[person])
            let shifts = (0..<problem.dayCount).flatMap { day in
                cells[person][day].sorted { (starts[$0], $0) < (starts[$1], $1) }.map { t in
                    let shift = problem.shiftTypes[t]
                    return Shift(date: days[day].title, name: shift.name ?? shift.id,
                                 time: shift.start.map { "\(ClockTime.text($0))–\(ClockTime.text($0 + shift.lengthMinutes))" } ?? "")
                }
            }
            return Person(
                anchor: "\(prefix)person-\(person)", id: member.id, name: member.name ?? member.id, role: member.role ?? "staff",
                paid: String(format: "%.1f", Double(totals.minutes) / 60),
                contract: member.contractMinutes.map { String(format: "%.1f", Double($0) / 60) } ?? "—",
                calls: totals.calls, weekendDays: totals.weekendDays, holidays: totals.holidays,
                requests: totals.requests.asked > 0 ? "\(totals.requests.granted) of \(totals.requests.asked)" : "none", shifts: shifts)
        }
        let first = problem.startDate, last = problem.startDate?.adding(days: problem.dayCount - 1)
        let holidays = problem.holidays.keys.sorted().map { "\(problem.date(of: $0)?.short ?? "day \($0 + 1)") \(problem.holidays[$0] ?? "")" }
        return Page(
            title: title, summary: summary.map { KeyItem(symbol: $0.label, classes: "", meaning: $0.value) },
            month: first.map { "\($0) – \(last.map(\.description) ?? "")" } ?? "\(problem.dayCount) days",
            days: days, groups: groups, key: key, holidays: holidays.joined(separator: ", "), coverage: coverage,
            hasConflicts: evaluation != nil && !conflicts.isEmpty, conflicts: conflicts,
            noConflicts: evaluation != nil && conflicts.isEmpty, people: withPeople ? people : [], prefix: prefix)
    }

    /// The page's CSS.
    static let style = #"""
    <style>
    @page { size: landscape; margin: 8mm; }
    * { box-sizing: border-box; }
    body { font: 11px/1.3 system-ui, sans-serif; color: #111; margin: 12px; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    h1 { font-size: 18px; margin: 0 0 4px; } h2 { font-size: 14px; margin: 16px 0 6px; }
    dl.summary { display: grid; grid-template-columns: max-content 1fr; gap: 0 12px; margin: 0 0 8px; }
    dl.summary dt { font-weight: 600; } dl.summary dd { margin: 0; }
    table.grid { border-collapse: collapse; table-layout: fixed; width: 100%; }
    table.grid th, table.grid td { border: 1px solid #999; padding: 1px 0; text-align: center; overflow: hidden; white-space: nowrap; }
    table.grid th.name { width: 13em; text-align: left; padding-left: 4px; font-weight: normal; text-overflow: ellipsis; }
    table.grid thead th { font-weight: 600; }
    table.grid tr.group th { text-align: left; background: #e8e8e8; font-weight: 700; padding-left: 4px; }
    .we { background: #eef0f6; } thead th.we { border-top: 3px solid #333; }
    .hol { background-image: radial-gradient(#555 0.8px, transparent 0.9px); background-size: 4px 4px; }
    td.leave { background: repeating-linear-gradient(45deg, #f6e7b8, #f6e7b8 2px, #fff 2px, #fff 5px); font-weight: 700; }
    td.lapsed { background: repeating-linear-gradient(45deg, #f3c0c0 0 1px, transparent 1px 5px), repeating-linear-gradient(-45deg, #f3c0c0 0 1px, transparent 1px 5px); color: #a00; font-weight: 700; }
    td.off { color: #999; }
    td.call, span.call { font-weight: 700; text-decoration: underline; }
    td.conflict { outline: 2px dashed #b00; outline-offset: -2px; }
    td:target { outline: 3px solid #06c; outline-offset: -3px; }
    table.coverage td.short { background: #f4b6b6; font-weight: 700; }
    table.coverage td.over { background: #b9d3f0; font-style: italic; }
    table.coverage td.ok { background: #e3f1e3; }
    ul.key { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 14px; }
    ul.key li span { display: inline-block; min-width: 1.6em; text-align: center; border: 1px solid #999; margin-right: 4px; }
    ol.conflicts li.hard { font-weight: 700; }
    ol.conflicts .cost { display: inline-block; min-width: 4em; }
    section.person { break-before: page; }
    section.person table { border-collapse: collapse; } section.person td, section.person th { border: 1px solid #bbb; padding: 1px 6px; text-align: left; }
    @media print { a { color: inherit; text-decoration: none; } .screen-only { display: none; } }
    table.compare { border-collapse: collapse; } table.compare th, table.compare td { border: 1px solid #999; padding: 2px 8px; text-align: right; }
    table.compare th:first-child { text-align: left; }
    section.variant { break-before: page; }
    </style>
    """#

    /// One roster: summary, grid, key, coverage, conflicts and (when there are any) the per-person pages.
    static let rosterPartial = #"""
    <h1>{{title}}</h1>
    <p class="month">{{month}}</p>
    <dl class="summary">{{#summary}}<dt>{{symbol}}</dt><dd>{{meaning}}</dd>{{/summary}}</dl>
    <h2 id="{{prefix}}roster">Roster</h2>
    <table class="grid roster">
    <thead><tr><th class="name">person</th>{{#days}}<th class="{{classes}}" title="{{title}}">{{label}}<br>{{weekday}}</th>{{/days}}</tr></thead>
    {{#groups}}
    <tbody><tr class="group"><th colspan="{{span}}">{{name}}</th></tr>
    {{#rows}}<tr class="person" id="{{id}}"><th class="name"><a href="{{anchor}}">{{label}}</a></th>{{#cells}}<td id="{{id}}" class="day {{classes}}" title="{{title}}">{{text}}</td>{{/cells}}</tr>
    {{/rows}}</tbody>
    {{/groups}}
    </table>
    <ul class="key">{{#key}}<li><span class="{{classes}}">{{symbol}}</span>{{meaning}}</li>{{/key}}</ul>
    {{#holidays}}<p>Public holidays: {{holidays}}</p>{{/holidays}}
    <h2 id="{{prefix}}coverage">Coverage</h2>
    <table class="grid coverage">
    <thead><tr><th class="name">session, group</th>{{#days}}<th class="{{classes}}" title="{{title}}">{{label}}</th>{{/days}}</tr></thead>
    <tbody>{{#coverage}}<tr id="{{id}}"><th class="name">{{label}}</th>{{#cells}}<td id="{{id}}" class="{{classes}}" title="{{title}}">{{text}}</td>{{/cells}}</tr>
    {{/coverage}}</tbody>
    </table>
    <p>Cells: people assigned. <b>!</b> short of the requirement (red), <i>+</i> above a target or cap (blue), empty: nothing required.</p>
    {{#hasConflicts}}<h2 id="{{prefix}}conflicts">Conflicts, costliest first</h2>
    <ol class="conflicts">{{#conflicts}}<li class="{{classes}}"><span class="cost">{{cost}}</span> {{#link}}<a href="{{link}}">{{text}}</a>{{/link}}{{^link}}{{text}}{{/link}}</li>
    {{/conflicts}}</ol>{{/hasConflicts}}
    {{#noConflicts}}<h2 id="{{prefix}}conflicts">Conflicts</h2><p>None: every rule is met and nothing costs.</p>{{/noConflicts}}
    {{#people}}
    <section class="person" id="{{anchor}}">
    <h2>{{name}} <small>({{id}}, {{role}})</small></h2>
    <p>Paid hours {{paid}} of {{contract}} contract · on-call shifts {{calls}} · weekend days {{weekendDays}} · public holidays {{holidays}} · requests granted: {{requests}}</p>
    <table><thead><tr><th>date</th><th>shift</th><th>time</th></tr></thead><tbody>
    {{#shifts}}<tr><td>{{date}}</td><td>{{name}}</td><td>{{time}}</td></tr>
    {{/shifts}}</tbody></table>
    </section>
    {{/people}}
    """#

    /// The document's start up to `<body>`, for every page.
    static let head = #"""
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <title>{{title}}</title>
    {{> style}}
    </head>
    <body>
    """#

    static let document = #"""
    {{> head}}
    {{> roster}}
    </body>
    </html>
    """#

    /// The templates, with the CSS and one roster as partials.
    static func library() throws -> MustacheLibrary {
        var library = MustacheLibrary()
        try library.register(style, named: "style")
        try library.register(head, named: "head")
        try library.register(rosterPartial, named: "roster")
        try library.register(document, named: "document")
        try library.register(WhatIfHTML.template, named: "whatif")
        return library
    }
}
