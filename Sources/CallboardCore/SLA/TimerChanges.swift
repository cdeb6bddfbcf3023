import Foundation

/// How one of a call's timers would stand at an instant before and after some events: what a
/// dispatcher is about to change (fixing a call nobody visited stops its on-site promise too).
public struct TimerChange: Equatable, Sendable {
    public var name: TimerName
    public var before: TimerState?
    public var after: TimerState?
    /// Stopped by a fix made without a visit.
    public var withoutVisit: Bool
}

extension DeskState {
    /// The timers of call `id` whose state at `now` the events would change, in policy order.
    public func timerChanges(of id: CallID, applying events: [Event], at now: Date) -> [TimerChange] {
        guard let before = calls[id] else { return [] }
        var next = self
        for event in events { next.apply(event) }
        guard let after = next.calls[id] else { return [] }
        func states(_ call: ServiceCall, in desk: DeskState) -> [(TimerName, TimerState)] {
            SLAEngine.schedules(for: call, policy: Timekeeper.policy(for: call, in: desk)).map { ($0.name, $0.state(at: now)) }
        }
        let old = states(before, in: self), new = states(after, in: next)
        var changes: [TimerChange] = []
        for name in (old.map(\.0) + new.map(\.0)) where !changes.contains(where: { $0.name == name }) {
            let was = old.first { $0.0 == name }?.1, will = new.first { $0.0 == name }?.1
            guard was != will else { continue }
            let withoutVisit = name == .onsite && after.arrivedAt == nil && after.resolvedAt != nil && (will?.isStopped ?? false)
            changes.append(TimerChange(name: name, before: was, after: will, withoutVisit: withoutVisit))
        }
        return changes
    }
}
