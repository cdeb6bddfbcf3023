import CallboardCore
import Foundation

/// The desk as read from its log, kept up to date with what others append, and the one way to
/// change it: every command is decided against the latest state while the log's writers' lock
/// is held, so two dispatchers can never overwrite each other.
///
/// A desk starts from the log's newest snapshot when one fits (DeskSnapshot) and reads only the
/// events after it; it holds the live desk whole and lets old closed calls retire (DeskState's
/// retirement), reading one back when it is asked for (`load`) or touched again. A desk opened
/// for a few calls (`DeskScope.calls`) reads only those from the snapshot.
public final class JournalDesk {
    public let log: any EventLog
    public let scope: DeskScope
    public private(set) var state = DeskState()
    public private(set) var position = LogPosition.start
    /// Messages for a person: repairs made while writing (a torn tail set aside), a snapshot
    /// that could not be used or written.
    public private(set) var warnings: [Message] = []
    /// The last look (with `wait: false`) found a writer holding the lock: look again soon.
    public private(set) var writerBusy = false
    /// Whether this desk started from a snapshot (and from which event on it read the log).
    public private(set) var startedFrom: UInt64?
    public let snapshots: SnapshotWriting
    /// The newest snapshot this desk knows of (nil: none usable), to tell when one is due.
    private var knownSnapshot: DeskSnapshot.Known?
    /// The snapshot there could not be used: the next write replaces it, whatever the log's size.
    private var snapshotUnusable = false
    private let useSnapshot: Bool
    /// Handed each call as it retires, with the desk as it then stands (a listing of every call
    /// ever, in one pass).
    private let onRetire: ((ServiceCall, DeskState) -> Void)?
    /// What others had appended that the latest write took in under the lock before deciding,
    /// kept even when that write was refused or failed: a caller with its own copy of the desk
    /// (a console) learns of them from here, since the next refresh finds nothing new.
    public private(set) var caughtUpByLastWrite: [Event] = []

    /// Reads the desk: from the newest snapshot that fits (unless `fromSnapshot` is false) and the
    /// log after it, or the whole log; a log that is not there yet is an empty desk.
    public init(log: any EventLog, scope: DeskScope = .whole, fromSnapshot: Bool = true, snapshots: SnapshotWriting = .afterWrites,
                onRetire: ((ServiceCall, DeskState) -> Void)? = nil) throws(JournalError) {
        self.log = log
        self.scope = scope
        self.snapshots = snapshots
        self.useSnapshot = fromSnapshot
        self.onRetire = onRetire
        try start(wait: true)
    }

    /// Starts from the snapshot (or the log's start), then reads the rest. With `wait: false`,
    /// gives up (false, nothing changed) while a writer holds the lock.
    @discardableResult
    private func start(wait: Bool) throws(JournalError) -> Bool {
        var fresh = DeskState(), from = LogPosition.start, known: DeskSnapshot.Known?, started: UInt64?
        if useSnapshot {
            let (loaded, warning) = DeskSnapshot.load(from: log, scope: scope)
            if let warning { warnings.append(warning) }
            snapshotUnusable = warning != nil
            if let loaded {
                (fresh, from, known, started) = (loaded.state, loaded.position, loaded.known, loaded.position.sequence)
            }
        }
        let (saved, savedPosition) = (state, position)
        (state, position) = (fresh, from)
        do {
            let outcome = try read(wait: wait)
            if outcome.writerBusy {
                (state, position) = (saved, savedPosition)
                writerBusy = true
                return false
            }
        } catch {
            (state, position) = (saved, savedPosition)
            throw error
        }
        knownSnapshot = known
        startedFrom = started
        return true
    }

    /// Applies events others have appended since the last look; returns how many there were.
    /// With `wait: false` (the console's polling), a look that would wait for a writer finds
    /// nothing and the next look takes it in.
    @discardableResult
    public func refresh(wait: Bool = true, seeing observe: (Event) -> Void = { _ in }) throws(JournalError) -> Int {
        try read(wait: wait, seeing: observe).count
    }

    private func read(wait: Bool, seeing observe: (Event) -> Void = { _ in }) throws(JournalError) -> (count: Int, writerBusy: Bool) {
        var count = 0, sinceRetirement = 0
        let retiring = scope == .whole
        // Position moves with each event, so a read that fails part way leaves the desk
        // consistent with what it took in.
        let outcome: LogRead
        do {
            outcome = try log.read(after: position, wait: wait) { event, after in
                state.apply(event)
                position = after
                count += 1
                observe(event)
                // A replay of years retires as it goes: memory holds the live desk, not the history.
                if retiring {
                    sinceRetirement += 1
                    if sinceRetirement == 16_384 {
                        retire()
                        sinceRetirement = 0
                    }
                }
            }
        } catch {
            if count > 0 { try settle() }
            throw error
        }
        position = outcome.position
        writerBusy = outcome.writerBusy
        // Also when nothing new came: calls still awaiting their history from an earlier read.
        if count > 0 || !state.awaitingHistory.isEmpty { try settle() }
        return (count, outcome.writerBusy)
    }

    /// After events were applied: reads back the retired calls they touched, and retires the
    /// calls now old enough (a whole desk only; a desk for a few calls keeps what it read).
    private func settle() throws(JournalError) {
        if case .calls(let wanted, _) = scope { state.forgetAwaiting { wanted.contains($0) } }
        if !state.awaitingHistory.isEmpty {
            let histories = try log.history(of: state.awaitingHistory, through: position)
            for id in histories.keys.sorted() { state.readmit(histories[id]!) }
            state.forgetAwaiting { _ in false }
        }
        if scope == .whole { retire() }
    }

    private func retire() {
        guard let onRetire else {
            state.retireClosedCalls()
            return
        }
        var retired: [ServiceCall] = []
        state.retireClosedCalls { retired.append($0) }
        for call in retired { onRetire(call, state) }
    }

    /// Makes sure the desk holds these calls whole: a retired call (or one a desk for other
    /// calls did not read) is read back from the log. A number never given out stays absent.
    public func load(_ ids: some Sequence<CallID>) throws(JournalError) {
        let missing = Set(ids.filter { state.calls[$0] == nil && $0.number > 0 && $0.number < state.nextCallNumber })
        guard !missing.isEmpty else { return }
        let histories = try log.history(of: missing, through: position)
        for id in histories.keys.sorted() { state.readmit(histories[id]!) }
    }

    /// Carries out `command` as of the latest state of the log and records its events (the
    /// last is the command's own; a policy adoption may precede it). They are acknowledged
    /// (returned) only once they are durable.
    @discardableResult
    public func perform(_ command: Command, _ context: CommandContext) throws -> [Event] {
        if let id = command.call { try load([id]) }
        return try record(now: context.now) { state in try state.decide(command, context) }
    }

    /// The same, for a command given now: its time is read from `clock` under the writers'
    /// lock, after catching up, so a dispatcher who waited for the lock while someone else
    /// wrote is never refused for "a time before the call's last event".
    @discardableResult
    public func perform(_ command: Command, clock: any DeskClock, context: (Date) -> CommandContext) throws -> [Event] {
        if let id = command.call { try load([id]) }
        return try record(now: clock.now()) { state in try state.decide(command, context(clock.now())) }
    }

    /// Records `decided`: the events `command` gave when the caller decided it against this desk
    /// as it stood at `position` (the console decides on its own copy of the state, once, without
    /// holding the lock). If nothing was written since, they are appended as they are; if others
    /// wrote meanwhile (or the log was compacted or repaired), `command` is decided again against
    /// the latest state, its time read from `clock` under the lock, exactly as `perform` does.
    @discardableResult
    public func perform(_ command: Command, decided: [Event], at position: LogPosition, clock: any DeskClock,
                        context: (Date) -> CommandContext) throws -> [Event] {
        if let id = command.call { try load([id]) }
        return try record(now: clock.now()) { state in
            self.position == position ? decided : try state.decide(command, context(clock.now()))
        }
    }

    /// Catches up under the writers' lock, asks `decide` for events given the latest state, and
    /// appends them in one durable write (a group commit when there are several). If the log
    /// was compacted or repaired since this desk read it, the desk reads it again and the
    /// command is decided again against it. A snapshot due is written after (`snapshots`).
    @discardableResult
    public func record(now: Date, _ decide: (DeskState) throws -> [Event]) throws -> [Event] {
        let appended: [Event]
        do {
            appended = try appendOnce(now: now, decide)
        } catch let error as JournalError where error.kind == .superseded {
            try reload()
            appended = try appendOnce(now: now, decide)
        }
        if !appended.isEmpty, snapshots == .afterWrites, snapshotIsDue(now: now) { writeSnapshot(now: now) }
        return appended
    }

    /// Reads the log again from the start (after it was compacted or repaired), from its newest
    /// snapshot when one fits. With `wait: false` it gives up (returning false, the desk as it
    /// was) while a writer holds the lock, so a console never freezes behind a stalled command.
    @discardableResult
    public func reload(wait: Bool = true) throws(JournalError) -> Bool {
        try start(wait: wait)
    }

    private func appendOnce(now: Date, _ decide: (DeskState) throws -> [Event]) throws -> [Event] {
        caughtUpByLastWrite = []
        let result = try log.append(after: position, now: now) { caughtUp in
            // Take in what others wrote even if `decide` refuses, so a refusal leaves this desk
            // up to date (and the next refresh does not apply the same events twice).
            for event in caughtUp.events { state.apply(event) }
            position = caughtUp.position
            caughtUpByLastWrite = caughtUp.events
            return try decide(state)
        }
        for event in result.appended { state.apply(event) }
        position = result.position
        warnings += result.warnings
        // The events are durable: whatever fails now is not the command's, and must not make
        // `record` decide and write it again. A retired call that cannot be read back now stays
        // awaited, read back at the next read.
        do throws(JournalError) {
            try settle()
        } catch {
            warnings.append(error.text)
        }
        return result.appended
    }

    // MARK: Snapshots

    /// Whether a snapshot is due: enough events, or enough time, since the newest one.
    public func snapshotIsDue(now: Date) -> Bool {
        // Time counts from this desk's first look as well: a console that has just started
        // from an old snapshot writes its own ten minutes later, not in its first second (every
        // console opened in the morning would encode the whole desk at once).
        let since = firstLookedAt ?? now
        firstLookedAt = since
        let last = knownSnapshot.map { known in
            var counted = known
            counted.taken = max(known.taken, since)
            return counted
        }
        return snapshotUnusable || DeskSnapshot.isDue(at: position, now: now, last: last, byTime: snapshots == .byCaller)
    }
    private var firstLookedAt: Date?

    /// The desk as a snapshot to write now, for a whole desk (a console writes it on a worker
    /// thread, then says so with `snapshotWritten`); nil for a desk of a few calls.
    public func pendingSnapshot(now: Date) -> DeskSnapshot.Pending? {
        // Not while calls touched by events wait to be read back: it would hold them as retired.
        scope == .whole && state.awaitingHistory.isEmpty ? DeskSnapshot.Pending(state: state, position: position, taken: now) : nil
    }

    /// A snapshot from `pendingSnapshot` is stored: the next is due from it.
    public func snapshotWritten(_ pending: DeskSnapshot.Pending) {
        snapshotUnusable = false
        if knownSnapshot.map({ $0.epoch != pending.position.epoch || $0.sequence < pending.position.sequence }) ?? true {
            knownSnapshot = pending.known
        }
    }

    /// Writes a snapshot of the whole desk now. A desk of a few calls reads the whole desk
    /// first (from the snapshot it has, so only the events since). A failure is a warning: the
    /// journal holds everything, and the next start only reads more of it.
    public func writeSnapshot(now: Date) {
        // A whole desk waiting for calls' histories writes its own snapshot once it has them.
        if scope == .whole, !state.awaitingHistory.isEmpty { return }
        do {
            let pending: DeskSnapshot.Pending
            if let own = pendingSnapshot(now: now) {
                pending = own
            } else {
                let whole = try JournalDesk(log: log, scope: .whole, snapshots: .never)
                pending = DeskSnapshot.Pending(state: whole.state, position: whole.position, taken: now)
            }
            try pending.write(to: log)
            snapshotWritten(pending)
        } catch {
            warnings.append(JournalText.snapshotNotWritten(["problem": .message(error.text)]))
        }
    }
}
