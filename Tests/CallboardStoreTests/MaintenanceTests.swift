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
        let found = try FileJournal(path: path).verify()
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
        #expect(throws: JournalError.self) { try JournalDesk(log: FileJournal(path: path)) }

        let found = try FileJournal(path: path).verify()
        #expect(found.damage.map(\.bytes) == [offsets[1]..<offsets[2]])
        #expect(found.damage.first?.missing == 2...2)

        let repair = try FileJournal(path: path).repair(now: Sample.now)
        #expect(repair.needed && repair.kept == 4)
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: repair.backup!))) == bytes)
        let desk = try JournalDesk(log: FileJournal(path: path))
        #expect(desk.state.calls.values.map(\.intake.customer) == ["客户1", "客户2", "客户3"])
        #expect(desk.position.sequence == 5, "a repair record, then the four kept, renumbered without a gap")
        #expect(desk.state.nextCallNumber == 6, "past the number the lost intake may have given out")
        #expect(!(try FileJournal(path: path).verify().isDamaged))
    }

    @Test func aWriterWaitingForTheLockWhileTheJournalIsReplacedWritesToTheNewFile() throws {
        let dir = try TempDir()
        let path = dir.path("journal")
        _ = try Sample.journal(at: path, calls: 1)
        let events = try FileJournal(path: path).read(after: .start).events
        nonisolated(unsafe) let writer = try JournalDesk(log: FileJournal(path: path))
        // Hold the old file's lock, as a compaction or repair does while it writes the new file.
        var held = try JournalFile.openLockedForWriting(path, create: false)
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var outcome: Result<[Event], any Error>?
        Thread.detachNewThread {
            outcome = Result { try writer.perform(Sample.intake("等锁的"), Sample.context()) }
            done.signal()
        }
        usleep(200_000) // the writer is now waiting for the lock on the old file
        try JournalFile.replace(path, with: FileJournal.journalBytes(events))
        held = nil // let go: the writer gets the old file's lock, and must notice it is no longer in place
        done.wait()
        _ = try #require(outcome).get()
        #expect(held == nil)
        let reread = try JournalDesk(log: FileJournal(path: path))
        #expect(reread.state.calls.values.map(\.intake.customer) == ["客户0", "等锁的"])
        #expect(writer.state.calls.count == 2)
    }

    @Test func compactionKeepsAnUnfinishedLastWriteBesideTheJournal() throws {
        let dir = try TempDir()
        let path = dir.path("journal")
        let bytes = try Sample.journal(at: path, calls: 2)
        try Data(bytes.dropLast(3)).write(to: URL(fileURLWithPath: path))
        let result = try FileJournal(path: path).compact(now: Sample.now, actor: "supervisor", archiveClosedBefore: Sample.now)
        #expect(result.warnings.count == 1 && result.warnings[0].description.contains("not carried over"))
        #expect(try files(dir).contains { $0.hasPrefix("journal.broken-") })
        #expect(result.archive == nil, "no call was closed")
        let desk = try JournalDesk(log: FileJournal(path: path))
        #expect(desk.state.calls.count == 1)
        #expect(desk.state.nextCallNumber == 2)
    }
}

/// What the reviews of the journal found, each kept fixed.
@Suite struct RepairFindingsTests {
    func write(_ bytes: [UInt8], _ path: String) throws { try Data(bytes).write(to: URL(fileURLWithPath: path)) }

    @Test(arguments: [12, 17, 20, 24])
    func aDamagedHeaderIsDamageAndRepairKeepsEveryRecord(byte: Int) throws {
        let dir = try TempDir()
        let path = dir.path("journal")
        var bytes = try Sample.journal(at: path, calls: 3)
        bytes[byte] ^= 0x10
        try write(bytes, path)
        #expect(throws: JournalError.self) { try JournalDesk(log: FileJournal(path: path)) }
        let found = try FileJournal(path: path).verify()
        #expect(found.isDamaged && found.header != nil, "byte \(byte)")
        #expect(found.tornTail == nil, "records are not an unfinished write")
        let repair = try FileJournal(path: path).repair(now: Sample.now)
        #expect(repair.needed && repair.kept == 4)
        let desk = try JournalDesk(log: FileJournal(path: path))
        #expect(desk.state.calls.count == 3)
    }

    @Test func duplicatedAndSwappedRecordsAreFoundAndPutRight() throws {
        let dir = try TempDir()
        let path = dir.path("journal")
        let bytes = try Sample.journal(at: path, calls: 3)
        let offsets = recordOffsets(bytes) + [bytes.count]
        func record(_ n: Int) -> [UInt8] { Array(bytes[offsets[n]..<offsets[n + 1]]) }
        // Records 1 2 4 3 3: the last two swapped, the third repeated.
        try write(Array(bytes[..<offsets[2]]) + record(3) + record(2) + record(2), path)
        #expect(throws: JournalError.self) { try JournalDesk(log: FileJournal(path: path)) }
        let found = try FileJournal(path: path).verify()
        #expect(found.isDamaged && found.order.count == 2, "\(found.order)")
        _ = try FileJournal(path: path).repair(now: Sample.now)
        let desk = try JournalDesk(log: FileJournal(path: path))
        #expect(desk.state.calls.values.map(\.intake.customer) == ["客户0", "客户1", "客户2"], "in order, each once")
    }

    /// A write in the middle of the journal was acknowledged: damage to one of its records is
    /// bit rot, not a torn write, so what survives of it stands (a desk never loses an intact call).
    @Test func aWriteThatLostARecordInTheMiddleKeepsWhatSurvivesAndOrphansOfTheLostCallGo() throws {
        let dir = try TempDir()
        let path = dir.path("journal")
        // One write of three calls, then a note on the first call in a write of its own.
        let desk = try JournalDesk(log: FileJournal(path: path))
        try desk.perform(Sample.technician("T01"), Sample.context())
        try desk.record(now: Sample.now) { state in
            var scratch = state
            return try (0..<3).flatMap { n in
                let events = try scratch.decide(Sample.intake("批量\(n)"), Sample.context())
                events.forEach { scratch.apply($0) }
                return events
            }
        }
        try desk.perform(.note(CallID(number: 1), "之后的备注"), Sample.context())
        try desk.perform(Sample.intake("之后"), Sample.context())
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        let offsets = recordOffsets(bytes)
        bytes[offsets[1] + 30] ^= 0x01 // the first call of the three-call write
        try write(bytes, path)

        let found = try FileJournal(path: path).verify()
        #expect(found.partialWrites.count == 2, "the write's two surviving calls")
        #expect(found.orphans.count == 1, "the note on the call that was lost")
        let repair = try FileJournal(path: path).repair(now: Sample.now)
        #expect(repair.kept == 4, "the technician, the two surviving calls of the write and the later call")
        let repaired = try JournalDesk(log: FileJournal(path: path))
        #expect(repaired.state.calls.values.map(\.intake.customer) == ["批量1", "批量2", "之后"])
        #expect(repaired.state.nextCallNumber == 4 + 1 + 1, "past every number the records mention, and one more for the record lost outright")
        #expect(!(try FileJournal(path: path).verify().isDamaged))
    }

    @Test func compactingThroughASymbolicLinkReplacesTheRealFile() throws {
        let dir = try TempDir()
        let real = dir.path("real-journal")
        _ = try Sample.journal(at: real, calls: 2)
        let link = dir.path("journal")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: real)
        _ = try FileJournal(path: link).compact(now: Sample.now, actor: "s", archiveClosedBefore: nil)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == real, "the link is still a link")
        let desk = try JournalDesk(log: FileJournal(path: link))
        try desk.perform(Sample.intake("之后"), Sample.context())
        #expect(try JournalDesk(log: FileJournal(path: real)).state.calls.count == 3)
    }

    @Test func compactionRefusesRecordsOfANewerCallboardRatherThanDropThem() throws {
        let dir = try TempDir()
        let path = dir.path("journal")
        var bytes = try Sample.journal(at: path, calls: 1)
        let epoch = bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: 16, as: UInt64.self)) }
        JournalFormat.encodeRecord(rawType: 7, flags: JournalFormat.skippableFlag, sequence: 3, payload: [9], epoch: epoch, into: &bytes)
        try write(bytes, path)
        #expect(throws: JournalError.self) { try FileJournal(path: path).compact(now: Sample.now, actor: "s", archiveClosedBefore: nil) }
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path))) == bytes)
    }

    @Test func forgedTimesAndNumbersAreRefusedNotTrappedOn() throws {
        var event = EventCodec.encode(Event(occurredAt: Sample.now, recordedAt: Sample.now, actor: "x", change: .responded(CallID(number: 1))))
        // `at` as the largest zigzag varint.
        event = Array(event[0..<3]) + [0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01] + Array(event[8...])
        #expect(throws: (any Error).self) { try event.withUnsafeBytes { try EventCodec.decode($0) } }
        let negative = Array(#"{"v":2,"type":"call.retimed","at":0,"recorded":0,"by":"x","call":"C-0001","policy":-1,"reason":"r"}"#.utf8)
        #expect(throws: (any Error).self) { try negative.withUnsafeBytes { try EventCodec.decode($0) } }
        let future = Array(#"{"v":2,"type":"call.responded","at":9223372036854775807,"recorded":0,"by":"x","call":"C-0001"}"#.utf8)
        #expect(throws: (any Error).self) { try future.withUnsafeBytes { try EventCodec.decode($0) } }
    }
}
