import Foundation

/// A customer the desk serves under contract: a company or a person with the numbers they call
/// from, where their site is, the people allowed to open requests (at most five, PROMISES.md
/// line 169) and the units they own. Intake finds a customer by any of their numbers or a
/// unit's serial number and fills in what is known.
public struct Customer: Equatable, Sendable {
    public var id: CustomerID
    public var name: String
    /// The numbers the customer calls from, as written; the first is the main one.
    public var phones: [String]
    /// The site's address, where engineers go.
    public var address: String?
    public var contacts: [Contact]
    /// The customer's units, in the order they were recorded (`customer unit`); not part of
    /// the events that add or edit the customer.
    public var units: [CustomerUnit]

    /// The most contacts a customer may name (the seed letters' "up to five trained contacts").
    public static let contactLimit = 5
    public static let phoneLimit = 5
    public static let nameLimit = 100
    public static let addressLimit = 200

    public init(id: CustomerID, name: String, phones: [String], address: String? = nil, contacts: [Contact] = [], units: [CustomerUnit] = []) {
        self.id = id
        self.name = name
        self.phones = phones
        self.address = address
        self.contacts = contacts
        self.units = units
    }

    /// The unit with this serial number (case does not matter), if the customer owns it.
    public func unit(serial: String) -> CustomerUnit? {
        let key = CustomerBook.serialKey(serial)
        return units.first { CustomerBook.serialKey($0.serial) == key }
    }
}

/// A person at the customer's who may open requests.
public struct Contact: Equatable, Sendable {
    public var name: String
    public var phone: String

    public init(name: String, phone: String) {
        self.name = name
        self.phone = phone
    }

    /// "李工 138 0013 8000": how a contact is shown and typed (`--contact`).
    public var text: String { "\(name) \(phone)" }
}

/// One of the customer's units: what it is, its serial number, and its warranty.
public struct CustomerUnit: Equatable, Sendable {
    public var serial: String
    public var product: String?
    public var purchased: LocalDate?
    /// The end of the unit's warranty when the contract says (otherwise the policy's period from
    /// the purchase date applies).
    public var warrantyUntil: LocalDate?

    /// The last day of its warranty: its own, else the policy's period from the purchase.
    public func warrantyEnd(policy: SLAPolicy?) -> LocalDate? {
        if let warrantyUntil { return warrantyUntil }
        guard let purchased, let desk = policy?.desk else { return nil }
        return purchased.adding(days: desk.warrantyDays(for: product) - 1)
    }

    public init(serial: String, product: String? = nil, purchased: LocalDate? = nil, warrantyUntil: LocalDate? = nil) {
        self.serial = serial
        self.product = product
        self.purchased = purchased
        self.warrantyUntil = warrantyUntil
    }
}

/// A customer's short ID as the desk chose it (`K001`, `HD-ELEC`): the same rules as a
/// technician's, stored in upper case.
public struct CustomerID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init?(_ text: String) {
        guard let code = ShortCode.typed(text) else { return nil }
        rawValue = code
    }

    /// Reads an ID as the journal stores it (already in upper case).
    public init?(stored text: String) {
        guard let code = ShortCode.typed(text), code == text else { return nil }
        rawValue = code
    }

    public var description: String { rawValue }
    public static func < (a: CustomerID, b: CustomerID) -> Bool { a.rawValue < b.rawValue }

    public static func parse(_ text: String, field: Field = .customer) throws(DeskError) -> CustomerID {
        guard let id = CustomerID(text) else {
            throw .invalid(field, DeskText.notCustomerID(["text": .text(Printable.quoted(text))]))
        }
        return id
    }
}
