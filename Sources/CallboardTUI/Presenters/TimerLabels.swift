import CallboardCore

extension UIStrings {
    /// What people call a timer in this language: the policy's own label for it if it gives one
    /// (`label: {en: follow-up, zh: 回访}`), else the string table's for a built-in timer
    /// (Resources/i18n, `timers:`), else the same in English, else its name.
    public func timerLabel(_ name: TimerName, policy: SLAPolicy?) -> String {
        let own = policy?.timer(named: name)?.labels
        return own?[language] ?? timerLabels[name.rawValue] ?? own?["en"] ?? englishTimerLabels[name.rawValue] ?? name.rawValue
    }

    /// What people call an escalation step of `policy` ("duty supervisor"): its name, as the
    /// policy wrote it. Policy words are never looked up in a vocabulary; a step reads in
    /// another language once the policy gives it a label in that language.
    public func stepLabel(_ step: String, policy: SLAPolicy?) -> String { step }

    /// Whom an escalation step tells ("supervisor"), as the policy wrote it (see `stepLabel`).
    public func notifyLabel(_ notify: String, policy: SLAPolicy?) -> String { notify }
}

/// The queue's timer columns: the promises of the desk's current policy, in its order, each
/// titled by its label. A call timed under a policy without one of them shows "-" there; a
/// timer only an older policy makes shows in `show`, not as a column.
public struct TimerColumns: Equatable, Sendable {
    public var names: [TimerName]
    public var titles: [String]

    public init(policy: SLAPolicy?, strings: UIStrings = .english) {
        names = (policy?.timers ?? TimerDefinition.builtIn).map(\.name)
        titles = names.map { strings.timerLabel($0, policy: policy).uppercased() }
    }

    /// The built-in three (response, on-site, restore), in English.
    public static let builtIn = TimerColumns(policy: nil)
}
