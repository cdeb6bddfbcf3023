import CallboardCore
import CallboardResources
@testable import CallboardTUI
#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
import Yams

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

    /// A phone number as a caller reads it out, without the spaces or dashes it was written with.
    @Test func aPhoneNumberMatchesTypedWithoutItsSpaces() {
        #expect(matching("02159531276") == [2])
        #expect(matching("69523310") == [1])
        #expect(matching("021-5953") == [2])
    }

    /// A state the filter does not know is said, not a silently empty queue.
    @Test func aStateTheFilterDoesNotKnowIsNamed() {
        #expect(QueueFilter("state:breachd 华东").unknownStates == ["breachd"])
        #expect(QueueFilter("state:breached s:en-route status:on_site 状态:超时", aliases: ["状态": "state", "超时": "breached"]).unknownStates.isEmpty)
    }

    /// The policy's own words for a region (市区 for city) select it, in either language.
    @Test func aRegionMatchesByThePolicysAliasToo() {
        let filter = QueueFilter("region:市区", aliases: QueueFilter.aliases(of: PolicyVocabulary(rules: [], aliases: [.region: ["市区": "city"]])))
        #expect(Self.state.calls.values.filter { filter.matches($0, in: Self.state, timers: []) }.map(\.id.number) == [1])
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

/// The console's flows, fed to the one reducer as actions: what each key changes and which
/// effects it asks for. Nothing is recorded here; the end-to-end tests carry effects out.
@Suite struct ConsoleReducerTests {
    let desk = QueueFilterTests.state

    func console() -> TestConsole { TestConsole(desk, now: Date(timeIntervalSince1970: 1_795_000_000)) }

    /// The picker ranks again when the desk changes under it, keeping the technician on.
    @Test func anOpenPickerFollowsTheDesk() throws {
        var console = console()
        console.press(.character("a"))
        let before = try #require(console.state.top(PickerView.self)).picker
        #expect(before.candidates.map(\.technician.id.rawValue) == ["T03"])
        var desk = self.desk
        let context = CommandContext(now: Date(timeIntervalSince1970: 1_795_000_000), at: nil, actor: "t", timeZone: TimeZone(identifier: "Asia/Shanghai")!)
        for event in try desk.decide(.addTechnician(TechnicianDraft(id: "T09", name: "孙强", region: "city", shift: "oncall")), context) { desk.apply(event) }
        console.send(.read(desk, .start, []))
        let after = try #require(console.state.top(PickerView.self)).picker
        #expect(Set(after.candidates.map(\.technician.id.rawValue)) == ["T03", "T09"], "a technician added elsewhere is offered")
        #expect(after.chosen?.technician.id == before.chosen?.technician.id, "the one the dispatcher had on stays on")
    }

    @Test func aFilterWithAStateItDoesNotKnowSaysSoAndWhatItTakes() {
        var console = console()
        console.press(.character("/"))
        console.type("state:breachd")
        console.press(.enter)
        let notice = console.state.notice?.text ?? ""
        #expect(notice.contains("no state breachd") && notice.contains("en-route") && notice.contains("breached"), "\(notice)")
        console.press(.character("/"))
        console.press(.backspace)
        console.type("ed")
        console.press(.enter)
        #expect(console.state.notice?.isError != true, "a known state says nothing")
    }

    @Test func aNewCallIsTypedTabbedAndSavedAsARecordDecidedOnce() {
        var console = console()
        console.typeNewCall()
        #expect(console.state.top(FormView.self) != nil)
        let effects = console.press(.backTab, .tab, .enter)
        let request = TestConsole.record(effects)
        guard case .intake(let draft)? = request?.command else { Issue.record("no intake: \(effects)"); return }
        #expect(draft.customer == "上海" && draft.phone == "021-6952 3310" && draft.summary == "卡纸" && draft.channel == "phone")
        #expect(request?.decided.last.flatMap { $0.change.call } == CallID(number: 3), "decided here, once, against the desk shown")
        guard case .form? = request?.returnTo else { Issue.record("a refusal does not return to the form"); return }
    }

    /// The facts 三包 goes by — when the unit was bought, what its defect is — are taken in the
    /// form as on the command line (--purchased, --defect).
    @Test func theFormTakesThePurchaseDateAndTheDefect() {
        var console = console()
        console.typeNewCall()
        guard let form = console.state.top(FormView.self)?.form,
              let purchased = form.fields.firstIndex(where: { $0.id == .purchased }),
              let defect = form.fields.firstIndex(where: { $0.id == .defect }) else { Issue.record("no purchase date or defect field"); return }
        for _ in form.focus..<purchased { console.press(.tab) }
        console.type("2026-03-01")
        for _ in purchased..<defect { console.press(.tab) }
        console.type("E-302")
        let request = TestConsole.record(console.press(.enter))
        guard case .intake(let draft)? = request?.command else { Issue.record("no intake"); return }
        #expect(draft.purchased == "2026-03-01" && draft.defect == "E-302")
        #expect(request?.decided.contains { if case .callReceived(_, let intake, _) = $0.change { intake.defect?.lowercased() == "e-302" && intake.purchased != nil } else { false } } == true)
    }

    @Test func aRefusalWhenRecordingReturnsToTheFormWithTheFieldMarkedAndWhatWasTyped() {
        var console = console()
        console.typeNewCall()
        let request = TestConsole.record(console.press(.enter))!
        let refusal = DeskError(.invalidInput, field: .phone, DeskText.notPhone(["text": "021-6952 3310"]))
        console.send(.recorded(request, .refused(refusal, desk, .start)))
        let form = console.state.top(FormView.self)
        #expect(form?.form.fields[1].error == "phone '021-6952 3310' is not a phone number; use digits with spaces or dashes, for example 138 0013 8000 or 021-6552 1234"
                && form?.form.focus == 1)
        #expect(form?.form.fields[0].input.text == "上海", "what was typed is kept")
    }

    @Test func escapeAsksBeforeThrowingTypedInputAway() {
        var console = console()
        console.press(.character("n"), .character("x"), .escape)
        #expect(console.state.top(ConfirmView.self)?.lines.first?.contains("Discard") == true)
        console.press(.character("n"))
        #expect(console.state.top(FormView.self)?.form.fields[0].input.text == "x", "what was typed is still there")
        console.press(.escape, .character("y"))
        #expect(console.state.stack.isEmpty)
        var untouched = self.console()
        untouched.press(.character("n"), .escape)
        #expect(untouched.state.stack.isEmpty, "nothing typed: no question")
    }

    @Test func assigningGoesThroughThePickerAndOffShiftAsksFirst() {
        var console = console()
        console.state.queue.selected = CallID(number: 1)
        console.press(.character("a"))
        let picker = console.state.top(PickerView.self)
        #expect(picker?.picker.candidates.map(\.technician.id.rawValue) == ["T03"])
        let effects = console.press(.enter)
        if picker?.picker.candidates.first?.eligible == true {
            #expect(TestConsole.record(effects)?.command == .assign(CallID(number: 1), TechnicianID("T03")!, reassign: false))
        } else {
            #expect(console.state.top(ConfirmView.self)?.lines.contains { $0.contains("off shift") } == true)
        }
    }

    @Test func closingAsksFirstSayingWhatItRecordsAndOnlyYesRecords() throws {
        var resolved = desk
        let context = CommandContext(now: Date(timeIntervalSince1970: 1_795_000_000), actor: "t", timeZone: TimeZone(identifier: "Asia/Shanghai")!)
        for event in try resolved.decide(.resolve(CallID(number: 2)), context) { resolved.apply(event) }
        var console = TestConsole(resolved, now: Date(timeIntervalSince1970: 1_795_000_000))
        var unresolved = self.console()
        unresolved.state.queue.selected = CallID(number: 2)
        #expect(unresolved.press(.character("c")).isEmpty && unresolved.state.top(ConfirmView.self) == nil, "refused at once: nothing to ask")
        #expect(unresolved.state.notice?.text.contains("not resolved") == true)
        console.state.queue.selected = CallID(number: 2)
        #expect(console.press(.character("c")).isEmpty)
        let question = console.state.top(ConfirmView.self)
        #expect(question?.lines.first?.contains("C-0002") == true && question?.lines.first?.contains("closed") == true, "\(String(describing: question))")
        #expect(console.press(.character("n")).isEmpty)
        #expect(console.state.stack.isEmpty)
        console.press(.character("c"))
        #expect(TestConsole.record(console.press(.enter))?.command == .close(CallID(number: 2)), "Enter confirms too")
    }

    @Test(arguments: [Character("r"), Character("f"), Character("A")])
    func theKeysThatCannotBeTakenBackAskFirst(key: Character) {
        var console = console()
        console.state.queue.selected = CallID(number: 1)
        let effects = console.press(.character(key))
        // Either a question (for a fix, after what fixed it is asked), or a refusal said at once
        // (nothing to acknowledge): never a record.
        #expect(TestConsole.record(effects) == nil)
        if key == "f" { #expect(TestConsole.record(console.press(.enter, .enter, .enter)) == nil) }
        #expect(console.state.top(ConfirmView.self) != nil || console.state.notice?.isError == true)
    }

    @Test func fixingACallNobodyVisitedSaysWhatItDoesToTheOnSitePromise() throws {
        var console = console()
        console.state.queue.selected = CallID(number: 1)
        console.press(.character("f"))
        console.press(.enter, .enter, .enter) // the first cause, no fix, no parts
        let lines = try #require(console.state.top(ConfirmView.self)).lines
        #expect(lines.contains { $0.contains("on-site") && $0.contains("fixed without a visit") }, "\(lines)")
    }

    @Test func thePauseReasonIsAskedForAndRecorded() {
        var console = console()
        console.state.queue.selected = CallID(number: 2)
        console.press(.character("p"))
        console.type("等待客户")
        let request = TestConsole.record(console.press(.enter))
        #expect(request?.command == .pause(CallID(number: 2), reason: "等待客户"))
    }

    @Test func theFilterAppliesAsItIsTypedAndEscapeClearsIt() {
        var console = console()
        console.press(.character("/"))
        console.type("level:1")
        #expect(console.state.queue.filter.text == "level:1")
        console.press(.enter)
        #expect(console.state.stack.isEmpty && console.state.queue.filter.text == "level:1")
        console.press(.escape)
        #expect(console.state.queue.filter.isEmpty)
    }

    @Test func theCommandLineRunsTheToolsVerbsRecallsEarlierOnesAndCompletes() {
        var console = console()
        console.press(.character(":"))
        console.type("assign C-0002 T03")
        #expect(console.press(.enter) == [.runCommandLine(["assign", "C-0002", "T03"])])
        console.press(.character(":"), .up)
        #expect(console.state.top(LineInput.self)?.field.text == "assign C-0002 T03", "↑ recalls it")
        console.press(.escape, .character(":"))
        console.type("as")
        console.press(.tab)
        #expect(console.state.top(LineInput.self)?.field.text == "assign ")
        console.type("2")
        console.press(.tab)
        #expect(console.state.top(LineInput.self)?.field.text == "assign C-0002 ")
        console.type("t")
        console.press(.tab)
        #expect(console.state.top(LineInput.self)?.field.text == "assign C-0002 T03 ")
        console.press(.escape, .character(":"))
        console.type("journal ")
        console.press(.tab)
        #expect(console.state.top(LineInput.self)?.candidates == ["repair", "verify"])
    }

    @Test func everythingACommandPrintsCanBeRead() {
        var console = console()
        console.send(.ranCommandLine(["list"], status: 0, output: (1...40).map { "line \($0)" }.joined(separator: "\n") + "\n"))
        let output = console.state.top(OutputView.self)
        #expect(output?.lines.count == 40)
        console.press(.pageDown, .pageDown, .pageDown)
        #expect(console.screen.contains("line 40"))
    }

    @Test func actionsNeedASelectedCall() {
        var console = TestConsole(DeskState(), now: Date(timeIntervalSince1970: 1_795_000_000))
        #expect(console.press(.character("r")).isEmpty)
        #expect(console.state.notice?.text == "No call selected")
    }

    @Test func aReadOnlyConsoleRefusesWhatWouldChangeTheDeskAndDoesNotOfferIt() {
        var console = TestConsole(desk, now: Date(timeIntervalSince1970: 1_795_000_000), readOnly: true, page: .board)
        #expect(console.press(.character("A")).isEmpty && console.state.notice?.isError == true)
        let footer = console.frame.lines.last!.text
        #expect(!footer.contains("A ") && !footer.contains("r respond"), "\(footer)")
        #expect(console.send(.tick(Date(timeIntervalSince1970: 1_795_000_001))).isEmpty, "a wall display fires no escalations")
    }

    @Test(arguments: ["en", "zh"])
    func theDeskAsItWasSaysSoInItsHeaderAndRefusesEveryKeyThatWouldRecord(_ language: String) throws {
        let strings = language == "en" ? UIStrings.english : try UIStrings.load("zh")
        let moment = Date(timeIntervalSince1970: 1_795_000_000)
        var console = TestConsole(desk, now: moment, readOnly: true, strings: strings)
        console.state.asOf = moment
        console.send(.resized(width: 120, height: 40))
        let time = Renderer.asOfTime(moment, PresenterTests.zone)
        let header = console.frame.lines[0].text
        #expect(header.contains(language == "en" ? "AS OF \(time): the desk as it was, read-only" : "\(time) 时的工作台（历史状态，只读）"), "\(header)")
        for key in ["r", "a", "n", ":", "X", "m"] {
            #expect(console.press(.character(Character(key))).isEmpty, "\(key)")
            #expect(console.state.notice?.isError == true && console.state.stack.isEmpty, "\(key): nothing opened")
            #expect(console.state.notice?.text.contains(language == "en" ? "The desk as it was at \(time) is read-only" : "\(time) 时的工作台为只读") == true,
                    "\(key): \(console.state.notice?.text ?? "")")
        }
        #expect(console.send(.tick(moment.addingTimeInterval(1))).isEmpty, "no escalations fired")
    }

    @Test func theTickAsksForSupervisionAndWhatItWroteIsNotifiedAndRecorded() {
        var console = console()
        let now = Date(timeIntervalSince1970: 1_795_000_060)
        #expect(console.send(.tick(now)) == [.supervise(now)])
        let escalation = Event(occurredAt: now, recordedAt: now, actor: "console", change: .escalated(CallID(number: 1), step: "duty supervisor", timer: .onsite, notify: "supervisor"))
        #expect(console.send(.supervised(.success([escalation]))).first == .notify([escalation]))
        let outcome = Change.notified(CallID(number: 1), step: "duty supervisor", ok: false, detail: "exit 3")
        #expect(console.send(.notified([outcome])) == [.recordNotifications([outcome])])
        console.send(.supervised(.failure(ConsoleFailure("disk full"))))
        #expect(console.state.notice?.text.contains("disk full") == true, "a failure is said, never dropped")
    }

    @Test func ctrlCCancelsAPanelAndQuitsFromThePage() {
        var console = console()
        console.press(.character("n"))
        #expect(console.send(.signal(SIGINT)).isEmpty && console.state.stack.isEmpty)
        #expect(console.send(.signal(SIGINT)) == [.quit(SIGINT)])
    }
}

/// The console's words are messages like every other part's: a `MessageKey` enum whose cases are
/// the keys and whose raw values are the English, translated in `Resources/i18n/zh/<table>.yaml`
/// and rendered by the same `Catalog`. One way to word and translate text, kept complete here.
@Suite struct TranslationTests {
    static func placeholders(_ text: String) -> Set<String> {
        Set(text.split(separator: "{", omittingEmptySubsequences: false).dropFirst().compactMap { $0.split(separator: "}").first.map(String.init) })
    }

    /// Every key of `Key` has its Chinese, with the same holes as the English.
    func complete<Key: MessageKey>(_ type: Key.Type, in catalog: Catalog) {
        #expect(catalog.missing(type) == [], "keys of \(Key.table) with no Chinese")
        for key in Key.allCases {
            let name = Key.table + "." + String(describing: key)
            #expect(Self.placeholders(key.rawValue) == Self.placeholders(catalog.template(name) ?? key.rawValue), "\(name)")
        }
    }

    @Test func everyTextHasChineseWithTheSamePlaceholders() throws {
        let zh = try UIStrings.load("zh")
        // The console's own words, the presenters' (shared with the command line), the built-in timers' labels.
        complete(ConsoleText.self, in: zh.catalog)
        complete(ReportText.self, in: zh.catalog)
        complete(MilestoneText.self, in: zh.catalog)
        complete(TimerLabelText.self, in: zh.catalog)
        complete(ReportWords.self, in: zh.catalog)
    }

    @Test func theChineseTablesHaveNoKeyTheCodeDoesNotKnow() throws {
        let tables = try CallboardResources.stringTables("zh")
        func keys(_ table: String) throws -> Set<String> {
            let yaml = try #require(tables[table], "Resources/i18n/zh/\(table).yaml")
            return Set(try #require(try Yams.load(yaml: yaml) as? [String: Any]).keys)
        }
        let report = Set(ReportText.allCases.map { "\($0)" } + MilestoneText.allCases.map { "\($0)" } + TimerLabelText.allCases.map { "\($0)" }
                         + ReportWords.allCases.map { "\($0)" })
        let unknownReport = try keys("report").subtracting(report)
        #expect(unknownReport.isEmpty, "\(unknownReport)")
        let unknownConsole = try keys("console").subtracting(Set(ConsoleText.allCases.map { "\($0)" }))
        #expect(unknownConsole.isEmpty, "\(unknownConsole)")
    }

    @Test func theConsolesWordsAreTranslatedByTheSameCatalogAsEveryOthers() throws {
        let zh = try UIStrings.load("zh")
        #expect(zh[.keyQuit] == zh.catalog.render(ConsoleText.keyQuit()))
        #expect(zh[.keyQuit] == "退出" && UIStrings.english[.keyQuit] == "quit")
        #expect(zh[.callsRange, ["from": "1", "to": "5", "total": "9"]] == zh.catalog.render(ConsoleText.callsRange(["from": "1", "to": "5", "total": "9"])))
        // No table of its own beside the catalog's: the string tables are the one place.
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.i18n.path).filter { $0.hasSuffix(".yaml") }
        #expect(files == [], "string tables outside Resources/i18n/<language>/: \(files)")
    }

    @Test func everyBuiltInTimerHasALabelInTheStringTables() throws {
        let zh = try UIStrings.load("zh")
        for timer in TimerDefinition.builtIn {
            let key = try #require(TimerLabelText.of(timer.name), "\(timer.name)")
            #expect(zh.timerLabel(timer.name, policy: nil) == zh.catalog.render(key()))
        }
        #expect(zh.timerLabel(TimerName.onsite, policy: nil) == "到场")
        #expect(UIStrings.english.timerLabel(TimerName.onsite, policy: nil) == "on-site")
    }

    static let i18n = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Resources/i18n")

    @Test func theLanguageComesFromTheFlagThenTheLocale() {
        #expect(UIStrings.language(flag: "zh", environment: ["LANG": "en_US.UTF-8"]) == "zh")
        #expect(UIStrings.language(flag: "fr", environment: [:]) == nil)
        #expect(UIStrings.language(flag: nil, environment: ["LANG": "zh_CN.UTF-8"]) == "zh")
        #expect(UIStrings.language(flag: nil, environment: ["LC_ALL": "C.UTF-8", "LANG": "zh_CN.UTF-8"]) == "en")
        #expect(UIStrings.language(flag: nil, environment: [:]) == "en")
    }

    @Test func theSharedPresentersWordsAreKeysWithChineseText() throws {
        let zh = try UIStrings.load("zh")
        #expect(zh(.columnCustomer) == "客户")
        #expect(zh(.status(.enRoute)) == "在途")
        #expect(zh(.met) == "达成")
        #expect(zh(.eventAssigned, ["tech": "T01 王磊"]) == "已派给 T01 王磊")
        #expect(UIStrings.english(.eventAssigned, ["tech": "T01 王磊"]) == "assigned to T01 王磊")
        #expect(zh[.callsRange, ["from": "1", "to": "5", "total": "9"]] == "第 1-5 条，共 9 条")
    }

    @Test func whatFillsAHoleIsNeverReadAgain() throws {
        let zh = try UIStrings.load("zh")
        // A customer whose name looks like a hole stays as written, in the console's words and the presenters'.
        #expect(zh[.pickerTitle, ["call": "C-0001", "customer": "{call} {tech}"]] == "派工 C-0001 {call} {tech}：按匹配度排列")
        #expect(zh(.boardOldestCall, ["call": "C-0001", "customer": "{span}", "span": "2h"]) == "C-0001 {span}，已受理 2h")
    }

    @Test func theFilterTakesTheWordsTheScreenShows() throws {
        let zh = try UIStrings.load("zh")
        let aliases = zh.filterAliases
        #expect(aliases["超时"] == "breached" && aliases["在途"] == "en_route" && aliases["未派工"] == "unassigned")
        #expect(aliases["状态"] == "state" && aliases["区域"] == "region" && aliases["技术员"] == "tech" && aliases["级别"] == "level")
        #expect(UIStrings.english.filterAliases.isEmpty, "English needs none: the filter's own words are English")
    }
}
