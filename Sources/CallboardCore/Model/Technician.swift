/// A field engineer on the desk's roster.
public struct Technician: Equatable, Sendable {
    public var id: TechnicianID
    public var name: String
    public var region: String?
    public var skills: [String]
    public var shift: Shift
    public var phone: String?

    public init(id: TechnicianID, name: String, region: String? = nil, skills: [String] = [], shift: Shift = .day, phone: String? = nil) {
        self.id = id
        self.name = name
        self.region = region
        self.skills = skills
        self.shift = shift
        self.phone = phone
    }
}
