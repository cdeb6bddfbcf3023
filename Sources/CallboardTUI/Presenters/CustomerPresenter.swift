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
    /// (`calls`, oldest first). The console's customer view is made of the same pieces.
    public static func text(_ customer: Customer, calls: [ServiceCall], state: DeskState, zone: TimeZone, today: LocalDate? = nil,
                            strings t: UIStrings = .english) -> String {
        var lines = [heading(customer, strings: t)] + record(customer, state: state, today: today, strings: t)
        lines.append("")
        lines.append(t(.sectionCalls))
        if calls.isEmpty { lines.append("  " + t(.noCalls)) }
        for call in calls { lines.append("  " + callLine(call, state: state, zone: zone, strings: t)) }
        return lines.joined(separator: "\n")
    }

    /// "K001  上海华东电气有限公司".
    public static func heading(_ customer: Customer, strings t: UIStrings = .english) -> String {
        t(.customerHeading, ["customer": customer.id.rawValue, "name": DisplayText.sanitized(customer.name)])
    }

    /// The record under the heading: numbers, address, contacts, then the units, each with
    /// when it was bought and when its warranty ends (their own, else the policy's period from
    /// the purchase; `today` marks one already over).
    public static func record(_ customer: Customer, state: DeskState, today: LocalDate? = nil, strings t: UIStrings = .english) -> [String] {
        let s = DisplayText.sanitized
        var lines: [String] = []
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
        for unit in customer.units { lines.append("  " + unitLine(unit, policy: state.currentPolicy, today: today, strings: t)) }
        return lines
    }

    /// "SN-7781  UPS-3000  purchased 2026-03-01  warranty until 2027-02-28".
    public static func unitLine(_ unit: CustomerUnit, policy: SLAPolicy?, today: LocalDate? = nil, strings t: UIStrings = .english) -> String {
        let s = DisplayText.sanitized
        var parts = [s(unit.serial)]
        if let product = unit.product { parts.append(s(product)) }
        if let purchased = unit.purchased { parts.append(t(.unitPurchased, ["date": "\(purchased)"])) }
        if let end = warrantyEnd(unit, policy: policy) {
            let over = today.map { end.dayNumber < $0.dayNumber } ?? false
            parts.append(t(over ? .unitWarrantyOver : .unitWarrantyUntil, ["date": "\(end)"]))
        }
        return parts.joined(separator: "  ")
    }

    /// One of the customer's calls: "C-0007  2026-11-27 09:30  open        主控服务器宕机".
    public static func callLine(_ call: ServiceCall, state: DeskState, zone: TimeZone, strings t: UIStrings = .english) -> String {
        let zone = CallReport.zone(of: call, in: state, fallback: zone)
        let status = DisplayText.fit(t(.status(call.status)), 10)
        return "\(call.id)  \(TimeText.dateTime(call.receivedAt, in: zone))  \(status)  \(DisplayText.sanitized(call.intake.summary))"
    }

    /// The last day of a unit's warranty: its own, else the policy's period from the purchase.
    public static func warrantyEnd(_ unit: CustomerUnit, policy: SLAPolicy?) -> LocalDate? { unit.warrantyEnd(policy: policy) }

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
