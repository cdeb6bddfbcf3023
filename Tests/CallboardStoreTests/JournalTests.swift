import CallboardCore
import CallboardStore
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite struct JournalTests {
    @Test func eventsComeBackExactlyAsTheyWereRecorded() throws {
        let dir = try TempDir()
        let path = dir.path("journal")
        let writer = try JournalDesk(journal: Journal(path: path))
        try writer.perform(Sample.technician("T01"), Sample.context(at: Sample.now.addingTimeInterval(-600)))
        let event = try writer.perform(Sample.intake(), Sample.context(at: Sample.now.addingTimeInterval(-300))).last!
        let id = try #require(event.change.call)
        try writer.perform(.assign(id, TechnicianID("T01")!, reassign: false), Sample.context())
        try writer.perform(.note(id, "带门禁单 \"quoted\" \\ slash"), Sample.context("lihua"))

        let reader = try JournalDesk(journal: Journal(path: path))
        #expect(reader.state == writer.state)
        #expect(reader.position == writer.position)
        #expect(reader.position.sequence == 4)
        #expect(reader.state.calls[id]?.history.last?.actor == "lihua")
    }

    @Test func theFileStartsWithAVersionedHeader() throws {
        let dir = try TempDir()
        let bytes = try Sample.journal(at: dir.path("journal"), calls: 1)
        #expect(Array(bytes[0..<8]) == JournalFormat.magic)
        #expect(bytes[8] == 1 && bytes[9] == 0 && bytes[10] == 0 && bytes[11] == 0)
        // The first payload: a binary event (marker 1) of the current schema.
        let payload = bytes[(JournalFormat.headerSize + JournalFormat.recordHeaderSize)...]
        #expect(payload.first == 1 && payload.dropFirst().first == UInt8(EventCodec.schemaVersion))
    }

    @Test func anAbsentJournalIsAnEmptyDeskAndIsNotCreatedByReading() throws {
        let dir = try TempDir()
        let path = dir.path("sub/dir/journal")
        let desk = try JournalDesk(journal: Journal(path: path))
        #expect(desk.state == DeskState())
        #expect(!FileManager.default.fileExists(atPath: path))
        try desk.perform(Sample.intake(), Sample.context())
        #expect(FileManager.default.fileExists(atPath: path))
    }

    @Test func newJournalsAreNotWorldReadable() throws {
        let dir = try TempDir()
        let path = dir.path("journal")
        _ = try Sample.journal(at: path, calls: 1)
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        #expect(mode & 0o007 == 0)
    }

    @Test func aSecondWriterCatchesUpBeforeDecidingSoNoAssignmentIsOverwritten() throws {
        let dir = try TempDir()
        let path = dir.path("journal")
        let first = try JournalDesk(journal: Journal(path: path))
        try first.perform(Sample.technician("T03"), Sample.context())
        try first.perform(Sample.technician("T04"), Sample.context())
        let id = try first.perform(Sample.intake(), Sample.context()).last!.change.call!
        // Both dispatchers look at the same unassigned call.
        let second = try JournalDesk(journal: Journal(path: path))
        try first.perform(.assign(id, TechnicianID("T04")!, reassign: false), Sample.context("wang"))
        #expect(second.state.calls[id]?.technician == nil)
        #expect(throws: DeskError.self) {
            try second.perform(.assign(id, TechnicianID("T03")!, reassign: false), Sample.context("li"))
        }
        // The refused writer has caught up and sees who has the call.
        #expect(second.state.calls[id]?.technician == TechnicianID("T04"))
        #expect(try JournalDesk(journal: Journal(path: path)).position.sequence == 4)
    }

    @Test func aFollowerSeesOnlyWhatIsNew() throws {
        let dir = try TempDir()
        let path = dir.path("journal")
        let writer = try JournalDesk(journal: Journal(path: path))
        let follower = try JournalDesk(journal: Journal(path: path))
        #expect(try follower.refresh() == 0)
        try writer.perform(Sample.intake("一"), Sample.context())
        try writer.perform(Sample.intake("二"), Sample.context())
        #expect(try follower.refresh() == 2)
        #expect(try follower.refresh() == 0)
        #expect(follower.state == writer.state)
    }

    @Test func anIncompleteLastRecordIsNotYetWrittenForAReader() throws {
        let dir = try TempDir()
        let path = dir.path("journal")
        let whole = try Sample.journal(at: path, calls: 3)
        let complete = try JournalDesk(journal: Journal(path: path)).position
        let lastStart = try lastRecordOffset(path)
        for cut in lastStart..<whole.count {
            try Data(whole[..<cut]).write(to: URL(fileURLWithPath: path))
            let desk = try JournalDesk(journal: Journal(path: path))
            #expect(desk.position.sequence == complete.sequence - 1, "cut at \(cut)")
            #expect(desk.position.offset == lastStart)
        }
    }

    @Test func aWriterSetsATornTailAsideAndCarriesOnWithAContiguousSequence() throws {
        let dir = try TempDir()
        let path = dir.path("journal")
        let whole = try Sample.journal(at: path, calls: 2)
        let lastStart = try lastRecordOffset(path)
        try Data(whole[..<(lastStart + 7)]).write(to: URL(fileURLWithPath: path))

        let desk = try JournalDesk(journal: Journal(path: path))
        try desk.perform(Sample.intake("新的"), Sample.context())
        #expect(desk.warnings.count == 1)
        #expect(desk.warnings[0].contains("7 bytes at byte \(lastStart)"))
        let kept = try FileManager.default.contentsOfDirectory(atPath: dir.url.path).filter { $0.hasPrefix("journal.broken-") }
        #expect(kept.count == 1)
        #expect(try Data(contentsOf: dir.url.appendingPathComponent(kept[0])) == Data(whole[lastStart..<(lastStart + 7)]))
        let reread = try JournalDesk(journal: Journal(path: path))
        #expect(reread.position.sequence == 3)
        #expect(reread.state.calls.count == 2)
        #expect(reread.state.calls.values.contains { $0.intake.customer == "新的" })
    }

    @Test func damageInTheMiddleIsRefusedNamingTheOffset() throws {
        let dir = try TempDir()
        let path = dir.path("journal")
        var bytes = try Sample.journal(at: path, calls: 3)
        let second = JournalFormat.headerSize + recordLength(bytes, at: JournalFormat.headerSize)
        bytes[second + JournalFormat.recordHeaderSize + 5] ^= 0x01
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        do {
            _ = try JournalDesk(journal: Journal(path: path))
            Issue.record("a damaged journal opened")
        } catch {
            #expect(error.kind == .corrupt(offset: second))
            #expect(error.message.contains("damaged at byte \(second)"))
            #expect(error.message.contains(path))
        }
        // A writer refuses too, and leaves the file as it was.
        #expect(throws: JournalError.self) { try Journal(path: path).append(after: .start, now: Sample.now) { _ in [] } }
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path))) == bytes)
    }

    @Test(arguments: [0x0010_0000 as UInt32, 0xFFFF_FFFF, 3])
    func aDamagedLengthWithValidRecordsAfterItIsDamageNotATornTail(length: UInt32) throws {
        let dir = try TempDir()
        let path = dir.path("journal")
        var bytes = try Sample.journal(at: path, calls: 3)
        let first = JournalFormat.headerSize
        withUnsafeBytes(of: length.littleEndian) { for (n, byte) in $0.enumerated() { bytes[first + 4 + n] = byte } }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(throws: JournalError.self) { try JournalDesk(journal: Journal(path: path)) }
        // A writer must not cut the acknowledged records after it away as a "torn tail".
        #expect(throws: JournalError.self) {
            try Journal(path: path).append(after: .start, now: Sample.now) { _ in try DeskState().decide(Sample.intake(), Sample.context()) }
        }
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path))) == bytes)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path) == ["journal"])
    }

    @Test func aJournalThatGotShorterUnderAReaderIsReportedNotMisread() throws {
        let dir = try TempDir()
        let path = dir.path("journal")
        let bytes = try Sample.journal(at: path, calls: 3)
        let reader = try JournalDesk(journal: Journal(path: path))
        try Data(bytes[..<(bytes.count - 10)]).write(to: URL(fileURLWithPath: path))
        do {
            try reader.refresh()
            Issue.record("a shrunk journal was read")
        } catch {
            #expect(error.kind == .replaced)
            #expect(error.message.contains("got shorter"))
        }
    }

    @Test func aRefusedCommandLeavesATornTailAndTheFileAsTheyWere() throws {
        let dir = try TempDir()
        let path = dir.path("journal")
        let whole = try Sample.journal(at: path, calls: 2)
        let torn = Data(whole[..<(whole.count - 3)])
        try torn.write(to: URL(fileURLWithPath: path))
        let desk = try JournalDesk(journal: Journal(path: path))
        #expect(throws: DeskError.self) { try desk.perform(.respond(CallID(number: 99)), Sample.context()) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == torn)
        #expect(desk.warnings.isEmpty)
    }

    @Test func aRefusalAfterCatchingUpDoesNotApplyTheSameEventsTwice() throws {
        let dir = try TempDir()
        let path = dir.path("journal")
        let first = try JournalDesk(journal: Journal(path: path))
        let second = try JournalDesk(journal: Journal(path: path))
        let id = try first.perform(Sample.intake(), Sample.context()).last!.change.call!
        try first.perform(.note(id, "一"), Sample.context())
        #expect(throws: DeskError.self) { try second.perform(.close(id), Sample.context()) }
        #expect(try second.refresh() == 0)
        #expect(second.state == first.state)
        #expect(second.state.calls[id]?.history.count == 2)
    }

    @Test func aReaderNeverTakesWhatAWriterStillHoldsAndCanTakeBack() throws {
        let dir = try TempDir()
        let path = dir.path("journal")
        _ = try Sample.journal(at: path, calls: 1)
        let reader = try JournalDesk(journal: Journal(path: path))
        try JournalDesk(journal: Journal(path: path)).perform(Sample.intake("新"), Sample.context())
        // A writer in the middle of an append holds the exclusive lock.
        let fd = open(path, O_RDONLY)
        defer { close(fd) }
        #expect(flock(fd, LOCK_EX) == 0)
        #expect(try reader.refresh(wait: false) == 0)
        #expect(flock(fd, LOCK_UN) == 0)
        #expect(try reader.refresh(wait: false) == 1)
    }

    @Test func aJournalRemovedUnderADeskIsReportedAndNotRecreated() throws {
        let dir = try TempDir()
        let path = dir.path("desk/journal")
        _ = try Sample.journal(at: path, calls: 1)
        let desk = try JournalDesk(journal: Journal(path: path))
        try FileManager.default.removeItem(atPath: dir.path("desk"))
        #expect(throws: JournalError.self) { try desk.refresh() }
        #expect(throws: JournalError.self) { try desk.perform(Sample.intake(), Sample.context()) }
        #expect(!FileManager.default.fileExists(atPath: dir.path("desk")))
    }

    @Test func aFileOfZerosLeftByACrashDuringCreationIsANewJournal() throws {
        let dir = try TempDir()
        let path = dir.path("journal")
        try Data(count: 100).write(to: URL(fileURLWithPath: path))
        let desk = try JournalDesk(journal: Journal(path: path))
        #expect(desk.state == DeskState())
        try desk.perform(Sample.intake(), Sample.context())
        #expect(desk.warnings.count == 1)
        #expect(try JournalDesk(journal: Journal(path: path)).state.calls.count == 1)
    }

    @Test func aFileThatIsNotAJournalIsRefused() throws {
        let dir = try TempDir()
        let path = dir.path("notes.txt")
        try Data("客户名单\n张三 138 0013 8000\n这不是日志文件，请勿覆盖".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: JournalError.self) { try JournalDesk(journal: Journal(path: path)) }
        #expect(throws: JournalError.self) { try JournalDesk(journal: Journal(path: path)).perform(Sample.intake(), Sample.context()) }
    }

    @Test func severalEventsAreCommittedTogether() throws {
        let dir = try TempDir()
        let path = dir.path("journal")
        let desk = try JournalDesk(journal: Journal(path: path))
        let events = try desk.record(now: Sample.now) { state in
            var scratch = state
            return try (0..<5).flatMap { n in
                let events = try scratch.decide(Sample.intake("客户\(n)"), Sample.context())
                events.forEach { scratch.apply($0) }
                return events
            }
        }
        #expect(events.count == 5)
        #expect(try JournalDesk(journal: Journal(path: path)).state.calls.count == 5)
    }

    @Test func theJournalIsFoundByFlagThenEnvironmentThenXDGThenHome() {
        #expect(JournalLocation.resolve(flag: "/a", environment: ["CALLBOARD_JOURNAL": "/b"]) == "/a")
        #expect(JournalLocation.resolve(flag: nil, environment: ["CALLBOARD_JOURNAL": "/b", "XDG_DATA_HOME": "/x"]) == "/b")
        #expect(JournalLocation.resolve(flag: nil, environment: ["XDG_DATA_HOME": "/x", "HOME": "/h"]) == "/x/callboard/journal")
        #expect(JournalLocation.resolve(flag: nil, environment: ["HOME": "/h"]) == "/h/.local/share/callboard/journal")
        #expect(JournalLocation.demo(flag: nil, environment: ["HOME": "/h"]) == "/h/.local/share/callboard/demo/journal")
    }
}

/// Where records start in a journal file's bytes.
func recordOffsets(_ bytes: [UInt8]) -> [Int] {
    var offsets: [Int] = []
    var at = JournalFormat.headerSize
    while at + JournalFormat.recordHeaderSize <= bytes.count {
        offsets.append(at)
        at += recordLength(bytes, at: at)
    }
    return offsets
}

func recordLength(_ bytes: [UInt8], at offset: Int) -> Int {
    let length = bytes[(offset + 4)..<(offset + 8)].enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
    return JournalFormat.recordHeaderSize + length
}

func lastRecordOffset(_ path: String) throws -> Int {
    recordOffsets(Array(try Data(contentsOf: URL(fileURLWithPath: path)))).last!
}
