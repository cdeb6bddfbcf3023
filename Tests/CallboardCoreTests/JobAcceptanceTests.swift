import CallboardCore
import CallboardResources
import Foundation
import Testing

/// Taking a job (接单, issue 14): under a policy's `accept:`, every assignment waits for its
/// engineer to accept it; the accept timer counts from the assignment, stops at the acceptance
/// (or the engineer on site, or the fix), starts again on a reassignment, and its breach tells
/// the dispatcher. Times are Shanghai's; TestDesk's now is Monday 2026-11-23 09:00.
@Suite struct JobAcceptanceTests {
    static let chinese = MessageTableTests.chinese

    static let policyText = """
        time_zone: Asia/Shanghai
        accept: {within: 30m, notify: dispatcher}
        rules:
          - name: emergency contract
            when: {tier: emergency}
            response: 30m
            accept: none
          - name: general promise
            response: 24h
            onsite: 12h
            restore: 24h
        """

    static func problems(_ text: String) -> [PolicyProblem] { policyProblems(text) }

    func desk(policy: String = policyText) throws -> TestDesk {
        var desk = TestDesk()
        desk.policy = try PolicyParser.parse(policy)
        try desk.addTechnician("T03")
        try desk.addTechnician("T05", name: "李娜")
        return desk
    }

    func accept(_ desk: TestDesk, _ id: CallID) -> TimerReading? {
        Timekeeper().timers(for: desk.state.calls[id]!, in: desk.state, at: desk.now).first { $0.name == .accept }
    }

    func due(_ desk: TestDesk, at now: Date) -> [Change] { Escalations.due(in: desk.state, at: now, timekeeper: Timekeeper()) }

    // MARK: the policy

    @Test func acceptMakesTheAcceptTimerItsRuleForEveryCallAndAStepTellingTheDispatcher() throws {
        let policy = try PolicyParser.parse(Self.policyText)
        #expect(policy.timers.map(\.name) == [.response, .onsite, .restore, .accept])
        let timer = try #require(policy.timer(named: .accept))
        #expect(timer.starts == .assigned && timer.stops == [.accepted, .arrived, .resolved] && timer.line == 2)
        let rule = try #require(policy.rules.last)
        #expect(rule.name == "accept" && rule.line == 0 && rule.timers[.accept]?.seconds == 1800 && rule.timers[.accept]?.calendar == "24x7")
        let step = try #require(policy.desk.steps.last)
        #expect(step.name == "not accepted" && step.state == .breached && step.notify == "dispatcher" && step.timers == [.accept])
        #expect(policy.desk.acceptance == DeskRules.Acceptance(within: 1800, calendar: "24x7", notify: "dispatcher", line: 2))
        // Callboard's own rule and step read in the interface's words.
        #expect(Self.chinese.render(policy.ruleLabel("accept", language: "zh")) == "接单时限")
        #expect(Self.chinese.render(policy.stepLabel("not accepted", language: "zh")) == "未接单")
        // A rule of the file decides for the calls it matches: emergency contracts need no acceptance.
        #expect(policy.asksAcceptance(of: CallAttributes(level: .one, region: nil, tier: nil, kind: nil)))
        #expect(!policy.asksAcceptance(of: CallAttributes(level: .one, region: nil, tier: "emergency", kind: nil)))
    }

    @Test func theBuiltInPolicyDoesNotAskForAcceptanceAndOneWordSays30m() throws {
        let builtIn = try PolicyParser.parse(CallboardResources.defaultPolicy())
        #expect(!builtIn.timers.contains { $0.timesAcceptance })
        #expect(builtIn.desk.acceptance == nil && !builtIn.desk.steps.contains { $0.name == "not accepted" })
        let short = try PolicyParser.parse("accept: 2h\nrules:\n  - {name: all, response: 24h}\n")
        #expect(short.desk.acceptance?.within == 7200 && short.desk.steps.last?.notify == "dispatcher")
        // Listed by name in timers: and set by a rule, the timer works without accept: (no step added).
        let listed = try PolicyParser.parse("timers: [response, accept]\nrules:\n  - {name: all, response: 24h, accept: 1h}\n")
        #expect(listed.timer(named: .accept)?.starts == .assigned && listed.desk.acceptance == nil)
    }

    @Test(arguments: [
        ("accept: {notify: dispatcher}\n", 1, "accept needs the time an engineer has"),
        ("accept: 0m\n", 1, "must be longer than zero"),
        ("accept: {within: 30m, calendar: nowhere}\n", 1, "calendar 'nowhere' is not defined"),
        ("accept: {within: 30m, by: T03}\n", 1, "unknown key 'by' in accept"),
        ("accept: 30m\nrules:\n  - {name: accept, response: 24h}\n", 1, "rename that rule"),
        ("accept: 30m\nescalations:\n  steps:\n    - {name: not accepted, at: breach, notify: manager}\n", 1, "rename that step"),
        ("timers:\n  - {name: taken, starts: accepted, stops: closed}\n", 2, "cannot start at accepted"),
        ("timers:\n  - {name: dispatch, stops: assigned}\n", 2, "cannot be stopped by assigned"),
    ])
    func mistakesAreNamedWithTheirLine(text: String, line: Int, words: String) {
        let rules = text.contains("rules:") ? "" : "rules:\n  - {name: all, response: 24h" + (text.contains("taken") ? ", taken: 1h" : "")
            + (text.contains("dispatch") ? ", dispatch: 1h" : "") + "}\n"
        let found = Self.problems(text + rules)
        #expect(found.contains { $0.line == line && $0.message.contains(words) }, "\(found)")
    }

    // MARK: the timer

    @Test func theTimerStartsAtTheAssignmentAndStopsAtTheAcceptance() throws {
        var desk = try desk()
        let id = try desk.intake(ago: .minutes(20))
        #expect(accept(desk, id) == nil, "no assignment, no acceptance to wait for")
        #expect(!JobAcceptance.waiting(desk.state.calls[id]!, in: desk.state))
        try desk.run(.assign(id, TechnicianID("T03")!, reassign: false), at: desk.ago(.minutes(10)))
        var reading = try #require(accept(desk, id))
        #expect(reading.startedAt == desk.ago(.minutes(10)) && reading.deadline == desk.now.addingTimeInterval(.minutes(20)))
        #expect(reading.state == .running && reading.timesAcceptance)
        #expect(JobAcceptance.waiting(desk.state.calls[id]!, in: desk.state))
        #expect(JobAcceptance.waiting(desk.state.calls[id]!, timers: [reading]))
        let event = try desk.run(.accept(id, nil))
        #expect(event.change == .accepted(id, TechnicianID("T03")!))
        let call = try #require(desk.state.calls[id])
        #expect(call.acceptedAt == desk.now && call.technician == TechnicianID("T03") && call.assignedAt == desk.ago(.minutes(10)))
        reading = try #require(accept(desk, id))
        #expect(reading.state == .met && reading.stoppedBy == .accepted)
        #expect(!JobAcceptance.waiting(call, in: desk.state) && !JobAcceptance.waiting(call, timers: [reading]))
        // The same from the events alone (snapshots and compaction keep calls as their history).
        #expect(ServiceCall(replaying: call.history)?.acceptedAt == desk.now)
    }

    @Test func theEngineerOnSiteTookTheJobAnyway() throws {
        var desk = try desk()
        let id = try desk.intake(ago: .minutes(20))
        try desk.run(.assign(id, TechnicianID("T03")!, reassign: false), at: desk.ago(.minutes(10)))
        try desk.run(.arrive(id))
        #expect(accept(desk, id)?.stoppedBy == .arrived)
        #expect(!JobAcceptance.waiting(desk.state.calls[id]!, in: desk.state))
    }

    @Test func aBreachTellsTheDispatcherOnceAndTheOtherStepsLeaveItAlone() throws {
        var desk = try desk()
        let id = try desk.intake(ago: .hours(1))
        try desk.run(.respond(id), at: desk.ago(.minutes(55)))
        try desk.run(.assign(id, TechnicianID("T03")!, reassign: false), at: desk.ago(.minutes(40)))
        #expect(accept(desk, id)?.state == .breached)
        let changes = due(desk, at: desk.now)
        #expect(changes == [.escalated(id, step: "not accepted", timer: .accept, notify: "dispatcher")], "\(changes)")
        for change in changes { desk.state.apply(Event(occurredAt: desk.now, recordedAt: desk.now, actor: "watch", change: change)) }
        #expect(due(desk, at: desk.now.addingTimeInterval(60)).isEmpty, "once")
        // Unacknowledged, it alerts again every repeat (15 minutes) while nobody accepts.
        #expect(due(desk, at: desk.now.addingTimeInterval(.minutes(16))) == [.realerted(id, step: "not accepted", timer: .accept)])
        try desk.run(.accept(id, nil))
        #expect(due(desk, at: desk.now.addingTimeInterval(.minutes(16))).isEmpty, "accepted: no more alerts")
        // The standard steps (no timers:) watch the promises only: a breach of the acceptance
        // alone told only the dispatcher, above, though the policy has the standard three.
        #expect(desk.policy!.desk.steps.map(\.name) == ["tell the technician", "duty supervisor", "manager", "not accepted"])
    }

    @Test func aReassignmentStartsTheTimerAgainForTheNewEngineer() throws {
        var desk = try desk()
        let id = try desk.intake(ago: .hours(2))
        try desk.run(.assign(id, TechnicianID("T03")!, reassign: false), at: desk.ago(.minutes(90)))
        let escalation = Event(occurredAt: desk.ago(.minutes(60)), recordedAt: desk.ago(.minutes(60)), actor: "watch",
                               change: .escalated(id, step: "not accepted", timer: .accept, notify: "dispatcher"))
        desk.state.apply(escalation)
        try desk.run(.assign(id, TechnicianID("T05")!, reassign: true), at: desk.ago(.minutes(10)))
        let call = try #require(desk.state.calls[id])
        #expect(call.acceptedAt == nil && call.technician == TechnicianID("T05"))
        let reading = try #require(accept(desk, id))
        #expect(reading.startedAt == desk.ago(.minutes(10)) && reading.state == .running, "the new engineer has the whole time")
        // The first engineer's escalation does not alert again about the second.
        #expect(due(desk, at: desk.now).isEmpty)
        // T05 lets it run out too: that is news of its own.
        #expect(due(desk, at: desk.now.addingTimeInterval(.minutes(21))) == [.escalated(id, step: "not accepted", timer: .accept, notify: "dispatcher")])
        // An acceptance is the new engineer's: T03 accepting now is refused.
        #expect(desk.refusal(.accept(id, TechnicianID("T03")!))?.field == .technician)
    }

    @Test func anOfferAcceptedIsAnAssignmentAcceptedAsItIsMade() throws {
        var desk = try desk()
        let id = try desk.intake(ago: .minutes(5))
        desk.state.apply(Event(occurredAt: desk.ago(.minutes(4)), recordedAt: desk.ago(.minutes(4)), actor: "watch",
                               change: .dispatchRequested(id, TechnicianID("T05")!, until: desk.now.addingTimeInterval(600), reason: "")))
        try desk.run(.accept(id, nil), at: desk.ago(.minutes(2)))
        let call = try #require(desk.state.calls[id])
        #expect(call.technician == TechnicianID("T05") && call.assignedAt == desk.ago(.minutes(2)) && call.acceptedAt == desk.ago(.minutes(2)))
        #expect(accept(desk, id)?.state == .met)
    }

    // MARK: refusals

    @Test func refusalsSayWhyInBothLanguages() throws {
        var desk = try desk()
        let id = try desk.intake(ago: .minutes(20))
        // Nobody assigned and nothing offered: as before.
        #expect(desk.refusal(.accept(id, nil))?.text.key == "desk.notOffered")
        try desk.run(.assign(id, TechnicianID("T03")!, reassign: false), at: desk.ago(.minutes(10)))
        // Another technician named.
        let other = try #require(desk.refusal(.accept(id, TechnicianID("T05")!)))
        #expect(other.kind == .refused && other.field == .technician)
        #expect(other.text.description == "C-0001 is assigned to T03 王磊, not T05; only the engineer assigned accepts it (assign it to T05 first)")
        #expect(Self.chinese.render(other.text) == "C-0001 派给的是 T03 王磊，不是 T05；只有被派工的工程师才能接单（请先改派给 T05）")
        // An engineer accepts only their own.
        let roles = DeskRoles(users: ["wang": .dispatcher, "lina": .engineer], unlisted: .viewer, technicians: ["lina": TechnicianID("T05")!])
        let context = CommandContext(now: desk.now, actor: "lina", timeZone: TestDesk.shanghai, policy: desk.policy, roles: roles)
        do {
            _ = try desk.state.decide(.accept(id, nil), context)
            Issue.record("T05 accepted T03's job")
        } catch {
            #expect(error.kind == .forbidden)
            #expect(error.text.description == "C-0001 is assigned to T03 王磊, not to you (T05); only the engineer assigned accepts it")
            #expect(Self.chinese.render(error.text) == "C-0001 派给的是 T03 王磊，不是你（T05）；只有被派工的工程师才能接单")
        }
        // The engineer assigned may; so may a dispatcher for them.
        let mine = CommandContext(now: desk.now, actor: "wanglei", timeZone: TestDesk.shanghai, policy: desk.policy,
                                  roles: DeskRoles(users: ["wanglei": .engineer], unlisted: .viewer, technicians: ["wanglei": TechnicianID("T03")!]))
        #expect((try? desk.state.decide(.accept(id, nil), mine)) != nil)
        try desk.run(.accept(id, nil), actor: "wang")
        let twice = try #require(desk.refusal(.accept(id, nil)))
        #expect(twice.kind == .refused && twice.text.description == "T03 王磊 already accepted C-0001 at 11-23 09:00 by wang")
        #expect(Self.chinese.render(twice.text) == "T03 王磊已于 11-23 09:00 接下 C-0001（wang）")
    }

    @Test func withoutAcceptAnAssignedCallHasNothingToAccept() throws {
        var desk = TestDesk()
        desk.policy = try PolicyParser.parse(CallboardResources.defaultPolicy())
        try desk.addTechnician("T03")
        let id = try desk.intake(ago: .minutes(20))
        try desk.run(.assign(id, TechnicianID("T03")!, reassign: false), at: desk.ago(.minutes(10)))
        #expect(desk.refusal(.accept(id, nil))?.text.key == "desk.acceptAssigned")
        // An emergency contract's rule says accept: none.
        var emergency = try self.desk()
        let urgent = try emergency.run(.intake(IntakeDraft(customer: "上海华东电气有限公司", phone: "021-6952 3310", summary: "宕机", level: "1",
                                                            region: "city", tier: "emergency")), at: emergency.ago(.minutes(5))).change.call!
        try emergency.run(.assign(urgent, TechnicianID("T03")!, reassign: false))
        #expect(accept(emergency, urgent) == nil)
        #expect(emergency.refusal(.accept(urgent, nil))?.text.key == "desk.acceptAssigned", "\(String(describing: emergency.refusal(.accept(urgent, nil))))")
    }
}
