import CallboardCore
@testable import CallboardStore
import Foundation
import Testing

/// A log whose next `history` read, once armed, fails as if the journal had just been replaced
/// (a compaction renamed between a write's unlock and the read-back of a retired call).
final class FailingReadBackLog: EventLog, @unchecked Sendable {
    let inner: FileJournal
    var armed = false
    init(_ inner: FileJournal) { self.inner = inner }
    var location: String { inner.location }
    func read(after position: LogPosition, wait: Bool, _ body: (Event, LogPosition) -> Void) throws(JournalError) -> LogRead {
        try inner.read(after: position, wait: wait, body)
    }
    func append(after position: LogPosition, now: Date, _ decide: (LogBatch) throws -> [Event]) throws -> LogAppend {
        try inner.append(after: position, now: now, decide)
    }
    func changes() -> any LogChanges { inner.changes() }
    func exists() throws(JournalError) -> Bool { try inner.exists() }
    func startAfresh() throws(JournalError) -> String? { try inner.startAfresh() }
    func deskConfiguration(named: String?) throws(DeskError) -> DeskConfiguration { try inner.deskConfiguration(named: named) }
    func verify() throws(JournalError) -> LogVerification { try inner.verify() }
    func repair(now: Date, fallbackPolicy: SLAPolicy?) throws -> LogRepair { try inner.repair(now: now, fallbackPolicy: fallbackPolicy) }
    func compact(now: Date, actor: String, archiveClosedBefore: Date?) throws -> LogCompaction {
        try inner.compact(now: now, actor: actor, archiveClosedBefore: archiveClosedBefore)
    }
    func export(_ body: (Event, UInt64) -> Void) throws(JournalError) { try inner.export(body) }
    func snapshot() throws(JournalError) -> StoredSnapshot? { try inner.snapshot() }
    func storeSnapshot(_ bytes: [UInt8], at position: LogPosition) throws(JournalError) { try inner.storeSnapshot(bytes, at: position) }
    func fits(_ position: LogPosition) throws(JournalError) -> PositionFit { try inner.fits(position) }
    func historyCheck(at position: LogPosition) throws(JournalError) -> UInt32 { try inner.historyCheck(at: position) }
    func history(of calls: Set<CallID>, through position: LogPosition) throws(JournalError) -> [CallID: [Event]] {
        if armed {
            armed = false
            throw JournalError(.superseded, log: location, JournalText.superseded(["path": "\(location)"]))
        }
        return try inner.history(of: calls, through: position)
    }
    func importHistory(now: Date, _ next: () throws -> Event?) throws -> LogImport { try inner.importHistory(now: now, next) }
}

/// What a write does once its events are durable: whatever fails after cannot make the command
/// be decided and written again, nor leave a retired call counted as retired in a snapshot.
@Suite struct ReadBackAfterWriteTests {
    @Test func aReadBackThatFailsAfterADurableWriteNeverWritesTheCommandTwice() throws {
        let dir = try TempDir()
        let path = dir.path("journal")
        let writer = try JournalDesk(log: FileJournal(path: path))
        let old = Sample.now.addingTimeInterval(-3 * 86_400)
        try writer.perform(Sample.intake("老客户"), Sample.context(at: old))
        try writer.perform(.resolve(CallID(number: 1)), Sample.context(at: old.addingTimeInterval(60)))
        try writer.perform(.close(CallID(number: 1)), Sample.context(at: old.addingTimeInterval(120)))
        try writer.perform(Sample.intake("今天"), Sample.context())
        let log = FailingReadBackLog(FileJournal(path: path))
        let console = try JournalDesk(log: log, snapshots: .byCaller)
        #expect(console.state.retired.contains(CallID(number: 1)))
        // Someone else notes the retired call; the console's next write takes that in and
        // must read the call back, which fails once.
        let other = try JournalDesk(log: FileJournal(path: path), scope: .calls([CallID(number: 1)]))
        try other.perform(.note(CallID(number: 1), "回访"), Sample.context())
        log.armed = true
        let written = try console.perform(Sample.intake("新客户"), Sample.context())
        #expect(written.count == 1, "acknowledged: its events are durable")
        var newCalls = 0
        try FileJournal(path: path).replayedWhole().calls.forEach { if $0.intake.customer == "新客户" { newCalls += 1 } }
        #expect(newCalls == 1, "written once")
        #expect(!console.warnings.isEmpty, "the failed read-back is said")
        // No snapshot while the noted call waits to be read back (it would hold it as retired)…
        #expect(console.pendingSnapshot(now: Sample.now) == nil)
        // …and the next read brings it back, though nothing new was written.
        try console.refresh()
        #expect(console.state.awaitingHistory.isEmpty)
        #expect(console.state == (try JournalDesk(log: FileJournal(path: path), fromSnapshot: false, snapshots: .never)).state,
                "the desk a replay gives")
        #expect(console.pendingSnapshot(now: Sample.now) != nil)
    }
}
