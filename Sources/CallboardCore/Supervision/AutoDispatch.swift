import Foundation

/// Dispatch without a dispatcher (`callboard watch --auto-dispatch`): outside office hours an
/// unassigned call of an urgent level is offered to the best-ranked on-call engineer, who has a
/// set time to accept (`callboard accept CALL`); if they do not, the next is asked, and once all
/// of them have let it lapse the duty supervisor is told. Every step is an event in the call's
/// history, with the reasons.
public enum AutoDispatch {
    /// The escalation step raised when a full round of offers lapsed (who is told: the
    /// policy's `auto_dispatch.unaccepted`, the duty supervisor unless it says otherwise).
    public static let unacceptedStep = "no one accepted"

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
            func onCall() -> [AssignmentCandidate] {
                AssignmentRanking.rank(for: call, in: state, at: now, zone: policy.zone, policy: policy).filter(\.onCall)
            }
            if let request = call.dispatchRequest {
                // An offer ends when it lapses, or when the call no longer qualifies (paused,
                // releveled): it never hangs open.
                guard now >= request.until || call.isPaused || !wanted else { return }
                changes.append(.requestLapsed(call.id, request.technician))
                // The engineer let it lapse: if that was the last of a round, the supervisor
                // hears of it now rather than when the next round starts.
                if now >= request.until, wanted, !call.isPaused,
                   let escalation = unaccepted(call, lapsing: request.technician, onCall: onCall(), rules: rules) {
                    changes.append(escalation)
                }
                return
            }
            guard wanted, !call.isPaused else { return }
            // Only while the office is closed: in office hours a dispatcher assigns.
            if rules.outside != "always", let office = policy.calendars[rules.outside], office.isOpen(at: now) { return }
            let ranked = onCall()
            // A round that ended without anyone being told (the journal of an older callboard,
            // or an engineer who came off call) is told before the next round starts.
            if let escalation = unaccepted(call, lapsing: nil, onCall: ranked, rules: rules) { changes.append(escalation) }
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
            let round: OfferReason.Round = asked.isEmpty ? .first
                : ranked.allSatisfy({ asked[$0.technician.id] != nil }) ? .again : .next(notAccepted: call.lapsed)
            changes.append(.dispatchRequested(call.id, best.technician.id, until: until,
                                              reason: OfferReason(round: round, candidate: best, call: call).encoded))
        }
        return changes
    }

    /// The escalation owed once every on-call engineer who could take the call has been asked
    /// and let the offer lapse (`lapsing`: the one whose offer lapses now): a round of offers
    /// going unanswered means nobody is coming, and offering it round and round would tell no
    /// one. Raised once per call; `repeat` and `ack` take it from there (Escalations).
    static func unaccepted(_ call: ServiceCall, lapsing: TechnicianID?, onCall: [AssignmentCandidate],
                           rules: DeskRules.AutoDispatch) -> Change? {
        guard !onCall.isEmpty, !call.escalations.contains(where: { $0.step == unacceptedStep && $0.timer == nil }) else { return nil }
        let lapsed = letLapse(call).union([lapsing].compactMap { $0 })
        guard onCall.allSatisfy({ lapsed.contains($0.technician.id) }) else { return nil }
        return .escalated(call.id, step: unacceptedStep, timer: nil, notify: rules.unaccepted)
    }

    /// The engineers who let an offer of the call run out: not those whose offer ended early
    /// because the call was paused or releveled (they were never given the time to answer).
    static func letLapse(_ call: ServiceCall) -> Set<TechnicianID> {
        var until: [TechnicianID: Date] = [:]
        var out: Set<TechnicianID> = []
        for event in call.history {
            switch event.change {
            case .dispatchRequested(_, let tech, let by, _): until[tech] = by
            case .requestLapsed(_, let tech): if let by = until[tech], event.occurredAt >= by { out.insert(tech) }
            default: break
            }
        }
        return out
    }

    /// Whether a call escalated because nobody accepted still waits for an engineer: alerting
    /// again stops once someone has it, or it no longer needs one at night (paused, releveled).
    static func stillUnaccepted(_ call: ServiceCall, rules: DeskRules.AutoDispatch) -> Bool {
        call.technician == nil && !call.isPaused && (call.intake.level.map { rules.levels.contains($0) } ?? false)
    }
}
