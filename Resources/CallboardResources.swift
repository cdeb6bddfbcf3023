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
        let base = try folder().appendingPathComponent("i18n/\(language)")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: base.path)) ?? []
        var tables: [String: String] = [:]
        for name in names where name.hasSuffix(".yaml") {
            tables[String(name.dropLast(5))] = try String(contentsOf: base.appendingPathComponent(name), encoding: .utf8)
        }
        return tables
    }

    static func text(_ relativePath: String) throws -> String {
        try String(contentsOf: folder().appendingPathComponent(relativePath), encoding: .utf8)
    }

    // MARK: - Where the files are

    /// The folder the files are read from, found once per process (`Location.find`).
    public static func folder() throws(ResourcesNotFound) -> URL {
        switch located {
        case .success(let url): return url
        case .failure(let problem): throw problem
        }
    }

    private static let located: Result<URL, ResourcesNotFound> = {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? Bundle.main.executablePath ?? CommandLine.arguments.first ?? ""
        return Location.find(environment: ProcessInfo.processInfo.environment, executable: executable,
                             isFolder: Location.isFolder)
    }()

    /// Where the files may be, in order: the folder `CALLBOARD_RESOURCES` names; the package's
    /// `share/callboard/` beside the executable's `bin/` (`/usr/bin/callboard` reads
    /// `/usr/share/callboard/`, and so does a package unpacked into any folder); SwiftPM's bundle
    /// beside the executable (`swift run`, `.build/debug/callboard`, the tests). Never
    /// `Bundle.module`, which ends the process when its bundle is missing.
    public enum Location {
        /// SwiftPM's name for this target's bundle: `<package>_<target>.resources`.
        public static let bundleName = "callboard_CallboardResources.resources"

        public static func candidates(environment: [String: String], executable: String) -> [String] {
            var places: [String] = []
            if let named = environment["CALLBOARD_RESOURCES"], !named.isEmpty { places.append(named) }
            let binFolder = (executable as NSString).deletingLastPathComponent
            if !binFolder.isEmpty {
                let share = (binFolder as NSString).appendingPathComponent("../share/callboard")
                places.append((share as NSString).standardizingPath)
                places.append((binFolder as NSString).appendingPathComponent(bundleName))
            }
            return places
        }

        /// The first candidate that is a folder. `CALLBOARD_RESOURCES`, when set, is the only
        /// place looked at: a desk that names a folder means that one, and a mistyped name is
        /// said rather than passed over.
        public static func find(environment: [String: String], executable: String,
                                isFolder: (String) -> Bool) -> Result<URL, ResourcesNotFound> {
            let places = candidates(environment: environment, executable: executable)
            let named = environment["CALLBOARD_RESOURCES"].map { !$0.isEmpty } ?? false
            let looked = named ? Array(places.prefix(1)) : places
            if let found = looked.first(where: isFolder) { return .success(URL(fileURLWithPath: found, isDirectory: true)) }
            return .failure(ResourcesNotFound(looked: looked, fromEnvironment: named))
        }

        public static func isFolder(_ path: String) -> Bool {
            var folder: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &folder) && folder.boolValue
        }
    }
}

/// callboard's data files are nowhere it looked: a package unpacked without its `share/`, or a
/// binary copied away from its build. Said in English: the translations are among the files
/// that are missing.
public struct ResourcesNotFound: Error, CustomStringConvertible, Equatable {
    public var looked: [String]
    public var fromEnvironment: Bool

    public init(looked: [String], fromEnvironment: Bool) {
        self.looked = looked
        self.fromEnvironment = fromEnvironment
    }

    public var description: String {
        fromEnvironment
            ? "CALLBOARD_RESOURCES names \(looked.first ?? ""), which is not a folder: set it to the folder holding demo/, policy/ and i18n/ (/usr/share/callboard in the package), or unset it"
            : "callboard's data files (demo/, policy/, i18n/) are not in \(looked.joined(separator: " nor ")): install the package whole, or set CALLBOARD_RESOURCES to the folder that holds them"
    }
}
