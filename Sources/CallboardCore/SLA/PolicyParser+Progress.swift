import Yams

extension PolicyParser.Reader {
    /// `progress: 8h`, or `progress: {within: 8h, calendar: office, warning_at: 50%}` (within
    /// defaults to 8 hours): a call whose job has not moved on for that long is stalled. It lists
    /// the `progress` timer among the policy's timers (last, unless `timers:` lists it), so that
    /// the rules may set it too (`progress: 4h`, or `none`), before the rules are read. The
    /// escalation steps that watch every promise watch it: a stalled call warns and escalates
    /// like a late one.
    mutating func progress(_ node: Node, calendars: [String: BusinessCalendar]) -> (target: TimerTarget, line: Int)? {
        let line = node.mark?.line ?? 1
        var within: (String, Node)?
        var calendar = SLAPolicy.roundTheClock
        var share: Double?
        if node.scalar != nil {
            within = string(node, what: "progress").map { ($0, node) }
        } else if let fields = entries(node, allowed: ["within", "calendar", "warning_at"], what: "progress") {
            for (key, _, value) in fields {
                switch key {
                case "within": within = string(value, what: "within").map { ($0, value) }
                case "calendar":
                    guard let name = string(value, what: "calendar") else { continue }
                    if calendars[name] == nil { fail(value, PolicyText.calendarUndefined(["name": .text(name)])) }
                    calendar = name
                default: share = warningShare(value)
                }
            }
        } else {
            return nil
        }
        var seconds = DeskRules.progressDefault
        if let (text, at) = within {
            guard let given = DurationText.seconds(text) else {
                fail(at, PolicyText.notDuration(["text": .text(text)]))
                return nil
            }
            guard given > 0 else { fail(at, PolicyText.targetZero(["timer": .text(TimerName.progress.rawValue)])); return nil }
            guard given <= 365 * 86_400 else {
                fail(at, PolicyText.targetTooLong(["timer": .text(TimerName.progress.rawValue), "text": .text(text)]))
                return nil
            }
            seconds = given
        }
        if !timers.contains(where: { $0.name == .progress }) {
            guard timers.count < TimerDefinition.limit else {
                fail(node, PolicyText.tooManyTimers(["limit": "\(TimerDefinition.limit)", "count": "\(timers.count + 1)"]))
                return nil
            }
            var timer = TimerDefinition.progress
            timer.line = line
            timers.append(timer)
        }
        return (TimerTarget(seconds: seconds, calendar: calendar, warningShare: share), line)
    }

    /// The rule `progress:` stands for: after the file's rules, so that a rule of the file
    /// setting the progress timer decides for the calls it matches, it sets it for every other.
    mutating func progressRule(_ progress: (target: TimerTarget, line: Int), besides rules: [PolicyRule]) -> PolicyRule {
        if let taken = rules.first(where: { $0.name == SLAPolicy.progressRuleName }) {
            fail(line: progress.line, PolicyText.progressRuleNameUsed(["name": .text(taken.name), "line": "\(taken.line)"]))
        }
        // Line 0: Callboard's own rule, shown in the words of the string tables.
        return PolicyRule(name: SLAPolicy.progressRuleName, match: RuleMatch(), timers: [.progress: progress.target], line: 0)
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
