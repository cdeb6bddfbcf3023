import CallboardCore

/// What `callboard doctor` asks a desk's server: that it answers, which version of the tables
/// it holds against this build's, and who the login is to the desk.
public struct PostgresServerFacts: Equatable, Sendable {
    /// The server's own version (`server_version`).
    public var serverVersion: String
    /// The login the server knows this session as (`session_user`).
    public var user: String
    /// `callboard_log.schema_version`; nil when the tables are not made yet.
    public var schemaVersion: Int
    public var hasTables: Bool
    /// The tables' version this build writes.
    public var knownSchemaVersion: Int
    /// The login's desk role; nil when the server has not the desk's four roles (every login
    /// may do everything).
    public var role: Role?
    /// Whether the login owns the tables (the desk's administrator).
    public var ownsTables: Bool

    public init(serverVersion: String, user: String, schemaVersion: Int, hasTables: Bool, knownSchemaVersion: Int, role: Role?, ownsTables: Bool) {
        self.serverVersion = serverVersion
        self.user = user
        self.schemaVersion = schemaVersion
        self.hasTables = hasTables
        self.knownSchemaVersion = knownSchemaVersion
        self.role = role
        self.ownsTables = ownsTables
    }
}

extension PostgresLog {
    /// The location fit for messages (no password).
    public var shownLocation: String { shown }

    /// Connects and asks; a server that cannot be reached throws what a command would say.
    public func serverFacts() throws(JournalError) -> PostgresServerFacts {
        try pool.typed { connection throws(JournalError) in
            let about = try connection.execute("SELECT current_setting('server_version'), session_user::text")
            let exists = try connection.execute("""
                SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_class WHERE relname = 'callboard_log' AND relkind = 'r'
                               AND relnamespace = (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = current_schema()))
                """).bool(0, 0)
            var version = 0
            var owns = false
            if exists {
                let rows = try connection.execute("SELECT schema_version, \(Self.owns) FROM callboard_log WHERE id = 1")
                if rows.count == 1 {
                    version = Int(rows.int32(0, 0))
                    owns = rows.bool(0, 1)
                }
            }
            let role = try connection.execute(Self.roleQuery).text(0, 0)
            return PostgresServerFacts(serverVersion: about.text(0, 0), user: about.text(0, 1), schemaVersion: version, hasTables: exists,
                                       knownSchemaVersion: Int(PostgresSchema.version), role: Role(rawValue: role), ownsTables: owns)
        }
    }
}
