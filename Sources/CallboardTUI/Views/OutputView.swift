import CallboardCore

/// Everything a `:` command printed, to read and scroll (a list, a report, a check), with its
/// exit status in the title.
public struct OutputView: ConsoleView {
    public var command: [String]
    public var status: Int32
    public var lines: [String]
    public var scroll = 0

    public init(command: [String], status: Int32, lines: [String]) {
        self.command = command
        self.status = status
        self.lines = lines
    }

    public static let table = KeyTable([
        KeyBinding([.up, .character("k")], "↑↓/jk", .up, .keyScroll),
        KeyBinding([.down, .character("j")], "", .down, .keyScroll),
        KeyBinding([.pageUp], "PgUp/PgDn", .pageUp, .keyPage),
        KeyBinding([.pageDown, .character(" ")], "", .pageDown, .keyPage),
        KeyBinding([.escape, .enter, .character("q")], "Esc", .dismiss, .keyDismiss, essential: true),
    ])

    public func keys(_ state: ConsoleState) -> KeyTable { Self.table }

    public func title(_ state: ConsoleState, _ env: ConsoleEnvironment) -> String {
        let command = ":" + command.joined(separator: " ")
        return status == 0 ? command : env.strings[.commandFailedTitle, ["command": command, "status": "\(status)"]]
    }

    public func draw(_ state: ConsoleState, _ env: ConsoleEnvironment, width: Int, height: Int) -> Drawing {
        let room = max(1, height - 2)
        let first = min(scroll, max(0, lines.count - room))
        var shown = lines.dropFirst(first).prefix(room).map { Line([Span($0, status == 0 ? .plain : .alert)]) }
        if first + room < lines.count, !shown.isEmpty {
            shown[shown.count - 1] = Line([Span(env.strings[.moreBelowKeys, ["count": "\(lines.count - first - room + 1)"]], .muted)])
        }
        return Drawing(shown)
    }

    public static func handle(_ binding: KeyBinding, _ state: inout ConsoleState, _ env: ConsoleEnvironment) -> [ConsoleEffect] {
        guard let view = state.top(OutputView.self) else { return [] }
        let room = max(1, state.layout.bodyRows - 2 - 1)
        func scroll(_ to: Int) { state.updateTop(OutputView.self) { $0.scroll = max(0, min(to, max(0, view.lines.count - room))) } }
        switch binding.act {
        case .up: scroll(view.scroll - 1)
        case .down: scroll(view.scroll + 1)
        case .pageUp: scroll(view.scroll - room)
        case .pageDown: scroll(view.scroll + room)
        default: state.close()
        }
        return []
    }
}
