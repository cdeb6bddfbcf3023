import Foundation

/// Something the desk owes a customer on a call, as data: the screen, `show`, its JSON and the
/// board each put it in their own words.
public enum Owed: Equatable, Sendable {
    /// A broken promise's consequence, in the policy's words ("substitute owed").
    case consequence(timer: TimerName, String)
    /// The same defect on the same unit came back after two repairs (these calls): replace it.
    case replacement(repairs: [CallID])
    /// Still failing after the unit was replaced (on this call): refund.
    case refund(replacedOn: CallID)

    /// Everything owed on a call: each broken promise's consequence in the timers' order, then a
    /// replacement or a refund (never both: a replaced unit is refunded, not replaced again).
    public static func list(timers: [TimerReading], consequences: Consequences) -> [Owed] {
        var out = timers.compactMap { reading in reading.owed.map { Owed.consequence(timer: reading.name, $0) } }
        if let calls = consequences.replacementDue { out.append(.replacement(repairs: calls)) }
        if let call = consequences.refundAfter { out.append(.refund(replacedOn: call)) }
        return out
    }

    /// What `call` owes at `now`.
    public static func of(_ call: ServiceCall, in state: DeskState, timekeeper: Timekeeper, at now: Date) -> [Owed] {
        list(timers: timekeeper.timers(for: call, in: state, at: now), consequences: Consequences.of(call, in: state))
    }
}
