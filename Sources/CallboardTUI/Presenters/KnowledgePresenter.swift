import CallboardCore
import Foundation

/// Past fixes found in the knowledge index, in words: one line each (call, product, fault,
/// cause, fix), for `kb search` and the new-call form; and as JSON for scripts.
public enum KnowledgePresenter {
    /// `C-0002  RO-500  净水器漏水 (E-302)  正常磨损（wear）  更换滤芯; 滤芯 ×2`. What people wrote
    /// is shown with anything that could act on a terminal taken out.
    public static func line(_ match: KnowledgeIndex.Match, policy: SLAPolicy?, strings s: UIStrings) -> String {
        let entry = match.entry
        let clean = DisplayText.sanitized
        let fault = entry.defect.map { s(.kbFaultWithDefect, ["summary": clean(entry.summary), "defect": clean($0)]) } ?? clean(entry.summary)
        let cause = entry.cause.map { ResolutionText.cause($0, policy: policy, strings: s) } ?? s(.kbNoCause)
        var fix = entry.fix.map(clean) ?? s(.kbNoFix)
        if !entry.parts.isEmpty { fix += s(.semicolonSeparator) + clean(ResolutionText.parts(entry.parts, strings: s)) }
        return s(.kbLine, ["call": entry.call.description, "product": clean(entry.product ?? "-"), "fault": fault, "cause": cause, "fix": fix])
    }

    struct MatchJSON: Encodable {
        var call: String
        var product: String?
        var fault: String
        var defect: String?
        var cause: String?
        var fix: String?
        var parts: [CallReport.CallJSON.PartJSON]
        var same_product: Bool
        var score: Double
    }

    public static func json(_ matches: [KnowledgeIndex.Match]) -> String {
        CallReport.json(matches.map { match in
            let e = match.entry
            return MatchJSON(call: e.call.description, product: e.product, fault: e.summary, defect: e.defect, cause: e.cause, fix: e.fix,
                             parts: e.parts.map { .init(part: $0.part, count: $0.count) }, same_product: match.sameProduct,
                             score: (match.score * 1000).rounded() / 1000)
        })
    }
}

/// The knowledge index of the desk a console holds, made again only when a call is fixed,
/// reopened or noted (the form asks it on every key typed).
public final class KnowledgeCache {
    private var index = KnowledgeIndex()
    private var builtFrom: (calls: Int, resolved: Int, events: Int)?

    public init() {}

    public func index(of desk: DeskState) -> KnowledgeIndex {
        var resolved = 0, events = 0
        desk.calls.forEach { call in
            if call.resolvedAt != nil { resolved += 1; events += call.history.count }
        }
        let key = (desk.calls.count, resolved, events)
        if let builtFrom, builtFrom == key { return index }
        index = KnowledgeIndex(desk)
        builtFrom = key
        return index
    }
}
