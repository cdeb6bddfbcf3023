import CallboardCore
import Foundation

extension JournalDesk {
    /// Records the escalations due now (and, with `autoDispatch`, the dispatch requests and
    /// lapses), deciding again under the writers' lock against the latest journal so each is
    /// written exactly once whichever console or watcher gets there first. Returns the events
    /// this process wrote: it, and only it, sends their notifications.
    @discardableResult
    public func superviseOnce(now: Date, actor: String, autoDispatch: Bool, timekeeper: Timekeeper = Timekeeper()) throws -> [Event] {
        // A cheap look first, without the lock: most seconds nothing is due.
        guard !Self.due(in: state, at: now, timekeeper: timekeeper, autoDispatch: autoDispatch).isEmpty else { return [] }
        return try record(now: now) { latest in
            Self.due(in: latest, at: now, timekeeper: timekeeper, autoDispatch: autoDispatch).map { change in
                Event(occurredAt: now, recordedAt: now, actor: actor, change: change)
            }
        }
    }

    static func due(in state: DeskState, at now: Date, timekeeper: Timekeeper, autoDispatch: Bool) -> [Change] {
        Escalations.due(in: state, at: now, timekeeper: timekeeper) + (autoDispatch ? AutoDispatch.due(in: state, at: now) : [])
    }
}
