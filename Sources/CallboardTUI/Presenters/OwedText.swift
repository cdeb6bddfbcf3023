import CallboardCore

/// What a call owes (Owed, worked out by the core) in words: short for the selected-call line,
/// the board and JSON, long for `show`. A broken promise's consequence is the policy's own words
/// (`breach:`), as it wrote them.
public enum OwedText {
    /// "substitute owed", "replacement due", "refund due". A broken promise's words in the
    /// interface's language where the call's `policy` gives them (`breach: {zh: …}`).
    public static func short(_ owed: Owed, strings s: UIStrings = .english, policy: SLAPolicy? = nil) -> String {
        switch owed {
        case .consequence(_, let words): policy?.breachWords(words, language: s.language) ?? words
        case .replacement: s(.owedReplacement)
        case .refund: s(.owedRefund)
        }
    }

    /// With the calls that make it due: "replacement due (the same defect after two repairs:
    /// C-0003, C-0007)", "refund due (still failing after the replacement on C-0004)".
    public static func long(_ owed: Owed, strings s: UIStrings = .english, policy: SLAPolicy? = nil) -> String {
        switch owed {
        case .consequence(_, let words): policy?.breachWords(words, language: s.language) ?? words
        case .replacement(let calls): s(.owedReplacementBecause, ["calls": calls.map(\.description).joined(separator: s(.listSeparator))])
        case .refund(let call): s(.owedRefundBecause, ["call": call.description])
        }
    }
}
