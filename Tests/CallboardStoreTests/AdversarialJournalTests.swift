import CallboardCore
@testable import CallboardStore
import Foundation
import Testing

/// What an adversarial test of the journal found (torn tails, kills, injected I/O errors,
/// crafted records), each kept fixed: nothing acknowledged is lost, no input traps or exhausts.
@Suite struct AdversarialJournalTests {
    static let policyText = """
        time_zone: Asia/Shanghai
        rules:
          - name: level 1
            when: {level: 1}
            onsite: 1h
          - name: everything
            response: 24h
            restore: 24h
        """
    static let otherPolicyText = policyText.replacingOccurrences(of: "onsite: 1h", with: "onsite: 2h")

    static func policy(_ text: String = policyText) throws -> SLAPolicy { try PolicyParser.parse(text) }

    static func context(_ policy: SLAPolicy?, at: Date? = nil) -> CommandContext {
        CommandContext(now: Sample.now, at: at, actor: "wangfang", timeZone: Sample.zone, policy: policy)
    }

    func write(_ bytes: [UInt8], _ path: String) throws { try Data(bytes).write(to: URL(fileURLWithPath: path)) }
    func read(_ path: String) throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: path))) }
    func files(_ dir: TempDir) throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: dir.url.path).sorted() }

    /// A journal of `calls` calls all timed under one policy (adopted with the first call, in its write).
    func policyJournal(_ path: String, calls: Int) throws {
        let desk = try JournalDesk(log: FileJournal(path: path))
        let policy = try Self.policy()
        for n in 0..<calls { try desk.perform(Sample.intake("客户\(n)"), Self.context(policy, at: Sample.now.addingTimeInterval(-3600))) }
    }

    // MARK: data that must never be lost

    @Test func aDamagedPolicyRecordKeepsEveryCallTimedUnderTheBuiltInPolicyAndSaysSo() throws {
        let dir = try TempDir()
        let path = dir.path("journal")
        try policyJournal(path, calls: 30)
        var bytes = try read(path)
        let offsets = recordOffsets(bytes)
        bytes[offsets[0] + JournalFormat.recordHeaderSize + 40] ^= 0x04 // inside policy.adopted #1
        try write(bytes, path)

        let builtIn = try Self.policy(Self.otherPolicyText)
        let repair = try FileJournal(path: path).repair(now: Sample.now, fallbackPolicy: builtIn)
        let desk = try JournalDesk(log: FileJournal(path: path))
        #expect(desk.state.calls.count == 30, "every intact call is kept")
        #expect(repair.notes.contains { $0.description.contains("policy #1") && $0.description.contains("built-in") }, "\(repair.notes)")
        let first = try #require(desk.state.calls[CallID(number: 1)])
        let policy = Timekeeper.policy(for: first, in: desk.state)
        #expect(policy.source == builtIn.source, "timed under the built-in policy")
        #expect(first.history.contains { event in
            if case .noted(_, let text) = event.change { return text.contains("policy #1") && text.contains("lost") }
            return false
        }, "the call's history says why")
        #expect(!(try FileJournal(path: path).verify().isDamaged))
    }

    @Test func aCallWhosePolicyWasLostIsTimedUnderTheNearestSurvivingPolicy() throws {
        let dir = try TempDir()
        let path = dir.path("journal")
        let desk = try JournalDesk(log: FileJournal(path: path))
        let first = try Self.policy(), second = try Self.policy(Self.otherPolicyText)
        try desk.perform(Sample.intake("甲"), Self.context(first, at: Sample.now.addingTimeInterval(-7200)))
        try desk.perform(Sample.intake("乙"), Self.context(first, at: Sample.now.addingTimeInterval(-7000)))
        try desk.perform(Sample.intake("丙"), Self.context(second))
        var bytes = try read(path)
        bytes[recordOffsets(bytes)[0] + 60] ^= 0x01 // policy #1
        try write(bytes, path)

        _ = try FileJournal(path: path).repair(now: Sample.now, fallbackPolicy: nil)
        let repaired = try JournalDesk(log: FileJournal(path: path))
        #expect(repaired.state.calls.values.map(\.intake.customer) == ["甲", "乙", "丙"])
        for call in repaired.state.calls.values {
            #expect(Timekeeper.policy(for: call, in: repaired.state).source == second.source, "\(call.id)")
        }
        #expect(repaired.state.currentPolicy?.source == second.source, "the desk's current policy is still the newest")
    }

    @Test func aLostTechnicianRecordKeepsTheCallsAssignedToThem() throws {
        let dir = try TempDir()
        let path = dir.path("journal")
        let desk = try JournalDesk(log: FileJournal(path: path))
        try desk.perform(Sample.technician("T01"), Sample.context())
        try desk.perform(Sample.intake("甲"), Sample.context())
        try desk.perform(.assign(CallID(number: 1), TechnicianID("T01")!, reassign: false), Sample.context())
        var bytes = try read(path)
        bytes[recordOffsets(bytes)[0] + 30] ^= 0x40 // technician.added T01
        try write(bytes, path)

        let repair = try FileJournal(path: path).repair(now: Sample.now, fallbackPolicy: nil)
        let repaired = try JournalDesk(log: FileJournal(path: path))
        let call = try #require(repaired.state.calls[CallID(number: 1)])
        #expect(call.technician == TechnicianID("T01"), "the assignment stays")
        #expect(repaired.state.technicians[TechnicianID("T01")!] != nil, "the technician is back on the roster, details lost")
        #expect(repair.notes.contains { $0.description.contains("T01") }, "\(repair.notes)")
        #expect(call.history.contains { event in
            if case .noted(_, let text) = event.change { return text.contains("T01") }
            return false
        })
        #expect(!(try FileJournal(path: path).verify().isDamaged))
    }

    @Test(arguments: Array(0..<12) + [28, 29, 30, 31])
    func aDamagedHeaderIsRecoveredFromTheRecords(byte: Int) throws {
        let dir = try TempDir()
        let path = dir.path("journal")
        var bytes = try Sample.journal(at: path, calls: 3)
        bytes[byte] ^= 0x5A
        try write(bytes, path)
        let found = try FileJournal(path: path).verify()
        #expect(found.isDamaged && found.header != nil, "byte \(byte)")
        let listing = Result { try JournalDesk(log: FileJournal(path: path)) }
        if case .failure(let error as JournalError) = listing {
            #expect(error.message.contains("journal repair"), "reading says to repair: \(error.message)")
        } else {
            Issue.record("byte \(byte): a damaged header must not read as sound")
        }
        let repair = try FileJournal(path: path).repair(now: Sample.now, fallbackPolicy: nil)
        #expect(repair.needed && repair.kept == 4, "byte \(byte)")
        #expect(try JournalDesk(log: FileJournal(path: path)).state.calls.count == 3)
        #expect(!(try FileJournal(path: path).verify().isDamaged))
    }

    @Test(arguments: [UInt64(0), UInt64.max, UInt64(1) << 62, UInt64(1) << 63, UInt64(1) << 27])
    func craftedSequenceNumbersNeitherTrapNorExhaust(sequence: UInt64) throws {
        let dir = try TempDir()
        let path = dir.path("journal")
        var bytes = try Sample.journal(at: path, calls: 2)
        let epoch = bytes.withUnsafeBytes { $0.loadLE(UInt64.self, at: 16) }
        let event = Event(occurredAt: Sample.now, recordedAt: Sample.now, actor: "x", change: .responded(CallID(number: 1)))
        JournalFormat.encodeRecord(type: .event, sequence: sequence, payload: EventCodec.encode(event), epoch: epoch, into: &bytes)
        JournalFormat.encodeRecord(type: .event, sequence: sequence &+ 1, payload: EventCodec.encode(event), epoch: epoch, into: &bytes)
        try write(bytes, path)
        let found = try FileJournal(path: path).verify()
        #expect(found.isDamaged)
        let repair = try FileJournal(path: path).repair(now: Sample.now, fallbackPolicy: nil)
        #expect(repair.needed)
        let desk = try JournalDesk(log: FileJournal(path: path))
        #expect(desk.state.calls.count == 2)
        #expect(desk.state.nextCallNumber < 1_000_000, "numbering stays sane")
        #expect(!(try FileJournal(path: path).verify().isDamaged))
    }

    @Test func recordsThatPassTheirChecksumButDoNotDecodeAreDroppedNamedAndKeptInTheBackup() throws {
        let dir = try TempDir()
        let path = dir.path("journal")
        var bytes = try Sample.journal(at: path, calls: 2)
        let epoch = bytes.withUnsafeBytes { $0.loadLE(UInt64.self, at: 16) }
        // A binary event of this schema with a type code nobody wrote, and a JSON object that is no event.
        JournalFormat.encodeRecord(type: .event, sequence: 4, payload: [1, UInt8(EventCodec.schemaVersion), 250, 0, 0, 0], epoch: epoch, into: &bytes)
        JournalFormat.encodeRecord(type: .event, sequence: 5, payload: Array(#"{"v":2,"type":"call.responded"}"#.utf8), epoch: epoch, into: &bytes)
        try write(bytes, path)
        #expect(try FileJournal(path: path).verify().unreadable.count == 2)
        let repair = try FileJournal(path: path).repair(now: Sample.now, fallbackPolicy: nil)
        #expect(repair.needed && repair.kept == 3)
        #expect(try read(repair.backup!) == bytes)
        #expect(repair.found.unreadable.count == 2, "each named")
        #expect(!(try FileJournal(path: path).verify().isDamaged), "repair leaves a journal that verifies")
    }

    @Test func repairRefusesRecordsOfANewerCallboard() throws {
        let dir = try TempDir()
        let path = dir.path("journal")
        var bytes = try Sample.journal(at: path, calls: 1)
        let epoch = bytes.withUnsafeBytes { $0.loadLE(UInt64.self, at: 16) }
        JournalFormat.encodeRecord(type: .event, sequence: 3, payload: [1, UInt8(EventCodec.schemaVersion + 1), 3, 0, 0, 0], epoch: epoch, into: &bytes)
        bytes[recordOffsets(bytes)[1] + 25] ^= 0x01 // and some damage
        try write(bytes, path)
        #expect(throws: JournalError.self) { try FileJournal(path: path).repair(now: Sample.now, fallbackPolicy: nil) }
        #expect(try read(path) == bytes, "nothing changed")
        #expect(try files(dir) == ["journal"])
    }

    // MARK: every failure point of compaction and repair leaves one desk, complete

    func deskWithOldClosedCalls(_ path: String) throws -> [String] {
        let desk = try JournalDesk(log: FileJournal(path: path))
        let old = Sample.now.addingTimeInterval(-20 * 86_400)
        for n in 0..<6 {
            try desk.perform(Sample.intake("旧\(n)"), Sample.context(at: old))
            try desk.perform(.resolve(CallID(number: n + 1)), Sample.context(at: old))
            try desk.perform(.close(CallID(number: n + 1)), Sample.context(at: old))
        }
        for n in 0..<4 { try desk.perform(Sample.intake("新\(n)"), Sample.context()) }
        // Every call, the retired old ones too.
        return try desk.log.replayedWhole().calls.values.map(\.intake.customer)
    }

    /// Every call in the journal or an archive beside it, and how many files hold each.
    func callsEverywhere(_ dir: TempDir) throws -> [String: Int] {
        var found: [String: Int] = [:]
        for name in try files(dir) where name == "journal" || name.hasPrefix("journal.archive-") {
            for call in try FileJournal(path: dir.path(name)).replayedWhole().calls.values { found[call.intake.customer, default: 0] += 1 }
        }
        return found
    }

    @Test func aFolderSyncFailingAfterTheRenameKeepsTheArchiveAndSaysTheNewJournalIsInPlace() throws {
        let dir = try TempDir()
        let path = dir.path("journal")
        let customers = try deskWithOldClosedCalls(path)
        FaultInjection.inject(.syncFolderAfterRename, under: dir.url.path)
        defer { FaultInjection.clear(under: dir.url.path) }
        #expect {
            try FileJournal(path: path).compact(now: Sample.now, actor: "s", archiveClosedBefore: Sample.now.addingTimeInterval(-86_400))
        } throws: { error in
            let message = "\(error)"
            return message.contains("compacted journal is in place") && !message.contains("nothing was recorded")
        }
        FaultInjection.clear(under: dir.url.path)
        let everywhere = try callsEverywhere(dir)
        #expect(Set(everywhere.keys) == Set(customers), "every call in the journal or the archive")
        #expect(everywhere.values.allSatisfy { $0 == 1 }, "each once")
    }

    @Test(arguments: [JournalFault.writeCopy, .writeReplacement, .renameIntoPlace])
    func aCompactionFailingBeforeTheRenameLeavesTheOldJournalAndNoArchive(fault: JournalFault) throws {
        let dir = try TempDir()
        let path = dir.path("journal")
        _ = try deskWithOldClosedCalls(path)
        let before = try read(path)
        FaultInjection.inject(fault, under: dir.url.path)
        defer { FaultInjection.clear(under: dir.url.path) }
        #expect {
            try FileJournal(path: path).compact(now: Sample.now, actor: "s", archiveClosedBefore: Sample.now.addingTimeInterval(-86_400))
        } throws: { "\($0)".contains("nothing was changed") }
        #expect(try read(path) == before)
        #expect(try files(dir) == ["journal"], "\(fault)")
    }

    @Test(arguments: [JournalFault.writeCopy, .writeReplacement, .renameIntoPlace, .syncFolderAfterRename])
    func aRepairFailingAnywhereLeavesTheOldOrTheNewJournalAndSaysWhich(fault: JournalFault) throws {
        let dir = try TempDir()
        let path = dir.path("journal")
        var bytes = try Sample.journal(at: path, calls: 4)
        bytes[recordOffsets(bytes)[2] + 25] ^= 0x02
        try write(bytes, path)
        FaultInjection.inject(fault, under: dir.url.path)
        defer { FaultInjection.clear(under: dir.url.path) }
        var message = ""
        #expect { try FileJournal(path: path).repair(now: Sample.now, fallbackPolicy: nil) } throws: { message = "\($0)"; return true }
        FaultInjection.clear(under: dir.url.path)
        if fault == .syncFolderAfterRename {
            #expect(message.contains("repaired journal is in place"), "\(message)")
            #expect(!(try FileJournal(path: path).verify().isDamaged))
            #expect(try files(dir).contains { $0.hasPrefix("journal.backup-") })
        } else {
            #expect(message.contains("nothing was changed"), "\(message)")
            #expect(try read(path) == bytes)
            #expect(try files(dir) == ["journal"], "\(fault)")
        }
    }

    @Test func aCompactionKilledBetweenTheArchiveAndTheRenameIsCleanedUpByTheNext() throws {
        let dir = try TempDir()
        let path = dir.path("journal")
        let customers = try deskWithOldClosedCalls(path)
        // What a kill leaves: a complete archive of calls the journal still holds, and a temporary file.
        let events = try FileJournal(path: path).read(after: .start).events
        let archived = events.filter { event in event.change.call.map { $0.number <= 6 } ?? true }
        try write(FileJournal.journalBytes(archived), dir.path("journal.archive-20261101T000000Z"))
        try write(Array(repeating: 7, count: 100), dir.path("journal.new-12345"))

        _ = try FileJournal(path: path).compact(now: Sample.now, actor: "s", archiveClosedBefore: Sample.now.addingTimeInterval(-86_400))
        let names = try files(dir)
        #expect(!names.contains { $0.hasPrefix("journal.new-") }, "\(names)")
        #expect(names.filter { $0.hasPrefix("journal.archive-") }.count == 1, "never two archives of one call: \(names)")
        let everywhere = try callsEverywhere(dir)
        #expect(Set(everywhere.keys) == Set(customers) && everywhere.values.allSatisfy { $0 == 1 }, "\(everywhere)")
    }

    @Test func aRepairKilledMidBackupLeavesNothingThatLooksLikeABackup() throws {
        let dir = try TempDir()
        let path = dir.path("journal")
        var bytes = try Sample.journal(at: path, calls: 3)
        bytes[recordOffsets(bytes)[1] + 25] ^= 0x02
        try write(bytes, path)
        // A kill mid-copy leaves only a temporary file (copies are written under a temporary name
        // and renamed once complete); the next repair removes it.
        try write([], dir.path("journal.new-999"))
        let repair = try FileJournal(path: path).repair(now: Sample.now, fallbackPolicy: nil)
        let names = try files(dir)
        #expect(!names.contains { $0.hasPrefix("journal.new-") }, "\(names)")
        #expect(try read(repair.backup!) == bytes)
    }

    // MARK: a plain command under contention

    @Test func aCommandWithoutAtTakesItsTimeUnderTheLockAfterCatchingUp() throws {
        let dir = try TempDir()
        let path = dir.path("journal")
        _ = try Sample.journal(at: path, calls: 1)
        let clock = ManualClock(Sample.now)
        nonisolated(unsafe) let writer = try JournalDesk(log: FileJournal(path: path))
        var held: JournalFile? = try JournalFile.openLockedForWriting(path, create: false)
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var outcome: Result<[Event], any Error>?
        Thread.detachNewThread {
            outcome = Result { try writer.perform(.note(CallID(number: 1), "等锁的"), clock: clock) { now in Sample.context(at: nil).with(now: now) } }
            done.signal()
        }
        usleep(200_000) // the writer has read the clock and waits for the lock
        // Meanwhile another dispatcher's note lands a second later.
        clock.instant = Sample.now.addingTimeInterval(1)
        let other = Event(occurredAt: clock.instant, recordedAt: clock.instant, actor: "li", change: .noted(CallID(number: 1), "先到的"))
        _ = try FileJournal(path: path).append(locked: held!, after: .start, now: clock.instant) { _ in [other] }
        held = nil
        done.wait()
        let events = try #require(outcome).get()
        #expect(events.last?.occurredAt == clock.instant)
    }
}

/// A clock the test moves by hand.
final class ManualClock: DeskClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date
    init(_ start: Date) { current = start }
    var instant: Date {
        get { lock.withLock { current } }
        set { lock.withLock { current = newValue } }
    }
    func now() -> Date { instant }
}

extension CommandContext {
    func with(now: Date) -> CommandContext {
        var copy = self
        copy.now = now
        return copy
    }
}
