public import RotaCore

/// What a leave request takes out of a period's coverage: for every session the person could have worked,
/// how many of the people it counts can still work it.
public struct LeaveImpact: Sendable {
    public struct Session: Sendable, Hashable {
        public var date: CalendarDate
        public var shift: String
        /// Who the requirement counts (`physician`, `providers`, …).
        public var group: String
        /// The hard minimum, or else the target.
        public var needed: Int
        public var ableBefore: Int
        public var ableAfter: Int { ableBefore - 1 }
        public var isShort: Bool { ableAfter < needed }
    }

    public var sessions: [Session]
    public var daysInScenario: Int

    /// The impact of `staffId` being away from `first` to `last` on `problem` (a normalized scenario).
    public init(staffId: String, first: CalendarDate, last: CalendarDate, problem: RosterProblem) throws {
        guard let person = problem.staff.firstIndex(where: { $0.id == staffId }) else {
            throw RecordsError(.notFound, "staff \(staffId)", "is not in the scenario", hint: "is it the scenario of the right practice?")
        }
        guard let start = problem.startDate else {
            throw RecordsError(.invalid, "scenario", "the problem has no calendar", hint: "give a practice scenario (.yaml)")
        }
        let days = Set((0..<problem.dayCount).filter { (first...last).contains(start.adding(days: $0)) })
        daysInScenario = days.count
        // Several requirements can count the same people on one session (a floor and a demand target);
        // the stricter one is the one that matters.
        let all = problem.cover.filter { days.contains($0.day) && $0.counts(person) }.compactMap { requirement -> Session? in
            func isOpen(to someone: Int) -> Bool {
                requirement.cells.contains { problem.isPermitted(staff: someone, day: $0.day, shift: $0.shift) }
            }
            guard isOpen(to: person) else { return nil }
            let able = requirement.people(staffCount: problem.staff.count).filter(isOpen).count
            return Session(
                date: start.adding(days: requirement.day), shift: problem.sessionName(of: requirement),
                group: requirement.group ?? "staff", needed: requirement.wanted, ableBefore: able)
        }
        var strictest: [String: Session] = [:]
        for session in all {
            let key = "\(session.date) \(session.shift) \(session.group)"
            if let held = strictest[key], held.needed >= session.needed { continue }
            strictest[key] = session
        }
        sessions = strictest.values.sorted { ($0.date, $0.shift, $0.group) < ($1.date, $1.shift, $1.group) }
    }
}
