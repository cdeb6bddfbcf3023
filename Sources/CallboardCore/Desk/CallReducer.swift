import Foundation

extension ServiceCall {
    /// The call as its events leave it (its history, oldest first); nil if they do not begin
    /// with its receipt. A call's state depends on its own events alone, which is what lets a
    /// desk put an old call aside and read it back from the journal when it is asked for.
    public init?(replaying history: [Event]) {
        guard let first = history.first, case .callReceived(let id, let intake, let policy) = first.change else { return nil }
        var call = ServiceCall(received: first, id: id, intake: intake, policy: policy)
        for event in history.dropFirst() { call.absorb(event) }
        // The history is these very events: taken whole, not appended again one by one.
        call.history = history
        self = call
    }

    /// A call as its receipt starts it.
    init(received event: Event, id: CallID, intake: CallIntake, policy: Int?) {
        self.init(id: id, intake: intake, receivedAt: event.occurredAt, history: [])
        // Most calls gather about eight events: one allocation instead of four on replay.
        history.reserveCapacity(8)
        history.append(event)
        policyNumber = policy
    }

    /// The call's part of the reducer: what one of its events (after its receipt) changes.
    mutating func apply(_ event: Event) {
        absorb(event)
        history.append(event)
    }

    /// What the event changes of the call's facts, its history aside.
    private mutating func absorb(_ event: Event) {
        let at = event.occurredAt
        switch event.change {
        case .responded:
            respondedAt = at
        case .assigned(_, let technician, _):
            self.technician = technician
            assignedAt = at
            departedAt = nil
            // A new assignment waits for its own acceptance.
            if acceptedAt != nil { acceptedAt = nil }
            // A dispatcher's choice ends any automatic offer.
            if dispatchRequest != nil { dispatchRequest = nil }
        case .departed:
            departedAt = at
            endPause(at: at)
        case .arrived:
            arrivedAt = at
            endPause(at: at)
        case .resolved:
            resolvedAt = at
            endPause(at: at)
            if dispatchRequest != nil { dispatchRequest = nil }
        case .closed:
            closedAt = at
            endPause(at: at)
        case .paused(_, let reason):
            if !isPaused { pauses.append(Pause(start: at, reason: reason)) }
        case .resumed:
            endPause(at: at)
        case .releveled(_, let level, _, _):
            intake.level = level
        case .retimed(_, let policy, _):
            policyNumber = policy
        case .escalated(_, let step, let timer, let notify):
            escalations.append(EscalationRecord(step: step, timer: timer, notify: notify, at: at, lastAlertAt: at, alerts: 1))
        case .realerted(_, let step, let timer):
            for index in escalations.indices where escalations[index].step == step && escalations[index].timer == timer {
                escalations[index].lastAlertAt = at
                escalations[index].alerts += 1
            }
        case .acknowledged:
            for index in escalations.indices where escalations[index].acknowledgedAt == nil {
                escalations[index].acknowledgedAt = at
                escalations[index].acknowledgedBy = event.actor
            }
        case .dispatchRequested(_, let technician, let until, _):
            dispatchRequest = (technician, until)
        case .requestLapsed(_, let technician):
            dispatchRequest = nil
            if !lapsed.contains(technician) { lapsed.append(technician) }
        case .accepted(_, let technician):
            acceptedAt = at
            // The engineer assigned taking the job changes nothing else; an offer accepted is
            // the assignment itself, accepted as it is made.
            guard self.technician != technician else { break }
            self.technician = technician
            assignedAt = at
            departedAt = nil
            dispatchRequest = nil
        case .cancelled:
            closedAt = at
            cancelled = true
            dispatchRequest = nil
            endPause(at: at)
        case .reopened:
            closedAt = nil
            resolvedAt = nil
            cancelled = false
        case .unitReplaced:
            unitReplacedAt = at
        case .followedUp(_, _, _, let reopens):
            // What the follow-ups say is read from the history (FollowUps.satisfaction); an
            // unhappy customer's score opens the call again, as a reopening does.
            if reopens {
                closedAt = nil
                resolvedAt = nil
                cancelled = false
            }
        case .unreachable:
            break
        case .noted, .notified, .callReceived, .policyAdopted, .technicianAdded, .technicianEdited, .technicianOnLeave,
             .technicianRetired, .technicianRota, .compacted, .repaired, .customerAdded, .customerEdited, .unitRecorded, .unitServiced:
            break
        }
    }
}

extension Change {
    /// Whether it changes what the three guarantees know of the call's unit (UnitVisit).
    var changesUnitVisit: Bool {
        switch self {
        case .resolved, .cancelled, .reopened, .unitReplaced: true
        default: false
        }
    }
}

extension Change {
    /// Whether it shows the job moving on, for a stalled call's `progress` timer (Milestone
    /// .progressed): the engineer's and the desk's work on the job — an assignment, its
    /// acceptance, departing, arriving, a note, a pause or its end, a reopening, a replaced unit.
    /// Not the desk's chasing of it (an escalation, its alerts, an acknowledgement, a message
    /// sent): otherwise the escalation of a stalled call would start its own timer again; nor a
    /// new level or policy, which re-times the call but does nothing to the job.
    public var countsAsProgress: Bool {
        switch self {
        case .assigned, .accepted, .departed, .arrived, .noted, .paused, .resumed, .reopened, .unitReplaced: true
        default: false
        }
    }
}
