import Foundation

/// A fresh folder for one test's journal and files, removed when the test is done.
final class Scratch {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("callboard-e2e-\(UUID().uuidString.prefix(8))")
        // A desk's folder, as callboard makes it (the desk's group, sticky): whatever the
        // umask, a journal is written only in a folder others cannot change.
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o1770])
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    var journal: String { path("journal") }
}

/// Where the `callboard` binary under test is: `$CALLBOARD_BINARY`, else beside the test
/// runner in the build folder (`swift build` and `swift test` put them together).
enum Binary {
    static let path: String = {
        if let explicit = ProcessInfo.processInfo.environment["CALLBOARD_BINARY"] { return explicit }
        let runner = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var dir = URL(fileURLWithPath: runner).deletingLastPathComponent()
        // On macOS the runner sits inside an .xctest bundle.
        while dir.path.contains(".xctest") { dir.deleteLastPathComponent() }
        return dir.appendingPathComponent("callboard").path
    }()
}

/// The benchmark binary, built beside `callboard`; its `writer` mode takes calls one at a time
/// and reports each acknowledgment, for the crash and concurrency tests.
enum BenchBinary {
    static var path: String { URL(fileURLWithPath: Binary.path).deletingLastPathComponent().appendingPathComponent("callboard-bench").path }
}

/// The environment the binary runs in during tests: a UTF-8 locale and the desk's time zone,
/// and no journal from the developer's own environment.
enum TestEnvironment {
    static let zone = "Asia/Shanghai"

    static func variables(_ extra: [String: String] = [:]) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["CALLBOARD_JOURNAL"] = nil
        env["CALLBOARD_POLICY"] = nil
        env["NO_COLOR"] = nil
        // The data files beside the binary under test, not a folder the developer named.
        env["CALLBOARD_RESOURCES"] = nil
        // English unless a test asks for Chinese, whatever the developer's own settings.
        env["CALLBOARD_LANG"] = nil
        env["LC_MESSAGES"] = nil
        env["LANG"] = "C.UTF-8"
        env["LC_ALL"] = "C.UTF-8"
        env["TZ"] = zone
        for (key, value) in extra { env[key] = value }
        return env
    }
}
