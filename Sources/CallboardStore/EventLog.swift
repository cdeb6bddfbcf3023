import CallboardCore
import Foundation

/// The desk's log of events — "the journal" — as everything above the store sees it: read what
/// was written after a position, append after a position deciding against the latest state,
/// be woken when it changes, and look after it. Where and how it is kept is the
/// implementation's business: FileJournal keeps it in one file on this host (its format, lock
/// and inotify watch are seen by nothing above the store); PostgresLog keeps it in PostgreSQL.
/// EventLogs.open picks one from the journal's location.
///
/// Every implementation passes the same contract tests (Tests/CallboardStoreTests,
/// EventLogContractTests). A log is a handle that any thread may use: each call stands alone.
public protocol EventLog: Sendable {
    /// The log's location as given (`--journal`, `CALLBOARD_JOURNAL`): how messages name it.
    var location: String { get }

    /// Hands each event written after `position` to `body` with the position just after it, and
    /// returns the position after the last. Only events whose write was acknowledged are read: a
    /// write still under way (or cut short by a crash) is "not written yet". With `wait: false` a
    /// read that would have to wait for a writer reads nothing and says so (`writerBusy`), so a
    /// console can look again in a moment instead of freezing behind a stalled command. Events
    /// are handed over one at a time, never all held at once. A log replaced under the reader
    /// (compacted or repaired) is `JournalError.Kind.superseded`: read it again from `.start`.
    func read(after position: LogPosition, wait: Bool, _ body: (Event, LogPosition) -> Void) throws(JournalError) -> LogRead

    /// Takes the writers' lock, reads what others appended after `position`, asks `decide` for
    /// the events to add given those, and appends them atomically (all or none) and durably
    /// (returning only once they would survive a crash). Nothing changes unless there is
    /// something to append: a refusal (`decide` throws, or returns nothing) writes nothing, and
    /// creates no log where there was none. A failed write acknowledges nothing and leaves the
    /// log as it was.
    func append(after position: LogPosition, now: Date, _ decide: (LogBatch) throws -> [Event]) throws -> LogAppend

    /// Something a follower (a console) sleeps on until the log may have changed.
    func changes() -> any LogChanges

    /// Whether the log holds anything yet (a refused first command creates nothing).
    func exists() throws(JournalError) -> Bool

    /// Puts the log aside, replacing whatever was put aside before, so the next write begins a
    /// new one (the demo's "start afresh"); returns where the old one is kept, nil if there was
    /// none.
    func startAfresh() throws(JournalError) -> String?

    /// The desk's configuration (roles, the notification command), which belongs to the desk and
    /// lives with its log; `.none` if it has none. `named` is what `--desk` said: it may only name
    /// that same configuration. Refused (never half read) if others than its owner could have
    /// changed it.
    func deskConfiguration(named: String?) throws(DeskError) -> DeskConfiguration

    /// Checks every event and everything the log keeps around them (`journal verify`).
    func verify() throws(JournalError) -> LogVerification

    /// Recovers every event that can stand from a damaged log, keeping the damaged one first and
    /// saying what it dropped (`journal repair`); a sound log is left untouched. A call whose
    /// policy was lost is timed under `fallbackPolicy` when no other policy survived.
    func repair(now: Date, fallbackPolicy: SLAPolicy?) throws -> LogRepair

    /// Rewrites the log as the live desk, moving calls closed before `archiveClosedBefore` (nil:
    /// none) to an archive (`journal compact`). Nothing is deleted.
    func compact(now: Date, actor: String, archiveClosedBefore: Date?) throws -> LogCompaction

    /// Every event with its sequence number, oldest first (`journal export`).
    func export(_ body: (Event, UInt64) -> Void) throws(JournalError)

    // MARK: Snapshots, and calls read back

    /// The newest snapshot stored with the log (DeskSnapshot); nil if there is none. Not checked
    /// here: the desk that reads it checks it against the log (`fits`) and its own checksums.
    func snapshot() throws(JournalError) -> StoredSnapshot?

    /// Stores a snapshot taken at `position`, durably and whole (a reader finds the old one or
    /// the new one, never part of either), unless the log is not the one it was taken of any
    /// more or a later snapshot is already there.
    func storeSnapshot(_ bytes: [UInt8], at position: LogPosition) throws(JournalError)

    /// Whether `position` (a snapshot's) is a place in this log as it stands now.
    func fits(_ position: LogPosition) throws(JournalError) -> PositionFit

    /// A check of the log's history up to `position`, kept in a snapshot: a snapshot standing
    /// at the same place of another history (the log put back from an older copy and grown
    /// again to the same length and number of events) has another check and is not used.
    func historyCheck(at position: LogPosition) throws(JournalError) -> UInt32

    /// Every event of each of `calls` up to `position`, oldest first: a retired call read back
    /// (DeskState's retirement), which only its own events make.
    func history(of calls: Set<CallID>, through position: LogPosition) throws(JournalError) -> [CallID: [Event]]

    /// Writes recorded history into a log that holds no events yet (`journal import`, the
    /// inverse of `export`): every event `next` hands over, in order, numbered 1, 2, 3, …, as
    /// it is — no command is decided, so no rule about what a desk may record applies. A log
    /// that holds events refuses (`JournalError.Kind.notEmpty`) before asking `next` for any.
    /// All or nothing, as one transaction: events are taken one at a time and written as they
    /// come, never all held at once, but none counts until `next` returns nil and they are all
    /// durable together; if `next` throws (a bad line of the file being imported) or a write
    /// fails, nothing was imported, the log is as it was (none is created where there was none),
    /// and what `next` threw is thrown as it is. Nothing at all to import leaves the log as it was.
    /// `now` names anything kept aside on the way (a cut-short first write).
    func importHistory(now: Date, _ next: () throws -> Event?) throws -> LogImport
}

/// A snapshot as the log keeps it.
public struct StoredSnapshot {
    public var source: any SnapshotSource
    /// Where it is, for messages (a file's path).
    public var location: String
    /// Why it must not be used, found before reading it (a file others could have changed).
    public var problem: Message?
}

/// Where a position stands in a log.
public enum PositionFit: Sendable {
    case fits
    /// Another log, or this one in an earlier life (before a compaction or repair).
    case otherLog
    /// Past what the log holds.
    case pastEnd
}

extension EventLog {
    /// Events written after `position`, collected (for small reads: a writer catching up, a test).
    public func read(after position: LogPosition, wait: Bool = true) throws(JournalError) -> LogBatch {
        var events: [Event] = []
        let end = try read(after: position, wait: wait) { event, _ in events.append(event) }.position
        return LogBatch(events: events, position: end)
    }
}

extension EventLog {
    /// Every call the log holds, none retired: for maintenance that compares whole histories
    /// (an archive against the journal). It holds the whole log in memory: never for a desk.
    public func replayedWhole() throws(JournalError) -> DeskState {
        DeskState(replaying: try read(after: .start).events)
    }
}

/// How far a reader has got in a log. Above the store it is opaque but for `sequence`: how many
/// events have been taken (each event's sequence number counts 1, 2, 3, … with no gaps).
public struct LogPosition: Equatable, Sendable {
    /// The sequence number of the last event taken (0: none yet).
    public internal(set) var sequence: UInt64
    /// Where the implementation goes on reading: the file journal's byte offset after that event.
    var offset: Int
    /// Which life of the log it is (the file journal's epoch, new with every compaction or
    /// repair), to notice another log put in its place; nil before anything was read.
    var epoch: UInt64?

    init(offset: Int, sequence: UInt64, epoch: UInt64?) {
        self.offset = offset
        self.sequence = sequence
        self.epoch = epoch
    }

    /// Before the first event.
    public static let start = LogPosition(offset: 0, sequence: 0, epoch: nil)
}

/// What a read got to.
public struct LogRead: Sendable {
    /// The position after the last event read.
    public var position: LogPosition
    /// With `wait: false`: a writer held the log, so nothing was read; look again soon.
    public var writerBusy: Bool
}

/// Events read together, and the position after them.
public struct LogBatch: Sendable {
    public var events: [Event]
    public var position: LogPosition
}

/// What an append did.
public struct LogAppend: Sendable {
    /// Events others wrote after the caller's position, now read, and the position after them.
    public var caughtUp: LogBatch
    public var appended: [Event]
    /// The position after the appended events (after the caught-up ones if none were appended).
    public var position: LogPosition
    /// Things the caller should tell a person (a cut-short write that was set aside).
    public var warnings: [Message]
}

/// What an import did.
public struct LogImport: Sendable {
    /// How many events are in the log now, numbered 1 to `events`.
    public var events: Int
    /// Things the caller should tell a person.
    public var warnings: [Message]
}

/// Wakes a follower when the log may have changed: a descriptor to put in poll(2) beside the
/// keyboard where the log offers one, else an interval to look at.
public protocol LogChanges: AnyObject {
    /// Readable when the log may have changed; nil when there is none to wait on.
    var descriptor: Int32? { get }
    /// How often to look, in milliseconds, when there is no descriptor.
    var pollMilliseconds: Int { get }
    /// Empties what woke the follower (it reads the log whatever changed).
    func drain()
}
