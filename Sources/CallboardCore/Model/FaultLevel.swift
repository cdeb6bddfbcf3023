import Foundation

/// How badly the customer is affected (故障级别): 1 is worst. Levels decide on-site targets
/// and service hours in the SLA policy.
public enum FaultLevel: Int, Sendable, Comparable, CaseIterable {
    /// System down or service interrupted.
    case one = 1
    /// Risk of the system going down.
    case two = 2
    /// Performance or service partly degraded.
    case three = 3
    /// Intermittent or indirect effect.
    case four = 4

    public static func < (a: FaultLevel, b: FaultLevel) -> Bool { a.rawValue < b.rawValue }

    public static func parse(_ text: String) throws(DeskError) -> FaultLevel {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let number = Int(trimmed), let level = FaultLevel(rawValue: number) else {
            throw .invalid(.level, DeskText.notLevel(["text": .text(Printable.quoted(trimmed))]))
        }
        return level
    }
}
