@testable import callboard
import CallboardCore
import CallboardResources
import CallboardStore
import CallboardTUI
import Foundation
import Testing
import Yams

/// Every message of the journal and of the command line has its Chinese, with the same holes as
/// the English: a message missing from a table would be shown in English in the Chinese
/// interface, and a hole missing from a translation would drop what fills it (a path, a call).
@Suite struct StringTableTests {
    static let chinese: Catalog = {
        // A table that does not read fails the tests below, not the suite.
        (try? Catalog(language: "zh", tables: CallboardResources.stringTables("zh"))) ?? Catalog.english
    }()

    /// `{name}` holes of a template, as a set.
    static func holes(_ template: String) -> Set<String> {
        var found = Set<String>()
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            let after = rest.index(after: open)
            guard let close = rest[after...].firstIndex(of: "}") else { break }
            found.insert(String(rest[after..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return found
    }

    func check<Key: MessageKey>(_ type: Key.Type) throws {
        let tables = try CallboardResources.stringTables("zh")
        let yaml = try #require(tables[Key.table], "Resources/i18n/zh/\(Key.table).yaml")
        let keys = try #require(try Yams.load(yaml: yaml) as? [String: Any]).keys
        #expect(Self.chinese.missing(type) == [], "keys with no Chinese")
        let known = Set(Key.allCases.map { String(describing: $0) })
        #expect(Set(keys).subtracting(known).sorted() == [], "Chinese for keys that no longer exist")
        for key in Key.allCases {
            let name = Key.table + "." + String(describing: key)
            guard let translated = Self.chinese.template(name) else { continue }
            #expect(Self.holes(translated) == Self.holes(key.rawValue), "\(name): \(translated)")
        }
    }

    @Test func everyJournalMessageHasChineseWithTheSameHoles() throws {
        try check(JournalText.self)
    }

    @Test func everyCommandLineMessageHasChineseWithTheSameHoles() throws {
        try check(CommandText.self)
    }

    @Test func everyDoctorMessageHasChineseWithTheSameHoles() throws {
        try check(DoctorText.self)
    }

    /// What `show` prints for a channel, in every language, is a word the desk takes back.
    @Test func theChannelWordsShownAreTheOnesTyped() throws {
        for strings in [UIStrings.english, try UIStrings.load("zh")] {
            for channel in Channel.allCases {
                let word = strings(.channel(channel))
                #expect(try Channel.parse(word) == channel, "\(strings.language): \(word)")
            }
        }
    }

    @Test func aNestedMessageIsRenderedInTheSameLanguage() {
        let inner = JournalText.cannot(["operation": .message(JournalText.operationOpen()), "path": "/desk/journal",
                                        "reason": "Permission denied", "fix": ""])
        let outer = JournalText.compactFailed(["path": "/desk/journal", "problem": .message(inner)])
        #expect(outer.description == "cannot compact /desk/journal: cannot open /desk/journal: Permission denied; nothing was changed: the journal still holds every event")
        #expect(Self.chinese.render(outer) == "无法压缩 /desk/journal：无法打开 /desk/journal：Permission denied；未做任何更改：日志仍保有全部事件")
    }

    @Test func whatFillsAHoleIsNeverTranslated() {
        // A path that happens to hold words of the tables, or a hole's name, stays as it was.
        let message = JournalText.noJournal(["path": "/srv/damaged {path} ok"])
        #expect(Self.chinese.render(message) == "/srv/damaged {path} ok 处没有日志；请用 --journal 指定")
    }
}

/// The language a run speaks: chosen from the words as typed and the environment, before
/// ArgumentParser reads them, so even a mistyped option is answered in it.
@Suite struct SpeechTests {
    @Test func theFlagWinsWhereverItIsGiven() {
        #expect(Speech.language(arguments: ["assign", "C-1", "T03", "--lang", "zh"], environment: ["LANG": "C.UTF-8"]) == "zh")
        #expect(Speech.language(arguments: ["list", "--lang=zh"], environment: [:]) == "zh")
        #expect(Speech.language(arguments: ["list", "--lang", "en"], environment: ["LANG": "zh_CN.UTF-8"]) == "en")
    }

    @Test func theLocaleDecidesWithoutAFlag() {
        #expect(Speech.language(arguments: ["list"], environment: ["LANG": "zh_CN.UTF-8"]) == "zh")
        #expect(Speech.language(arguments: ["list"], environment: ["LC_ALL": "C.UTF-8", "LANG": "zh_CN.UTF-8"]) == "en")
        #expect(Speech.language(arguments: ["list"], environment: ["LC_MESSAGES": "zh_TW.UTF-8", "LANG": "en_US.UTF-8"]) == "zh")
        #expect(Speech.language(arguments: ["list"], environment: [:]) == "en")
    }

    @Test func aConsolePassesItsLanguageToItsCommandLine() {
        #expect(Speech.language(arguments: ["note", "C-1", "带硬盘"], environment: ["CALLBOARD_LANG": "zh", "LANG": "C.UTF-8"]) == "zh")
        #expect(Speech.language(arguments: ["note", "C-1", "--lang", "en"], environment: ["CALLBOARD_LANG": "zh"]) == "en")
    }

    @Test func anUnknownLanguageIsAnsweredInTheLocalesLanguage() {
        #expect(Speech.language(arguments: ["list", "--lang", "fr"], environment: ["LANG": "zh_CN.UTF-8"]) == "zh")
        #expect(Speech.language(arguments: ["list", "--lang"], environment: [:]) == "en")
    }

    @Test func wordsAfterTheEndOfOptionsAreNotAFlag() {
        #expect(Speech.flag(in: ["note", "C-1", "--", "--lang", "zh"]) == nil)
    }
}

/// Why a file could not be read, from errno, in words of both languages (the system's own
/// words are English only and, through Foundation, not even those).
@Suite struct FileProblemTests {
    @Test(arguments: [(ENOENT, "there is no such file; check the path"), (ENOTDIR, "a part of the path is not a folder; check the path"),
                      (EISDIR, "it is a folder; give the path of the file in it"),
                      (EACCES, "permission denied; ask the desk's administrator to let you read it"),
                      (ELOOP, "too many symbolic links; check the path")])
    func eachErrnoHasItsReason(code: Int32, english: String) {
        #expect(FileProblem.reason(errno: code).description == english)
        #expect(StringTableTests.chinese.render(FileProblem.reason(errno: code)) != english)
    }

    @Test func anUnusualErrnoSaysTheSystemsWordsAndItsNumber() {
        #expect(FileProblem.reason(errno: EIO).description == "Input/output error (errno \(EIO))")
    }
}
