import CallboardCore
import CallboardResources
import Foundation
import Testing

/// Timers are policy data: a policy lists its promises, and a new one (a follow-up call after
/// the fix) is timed by the policy and the core alone. Times are in Shanghai; 2026-11-27 is a
/// Friday.
@Suite struct PolicyTimerTests {
    /// The built-in three and a follow-up owed within 3 working days of the fix.
    static let followUpPolicy = """
        time_zone: Asia/Shanghai
        calendars:
          working-days:
            hours: {mon-fri: 00:00-24:00}
        timers:
          - response
          - onsite
          - restore
          - name: follow_up
            label: {en: follow-up, zh: 回访}
            starts: resolved
            stops: closed
        rules:
          - name: general promise
            response: 24h
            onsite: 12h
            restore: {within: 24h, breach: substitute owed}
            follow_up: {within: 3d, calendar: working-days, breach: a follow-up call owed}
        escalations:
          steps:
            - {name: follow-up late, at: breach, notify: supervisor, timers: [follow_up]}
        """

    static let followUp = TimerName(rawValue: "follow_up")!

    func problems(_ text: String) -> [PolicyProblem] {
        do {
            _ = try PolicyParser.parse(text)
            return []
        } catch {
            return error.problems
        }
    }

    func desk(now: String, policy: String = followUpPolicy) throws -> TestDesk {
        var desk = TestDesk()
        desk.now = TimeText.parseISO(now)!
        desk.policy = try PolicyParser.parse(policy)
        try desk.addTechnician("T01")
        return desk
    }

    func reading(_ name: TimerName, _ desk: TestDesk, _ id: CallID) -> TimerReading? {
        Timekeeper().timers(for: desk.state.calls[id]!, in: desk.state, at: desk.now).first { $0.name == name }
    }

    func at(_ text: String) -> Date { TimeText.parseISO(text)! }

    // MARK: the policy lists its timers

    @Test func aPolicyWithoutTimersMakesTheBuiltInThreePromisesCountedFromIntake() throws {
        let policy = try PolicyParser.parse(CallboardResources.defaultPolicy())
        #expect(policy.timers == TimerDefinition.builtIn)
        #expect(policy.timers.map(\.name) == [.response, .onsite, .restore])
        #expect(policy.timers.allSatisfy { $0.starts == .received })
        #expect(TimerDefinition.builtIn(named: .response)?.stops == [.responded, .arrived, .resolved])
        #expect(TimerDefinition.builtIn(named: .onsite)?.stops == [.arrived, .resolved])
        #expect(SLAPolicy.generalPromise.timers == TimerDefinition.builtIn)
    }

    @Test func aPolicyListsItsTimersInOrderWithLabelsAndWhatStartsAndStopsEach() throws {
        let policy = try PolicyParser.parse(Self.followUpPolicy)
        #expect(policy.timers.map(\.name.rawValue) == ["response", "onsite", "restore", "follow_up"])
        let followUp = try #require(policy.timer(named: Self.followUp))
        #expect(followUp.starts == .resolved && followUp.stops == [.closed])
        #expect(followUp.labels == ["en": "follow-up", "zh": "回访"])
        #expect(followUp.line == 9)
        #expect(policy.desk.steps.first?.timers == [Self.followUp])
    }

    @Test func aTimerMayBeLeftOutAndABuiltInOneRedefined() throws {
        let policy = try PolicyParser.parse("""
            timers:
              - {name: response, stops: responded, label: callback}
              - onsite
            rules:
              - response: 2h
                onsite: 8h
            """)
        #expect(policy.timers.map(\.name) == [.response, .onsite])
        #expect(policy.timer(named: .response)?.stops == [.responded])
        #expect(policy.timer(named: .response)?.labels["zh"] == "callback", "one label for every language")
        #expect(!problems("timers: [onsite]\nrules:\n  - onsite: 2h\n").contains { $0.message.contains("response") },
                "a desk without the response timer is not asked for it")
    }

    // MARK: a follow-up within 3 working days of the fix

    @Test func aFollowUpHasNoTimerUntilTheFixThenIsDueThreeWorkingDaysLater() throws {
        var desk = try desk(now: "2026-11-27T09:00:00+08:00")
        let id = try desk.intake(ago: .hours(1))
        #expect(reading(Self.followUp, desk, id) == nil, "before the fix there is nothing to follow up")
        #expect(Timekeeper().timers(for: desk.state.calls[id]!, in: desk.state, at: desk.now).map(\.name) == [.response, .onsite, .restore])
        desk.now = at("2026-11-27T15:00:00+08:00") // Friday afternoon
        try desk.run(.resolve(id))
        let followUp = try #require(reading(Self.followUp, desk, id))
        #expect(followUp.startedAt == at("2026-11-27T15:00:00+08:00"))
        #expect(followUp.state == .running && followUp.calendar == "working-days")
        // Friday 15:00-24:00, Monday, Tuesday, then Wednesday until 15:00: 72 hours of working days.
        #expect(followUp.deadline.map { TimeText.iso($0, in: TestDesk.shanghai) } == "2026-12-02T15:00:00+08:00")
        #expect(reading(.onsite, desk, id)?.stoppedBy == .resolved, "the fix kept the on-site promise without a visit")
    }

    @Test func closingTheCallInTimeKeepsTheFollowUpAndLateBreaksIt() throws {
        var desk = try desk(now: "2026-11-27T09:00:00+08:00")
        let kept = try desk.intake(ago: .hours(1))
        let late = try desk.intake(ago: .hours(1))
        try desk.run(.resolve(kept))
        try desk.run(.resolve(late))
        desk.now = at("2026-11-30T10:00:00+08:00")
        try desk.run(.close(kept))
        #expect(reading(Self.followUp, desk, kept)?.state == .met)
        #expect(reading(Self.followUp, desk, kept)?.stoppedBy == .closed)
        desk.now = at("2026-12-03T10:00:00+08:00") // Thursday: due Wednesday 09:00
        #expect(reading(Self.followUp, desk, late)?.state == .breached)
        #expect(reading(Self.followUp, desk, late)?.owed == "a follow-up call owed")
        try desk.run(.close(late))
        #expect(reading(Self.followUp, desk, late)?.state == .missed)
    }

    @Test func aReopenedCallsFollowUpWaitsForTheNextFix() throws {
        var desk = try desk(now: "2026-11-27T09:00:00+08:00")
        let id = try desk.intake(ago: .hours(1))
        try desk.run(.resolve(id))
        desk.now = at("2026-11-27T10:00:00+08:00")
        try desk.run(.reopen(id, reason: "又坏了"))
        #expect(reading(Self.followUp, desk, id) == nil)
        desk.now = at("2026-11-30T10:00:00+08:00")
        try desk.run(.resolve(id))
        #expect(reading(Self.followUp, desk, id)?.startedAt == at("2026-11-30T10:00:00+08:00"))
    }

    @Test func aFollowUpBreachEscalatesByItsName() throws {
        var desk = try desk(now: "2026-11-23T09:00:00+08:00")
        let id = try desk.intake(ago: .hours(1))
        try desk.run(.respond(id))
        try desk.run(.resolve(id))
        let due = Escalations.due(in: desk.state, at: at("2026-11-27T09:00:00+08:00"), timekeeper: Timekeeper())
        #expect(due == [.escalated(id, step: "follow-up late", timer: Self.followUp, notify: "supervisor")])
    }

    @Test func eachTimerWarnsAtItsOwnShareWhenTheRuleOrTheTimerGivesOne() throws {
        let policy = try PolicyParser.parse("""
            warning_at: 50%
            timers:
              - response
              - {name: onsite, warning_at: 90%}
              - restore
            rules:
              - response: 10h
                onsite: {within: 10h, warning_at: 20%}
              - restore: 10h
            """)
        var desk = TestDesk()
        desk.policy = policy
        let id = try desk.intake()
        let schedules = Timekeeper().schedules(for: desk.state.calls[id]!, in: desk.state)
        func warns(_ name: TimerName) -> Double? {
            schedules.first { $0.name == name }.flatMap { s in s.warnAt.map { $0.timeIntervalSince(s.startedAt) / 3600 } }
        }
        #expect(warns(.response) == 5, "the policy's 50%")
        #expect(warns(.onsite) == 2, "the rule's 20% over the timer's 90%")
        #expect(policy.timer(named: .onsite)?.warningShare == 0.9)
    }

    @Test func aTimerIsKnownByItsNameWhereverTheNameComesFrom() throws {
        let read = try #require(TimerName(rawValue: "follow_up"))
        #expect(read == Self.followUp && read.hashValue == Self.followUp.hashValue)
        #expect(read.rawValue == "follow_up" && "\(read)" == "follow_up")
        #expect(TimerName(rawValue: "onsite") == .onsite && TimerName.onsite.rawValue == "onsite")
        #expect(TimerName(rawValue: "follow-up") != read)
        #expect([TimerName(rawValue: "b")!, TimerName(rawValue: "a")!].sorted().map(\.rawValue) == ["a", "b"])
        for bad in ["", "two words", "a\u{1B}[2J", String(repeating: "x", count: 33)] { #expect(TimerName(rawValue: bad) == nil, "\(bad)") }
    }

    // MARK: policy check

    @Test func timerMistakesAreReportedWithTheirLines() {
        let found = problems("""
            timers:
              - response
              - reponse
              - {name: visit, starts: arived, stops: [arrived, fixed]}
              - {name: response, stops: responded}
              - {name: callback, label: {cn: 回电}}
              - {name: when, stops: closed}
              - {name: same, starts: resolved, stops: resolved}
              - {name: unused, stops: closed}
            rules:
              - response: 24h
                visit: 8h
                callback: 1h
                same: 1d
                folow_up: 3d
            escalations:
              steps:
                - {name: late, at: breach, notify: supervisor, timers: [folow_up]}
            """)
        func has(_ line: Int, _ words: String) -> Bool { found.contains { $0.line == line && $0.message.contains(words) } }
        #expect(has(3, "'reponse' is not a built-in timer"), "\(found)")
        #expect(has(4, "unknown milestone 'arived' in starts; use received, responded, assigned, accepted, progressed, arrived, resolved, closed or followedUp"), "\(found)")
        #expect(has(4, "unknown milestone 'fixed' in stops"), "\(found)")
        #expect(has(5, "the timer name 'response' is already used on line 2"), "\(found)")
        #expect(has(6, "unknown key 'cn' in the labels of timer 'callback'; use en or zh"), "\(found)")
        #expect(has(6, "timer 'callback' needs stops"), "\(found)")
        #expect(has(7, "the timer name 'when' must be one word"), "\(found)")
        #expect(has(8, "starts at resolved and is stopped by resolved, so it would never run"), "\(found)")
        #expect(has(9, "no rule sets the timer 'unused'"), "\(found)")
        #expect(has(15, "unknown key 'folow_up' in rule 1; use name, when, response, visit, same, unused or label"), "\(found)")
        #expect(has(18, "unknown timer 'folow_up'; use response, visit, same or unused"), "\(found)")
    }

    @Test(arguments: [
        ("timers: []\nrules:\n  - response: 1h", "'timers' must be a list of timers"),
        ("timers: [{label: x, stops: closed}]\nrules:\n  - response: 1h", "a timer needs a name"),
        ("timers: [{name: x, stops: closed, begins: resolved}]\nrules:\n  - x: 1h", "unknown key 'begins' in a timer"),
        ("timers: [{name: x, stops: received}]\nrules:\n  - x: 1h", "so it would never run"),
        ("timers: [{name: x, stops: closed}]\nrules:\n  - x: {within: 1h, warning_at: 120%}", "warning_at '120%'"),
        ("timers: [{name: x, stops: closed, label: \"a\\tb\"}]\nrules:\n  - x: 1h", "without control or invisible characters"),
        ("timers: [{name: x, stops: closed, label: {zh: \(String(repeating: "回", count: 33))}}]\nrules:\n  - x: 1h", "at most 32 characters"),
    ])
    func moreTimerMistakesAreExplained(text: String, words: String) {
        let found = problems(text)
        #expect(found.contains { $0.message.contains(words) }, "\(found)")
    }

    @Test func atMostSixteenTimers() {
        let names = (1...17).map { "t\($0)" }
        let text = "timers:\n" + names.map { "  - {name: \($0), stops: closed}\n" }.joined()
            + "rules:\n  - " + names.map { "\($0): 1h" }.joined(separator: "\n    ") + "\n"
        #expect(problems(text).contains { $0.message.contains("at most 16 promises; this one lists 17") })
    }

    @Test func aPolicyOfFormat2ReadsAsItDid() throws {
        // The timers are the built-in three, and the rules decide them as before.
        let policy = try PolicyParser.parse("rules:\n  - response: 1h\n  - when: {level: 1}\n    onsite: 2h\n")
        #expect(policy.timers == TimerDefinition.builtIn)
        let call = CallAttributes(level: .one, region: nil, tier: nil, kind: nil)
        #expect(policy.resolve(call).map(\.timer) == [.response, .onsite])
    }

    @Test func aRecordedPolicyIsReadAgainWithItsTimers() throws {
        let policy = try PolicyParser.parseRecorded(Self.followUpPolicy)
        #expect(policy == (try PolicyParser.parse(Self.followUpPolicy)))
        #expect(policy.timers.last?.name == Self.followUp)
    }
}
