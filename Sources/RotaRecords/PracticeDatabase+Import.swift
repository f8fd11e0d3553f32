internal import GRDB
public import RotaCore

/// What `import scenario` added.
public struct ImportSummary: Sendable, Equatable {
    public var contracts = 0
    public var staff = 0
    public var credentials = 0
    public var leave = 0
    public var rows: Int { contracts + staff + credentials + leave }
}

extension PracticeDatabase {
    /// Adds a scenario's contracts, staff, credentials and leave (as approved requests) in one transaction:
    /// either every row is there afterwards or none is. An id that is already recorded refuses the whole
    /// import. `progress` is called after every row with (rows done, rows in all).
    public func importScenario(
        _ scenario: Scenario, employmentStart: CalendarDate, annualLeaveDays: Double = 0,
        progress: (Int, Int) -> Void = { _, _ in }
    ) throws -> ImportSummary {
        let total = scenario.contracts.count + scenario.staff.count
            + scenario.staff.reduce(0) { $0 + $1.credentials.count } + scenario.leave.count
        let at = timestamp
        return try change("import scenario") { log in
            var summary = ImportSummary()
            func step() { progress(summary.rows, total) }
            for contract in scenario.contracts {
                let id = contract.id.value
                guard let weekly = contract.weeklyHours else {
                    throw RecordsError(
                        .invalid, "\(scenario.file):\(contract.id.location.line): contract \(id)", "has no weekly_hours",
                        hint: "the records keep contract hours; add `weekly_hours` to the contract")
                }
                if try ContractRecord.exists(log.db, key: id) {
                    throw RecordsError(.conflict, "contract \(id)", "is already recorded", hint: "nothing was imported")
                }
                let record = ContractRecord(
                    id: id, weeklyHours: weekly, hoursLow: contract.hoursRange?.low, hoursHigh: contract.hoursRange?.high,
                    minHoursPerWeek: contract.minHoursPerWeek, maxHoursPerWeek: contract.maxHoursPerWeek,
                    maxShiftsPerDay: contract.maxShiftsPerDay, maxConsecutiveDays: contract.maxConsecutiveDays,
                    minConsecutiveDays: contract.minConsecutiveDays, minConsecutiveDaysOff: contract.minConsecutiveDaysOff,
                    maxWeekends: contract.maxWeekends,
                    maxShifts: Dictionary(contract.maxShifts.map { ($0.shift.value, $0.count) }, uniquingKeysWith: { $1 }),
                    annualLeaveDays: annualLeaveDays)
                try record.insert(log.db)
                try log.audit(table: "contract", key: id, before: ContractRecord?.none, after: record)
                summary.contracts += 1
                step()
            }
            for person in scenario.staff {
                let id = person.id.value
                guard let contract = person.contract?.value else {
                    throw RecordsError(
                        .invalid, "\(scenario.file):\(person.id.location.line): staff \(id)", "has no contract",
                        hint: "every person in the records has a contract; add `contract:`")
                }
                if try StaffRecord.exists(log.db, key: id) {
                    throw RecordsError(.conflict, "staff \(id)", "is already recorded", hint: "nothing was imported")
                }
                try requireContract(contract, log.db)
                let record = StaffRecord(
                    id: id, name: person.name ?? id, role: person.role.value, fte: person.fte, contractId: contract,
                    skills: person.skills.map(\.value), sites: person.sites?.map(\.value) ?? [],
                    employmentStart: employmentStart.description)
                try record.insert(log.db)
                try log.audit(table: "staff", key: id, before: StaffRecord?.none, after: record)
                summary.staff += 1
                step()
                for credential in person.credentials {
                    var row = CredentialRecord(staffId: id, kind: credential.kind.value, expires: credential.expires?.description)
                    try row.insert(log.db)
                    try log.audit(table: "credential", key: "\(row.id ?? 0)", before: CredentialRecord?.none, after: row)
                    summary.credentials += 1
                    step()
                }
            }
            for leave in scenario.leave {
                _ = try requireStaff(leave.staff.value, log.db)
                var row = LeaveRequestRecord(
                    staffId: leave.staff.value, kind: LeaveRequestRecord.kinds.contains(leave.kind) ? leave.kind : "other",
                    firstDay: leave.from.value.description, lastDay: leave.to.value.description, status: .approved,
                    reason: "imported from \(scenario.file)", requestedAt: at, decidedBy: actor, decidedAt: at)
                try row.insert(log.db)
                try log.audit(table: "leave_request", key: "\(row.id ?? 0)", before: LeaveRequestRecord?.none, after: row)
                summary.leave += 1
                step()
            }
            return summary
        }
    }
}
