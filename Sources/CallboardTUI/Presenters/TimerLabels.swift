import CallboardCore

extension UIStrings {
    /// What people call a timer in this language: the policy's own label for it if it gives one
    /// (`label: {en: follow-up, zh: 回访}`), else a built-in timer's words (`TimerLabelText`),
    /// else the policy's English label, else its name.
    public func timerLabel(_ name: TimerName, policy: SLAPolicy?) -> String {
        let own = policy?.timer(named: name)?.labels
        return own?[language] ?? TimerLabelText.of(name).map { self[$0()] } ?? own?["en"] ?? name.rawValue
    }

    /// What people call an escalation step of `policy` ("duty supervisor"): its label in this
    /// language if the policy gives one (`label: {zh: 值班主管}`), the standard steps' own words,
    /// else its name as the policy wrote it. Policy words are never looked up in a vocabulary.
    public func stepLabel(_ step: String, policy: SLAPolicy?) -> String {
        self[(policy ?? .generalPromise).stepLabel(step, language: language)]
    }

    /// Whom an escalation step tells: the desk's standard roles (technician, supervisor,
    /// manager) in this language, anyone else as the policy wrote it.
    public func notifyLabel(_ notify: String) -> String {
        switch notify {
        case "technician": self[ReportText.notifyTechnician()]
        case "supervisor": self[ReportText.notifySupervisor()]
        case "manager": self[ReportText.notifyManager()]
        case "dispatcher": self[ReportText.notifyDispatcher()]
        default: notify
        }
    }
}

/// The queue's timer columns: the promises of the desk's current policy, in its order, each
/// titled by its label. A call timed under a policy without one of them shows "-" there; a
/// timer only an older policy makes shows in `show`, not as a column.
public struct TimerColumns: Equatable, Sendable {
    public var names: [TimerName]
    public var titles: [String]
    /// One of them times the engineer's acceptance of a job: calls may read "not accepted".
    public var timeAcceptance: Bool

    public init(policy: SLAPolicy?, strings: UIStrings = .english) {
        names = (policy?.timers ?? TimerDefinition.builtIn).map(\.name)
        timeAcceptance = policy?.timers.contains(where: \.timesAcceptance) ?? false
        titles = names.map { strings.timerLabel($0, policy: policy).uppercased() }
    }

    /// The built-in three (response, on-site, restore), in English.
    public static let builtIn = TimerColumns(policy: nil)
}
