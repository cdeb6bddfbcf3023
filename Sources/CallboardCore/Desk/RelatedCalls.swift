import Foundation

extension DeskState {
    /// At most this many related calls are named for one new call: the most recent.
    public static let relatedLimit = 10

    /// The calls a new call with `intake`, received at `at`, may be about: calls still open
    /// then from the same unit, customer or phone (a possible duplicate), and calls on the same
    /// unit or for the same customer closed at most `repeatWithin` seconds before (a repeat).
    /// Cancelled calls are neither. Each call is named once, for its strongest reason (the unit,
    /// then the customer, then the phone); the most recent first.
    ///
    /// The desk holds every call closed within the policy's repeat window (retirement keeps
    /// them), so the live desk is enough.
    public func relatedCalls(to intake: CallIntake, at: Date, repeatWithin: Int) -> [RelatedCall] {
        let serial = intake.serial.map(CustomerBook.serialKey)
        let phone = CustomerBook.phoneKey(intake.phone)
        var found: [RelatedCall] = []
        calls.forEach { call in
            guard !call.cancelled, call.receivedAt <= at else { return }
            let sameUnit = serial != nil && call.intake.serial.map(CustomerBook.serialKey) == serial
            let sameCustomer = intake.customerID != nil && call.intake.customerID == intake.customerID
            if let closed = call.closedAt, closed <= at {
                guard at.timeIntervalSince(closed) < Double(repeatWithin), sameUnit || sameCustomer else { return }
                found.append(RelatedCall(call: call.id, reason: sameUnit ? .repeatSameUnit : .repeatSameCustomer))
                return
            }
            if sameUnit {
                found.append(RelatedCall(call: call.id, reason: .openSameUnit))
            } else if sameCustomer {
                found.append(RelatedCall(call: call.id, reason: .openSameCustomer))
            } else if phone != nil, CustomerBook.phoneKey(call.intake.phone) == phone {
                found.append(RelatedCall(call: call.id, reason: .openSamePhone))
            }
        }
        return Array(found.sorted { $0.call > $1.call }.prefix(Self.relatedLimit))
    }

    /// Retired calls a new call from `draft` may repeat, for a desk to read back before deciding
    /// it: the desk holds every call closed within the repeat window of its latest event, but a
    /// call recorded late (`--at` yesterday) looks back from an earlier moment. The customer's
    /// and the unit's most recent retired calls.
    public func retiredCandidates(for draft: IntakeDraft, limit: Int = 20) -> [CallID] {
        let (filled, customer) = draft.filled(from: customers)
        var ids: [CallID] = []
        if let customer { ids += customers.calls[customer.id] ?? [] }
        if let serial = filled.serial { ids += (unitVisits[CustomerBook.serialKey(serial)] ?? []).map(\.call) }
        return Array(Set(ids.filter { retired.contains($0) }).sorted().suffix(limit))
    }
}
