import Yams

/// Words for a person, by key: translation by keys, never by finding words in finished text.
///
/// A message is a key, its English template (the key's own text: see `MessageKey`) and what fills
/// the template's `{name}` holes. Other languages come from the string tables in
/// `Resources/i18n/<language>/`, found by the key's name. What people wrote — a customer's name,
/// a summary, a reason, a step a policy named — only ever fills a hole as it is, so it is never
/// translated or rewritten.
public struct Message: Equatable, Sendable, CustomStringConvertible {
    /// `table.caseName`, e.g. `desk.alreadyAssigned`.
    public let key: String
    public let english: String
    public let arguments: [String: Argument]

    /// What fills a hole.
    public indirect enum Argument: Equatable, Sendable, ExpressibleByStringInterpolation {
        /// Shown as it is: a name, a number, an ID, a time.
        case text(String)
        /// A message of its own, rendered in the same language.
        case message(Message)

        public init(stringLiteral value: String) { self = .text(value) }
    }

    public init<Key: MessageKey>(_ key: Key, _ arguments: [String: Argument] = [:]) {
        self.key = Key.table + "." + String(describing: key)
        english = key.rawValue
        self.arguments = arguments
    }

    /// The message in English.
    public var description: String { Catalog.english.render(self) }
}

/// The keys of one part of the program (the desk's refusals, the journal's reports, the command
/// line's words): an enum whose cases are the keys and whose raw values are the English texts,
/// with `{name}` holes. The translations are in `Resources/i18n/<language>/<table>.yaml`.
public protocol MessageKey: RawRepresentable<String>, CaseIterable, Sendable {
    /// The table its translations are in (the yaml file's name).
    static var table: String { get }
}

extension MessageKey {
    /// The message with these holes filled.
    public func callAsFunction(_ arguments: [String: Message.Argument] = [:]) -> Message { Message(self, arguments) }
}

/// The translations of every message into one language, read from the string tables. Pure: it
/// is given the tables' text (reading the files is the caller's), and renders messages.
public struct Catalog: Sendable {
    public let language: String
    /// `table.key` → template.
    private let templates: [String: String]

    /// English: every message's own template.
    public static let english = Catalog(language: "en", templates: [:])

    init(language: String, templates: [String: String]) {
        self.language = language
        self.templates = templates
    }

    /// Reads string tables: each a YAML mapping of keys to templates, named by its table. Every
    /// template must be text: YAML reads an unquoted `yes`, `no`, `null` or number as something
    /// else, which would show as "true" or "<null>", so such a table does not load.
    public init(language: String, tables: [String: String]) throws {
        var templates: [String: String] = [:]
        for (table, text) in tables {
            let root = try Yams.load(yaml: text) as? [String: Any] ?? [:]
            for (key, value) in root {
                guard let template = value as? String else { throw NotText(key: table + "." + key, value: "\(value)") }
                templates[table + "." + key] = template
            }
        }
        self.init(language: language, templates: templates)
    }

    /// A string table's value that YAML did not read as text.
    public struct NotText: Error, CustomStringConvertible {
        public var key: String
        public var value: String
        public var description: String { "\(key) reads as \(value), not as text: quote it" }
    }

    /// The message in this language: its translation (its English template where there is none),
    /// each hole filled once, in one pass, so a name that happens to contain `{call}` stays as
    /// it was written.
    public func render(_ message: Message) -> String {
        let template = templates[message.key] ?? message.english
        var out = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(of: "}") else { break }
            let name = String(rest[afterOpen..<close])
            if let argument = message.arguments[name] {
                switch argument {
                case .text(let text): out += text
                case .message(let inner): out += render(inner)
                }
            } else {
                out += rest[open...close]
            }
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }

    /// The keys of `Key` this catalog has no translation for (English needs none).
    public func missing<Key: MessageKey>(_ type: Key.Type) -> [String] {
        guard language != "en" else { return [] }
        return Key.allCases.map { Key.table + "." + String(describing: $0) }.filter { templates[$0] == nil }
    }

    /// The translation of a key, if the catalog has one (for tests that compare holes).
    public func template(_ key: String) -> String? { templates[key] }
}

