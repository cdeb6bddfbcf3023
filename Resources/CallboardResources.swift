// CallboardResources — data files shipped beside the binary: the demo desk and the default SLA
// policy, and the console's texts in English and Chinese.
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

    /// The console's texts in a language (`en`, `zh`), as YAML.
    public static func translations(_ language: String) throws -> String {
        try text("i18n/\(language).yaml")
    }

    static func text(_ relativePath: String) throws -> String {
        guard let base = Bundle.module.resourceURL else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: relativePath])
        }
        return try String(contentsOf: base.appendingPathComponent(relativePath), encoding: .utf8)
    }
}
