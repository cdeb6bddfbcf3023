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

    public static let table = CommonKeys.scrolling + KeyTable([
        KeyBinding([.escape, .enter, .character("q")], "Esc", .dismiss, .keyDismiss, essential: true),
    ])

    public func keys(_ state: ConsoleState) -> KeyTable { Self.table }

    public func title(_ state: ConsoleState, _ env: ConsoleEnvironment) -> String {
        let command = ":" + command.joined(separator: " ")
        return status == 0 ? command : env.strings[.commandFailedTitle, ["command": command, "status": "\(status)"]]
    }

    public func draw(_ state: ConsoleState, _ env: ConsoleEnvironment, width: Int, height: Int) -> Drawing {
        let role: Role = status == 0 ? .plain : .alert
        return Drawing(Scrolling.window(lines.map { Line([Span($0, role)]) }, first: scroll, room: Scrolling.panelRoom(bodyRows: height),
                                        strings: env.strings))
    }

    public static func handle(_ binding: KeyBinding, _ state: inout ConsoleState, _ env: ConsoleEnvironment) -> [ConsoleEffect] {
        guard let view = state.top(OutputView.self) else { return [] }
        let room = Scrolling.panelRoom(bodyRows: state.layout.bodyRows)
        guard let step = binding.act.step(page: Scrolling.page(room: room), count: view.lines.count) else {
            state.close()
            return []
        }
        state.updateTop(OutputView.self) { $0.scroll = Scrolling.scrolled($0.scroll, by: step, total: view.lines.count, room: room) }
        return []
    }
}
