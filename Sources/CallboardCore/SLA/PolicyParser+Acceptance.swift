import Yams

extension PolicyParser.Reader {
    /// What `accept:` says: how long an engineer has to accept each assignment, on which
    /// calendar, and who is told when they do not.
    struct Acceptance {
        var target: TimerTarget
        var notify: String
        var line: Int
    }

    /// `accept: 30m`, or `accept: {within: 30m, calendar: office, warning_at: 50%, notify:
    /// dispatcher}`: every assignment waits for its engineer to accept it (接单). It lists the
    /// `accept` timer among the policy's timers (last, unless `timers:` lists it), so that the
    /// rules may set it too (`accept: 10m`, or `none` for calls that need no acceptance), before
    /// the rules are read.
    mutating func acceptance(_ node: Node, calendars: [String: BusinessCalendar]) -> Acceptance? {
        let line = node.mark?.line ?? 1
        var within: (String, Node)?
        var calendar = SLAPolicy.roundTheClock
        var share: Double?
        var notify = DeskRules.acceptNotifyDefault
        if node.scalar != nil {
            within = string(node, what: "accept").map { ($0, node) }
        } else if let fields = entries(node, allowed: ["within", "calendar", "warning_at", "notify"], what: "accept") {
            for (key, _, value) in fields {
                switch key {
                case "within": within = string(value, what: "within").map { ($0, value) }
                case "calendar":
                    guard let name = string(value, what: "calendar") else { continue }
                    if calendars[name] == nil { fail(value, PolicyText.calendarUndefined(["name": .text(name)])) }
                    calendar = name
                case "warning_at": share = warningShare(value)
                default: notify = string(value, what: "notify") ?? notify
                }
            }
        } else {
            return nil
        }
        guard let (text, at) = within else {
            fail(node, PolicyText.acceptNeedsWithin())
            return nil
        }
        guard let seconds = DurationText.seconds(text) else {
            fail(at, PolicyText.notDuration(["text": .text(text)]))
            return nil
        }
        guard seconds > 0 else { fail(at, PolicyText.targetZero(["timer": .text(TimerName.accept.rawValue)])); return nil }
        guard seconds <= 365 * 86_400 else {
            fail(at, PolicyText.targetTooLong(["timer": .text(TimerName.accept.rawValue), "text": .text(text)]))
            return nil
        }
        if !timers.contains(where: { $0.name == .accept }) {
            guard timers.count < TimerDefinition.limit else {
                fail(node, PolicyText.tooManyTimers(["limit": "\(TimerDefinition.limit)", "count": "\(timers.count + 1)"]))
                return nil
            }
            var timer = TimerDefinition.accept
            timer.line = line
            timers.append(timer)
        }
        return Acceptance(target: TimerTarget(seconds: seconds, calendar: calendar, warningShare: share), notify: notify, line: line)
    }

    /// The rule `accept:` stands for: after the file's rules, so that a rule of the file setting
    /// the accept timer decides for the calls it matches, it sets it for every other call.
    mutating func acceptanceRule(_ acceptance: Acceptance, besides rules: [PolicyRule]) -> PolicyRule {
        if let taken = rules.first(where: { $0.name == SLAPolicy.acceptRuleName }) {
            fail(line: acceptance.line, PolicyText.acceptRuleNameUsed(["name": .text(taken.name), "line": "\(taken.line)"]))
        }
        // Line 0: Callboard's own rule, shown in the words of the string tables.
        return PolicyRule(name: SLAPolicy.acceptRuleName, match: RuleMatch(), timers: [.accept: acceptance.target], line: 0)
    }

    /// The escalation step `accept:` adds: at the breach of the accept timer, tell `notify`.
    mutating func addAcceptanceStep(_ acceptance: Acceptance, to desk: inout DeskRules) {
        if let taken = desk.steps.first(where: { $0.name == DeskRules.acceptStep }) {
            fail(line: acceptance.line, PolicyText.acceptStepNameUsed(["name": .text(taken.name), "line": "\(taken.line)"]))
        }
        desk.steps.append(DeskRules.Step(name: DeskRules.acceptStep, state: .breached, notify: acceptance.notify, timers: [.accept]))
        desk.acceptance = DeskRules.Acceptance(within: acceptance.target.seconds, calendar: acceptance.target.calendar, notify: acceptance.notify,
                                                   line: acceptance.line)
    }
}

extension SLAPolicy {
    /// The name of the rule a policy's `accept:` stands for.
    public static let acceptRuleName = "accept"

    /// Whether a call with these facts waits for its engineer to accept each assignment: the
    /// rules give it a timer that stops when the job is accepted.
    public func asksAcceptance(of call: CallAttributes) -> Bool {
        var asks = false
        forEachDecision(for: call) { spec, _ in if spec.stops.contains(.accepted) { asks = true } }
        return asks
    }
}

extension DeskRules {
    /// The step `accept:` adds: an assignment nobody accepted in time.
    public static let acceptStep = "not accepted"
    /// Who that step tells unless `accept:` says: the dispatcher, who made the assignment.
    public static let acceptNotifyDefault = "dispatcher"

    /// What a policy's `accept:` said, for `policy check`'s summary.
    public struct Acceptance: Equatable, Sendable {
        public var within: Int
        public var calendar: String
        public var notify: String
        /// Where `accept:` is in the policy file (its rule is Callboard's, on line 0).
        public var line: Int

        public init(within: Int, calendar: String, notify: String, line: Int = 0) {
            self.within = within
            self.calendar = calendar
            self.notify = notify
            self.line = line
        }
    }
}
