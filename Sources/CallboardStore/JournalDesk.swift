import CallboardCore
import Foundation

/// The desk as replayed from a journal, kept up to date with what others append, and the one
/// way to change it: `perform` validates a command against the latest state while holding the
/// writers' lock, so two dispatchers can never overwrite each other.
public final class JournalDesk {
    public let journal: Journal
    public private(set) var state = DeskState()
    public private(set) var position = JournalPosition.start
    /// Messages for a person about repairs made while writing (a torn tail set aside).
    public private(set) var warnings: [String] = []
    /// The last look (with `wait: false`) found a writer holding the lock: look again soon.
    public private(set) var writerBusy = false

    /// Replays the whole journal; an absent journal is an empty desk.
    public init(journal: Journal) throws(JournalError) {
        self.journal = journal
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
        let outcome = try journal.follow(after: position, wait: wait) { event, after in
            state.apply(event)
            position = after
            count += 1
            observe(event)
        }
        position = outcome.position
        writerBusy = outcome.writerBusy
        return count
    }

    /// Carries out `command` as of the latest state of the journal and records its events
    /// (the last is the command's own; a policy adoption may precede it). They are
    /// acknowledged (returned) only once they are on disk.
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

    /// Catches up under the writers' lock, asks `decide` for events given the latest state, and
    /// appends them in one synced write (a group commit when there are several).
    /// If the journal was compacted or repaired since this desk read it, the desk reads the new
    /// file and the command is decided again against it.
    @discardableResult
    public func record(now: Date, _ decide: (DeskState) throws -> [Event]) throws -> [Event] {
        do {
            return try appendOnce(now: now, decide)
        } catch let error as JournalError where error.kind == .superseded {
            try reload()
            return try appendOnce(now: now, decide)
        }
    }

    /// Reads the journal again from the start (after it was compacted or repaired). With
    /// `wait: false` it gives up (returning false, the desk as it was) while a writer holds the
    /// lock, so a console never freezes behind a stalled command.
    @discardableResult
    public func reload(wait: Bool = true) throws(JournalError) -> Bool {
        var fresh = DeskState()
        var freshPosition = JournalPosition.start
        let outcome = try journal.follow(after: .start, wait: wait) { event, after in
            fresh.apply(event)
            freshPosition = after
        }
        if outcome.writerBusy { return false }
        state = fresh
        position = outcome.position
        _ = freshPosition
        return true
    }

    private func appendOnce(now: Date, _ decide: (DeskState) throws -> [Event]) throws -> [Event] {
        let result = try journal.append(after: position, now: now) { caughtUp in
            // Take in what others wrote even if `decide` refuses, so a refusal leaves this desk
            // up to date (and the next refresh does not apply the same events twice).
            for event in caughtUp.events { state.apply(event) }
            position = caughtUp.position
            return try decide(state)
        }
        for event in result.appended { state.apply(event) }
        position = result.position
        warnings += result.warnings
        return result.appended
    }
}
