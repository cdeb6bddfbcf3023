import CallboardCore
import CLibpq
import Foundation

/// The connections of one PostgresLog, kept between calls (connecting costs a round trip and
/// an authentication; a console reads every second). Each call takes one for itself, so calls
/// from several threads never share one; a connection that broke is dropped, not reused.
final class PostgresPool: @unchecked Sendable {
    let conninfo: String
    /// The location without its password, for messages.
    let shown: String
    private let lock = NSLock()
    private var idle: [PostgresConnection] = []

    init(conninfo: String, shown: String) {
        self.conninfo = conninfo
        self.shown = shown
    }

    private func take() throws(JournalError) -> PostgresConnection {
        while let connection = lock.withLock({ idle.popLast() }) {
            if connection.isAlive { return connection }
        }
        return try PostgresConnection(conninfo, location: shown)
    }

    private func give(_ connection: PostgresConnection) {
        guard !connection.isBroken, PQtransactionStatus(connection.connection) == PQTRANS_IDLE else { return }
        lock.withLock { if idle.count < 4 { idle.append(connection) } }
    }

    /// Runs `body` on a connection of its own. If the connection breaks before `body` says its
    /// work could have been committed (`PostgresRetry`), the server rolled it back: it runs
    /// again, once or twice, on a new connection (a server restarted, a network that dropped).
    func with<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        var attempts = 0
        while true {
            let connection = try take()
            defer { give(connection) }
            do {
                return try body(connection)
            } catch let retry as PostgresRetry {
                attempts += 1
                if attempts > 2 { throw retry.error }
            }
        }
    }

    /// The same, for bodies that throw only JournalError.
    func typed<T>(_ body: (PostgresConnection) throws(JournalError) -> T) throws(JournalError) -> T {
        let connection = try take()
        defer { give(connection) }
        return try body(connection)
    }
}

/// Thrown by work on a connection that broke before anything could have been committed: safe
/// to do again from the start on another connection.
struct PostgresRetry: Error {
    var error: JournalError
}

/// A follower's wake-up: a connection of its own that LISTENs on the log's channel, its socket
/// for poll(2) beside the keyboard. A notification is lost while the connection is down and
/// never replayed, so the follower also looks every second (`pollMilliseconds`), and a broken
/// connection is made again at the next drain.
final class PostgresChanges: LogChanges {
    private let conninfo: String
    private var connection: OpaquePointer?

    init(conninfo: String) {
        self.conninfo = conninfo
        connect()
    }

    deinit { if let connection { PQfinish(connection) } }

    private func connect() {
        if let connection { PQfinish(connection) }
        connection = nil
        guard let made = PostgresConnection.connect(conninfo) else { return }
        guard PQstatus(made) == CONNECTION_OK, let result = PQexec(made, "LISTEN \(PostgresSchema.channel)") else {
            PQfinish(made)
            return
        }
        let listening = PQresultStatus(result) == PGRES_COMMAND_OK
        PQclear(result)
        guard listening else {
            PQfinish(made)
            return
        }
        connection = made
    }

    var descriptor: Int32? {
        guard let connection, PQstatus(connection) == CONNECTION_OK else { return nil }
        let socket = PQsocket(connection)
        return socket >= 0 ? socket : nil
    }

    var pollMilliseconds: Int { 1000 }

    /// Also where a lost connection is made again (the console drains on every wake, at least
    /// once a second): until then the follower looks every second.
    func drain() {
        guard let connection, PQstatus(connection) == CONNECTION_OK, PQconsumeInput(connection) == 1 else {
            connect()
            return
        }
        while let notification = PQnotifies(connection) { PQfreemem(notification) }
    }
}

extension JournalError {
    /// The log's server could not be reached or the connection to it broke: worth trying again
    /// in a moment (a console says it is reconnecting).
    public var isConnectionLost: Bool {
        if case .io(let code) = kind { return code == ECONNREFUSED || code == ECONNRESET }
        return false
    }
}
