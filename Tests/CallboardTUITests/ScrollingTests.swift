import CallboardCore
@testable import CallboardTUI
import Foundation
import Testing

/// Help and a command's output scroll the way the call in full does: the same keys, and the
/// lines the keys move through are the lines drawn.
@Suite struct ScrollingTests {
    init() { DisplayText.adoptUTF8Locale() }

    func console(width: Int = 80, height: Int = 16) throws -> TestConsole {
        TestConsole(try PresenterTests.desk([("甲", 2)]), width: width, height: height)
    }

    func output(_ console: inout TestConsole, lines: Int = 60) {
        console.send(.ranCommandLine(["journal", "export"], status: 0, output: (1...lines).map { "line \($0)" }.joined(separator: "\n")))
    }

    @Test(arguments: ["help", "output"])
    func theEndAndBackUpOneLineMovesAtOnce(panel: String) throws {
        var console = try console()
        if panel == "help" { console.press(.character("?")) } else { output(&console) }
        for _ in 0..<30 { console.press(.pageDown) }
        let bottom = console.screen
        #expect(!bottom.contains("more lines"), "the bottom:\n\(bottom)")
        console.press(.up)
        #expect(console.screen != bottom, "one line up shows one line more above:\n\(console.screen)")
    }

    /// A table wider than the screen (`:list` of a wide desk) scrolls sideways with ← →, as a
    /// pager does, rather than losing its right-hand columns; Chinese is never cut in half.
    @Test func aWideOutputScrollsSideways() throws {
        var console = try console(width: 60, height: 16)
        let wide = (1...5).map { "row\($0) " + String(repeating: "甲乙", count: 20) + " END\($0)" }
        console.send(.ranCommandLine(["list"], status: 0, output: wide.joined(separator: "\n")))
        #expect(console.screen.contains("row1") && !console.screen.contains("END1"), "\(console.screen)")
        for _ in 0..<12 { console.press(.right) }
        #expect(console.screen.contains("END1") && !console.screen.contains("row1"), "\(console.screen)")
        #expect(!console.screen.contains("\u{FFFD}"))
        for _ in 0..<12 { console.press(.left) }
        #expect(console.screen.contains("row1"), "back to the start:\n\(console.screen)")
        #expect(console.state.top(OutputView.self) != nil, "the arrows do not close it")
    }

    @Test func aPageDownGoesOnFromTheLineThatWasUnderMoreLines() throws {
        var console = try console()
        output(&console)
        let before = console.screen.split(separator: "\n").map(String.init)
        // The panel's frame is on line 1, its first line of text on line 2, "more lines" last.
        let more = try #require(before.lastIndex { $0.contains("more lines") })
        console.press(.pageDown)
        let after = console.screen.split(separator: "\n").map(String.init)
        #expect(after[2].contains("line \(more - 1) "), "no line skipped, none repeated:\n\(after.joined(separator: "\n"))")
    }

    @Test(arguments: ["help", "output"])
    func gAndGGoToTheTopAndTheBottomAndKeepThePanelOpen(panel: String) throws {
        var console = try console()
        if panel == "help" { console.press(.character("?")) } else { output(&console) }
        let top = console.screen
        for key in [Key.character("G"), .end] {
            console.press(key)
            #expect(!console.state.stack.isEmpty, "\(key) keeps the panel open")
            #expect(!console.screen.contains("more lines"), "\(key) goes to the bottom:\n\(console.screen)")
            console.press(key == .end ? .home : .character("g"))
            #expect(console.screen == top)
        }
    }

    @Test func everyScrollingViewTakesTheSameMovingKeys() {
        let moving: [Key] = [.up, .down, .character("k"), .character("j"), .pageUp, .pageDown, .character(" "), .home, .end,
                             .character("g"), .character("G")]
        for (name, table) in [("call", CallView.table), ("board", BoardView.table), ("help", HelpView.table), ("output", OutputView.table)] {
            for key in moving {
                let act = table.binding(for: key)?.act
                #expect(act.map { $0.step(page: 1, count: 1) != nil } == true, "\(name): \(key) moves")
            }
        }
    }
}
