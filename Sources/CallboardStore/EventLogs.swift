import CallboardCore

/// Which kind of log a journal location names, and the one place that opens it: everything
/// above the store gets an `any EventLog` from here and never learns which.
public enum EventLogs {
    /// Opens the log at `location` (JournalLocation.resolve: `--journal`, `CALLBOARD_JOURNAL`,
    /// the default path). Opening reads nothing and creates nothing: a log that is not there yet
    /// is an empty desk until something is recorded.
    public static func open(_ location: String) throws(JournalError) -> any EventLog {
        if isDatabase(location) { return PostgresLog(location: location) }
        return FileJournal(path: location)
    }

    /// Locations that name a database rather than a file.
    static func isDatabase(_ location: String) -> Bool {
        location.hasPrefix("postgres://") || location.hasPrefix("postgresql://")
    }

    /// A database location without its password, fit for a message.
    public static func redacted(_ location: String) -> String {
        guard let scheme = location.range(of: "://"), let at = location[scheme.upperBound...].lastIndex(of: "@"),
              let colon = location[scheme.upperBound..<at].firstIndex(of: ":") else { return location }
        return String(location[..<colon]) + ":…" + String(location[at...])
    }
}
