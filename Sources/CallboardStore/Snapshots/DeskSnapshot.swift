import CallboardCore
import Foundation

/// Which calls a JournalDesk holds whole.
public enum DeskScope: Equatable, Sendable {
    /// Every live call: a console, the board, a supervision round, a listing.
    case whole
    /// The calls a command is about: everything else stays in the snapshot or the journal. With
    /// `units`, every unit's repair history too, so what the three guarantees say of these calls
    /// is true (`show`); without, it is not looked at (a command deciding an event).
    case calls(Set<CallID>, units: Bool = false)
}

/// When a JournalDesk writes snapshots.
public enum SnapshotWriting: Sendable {
    /// After its own writes, when one is due (`DeskSnapshot.isDue`): a command.
    case afterWrites
    /// Never by itself: the caller asks (`pendingSnapshot`) and writes it where it will not
    /// hold up a person (a console, on a worker thread).
    case byCaller
    /// Never (a benchmark, a check that must not change anything).
    case never
}

/// Snapshots of a desk: its state at a position of its log, so a process starts from the
/// newest and reads only the events after it. A snapshot is never trusted over the log: one
/// that is damaged, of another format or desk model, of another log (or of this one before a
/// compaction or repair), or past the log's end is ignored with a warning and the log replayed.
public enum DeskSnapshot {
    static var model: UInt32 { UInt32(DeskState.model) }
    /// A writer takes a new snapshot once this many events came after the last one…
    public static let everyEvents: UInt64 = 20_000
    /// …or once the last is this old and anything came after it, on a log large enough for
    /// a snapshot to save anything.
    public static let everySeconds: TimeInterval = 600
    public static let smallestLog: UInt64 = 1_000

    /// What a desk knows of the newest snapshot, to tell when the next is due.
    struct Known: Equatable {
        var sequence: UInt64
        var epoch: UInt64?
        var taken: Date
    }

    /// `byTime`: also when the last is `everySeconds` old. Only a process that holds the whole
    /// desk anyway and writes away from a person's wait (a console) goes by time; a command goes
    /// by events alone, so a dispatcher's `note` pays for a snapshot once in 20,000 events rather
    /// than whenever ten quiet minutes have passed.
    static func isDue(at position: LogPosition, now: Date, last: Known?, byTime: Bool = true) -> Bool {
        guard let last, last.epoch == position.epoch else { return position.sequence >= smallestLog }
        guard position.sequence > last.sequence else { return false }
        return position.sequence - last.sequence >= everyEvents || (byTime && now.timeIntervalSince(last.taken) >= everySeconds)
    }

    /// A desk started from the log's snapshot: its state (settled), where it stands, and what
    /// is known of the snapshot. nil, with a warning when there was one that could not be used,
    /// when the log must be read from its start.
    static func load(from log: any EventLog, scope: DeskScope) -> (loaded: (state: DeskState, position: LogPosition, known: Known)?, warning: Message?) {
        let stored: StoredSnapshot
        do {
            guard let found = try log.snapshot() else { return (nil, nil) }
            stored = found
        } catch {
            return (nil, JournalText.snapshotIgnored(["path": "\(log.location)", "problem": .message(error.text)]))
        }
        func ignored(_ problem: Message) -> (loaded: (state: DeskState, position: LogPosition, known: Known)?, warning: Message?) {
            (nil, JournalText.snapshotIgnored(["path": "\(stored.location)", "problem": .message(problem)]))
        }
        if let problem = stored.problem { return ignored(problem) }
        do {
            let reader = try SnapshotReader(stored.source, readWhole: scope == .whole)
            // The desk as it was: a snapshot taken after the moment may hold what was recorded
            // after it, so the log is read from its start instead (no warning: nothing is wrong).
            if let asOf = log as? AsOfLog, !asOf.admits(snapshotTakenAt: reader.taken) { return (nil, nil) }
            switch try log.fits(reader.position) {
            case .fits: break
            case .otherLog: return ignored(JournalText.snapshotForeign())
            case .pastEnd: return ignored(JournalText.snapshotAhead())
            }
            guard try log.historyCheck(at: reader.position) == reader.check else { return ignored(JournalText.snapshotOtherHistory()) }
            let state: DeskState
            switch scope {
            case .whole:
                state = DeskState(standing: try reader.standing(units: nil), chunks: try reader.calls(nil))
            case .calls(let wanted, let units):
                state = DeskState(standing: try reader.standing(units: units ? nil : []), chunks: try reader.calls(Set(wanted.map(\.number))),
                                  indexingUnits: units)
            }
            return ((state, reader.position, Known(sequence: reader.position.sequence, epoch: reader.position.epoch, taken: reader.taken)), nil)
        } catch let problem as SnapshotProblem {
            return ignored(problem.text)
        } catch let error as JournalError {
            return ignored(error.text)
        } catch {
            return ignored(JournalText.snapshotDamaged())
        }
    }

    /// A snapshot ready to be written: the desk (whole, settled) at a position.
    public struct Pending: Sendable {
        let state: DeskState
        let position: LogPosition
        let taken: Date

        /// Encodes and stores it (a console does this on a worker thread).
        public func write(to log: any EventLog) throws(JournalError) {
            try log.storeSnapshot(SnapshotFormat.encode(state, at: position, check: try log.historyCheck(at: position), taken: taken), at: position)
        }

        var known: Known { Known(sequence: position.sequence, epoch: position.epoch, taken: taken) }
    }
}

/// What `journal verify` found of the snapshot.
public enum SnapshotCheck: Sendable {
    case none
    /// The snapshot and the log after it give the desk a replay from the start gives.
    case matches(sequence: UInt64)
    /// Not used by any desk (damaged, of another log, …): the message says why.
    case unusable(Message)
    /// Used, but it does not give the desk the log does: a desk started from it is wrong.
    case differs(Message)

    public var isProblem: Bool {
        switch self {
        case .none, .matches: false
        case .unusable, .differs: true
        }
    }
}

extension DeskSnapshot {
    /// Compares the desk as a start from the snapshot gives it with the desk replayed from the
    /// log's start (`journal verify`).
    public static func check(_ log: any EventLog) throws(JournalError) -> SnapshotCheck {
        guard let stored = try log.snapshot() else { return .none }
        // A write between the two reads moves the end: read both again.
        for _ in 0..<3 {
            let replayed = try JournalDesk(log: log, fromSnapshot: false, snapshots: .never)
            let started = try JournalDesk(log: log, fromSnapshot: true, snapshots: .never)
            guard let from = started.startedFrom else {
                return .unusable(started.warnings.first ?? JournalText.snapshotDamaged())
            }
            guard started.position == replayed.position else { continue }
            let differences = started.state.differences(from: replayed.state)
            if differences.isEmpty { return .matches(sequence: from) }
            let parts = differences.map { difference -> Message in
                switch difference {
                case .policies: JournalText.partPolicies()
                case .roster: JournalText.partRoster()
                case .counters: JournalText.partCounters()
                case .retired: JournalText.partRetired()
                case .unitVisits: JournalText.partUnits()
                case .customers: JournalText.partCustomers()
                case .call(let id): JournalText.partCall(["call": "\(id)"])
                }
            }
            return .differs(JournalText.snapshotDiffers(["path": "\(stored.location)", "what": .message(JournalText.list(parts[0], Array(parts.dropFirst())))]))
        }
        return .unusable(JournalText.snapshotBusy())
    }

    /// Takes a snapshot from the whole log read from its start (`journal snapshot`): the way
    /// to replace one that `journal verify` found wrong. Returns where the desk stood.
    public static func take(of log: any EventLog, now: Date) throws(JournalError) -> LogPosition {
        let desk = try JournalDesk(log: log, fromSnapshot: false, snapshots: .never)
        try Pending(state: desk.state, position: desk.position, taken: now).write(to: log)
        return desk.position
    }
}
