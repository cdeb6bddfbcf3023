import CallboardCore
import CallboardStore
import Foundation

/// The console's run loop, htop-style: take in what others appended to the journal, read the
/// clock, redraw when something visible changed (at least every second for the countdowns),
/// wait briefly for a key, dispatch it through the keymap.
public final class ConsoleApp {
    /// How long the loop waits for a key before looking at the journal and the clock again.
    /// Five looks a second keep changes from elsewhere well within a second of appearing.
    public static let pollMilliseconds = 200

    private let desk: JournalDesk
    private let clock: any DeskClock
    private let zone: TimeZone
    private let timekeeper = Timekeeper()
    private var model = ConsoleModel()
    private var order: [CallID] = []
    private var layout = ConsoleLayout(width: 0, height: 0, technicians: 0)

    public init(desk: JournalDesk, clock: any DeskClock, zone: TimeZone) {
        self.desk = desk
        self.clock = clock
        self.zone = zone
    }

    /// Runs until `q` or a stop signal; returns the signal number if a signal ended it. The
    /// terminal is restored either way.
    public func run(useColor: Bool, terminalType: String) throws -> Int32? {
        Terminal.catchStopSignals()
        let terminal = try Terminal(useColor: useColor, terminalType: terminalType)
        defer { terminal.stop() }
        var dirty = true
        var drawnAt: Date?
        while true {
            if let signal = Terminal.takeStopSignal() { return signal }
            do {
                if try desk.refresh(wait: false) > 0 { dirty = true }
                if model.notice != nil {
                    model.notice = nil
                    dirty = true
                }
            } catch {
                model.notice = "Journal: \(error)"
                dirty = true
            }
            let now = clock.now()
            if dirty || now != drawnAt {
                draw(on: terminal, now: now)
                drawnAt = now
                dirty = false
            }
            guard let key = terminal.readKey(timeout: Self.pollMilliseconds) else { continue }
            dirty = true
            guard let action = Keymap.action(for: key) else { continue }
            if action == .quit { return nil }
            if action == .redraw { terminal.repaintAll() }
            perform(action)
        }
    }

    private func draw(on terminal: Terminal, now: Date) {
        let size = terminal.size
        layout = ConsoleLayout(width: size.width, height: size.height, technicians: desk.state.technicians.count)
        let snapshot = ConsoleSnapshot(state: desk.state, now: now, zone: zone, timekeeper: timekeeper)
        let newOrder = snapshot.order()
        model.reconcile(order: newOrder, visibleRows: layout.queueRows, previousOrder: order)
        order = newOrder
        terminal.draw(ConsoleView.render(snapshot, queue: newOrder, model: model, layout: layout))
    }

    private func perform(_ action: ConsoleAction) {
        let page = max(1, layout.queueRows - 1)
        switch action {
        case .quit, .redraw: break
        case .moveUp: model.move(by: -1, order: order)
        case .moveDown: model.move(by: 1, order: order)
        case .pageUp: model.move(by: -page, order: order)
        case .pageDown: model.move(by: page, order: order)
        case .first: model.move(by: -order.count, order: order)
        case .last: model.move(by: order.count, order: order)
        }
        model.reconcile(order: order, visibleRows: layout.queueRows)
    }
}
