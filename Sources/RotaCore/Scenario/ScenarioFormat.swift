/// The scenario format, field by field: the one description that the parser checks keys, kinds and ranges
/// against and that the JSON Schema for editors (`scenarios/rota-scenario.schema.json`, `rota schema`) is
/// generated from. A key is accepted exactly when it is listed here, and a number exactly when it is in
/// the range listed here.
public enum ScenarioFormat {
    /// What a field holds.
    public indirect enum Value: Sendable {
        /// Free text (a name, a note).
        case text
        /// An id, or a reference to one.
        case name
        /// A list of ids, or a single id.
        case names
        /// `true` or `false`.
        case flag
        /// A whole number in the range.
        case integer(ClosedRange<Int>)
        /// A number in the range, or a percentage (`90%` is 0.9).
        case number(ClosedRange<Double>)
        /// `YYYY-MM-DD`, a real calendar date.
        case date
        /// `HH:MM`, 00:00 to 24:00.
        case time
        /// The format version, which must be this number.
        case version(Int)
        /// A list of weekday names (`mon` … `sun`, or `monday` … `sunday`).
        case weekdays
        /// A list of weekday names and `holidays`.
        case weekdaysOrHolidays
        /// `all`, `weekdays`, `weekends`, `holidays`, or a list of weekday names and `holidays`.
        case days
        /// Exactly two numbers in the range, the first no larger than the second.
        case pair(ClosedRange<Double>)
        /// A mapping whose entries are described by ``objects`` under this path.
        case object(String)
        /// A list of such values (a single one counts as a list of one).
        case list(Value)
        /// A mapping from ids to such values.
        case map(Value)
        /// A mapping from weekday names and `holidays` to such values.
        case dayMap(Value)
    }

    public struct Field: Sendable {
        public var name: String
        public var value: Value
        public var isRequired: Bool
        public var summary: String?

        public init(_ name: String, _ value: Value, required: Bool = false, _ summary: String? = nil) {
            self.name = name
            self.value = value
            self.isRequired = required
            self.summary = summary
        }
    }

    /// Weekday names as the format accepts them, Monday first: three letters, then whole words.
    public static let weekdayNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    public static let weekdayWords = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    /// The words `days:` accepts besides a list.
    public static let dayWords = ["all", "weekdays", "weekends", "holidays"]

    static let weight = Value.integer(0...1_000_000)
    static let hours = Value.number(0...168)
    static let people = Value.integer(0...1000)

    /// Every object of the format by path: `""` is the file itself, `staff[]` an entry of the staff list.
    public static let objects: [(path: String, fields: [Field])] = [
        ("", [
            Field("rota", .version(1), required: true, "format version"),
            Field("practice", .text, "the practice's name, for reports"),
            Field("horizon", .object("horizon"), required: true, "the dates to roster"),
            Field("weekend_days", .weekdays, "the weekdays that make up a weekend (default [sat, sun])"),
            Field("sites", .list(.object("sites[]"))),
            Field("roles", .list(.object("roles[]"))),
            Field("groups", .map(.names), "named groups of roles"),
            Field("skills", .names),
            Field("credentials", .names),
            Field("skill_credentials", .map(.names), "a skill that counts only while its holder has these credentials, current"),
            Field("holidays", .list(.object("holidays[]")), "public holidays"),
            Field("shift_types", .list(.object("shift_types[]"))),
            Field("rest", .object("rest"), "minimum rest between working days"),
            Field("forbidden_successions", .list(.object("forbidden_successions[]")), "shift `from` on one day forbids shift `to` the next"),
            Field("contracts", .list(.object("contracts[]"))),
            Field("staff", .list(.object("staff[]"))),
            Field("leave", .list(.object("leave[]")), "approved leave (hard)"),
            Field("unavailable", .list(.object("unavailable[]")), "unavailable for part of a day"),
            Field("requests", .list(.object("requests[]")), "wishes to work or not (soft)"),
            Field("standing_weeks", .list(.object("standing_weeks[]")), "people's usual week; each deviation costs its weight"),
            Field("coverage", .list(.object("coverage[]")), "how many people of a group each shift needs"),
            Field("demand", .object("demand"), "patient demand that sets how many providers each session needs"),
            Field("fairness", .list(.object("fairness[]")), "work to share in proportion to FTE"),
            Field("history", .list(.object("history[]")), "shifts worked before the horizon"),
            Field("pinned", .list(.object("pinned[]")), "shifts that must stay"),
            Field("one_site_per_day", .flag, "nobody works shifts at two different sites on one day (default false)"),
            Field("bend_order", .names,
                  "when not every hard rule can hold, what gives way first: min_hours, cover, supervision, on_call_cover, or a shift type's id (its hard cover)"),
        ]),
        ("horizon", [
            Field("start", .date, required: true),
            Field("end", .date, "the last day; give `end` or `days`"),
            Field("days", .integer(1...3660), "the number of days; give `end` or `days`"),
        ]),
        ("sites[]", [Field("id", .name, required: true), Field("name", .text)]),
        ("roles[]", [
            Field("id", .name, required: true),
            Field("name", .text),
            Field("provider", .flag, "sees patients (counts for demand)"),
            Field("supervised_by", .names, "roles one of whom must work at the same time"),
        ]),
        ("holidays[]", [
            Field("date", .date, required: true), Field("name", .text),
            Field("worked_last_year", .names, "who worked this holiday last year: working it again costs `rotation_weight`"),
            Field("rotation_weight", .integer(0...100_000), "default 50"),
        ]),
        ("shift_types[]", [
            Field("id", .name, required: true),
            Field("name", .text),
            Field("symbol", .text, "one or two characters for grids"),
            Field("site", .name),
            Field("start", .time, required: true),
            Field("end", .time, "give `end` or `length`"),
            Field("length", .integer(1...2880), "minutes; give `end` or `length`"),
            Field("paid", .integer(0...2880), "paid minutes (default the length)"),
            Field("on_call", .flag),
            Field("roles", .names, "roles that may work it (default every role)"),
            Field("skills", .names, "skills needed"),
            Field("credentials", .names, "credentials needed, valid on the day"),
            Field("role_credentials", .map(.names), "credentials needed of one role or group only (`{ma: [bls]}`)"),
            Field("days", .weekdaysOrHolidays, "the days it runs (default every day)"),
            Field("closed_on_holidays", .flag),
            Field("next_day_off", .flag, "whoever works it works nothing the next day (default false)"),
        ]),
        ("rest", [
            Field("min_hours", .number(0...48), required: true),
            Field("on_call_exempt", .flag, "no minimum rest next to an on-call shift (default true)"),
        ]),
        ("forbidden_successions[]", [Field("from", .name, required: true), Field("to", .name, required: true)]),
        ("contracts[]", [
            Field("id", .name, required: true),
            Field("weekly_hours", hours, "contract hours a week at FTE 1.0"),
            Field("hours_range", .pair(0...10), "paid hours over the horizon as [low, high] fractions of the contract hours"),
            Field("min_hours_per_week", hours),
            Field("max_hours_per_week", hours),
            Field("max_shifts_per_day", .integer(1...10)),
            Field("max_consecutive_days", .integer(1...366)),
            Field("min_consecutive_days", .integer(1...366)),
            Field("min_consecutive_days_off", .integer(1...366)),
            Field("max_weekends", .integer(0...60)),
            Field("max_shifts", .map(.integer(0...1000)), "most shifts of each type over the horizon"),
            Field("max_consecutive", .map(.integer(1...366)), "most days in a row with each shift type"),
        ]),
        ("staff[]", [
            Field("id", .name, required: true),
            Field("name", .text),
            Field("role", .name, required: true),
            Field("fte", .number(0...1.5), "default 1"),
            Field("contract", .name),
            Field("skills", .names),
            Field("sites", .names, "sites they work at (default every site)"),
            Field("credentials", .list(.object("staff[].credentials[]"))),
        ]),
        ("staff[].credentials[]", [Field("kind", .name, required: true), Field("expires", .date)]),
        ("leave[]", [
            Field("staff", .name, required: true),
            Field("from", .date, required: true),
            Field("to", .date, "the last day of leave (default `from`)"),
            Field("kind", .text),
        ]),
        ("unavailable[]", [
            Field("staff", .name, required: true),
            Field("date", .date, required: true),
            Field("from", .time, required: true),
            Field("to", .time, required: true),
        ]),
        ("requests[]", [
            Field("staff", .name, required: true),
            Field("date", .date, required: true),
            Field("on", .flag),
            Field("off", .flag),
            Field("shift", .name, "a shift type; without it, the whole day"),
            Field("weight", .integer(0...100_000), "the cost of not granting it (default 1)"),
        ]),
        ("standing_weeks[]", [
            Field("staff", .name, required: true),
            Field("mon", .names, "the usual shift types on Mondays"),
            Field("tue", .names),
            Field("wed", .names),
            Field("thu", .names),
            Field("fri", .names),
            Field("sat", .names),
            Field("sun", .names),
            Field("shifts", .names,
                  "the shift types the week speaks for (default: every shift type not on call, and any on-call type it lists)"),
            Field("weight", .integer(0...100_000), "the cost of each usual shift not worked and each other shift worked (default 5)"),
        ]),
        ("coverage[]", [
            Field("shift", .name, "the shift type counted (or `shifts`, or `from`/`to`)"),
            Field("shifts", .names, "several shift types, people on any of them counting (either/or); with `from`/`to`, the shift types counted by the hour"),
            Field("from", .time, "cover by the hour: people at work from this time (with `to`) on every stretch between shift starts and ends"),
            Field("to", .time, "end of the hours covered (at or before `from`: the next day)"),
            Field("site", .name, "with `from`/`to`: count the shift types at this site (default every site; on-call shift types only when listed in `shifts`)"),
            Field("days", .days),
            Field("dates", .list(.date)),
            Field("who", .name, "a role, a group or skill:NAME, or several joined by + (all of them: rn+skill:xray); default everyone"),
            Field("min", people),
            Field("target", people),
            Field("max", people),
            Field("hard", .flag, "min and max are hard (default true)"),
            Field("under_weight", weight, "each person short of the target (else min); default 100"),
            Field("over_weight", weight, "each person above the target (else max); default 5"),
        ]),
        ("demand", [
            Field("providers", .name, required: true, "the role or group that sees patients"),
            Field("visits_per_provider_session", .number(0.1...1000), "visits one provider sees in a session (or `visits_per_provider_hour`)"),
            Field("visits_per_provider_hour", .number(0.1...1000), "visits one provider sees in an hour: sessions of different lengths sized alike"),
            Field("sessions", .map(.dayMap(.number(0...100_000))), "expected visits by shift type and weekday (and holidays)"),
            Field("file", .text, "a CSV of date,shift,visits rows, relative to the scenario"),
            Field("scale", .number(0...100), "default 1"),
            Field("adjust", .list(.object("demand.adjust[]")), "scale (or replace) expected visits on some dates, days and sessions, in order after `scale`"),
            Field("support", .list(.object("demand.support[]"))),
            Field("under_weight", weight, "default 50"),
            Field("over_weight", weight, "default 2"),
        ]),
        ("demand.adjust[]", [
            Field("from", .date),
            Field("to", .date),
            Field("days", .days),
            Field("sessions", .names),
            Field("scale", .number(0...100), "give `scale` or `visits`"),
            Field("visits", .number(0...100_000), "give `scale` or `visits`"),
        ]),
        ("demand.support[]", [
            Field("who", .name, required: true),
            Field("per_provider", .number(0...20), required: true),
            Field("of", .text, "`demand` (default): per provider the demand asks for; `rostered`: per provider rostered on the session"),
            Field("sessions", .names, "the shift types it applies to (default every session with demand)"),
        ]),
        ("fairness[]", [
            Field("name", .text),
            Field("shifts", .names, required: true),
            Field("who", .name, required: true),
            Field("days", .days),
            Field("weight", .integer(0...100_000), "each shift outside the fair share (default 10)"),
            Field("carry_over", .map(.integer(0...100_000)), "the rule's shifts each person worked earlier in the period (the year so far): {dr-adams: 12}"),
        ]),
        ("history[]", [Field("staff", .name, required: true), Field("date", .date, required: true), Field("shift", .name, required: true)]),
        ("pinned[]", [Field("staff", .name, required: true), Field("date", .date, required: true), Field("shift", .name, required: true)]),
    ]

    private static let byPath: [String: [Field]] = Dictionary(uniqueKeysWithValues: objects.map { ($0.path, $0.fields) })

    /// The fields of the object at `path`.
    public static func fields(_ path: String) -> [Field] { byPath[path] ?? [] }

    /// The field `name` of the object at `path`; a name the format does not list is a programming error.
    public static func field(_ path: String, _ name: String) -> Field {
        guard let field = byPath[path]?.first(where: { $0.name == name }) else {
            preconditionFailure("the scenario format has no field `\(name)` in `\(path)`")
        }
        return field
    }
}
