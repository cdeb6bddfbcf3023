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
        // The template's own text and what fills each hole, in order.
        var pieces: [(text: String, filled: Bool)] = []
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(of: "}") else { break }
            if open > rest.startIndex { pieces.append((String(rest[..<open]), false)) }
            let name = String(rest[afterOpen..<close])
            switch message.arguments[name] {
            case .text(let text): pieces.append((text, true))
            case .message(let inner): pieces.append((render(inner), true))
            case nil: pieces.append((String(rest[open...close]), false))
            }
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { pieces.append((String(rest), false)) }
        return language == "zh" ? Self.spacedAsChinese(pieces) : pieces.map(\.text).joined()
    }

    /// Chinese is written without spaces between words, with one between Chinese and a Latin
    /// letter or digit. A template cannot know what will fill its holes — 服务政策 or rule 3,
    /// 技术员 or T03 — so the spacing beside each hole is settled once it is filled: a single
    /// space the template puts between a hole and Chinese goes when what fills the hole is
    /// Chinese at that end too (由 {from} 调整为 → 由 4 级调整为), and a space comes between a
    /// hole and its neighbour where Chinese meets a Latin letter or digit (请用 emergency 或紧急).
    /// Only the template's spacing changes: what fills a hole is never touched.
    static func spacedAsChinese(_ pieces: [(text: String, filled: Bool)]) -> String {
        var out = ""
        for (index, piece) in pieces.enumerated() {
            var text = Substring(piece.text)
            let previous = index > 0 ? pieces[index - 1] : nil
            let next = index + 1 < pieces.count ? pieces[index + 1] : nil
            if !piece.filled {
                // A single space after a hole, before Chinese, when the hole ends in Chinese.
                if let previous, previous.filled, let last = previous.text.last, isChinese(last),
                   text.count >= 2, text.first == " ", isChinese(text[text.index(after: text.startIndex)]) {
                    text = text.dropFirst()
                }
                // A single space before a hole, after Chinese, when the hole starts in Chinese.
                if let next, next.filled, let first = next.text.first, isChinese(first),
                   text.count >= 2, text.last == " ", isChinese(text[text.index(text.endIndex, offsetBy: -2)]) {
                    text = text.dropLast()
                }
            }
            if let last = out.last, let first = text.first, piece.filled || previous?.filled == true,
               (isHan(last) && isLatinOrDigit(first)) || (isLatinOrDigit(last) && isHan(first)) {
                out += " "
            }
            out += text
        }
        return out
    }

    /// A Chinese character or a full-width punctuation mark: no space is wanted between two.
    static func isChinese(_ character: Character) -> Bool {
        guard let scalar = character.unicodeScalars.first else { return false }
        return isHan(character) || (0x3000...0x303F).contains(scalar.value) || (0xFF01...0xFF60).contains(scalar.value)
    }

    static func isHan(_ character: Character) -> Bool {
        guard let scalar = character.unicodeScalars.first else { return false }
        return scalar.properties.isIdeographic && scalar.value >= 0x3400
    }

    static func isLatinOrDigit(_ character: Character) -> Bool { character.isASCII && (character.isLetter || character.isNumber) }

    /// The keys of `Key` this catalog has no translation for (English needs none).
    public func missing<Key: MessageKey>(_ type: Key.Type) -> [String] {
        guard language != "en" else { return [] }
        return Key.allCases.map { Key.table + "." + String(describing: $0) }.filter { templates[$0] == nil }
    }

    /// The translation of a key, if the catalog has one (for tests that compare holes).
    public func template(_ key: String) -> String? { templates[key] }
}

