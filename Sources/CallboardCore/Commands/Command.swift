import Foundation

/// What someone asks the desk to do. Commands are checked against the current state by
/// `DeskState.decide`, which either refuses with a `DeskError` or returns the event to record.
public enum Command: Equatable, Sendable {
    case addTechnician(TechnicianDraft)
    case intake(IntakeDraft)
    /// Give the call to a technician; `reassign` allows taking it from another technician.
    case assign(CallID, TechnicianID, reassign: Bool)
    case respond(CallID)
    case depart(CallID)
    case arrive(CallID)
    case resolve(CallID)
    case close(CallID)
    case note(CallID, String)
    /// Stop the call's timers while it waits for the customer or for parts.
    case pause(CallID, reason: String)
    case resume(CallID)
    /// Change the fault level; the timers are recomputed from the original intake time.
    case relevel(CallID, level: String, reason: String)
    /// Time the call under the desk's current policy.
    case retime(CallID, reason: String)
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

    public init(now: Date, at: Date? = nil, actor: String, timeZone: TimeZone, policy: SLAPolicy? = nil) {
        self.now = now
        self.at = at
        self.actor = actor
        self.timeZone = timeZone
        self.policy = policy
    }

    var occurredAt: Date { at ?? now }
}
