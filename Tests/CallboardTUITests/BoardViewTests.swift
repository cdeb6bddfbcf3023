import CallboardCore
@testable import CallboardTUI
import Foundation
import Testing

/// The board as a page: lines about a call are selected, opened and acted on.
@Suite struct BoardViewTests {
    init() { DisplayText.adoptUTF8Locale() }

    /// A call received 30 hours ago has broken its promises, so several lines name it.
    func console(width: Int = 120, height: Int = 40) throws -> TestConsole {
        TestConsole(try PresenterTests.desk([("甲", 30), ("乙", 3)]), width: width, height: height, page: .board)
    }

    @Test func theSelectedLineStaysWhereItIsAsTheBoardTicks() throws {
        var console = try console()
        let board = console.state.board
        let lines = board.entries.indices.filter { board.entries[$0].call == CallID(number: 1) }
        #expect(lines.count >= 2, "\(board.entries.map(\.line.text))")
        while console.state.board.line != lines[1] { console.press(.down) }
        console.send(.tick(console.state.now.addingTimeInterval(1)))
        #expect(console.state.board.line == lines[1], "the second line about C-0001 stays selected")
        #expect(console.state.board.selected == CallID(number: 1))
    }
}
