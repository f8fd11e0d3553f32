internal import GRDB
public import RotaCore

/// An asset with the date its next service falls due.
public struct AssetDue: Sendable, Equatable {
    public var asset: AssetRecord
    /// nil when it has never been serviced (due now).
    public var nextDue: CalendarDate?
    /// Days from the reference date to `nextDue` (negative: overdue); nil when never serviced.
    public var daysLeft: Int?
}

/// A supply at or below its reorder point, and how much to order.
public struct ReorderLine: Sendable, Equatable {
    public var supply: SupplyRecord
    /// Enough whole reorder quantities to lift stock above the reorder point.
    public var orderQuantity: Double
    /// Average use per day over the 30 days before the reference date (0 when none recorded).
    public var dailyUse: Double
}

extension PracticeDatabase {
    // MARK: Assets

    /// Registers an asset; its site must be the practice's when `vocabulary` is given.
    public func addAsset(_ asset: AssetRecord, checkedAgainst vocabulary: PracticeVocabulary? = nil) throws {
        try Check.nonEmpty(asset.id, "asset id")
        try Check.nonEmpty(asset.name, "name")
        try vocabulary?.check(asset.site, is: .site, field: "site")
        guard asset.serviceIntervalDays > 0 else {
            throw RecordsError(.invalid, "every", "the service interval must be at least 1 day")
        }
        _ = try Check.optionalDate(asset.lastService, "last_service")
        try change("asset add") { log in
            if try AssetRecord.exists(log.db, key: asset.id) {
                throw RecordsError(.conflict, "asset \(asset.id)", "already exists")
            }
            try asset.insert(log.db)
            try log.audit(table: "asset", key: asset.id, before: AssetRecord?.none, after: asset)
        }
    }

    /// Records a service on `date`; the next one falls due an interval later.
    public func serviceAsset(id: String, date: String, note: String? = nil) throws -> AssetRecord {
        let day = try Check.date(date, "date")
        return try change("asset service") { log in
            guard let before = try AssetRecord.fetchOne(log.db, key: id) else {
                throw try Self.notFound(id, in: "asset", log.db, "no such asset")
            }
            var service = AssetServiceRecord(assetId: id, date: day.description, note: note)
            try service.insert(log.db)
            var after = before
            if (before.lastService ?? "") < day.description { after.lastService = day.description }
            try after.update(log.db)
            try log.audit(table: "asset", key: id, before: before, after: after)
            return after
        }
    }

    public func assets() throws -> [AssetRecord] {
        try read { db in try AssetRecord.order(Column("id")).fetchAll(db) }
    }

    /// Assets whose service is overdue or due within `days` of `asOf`, soonest first.
    public func assetsDue(within days: Int, asOf: CalendarDate) throws -> [AssetDue] {
        try assets().compactMap { asset in
            guard let last = asset.lastService.flatMap(CalendarDate.init(iso:)) else {
                return AssetDue(asset: asset, nextDue: nil, daysLeft: nil)
            }
            let next = last.adding(days: asset.serviceIntervalDays)
            let left = asOf.days(to: next)
            return left <= days ? AssetDue(asset: asset, nextDue: next, daysLeft: left) : nil
        }.sorted { ($0.daysLeft ?? Int.min, $0.asset.id) < ($1.daysLeft ?? Int.min, $1.asset.id) }
    }

    // MARK: Supplies

    /// Adds a supply; its site must be the practice's when `vocabulary` is given.
    public func addSupply(_ supply: SupplyRecord, checkedAgainst vocabulary: PracticeVocabulary? = nil) throws {
        try Check.nonEmpty(supply.id, "supply id")
        try vocabulary?.check(supply.site, is: .site, field: "site")
        try Check.nonEmpty(supply.unit, "unit")
        try Check.number(supply.onHand, "on_hand", Check.amount)
        try Check.number(supply.reorderPoint, "reorder_point", Check.amount)
        try Check.number(supply.reorderQuantity, "reorder_quantity", Check.amount)
        guard supply.reorderQuantity > 0 else { throw RecordsError(.invalid, "reorder_quantity", "must be more than 0") }
        try change("supply add") { log in
            if try SupplyRecord.exists(log.db, key: supply.id) {
                throw RecordsError(.conflict, "supply \(supply.id)", "already exists", hint: "`rota supply receive` adds stock to it")
            }
            try supply.insert(log.db)
            try log.audit(table: "supply", key: supply.id, before: SupplyRecord?.none, after: supply)
        }
    }

    /// Takes `quantity` out of stock; refused when that would leave less than nothing. Stock kept by lot is
    /// drawn first from the usable lot that expires first (lots expired on `date` are never drawn unless
    /// named with `lot`, which takes from that lot only, e.g. to discard it), then from stock without a lot.
    public func useSupply(id: String, quantity: Double, date: String, note: String? = nil, lot: String? = nil) throws
        -> SupplyRecord
    {
        try move(id: id, quantity: quantity, kind: "use", date: date, note: note, lot: lot, expires: nil)
    }

    /// Adds a delivery of `quantity` to stock, kept apart as lot `lot` (expiring on `expires`) when given.
    public func receiveSupply(
        id: String, quantity: Double, date: String, note: String? = nil, lot: String? = nil, expires: String? = nil
    ) throws -> SupplyRecord {
        try move(id: id, quantity: quantity, kind: "receive", date: date, note: note, lot: lot, expires: expires)
    }

    private func move(
        id: String, quantity: Double, kind: String, date: String, note: String?, lot: String?, expires: String?
    ) throws -> SupplyRecord {
        guard quantity > 0, quantity.isFinite, quantity <= Check.amount.upperBound else {
            throw RecordsError(
                .invalid, "quantity", "\(format(quantity)) is not a positive number",
                hint: "e.g. `rota supply \(kind) \(id) 5`; stock is corrected with `use` or `receive`")
        }
        if let lot { try Check.nonEmpty(lot, "lot") }
        let expiry = try Check.optionalDate(expires, "expires")
        if expiry != nil && lot == nil {
            throw RecordsError(.invalid, "expires", "an expiry date belongs to a lot", hint: "give the lot number with --lot")
        }
        let amount = kind == "use" ? -quantity : quantity
        let day = try Check.date(date, "date")
        return try change("supply \(kind)") { log in
            guard let before = try SupplyRecord.fetchOne(log.db, key: id) else {
                throw try Self.notFound(id, in: "supply", log.db, "no such supply")
            }
            var after = before
            after.onHand = before.onHand + amount
            guard after.onHand <= Check.amount.upperBound else {
                throw RecordsError(.invalid, "quantity", "the stock would be \(format(after.onHand)), above a billion")
            }
            guard after.onHand >= -1e-9 else {
                throw RecordsError(
                    .invalid, "supply \(id)",
                    "using \(format(-amount)) \(before.unit) would leave \(format(after.onHand)); only \(format(before.onHand)) on hand",
                    hint: "record the delivery first with `rota supply receive \(id) QUANTITY`")
            }
            after.onHand = max(0, after.onHand)
            let lots = try SupplyLotRecord.filter(Column("supply_id") == id).fetchAll(log.db)
            var draws: [(lot: SupplyLotRecord?, change: Double)] = []
            if kind == "receive" {
                if let lot {
                    var received = lots.first { $0.lot == lot }
                        ?? SupplyLotRecord(supplyId: id, lot: lot, expires: expiry?.description, received: day.description, onHand: 0)
                    if let expiry, let known = received.expires, known != expiry.description {
                        throw RecordsError(
                            .conflict, "lot \(lot)", "was recorded as expiring \(known), not \(expiry)",
                            hint: "a lot has one expiry date; check the label")
                    }
                    received.onHand += quantity
                    try received.save(log.db)
                    draws.append((received, quantity))
                } else {
                    draws.append((nil, quantity))
                }
            } else {
                draws = try Self.draw(quantity, of: before, from: lots, on: day, lot: lot)
                for draw in draws {
                    guard var drawn = draw.lot else { continue }
                    drawn.onHand = max(0, drawn.onHand + draw.change)
                    try drawn.update(log.db)
                }
            }
            for draw in draws {
                var movement = SupplyMovementRecord(
                    supplyId: id, date: day.description, change: draw.change, kind: kind, note: note, lotId: draw.lot?.id)
                try movement.insert(log.db)
            }
            try after.update(log.db)
            try log.audit(table: "supply", key: id, before: before, after: after)
            return after
        }
    }

    /// Which lots a use of `quantity` comes from (changes are negative; a nil lot is stock kept without one).
    private static func draw(
        _ quantity: Double, of supply: SupplyRecord, from lots: [SupplyLotRecord], on day: CalendarDate, lot: String?
    ) throws -> [(lot: SupplyLotRecord?, change: Double)] {
        if let lot {
            guard let named = lots.first(where: { $0.lot == lot }) else {
                throw RecordsError(
                    .notFound, "lot \(lot)", "\(supply.id) has no such lot",
                    hint: closest(to: lot, in: lots.map(\.lot)).map { "did you mean `\($0)`?" } ?? "`rota supply lots \(supply.id)` lists them")
            }
            guard named.onHand >= quantity - 1e-9 else {
                throw RecordsError(.invalid, "lot \(lot)", "holds \(format(named.onHand)) \(supply.unit), not \(format(quantity))")
            }
            return [(named, -quantity)]
        }
        let isUsable = { (lot: SupplyLotRecord) in lot.expires.map { $0 > day.description } ?? true }
        let usable = lots.filter { $0.onHand > 0 && isUsable($0) }
            .sorted { ($0.expires ?? "9999-12-31", $0.received, $0.lot) < ($1.expires ?? "9999-12-31", $1.received, $1.lot) }
        let withoutLot = max(0, supply.onHand - lots.reduce(0) { $0 + $1.onHand })
        var left = quantity
        var draws: [(lot: SupplyLotRecord?, change: Double)] = []
        for lot in usable where left > 1e-9 {
            let taken = min(left, lot.onHand)
            draws.append((lot, -taken))
            left -= taken
        }
        if left > 1e-9 && withoutLot > 1e-9 {
            let taken = min(left, withoutLot)
            draws.append((nil, -taken))
            left -= taken
        }
        if left > 1e-9 {
            let expired = lots.filter { $0.onHand > 0 && !isUsable($0) }
            throw RecordsError(
                .invalid, "supply \(supply.id)",
                "only \(format(quantity - left)) \(supply.unit) can be used on \(day); "
                    + expired.map { "lot \($0.lot) (\(format($0.onHand))) expired \($0.expires ?? "?")" }.joined(separator: ", "),
                hint: "discard an expired lot with `rota supply use \(supply.id) N --lot LOT --note discarded`")
        }
        return draws
    }

    /// The lots of one supply (or of all), with stock left, soonest expiry first.
    public func supplyLots(supplyId: String? = nil, includeEmpty: Bool = false) throws -> [SupplyLotRecord] {
        try read { db in
            if let supplyId, try !SupplyRecord.exists(db, key: supplyId) {
                throw try Self.notFound(supplyId, in: "supply", db, "no such supply")
            }
            var request = SupplyLotRecord.all()
            if let supplyId { request = request.filter(Column("supply_id") == supplyId) }
            if !includeEmpty { request = request.filter(Column("on_hand") > 0) }
            return try request.fetchAll(db)
                .sorted { ($0.expires ?? "9999-12-31", $0.supplyId, $0.lot) < ($1.expires ?? "9999-12-31", $1.supplyId, $1.lot) }
        }
    }

    /// Lots with stock left that have expired or expire within `days` of `asOf`.
    public func expiringLots(within days: Int, asOf: CalendarDate) throws -> [(lot: SupplyLotRecord, daysLeft: Int)] {
        try supplyLots().compactMap { lot in
            guard let expires = lot.expires.flatMap(CalendarDate.init(iso:)) else { return nil }
            let left = asOf.days(to: expires)
            return left <= days ? (lot, left) : nil
        }
    }

    public func supplies() throws -> [SupplyRecord] {
        try read { db in try SupplyRecord.order(Column("id")).fetchAll(db) }
    }

    /// What to reorder: supplies at or below their reorder point.
    public func reorderList(asOf: CalendarDate) throws -> [ReorderLine] {
        let since = asOf.adding(days: -30).description
        return try read { db in
            let low = try SupplyRecord.filter(Column("on_hand") <= Column("reorder_point")).order(Column("id")).fetchAll(db)
            return try low.map { supply in
                let used = try Double.fetchOne(
                    db, sql: "SELECT -SUM(change) FROM supply_movement WHERE supply_id = ? AND kind = 'use' AND date > ? AND date <= ?",
                    arguments: [supply.id, since, asOf.description]) ?? 0
                let shortfall = supply.reorderPoint - supply.onHand
                let lots = max(1, (shortfall / supply.reorderQuantity).rounded(.down) + 1)
                return ReorderLine(supply: supply, orderQuantity: lots * supply.reorderQuantity, dailyUse: used / 30)
            }
        }
    }

    // MARK: Audit

    /// The audit log, oldest first, optionally narrowed to one table, row, actor or period.
    public func auditLog(table: String? = nil, rowKey: String? = nil, actor: String? = nil, since: String? = nil, limit: Int? = nil) throws
        -> [AuditEntry]
    {
        try read { db in
            var request = AuditEntry.order(Column("id"))
            if let table { request = request.filter(Column("table_name") == table) }
            if let rowKey { request = request.filter(Column("row_key") == rowKey) }
            if let actor { request = request.filter(Column("actor") == actor) }
            if let since { request = request.filter(Column("at") >= since) }
            var entries = try request.fetchAll(db)
            if let limit, entries.count > limit { entries = Array(entries.suffix(limit)) }
            return entries
        }
    }
}
