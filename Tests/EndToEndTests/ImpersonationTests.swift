import CallboardCore
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Nobody acts as someone else: not by reaching the journal through another name, not by
/// moving desk.yaml out of a folder that lets them, and not by putting a command in the journal
/// for another user's watch to run. Tests run as root, which ignores permissions: the refusals
/// are checked by link counts, mode bits and owners.
@Suite struct ImpersonationTests {
    static let me = (try? CallboardCLI.run(["sh", "-c", "id -un"], program: "sh").line) ?? "root"

    /// Writes desk.yaml beside the journal, writable by its owner only.
    static func desk(_ yaml: String, in scratch: Scratch) throws {
        let path = scratch.path("desk.yaml")
        try? FileManager.default.removeItem(atPath: path)
        try yaml.write(toFile: path, atomically: false, encoding: .utf8)
        chmod(path, 0o644)
    }

    static func breachedCall(_ scratch: Scratch) throws {
        try CallboardCLI.succeed(["intake", "--customer", "浦东新区人民医院", "--phone", "021-5830 1120", "--summary", "UPS 报警",
                                  "--level", "1", "--region", "city", "--at", "-3h"], journal: scratch.journal)
    }

    func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    @Test func aDispatcherCannotRelevelThroughAHardLinkInAFolderOfTheirOwn() throws {
        let scratch = try Scratch(), home = try Scratch()
        try CallboardCLI.succeed(["intake", "--customer", "甲", "--phone", "021-5830 1120", "--summary", "x", "--level", "3"], journal: scratch.journal)
        try Self.desk("roles:\n  dispatcher: [\(Self.me)]\n  supervisor: [li]\n", in: scratch)
        let link = home.path("journal")
        #expect(Glibc.link(scratch.journal, link) == 0)
        let before = try bytes(scratch.journal)
        let relevel = try CallboardCLI.run(["relevel", "C-0001", "1", "--reason", "产线停了"], journal: link)
        #expect(relevel.status == 74, "\(relevel)")
        #expect(relevel.stderr.contains("has 2 names (hard links)") && relevel.stderr.contains("desk.yaml"), "\(relevel)")
        // Through the journal's own name too: every writer refuses a file with another name.
        let note = try CallboardCLI.run(["note", "C-0001", "x"], journal: scratch.journal)
        #expect(note.status == 74 && note.stderr.contains("hard links"), "\(note)")
        #expect(try bytes(scratch.journal) == before)
        #expect(try CallboardCLI.run(["list"], journal: link).status == 0, "reading stays allowed")
        // Through a symbolic link, the roles are those beside the real file.
        #expect(unlink(link) == 0)
        #expect(symlink(scratch.journal, link) == 0)
        let viaSymlink = try CallboardCLI.run(["relevel", "C-0001", "1", "--reason", "产线停了"], journal: link)
        #expect(viaSymlink.status == 77 && viaSymlink.stderr.contains("releveling is for a supervisor (li)"), "\(viaSymlink)")
    }

    @Test(arguments: [(0o2770, "chmod +t"), (0o0777, "chmod o-w,+t")])
    func aFolderThatLetsOthersMoveDeskYamlAwayIsRefusedForWriting(mode: Int, fix: String) throws {
        let scratch = try Scratch()
        try CallboardCLI.succeed(["intake", "--customer", "甲", "--phone", "021-5830 1120", "--summary", "x", "--level", "3"], journal: scratch.journal)
        try Self.desk("roles:\n  dispatcher: [\(Self.me)]\n  supervisor: [li]\n", in: scratch)
        #expect(chmod(scratch.url.path, mode_t(mode)) == 0)
        // What the folder's mode let a dispatcher do: rename the roles away.
        try FileManager.default.moveItem(atPath: scratch.path("desk.yaml"), toPath: scratch.path("desk.yaml.away"))
        let before = try bytes(scratch.journal)
        let relevel = try CallboardCLI.run(["relevel", "C-0001", "1", "--reason", "产线停了"], journal: scratch.journal)
        #expect(relevel.status == 74, "\(relevel)")
        #expect(relevel.stderr.contains("`\(fix) \(scratch.url.path)`") && relevel.stderr.contains("desk.yaml"), "\(relevel)")
        #expect(try bytes(scratch.journal) == before)
        #expect(try CallboardCLI.run(["show", "C-0001"], journal: scratch.journal).status == 0, "reading stays allowed")
        #expect(chmod(scratch.url.path, 0o1770) == 0)
        try CallboardCLI.succeed(["note", "C-0001", "x"], journal: scratch.journal)
    }

    @Test func aJournalIsNeverCreatedInAFolderEveryoneMayWrite() throws {
        let scratch = try Scratch()
        #expect(chmod(scratch.url.path, 0o1777) == 0)
        let refused = try CallboardCLI.run(["intake", "--customer", "甲", "--phone", "021-5830 1120", "--summary", "x"], journal: scratch.journal)
        #expect(refused.status == 74 && refused.stderr.contains("folder of its own"), "\(refused)")
        #expect(!FileManager.default.fileExists(atPath: scratch.journal))
    }

    @Test func aCommandInAPolicyTheJournalCarriesIsNeverRun() throws {
        let scratch = try Scratch()
        try Self.breachedCall(scratch)
        // A desk member appends a policy whose notification command would run as whoever
        // runs the watch.
        let ran = scratch.path("ran")
        try JournalForge.adoptPolicy(appending: "notify: {command: touch \(ran), timeout: 5s, retries: 0}\n", to: scratch.journal)
        let watch = try CallboardCLI.run(["watch", "--once"], journal: scratch.journal)
        #expect(watch.status == 0 && watch.stdout.contains("duty supervisor"), "\(watch)")
        Thread.sleep(forTimeInterval: 0.5)
        #expect(!FileManager.default.fileExists(atPath: ran), "the journal's command ran: \(watch)")
        // The journal still replays, and shows the policy as it was recorded.
        #expect(try CallboardCLI.succeed(["policy", "show"], journal: scratch.journal).contains("notify: {command: touch"))
        #expect(try CallboardCLI.run(["journal", "verify"], journal: scratch.journal).status == 0)
    }

    @Test func aPolicyFileWithANotificationCommandIsRefusedAndToldToMoveIt() throws {
        let scratch = try Scratch()
        let policy = scratch.path("policy.yaml")
        let text = try CallboardCLI.succeed(["policy", "default"], journal: nil) + "\nnotify: {command: /usr/local/bin/desk-notify, timeout: 10s, retries: 2}\n"
        try text.write(toFile: policy, atomically: true, encoding: .utf8)
        let checked = try CallboardCLI.run(["policy", "check", policy])
        #expect(checked.status == 64 && checked.stderr.contains("desk.yaml") && checked.stderr.contains("--notify-command"), "\(checked)")
        let intake = try CallboardCLI.run(["intake", "--customer", "甲", "--phone", "021-5830 1120", "--summary", "x", "--policy", policy], journal: scratch.journal)
        #expect(intake.status == 64 && intake.stderr.contains("desk.yaml"), "\(intake)")
        #expect(!FileManager.default.fileExists(atPath: scratch.journal))
    }

    @Test func theNotificationCommandComesFromDeskYamlOrTheWatchersOwnOption() throws {
        let scratch = try Scratch()
        let log = scratch.path("hook.log")
        let hook = scratch.path("hook.sh")
        try "#!/bin/sh\necho \"$1$CALLBOARD_EVENT|$CALLBOARD_CALL|$CALLBOARD_STEP|$CALLBOARD_NOTIFY\" >> \(log)\n".write(toFile: hook, atomically: true, encoding: .utf8)
        chmod(hook, 0o755)
        try Self.breachedCall(scratch)
        try Self.desk("roles:\n  supervisor: [\(Self.me)]\nnotify: {command: \(hook) desk-, timeout: 5s, retries: 0}\n", in: scratch)
        let watch = try CallboardCLI.run(["watch", "--once"], journal: scratch.journal)
        #expect(watch.status == 0 && watch.stdout.contains("notification sent"), "\(watch)")
        #expect(try String(contentsOfFile: log, encoding: .utf8).contains("desk-escalated|C-0001|duty supervisor|supervisor"))
        // The watcher's own option wins over desk.yaml.
        try CallboardCLI.succeed(["intake", "--customer", "乙", "--phone", "021-5830 1120", "--summary", "y", "--level", "1", "--region", "city", "--at", "-3h"],
                                 journal: scratch.journal)
        let mine = try CallboardCLI.run(["watch", "--once", "--notify-command", "\(hook) option-"], journal: scratch.journal)
        #expect(mine.status == 0, "\(mine)")
        let lines = try String(contentsOfFile: log, encoding: .utf8)
        #expect(lines.contains("option-escalated|C-0002|duty supervisor") && !lines.contains("desk-escalated|C-0002"), "\(lines)")
    }

    @Test(.enabled(if: geteuid() == 0, "giving a file to another user needs root"))
    func aDeskYamlANotificationCommandCannotComeFromADeskMember() throws {
        let scratch = try Scratch()
        try Self.breachedCall(scratch)
        let ran = scratch.path("ran")
        // A member of the desk's group may create a file in the folder when there is none;
        // it is theirs, not the administrator's.
        try Self.desk("roles:\n  supervisor: [\(Self.me)]\nnotify: {command: touch \(ran)}\n", in: scratch)
        #expect(chown(scratch.path("desk.yaml"), 65534, gid_t.max) == 0)
        let watch = try CallboardCLI.run(["watch", "--once"], journal: scratch.journal)
        #expect(watch.status != 0 && watch.stderr.contains("chown"), "\(watch)")
        #expect(!FileManager.default.fileExists(atPath: ran))
    }
}
