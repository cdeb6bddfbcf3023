// CallboardResources — data files shipped beside the binary: the demo desk and the default SLA
// policy, and the string tables that translate every message.
import Foundation

public enum CallboardResources {
    /// The demo desk, as YAML: technicians and calls placed relative to the moment it is built.
    public static func demoDesk() throws -> String {
        try text("demo/desk.yaml")
    }

    /// What `demo --live` draws new calls and notes from (YAML).
    public static func demoFeed() throws -> String {
        try text("demo/live.yaml")
    }

    /// The default SLA policy (YAML): the promises of PROMISES.md.
    public static func defaultPolicy() throws -> String {
        try text("policy/default.yaml")
    }

    /// The string tables of a language (`Resources/i18n/<language>/<table>.yaml`), by table:
    /// the translations of every message (the console's, the presenters', the desk's, the
    /// journal's and the command line's). English is in the code, each key's own text.
    public static func stringTables(_ language: String) throws -> [String: String] {
        guard let base = Bundle.module.resourceURL?.appendingPathComponent("i18n/\(language)") else { return [:] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: base.path)) ?? []
        var tables: [String: String] = [:]
        for name in names where name.hasSuffix(".yaml") {
            tables[String(name.dropLast(5))] = try String(contentsOf: base.appendingPathComponent(name), encoding: .utf8)
        }
        return tables
    }

    static func text(_ relativePath: String) throws -> String {
        guard let base = Bundle.module.resourceURL else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: relativePath])
        }
        return try String(contentsOf: base.appendingPathComponent(relativePath), encoding: .utf8)
    }
}
