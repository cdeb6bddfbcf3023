import Foundation

/// Everything the desk knows: the roster and every call. A value; only `apply` changes it.
public struct DeskState: Equatable, Sendable {
    public private(set) var technicians: [TechnicianID: Technician] = [:]
    /// Technician IDs in the order they joined the roster.
    public private(set) var rosterOrder: [TechnicianID] = []
    public private(set) var calls = CallTable()
    /// The number the next call will get.
    public private(set) var nextCallNumber = 1
    /// Every policy the desk has adopted, by number.
    public private(set) var policies: [Int: SLAPolicy] = [:]
    /// The policy new calls are timed under.
    public private(set) var currentPolicyNumber: Int?
    /// When each policy was adopted: a call is timed under the policy in force when it was received.
    public private(set) var policyAdoptedAt: [Int: Date] = [:]

    public var currentPolicy: SLAPolicy? { currentPolicyNumber.flatMap { policies[$0] } }

    /// The policy in force at `instant`: the last adopted at or before it (the first policy for
    /// a call backdated to before any adoption), given `pending` adopted at `now` if it is new.
    func policyInForce(at instant: Date, pending: (number: Int, at: Date)?) -> Int? {
        var adopted = policyAdoptedAt.map { (number: $0.key, at: $0.value) }
        if let pending { adopted.append(pending) }
        adopted.sort { ($0.at, $0.number) < ($1.at, $1.number) }
        return adopted.last { $0.at <= instant }?.number ?? adopted.first?.number
    }

    public init() {}

    public init(replaying events: some Sequence<Event>) {
        for event in events { apply(event) }
    }

    /// The roster in joining order.
    public var roster: [Technician] { rosterOrder.compactMap { technicians[$0] } }

    /// The reducer: the one place desk state changes. Events come from `decide` (which has
    /// already checked them) or from the journal, so applying never fails; an event that does
    /// not fit (a hand-edited journal) changes nothing rather than inventing state.
    public mutating func apply(_ event: Event) {
        switch event.change {
        case .policyAdopted(let number, let policy):
            policies[number] = policy
            policyAdoptedAt[number] = event.occurredAt
            currentPolicyNumber = number
        case .technicianAdded(let technician):
            if technicians[technician.id] == nil { rosterOrder.append(technician.id) }
            technicians[technician.id] = technician
        case .callReceived(let id, let intake, let policy):
            guard calls[id] == nil else { return }
            var call = ServiceCall(id: id, intake: intake, receivedAt: event.occurredAt, history: [])
            // Most calls gather about eight events: one allocation instead of four on replay.
            call.history.reserveCapacity(8)
            call.history.append(event)
            call.policyNumber = policy
            calls.insert(call)
            nextCallNumber = max(nextCallNumber, id.number + 1)
        case .responded(let id):
            update(id, event) { $0.respondedAt = event.occurredAt }
        case .assigned(let id, let technician, _):
            update(id, event) {
                $0.technician = technician
                $0.assignedAt = event.occurredAt
                $0.departedAt = nil
                // A dispatcher's choice ends any automatic offer.
                if $0.dispatchRequest != nil { $0.dispatchRequest = nil }
            }
        case .departed(let id):
            update(id, event) { $0.departedAt = event.occurredAt; $0.endPause(at: event.occurredAt) }
        case .arrived(let id):
            update(id, event) { $0.arrivedAt = event.occurredAt; $0.endPause(at: event.occurredAt) }
        case .resolved(let id):
            update(id, event) {
                $0.resolvedAt = event.occurredAt
                $0.endPause(at: event.occurredAt)
                if $0.dispatchRequest != nil { $0.dispatchRequest = nil }
            }
        case .closed(let id):
            update(id, event) { $0.closedAt = event.occurredAt; $0.endPause(at: event.occurredAt) }
        case .noted(let id, _):
            update(id, event) { _ in }
        case .paused(let id, let reason):
            update(id, event) { if !$0.isPaused { $0.pauses.append(Pause(start: event.occurredAt, reason: reason)) } }
        case .resumed(let id):
            update(id, event) { $0.endPause(at: event.occurredAt) }
        case .releveled(let id, let level, _, _):
            update(id, event) { $0.intake.level = level }
        case .retimed(let id, let policy, _):
            update(id, event) { $0.policyNumber = policy }
        case .escalated(let id, let step, let timer, let notify):
            update(id, event) {
                $0.escalations.append(EscalationRecord(step: step, timer: timer, notify: notify, at: event.occurredAt,
                                                       lastAlertAt: event.occurredAt, alerts: 1))
            }
        case .realerted(let id, let step, let timer):
            update(id, event) { call in
                for index in call.escalations.indices where call.escalations[index].step == step && call.escalations[index].timer == timer {
                    call.escalations[index].lastAlertAt = event.occurredAt
                    call.escalations[index].alerts += 1
                }
            }
        case .acknowledged(let id):
            update(id, event) { call in
                for index in call.escalations.indices where call.escalations[index].acknowledgedAt == nil {
                    call.escalations[index].acknowledgedAt = event.occurredAt
                    call.escalations[index].acknowledgedBy = event.actor
                }
            }
        case .notified(let id, _, _, _):
            update(id, event) { _ in }
        case .dispatchRequested(let id, let tech, let until, _):
            update(id, event) { $0.dispatchRequest = (tech, until) }
        case .requestLapsed(let id, let tech):
            update(id, event) { call in
                call.dispatchRequest = nil
                if !call.lapsed.contains(tech) { call.lapsed.append(tech) }
            }
        case .accepted(let id, let tech):
            update(id, event) { call in
                call.technician = tech
                call.assignedAt = event.occurredAt
                call.departedAt = nil
                call.dispatchRequest = nil
            }
        case .cancelled(let id, _):
            update(id, event) { call in
                call.closedAt = event.occurredAt
                call.cancelled = true
                call.dispatchRequest = nil
                call.endPause(at: event.occurredAt)
            }
        case .reopened(let id, _):
            update(id, event) { call in
                call.closedAt = nil
                call.resolvedAt = nil
                call.cancelled = false
            }
        case .unitReplaced(let id):
            update(id, event) { $0.unitReplacedAt = event.occurredAt }
        case .compacted(let compaction):
            nextCallNumber = max(nextCallNumber, compaction.nextCallNumber)
        case .repaired(let next, _):
            nextCallNumber = max(nextCallNumber, next)
        }
    }

    /// Changes a call in place (no copy of its history).
    private mutating func update(_ id: CallID, _ event: Event, _ change: (inout ServiceCall) -> Void) {
        calls.modify(id) { call in
            change(&call)
            call.history.append(event)
        }
    }

    /// Calls not yet closed, resolved ones included (they wait for the customer to confirm).
    public var openCalls: [ServiceCall] { calls.values.filter { $0.closedAt == nil } }

    /// Hands each open call to `body` without copying it (the console does this every second).
    @inlinable
    public func forEachOpenCall(_ body: (ServiceCall) throws -> Void) rethrows {
        // Straight over the table's storage: each call is lent to `body`, never copied (an
        // UnsafePointer's subscript addresses the element; a buffer's subscript returns a copy).
        try calls.values.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            for index in 0..<buffer.count where base[index].closedAt == nil { try body(base[index]) }
        }
    }
}
