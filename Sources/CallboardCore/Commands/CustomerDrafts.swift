import Foundation

/// A customer's record as typed (`customer add` / `customer edit`, a spreadsheet's row). For an
/// edit, what is not given stays as it was.
public struct CustomerDraft: Equatable, Sendable {
    public var id: String
    public var name: String?
    /// Replaces the numbers when any is given.
    public var phones: [String]
    /// An empty text clears the address.
    public var address: String?
    /// Each "name phone"; replaces the contacts when any is given (or `clearContacts`).
    public var contacts: [String]
    public var clearContacts: Bool

    public init(id: String, name: String? = nil, phones: [String] = [], address: String? = nil, contacts: [String] = [], clearContacts: Bool = false) {
        self.id = id
        self.name = name
        self.phones = phones
        self.address = address
        self.contacts = contacts
        self.clearContacts = clearContacts
    }

    /// A new customer: a name and at least one number are required.
    func validatedNew() throws(DeskError) -> Customer {
        let id = try CustomerID.parse(id, field: .id)
        try TextRules.requireAll([(name, .name), (phones.first, .phone)])
        let name = try TextRules.clean(name, field: .name, required: true, maxLength: Customer.nameLimit)!
        guard !phones.isEmpty else { throw .invalid(.phone, DeskText.required(["field": .message(Field.phone.label)])) }
        let phones = try Self.phones(phones, required: true)
        let address = try TextRules.clean(address, field: .address, required: false, maxLength: Customer.addressLimit)
        return Customer(id: id, name: name, phones: phones, address: address, contacts: try Self.contacts(contacts))
    }

    /// `existing` with what the draft changes; refused when it changes nothing.
    func applied(to existing: Customer) throws(DeskError) -> Customer {
        var customer = existing
        guard name != nil || !phones.isEmpty || address != nil || !contacts.isEmpty || clearContacts else {
            throw .invalid(.id, DeskText.customerNothingToEdit(["customer": "\(existing.id)"]))
        }
        if let name { customer.name = try TextRules.clean(name, field: .name, required: true, maxLength: Customer.nameLimit)! }
        if !phones.isEmpty { customer.phones = try Self.phones(phones, required: true) }
        if let address { customer.address = try TextRules.clean(address, field: .address, required: false, maxLength: Customer.addressLimit) }
        if clearContacts { customer.contacts = [] }
        if !contacts.isEmpty { customer.contacts = try Self.contacts(contacts) }
        return customer
    }

    static func phones(_ typed: [String], required: Bool) throws(DeskError) -> [String] {
        guard typed.count <= Customer.phoneLimit else {
            throw .invalid(.phone, DeskText.tooManyPhones(["count": "\(typed.count)", "limit": "\(Customer.phoneLimit)"]))
        }
        var phones: [String] = []
        for text in typed {
            let phone = try PhoneNumber.validated(text, field: .phone, required: required)!
            if !phones.contains(where: { CustomerBook.phoneKey($0) == CustomerBook.phoneKey(phone) }) { phones.append(phone) }
        }
        return phones
    }

    static func contacts(_ typed: [String]) throws(DeskError) -> [Contact] {
        guard typed.count <= Customer.contactLimit else {
            throw .invalid(.contact, DeskText.tooManyContacts(["count": "\(typed.count)", "limit": "\(Customer.contactLimit)"]))
        }
        var contacts: [Contact] = []
        for text in typed { contacts.append(try contact(text)) }
        return contacts
    }

    /// "李工 138 0013 8000", "Li Wei: 13800138000": the name, then the number (which starts at
    /// the first digit or `+`).
    static func contact(_ text: String) throws(DeskError) -> Contact {
        let typed = TextRules.halfWidth(text)
        let notContact = DeskError.invalid(.contact, DeskText.notContact(["text": .text(Printable.quoted(text))]))
        guard let start = typed.firstIndex(where: { ($0.isASCII && $0.isNumber) || $0 == "+" }) else { throw notContact }
        let name = typed[..<start].trimmingCharacters(in: CharacterSet.whitespaces.union(CharacterSet(charactersIn: ":,;")))
        guard !name.isEmpty else { throw notContact }
        let cleaned = try TextRules.clean(name, field: .contact, required: true, maxLength: 40)!
        let phone = try PhoneNumber.validated(String(typed[start...]), field: .contact, required: true)!
        return Contact(name: cleaned, phone: phone)
    }
}

/// One of a customer's units as typed (`customer unit`).
public struct UnitDraft: Equatable, Sendable {
    public var customer: String
    public var serial: String?
    public var product: String?
    public var purchased: String?
    /// The last day of the unit's warranty, YYYY-MM-DD.
    public var warrantyUntil: String?

    public init(customer: String, serial: String?, product: String? = nil, purchased: String? = nil, warrantyUntil: String? = nil) {
        self.customer = customer
        self.serial = serial
        self.product = product
        self.purchased = purchased
        self.warrantyUntil = warrantyUntil
    }

    func validated() throws(DeskError) -> (CustomerID, CustomerUnit) {
        let id = try CustomerID.parse(customer)
        let serial = TextRules.halfWidth(try TextRules.clean(serial, field: .serial, required: true, maxLength: IntakeDraft.serialLimit)!)
        let product = try TextRules.clean(product, field: .product, required: false, maxLength: IntakeDraft.productLimit)
        let purchased = try IntakeDraft.date(purchased, field: .purchased)
        let until = try IntakeDraft.date(warrantyUntil, field: .warranty)
        if let purchased, let until, until < purchased {
            throw .invalid(.warranty, DeskText.warrantyBeforePurchase(["until": "\(until)", "purchased": "\(purchased)"]))
        }
        return (id, CustomerUnit(serial: serial, product: product, purchased: purchased, warrantyUntil: until))
    }
}

extension IntakeDraft {
    /// The draft with what the desk knows of the caller filled in where nothing was typed: the
    /// customer found by the ID typed as the customer, else by the phone number (theirs or a
    /// contact's), else by the unit's serial number — their name, the site's address, the
    /// contact who calls from that number, and the unit's product and purchase date. Returns the
    /// customer found (nil: none; the call is logged as typed).
    public func filled(from book: CustomerBook) -> (draft: IntakeDraft, customer: Customer?) {
        func blank(_ text: String?) -> Bool { (text ?? "").trimmingCharacters(in: .whitespaces).isEmpty }
        let byID = customer.flatMap { CustomerID($0) }.flatMap { book[$0] }
        // The unit decides before the phone: its repairs are what 三包 counts.
        guard let found = byID ?? serial.flatMap(book.customer(serial:)) ?? phone.flatMap(book.customer(phone:)) else { return (self, nil) }
        var draft = self
        if byID != nil || blank(customer) { draft.customer = found.name }
        if blank(phone) { draft.phone = found.phones.first }
        if blank(address) { draft.address = found.address }
        if blank(contact), let typed = phone, let key = CustomerBook.phoneKey(typed),
           let contact = found.contacts.first(where: { CustomerBook.phoneKey($0.phone) == key }) {
            draft.contact = contact.text
        }
        if let serial, let unit = found.unit(serial: serial) {
            if blank(product) { draft.product = unit.product }
            if blank(purchased) { draft.purchased = unit.purchased?.description }
        }
        return (draft, found)
    }
}

/// A scheduled visit to a unit, as typed (`callboard visit SERIAL`).
public struct VisitDraft: Equatable, Sendable {
    public var serial: String
    /// The day of the visit, YYYY-MM-DD (default: the day it is recorded).
    public var on: String?
    public var note: String?

    public init(serial: String, on: String? = nil, note: String? = nil) {
        self.serial = serial
        self.on = on
        self.note = note
    }
}
