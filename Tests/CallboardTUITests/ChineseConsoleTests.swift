import CallboardCore
import CallboardResources
@testable import CallboardTUI
import Foundation
import Testing

/// The console in Chinese, end to end through the reducer and the renderer: every word of ours
/// by key in the console's language, and what people wrote exactly as they wrote it, even when
/// it happens to be words the interface also uses.
@Suite struct ChineseConsoleTests {
    static let now = PresenterTests.now
    static let zone = PresenterTests.zone
    /// A customer and a fault summary made of the interface's own English words.
    static let customer = "new breached met"
    static let summary = "resolved closed"

    /// Chinese is measured two columns wide only in a UTF-8 locale; a test run alone must not
    /// depend on another suite having adopted it first.
    init() { DisplayText.adoptUTF8Locale() }

    /// Words of ours that must not show in the Chinese console (once what people wrote is taken out).
    static let english = ["assigned", "breached", "Record this", "responded", "Supervisor board", "Today's promises", "Technicians",
                          "received by", "History", "Timers", "Customer", "Summary", "New call", "level ", "region ", "due ", " left",
                          "warning", "running", " met", "new", "resolved", "closed", "Oldest open", "Unassigned", "engineers by fit",
                          "select", "quit", "help", "on site", "en route", "available", "overdue", "target", "promise", "told",
                          "escalated", "ESCALATION", "on-site", "restore", "response"]

    /// `text` without what people wrote, so that only our own words are left to look at.
    static func ours(_ text: String) -> String {
        text.replacingOccurrences(of: customer, with: "").replacingOccurrences(of: summary, with: "")
    }

    static func line(containing needle: String, in screen: String) -> String? {
        screen.split(separator: "\n").first { $0.contains(needle) }.map(String.init)
    }

    static func englishLeft(in text: String) -> [String] {
        let rest = ours(text)
        return english.filter { rest.contains($0) }
    }

    /// One on-call engineer and one call received 13 hours ago: its on-site promise is broken.
    static func desk() throws -> DeskState {
        var state = DeskState()
        func run(_ command: Command, _ at: Date) throws {
            for event in try state.decide(command, CommandContext(now: now, at: at, actor: "wangfang", timeZone: zone)) { state.apply(event) }
        }
        try run(.addTechnician(TechnicianDraft(id: "T01", name: "王磊", region: "city", skills: "printer", shift: "oncall")),
                now.addingTimeInterval(-86_400))
        try run(.intake(IntakeDraft(customer: customer, phone: "021-6952 3310", summary: summary, level: "2", region: "city")),
                now.addingTimeInterval(-13 * 3600))
        return state
    }

    static func chinese() throws -> UIStrings { try UIStrings.load("zh") }

    /// A technician is 技术员 everywhere in Chinese (never 技师): one name per concept, and the
    /// queue's and the roster's column headed by it whole.
    /// A broken promise's consequence is the policy's words in the console's language (the
    /// Chinese selected-call line said "substitute owed"); JSON keeps them as written.
    @Test func whatACallIsOwedIsSaidInChinese() throws {
        let policy = try PolicyParser.parse(CallboardResources.defaultPolicy())
        let owed = Owed.consequence(timer: .restore, "substitute owed")
        #expect(OwedText.short(owed, strings: try Self.chinese(), policy: policy) == "应提供替代设备")
        #expect(OwedText.long(owed, strings: try Self.chinese(), policy: policy) == "应提供替代设备")
        #expect(OwedText.short(owed, strings: .english, policy: policy) == "substitute owed")
    }

    @Test func aTechnicianIsCalledOneThingInChinese() throws {
        for (table, text) in try CallboardResources.stringTables("zh") {
            #expect(!text.contains("技师"), "Resources/i18n/zh/\(table).yaml says 技师")
        }
        let zh = try Self.chinese()
        #expect(zh(.columnTech) == "技术员")
        let screen = TestConsole(try Self.desk(), now: Self.now, width: 160, height: 40, strings: zh).screen
        let header = try #require(Self.line(containing: "单号", in: screen))
        #expect(header.contains(" 技术员 "), "the queue's column title whole: \(header)")
        let roster = try #require(Self.line(containing: "姓名", in: screen))
        #expect(roster.hasPrefix("技术员 "), "the roster's: \(roster)")
        #expect(zh.filterAliases["技术员"] == "tech", "the filter takes the word the screen shows")
    }

    @Test func peoplesWordsAreNeverTranslatedAndOursAlwaysAre() throws {
        var console = TestConsole(try Self.desk(), now: Self.now, width: 160, height: 40, strings: try Self.chinese())
        let queue = console.screen
        let row = try #require(Self.line(containing: "C-0001", in: queue))
        #expect(row.contains(Self.customer) && row.contains(Self.summary), "\(row)")
        #expect(row.contains("新建") && row.contains("超时"), "the status and the broken promise in Chinese: \(row)")
        #expect(!queue.contains("新建 超时 达成") && !queue.contains("已修复 已结单"), "a name is never looked up as words")
        #expect(Self.englishLeft(in: queue).isEmpty, "\(Self.englishLeft(in: queue))\n\(queue)")

        // The call in full: labels, timers and history in Chinese; the customer and summary as written.
        console.press(.enter)
        let full = console.screen
        #expect(full.contains("C-0001 详情") && full.contains("处理记录") && full.contains("经电话受理，2 级，区域 city"), "\(full)")
        #expect(full.contains("客户        \(Self.customer)") && full.contains("故障描述    \(Self.summary)"), "\(full)")
        #expect(Self.englishLeft(in: full).isEmpty, "\(Self.englishLeft(in: full))\n\(full)")

        // Assigning: the result in Chinese.
        console.press(.escape, .character("a"))
        #expect(console.screen.contains("派工 C-0001 \(Self.customer)：按匹配度排列"))
        console.carry(console.press(.enter))
        #expect(console.state.notice?.text == "C-0001：已派给 T01 王磊")

        // Responding asks first, saying what it records and what it does to the promises.
        console.press(.character("r"))
        let question = console.screen
        #expect(question.contains("确认记录？") && question.contains("C-0001 \(Self.customer)：已响应：已回电客户"), "\(question)")
        #expect(question.contains("响应：计时中 → 达成") || question.contains("响应：超时 → 未达成"), "\(question)")
        #expect(Self.englishLeft(in: question).isEmpty, "\(Self.englishLeft(in: question))\n\(question)")
        console.carry(console.press(.character("y")))
        #expect(console.state.notice?.text.hasPrefix("C-0001：已响应") == true, "\(console.state.notice?.text ?? "")")

        // The board, whole.
        console.press(.character("b"))
        let board = console.screen
        #expect(board.contains("主管看板") && board.contains("今日承诺：") && board.contains("待确认的升级（0）"), "\(board)")
        let risk = try #require(Self.line(containing: "  C-0001", in: board))
        #expect(risk.contains("到场") && risk.contains("超时") && risk.contains(Self.customer), "\(risk)")
        #expect(Self.englishLeft(in: board).isEmpty, "\(Self.englishLeft(in: board))\n\(board)")
    }

    @Test func showInChineseKeepsWhatPeopleWrote() throws {
        let state = try Self.desk()
        let call = try #require(state.calls[CallID(number: 1)])
        // What `show --lang zh` prints.
        let text = CallReport.text(call: call, state: state, timekeeper: Timekeeper(), now: Self.now, zone: Self.zone, strings: try Self.chinese())
        #expect(text.contains("客户        \(Self.customer)") && text.contains("故障描述    \(Self.summary)"), "\(text)")
        #expect(text.hasPrefix("C-0001  新建  ·  2 级  ·  区域 city"), "\(text)")
        #expect(text.contains("到场      目标 12h") && text.contains("超时，已超出 1h"), "\(text)")
        #expect(Self.englishLeft(in: text).isEmpty, "\(Self.englishLeft(in: text))\n\(text)")
        // JSON stays English, and the names as written.
        let json = CallReport.json(call: call, state: state, timekeeper: Timekeeper(), now: Self.now, zone: Self.zone)
        #expect(json.contains(#""customer" : "new breached met""#) && json.contains(#""text" : "received by phone, level 2"#), "\(json)")
        // policy explain in Chinese.
        let explained = PolicyReport.explain(call: call, state: state, now: Self.now, strings: try Self.chinese())
        #expect(explained.contains("C-0001  \(Self.customer)") && explained.contains("按通用承诺计时") && explained.contains("已超时：超过截止时间 1h"),
                "\(explained)")
    }

    /// A refusal of the desk's, whatever its words, is shown in the console's language by its key.
    enum Refusal: String, MessageKey {
        static let table = "test"
        case phoneMissing = "phone is required"
    }

    @Test func aRefusalIsShownInTheConsolesLanguageByItsKey() throws {
        let tables = try CallboardResources.stringTables("zh").merging(["test": "phoneMissing: 请填写客户电话"]) { $1 }
        let strings = try Self.chinese().rendering(with: try Catalog(language: "zh", tables: tables))
        var console = TestConsole(try Self.desk(), now: Self.now, width: 120, height: 30, strings: strings)
        console.typeNewCall()
        let request = try #require(TestConsole.record(console.press(.enter)))
        console.send(.recorded(request, .refused(DeskError(.invalidInput, field: .phone, Refusal.phoneMissing()), console.state.desk, .start)))
        let form = try #require(console.state.top(FormView.self))
        #expect(form.form.fields[1].error == "请填写客户电话" && form.form.focus == 1)
        #expect(console.screen.contains("✗ 请填写客户电话") && console.screen.contains("登记新报修"), "\(console.screen)")
        // A refusal decided at once (no form to return to) is said in the footer, in Chinese too.
        #expect(strings.describe(DeskError(.refused, Refusal.phoneMissing())) == "请填写客户电话")
        #expect(UIStrings.english.describe(DeskError(.refused, Refusal.phoneMissing())) == "phone is required")
    }

    @Test func theEscalationBannerNamesTheTimerTheStepAndWhomItTellsInChinese() throws {
        var desk = try Self.desk()
        var console = TestConsole(desk, now: Self.now, width: 160, height: 40, strings: try Self.chinese())
        let escalation = Event(occurredAt: Self.now, recordedAt: Self.now, actor: "console",
                               change: .escalated(CallID(number: 1), step: "duty supervisor", timer: .onsite, notify: "supervisor"))
        desk.apply(escalation)
        console.send(.read(desk, .start, [escalation]))
        let banner = console.state.notice?.text ?? ""
        // The standard step by its own words, whom it tells by the desk's role in Chinese.
        #expect(banner.hasPrefix("⚠ 升级 C-0001 值班主管（到场）：已通知主管。"), "\(banner)")
        // What to do next is a key on the board, not a command to type.
        #expect(banner.hasSuffix("按 b 打开看板，按 A 接手") && !banner.contains(":ack"), "\(banner)")
        #expect(UIStrings.english[.escalationBanner, ["call": "C-0001", "step": "s", "timer": "t", "notify": "n"]].hasSuffix("b: the board, where A takes charge"))
        console.press(.enter)
        #expect(console.screen.contains("已升级（值班主管）：到场承诺；已通知主管"), "\(console.screen)")
    }

    @Test func theChineseFilterTakesTheWordsOnScreen() throws {
        var console = TestConsole(try Self.desk(), now: Self.now, width: 160, height: 40, strings: try Self.chinese())
        console.press(.character("/"))
        console.type("状态:超时")
        #expect(console.state.queue.order == [CallID(number: 1)])
        console.press(.escape, .character("/"))
        console.type("状态:在途")
        #expect(console.state.queue.order.isEmpty)
    }
}

@Suite struct OfferReasonTextTests {
    @Test func anOffersReasonReadsInEachLanguageAndAnOlderEnglishOneAsWritten() throws {
        let reason = OfferReason(round: .next(notAccepted: [TechnicianID("T09")!]), covers: .region("city"), skills: ["printer"], openJobs: 1)
        #expect(OfferReason(encoded: reason.encoded) == reason)
        #expect(OfferReasonText.text(reason.encoded, strings: .english)
            == "next on-call engineer (T09 did not accept): on call, covers city, skill printer, 1 open job")
        let zh = OfferReasonText.text(reason.encoded, strings: try UIStrings.load("zh"))
        #expect(zh.hasPrefix("下一位待命工程师（T09 未接单）：待命") && !zh.contains("on call"), "\(zh)")
        let older = "best on-call engineer: on call, covers city"
        #expect(OfferReasonText.text(older, strings: try UIStrings.load("zh")) == older, "an older build's words, as written")
    }
}
