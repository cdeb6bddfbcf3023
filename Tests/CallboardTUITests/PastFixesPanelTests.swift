import CallboardCore
@testable import CallboardTUI
import Foundation
import Testing

/// The new-call form offers past fixes of calls like the one being typed (issue 14).
@Suite struct PastFixesPanelTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)
    static let state: DeskState = {
        var state = QueueFilterTests.state
        let context = CommandContext(now: now, at: nil, actor: "t", timeZone: TimeZone(identifier: "Asia/Shanghai")!)
        func run(_ command: Command) { for event in try! state.decide(command, context) { state.apply(event) } }
        run(.intake(IntakeDraft(customer: "浦东图书馆", phone: "021-5888 1000", summary: "净水器漏水", product: "RO-500")))
        run(.resolve(CallID(number: 3), ResolutionDraft(cause: "wear", fix: "更换滤芯", parts: "滤芯×2")))
        run(.intake(IntakeDraft(customer: "徐汇医院", phone: "021-6444 2000", summary: "净水器漏水", product: "RO-700")))
        run(.resolve(CallID(number: 4), ResolutionDraft(cause: "installation", fix: "紧固接头")))
        return state
    }()

    @Test func pastFixesShowAsTheFaultIsTypedTheSameProductFirst() {
        var console = TestConsole(Self.state, now: Self.now)
        console.typeNewCall(summary: "卡")
        #expect(!console.screen.contains("Past fixes"), "nothing like it yet")
        console.type("纸漏水")
        #expect(console.screen.contains("Past fixes for this product and fault:"))
        console.press(.tab, .tab, .tab)
        console.type("RO-700")
        let screen = console.screen
        let first = screen.range(of: "C-0004"), second = screen.range(of: "C-0003")
        #expect(first != nil && second != nil && first!.lowerBound < second!.lowerBound, "\(screen)")
        #expect(screen.contains("C-0004  RO-700  净水器漏水  ·  installation  ·  紧固接头"))
        #expect(screen.contains("wear and tear (wear)  ·  更换滤芯; 滤芯 ×2"))
    }

    @Test func theChineseFormSaysItInChinese() throws {
        var console = TestConsole(Self.state, now: Self.now, strings: try UIStrings.load("zh"))
        console.typeNewCall(summary: "漏水")
        #expect(console.screen.contains("同类产品与故障的以往处理") && console.screen.contains("正常磨损（wear）"), "\(console.screen)")
    }
}
