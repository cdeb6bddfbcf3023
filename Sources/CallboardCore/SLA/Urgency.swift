import Foundation

/// Orders calls the way a dispatcher should look at them: the soonest running deadline first
/// (so breached calls, whose deadlines are past, lead), then calls with nothing running (paused,
/// or every promise already kept), then resolved calls waiting to be closed.
public enum Urgency {
    public static func sorted(_ calls: [ServiceCall], in state: DeskState, timekeeper: Timekeeper, at now: Date) -> [ServiceCall] {
        order(calls, in: state, timekeeper: timekeeper, at: now).compactMap { state.calls[$0] }
    }

    /// The calls' IDs, most urgent first. Sorts small (key, ID) pairs rather than whole calls:
    /// the console orders every open call each second.
    public static func order(_ calls: some Sequence<ServiceCall>, in state: DeskState, timekeeper: Timekeeper, at now: Date) -> [CallID] {
        ordered(in: state, timekeeper: timekeeper, at: now) { visit in calls.forEach(visit) }
    }

    /// The desk's open calls, most urgent first, without copying any of them.
    public static func openOrder(in state: DeskState, timekeeper: Timekeeper, at now: Date) -> [CallID] {
        var keyed: [(key: (Int, Double, Int), id: CallID)] = []
        // Straight over the table, each call lent in place (a closure handed on copies it).
        state.calls.forEachChunk { calls, _ in
            guard let base = calls.baseAddress else { return }
            for index in 0..<calls.count where base[index].closedAt == nil {
                keyed.append((key(for: base[index], in: state, timekeeper: timekeeper, at: now), base[index].id))
            }
        }
        keyed.sort { $0.key < $1.key }
        return keyed.map(\.id)
    }

    /// Keys every call `each` visits and sorts the IDs by them.
    private static func ordered(in state: DeskState, timekeeper: Timekeeper, at now: Date,
                                _ each: ((ServiceCall) -> Void) -> Void) -> [CallID] {
        var keyed: [(key: (Int, Double, Int), id: CallID)] = []
        each { call in keyed.append((key(for: call, in: state, timekeeper: timekeeper, at: now), call.id)) }
        keyed.sort { $0.key < $1.key }
        return keyed.map(\.id)
    }

    static func key(for call: ServiceCall, in state: DeskState, timekeeper: Timekeeper, at now: Date) -> (Int, Double, Int) {
        if !call.isActive {
            return (2, (call.resolvedAt ?? call.receivedAt).timeIntervalSince1970, call.id.number)
        }
        var soonest: Date?
        for schedule in timekeeper.schedules(for: call, in: state) where schedule.state(at: now).isRunning {
            if let deadline = schedule.deadline, soonest.map({ deadline < $0 }) ?? true { soonest = deadline }
        }
        if let soonest {
            return (0, soonest.timeIntervalSince1970, call.id.number)
        }
        return (1, call.receivedAt.timeIntervalSince1970, call.id.number)
    }
}
