import CallboardCore

/// What fixed a call, asked when it is marked fixed (`f`): the cause from the desk's list, then
/// the fix in words and the parts used, each optional.
public struct ResolvePrompt: Equatable, Sendable {
    public enum Step: Equatable, Sendable { case cause, fix, parts }

    public var call: CallID
    /// The causes offered, in the policy's order.
    public var causes: [String]
    public var selection = 0
    public var fix = TextField()
    public var parts = TextField()
    public var step: Step = .cause

    public init(call: CallID, causes: [String]) {
        self.call = call
        self.causes = causes
    }

    public mutating func move(by delta: Int) {
        guard !causes.isEmpty else { return }
        selection = max(0, min(causes.count - 1, selection + delta))
    }

    public var command: Command {
        let cause = causes.indices.contains(selection) ? causes[selection] : nil
        return .resolve(call, ResolutionDraft(cause: cause, fix: fix.text, parts: parts.text))
    }
}

/// The panel: ↑↓ choose the cause and Enter takes it; then the fix and the parts, Enter going
/// on (blank: not said) and Esc skipping the field; the last Enter asks before recording.
public struct ResolveView: ConsoleView {
    public var prompt: ResolvePrompt
    public var error: String?

    public init(_ prompt: ResolvePrompt) { self.prompt = prompt }

    public static let causeTable = KeyTable([
        KeyBinding([.up, .character("k")], "↑↓", .up, .keySelectCause, footer: true),
        KeyBinding([.down, .character("j")], "", .down, .keySelectCause),
        KeyBinding([.enter], "Enter", .choose, .keyNextField, essential: true),
        KeyBinding([.escape, .character("q")], "Esc", .dismiss, .keyCancel, essential: true),
    ])
    public static let textTable = KeyTable([
        KeyBinding([.enter], "Enter", .save, .keyNextField, changesDesk: true, essential: true),
        KeyBinding([.escape], "Esc", .dismiss, .keySkipField, essential: true),
        KeyBinding([.backTab, .up], "⇧Tab", .previousField, .keyPreviousField, footer: true),
    ])

    public func keys(_ state: ConsoleState) -> KeyTable { prompt.step == .cause ? Self.causeTable : Self.textTable }

    public func title(_ state: ConsoleState, _ env: ConsoleEnvironment) -> String {
        env.strings[.resolveTitle, ["call": prompt.call.description]]
    }

    public func draw(_ state: ConsoleState, _ env: ConsoleEnvironment, width: Int, height: Int) -> Drawing {
        let s = env.strings
        var lines: [Line] = []
        var cursor: (line: Int, column: Int)?
        if let call = state.desk.calls[prompt.call] {
            lines.append(Line([Span(call.intake.customer + "  ", .title), Span(call.intake.summary, .muted)]))
        }
        if let error { lines.append(Line([Span("✗ " + error, .alert)])) }
        let policy = env.policy ?? state.desk.currentPolicy
        lines.append(Line([Span(s[.fieldCause], prompt.step == .cause ? .key : .plain)]))
        for (index, code) in prompt.causes.enumerated() {
            let chosen = index == prompt.selection
            if chosen, prompt.step == .cause { cursor = (lines.count, 0) }
            lines.append(Line([Span(chosen ? "▸ " : "  ", .key),
                               Span(ResolutionText.cause(code, policy: policy, strings: s), chosen ? .title : .muted)],
                              highlighted: chosen && prompt.step == .cause))
        }
        let inputWidth = max(8, width - 4 - Panel.labelWidth - 2)
        func input(_ label: ConsoleText, _ field: TextField, step: ResolvePrompt.Step) {
            let focused = prompt.step == step
            let (line, column) = Panel.input(s[label], field, focused: focused, inputWidth: inputWidth)
            if focused { cursor = (lines.count, column) }
            lines.append(line)
        }
        input(.fieldFix, prompt.fix, step: .fix)
        input(.fieldParts, prompt.parts, step: .parts)
        lines.append(Line([Span(s[.partsHint], .muted)]))
        return Drawing(lines, cursor: cursor)
    }

    public static func handle(_ binding: KeyBinding, _ state: inout ConsoleState, _ env: ConsoleEnvironment) -> [ConsoleEffect] {
        guard var view = state.top(ResolveView.self) else { return [] }
        switch (view.prompt.step, binding.act) {
        case (.cause, .up): state.updateTop(ResolveView.self) { $0.prompt.move(by: -1) }
        case (.cause, .down): state.updateTop(ResolveView.self) { $0.prompt.move(by: 1) }
        case (.cause, .choose): state.updateTop(ResolveView.self) { $0.prompt.step = .fix; $0.error = nil }
        case (.fix, .save): state.updateTop(ResolveView.self) { $0.prompt.step = .parts; $0.error = nil }
        case (.fix, .dismiss):
            state.updateTop(ResolveView.self) { $0.prompt.fix = TextField(); $0.prompt.step = .parts }
        case (.fix, .previousField): state.updateTop(ResolveView.self) { $0.prompt.step = .cause }
        case (.parts, .previousField): state.updateTop(ResolveView.self) { $0.prompt.step = .fix }
        case (.parts, .save), (.parts, .dismiss):
            if binding.act == .dismiss { view.prompt.parts = TextField() }
            view.error = nil
            state.close()
            // The question says what will be recorded: the cause, the fix, the parts.
            return DeskActions.decide(view.prompt.command, asks: true, &state, env, returnTo: .resolve(view))
        default: state.close()
        }
        return []
    }

    public static func type(_ key: Key, _ state: inout ConsoleState, _ env: ConsoleEnvironment) -> [ConsoleEffect] {
        state.updateTop(ResolveView.self) { view in
            view.error = nil
            switch view.prompt.step {
            case .cause: break
            case .fix: view.prompt.fix.handle(key)
            case .parts: view.prompt.parts.handle(key)
            }
        }
        return []
    }
}
