import CallboardCore
@testable import CallboardTUI
import Foundation
import Testing

@Suite struct ConsoleViewTests {
    init() { DisplayText.adoptUTF8Locale() }

    func console(width: Int, height: Int, calls: [(String, Double)] = [("上海华东电气有限公司", 2), ("Acme", 13)]) throws -> TestConsole {
        TestConsole(try PresenterTests.desk(calls), width: width, height: height)
    }

    @Test(arguments: [(60, 12), (80, 24), (120, 40), (200, 60)])
    func everyLineFitsTheScreenExactly(width: Int, height: Int) throws {
        let frame = try console(width: width, height: height).frame
        #expect(frame.lines.count == height)
        for line in frame.lines {
            #expect(DisplayText.width(line.text) <= width, "'\(line.text)'")
        }
        #expect(frame.lines[0].text.contains("09:00:00"))
        if width >= 100 { #expect(frame.lines[0].text.contains("2026-11-23 09:00:00 +08:00")) }
        #expect(frame.lines[0].text.contains(width >= 80 ? "✗ breached 1" : "✗ 1"))
        #expect(frame.lines.last!.text.contains("q quit"))
    }

    @Test func theFirstCallIsSelectedAndDrawnHighlighted() throws {
        let frame = try console(width: 100, height: 30).frame
        let highlighted = frame.lines.filter(\.highlighted)
        #expect(highlighted.count == 1)
        #expect(highlighted[0].text.hasPrefix("C-0002")) // the breached one leads
    }

    @Test func aTinyScreenSaysSoInsteadOfDrawing() throws {
        let text = try console(width: 40, height: 12).screen
        #expect(text.contains("Terminal too small"))
        #expect(text.contains("40×12, need"))
        #expect(text.contains("60×12"))
    }

    @Test func anEmptyDeskSaysHowToLogACall() throws {
        #expect(try console(width: 100, height: 30, calls: []).screen.contains("No open calls"))
    }

    @Test func theSelectionStaysOnTheSameCallWhenTheQueueReorders() throws {
        var console = try console(width: 100, height: 30, calls: [("甲", 2), ("乙", 13), ("丙", 20)])
        let first = console.state.queue.selected
        console.press(.down)
        let second = console.state.queue.selected
        #expect(second != first)
        // Another desk changes: the order changes, the selection stays on its call.
        console.send(.tick(console.state.now.addingTimeInterval(60)))
        #expect(console.state.queue.selected == second)
    }

    @Test func scrollingKeepsTheSelectionInView() throws {
        var console = try console(width: 100, height: 24, calls: (1...50).map { ("客户\($0)", Double($0)) })
        let rows = console.state.layout.queueRows
        console.press(Array(repeating: Key.down, count: 25))
        let index = console.state.queue.order.firstIndex(of: console.state.queue.selected!)!
        #expect(index == 25)
        #expect(console.state.queue.scroll == 25 - rows + 1)
        console.press(.home)
        #expect(console.state.queue.scroll == 0 && console.state.queue.selected == console.state.queue.order[0])
    }

    @Test func theFooterComesFromTheKeyTableOfTheViewOnTop() throws {
        for binding in QueueView.table.hints(readOnly: false) {
            #expect(!binding.label.isEmpty && !UIStrings.english[binding.help].isEmpty)
        }
        #expect(QueueView.table.binding(for: .character("q"))?.act == .quit)
        #expect(QueueView.table.binding(for: .down)?.act == .down)
        #expect(QueueView.table.binding(for: .character("j"))?.act == .down)
        var console = try console(width: 120, height: 30)
        console.press(.character("n"))
        #expect(console.frame.lines.last!.text.contains("Enter save"), "the form's own keys: \(console.frame.lines.last!.text)")
    }

    /// At 80×24 the footer keeps b (the board) and q; help lists every key and scrolls to the end.
    @Test func atEightyByTwentyFourTheFooterKeepsTheBoardAndHelpScrollsToEveryKey() throws {
        var console = try console(width: 80, height: 24)
        let footer = console.frame.lines.last!.text
        #expect(footer.contains("b board") && footer.contains("q quit"), "\(footer)")
        console.press(.character("?"))
        var seen = console.screen
        #expect(seen.contains("more lines"), "help says there is more: \(seen)")
        console.press(.pageDown, .pageDown, .pageDown)
        seen += console.screen
        for expected in ["b ", "q ", "level:1", "Command line"] { #expect(seen.contains(expected), "\(expected)") }
        console.press(.escape)
        #expect(console.state.stack.isEmpty)
    }
}
