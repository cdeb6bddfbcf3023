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
