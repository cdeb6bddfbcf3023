import CallboardCore
@testable import CallboardTUI
import Foundation
import Testing

/// Finding a closed or cancelled call: `state:closed` in the filter, and `C` showing the
/// closed calls in the queue (issue 14).
@Suite struct ClosedCallsQueueTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)
    static let state: DeskState = {
        var state = QueueFilterTests.state
        let context = CommandContext(now: now, at: nil, actor: "t", timeZone: TimeZone(identifier: "Asia/Shanghai")!)
        func run(_ command: Command) { for event in try! state.decide(command, context) { state.apply(event) } }
        run(.intake(IntakeDraft(customer: "浦东图书馆", phone: "021-5888 1000", summary: "打印机不进纸", level: "3", region: "city")))
        run(.resolve(CallID(number: 3)))
        run(.close(CallID(number: 3)))
        run(.intake(IntakeDraft(customer: "徐汇医院", phone: "021-6444 2000", summary: "重复登记", level: "3", region: "city")))
        run(.cancel(CallID(number: 4), reason: "重复"))
        return state
    }()

    func matching(_ text: String, aliases: [String: String] = [:]) -> [Int] {
        let filter = QueueFilter(text, aliases: aliases)
        return Self.state.calls.values.filter { filter.matches($0, in: Self.state, timers: []) }.map(\.id.number)
    }

    @Test func theFilterMatchesClosedAndCancelledCallsByState() throws {
        #expect(matching("state:closed") == [3])
        #expect(matching("state:cancelled") == [4])
        #expect(matching("state:closed 图书馆") == [3])
        #expect(matching("state:closed 医院") == [])
        #expect(QueueFilter("state:closed").asksForClosed)
        #expect(QueueFilter("s:cancelled 医院").asksForClosed)
        #expect(!QueueFilter("state:resolved").asksForClosed)
        #expect(!QueueFilter("closed").asksForClosed, "a plain word is text, not a state")
        let zh = try UIStrings.load("zh")
        let closed = "状态:" + zh(.status(.closed))
        #expect(QueueFilter(closed, aliases: zh.filterAliases).asksForClosed, "\(closed) in Chinese")
        #expect(matching(closed, aliases: zh.filterAliases) == [3])
    }

    /// The tester's finding: `state:closed` in the console's filter showed nothing.
    @Test func stateClosedInTheConsoleShowsTheClosedCall() {
        var console = TestConsole(Self.state, now: Self.now)
        #expect(console.state.queue.order.map(\.number).sorted() == [1, 2], "the queue holds the open calls")
        console.press(.character("/"))
        console.type("state:closed")
        #expect(console.state.queue.order.map(\.number) == [3])
        console.press(.enter)
        #expect(console.screen.contains("浦东图书馆"))
        console.press(.escape)
        #expect(console.state.queue.order.map(\.number).sorted() == [1, 2])
        console.press(.character("/"))
        console.type("state:cancelled")
        #expect(console.state.queue.order.map(\.number) == [4])
    }

    @Test func cTogglesTheClosedCallsInTheQueueWithAWordInTheTitleAndHelp() {
        var console = TestConsole(Self.state, now: Self.now)
        #expect(!console.screen.contains("浦东图书馆"))
        console.press(.character("C"))
        #expect(console.state.queue.order.map(\.number).sorted() == [1, 2, 3, 4])
        #expect(Array(console.state.queue.order.suffix(2)).map(\.number) == [4, 3], "closed calls after the open ones, newest first")
        #expect(console.screen.contains("浦东图书馆") && console.screen.contains("closed calls shown"))
        console.press(.character("C"))
        #expect(console.state.queue.order.map(\.number).sorted() == [1, 2])
        #expect(!console.screen.contains("closed calls shown"))
        console.press(.character("?"))
        #expect(console.screen.contains("closed calls"), "help lists the key")
    }

    @Test func theKeyIsInTheChineseFooterAndTitle() throws {
        var console = TestConsole(Self.state, now: Self.now, width: 160, strings: try UIStrings.load("zh"))
        console.press(.character("C"))
        #expect(console.screen.contains("含已结报修"))
        #expect(console.screen.contains("C") && console.screen.contains("已结报修"))
    }
}
