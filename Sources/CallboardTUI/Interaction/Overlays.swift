import CallboardCore

/// Choosing the engineer for a call: the roster ranked by fit (AssignmentRanking), with the
/// reasons, eligible ones first.
public struct AssignPicker: Equatable, Sendable {
    public var call: CallID
    public var candidates: [AssignmentCandidate]
    public var selection = 0

    public init(call: CallID, candidates: [AssignmentCandidate]) {
        self.call = call
        self.candidates = candidates
    }

    public var chosen: AssignmentCandidate? { candidates.indices.contains(selection) ? candidates[selection] : nil }

    public mutating func move(by delta: Int) {
        guard !candidates.isEmpty else { return }
        selection = max(0, min(candidates.count - 1, selection + delta))
    }
}

/// A short question before an unusual or destructive action (y / n).
public struct Confirmation: Equatable, Sendable {
    public var question: String
    /// What `y` does; `n` and Esc go back to `previous`.
    public var effect: ConsoleEffect
    public var previous: ConsoleMode

    public init(question: String, effect: ConsoleEffect, previous: ConsoleMode = .queue) {
        self.question = question
        self.effect = effect
        self.previous = previous
    }
}

/// Asking for the words an action needs: a reason to pause, a note, a new level and its reason.
public struct ReasonPrompt: Equatable, Sendable {
    public enum Purpose: Equatable, Sendable { case pause, note, relevel }

    public var purpose: Purpose
    public var call: CallID
    /// The new level (relevel only).
    public var level = TextField()
    public var reason = TextField()
    /// Which input has the cursor: 0 the level (relevel only), 1 the reason.
    public var focus: Int
    public var error: String?

    public init(purpose: Purpose, call: CallID) {
        self.purpose = purpose
        self.call = call
        focus = purpose == .relevel ? 0 : 1
    }

    public mutating func edit(_ key: Key) {
        error = nil
        if focus == 0 { level.handle(key) } else { reason.handle(key) }
    }

    public mutating func switchInput() { if purpose == .relevel { focus = 1 - focus } }

    public var command: Command {
        let text = reason.text.trimmingCharacters(in: .whitespaces)
        switch purpose {
        case .pause: return .pause(call, reason: text)
        case .note: return .note(call, text)
        case .relevel: return .relevel(call, level: level.text.trimmingCharacters(in: .whitespaces), reason: text)
        }
    }
}
