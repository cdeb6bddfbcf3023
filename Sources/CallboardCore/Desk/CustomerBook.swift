/// The desk's customers, with what intake looks them up by: every number a customer or one of
/// their contacts calls from, and every unit's serial number. Part of DeskState, changed only
/// by `apply`.
public struct CustomerBook: Equatable, Sendable {
    public private(set) var byID: [CustomerID: Customer] = [:]
    /// In the order they were added.
    public private(set) var order: [CustomerID] = []
    /// Each customer's calls, in order: every call intake linked to them (retired ones too), for
    /// their history.
    public private(set) var calls: [CustomerID: [CallID]] = [:]
    /// The scheduled service visits made to each unit (by serialKey), oldest first.
    public private(set) var serviceVisits: [String: [LocalDate]] = [:]
    /// Lookups worked out from the records (not compared: they follow from them).
    private var byPhone: [String: CustomerID] = [:]
    private var bySerial: [String: CustomerID] = [:]

    public init() {}

    /// A book put back together (a snapshot): the customers with their units, and their calls.
    public init(customers: [Customer], calls: [CustomerID: [CallID]], serviceVisits: [String: [LocalDate]] = [:]) {
        for customer in customers {
            var bare = customer
            bare.units = []
            record(bare)
            for unit in customer.units { record(unit, of: customer.id) }
        }
        self.calls = calls.filter { byID[$0.key] != nil }
        self.serviceVisits = serviceVisits.filter { bySerial[$0.key] != nil }
    }

    public var all: [Customer] { order.compactMap { byID[$0] } }
    public var isEmpty: Bool { order.isEmpty }
    public subscript(id: CustomerID) -> Customer? { byID[id] }

    /// The customer who calls from `phone` (theirs or a contact's), in any of the ways it is written.
    public func customer(phone: String) -> Customer? {
        Self.phoneKey(phone).flatMap { byPhone[$0] }.flatMap { byID[$0] }
    }

    /// The customer who owns the unit with this serial number.
    public func customer(serial: String) -> Customer? {
        bySerial[Self.serialKey(serial)].flatMap { byID[$0] }
    }

    /// A serial number as a key: `ＳＮ－Ａ００１`, `sn-a001` and `SN-A001` are one unit.
    public static func serialKey(_ serial: String) -> String { TextRules.halfWidth(serial).lowercased() }

    /// A phone number's digits, the country code 86 taken off (`+86 21 …` is `021 …`): the same
    /// number written `138 0013 8000`, `13800138000` or `+86 138-0013-8000` is one key.
    public static func phoneKey(_ phone: String) -> String? {
        var digits = String(TextRules.halfWidth(phone).filter { $0.isASCII && $0.isNumber })
        if digits.hasPrefix("0086") { digits.removeFirst(2) }
        if digits.hasPrefix("86"), digits.count >= 12 {
            digits.removeFirst(2)
            if !digits.hasPrefix("1") { digits = "0" + digits }
        }
        return digits.count >= 5 ? digits : nil
    }

    mutating func record(_ customer: Customer) {
        var customer = customer
        if let old = byID[customer.id] {
            customer.units = old.units
            for phone in old.phones + old.contacts.map(\.phone) {
                if let key = Self.phoneKey(phone), byPhone[key] == old.id { byPhone[key] = nil }
            }
        } else {
            order.append(customer.id)
        }
        byID[customer.id] = customer
        for phone in customer.phones + customer.contacts.map(\.phone) {
            if let key = Self.phoneKey(phone), byPhone[key] == nil { byPhone[key] = customer.id }
        }
    }

    mutating func record(_ unit: CustomerUnit, of id: CustomerID) {
        guard var customer = byID[id] else { return }
        let key = Self.serialKey(unit.serial)
        if let index = customer.units.firstIndex(where: { Self.serialKey($0.serial) == key }) {
            customer.units[index] = unit
        } else {
            customer.units.append(unit)
        }
        // A unit that changed hands leaves its former owner.
        if let former = bySerial[key], former != id, var previous = byID[former] {
            previous.units.removeAll { Self.serialKey($0.serial) == key }
            byID[former] = previous
        }
        bySerial[key] = id
        byID[id] = customer
    }

    mutating func serviced(_ serial: String, on day: LocalDate) {
        let key = Self.serialKey(serial)
        guard bySerial[key] != nil else { return }
        serviceVisits[key, default: []].append(day)
        serviceVisits[key]!.sort()
    }

    /// The scheduled visits made to a unit.
    public func serviceVisits(of serial: String) -> [LocalDate] { serviceVisits[Self.serialKey(serial)] ?? [] }

    mutating func link(_ call: CallID, to id: CustomerID) {
        guard byID[id] != nil else { return }
        calls[id, default: []].append(call)
    }

    public static func == (a: CustomerBook, b: CustomerBook) -> Bool {
        a.byID == b.byID && a.order == b.order && a.calls == b.calls && a.serviceVisits == b.serviceVisits
    }
}
