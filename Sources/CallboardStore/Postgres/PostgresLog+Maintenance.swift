import CallboardCore
import Foundation

/// Snapshots, calls read back, import, and looking after a log kept in PostgreSQL.
extension PostgresLog {
    // MARK: snapshots (3/7)

    public func snapshot() throws(JournalError) -> StoredSnapshot? {
        try pool.typed { connection throws(JournalError) in
            guard try state(connection, locking: false) != nil else { return nil }
            let rows = try connection.execute("SELECT bytes FROM callboard_snapshots WHERE id = 1")
            guard rows.count == 1 else { return nil }
            return StoredSnapshot(source: SnapshotBytes(rows.copy(0, 0)), location: "\(shown) (callboard_snapshots)", problem: nil)
        }
    }

    /// Stored under the log's row lock, so a rewrite cannot come between the check and the
    /// write; never over a later snapshot of the same life of the log.
    public func storeSnapshot(_ bytes: [UInt8], at position: LogPosition) throws(JournalError) {
        try pool.typed { connection throws(JournalError) in
            try connection.execute("BEGIN")
            do throws(JournalError) {
                guard let state = try state(connection, locking: true), position.epoch == UInt64(bitPattern: state.epoch),
                      Int64(position.sequence) <= state.last else {
                    try connection.execute("ROLLBACK")
                    return
                }
                try connection.execute("""
                    INSERT INTO callboard_snapshots (id, epoch, position, bytes) VALUES (1, $1, $2, $3::bytea)
                    ON CONFLICT (id) DO UPDATE SET epoch = excluded.epoch, position = excluded.position, bytes = excluded.bytes
                    WHERE callboard_snapshots.epoch <> excluded.epoch OR callboard_snapshots.position <= excluded.position
                    """, [.text("\(state.epoch)"), .text("\(position.sequence)"), .bytes(bytes)])
                try connection.execute("COMMIT")
            } catch {
                _ = try? connection.execute("ROLLBACK")
                // Only supervisors store snapshots where the desk's roles are set (every
                // console trusts one once it is checked): another's is simply not stored.
                if connection.lastState == "42501" { return }
                throw error
            }
        }
    }

    public func fits(_ position: LogPosition) throws(JournalError) -> PositionFit {
        try pool.typed { connection throws(JournalError) in
            guard let state = try state(connection, locking: false), position.epoch == UInt64(bitPattern: state.epoch) else { return .otherLog }
            return Int64(position.sequence) <= state.last ? .fits : .pastEnd
        }
    }

    /// A check of the last few events up to `position`: the same number in another history (the
    /// database put back from a copy and written on differently) has other events there.
    public func historyCheck(at position: LogPosition) throws(JournalError) -> UInt32 {
        guard position.sequence > 0 else { return 0 }
        return try pool.typed { connection throws(JournalError) in
            let rows = try connection.execute("SELECT payload FROM callboard_events WHERE position > $1 AND position <= $2 ORDER BY position",
                                              [.text("\(Int64(position.sequence) - 4)"), .text("\(position.sequence)")])
            var bytes: [UInt8] = []
            for row in 0..<rows.count { bytes += rows.copy(row, 0) }
            return CRC32C.checksum(bytes)
        }
    }

    public func history(of calls: Set<CallID>, through position: LogPosition) throws(JournalError) -> [CallID: [Event]] {
        guard !calls.isEmpty, position.sequence > 0 else { return [:] }
        return try pool.typed { connection throws(JournalError) in
            let numbers = "{" + calls.map { "\($0.number)" }.joined(separator: ",") + "}"
            let rows = try connection.execute(
                "SELECT position, payload, \(Self.writer) FROM callboard_events WHERE call = ANY($1::int[]) AND position <= $2 ORDER BY position",
                [.text(numbers), .text("\(position.sequence)")])
            var found: [CallID: [Event]] = [:]
            let decoder = JSONDecoder()
            for row in 0..<rows.count {
                guard var event = try? rows.withBytes(row, 1, { try EventCodec.decode($0, decoder: decoder) }) else {
                    throw JournalError(.unreadableEvent(sequence: UInt64(rows.int64(row, 0))), log: shown,
                                       JournalText.postgresUnreadable(["location": "\(shown)", "position": "\(rows.int64(row, 0))", "problem": "undecodable"]))
                }
                if !rows.isNull(row, 2) { event.actor = rows.text(row, 2) }
                if let id = event.change.call, calls.contains(id) { found[id, default: []].append(event) }
            }
            return found
        }
    }

    // MARK: import (3/7)

    /// One transaction: the tables, if made, and every event go in at its commit or not at all.
    public func importHistory(now: Date, _ next: () throws -> Event?) throws -> LogImport {
        try pool.with { connection in
            try connection.execute("BEGIN")
            do {
                try connection.execute(PostgresSchema.creationLock)
                if let state = try state(connection, locking: true), state.last > 0 {
                    throw JournalError(.notEmpty, log: shown, JournalText.importNotEmpty(["path": "\(shown)"]))
                }
                var batch: [Event] = []
                var count = 0
                var epoch: Int64?
                func flush() throws {
                    guard !batch.isEmpty else { return }
                    if epoch == nil { epoch = try startEmpty(connection) }
                    _ = try insert(batch, connection, after: Int64(count), epoch: epoch!, notifying: false)
                    count += batch.count
                    batch.removeAll(keepingCapacity: true)
                }
                while let event = try next() {
                    batch.append(event)
                    if batch.count == 2_000 { try flush() }
                }
                try flush()
                guard count > 0 else {
                    try connection.execute("ROLLBACK")
                    return LogImport(events: 0, warnings: [])
                }
                try connection.simple("SELECT pg_notify('\(PostgresSchema.channel)', '\(count)'); COMMIT")
                return LogImport(events: count, warnings: [])
            } catch {
                _ = try? connection.execute("ROLLBACK")
                throw error
            }
        }
    }

    /// The log's row for an import: made (with the tables) if there is none, under a new epoch.
    private func startEmpty(_ connection: PostgresConnection) throws(JournalError) -> Int64 {
        if try state(connection, locking: true) == nil { return try create(connection).epoch }
        let epoch = Int64.random(in: 1...Int64.max)
        try connection.execute("UPDATE callboard_log SET epoch = $1 WHERE id = 1", [.text("\(epoch)")])
        return epoch
    }

    // MARK: looking after it

    /// Every position from 1 to the last present once, every payload decodable.
    public func verify() throws(JournalError) -> LogVerification {
        try pool.typed { connection throws(JournalError) in
            try connection.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            defer { _ = try? connection.execute("COMMIT") }
            var found = LogVerification(size: 0, records: 0, lastSequence: 0, header: nil, damage: [], order: [], partialWrites: [], orphans: [],
                                        lostReferences: [], tornTail: nil, unreadable: [], newer: [])
            guard let state = try state(connection, locking: false) else { return found }
            found.lastSequence = UInt64(state.last)
            var at: Int64 = 0
            let decoder = JSONDecoder()
            while true {
                let rows = try connection.execute("SELECT position, payload FROM callboard_events WHERE position > $1 ORDER BY position LIMIT 10000",
                                                  [.text("\(at)")])
                if rows.count == 0 { break }
                for row in 0..<rows.count {
                    let number = rows.int64(row, 0)
                    if number != at + 1 {
                        found.order.append(JournalText.postgresMissing(["location": "\(shown)", "position": "\(at + 1)"]))
                    }
                    found.size += rows.withBytes(row, 1) { $0.count }
                    found.records += 1
                    do {
                        _ = try rows.withBytes(row, 1) { try EventCodec.decode($0, decoder: decoder) }
                    } catch {
                        let problem = EventCodec.DecodeError.text(of: error)
                        let text = JournalText.postgresUnreadable(["location": "\(shown)", "position": "\(number)", "problem": .message(problem)])
                        if (error as? EventCodec.DecodeError)?.isNewer == true { found.newer.append(text) } else { found.unreadable.append(text) }
                    }
                    at = number
                }
            }
            if at != state.last { found.order.append(JournalText.postgresMissing(["location": "\(shown)", "position": "\(at + 1)"])) }
            return found
        }
    }

    /// A sound log is left as it is. Mending a damaged one is the database's own business
    /// (its backups and point-in-time recovery): callboard says where the damage is and stops.
    public func repair(now: Date, fallbackPolicy: SLAPolicy?) throws -> LogRepair {
        let found = try verify()
        guard found.isDamaged else {
            return LogRepair(needed: false, kept: found.records, found: found, backup: nil, nextCallNumber: 0, notes: [])
        }
        throw JournalError(.corrupt(offset: 0), log: shown, JournalText.postgresNoRepair(["location": "\(shown)"]))
    }

    /// One transaction under the log's row lock: the archived calls go into a schema of their
    /// own beside the desk's (`<schema>_archive_<time>`, itself a log: its location is the
    /// desk's with that search_path), then the desk's events are replaced by the compaction
    /// record and what stays, numbered from 1 under a new epoch, and followers are told. Either
    /// all of it is committed or none. Deleting events is the tables' owner's alone: on a desk
    /// with roles, the administrator compacts.
    public func compact(now: Date, actor: String, archiveClosedBefore cutoff: Date?) throws -> LogCompaction {
        let result = try pool.with { connection -> LogCompaction in
            try connection.execute("BEGIN")
            do {
                guard let state = try state(connection, locking: true), state.last > 0 else {
                    throw JournalError(.notAJournal, log: shown, JournalText.nothingToCompact(["path": "\(shown)"]))
                }
                var events: [Event] = []
                _ = try self.events(connection, after: 0, through: state.last, epoch: state.epoch) { event, _ in events.append(event) }
                let plan = CompactionPlan(events, archiveClosedBefore: cutoff)
                var archive: String?, archiveName: String?
                if !plan.archiveEvents.isEmpty {
                    let schema = try connection.execute("SELECT current_schema()").text(0, 0)
                    let name = schema + "_archive_" + Self.stamp(now)
                    try connection.execute("SELECT set_config('search_path', quote_ident($1), true)", [.text(name)])
                    try connection.execute("CREATE SCHEMA " + Self.quoted(name))
                    let made = try create(connection)
                    _ = try insert(plan.archiveOrder, connection, after: 0, epoch: made.epoch, notifying: false)
                    try connection.execute("SELECT set_config('search_path', quote_ident($1), true)", [.text(schema)])
                    archive = Self.location(location, schema: name)
                    archiveName = name
                }
                // The record names the archive's schema, as a file journal's names its file.
                let marker = plan.marker(now: now, actor: actor, archive: archiveName)
                let epoch = Int64.random(in: 1...Int64.max)
                try connection.execute("DELETE FROM callboard_events")
                try connection.execute("DELETE FROM callboard_snapshots")
                try connection.execute("UPDATE callboard_log SET last_position = 0 WHERE id = 1")
                try connection.execute("UPDATE callboard_log SET epoch = $1 WHERE id = 1", [.text("\(epoch)")])
                _ = try insert([marker] + plan.kept, connection, after: 0, epoch: epoch)
                try connection.execute("COMMIT")
                return LogCompaction(eventsBefore: events.count, eventsAfter: plan.kept.count + 1, archivedCalls: plan.archived.count,
                                     archivedEvents: plan.archiveEvents.count, archive: archive, warnings: [])
            } catch {
                _ = try? connection.execute("ROLLBACK")
                throw error
            }
        }
        // Every desk opening the compacted log starts from its snapshot, not from its start.
        var warnings = result.warnings
        do throws(JournalError) {
            _ = try DeskSnapshot.take(of: self, now: now)
        } catch {
            warnings.append(JournalText.snapshotNotWritten(["problem": .message(error.text)]))
        }
        return LogCompaction(eventsBefore: result.eventsBefore, eventsAfter: result.eventsAfter, archivedCalls: result.archivedCalls,
                             archivedEvents: result.archivedEvents, archive: result.archive.map(EventLogs.redacted), warnings: warnings)
    }

    /// `20261206T091500Z`: a name part from a time, in UTC.
    static func stamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter.string(from: date).lowercased()
    }

    static func quoted(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    /// A location that opens the log in `schema` of the same database.
    static func location(_ location: String, schema: String) -> String {
        let option = "options=-csearch_path%3D" + (quoted(schema).addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? schema)
        return location + (location.contains("?") ? "&" : "?") + option
    }
}
