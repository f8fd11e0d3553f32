/// Writes synthetic practice scenarios of any size, in the same rule vocabulary as the example practice
/// (`scenarios/riverside-2026-12.yaml`): sites with morning and afternoon clinics, after-hours and weekend
/// call, contracts, leave, partial-day unavailability, requests, credentials that expire, skills, patient
/// demand by weekday and session, fairness, history and a pinned shift. For scale benchmarks and tests.
///
/// The same settings give the same file. Demand is sized from the providers' capacity (about 85% of their
/// clinic sessions), so a generated practice is as tight as the example, whatever its size.
public struct PracticeGenerator: Sendable {
    public var staff: Int
    public var weeks: Int
    public var sites: Int
    public var seed: UInt64
    /// The first day; the generator moves it to the Monday on or before it, so weeks are whole.
    public var start: CalendarDate

    public init(staff: Int, weeks: Int, sites: Int, seed: UInt64, start: CalendarDate? = nil) {
        self.staff = staff
        self.weeks = weeks
        self.sites = sites
        self.seed = seed
        self.start = start ?? CalendarDate(year: 2027, month: 1, day: 4) ?? CalendarDate(dayNumber: 0)
    }

    /// Why settings cannot make a practice.
    public enum Problem: Error, Equatable, CustomStringConvertible {
        case tooFewStaff(minimum: Int, sites: Int)
        case outOfRange(field: String, value: Int, range: ClosedRange<Int>)

        public var description: String {
            switch self {
            case .tooFewStaff(let minimum, let sites):
                return "a practice with \(sites) site\(sites == 1 ? "" : "s") needs at least \(minimum) staff (6 physicians for call, and a nurse, an MA and a front-desk clerk per site)"
            case .outOfRange(let field, let value, let range):
                return "\(field) must be from \(range.lowerBound) to \(range.upperBound), got \(value)"
            }
        }
    }

    /// The smallest practice the generator makes for `sites` sites.
    public static func minimumStaff(sites: Int) -> Int {
        var staff = 6 + 1 + 3 * sites
        while staff < 2000 && !PracticeGenerator(staff: staff, weeks: 4, sites: sites, seed: 0).hasEveryRole { staff += 1 }
        return staff
    }

    /// Whether the staff suffice for six physicians, an NP, and a nurse, an MA and a clerk per site.
    private var hasEveryRole: Bool {
        roleCounts().allSatisfy { role, count in
            switch role {
            case "physician": return count >= 6
            case "np": return count >= 1
            case "pa": return true
            default: return count >= sites
            }
        }
    }

    /// Role counts: the example practice's mix, at least six physicians (every night needs one on call,
    /// and nobody takes more than six a month), and a nurse, an MA and a clerk per site.
    func roleCounts() -> [(role: String, count: Int)] {
        func share(_ fraction: Double) -> Int { Int((Double(staff) * fraction).rounded()) }
        let physicians = max(6, share(0.225))
        let nps = max(1, share(0.075))
        let pas = share(0.05)
        let rns = max(sites, share(0.2))
        let desk = max(sites, share(0.15))
        let mas = staff - physicians - nps - pas - rns - desk
        return [("physician", physicians), ("np", nps), ("pa", pas), ("rn", rns), ("ma", mas), ("fd", desk)]
    }

    /// The scenario as YAML text.
    public func yaml() throws(Problem) -> String {
        guard (1...6).contains(sites) else { throw .outOfRange(field: "sites", value: sites, range: 1...6) }
        guard (1...52).contains(weeks) else { throw .outOfRange(field: "weeks", value: weeks, range: 1...52) }
        guard staff <= 2000 else { throw .outOfRange(field: "staff", value: staff, range: Self.minimumStaff(sites: sites)...2000) }
        guard hasEveryRole else { throw .tooFewStaff(minimum: Self.minimumStaff(sites: sites), sites: sites) }

        var rng = SplitMix64(seed: seed &* 0x2545_F491_4F6C_DD1D &+ 0x6A09_E667)
        func random(_ upper: Int) -> Int { upper <= 1 ? 0 : Int(rng.next() % UInt64(upper)) }
        func chance(_ probability: Double) -> Bool { Double(rng.next() % 1_000_000) < probability * 1_000_000 }
        let first = start.adding(days: -start.weekday)
        let days = weeks * 7
        let last = first.adding(days: days - 1)
        let months = Double(weeks) / 4.35
        func perMonth(_ value: Double) -> Int { max(1, Int((value * months).rounded(.up))) }
        let siteIDs = (0..<sites).map { $0 == 0 ? "main" : "site-\($0 + 1)" }
        let code = (0..<sites).map { $0 == 0 ? "M" : "S\($0 + 1)" }

        var out: [String] = []
        func line(_ text: String) { out.append(text) }
        line("# A synthetic practice written by `rota generate --staff \(staff) --weeks \(weeks) --sites \(sites) --seed \(seed)`:")
        line("# \(staff) staff at \(sites) site\(sites == 1 ? "" : "s") over \(weeks) week\(weeks == 1 ? "" : "s"), in the rule vocabulary of the example practice.")
        line("rota: 1")
        line("practice: \"Generated practice \(staff)-\(weeks)-\(sites)-\(seed)\"")
        line("horizon:")
        line("  start: \(first)")
        line("  end: \(last)")
        line("")
        line("sites:")
        for (index, id) in siteIDs.enumerated() {
            line("  - {id: \(id), name: \"\(index == 0 ? "Main clinic" : "Satellite clinic \(index + 1)")\"}")
        }
        line("")
        line("roles:")
        line("  - {id: physician, name: Physician, provider: true}")
        line("  - {id: np, name: Nurse practitioner, provider: true, supervised_by: [physician]}")
        line("  - {id: pa, name: Physician assistant, provider: true, supervised_by: [physician]}")
        line("  - {id: rn, name: Registered nurse}")
        line("  - {id: ma, name: Medical assistant}")
        line("  - {id: fd, name: Front desk}")
        line("groups:")
        line("  providers: [physician, np, pa]")
        line("  clinical: [physician, np, pa, rn, ma]")
        line("skills: [iud, paeds, spirometry]")
        line("credentials: [license, bls, dea]")
        let holidays = Self.holidays.compactMap { month, day, name -> (CalendarDate, String)? in
            for year in first.year...last.year {
                if let date = CalendarDate(year: year, month: month, day: day), date >= first, date <= last { return (date, name) }
            }
            return nil
        }.sorted { $0.0 < $1.0 }
        if !holidays.isEmpty {
            line("holidays:")
            for (date, name) in holidays { line("  - {date: \(date), name: \(name)}") }
        }
        line("")
        line("shift_types:")
        for (index, id) in siteIDs.enumerated() {
            let saturday = index == 0 ? ", sat" : ""
            line("  - {id: \(code[index])-AM, name: \(id) morning clinic, site: \(id), start: \"08:00\", end: \"12:30\", days: [mon, tue, wed, thu, fri\(saturday)], closed_on_holidays: true, credentials: [bls]}")
            line("  - {id: \(code[index])-PM, name: \(id) afternoon clinic, site: \(id), start: \"13:30\", end: \"18:00\", days: [mon, tue, wed, thu, fri], closed_on_holidays: true, credentials: [bls]}")
        }
        line("  - {id: CALL, symbol: C, name: After-hours call, start: \"18:00\", end: \"08:00\", paid: 240, on_call: true, roles: [physician], credentials: [dea]}")
        line("  - {id: WKND, symbol: W, name: Weekend and holiday day call, start: \"08:00\", end: \"18:00\", paid: 360, on_call: true, roles: [physician], days: [sat, sun, holidays], credentials: [dea]}")
        line("rest:")
        line("  min_hours: 11")
        line("  on_call_exempt: true")
        line("")
        line("contracts:")
        line("  - {id: physician, weekly_hours: 40, hours_range: [0.6, 1.15], max_hours_per_week: 60, max_shifts_per_day: 3, max_consecutive_days: 7, max_weekends: \(perMonth(2)), max_shifts: {CALL: \(perMonth(6)), WKND: \(perMonth(3))}}")
        line("  - {id: app, weekly_hours: 40, hours_range: [0.6, 1.1], max_hours_per_week: 48, max_shifts_per_day: 2, max_consecutive_days: 5, max_weekends: \(perMonth(1))}")
        line("  - {id: nursing, weekly_hours: 37.5, hours_range: [0.5, 1.1], max_hours_per_week: 45, max_shifts_per_day: 2, max_consecutive_days: 5, max_weekends: \(perMonth(2))}")
        line("  - {id: front-desk, weekly_hours: 37.5, hours_range: [0.5, 1.1], max_hours_per_week: 45, max_shifts_per_day: 2, max_consecutive_days: 5, max_weekends: \(perMonth(2))}")
        line("")

        // People.
        struct Person {
            var id: String
            var role: String
            var fte: Double
            var home: Int?
        }
        let contractOf = ["physician": "physician", "np": "app", "pa": "app", "rn": "nursing", "ma": "nursing", "fd": "front-desk"]
        var people: [Person] = []
        line("staff:")
        var nameIndex = random(Self.firstNames.count)
        for (role, count) in roleCounts() {
            for number in 0..<count {
                let fte = [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.8, 0.8, 0.8, 0.6][random(10)]
                // The first of each role per site works only there, so every site can be covered; others
                // mostly keep to a home site too, except physicians, who cover all.
                let home: Int? = sites == 1 || role == "physician" ? nil
                    : number < sites ? number : chance(0.6) ? random(sites) : nil
                let id = "\(role == "physician" ? "dr" : role)-\(number + 1 < 10 ? "0" : "")\(number + 1)"
                nameIndex += 1
                let name = "\(Self.firstNames[nameIndex % Self.firstNames.count]) \(Self.lastNames[(nameIndex * 7 + random(5)) % Self.lastNames.count])"
                var skills: [String] = []
                if role != "fd" {
                    for skill in ["iud", "paeds", "spirometry"] where chance(role == "ma" ? 0.1 : 0.3) { skills.append(skill) }
                }
                var credentials = role == "fd" || role == "ma" || role == "rn" ? ["{kind: bls}"] : ["{kind: license}", "{kind: bls}"]
                if role == "physician" { credentials.append("{kind: dea}") }
                if role == "ma" && number == count - 1 && count > sites {
                    // One certificate runs out during the horizon: from then on they may not work.
                    credentials[0] = "{kind: bls, expires: \(first.adding(days: days * 3 / 4))}"
                }
                var fields = "id: \(id), name: \"\(name)\", role: \(role), fte: \(fte), contract: \(contractOf[role] ?? "nursing")"
                if !skills.isEmpty { fields += ", skills: [\(skills.joined(separator: ", "))]" }
                if let home { fields += ", sites: [\(siteIDs[home])]" }
                fields += ", credentials: [\(credentials.joined(separator: ", "))]"
                line("  - {\(fields)}")
                people.append(Person(id: id, role: role, fte: fte, home: home))
            }
        }
        line("")

        // Leave: about one block of 2–7 days per person every four months, never more than a third of the
        // physicians away on one day (call has to go on), none over horizons shorter than four weeks: a
        // contract's minimum hours do not shrink with leave, so a short horizon could not meet them.
        let physicians = people.indices.filter { people[$0].role == "physician" }
        var physiciansAway = [Int](repeating: 0, count: days)
        var onLeave = [Set<Int>](repeating: [], count: people.count)
        var leaveLines: [String] = []
        for (index, person) in people.enumerated() {
            for _ in 0..<perMonth(0.25) where weeks >= 4 && chance(0.6) {
                let length = 2 + random(6)
                let from = random(max(1, days - length + 1))
                let span = from..<min(days, from + length)
                if person.role == "physician" && span.contains(where: { physiciansAway[$0] + 1 > physicians.count / 3 }) { continue }
                if span.contains(where: { onLeave[index].contains($0) }) { continue }
                for day in span {
                    onLeave[index].insert(day)
                    if person.role == "physician" { physiciansAway[day] += 1 }
                }
                let kind = ["annual", "annual", "annual", "conference", "training", "sick"][random(6)]
                leaveLines.append("  - {staff: \(person.id), from: \(first.adding(days: span.lowerBound)), to: \(first.adding(days: span.upperBound - 1)), kind: \(kind)}")
            }
        }
        if !leaveLines.isEmpty {
            line("leave:")
            out += leaveLines
        }

        var unavailableLines: [String] = []
        for (index, person) in people.enumerated() where chance(0.1 * months) {
            let day = random(days)
            if onLeave[index].contains(day) || first.adding(days: day).weekday >= 5 { continue }
            unavailableLines.append("  - {staff: \(person.id), date: \(first.adding(days: day)), from: \"13:00\", to: \"18:00\"}")
        }
        if !unavailableLines.isEmpty {
            line("unavailable:")
            out += unavailableLines
        }

        var requestLines: [String] = []
        for (index, person) in people.enumerated() {
            for _ in 0..<perMonth(1) where chance(0.35) {
                let day = random(days)
                if onLeave[index].contains(day) { continue }
                let weight = [5, 10, 15, 20][random(4)]
                let date = first.adding(days: day)
                if chance(0.75) || date.weekday >= 5 {
                    requestLines.append("  - {staff: \(person.id), date: \(date), off: true, weight: \(weight)}")
                } else {
                    let site = person.home ?? 0
                    let shift = "\(code[site])-\(chance(0.5) ? "AM" : "PM")"
                    requestLines.append("  - {staff: \(person.id), date: \(date), shift: \(shift), on: true, weight: 5}")
                }
            }
        }
        if !requestLines.isEmpty {
            line("requests:")
            out += requestLines
        }
        line("")

        line("coverage:")
        line("  - {shift: CALL, days: all, who: physician, min: 1, max: 1}")
        line("  - {shift: WKND, days: [sat, sun], who: physician, min: 1, max: 1}")
        if !holidays.isEmpty { line("  - {shift: WKND, days: holidays, who: physician, min: 1, max: 1}") }
        for index in 0..<sites {
            let am = index == 0 ? "[mon, tue, wed, thu, fri, sat]" : "weekdays"
            for who in ["physician", "rn"] {
                line("  - {shift: \(code[index])-AM, days: \(am), who: \(who), min: 1}")
                line("  - {shift: \(code[index])-PM, days: weekdays, who: \(who), min: 1}")
            }
            if index == 0 && staff >= 30 {
                line("  - {shift: \(code[index])-AM, days: weekdays, who: fd, min: 1, target: 2, under_weight: 30}")
                line("  - {shift: \(code[index])-PM, days: weekdays, who: fd, min: 1, target: 2, under_weight: 30}")
                line("  - {shift: \(code[index])-AM, days: [sat], who: fd, min: 1}")
            } else {
                line("  - {shift: \(code[index])-AM, days: \(am), who: fd, min: 1}")
                line("  - {shift: \(code[index])-PM, days: weekdays, who: fd, min: 1}")
            }
        }
        line("  - {shift: \(code[0])-AM, days: [tue, thu], who: \"skill:spirometry\", target: 1, hard: false, under_weight: 40}")
        line("")

        // Demand: providers' clinic sessions a week (physicians also take call), 85% of them needed, shared
        // among the sites (the main one busier) and sessions (Mondays and mornings busier).
        let capacity = people.reduce(0.0) { total, person in
            switch person.role {
            case "physician": return total + person.fte * 7
            case "np", "pa": return total + person.fte * 8
            default: return total
            }
        }
        let siteWeight = (0..<sites).map { $0 == 0 ? 1.5 : 1.0 }
        let dayFactors: [(day: String, factor: Double)] = [("mon", 1.15), ("tue", 1.0), ("wed", 0.95), ("thu", 1.0), ("fri", 0.9), ("sat", 0.6)]
        var weightedSessions = 0.0
        for index in 0..<sites {
            for (day, factor) in dayFactors where day != "sat" { weightedSessions += siteWeight[index] * factor * (1 + 0.85) }
            if index == 0 { weightedSessions += siteWeight[index] * 0.6 }
        }
        let providersPerUnit = 0.85 * capacity / weightedSessions
        line("demand:")
        line("  providers: providers")
        line("  visits_per_provider_session: 12")
        line("  sessions:")
        for index in 0..<sites {
            for (session, sessionFactor) in [("AM", 1.0), ("PM", 0.85)] {
                let open = dayFactors.filter { $0.day != "sat" || (index == 0 && session == "AM") }
                let visits = open.map { day, factor in
                    let providers = providersPerUnit * siteWeight[index] * sessionFactor * factor
                    return "\(day): \(max(6, Int((providers * 12).rounded())))"
                }
                line("    \(code[index])-\(session): {\(visits.joined(separator: ", "))}")
            }
        }
        line("  support:")
        line("    - {who: ma, per_provider: 1}")
        line("    - {who: rn, per_provider: 0.2}")
        line("  under_weight: 50")
        line("  over_weight: 4")
        line("")
        line("fairness:")
        line("  - {name: nights on call, shifts: [CALL], who: physician, weight: 20}")
        line("  - {name: weekend call, shifts: [WKND], who: physician, weight: 20}")
        line("  - {name: Saturday clinics, shifts: [\(code[0])-AM], who: clinical, days: weekends, weight: 5}")
        line("")

        // The night before the horizon on call, and one morning pinned (a physician not away that day).
        if let onCall = physicians.first {
            line("history:")
            line("  - {staff: \(people[onCall].id), date: \(first.adding(days: -1)), shift: CALL}")
        }
        if let pinned = physicians.dropFirst().first(where: { !onLeave[$0].contains(1) }) {
            line("pinned:")
            line("  - {staff: \(people[pinned].id), date: \(first.adding(days: 1)), shift: \(code[0])-AM}")
        }
        return out.joined(separator: "\n") + "\n"
    }

    static let holidays: [(Int, Int, String)] = [(1, 1, "New Year's Day"), (12, 25, "Christmas Day"), (12, 26, "Boxing Day")]
    static let firstNames = [
        "Ada", "Ben", "Cleo", "Dev", "Eva", "Finn", "Gia", "Hal", "Iris", "Jon", "Kai", "Lena", "Milo", "Nia", "Omar",
        "Pia", "Quin", "Rosa", "Sami", "Tess", "Umar", "Vera", "Wes", "Xena", "Yusuf", "Zoe",
    ]
    static let lastNames = [
        "Abbott", "Baptiste", "Castro", "Dubois", "Eriksen", "Farouk", "Goldberg", "Haddad", "Ivanova", "Jensen",
        "Kowalski", "Lindqvist", "Moreau", "Nakamura", "Okafor", "Petrov", "Quintero", "Rossi", "Sato", "Tanaka",
        "Ueda", "Varga", "Wójcik", "Xu", "Yilmaz", "Zhou",
    ]
}
