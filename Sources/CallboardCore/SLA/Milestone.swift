import Foundation

/// A moment in a call's life that can start or stop a timer. The words are those of the journal's
/// events and of `show --json`'s fields (`call.resolved`, `resolved_at`).
///
/// Only facts that, once recorded, stay put while the call is open may stop a timer: a timer
/// stopped by one must not start running again (the departure, which a reassignment clears, is
/// not a milestone for that reason). Two exceptions, made for the engineer's acceptance of a
/// job (the `accept` timer): the assignment only *starts* a timer, and a reassignment starting
/// it again is the point (the new engineer has the whole time to accept); the acceptance only
/// *stops* one, and it belongs to the assignment it accepted, which a reassignment replaces
/// (`isStartOnly`, `isStopOnly`; `policy check` holds a policy to them). A new milestone is a
/// case here and its instant below.
public enum Milestone: String, CaseIterable, Sendable {
    /// The call was taken: every built-in timer counts from here.
    case received
    /// The customer was called back with a diagnosis or plan.
    case responded
    /// The call went to an engineer (`assign`, or an automatic dispatch offer accepted): the
    /// latest assignment, so a reassignment starts what counts from here again.
    case assigned
    /// The engineer assigned took the job (`accept`): cleared by a reassignment.
    case accepted
    /// The latest progress of the job since its assignment (Change.countsAsProgress: the
    /// assignment itself, the acceptance, departing, arriving, a note, a pause or its end, a
    /// reopening, a replaced unit): every update moves it later, so like the assignment it only
    /// starts a timer (the `progress` timer of stalled calls, started again by each update).
    case progressed
    /// The engineer is on site.
    case arrived
    /// The fault is fixed (`resolve`); a reopened call waits for its next fix.
    case resolved
    /// The customer confirmed the fix. A cancelled call never reaches it: cancelling withdraws
    /// the promises still open (TimerState.withdrawn) rather than keeping them.
    case closed
    /// The customer was called back after the fix (`followup --score`), or the policy's last
    /// attempt did not reach them (`followup --unreachable`).
    case followedUp

    /// When the call reached this milestone, if it has.
    public func instant(in call: ServiceCall) -> Date? { MilestoneInstants(call)[self] }

    /// Its bit in a MilestoneSet: the order of the cases.
    var bit: UInt16 {
        switch self {
        case .received: 1
        case .responded: 2
        case .arrived: 4
        case .resolved: 8
        case .closed: 16
        case .assigned: 32
        case .accepted: 64
        case .progressed: 128
        case .followedUp: 256
        }
    }

    /// It may start a timer but not stop one: a reassignment moves it later, which would start
    /// a stopped timer again.
    public var isStartOnly: Bool { self == .assigned || self == .progressed }
    /// It may stop a timer but not start one: a reassignment clears it, which would take away a
    /// timer that had started.
    public var isStopOnly: Bool { self == .accepted }
}

/// Some milestones, as bits: what stops a timer is tested for every call, without an array.
public struct MilestoneSet: OptionSet, Hashable, Sendable {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public init(_ milestones: some Sequence<Milestone>) {
        self.init(rawValue: milestones.reduce(0) { $0 | $1.bit })
    }

    public func contains(_ milestone: Milestone) -> Bool { rawValue & milestone.bit != 0 }
}

/// A call's milestones at once, taken out once per call: every timer's start and stop is read
/// from here rather than from the call (which carries its whole history).
struct MilestoneInstants {
    // One per Milestone case, in order; nil: not reached.
    private var received: Date?
    private var responded: Date?
    private var arrived: Date?
    private var resolved: Date?
    private var closed: Date?
    private var assigned: Date?
    private var accepted: Date?
    private var progressed: Date?
    private var followedUp: Date?
    /// When the call was cancelled (it is then not closed): the promises still open stop here.
    let withdrawn: Date?

    init(_ call: ServiceCall) {
        received = call.receivedAt
        responded = call.respondedAt
        arrived = call.arrivedAt
        resolved = call.resolvedAt
        // A cancel records the call's end where a close does; it keeps no promise.
        closed = call.cancelled ? nil : call.closedAt
        // An assignment counts while it stands: a call nobody has any more (never, today) has none.
        assigned = call.technician == nil ? nil : call.assignedAt
        accepted = call.acceptedAt
        progressed = assigned == nil ? nil : Self.lastProgress(of: call)
        followedUp = resolved == nil ? nil : FollowUps.doneAt(call)
        withdrawn = call.cancelled ? call.closedAt : nil
    }

    subscript(_ milestone: Milestone) -> Date? {
        switch milestone {
        case .received: received
        case .responded: responded
        case .arrived: arrived
        case .resolved: resolved
        case .closed: closed
        case .assigned: assigned
        case .accepted: accepted
        case .progressed: progressed
        case .followedUp: followedUp
        }
    }

    /// When the job last moved on: the latest update that counts as progress, up to the fix
    /// (a note after it does not start a stalled call's timer again; a reopening does). Only
    /// for a call that has its engineer, whose assignment is itself such an update.
    private static func lastProgress(of call: ServiceCall) -> Date? {
        var latest: Date?
        let until = call.resolvedAt ?? .distantFuture
        for event in call.history where event.change.countsAsProgress && event.occurredAt <= until {
            if latest.map({ event.occurredAt > $0 }) ?? true { latest = event.occurredAt }
        }
        return latest
    }

    /// The first of `milestones` reached at or after `start`, and which it was: what stopped a
    /// timer that started then (a milestone reached before the timer started cannot stop it). On
    /// a tie, the one listed first in Milestone.
    func first(of milestones: MilestoneSet, notBefore start: Date) -> (milestone: Milestone, at: Date)? {
        var found: (milestone: Milestone, at: Date)?
        // Straight through the cases, in order: this runs for every timer of every call.
        func consider(_ milestone: Milestone, _ instant: Date?) {
            guard milestones.contains(milestone), let at = instant, at >= start, found.map({ at < $0.at }) ?? true else { return }
            found = (milestone, at)
        }
        consider(.received, received)
        consider(.responded, responded)
        consider(.assigned, assigned)
        consider(.accepted, accepted)
        consider(.progressed, progressed)
        consider(.arrived, arrived)
        consider(.resolved, resolved)
        consider(.closed, closed)
        consider(.followedUp, followedUp)
        return found
    }
}
