import CallboardCore

/// Asking for the words an action needs: a reason to pause or to cancel, a note, a new level
/// and its reason.
public struct ReasonPrompt: Equatable, Sendable {
    public enum Purpose: Equatable, Sendable { case pause, note, relevel, cancel, followUp }

    public var purpose: Purpose
    public var call: CallID
    /// The new level (relevel), or the score (followUp: 1-5, or u for a call that did not reach them).
    public var level = TextField()
    public var reason = TextField()
    /// Which input has the cursor: 0 the level (relevel only), 1 the reason.
    public var focus: Int

    public init(purpose: Purpose, call: CallID) {
        self.purpose = purpose
        self.call = call
        focus = purpose.hasTwoInputs ? 0 : 1
    }

    public mutating func edit(_ key: Key) {
        if focus == 0 { level.handle(key) } else { reason.handle(key) }
    }

    public mutating func switchInput() { if purpose.hasTwoInputs { focus = 1 - focus } }

    public var command: Command {
        let text = reason.text.trimmingCharacters(in: .whitespaces)
        switch purpose {
        case .pause: return .pause(call, reason: text)
        case .note: return .note(call, text)
        case .relevel: return .relevel(call, level: level.text.trimmingCharacters(in: .whitespaces), reason: text)
        case .cancel: return .cancel(call, reason: text)
        case .followUp:
            let score = level.text.trimmingCharacters(in: .whitespaces)
            if score.isEmpty || score.lowercased() == "u" { return .followUp(call, score: nil, comment: text.isEmpty ? nil : text) }
            // Not a number: 0, which the desk refuses saying what a score is.
            return .followUp(call, score: Int(score) ?? 0, comment: text.isEmpty ? nil : text)
        }
    }
}

extension ReasonPrompt.Purpose {
    /// A first input before the words: the new level, or the score.
    var hasTwoInputs: Bool { self == .relevel || self == .followUp }
}

/// The prompt as a panel: Enter records (first asking, for what cannot be taken back), Esc
/// goes back, Tab moves between the level and the reason.
public struct PromptView: ConsoleView {
    public var prompt: ReasonPrompt
    /// Whether the key that opened it asks first (relevel, cancel).
    public var asks: Bool
    public var error: String?

    public init(_ prompt: ReasonPrompt, asks: Bool) {
        self.prompt = prompt
        self.asks = asks
    }

    public static let table = KeyTable([
        KeyBinding([.enter], "Enter", .save, .keySave, changesDesk: true, essential: true),
        KeyBinding([.escape], "Esc", .dismiss, .keyCancel, essential: true),
    ])
    public static let relevelTable = KeyTable([KeyBinding([.tab, .backTab], "Tab", .nextField, .keyNextField, footer: true)]) + table

    public func keys(_ state: ConsoleState) -> KeyTable { prompt.purpose.hasTwoInputs ? Self.relevelTable : Self.table }

    public func title(_ state: ConsoleState, _ env: ConsoleEnvironment) -> String {
        let key: ConsoleText = switch prompt.purpose {
        case .pause: .pauseTitle
        case .note: .noteTitle
        case .relevel: .relevelTitle
        case .cancel: .cancelTitle
        case .followUp: .followUpTitle
        }
        return env.strings[key, ["call": prompt.call.description]]
    }

    public func draw(_ state: ConsoleState, _ env: ConsoleEnvironment, width: Int, height: Int) -> Drawing {
        let s = env.strings
        var lines: [Line] = []
        var cursor: (line: Int, column: Int)?
        if let call = state.desk.calls[prompt.call] {
            lines.append(Line([Span(call.intake.customer + "  ", .title), Span(call.intake.summary, .muted)]))
        }
        if let error { lines.append(Line([Span("✗ " + error, .alert)])) }
        let inputWidth = max(8, width - 4 - Panel.labelWidth - 2)
        func input(_ label: ConsoleText, _ field: TextField, focused: Bool) {
            let (line, column) = Panel.input(s[label], field, focused: focused, inputWidth: inputWidth)
            if focused { cursor = (lines.count, column) }
            lines.append(line)
        }
        if prompt.purpose == .relevel {
            let current = state.desk.calls[prompt.call]?.intake.level.map { String($0.rawValue) } ?? "-"
            lines.append(Line([Span(s[.currentLevel, ["level": current]], .muted)]))
            input(.fieldNewLevel, prompt.level, focused: prompt.focus == 0)
        }
        if prompt.purpose == .followUp {
            lines.append(Line([Span(s[.followUpHint], .muted)]))
            input(.fieldScore, prompt.level, focused: prompt.focus == 0)
            input(.fieldComment, prompt.reason, focused: prompt.focus == 1)
            return Drawing(lines, cursor: cursor)
        }
        input(prompt.purpose == .note ? .fieldNote : .fieldReason, prompt.reason, focused: prompt.focus == 1)
        return Drawing(lines, cursor: cursor)
    }

    public static func handle(_ binding: KeyBinding, _ state: inout ConsoleState, _ env: ConsoleEnvironment) -> [ConsoleEffect] {
        guard var view = state.top(PromptView.self) else { return [] }
        switch binding.act {
        case .nextField: state.updateTop(PromptView.self) { $0.prompt.switchInput() }
        case .save:
            view.error = nil
            state.close()
            return DeskActions.decide(view.prompt.command, asks: view.asks, &state, env, returnTo: .prompt(view))
        default: state.close()
        }
        return []
    }

    public static func type(_ key: Key, _ state: inout ConsoleState, _ env: ConsoleEnvironment) -> [ConsoleEffect] {
        state.updateTop(PromptView.self) { view in
            view.error = nil
            view.prompt.edit(key)
        }
        return []
    }
}
