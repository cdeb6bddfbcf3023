import CallboardCore
import Foundation

/// Customers in words: the list (`customer list`, the console's customers), one customer in
/// full with their units and calls (`customer show`), and both as JSON. Names, addresses and
/// phones as they were written.
public enum CustomerPresenter {
    public static func columns(strings s: UIStrings) -> [Column] {
        [
            Column(s(.columnID), width: 6),
            Column(s(.columnName), width: 12, flex: 3),
            Column(s(.columnPhone), width: 13),
            Column(s(.columnAddress), width: 12, flex: 3, dropPriority: 1),
            Column(s(.columnUnits), width: 4, alignRight: true, dropPriority: 2),
            Column(s(.columnOpen), width: 4, alignRight: true),
        ]
    }

    /// Open calls per customer (not closed, not cancelled), from the calls the desk holds.
    public static func openCalls(_ state: DeskState) -> [CustomerID: Int] {
        var open: [CustomerID: Int] = [:]
        state.calls.forEach { call in
            if let id = call.intake.customerID, call.closedAt == nil { open[id, default: 0] += 1 }
        }
        return open
    }

    public static func rows(_ state: DeskState) -> [[Cell]] {
        let open = openCalls(state)
        return state.customers.all.map { c in
            let count = open[c.id] ?? 0
            return [Cell(c.id.rawValue), Cell(c.name), Cell(c.phones.first ?? "", .muted), Cell(c.address ?? "", .muted),
                    Cell(String(c.units.count), .muted), Cell(String(count), count == 0 ? .muted : .plain)]
        }
    }

    /// `customer show` for people: the record, the units with their warranty, and every call
    /// (`calls`, oldest first).
    public static func text(_ customer: Customer, calls: [ServiceCall], state: DeskState, zone: TimeZone, strings t: UIStrings = .english) -> String {
        let s = DisplayText.sanitized
        var lines = [t(.customerHeading, ["customer": customer.id.rawValue, "name": s(customer.name)])]
        func field(_ label: ReportText, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            lines.append(DisplayText.fit(t(label), 12) + s(value))
        }
        field(.fieldPhones, customer.phones.joined(separator: ", "))
        field(.fieldAddress, customer.address)
        for contact in customer.contacts { field(.fieldContacts, contact.text) }
        lines.append("")
        lines.append(t(.sectionUnits))
        if customer.units.isEmpty { lines.append("  " + t(.noUnits, ["customer": customer.id.rawValue])) }
        let policy = state.currentPolicy
        for unit in customer.units {
            let warranty = warrantyEnd(unit, policy: policy)?.description ?? ""
            lines.append("  " + [s(unit.serial), s(unit.product ?? ""), unit.purchased?.description ?? "", warranty]
                .filter { !$0.isEmpty }.joined(separator: "  "))
        }
        lines.append("")
        lines.append(t(.sectionCalls))
        if calls.isEmpty { lines.append("  " + t(.noCalls)) }
        for call in calls {
            let zone = CallReport.zone(of: call, in: state, fallback: zone)
            let status = DisplayText.fit(t(.status(call.status)), 10)
            lines.append("  \(call.id)  \(TimeText.dateTime(call.receivedAt, in: zone))  \(status)  \(s(call.intake.summary))")
        }
        return lines.joined(separator: "\n")
    }

    /// The last day of a unit's warranty: its own, else the policy's period from the purchase.
    public static func warrantyEnd(_ unit: CustomerUnit, policy: SLAPolicy?) -> LocalDate? {
        if let until = unit.warrantyUntil { return until }
        guard let purchased = unit.purchased, let desk = policy?.desk else { return nil }
        return purchased.adding(days: desk.warrantyDays(for: unit.product) - 1)
    }

    struct UnitJSON: Encodable {
        var unit: CustomerUnit
        var warrantyEnd: LocalDate?
        enum Key: String, CodingKey { case serial, product, purchased, warranty_until }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(unit.serial, forKey: .serial)
            try c.encode(unit.product, forKey: .product)
            try c.encode(unit.purchased?.description, forKey: .purchased)
            try c.encode(warrantyEnd?.description, forKey: .warranty_until)
        }
    }

    struct CustomerJSON: Encodable {
        var customer: Customer
        var policy: SLAPolicy?
        var openCalls: Int
        /// With `customer show`: the calls, as `list --json` shows them.
        var calls: [String]?
        enum Key: String, CodingKey { case id, name, phones, address, contacts, units, open_calls, calls }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(customer.id.rawValue, forKey: .id)
            try c.encode(customer.name, forKey: .name)
            try c.encode(customer.phones, forKey: .phones)
            try c.encode(customer.address, forKey: .address)
            try c.encode(customer.contacts.map { ["name": $0.name, "phone": $0.phone] }, forKey: .contacts)
            try c.encode(customer.units.map { UnitJSON(unit: $0, warrantyEnd: CustomerPresenter.warrantyEnd($0, policy: policy)) }, forKey: .units)
            try c.encode(openCalls, forKey: .open_calls)
            try c.encodeIfPresent(calls, forKey: .calls)
        }
    }

    public static func json(list state: DeskState) -> String {
        let open = openCalls(state)
        return CallReport.json(state.customers.all.map { CustomerJSON(customer: $0, policy: state.currentPolicy, openCalls: open[$0.id] ?? 0) })
    }

    /// One customer with their calls' IDs.
    public static func json(_ customer: Customer, calls: [ServiceCall], state: DeskState) -> String {
        CallReport.json(CustomerJSON(customer: customer, policy: state.currentPolicy,
                                     openCalls: calls.filter { $0.closedAt == nil }.count, calls: calls.map(\.id.description)))
    }
}
