import Foundation
import RotaCore

/// Test files live beside the tests; tests never read ../shared.
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
}

/// A one-shift-type week for hand-made evaluator cases.
func week(staff: [StaffMember], shifts: [ShiftType] = [ShiftType(id: "D", lengthMinutes: 480)]) -> RosterProblem {
    RosterProblem(name: "week", dayCount: 7, shiftTypes: shifts, staff: staff)
}

func roster(_ pattern: String, staff: Int = 0, shift: Int = 0) -> [Assignment] {
    pattern.enumerated().compactMap { day, character in
        character == "x" ? Assignment(staff: staff, day: day, shift: shift) : nil
    }
}

/// The model file in the source tree (the one the package ships).
enum RotaModelsPath {
    static var roster: String? {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("models/roster.mod").path
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }
}
