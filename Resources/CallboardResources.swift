// CallboardResources — data files shipped beside the binary: the demo desk (and, as the
// project grows, the default SLA policy and the interface translations).
import Foundation

public enum CallboardResources {
    /// The demo desk, as YAML: technicians and calls placed relative to the moment it is built.
    public static func demoDesk() throws -> String {
        try text("demo/desk.yaml")
    }

    static func text(_ relativePath: String) throws -> String {
        guard let base = Bundle.module.resourceURL else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: relativePath])
        }
        return try String(contentsOf: base.appendingPathComponent(relativePath), encoding: .utf8)
    }
}
