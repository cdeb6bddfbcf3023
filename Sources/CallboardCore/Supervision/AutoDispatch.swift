import Foundation

/// Dispatch without a dispatcher (`callboard watch --auto-dispatch`): outside office hours an
/// unassigned call of an urgent level is offered to the best-ranked on-call engineer, who has a
/// set time to accept (`callboard accept CALL`); if they do not, the next is asked. Every step is
/// an event in the call's history, with the reasons.
public enum AutoDispatch {
    public static func due(in state: DeskState, at now: Date) -> [Change] {
        var changes: [Change] = []
        state.forEachOpenCall { call in
            guard call.technician == nil, call.isActive, !call.isPaused else { return }
            let policy = Timekeeper.policy(for: call, in: state)
            let rules = policy.desk.autoDispatch
            guard let level = call.intake.level, rules.levels.contains(level) else { return }
            if let request = call.dispatchRequest {
                if now >= request.until { changes.append(.requestLapsed(call.id, request.technician)) }
                return
            }
            // Only while the office is closed: in office hours a dispatcher assigns.
            if let office = policy.calendars[rules.outside], office.isOpen(at: now) { return }
            let ranked = AssignmentRanking.rank(for: call, in: state, at: now, zone: policy.zone, policy: policy)
            guard let best = ranked.first(where: { $0.onCall && !call.lapsed.contains($0.technician.id) }) else { return }
            let until = now.addingTimeInterval(Double(rules.acceptWithin))
            let asked = call.lapsed.isEmpty ? "best on-call engineer" : "next on-call engineer (\(call.lapsed.map(\.rawValue).joined(separator: ", ")) did not accept)"
            changes.append(.dispatchRequested(call.id, best.technician.id, until: until,
                                              reason: "\(asked): " + best.reasons.joined(separator: ", ")))
        }
        return changes
    }
}
