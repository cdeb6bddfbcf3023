import CallboardCore
import Foundation

/// A log as it stood at a moment (`--as-of TIME`): the desk's events recorded at or before it,
/// read-only, for disputes and audits. It wraps any log (the file journal, PostgreSQL), so a
/// JournalDesk, the console and every verb that reads see the desk as it was without knowing.
///
/// "As it stood" goes by when each event was **recorded** (`Event.recordedAt`), not by when it
/// says it happened (`occurredAt`, which `--at` sets earlier): the question of a dispute is what
/// the desk knew and showed at that moment, and an arrival phoned in at 11:00 and recorded as
/// 10:00 was not on anyone's screen at 10:30. Each event recorded by then is taken with the
/// times it gives, so a backdated arrival recorded before the moment counts from when it says.
///
/// A snapshot is used only when it was taken at or before the moment (it cannot hold anything
/// recorded later); otherwise the log is read from its start. Nothing can be written through
/// it: appends, snapshots and maintenance are refused or do nothing, and it never wakes a
/// follower (what others append later was recorded after the moment).
public final class AsOfLog: EventLog, @unchecked Sendable {
    public let base: any EventLog
    /// The moment: events recorded after it are not there.
    public let moment: Date
    /// The desk's time zone, to name the moment in messages.
    public let zone: TimeZone
    private let lock = NSLock()
    private var shown = 0
    private var earliest: Date?

    public init(_ base: any EventLog, at moment: Date, zone: TimeZone) {
        self.base = base
        self.moment = moment
        self.zone = zone
    }

    public var location: String { base.location }

    /// How many events recorded by the moment the reads so far handed over.
    public var eventsShown: Int { lock.withLock { shown } }
    /// The earliest recording time of any event the reads so far went past, shown or not (the
    /// journal's first, when a read started from its start): what to tell someone whose moment
    /// is before the desk began.
    public var earliestRecorded: Date? { lock.withLock { earliest } }

    private func saw(_ event: Event, shown isShown: Bool) {
        lock.withLock {
            if isShown { shown += 1 }
            if earliest.map({ event.recordedAt < $0 }) ?? true { earliest = event.recordedAt }
        }
    }

    public func read(after position: LogPosition, wait: Bool, _ body: (Event, LogPosition) -> Void) throws(JournalError) -> LogRead {
        try base.read(after: position, wait: wait) { event, after in
            let isShown = event.recordedAt <= moment
            saw(event, shown: isShown)
            if isShown { body(event, after) }
        }
    }

    private var readOnly: DeskError {
        DeskError(.refused, JournalText.asOfReadOnly(["time": "\(TimeText.iso(moment, in: zone))"]))
    }

    public func append(after position: LogPosition, now: Date, _ decide: (LogBatch) throws -> [Event]) throws -> LogAppend { throw readOnly }

    /// Never wakes: nothing recorded from now on belongs to the moment.
    public func changes() -> any LogChanges { Asleep() }

    private final class Asleep: LogChanges {
        var descriptor: Int32? { nil }
        var pollMilliseconds: Int { 60_000 }
        func drain() {}
    }

    public func exists() throws(JournalError) -> Bool { try base.exists() }
    public func startAfresh() throws(JournalError) -> String? { nil }
    public func deskConfiguration(named: String?) throws(DeskError) -> DeskConfiguration { try base.deskConfiguration(named: named) }
    public func verify() throws(JournalError) -> LogVerification { try base.verify() }
    public func repair(now: Date, fallbackPolicy: SLAPolicy?) throws -> LogRepair { throw readOnly }
    public func compact(now: Date, actor: String, archiveClosedBefore: Date?) throws -> LogCompaction { throw readOnly }

    public func export(_ body: (Event, UInt64) -> Void) throws(JournalError) {
        try base.export { event, sequence in if event.recordedAt <= moment { body(event, sequence) } }
    }

    /// The log's snapshot, only if it was taken at or before the moment (DeskSnapshot.load
    /// looks at when it was taken: `admits`).
    public func snapshot() throws(JournalError) -> StoredSnapshot? { try base.snapshot() }

    /// Whether a snapshot taken at `taken` may start the desk as it stood at the moment.
    func admits(snapshotTakenAt taken: Date) -> Bool { taken <= moment }

    /// Never stored: the desk as it was is not the desk.
    public func storeSnapshot(_ bytes: [UInt8], at position: LogPosition) throws(JournalError) {}

    public func fits(_ position: LogPosition) throws(JournalError) -> PositionFit { try base.fits(position) }
    public func historyCheck(at position: LogPosition) throws(JournalError) -> UInt32 { try base.historyCheck(at: position) }

    public func history(of calls: Set<CallID>, through position: LogPosition) throws(JournalError) -> [CallID: [Event]] {
        try base.history(of: calls, through: position).mapValues { $0.filter { $0.recordedAt <= moment } }.filter { !$0.value.isEmpty }
    }

    public func importHistory(now: Date, _ next: () throws -> Event?) throws -> LogImport { throw readOnly }
}
