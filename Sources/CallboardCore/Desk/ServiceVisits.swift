/// The warranty's periodic visits (PROMISES.md, the letters' line 143: at least twice a year
/// during the warranty, the first within six months): when each unit on record is next due,
/// worked out from its purchase, its warranty's end and the visits made. Pure.
public struct DueVisit: Equatable, Sendable {
    public var customer: Customer
    public var unit: CustomerUnit
    public var due: LocalDate
    /// The last visit made (nil: none yet).
    public var last: LocalDate?
    public var warrantyEnds: LocalDate
}

extension DeskState {
    /// Every unit's next scheduled visit, soonest first, for units whose warranty runs at least
    /// until the visit falls due and still in warranty `today` (none once the warranty has ended
    /// or the policy turns them off). `through`: only those due on or before that day (overdue
    /// ones included).
    public func dueVisits(today: LocalDate, through last: LocalDate? = nil) -> [DueVisit] {
        guard let policy = currentPolicy, policy.desk.visitEvery > 0 || policy.desk.firstVisitWithin > 0 else { return [] }
        var found: [DueVisit] = []
        for customer in customers.all {
            for unit in customer.units {
                guard let purchased = unit.purchased, let ends = unit.warrantyEnd(policy: policy), ends >= today else { continue }
                let made = customers.serviceVisits(of: unit.serial)
                let due: LocalDate
                if let latest = made.last {
                    guard policy.desk.visitEvery > 0 else { continue }
                    due = latest.adding(days: policy.desk.visitEvery / 86_400)
                } else {
                    let first = policy.desk.firstVisitWithin > 0 ? policy.desk.firstVisitWithin : policy.desk.visitEvery
                    due = purchased.adding(days: first / 86_400)
                }
                guard due <= ends, last.map({ due <= $0 }) ?? true else { continue }
                found.append(DueVisit(customer: customer, unit: unit, due: due, last: made.last, warrantyEnds: ends))
            }
        }
        return found.sorted { ($0.due, $0.customer.id, $0.unit.serial) < ($1.due, $1.customer.id, $1.unit.serial) }
    }
}
