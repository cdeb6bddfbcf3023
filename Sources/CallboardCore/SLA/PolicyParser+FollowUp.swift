import Yams

extension PolicyParser.Reader {
    /// `followup: 24h`, or `followup: {within: 24h, calendar: office, warning_at: 50%, attempts: 3,
    /// reopen_at_or_below: 2, waive: false, notify: supervisor}`, every key optional (the values
    /// of DeskRules.FollowUp.standard): the customer is called back after each fix (回访). It
    /// lists the `followup` timer among the policy's timers (last, unless `timers:` lists it) and
    /// stands for a rule setting it for every call, after the file's rules.
    mutating func followUp(_ node: Node, calendars: [String: BusinessCalendar]) -> (target: TimerTarget, rules: DeskRules.FollowUp)? {
        var rules = DeskRules.FollowUp.standard
        rules.line = node.mark?.line ?? 1
        var share: Double?
        func whole(_ value: Node, key: String, in range: ClosedRange<Int>) -> Int? {
            guard let text = string(value, what: .text(key)) else { return nil }
            guard let number = Int(text), range.contains(number) else {
                fail(value, PolicyText.followUpNumber(["key": .text(key), "text": .text(text),
                                                       "from": "\(range.lowerBound)", "to": "\(range.upperBound)"]))
                return nil
            }
            return number
        }
        if node.scalar != nil {
            guard let text = string(node, what: "followup") else { return nil }
            guard let seconds = followUpSpan(text, node) else { return nil }
            rules.within = seconds
        } else if let fields = entries(node, allowed: ["within", "calendar", "warning_at", "attempts", "reopen_at_or_below", "waive", "notify"],
                                       what: "followup") {
            for (key, _, value) in fields {
                switch key {
                case "within":
                    if let text = string(value, what: "within"), let seconds = followUpSpan(text, value) { rules.within = seconds }
                case "calendar":
                    guard let name = string(value, what: "calendar") else { continue }
                    if calendars[name] == nil { fail(value, PolicyText.calendarUndefined(["name": .text(name)])) }
                    rules.calendar = name
                case "warning_at": share = warningShare(value)
                case "attempts": rules.attempts = whole(value, key: key, in: 1...20) ?? rules.attempts
                case "reopen_at_or_below": rules.reopenAtOrBelow = whole(value, key: key, in: 0...4) ?? rules.reopenAtOrBelow
                case "waive":
                    switch string(value, what: "waive") {
                    case "true", "yes": rules.waive = true
                    case "false", "no": rules.waive = false
                    case let text?: fail(value, PolicyText.followUpWaive(["text": .text(text)]))
                    case nil: break
                    }
                default: rules.notify = string(value, what: "notify") ?? rules.notify
                }
            }
        } else {
            return nil
        }
        if !timers.contains(where: { $0.name == .followup }) {
            guard timers.count < TimerDefinition.limit else {
                fail(node, PolicyText.tooManyTimers(["limit": "\(TimerDefinition.limit)", "count": "\(timers.count + 1)"]))
                return nil
            }
            var timer = TimerDefinition.followup
            timer.line = rules.line
            timers.append(timer)
        }
        return (TimerTarget(seconds: rules.within, calendar: rules.calendar, warningShare: share), rules)
    }

    private mutating func followUpSpan(_ text: String, _ node: Node) -> Int? {
        guard let seconds = DurationText.seconds(text) else {
            fail(node, PolicyText.notDuration(["text": .text(text)]))
            return nil
        }
        guard seconds > 0 else { fail(node, PolicyText.targetZero(["timer": .text(TimerName.followup.rawValue)])); return nil }
        guard seconds <= 365 * 86_400 else {
            fail(node, PolicyText.targetTooLong(["timer": .text(TimerName.followup.rawValue), "text": .text(text)]))
            return nil
        }
        return seconds
    }

    /// The rule `followup:` stands for: every call not set by a rule of the file.
    mutating func followUpRule(_ target: TimerTarget, line: Int, besides rules: [PolicyRule]) -> PolicyRule {
        if let taken = rules.first(where: { $0.name == SLAPolicy.followUpRuleName }) {
            fail(line: line, PolicyText.followUpRuleNameUsed(["name": .text(taken.name), "line": "\(taken.line)"]))
        }
        return PolicyRule(name: SLAPolicy.followUpRuleName, match: RuleMatch(), timers: [.followup: target], line: 0)
    }
}

extension SLAPolicy {
    /// The name of the rule a policy's `followup:` stands for.
    public static let followUpRuleName = "followup"

    /// What the call's follow-up is held to: the policy's `followup:`, or the standard values
    /// (scores are recorded and low ones reopen the call at any desk).
    public var followUpRules: DeskRules.FollowUp { desk.followUp ?? .standard }

    /// Whether closing this call waits for its follow-up: the policy's rules give it a
    /// follow-up timer and `followup:` does not waive it.
    public func closeWaitsForFollowUp(of call: CallAttributes) -> Bool {
        guard !(desk.followUp?.waive ?? false) else { return false }
        var waits = false
        forEachDecision(for: call) { spec, _ in if spec.name == .followup { waits = true } }
        return waits
    }
}
