internal import GRDB

/// The practice database's versioned migrations.
///
/// Constraints live in the schema, not only in Swift: a date column must hold a real ISO date, amounts
/// have their sign checked, and the audit log and staff table refuse deletes.
/// A later version adds a migration; a shipped migration is never edited.
enum PracticeSchema {
    /// A CHECK that `column` holds a real `YYYY-MM-DD` date. `date()` alone accepts 2026-02-30; a `+0 days`
    /// modifier makes it normalize (to 2026-03-02), so only real dates come back unchanged.
    private static func isDate(_ column: String) -> String { "date(\(column), '+0 days') IS \(column)" }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE contract (
                    id TEXT PRIMARY KEY NOT NULL CHECK (length(id) > 0),
                    weekly_hours REAL NOT NULL CHECK (weekly_hours > 0 AND weekly_hours <= 80),
                    hours_low REAL CHECK (hours_low >= 0),
                    hours_high REAL CHECK (hours_high >= hours_low),
                    min_hours_per_week REAL CHECK (min_hours_per_week >= 0),
                    max_hours_per_week REAL CHECK (max_hours_per_week > 0),
                    max_shifts_per_day INTEGER CHECK (max_shifts_per_day >= 1),
                    max_consecutive_days INTEGER CHECK (max_consecutive_days >= 1),
                    min_consecutive_days INTEGER CHECK (min_consecutive_days >= 1),
                    min_consecutive_days_off INTEGER CHECK (min_consecutive_days_off >= 1),
                    max_weekends INTEGER CHECK (max_weekends >= 0),
                    max_shifts TEXT NOT NULL DEFAULT '{}',
                    annual_leave_days REAL NOT NULL DEFAULT 0 CHECK (annual_leave_days >= 0)
                );
                CREATE TABLE staff (
                    id TEXT PRIMARY KEY NOT NULL CHECK (length(id) > 0),
                    name TEXT NOT NULL,
                    role TEXT NOT NULL CHECK (length(role) > 0),
                    fte REAL NOT NULL CHECK (fte > 0 AND fte <= 1.5),
                    contract_id TEXT NOT NULL REFERENCES contract(id),
                    skills TEXT NOT NULL DEFAULT '[]',
                    sites TEXT NOT NULL DEFAULT '[]',
                    employment_start TEXT NOT NULL CHECK (\(isDate("employment_start"))),
                    employment_end TEXT CHECK (employment_end IS NULL OR (\(isDate("employment_end"))
                        AND employment_end >= employment_start)),
                    is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1))
                );
                CREATE TRIGGER staff_never_deleted BEFORE DELETE ON staff
                BEGIN SELECT RAISE(ABORT, 'staff are deactivated, never deleted'); END;

                CREATE TABLE credential (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    staff_id TEXT NOT NULL REFERENCES staff(id),
                    kind TEXT NOT NULL CHECK (length(kind) > 0),
                    number TEXT,
                    issued TEXT CHECK (issued IS NULL OR \(isDate("issued"))),
                    expires TEXT CHECK (expires IS NULL OR (\(isDate("expires"))
                        AND (issued IS NULL OR expires >= issued)))
                );
                CREATE INDEX credential_by_staff ON credential(staff_id);

                CREATE TABLE leave_request (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    staff_id TEXT NOT NULL REFERENCES staff(id),
                    kind TEXT NOT NULL CHECK (kind IN
                        ('annual', 'sick', 'conference', 'parental', 'training', 'unpaid', 'other')),
                    first_day TEXT NOT NULL CHECK (\(isDate("first_day"))),
                    last_day TEXT NOT NULL CHECK (\(isDate("last_day")) AND last_day >= first_day),
                    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'denied')),
                    reason TEXT,
                    requested_at TEXT NOT NULL,
                    decided_by TEXT,
                    decided_at TEXT,
                    decision_note TEXT,
                    CHECK ((status = 'pending') = (decided_at IS NULL))
                );
                CREATE INDEX leave_by_staff ON leave_request(staff_id, first_day);

                CREATE TABLE leave_balance (
                    staff_id TEXT NOT NULL REFERENCES staff(id),
                    year INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 9999),
                    carried_over_days REAL NOT NULL CHECK (carried_over_days >= 0),
                    PRIMARY KEY (staff_id, year)
                );

                CREATE TABLE training (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    staff_id TEXT NOT NULL REFERENCES staff(id),
                    course TEXT NOT NULL CHECK (length(course) > 0),
                    completed TEXT NOT NULL CHECK (\(isDate("completed"))),
                    valid_until TEXT CHECK (valid_until IS NULL OR (\(isDate("valid_until"))
                        AND valid_until >= completed))
                );
                CREATE INDEX training_by_staff ON training(staff_id, course);

                CREATE TABLE roster_version (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    month TEXT NOT NULL CHECK (date(month || '-01', '+0 days') IS month || '-01'),
                    version INTEGER NOT NULL CHECK (version >= 1),
                    published_at TEXT NOT NULL,
                    published_by TEXT NOT NULL,
                    source TEXT NOT NULL,
                    objective INTEGER NOT NULL,
                    hard_violations INTEGER NOT NULL CHECK (hard_violations >= 0),
                    UNIQUE (month, version)
                );
                CREATE TABLE roster_assignment (
                    version_id INTEGER NOT NULL REFERENCES roster_version(id),
                    staff_id TEXT NOT NULL REFERENCES staff(id),
                    date TEXT NOT NULL CHECK (\(isDate("date"))),
                    shift TEXT NOT NULL,
                    start_minute INTEGER NOT NULL CHECK (start_minute >= 0 AND start_minute < 1440),
                    length_minutes INTEGER NOT NULL CHECK (length_minutes > 0),
                    paid_minutes INTEGER NOT NULL CHECK (paid_minutes >= 0),
                    is_on_call INTEGER NOT NULL CHECK (is_on_call IN (0, 1)),
                    is_holiday INTEGER NOT NULL CHECK (is_holiday IN (0, 1)),
                    PRIMARY KEY (version_id, staff_id, date, shift)
                );
                CREATE TRIGGER roster_versions_are_kept BEFORE DELETE ON roster_version
                BEGIN SELECT RAISE(ABORT, 'published roster versions are never deleted'); END;
                CREATE TRIGGER roster_assignments_are_kept BEFORE UPDATE ON roster_assignment
                BEGIN SELECT RAISE(ABORT, 'a published roster is never changed; publish a new version'); END;

                CREATE TABLE asset (
                    id TEXT PRIMARY KEY NOT NULL CHECK (length(id) > 0),
                    name TEXT NOT NULL,
                    site TEXT,
                    service_interval_days INTEGER NOT NULL CHECK (service_interval_days > 0),
                    last_service TEXT CHECK (last_service IS NULL OR \(isDate("last_service")))
                );
                CREATE TABLE asset_service (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    asset_id TEXT NOT NULL REFERENCES asset(id),
                    date TEXT NOT NULL CHECK (\(isDate("date"))),
                    note TEXT
                );

                CREATE TABLE supply (
                    id TEXT PRIMARY KEY NOT NULL CHECK (length(id) > 0),
                    name TEXT NOT NULL,
                    unit TEXT NOT NULL,
                    site TEXT,
                    on_hand REAL NOT NULL CHECK (on_hand >= 0),
                    reorder_point REAL NOT NULL CHECK (reorder_point >= 0),
                    reorder_quantity REAL NOT NULL CHECK (reorder_quantity > 0)
                );
                CREATE TABLE supply_movement (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    supply_id TEXT NOT NULL REFERENCES supply(id),
                    date TEXT NOT NULL CHECK (\(isDate("date"))),
                    change REAL NOT NULL CHECK (change <> 0),
                    kind TEXT NOT NULL CHECK (kind IN ('use', 'receive')),
                    note TEXT
                );

                CREATE TABLE audit (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    at TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    action TEXT NOT NULL,
                    table_name TEXT NOT NULL,
                    row_key TEXT NOT NULL,
                    before TEXT,
                    after TEXT
                );
                CREATE INDEX audit_by_table ON audit(table_name, row_key);
                CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
                BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
                BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                """)
        }
        // The public holidays of each published month, so that its staffing report counts contract hours
        // the way the solve did (`ContractHours`).
        migrator.registerMigration("v2") { db in
            try db.execute(sql: """
                CREATE TABLE roster_holiday (
                    version_id INTEGER NOT NULL REFERENCES roster_version(id),
                    date TEXT NOT NULL CHECK (\(isDate("date"))),
                    name TEXT NOT NULL,
                    PRIMARY KEY (version_id, date)
                );
                CREATE TRIGGER roster_holidays_are_kept BEFORE UPDATE ON roster_holiday
                BEGIN SELECT RAISE(ABORT, 'a published roster is never changed; publish a new version'); END;
                CREATE TRIGGER roster_holidays_are_not_deleted BEFORE DELETE ON roster_holiday
                BEGIN SELECT RAISE(ABORT, 'a published roster is never changed; publish a new version'); END;
                """)
        }
        // What the schema promised and did not hold: a published roster's assignments could be deleted or
        // added to, a version's figures changed, and audit rows written by any program. Versions are now
        // open only inside the transaction that publishes them; rosters and audit rows are written only
        // through a connection that defines `rota_writes()` (Rota's own: another program's insert fails on
        // the missing function).
        migrator.registerMigration("v3") { db in
            let changed = "SELECT RAISE(ABORT, 'a published roster is never changed; publish a new version')"
            try db.execute(sql: """
                ALTER TABLE roster_version ADD COLUMN publishing INTEGER NOT NULL DEFAULT 0 CHECK (publishing IN (0, 1));
                CREATE TRIGGER roster_versions_are_never_changed
                BEFORE UPDATE OF id, month, version, published_at, published_by, source, objective, hard_violations ON roster_version
                BEGIN \(changed); END;
                CREATE TRIGGER roster_versions_close_once BEFORE UPDATE OF publishing ON roster_version
                WHEN NOT (OLD.publishing = 1 AND NEW.publishing = 0)
                BEGIN \(changed); END;
                CREATE TRIGGER roster_versions_by_rota BEFORE INSERT ON roster_version
                WHEN rota_writes() IS NOT 1
                BEGIN SELECT RAISE(ABORT, 'rosters are published with rota publish'); END;
                CREATE TRIGGER roster_assignments_while_publishing BEFORE INSERT ON roster_assignment
                WHEN (SELECT publishing FROM roster_version WHERE id = NEW.version_id) IS NOT 1
                BEGIN \(changed); END;
                CREATE TRIGGER roster_assignments_in_their_month BEFORE INSERT ON roster_assignment
                WHEN substr(NEW.date, 1, 7) IS NOT (SELECT month FROM roster_version WHERE id = NEW.version_id)
                BEGIN SELECT RAISE(ABORT, 'an assignment lies outside its roster''s month'); END;
                CREATE TRIGGER roster_assignments_are_never_deleted BEFORE DELETE ON roster_assignment
                BEGIN \(changed); END;
                CREATE TRIGGER roster_holidays_while_publishing BEFORE INSERT ON roster_holiday
                WHEN (SELECT publishing FROM roster_version WHERE id = NEW.version_id) IS NOT 1
                BEGIN \(changed); END;
                CREATE TRIGGER audit_by_rota BEFORE INSERT ON audit
                WHEN rota_writes() IS NOT 1
                BEGIN SELECT RAISE(ABORT, 'the audit log is written by Rota only'); END;
                """)
        }
        // Where and what each published shift is, for the calendar feeds (location and title). Versions
        // published before keep NULL.
        migrator.registerMigration("v4") { db in
            try db.execute(sql: """
                ALTER TABLE roster_assignment ADD COLUMN site TEXT;
                ALTER TABLE roster_assignment ADD COLUMN shift_name TEXT;
                """)
        }
        // What a practice keeps beside the roster: contact details, why someone left, asset serials and
        // vendors, supply lots with expiry dates, shift and day requests, and the practice file the records
        // are checked against. A person nothing refers to yet (a typo) may now be removed, by Rota only.
        migrator.registerMigration("v5") { db in
            try db.execute(sql: """
                ALTER TABLE staff ADD COLUMN phone TEXT;
                ALTER TABLE staff ADD COLUMN email TEXT CHECK (email IS NULL OR email LIKE '_%@_%');
                ALTER TABLE staff ADD COLUMN deactivation_reason TEXT;
                DROP TRIGGER staff_never_deleted;
                CREATE TRIGGER staff_removed_by_rota_only BEFORE DELETE ON staff
                WHEN rota_writes() IS NOT 1
                BEGIN SELECT RAISE(ABORT, 'staff are deactivated; a record nothing refers to is removed with rota staff remove'); END;

                ALTER TABLE asset ADD COLUMN serial TEXT;
                ALTER TABLE asset ADD COLUMN vendor TEXT;

                CREATE TABLE supply_lot (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    supply_id TEXT NOT NULL REFERENCES supply(id),
                    lot TEXT NOT NULL CHECK (length(lot) > 0),
                    expires TEXT CHECK (expires IS NULL OR \(isDate("expires"))),
                    received TEXT NOT NULL CHECK (\(isDate("received"))),
                    on_hand REAL NOT NULL CHECK (on_hand >= 0),
                    UNIQUE (supply_id, lot)
                );
                ALTER TABLE supply_movement ADD COLUMN lot_id INTEGER REFERENCES supply_lot(id);

                CREATE TABLE shift_request (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    staff_id TEXT NOT NULL REFERENCES staff(id),
                    first_day TEXT NOT NULL CHECK (\(isDate("first_day"))),
                    last_day TEXT NOT NULL CHECK (\(isDate("last_day")) AND last_day >= first_day),
                    shift TEXT CHECK (shift IS NULL OR length(shift) > 0),
                    wants TEXT NOT NULL CHECK (wants IN ('on', 'off')),
                    weight INTEGER NOT NULL CHECK (weight BETWEEN 1 AND 1000),
                    reason TEXT,
                    requested_at TEXT NOT NULL,
                    withdrawn_at TEXT
                );
                CREATE INDEX shift_request_by_staff ON shift_request(staff_id, first_day);
                CREATE TRIGGER shift_requests_are_kept BEFORE DELETE ON shift_request
                BEGIN SELECT RAISE(ABORT, 'requests are withdrawn, not deleted'); END;

                CREATE TABLE setting (
                    key TEXT PRIMARY KEY NOT NULL,
                    value TEXT NOT NULL
                );
                """)
        }
        return migrator
    }

    /// The SQL function the write-guarding triggers call; only Rota's connections define it.
    static let writerFunction = DatabaseFunction("rota_writes", argumentCount: 0, pure: false) { _ in 1 }
}
