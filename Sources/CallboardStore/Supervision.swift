import CallboardCore
import Foundation

extension JournalDesk {
    /// Records the escalations due now (and, with `autoDispatch`, the dispatch requests and
    /// lapses), deciding again under the writers' lock against the latest journal so each is
    /// written exactly once whichever console or watcher gets there first. Returns the events
    /// this process wrote: it, and only it, sends their notifications. `agenda`: both looks ask
    /// only the calls it says may have something new (a console's or watcher's, kept from one
    /// look to the next).
    @discardableResult
    public func superviseOnce(now: Date, actor: String, autoDispatch: Bool, timekeeper: Timekeeper = Timekeeper(),
                              agenda: TickAgenda? = nil) throws -> [Event] {
        // A cheap look first, without the lock: most seconds nothing is due.
        let cheap = agenda.map { $0.escalationsDue(in: state, at: now, timekeeper: timekeeper) + (autoDispatch ? AutoDispatch.due(in: state, at: now) : []) }
            ?? Self.due(in: state, at: now, timekeeper: timekeeper, autoDispatch: autoDispatch)
        guard !cheap.isEmpty else { return [] }
        return try record(now: now) { latest in
            // Decided again against the latest journal (another process may have written): the
            // agenda takes in the calls that changed and asks them, and those still due.
            let due = agenda.map { $0.escalationsDue(in: latest, at: now, timekeeper: timekeeper) + (autoDispatch ? AutoDispatch.due(in: latest, at: now) : []) }
                ?? Self.due(in: latest, at: now, timekeeper: timekeeper, autoDispatch: autoDispatch)
            return due.map { change in
                Event(occurredAt: now, recordedAt: now, actor: actor, change: change)
            }
        }
    }

    static func due(in state: DeskState, at now: Date, timekeeper: Timekeeper, autoDispatch: Bool) -> [Change] {
        Escalations.due(in: state, at: now, timekeeper: timekeeper) + (autoDispatch ? AutoDispatch.due(in: state, at: now) : [])
    }
}

/// One round of supervision, the same for every console and for `watch`: record what is due
/// now (exactly once, however many processes look), say whose messages this process sends, and
/// record how they went. The sending itself (a command, with a timeout) is the caller's: the
/// console does it away from the screen, `watch` in line.
public struct SupervisionRound: Sendable {
    public var actor: String
    public var autoDispatch: Bool
    /// Also send the messages others recorded but never sent (a console that quit first):
    /// `watch` does, so no escalation goes untold.
    public var sendsUnsent: Bool

    public init(actor: String, autoDispatch: Bool, sendsUnsent: Bool) {
        self.actor = actor
        self.autoDispatch = autoDispatch
        self.sendsUnsent = sendsUnsent
    }

    /// Records what is due at `now`: the events this look wrote, and those whose messages this
    /// process sends.
    public func look(_ desk: JournalDesk, now: Date, timekeeper: Timekeeper, agenda: TickAgenda? = nil) throws -> (written: [Event], toSend: [Event]) {
        let written = try desk.superviseOnce(now: now, actor: actor, autoDispatch: autoDispatch, timekeeper: timekeeper, agenda: agenda)
        let unsent = sendsUnsent ? UnsentNotifications.events(in: desk.state, at: now).filter { !written.contains($0) } : []
        return (written, written + unsent)
    }

    /// Records how the messages went (`call.notified`), stamped when the attempts ended.
    @discardableResult
    public func recordOutcomes(_ outcomes: [Change], in desk: JournalDesk, at instant: Date) throws -> [Event] {
        guard !outcomes.isEmpty else { return [] }
        return try desk.record(now: instant) { _ in
            outcomes.map { Event(occurredAt: instant, recordedAt: instant, actor: actor, change: $0) }
        }
    }
}
