import Foundation

/// When each kind of shift is on duty before a desk has a policy of its own: the standard shift
/// calendars (DeskRules: day 08:00-20:00, night 20:00-08:00, on call at any hour, though called
/// only when nobody on shift fits). A technician's duty is DutyStatus.
extension Shift {
    /// Whether someone on this shift is working at `instant`, by the standard calendars.
    public func isOnDuty(at instant: Date, zone: TimeZone) -> Bool {
        guard let name = DeskRules.standard.shifts[self], let calendar = DeskRules.standardCalendars(zone: zone)[name] else { return true }
        return calendar.isOpen(at: instant)
    }

    /// The hours, for people: "08:00-20:00".
    public var hours: String {
        switch self {
        case .day: "08:00-20:00"
        case .night: "20:00-08:00"
        case .oncall: "any hour, on call"
        }
    }
}
