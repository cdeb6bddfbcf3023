import CallboardCore
@testable import CallboardTUI
import Foundation
import Testing

/// Marking a call fixed asks what fixed it (issue 14): the cause from the desk's list, then the
/// fix and the parts, each skipped with Esc or left blank; the question before recording says it.
@Suite struct ResolveViewTests {
    func console(strings: UIStrings = .english) -> TestConsole {
        var console = TestConsole(QueueFilterTests.state, now: Date(timeIntervalSince1970: 1_795_000_000), strings: strings)
        console.state.queue.selected = CallID(number: 2)
        return console
    }

    @Test func theCauseFixAndPartsAreAskedInTurnAndRecordedAfterTheQuestion() throws {
        var console = console()
        console.press(.character("f"))
        let view = try #require(console.state.top(ResolveView.self))
        #expect(view.prompt.causes == CauseDefinition.builtIn.map(\.code))
        #expect(console.screen.contains("hardware fault (hardware)") && console.screen.contains("wear and tear (wear)"))
        console.press(.down, .down, .down) // wear
        console.press(.enter)
        console.type("更换滤芯")
        console.press(.enter)
        console.type("滤芯×2, 密封圈")
        console.press(.enter)
        let question = try #require(console.state.top(ConfirmView.self))
        #expect(question.lines.first?.contains("resolved: wear and tear (wear), 更换滤芯, 滤芯 ×2, 密封圈 ×1") == true, "\(question.lines)")
        let request = try #require(TestConsole.record(console.press(.enter)))
        #expect(request.command == .resolve(CallID(number: 2), ResolutionDraft(cause: "wear", fix: "更换滤芯", parts: "滤芯×2, 密封圈")))
        guard case .resolved(_, let resolution)? = request.decided.last?.change else { Issue.record("no fix decided"); return }
        #expect(resolution == Resolution(cause: "wear", fix: "更换滤芯", parts: [PartUse(part: "滤芯", count: 2), PartUse(part: "密封圈", count: 1)]))
    }

    @Test func escapeSkipsTheOptionalFieldsAndCancelsAtTheCause() throws {
        var console = console()
        console.press(.character("f"))
        console.press(.enter)
        console.type("半截")
        console.press(.escape) // the fix: skipped
        #expect(console.state.top(ResolveView.self)?.prompt.step == .parts)
        console.press(.escape) // the parts: skipped, and the question comes
        let question = try #require(console.state.top(ConfirmView.self))
        #expect(question.command == .resolve(CallID(number: 2), ResolutionDraft(cause: "hardware", fix: "", parts: "")))
        console.press(.character("n"))
        #expect(console.state.top(ResolveView.self) != nil, "no goes back to what was asked")
        console.press(.backTab, .backTab) // back to the causes
        #expect(console.state.top(ResolveView.self)?.prompt.step == .cause)
        console.press(.escape)
        #expect(console.state.stack.isEmpty, "Esc at the cause records nothing")
    }

    @Test func aBadPartCountComesBackToThePartsWithTheReason() throws {
        var console = console()
        console.press(.character("f"))
        console.press(.enter, .enter)
        console.type("滤芯×0")
        console.press(.enter)
        let view = try #require(console.state.top(ResolveView.self))
        #expect(view.prompt.step == .parts && view.error?.contains("whole number") == true, "\(String(describing: view.error))")
        #expect(view.prompt.parts.text == "滤芯×0", "what was typed is kept")
    }

    @Test func theChineseConsoleAsksInChinese() throws {
        var console = console(strings: try UIStrings.load("zh"))
        console.press(.character("f"))
        #expect(console.screen.contains("硬件故障（hardware）") && console.screen.contains("选择原因"), "\(console.screen)")
        console.press(.enter)
        console.type("更换主板")
        console.press(.enter, .enter)
        let question = try #require(console.state.top(ConfirmView.self))
        #expect(question.lines.first?.contains("已修复：硬件故障（hardware），更换主板") == true, "\(question.lines)")
    }
}
