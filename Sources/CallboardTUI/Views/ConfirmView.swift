import CallboardCore

/// A question before something that cannot be taken back: what will be recorded, and what it
/// changes. Enter or y does it; Esc or n goes back to where it was asked from.
public struct ConfirmView: ConsoleView {
    public var title: String
    /// What yes would record and change, as decided when the question was asked: a preview.
    public var lines: [String]
    /// What yes records, decided again when yes is pressed (at that moment, against the desk as
    /// it is then); nil for a question that records nothing (throwing a typed form away).
    public var command: Command?
    /// What no goes back to, and where a refusal at yes is shown with what was typed (nil: the
    /// page).
    public var previous: Screen?

    public init(title: String, lines: [String], command: Command?, previous: Screen? = nil) {
        self.title = title
        self.lines = lines
        self.command = command
        self.previous = previous
    }

    public static let table = KeyTable([
        // Yes is the key that records.
        KeyBinding([.enter, .character("y"), .character("Y")], "Enter/y", .yes, .keyYes, changesDesk: true, essential: true),
        KeyBinding([.escape, .character("n"), .character("N")], "Esc/n", .no, .keyNo, essential: true),
    ])

    public func keys(_ state: ConsoleState) -> KeyTable { Self.table }

    public func title(_ state: ConsoleState, _ env: ConsoleEnvironment) -> String { title }

    public func draw(_ state: ConsoleState, _ env: ConsoleEnvironment, width: Int, height: Int) -> Drawing {
        let s = env.strings
        var out = lines.enumerated().map { Line([Span($0.element, $0.offset == 0 ? .title : .plain)]) }
        out.append(Line([]))
        out.append(Line([Span("Enter/y", .key), Span(" " + s[.keyYes] + "   "), Span("Esc/n", .key), Span(" " + s[.keyNo])]))
        return Drawing(out)
    }

    public static func handle(_ binding: KeyBinding, _ state: inout ConsoleState, _ env: ConsoleEnvironment) -> [ConsoleEffect] {
        guard let view = state.top(ConfirmView.self) else { return [] }
        state.close()
        switch binding.act {
        case .yes:
            guard let command = view.command else { return [] }
            return DeskActions.decide(command, asks: false, &state, env, returnTo: view.previous)
        default:
            if let previous = view.previous { state.open(previous) }
            return []
        }
    }
}
