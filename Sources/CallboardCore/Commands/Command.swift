import Foundation

/// What someone asks the desk to do. Commands are checked against the current state by
/// `DeskState.decide`, which either refuses with a `DeskError` or returns the event to record.
public enum Command: Equatable, Sendable {
    case addTechnician(TechnicianDraft)
    /// Change a technician's record (name, region, skills, shift, phone).
    case editTechnician(TechnicianDraft)
    /// A technician is on leave those days: not ranked, shown as on leave.
    case leave(TechnicianID, DateSpanDraft)
    /// Off the live roster for good: history kept, no longer assignable or ranked.
    case retireTechnician(TechnicianID)
    /// A dated shift on the rota, overriding the standing shift on those days.
    case rota(TechnicianID, DateSpanDraft, shift: String)
    case intake(IntakeDraft)
    /// Give the call to a technician; `reassign` allows taking it from another technician.
    case assign(CallID, TechnicianID, reassign: Bool)
    case respond(CallID)
    case depart(CallID)
    case arrive(CallID)
    /// The fault is fixed; the cause, the fix and the parts used, where given.
    case resolve(CallID, ResolutionDraft = ResolutionDraft())
    case close(CallID)
    case note(CallID, String)
    /// Stop the call's timers while it waits for the customer or for parts.
    case pause(CallID, reason: String)
    case resume(CallID)
    /// Change the fault level; the timers are recomputed from the original intake time.
    case relevel(CallID, level: String, reason: String)
    /// Time the call under the desk's current policy.
    case retime(CallID, reason: String)
    /// Take charge of a call's escalations (no more re-alerts).
    case acknowledge(CallID)
    /// An engineer takes a call automatic dispatch offered them.
    case accept(CallID, TechnicianID?)
    case cancel(CallID, reason: String)
    case reopen(CallID, reason: String)
    /// The customer's unit was replaced on this call.
    case replaceUnit(CallID)
    /// The customer was called back after the fix (回访): a score of 1 to 5 and what they said,
    /// or (score nil) the call did not reach them.
    case followUp(CallID, score: Int?, comment: String?)
    case addCustomer(CustomerDraft)
    case editCustomer(CustomerDraft)
    /// Record one of a customer's units (or change its details).
    case recordUnit(UnitDraft)
    /// A scheduled service visit to a customer's unit was made.
    case recordVisit(VisitDraft)

    /// The least role that may give the command.
    /// The call it is about (nil: a new call, a technician).
    public var call: CallID? {
        switch self {
        case .addTechnician, .editTechnician, .leave, .retireTechnician, .rota, .intake, .addCustomer, .editCustomer, .recordUnit, .recordVisit: nil
        case .assign(let id, _, _), .respond(let id), .depart(let id), .arrive(let id), .resolve(let id, _), .close(let id), .note(let id, _),
             .pause(let id, _), .resume(let id), .relevel(let id, _, _), .retime(let id, _), .acknowledge(let id), .accept(let id, _),
             .cancel(let id, _), .reopen(let id, _), .replaceUnit(let id), .followUp(let id, _, _): id
        }
    }

    /// Decided against every call the desk holds, not only the one it is about: intake looks for
    /// the calls a new one may be about; retiring an engineer, for their open calls.
    public var needsWholeDesk: Bool {
        switch self {
        case .intake, .retireTechnician: true
        default: false
        }
    }

    public var requiredRole: Role {
        switch self {
        case .relevel, .retime, .cancel, .reopen: .supervisor
        case .accept, .acknowledge: .engineer
        // The roster (add, edit, leave, retire, rota) is a dispatcher's, like the queue.
        default: .dispatcher
        }
    }

    /// How the command is named in a refusal ("releveling is for a supervisor").
    public var verb: Message {
        switch self {
        case .addTechnician: DeskText.doingAddTechnician()
        case .editTechnician, .leave, .retireTechnician, .rota: DeskText.doingChangeRoster()
        case .intake: DeskText.doingIntake()
        case .assign: DeskText.doingAssign()
        case .respond, .depart, .arrive, .resolve, .close, .note, .pause, .resume: DeskText.doingProgress()
        case .relevel: DeskText.doingRelevel()
        case .retime: DeskText.doingRetime()
        case .acknowledge: DeskText.doingAcknowledge()
        case .accept: DeskText.doingAccept()
        case .cancel: DeskText.doingCancel()
        case .reopen: DeskText.doingReopen()
        case .replaceUnit: DeskText.doingReplace()
        case .followUp: DeskText.doingFollowUp()
        case .addCustomer, .editCustomer, .recordUnit, .recordVisit: DeskText.doingCustomer()
        }
    }
}

/// Who asks, and when.
public struct CommandContext: Sendable {
    /// The clock's time when the command is given.
    public var now: Date
    /// When it really happened, if the dispatcher says so (`--at`); defaults to `now`.
    public var at: Date?
    public var actor: String
    /// The desk's time zone, for times in messages.
    public var timeZone: TimeZone
    /// The desk's policy: new calls are timed under it, adopting it first if it changed.
    public var policy: SLAPolicy?
    /// Who may do what at this desk (everyone everything without a desk configuration).
    public var roles: DeskRoles

    public init(now: Date, at: Date? = nil, actor: String, timeZone: TimeZone, policy: SLAPolicy? = nil, roles: DeskRoles = .everyone) {
        self.now = now
        self.at = at
        self.actor = actor
        self.timeZone = timeZone
        self.policy = policy
        self.roles = roles
    }

    public var role: Role { roles.role(of: actor) }

    var occurredAt: Date { at ?? now }
}
