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

    public init(customer: String, phone: String, summary: String, level: FaultLevel? = nil, region: String? = nil,
                product: String? = nil, serial: String? = nil, channel: Channel = .phone) {
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
