import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A mistyped journal path must not look like an empty desk: a verb that only reads says there
/// is no journal there, naming the path and where it came from, and exits 74; a verb that
/// records something starts the journal, as a new desk does.
@Suite struct MissingJournalTests {
    static let reading: [[String]] = [
        ["list"], ["list", "--all", "--json"], ["show", "C-0001"], ["show", "C-0001", "--json"], ["board", "--print"],
        ["watch", "--once"], ["tech", "list"], ["policy", "explain", "C-0001"], ["policy", "show"],
        ["journal", "verify"], ["journal", "export", "--json"], ["journal", "repair"], ["journal", "compact"],
    ]

    @Test func everyReadingVerbSaysThereIsNoJournalWhetherItsFolderOrItsFileIsMissing() throws {
        let scratch = try Scratch()
        for journal in [scratch.path("nonexist/j"), scratch.path("journal")] {
            for verb in Self.reading {
                let result = try CallboardCLI.run(verb, journal: journal)
                #expect(result.status == 74, "\(verb): \(result)")
                #expect(result.stdout.isEmpty, "\(verb): \(result)")
                #expect(result.stderr == "callboard: no journal at \(journal) (given by --journal); check the path, or start a desk there "
                        + "with callboard intake or callboard tech add (callboard demo opens a demo desk of its own)\n", "\(verb): \(result)")
            }
        }
        #expect(!FileManager.default.fileExists(atPath: scratch.path("nonexist")), "reading creates nothing")
        #expect(!FileManager.default.fileExists(atPath: scratch.journal))
    }

    @Test func theMessageSaysWhereThePathCameFromInEitherLanguage() throws {
        let scratch = try Scratch()
        let missing = scratch.path("nonexist/j")
        let fromEnvironment = try CallboardCLI.run(["list"], environment: ["CALLBOARD_JOURNAL": missing])
        #expect(fromEnvironment.status == 74 && fromEnvironment.stderr.contains("no journal at \(missing) (from CALLBOARD_JOURNAL)"), "\(fromEnvironment)")
        let byDefault = try CallboardCLI.run(["list"], environment: ["XDG_DATA_HOME": scratch.path("data")])
        #expect(byDefault.status == 74, "\(byDefault)")
        #expect(byDefault.stderr.contains("no journal at \(scratch.path("data"))/callboard/journal (the default; --journal or CALLBOARD_JOURNAL names another)"),
                "\(byDefault)")
        let chinese = try CallboardCLI.run(["list", "--lang", "zh"], journal: missing)
        #expect(chinese.status == 74, "\(chinese)")
        #expect(chinese.stderr.hasPrefix("callboard: \(missing) 没有日志（由 --journal 指定）"), "\(chinese)")
    }

    @Test func aVerbThatRecordsStartsTheJournalAndThenEveryVerbReadsIt() throws {
        let scratch = try Scratch()
        let journal = scratch.path("desk/journal")
        let id = try CallboardCLI.succeed(["intake", "--customer", "甲", "--phone", "138 0013 8000", "--summary", "x"], journal: journal)
        #expect(id == "C-0001")
        for verb in Self.reading where verb != ["journal", "repair"] && verb != ["journal", "compact"] {
            let result = try CallboardCLI.run(verb, journal: journal)
            #expect(result.status == 0, "\(verb): \(result)")
        }
    }

    /// A watch started before the desk's first call (a new desk's service) keeps watching, but
    /// says the journal is not there yet: a mistyped CALLBOARD_JOURNAL would otherwise watch
    /// nothing all night without a word.
    @Test func aRunningWatchWarnsThatTheJournalIsNotThereYetAndKeepsWatching() throws {
        let scratch = try Scratch()
        let journal = scratch.path("journal")
        let out = scratch.path("watch.out")
        let watch = try Spawn.start([Binary.path, "watch", "--interval", "1s", "--journal", journal], environment: TestEnvironment.variables(),
                                    stdout: .file(out), stderr: scratch.path("watch.err"))
        defer { kill(watch, SIGKILL); _ = try? Spawn.wait(for: watch) }
        let deadline = Date().addingTimeInterval(10)
        var said = ""
        while Date() < deadline {
            said = (try? String(contentsOfFile: scratch.path("watch.err"), encoding: .utf8)) ?? ""
            if said.contains("no journal") { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        #expect(said.hasPrefix("callboard: warning: no journal at \(journal) (given by --journal) yet; watching for one"), "\(said)")
        try CallboardCLI.succeed(["intake", "--customer", "甲", "--phone", "138 0013 8000", "--summary", "x", "--at", "-2h"], journal: journal)
        Thread.sleep(forTimeInterval: 1.5)
        kill(watch, SIGTERM)
        #expect(try Spawn.wait(for: watch) == 143, "it was still watching")
    }
}
