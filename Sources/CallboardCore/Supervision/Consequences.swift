import Foundation

/// What the letters promise when repairs fail (三包, PROMISES.md lines 36-40, from the letters'
/// lines 366-369 and 245) and what the warranty covers (PROMISES.md lines 42-45), worked out from
/// the desk's calls. What a call owes, together with its broken promises, is `Owed`.
public struct Consequences: Equatable, Sendable {
    /// Two earlier repairs of the same defect on the same unit did not fix it: replace it.
    public var replacementDue: [CallID]?
    /// Still failing after a replacement: refund.
    public var refundAfter: CallID?
    /// In warranty until this day (inclusive), or out of warranty since it; nil: unknown.
    public var warrantyEnds: LocalDate?
    public var inWarranty: Bool?

    public static func of(_ call: ServiceCall, in state: DeskState) -> Consequences {
        var result = Consequences()
        let policy = state.currentPolicy ?? Timekeeper.policy(for: call, in: state)
        // Earlier calls on the same unit, in call order (retired ones too: DeskState.unitVisits).
        var earlier: [UnitVisit] = []
        if let unit = UnitVisit.unit(of: call) {
            earlier = (state.unitVisits[unit] ?? []).filter { $0.call < call.id && $0.receivedAt <= call.receivedAt }
        }
        let replacement = earlier.last { $0.unitReplacedAt != nil }
        if let defect = call.intake.defect?.lowercased() {
            let sameDefect = earlier.filter { $0.defect == defect && !$0.cancelled && $0.resolved }
            if let replacement, replacement.unitReplacedAt! <= call.receivedAt {
                if sameDefect.contains(where: { $0.call >= replacement.call }) || replacement.defect == defect {
                    result.refundAfter = replacement.call
                }
            } else if sameDefect.count >= 2, call.unitReplacedAt == nil {
                result.replacementDue = sameDefect.map(\.call)
            }
        }
        // Warranty: from the purchase (or the last replacement, which starts it again); a unit on
        // record whose contract sets its own end keeps it until a replacement.
        let replaced = (call.unitReplacedAt ?? replacement?.unitReplacedAt).map { LocalDate($0, in: policy.zone) }
        let contract = replaced == nil ? call.intake.serial.flatMap { state.customers.customer(serial: $0)?.unit(serial: $0)?.warrantyUntil } : nil
        let start = replaced ?? call.intake.purchased ?? earlier.compactMap(\.purchased).last
        if let ends = contract ?? start.map({ LocalDate(dayNumber: $0.dayNumber + policy.desk.warrantyDays(for: call.intake.product) - 1) }) {
            result.warrantyEnds = ends
            result.inWarranty = LocalDate(call.receivedAt, in: policy.zone).dayNumber <= ends.dayNumber
        }
        // A cancelled call owes nothing (a duplicate's unit is the original call's business);
        // the warranty stays a fact about the unit.
        if call.cancelled { (result.replacementDue, result.refundAfter) = (nil, nil) }
        return result
    }
}
