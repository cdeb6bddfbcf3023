import Foundation
import Testing

/// The binary finds its data files (demo desk, built-in policy, translations) wherever a package
/// puts it: `CALLBOARD_RESOURCES` if set, else `share/callboard/` beside its `bin/` (as
/// `/usr/bin/callboard` reads `/usr/share/callboard/`, and a package unpacked into any folder),
/// else SwiftPM's bundle beside it; with none of them it says so and exits 1, never crashing.
@Suite struct PackageLayoutEndToEndTests {
    /// A package's layout under a scratch folder: `usr/bin/callboard`, a copy of the binary under
    /// test with no SwiftPM bundle beside it, and `usr/share/callboard/` holding the data files,
    /// its built-in policy marked so a test can tell which copy was read.
    struct Unpacked {
        let scratch: Scratch
        var root: String { scratch.path("root") }
        var binary: String { root + "/usr/bin/callboard" }
        var share: String { root + "/usr/share/callboard" }

        init() throws {
            scratch = try Scratch()
            let files = FileManager.default
            try files.createDirectory(atPath: root + "/usr/bin", withIntermediateDirectories: true)
            try files.createDirectory(atPath: root + "/usr/share", withIntermediateDirectories: true)
            try files.copyItem(atPath: Binary.path, toPath: binary)
            try Self.copyResources(to: share, marked: "# read from share/callboard")
        }

        /// The SwiftPM bundle the build put beside the binary under test, copied to `folder`
        /// with a marker line before the built-in policy.
        static func copyResources(to folder: String, marked marker: String) throws {
            let bundle = URL(fileURLWithPath: Binary.path).deletingLastPathComponent().appendingPathComponent("callboard_CallboardResources.resources").path
            try FileManager.default.copyItem(atPath: bundle, toPath: folder)
            let policy = folder + "/policy/default.yaml"
            let text = try String(contentsOfFile: policy, encoding: .utf8)
            try (marker + "\n" + text).write(toFile: policy, atomically: true, encoding: .utf8)
        }

        func run(_ arguments: [String], environment: [String: String] = [:]) throws -> CLIResult {
            try CallboardCLI.run([binary] + arguments, environment: environment, program: binary)
        }
    }

    @Test func versionIsOneLineOfThreeNumbers() throws {
        let result = try CallboardCLI.run(["--version"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.range(of: #"^[0-9]+\.[0-9]+\.[0-9]+\n$"#, options: .regularExpression) != nil, "\(result)")
    }

    @Test func anUnpackedPackageReadsItsShareFolderForPolicyDemoAndTranslations() throws {
        let package = try Unpacked()
        let policy = try package.run(["policy", "default"])
        #expect(policy.status == 0, "\(policy)")
        #expect(policy.stdout.hasPrefix("# read from share/callboard\n"), "\(policy)")
        let journal = package.scratch.path("demo/journal")
        let demo = try package.run(["demo", "--no-open", "--journal", journal])
        #expect(demo.status == 0 && demo.line == journal, "\(demo)")
        let list = try package.run(["list", "--journal", journal, "--lang", "zh"])
        #expect(list.status == 0, "\(list)")
        #expect(list.stdout.contains("C-00"), "\(list)")
        // The Chinese string tables were read: the heading is not the English one.
        let english = try package.run(["list", "--journal", journal, "--lang", "en"])
        #expect(english.status == 0 && english.stdout != list.stdout, "\(english)\n\(list)")
    }

    @Test func callboardResourcesWinsOverTheShareFolder() throws {
        let package = try Unpacked()
        let own = package.scratch.path("own")
        try Unpacked.copyResources(to: own, marked: "# read from CALLBOARD_RESOURCES")
        let policy = try package.run(["policy", "default"], environment: ["CALLBOARD_RESOURCES": own])
        #expect(policy.status == 0 && policy.stdout.hasPrefix("# read from CALLBOARD_RESOURCES\n"), "\(policy)")
    }

    @Test func aMistypedCallboardResourcesIsSaidNotPassedOver() throws {
        let package = try Unpacked()
        let missing = package.scratch.path("nowhere")
        let policy = try package.run(["policy", "default"], environment: ["CALLBOARD_RESOURCES": missing])
        #expect(policy.status == 1, "\(policy)")
        #expect(policy.stdout.isEmpty)
        #expect(policy.stderr.hasPrefix("callboard: CALLBOARD_RESOURCES names \(missing), which is not a folder"), "\(policy)")
    }

    @Test func aBinaryWithoutItsDataFilesSaysWhereItLookedAndExitsOne() throws {
        let package = try Unpacked()
        try FileManager.default.removeItem(atPath: package.share)
        let journal = package.scratch.path("demo/journal")
        for verb in [["policy", "default"], ["demo", "--no-open", "--journal", journal]] {
            let result = try package.run(verb)
            #expect(result.status == 1, "\(verb): \(result)")
            #expect(result.stderr.contains("callboard's data files (demo/, policy/, i18n/) are not in \(package.root)/usr/share/callboard nor \(package.root)/usr/bin/callboard_CallboardResources.resources"),
                    "\(verb): \(result)")
        }
    }
}
