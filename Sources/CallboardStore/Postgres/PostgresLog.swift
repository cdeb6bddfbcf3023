import CallboardCore
import Foundation

/// The desk's log in a PostgreSQL database (`--journal postgres://…`), behind the same EventLog
/// as the file journal (README, "The journal in PostgreSQL"; tables in PostgresSchema).
///
/// A position is an event's number: `offset` and `sequence` are both the `position` column, and
/// `epoch` is the log's life (`callboard_log.epoch`), new whenever the log is rewritten. Appends
/// lock the one `callboard_log` row, catch up, decide and insert in one transaction: positions
/// are given out in commit order with no gaps, so a reader that takes everything after its
/// position never skips an event committed later than one it has read. Readers never wait for
/// writers (a snapshot of the database), so a console is never told a writer is busy.
public struct PostgresLog: EventLog {
    public let location: String
    let pool: PostgresPool

    public init(location: String) {
        self.location = location
        pool = PostgresPool(conninfo: location, shown: EventLogs.redacted(location))
    }

    /// The location fit for messages (no password).
    var shown: String { pool.shown }

    // MARK: reading

    public func read(after position: LogPosition, wait: Bool, _ body: (Event, LogPosition) -> Void) throws(JournalError) -> LogRead {
        try pool.typed { connection throws(JournalError) in
            // A console looks every second: when nothing was written, one query says so.
            if let epoch = position.epoch, position.sequence > 0,
               let rows = try? connection.simple("SELECT epoch, last_position FROM callboard_log WHERE id = 1"), rows.count == 1,
               Int64(rows.text(0, 0)).map({ UInt64(bitPattern: $0) }) == epoch, Int64(rows.text(0, 1)) == Int64(position.sequence) {
                return LogRead(position: position, writerBusy: false)
            }
            try connection.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            defer { _ = try? connection.execute("COMMIT") }
            guard let state = try state(connection, locking: false) else {
                if position.sequence > 0 { throw removed() }
                return LogRead(position: position, writerBusy: false)
            }
            let from = try check(position, against: state)
            let end = try events(connection, after: from, through: state.last, epoch: state.epoch, body)
            return LogRead(position: end, writerBusy: false)
        }
    }

    /// Hands over the events after `from` up to `last`, a piece at a time; returns the position
    /// after the last. A missing number is damage, never skipped.
    func events(_ connection: PostgresConnection, after from: Int64, through last: Int64, epoch: Int64,
                        _ body: (Event, LogPosition) -> Void) throws(JournalError) -> LogPosition {
        var at = from
        let decoder = JSONDecoder()
        while at < last {
            let rows = try connection.execute(
                "SELECT position, payload, \(Self.writer) FROM callboard_events WHERE position > $1 AND position <= $2 ORDER BY position LIMIT 10000",
                [.text("\(at)"), .text("\(last)")])
            if rows.count == 0 { throw missing(at + 1) }
            for row in 0..<rows.count {
                let number = rows.int64(row, 0)
                guard number == at + 1 else { throw missing(at + 1) }
                var event: Event
                do {
                    event = try rows.withBytes(row, 1) { try EventCodec.decode($0, decoder: decoder) }
                    if !rows.isNull(row, 2) { event.actor = rows.text(row, 2) }
                } catch {
                    throw JournalError(.unreadableEvent(sequence: UInt64(number)), log: shown, JournalText.postgresUnreadable([
                        "location": "\(shown)", "position": "\(number)", "problem": .message(EventCodec.DecodeError.text(of: error)),
                    ]))
                }
                at = number
                body(event, Self.position(number, epoch: epoch))
            }
        }
        return Self.position(at, epoch: epoch)
    }

    /// Who wrote a row, as the server says: its login (`db_user`, which no client can set),
    /// or NULL for the tables' owner, whose rows keep the actor they carry (the administrator's
    /// own actions, and history brought in by `journal import`). A login cannot pass its
    /// action off as another's by writing another name into the payload.
    static let writer = "CASE WHEN db_user = \(owner) THEN NULL ELSE db_user::text END"

    /// The login owning the tables (the desk's administrator).
    static let owner = "(SELECT r.rolname FROM pg_catalog.pg_roles r JOIN pg_catalog.pg_class c ON c.relowner = r.oid "
        + "WHERE c.oid = 'callboard_events'::regclass)"

    static func position(_ number: Int64, epoch: Int64) -> LogPosition {
        LogPosition(offset: Int(number), sequence: UInt64(number), epoch: UInt64(bitPattern: epoch))
    }

    // MARK: appending

    public func append(after position: LogPosition, now: Date, _ decide: (LogBatch) throws -> [Event]) throws -> LogAppend {
        var asked = 0
        while true {
            do {
                return try appendOnce(after: position, decide)
            } catch let unknown as CommitUnanswered {
                // The connection went with the COMMIT's answer: look whether the events are
                // there (acknowledged), else the write did not happen and is decided again.
                if try committed(unknown.result) { return unknown.result }
                asked += 1
                if asked > 2 { throw unknown.error }
            }
        }
    }

    /// A COMMIT sent and its answer lost with the connection.
    private struct CommitUnanswered: Error {
        var result: LogAppend
        var error: JournalError
    }

    /// Whether the first of `result`'s events stands at its position, as written. Looked at
    /// under the log's row lock, which the lost transaction holds until it has committed or
    /// rolled back on the server: never while it may still be committing.
    private func committed(_ result: LogAppend) throws(JournalError) -> Bool {
        guard let first = result.appended.first else { return true }
        let position = Int64(result.position.sequence) - Int64(result.appended.count) + 1
        do {
            return try pool.typed { connection throws(JournalError) in
                try connection.execute("BEGIN")
                defer { _ = try? connection.execute("ROLLBACK") }
                try connection.execute("SELECT 1 FROM callboard_log WHERE id = 1 FOR UPDATE")
                let rows = try connection.execute("SELECT payload FROM callboard_events WHERE position = $1", [.text("\(position)")])
                return rows.count == 1 && rows.copy(0, 0) == EventCodec.encode(first)
            }
        } catch {
            // Nobody can say now whether it was recorded: say so rather than that it failed.
            throw JournalError(error.kind, log: shown, JournalText.postgresOutcomeUnknown(["location": "\(shown)", "problem": .message(error.text)]))
        }
    }

    private func appendOnce(after position: LogPosition, _ decide: (LogBatch) throws -> [Event]) throws -> LogAppend {
        try pool.with { connection in
            let result: LogAppend
            do {
                result = try appendInTransaction(connection, after: position, decide)
            } catch let error as JournalError where connection.isBroken {
                // Nothing was committed: the server rolls back a transaction whose connection
                // is gone. Decided again on a new connection, against what is there then.
                throw PostgresRetry(error: error)
            } catch {
                _ = try? connection.execute("ROLLBACK")
                throw error
            }
            // A COMMIT whose answer is lost may or may not have happened: never done twice
            // blindly (the caller looks).
            guard !result.appended.isEmpty else {
                try connection.execute("ROLLBACK")
                return result
            }
            do {
                // Followers are told the new position (delivered at commit), in the same round trip.
                try connection.simple("SELECT pg_notify('\(PostgresSchema.channel)', '\(result.position.sequence)'); COMMIT")
            } catch let error as JournalError where connection.isBroken {
                throw CommitUnanswered(result: result, error: error)
            }
            return result
        }
    }

    /// Who is writing: the login, and whether it owns the tables (then its events keep their names).
    struct Writer {
        var state: LogState
        var name: String
        var owns: Bool
    }

    static let owns = "\(owner) = session_user"

    /// Begins the append's transaction and takes the writers' lock (the log's row), learning who
    /// writes, in one round trip; nil (the transaction begun) when there is no log here yet.
    private func lock(_ connection: PostgresConnection) throws(JournalError) -> Writer? {
        let rows: PostgresResult
        do {
            rows = try connection.simple("BEGIN; SELECT epoch, last_position, schema_version, session_user, \(Self.owns) FROM callboard_log WHERE id = 1 FOR UPDATE")
        } catch {
            // No table: the transaction failed with it; begun again for the first write.
            guard connection.lastState == "42P01", !connection.isBroken else { throw error }
            try connection.execute("ROLLBACK")
            try connection.execute("BEGIN")
            return nil
        }
        guard rows.count == 1, let epoch = Int64(rows.text(0, 0)), let last = Int64(rows.text(0, 1)), let version = Int32(rows.text(0, 2)) else { return nil }
        guard version <= PostgresSchema.version else {
            throw JournalError(.unsupportedVersion, log: shown, JournalText.postgresNewer(["location": "\(shown)", "version": "\(version)", "known": "\(PostgresSchema.version)"]))
        }
        return Writer(state: LogState(epoch: epoch, last: last), name: rows.text(0, 3), owns: rows.text(0, 4) == "t")
    }

    private func appendInTransaction(_ connection: PostgresConnection, after position: LogPosition,
                                     _ decide: (LogBatch) throws -> [Event]) throws -> LogAppend {
        var writer = try lock(connection)
        if writer == nil {
            // No log yet: decide against nothing, and create the tables only for something to
            // record (in this transaction: a refusal rolls them back with it).
            if position.sequence > 0 { throw removed() }
            try connection.execute(PostgresSchema.creationLock)
            if let made = try state(connection, locking: true) {
                // Another writer made it meanwhile: decided against what they wrote.
                let who = try connection.execute("SELECT session_user::text, \(Self.owns)")
                writer = Writer(state: made, name: who.text(0, 0), owns: who.bool(0, 1))
            } else {
                let events = try decide(LogBatch(events: [], position: position))
                let nothing = LogAppend(caughtUp: LogBatch(events: [], position: position), appended: [], position: position, warnings: [])
                guard !events.isEmpty else { return nothing }
                let created = try create(connection)
                let end = try insert(events, connection, after: 0, epoch: created.epoch, notifying: false)
                return LogAppend(caughtUp: LogBatch(events: [], position: Self.position(0, epoch: created.epoch)), appended: events, position: end, warnings: [])
            }
        }
        guard let writer else { throw removed() }
        let state = writer.state
        let from = try check(position, against: state)
        var caughtUp: [Event] = []
        let end = try events(connection, after: from, through: state.last, epoch: state.epoch) { event, _ in caughtUp.append(event) }
        let batch = LogBatch(events: caughtUp, position: end)
        var events = try decide(batch)
        guard !events.isEmpty else { return LogAppend(caughtUp: batch, appended: [], position: end, warnings: []) }
        // As every reader will see them (`writer`): by this login, unless it owns the tables.
        if !writer.owns {
            events = events.map { var event = $0; event.actor = writer.name; return event }
        } else if try connection.execute("SELECT count(*)::int FROM callboard_event_kinds").int32(0, 0) < Int32(EventKinds.all.count) {
            // The administrator, after an upgrade: the kinds this build writes, for the server's check.
            try teachKinds(connection)
        }
        let after = try insert(events, connection, after: state.last, epoch: state.epoch, notifying: false)
        return LogAppend(caughtUp: batch, appended: events, position: after, warnings: [])
    }

    /// Inserts `events` numbered from `last + 1` (the log's last position follows) and, unless
    /// the caller does it with its COMMIT, tells the followers (delivered at commit). Returns the
    /// position after them.
    func insert(_ events: [Event], _ connection: PostgresConnection, after last: Int64, epoch: Int64,
                notifying: Bool = true) throws(JournalError) -> LogPosition {
        var next = last
        // A few hundred rows per statement: a round trip per row would make imports slow.
        for start in stride(from: 0, to: events.count, by: 500) {
            let slice = events[start..<min(start + 500, events.count)]
            var values: [String] = []
            var parameters: [PostgresConnection.Parameter] = []
            for event in slice {
                next += 1
                let base = parameters.count
                values.append("($\(base + 1)::bigint, $\(base + 2), to_timestamp($\(base + 3)::double precision), to_timestamp($\(base + 4)::double precision), $\(base + 5), $\(base + 6)::int, $\(base + 7)::bytea)")
                parameters += [
                    .text("\(next)"), .text(EventCodec.typeName(event.change)),
                    .text("\(event.occurredAt.timeIntervalSince1970)"), .text("\(event.recordedAt.timeIntervalSince1970)"),
                    .text(event.actor), event.change.call.map { .text("\($0.number)") } ?? .null, .bytes(EventCodec.encode(event)),
                ]
            }
            try connection.execute("INSERT INTO callboard_events (position, type, occurred_at, recorded_at, actor, call, payload) VALUES "
                                   + values.joined(separator: ", "), parameters)
        }
        // The log's row follows (a trigger: callboard_follow_events); followers are told.
        if notifying { try connection.execute("SELECT pg_notify($1, $2)", [.text(PostgresSchema.channel), .text("\(next)")]) }
        return Self.position(next, epoch: epoch)
    }

    /// Creates the tables and the log's row under a new epoch (in the caller's transaction).
    func create(_ connection: PostgresConnection) throws(JournalError) -> LogState {
        try createTables(connection)
        let epoch = Int64.random(in: 1...Int64.max)
        try connection.execute("INSERT INTO callboard_log (id, schema_version, epoch, last_position) VALUES (1, $1, $2, 0)",
                               [.text("\(PostgresSchema.version)"), .text("\(epoch)")])
        return LogState(epoch: epoch, last: 0)
    }

    /// The tables, the server's guards and, where the desk's roles exist, their grants.
    func createTables(_ connection: PostgresConnection) throws(JournalError) {
        guard try connection.execute(PostgresSchema.mayCreate).bool(0, 0) else {
            let user = try connection.execute("SELECT session_user::text").text(0, 0)
            throw JournalError(.io(errno: EACCES), log: shown, JournalText.postgresNotTheMaker(["location": "\(shown)", "user": "\(user)"]))
        }
        for statement in PostgresSchema.create + PostgresSchema.guards { try connection.execute(statement) }
        try teachKinds(connection)
        let roles = try connection.execute("SELECT count(*)::int FROM pg_catalog.pg_roles WHERE rolname = ANY($1::text[])",
                                           [.text("{" + PostgresSchema.roles.joined(separator: ",") + "}")])
        if roles.int32(0, 0) == Int32(PostgresSchema.roles.count) {
            for statement in PostgresSchema.grants { try connection.execute(statement) }
        }
    }

    /// Writes every kind this build knows, with who may write it, into the kinds table.
    func teachKinds(_ connection: PostgresConnection) throws(JournalError) {
        for kind in EventKinds.all {
            try connection.execute(PostgresSchema.kind, [.text("\(kind.code)"), .text(kind.type), .text(PostgresSchema.role(of: kind).rawValue)])
        }
    }

    // MARK: the log's row

    struct LogState {
        var epoch: Int64
        var last: Int64
    }

    /// The log's epoch and last position; nil when there is no log here yet. `locking` takes
    /// the row for the rest of the transaction (the writers' lock).
    func state(_ connection: PostgresConnection, locking: Bool) throws(JournalError) -> LogState? {
        // The catalog as of this statement (to_regclass may answer from a cache that has not
        // yet seen a table another writer just created).
        let exists = try connection.execute("""
            SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_class WHERE relname = 'callboard_log' AND relkind = 'r'
                           AND relnamespace = (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = current_schema()))
            """)
        guard exists.bool(0, 0) else { return nil }
        let rows = try connection.execute("SELECT epoch, last_position, schema_version FROM callboard_log WHERE id = 1" + (locking ? " FOR UPDATE" : ""))
        guard rows.count == 1 else { return nil }
        let version = rows.int32(0, 2)
        guard version <= PostgresSchema.version else {
            throw JournalError(.unsupportedVersion, log: shown, JournalText.postgresNewer(["location": "\(shown)", "version": "\(version)", "known": "\(PostgresSchema.version)"]))
        }
        return LogState(epoch: rows.int64(0, 0), last: rows.int64(0, 1))
    }

    /// Where to go on from `position` in this log: refused if it belongs to another life of it
    /// (rewritten meanwhile) or lies past its end (the database put back from an older copy).
    private func check(_ position: LogPosition, against state: LogState) throws(JournalError) -> Int64 {
        if let epoch = position.epoch, epoch != UInt64(bitPattern: state.epoch) {
            throw JournalError(.superseded, log: shown, JournalText.superseded(["path": "\(shown)"]))
        }
        if Int64(position.sequence) > state.last {
            throw JournalError(.replaced, log: shown, JournalText.postgresShorter(["location": "\(shown)", "last": "\(state.last)", "read": "\(position.sequence)"]))
        }
        return Int64(position.sequence)
    }

    func removed() -> JournalError {
        JournalError(.replaced, log: shown, JournalText.removed(["path": "\(shown)"]))
    }

    private func missing(_ number: Int64) -> JournalError {
        JournalError(.corrupt(offset: Int(number)), log: shown, JournalText.postgresMissing(["location": "\(shown)", "position": "\(number)"]))
    }

    // MARK: the desk around the log

    public func changes() -> any LogChanges { PostgresChanges(conninfo: location) }

    public func exists() throws(JournalError) -> Bool {
        try pool.typed { connection throws(JournalError) in try state(connection, locking: false) != nil }
    }

    /// Moves the log's tables into the schema `<schema>_previous` (replacing what was there), in
    /// one transaction; returns a location that opens them (`options=-csearch_path=…`).
    public func startAfresh() throws(JournalError) -> String? {
        try pool.typed { connection throws(JournalError) in
            guard try state(connection, locking: false) != nil else { return nil }
            let schema = try connection.execute("SELECT current_schema()").text(0, 0)
            let previous = schema + "_previous", quoted = Self.quoted(previous)
            try connection.execute("BEGIN")
            do throws(JournalError) {
                try connection.execute(PostgresSchema.creationLock)
                try connection.execute("CREATE SCHEMA IF NOT EXISTS \(quoted)")
                for table in ["callboard_log", "callboard_events", "callboard_snapshots"] {
                    try connection.execute("DROP TABLE IF EXISTS \(quoted).\(table)")
                    try connection.execute("ALTER TABLE IF EXISTS \(table) SET SCHEMA \(quoted)")
                }
                try connection.execute("SELECT pg_notify($1, '0')", [.text(PostgresSchema.channel)])
                try connection.execute("COMMIT")
            } catch {
                _ = try? connection.execute("ROLLBACK")
                throw error
            }
            return Self.location(location, schema: previous)
        }
    }

    /// A desk in PostgreSQL keeps who may do what in the database's own roles (README): there is
    /// no desk.yaml to read beside it.
    public func deskConfiguration(named flag: String?) throws(DeskError) -> DeskConfiguration {
        if flag != nil { throw DeskError(.refused, DeskText.configInDatabase(["location": .text(shown)])) }
        let held: String
        var people: [String: Role] = [:]
        do {
            held = try pool.typed { connection throws(JournalError) in
                // The logins holding each of the desk's roles, for "ask li or zhang".
                let members = try connection.execute("""
                    SELECT m.rolname::text, r.rolname::text FROM pg_catalog.pg_auth_members a
                    JOIN pg_catalog.pg_roles r ON r.oid = a.roleid JOIN pg_catalog.pg_roles m ON m.oid = a.member
                    WHERE r.rolname LIKE 'callboard\\_%' AND m.rolcanlogin
                    """)
                for row in 0..<members.count {
                    guard let role = Role(rawValue: String(members.text(row, 1).dropFirst("callboard_".count))) else { continue }
                    people[members.text(row, 0)] = max(role, people[members.text(row, 0)] ?? .viewer)
                }
                return try connection.execute(Self.roleQuery).text(0, 0)
            }
        } catch {
            // The server cannot be asked (it is away): the command goes on to the log, which
            // says so (exit 74). Nothing is let through by this: the server checks every row.
            return .none
        }
        // Without the desk's roles in the database, everyone may do everything (a desk of one).
        guard let role = Role(rawValue: held) else { return .none }
        // Whoever runs the command is the database's session user: its role is the one that
        // counts. The tables' owner (the desk's administrator), and before the first write
        // whoever holds none of the desk's roles, may do everything, as the server lets them.
        return DeskConfiguration(roles: DeskRoles(users: people, unlisted: role))
    }

    /// The desk role of the session's login, as the server would let it act: '' when the
    /// server has not the desk's four roles (everyone may do everything), 'supervisor' for the
    /// tables' owner (or, before the tables exist, a login holding none of the roles).
    static let roleQuery = """
                    SELECT CASE
                        WHEN (SELECT count(*) FROM pg_catalog.pg_roles WHERE rolname LIKE 'callboard\\_%') < 4 THEN ''
                        WHEN to_regclass('callboard_events') IS NOT NULL
                             AND pg_has_role(session_user, (SELECT relowner FROM pg_catalog.pg_class WHERE oid = to_regclass('callboard_events')), 'MEMBER')
                             THEN 'supervisor'
                        WHEN to_regclass('callboard_events') IS NULL AND NOT pg_has_role(session_user, 'callboard_viewer', 'MEMBER') THEN 'supervisor'
                        WHEN pg_has_role(session_user, 'callboard_supervisor', 'MEMBER') THEN 'supervisor'
                        WHEN pg_has_role(session_user, 'callboard_dispatcher', 'MEMBER') THEN 'dispatcher'
                        WHEN pg_has_role(session_user, 'callboard_engineer', 'MEMBER') THEN 'engineer'
                        ELSE 'viewer' END
                    """

    public func export(_ body: (Event, UInt64) -> Void) throws(JournalError) {
        guard try exists() else { throw JournalError(.io(errno: ENOENT), log: shown, JournalText.noJournal(["path": "\(shown)"])) }
        _ = try read(after: .start, wait: true) { event, position in body(event, position.sequence) }
    }
}
