@testable import CallboardCore
@testable import CallboardTUI
import Foundation
import Testing

/// The console's tick looks only at what changed (TickAgenda): over random desks, clocks and
/// events, what it says — the escalations due, the header's counts, the queue's order, each
/// technician's jobs — is at every second what working everything out from scratch says.
@Suite struct TickAgendaTests {
    static let zone = TimeZone(identifier: "Asia/Shanghai")!
    /// Monday 2026-11-23 07:30 in Shanghai: the office opens during the run.
    static let start = TimeText.parseISO("2026-11-23T07:30:00+08:00")!

    /// Short promises and every kind of step, so warnings, breaches, `after` and `repeat` come
    /// round within the run; an office calendar, so some deadlines stand still overnight.
    static let policy = try! PolicyParser.parse("""
        calendars:
          office:
            hours: {mon-fri: 08:00-18:00}
        rules:
          - name: urgent
            when: {level: 1}
            response: 20m
            onsite: 40m
            restore: {within: 90m, breach: substitute owed}
          - name: office hours
            when: {level: 3}
            onsite: {within: 2h, calendar: office}
          - name: general promise
            response: 45m
            onsite: 2h
            restore: 4h
        warranty: {repeat_within: 12h}   # closed calls retire after 36 h, as the run expects
        escalations:
          repeat: 10m
          steps:
            - {name: tell the technician, at: warning, notify: technician}
            - {name: duty supervisor, at: breach, notify: supervisor}
            - {name: manager, at: breach, after: 20m, notify: manager}
            - {name: late on site, at: warning, after: 5m, notify: supervisor, timers: [onsite]}
        """)
    /// The desk's rules changed half-way: other steps and a shorter repeat.
    static let stricter = try! PolicyParser.parse("""
        rules:
          - name: general promise
            response: 30m
            onsite: 90m
            restore: 3h
        warranty: {repeat_within: 12h}   # closed calls retire after 36 h, as the run expects
        escalations:
          repeat: 5m
          steps:
            - {name: duty supervisor, at: warning, after: 2m, notify: supervisor}
            - {name: director, at: breach, after: 7m, notify: director}
        """)

    struct Run {
        var random: SplitMix64
        var desk = DeskState()
        var now = TickAgendaTests.start
        var policy = TickAgendaTests.policy

        init(seed: UInt64) { random = SplitMix64(seed: seed) }

        mutating func roll(_ n: Int) -> Int { Int.random(in: 0..<n, using: &random) }

        /// Decides a command at `now` and applies what it records; a refusal records nothing.
        mutating func run(_ command: Command) -> [Event] {
            let context = CommandContext(now: now, actor: "wangfang", timeZone: TickAgendaTests.zone, policy: policy, roles: .everyone)
            guard let events = try? desk.decide(command, context) else { return [] }
            for event in events { desk.apply(event) }
            return events
        }

        /// A few things a desk does: calls taken, moved along, paused, releveled, acknowledged,
        /// closed, cancelled, reopened.
        mutating func somethingHappens() -> [Event] {
            let open = desk.openCalls.map(\.id), all = desk.calls.values.map(\.id)
            let roll = roll(16)
            if roll < 4 || open.isEmpty {
                let level = [nil, "1", "2", "3", "4"][self.roll(5)]
                return run(.intake(IntakeDraft(customer: "客户", phone: "021-6952 3310", summary: "卡纸", level: level,
                                               region: ["city", "jiading"][self.roll(2)])))
            }
            let id = open[self.roll(open.count)]
            let tech = TechnicianID("T\(self.roll(4))")!
            let commands: [Command] = [
                .respond(id), .assign(id, tech, reassign: self.roll(2) == 0), .depart(id), .arrive(id), .resolve(id), .close(id),
                .pause(id, reason: "等待备件"), .resume(id), .relevel(id, level: String(1 + self.roll(4)), reason: "客户说明"), .acknowledge(id),
                .note(id, "回访"), .cancel(id, reason: "重复"),
            ]
            if roll == 15, let closed = all.filter({ !open.contains($0) }).first {
                return run(.reopen(closed, reason: "又坏了"))
            }
            return run(commands[(roll - 4) % commands.count])
        }
    }

    @Test(arguments: 0..<40)
    func theIncrementalTickSaysWhatTheWholeDeskSays(seed: UInt64) throws {
        var run = Run(seed: seed)
        // Half the desks cut into chunks of three calls: the agenda passes over chunks that did
        // not change, and calls leaving, coming and changing cross chunks' edges.
        if seed % 2 == 0 { run.desk.calls = CallTable(chunkCapacity: 3) }
        for n in 0..<4 {
            _ = run.run(.addTechnician(TechnicianDraft(id: "T\(n)", name: "技术员\(n)", region: "city", shift: ["day", "night", "oncall", "day"][n])))
        }
        var console = TestConsole(run.desk, now: run.now, width: 160, height: 50, policy: run.policy)
        var seen = (escalations: 0, counted: 0, retired: 0)
        for step in 0..<150 {
            // The clock: mostly a second or minutes, now and then hours (calls age and retire).
            let jump = run.roll(20)
            run.now = run.now.addingTimeInterval(Double(jump == 0 ? 3600 * (6 + run.roll(20)) : jump < 8 ? 1 : 1 + run.roll(900)))
            if step == 75, seed % 2 == 1 { run.policy = Self.stricter }
            var events: [Event] = []
            for _ in 0..<run.roll(3) { events += run.somethingHappens() }
            if run.roll(10) == 0 { seen.retired += run.desk.retireClosedCalls() }
            if !events.isEmpty || run.roll(4) == 0 { console.send(.read(run.desk, .start, events)) }
            console.send(.tick(run.now))
            let env = console.env, desk = run.desk, now = run.now
            let place = "seed \(seed), step \(step)"

            // The look for escalations, as the console's `.supervise` makes it.
            let due = env.agenda.escalationsDue(in: desk, at: now, timekeeper: env.timekeeper)
            #expect(due == Escalations.due(in: desk, at: now, timekeeper: Timekeeper()), "\(place)")
            seen.escalations += due.count
            let summary = DeskSummary(env.agenda.counts(desk, at: now, timekeeper: env.timekeeper))
            #expect(summary == DeskSummary(desk, timekeeper: Timekeeper(), now: now), "\(place)")
            seen.counted += summary.warning + summary.breached
            #expect(console.state.queue.order == Urgency.openOrder(in: desk, timekeeper: Timekeeper(), at: now), "\(place)")
            #expect(env.agenda.technicianLoads(desk, at: now, timekeeper: env.timekeeper) == desk.technicianLoads, "\(place)")
            #expect(env.agenda.latestAlert(desk, at: now, timekeeper: env.timekeeper) == Self.latestAlert(desk), "\(place)")

            // What is due is recorded most of the time, as a console does; sometimes it waits a
            // second (another console got the lock first, the disk was busy).
            if !due.isEmpty, run.roll(5) != 0 {
                let recorded = due.map { Event(occurredAt: now, recordedAt: now, actor: "wangfang", change: $0) }
                for event in recorded { run.desk.apply(event) }
                console.send(.read(run.desk, .start, recorded))
            }
        }
        // The runs do reach what they are meant to test.
        #expect(seen.escalations > 0 && seen.counted > 0, "seed \(seed): \(seen)")
    }

    /// The open call whose unacknowledged escalation alerted last, the first on a tie: the
    /// console's banner, worked out by going over every open call.
    static func latestAlert(_ desk: DeskState) -> CallID? {
        var latest: (call: CallID, at: Date)?
        desk.forEachOpenCall { call in
            for e in call.pendingEscalations where latest == nil || e.lastAlertAt > latest!.at { latest = (call.id, e.lastAlertAt) }
        }
        return latest?.call
    }

    /// Across the seeds, calls retire (their places in the table move) and steps' `after` and
    /// `repeat` come round.
    @Test func theRandomRunsRetireCallsAndAlertAgain() throws {
        var retired = 0, realerts = 0
        for seed in UInt64(0)..<40 {
            var run = Run(seed: seed)
            for n in 0..<4 { _ = run.run(.addTechnician(TechnicianDraft(id: "T\(n)", name: "技术员\(n)", region: "city"))) }
            for _ in 0..<150 {
                let jump = run.roll(20)
                run.now = run.now.addingTimeInterval(Double(jump == 0 ? 3600 * (6 + run.roll(20)) : jump < 8 ? 1 : 1 + run.roll(900)))
                for _ in 0..<run.roll(3) { _ = run.somethingHappens() }
                if run.roll(10) == 0 { retired += run.desk.retireClosedCalls() }
                let due = Escalations.due(in: run.desk, at: run.now, timekeeper: Timekeeper())
                realerts += due.filter { if case .realerted = $0 { true } else { false } }.count
                for change in due { run.desk.apply(Event(occurredAt: run.now, recordedAt: run.now, actor: "t", change: change)) }
            }
        }
        #expect(retired > 10 && realerts > 10, "retired \(retired), alerted again \(realerts)")
    }

    /// The header's counts and the look, at a clock that goes back (a test, a corrected clock):
    /// worked out afresh, the same as from scratch.
    @Test func aClockThatGoesBackStartsTheAgendaAfresh() throws {
        var run = Run(seed: 7)
        for _ in 0..<12 { _ = run.somethingHappens() }
        let agenda = TickAgenda(), timekeeper = Timekeeper()
        for offset in [3 * 3600.0, 0, 7200, 60] {
            let now = run.now.addingTimeInterval(offset)
            #expect(agenda.escalationsDue(in: run.desk, at: now, timekeeper: timekeeper) == Escalations.due(in: run.desk, at: now, timekeeper: Timekeeper()))
            #expect(DeskSummary(agenda.counts(run.desk, at: now, timekeeper: timekeeper)) == DeskSummary(run.desk, timekeeper: Timekeeper(), now: now))
        }
    }
}

