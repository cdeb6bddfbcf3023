import CallboardCore
@testable import CallboardStore
import Foundation
import Testing

/// A group commit (the records of one write and one sync) is all there or not at all after a
/// crash, and only a write that was never acknowledged is ever treated as torn.
@Suite struct GroupCommitTests {
    /// A journal of one technician and one call (single-record groups), then one group commit of
    /// five calls. Returns the bytes and where the group starts.
    func journalEndingInAGroup(_ path: String) throws -> (bytes: [UInt8], groupStart: Int) {
        _ = try Sample.journal(at: path, calls: 1)
        let groupStart = Int(try FileManager.default.attributesOfItem(atPath: path)[.size] as! UInt64)
        let desk = try JournalDesk(log: FileJournal(path: path))
        try desk.record(now: Sample.now) { state in
            var scratch = state
            return try (0..<5).flatMap { n in
                let events = try scratch.decide(Sample.intake("批量\(n)"), Sample.context())
                events.forEach { scratch.apply($0) }
                return events
            }
        }
        return (Array(try Data(contentsOf: URL(fileURLWithPath: path))), groupStart)
    }

    @Test func recordsOfOneWriteAreMarkedAsOneGroup() throws {
        let dir = try TempDir()
        let (bytes, groupStart) = try journalEndingInAGroup(dir.path("journal"))
        let group = recordOffsets(bytes).filter { $0 >= groupStart }
        #expect(group.count == 5)
        for (place, offset) in group.enumerated() {
            #expect(bytes[offset + 10] == UInt8(place) && bytes[offset + 11] == 0, "place in the group")
            #expect(bytes[offset + 9] & JournalFormat.continuesFlag == (place < 4 ? JournalFormat.continuesFlag : 0))
        }
    }

    @Test func aGroupCutAnywhereIsReadAsNotWrittenAtAll() throws {
        let dir = try TempDir()
        let path = dir.path("journal")
        let (bytes, groupStart) = try journalEndingInAGroup(path)
        for cut in groupStart..<bytes.count {
            try Data(bytes[..<cut]).write(to: URL(fileURLWithPath: path))
            let desk = try JournalDesk(log: FileJournal(path: path))
            #expect(desk.state.calls.count == 1, "cut at \(cut): none of the group, or all")
            #expect(desk.position.offset == groupStart)
        }
    }

    /// A crash can persist later pages of a write and not earlier ones: the first records of the
    /// group are zeros, its last ones intact. That is a torn write, not damage in the middle.
    @Test(arguments: [0, 1, 3])
    func aGroupWhoseEarlierRecordsNeverReachedTheDiskIsATornTail(lostRecords: Int) throws {
        let dir = try TempDir()
        let path = dir.path("journal")
        var (bytes, groupStart) = try journalEndingInAGroup(path)
        let group = recordOffsets(bytes).filter { $0 >= groupStart }
        let lostEnd = group[lostRecords] + 9 // into the header of the next record: its checksum fails too
        for index in group[0]..<lostEnd { bytes[index] = 0 }
        try Data(bytes).write(to: URL(fileURLWithPath: path))

        let reader = try JournalDesk(log: FileJournal(path: path))
        #expect(reader.state.calls.count == 1)
        let writer = try JournalDesk(log: FileJournal(path: path))
        try writer.perform(Sample.intake("之后"), Sample.context())
        #expect(writer.warnings.count == 1 && writer.warnings[0].description.contains("byte \(groupStart)"))
        let reread = try JournalDesk(log: FileJournal(path: path))
        #expect(reread.state.calls.values.map(\.intake.customer) == ["客户0", "之后"])
        let kept = try FileManager.default.contentsOfDirectory(atPath: dir.url.path).filter { $0.hasPrefix("journal.broken-") }
        #expect(try Data(contentsOf: dir.url.appendingPathComponent(kept[0])) == Data(bytes[groupStart...]))
    }

    /// The same loss in an earlier, acknowledged group, with other writes after it, is damage.
    @Test func aDamagedGroupFollowedByLaterWritesIsDamageInTheMiddle() throws {
        let dir = try TempDir()
        let path = dir.path("journal")
        var (bytes, groupStart) = try journalEndingInAGroup(path)
        let desk = try JournalDesk(log: FileJournal(path: path))
        try desk.perform(Sample.intake("后来"), Sample.context())
        bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[groupStart + 25] ^= 0x40
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(throws: JournalError.self) { try JournalDesk(log: FileJournal(path: path)) }
    }

    /// A single write lost before the last acknowledged one is damage: the last record is a
    /// group of its own, so it cannot be the rest of the lost write.
    @Test func aLostSingleRecordBeforeTheLastIsDamageNotATornTail() throws {
        let dir = try TempDir()
        let path = dir.path("journal")
        var bytes = try Sample.journal(at: path, calls: 3)
        let offsets = recordOffsets(bytes)
        for index in offsets[offsets.count - 2]..<offsets[offsets.count - 1] { bytes[index] = 0 }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        do {
            _ = try JournalDesk(log: FileJournal(path: path))
            Issue.record("opened")
        } catch {
            #expect(error.kind == .corrupt(offset: offsets[offsets.count - 2]))
            #expect(error.message.contains("callboard journal repair"))
        }
    }

    @Test func aBatchLargerThanAGroupIsSeveralGroups() {
        var out: [UInt8] = []
        let payloads = Array(repeating: [UInt8(1)], count: JournalFormat.maxGroup + 2)
        JournalFormat.encodeGroup(payloads: payloads, after: 0, epoch: 7, into: &out)
        let offsets = recordOffsets([UInt8](repeating: 0, count: JournalFormat.headerSize) + out).map { $0 - JournalFormat.headerSize }
        func place(_ n: Int) -> Int { Int(out[offsets[n] + 10]) | Int(out[offsets[n] + 11]) << 8 }
        func continues(_ n: Int) -> Bool { out[offsets[n] + 9] & JournalFormat.continuesFlag != 0 }
        #expect(place(JournalFormat.maxGroup - 1) == JournalFormat.maxGroup - 1 && !continues(JournalFormat.maxGroup - 1))
        #expect(place(JournalFormat.maxGroup) == 0 && continues(JournalFormat.maxGroup))
        #expect(place(JournalFormat.maxGroup + 1) == 1 && !continues(JournalFormat.maxGroup + 1))
    }
}

@Suite struct RecordTypeTests {
    /// Appends a record of a type this build does not know, with or without the skippable flag.
    func journalWithUnknownRecord(skippable: Bool, at path: String) throws {
        var bytes = try Sample.journal(at: path, calls: 1)
        let epoch = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 16, as: UInt64.self) }
        JournalFormat.encodeRecord(rawType: 9, flags: skippable ? JournalFormat.skippableFlag : 0, sequence: 3, payload: [1, 2, 3],
                                   epoch: UInt64(littleEndian: epoch), into: &bytes)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    @Test func anUnknownRecordTypeFailsLoudlyNamingTheRecord() throws {
        let dir = try TempDir()
        let path = dir.path("journal")
        try journalWithUnknownRecord(skippable: false, at: path)
        do {
            _ = try JournalDesk(log: FileJournal(path: path))
            Issue.record("an unknown record type was passed over")
        } catch {
            #expect(error.kind == .unreadableEvent(sequence: 3))
            #expect(error.message.contains("type 9") && error.message.contains("upgrade callboard"))
        }
        #expect(try FileJournal(path: path).verify().newer.count == 1, "a newer callboard's record, not damage")
    }

    @Test func anUnknownRecordTypeMarkedSkippableIsPassedOver() throws {
        let dir = try TempDir()
        let path = dir.path("journal")
        try journalWithUnknownRecord(skippable: true, at: path)
        let desk = try JournalDesk(log: FileJournal(path: path))
        #expect(desk.state.calls.count == 1)
        #expect(desk.position.sequence == 3)
        try desk.perform(Sample.intake("之后"), Sample.context())
        #expect(try JournalDesk(log: FileJournal(path: path)).position.sequence == 4)
    }
}
