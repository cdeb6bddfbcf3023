/// The words a policy gives meaning to: the tiers, kinds and regions its rules name, and the
/// aliases (other words a desk types, such as 紧急 for emergency) that stand for them.
///
/// A misspelt word is still a valid word that simply matches no rule, and so silently changes a
/// promise ("ctiy" times a level-1 call as elsewhere); intake checks a call's words against
/// this vocabulary (`IntakeVocabulary`).
public struct PolicyVocabulary: Equatable, Sendable {
    /// The fields a rule's `when` can name words for, in the order they are listed.
    public static let fields: [Field] = [.tier, .kind, .region]

    /// For each field, the lower-case words the rules name.
    public let names: [Field: Set<String>]
    /// For each field, alias → the name it stands for (both lower case).
    public let aliases: [Field: [String: String]]

    public init(rules: [PolicyRule], aliases: [Field: [String: String]] = [:]) {
        names = Self.names(in: rules)
        self.aliases = aliases
    }

    public static func names(in rules: [PolicyRule]) -> [Field: Set<String>] {
        [.tier: Set(rules.flatMap { $0.match.tiers ?? [] }),
         .kind: Set(rules.flatMap { $0.match.kinds ?? [] }),
         .region: Set(rules.flatMap { $0.match.regions ?? [] })]
    }

    /// The name `word` (lower case) stands for: itself if the rules name it, its target if it
    /// is an alias, nil otherwise.
    public func name(for word: String, in field: Field) -> String? {
        if names[field]?.contains(word) == true { return word }
        return aliases[field]?[word]
    }

    /// Every word a desk may type for `field`: the names, then the aliases, each sorted.
    public func words(for field: Field) -> [String] {
        (names[field] ?? []).sorted() + (aliases[field] ?? [:]).keys.sorted()
    }

    /// ["紧急 → emergency", "急 → emergency"], or nil when the field has no aliases (the reader
    /// lists them in their language).
    public func aliasList(for field: Field) -> [String]? {
        guard let aliases = aliases[field], !aliases.isEmpty else { return nil }
        return aliases.sorted { ($0.value, $0.key) < ($1.value, $1.key) }.map { "\($0.key) → \($0.value)" }
    }
}
