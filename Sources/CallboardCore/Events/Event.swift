import Foundation

/// Something that happened at the desk. Events are the only way state changes; the journal
/// stores them in order and replaying them rebuilds the desk exactly.
public struct Event: Equatable, Sendable {
    /// When it happened in the world (a dispatcher may record an arrival phoned in earlier).
    public var occurredAt: Date
    /// When the desk recorded it.
    public var recordedAt: Date
    /// The operating-system user who recorded it.
    public var actor: String
    public var change: Change

    public init(occurredAt: Date, recordedAt: Date, actor: String, change: Change) {
        self.occurredAt = occurredAt
        self.recordedAt = recordedAt
        self.actor = actor
        self.change = change
    }
}

/// What an event changed.
///
/// The large payloads are `indirect` so that every event stays small: a replay moves millions.
public enum Change: Equatable, Sendable {
    /// The desk began timing new calls under this policy (number 1, 2, … in order).
    case policyAdopted(Int, SLAPolicy)
    indirect case technicianAdded(Technician)
    /// A technician's record changed (`tech edit`): the whole record as it now stands.
    indirect case technicianEdited(Technician)
    /// On leave those days (the desk's dates): not ranked, shown as on leave.
    case technicianOnLeave(TechnicianID, DateSpan)
    /// Off the live roster: history kept, no longer assignable or ranked.
    case technicianRetired(TechnicianID)
    /// A dated shift on the rota: it overrides the standing shift on those days.
    case technicianRota(TechnicianID, RotaShift)
    /// `policy` is the number of the policy in force (nil in journals from before policies).
    indirect case callReceived(CallID, CallIntake, policy: Int?)
    /// The customer was called back with a diagnosis or a plan.
    case responded(CallID)
    /// `previous` is set when the call was handed over from another technician.
    case assigned(CallID, TechnicianID, previous: TechnicianID?)
    case departed(CallID)
    case arrived(CallID)
    /// The fault is fixed; what fixed it, where it was said (empty in journals before schema 5).
    indirect case resolved(CallID, Resolution = Resolution())
    case closed(CallID)
    case noted(CallID, String)
    /// Waiting for the customer or for parts: the timers stop counting.
    case paused(CallID, reason: String)
    case resumed(CallID)
    /// The fault level was changed (`from` the level before); targets are recomputed from the
    /// original intake time.
    case releveled(CallID, FaultLevel, from: FaultLevel?, reason: String)
    /// The call is timed under another policy from now on (normally the one now in force).
    case retimed(CallID, policy: Int, reason: String)
    /// The journal was compacted: what follows is the live desk, and older closed calls moved
    /// to an archive. Call numbers carry on from where they were.
    indirect case compacted(Compaction)
    /// An escalation step fired for a call's timer: `notify` (technician, supervisor, …) is told.
    /// Without a timer it is about the call itself: every on-call engineer let an automatic
    /// dispatch offer lapse (AutoDispatch.unacceptedStep).
    case escalated(CallID, step: String, timer: TimerName?, notify: String)
    /// An unacknowledged escalation alerted again.
    case realerted(CallID, step: String, timer: TimerName?)
    /// Someone (the event's actor) took charge of the call's escalations: no more re-alerts.
    case acknowledged(CallID)
    /// The notification command ran for an escalation (`ok` false: it failed; `detail` says how).
    case notified(CallID, step: String, ok: Bool, detail: String)
    /// Automatic dispatch asked an engineer to take the call, until `until`.
    case dispatchRequested(CallID, TechnicianID, until: Date, reason: String)
    /// The engineer asked did not accept in time; the next is asked.
    case requestLapsed(CallID, TechnicianID)
    /// The engineer asked took the call (`callboard accept`).
    case accepted(CallID, TechnicianID)
    /// The call is withdrawn (a supervisor's decision); it leaves the queue.
    case cancelled(CallID, reason: String)
    /// A closed or cancelled call is open again (a supervisor's decision).
    case reopened(CallID, reason: String)
    /// The customer's unit was replaced on this call (three guarantees: after two failed repairs).
    case unitReplaced(CallID)
    /// The customer was called back after the fix (回访) and gave a satisfaction score, 1 to 5,
    /// with what they said if anything. `reopens`: the score was at or below the policy's
    /// threshold, so the call is open again (the engineer goes back) by the policy's rule,
    /// whoever recorded the score.
    case followedUp(CallID, score: Int, comment: String?, reopens: Bool)
    /// A follow-up call did not reach the customer; `final`: the policy's last attempt, which
    /// ends the follow-up without a score.
    case unreachable(CallID, final: Bool)
    /// The journal was repaired: `dropped` records could not be kept. Call numbers carry on
    /// past any that a lost record may have given out.
    case repaired(nextCallNumber: Int, dropped: Int)
    /// A customer's record was made (without units: `unitRecorded` adds those).
    indirect case customerAdded(Customer)
    /// A customer's record was changed: the whole record as it now is (units kept).
    indirect case customerEdited(Customer)
    /// A unit of the customer's was recorded, or its details changed (by serial number).
    indirect case unitRecorded(CustomerID, CustomerUnit)
    /// An engineer visited a customer's unit for its scheduled service (the warranty's periodic
    /// visits): the next is due a policy's period later.
    indirect case unitServiced(CustomerID, serial: String, on: LocalDate, note: String?)

    /// The call this change belongs to, if any.
    public var call: CallID? {
        switch self {
        case .technicianAdded, .technicianEdited, .technicianOnLeave, .technicianRetired, .technicianRota,
             .policyAdopted, .compacted, .repaired, .customerAdded, .customerEdited, .unitRecorded, .unitServiced: nil
        case .callReceived(let id, _, _), .responded(let id), .assigned(let id, _, _), .departed(let id),
             .arrived(let id), .resolved(let id, _), .closed(let id), .noted(let id, _), .paused(let id, _),
             .resumed(let id), .releveled(let id, _, _, _), .retimed(let id, _, _),
             .escalated(let id, _, _, _), .realerted(let id, _, _), .acknowledged(let id), .notified(let id, _, _, _),
             .dispatchRequested(let id, _, _, _), .requestLapsed(let id, _), .accepted(let id, _), .cancelled(let id, _),
             .reopened(let id, _), .unitReplaced(let id), .followedUp(let id, _, _, _), .unreachable(let id, _): id
        }
    }
}

/// What a compaction did, recorded at the head of the compacted journal.
public struct Compaction: Equatable, Sendable {
    /// The number the next call gets (archived calls keep theirs; numbers are never reused).
    public var nextCallNumber: Int
    /// How many events the journal held before.
    public var eventsBefore: Int
    /// How many closed calls moved to the archive, and the archive file's name (nil: none moved).
    public var archivedCalls: Int
    public var archive: String?

    public init(nextCallNumber: Int, eventsBefore: Int, archivedCalls: Int, archive: String?) {
        self.nextCallNumber = nextCallNumber
        self.eventsBefore = eventsBefore
        self.archivedCalls = archivedCalls
        self.archive = archive
    }
}
