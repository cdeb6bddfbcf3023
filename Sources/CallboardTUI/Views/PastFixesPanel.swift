import CallboardCore

/// Under the new-call form: the past fixes of calls like this one (its product first, then
/// the fault's words), as the product and fault are typed, from the desk the console holds.
enum PastFixesPanel {
    static let shown = 3

    static func lines(for draft: IntakeDraft, _ state: ConsoleState, _ env: ConsoleEnvironment, width: Int) -> [Line] {
        let words = [draft.summary ?? "", draft.defect ?? ""].joined(separator: " ")
        guard !KnowledgeIndex.terms(words).isEmpty else { return [] }
        let matches = env.knowledge.index(of: state.desk).search(words, product: draft.product, limit: shown)
        guard !matches.isEmpty else { return [] }
        let s = env.strings
        let policy = env.policy ?? state.desk.currentPolicy
        return [Line([]), Line([Span(s[.pastFixes], .title)])]
            + matches.map { Panel.clip([Span("  " + KnowledgePresenter.line($0, policy: policy, strings: s), $0.sameProduct ? .plain : .muted)], width: width) }
    }
}
