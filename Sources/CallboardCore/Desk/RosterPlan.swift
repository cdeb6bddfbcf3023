import Foundation

/// Days from one date to another, both included, on the desk's wall calendar (the policy's
/// time zone): a leave, a week on the rota.
public struct DateSpan: Equatable, Hashable, Sendable, CustomStringConvertible {
    public var from: LocalDate
    public var to: LocalDate

    public init(from: LocalDate, to: LocalDate) {
        self.from = from
        self.to = to
    }

    public func contains(_ day: LocalDate) -> Bool { from <= day && day <= to }

    /// The last day a span may reach past its first: a year (a mistyped year is refused).
    public static let longest = 366

    public var description: String { from == to ? "\(from)" : "\(from)..\(to)" }
}

/// A dated shift on the rota: on those days the technician works `shift` instead of their
/// standing one (who is on call which week).
public struct RotaShift: Equatable, Hashable, Sendable {
    public var span: DateSpan
    public var shift: Shift

    public init(span: DateSpan, shift: Shift) {
        self.span = span
        self.shift = shift
    }
}

/// What the roster knows of a technician beyond their record: leave, the rota, retirement.
/// Days are dates in the desk's time zone; the date of an instant decides (a night shift's
/// hours after midnight belong to the new date).
public struct RosterPlan: Equatable, Sendable {
    /// In the order recorded.
    public var leaves: [DateSpan] = []
    /// In the order recorded: a later entry for the same day wins.
    public var rota: [RotaShift] = []
    /// Retired: history kept, no longer assignable or ranked.
    public var retired = false

    public init(leaves: [DateSpan] = [], rota: [RotaShift] = [], retired: Bool = false) {
        self.leaves = leaves
        self.rota = rota
        self.retired = retired
    }

    public var isEmpty: Bool { leaves.isEmpty && rota.isEmpty && !retired }

    /// The leave covering `day`, if any (the one ending last when several do).
    public func leave(on day: LocalDate) -> DateSpan? {
        leaves.filter { $0.contains(day) }.max { $0.to < $1.to }
    }

    /// The rota's shift for `day`, if it has one (the latest recorded wins).
    public func rotaShift(on day: LocalDate) -> Shift? {
        rota.last { $0.span.contains(day) }?.shift
    }

    /// The changes that rebuild this plan for technician `id`, in an order that gives it back
    /// (a snapshot's standing, a test).
    public func changes(for id: TechnicianID) -> [Change] {
        leaves.map { .technicianOnLeave(id, $0) } + rota.map { .technicianRota(id, $0) } + (retired ? [.technicianRetired(id)] : [])
    }
}

extension DeskState {
    /// A technician's plan (empty for one with none).
    public func plan(of id: TechnicianID) -> RosterPlan { plans[id] ?? RosterPlan() }

    public func isRetired(_ id: TechnicianID) -> Bool { plans[id]?.retired ?? false }

    /// The roster without retired technicians: who the desk can send, in joining order.
    public var liveRoster: [Technician] { roster.filter { !isRetired($0.id) } }

    /// The shift `technician` works on `day`: the rota's, or their standing shift.
    public func shift(of technician: Technician, on day: LocalDate) -> Shift {
        plans[technician.id]?.rotaShift(on: day) ?? technician.shift
    }
}
