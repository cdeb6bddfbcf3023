import Foundation

/// One customer's request for service, from intake to close, with its full history.
///
/// The call keeps facts (when it was responded to, when the engineer arrived, …); its status is
/// derived from them, so the two can never disagree.
public struct ServiceCall: Equatable, Sendable {
    public let id: CallID
    /// The intake's facts, out of line: a dozen strings that a console going over every call
    /// each second would otherwise retain and release with each call it looks at.
    private var intakeStorage: IntakeBox
    public var intake: CallIntake {
        get { intakeStorage.value }
        _modify {
            if !isKnownUniquelyReferenced(&intakeStorage) { intakeStorage = IntakeBox(intakeStorage.value) }
            yield &intakeStorage.value
        }
    }
    public var receivedAt: Date
    public var technician: TechnicianID?
    public var assignedAt: Date?
    public var respondedAt: Date?
    public var departedAt: Date?
    public var arrivedAt: Date?
    public var resolvedAt: Date?
    public var closedAt: Date?
    /// The desk policy the call is timed under (nil: logged before policies were journaled).
    public var policyNumber: Int?
    /// Times the call waited for the customer or for parts; only the last may still be open.
    public var pauses: [Pause] = []
    /// Every event that touched this call, oldest first.
    public var history: [Event]
    /// What supervision added to the call (escalations, automatic dispatch, cancellation, a
    /// replacement). Most calls have none, so it lives out of line: the console goes over every
    /// call each second, and a small call is a fast one.
    struct Supervision: Sendable {
        var escalations: [EscalationRecord] = []
        var dispatchRequest: (technician: TechnicianID, until: Date)?
        var lapsed: [TechnicianID] = []
        var cancelled = false
        var unitReplacedAt: Date?
        var acceptedAt: Date?
    }
    /// Empty, or one element: an array is a single pointer and copies on write.
    private var supervision: [Supervision] = []

    private var extras: Supervision {
        get { supervision.first ?? Supervision() }
        set { if supervision.isEmpty { supervision = [newValue] } else { supervision[0] = newValue } }
    }

    /// Escalations fired for its timers, and whether someone took charge of them.
    public var escalations: [EscalationRecord] {
        get { supervision.first?.escalations ?? [] }
        set { extras.escalations = newValue }
    }
    /// An engineer asked to take the call by automatic dispatch, until when.
    public var dispatchRequest: (technician: TechnicianID, until: Date)? {
        get { supervision.first?.dispatchRequest }
        set { extras.dispatchRequest = newValue }
    }
    /// Engineers who were asked and did not accept in time.
    public var lapsed: [TechnicianID] {
        get { supervision.first?.lapsed ?? [] }
        set { extras.lapsed = newValue }
    }
    /// Withdrawn by a supervisor (closed without being fixed).
    public var cancelled: Bool {
        get { supervision.first?.cancelled ?? false }
        set { extras.cancelled = newValue }
    }
    /// When the engineer assigned took the job (`accept`, or an automatic dispatch offer
    /// accepted); nil while the assignment waits, and again after a reassignment.
    public var acceptedAt: Date? {
        get { supervision.first?.acceptedAt }
        set { extras.acceptedAt = newValue }
    }
    /// When the customer's unit was replaced on this call.
    public var unitReplacedAt: Date? {
        get { supervision.first?.unitReplacedAt }
        set { extras.unitReplacedAt = newValue }
    }

    public init(id: CallID, intake: CallIntake, receivedAt: Date, history: [Event] = []) {
        self.id = id
        self.intakeStorage = IntakeBox(intake)
        self.receivedAt = receivedAt
        self.history = history
    }

    public static func == (a: ServiceCall, b: ServiceCall) -> Bool {
        a.id == b.id && a.intake == b.intake && a.receivedAt == b.receivedAt && a.technician == b.technician && a.assignedAt == b.assignedAt
            && a.respondedAt == b.respondedAt && a.departedAt == b.departedAt && a.arrivedAt == b.arrivedAt && a.resolvedAt == b.resolvedAt
            && a.closedAt == b.closedAt && a.policyNumber == b.policyNumber && a.pauses == b.pauses && a.history == b.history
            && a.escalations == b.escalations && a.dispatchRequest?.technician == b.dispatchRequest?.technician
            && a.dispatchRequest?.until == b.dispatchRequest?.until && a.lapsed == b.lapsed && a.cancelled == b.cancelled
            && a.unitReplacedAt == b.unitReplacedAt && a.acceptedAt == b.acceptedAt
    }

    /// Escalations nobody has taken charge of yet.
    public var pendingEscalations: [EscalationRecord] { escalations.filter { $0.acknowledgedAt == nil } }

    public var status: CallStatus {
        if cancelled { return .cancelled }
        if closedAt != nil { return .closed }
        if resolvedAt != nil { return .resolved }
        if arrivedAt != nil { return .onSite }
        if departedAt != nil { return .enRoute }
        if technician != nil { return .assigned }
        if respondedAt != nil { return .responded }
        return .new
    }

    /// Still needs work: not yet resolved or closed.
    public var isActive: Bool { resolvedAt == nil && closedAt == nil }

    /// Waiting for the customer or for parts right now.
    public var isPaused: Bool { pauses.last.map { $0.end == nil } ?? false }

    /// Work going ahead (the engineer sets off, arrives, fixes it) ends a wait.
    mutating func endPause(at instant: Date) {
        guard isPaused else { return }
        pauses[pauses.count - 1].end = instant
    }

    /// What a policy rule can match on.
    public var attributes: CallAttributes {
        CallAttributes(level: intake.level, region: intake.region, tier: intake.tier, kind: intake.kind)
    }

    /// When the most recent event on this call happened; later events may not predate it.
    public var lastEventAt: Date { history.last?.occurredAt ?? receivedAt }

    /// The latest event of the given kind, for messages such as "assigned by wang at 14:02".
    public func lastEvent(where matches: (Change) -> Bool) -> Event? {
        history.last { matches($0.change) }
    }
}

/// A call's intake in a reference that copies on write (ServiceCall.intake).
final class IntakeBox: @unchecked Sendable {
    var value: CallIntake
    init(_ value: CallIntake) { self.value = value }
}

/// One escalation of a call: which step, for which timer, who was told, when, and who took
/// charge of it.
public struct EscalationRecord: Equatable, Sendable {
    public var step: String
    /// nil: about the call, not a timer (nobody accepted an automatic dispatch offer).
    public var timer: TimerName?
    public var notify: String
    public var at: Date
    public var lastAlertAt: Date
    public var alerts: Int
    public var acknowledgedAt: Date?
    public var acknowledgedBy: String?
}

/// A stretch of time a call waited for the customer or for parts: its timers do not count it.
public struct Pause: Equatable, Sendable {
    public var start: Date
    public var end: Date?
    public var reason: String
}

/// Where a call stands in its life, in the order it normally moves.
public enum CallStatus: String, Sendable, CaseIterable, Comparable {
    case new
    case responded
    case assigned
    case enRoute = "en_route"
    case onSite = "on_site"
    case resolved
    case closed
    /// Withdrawn by a supervisor (a duplicate, logged in error, withdrawn by the customer):
    /// its promises were withdrawn with it.
    case cancelled

    /// The words a dispatcher reads on screen and in `show`.
    public var label: String {
        switch self {
        case .new: "new"
        case .responded: "responded"
        case .assigned: "assigned"
        case .enRoute: "en route"
        case .onSite: "on site"
        case .resolved: "resolved"
        case .closed: "closed"
        case .cancelled: "cancelled"
        }
    }

    public static func < (a: CallStatus, b: CallStatus) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
