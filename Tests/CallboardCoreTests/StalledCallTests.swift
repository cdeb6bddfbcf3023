import CallboardCore
import CallboardResources
import Foundation
import Testing

/// Stalled calls (issue 15): under a policy's `progress:`, the progress timer counts from the
/// latest update of a job that has its engineer (the assignment, the acceptance, departing,
/// arriving, a note, a pause or its end, a reopening) until the fix; every update starts it
/// again, and a call left alone for the policy's time warns and escalates like a late promise.
/// Times are Shanghai's; TestDesk's now is Monday 2026-11-23 09:00.
@Suite struct StalledCallTests {
    static let chinese = MessageTableTests.chinese

    static let policyText = """
        time_zone: Asia/Shanghai
        progress: 8h
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
        try desk.addTechnician("T05", name: "李娜")
        return desk
    }

    func progress(_ desk: TestDesk, _ id: CallID, at now: Date? = nil) -> TimerReading? {
        Timekeeper().timers(for: desk.state.calls[id]!, in: desk.state, at: now ?? desk.now).first { $0.name == .progress }
    }

    func due(_ desk: TestDesk, at now: Date) -> [Change] { Escalations.due(in: desk.state, at: now, timekeeper: Timekeeper()) }

    static func problems(_ text: String) -> [PolicyProblem] { policyProblems(text) }

    // MARK: the policy

    @Test func progressMakesTheProgressTimerAndItsRuleForEveryCall() throws {
        let policy = try PolicyParser.parse(Self.policyText)
        #expect(policy.timers.map(\.name) == [.response, .onsite, .restore, .progress])
        let timer = try #require(policy.timer(named: .progress))
        #expect(timer.starts == .progressed && timer.stops == [.resolved] && timer.line == 2)
        let rule = try #require(policy.rules.last)
        #expect(rule.name == "progress" && rule.line == 0 && rule.timers[.progress]?.seconds == 8 * 3600)
        #expect(policy.desk.progress == DeskRules.Progress(within: 8 * 3600, calendar: "24x7", line: 2))
        #expect(Self.chinese.render(policy.ruleLabel("progress", language: "zh")) == "进展时限")
        // No step of its own: the steps watching every promise watch it.
        #expect(policy.desk.steps.map(\.name) == ["tell the technician", "duty supervisor", "manager"])
        // Without within, 8 hours of the calendar named.
        let office = try PolicyParser.parse("""
            calendars:
              office: {hours: {mon-fri: 08:00-18:00}}
            progress: {calendar: office, warning_at: 50%}
            rules:
              - {name: all, response: 24h}
            """)
        #expect(office.desk.progress == DeskRules.Progress(within: 8 * 3600, calendar: "office", line: 3))
        #expect(office.rules.last?.timers[.progress]?.warningShare == 0.5)
    }

    @Test func theBuiltInPolicyDoesNotTimeProgress() throws {
        let builtIn = try PolicyParser.parse(CallboardResources.defaultPolicy())
        #expect(builtIn.timer(named: .progress) == nil && builtIn.desk.progress == nil)
    }

    @Test(arguments: [
        ("progress: 0m\n", 1, "must be longer than zero"),
        ("progress: {within: 8h, calendar: nowhere}\n", 1, "calendar 'nowhere' is not defined"),
        ("progress: {within: 8h, notify: manager}\n", 1, "unknown key 'notify' in progress"),
        ("progress: 8h\nrules:\n  - {name: progress, response: 24h}\n", 1, "rename that rule"),
        ("timers:\n  - {name: quiet, starts: received, stops: progressed}\n", 2, "cannot be stopped by progressed"),
    ])
    func mistakesAreNamedWithTheirLine(text: String, line: Int, words: String) {
        let rules = text.contains("rules:") ? "" : "rules:\n  - {name: all, response: 24h" + (text.contains("quiet") ? ", quiet: 1h" : "") + "}\n"
        let found = Self.problems(text + rules)
        #expect(found.contains { $0.line == line && $0.message.contains(words) }, "\(found)")
    }

    // MARK: the timer

    @Test func theTimerStartsAtTheAssignmentAndEveryUpdateStartsItAgainUntilTheFix() throws {
        var desk = try desk()
        let id = try desk.intake(ago: .hours(20))
        #expect(progress(desk, id) == nil, "no engineer, no job to stall")
        try desk.run(.note(id, "客户下午在家"), at: desk.ago(.hours(19)))
        #expect(progress(desk, id) == nil, "a note before the assignment starts nothing")
        try desk.run(.assign(id, TechnicianID("T03")!, reassign: false), at: desk.ago(.hours(18)))
        var reading = try #require(progress(desk, id))
        #expect(reading.startedAt == desk.ago(.hours(18)) && reading.state == .breached, "ten hours past its 8 h")
        // Each kind of update starts it again.
        try desk.run(.depart(id), at: desk.ago(.hours(9)))
        #expect(progress(desk, id)?.startedAt == desk.ago(.hours(9)))
        try desk.run(.arrive(id), at: desk.ago(.hours(7)))
        reading = try #require(progress(desk, id))
        #expect(reading.startedAt == desk.ago(.hours(7)) && reading.state == .warning, "seven of its eight hours gone: past the 75% warning")
        try desk.run(.note(id, "等待配件报价"), at: desk.ago(.hours(2)))
        reading = try #require(progress(desk, id))
        #expect(reading.startedAt == desk.ago(.hours(2)) && reading.deadline == desk.now.addingTimeInterval(.hours(6)))
        // The fix stops it; a note after the fix does not start it again.
        try desk.run(.resolve(id), at: desk.ago(.hours(1)))
        reading = try #require(progress(desk, id))
        #expect(reading.state == .met && reading.stoppedBy == .resolved && reading.startedAt == desk.ago(.hours(2)))
        try desk.run(.note(id, "客户确认已修好"))
        #expect(progress(desk, id)?.stoppedBy == .resolved && progress(desk, id)?.startedAt == desk.ago(.hours(2)))
        // The same from the events alone (snapshots and compaction keep calls as their history).
        let replayed = try #require(ServiceCall(replaying: desk.state.calls[id]!.history))
        #expect(Milestone.progressed.instant(in: replayed) == desk.ago(.hours(2)))
    }

    @Test func aPauseCountsAsProgressAndItsTimeDoesNot() throws {
        var desk = try desk()
        let id = try desk.intake(ago: .hours(30))
        try desk.run(.assign(id, TechnicianID("T03")!, reassign: false), at: desk.ago(.hours(29)))
        try desk.run(.pause(id, reason: "等配件"), at: desk.ago(.hours(28)))
        // Waiting for parts for 28 hours is not a stalled job.
        var reading = try #require(progress(desk, id))
        #expect(reading.startedAt == desk.ago(.hours(28)) && reading.state != .breached, "\(reading)")
        try desk.run(.resume(id), at: desk.ago(.hours(1)))
        reading = try #require(progress(desk, id))
        #expect(reading.startedAt == desk.ago(.hours(1)) && reading.deadline == desk.now.addingTimeInterval(.hours(7)))
    }

    @Test func theDesksChasingIsNotProgress() throws {
        var desk = try desk()
        let id = try desk.intake(ago: .hours(12))
        try desk.run(.respond(id), at: desk.ago(.hours(11)))
        try desk.run(.assign(id, TechnicianID("T03")!, reassign: false), at: desk.ago(.hours(10)))
        #expect(progress(desk, id)?.state == .breached)
        // The breach reaches the duty supervisor like any late promise…
        let changes = due(desk, at: desk.now)
        #expect(changes.contains(.escalated(id, step: "duty supervisor", timer: .progress, notify: "supervisor")), "\(changes)")
        for change in changes { desk.state.apply(Event(occurredAt: desk.ago(.minutes(5)), recordedAt: desk.ago(.minutes(5)), actor: "watch", change: change)) }
        // …and neither the escalation nor its acknowledgement starts the timer again.
        try desk.run(.acknowledge(id), at: desk.ago(.minutes(4)))
        #expect(progress(desk, id)?.startedAt == desk.ago(.hours(10)) && progress(desk, id)?.state == .breached)
        #expect(!due(desk, at: desk.now).contains(.escalated(id, step: "duty supervisor", timer: .progress, notify: "supervisor")))
        // The engineer's note is progress: a new run, and a new stall later is news of its own.
        try desk.run(.note(id, "已联系客户，明天上门"))
        #expect(progress(desk, id)?.state == .running)
        #expect(due(desk, at: desk.now.addingTimeInterval(.hours(9))).contains(.escalated(id, step: "duty supervisor", timer: .progress, notify: "supervisor")))
    }

    @Test func aReopenedCallStallsAgainFromItsReopening() throws {
        var desk = try desk()
        let id = try desk.intake(ago: .hours(30))
        try desk.run(.assign(id, TechnicianID("T03")!, reassign: false), at: desk.ago(.hours(29)))
        try desk.run(.resolve(id), at: desk.ago(.hours(28)))
        try desk.run(.close(id), at: desk.ago(.hours(27)))
        try desk.run(.reopen(id, reason: "又不制冷了"), at: desk.ago(.hours(3)))
        let reading = try #require(progress(desk, id))
        #expect(reading.startedAt == desk.ago(.hours(3)) && reading.state == .running && reading.stoppedAt == nil)
    }
}
