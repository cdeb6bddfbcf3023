import CSQLite3
import CallboardCore
import CallboardStore
import Foundation

/// The journal against SQLite doing the same work, in the same run: the same events as rows
/// (their columns plus the same binary payload), in WAL mode with synchronous=FULL; one
/// transaction per event, then in transactions of 1,000; then every row read back and decoded
/// into desk state, as the journal's replay does.
struct SQLiteComparison {
    let events: [Event]

    struct Figures {
        var single: Double
        var bulk: Double
        var replay: Double
    }

    func run() throws {
        let journal = try measureJournal()
        let sqlite = try measureSQLite()
        func rate(_ seconds: Double) -> String { "\(Int(Double(events.count) / seconds)) events/s" }
        func ratio(_ ours: Double, _ theirs: Double) -> String { String(format: "%.1f×", theirs / ours) }
        print("compare: \(events.count) events, journal vs SQLite (WAL, synchronous=FULL)")
        print("  one at a time, durable: journal \(rate(journal.single)), SQLite \(rate(sqlite.single)) — journal \(ratio(journal.single, sqlite.single))")
        print("  in groups of 1,000:     journal \(rate(journal.bulk)), SQLite \(rate(sqlite.bulk)) — journal \(ratio(journal.bulk, sqlite.bulk))")
        print("  read back into state:   journal \(rate(journal.replay)), SQLite \(rate(sqlite.replay)) — journal \(ratio(journal.replay, sqlite.replay))")
    }

    private func measureJournal() throws -> Figures {
        let clock = ContinuousClock()
        func write(group: Int) throws -> (Double, String, URL) {
            let dir = scratchFolder()
            let path = dir.appendingPathComponent("journal").path
            let desk = try JournalDesk(log: FileJournal(path: path))
            let elapsed = seconds(try clock.measure {
                for start in stride(from: 0, to: events.count, by: group) {
                    try desk.record(now: now) { _ in Array(events[start..<min(start + group, events.count)]) }
                }
            })
            return (elapsed, path, dir)
        }
        let (single, _, singleDir) = try write(group: 1)
        try? FileManager.default.removeItem(at: singleDir)
        let (bulk, path, dir) = try write(group: 1_000)
        defer { try? FileManager.default.removeItem(at: dir) }
        let replay = seconds(try clock.measure { _ = try JournalDesk(log: FileJournal(path: path)) })
        return Figures(single: single, bulk: bulk, replay: replay)
    }

    private func measureSQLite() throws -> Figures {
        let clock = ContinuousClock()
        let payloads = events.map { EventCodec.encode($0) }
        func open(_ dir: URL) throws -> OpaquePointer {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            var db: OpaquePointer?
            guard sqlite3_open(dir.appendingPathComponent("events.sqlite").path, &db) == SQLITE_OK, let db else { throw BenchError("sqlite open failed") }
            try exec(db, "PRAGMA journal_mode=WAL")
            try exec(db, "PRAGMA synchronous=FULL")
            try exec(db, "CREATE TABLE events (seq INTEGER PRIMARY KEY, type INTEGER NOT NULL, at INTEGER NOT NULL, recorded INTEGER NOT NULL, actor TEXT NOT NULL, call INTEGER, payload BLOB NOT NULL)")
            return db
        }
        func write(group: Int) throws -> (Double, OpaquePointer, URL) {
            let dir = scratchFolder()
            let db = try open(dir)
            var insert: OpaquePointer?
            guard sqlite3_prepare_v2(db, "INSERT INTO events (type, at, recorded, actor, call, payload) VALUES (?, ?, ?, ?, ?, ?)", -1, &insert, nil) == SQLITE_OK else {
                throw BenchError("sqlite prepare failed")
            }
            let elapsed = seconds(try clock.measure {
                for start in stride(from: 0, to: events.count, by: group) {
                    try exec(db, "BEGIN")
                    for index in start..<min(start + group, events.count) {
                        let event = events[index]
                        sqlite3_reset(insert)
                        sqlite3_bind_int(insert, 1, Int32(payloads[index][2]))
                        sqlite3_bind_int64(insert, 2, Int64(event.occurredAt.timeIntervalSince1970))
                        sqlite3_bind_int64(insert, 3, Int64(event.recordedAt.timeIntervalSince1970))
                        sqlite3_bind_text(insert, 4, event.actor, -1, cb_sqlite_transient())
                        if let call = event.change.call { sqlite3_bind_int64(insert, 5, Int64(call.number)) } else { sqlite3_bind_null(insert, 5) }
                        payloads[index].withUnsafeBytes { _ = sqlite3_bind_blob(insert, 6, $0.baseAddress, Int32($0.count), cb_sqlite_transient()) }
                        guard sqlite3_step(insert) == SQLITE_DONE else { throw BenchError("sqlite insert failed") }
                    }
                    try exec(db, "COMMIT")
                }
            })
            sqlite3_finalize(insert)
            return (elapsed, db, dir)
        }
        let (single, singleDB, singleDir) = try write(group: 1)
        sqlite3_close(singleDB)
        try? FileManager.default.removeItem(at: singleDir)
        let (bulk, db, dir) = try write(group: 1_000)
        sqlite3_close(db)
        defer { try? FileManager.default.removeItem(at: dir) }
        // Read back from a fresh connection, as a console starting up would.
        let replay = seconds(try clock.measure {
            var reader: OpaquePointer?
            guard sqlite3_open_v2(dir.appendingPathComponent("events.sqlite").path, &reader, SQLITE_OPEN_READONLY, nil) == SQLITE_OK, let reader else {
                throw BenchError("sqlite open failed")
            }
            defer { sqlite3_close(reader) }
            var select: OpaquePointer?
            guard sqlite3_prepare_v2(reader, "SELECT payload FROM events ORDER BY seq", -1, &select, nil) == SQLITE_OK else { throw BenchError("sqlite prepare failed") }
            defer { sqlite3_finalize(select) }
            var state = DeskState()
            while sqlite3_step(select) == SQLITE_ROW {
                let bytes = UnsafeRawBufferPointer(start: sqlite3_column_blob(select, 0), count: Int(sqlite3_column_bytes(select, 0)))
                state.apply(try EventCodec.decode(bytes))
            }
            guard state.calls.count > 0 else { throw BenchError("nothing read back") }
        })
        return Figures(single: single, bulk: bulk, replay: replay)
    }

    private func exec(_ db: OpaquePointer, _ sql: String) throws {
        guard sqlite3_exec(db, sql, nil, nil, nil) == SQLITE_OK else {
            throw BenchError("sqlite: \(sql): \(String(cString: sqlite3_errmsg(db)))")
        }
    }
}
