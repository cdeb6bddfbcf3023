import Foundation

/// What the letters promise when repairs fail (三包, PROMISES.md lines 366-369) and what the
/// warranty covers (lines 42, 104, 134, 224, 390), worked out from the desk's calls.
public struct Consequences: Equatable, Sendable {
    /// Two earlier repairs of the same defect on the same unit did not fix it: replace it.
    public var replacementDue: [CallID]?
    /// Still failing after a replacement: refund.
    public var refundAfter: CallID?
    /// In warranty until this day (inclusive), or out of warranty since it; nil: unknown.
    public var warrantyEnds: LocalDate?
    public var inWarranty: Bool?

    /// Words for people: "replacement due (two repairs of E-302: C-0003, C-0007)".
    public var lines: [String] {
        var out: [String] = []
        if let refundAfter { out.append("refund due (still failing after the replacement on \(refundAfter))") }
        if let calls = replacementDue { out.append("replacement due (the same defect after two repairs: \(calls.map(\.description).joined(separator: ", ")))") }
        if let inWarranty, let warrantyEnds {
            out.append(inWarranty ? "in warranty until \(warrantyEnds)" : "out of warranty since \(warrantyEnds): parts and labour charged at cost")
        }
        return out
    }

    public static func of(_ call: ServiceCall, in state: DeskState) -> Consequences {
        var result = Consequences()
        let policy = Timekeeper.policy(for: call, in: state)
        let serial = call.intake.serial?.lowercased()
        // Earlier calls on the same unit, in intake order.
        var earlier: [ServiceCall] = []
        if let serial {
            state.calls.forEach { other in
                if other.id != call.id, other.receivedAt <= call.receivedAt, other.id < call.id, other.intake.serial?.lowercased() == serial {
                    earlier.append(other)
                }
            }
        }
        let replacement = earlier.last { $0.unitReplacedAt != nil }
        if let defect = call.intake.defect?.lowercased() {
            let sameDefect = earlier.filter { $0.intake.defect?.lowercased() == defect && !$0.cancelled && $0.resolvedAt != nil }
            if let replacement, replacement.unitReplacedAt! <= call.receivedAt {
                if sameDefect.contains(where: { $0.id >= replacement.id }) || replacement.intake.defect?.lowercased() == defect {
                    result.refundAfter = replacement.id
                }
            } else if sameDefect.count >= 2 {
                result.replacementDue = sameDefect.map(\.id)
            }
        }
        // Warranty: from the purchase (or the last replacement, which starts it again).
        let start = replacement?.unitReplacedAt.map { LocalDate($0, in: policy.zone) } ?? call.intake.purchased
            ?? earlier.compactMap(\.intake.purchased).last
        if let start {
            let product = (call.intake.product ?? "").lowercased()
            let days = policy.desk.productWarrantyDays.first { product.contains($0.key) }?.value ?? policy.desk.warrantyDays
            let ends = LocalDate(dayNumber: start.dayNumber + days - 1)
            result.warrantyEnds = ends
            result.inWarranty = LocalDate(call.receivedAt, in: policy.zone).dayNumber <= ends.dayNumber
        }
        return result
    }
}
