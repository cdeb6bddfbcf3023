import Yams

extension PolicyParser.Reader {
    /// `causes:`, the causes of faults a desk records when a call is fixed, in the order the
    /// console offers them. An item is a code (a built-in one shows in the string tables'
    /// words, another as written), or a code with its labels:
    ///
    ///     causes:
    ///       - hardware
    ///       - {code: firmware, label: {en: firmware, zh: 固件问题}}
    mutating func causes(_ node: Node) -> [CauseDefinition] {
        guard let list = node.sequence, !list.isEmpty else {
            fail(node, PolicyText.causesNotList())
            return CauseDefinition.builtIn
        }
        var out: [CauseDefinition] = []
        for item in list {
            guard let cause = cause(item) else { continue }
            if let earlier = out.first(where: { $0.code == cause.code }) {
                fail(item, PolicyText.causeCodeUsed(["code": .text(cause.code), "line": "\(earlier.line)"]))
                continue
            }
            out.append(cause)
        }
        return out.isEmpty ? CauseDefinition.builtIn : out
    }

    mutating func cause(_ node: Node) -> CauseDefinition? {
        let line = node.mark?.line ?? 0
        if node.scalar != nil {
            guard let code = causeCode(node) else { return nil }
            return CauseDefinition(code: code, line: line)
        }
        guard let fields = entries(node, allowed: ["code", "label"], what: .message(PolicyText.whatCause())) else { return nil }
        guard let codeNode = fields.first(where: { $0.key == "code" })?.value else {
            fail(node, PolicyText.causeNeedsCode())
            return nil
        }
        guard let code = causeCode(codeNode) else { return nil }
        var cause = CauseDefinition(code: code, line: line)
        if let labelNode = fields.first(where: { $0.key == "label" })?.value {
            cause.labels = labels(labelNode, of: PolicyText.ownerCause(["code": .text(code)]))
        }
        return cause
    }

    /// A code is typed on the command line and kept in the journal: one lower-case word.
    mutating func causeCode(_ node: Node) -> String? {
        guard let text = string(node, what: .message(PolicyText.whatCause())) else { return nil }
        guard TextRules.isToken(text), text == text.lowercased(), text.unicodeScalars.allSatisfy(\.isASCII) else {
            fail(node, PolicyText.badCauseCode(["text": .text(Printable.quoted(text))]))
            return nil
        }
        return text
    }
}
