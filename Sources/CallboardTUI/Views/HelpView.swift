import CallboardCore

/// Help: every key of the view it was opened over, from that view's key table (what a
/// read-only console refuses is left out), then how the filter and the command line read and
/// what the symbols mean. It scrolls on a short screen; any other key closes it.
public struct HelpView: ConsoleView {
    /// The view whose keys it lists.
    public var of: Screen
    public var scroll = 0

    public init(of screen: Screen) { of = screen }

    public static let table = KeyTable([
        KeyBinding([.up, .character("k")], "↑↓/jk", .up, .keyScroll),
        KeyBinding([.down, .character("j")], "", .down, .keyScroll),
        KeyBinding([.pageUp], "PgUp/PgDn", .pageUp, .keyPage),
        KeyBinding([.pageDown, .character(" ")], "", .pageDown, .keyPage),
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
        let all = content(state, env)
        let room = max(1, height - 2)
        let first = min(scroll, max(0, all.count - room))
        var shown = Array(all.dropFirst(first).prefix(room))
        // Say there is more, on the last line shown, rather than cutting it off silently.
        if first + room < all.count, !shown.isEmpty {
            shown[shown.count - 1] = Line([Span(env.strings[.moreBelowKeys, ["count": "\(all.count - first - room + 1)"]], .muted)])
        }
        return Drawing(shown)
    }

    public static func handle(_ binding: KeyBinding, _ state: inout ConsoleState, _ env: ConsoleEnvironment) -> [ConsoleEffect] {
        guard let view = state.top(HelpView.self) else { return [] }
        let room = max(1, state.layout.bodyRows - 2 - 1)
        let total = view.content(state, env).count
        func scroll(_ to: Int) { state.updateTop(HelpView.self) { $0.scroll = max(0, min(to, max(0, total - room))) } }
        switch binding.act {
        case .up: scroll(view.scroll - 1)
        case .down: scroll(view.scroll + 1)
        case .pageUp: scroll(view.scroll - room)
        case .pageDown: scroll(view.scroll + room)
        default: state.close()
        }
        return []
    }

    /// Any other key closes help, as it always has.
    public static func type(_ key: Key, _ state: inout ConsoleState, _ env: ConsoleEnvironment) -> [ConsoleEffect] {
        state.close()
        return []
    }
}
