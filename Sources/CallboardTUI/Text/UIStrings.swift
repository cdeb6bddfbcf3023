import CallboardCore
import CallboardResources
import CallboardStore
import Foundation
import Yams

/// Everything the console says, by key. The console's own words live in
/// `Resources/i18n/<language>.yaml` (`messages`: these keys; `timers`: the built-in timers'
/// labels); the presenters' words are `ReportText` keys, and the core's, the journal's and the
/// command line's are `Message`s, all rendered through `catalog`. `{name}` in a text is filled
/// from the arguments, once: what fills a hole is never read again.
public enum Msg: String, CaseIterable, Sendable {
    case headerOpen, headerUnassigned, headerWarning, headerBreached, headerOnDuty, headerHolidays
    case noOpenCalls, nothingMatches, callsRange, moreBelow, sortedBy, technicians, notShown
    case tooSmall, tooSmallNeed, tooSmallQuit
    case keySelect, keyPage, keyTopBottom, keyDetail, keyNew, keyAssign, keyRespond, keyDepart, keyArrive, keyResolve, keyClose
    case keyPause, keyResume, keyRelevel, keyNote, keyFilter, keyClearFilter, keySort, keyCommand, keyHelp, keyRedraw, keyQuit
    case keyNextField, keySave, keyCancel, keyChoose, keyYes, keyNo, keyRun
    case keyAcknowledge, keyCancelCall, keyScroll, keyBack, keySelectLine, keyQueue, keyDismiss, keyKeepFilter, keyHistory, keyComplete
    case helpTitle, helpFilter, helpCommand, helpAsks, asksFirstMark, moreBelowKeys
    case formTitle, formHint, fieldFull
    case fieldCustomer, fieldPhone, fieldSummary, fieldLevel, fieldRegion, fieldProduct, fieldSerial, fieldChannel, fieldTier, fieldKind
    case fieldNewLevel, fieldReason, fieldNote
    case pickerTitle, notEligible, noTechnicians
    case reasonOnShift, reasonOffShift, reasonOnCall, reasonCovers, reasonCoversAll, reasonOtherRegion, reasonSkill, reasonNoSkill
    case reasonJobs, reasonHasCall
    case pauseTitle, noteTitle, relevelTitle, cancelTitle, confirmTitle
    case confirmRecordTitle, confirmTimer, confirmTimerWithoutVisit, confirmCloseNote
    case confirmDiscard, reassignFrom, offShiftNow, alreadyHas
    case noCallSelected, journalReloaded, journalTrouble, supervisionFailed, commandInteractive, commandDone, commandFailedTitle
    case keyBoard, readOnly, escalationBanner, notificationFailed
    case keySelectEngineer, reassignTitle, reasonOnShiftShort, reasonOneJob, currentLevel
    case callTitle, callGone, linesRange
    case offerFirst, offerNext, offerAgain, offerReason, listSeparator
    case result, confirmEvent, commandExit, commandInterrupted, unclosedQuote, offeredToUntil, outOfWarranty, escalated, pausedBecause, unknownTerminal
}

public struct UIStrings: Sendable {
    public let language: String
    /// The translations of the messages the core, the journal and the command line write.
    public let catalog: Catalog
    private let messages: [String: String]
    private let fallback: [String: String]
    /// The built-in timers' labels by name, in this language and in English (TimerLabels).
    let timerLabels: [String: String]
    let englishTimerLabels: [String: String]
    /// Every presenter's word without holes, rendered once: a frame writes hundreds of them
    /// (a status and a timer state per row).
    private let words: [ReportText: String]

    init(language: String, catalog: Catalog, messages: [String: String], fallback: [String: String], timerLabels: [String: String],
         englishTimerLabels: [String: String]) {
        self.language = language
        self.catalog = catalog
        self.messages = messages
        self.fallback = fallback
        self.timerLabels = timerLabels
        self.englishTimerLabels = englishTimerLabels
        words = Dictionary(uniqueKeysWithValues: ReportText.allCases.map { ($0, catalog.render($0())) })
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
        let english = try table(CallboardResources.translations("en"))
        let own = language == "en" ? english : try table(CallboardResources.translations(language))
        let catalog = language == "en" ? Catalog.english : try Catalog(language: language, tables: CallboardResources.stringTables(language))
        return UIStrings(language: language, catalog: catalog, messages: own.messages, fallback: english.messages,
                         timerLabels: own.timers, englishTimerLabels: english.timers)
    }

    /// English, for tests and tools.
    public static let english: UIStrings = (try? load("en"))
        ?? UIStrings(language: "en", catalog: .english, messages: [:], fallback: [:], timerLabels: [:], englishTimerLabels: [:])

    /// The same words, with the messages of the core, the journal and the command line rendered
    /// from `catalog`.
    func rendering(with catalog: Catalog) -> UIStrings {
        UIStrings(language: language, catalog: catalog, messages: messages, fallback: fallback, timerLabels: timerLabels,
                  englishTimerLabels: englishTimerLabels)
    }

    /// A message of the core, the journal or the command line, in this language.
    public subscript(_ message: Message) -> String { catalog.render(message) }

    static func table(_ yaml: String) throws -> (messages: [String: String], timers: [String: String]) {
        let root = try Yams.load(yaml: yaml) as? [String: Any] ?? [:]
        func strings(_ key: String) -> [String: String] {
            (root[key] as? [String: Any] ?? [:]).reduce(into: [:]) { $0[$1.key] = "\($1.value)" }
        }
        return (strings("messages"), strings("timers"))
    }

    public subscript(_ message: Msg, _ arguments: [String: String] = [:]) -> String {
        Self.fill(messages[message.rawValue] ?? fallback[message.rawValue] ?? message.rawValue, arguments)
    }

    /// A presenter's words in this language (`s(.assigned)`, `s(.eventAssigned, ["tech": …])`).
    public func callAsFunction(_ key: ReportText, _ arguments: [String: String] = [:]) -> String {
        if arguments.isEmpty, let word = words[key] { return word }
        return catalog.render(key(arguments.mapValues { .text($0) }))
    }

    public func callAsFunction(_ key: MilestoneText) -> String { catalog.render(key()) }

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

    /// "a, b and c" in this language.
    public func list(and items: [String]) -> String {
        guard items.count > 1 else { return items.joined() }
        return self(.listAnd, ["list": items.dropLast().joined(separator: self(.listSeparator)), "last": items.last!])
    }

    /// `template` with each `{name}` hole filled, in one pass: a customer named "{call}" stays so.
    static func fill(_ template: String, _ arguments: [String: String]) -> String {
        guard !arguments.isEmpty, template.contains("{") else { return template }
        var out = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            out += rest[..<open]
            let name = String(rest[rest.index(after: open)..<close])
            out += arguments[name] ?? String(rest[open...close])
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
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
        alias(.columnLevel, "level")
        alias(.sortLevel, "level")
        alias(.columnRegion, "region")
        alias(.columnTech, "tech")
        alias(.columnStatus, "state")
        return out
    }

    /// The keys a table lacks (a test keeps both languages complete).
    public static func missingKeys(in language: String) throws -> [String] {
        let table = try table(CallboardResources.translations(language))
        return Msg.allCases.map(\.rawValue).filter { table.messages[$0] == nil }
    }
}
