import CallboardCore
@testable import CallboardTUI
import Foundation
import Testing

/// Keys that record what cannot be taken back ask first, saying what they record.
@Suite struct AsksFirstTests {
    init() { DisplayText.adoptUTF8Locale() }

    /// One call, assigned to T01.
    func console() throws -> TestConsole {
        TestConsole(try PresenterTests.desk([("甲", 0.5)], assign: 1))
    }

    @Test func settingOffAsksFirstItEndsAPauseAndCannotBeTakenBack() throws {
        var console = try console()
        #expect(TestConsole.record(console.press(.character("d"))) == nil, "nothing is recorded before the answer")
        let question = try #require(console.state.top(ConfirmView.self))
        #expect(question.lines.first?.contains("C-0001 甲: technician departed") == true, "\(question.lines)")
        #expect(TestConsole.record(console.press(.character("y"))) != nil)
    }

    @Test func arrivingAsksFirst() throws {
        var console = try console()
        console.carry(console.press(.character("d")))
        console.carry(console.press(.character("y")))
        #expect(TestConsole.record(console.press(.character("o"))) == nil, "nothing is recorded before the answer")
        let question = try #require(console.state.top(ConfirmView.self))
        #expect(question.lines.first?.contains("arrived on site") == true, "\(question.lines)")
        console.press(.escape)
        #expect(console.state.stack.isEmpty && console.state.desk.calls[CallID(number: 1)]?.arrivedAt == nil)
    }

    /// Yes is the key that records: a read-only console leaves it out of its hints like any other.
    @Test func yesIsTheKeyThatChangesTheDesk() {
        #expect(ConfirmView.table.binding(for: .character("y"))?.changesDesk == true)
        #expect(ConfirmView.table.binding(for: .enter)?.changesDesk == true)
        #expect(ConfirmView.table.binding(for: .character("n"))?.changesDesk == false)
    }
}

extension AsksFirstTests {
    /// The question only shows what would be recorded; yes records it as of the moment it is
    /// given, decided then against the desk as it is.
    @Test func aConfirmedActionIsRecordedWhenYesIsPressedNotWhenTheKeyWas() throws {
        var console = try console()
        let asked = console.state.now
        console.press(.character("r"))
        #expect(console.state.top(ConfirmView.self) != nil)
        let later = asked.addingTimeInterval(3600)
        console.send(.tick(later))
        let request = try #require(TestConsole.record(console.press(.character("y"))))
        #expect(request.decided.map(\.occurredAt) == [later])
        #expect(request.decided.map(\.recordedAt) == [later])
    }

    /// Something recorded elsewhere while the question was open is what yes decides against.
    @Test func yesDecidesAgainstTheDeskAsItIsThen() throws {
        var console = try console()
        console.press(.character("r"))
        var desk = console.state.desk
        let elsewhere = Event(occurredAt: console.state.now, recordedAt: console.state.now, actor: "li", change: .responded(CallID(number: 1)))
        desk.apply(elsewhere)
        console.send(.read(desk, console.state.position, [elsewhere]))
        #expect(TestConsole.record(console.press(.character("y"))) == nil, "nothing to record twice")
        #expect(console.state.notice?.isError == true, "\(console.state.notice?.text ?? "")")
    }
}
