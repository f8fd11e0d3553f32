import RotaCore
import Testing

@Suite struct NRPFormatTests {
    @Test func readsEverySectionOfACRLFFile() throws {
        let problem = try NRPFormat.read(path: Fixtures.path("tiny.txt"))
        #expect(problem.dayCount == 7)
        #expect(problem.shiftTypes.map(\.id) == ["D", "N"])
        #expect(problem.shiftTypes.map(\.lengthMinutes) == [480, 600])
        #expect(problem.forbiddenSuccessions == [ShiftSuccession(from: 1, to: 0)])
        #expect(problem.staff.map(\.id) == ["ann", "bob", "cat"])
        let ann = problem.staff[0].limits
        #expect(ann.maxShiftsByType == [0: 7, 1: 2])
        #expect(ann.maxPaidMinutes == 2880 && ann.minPaidMinutes == 1440)
        #expect(ann.maxConsecutiveWorkingDays == 4 && ann.minConsecutiveWorkingDays == 2)
        #expect(ann.minConsecutiveDaysOff == 2 && ann.maxWeekends == 1)
        #expect(problem.staff[1].daysOff == [5, 6])
        #expect(problem.weekends == [[5, 6]])
        #expect(problem.shiftOnRequests == [ShiftRequest(staff: 0, day: 0, shift: 0, weight: 2), ShiftRequest(staff: 2, day: 2, shift: 1, weight: 3)])
        #expect(problem.shiftOffRequests == [ShiftRequest(staff: 2, day: 6, shift: 0, weight: 1)])
        #expect(problem.cover.count == 14)
        #expect(problem.cover[1] == CoverRequirement(day: 0, shift: 1, required: 1, underWeight: 100, overWeight: 1))
    }

    static let malformed: [(text: String, line: Int, fragment: String)] = [
        ("SECTION_HORIZON\r\nseven\r\n", 2, "horizon length"),
        ("SECTION_HORIZON\r\n7\r\nSECTION_SHIFTS\r\nD,480,X\r\nSECTION_STAFF\r\na,D=7,1,0,1,1,1,1\r\n", 4, "unknown shift `X`"),
        ("SECTION_HORIZON\r\n7\r\nSECTION_SHIFTS\r\nD,480,\r\nSECTION_STAFF\r\na,D=7,1,0,1\r\n", 6, "expected 8 fields"),
        ("SECTION_HORIZON\r\n7\r\nSECTION_SHIFTS\r\nD,480,\r\nSECTION_STAFF\r\na,D=7,100,0,1,1,1,1\r\nSECTION_COVER\r\n9,D,1,100,1\r\n", 8, "outside the horizon"),
        ("SECTION_HORIZON\r\n7\r\nSECTION_SHIFTS\r\nD,480,\r\nSECTION_STAFF\r\na,D=7,100,0,1,1,1,1\r\nSECTION_DAYS_OFF\r\nzed,1\r\n", 8, "unknown employee `zed`"),
        ("SECTION_HORIZON\r\n7\r\nSECTION_BOGUS\r\n", 3, "unknown section"),
        ("7\r\n", 1, "before the first section"),
        ("SECTION_HORIZON\r\n7\r\nSECTION_SHIFTS\r\nD,480,\r\nSECTION_STAFF\r\na,D=7,100,200,1,1,1,1\r\n", 6, "above MaxTotalMinutes"),
        ("SECTION_HORIZON\r\n99999999999999999999\r\n", 2, "from 1 to 3660"),
        ("SECTION_HORIZON\r\n7\r\nSECTION_SHIFTS\r\nD,480,\r\nSECTION_STAFF\r\na,D=7,9223372036854775807,0,1,1,1,1\r\n", 6, "MaxTotalMinutes must be a whole number"),
        ("SECTION_HORIZON\r\n7\r\nSECTION_SHIFTS\r\nD,480,\r\nSECTION_STAFF\r\na,D=7,100,0,1,1,1,1\r\nSECTION_COVER\r\n0,D,1,100,-1\r\n", 8, "over weight must be a whole number from 0"),
        ("SECTION_HORIZON\r\n3660\r\nSECTION_SHIFTS\r\nD,480,\r\nE,480,\r\nSECTION_STAFF\r\n" + String(repeating: "a,D=7,100,0,1,1,1,1\r\n", count: 700), 706, "too large to roster"),
    ]

    @Test(arguments: malformed)
    func malformedFilesNameTheLine(_ example: (text: String, line: Int, fragment: String)) {
        #expect {
            _ = try NRPFormat.parse(example.text, file: "bad.txt")
        } throws: { error in
            guard let error = error as? FileLineError else { return false }
            return error.line == example.line && error.description.contains(example.fragment)
                && error.description.hasPrefix("bad.txt:\(example.line):")
        }
    }

    @Test func solutionCSVRoundTrips() throws {
        let problem = try NRPFormat.read(path: Fixtures.path("tiny.txt"))
        let original = Roster([Assignment(staff: 0, day: 0, shift: 1), Assignment(staff: 2, day: 6, shift: 0)])
        let text = NRPFormat.solutionCSV(original, problem: problem)
        #expect(text == "# employee,day,shift\nann,0,N\ncat,6,D\n")
        #expect(try NRPFormat.readSolution(text, problem: problem) == original)
    }
}
