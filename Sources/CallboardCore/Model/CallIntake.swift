/// What the desk learns when a customer calls: the facts recorded at intake.
public struct CallIntake: Equatable, Sendable {
    public var customer: String
    public var phone: String
    public var summary: String
    public var level: FaultLevel?
    public var region: String?
    public var product: String?
    public var serial: String?
    public var channel: Channel
    /// The customer's contract tier, e.g. `emergency`; the policy may promise more for it.
    public var tier: String?
    /// What sort of call it is, e.g. `complaint`; ordinary service calls have none.
    public var kind: String?
    /// When the customer bought the unit (for the warranty).
    public var purchased: LocalDate?
    /// The defect as the desk classifies it (a fault code such as E-302): the same defect on the
    /// same unit after two repairs means a replacement is due.
    public var defect: String?
    /// The customer's record, when intake found one (by phone, serial or ID).
    public var customerID: CustomerID?
    /// Where the engineer goes.
    public var address: String?
    /// Who at the customer's reported it, when not the caller on `phone`.
    public var contact: Contact?
    /// Calls this one may be about, found at intake (RelatedCalls).
    public var related: [RelatedCall] = []

    public init(customer: String, phone: String, summary: String, level: FaultLevel? = nil, region: String? = nil,
                product: String? = nil, serial: String? = nil, channel: Channel = .phone, tier: String? = nil, kind: String? = nil,
                purchased: LocalDate? = nil, defect: String? = nil) {
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
}
