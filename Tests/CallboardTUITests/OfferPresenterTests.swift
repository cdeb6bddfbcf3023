import CallboardCore
@testable import CallboardTUI
import Foundation
import Testing

/// A call offered to an on-call engineer by automatic dispatch shows who was asked and until
/// when, wherever the call shows: the queue, the selected-call line and the board.
@Suite struct OfferPresenterTests {
    init() { DisplayText.adoptUTF8Locale() }

    typealias P = PresenterTests

    /// C-0001 (level 1, received at 09:00) offered to T10 周婷 until 09:10; C-0002 not offered.
    static func offered() throws -> DeskState {
        var state = DeskState()
        func run(_ command: Command) throws {
            for event in try state.decide(command, CommandContext(now: P.now, actor: "t", timeZone: P.zone)) { state.apply(event) }
        }
        try run(.addTechnician(TechnicianDraft(id: "T10", name: "周婷", region: "city", shift: "oncall")))
        try run(.intake(IntakeDraft(customer: "浦东新区人民医院", phone: "021-5830 1120", summary: "主控服务器宕机", level: "1", region: "city")))
        try run(.intake(IntakeDraft(customer: "Acme", phone: "138 0013 8000", summary: "slow", level: "2", region: "city")))
        state.apply(Event(occurredAt: P.now, recordedAt: P.now, actor: "watch",
                          change: .dispatchRequested(CallID(number: 1), TechnicianID("T10")!, until: P.now.addingTimeInterval(600),
                                                     reason: "best on-call engineer: on call, covers city")))
        return state
    }

    @Test func theQueueRowSaysOfferedAndToWhom() throws {
        let state = try Self.offered()
        let rows = QueuePresenter.rows(state.openCalls, in: state, timekeeper: Timekeeper(), now: P.now)
        let offered = try #require(rows.first { $0.id == CallID(number: 1) })
        let other = try #require(rows.first { $0.id == CallID(number: 2) })
        #expect(offered.cells[4].text == "offered" && offered.cells[5].text == "T10", "\(offered.cells.map(\.text))")
        #expect(other.cells[4].text == "new" && other.cells[5].text == "-")
    }

    @Test func theSelectedCallLineSaysWhoWasAskedAndUntilWhen() throws {
        let state = try Self.offered()
        var console = TestConsole(state, now: P.now, width: 140, height: 30)
        console.state.queue.selected = CallID(number: 1)
        let line = try #require(console.frame.lines.map(\.text).first { $0.hasPrefix("▸ C-0001") })
        #expect(line.contains("offered to T10 周婷 until 09:10"), "\(line)")
        var chinese = TestConsole(state, now: P.now, width: 140, height: 30, strings: try UIStrings.load("zh"))
        chinese.state.queue.selected = CallID(number: 1)
        let row = try #require(chinese.frame.lines.map(\.text).first { $0.hasPrefix("C-0001") })
        #expect(!row.contains("offered"), "the status is translated: \(row)")
    }

    @Test func theBoardListsTheOffersWaitingForAnAnswer() throws {
        let state = try Self.offered()
        let text = BoardPresenter.lines(state, now: P.now.addingTimeInterval(60), zone: P.zone, timekeeper: Timekeeper(), width: 140).map(\.text)
        #expect(text.contains { $0.hasPrefix("Offers waiting for an answer (1)") }, "\(text)")
        let offer = try #require(text.first { $0.contains("C-0001") && $0.contains("T10 周婷") }, "\(text)")
        #expect(offer.contains("until 09:10 (9m left)"), "\(offer)")
    }

    @Test func theFilterFindsOfferedCalls() throws {
        let state = try Self.offered()
        let calls = state.openCalls
        let filter = QueueFilter("state:offered")
        let matched = calls.filter { filter.matches($0, in: state, timers: [], searchText: nil) }
        #expect(matched.map(\.id) == [CallID(number: 1)])
    }
}
