/// One promise a policy makes, as its `timers:` section lists it: its name, the milestone it
/// counts from, the milestones that stop it, and how people call it. The rules give it, per
/// call, a target, a calendar, when it warns and what a breach owes (TimerTarget).
public struct TimerDefinition: Equatable, Sendable {
    public var name: TimerName
    /// It starts counting when the call reaches this milestone; until then the call has no such
    /// timer yet.
    public var starts: Milestone
    /// The first of these, reached after it started, stops it: in the order the policy lists them.
    public var stops: [Milestone]
    /// Its label by interface language (`en`, `zh`), when the policy gives one; otherwise the
    /// interface's own word for a built-in timer, or the name.
    public var labels: [String: String]
    /// The share of its target after which it warns, when not the policy's `warning_at`.
    public var warningShare: Double?
    /// Where it is defined in the policy file (0: built in).
    public var line: Int

    public init(name: TimerName, starts: Milestone = .received, stops: [Milestone], labels: [String: String] = [:],
                warningShare: Double? = nil, line: Int = 0) {
        self.name = name
        self.starts = starts
        self.stops = stops
        self.labels = labels
        self.warningShare = warningShare
        self.line = line
    }

    /// The languages a label may be given in: the interface's (Resources/i18n); a label in any
    /// other would never show.
    public static let labelLanguages = ["en", "zh"]

    /// The most timers a policy may define: a fixed, small number keeps matching a call against
    /// the rules free of allocation (SLAPolicy.forEachDecision).
    public static let limit = 16

    /// The promises of the service letters, which a policy without `timers:` makes. An engineer
    /// on site, or a fix, is also an answer to the customer, so either stops the response timer
    /// if nobody called back first; a call fixed without a visit no longer needs one, so the fix
    /// stops the on-site timer.
    public static let builtIn: [TimerDefinition] = [
        TimerDefinition(name: .response, stops: [.responded, .arrived, .resolved]),
        TimerDefinition(name: .onsite, stops: [.arrived, .resolved]),
        TimerDefinition(name: .restore, stops: [.resolved]),
    ]

    /// The engineer's acceptance of a job (接单): from each assignment until the engineer
    /// assigned accepts it. Being on site, or the fix, shows they took it. Not among the
    /// promises a policy makes without `timers:`: a policy asks for it (`accept:`, or by name in
    /// `timers:`), and a reassignment starts it again for the new engineer.
    public static let accept = TimerDefinition(name: .accept, starts: .assigned, stops: [.accepted, .arrived, .resolved])

    /// A stalled call (no progress): from the latest update of the job (Milestone.progressed:
    /// the assignment, the acceptance, departing, arriving, a note, a pause or its end …) until
    /// the fix. Every update starts it again; a policy asks for it (`progress:`, or by name in
    /// `timers:`).
    public static let progress = TimerDefinition(name: .progress, starts: .progressed, stops: [.resolved])

    /// The follow-up (回访): from the fix until the customer is called back and scored it, or
    /// the policy's last attempt did not reach them. A fix on a reopened call starts it again.
    public static let followup = TimerDefinition(name: .followup, starts: .resolved, stops: [.followedUp])

    /// The timers Callboard defines but a policy asks for by name: the acceptance, the progress,
    /// the follow-up.
    public static let onRequest = [accept, progress, followup]

    /// A timer Callboard defines, by name: the three promises, the acceptance and the progress.
    public static func builtIn(named name: TimerName) -> TimerDefinition? {
        (builtIn + onRequest).first { $0.name == name }
    }

    /// Whether it times an engineer's acceptance (it stops when the job is accepted): a call
    /// given such a timer waits for its engineer to accept each assignment.
    public var timesAcceptance: Bool { stops.contains(.accepted) }
}
