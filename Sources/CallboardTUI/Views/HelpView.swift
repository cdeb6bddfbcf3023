import CallboardCore

/// Help: every key of the view it was opened over, from that view's key table (what a
/// read-only console refuses is left out), then how the filter and the command line read and
/// what the symbols mean. It scrolls on a short screen; any other key closes it.
public struct HelpView: ConsoleView {
    /// The view whose keys it lists.
    public var of: Screen
    public var scroll = 0

    public init(of screen: Screen) { of = screen }

    public static let table = CommonKeys.scrolling + KeyTable([
        KeyBinding([.escape, .character("q"), .character("?"), .enter], "Esc", .dismiss, .keyDismiss, essential: true),
    ])

    public func keys(_ state: ConsoleState) -> KeyTable { Self.table }

    public func title(_ state: ConsoleState, _ env: ConsoleEnvironment) -> String { env.strings[.helpTitle] }

    func content(_ state: ConsoleState, _ env: ConsoleEnvironment) -> [Line] {
        let s = env.strings
        var lines: [Line] = []
        var seen = Set<String>()
        for binding in of.view(in: state).keys(state).helpLines(readOnly: state.readOnly) where seen.insert(binding.label).inserted {
            let asks = binding.asksFirst ? " " + s[.asksFirstMark] : ""
            lines.append(Line([Span(DisplayText.fit(binding.label, 12), .key), Span(s[binding.help] + asks)]))
        }
        lines.append(Line([]))
        if of == .queue {
            lines.append(Line([Span(s[.helpFilter], .muted)]))
        }
        lines.append(Line([Span(s[.helpCommand], .muted)]))
        lines.append(Line([Span("✓ " + s(.met) + "  ▲ " + s(.warning) + "  ✗ " + s(.breached) + "  ‖ " + s(.paused), .muted)]))
        lines.append(Line([Span(s[.helpAsks], .muted)]))
        if state.readOnly { lines.append(Line([Span(s[.readOnly], .muted)])) }
        return lines
    }

    public func draw(_ state: ConsoleState, _ env: ConsoleEnvironment, width: Int, height: Int) -> Drawing {
        Drawing(Scrolling.window(content(state, env), first: scroll, room: Scrolling.panelRoom(bodyRows: height), strings: env.strings))
    }

    public static func handle(_ binding: KeyBinding, _ state: inout ConsoleState, _ env: ConsoleEnvironment) -> [ConsoleEffect] {
        guard let view = state.top(HelpView.self) else { return [] }
        let room = Scrolling.panelRoom(bodyRows: state.layout.bodyRows)
        let total = view.content(state, env).count
        guard let step = binding.act.step(page: Scrolling.page(room: room), count: total) else {
            state.close()
            return []
        }
        state.updateTop(HelpView.self) { $0.scroll = Scrolling.scrolled($0.scroll, by: step, total: total, room: room) }
        return []
    }

    /// Any other key closes help, as it always has; a paste is not a key.
    public static func type(_ key: Key, _ state: inout ConsoleState, _ env: ConsoleEnvironment) -> [ConsoleEffect] {
        if case .paste = key { return [] }
        state.close()
        return []
    }
}
