import CallboardCore
import Foundation

/// What fixed a call, in words: the cause by its label (the policy's, or a built-in cause's in
/// the string tables) with its code, the fix as written, the parts with their counts.
public enum ResolutionText {
    /// `硬件故障（hardware）`; a code no policy lists shows as written.
    public static func cause(_ code: String, policy: SLAPolicy?, strings s: UIStrings) -> String {
        let label = s[(policy ?? SLAPolicy.causesOnly).causeLabel(code, language: s.language)]
        return label == code ? code : s(.causeWithCode, ["label": label, "code": code])
    }

    /// `滤芯 ×2, 密封圈 ×1`.
    public static func parts(_ parts: [PartUse], strings s: UIStrings) -> String {
        parts.map { s(.partCount, ["part": $0.part, "count": "\($0.count)"]) }.joined(separator: s(.listSeparator))
    }

    /// Everything said, on one line (the call's history, the question before recording it).
    public static func summary(_ resolution: Resolution, policy: SLAPolicy?, strings s: UIStrings) -> String {
        var out: [String] = []
        if let code = resolution.cause { out.append(cause(code, policy: policy, strings: s)) }
        if let fix = resolution.fix { out.append(fix) }
        if !resolution.parts.isEmpty { out.append(parts(resolution.parts, strings: s)) }
        return out.joined(separator: s(.listSeparator))
    }
}

extension SLAPolicy {
    /// A policy with the built-in causes only, for naming a cause when no policy is at hand.
    static let causesOnly = SLAPolicy(source: "", zone: TimeZone(identifier: "UTC")!, warningShare: 0.75, calendars: [:], rules: [])
}
