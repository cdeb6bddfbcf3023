import Yams

extension PolicyParser.Reader {
    /// What the key of a timer a policy turns on by itself says (`accept:`, `progress:`,
    /// `followup:`): `KEY: 30m`, or `KEY: {within: 30m, calendar: office, warning_at: 50%, …}`.
    struct KeyedTimer {
        /// nil: not given (each key has its own default, or requires it).
        var within: Int?
        var calendar = SLAPolicy.roundTheClock
        var share: Double?
        var line: Int

        func target(within seconds: Int) -> TimerTarget { TimerTarget(seconds: seconds, calendar: calendar, warningShare: share) }
    }

    /// Reads such a key for `timer`, and lists the timer among the policy's (last, unless
    /// `timers:` lists it) so that the rules may set it too, before they are read. Keys beyond
    /// within, calendar and warning_at go to `other` (`extraKeys` names them). Nil: the key is
    /// not one, or its span is wrong (said).
    mutating func keyedTimer(_ node: Node, _ timer: TimerDefinition, calendars: [String: BusinessCalendar], extraKeys: [String] = [],
                             other: (inout Self, String, Node) -> Void = { _, _, _ in }) -> KeyedTimer? {
        let key = timer.name.rawValue
        var read = KeyedTimer(line: node.mark?.line ?? 1)
        if node.scalar != nil {
            guard let text = string(node, what: .text(key)), let seconds = keyedSpan(text, at: node, of: timer.name) else { return nil }
            read.within = seconds
        } else if let fields = entries(node, allowed: ["within", "calendar", "warning_at"] + extraKeys, what: .text(key)) {
            for (field, _, value) in fields {
                switch field {
                case "within":
                    guard let text = string(value, what: "within") else { continue }
                    guard let seconds = keyedSpan(text, at: value, of: timer.name) else { return nil }
                    read.within = seconds
                case "calendar":
                    guard let name = string(value, what: "calendar") else { continue }
                    if calendars[name] == nil { fail(value, PolicyText.calendarUndefined(["name": .text(name)])) }
                    read.calendar = name
                case "warning_at": read.share = warningShare(value)
                default: other(&self, field, value)
                }
            }
        } else {
            return nil
        }
        if !timers.contains(where: { $0.name == timer.name }) {
            guard timers.count < TimerDefinition.limit else {
                fail(node, PolicyText.tooManyTimers(["limit": "\(TimerDefinition.limit)", "count": "\(timers.count + 1)"]))
                return nil
            }
            var listed = timer
            listed.line = read.line
            timers.append(listed)
        }
        return read
    }

    /// A keyed timer's span: a duration longer than zero, at most a year.
    private mutating func keyedSpan(_ text: String, at node: Node, of timer: TimerName) -> Int? {
        guard let seconds = DurationText.seconds(text) else {
            fail(node, PolicyText.notDuration(["text": .text(text)]))
            return nil
        }
        guard seconds > 0 else { fail(node, PolicyText.targetZero(["timer": .text(timer.rawValue)])); return nil }
        guard seconds <= 365 * 86_400 else {
            fail(node, PolicyText.targetTooLong(["timer": .text(timer.rawValue), "text": .text(text)]))
            return nil
        }
        return seconds
    }

    /// The rule a keyed timer stands for: after the file's rules, so that a rule of the file
    /// setting the timer decides for the calls it matches, it sets it for every other call.
    /// `nameUsed` says so when a rule of the file already has its name.
    mutating func keyedTimerRule(_ name: String, _ timer: TimerName, _ target: TimerTarget, line: Int, besides rules: [PolicyRule],
                                 nameUsed: PolicyText) -> PolicyRule {
        if let taken = rules.first(where: { $0.name == name }) {
            fail(line: line, nameUsed(["name": .text(taken.name), "line": "\(taken.line)"]))
        }
        // Line 0: Callboard's own rule, shown in the words of the string tables.
        return PolicyRule(name: name, match: RuleMatch(), timers: [timer: target], line: 0)
    }
}
