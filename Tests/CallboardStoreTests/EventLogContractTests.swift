import CallboardCore
import CallboardStore
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// What every way of keeping the desk's log promises (README, "The journal"), tested once and
/// run against each implementation: the file journal, and the PostgreSQL log when a server is
/// there (`LogImplementation.all`). A test here names only EventLog and JournalDesk, never how a log is kept.
@Suite struct EventLogContractTests {
    // MARK: appending and reading back

    @Test(arguments: LogImplementation.all)
    func eventsComeBackExactlyAsTheyWereRecorded(_ kind: LogImplementation) throws {
        let scratch = try kind.make()
        let writer = try JournalDesk(log: scratch.log)
        try writer.perform(Sample.technician("T01"), Sample.context(at: Sample.now.addingTimeInterval(-600)))
        let event = try writer.perform(Sample.intake(), Sample.context(at: Sample.now.addingTimeInterval(-300))).last!
        let id = try #require(event.change.call)
        try writer.perform(.assign(id, TechnicianID("T01")!, reassign: false), Sample.context())
        try writer.perform(.note(id, "带门禁单 \"quoted\" \\ slash"), Sample.context("lihua"))

        let reader = try JournalDesk(log: scratch.reopened())
        #expect(reader.state == writer.state)
        #expect(reader.position == writer.position)
        #expect(reader.position.sequence == 4)
        #expect(reader.state.calls[id]?.history.last?.actor == "lihua")
    }

    @Test(arguments: LogImplementation.all)
    func aLogNotThereYetIsAnEmptyDeskAndOnlyARecordedEventCreatesIt(_ kind: LogImplementation) throws {
        let scratch = try kind.make()
        let desk = try JournalDesk(log: scratch.log)
        #expect(desk.state == DeskState() && desk.position == .start)
        #expect(try !scratch.log.exists(), "reading creates nothing")
        #expect(throws: DeskError.self) { try desk.perform(.respond(CallID(number: 1)), Sample.context()) }
        #expect(try desk.record(now: Sample.now) { _ in [] }.isEmpty)
        #expect(try !scratch.log.exists(), "a refused first command creates nothing")
        try desk.perform(Sample.intake(), Sample.context())
        #expect(try scratch.log.exists())
    }

    @Test(arguments: LogImplementation.all)
    func severalEventsAreCommittedTogether(_ kind: LogImplementation) throws {
        let scratch = try kind.make()
        let desk = try JournalDesk(log: scratch.log)
        let events = try desk.record(now: Sample.now) { state in try Self.intakes(5, after: state) }
        #expect(events.count == 5)
        #expect(try JournalDesk(log: scratch.reopened()).state.calls.count == 5)
    }

    // MARK: several writers, one order

    @Test(arguments: LogImplementation.all)
    func aSecondWriterCatchesUpBeforeDecidingSoNoAssignmentIsOverwritten(_ kind: LogImplementation) throws {
        let scratch = try kind.make()
        let first = try JournalDesk(log: scratch.log)
        try first.perform(Sample.technician("T03"), Sample.context())
        try first.perform(Sample.technician("T04"), Sample.context())
        let id = try first.perform(Sample.intake(), Sample.context()).last!.change.call!
        // Both dispatchers look at the same unassigned call.
        let second = try JournalDesk(log: scratch.reopened())
        try first.perform(.assign(id, TechnicianID("T04")!, reassign: false), Sample.context("wang"))
        #expect(second.state.calls[id]?.technician == nil)
        #expect(throws: DeskError.self) {
            try second.perform(.assign(id, TechnicianID("T03")!, reassign: false), Sample.context("li"))
        }
        // The refused writer has caught up and sees who has the call.
        #expect(second.state.calls[id]?.technician == TechnicianID("T04"))
        #expect(try JournalDesk(log: scratch.reopened()).position.sequence == 4)
    }

    @Test(arguments: LogImplementation.all)
    func aRefusalWritesNothingAndDoesNotApplyWhatItCaughtUpWithTwice(_ kind: LogImplementation) throws {
        let scratch = try kind.make()
        let first = try JournalDesk(log: scratch.log)
        let second = try JournalDesk(log: scratch.reopened())
        let id = try first.perform(Sample.intake(), Sample.context()).last!.change.call!
        try first.perform(.note(id, "一"), Sample.context())
        #expect(throws: DeskError.self) { try second.perform(.close(id), Sample.context()) }
        #expect(try second.refresh() == 0)
        #expect(second.state == first.state)
        #expect(second.state.calls[id]?.history.count == 2)
        #expect(throws: DeskError.self) { try second.record(now: Sample.now) { _ in throw DeskError.noSuchCall(CallID(number: 1)) } }
        #expect(try second.record(now: Sample.now) { _ in [] }.isEmpty)
        #expect(try Self.exported(scratch.log).count == 2, "nothing written")
    }

    @Test(arguments: LogImplementation.all)
    func writersAtTheSameTimeEachGetAPlaceInOneOrder(_ kind: LogImplementation) throws {
        let scratch = try kind.make()
        let group = DispatchGroup()
        let failures = Failures()
        for writer in 0..<2 {
            let log = try scratch.reopened()
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                do {
                    let desk = try JournalDesk(log: log)
                    for n in 0..<15 { try desk.perform(Sample.intake("写者\(writer)-\(n)"), Sample.context("w\(writer)")) }
                } catch {
                    failures.add("\(error)")
                }
            }
        }
        group.wait()
        #expect(failures.all.isEmpty, "\(failures.all)")
        let desk = try JournalDesk(log: scratch.reopened())
        #expect(desk.state.calls.count == 30)
        #expect(desk.state.calls.values.map(\.id.number).sorted() == Array(1...30), "every call its own number")
        #expect(try Self.exported(scratch.log).map(\.sequence) == Array(1...30), "one order, no gaps")
    }

    // MARK: following

    @Test(arguments: LogImplementation.all)
    func aFollowerSeesOnlyWhatIsNew(_ kind: LogImplementation) throws {
        let scratch = try kind.make()
        let writer = try JournalDesk(log: scratch.log)
        let follower = try JournalDesk(log: scratch.reopened())
        #expect(try follower.refresh() == 0)
        try writer.perform(Sample.intake("一"), Sample.context())
        try writer.perform(Sample.intake("二"), Sample.context())
        #expect(try follower.refresh() == 2)
        #expect(try follower.refresh() == 0)
        #expect(follower.state == writer.state)
    }

    @Test(arguments: LogImplementation.all)
    func aFollowerIsWokenByAnAppendAndByACompactionNotByTime(_ kind: LogImplementation) throws {
        let scratch = try kind.make()
        try JournalDesk(log: scratch.log).perform(Sample.intake(), Sample.context())
        let changes = scratch.log.changes()
        guard let fd = changes.descriptor else {
            // Nothing to wait on here: the follower looks on a timer, well within a second.
            #expect((1...1000).contains(changes.pollMilliseconds))
            return
        }
        #expect(!Self.isReadable(fd, waiting: 50), "nothing happened: nothing to wake for")
        try JournalDesk(log: scratch.reopened()).perform(Sample.intake("新"), Sample.context())
        #expect(Self.isReadable(fd, waiting: 5_000), "an append wakes the follower")
        changes.drain()
        #expect(!Self.isReadable(fd, waiting: 0), "drained")
        _ = try scratch.reopened().compact(now: Sample.now, actor: "s", archiveClosedBefore: nil)
        #expect(Self.isReadable(fd, waiting: 5_000), "a compaction putting a new log in place wakes it too")
    }

    /// A console never freezes behind a writer: a look that would wait says a writer is busy,
    /// and takes nothing half-written; once the write is done, the next look takes it all.
    @Test(arguments: LogImplementation.all)
    func aReaderThatWillNotWaitIsToldAWriterIsBusyAndTakesItsEventsOnceWritten(_ kind: LogImplementation) throws {
        let scratch = try kind.make()
        let reader = try JournalDesk(log: scratch.log)
        try JournalDesk(log: scratch.reopened()).perform(Sample.intake("之前"), Sample.context())
        let writer = try JournalDesk(log: scratch.reopened())
        let deciding = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0), done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) let holder = writer
        Thread.detachNewThread {
            _ = try? holder.record(now: Sample.now) { state in
                deciding.signal()
                release.wait() // holding the writers' lock, as a slow command would
                return try state.decide(Sample.intake("等着的"), Sample.context())
            }
            done.signal()
        }
        deciding.wait()
        // A log whose readers wait for writers says so and reads nothing; one whose readers
        // never wait (PostgreSQL) reads what was committed, and nothing of the write under way.
        let before = try reader.refresh(wait: false)
        #expect(reader.writerBusy ? before == 0 : before == 1, "told to look again soon, or given only what was committed")
        release.signal()
        done.wait()
        #expect(try reader.refresh(wait: false) == 2 - before)
        #expect(!reader.writerBusy)
        #expect(reader.state.calls.values.map(\.intake.customer) == ["之前", "等着的"])
    }

    /// A log compacted (or repaired) under a desk is noticed, never misread: a reader reads it
    /// afresh, and a writer decides again against it.
    @Test(arguments: LogImplementation.all)
    func aLogReplacedUnderADeskIsNoticedAndReadAgain(_ kind: LogImplementation) throws {
        let scratch = try kind.make()
        let writer = try JournalDesk(log: scratch.log)
        for n in 0..<3 { try writer.perform(Sample.intake("客户\(n)"), Sample.context()) }
        let reader = try JournalDesk(log: scratch.reopened())
        _ = try scratch.reopened().compact(now: Sample.now, actor: "s", archiveClosedBefore: nil)
        do {
            try reader.refresh()
            Issue.record("a replaced log was read on as if it were the same")
        } catch {
            #expect(error.kind == .superseded)
        }
        #expect(try reader.reload())
        #expect(reader.state.calls.values.map(\.intake.customer) == ["客户0", "客户1", "客户2"])
        let id = try writer.perform(Sample.intake("之后"), Sample.context()).last!.change.call
        #expect(id == CallID(number: 4), "numbers carry on past the compaction")
        #expect(try JournalDesk(log: scratch.reopened()).state.calls.count == 4)
    }

    // MARK: deciding once

    /// The console decides a command on its own copy of the desk; when nothing was written since,
    /// exactly those events go in, and the command is not decided again.
    @Test(arguments: LogImplementation.all)
    func eventsDecidedAtAPositionGoInAsTheyWereWhenNothingChanged(_ kind: LogImplementation) throws {
        let scratch = try kind.make()
        let desk = try JournalDesk(log: scratch.log)
        try desk.perform(Sample.intake("一"), Sample.context())
        let decided = try desk.state.decide(Sample.intake("二"), Sample.context())
        let decisions = Counter()
        let recorded = try desk.perform(Sample.intake("二"), decided: decided, at: desk.position, clock: ManualClock(Sample.now)) { now in
            decisions.add()
            return Sample.context().with(now: now)
        }
        #expect(recorded == decided)
        #expect(decisions.count == 0, "decided once")
        #expect(try JournalDesk(log: scratch.reopened()).state == desk.state)
    }

    /// When another dispatcher wrote meanwhile, the command is decided again against what they
    /// wrote, with the clock read under the lock: it never goes in as decided on a stale desk.
    @Test(arguments: LogImplementation.all)
    func eventsDecidedAtAPositionAreDecidedAgainWhenOthersWroteMeanwhile(_ kind: LogImplementation) throws {
        let scratch = try kind.make()
        let desk = try JournalDesk(log: scratch.log)
        try desk.perform(Sample.technician("T01"), Sample.context())
        let id = try desk.perform(Sample.intake("一"), Sample.context()).last!.change.call!
        let decided = try desk.state.decide(.assign(id, TechnicianID("T01")!, reassign: false), Sample.context("wang"))
        let decidedAt = desk.position
        // Someone else assigns the call first.
        try JournalDesk(log: scratch.reopened()).perform(.assign(id, TechnicianID("T01")!, reassign: false), Sample.context("li"))
        let clock = ManualClock(Sample.now.addingTimeInterval(5))
        let decisions = Counter()
        #expect(throws: DeskError.self) {
            try desk.perform(.assign(id, TechnicianID("T01")!, reassign: false), decided: decided, at: decidedAt, clock: clock) { now in
                decisions.add()
                return Sample.context("wang").with(now: now)
            }
        }
        #expect(decisions.count == 1, "decided again, against li's assignment")
        // A command that still stands is recorded as decided again, at the clock's time then.
        let note = try desk.state.decide(.note(id, "备注"), Sample.context())
        let noteDecidedAt = desk.position
        try JournalDesk(log: scratch.reopened()).perform(.note(id, "别人的"), Sample.context("li"))
        let recorded = try desk.perform(.note(id, "备注"), decided: note, at: noteDecidedAt, clock: clock) { now in
            Sample.context().with(now: now)
        }
        #expect(recorded.last?.occurredAt == clock.instant)
        #expect(try JournalDesk(log: scratch.reopened()).state.calls[id]?.history.count == 4, "received, li's assignment, li's note, this note")
    }

    // MARK: looking after the log

    @Test(arguments: LogImplementation.all)
    func aSoundLogVerifiesAndARepairLeavesItUntouched(_ kind: LogImplementation) throws {
        let scratch = try kind.make()
        let desk = try JournalDesk(log: scratch.log)
        for n in 0..<3 { try desk.perform(Sample.intake("客户\(n)"), Sample.context()) }
        let found = try scratch.log.verify()
        #expect(!found.isDamaged && found.findings.isEmpty, "\(found.findings)")
        #expect(found.records == 3 && found.lastSequence == 3)
        let before = try Self.exported(scratch.log)
        let repair = try scratch.log.repair(now: Sample.now, fallbackPolicy: nil)
        #expect(!repair.needed && repair.backup == nil)
        #expect(try Self.exported(scratch.log).map(\.sequence) == before.map(\.sequence))
        #expect(try desk.refresh() == 0, "the desk's position still holds")
    }

    @Test(arguments: LogImplementation.all)
    func exportHandsOverEveryEventInOrderWithItsSequenceNumber(_ kind: LogImplementation) throws {
        let scratch = try kind.make()
        let desk = try JournalDesk(log: scratch.log)
        try desk.perform(Sample.technician("T01"), Sample.context())
        try desk.record(now: Sample.now) { state in try Self.intakes(3, after: state) }
        let exported = try Self.exported(scratch.log)
        #expect(exported.map(\.sequence) == [1, 2, 3, 4])
        #expect(exported.map(\.event) == (try scratch.log.read(after: .start).events))
    }

    @Test(arguments: LogImplementation.all)
    func aCompactionKeepsTheLiveDeskAndArchivesOldClosedCallsDeletingNothing(_ kind: LogImplementation) throws {
        let scratch = try kind.make()
        let desk = try JournalDesk(log: scratch.log)
        let old = Sample.now.addingTimeInterval(-20 * 86_400)
        for n in 0..<3 {
            try desk.perform(Sample.intake("旧\(n)"), Sample.context(at: old))
            try desk.perform(.resolve(CallID(number: n + 1)), Sample.context(at: old))
            try desk.perform(.close(CallID(number: n + 1)), Sample.context(at: old))
        }
        for n in 0..<2 { try desk.perform(Sample.intake("新\(n)"), Sample.context()) }
        let result = try scratch.log.compact(now: Sample.now, actor: "supervisor", archiveClosedBefore: Sample.now.addingTimeInterval(-86_400))
        #expect(result.eventsBefore == 11 && result.archivedCalls == 3 && result.archivedEvents == 9)
        #expect(result.eventsAfter == 3, "a compaction record and the two open calls")
        let compacted = try JournalDesk(log: scratch.reopened())
        #expect(compacted.state.calls.values.map(\.intake.customer) == ["新0", "新1"])
        #expect(compacted.state.nextCallNumber == 6)
        let archive = try JournalDesk(log: EventLogs.open(try #require(result.archive)))
        #expect(archive.state.calls.values.map(\.intake.customer) == ["旧0", "旧1", "旧2"], "the archive is itself a log")
        #expect(!(try scratch.log.verify().isDamaged))
    }

    /// Damage is never skipped: a reader refuses, verify says what, and a repair keeps every call
    /// it did not touch, leaving a log that verifies.
    @Test(arguments: LogImplementation.rewriting)
    func aDamagedEventIsRefusedFoundAndRepairedKeepingEveryOtherCall(_ kind: LogImplementation) throws {
        let scratch = try kind.make()
        let desk = try JournalDesk(log: scratch.log)
        for n in 0..<4 { try desk.perform(Sample.intake("客户\(n)"), Sample.context()) }
        try kind.damage(scratch, 1) // the second call's intake
        #expect(throws: JournalError.self) { try JournalDesk(log: scratch.reopened()) }
        let found = try scratch.log.verify()
        #expect(found.isDamaged && !found.findings.isEmpty)
        let repair = try scratch.log.repair(now: Sample.now, fallbackPolicy: nil)
        #expect(repair.needed && repair.backup != nil && repair.kept == 3)
        let repaired = try JournalDesk(log: scratch.reopened())
        #expect(repaired.state.calls.values.map(\.intake.customer) == ["客户0", "客户2", "客户3"])
        #expect(repaired.state.nextCallNumber >= 5, "numbers carry on past the lost call's")
        #expect(!(try scratch.log.verify().isDamaged))
        #expect(throws: JournalError.self) { try desk.refresh() } // the old desk notices the new log
    }

    // MARK: importing history

    /// `journal import`: an export goes back in as it was — every event, in order, numbered as
    /// before — however long ago it happened, and the desk carries on from it.
    @Test(arguments: LogImplementation.all)
    func anImportIntoAnEmptyLogWritesEveryEventAsItWasAndExportsThemAgain(_ kind: LogImplementation) throws {
        let source = try kind.make()
        let desk = try JournalDesk(log: source.log)
        // Long ago: an import decides nothing, so no limit on how far back a command may reach.
        let then = Sample.now.addingTimeInterval(-400 * 86_400)
        try desk.record(now: then) { state in
            var scratch = state
            var events: [Event] = []
            for command in [Sample.technician("T01"), Sample.intake("上海华东电气"), .assign(CallID(number: 1), TechnicianID("T01")!, reassign: false),
                            .note(CallID(number: 1), "电池组老化，已联系仓库备货"), Sample.intake("嘉定区第二中学")] {
                let decided = try scratch.decide(command, CommandContext(now: then, at: nil, actor: "wangfang", timeZone: Sample.zone))
                decided.forEach { scratch.apply($0) }
                events += decided
            }
            return events
        }
        let exported = try Self.exported(source.log)

        let target = try kind.make()
        var pending = exported.map(\.event)[...]
        let result = try target.log.importHistory(now: Sample.now) { pending.popFirst() }
        #expect(result.events == exported.count && result.warnings.isEmpty)
        let again = try Self.exported(target.log)
        #expect(again.map(\.sequence) == exported.map(\.sequence))
        #expect(again.map(\.event) == exported.map(\.event))
        #expect(try JournalDesk(log: target.reopened()).state == desk.state)
        #expect(!(try target.log.verify().isDamaged))
        let next = try JournalDesk(log: target.reopened()).perform(Sample.intake("之后"), Sample.context()).last?.change.call
        #expect(next == CallID(number: 3), "the desk carries on from the imported history")
    }

    @Test(arguments: LogImplementation.all)
    func aLogThatHoldsEventsRefusesAnImportBeforeTakingAnyEvent(_ kind: LogImplementation) throws {
        let scratch = try kind.make()
        try JournalDesk(log: scratch.log).perform(Sample.intake(), Sample.context())
        let before = try Self.exported(scratch.log)
        var taken = 0
        do {
            _ = try scratch.log.importHistory(now: Sample.now) {
                taken += 1
                return before.first?.event
            }
            Issue.record("a log holding events took an import")
        } catch let error as JournalError {
            #expect(error.kind == .notEmpty, "\(error)")
        }
        #expect(taken == 0, "refused before reading anything to import")
        #expect(try Self.exported(scratch.log).map(\.event) == before.map(\.event))
    }

    /// All or nothing: a bad line found part-way (the source throws) leaves the log as it was —
    /// none at all where there was none — and says what the source said.
    @Test(arguments: LogImplementation.all)
    func anImportThatStopsPartWayLeavesTheLogAsItWas(_ kind: LogImplementation) throws {
        struct BadLine: Error, Equatable { var line: Int }
        let scratch = try kind.make()
        let events = try Self.intakes(5, after: DeskState())
        var index = 0
        #expect(throws: BadLine(line: 4)) {
            _ = try scratch.log.importHistory(now: Sample.now) {
                index += 1
                if index == 4 { throw BadLine(line: 4) }
                return events[index - 1]
            }
        }
        #expect(try !scratch.log.exists(), "nothing was created")
        #expect(try JournalDesk(log: scratch.reopened()).state == DeskState())
        // Nothing was left half-done in the way of the next import.
        var pending = events[...]
        #expect(try scratch.log.importHistory(now: Sample.now) { pending.popFirst() }.events == 5)
        #expect(try JournalDesk(log: scratch.reopened()).state.calls.count == 5)
    }

    @Test(arguments: LogImplementation.all)
    func nothingToImportLeavesTheLogAsItWas(_ kind: LogImplementation) throws {
        let scratch = try kind.make()
        #expect(try scratch.log.importHistory(now: Sample.now) { nil }.events == 0)
        #expect(try !scratch.log.exists())
    }

    /// More events than any one write takes (a file journal's group is at most 65,536 records):
    /// they all go in, in order, or none do.
    @Test(arguments: LogImplementation.all)
    func anImportLargerThanAnyOneWriteGoesInWhole(_ kind: LogImplementation) throws {
        let scratch = try kind.make()
        let intake = try DeskState().decide(Sample.intake(), Sample.context())
        let id = try #require(intake.last?.change.call)
        let count = 70_000
        var made = 0
        let result = try scratch.log.importHistory(now: Sample.now) {
            defer { made += 1 }
            if made < intake.count { return intake[made] }
            guard made < count else { return nil }
            return Event(occurredAt: Sample.now, recordedAt: Sample.now, actor: "li", change: .noted(id, "备注 \(made)"))
        }
        #expect(result.events == count)
        let read = try scratch.reopened().read(after: .start)
        #expect(read.events.count == count && read.position.sequence == UInt64(count))
        #expect(read.events.last?.change == .noted(id, "备注 \(count - 1)"))
    }

    /// A console open on the empty log before the import reads the imported desk (a log put in
    /// place under it is read afresh).
    @Test(arguments: LogImplementation.all)
    func aDeskOpenOnTheEmptyLogReadsTheImportedHistory(_ kind: LogImplementation) throws {
        let scratch = try kind.make()
        let follower = try JournalDesk(log: scratch.log)
        var pending = try Self.intakes(3, after: DeskState())[...]
        _ = try scratch.reopened().importHistory(now: Sample.now) { pending.popFirst() }
        do {
            _ = try follower.refresh()
        } catch {
            guard error.kind == .superseded else { throw error }
            #expect(try follower.reload())
        }
        #expect(follower.state.calls.values.map(\.intake.customer) == ["客户0", "客户1", "客户2"])
    }

    // MARK: what the executable asks of a log

    @Test(arguments: LogImplementation.all)
    func startingAfreshKeepsTheOldLogAndBeginsANewOne(_ kind: LogImplementation) throws {
        let scratch = try kind.make()
        #expect(try scratch.log.startAfresh() == nil, "nothing to keep")
        try JournalDesk(log: scratch.log).perform(Sample.intake("旧的"), Sample.context())
        let kept = try #require(try scratch.log.startAfresh())
        #expect(try !scratch.log.exists())
        #expect(try JournalDesk(log: scratch.reopened()).state == DeskState())
        #expect(try JournalDesk(log: EventLogs.open(kept)).state.calls.values.map(\.intake.customer) == ["旧的"])
    }

    @Test(arguments: LogImplementation.all)
    func aDeskWithoutAConfigurationLetsEveryoneDoEverything(_ kind: LogImplementation) throws {
        let scratch = try kind.make()
        #expect(try scratch.log.deskConfiguration(named: nil) == .none)
        #expect(throws: DeskError.self) { try scratch.log.deskConfiguration(named: "/somewhere/else/desk.yaml") }
    }

    // MARK: helpers

    static func intakes(_ count: Int, after state: DeskState) throws -> [Event] {
        var scratch = state
        return try (0..<count).flatMap { n in
            let events = try scratch.decide(Sample.intake("客户\(n)"), Sample.context())
            events.forEach { scratch.apply($0) }
            return events
        }
    }

    static func exported(_ log: any EventLog) throws -> [(event: Event, sequence: UInt64)] {
        var all: [(event: Event, sequence: UInt64)] = []
        try log.export { all.append((event: $0, sequence: $1)) }
        return all
    }

    static func isReadable(_ fd: Int32, waiting milliseconds: Int32) -> Bool {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, milliseconds) == 1
    }
}

/// One way of keeping the desk's log, as the contract tests make and damage it.
struct LogImplementation: Sendable, CustomTestStringConvertible {
    var name: String
    /// A new log, with nothing in it yet, in a place of its own.
    var make: @Sendable () throws -> ScratchLog
    /// Damages the `index`th event (from 0) in the middle of the log, as failing storage could.
    var damage: @Sendable (ScratchLog, _ index: Int) throws -> Void

    var testDescription: String { name }

    /// The file journal always; the PostgreSQL log when a server was started for the tests
    /// (scripts/test runs them beside scripts/with-postgres and sets CALLBOARD_TEST_POSTGRES).
    static let all: [LogImplementation] = ProcessInfo.processInfo.environment["CALLBOARD_TEST_POSTGRES"] == nil ? [.file] : [.file, .postgres]

    /// Those that repair a damaged log themselves: not the PostgreSQL log, whose damage is
    /// mended from the server's backups (README).
    static let rewriting: [LogImplementation] = all.filter { $0.name != postgres.name }

    static let postgres = LogImplementation(
        name: "PostgreSQL log",
        make: {
            let database = try ScratchDatabase()
            return ScratchLog(log: PostgresLog(location: database.location), keep: database)
        },
        damage: { scratch, index in
            try ScratchDatabase.run("UPDATE callboard_events SET payload = set_byte(payload, 5, get_byte(payload, 5) # 8) WHERE position = \(index + 1)",
                                    in: scratch.log.location)
        })

    static let file = LogImplementation(
        name: "file journal",
        make: {
            let dir = try TempDir()
            return ScratchLog(log: FileJournal(path: dir.path("journal")), keep: dir)
        },
        damage: { scratch, index in
            let path = scratch.log.location
            var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
            bytes[recordOffsets(bytes)[index] + 25] ^= 0x08
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        })
}

/// A log for one test, and what must live as long as it (a scratch folder, a database schema).
final class ScratchLog: Sendable {
    let log: any EventLog
    private let keep: any Sendable

    init(log: any EventLog, keep: any Sendable) {
        self.log = log
        self.keep = keep
    }

    /// Another handle on the same log, as another process opens it from its location.
    func reopened() throws -> any EventLog { try EventLogs.open(log.location) }
}

/// Counts, from any thread.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func add() { lock.withLock { value += 1 } }
    var count: Int { lock.withLock { value } }
}

final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []
    func add(_ failure: String) { lock.withLock { list.append(failure) } }
    var all: [String] { lock.withLock { list } }
}
