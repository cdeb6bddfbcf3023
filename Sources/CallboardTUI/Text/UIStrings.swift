import CallboardCore
import CallboardResources
import CallboardStore
import Foundation

/// Everything the console says, in one language: every text is a `Message` of some part's
/// `MessageKey` table — the console's own words (`ConsoleText`), the presenters' (`ReportText`,
/// `MilestoneText`, `TimerLabelText`), and the core's, the journal's and the command line's —
/// rendered through one `Catalog` read from `Resources/i18n/<language>/`. `{name}` in a text is
/// filled from the arguments, once: what fills a hole is never read again.
public struct UIStrings: Sendable {
    public let language: String
    /// The translations of every message, the console's included.
    public let catalog: Catalog
    /// Every word without holes, rendered once: a frame writes hundreds of them (a status and a
    /// timer state per row, the keys' words in the footer).
    private let words: [ReportText: String]
    private let consoleWords: [ConsoleText: String]

    init(language: String, catalog: Catalog) {
        self.language = language
        self.catalog = catalog
        words = Dictionary(uniqueKeysWithValues: ReportText.allCases.map { ($0, catalog.render($0())) })
        consoleWords = Dictionary(uniqueKeysWithValues: ConsoleText.allCases.map { ($0, catalog.render($0())) })
    }

    /// The console's language: `--lang`, else `LC_ALL`, `LC_MESSAGES`, `LANG` (zh… → Chinese).
    public static func language(flag: String?, environment: [String: String]) -> String? {
        if let flag { return ["en", "zh"].contains(flag.lowercased()) ? flag.lowercased() : nil }
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[name], !value.isEmpty { return value.lowercased().hasPrefix("zh") ? "zh" : "en" }
        }
        return "en"
    }

    public static func load(_ language: String) throws -> UIStrings {
        let catalog = language == "en" ? Catalog.english : try Catalog(language: language, tables: CallboardResources.stringTables(language))
        return UIStrings(language: language, catalog: catalog)
    }

    /// English, for tests and tools.
    public static let english = UIStrings(language: "en", catalog: .english)

    /// The same language, rendered from `catalog` (tests give it tables of their own).
    func rendering(with catalog: Catalog) -> UIStrings {
        UIStrings(language: language, catalog: catalog)
    }

    /// A message of the core, the journal or the command line, in this language.
    public subscript(_ message: Message) -> String { catalog.render(message) }

    /// The console's words in this language (`s[.keyQuit]`, `s[.callsRange, ["from": …]]`).
    public subscript(_ key: ConsoleText, _ arguments: [String: String] = [:]) -> String {
        if arguments.isEmpty, let word = consoleWords[key] { return word }
        return catalog.render(key(arguments.mapValues { .text($0) }))
    }

    /// A presenter's words in this language (`s(.assigned)`, `s(.eventAssigned, ["tech": …])`).
    public func callAsFunction(_ key: ReportText, _ arguments: [String: String] = [:]) -> String {
        if arguments.isEmpty, let word = words[key] { return word }
        return catalog.render(key(arguments.mapValues { .text($0) }))
    }

    public func callAsFunction(_ key: MilestoneText) -> String { catalog.render(key()) }

    /// A report's words (`s(.reportTotal)`, `s(.csvTimerMet, ["timer": …])`).
    public func callAsFunction(_ key: ReportWords, _ arguments: [String: String] = [:]) -> String {
        catalog.render(key(arguments.mapValues { .text($0) }))
    }

    /// An error in this language: the desk's, the journal's and a policy's carry their words
    /// by key; anything else as it describes itself.
    public func describe(_ error: any Error) -> String {
        switch error {
        case let error as DeskError: self[error.text]
        case let error as JournalError: self[error.text]
        case let error as PolicyProblem: self[error.text]
        default: "\(error)"
        }
    }

    /// "office, working-days" in this language (、 between names in Chinese).
    public func names(_ items: [String]) -> String {
        switch DeskText.names(items) {
        case .text(let text): text
        case .message(let message): self[message]
        }
    }

    /// "a, b and c" in this language.
    public func list(and items: [String]) -> String {
        guard items.count > 1 else { return items.joined() }
        return self(.listAnd, ["list": items.dropLast().joined(separator: self(.listSeparator)), "last": items.last!])
    }

    /// What the console's filter also takes in this language: the words it shows for states,
    /// statuses and the columns a filter names, back to the filter's own (`状态:超时` reads as
    /// `state:breached`, `状态:在途` as `state:en_route`). Built from the same keys the screen is
    /// drawn with, so what a dispatcher reads is what they can type.
    public var filterAliases: [String: String] {
        guard language != "en" else { return [:] }
        var out: [String: String] = [:]
        func alias(_ key: ReportText, _ filterWord: String) { out[self(key).lowercased()] = filterWord }
        for status in CallStatus.allCases { alias(.status(status), status.rawValue) }
        for state in [TimerState.breached, .warning, .paused] { alias(.state(state), state.rawValue) }
        alias(.unassigned, "unassigned")
        alias(.offered, "offered")
        alias(.notAccepted, "unaccepted")
        alias(.followUpDue, "followup")
        alias(.columnLevel, "level")
        alias(.sortLevel, "level")
        alias(.columnRegion, "region")
        alias(.columnTech, "tech")
        alias(.columnStatus, "state")
        return out
    }
}
