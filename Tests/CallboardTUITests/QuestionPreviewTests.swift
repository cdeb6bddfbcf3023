import CallboardCore
import CallboardResources
@testable import CallboardTUI
import Foundation
import Testing

/// The question before relevelling, taking charge of escalations and cancelling shows what will
/// change, not only what will be recorded: the deadlines that move, the escalations that stop
/// alerting, the promises no longer escalated and the technician let go.
@Suite struct QuestionPreviewTests {
    init() { DisplayText.adoptUTF8Locale() }

    typealias P = PresenterTests
    static let policy = try! PolicyParser.parse(CallboardResources.defaultPolicy())

    /// 甲 (C-0001), level 2 in the city, received at 08:30 under the built-in policy (on site
    /// within 1 h: due 09:30; at level 4 within 12 office hours: Tuesday 10:30), assigned to
    /// T01 王磊, with its on-site promise escalated to the duty supervisor. It is 09:00 on Monday.
    static func console(strings: UIStrings = .english) throws -> TestConsole {
        var state = DeskState()
        func run(_ command: Command, at: Date) throws {
            for event in try state.decide(command, CommandContext(now: P.now, at: at, actor: "t", timeZone: P.zone, policy: policy)) {
                state.apply(event)
            }
        }
        try run(.addTechnician(TechnicianDraft(id: "T01", name: "王磊", region: "city")), at: P.now.addingTimeInterval(-86_400))
        try run(.intake(IntakeDraft(customer: "甲", phone: "021-6431 7788", summary: "故障", level: "2", region: "city")),
                at: P.now.addingTimeInterval(-1800))
        try run(.assign(CallID(number: 1), TechnicianID("T01")!, reassign: false), at: P.now)
        state.apply(Event(occurredAt: P.now, recordedAt: P.now, actor: "console",
                          change: .escalated(CallID(number: 1), step: "duty supervisor", timer: .onsite, notify: "supervisor")))
        return TestConsole(state, strings: strings, roles: DeskRoles(users: ["wangfang": .supervisor], unlisted: .viewer), policy: policy)
    }

    @Test func relevellingShowsTheDeadlinesThatMove() throws {
        var console = try Self.console()
        console.press(.character("L"))
        console.type("4")
        console.press(.tab)
        console.type("客户同意")
        console.press(.enter)
        let question = try #require(console.state.top(ConfirmView.self))
        #expect(question.lines.contains("  on-site: running, due 11-23 09:30 → running, due 11-24 10:30"), "\(question.lines)")
        #expect(!question.lines.contains { $0.contains("response:") }, "a deadline that stays is not listed: \(question.lines)")
    }

    @Test func takingChargeShowsTheEscalationsThatStopAlerting() throws {
        var console = try Self.console()
        console.press(.character("A"))
        let question = try #require(console.state.top(ConfirmView.self))
        #expect(Array(question.lines.dropFirst()) == ["  These escalations stop alerting again:", "    duty supervisor (on-site)"], "\(question.lines)")
    }

    @Test func cancellingShowsThePromisesNoLongerEscalatedAndTheTechnicianLetGo() throws {
        var console = try Self.console()
        console.press(.character("X"))
        console.type("客户撤回")
        console.press(.enter)
        let question = try #require(console.state.top(ConfirmView.self))
        let text = question.lines.joined(separator: "\n")
        #expect(text.contains("It leaves the queue and the board; these promises will no longer escalate:"), "\(text)")
        #expect(text.contains("\n    on-site (running, due 11-23 09:30)\n"), "a line each: \(text)")
        #expect(text.contains("T01 王磊 is no longer on it"), "\(text)")
    }

    @Test func thePreviewSpeaksChinese() throws {
        var console = try Self.console(strings: try UIStrings.load("zh"))
        console.press(.character("X"))
        console.type("客户撤回")
        console.press(.enter)
        let text = try #require(console.state.top(ConfirmView.self)).lines.joined(separator: "\n")
        #expect(text.contains("报修将移出队列和看板；以下承诺不再升级："), "\(text)")
        #expect(text.contains("到场（计时中，截止 11-23 09:30）"), "\(text)")
        #expect(text.contains("T01 王磊不再负责此报修"), "\(text)")
    }
}
