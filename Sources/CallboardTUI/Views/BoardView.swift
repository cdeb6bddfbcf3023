import CallboardCore
import Foundation

/// The supervisor board as a page: timers breached and about to breach, offers waiting,
/// escalations waiting for someone to take charge, load and what is owed. Lines about a call
/// can be selected: Enter opens the call in full, and the board's own keys take charge of its
/// escalations, record a response or assign it, for the selected call.
public struct BoardView: ConsoleView {
    /// The call of the selected line, kept so the selection stays on it as the board changes.
    public var selected: CallID?
    /// The selected line among the board's lines.
    public var line = 0
    /// The first line shown.
    public var scroll = 0
    /// The board as last laid out (the lines about a call are the ones that can be selected).
    var entries: [BoardPresenter.Entry] = []

    public init() {}

    public static func == (a: BoardView, b: BoardView) -> Bool { a.selected == b.selected && a.line == b.line && a.scroll == b.scroll }

    public var isPanel: Bool { false }
    public var callInView: CallID? { selected }

    public static let table = CommonKeys.selectingLines + KeyTable([
        KeyBinding([.enter], "Enter", .open, .keyDetail, footer: true, rank: 7),
        KeyBinding([.character("A")], "A", .acknowledge, .keyAcknowledge, changesDesk: true, asksFirst: true, footer: true, rank: 8),
        KeyBinding([.character("r")], "r", .respond, .keyRespond, changesDesk: true, asksFirst: true, footer: true, rank: 6),
        KeyBinding([.character("a")], "a", .assign, .keyAssign, changesDesk: true, footer: true, rank: 5),
        KeyBinding([.character("b"), .escape], "b", .board, .keyQueue, footer: true, rank: 9),
        KeyBinding([.character("R")], "R", .report, .keyReport, footer: true, rank: 2),
        KeyBinding([.character("V")], "V", .visits, .keyVisits, footer: true, rank: 1),
    ]) + CommonKeys.always + KeyTable([
        KeyBinding([.character("q")], "q", .quit, .keyQuit, essential: true),
    ])

    public func keys(_ state: ConsoleState) -> KeyTable { Self.table }

    public func title(_ state: ConsoleState, _ env: ConsoleEnvironment) -> String { "" }

    /// The lines that can be selected (those about a call; a wrapped line by its first).
    var selectable: [Int] { entries.indices.filter { entries[$0].call != nil && !entries[$0].continuation } }

    mutating func refresh(_ state: ConsoleState, _ env: ConsoleEnvironment) {
        // The board names the keys that act here; a wall display's refuse, so it names none.
        let keys = KeyTable(Self.table.bindings.filter { !(state.readOnly && $0.changesDesk) })
        entries = BoardPresenter.entries(state.desk, now: state.now, zone: env.zone, timekeeper: env.timekeeper, width: state.width,
                                         strings: env.strings, actions: .keys(keys))
        let lines = selectable
        if let selected, selectable.contains(line), entries[line].call == selected {
            // Still about the same call: the line stays (a call can have several lines).
        } else if let selected, let kept = lines.first(where: { entries[$0].call == selected }) {
            line = kept
        } else if let near = lines.first(where: { $0 >= line }) ?? lines.last {
            line = near
        }
        selected = entries.indices.contains(line) ? entries[line].call : nil
        keepInView(rows: state.layout.bodyRows)
    }

    mutating func keepInView(rows: Int) {
        if line < scroll { scroll = line }
        if rows > 0, line >= scroll + rows { scroll = line - rows + 1 }
        scroll = max(0, min(scroll, max(0, entries.count - rows)))
    }

    /// Moves the selection `steps` selectable lines on (back when negative).
    mutating func move(by steps: Int) {
        let lines = selectable
        guard !lines.isEmpty else { return }
        let at = lines.firstIndex(of: line) ?? 0
        line = lines[max(0, min(lines.count - 1, at + steps))]
        selected = entries[line].call
    }

    public static func handle(_ binding: KeyBinding, _ state: inout ConsoleState, _ env: ConsoleEnvironment) -> [ConsoleEffect] {
        if let step = binding.act.step(page: max(1, state.layout.bodyRows - 1), count: state.board.entries.count) {
            state.board.move(by: step)
            state.board.keepInView(rows: state.layout.bodyRows)
            return []
        }
        switch binding.act {
        case .open:
            guard let id = state.board.selected else {
                state.say(env.strings[.noCallSelected], error: true)
                return []
            }
            state.open(.call(CallView(call: id)))
        case .board:
            state.page = .queue
            ConsoleReducer.refresh(&state, env)
        case .report: return ReportView.open(&state, env)
        case .visits: state.open(.visits(VisitsView()))
        case .commandLine: state.open(.line(LineInput(.command)))
        case .help: state.open(.help(HelpView(of: .board)))
        case .redraw: return [.repaint]
        case .quit: return [.quit(nil)]
        default: return DeskActions.perform(binding, on: state.board.selected, &state, env)
        }
        state.board.keepInView(rows: state.layout.bodyRows)
        return []
    }

    public func draw(_ state: ConsoleState, _ env: ConsoleEnvironment, width: Int, height: Int) -> Drawing {
        let shown = entries.indices.dropFirst(scroll).prefix(height)
        // The selected line with the rest of it, when it was wrapped.
        let selectedLines = entries.indices.contains(line) && entries[line].call != nil
            ? line..<(entries[(line + 1)...].firstIndex { !$0.continuation } ?? entries.count) : line..<line
        return Drawing(shown.map { index in
            var line = entries[index].line
            line.highlighted = selectedLines.contains(index)
            return line
        })
    }
}
