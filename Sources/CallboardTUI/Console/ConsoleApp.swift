import CallboardCore
import CallboardStore
import Foundation

/// The console's run loop, htop-style: take in what others appended to the journal, read the
/// clock, redraw when something visible changed (at least every second for the countdowns),
/// then sleep until a key, a change to the journal (inotify) or the next second.
public final class ConsoleApp {
    /// Without inotify the loop looks at the journal this often, keeping changes from
    /// elsewhere well within a second of appearing.
    public static let fallbackPollMilliseconds = 200

    private let desk: JournalDesk
    private let watch: JournalWatch
    private let clock: any DeskClock
    private let zone: TimeZone
    private var timekeeper = Timekeeper()
    /// A notice about the journal stays until the journal reads again, or until this time.
    private var noticeShownUntil: Date?
    private var model = ConsoleModel()
    private var order: [CallID] = []
    private var layout = ConsoleLayout(width: 0, height: 0, technicians: 0)

    public init(desk: JournalDesk, clock: any DeskClock, zone: TimeZone) {
        self.desk = desk
        self.clock = clock
        self.zone = zone
        watch = JournalWatch(journalPath: desk.journal.path)
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
            watch.drain()
            if followJournal() { dirty = true }
            let now = clock.now()
            if dirty || now != drawnAt {
                draw(on: terminal, now: now)
                drawnAt = now
                dirty = false
            }
            guard let key = terminal.readKey(timeout: 0) else {
                wait(until: now)
                continue
            }
            dirty = true
            guard let action = Keymap.action(for: key) else { continue }
            if action == .quit { return nil }
            if action == .redraw { terminal.repaintAll() }
            perform(action)
        }
    }

    /// Takes in what others appended; true if the screen should change. A journal compacted
    /// or repaired under the console is read afresh; other trouble is shown, and retried.
    private func followJournal() -> Bool {
        var changed = false
        do {
            changed = try desk.refresh(wait: false) > 0
        } catch where error.kind == .superseded {
            do {
                try desk.reload()
                timekeeper = Timekeeper() // its schedules are kept by position in the old desk
                model.notice = "The journal was compacted or repaired elsewhere and has been read again."
                noticeShownUntil = clock.now().addingTimeInterval(10)
                return true
            } catch {
                model.notice = "Journal: \(error)"
                noticeShownUntil = nil
                return true
            }
        } catch {
            model.notice = "Journal: \(error)"
            noticeShownUntil = nil
            return true
        }
        if model.notice != nil, noticeShownUntil.map({ clock.now() >= $0 }) ?? true {
            model.notice = nil
            changed = true
        }
        return changed
    }

    /// Sleeps until a key arrives, the journal's folder changes, a signal comes, or the clock
    /// reaches the next whole second (the countdowns tick then) — no busy polling.
    private func wait(until drawn: Date) {
        let untilNextSecond = Int((1 - (clock.now().timeIntervalSince1970 - drawn.timeIntervalSince1970.rounded(.down))) * 1000) + 1
        let timeout = watch.descriptor == nil ? min(Self.fallbackPollMilliseconds, untilNextSecond) : untilNextSecond
        var fds = [pollfd(fd: 0, events: Int16(POLLIN), revents: 0)]
        if let descriptor = watch.descriptor { fds.append(pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)) }
        _ = poll(&fds, nfds_t(fds.count), Int32(max(1, min(timeout, 1000))))
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
