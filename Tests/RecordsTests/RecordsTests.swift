import Foundation
import GRDB
import RotaCore
@testable import RotaRecords
import Testing

/// A fresh database in its own folder, with a fixed clock (2026-11-23 12:00 UTC).
func freshDatabase(actor: String = "tester", now: Date = Date(timeIntervalSince1970: 1_795_435_200)) throws -> PracticeDatabase {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rota-records-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return try PracticeDatabase.create(path: folder.appendingPathComponent("practice.sqlite").path, actor: actor, clock: { now })
}

/// Every row of every table, as text: equal dumps mean an unchanged database.
func dump(_ database: PracticeDatabase) throws -> String {
    try database.pool.read { db in
        let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        return try tables.map { table in
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM \(table)")
            return table + "\n" + rows.map(\.description).joined(separator: "\n")
        }.joined(separator: "\n")
    }
}

/// Contracts and two people, as most tests need them.
func seeded() throws -> PracticeDatabase {
    let database = try freshDatabase()
    try database.addContract(ContractRecord(id: "nursing", weeklyHours: 37.5, annualLeaveDays: 24))
    try database.addStaff(StaffRecord(id: "rn-01", name: "Alice Okafor", role: "rn", fte: 1, contractId: "nursing", employmentStart: "2026-01-01"))
    try database.addStaff(StaffRecord(id: "rn-02", name: "Brian Park", role: "rn", fte: 0.5, contractId: "nursing", employmentStart: "2026-07-01"))
    return database
}

@Suite("Practice database")
struct PracticeDatabaseTests {
    @Test func createdPrivateWithWALAndForeignKeys() throws {
        let database = try freshDatabase()
        let mode = try FileManager.default.attributesOfItem(atPath: database.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let (journal, foreignKeys) = try database.pool.read { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA foreign_keys"))
        }
        #expect(journal == "wal")
        #expect(foreignKeys == 1)
        #expect(try database.integrityCheck() == "ok")
        #expect(throws: RecordsError.self) { try PracticeDatabase.create(path: database.path, actor: "x") }
        #expect(throws: RecordsError.self) { try PracticeDatabase.open(path: database.path + ".missing", actor: "x") }
    }

    /// A database written before contact details, lots and requests (schema v4) is brought up to date on
    /// open with every row kept, and the new columns start empty.
    @Test func aVersion4DatabaseIsMigratedWithItsRows() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rota-v4-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("old.sqlite").path
        var configuration = Configuration()
        configuration.prepareDatabase { db in db.add(function: PracticeSchema.writerFunction) }
        let old = try DatabaseQueue(path: path, configuration: configuration)
        try PracticeSchema.migrator.migrate(old, upTo: "v4")
        try old.write { db in
            try db.execute(sql: "INSERT INTO contract (id, weekly_hours) VALUES ('nursing', 37.5)")
            try db.execute(sql: """
                INSERT INTO staff (id, name, role, fte, contract_id, employment_start) VALUES ('rn-01', 'Alice', 'rn', 1, 'nursing', '2026-01-01')
                """)
            try db.execute(sql: "INSERT INTO asset (id, name, service_interval_days) VALUES ('ecg', 'ECG', 365)")
        }
        try old.close()
        let database = try PracticeDatabase.open(path: path, actor: "x")
        let person = try database.staff("rn-01")
        #expect(person.name == "Alice" && person.phone == nil && person.email == nil && person.deactivationReason == nil)
        #expect(try database.assets().first?.serial == nil)
        #expect(try database.shiftRequests().isEmpty && database.supplyLots().isEmpty && database.storedPracticeFile() == nil)
        _ = try database.updateStaff("rn-01", StaffUpdate(email: "alice@example.org"))
        #expect(try database.staff("rn-01").email == "alice@example.org")
    }

    /// A database a newer Rota wrote is neither read nor written; a read-only one is read, and a change
    /// to it is refused with a message.
    @Test func newerSchemasAreRefusedAndReadOnlyFilesAreRead() throws {
        let database = try seeded()
        try database.pool.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99')")
        }
        #expect {
            try PracticeDatabase.open(path: database.path, actor: "x")
        } throws: { error in
            (error as? RecordsError)?.description.contains("newer version of Rota") == true
        }
        let other = try seeded()
        let readOnly = try PracticeDatabase.open(path: other.path, actor: "x", readOnly: true)
        #expect(try readOnly.allStaff(includingInactive: true).count == 2)
        #expect {
            try readOnly.addContract(ContractRecord(id: "more", weeklyHours: 20, annualLeaveDays: 10))
        } throws: { error in
            (error as? RecordsError)?.description.contains("read-only") == true
        }
    }

    @Test func everyChangeIsAuditedWithBeforeAndAfter() throws {
        let database = try seeded()
        _ = try database.updateStaff("rn-02", StaffUpdate(fte: 0.8))
        let entries = try database.auditLog(table: "staff", rowKey: "rn-02")
        #expect(entries.map(\.action) == ["staff add", "staff update"])
        #expect(entries.last?.before?.contains("\"fte\":0.5") == true)
        #expect(entries.last?.after?.contains("\"fte\":0.8") == true)
        #expect(entries.allSatisfy { $0.actor == "tester" })
    }

    @Test func auditLogAndStaffRefuseDeletes() throws {
        let database = try seeded()
        #expect(throws: DatabaseError.self) { try database.pool.write { try $0.execute(sql: "UPDATE audit SET actor = 'mallory'") } }
        #expect(throws: DatabaseError.self) { try database.pool.write { try $0.execute(sql: "DELETE FROM audit") } }
        // Another program may not delete a person at all; Rota's own connection not one anything refers to.
        let otherProgram = try DatabaseQueue(path: database.path)
        #expect(throws: DatabaseError.self) { try otherProgram.write { try $0.execute(sql: "DELETE FROM staff WHERE id = 'rn-01'") } }
        _ = try database.addCredential(CredentialRecord(staffId: "rn-01", kind: "bls"))
        #expect(throws: DatabaseError.self) { try database.pool.write { try $0.execute(sql: "DELETE FROM staff WHERE id = 'rn-01'") } }
        // The schema itself refuses a date that is not a date, whatever the Swift layer checks.
        #expect(throws: DatabaseError.self) {
            try database.pool.write { try $0.execute(sql: "UPDATE staff SET employment_start = '2026-02-30' WHERE id = 'rn-01'") }
        }
    }

    @Test func deactivatedPeopleStayOnFile() throws {
        let database = try seeded()
        _ = try database.deactivateStaff("rn-02", lastDay: "2026-12-15", reason: "resigned")
        #expect(try database.allStaff().map(\.id) == ["rn-01"])
        #expect(try database.allStaff(includingInactive: true).map(\.id) == ["rn-01", "rn-02"])
        #expect(try database.staff("rn-02").employmentEnd == "2026-12-15")
        #expect(try database.staff("rn-02").deactivationReason == "resigned")
        #expect(throws: RecordsError.self) { try database.deactivateStaff("rn-02", lastDay: "2026-12-16", reason: "again") }
    }

    /// Each refused change names what is wrong and leaves every table exactly as it was.
    @Test(arguments: [
        "unknown staff", "overlapping leave", "leave ends before it starts", "negative stock", "not a date",
        "balance too small", "duplicate id", "unknown contract", "decided twice",
    ])
    func refusedChangesLeaveTheDatabaseUnchanged(_ kind: String) throws {
        let database = try seeded()
        try database.addSupply(SupplyRecord(id: "gloves-m", name: "Gloves M", unit: "box", onHand: 4, reorderPoint: 5, reorderQuantity: 20))
        let booked = try database.requestLeave(staffId: "rn-01", kind: "annual", firstDay: "2026-12-21", lastDay: "2026-12-23")
        let long = try database.requestLeave(staffId: "rn-02", kind: "annual", firstDay: "2027-01-04", lastDay: "2027-01-29")
        _ = try database.denyLeave(id: try #require(booked.id))
        let before = try dump(database)
        let error: RecordsError
        do {
            switch kind {
            case "unknown staff": _ = try database.requestLeave(staffId: "rn-99", kind: "annual", firstDay: "2026-12-01", lastDay: "2026-12-02")
            case "overlapping leave":
                _ = try database.requestLeave(staffId: "rn-02", kind: "sick", firstDay: "2027-01-10", lastDay: "2027-01-11")
            case "leave ends before it starts":
                _ = try database.requestLeave(staffId: "rn-01", kind: "annual", firstDay: "2026-12-10", lastDay: "2026-12-09")
            case "negative stock": _ = try database.useSupply(id: "gloves-m", quantity: 5, date: "2026-11-23")
            case "not a date": _ = try database.requestLeave(staffId: "rn-01", kind: "annual", firstDay: "2026-13-01", lastDay: "2026-13-02")
            case "balance too small": _ = try database.approveLeave(id: try #require(long.id))
            case "duplicate id":
                try database.addStaff(StaffRecord(id: "rn-01", name: "Again", role: "rn", fte: 1, contractId: "nursing", employmentStart: "2026-01-01"))
            case "unknown contract": _ = try database.updateStaff("rn-01", StaffUpdate(contractId: "nursng"))
            case "decided twice": _ = try database.approveLeave(id: try #require(booked.id))
            default: Issue.record("unknown case \(kind)"); return
            }
            Issue.record("\(kind): the change was accepted")
            return
        } catch let refused as RecordsError {
            error = refused
        }
        #expect(try dump(database) == before, "\(kind) changed the database")
        #expect(!error.message.isEmpty)
        switch kind {
        case "unknown staff": #expect(error.kind == .notFound && error.hint?.hasPrefix("did you mean") == true)
        case "unknown contract": #expect(error.hint == "did you mean `nursing`?")
        case "not a date": #expect(error.message.contains("2026-13-01") && error.subject == "from")
        case "balance too small": #expect(error.message.contains("needs 20 annual leave days in 2027"))
        case "negative stock": #expect(error.message.contains("only 4 on hand"))
        default: break
        }
    }

    @Test func leaveBalanceAccruesMonthlyByFTE() throws {
        // Today is 2026-11-23: rn-01 (1.0 FTE, from January) has accrued 11/12 of 24 days; rn-02 (0.5 FTE,
        // from July) 5 months of 12 days a year.
        let database = try seeded()
        let request = try database.requestLeave(staffId: "rn-01", kind: "annual", firstDay: "2026-12-21", lastDay: "2026-12-27")
        let (_, balances) = try database.approveLeave(id: try #require(request.id))
        let balance = try #require(balances.first)
        #expect(balance.accrued == 22)
        #expect(balance.taken == 5)  // Mon 21 to Fri 25; the weekend does not count
        #expect(balance.available == 17)
        try database.setCarryOver(staffId: "rn-02", year: 2026, days: 1.5)
        let part = try database.leaveBalance(staffId: "rn-02", year: 2026)
        #expect(part.accrued == 5)
        #expect(part.available == 6.5)
    }

    @Test func renewedCredentialSupersedesTheOldOne() throws {
        let database = try seeded()
        _ = try database.addCredential(CredentialRecord(staffId: "rn-01", kind: "bls", issued: "2024-12-01", expires: "2026-12-01"))
        _ = try database.addCredential(CredentialRecord(staffId: "rn-02", kind: "bls", issued: "2025-01-10", expires: "2026-12-20"))
        _ = try database.addCredential(CredentialRecord(staffId: "rn-02", kind: "licence", expires: "2028-01-01"))
        let asOf = try #require(CalendarDate(iso: "2026-11-23"))
        #expect(try database.expiringCredentials(within: 60, asOf: asOf).map(\.credential.staffId) == ["rn-01", "rn-02"])
        _ = try database.addCredential(CredentialRecord(staffId: "rn-01", kind: "bls", issued: "2026-11-20", expires: "2028-11-20"))
        let left = try database.expiringCredentials(within: 60, asOf: asOf)
        #expect(left.map(\.credential.staffId) == ["rn-02"])
        #expect(left.first?.daysLeft == 27)
        #expect(throws: RecordsError.self) {
            try database.addCredential(CredentialRecord(staffId: "rn-01", kind: "bls", issued: "2026-11-20", expires: "2026-11-19"))
        }
    }

    @Test func trainingAssetsAndSuppliesFallDue() throws {
        let database = try seeded()
        let asOf = try #require(CalendarDate(iso: "2026-11-23"))
        _ = try database.recordTraining(TrainingRecord(staffId: "rn-01", course: "BLS", completed: "2024-12-10", validUntil: "2026-12-09"))
        _ = try database.recordTraining(TrainingRecord(staffId: "rn-02", course: "BLS", completed: "2026-09-01", validUntil: "2028-08-31"))
        #expect(try database.trainingDue(within: 30, asOf: asOf).map(\.training.staffId) == ["rn-01"])

        try database.addAsset(AssetRecord(id: "defib-n1", name: "Defibrillator", site: "north", serviceIntervalDays: 180, lastService: "2026-06-01"))
        try database.addAsset(AssetRecord(id: "ecg-s1", name: "ECG", site: "south", serviceIntervalDays: 365, lastService: "2026-10-01"))
        #expect(try database.assetsDue(within: 30, asOf: asOf).map(\.asset.id) == ["defib-n1"])
        _ = try database.serviceAsset(id: "defib-n1", date: "2026-11-20")
        #expect(try database.assetsDue(within: 30, asOf: asOf).isEmpty)

        try database.addSupply(SupplyRecord(id: "gloves-m", name: "Gloves M", unit: "box", onHand: 12, reorderPoint: 5, reorderQuantity: 20))
        _ = try database.useSupply(id: "gloves-m", quantity: 9, date: "2026-11-20")
        let reorder = try database.reorderList(asOf: asOf)
        #expect(reorder.map(\.supply.id) == ["gloves-m"])
        #expect(reorder.first?.orderQuantity == 20)
        #expect(reorder.first?.dailyUse == 0.3)
        _ = try database.receiveSupply(id: "gloves-m", quantity: 20, date: "2026-11-23")
        #expect(try database.reorderList(asOf: asOf).isEmpty)
        #expect(try database.supplies().first?.onHand == 23)
    }

    @Test func backupIsACompletePrivateCopy() throws {
        let database = try seeded()
        let copyPath = database.path + ".backup"
        try database.backup(to: copyPath)
        let copy = try PracticeDatabase.open(path: copyPath, actor: "tester")
        #expect(try dump(copy) == dump(database))
        #expect((try FileManager.default.attributesOfItem(atPath: copyPath)[.posixPermissions] as? Int) == 0o600)
        #expect(throws: RecordsError.self) { try database.backup(to: copyPath) }
    }
}
