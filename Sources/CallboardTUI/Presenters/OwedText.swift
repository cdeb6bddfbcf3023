import CallboardCore

/// What a call owes (Owed, worked out by the core) in words: short for the selected-call line,
/// the board and JSON, long for `show`.
public enum OwedText {
    /// "substitute owed", "replacement due", "refund due".
    public static func short(_ owed: Owed) -> String {
        switch owed {
        case .consequence(_, let words): words
        case .replacement: "replacement due"
        case .refund: "refund due"
        }
    }

    /// With the calls that make it due: "replacement due (the same defect after two repairs:
    /// C-0003, C-0007)", "refund due (still failing after the replacement on C-0004)".
    public static func long(_ owed: Owed) -> String {
        switch owed {
        case .consequence(_, let words): words
        case .replacement(let calls): "replacement due (the same defect after two repairs: \(calls.map(\.description).joined(separator: ", ")))"
        case .refund(let call): "refund due (still failing after the replacement on \(call))"
        }
    }
}
