/// A promise's name, as a policy gives it: `response`, `onsite`, `restore`, or any other its
/// `timers:` section defines (`follow_up`). The name identifies the timer in rules, escalation
/// steps, the journal's escalation events and JSON; people read its label (TimerDefinition).
///
/// A string rather than a closed list, so that a desk adds a promise by writing a policy, not by
/// changing code; the built-in three keep their short spellings (`.onsite`).
public struct TimerName: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: String

    /// Nil unless `rawValue` is one word of at most 32 letters, digits, '-' or '_': a name is a
    /// key in a rule and a word in the journal, never free text.
    public init?(rawValue: String) {
        guard !rawValue.isEmpty, TextRules.isToken(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    /// For the built-in names, known to be words.
    private init(builtIn: String) { rawValue = builtIn }

    /// The customer has been called back with a diagnosis or a plan.
    public static let response = TimerName(builtIn: "response")
    /// An engineer is on site.
    public static let onsite = TimerName(builtIn: "onsite")
    /// The fault is fixed; if not in time, a substitute or loaner is owed.
    public static let restore = TimerName(builtIn: "restore")

    public var description: String { rawValue }

    public static func < (a: TimerName, b: TimerName) -> Bool { a.rawValue < b.rawValue }
}
