import CallboardCore

/// Why automatic dispatch asked an engineer, in the interface's language: the round, then the
/// reasons in the picker's own words. A reason an older build recorded in English is shown as
/// written.
public enum OfferReasonText {
    public static func text(_ recorded: String, strings s: UIStrings) -> String {
        guard let reason = OfferReason(encoded: recorded) else { return recorded }
        let round: String = switch reason.round {
        case .first: s[.offerFirst]
        case .next(let lapsed): s[.offerNext, ["techs": lapsed.map(\.rawValue).joined(separator: ", ")]]
        case .again: s[.offerAgain]
        }
        var why = [s[.reasonOnCall]]
        switch reason.covers {
        case .everyRegion?: why.append(s[.reasonCoversAll])
        case .region(let region)?: why.append(s[.reasonCovers, ["region": region]])
        case .other(let own, let region)?: why.append(s[.reasonOtherRegion, ["own": own, "region": region]])
        case nil: break
        }
        why.append(reason.skills.isEmpty ? s[.reasonNoSkill] : s[.reasonSkill, ["skills": reason.skills.joined(separator: ", ")]])
        why.append(s[reason.openJobs == 1 ? .reasonOneJob : .reasonJobs, ["count": "\(reason.openJobs)"]])
        return s[.offerReason, ["round": round, "reasons": why.joined(separator: s[.listSeparator])]]
    }
}
