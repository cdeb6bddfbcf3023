import Foundation

/// Orders calls the way a dispatcher should look at them: the soonest running deadline first
/// (so breached calls, whose deadlines are past, lead), then calls with nothing running, then
/// resolved calls waiting to be closed.
public enum Urgency {
    public static func sorted(_ calls: [ServiceCall], promises: ServicePromises, at now: Date) -> [ServiceCall] {
        let keyed = calls.map { call -> (key: (Int, Double, Int), call: ServiceCall) in
            (key(for: call, promises: promises, at: now), call)
        }
        return keyed.sorted { a, b in a.key < b.key }.map(\.call)
    }

    static func key(for call: ServiceCall, promises: ServicePromises, at now: Date) -> (Int, Double, Int) {
        if !call.isActive {
            return (2, (call.resolvedAt ?? call.receivedAt).timeIntervalSince1970, call.id.number)
        }
        let running = promises.timers(for: call, at: now).filter { $0.state.isRunning }.map(\.deadline)
        if let soonest = running.min() {
            return (0, soonest.timeIntervalSince1970, call.id.number)
        }
        return (1, call.receivedAt.timeIntervalSince1970, call.id.number)
    }
}
