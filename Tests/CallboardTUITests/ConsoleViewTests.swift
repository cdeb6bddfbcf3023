import CallboardCore
import CallboardTUI
import Foundation
import Testing

@Suite struct ConsoleViewTests {
    init() { DisplayText.adoptUTF8Locale() }

    func frame(width: Int, height: Int, calls: [(String, Double)] = [("上海华东电气有限公司", 2), ("Acme", 13)], model: ConsoleModel = ConsoleModel()) throws -> Frame {
        let state = try PresenterTests.desk(calls)
        let snapshot = ConsoleSnapshot(state: state, now: PresenterTests.now, zone: PresenterTests.zone, timekeeper: Timekeeper())
        var model = model
        let layout = ConsoleLayout(width: width, height: height, technicians: state.technicians.count)
        let queue = snapshot.order()
        model.reconcile(order: queue, visibleRows: layout.queueRows)
        return ConsoleView.render(snapshot, queue: queue, model: model, layout: layout)
    }

    @Test(arguments: [(60, 12), (80, 24), (120, 40), (200, 60)])
    func everyLineFitsTheScreenExactly(width: Int, height: Int) throws {
        let frame = try frame(width: width, height: height)
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
        let frame = try frame(width: 100, height: 30)
        let highlighted = frame.lines.filter(\.highlighted)
        #expect(highlighted.count == 1)
        #expect(highlighted[0].text.hasPrefix("C-0002")) // the breached one leads
    }

    @Test func aTinyScreenSaysSoInsteadOfDrawing() throws {
        let frame = try frame(width: 40, height: 12)
        #expect(frame.text.contains("Terminal too small"))
        #expect(frame.text.contains("40×12, need"))
        #expect(frame.text.contains("60×12"))
    }

    @Test func anEmptyDeskSaysHowToLogACall() throws {
        let frame = try frame(width: 100, height: 30, calls: [])
        #expect(frame.text.contains("No open calls"))
    }

    @Test func theSelectionStaysOnTheSameCallWhenTheQueueReorders() {
        var model = ConsoleModel()
        let a = CallID(number: 1), b = CallID(number: 2), c = CallID(number: 3)
        model.reconcile(order: [a, b, c], visibleRows: 10)
        model.move(by: 1, order: [a, b, c])
        #expect(model.selected == b)
        model.reconcile(order: [b, c, a], visibleRows: 10, previousOrder: [a, b, c])
        #expect(model.selected == b)
        // When the selected call leaves the queue, the selection takes its place.
        model.reconcile(order: [a, c], visibleRows: 10, previousOrder: [b, c, a])
        #expect(model.selected == a)
    }

    @Test func scrollingKeepsTheSelectionInView() {
        var model = ConsoleModel()
        let order = (1...50).map { CallID(number: $0) }
        model.reconcile(order: order, visibleRows: 10)
        model.move(by: 25, order: order)
        model.reconcile(order: order, visibleRows: 10)
        #expect(model.scroll == 16)
        model.move(by: -100, order: order)
        model.reconcile(order: order, visibleRows: 10)
        #expect(model.scroll == 0)
        #expect(model.selected == order[0])
    }

    @Test func theFooterIsGeneratedFromTheKeymap() {
        for hint in Keymap.footer() {
            #expect(!hint.key.isEmpty && !UIStrings.english[hint.help].isEmpty)
        }
        #expect(Keymap.action(for: .character("q")) == .quit)
        #expect(Keymap.action(for: .down) == .moveDown)
        #expect(Keymap.action(for: .character("j")) == .moveDown)
    }
}
