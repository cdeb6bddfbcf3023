import Foundation

/// How one of a call's timers would stand at an instant before and after some events: what a
/// dispatcher is about to change (fixing a call nobody visited stops its on-site promise too;
/// relevelling moves deadlines).
public struct TimerChange: Equatable, Sendable {
    public var name: TimerName
    public var before: TimerState?
    public var after: TimerState?
    /// The deadline before and after, when the events move it (nil: unchanged, or none).
    public var dueBefore: Date?
    public var dueAfter: Date?
    /// Stopped by a fix made without a visit.
    public var withoutVisit: Bool

    /// Whether the events move the deadline.
    public var movesDeadline: Bool { dueBefore != dueAfter }
}

extension DeskState {
    /// The timers of call `id` whose state at `now` the events would change, in policy order.
    public func timerChanges(of id: CallID, applying events: [Event], at now: Date) -> [TimerChange] {
        guard let before = calls[id] else { return [] }
        var next = self
        for event in events { next.apply(event) }
        guard let after = next.calls[id] else { return [] }
        func states(_ call: ServiceCall, in desk: DeskState) -> [(name: TimerName, state: TimerState, due: Date?)] {
            SLAEngine.schedules(for: call, policy: Timekeeper.policy(for: call, in: desk)).map { ($0.name, $0.state(at: now), $0.deadline) }
        }
        let old = states(before, in: self), new = states(after, in: next)
        var changes: [TimerChange] = []
        for name in (old.map(\.name) + new.map(\.name)) where !changes.contains(where: { $0.name == name }) {
            let was = old.first { $0.name == name }, will = new.first { $0.name == name }
            // A deadline counts as moved only while both have one (pausing clears it, a new timer starts one).
            let moved = was?.due != nil && will?.due != nil && was?.due != will?.due
            guard was?.state != will?.state || moved else { continue }
            let withoutVisit = name == .onsite && after.arrivedAt == nil && after.resolvedAt != nil && (will?.state.isStopped ?? false)
            changes.append(TimerChange(name: name, before: was?.state, after: will?.state, dueBefore: moved ? was?.due : nil,
                                       dueAfter: moved ? will?.due : nil, withoutVisit: withoutVisit))
        }
        return changes
    }
}
