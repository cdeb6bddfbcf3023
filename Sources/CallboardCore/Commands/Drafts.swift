import Foundation

/// A new call as typed (command line or form): raw text, checked by `validated()`.
public struct IntakeDraft: Equatable, Sendable {
    public var customer: String?
    public var phone: String?
    public var summary: String?
    public var level: String?
    public var region: String?
    public var product: String?
    public var serial: String?
    public var channel: String?
    public var tier: String?
    public var kind: String?
    /// When the unit was bought, YYYY-MM-DD (for the warranty).
    public var purchased: String?
    /// The defect's classification, e.g. a fault code (same defect, same unit: 三包).
    public var defect: String?
    /// The site's address, when not the customer's on record.
    public var address: String?
    /// Who reported it: "李工 138 0013 8000".
    public var contact: String?

    public init(customer: String? = nil, phone: String? = nil, summary: String? = nil, level: String? = nil,
                region: String? = nil, product: String? = nil, serial: String? = nil, channel: String? = nil,
                tier: String? = nil, kind: String? = nil, purchased: String? = nil, defect: String? = nil,
                address: String? = nil, contact: String? = nil) {
        self.address = address
        self.contact = contact
        self.purchased = purchased
        self.defect = defect
        self.tier = tier
        self.kind = kind
        self.customer = customer
        self.phone = phone
        self.summary = summary
        self.level = level
        self.region = region
        self.product = product
        self.serial = serial
        self.channel = channel
    }

    /// The limits keep one call from flooding a screen or a journal record.
    public static let customerLimit = 100
    public static let summaryLimit = 1000
    public static let productLimit = 100
    public static let serialLimit = 64

    /// The most characters each field takes, for forms to say on screen (README, intake).
    public static let limits: [Field: Int] = [.customer: customerLimit, .phone: PhoneNumber.limit, .summary: summaryLimit,
                                              .product: productLimit, .serial: serialLimit, .region: TextRules.tokenLimit,
                                              .tier: TextRules.tokenLimit, .kind: TextRules.tokenLimit, .defect: TextRules.tokenLimit]

    public func validated() throws(DeskError) -> CallIntake {
        try TextRules.requireAll([(customer, .customer), (phone, .phone), (summary, .summary)])
        let customer = try TextRules.clean(customer, field: .customer, required: true, maxLength: Self.customerLimit)!
        let phone = try PhoneNumber.validated(phone, field: .phone, required: true)!
        let summary = try TextRules.clean(summary, field: .summary, required: true, maxLength: Self.summaryLimit)!
        let level = try level.flatMap { text throws(DeskError) in
            TextRules.halfWidth(text).trimmingCharacters(in: .whitespaces).isEmpty ? nil : try FaultLevel.parse(text)
        }
        let region = try TextRules.optionalToken(region, field: .region)
        let product = try TextRules.clean(product, field: .product, required: false, maxLength: Self.productLimit)
        // Serial numbers are codes: full-width letters and digits from an input method are the
        // same unit as their ASCII selves (one unit, one repair history).
        let serial = try TextRules.clean(serial, field: .serial, required: false, maxLength: Self.serialLimit).map(TextRules.halfWidth)
        let channel = try channel.map { text throws(DeskError) in try Channel.parse(text) } ?? .phone
        let tier = try TextRules.optionalToken(tier, field: .tier)
        let kind = try TextRules.optionalToken(kind, field: .kind)
        let defect = try TextRules.optionalToken(defect, field: .defect)
        let purchase = try Self.date(purchased, field: .purchased)
        var intake = CallIntake(customer: customer, phone: phone, summary: summary, level: level, region: region,
                                product: product, serial: serial, channel: channel, tier: tier, kind: kind,
                                purchased: purchase, defect: defect)
        intake.address = try TextRules.clean(address, field: .address, required: false, maxLength: Customer.addressLimit)
        intake.contact = try contact.flatMap { text throws(DeskError) -> Contact? in
            text.trimmingCharacters(in: .whitespaces).isEmpty ? nil : try CustomerDraft.contact(text)
        }
        return intake
    }

    /// A date typed as YYYY-MM-DD (nil when blank): a purchase date, the end of a warranty.
    static func date(_ typed: String?, field: Field) throws(DeskError) -> LocalDate? {
        guard let typed else { return nil }
        let trimmed = TextRules.halfWidth(typed).trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return nil }
        guard let date = LocalDate(trimmed) else {
            let text: Message.Argument = .text(Printable.quoted(trimmed))
            throw .invalid(field, field == .purchased ? DeskText.purchaseNotDate(["text": text]) : DeskText.notDate(["field": .message(field.label), "text": text]))
        }
        return date
    }
}

/// A technician joining the roster, as typed.
public struct TechnicianDraft: Equatable, Sendable {
    public var id: String
    public var name: String?
    public var region: String?
    public var skills: String?
    public var shift: String?
    public var phone: String?

    public init(id: String, name: String? = nil, region: String? = nil, skills: String? = nil, shift: String? = nil, phone: String? = nil) {
        self.id = id
        self.name = name
        self.region = region
        self.skills = skills
        self.shift = shift
        self.phone = phone
    }

    public func validated() throws(DeskError) -> Technician {
        let id = try TechnicianID.parse(id, field: .id)
        let name = try TextRules.clean(name, field: .name, required: true, maxLength: 60)!
        let region = try TextRules.optionalToken(region, field: .region)
        var skillList: [String] = []
        for part in (skills ?? "").split(separator: ",") {
            let skill = try TextRules.token(String(part), field: .skills, label: DeskText.fieldSkill())
            if !skillList.contains(skill) { skillList.append(skill) }
        }
        let shift = try shift.map { text throws(DeskError) in try Shift.parse(text) } ?? .day
        let phone = try PhoneNumber.validated(phone, field: .phone, required: false)
        return Technician(id: id, name: name, region: region, skills: skillList, shift: shift, phone: phone)
    }
}

/// Changes to a technician's record, as typed (`tech edit`): the same fields as joining, read
/// as changes — a field left out stays as it is; an empty region, skills or phone clears it.
extension TechnicianDraft {
    /// Nothing to change: refused, saying which options there are.
    public var isEmpty: Bool { [name, region, skills, shift, phone].allSatisfy { $0 == nil } }

    /// The record as it will stand, checked like `tech add`'s.
    public func applied(to existing: Technician) throws(DeskError) -> Technician {
        try TechnicianDraft(id: existing.id.rawValue, name: name ?? existing.name, region: region ?? existing.region,
                            skills: skills ?? existing.skills.joined(separator: ","), shift: shift ?? existing.shift.rawValue,
                            phone: phone ?? existing.phone).validated()
    }
}

/// Days as typed (`--from 2026-12-01 --to 2026-12-07`): checked into a DateSpan.
public struct DateSpanDraft: Equatable, Sendable {
    public var from: String?
    public var to: String?

    public init(from: String?, to: String?) {
        self.from = from
        self.to = to
    }

    public func validated() throws(DeskError) -> DateSpan {
        try TextRules.requireAll([(from, .from), (to, .to)])
        let first = try Self.date(from, field: .from)
        let last = try Self.date(to, field: .to)
        guard first <= last else {
            throw .invalid(.to, DeskText.spanBackwards(["from": "\(first)", "to": "\(last)"]))
        }
        guard last.dayNumber - first.dayNumber < DateSpan.longest else {
            throw .invalid(.to, DeskText.spanTooLong(["from": "\(first)", "to": "\(last)", "days": "\(DateSpan.longest)"]))
        }
        return DateSpan(from: first, to: last)
    }

    static func date(_ text: String?, field: Field) throws(DeskError) -> LocalDate {
        guard let date = try IntakeDraft.date(text, field: field) else { throw .invalid(field, DeskText.required(["field": .message(field.label)])) }
        return date
    }
}

/// Telephone numbers as Chinese desks write them: `138 0013 8000`, `021-6552 1234`,
/// `+86 10 8888 0000`, `400-810-1234 转 2`. Full-width digits and signs, which Chinese input
/// methods often produce (`１３８ ００１３ ８０００`), are stored as ordinary ones.
enum PhoneNumber {
    static let limit = 40

    static func validated(_ value: String?, field: Field, required: Bool) throws(DeskError) -> String? {
        guard let raw = try TextRules.clean(value, field: field, required: required, maxLength: limit) else { return nil }
        let text = TextRules.halfWidth(raw)
        var rest = text.lowercased()
        for word in ["转", "分机", "ext.", "ext", "x"] { rest = rest.replacingOccurrences(of: word, with: "") }
        let allowed = Set("0123456789 +-()#*./")
        let digits = text.filter { $0.isASCII && $0.isNumber }.count
        // The longest international number has 15 digits; an extension may add a few.
        guard rest.allSatisfy({ allowed.contains($0) }), (5...20).contains(digits) else {
            throw .invalid(field, DeskText.notPhone(["text": .text(Printable.quoted(text))]))
        }
        return text
    }
}
