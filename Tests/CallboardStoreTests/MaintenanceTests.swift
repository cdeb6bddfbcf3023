import CallboardCore
@testable import CallboardStore
import Foundation
import Testing

@Suite struct MaintenanceTests {
    func files(_ dir: TempDir) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.url.path).sorted()
    }

    @Test func verifyCallsAnUnfinishedLastWriteNotDamage() throws {
        let dir = try TempDir()
        let path = dir.path("journal")
        let bytes = try Sample.journal(at: path, calls: 2)
        try Data(bytes.dropLast(5)).write(to: URL(fileURLWithPath: path))
        let found = try Journal(path: path).verify()
        #expect(!found.isDamaged)
        #expect(found.tornTail == (try lastRecordOffset(path))..<(bytes.count - 5))
        #expect(found.records == 2)
    }

    @Test func repairDropsOnlyWhatIsNotAValidRecordAndSaysWhich() throws {
        let dir = try TempDir()
        let path = dir.path("journal")
        var bytes = try Sample.journal(at: path, calls: 4)
        let offsets = recordOffsets(bytes)
        bytes[offsets[1] + 22] ^= 0x08 // the first call's record
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(throws: JournalError.self) { try JournalDesk(journal: Journal(path: path)) }

        let found = try Journal(path: path).verify()
        #expect(found.damage.map(\.bytes) == [offsets[1]..<offsets[2]])
        #expect(found.damage.first?.missing == 2...2)

        let repair = try Journal(path: path).repair(now: Sample.now)
        #expect(repair.needed && repair.kept == 4)
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: repair.backup!))) == bytes)
        let desk = try JournalDesk(journal: Journal(path: path))
        #expect(desk.state.calls.values.map(\.intake.customer) == ["客户1", "客户2", "客户3"])
        #expect(desk.position.sequence == 5, "a repair record, then the four kept, renumbered without a gap")
        #expect(desk.state.nextCallNumber == 6, "past the number the lost intake may have given out")
        #expect(!(try Journal(path: path).verify().isDamaged))
    }

    @Test func aWriterWaitingForTheLockWhileTheJournalIsReplacedWritesToTheNewFile() throws {
        let dir = try TempDir()
        let path = dir.path("journal")
        _ = try Sample.journal(at: path, calls: 1)
        let events = try Journal(path: path).read(after: .start).events
        nonisolated(unsafe) let writer = try JournalDesk(journal: Journal(path: path))
        // Hold the old file's lock, as a compaction or repair does while it writes the new file.
        var held = try JournalFile.openLockedForWriting(path, create: false)
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var outcome: Result<[Event], any Error>?
        Thread.detachNewThread {
            outcome = Result { try writer.perform(Sample.intake("等锁的"), Sample.context()) }
            done.signal()
        }
        usleep(200_000) // the writer is now waiting for the lock on the old file
        try JournalFile.replace(path, with: Journal.journalBytes(events))
        held = nil // let go: the writer gets the old file's lock, and must notice it is no longer in place
        done.wait()
        _ = try #require(outcome).get()
        #expect(held == nil)
        let reread = try JournalDesk(journal: Journal(path: path))
        #expect(reread.state.calls.values.map(\.intake.customer) == ["客户0", "等锁的"])
        #expect(writer.state.calls.count == 2)
    }

    @Test func compactionKeepsAnUnfinishedLastWriteBesideTheJournal() throws {
        let dir = try TempDir()
        let path = dir.path("journal")
        let bytes = try Sample.journal(at: path, calls: 2)
        try Data(bytes.dropLast(3)).write(to: URL(fileURLWithPath: path))
        let result = try Journal(path: path).compact(now: Sample.now, actor: "supervisor", archiveClosedBefore: Sample.now)
        #expect(result.warnings.count == 1 && result.warnings[0].contains("not carried over"))
        #expect(try files(dir).contains { $0.hasPrefix("journal.broken-") })
        #expect(result.archive == nil, "no call was closed")
        let desk = try JournalDesk(journal: Journal(path: path))
        #expect(desk.state.calls.count == 1)
        #expect(desk.state.nextCallNumber == 2)
    }
}
