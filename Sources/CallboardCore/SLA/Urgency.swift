import Foundation

/// Orders calls the way a dispatcher should look at them: the soonest running deadline first
/// (so breached calls, whose deadlines are past, lead), then calls with nothing running (paused,
/// or every promise already kept), then resolved calls waiting to be closed.
public enum Urgency {
    public static func sorted(_ calls: [ServiceCall], in state: DeskState, timekeeper: Timekeeper, at now: Date) -> [ServiceCall] {
        calls.map { (key: key(for: $0, in: state, timekeeper: timekeeper, at: now), call: $0) }
            .sorted { $0.key < $1.key }
            .map(\.call)
    }

    static func key(for call: ServiceCall, in state: DeskState, timekeeper: Timekeeper, at now: Date) -> (Int, Double, Int) {
        if !call.isActive {
            return (2, (call.resolvedAt ?? call.receivedAt).timeIntervalSince1970, call.id.number)
        }
        let running = timekeeper.timers(for: call, in: state, at: now).filter { $0.state.isRunning }.compactMap(\.deadline)
        if let soonest = running.min() {
            return (0, soonest.timeIntervalSince1970, call.id.number)
        }
        return (1, call.receivedAt.timeIntervalSince1970, call.id.number)
    }
}
