import Foundation

/// What the three guarantees (三包) need to know about one call on a unit, kept for every call
/// with a serial number — retired ones too — so that a new call on an old unit still sees the
/// repairs before it (Consequences) without the desk holding old calls whole.
public struct UnitVisit: Equatable, Sendable {
    public var call: CallID
    public var receivedAt: Date
    /// The defect as reported, lower-cased (nil: not given).
    public var defect: String?
    public var purchased: LocalDate?
    /// Fixed (a resolution was recorded and stands).
    public var resolved: Bool
    public var cancelled: Bool
    public var unitReplacedAt: Date?

    public init(call: CallID, receivedAt: Date, defect: String?, purchased: LocalDate?, resolved: Bool, cancelled: Bool, unitReplacedAt: Date?) {
        self.call = call
        self.receivedAt = receivedAt
        self.defect = defect
        self.purchased = purchased
        self.resolved = resolved
        self.cancelled = cancelled
        self.unitReplacedAt = unitReplacedAt
    }

    public init(_ call: ServiceCall) {
        self.init(call: call.id, receivedAt: call.receivedAt, defect: call.intake.defect?.lowercased(), purchased: call.intake.purchased,
                  resolved: call.resolvedAt != nil, cancelled: call.cancelled, unitReplacedAt: call.unitReplacedAt)
    }

    /// The key a unit is known by: its serial number, lower-cased.
    public static func unit(of call: ServiceCall) -> String? { call.intake.serial?.lowercased() }
}

/// Call number → the unit it is on: a lookup worked out from the visits, not something the desk
/// knows (so it takes no part in comparing desks).
struct UnitIndex: Equatable, Sendable {
    var units: [Int: String] = [:]

    init() {}

    init(_ visits: [String: [UnitVisit]]) {
        for (unit, list) in visits { for visit in list { units[visit.call.number] = unit } }
    }

    static func == (a: UnitIndex, b: UnitIndex) -> Bool { true }
}
