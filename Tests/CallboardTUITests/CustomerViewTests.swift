import CallboardCore
@testable import CallboardTUI
import Foundation
import Testing

/// `K`: the customer of the selected call, with their record and whole history (issue 14):
/// the calls the console holds to select and open, the retired ones counted and read from the
/// journal by the command line.
@Suite struct CustomerViewTests {
    static let now = PresenterTests.now
    static let k001 = CustomerID("K001")!

    /// K001 with a unit and four calls: C-0001 closed nine days ago (retired), C-0002 closed
    /// yesterday, C-0004 open; C-0003 is another caller's, not on record.
    static let state: DeskState = {
        var state = DeskState()
        func run(_ command: Command, hoursAgo: Double = 0) {
            let context = CommandContext(now: now, at: now.addingTimeInterval(-hoursAgo * 3600), actor: "wangfang", timeZone: PresenterTests.zone)
            for event in try! state.decide(command, context) { state.apply(event) }
        }
        run(.addCustomer(CustomerDraft(id: "K001", name: "上海华东电气有限公司", phones: ["021-6952 3310"], address: "上海市浦东新区张江路 88 号",
                                       contacts: ["李工 138 0013 8000"])), hoursAgo: 300)
        run(.recordUnit(UnitDraft(customer: "K001", serial: "SN-7781", product: "UPS-3000", purchased: "2026-03-01", warrantyUntil: "2027-02-28")), hoursAgo: 300)
        run(.intake(IntakeDraft(customer: nil, phone: "021-6952 3310", summary: "旧的故障", level: "3", region: "city")), hoursAgo: 240)
        run(.resolve(CallID(number: 1)), hoursAgo: 216)
        run(.close(CallID(number: 1)), hoursAgo: 216)
        run(.intake(IntakeDraft(customer: nil, phone: "138 0013 8000", summary: "UPS 报警", level: "2", serial: "SN-7781")), hoursAgo: 48)
        run(.intake(IntakeDraft(customer: "徐汇医院", phone: "021-6444 2000", summary: "打印机卡纸", level: "3")), hoursAgo: 40)
        run(.resolve(CallID(number: 2)), hoursAgo: 30)
        run(.close(CallID(number: 2)), hoursAgo: 30)
        run(.intake(IntakeDraft(customer: nil, phone: "021 6952 3310", summary: "又停电了", level: "1", region: "city")), hoursAgo: 1)
        state.retireClosedCalls()
        return state
    }()

    func console(_ strings: UIStrings = .english, selecting call: Int = 4) -> TestConsole {
        var console = TestConsole(Self.state, now: Self.now, width: 120, height: 30, strings: strings)
        console.state.queue.selected = CallID(number: call)
        return console
    }

    @Test func kOpensTheCustomersRecordAndHistoryNewestFirstWithTheRetiredCounted() throws {
        #expect(Self.state.calls[CallID(number: 1)] == nil, "C-0001 is retired: only the journal holds it")
        var console = console()
        console.press(.character("K"))
        let view = try #require(console.state.top(CustomerView.self))
        #expect(view.customer == Self.k001 && view.selected == .call(CallID(number: 4)))
        let screen = console.screen
        for words in ["K001  上海华东电气有限公司", "021-6952 3310", "张江路 88 号", "李工 138 0013 8000",
                      "SN-7781  UPS-3000  purchased 2026-03-01  warranty until 2027-02-28", "Calls (3, 1 open)",
                      "older calls, in the journal only: 1; Enter reads them", "callboard customer show K001"] {
            #expect(screen.contains(words), "\(words)\n\(screen)")
        }
        #expect(!screen.contains("徐汇医院") && !screen.contains("C-0003"), "another customer's call is not in the history")
        // The lines are the command line's own (CustomerPresenter), the newest first.
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let newest = try #require(lines.firstIndex { $0.contains(CustomerPresenter.callLine(Self.state.calls[CallID(number: 4)]!, state: Self.state, zone: PresenterTests.zone)) })
        let older = try #require(lines.firstIndex { $0.contains("C-0002") && $0.contains("UPS 报警") })
        #expect(newest < older)
        #expect(console.frame.lines[newest].highlighted && !console.frame.lines[older].highlighted, "the call K was pressed on is selected")
    }

    @Test func enterOpensTheSelectedCallAndKThereGoesBackToTheHistory() throws {
        var console = console()
        console.press(.character("K"), .down)
        #expect(console.state.top(CustomerView.self)?.selected == .call(CallID(number: 2)))
        console.press(.enter)
        #expect(console.state.top(CallView.self)?.call == CallID(number: 2))
        let depth = console.state.stack.count
        console.press(.character("K"))
        #expect(console.state.top(CustomerView.self) != nil && console.state.stack.count == depth - 1, "back to the history, not a second one on top")
        // The last line: the retired calls, read by the command line from the journal.
        let effects = console.press(.down, .enter)
        #expect(effects == [.runCommandLine(["customer", "show", "K001"])])
        console.press(.escape)
        #expect(console.state.stack.isEmpty, "Esc goes back to the queue")
    }

    @Test func aCallNotLinkedToACustomerSaysSoAndTheFooterDoesNotOfferK() throws {
        var console = console(selecting: 3)
        console.press(.character("K"))
        #expect(console.state.stack.isEmpty)
        #expect(console.screen.contains("C-0003 (徐汇医院) is not a customer on record"), "\(console.screen)")
        console.press(.enter)
        #expect(console.state.top(CallView.self)?.call == CallID(number: 3) && !console.screen.contains(" K customer"), "\(console.screen)")
        var linked = self.console(selecting: 4)
        linked.press(.enter)
        #expect(linked.screen.contains(" K customer"), "the call in full offers it for a customer's call")
    }

    @Test func inChineseTheHistoryReadsInChineseAndTheNamesLineUp() throws {
        var console = console(try UIStrings.load("zh"))
        console.press(.character("K"))
        let screen = console.screen
        for words in ["客户 K001  上海华东电气有限公司", "电话", "联系人", "购买 2026-03-01  保修至 2027-02-28", "报修（共 3 单，未结 1 单）",
                      "另有 1 单较早的报修只在日志中"] {
            #expect(screen.contains(words), "\(words)\n\(screen)")
        }
        #expect(console.frame.lines.allSatisfy { DisplayText.width($0.spans.map(\.text).joined()) <= 120 }, "wide characters counted by their width")
    }

    @Test func aUnitWhoseWarrantyEndedSaysSo() {
        let unit = CustomerUnit(serial: "S1", product: "P", purchased: LocalDate(year: 2024, month: 1, day: 2), warrantyUntil: LocalDate(year: 2025, month: 1, day: 1))
        #expect(CustomerPresenter.unitLine(unit, policy: nil, today: LocalDate(year: 2025, month: 1, day: 1)) == "S1  P  purchased 2024-01-02  warranty until 2025-01-01")
        #expect(CustomerPresenter.unitLine(unit, policy: nil, today: LocalDate(year: 2025, month: 1, day: 2)) == "S1  P  purchased 2024-01-02  warranty ended 2025-01-01")
    }
}
