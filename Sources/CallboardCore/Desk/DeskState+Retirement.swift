import Foundation

/// Memory bounded by the live desk: a call closed more than `closedCallsKeptFor` before the
/// desk's latest event leaves memory (it "retires"); the journal still holds it, and a desk
/// reads it back when it is asked for (JournalDesk.load) or when an event touches it again
/// (`awaitingHistory`, then `readmit`). What the desk keeps of a retired call: that it exists
/// (`retired`) and its unit visit.
///
/// Retirement goes by the journal's time, never the wall clock, so every process — one that
/// replayed everything, one that started from a snapshot, one that read in other batches —
/// holds the same calls after the same events once it has retired and read back.
extension DeskState {
    /// A day and a half: the board's "today" and everything closed since yesterday stay whole.
    public static let closedCallsKeptFor: TimeInterval = 36 * 3600

    /// What a desk holds after a given series of events: bumped whenever `apply` or retirement
    /// changes it, so that a snapshot taken by an older build is replayed over, never trusted.
    public static let model = 2

    /// How long closed calls stay: a day and a half, or the current policy's repeat window if
    /// longer, so that intake sees every call a new one may repeat (RelatedCalls).
    public var keptFor: TimeInterval {
        max(Self.closedCallsKeptFor, Double(currentPolicy?.desk.repeatWithin ?? 0))
    }

    /// Retires the calls closed more than `keptFor` before the latest event, handing
    /// each to `body` as it goes; returns how many.
    @discardableResult
    public mutating func retireClosedCalls(_ body: (ServiceCall) -> Void = { _ in }) -> Int {
        guard let latest = latestEventAt else { return 0 }
        let before = latest.addingTimeInterval(-keptFor)
        var leaving: [CallID] = []
        calls.remove(where: { call in call.closedAt.map { $0 < before } ?? false }) { call in
            leaving.append(call.id)
            body(call)
        }
        for id in leaving { retired.insert(id) }
        return leaving.count
    }

    /// Puts a retired call back from its whole history as the journal holds it (up to the
    /// position this desk has read); it stays until the next retirement finds it old.
    public mutating func readmit(_ history: [Event]) {
        guard let call = ServiceCall(replaying: history) else { return }
        awaitingHistory.remove(call.id)
        guard calls[call.id] == nil else { return }
        retired.remove(call.id)
        calls.insert(call)
        visit(call)
    }

    /// Stops waiting for calls this desk does not hold (a desk opened for a few calls only).
    public mutating func forgetAwaiting(except keep: (CallID) -> Bool) {
        awaitingHistory = awaitingHistory.filter(keep)
    }
}

/// What a desk knows besides its calls held whole: its policies, roster, counters, retired
/// calls and units. A snapshot keeps it with the live calls' histories; together they are the
/// desk (DeskState(standing:calls:)).
public struct DeskStanding: Equatable, Sendable {
    public struct AdoptedPolicy: Equatable, Sendable {
        public var number: Int
        public var adoptedAt: Date
        public var policy: SLAPolicy
        public init(number: Int, adoptedAt: Date, policy: SLAPolicy) {
            self.number = number
            self.adoptedAt = adoptedAt
            self.policy = policy
        }
    }

    /// By number.
    public var policies: [AdoptedPolicy] = []
    public var currentPolicyNumber: Int?
    /// In joining order.
    public var roster: [Technician] = []
    public var nextCallNumber = 1
    public var latestEventAt: Date?
    /// Retired call numbers, ascending.
    public var retired: [Int] = []
    public var unitVisits: [String: [UnitVisit]] = [:]
    /// In the order they were added, with their units.
    public var customers: [Customer] = []
    /// Each customer's calls, in order (customers with none are left out).
    public var customerCalls: [CustomerID: [CallID]] = [:]
    /// The scheduled visits made to each unit (by CustomerBook.serialKey), oldest first.
    public var serviceVisits: [String: [LocalDate]] = [:]
    /// Leave, the rota and retirement, by technician.
    public var plans: [TechnicianID: RosterPlan] = [:]

    public init() {}
}

extension DeskState {
    /// Everything but the calls held whole.
    public var standing: DeskStanding {
        var standing = DeskStanding()
        standing.policies = policies.keys.sorted().map { DeskStanding.AdoptedPolicy(number: $0, adoptedAt: policyAdoptedAt[$0]!, policy: policies[$0]!) }
        standing.currentPolicyNumber = currentPolicyNumber
        standing.roster = roster
        standing.nextCallNumber = nextCallNumber
        standing.latestEventAt = latestEventAt
        standing.retired = retired.numbers
        standing.unitVisits = unitVisits
        standing.customers = customers.all
        standing.customerCalls = customers.calls.filter { !$0.value.isEmpty }
        standing.serviceVisits = customers.serviceVisits
        standing.plans = plans
        return standing
    }

    /// A desk put together from a snapshot: its standing and the calls it held whole (all of
    /// them, or the few a command needs). With `indexingUnits`, events about calls it does not
    /// hold still keep their units' visits true (a desk of a few calls that shows the three
    /// guarantees).
    public init(standing: DeskStanding, calls: [ServiceCall], indexingUnits: Bool = false) {
        self.init(standing: standing, chunks: [calls], indexingUnits: indexingUnits)
    }

    /// The same, with the calls in number order already cut into the table's chunks (at most
    /// `CallTable.standardChunkCapacity` each): taken as they are, no call copied.
    public init(standing: DeskStanding, chunks: [[ServiceCall]], indexingUnits: Bool = false) {
        self.init()
        for adopted in standing.policies {
            policies[adopted.number] = adopted.policy
            policyAdoptedAt[adopted.number] = adopted.adoptedAt
        }
        currentPolicyNumber = standing.currentPolicyNumber
        for technician in standing.roster {
            if technicians[technician.id] == nil { rosterOrder.append(technician.id) }
            technicians[technician.id] = technician
        }
        nextCallNumber = standing.nextCallNumber
        latestEventAt = standing.latestEventAt
        for number in standing.retired { retired.insert(CallID(number: number)) }
        unitVisits = standing.unitVisits
        customers = CustomerBook(customers: standing.customers, calls: standing.customerCalls, serviceVisits: standing.serviceVisits)
        plans = standing.plans
        if indexingUnits { unitIndex = UnitIndex(unitVisits) }
        self.calls = CallTable(chunks: chunks.filter { !$0.isEmpty })
    }
}

extension DeskState {
    /// A part in which two desks differ (`journal verify` comparing a snapshot with a replay).
    public enum Difference: Equatable, Sendable {
        case policies, roster, counters, retired, unitVisits, customers
        case call(CallID)
    }

    /// Where `other` differs from this desk: each differing part, and each call held by one and
    /// not the other or held differently (the first few).
    public func differences(from other: DeskState, calls limit: Int = 5) -> [Difference] {
        var found: [Difference] = []
        if policies != other.policies || policyAdoptedAt != other.policyAdoptedAt || currentPolicyNumber != other.currentPolicyNumber {
            found.append(.policies)
        }
        if technicians != other.technicians || rosterOrder != other.rosterOrder || plans != other.plans { found.append(.roster) }
        if nextCallNumber != other.nextCallNumber || latestEventAt != other.latestEventAt { found.append(.counters) }
        if retired != other.retired { found.append(.retired) }
        if unitVisits != other.unitVisits { found.append(.unitVisits) }
        if customers != other.customers { found.append(.customers) }
        let ids = Set(calls.values.map(\.id)).union(other.calls.values.map(\.id)).sorted()
        found += ids.filter { calls[$0] != other.calls[$0] }.prefix(limit).map(Difference.call)
        return found
    }
}
