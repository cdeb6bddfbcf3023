import CallboardCore
import CLibpq
import Foundation

/// One connection to the server through libpq, used by one thread at a time (PostgresLog hands
/// them out). Statements take their parameters apart from the text (never spliced into it),
/// as text or as bytes, and results come back in binary: integers as they are, payloads as the
/// bytes that were stored.
final class PostgresConnection {
    let connection: OpaquePointer
    /// The location as given, without its password: how messages name the server.
    let location: String

    /// Connects with libpq's own reading of `conninfo` (a URI, with the PG* variables for what
    /// it leaves out).
    init(_ conninfo: String, location: String) throws(JournalError) {
        self.location = location
        guard let connection = Self.connect(conninfo) else {
            throw JournalError(.io(errno: ENOMEM), log: location, JournalText.postgresUnreachable(["location": "\(location)", "problem": "out of memory"]))
        }
        self.connection = connection
        guard PQstatus(connection) == CONNECTION_OK else {
            let problem = Self.message(of: connection)
            throw JournalError(.io(errno: ECONNREFUSED), log: location, JournalText.postgresUnreachable(["location": "\(location)", "problem": "\(problem)"]))
        }
        // Notices ("relation already exists, skipping") are for a person at psql, not a desk.
        _ = try? execute("SET client_min_messages = warning")
    }

    deinit { PQfinish(connection) }

    /// libpq's connection from a location, waiting at most a few seconds for the server, and
    /// giving a connection up after about fifteen seconds without an answer (by default libpq
    /// waits for ever on a network that drops packets, and a console would freeze until TCP
    /// gives up, a quarter of an hour); the location's own parameters win.
    static func connect(_ conninfo: String) -> OpaquePointer? {
        let keywords = ["connect_timeout", "keepalives", "keepalives_idle", "keepalives_interval", "keepalives_count", "tcp_user_timeout", "dbname"]
        let values = ["3", "1", "10", "3", "3", "15000", conninfo]
        let keywordPointers = keywords.map { strdup($0) } + [nil], valuePointers = values.map { strdup($0) } + [nil]
        defer { (keywordPointers + valuePointers).forEach { free($0) } }
        let connection = keywordPointers.map { UnsafePointer($0) }.withUnsafeBufferPointer { keys in
            valuePointers.map { UnsafePointer($0) }.withUnsafeBufferPointer { vals in
                PQconnectdbParams(keys.baseAddress, vals.baseAddress, 1)
            }
        }
        // libpq prints notices, and a server's goodbye ("FATAL: terminating connection") that
        // comes between queries, straight to standard error, over the console's screen. They
        // are dropped: what matters comes back as an error from the call that meets it.
        if let connection { PQsetNoticeProcessor(connection, { _, _ in }, nil) }
        return connection
    }

    var isBroken: Bool { PQstatus(connection) != CONNECTION_OK }

    /// Whether an idle connection still stands. libpq learns that the server went away (a
    /// restart, a terminated backend, a dropped network) only when it next reads: an idle
    /// connection with something to read has been told goodbye, or closed.
    var isAlive: Bool {
        guard !isBroken else { return false }
        var entry = pollfd(fd: PQsocket(connection), events: Int16(POLLIN), revents: 0)
        guard poll(&entry, 1, 0) == 1 else { return true }
        return PQconsumeInput(connection) == 1 && !isBroken && entry.revents & Int16(POLLHUP | POLLERR) == 0
    }

    /// A statement's parameter: text (numbers, names) or bytes (payloads).
    enum Parameter {
        case text(String)
        case bytes([UInt8])
        case null
    }

    /// Runs one statement and returns its rows. An error from the server throws, naming it.
    @discardableResult
    func execute(_ sql: String, _ parameters: [Parameter] = []) throws(JournalError) -> PostgresResult {
        // Each value in a buffer of its own (malloc'd: one free for all), text or bytes as sent.
        var buffers: [UnsafeMutablePointer<CChar>?] = []
        var lengths: [Int32] = []
        var formats: [Int32] = []
        defer { buffers.forEach { free($0) } }
        for parameter in parameters {
            switch parameter {
            case .text(let text):
                buffers.append(strdup(text))
                lengths.append(0)
                formats.append(0)
            case .bytes(let bytes):
                let buffer = malloc(max(bytes.count, 1))!
                bytes.withUnsafeBytes { raw in if let base = raw.baseAddress { buffer.copyMemory(from: base, byteCount: raw.count) } }
                buffers.append(buffer.assumingMemoryBound(to: CChar.self))
                lengths.append(Int32(bytes.count))
                formats.append(1)
            case .null:
                buffers.append(nil)
                lengths.append(0)
                formats.append(0)
            }
        }
        return try rows(of: buffers.withUnsafeBufferPointer { values in
            values.withMemoryRebound(to: UnsafePointer<CChar>?.self) { values in
                PQexecParams(connection, sql, Int32(parameters.count), nil, values.baseAddress, lengths, formats, 1)
            }
        })
    }

    /// Runs statements with no parameters in one round trip (the simple protocol: values come
    /// back as text); the rows are the last statement's. For what callboard writes itself only.
    @discardableResult
    func simple(_ sql: String) throws(JournalError) -> PostgresResult {
        try rows(of: PQexec(connection, sql))
    }

    /// A statement's result as rows, or the error it carries (the result then cleared).
    private func rows(of result: OpaquePointer?) throws(JournalError) -> PostgresResult {
        guard let result else { throw failure(nil) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK:
            return PostgresResult(result)
        default:
            defer { PQclear(result) }
            throw failure(result)
        }
    }

    /// The server's SQLSTATE for the last failure, when there was one (`40001`, `42P01`, …).
    private(set) var lastState: String?

    private func failure(_ result: OpaquePointer?) -> JournalError {
        let problem: String
        if let result, let text = PQresultErrorMessage(result), text.pointee != 0 {
            problem = String(cString: text)
            lastState = PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) }
        } else {
            problem = Self.message(of: connection)
            lastState = nil
        }
        let trimmed = Self.oneLine(problem)
        if isBroken {
            return JournalError(.io(errno: ECONNRESET), log: location, JournalText.postgresUnreachable(["location": "\(location)", "problem": "\(trimmed)"]))
        }
        return JournalError(.io(errno: EIO), log: location, JournalText.postgresFailed(["location": "\(location)", "problem": "\(trimmed)"]))
    }

    /// libpq's message on one line (it spreads some over several, indented).
    static func message(of connection: OpaquePointer) -> String {
        oneLine(PQerrorMessage(connection).map { String(cString: $0) } ?? "unknown error")
    }

    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " ")
    }
}

/// The rows of one statement, in binary.
final class PostgresResult {
    private let result: OpaquePointer

    init(_ result: OpaquePointer) { self.result = result }
    deinit { PQclear(result) }

    var count: Int { Int(PQntuples(result)) }

    func isNull(_ row: Int, _ column: Int) -> Bool { PQgetisnull(result, Int32(row), Int32(column)) == 1 }

    /// A column's bytes as the server sent them, for the length of `body` (they live in the
    /// result, which must not be cleared while they are read).
    func withBytes<T>(_ row: Int, _ column: Int, _ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        try withExtendedLifetime(self) { try body(bytes(row, column)) }
    }

    /// A column's bytes, copied out of the result.
    func copy(_ row: Int, _ column: Int) -> [UInt8] { withBytes(row, column) { Array($0) } }

    private func bytes(_ row: Int, _ column: Int) -> UnsafeRawBufferPointer {
        let length = Int(PQgetlength(result, Int32(row), Int32(column)))
        guard let value = PQgetvalue(result, Int32(row), Int32(column)) else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: value, count: length)
    }

    /// A bigint (int8) column.
    func int64(_ row: Int, _ column: Int) -> Int64 {
        let raw = bytes(row, column)
        guard raw.count == 8 else { return 0 }
        return Int64(bigEndian: raw.loadUnaligned(as: Int64.self))
    }

    /// An integer (int4) column.
    func int32(_ row: Int, _ column: Int) -> Int32 {
        let raw = bytes(row, column)
        guard raw.count == 4 else { return 0 }
        return Int32(bigEndian: raw.loadUnaligned(as: Int32.self))
    }

    /// A text column.
    func text(_ row: Int, _ column: Int) -> String {
        String(decoding: bytes(row, column), as: UTF8.self)
    }

    /// A boolean column.
    func bool(_ row: Int, _ column: Int) -> Bool {
        bytes(row, column).first == 1
    }
}
