import CallboardCore
import Foundation

/// The desk as replayed from its log, kept up to date with what others append, and the one
/// way to change it: every command is decided against the latest state while the log's writers'
/// lock is held, so two dispatchers can never overwrite each other.
public final class JournalDesk {
    public let log: any EventLog
    public private(set) var state = DeskState()
    public private(set) var position = LogPosition.start
    /// Messages for a person about repairs made while writing (a torn tail set aside).
    public private(set) var warnings: [Message] = []
    /// The last look (with `wait: false`) found a writer holding the lock: look again soon.
    public private(set) var writerBusy = false
    /// What others had appended that the latest write took in under the lock before deciding,
    /// kept even when that write was refused or failed: a caller with its own copy of the desk
    /// (a console) learns of them from here, since the next refresh finds nothing new.
    public private(set) var caughtUpByLastWrite: [Event] = []

    /// Replays the whole log; a log that is not there yet is an empty desk.
    public init(log: any EventLog) throws(JournalError) {
        self.log = log
        try refresh()
    }

    /// Applies events others have appended since the last look; returns how many there were.
    /// With `wait: false` (the console's polling), a look that would wait for a writer finds
    /// nothing and the next look takes it in.
    @discardableResult
    public func refresh(wait: Bool = true, seeing observe: (Event) -> Void = { _ in }) throws(JournalError) -> Int {
        var count = 0
        // Position moves with each event, so a read that fails part way leaves the desk
        // consistent with what it took in.
        let outcome = try log.read(after: position, wait: wait) { event, after in
            state.apply(event)
            position = after
            count += 1
            observe(event)
        }
        position = outcome.position
        writerBusy = outcome.writerBusy
        return count
    }

    /// Carries out `command` as of the latest state of the log and records its events (the
    /// last is the command's own; a policy adoption may precede it). They are acknowledged
    /// (returned) only once they are durable.
    @discardableResult
    public func perform(_ command: Command, _ context: CommandContext) throws -> [Event] {
        try record(now: context.now) { state in try state.decide(command, context) }
    }

    /// The same, for a command given now: its time is read from `clock` under the writers'
    /// lock, after catching up, so a dispatcher who waited for the lock while someone else
    /// wrote is never refused for "a time before the call's last event".
    @discardableResult
    public func perform(_ command: Command, clock: any DeskClock, context: (Date) -> CommandContext) throws -> [Event] {
        try record(now: clock.now()) { state in try state.decide(command, context(clock.now())) }
    }

    /// Records `decided`: the events `command` gave when the caller decided it against this desk
    /// as it stood at `position` (the console decides on its own copy of the state, once, without
    /// holding the lock). If nothing was written since, they are appended as they are; if others
    /// wrote meanwhile (or the log was compacted or repaired), `command` is decided again against
    /// the latest state, its time read from `clock` under the lock, exactly as `perform` does.
    @discardableResult
    public func perform(_ command: Command, decided: [Event], at position: LogPosition, clock: any DeskClock,
                        context: (Date) -> CommandContext) throws -> [Event] {
        try record(now: clock.now()) { state in
            self.position == position ? decided : try state.decide(command, context(clock.now()))
        }
    }

    /// Catches up under the writers' lock, asks `decide` for events given the latest state, and
    /// appends them in one durable write (a group commit when there are several). If the log
    /// was compacted or repaired since this desk read it, the desk reads it again and the
    /// command is decided again against it.
    @discardableResult
    public func record(now: Date, _ decide: (DeskState) throws -> [Event]) throws -> [Event] {
        do {
            return try appendOnce(now: now, decide)
        } catch let error as JournalError where error.kind == .superseded {
            try reload()
            return try appendOnce(now: now, decide)
        }
    }

    /// Reads the log again from the start (after it was compacted or repaired). With
    /// `wait: false` it gives up (returning false, the desk as it was) while a writer holds the
    /// lock, so a console never freezes behind a stalled command.
    @discardableResult
    public func reload(wait: Bool = true) throws(JournalError) -> Bool {
        var fresh = DeskState()
        let outcome = try log.read(after: .start, wait: wait) { event, _ in fresh.apply(event) }
        if outcome.writerBusy { return false }
        state = fresh
        position = outcome.position
        return true
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
        return result.appended
    }
}
