import Yams

extension PolicyParser.Reader {
    /// `progress: 8h`, or `progress: {within: 8h, calendar: office, warning_at: 50%}` (within
    /// defaults to 8 hours): a call whose job has not moved on for that long is stalled. It lists
    /// the `progress` timer among the policy's timers (last, unless `timers:` lists it), so that
    /// the rules may set it too (`progress: 4h`, or `none`), before the rules are read. The
    /// escalation steps that watch every promise watch it: a stalled call warns and escalates
    /// like a late one.
    mutating func progress(_ node: Node, calendars: [String: BusinessCalendar]) -> (target: TimerTarget, line: Int)? {
        guard let read = keyedTimer(node, .progress, calendars: calendars) else { return nil }
        return (read.target(within: read.within ?? DeskRules.progressDefault), read.line)
    }

    /// The rule `progress:` stands for (keyedTimerRule).
    mutating func progressRule(_ progress: (target: TimerTarget, line: Int), besides rules: [PolicyRule]) -> PolicyRule {
        keyedTimerRule(SLAPolicy.progressRuleName, .progress, progress.target, line: progress.line, besides: rules, nameUsed: .progressRuleNameUsed)
    }
}

extension SLAPolicy {
    /// The name of the rule a policy's `progress:` stands for.
    public static let progressRuleName = "progress"
}

extension DeskRules {
    /// How long a job may stand still unless `progress:` says: 8 hours (one working day of the
    /// calendar it names). Chinese work-order systems count a job not updated for 8 hours as stalled.
    public static let progressDefault = 8 * 3600

    /// What a policy's `progress:` said, for `policy check`'s summary.
    public struct Progress: Equatable, Sendable {
        public var within: Int
        public var calendar: String
        /// Where `progress:` is in the policy file (its rule is Callboard's, on line 0).
        public var line: Int

        public init(within: Int, calendar: String, line: Int = 0) {
            self.within = within
            self.calendar = calendar
            self.line = line
        }
    }
}
