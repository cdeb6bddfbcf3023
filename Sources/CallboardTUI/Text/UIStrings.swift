import CallboardCore
import CallboardResources
import Foundation
import Yams

/// Everything the console says, by key. The texts live in `Resources/i18n/<language>.yaml`
/// (`messages`: these keys; `timers`: the built-in timers' labels; `words`: a vocabulary for
/// column titles, states and labels the shared presenters print in English). `{name}` in a text
/// is filled from the arguments.
public enum Msg: String, CaseIterable, Sendable {
    case headerOpen, headerUnassigned, headerWarning, headerBreached, headerOnDuty, headerHolidays
    case noOpenCalls, nothingMatches, callsRange, moreBelow, sortedBy, technicians, notShown
    case legendBreached, tooSmall, tooSmallNeed, tooSmallQuit
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
}

public struct UIStrings: Sendable {
    public let language: String
    /// The translations of the messages the core, the journal and the command line write.
    public let catalog: Catalog
    private let messages: [String: String]
    private let vocabulary: [String: String]
    private let fallback: [String: String]
    /// The built-in timers' labels by name, in this language and in English (TimerLabels).
    let timerLabels: [String: String]
    let englishTimerLabels: [String: String]

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
        return UIStrings(language: language, catalog: catalog, messages: own.messages, vocabulary: own.words, fallback: english.messages,
                         timerLabels: own.timers, englishTimerLabels: english.timers)
    }

    /// English, for tests and tools.
    public static let english: UIStrings = (try? load("en"))
        ?? UIStrings(language: "en", catalog: .english, messages: [:], vocabulary: [:], fallback: [:], timerLabels: [:], englishTimerLabels: [:])

    /// A message of the core, the journal or the command line, in this language.
    public subscript(_ message: Message) -> String { catalog.render(message) }

    static func table(_ yaml: String) throws -> (messages: [String: String], words: [String: String], timers: [String: String]) {
        let root = try Yams.load(yaml: yaml) as? [String: Any] ?? [:]
        func strings(_ key: String) -> [String: String] {
            (root[key] as? [String: Any] ?? [:]).reduce(into: [:]) { $0[$1.key] = "\($1.value)" }
        }
        return (strings("messages"), strings("words"), strings("timers"))
    }

    public subscript(_ message: Msg, _ arguments: [String: String] = [:]) -> String {
        var text = messages[message.rawValue] ?? fallback[message.rawValue] ?? message.rawValue
        for (name, value) in arguments { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
        return text
    }

    /// This language's words back to the English the filter understands (已派工 → assigned).
    public var reverseVocabulary: [String: String] {
        var out: [String: String] = [:]
        for (english, translated) in vocabulary { out[translated.lowercased()] = english.lowercased().replacingOccurrences(of: " ", with: "_") }
        return out
    }

    /// A word or label from the shared presenters in this language (itself if not listed).
    public func word(_ english: String) -> String { vocabulary[english] ?? vocabulary[english.lowercased()] ?? english }

    /// The keys a table lacks (a test keeps both languages complete).
    public static func missingKeys(in language: String) throws -> [String] {
        let table = try table(CallboardResources.translations(language))
        return Msg.allCases.map(\.rawValue).filter { table.messages[$0] == nil }
    }
}
