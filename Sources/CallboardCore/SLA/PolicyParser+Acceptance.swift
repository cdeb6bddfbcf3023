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
        var notify = DeskRules.acceptNotifyDefault
        guard let read = keyedTimer(node, .accept, calendars: calendars, extraKeys: ["notify"], other: { reader, _, value in
            notify = reader.string(value, what: "notify") ?? notify
        }) else { return nil }
        guard let within = read.within else {
            fail(node, PolicyText.acceptNeedsWithin())
            return nil
        }
        return Acceptance(target: read.target(within: within), notify: notify, line: read.line)
    }

    /// The rule `accept:` stands for (keyedTimerRule).
    mutating func acceptanceRule(_ acceptance: Acceptance, besides rules: [PolicyRule]) -> PolicyRule {
        keyedTimerRule(SLAPolicy.acceptRuleName, .accept, acceptance.target, line: acceptance.line, besides: rules, nameUsed: .acceptRuleNameUsed)
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
