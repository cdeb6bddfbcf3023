@testable import CallboardStore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A database of its own for one test, on the server scripts/test started (scripts/with-postgres sets
/// PGHOST, PGPORT, PGUSER and PGDATABASE), dropped when the test lets go of it.
final class ScratchDatabase: Sendable {
    let name: String
    /// The log's location: a URI naming only the database (libpq takes the rest from PG*).
    var location: String { "postgresql:///\(name)" }

    init() throws {
        name = "callboard_test_\(UInt32.random(in: 0...UInt32.max))_\(getpid())"
        try Self.run("CREATE DATABASE \(name)", in: "postgresql:///postgres")
    }

    deinit { try? Self.run("DROP DATABASE IF EXISTS \(name) WITH (FORCE)", in: "postgresql:///postgres") }

    /// Runs one statement on a connection of its own.
    static func run(_ sql: String, in location: String) throws {
        try PostgresConnection(location, location: location).execute(sql)
    }
}

struct ScratchDatabaseError: Error, CustomStringConvertible {
    var description: String
}
