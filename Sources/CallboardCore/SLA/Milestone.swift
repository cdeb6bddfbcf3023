import Foundation

/// A moment in a call's life that can start or stop a timer. The words are those of the journal's
/// events and of `show --json`'s fields (`call.resolved`, `resolved_at`).
///
/// Only facts that, once recorded, stay put while the call is open belong here: a timer stopped
/// by one must not start running again (the assignment, which a reassignment moves, and the
/// departure, which it clears, are not milestones for that reason). A new milestone is a case
/// here and its instant below.
public enum Milestone: String, CaseIterable, Sendable {
    /// The call was taken: every built-in timer counts from here.
    case received
    /// The customer was called back with a diagnosis or plan.
    case responded
    /// The engineer is on site.
    case arrived
    /// The fault is fixed (`resolve`); a reopened call waits for its next fix.
    case resolved
    /// The customer confirmed the fix. A cancelled call never reaches it: cancelling withdraws
    /// the promises still open (TimerState.withdrawn) rather than keeping them.
    case closed

    /// When the call reached this milestone, if it has.
    public func instant(in call: ServiceCall) -> Date? { MilestoneInstants(call)[self] }

    /// Its bit in a MilestoneSet: the order of the cases.
    var bit: UInt8 {
        switch self {
        case .received: 1
        case .responded: 2
        case .arrived: 4
        case .resolved: 8
        case .closed: 16
        }
    }
}

/// Some milestones, as bits: what stops a timer is tested for every call, without an array.
public struct MilestoneSet: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

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
    /// When the call was cancelled (it is then not closed): the promises still open stop here.
    let withdrawn: Date?

    init(_ call: ServiceCall) {
        received = call.receivedAt
        responded = call.respondedAt
        arrived = call.arrivedAt
        resolved = call.resolvedAt
        // A cancel records the call's end where a close does; it keeps no promise.
        closed = call.cancelled ? nil : call.closedAt
        withdrawn = call.cancelled ? call.closedAt : nil
    }

    subscript(_ milestone: Milestone) -> Date? {
        switch milestone {
        case .received: received
        case .responded: responded
        case .arrived: arrived
        case .resolved: resolved
        case .closed: closed
        }
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
        consider(.arrived, arrived)
        consider(.resolved, resolved)
        consider(.closed, closed)
        return found
    }
}
