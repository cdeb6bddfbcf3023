/// The demo desk as written in `Resources/demo/desk.yaml`: technicians, and calls whose times
/// are spans before the moment the demo is built (`-2h10m`).
public struct DemoSeed: Decodable, Sendable {
    public struct TechnicianEntry: Decodable, Sendable {
        public var id: String
        public var name: String
        public var region: String?
        public var skills: [String]?
        public var shift: String?
        public var phone: String?
    }

    public struct CallEntry: Decodable, Sendable {
        public var customer: String
        public var phone: String
        public var summary: String
        public var level: Int?
        public var region: String?
        public var product: String?
        public var serial: String?
        public var channel: String?
        public var tier: String?
        public var kind: String?
        /// When the call came in, as a span before now.
        public var received: String
        /// The dispatcher who took it.
        public var by: String
        public var steps: [Step]?
    }

    public struct Step: Decodable, Sendable {
        /// respond, assign, depart, arrive, resolve, close, note, pause, resume or cancel.
        public var `do`: String
        public var at: String
        public var tech: String?
        /// A note's text, or why a call is paused or cancelled.
        public var text: String?
        public var by: String?
    }

    public var setupBy: String
    public var technicians: [TechnicianEntry]
    public var calls: [CallEntry]

    enum CodingKeys: String, CodingKey {
        case setupBy = "setup_by", technicians, calls
    }
}
