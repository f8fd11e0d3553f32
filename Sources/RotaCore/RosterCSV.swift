/// A roster as `staff,date,shift` lines (dates ISO when the horizon has a calendar, else day numbers).
public enum RosterCSV {
    public static func text(_ roster: Roster, problem: RosterProblem) -> String {
        var lines = ["staff,date,shift"]
        for assignment in roster.assignments {
            let date = problem.date(of: assignment.day).map(String.init(describing:)) ?? String(assignment.day)
            lines.append("\(problem.staff[assignment.staff].id),\(date),\(problem.shiftTypes[assignment.shift].id)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
