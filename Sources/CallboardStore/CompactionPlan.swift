import CallboardCore
import Foundation

/// What a compaction keeps and what it moves, worked out from the whole log's events, the same
/// for every way of keeping the log (README, "Looking after it"): calls closed before the cutoff
/// go to an archive with the policies and roster (so it replays on its own); the rest stays,
/// after a compaction record naming the archive. Nothing is dropped.
struct CompactionPlan {
    let events: [Event]
    let state: DeskState
    let archived: Set<CallID>
    /// The archived calls' events.
    let archiveEvents: [Event]
    /// What the archive holds: the archived calls' events with the policies and roster.
    let archiveOrder: [Event]
    /// What stays, after the compaction record. Earlier compaction and repair records stay: they
    /// name older archives.
    let kept: [Event]

    init(_ events: [Event], archiveClosedBefore cutoff: Date?) {
        self.events = events
        state = DeskState(replaying: events)
        var archived = Set<CallID>()
        if let cutoff {
            state.calls.forEach { call in
                if let closed = call.closedAt, closed < cutoff { archived.insert(call.id) }
            }
        }
        self.archived = archived
        archiveEvents = events.filter { $0.change.call.map(archived.contains) ?? false }
        archiveOrder = events.filter { event in event.change.call.map(archived.contains) ?? !event.change.isCompaction }
        kept = events.filter { event in event.change.call.map { !archived.contains($0) } ?? true }
    }

    /// The record the compacted log begins with; `archive` is how it names the archive.
    func marker(now: Date, actor: String, archive: String?) -> Event {
        Event(occurredAt: now, recordedAt: now, actor: actor,
              change: .compacted(Compaction(nextCallNumber: state.nextCallNumber, eventsBefore: events.count,
                                            archivedCalls: archived.count, archive: archive)))
    }
}
