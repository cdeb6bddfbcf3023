import CallboardCore
import CallboardResources
import Foundation
import Testing

/// The follow-up (回访, issue 15): under a policy's `followup:`, the followup timer counts from
/// each fix until the customer is called back and scores it (or the policy's last unanswered
/// attempt); a low score reopens the call and tells the supervisor; closing waits for it unless
/// waived. Times are Shanghai's; TestDesk's now is Monday 2026-11-23 09:00.
@Suite struct FollowUpTests {
    static let chinese = MessageTableTests.chinese

    static let policyText = """
        time_zone: Asia/Shanghai
        followup: {within: 24h, attempts: 3, reopen_at_or_below: 2}
        rules:
          - name: general promise
            response: 24h
            onsite: 3d
            restore: 5d
        """

    func desk(policy: String = policyText) throws -> TestDesk {
        var desk = TestDesk()
        desk.policy = try PolicyParser.parse(policy)
        try desk.addTechnician("T03")
        return desk
    }

    /// A call fixed `fixedAgo` ago by T03.
    func fixed(_ desk: inout TestDesk, ago fixedAgo: TimeInterval) throws -> CallID {
        let id = try desk.intake(ago: fixedAgo + .hours(3))
        try desk.run(.assign(id, TechnicianID("T03")!, reassign: false), at: desk.ago(fixedAgo + .hours(2)))
        try desk.run(.resolve(id), at: desk.ago(fixedAgo))
        return id
    }

    func followup(_ desk: TestDesk, _ id: CallID) -> TimerReading? {
        Timekeeper().timers(for: desk.state.calls[id]!, in: desk.state, at: desk.now).first { $0.name == .followup }
    }

    static func problems(_ text: String) -> [PolicyProblem] { policyProblems(text) }

    // MARK: the policy

    @Test func followupMakesTheTimerItsRuleAndItsRules() throws {
        let policy = try PolicyParser.parse(Self.policyText)
        #expect(policy.timers.map(\.name) == [.response, .onsite, .restore, .followup])
        let timer = try #require(policy.timer(named: .followup))
        #expect(timer.starts == .resolved && timer.stops == [.followedUp] && timer.line == 2)
        #expect(policy.rules.last?.name == "followup" && policy.rules.last?.timers[.followup]?.seconds == 24 * 3600)
        #expect(policy.desk.followUp == DeskRules.FollowUp(within: 24 * 3600, calendar: "24x7", attempts: 3, reopenAtOrBelow: 2, waive: false,
                                                            notify: "supervisor", line: 2))
        #expect(Self.chinese.render(policy.ruleLabel("followup", language: "zh")) == "回访时限")
        #expect(policy.closeWaitsForFollowUp(of: CallAttributes(level: .two, region: nil, tier: nil, kind: nil)))
        // Every key has its default; waive lets calls close without it.
        let waived = try PolicyParser.parse("followup: {waive: true, attempts: 2, notify: manager}\nrules:\n  - {name: all, response: 24h}\n")
        #expect(waived.desk.followUp?.within == 24 * 3600 && waived.desk.followUp?.attempts == 2 && waived.desk.followUp?.notify == "manager")
        #expect(!waived.closeWaitsForFollowUp(of: CallAttributes(level: .two, region: nil, tier: nil, kind: nil)))
        // The built-in policy does not follow up (closing would wait on every desk).
        let builtIn = try PolicyParser.parse(CallboardResources.defaultPolicy())
        #expect(builtIn.desk.followUp == nil && builtIn.timer(named: .followup) == nil)
    }

    @Test(arguments: [
        ("followup: {attempts: 0}\n", "followup's attempts must be a whole number from 1 to 20, not '0'"),
        ("followup: {reopen_at_or_below: 5}\n", "followup's reopen_at_or_below must be a whole number from 0 to 4, not '5'"),
        ("followup: {waive: maybe}\n", "followup's waive must be true or false, not 'maybe'"),
        ("followup: 0h\n", "must be longer than zero"),
        ("followup: {within: 3h, by: T03}\n", "unknown key 'by' in followup"),
    ])
    func mistakesAreNamedWithTheirLine(text: String, words: String) {
        let found = Self.problems(text + "rules:\n  - {name: all, response: 24h}\n")
        #expect(found.contains { $0.line == 1 && $0.message.contains(words) }, "\(found)")
    }

    // MARK: the timer

    @Test func theTimerStartsAtTheFixAndAScoreStopsIt() throws {
        var desk = try desk()
        let id = try desk.intake(ago: .hours(5))
        #expect(followup(desk, id) == nil, "nothing to follow up before the fix")
        try desk.run(.assign(id, TechnicianID("T03")!, reassign: false), at: desk.ago(.hours(4)))
        try desk.run(.resolve(id), at: desk.ago(.hours(3)))
        var reading = try #require(followup(desk, id))
        #expect(reading.startedAt == desk.ago(.hours(3)) && reading.deadline == desk.now.addingTimeInterval(.hours(21)) && reading.state == .running)
        let events = try desk.state.decide(.followUp(id, score: 4, comment: "师傅很专业"), desk.context())
        #expect(events.map(\.change) == [.followedUp(id, score: 4, comment: "师傅很专业", reopens: false)])
        for event in events { desk.state.apply(event) }
        reading = try #require(followup(desk, id))
        #expect(reading.state == .met && reading.stoppedBy == .followedUp)
        let satisfaction = FollowUps.satisfaction(of: desk.state.calls[id]!)
        #expect(satisfaction.score == 4 && satisfaction.comment == "师傅很专业" && satisfaction.at == desk.now && satisfaction.done && !satisfaction.returnVisitOwed)
        // Once per fix.
        let twice = try #require(desk.refusal(.followUp(id, score: 5, comment: nil)))
        #expect(twice.kind == .refused && twice.text.description == "C-0001 was already followed up at 11-23 09:00 (score 4); the next fix calls for a new follow-up")
        #expect(Self.chinese.render(twice.text) == "C-0001 已于 11-23 09:00 回访（评分 4）；下次修复后再回访")
        // And the call now closes.
        try desk.run(.close(id))
    }

    @Test func aLowScoreReopensTheCallOwesAReturnVisitAndTellsTheSupervisor() throws {
        var desk = try desk()
        let id = try fixed(&desk, ago: .hours(3))
        let events = try desk.state.decide(.followUp(id, score: 2, comment: "还是漏水"), desk.context())
        #expect(events.map(\.change) == [.followedUp(id, score: 2, comment: "还是漏水", reopens: true),
                                         .escalated(id, step: FollowUps.dissatisfiedStep, timer: .followup, notify: "supervisor")])
        for event in events { desk.state.apply(event) }
        let call = try #require(desk.state.calls[id])
        #expect(call.resolvedAt == nil && call.closedAt == nil && call.isActive, "open again: the engineer goes back")
        #expect(FollowUps.satisfaction(of: call).returnVisitOwed)
        #expect(followup(desk, id) == nil, "no fix, no follow-up to wait for")
        #expect(call.pendingEscalations.count == 1)
        #expect(Self.chinese.render(desk.policy!.stepLabel(FollowUps.dissatisfiedStep, language: "zh")) == "客户不满意")
        // The same from the events alone.
        #expect(ServiceCall(replaying: call.history)?.resolvedAt == nil)
        // The next fix owes no visit any more and starts a new follow-up.
        try desk.run(.resolve(id))
        #expect(!FollowUps.satisfaction(of: desk.state.calls[id]!).returnVisitOwed)
        #expect(followup(desk, id)?.state == .running && followup(desk, id)?.startedAt == desk.now)
        #expect(desk.refusal(.close(id))?.text.key == "desk.closeWaitsForFollowUp")
        // A score of 3 is above the threshold: no reopening.
        let fine = try desk.state.decide(.followUp(id, score: 3, comment: nil), desk.context())
        #expect(fine.map(\.change) == [.followedUp(id, score: 3, comment: nil, reopens: false)])
    }

    @Test func closingWaitsForTheFollowUpUnlessWaived() throws {
        var desk = try desk()
        let id = try fixed(&desk, ago: .hours(1))
        let refusal = try #require(desk.refusal(.close(id)))
        #expect(refusal.kind == .refused)
        #expect(refusal.text.description.hasPrefix("C-0001 waits for its follow-up: call the customer back and record it (callboard followup C-0001 --score 1-5"))
        #expect(Self.chinese.render(refusal.text).hasPrefix("C-0001 尚待回访"))
        var waived = try self.desk(policy: Self.policyText.replacingOccurrences(of: "reopen_at_or_below: 2}", with: "reopen_at_or_below: 2, waive: true}"))
        let other = try fixed(&waived, ago: .hours(1))
        try waived.run(.close(other))
        // Without followup: at all, closing never waits.
        var plain = TestDesk()
        plain.policy = try PolicyParser.parse(CallboardResources.defaultPolicy())
        try plain.addTechnician("T03")
        let third = try fixed(&plain, ago: .hours(1))
        try plain.run(.close(third))
    }

    @Test func unreachableAttemptsCountAndTheLastEndsTheFollowUp() throws {
        var desk = try desk()
        let id = try fixed(&desk, ago: .hours(6))
        try desk.run(.followUp(id, score: nil, comment: nil), at: desk.ago(.hours(3)))
        try desk.run(.followUp(id, score: nil, comment: nil), at: desk.ago(.hours(2)))
        #expect(desk.state.calls[id]!.history.last?.change == .unreachable(id, final: false))
        #expect(followup(desk, id)?.stoppedAt == nil, "two of three: still waiting")
        #expect(desk.refusal(.close(id))?.text.key == "desk.closeWaitsForFollowUp")
        try desk.run(.followUp(id, score: nil, comment: nil), at: desk.ago(.hours(1)))
        #expect(desk.state.calls[id]!.history.last?.change == .unreachable(id, final: true))
        let satisfaction = FollowUps.satisfaction(of: desk.state.calls[id]!)
        #expect(satisfaction.attempts == 3 && satisfaction.done && satisfaction.score == nil)
        #expect(followup(desk, id)?.stoppedBy == .followedUp && followup(desk, id)?.state == .met)
        try desk.run(.close(id))
    }

    @Test func refusalsSayWhy() throws {
        var desk = try desk()
        let id = try desk.intake(ago: .hours(1))
        let early = try #require(desk.refusal(.followUp(id, score: 4, comment: nil)))
        #expect(early.kind == .refused && early.text.description == "C-0001 is new, not fixed; the follow-up comes after the fix (callboard resolve C-0001)")
        #expect(Self.chinese.render(early.text) == "C-0001 当前为新建，尚未修复；修复后才能回访（callboard resolve C-0001）")
        try desk.run(.resolve(id))
        let range = try #require(desk.refusal(.followUp(id, score: 6, comment: nil)))
        #expect(range.kind == .invalidInput && range.field == .score)
        #expect(Self.chinese.render(range.text) == "评分须为 1（非常不满意）到 5（非常满意）的整数，而不是 6")
        let before = try #require(desk.refusal(.followUp(id, score: 4, comment: nil), at: desk.ago(.minutes(30))))
        // Dated before the fix: before the call's last record, refused as any such record is.
        #expect(before.kind == .refused && before.field == .at, "\(before)")
        let hostile = try #require(desk.refusal(.followUp(id, score: 4, comment: "好\u{1B}[2J")))
        #expect(hostile.kind == .invalidInput && hostile.field == .comment)
    }

    @Test func aDispatcherRecordsFollowUpsAnEngineerDoesNot() throws {
        var desk = try desk()
        let id = try fixed(&desk, ago: .hours(1))
        #expect(Command.followUp(id, score: 4, comment: nil).requiredRole == .dispatcher)
        let roles = DeskRoles(users: ["wang": .dispatcher, "lina": .engineer], unlisted: .viewer, technicians: ["lina": TechnicianID("T03")!])
        let engineer = CommandContext(now: desk.now, actor: "lina", timeZone: TestDesk.shanghai, policy: desk.policy, roles: roles)
        do {
            _ = try desk.state.decide(.followUp(id, score: 4, comment: nil), engineer)
            Issue.record("an engineer recorded a follow-up")
        } catch {
            #expect(error.kind == .forbidden)
        }
        let dispatcher = CommandContext(now: desk.now, actor: "wang", timeZone: TestDesk.shanghai, policy: desk.policy, roles: roles)
        #expect(try desk.state.decide(.followUp(id, score: 4, comment: nil), dispatcher).count == 1)
    }

    /// Reports count the follow-ups' scores: two calls scored 4 and 2 average 3.0 over 2; a
    /// call not yet called back counts in neither.
    @Test func reportsAverageTheScoresOfTheCallsFollowedUp() throws {
        var desk = try desk()
        let (a, b) = (try fixed(&desk, ago: .hours(10)), try fixed(&desk, ago: .hours(9)))
        _ = try fixed(&desk, ago: .hours(8))
        try desk.run(.followUp(a, score: 4, comment: "满意"), at: desk.ago(.hours(5)))
        try desk.run(.followUp(b, score: 2, comment: nil), at: desk.ago(.hours(4)))
        let zone = TimeZone(identifier: "Asia/Shanghai")!
        let entries = desk.state.calls.values.map { ReportEntry($0, in: desk.state, timekeeper: Timekeeper(), at: desk.now, zone: zone) }
        let today = LocalDate(desk.now, in: zone)
        let report = DeskReport(entries, days: today.adding(days: -1)...today, by: nil, order: TimerDefinition.builtIn.map(\.name))
        #expect(report.total.satisfaction.count == 2 && report.total.satisfaction.average == 3.0, "\(report.total.satisfaction)")
    }
}
