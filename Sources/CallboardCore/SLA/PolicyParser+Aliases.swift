import Yams

extension PolicyParser.Reader {
    /// `aliases: {tier: {紧急: emergency}, kind: {投诉: complaint}, region: {市区: city}}`: other
    /// words a desk types for the names the rules use. An alias is stored as the name it stands
    /// for, so it must stand for a name some rule uses and may not itself be one (it would hide
    /// that name); case does not count, as at intake.
    mutating func aliases(_ node: Node, rules: [PolicyRule]) -> [Field: [String: String]] {
        let names = PolicyVocabulary.names(in: rules)
        let fields = PolicyVocabulary.fields.map(\.rawValue)
        guard let entries = entries(node, allowed: fields, what: "aliases") else { return [:] }
        var out: [Field: [String: String]] = [:]
        for (key, _, value) in entries {
            let field = Field(rawValue: key)!
            let named = names[field] ?? []
            let label = Message.Argument.message(field.label)
            guard let pairs = self.entries(value, allowed: [], what: .message(PolicyText.whatAliases(["field": .text(key)]))) else { continue }
            var words: [String: String] = [:]
            for (alias, aliasNode, targetNode) in pairs {
                let word = alias.lowercased()
                guard TextRules.isToken(word) else {
                    fail(aliasNode, PolicyText.aliasNotWord(["field": label, "alias": .text(alias)]))
                    continue
                }
                guard words[word] == nil else {
                    fail(aliasNode, PolicyText.aliasTwice(["field": label, "alias": .text(word)]))
                    continue
                }
                if named.contains(word) {
                    fail(aliasNode, PolicyText.aliasIsName(["alias": .text(word), "field": label]))
                    continue
                }
                let what = PolicyText.whatAliasTarget(["field": label, "alias": .text(alias)])
                guard let target = string(targetNode, what: .message(what))?.lowercased() else { continue }
                guard named.contains(target) else {
                    let holes: [String: Message.Argument] = ["field": label, "alias": .text(alias), "target": .text(target)]
                    fail(targetNode, named.isEmpty ? PolicyText.aliasNoTargets(holes)
                                                   : PolicyText.aliasUnknownTarget(holes.merging(["names": DeskText.either(named.sorted())]) { $1 }))
                    continue
                }
                words[word] = target
            }
            out[field] = words
        }
        return out
    }
}
