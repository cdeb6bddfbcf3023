import CallboardCore
@testable import CallboardStore
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Roles live in desk.yaml beside the journal, so where the journal is, and who may change what
/// stands beside it, decides who may do what. Tests run as root, which ignores permissions: they
/// check the refusals by link counts and mode bits, never by the system's EACCES.
@Suite struct JournalPlacementTests {
    func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    @Test func aJournalWithASecondHardLinkIsWrittenByNoWriter() throws {
        let dir = try TempDir(), elsewhere = try TempDir()
        let path = dir.path("journal"), link = elsewhere.path("journal")
        _ = try Sample.journal(at: path, calls: 2)
        #expect(Glibc.link(path, link) == 0)
        let before = try bytes(path)
        for name in [link, path] {
            let error = try #require(throws: JournalError.self) { try JournalDesk(log: FileJournal(path: name)).perform(Sample.intake(), Sample.context()) }
            #expect(error.kind == .hardLinked)
            #expect(error.message.contains("2 names") && error.message.contains("desk.yaml") && error.message.contains("rm "), "\(error)")
        }
        #expect(throws: JournalError.self) { try FileJournal(path: link).compact(now: Sample.now, actor: "s", archiveClosedBefore: nil) }
        #expect(throws: JournalError.self) { try FileJournal(path: link).repair(now: Sample.now) }
        #expect(try bytes(path) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path) == ["journal"], "no backup, archive or new file")
        // Reading stays allowed, through either name.
        #expect(try JournalDesk(log: FileJournal(path: link)).state.calls.count == 2)
        // With the second name gone, the desk writes again.
        #expect(unlink(link) == 0)
        try JournalDesk(log: FileJournal(path: path)).perform(Sample.intake(), Sample.context())
    }

    @Test(arguments: [(0o2770, "chmod +t"), (0o0770, "chmod +t"), (0o0777, "chmod o-w,+t"), (0o1777, "folder of its own"), (0o0757, "chmod o-w")])
    func aJournalInAFolderOthersMayChangeIsNotWritten(mode: Int, fix: String) throws {
        let dir = try TempDir()
        let path = dir.path("journal")
        _ = try Sample.journal(at: path, calls: 1)
        #expect(chmod(dir.url.path, mode_t(mode)) == 0)
        let before = try bytes(path)
        let error = try #require(throws: JournalError.self) { try JournalDesk(log: FileJournal(path: path)).perform(Sample.intake(), Sample.context()) }
        #expect(error.kind == .unsafeFolder)
        #expect(error.message.contains(fix.hasPrefix("chmod") ? "`\(fix) \(dir.url.path)`" : fix) && error.message.contains("desk.yaml"), "\(error)")
        #expect(throws: JournalError.self) { try FileJournal(path: path).compact(now: Sample.now, actor: "s", archiveClosedBefore: nil) }
        #expect(throws: JournalError.self) { try FileJournal(path: path).repair(now: Sample.now) }
        #expect(try bytes(path) == before)
        #expect(try JournalDesk(log: FileJournal(path: path)).state.calls.count == 1, "reading stays allowed")
    }

    @Test(arguments: [0o1770, 0o3770, 0o0750, 0o0700, 0o1775])
    func aFolderOnlyTheDeskCanChangeIsWritten(mode: Int) throws {
        let dir = try TempDir()
        let path = dir.path("journal")
        _ = try Sample.journal(at: path, calls: 1)
        #expect(chmod(dir.url.path, mode_t(mode)) == 0)
        try JournalDesk(log: FileJournal(path: path)).perform(Sample.intake(), Sample.context())
    }

    /// A journal made in the desk's shared folder (group-writable, sticky) takes the folder's
    /// group, as a setgid folder would give it: made by a dispatcher whose own group is their
    /// own, it must still be the whole desk's. Changing a file's group to another needs root (or
    /// membership), so this runs as root; a folder only its owner may write keeps the maker's.
    @Test func aJournalMadeInTheDesksSharedFolderTakesTheFoldersGroup() throws {
        guard getuid() == 0 else { return }
        let dir = try TempDir()
        let desk = gid_t(65_534)   // nogroup: any group but root's own
        #expect(chown(dir.url.path, uid_t.max, desk) == 0 && chmod(dir.url.path, 0o1770) == 0)
        let path = dir.url.appendingPathComponent("journal").path
        try JournalDesk(log: FileJournal(path: path)).perform(Sample.intake(), Sample.context())
        var info = stat()
        #expect(stat(path, &info) == 0 && info.st_gid == desk, "the journal's group: \(info.st_gid)")

        let own = try TempDir()
        #expect(chown(own.url.path, uid_t.max, desk) == 0 && chmod(own.url.path, 0o0750) == 0)
        let mine = own.url.appendingPathComponent("journal").path
        try JournalDesk(log: FileJournal(path: mine)).perform(Sample.intake(), Sample.context())
        #expect(stat(mine, &info) == 0 && info.st_gid == getgid(), "a folder the group may not write is no desk's: the maker's group stays")
    }

    @Test func noJournalIsCreatedInAFolderEveryoneMayWrite() throws {
        let dir = try TempDir()
        #expect(chmod(dir.url.path, 0o1777) == 0)
        let path = dir.path("journal")
        #expect(throws: JournalError.self) { try JournalDesk(log: FileJournal(path: path)).perform(Sample.intake(), Sample.context()) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func theFolderCheckedIsTheRealFilesNotTheSymbolicLinks() throws {
        let dir = try TempDir(), open = try TempDir()
        let real = dir.path("journal"), link = open.path("journal")
        _ = try Sample.journal(at: real, calls: 1)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: real)
        #expect(chmod(dir.url.path, 0o2770) == 0)
        let error = try #require(throws: JournalError.self) { try JournalDesk(log: FileJournal(path: link)).perform(Sample.intake(), Sample.context()) }
        #expect(error.message.contains(dir.url.path), "\(error)")
    }
}
