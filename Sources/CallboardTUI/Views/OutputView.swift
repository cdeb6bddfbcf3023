import CallboardCore

/// Everything a `:` command printed, to read and scroll (a list, a report, a check), with its
/// exit status in the title.
public struct OutputView: ConsoleView {
    public var command: [String]
    public var status: Int32
    public let lines: [String]
    /// The widest line's display width: how far it scrolls sideways.
    let widest: Int
    public var scroll = 0
    /// How many display columns the lines are scrolled sideways (a table wider than the screen).
    public var column = 0

    public init(command: [String], status: Int32, lines: [String]) {
        self.command = command
        self.status = status
        self.lines = lines
        widest = lines.map { DisplayText.width(DisplayText.sanitized($0)) }.max() ?? 0
    }

    public static let table = CommonKeys.scrolling + KeyTable([
        KeyBinding([.left, .character("h")], "←→", .leftward, .keyScrollSideways, footer: true, rank: 4),
        KeyBinding([.right, .character("l")], "", .rightward, .keyScrollSideways),
        KeyBinding([.escape, .enter, .character("q")], "Esc", .dismiss, .keyDismiss, essential: true),
    ])

    /// How far one ← or → moves.
    static let sideways = 8

    public func keys(_ state: ConsoleState) -> KeyTable { Self.table }

    public func title(_ state: ConsoleState, _ env: ConsoleEnvironment) -> String {
        let command = ":" + command.joined(separator: " ")
        return status == 0 ? command : env.strings[.commandFailedTitle, ["command": command, "status": "\(status)"]]
    }

    public func draw(_ state: ConsoleState, _ env: ConsoleEnvironment, width: Int, height: Int) -> Drawing {
        let role: Role = status == 0 ? .plain : .alert
        // Only the lines in the window are made (a command may print thousands).
        let shown = lines.lazy.map { [column] line in Line([Span(column == 0 ? line : DisplayText.dropColumns(DisplayText.sanitized(line), column), role)]) }
        return Drawing(Scrolling.window(shown, first: scroll, room: Scrolling.panelRoom(bodyRows: height), strings: env.strings))
    }

    public static func handle(_ binding: KeyBinding, _ state: inout ConsoleState, _ env: ConsoleEnvironment) -> [ConsoleEffect] {
        guard let view = state.top(OutputView.self) else { return [] }
        if binding.act == .leftward || binding.act == .rightward {
            // As far as the widest line's end shows at the right edge, and no further.
            let furthest = max(0, view.widest - (state.width - 4))
            let moved = view.column + (binding.act == .rightward ? sideways : -sideways)
            state.updateTop(OutputView.self) { $0.column = max(0, min(furthest, moved)) }
            return []
        }
        let room = Scrolling.panelRoom(bodyRows: state.layout.bodyRows)
        guard let step = binding.act.step(page: Scrolling.page(room: room), count: view.lines.count) else {
            state.close()
            return []
        }
        state.updateTop(OutputView.self) { $0.scroll = Scrolling.scrolled($0.scroll, by: step, total: view.lines.count, room: room) }
        return []
    }
}
