import CallboardCore
@testable import CallboardTUI
import Foundation
import Testing

@Suite struct TextFieldTests {
    func typed(_ text: String) -> TextField {
        var field = TextField()
        for c in text { field.handle(.character(c)) }
        return field
    }

    @Test func chineseIsEditedByCharacterNotByByte() {
        var field = typed("上海华东电气")
        #expect(field.text == "上海华东电气" && field.cursor == 6)
        field.handle(.backspace)
        #expect(field.text == "上海华东电")
        field.handle(.left)
        field.handle(.left)
        field.handle(.character("市"))
        #expect(field.text == "上海华市东电")
        field.handle(.home)
        field.handle(.delete)
        #expect(field.text == "海华市东电")
        field.handle(.character("\u{15}")) // Ctrl-U
        #expect(field.isEmpty)
    }

    @Test func aCombiningMarkJoinsTheCharacterBeforeIt() {
        var field = typed("e")
        field.handle(.character("\u{301}"))
        #expect(field.characters.count == 1 && field.cursor == 1)
        field.handle(.backspace)
        #expect(field.isEmpty)
    }

    @Test func controlKeysAreNotText() {
        var field = TextField()
        let escape = field.handle(.character("\u{1B}"))
        let csi = field.handle(.character("\u{9B}"))
        #expect(!escape && !csi)
        #expect(field.isEmpty)
    }

    @Test(arguments: [5, 6, 7, 10])
    func theVisiblePartNeverHoldsHalfAWideCharacterAndAlwaysShowsTheCursor(width: Int) {
        var field = typed("客户要求上午到场ABC")
        for _ in 0..<20 {
            let shown = field.visible(width: width)
            #expect(DisplayText.width(shown.text) <= width)
            #expect(shown.cursorColumn < width)
            field.handle(.left)
        }
    }
}

@Suite struct QueueFilterTests {
    static let state: DeskState = {
        var state = DeskState()
        let context = CommandContext(now: Date(timeIntervalSince1970: 1_795_000_000), at: nil, actor: "t", timeZone: TimeZone(identifier: "Asia/Shanghai")!)
        func run(_ command: Command) { for event in try! state.decide(command, context) { state.apply(event) } }
        run(.addTechnician(TechnicianDraft(id: "T03", name: "张伟", region: "city")))
        run(.intake(IntakeDraft(customer: "上海华东电气", phone: "021-6952 3310", summary: "服务器宕机", level: "1", region: "city")))
        run(.intake(IntakeDraft(customer: "嘉定区第二中学", phone: "021-5953 1276", summary: "复印机卡纸", level: "3", region: "jiading")))
        run(.assign(CallID(number: 2), TechnicianID("T03")!, reassign: false))
        run(.pause(CallID(number: 1), reason: "等待备件"))
        return state
    }()

    func matching(_ text: String) -> [Int] {
        let filter = QueueFilter(text)
        return Self.state.calls.values.filter { filter.matches($0, in: Self.state, timers: []) }.map(\.id.number)
    }

    @Test func wordsAndKeysMustAllMatch() {
        #expect(matching("") == [1, 2])
        #expect(matching("华东") == [1])
        #expect(matching("level:3") == [2])
        #expect(matching("l:1 region:city") == [1])
        #expect(matching("region:city 卡纸") == [])
        #expect(matching("tech:T03") == [2])
        #expect(matching("tech:张伟") == [2])
        #expect(matching("state:paused") == [1])
        #expect(matching("state:unassigned") == [1])
        #expect(matching("state:assigned") == [2])
        #expect(matching("c-2") == [2])
        #expect(matching("5953") == [2])
    }
}

@Suite struct CommandLineWordsTests {
    @Test func quotesAndBackslashesKeepSpaces() throws {
        #expect(try CommandLineWords.split(#"assign C-0007 T03"#).get() == ["assign", "C-0007", "T03"])
        #expect(try CommandLineWords.split(#"note C-0007 "客户 要求上午到场""#).get() == ["note", "C-0007", "客户 要求上午到场"])
        #expect(try CommandLineWords.split(#"pause 7 --reason 'waiting "parts"'"#).get() == ["pause", "7", "--reason", #"waiting "parts""#])
        #expect(try CommandLineWords.split(#"note 7 a\ b"#).get() == ["note", "7", "a b"])
        #expect(try CommandLineWords.split("callboard list").get() == ["list"])
        #expect(try CommandLineWords.split("  ").get() == [])
        let unclosed = CommandLineWords.split(#"note 7 "open"#)
        #expect((try? unclosed.get()) == nil)
    }
}

@Suite struct ConsoleControllerTests {
    let state = QueueFilterTests.state
    var context: ConsoleContext {
        ConsoleContext(state: state, order: [CallID(number: 1), CallID(number: 2)], now: Date(timeIntervalSince1970: 1_795_000_000),
                       zone: TimeZone(identifier: "Asia/Shanghai")!, pageSize: 10, strings: .english)
    }

    func keysFor(_ text: String) -> [Key] { text.map { Key.character($0) } }

    func press(_ keys: [Key], _ model: inout ConsoleModel) -> [ConsoleEffect] {
        keys.map { ConsoleController.handle($0, model: &model, context: context) }
    }

    @Test func aNewCallIsTypedTabbedAndSavedAsACommand() {
        var model = ConsoleModel()
        _ = press([.character("n")], &model)
        guard case .form = model.mode else { Issue.record("no form"); return }
        var keys: [Key] = keysFor("上海") + [.tab]
        keys += keysFor("021-6952 3310") + [.tab]
        keys += keysFor("卡纸") + [.backTab, .tab, .enter]
        let effects = press(keys, &model)
        guard case .perform(.intake(let draft), let onFailure) = effects.last else { Issue.record("no intake: \(effects)"); return }
        #expect(draft.customer == "上海" && draft.phone == "021-6952 3310" && draft.summary == "卡纸" && draft.channel == "phone")
        guard case .form = onFailure else { Issue.record("a refusal does not return to the form"); return }
    }

    @Test func escapeAsksBeforeThrowingTypedInputAway() {
        var model = ConsoleModel()
        _ = press([.character("n"), .character("x"), .escape], &model)
        guard case .confirm(let confirmation) = model.mode else { Issue.record("no question"); return }
        _ = press([.character("n")], &model)
        guard case .form(let form) = model.mode else { Issue.record("not back in the form"); return }
        #expect(form.fields[0].input.text == "x", "what was typed is still there")
        _ = press([.escape, .character("y")], &model)
        #expect(model.mode == .queue)
        #expect(confirmation.question.contains("Discard"))
        var untouched = ConsoleModel()
        _ = press([.character("n"), .escape], &untouched)
        #expect(untouched.mode == .queue, "nothing typed: no question")
    }

    @Test func assigningGoesThroughThePickerAndOffShiftAsksFirst() {
        var model = ConsoleModel()
        model.selected = CallID(number: 1)
        _ = press([.character("a")], &model)
        guard case .picker(let picker) = model.mode else { Issue.record("no picker"); return }
        #expect(picker.candidates.map(\.technician.id.rawValue) == ["T03"])
        let effect = press([.enter], &model).last!
        if picker.candidates[0].eligible {
            #expect(effect == .perform(.assign(CallID(number: 1), TechnicianID("T03")!, reassign: false), onFailure: .picker(picker)))
        } else {
            guard case .confirm(let question) = model.mode else { Issue.record("off shift without a question"); return }
            #expect(question.question.contains("off shift"))
        }
    }

    @Test func closingAsksFirstAndOnlyYesCloses() {
        var model = ConsoleModel()
        model.selected = CallID(number: 2)
        #expect(press([.character("c")], &model) == [.none])
        #expect(press([.character("n")], &model) == [.none])
        #expect(model.mode == .queue)
        #expect(press([.character("c"), .character("y")], &model).last == .perform(.close(CallID(number: 2)), onFailure: .queue))
    }

    @Test func thePauseReasonIsAskedForAndAnEmptyReasonIsLeftToTheDesk() {
        var model = ConsoleModel()
        model.selected = CallID(number: 2)
        let effects = press([.character("p")] + keysFor("等待客户") + [.enter], &model)
        guard case .perform(.pause(let id, let reason), _) = effects.last else { Issue.record("\(effects)"); return }
        #expect(id == CallID(number: 2) && reason == "等待客户")
    }

    @Test func theFilterAppliesAsItIsTypedAndEscapeClearsIt() {
        var model = ConsoleModel()
        _ = press([.character("/")] + keysFor("level:1"), &model)
        #expect(model.filter.text == "level:1")
        _ = press([.enter], &model)
        #expect(model.mode == .queue && model.filter.text == "level:1")
        _ = press([.escape], &model)
        #expect(model.filter.isEmpty)
    }

    @Test func theCommandLineRunsTheToolsVerbs() {
        var model = ConsoleModel()
        let effects = press([.character(":")] + keysFor("assign C-0002 T03") + [.enter], &model)
        #expect(effects.last == .commandLine(["assign", "C-0002", "T03"]))
    }

    @Test func actionsNeedASelectedCall() {
        var model = ConsoleModel()
        #expect(press([.character("r")], &model) == [.none])
        #expect(model.notice == "No call selected")
    }
}

@Suite struct TranslationTests {
    @Test(arguments: ["en", "zh"])
    func everyTextExistsInEveryLanguageWithTheSamePlaceholders(language: String) throws {
        #expect(try UIStrings.missingKeys(in: language) == [])
        let english = try UIStrings.load("en"), other = try UIStrings.load(language)
        func placeholders(_ text: String) -> Set<String> {
            Set(text.split(separator: "{", omittingEmptySubsequences: false).dropFirst().compactMap { $0.split(separator: "}").first.map(String.init) })
        }
        for message in Msg.allCases { #expect(placeholders(english[message]) == placeholders(other[message]), "\(message)") }
    }

    @Test func theLanguageComesFromTheFlagThenTheLocale() {
        #expect(UIStrings.language(flag: "zh", environment: ["LANG": "en_US.UTF-8"]) == "zh")
        #expect(UIStrings.language(flag: "fr", environment: [:]) == nil)
        #expect(UIStrings.language(flag: nil, environment: ["LANG": "zh_CN.UTF-8"]) == "zh")
        #expect(UIStrings.language(flag: nil, environment: ["LC_ALL": "C.UTF-8", "LANG": "zh_CN.UTF-8"]) == "en")
        #expect(UIStrings.language(flag: nil, environment: [:]) == "en")
    }

    @Test func chineseWordsReplaceTheSharedPresentersEnglish() throws {
        let zh = try UIStrings.load("zh")
        #expect(zh.word("CUSTOMER") == "客户")
        #expect(zh.words(in: "en route") == "在途")
        #expect(zh.words(in: "✓ met") == "✓ 达成")
        #expect(zh[.callsRange, ["from": "1", "to": "5", "total": "9"]] == "第 1-5 条，共 9 条")
    }
}
