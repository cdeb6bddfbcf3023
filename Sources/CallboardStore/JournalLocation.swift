/// Where the desk's journal lives: `--journal`, else `$CALLBOARD_JOURNAL`, else
/// `$XDG_DATA_HOME/callboard/journal`, else `~/.local/share/callboard/journal`. A location is a
/// file's path or a PostgreSQL URI; EventLogs.open opens it.
public enum JournalLocation {
    public static func resolve(flag: String?, environment: [String: String]) -> String {
        if let flag, !flag.isEmpty { return flag }
        if let path = environment["CALLBOARD_JOURNAL"], !path.isEmpty { return path }
        return dataDirectory(environment) + "/journal"
    }

    /// The demo's own journal, beside (never the same as) the desk's default one.
    public static func demo(flag: String?, environment: [String: String]) -> String {
        if let flag, !flag.isEmpty { return flag }
        return dataDirectory(environment) + "/demo/journal"
    }

    static func dataDirectory(_ environment: [String: String]) -> String {
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") { return xdg + "/callboard" }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? "."
        return home + "/.local/share/callboard"
    }
}
