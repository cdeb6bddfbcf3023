import CallboardCore
@testable import CallboardStore
import Foundation
import Testing

/// Snapshots and retirement through the storage seam: a desk started from the newest snapshot
/// is the desk replayed from the start; a snapshot that cannot be trusted is ignored with a
/// warning; old calls leave memory and come back when asked for or touched.
@Suite struct SnapshotTests {
    /// Four weeks of a desk: calls closed long ago (retired), one noted and one reopened after
    /// they retired, calls on one unit, and a few still open. Returns the desk that wrote them.
    static func fourWeeks(_ log: any EventLog) throws -> JournalDesk {
        let desk = try JournalDesk(log: log)
        let start = Sample.now.addingTimeInterval(-28 * 86_400)
        func at(_ hours: Double) -> CommandContext { Sample.context(at: start.addingTimeInterval(hours * 3600)) }
        try desk.perform(Sample.technician("T01"), at(0))
        // A customer who calls from the calls' number, owning the unit: intake links each call to them.
        try desk.perform(.addCustomer(CustomerDraft(id: "K1", name: "华东电气", phones: ["021-6952 3310"], address: "张江路 88 号",
                                                    contacts: ["李工 138 0013 8000"])), at(0))
        try desk.perform(.recordUnit(UnitDraft(customer: "K1", serial: "SN-7", product: "SD-3300", purchased: "2026-01-05")), at(0))
        for n in 0..<10 {
            let hour = Double(n) * 40
            let event = try desk.perform(.intake(IntakeDraft(customer: "客户\(n)", phone: "021-6952 3310", summary: "打印机卡纸", level: "3", region: "city",
                                                            serial: n % 3 == 0 ? "SN-7" : nil, defect: "卡纸")), at(hour)).last!
            let id = event.change.call!
            if n % 4 == 3 { continue } // still open
            try desk.perform(.assign(id, TechnicianID("T01")!, reassign: false), at(hour + 1))
            try desk.perform(.resolve(id), at(hour + 5))
            try desk.perform(.close(id), at(hour + 6))
        }
        try desk.perform(.editCustomer(CustomerDraft(id: "K1", address: "张江路 99 号")), at(480))
        try desk.perform(.recordVisit(VisitDraft(serial: "SN-7", note: "定期巡检")), at(490))
        // Touched again long after they closed.
        try desk.perform(.note(CallID(number: 1), "客户回访：一切正常"), at(500))
        try desk.perform(.reopen(CallID(number: 2), reason: "又卡纸了"), at(520))
        return desk
    }

    /// The desk a replay from the log's start gives (no snapshot).
    static func replayed(_ log: any EventLog) throws -> JournalDesk {
        try JournalDesk(log: log, fromSnapshot: false, snapshots: .never)
    }

    @Test(arguments: LogImplementation.all)
    func aDeskStartedFromTheSnapshotIsTheDeskReplayedFromTheStart(_ kind: LogImplementation) throws {
        let scratch = try kind.make()
        let writer = try Self.fourWeeks(scratch.log)
        #expect(writer.state.retired.count > 3, "old closed calls have retired")
        let taken = try DeskSnapshot.take(of: scratch.log, now: Sample.now)
        // After the snapshot: a retired call noted, another closed, a new call.
        try writer.perform(.note(CallID(number: 5), "保修卡已寄出"), Sample.context())
        try writer.perform(.resolve(CallID(number: 2)), Sample.context())
        try writer.perform(Sample.intake("新客户"), Sample.context())

        let started = try JournalDesk(log: scratch.reopened())
        let replayed = try Self.replayed(scratch.reopened())
        #expect(started.startedFrom == taken.sequence, "started from the snapshot")
        #expect(started.warnings.isEmpty)
        #expect(started.position == replayed.position)
        #expect(started.state == replayed.state, "\(started.state.differences(from: replayed.state))")
        #expect(started.state == writer.state, "and the desk that wrote it all")
    }

    /// Leave, the rota and retirement are standing facts of the desk, not of a call: a snapshot
    /// carries them, and a compaction that archives every closed call keeps them.
    @Test(arguments: LogImplementation.all)
    func theRostersLeaveRotaAndRetirementSurviveSnapshotsAndCompaction(_ kind: LogImplementation) throws {
        let scratch = try kind.make()
        let writer = try Self.fourWeeks(scratch.log)
        try writer.perform(Sample.technician("T02"), Sample.context())
        try writer.perform(Sample.technician("T03"), Sample.context())
        let t01 = TechnicianID("T01")!, t02 = TechnicianID("T02")!, t03 = TechnicianID("T03")!
        let today = LocalDate(Sample.now, in: Sample.context().timeZone)
        func days(_ from: Int, _ to: Int) -> DateSpanDraft { DateSpanDraft(from: "\(today.adding(days: from))", to: "\(today.adding(days: to))") }
        try writer.perform(.leave(t01, days(0, 2)), Sample.context())
        try writer.perform(.rota(t02, days(1, 7), shift: "oncall"), Sample.context())
        try writer.perform(.rota(t02, days(3, 3), shift: "night"), Sample.context())
        try writer.perform(.editTechnician(TechnicianDraft(id: "T03", name: "陈静", skills: "ups")), Sample.context())
        try writer.perform(.retireTechnician(t03), Sample.context())
        let plans = writer.state.plans
        #expect(plans.count == 3 && plans[t02]?.rota.count == 2)

        _ = try DeskSnapshot.take(of: scratch.log, now: Sample.now)
        let started = try JournalDesk(log: scratch.reopened())
        #expect(started.startedFrom != nil, "started from the snapshot")
        #expect(started.state.plans == plans && started.state.technicians[t03]?.name == "陈静")
        #expect(started.state == writer.state, "\(started.state.differences(from: writer.state))")

        _ = try scratch.reopened().compact(now: Sample.now, actor: "s", archiveClosedBefore: Sample.now)
        let compacted = try Self.replayed(scratch.reopened())
        #expect(compacted.state.plans == plans && compacted.state.technicians[t03]?.skills == ["ups"])
        #expect(compacted.state.isRetired(t03) && compacted.state.plan(of: t02).rotaShift(on: today.adding(days: 3)) == .night)
    }

    @Test(arguments: LogImplementation.all)
    func aDamagedSnapshotIsIgnoredWithAWarningAndTheNextWriterReplacesIt(_ kind: LogImplementation) throws {
        let scratch = try kind.make()
        _ = try Self.fourWeeks(scratch.log)
        _ = try DeskSnapshot.take(of: scratch.log, now: Sample.now)
        let size = try #require(try scratch.log.snapshot()).source.size
        // A flipped byte in the header, the standing, the calls and the units.
        for offset in [10, 200, size / 2, size - 3] {
            try kind.damageSnapshot(scratch, offset)
            let desk = try JournalDesk(log: scratch.reopened())
            #expect(desk.startedFrom == nil, "byte \(offset): not used")
            #expect(desk.warnings.contains { "\($0)".contains("was not used") }, "byte \(offset): \(desk.warnings)")
            #expect(desk.state == (try Self.replayed(scratch.reopened())).state)
            if case .unusable = try DeskSnapshot.check(scratch.log) {} else { Issue.record("verify: byte \(offset)") }
            try kind.damageSnapshot(scratch, offset) // flipped back
        }
        try kind.damageSnapshot(scratch, size / 2)
        let writer = try JournalDesk(log: scratch.reopened())
        try writer.perform(.note(CallID(number: 4), "回访"), Sample.context())
        #expect(try JournalDesk(log: scratch.reopened()).warnings.isEmpty, "replaced by the next write, small as the log is")
        if case .matches = try DeskSnapshot.check(scratch.log) {} else { Issue.record("the new snapshot matches") }
    }

    @Test(arguments: LogImplementation.all)
    func aCommandReadsOnlyTheCallItIsAboutAndDecidesAsAWholeDeskWould(_ kind: LogImplementation) throws {
        let scratch = try kind.make()
        _ = try Self.fourWeeks(scratch.log)
        _ = try DeskSnapshot.take(of: scratch.log, now: Sample.now)
        let id = CallID(number: 4) // open, on its own unit
        let scoped = try JournalDesk(log: scratch.reopened(), scope: .calls([id]))
        #expect(scoped.startedFrom != nil)
        #expect(scoped.state.calls.values.map(\.id) == [id], "one call read")
        #expect(scoped.state.technicians.count == 1 && scoped.state.nextCallNumber == 11, "and the desk's standing")
        let whole = try JournalDesk(log: scratch.reopened())
        #expect(scoped.state.calls[id] == whole.state.calls[id])
        let event = try scoped.perform(.assign(id, TechnicianID("T01")!, reassign: false), Sample.context()).last!
        #expect(try Self.replayed(scratch.reopened()).state.calls[id]?.history.last == event)
        // With the units' histories (`show`), the three guarantees say what a whole desk says,
        // events after the snapshot about calls it does not hold included.
        let writer = try JournalDesk(log: scratch.reopened())
        try writer.perform(.reopen(CallID(number: 7), reason: "又卡纸"), Sample.context())
        let withUnits = try JournalDesk(log: scratch.reopened(), scope: .calls([CallID(number: 10)], units: true))
        try withUnits.load([CallID(number: 10)])
        let expected = try Self.replayed(scratch.reopened())
        #expect(withUnits.state.unitVisits == expected.state.unitVisits)
        let call = try #require(withUnits.state.calls[CallID(number: 10)])
        let wholeHistory = try scratch.log.replayedWhole()
        #expect(call == wholeHistory.calls[CallID(number: 10)])
        #expect(Consequences.of(call, in: withUnits.state) == Consequences.of(call, in: expected.state))
    }

    @Test(arguments: LogImplementation.all)
    func aRetiredCallComesBackWhenAskedForOrTouchedAndLeavesAgain(_ kind: LogImplementation) throws {
        let scratch = try kind.make()
        let writer = try Self.fourWeeks(scratch.log)
        let old = CallID(number: 3)
        let console = try JournalDesk(log: scratch.reopened())
        #expect(console.state.calls[old] == nil && console.state.retired.contains(old))
        try console.load([old])
        let whole = try scratch.log.replayedWhole()
        #expect(console.state.calls[old] == whole.calls[old], "read back whole from the log")
        // Another writer notes it: the console reads it back, takes the note, and retires it again.
        let note = try writer.perform(.note(old, "发票已补开"), Sample.context()).last!
        try console.refresh()
        #expect(console.state.calls[old] == nil && console.state.retired.contains(old))
        try console.load([old])
        #expect(console.state.calls[old]?.history.last == note)
        // Reopened, it is live again for everyone.
        try writer.perform(.reopen(old, reason: "客户说又坏了"), Sample.context())
        try console.refresh()
        #expect(console.state.calls[old]?.closedAt == nil && !console.state.retired.contains(old))
        #expect(console.state == (try Self.replayed(scratch.reopened())).state)
        // A number never given out stays unknown.
        try console.load([CallID(number: 999)])
        #expect(console.state.calls[CallID(number: 999)] == nil)
    }

    @Test(arguments: LogImplementation.all)
    func theHistoryOfACallIsEveryOneOfItsEventsUpToThePosition(_ kind: LogImplementation) throws {
        let scratch = try kind.make()
        let writer = try Self.fourWeeks(scratch.log)
        let before = writer.position
        try writer.perform(.note(CallID(number: 1), "后来的备注"), Sample.context())
        let all = try scratch.log.read(after: .start).events
        let histories = try scratch.log.history(of: [CallID(number: 1), CallID(number: 2)], through: before)
        #expect(histories[CallID(number: 1)] == Array(all.filter { $0.change.call == CallID(number: 1) }.dropLast()))
        #expect(histories[CallID(number: 2)] == all.filter { $0.change.call == CallID(number: 2) })
        #expect(try scratch.log.history(of: [], through: before).isEmpty)
    }

    @Test(arguments: LogImplementation.all)
    func verifyFindsASnapshotThatDoesNotGiveTheDeskTheLogGives(_ kind: LogImplementation) throws {
        let scratch = try kind.make()
        let writer = try Self.fourWeeks(scratch.log)
        if case .none = try DeskSnapshot.check(scratch.log) {} else { Issue.record("no snapshot yet") }
        _ = try DeskSnapshot.take(of: scratch.log, now: Sample.now)
        guard case .matches(let sequence) = try DeskSnapshot.check(scratch.log) else {
            Issue.record("matches")
            return
        }
        #expect(sequence == writer.position.sequence)
        // A snapshot with sound checksums that is wrong (a bug, or forged): a call changed.
        var wrong = writer.state
        wrong.apply(Event(occurredAt: Sample.now, recordedAt: Sample.now, actor: "mallory", change: .noted(CallID(number: 4), "伪造")))
        try scratch.log.storeSnapshot(SnapshotFormat.encode(wrong, at: writer.position, check: try scratch.log.historyCheck(at: writer.position), taken: Sample.now), at: writer.position)
        guard case .differs(let text) = try DeskSnapshot.check(scratch.log) else {
            Issue.record("differs")
            return
        }
        #expect("\(text)".contains("C-0004"), "\(text)")
        // `journal snapshot` puts a right one in its place.
        _ = try DeskSnapshot.take(of: scratch.log, now: Sample.now)
        if case .matches = try DeskSnapshot.check(scratch.log) {} else { Issue.record("replaced") }
    }

    @Test(arguments: LogImplementation.all)
    func writersTakeASnapshotOnceEnoughHasHappened(_ kind: LogImplementation) throws {
        let scratch = try kind.make()
        let desk = try JournalDesk(log: scratch.log)
        try desk.record(now: Sample.now) { state in try EventLogContractTests.intakes(Int(DeskSnapshot.smallestLog) - 2, after: state) }
        #expect(try scratch.log.snapshot() == nil, "a small log has none")
        try desk.perform(Sample.intake(), Sample.context())
        try desk.perform(Sample.intake(), Sample.context())
        let stored = try #require(try scratch.log.snapshot())
        #expect(try SnapshotReader(stored.source, readWhole: true).position == desk.position)
        let started = try JournalDesk(log: scratch.reopened())
        #expect(started.startedFrom == desk.position.sequence && started.state == desk.state)
        // Not again until enough events have passed: a command never pays for one because time
        // went by (a console, which writes them away from anyone's wait, goes by time as well).
        try desk.perform(Sample.intake(), Sample.context())
        #expect(try SnapshotReader(try #require(try scratch.log.snapshot()).source, readWhole: true).position.sequence == started.startedFrom)
        #expect(!desk.snapshotIsDue(now: Sample.now.addingTimeInterval(DeskSnapshot.everySeconds)))
        let console = try JournalDesk(log: scratch.reopened(), snapshots: .byCaller)
        try console.perform(Sample.intake(), Sample.context())
        // The snapshot is old by then, but the console has only just started: it waits its own
        // ten minutes.
        let opened = Sample.now.addingTimeInterval(DeskSnapshot.everySeconds * 3)
        #expect(!console.snapshotIsDue(now: opened))
        #expect(!console.snapshotIsDue(now: opened.addingTimeInterval(DeskSnapshot.everySeconds - 1)))
        #expect(console.snapshotIsDue(now: opened.addingTimeInterval(DeskSnapshot.everySeconds)))
    }
}

/// What only a snapshot file beside a journal file can meet.
@Suite struct FileSnapshotTests {
    /// A desk of more calls than one part decodes (4,096) is decoded on every core, in whole
    /// chunks, and comes back as the desk the journal gives.
    @Test func aLargeSnapshotDecodedInPartsIsTheDeskReplayed() throws {
        let dir = try TempDir()
        let log = FileJournal(path: dir.path("journal"))
        let writer = try JournalDesk(log: log, snapshots: .never)
        try writer.record(now: Sample.now) { state in try EventLogContractTests.intakes(9_000, after: state) }
        _ = try DeskSnapshot.take(of: log, now: Sample.now)
        let started = try JournalDesk(log: FileJournal(path: log.path))
        #expect(started.startedFrom != nil && started.warnings.isEmpty, "\(started.warnings)")
        #expect(started.state == (try SnapshotTests.replayed(FileJournal(path: log.path))).state)
        #expect(started.state.calls.count == 9_000)
    }

    /// A snapshot's sections as stored, to craft hostile ones that still pass their checksums.
    static func sections(of snapshot: [UInt8]) -> [(SnapshotFormat.Section, [UInt8])] {
        (0..<5).map { n in
            let at = SnapshotFormat.headerSize + n * SnapshotFormat.sectionEntrySize
            func int(_ from: Int, _ size: Int) -> Int { (0..<size).reduce(0) { $0 | Int(snapshot[from + $1]) << (8 * $1) } }
            let offset = int(at + 8, 8), length = int(at + 16, 8)
            return (SnapshotFormat.Section(rawValue: UInt32(int(at, 4)))!, Array(snapshot[offset..<(offset + length)]))
        }
    }

    /// A snapshot is written under a name of its own, never the journal's temporaries that a
    /// compaction removes as left by a kill (a console writing one while another process
    /// compacted lost it); what a killed snapshot write left goes once it is an hour old.
    @Test func snapshotTemporariesAreTheirOwnAndGoWhenStale() throws {
        let dir = try TempDir()
        let log = FileJournal(path: dir.path("journal"))
        _ = try SnapshotTests.fourWeeks(log)
        let writing = log.snapshotPath + ".new-1", left = log.snapshotPath + ".new-2"
        for path in [writing, left] { #expect(FileManager.default.createFile(atPath: path, contents: Data([1]))) }
        let now = Date()
        var old = [timeval(tv_sec: Int(now.timeIntervalSince1970) - 7200, tv_usec: 0), timeval(tv_sec: Int(now.timeIntervalSince1970) - 7200, tv_usec: 0)]
        utimes(left, &old)
        _ = try log.compact(now: now, actor: "sup", archiveClosedBefore: nil)
        #expect(FileManager.default.fileExists(atPath: writing), "a write in progress is left alone")
        #expect(!FileManager.default.fileExists(atPath: left), "a killed write's copy goes")
        #expect(!FileJournal.snapshotTemporary(of: log.snapshotPath).hasPrefix(log.path + ".new-"))
    }

    /// A journal put back from an older copy and grown again to the very same length and number
    /// of events is another history: the snapshot of the first is not used for it (it showed the
    /// lost history's calls), and the next snapshot replaces it (the old one stayed for ever).
    @Test func aSnapshotOfAnotherHistoryAtTheSamePlaceIsIgnoredAndReplaced() throws {
        let dir = try TempDir()
        let log = FileJournal(path: dir.path("journal"))
        _ = try SnapshotTests.fourWeeks(log)
        let copy = try Data(contentsOf: URL(fileURLWithPath: log.path))
        func grow(_ word: String) throws -> LogPosition {
            let desk = try JournalDesk(log: FileJournal(path: log.path), fromSnapshot: false, snapshots: .never)
            for n in 1...5 { try desk.perform(.note(CallID(number: 4), "\(word)-\(n)"), Sample.context()) }
            return desk.position
        }
        let first = try grow("甲")
        _ = try DeskSnapshot.take(of: log, now: Sample.now)
        try copy.write(to: URL(fileURLWithPath: log.path))
        let second = try grow("乙")
        #expect(second == first, "the same length and number of events")
        let desk = try JournalDesk(log: FileJournal(path: log.path))
        #expect(desk.startedFrom == nil && desk.warnings.contains { "\($0)".contains("another history") }, "\(desk.warnings)")
        #expect(desk.state == (try SnapshotTests.replayed(FileJournal(path: log.path))).state)
        #expect(desk.state.calls[CallID(number: 4)]?.history.last.map { "\($0.change)".contains("乙-5") } == true)
        // A snapshot of the lost history further on stays in the way no more: the next one
        // replaces it (it was kept as "newer", and every start warned and replayed).
        try copy.write(to: URL(fileURLWithPath: log.path))
        func grow(_ word: String, _ count: Int) throws -> LogPosition {
            let desk = try JournalDesk(log: FileJournal(path: log.path), fromSnapshot: false, snapshots: .never)
            for n in 1...count { try desk.perform(.note(CallID(number: 4), "\(word)-\(n)"), Sample.context()) }
            return desk.position
        }
        _ = try grow("丙", 8)
        _ = try DeskSnapshot.take(of: log, now: Sample.now)
        try copy.write(to: URL(fileURLWithPath: log.path))
        let shorter = try grow("丁", 5)
        _ = try DeskSnapshot.take(of: log, now: Sample.now)
        let reopened = try JournalDesk(log: FileJournal(path: log.path))
        #expect(reopened.startedFrom == shorter.sequence && reopened.warnings.isEmpty, "\(reopened.warnings)")
    }

    /// Counts in a snapshot are read as what its bytes can hold: a snapshot crafted to say a
    /// call has 2³¹ events, or to file a call under another's number, with every checksum
    /// right, is ignored like any damaged one, never allocated for (it aborted every process,
    /// `journal verify` included).
    @Test func aCraftedSnapshotIsIgnoredNotAllocatedFor() throws {
        let dir = try TempDir()
        let log = FileJournal(path: dir.path("journal"))
        _ = try SnapshotTests.fourWeeks(log)
        _ = try DeskSnapshot.take(of: log, now: Sample.now)
        let snapshot = Array(try Data(contentsOf: URL(fileURLWithPath: log.snapshotPath)))
        let reader = try SnapshotReader(SnapshotBytes(snapshot), readWhole: true)
        let parts = Self.sections(of: snapshot)
        func ignored(_ crafted: [(SnapshotFormat.Section, [UInt8])]) throws {
            try Data(SnapshotFormat.seal(crafted, at: reader.position, check: reader.check, taken: Sample.now)).write(to: URL(fileURLWithPath: log.snapshotPath))
            let desk = try JournalDesk(log: FileJournal(path: log.path))
            #expect(desk.startedFrom == nil && !desk.warnings.isEmpty, "\(desk.warnings)")
            #expect(desk.state == (try SnapshotTests.replayed(FileJournal(path: log.path))).state)
        }
        // The first call says it has 2³¹ − 1 events: its count, then the same events.
        var index = parts[1].1, calls = parts[2].1
        let length = Int(index[16]) | Int(index[17]) << 8 | Int(index[18]) << 16 | Int(index[19]) << 24
        var record = Array(calls[0..<length])
        let countBytes = record.prefix { $0 & 0x80 != 0 }.count + 1
        record.replaceSubrange(0..<countBytes, with: [0xFF, 0xFF, 0xFF, 0xFF, 0x07])
        calls.replaceSubrange(0..<length, with: record)
        index.replaceSubrange(16..<20, with: withUnsafeBytes(of: UInt32(record.count).littleEndian, Array.init))
        index.replaceSubrange(20..<24, with: withUnsafeBytes(of: CRC32C.checksum(record).littleEndian, Array.init))
        // (the other entries' offsets move with the record: only the first is read before the refusal)
        try ignored([parts[0], (.callIndex, index), (.calls, calls), parts[3], parts[4]])
        // The index files a call's record under another call's number.
        var misfiled = parts[1].1
        misfiled[0] ^= 0x01
        try ignored([parts[0], (.callIndex, misfiled), parts[2], parts[3], parts[4]])
    }

    @Test func aSnapshotOfAnotherJournalOfAnOlderFormatOrPastTheEndIsIgnored() throws {
        let dir = try TempDir()
        let log = FileJournal(path: dir.path("journal"))
        let writer = try SnapshotTests.fourWeeks(log)
        let early = Array(try Data(contentsOf: URL(fileURLWithPath: log.path)))
        try writer.perform(.note(CallID(number: 4), "更多"), Sample.context())
        _ = try DeskSnapshot.take(of: log, now: Sample.now)
        let snapshot = Array(try Data(contentsOf: URL(fileURLWithPath: log.snapshotPath)))
        func ignored(because words: String, _ path: String = dir.path("journal")) throws {
            let desk = try JournalDesk(log: FileJournal(path: path))
            #expect(desk.startedFrom == nil)
            #expect(desk.warnings.contains { "\($0)".contains(words) }, "\(desk.warnings)")
            #expect(desk.state == (try SnapshotTests.replayed(FileJournal(path: path))).state)
        }
        // Another journal's.
        let other = FileJournal(path: dir.path("other"))
        _ = try SnapshotTests.fourWeeks(other)
        try Data(snapshot).write(to: URL(fileURLWithPath: other.snapshotPath))
        try ignored(because: "another journal", dir.path("other"))
        // Of an older desk model, checksums and all in order.
        var older = snapshot
        older.replaceSubrange(12..<16, with: withUnsafeBytes(of: UInt32(DeskState.model - 1).littleEndian, Array.init))
        let table = older[SnapshotFormat.headerSize..<(SnapshotFormat.headerSize + 5 * SnapshotFormat.sectionEntrySize)]
        let crc = CRC32C.update(CRC32C.checksum(Array(older[0..<56])), Array(table).withUnsafeBytes { $0 })
        older.replaceSubrange(56..<60, with: withUnsafeBytes(of: crc.littleEndian, Array.init))
        try Data(older).write(to: URL(fileURLWithPath: log.snapshotPath))
        try ignored(because: "snapshot format")
        // The journal put back from an older copy: the snapshot is past its end.
        try Data(snapshot).write(to: URL(fileURLWithPath: log.snapshotPath))
        try Data(early).write(to: URL(fileURLWithPath: log.path))
        try ignored(because: "past the end")
        // Others could have written it.
        try Data(snapshot).write(to: URL(fileURLWithPath: log.snapshotPath))
        chmod(log.snapshotPath, 0o666)
        try ignored(because: "others than the desk's group")
    }

    @Test func compactionLeavesASnapshotOfTheCompactedJournal() throws {
        let dir = try TempDir()
        let log = FileJournal(path: dir.path("journal"))
        _ = try SnapshotTests.fourWeeks(log)
        _ = try DeskSnapshot.take(of: log, now: Sample.now)
        _ = try log.compact(now: Sample.now, actor: "li", archiveClosedBefore: Sample.now.addingTimeInterval(-20 * 86_400))
        let started = try JournalDesk(log: log)
        #expect(started.warnings.isEmpty && started.startedFrom == started.position.sequence, "the compacted journal's own snapshot")
        #expect(started.state == (try SnapshotTests.replayed(log)).state)
    }

    @Test func aJournalStartedAfreshLeavesNoSnapshotBehind() throws {
        let dir = try TempDir()
        let log = FileJournal(path: dir.path("journal"))
        _ = try SnapshotTests.fourWeeks(log)
        _ = try DeskSnapshot.take(of: log, now: Sample.now)
        _ = try log.startAfresh()
        #expect(try log.snapshot() == nil)
    }
}

extension LogImplementation {
    /// Flips a bit of the stored snapshot's byte at `offset` (twice: as it was).
    func damageSnapshot(_ scratch: ScratchLog, _ offset: Int) throws {
        guard let file = scratch.log as? FileJournal else {
            try ScratchDatabase.run("UPDATE callboard_snapshots SET bytes = set_byte(bytes, \(offset), get_byte(bytes, \(offset)) # 16)",
                                    in: scratch.log.location)
            return
        }
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: file.snapshotPath)))
        bytes[offset] ^= 0x10
        try Data(bytes).write(to: URL(fileURLWithPath: file.snapshotPath))
    }
}
