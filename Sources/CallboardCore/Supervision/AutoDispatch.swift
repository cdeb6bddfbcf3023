import Foundation

/// Dispatch without a dispatcher (`callboard watch --auto-dispatch`): outside office hours an
/// unassigned call of an urgent level is offered to the best-ranked on-call engineer, who has a
/// set time to accept (`callboard accept CALL`); if they do not, the next is asked. Every step is
/// an event in the call's history, with the reasons.
public enum AutoDispatch {
    public static func due(in state: DeskState, at now: Date) -> [Change] {
        var changes: [Change] = []
        // Offers waiting for an answer count as load: calls arriving together are spread out.
        var offered: [TechnicianID: Int] = [:]
        state.forEachOpenCall { call in if let request = call.dispatchRequest { offered[request.technician, default: 0] += 1 } }
        state.forEachOpenCall { call in
            guard call.technician == nil, call.isActive else { return }
            // The desk's rules as they stand now (changing the rules needs no retime of calls).
            let policy = state.currentPolicy ?? Timekeeper.policy(for: call, in: state)
            let rules = policy.desk.autoDispatch
            let wanted = call.intake.level.map { rules.levels.contains($0) } ?? false
            if let request = call.dispatchRequest {
                // An offer ends when it lapses, or when the call no longer qualifies (paused,
                // releveled): it never hangs open.
                if now >= request.until || call.isPaused || !wanted { changes.append(.requestLapsed(call.id, request.technician)) }
                return
            }
            guard wanted, !call.isPaused else { return }
            // Only while the office is closed: in office hours a dispatcher assigns.
            if rules.outside != "always", let office = policy.calendars[rules.outside], office.isOpen(at: now) { return }
            let ranked = AssignmentRanking.rank(for: call, in: state, at: now, zone: policy.zone, policy: policy).filter(\.onCall)
            // Each on-call engineer in turn; when all have let it lapse, a new round from the
            // one asked fewest times.
            let asked = Dictionary(call.history.compactMap { event -> (TechnicianID, Int)? in
                if case .requestLapsed(_, let tech) = event.change { return (tech, 1) }
                return nil
            }, uniquingKeysWith: +)
            func load(_ c: AssignmentCandidate) -> (Int, Int) { (asked[c.technician.id] ?? 0, c.openJobs + (offered[c.technician.id] ?? 0)) }
            guard let best = ranked.min(by: { load($0) < load($1) }) else { return }
            offered[best.technician.id, default: 0] += 1
            let until = now.addingTimeInterval(Double(rules.acceptWithin))
            let round = asked.isEmpty ? "best on-call engineer"
                : ranked.allSatisfy({ asked[$0.technician.id] != nil }) ? "no on-call engineer accepted; asking again, from the one asked least"
                : "next on-call engineer (\(call.lapsed.map(\.rawValue).joined(separator: ", ")) did not accept)"
            changes.append(.dispatchRequested(call.id, best.technician.id, until: until,
                                              reason: "\(round): " + best.reasons.joined(separator: ", ")))
        }
        return changes
    }
}
