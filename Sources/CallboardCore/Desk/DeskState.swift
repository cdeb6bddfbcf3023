import Foundation

/// Everything the desk knows: the roster and its calls. A value; only `apply` changes it (and
/// retirement, which moves closed calls out of memory; see DeskState+Retirement).
public struct DeskState: Equatable, Sendable {
    public internal(set) var technicians: [TechnicianID: Technician] = [:]
    /// Technician IDs in the order they joined the roster.
    public internal(set) var rosterOrder: [TechnicianID] = []
    public internal(set) var calls = CallTable()
    /// The number the next call will get.
    public internal(set) var nextCallNumber = 1
    /// Calls that closed long enough ago to have left memory (`retireClosedCalls`): the desk
    /// knows they exist; the journal holds them.
    public internal(set) var retired = RetiredCalls()
    /// Retired calls that events have touched since (a note, a reopening): read each back from
    /// the journal (`readmit`), as JournalDesk does after every read.
    public internal(set) var awaitingHistory: Set<CallID> = []
    /// Every call's visit to its unit, by serial number (lower-cased), in call order: retired
    /// calls' too, for the three guarantees.
    public internal(set) var unitVisits: [String: [UnitVisit]] = [:]
    /// The latest moment any event happened: the desk's own clock, which retirement goes by so
    /// that every process holds the same calls after the same events.
    public internal(set) var latestEventAt: Date?
    /// Which unit each call with a serial number is on, for a desk put together from a
    /// snapshot for a few calls (DeskState(standing:calls:indexingUnits:)); empty otherwise.
    var unitIndex = UnitIndex()
    /// Leave, the rota and retirement, by technician (RosterPlan); none for most.
    public internal(set) var plans: [TechnicianID: RosterPlan] = [:]
    /// Every policy the desk has adopted, by number.
    public internal(set) var policies: [Int: SLAPolicy] = [:]
    /// The policy new calls are timed under.
    public internal(set) var currentPolicyNumber: Int?
    /// When each policy was adopted: a call is timed under the policy in force when it was received.
    public internal(set) var policyAdoptedAt: [Int: Date] = [:]
    /// The desk's customers and their units.
    public internal(set) var customers = CustomerBook()

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
    /// not fit (a hand-edited journal) changes nothing rather than inventing state. An event for
    /// a retired call marks it as awaiting its history (`awaitingHistory`).
    public mutating func apply(_ event: Event) {
        if latestEventAt.map({ event.occurredAt > $0 }) ?? true { latestEventAt = event.occurredAt }
        switch event.change {
        case .policyAdopted(let number, let policy):
            policies[number] = policy
            policyAdoptedAt[number] = event.occurredAt
            currentPolicyNumber = number
        case .technicianAdded(let technician):
            if technicians[technician.id] == nil { rosterOrder.append(technician.id) }
            technicians[technician.id] = technician
        case .technicianEdited(let technician):
            guard technicians[technician.id] != nil else { return }
            technicians[technician.id] = technician
        case .technicianOnLeave(let id, let span):
            guard technicians[id] != nil else { return }
            plans[id, default: RosterPlan()].leaves.append(span)
        case .technicianRota(let id, let entry):
            guard technicians[id] != nil else { return }
            plans[id, default: RosterPlan()].rota.append(entry)
        case .technicianRetired(let id):
            guard technicians[id] != nil else { return }
            plans[id, default: RosterPlan()].retired = true
        case .callReceived(let id, let intake, let policy):
            guard calls[id] == nil, !retired.contains(id) else { return }
            let call = ServiceCall(received: event, id: id, intake: intake, policy: policy)
            calls.insert(call)
            nextCallNumber = max(nextCallNumber, id.number + 1)
            visit(call)
            if let customer = intake.customerID { customers.link(id, to: customer) }
        case .customerAdded(let customer), .customerEdited(let customer):
            customers.record(customer)
        case .unitRecorded(let customer, let unit):
            customers.record(unit, of: customer)
        case .unitServiced(_, let serial, let day, _):
            customers.serviced(serial, on: day)
        case .compacted(let compaction):
            nextCallNumber = max(nextCallNumber, compaction.nextCallNumber)
        case .repaired(let next, _):
            nextCallNumber = max(nextCallNumber, next)
        default:
            guard let id = event.change.call else { return }
            guard calls.position(of: id) != nil else {
                if retired.contains(id) { awaitingHistory.insert(id) }
                // A desk of a few calls keeps every unit's visits true without the calls.
                if event.change.changesUnitVisit, let unit = unitIndex.units[id.number] { revisit(unit, id, event) }
                return
            }
            // In place: no copy of the call's history.
            calls.modify(id) { $0.apply(event) }
            if event.change.changesUnitVisit, let call = calls[id] { visit(call) }
        }
    }

    /// What an event changes of the visit of a call not held (UnitVisit(call) for one held).
    private mutating func revisit(_ unit: String, _ id: CallID, _ event: Event) {
        guard var visits = unitVisits[unit], let index = visits.firstIndex(where: { $0.call == id }) else { return }
        switch event.change {
        case .resolved: visits[index].resolved = true
        case .cancelled: visits[index].cancelled = true
        case .reopened:
            visits[index].resolved = false
            visits[index].cancelled = false
        case .unitReplaced: visits[index].unitReplacedAt = event.occurredAt
        default: return
        }
        unitVisits[unit] = visits
    }

    /// Records (or brings up to date) what the three guarantees know of a call's unit.
    mutating func visit(_ call: ServiceCall) {
        guard let unit = UnitVisit.unit(of: call) else { return }
        let visit = UnitVisit(call)
        var visits = unitVisits.removeValue(forKey: unit) ?? []
        if let index = visits.firstIndex(where: { $0.call == call.id }) {
            visits[index] = visit
        } else {
            visits.insert(visit, at: visits.partitionPoint { $0.call < call.id })
        }
        unitVisits[unit] = visits
    }

    /// Calls not yet closed, resolved ones included (they wait for the customer to confirm).
    public var openCalls: [ServiceCall] { calls.values.filter { $0.closedAt == nil } }

    /// Hands each open call to `body` without copying it (the console does this every second).
    @inlinable
    public func forEachOpenCall(_ body: (ServiceCall) throws -> Void) rethrows {
        // Straight over the table's storage: each call is lent to `body`, never copied (an
        // UnsafePointer's subscript addresses the element; a buffer's subscript returns a copy).
        try calls.forEachChunk { buffer, _ in
            guard let base = buffer.baseAddress else { return }
            for index in 0..<buffer.count where base[index].closedAt == nil { try body(base[index]) }
        }
    }
}
