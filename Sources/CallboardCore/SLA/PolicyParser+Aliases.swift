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
            let list = named.isEmpty ? "the rules name no \(key)s" : "use \(named.sorted().joined(separator: ", "))"
            guard let pairs = self.entries(value, allowed: [], what: "the aliases of \(key)") else { continue }
            var words: [String: String] = [:]
            for (alias, aliasNode, targetNode) in pairs {
                let word = alias.lowercased()
                guard TextRules.isToken(word) else {
                    fail(aliasNode, "the \(key) alias '\(alias)' must be one word of at most 32 letters, digits, '-' or '_', as typed at intake")
                    continue
                }
                guard words[word] == nil else {
                    fail(aliasNode, "the \(key) alias '\(word)' is given twice (case does not count); keep one")
                    continue
                }
                if named.contains(word) {
                    fail(aliasNode, "'\(word)' is a \(key) the rules name, so it cannot also be an alias; remove the alias")
                    continue
                }
                guard let target = string(targetNode, what: "the name the \(key) alias '\(alias)' stands for")?.lowercased() else { continue }
                guard named.contains(target) else {
                    fail(targetNode, "the \(key) alias '\(alias)' stands for '\(target)', which no rule names; \(list)")
                    continue
                }
                words[word] = target
            }
            out[field] = words
        }
        return out
    }
}
