import Yams

extension PolicyParser.Reader {
    /// `followup: 24h`, or `followup: {within: 24h, calendar: office, warning_at: 50%, attempts: 3,
    /// reopen_at_or_below: 2, waive: false, notify: supervisor}`, every key optional (the values
    /// of DeskRules.FollowUp.standard): the customer is called back after each fix (回访). It
    /// lists the `followup` timer among the policy's timers (last, unless `timers:` lists it) and
    /// stands for a rule setting it for every call, after the file's rules.
    mutating func followUp(_ node: Node, calendars: [String: BusinessCalendar]) -> (target: TimerTarget, rules: DeskRules.FollowUp)? {
        var rules = DeskRules.FollowUp.standard
        guard let read = keyedTimer(node, .followup, calendars: calendars, extraKeys: ["attempts", "reopen_at_or_below", "waive", "notify"],
                                    other: { reader, key, value in
            switch key {
            case "attempts": rules.attempts = reader.followUpNumber(value, key: key, in: 1...20) ?? rules.attempts
            case "reopen_at_or_below": rules.reopenAtOrBelow = reader.followUpNumber(value, key: key, in: 0...4) ?? rules.reopenAtOrBelow
            case "waive":
                switch reader.string(value, what: "waive") {
                case "true", "yes": rules.waive = true
                case "false", "no": rules.waive = false
                case let text?: reader.fail(value, PolicyText.followUpWaive(["text": .text(text)]))
                case nil: break
                }
            default: rules.notify = reader.string(value, what: "notify") ?? rules.notify
            }
        }) else { return nil }
        rules.line = read.line
        rules.within = read.within ?? rules.within
        rules.calendar = read.calendar
        return (read.target(within: rules.within), rules)
    }

    /// A whole number from `range`, or said not to be one.
    private mutating func followUpNumber(_ value: Node, key: String, in range: ClosedRange<Int>) -> Int? {
        guard let text = string(value, what: .text(key)) else { return nil }
        guard let number = Int(text), range.contains(number) else {
            fail(value, PolicyText.followUpNumber(["key": .text(key), "text": .text(text), "from": "\(range.lowerBound)", "to": "\(range.upperBound)"]))
            return nil
        }
        return number
    }

    /// The rule `followup:` stands for (keyedTimerRule).
    mutating func followUpRule(_ target: TimerTarget, line: Int, besides rules: [PolicyRule]) -> PolicyRule {
        keyedTimerRule(SLAPolicy.followUpRuleName, .followup, target, line: line, besides: rules, nameUsed: .followUpRuleNameUsed)
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
