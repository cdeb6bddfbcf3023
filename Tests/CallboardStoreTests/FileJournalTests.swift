import CallboardCore
@testable import CallboardStore
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// What the file journal does that is its own: the bytes on disk, cut-short and damaged files,
/// a file removed or restored under a reader. What every log promises is EventLogContractTests.
@Suite struct FileJournalTests {
    @Test func theFileStartsWithAVersionedHeader() throws {
        let dir = try TempDir()
        let bytes = try Sample.journal(at: dir.path("journal"), calls: 1)
        #expect(Array(bytes[0..<8]) == JournalFormat.magic)
        #expect(bytes[8] == 1 && bytes[9] == 0 && bytes[10] == 0 && bytes[11] == 0)
        // The first payload: a binary event (marker 1) of the current schema.
        let payload = bytes[(JournalFormat.headerSize + JournalFormat.recordHeaderSize)...]
        #expect(payload.first == 1 && payload.dropFirst().first == UInt8(EventCodec.schemaVersion))
    }

    @Test func newJournalsAreNotWorldReadable() throws {
        let dir = try TempDir()
        let path = dir.path("journal")
        _ = try Sample.journal(at: path, calls: 1)
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        #expect(mode & 0o007 == 0)
    }

    @Test func anIncompleteLastRecordIsNotYetWrittenForAReader() throws {
        let dir = try TempDir()
        let path = dir.path("journal")
        let whole = try Sample.journal(at: path, calls: 3)
        let complete = try JournalDesk(log: FileJournal(path: path)).position
        let lastStart = try lastRecordOffset(path)
        for cut in lastStart..<whole.count {
            try Data(whole[..<cut]).write(to: URL(fileURLWithPath: path))
            let desk = try JournalDesk(log: FileJournal(path: path))
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

        let desk = try JournalDesk(log: FileJournal(path: path))
        try desk.perform(Sample.intake("新的"), Sample.context())
        #expect(desk.warnings.count == 1)
        #expect(desk.warnings[0].description.contains("7 bytes at byte \(lastStart)"))
        let kept = try FileManager.default.contentsOfDirectory(atPath: dir.url.path).filter { $0.hasPrefix("journal.broken-") }
        #expect(kept.count == 1)
        #expect(try Data(contentsOf: dir.url.appendingPathComponent(kept[0])) == Data(whole[lastStart..<(lastStart + 7)]))
        let reread = try JournalDesk(log: FileJournal(path: path))
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
            _ = try JournalDesk(log: FileJournal(path: path))
            Issue.record("a damaged journal opened")
        } catch {
            #expect(error.kind == .corrupt(offset: second))
            #expect(error.message.contains("damaged at byte \(second)"))
            #expect(error.message.contains(path))
        }
        // A writer refuses too, and leaves the file as it was.
        #expect(throws: JournalError.self) { try FileJournal(path: path).append(after: .start, now: Sample.now) { _ in [] } }
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
        #expect(throws: JournalError.self) { try JournalDesk(log: FileJournal(path: path)) }
        // A writer must not cut the acknowledged records after it away as a "torn tail".
        #expect(throws: JournalError.self) {
            try FileJournal(path: path).append(after: .start, now: Sample.now) { _ in try DeskState().decide(Sample.intake(), Sample.context()) }
        }
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path))) == bytes)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path) == ["journal"])
    }

    @Test func aJournalThatGotShorterUnderAReaderIsReportedNotMisread() throws {
        let dir = try TempDir()
        let path = dir.path("journal")
        let bytes = try Sample.journal(at: path, calls: 3)
        let reader = try JournalDesk(log: FileJournal(path: path))
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
        let desk = try JournalDesk(log: FileJournal(path: path))
        #expect(throws: DeskError.self) { try desk.perform(.respond(CallID(number: 99)), Sample.context()) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == torn)
        #expect(desk.warnings.isEmpty)
    }

    @Test func aJournalRemovedUnderADeskIsReportedAndNotRecreated() throws {
        let dir = try TempDir()
        let path = dir.path("desk/journal")
        _ = try Sample.journal(at: path, calls: 1)
        let desk = try JournalDesk(log: FileJournal(path: path))
        try FileManager.default.removeItem(atPath: dir.path("desk"))
        #expect(throws: JournalError.self) { try desk.refresh() }
        #expect(throws: JournalError.self) { try desk.perform(Sample.intake(), Sample.context()) }
        #expect(!FileManager.default.fileExists(atPath: dir.path("desk")))
    }

    @Test func aFileOfZerosLeftByACrashDuringCreationIsANewJournal() throws {
        let dir = try TempDir()
        let path = dir.path("journal")
        try Data(count: 100).write(to: URL(fileURLWithPath: path))
        let desk = try JournalDesk(log: FileJournal(path: path))
        #expect(desk.state == DeskState())
        try desk.perform(Sample.intake(), Sample.context())
        #expect(desk.warnings.count == 1)
        #expect(try JournalDesk(log: FileJournal(path: path)).state.calls.count == 1)
    }

    @Test func aFileThatIsNotAJournalIsRefused() throws {
        let dir = try TempDir()
        let path = dir.path("notes.txt")
        try Data("客户名单\n张三 138 0013 8000\n这不是日志文件，请勿覆盖".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: JournalError.self) { try JournalDesk(log: FileJournal(path: path)) }
        #expect(throws: JournalError.self) { try JournalDesk(log: FileJournal(path: path)).perform(Sample.intake(), Sample.context()) }
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
