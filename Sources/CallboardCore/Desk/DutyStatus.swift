import Foundation

/// Whether a technician is working at some instant, by their shift's calendar in the desk's
/// policy: the one answer the roster, the board, the header and the assignment ranking share.
public enum DutyStatus: String, Sendable, CaseIterable {
    /// A day or night shift that is working now.
    case onShift = "on_shift"
    /// On call, within the on-call calendar's hours: asked when nobody on shift fits, and by
    /// automatic dispatch.
    case onCall = "on_call"
    /// Their shift is not working now.
    case offShift = "off_shift"
    /// On leave today (RosterPlan): not ranked, whatever their shift.
    case onLeave = "on_leave"
    /// Retired from the roster: history kept, never ranked or assigned.
    case retired

    public var isOnDuty: Bool { self == .onShift || self == .onCall }
}

/// Which shifts work at one instant, worked out once: a frame asks for every technician.
public struct DutyHours: Equatable, Sendable {
    private let working: Set<Shift>
    /// The date of the instant on the desk's calendar: leave and the rota go by it.
    public let day: LocalDate
    /// Leave, the rota and retirement (a desk's `plans`; none without a desk).
    private let plans: [TechnicianID: RosterPlan]

    /// By `policy`'s shift calendars, or the standard hours (day 08:00-20:00, night 20:00-08:00,
    /// on call at any hour) in `zone` without a policy.
    public init(policy: SLAPolicy?, at instant: Date, zone: TimeZone, plans: [TechnicianID: RosterPlan] = [:]) {
        day = LocalDate(instant, in: policy?.zone ?? zone)
        self.plans = plans
        working = Set(Shift.allCases.filter { shift in
            policy.map { $0.isOnDuty(shift, at: instant) } ?? shift.isOnDuty(at: instant, zone: zone)
        })
    }

    public func status(of shift: Shift) -> DutyStatus {
        guard working.contains(shift) else { return .offShift }
        return shift == .oncall ? .onCall : .onShift
    }

    /// Retired, on leave today, or by the shift they work today: the rota's, else their own.
    public func status(of technician: Technician) -> DutyStatus {
        guard let plan = plans[technician.id] else { return status(of: technician.shift) }
        if plan.retired { return .retired }
        if plan.leave(on: day) != nil { return .onLeave }
        return status(of: shift(of: technician))
    }

    /// The shift `technician` works today: the rota's, or their standing shift.
    public func shift(of technician: Technician) -> Shift {
        plans[technician.id]?.rotaShift(on: day) ?? technician.shift
    }

    /// The leave `technician` is on today, if any.
    public func leave(of technician: Technician) -> DateSpan? {
        plans[technician.id]?.leave(on: day)
    }

    /// How many of `technicians` are on shift and how many on call: who the desk can send now.
    public func counts(_ technicians: some Sequence<Technician>) -> (onShift: Int, onCall: Int) {
        var counts = (onShift: 0, onCall: 0)
        for technician in technicians {
            switch status(of: technician) {
            case .onShift: counts.onShift += 1
            case .onCall: counts.onCall += 1
            case .offShift, .onLeave, .retired: break
            }
        }
        return counts
    }
}

extension DeskState {
    /// Who is working at `instant`: by `policy`'s shift calendars (the desk's current policy
    /// unless given), or the standard hours before any policy is recorded.
    public func dutyHours(at instant: Date, zone: TimeZone, policy: SLAPolicy? = nil) -> DutyHours {
        DutyHours(policy: policy ?? currentPolicy, at: instant, zone: zone, plans: plans)
    }

    /// A technician's duty at `instant` (see dutyHours).
    public func dutyStatus(of technician: Technician, at instant: Date, zone: TimeZone, policy: SLAPolicy? = nil) -> DutyStatus {
        dutyHours(at: instant, zone: zone, policy: policy).status(of: technician)
    }
}
