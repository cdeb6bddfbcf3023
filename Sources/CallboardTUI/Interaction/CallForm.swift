import CallboardCore
import Foundation

/// The new-call form: one text field per intake fact, a focus moved by Tab and Shift-Tab, and
/// the error for each field from the same validation the command line uses.
public struct CallForm: Equatable, Sendable {
    public struct Field: Equatable, Sendable {
        public var id: CallboardCore.Field
        public var label: ConsoleText
        public var required: Bool
        public var input: TextField
        public var error: String?
        /// The most characters the desk takes (IntakeDraft's limits), said on screen.
        public var limit: Int?
    }

    public var fields: [Field]
    public var focus = 0
    /// A problem not tied to one field.
    public var error: String?

    public init() {
        func field(_ id: CallboardCore.Field, _ label: ConsoleText, required: Bool = false, _ value: String = "") -> Field {
            Field(id: id, label: label, required: required, input: TextField(value), error: nil, limit: IntakeDraft.limits[id])
        }
        fields = [
            field(.customer, .fieldCustomer, required: true), field(.phone, .fieldPhone, required: true),
            field(.summary, .fieldSummary, required: true), field(.level, .fieldLevel), field(.region, .fieldRegion),
            field(.product, .fieldProduct), field(.serial, .fieldSerial), field(.purchased, .fieldPurchased), field(.defect, .fieldDefect),
            field(.channel, .fieldChannel, "phone"),
            field(.tier, .fieldTier), field(.kind, .fieldKind),
            // Filled from the customer's record as the phone is typed (`fill`).
            field(.contact, .fieldContact), field(.address, .fieldAddress),
        ]
    }

    /// Whether anything was typed (Esc then asks before throwing it away).
    public var isTouched: Bool { fields.contains { $0.id == .channel ? $0.input.text != "phone" : !$0.input.isEmpty } }

    public mutating func next() { focus = (focus + 1) % fields.count }
    public mutating func previous() { focus = (focus + fields.count - 1) % fields.count }

    /// Applies a key to the field with the focus; false when the field is full (the key is not
    /// taken, and the form says how much the field holds).
    @discardableResult
    public mutating func edit(_ key: Key) -> Bool {
        if case .paste(let text) = key {
            // Taken up to the limit at once: one "field full" for the whole paste.
            fields[focus].error = nil
            return fields[focus].input.paste(text, limit: fields[focus].limit)
        }
        if let limit = fields[focus].limit, case .character = key, fields[focus].input.characters.count >= limit { return false }
        if fields[focus].input.handle(key) { fields[focus].error = nil }
        return true
    }

    func value(_ id: CallboardCore.Field) -> String? {
        let text = fields.first { $0.id == id }?.input.text.trimmingCharacters(in: .whitespaces) ?? ""
        return text.isEmpty ? nil : text
    }

    public var draft: IntakeDraft {
        IntakeDraft(customer: value(.customer), phone: value(.phone), summary: value(.summary), level: value(.level),
                    region: value(.region), product: value(.product), serial: value(.serial), channel: value(.channel),
                    tier: value(.tier), kind: value(.kind), purchased: value(.purchased), defect: value(.defect),
                    address: value(.address), contact: value(.contact))
    }

    /// Fills the fields nobody typed in with what the desk knows of the caller (the customer
    /// found by the phone, the serial or an ID typed as the customer), as the phone is typed.
    /// Returns the customer found.
    @discardableResult
    public mutating func fill(from book: CustomerBook) -> Customer? {
        let (filled, customer) = draft.filled(from: book)
        guard customer != nil else { return nil }
        let values: [CallboardCore.Field: String?] = [.customer: filled.customer, .address: filled.address, .contact: filled.contact,
                                                      .product: filled.product, .purchased: filled.purchased]
        for index in fields.indices where index != focus && fields[index].input.isEmpty {
            if let value = values[fields[index].id] ?? nil { fields[index].input = TextField(value) }
        }
        return customer
    }

    /// The customer on record for the call as the form stands, and the calls it may be about
    /// (RelatedCalls): shown above the fields.
    public func onRecord(in desk: DeskState, at now: Date) -> (customer: Customer?, related: [RelatedCall]) {
        let (filled, customer) = draft.filled(from: desk.customers)
        guard filled.phone != nil || filled.serial != nil || customer != nil else { return (customer, []) }
        var intake = CallIntake(customer: filled.customer ?? "", phone: filled.phone ?? "", summary: "", serial: filled.serial)
        intake.customerID = customer?.id
        return (customer, desk.relatedCalls(to: intake, at: now, repeatWithin: desk.currentPolicy?.desk.repeatWithin ?? DeskRules.standard.repeatWithin))
    }

    /// Shows a refusal next to the field it names (and moves there), or above the form, in
    /// `strings`' language.
    public mutating func show(_ error: DeskError, strings: UIStrings = .english) { show(strings[error.text], field: error.field) }

    public mutating func show(_ message: String, field: CallboardCore.Field?) {
        clearErrors()
        if let field, let index = fields.firstIndex(where: { $0.id == field }) {
            fields[index].error = message
            focus = index
        } else {
            error = message
        }
    }

    public mutating func clearErrors() {
        for index in fields.indices { fields[index].error = nil }
        error = nil
    }
}
