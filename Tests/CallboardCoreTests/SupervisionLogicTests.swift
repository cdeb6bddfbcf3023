import CallboardCore
import CallboardResources
import Foundation
import Testing

@Suite struct SupervisionLogicTests {
    static let zone = TimeZone(identifier: "Asia/Shanghai")!
    /// Sunday 2026-11-29 22:00 in Shanghai: the office is closed.
    static let night = Date(timeIntervalSince1970: 1_795_960_800)

    static func policy(_ extra: String = "") throws(PolicyProblems) -> SLAPolicy {
        try PolicyParser.parse("""
        calendars:
          office:
            hours: {mon-fri: 08:00-18:00}
        rules:
          - name: all
            response: 24h
            onsite: 2h
        escalations:
          repeat: 10m
          steps:
            - {name: tell the technician, at: warning, notify: technician}
            - {name: duty supervisor, at: breach, notify: supervisor, timers: [onsite]}
            - {name: manager, at: breach, after: 1h, notify: manager, timers: [onsite]}
        auto_dispatch: {levels: [1], outside: office, accept_within: 5m}
        warranty: {default: 365d, products: {SD-R740: 1095d}}
        \(extra)
        """)
    }

    func desk(at received: Date, policy: SLAPolicy) -> DeskState {
        var state = DeskState()
        func run(_ command: Command, _ at: Date) {
            for event in try! state.decide(command, CommandContext(now: max(Self.night, at), at: at, actor: "t", timeZone: Self.zone, policy: policy)) { state.apply(event) }
        }
        run(.addTechnician(TechnicianDraft(id: "T09", name: "孙强", region: "city", shift: "oncall")), received)
        run(.addTechnician(TechnicianDraft(id: "T10", name: "周婷", region: "city", shift: "oncall")), received)
        run(.intake(IntakeDraft(customer: "甲", phone: "021-5830 1120", summary: "服务器宕机", level: "1", region: "city")), received)
        return state
    }

    @Test func stepsFireOncePerTimerInOrderOfTheirTimesAndRealertUntilAcknowledged() throws {
        let policy = try Self.policy()
        var state = desk(at: Self.night.addingTimeInterval(-9000), policy: policy) // 2h30m ago: on-site breached 30m ago
        let due = Escalations.due(in: state, at: Self.night, timekeeper: Timekeeper())
        let steps = due.compactMap { if case .escalated(_, let step, let timer, _) = $0 { "\(step)/\(timer?.rawValue ?? "-")" } else { nil } }
        #expect(Set(steps) == ["duty supervisor/onsite"], "the manager waits an hour after the breach; the technician step waits for a technician")
        for change in due { state.apply(Event(occurredAt: Self.night, recordedAt: Self.night, actor: "watch", change: change)) }
        #expect(Escalations.due(in: state, at: Self.night.addingTimeInterval(60), timekeeper: Timekeeper()).isEmpty, "nothing twice")
        let later = Escalations.due(in: state, at: Self.night.addingTimeInterval(3600), timekeeper: Timekeeper())
        #expect(later.contains(.escalated(CallID(number: 1), step: "manager", timer: .onsite, notify: "manager")))
        #expect(later.contains(.realerted(CallID(number: 1), step: "duty supervisor", timer: .onsite)))
        state.apply(Event(occurredAt: Self.night, recordedAt: Self.night, actor: "li", change: .acknowledged(CallID(number: 1))))
        #expect(!Escalations.due(in: state, at: Self.night.addingTimeInterval(1200), timekeeper: Timekeeper()).contains { if case .realerted = $0 { true } else { false } })
        #expect(state.calls[CallID(number: 1)]!.escalations.allSatisfy { $0.acknowledgedBy == "li" })
    }

    @Test func autoDispatchAsksOnCallEngineersInTurnAndOnlyOutOfHours() throws {
        let policy = try Self.policy()
        var state = desk(at: Self.night, policy: policy)
        let first = AutoDispatch.due(in: state, at: Self.night)
        guard case .dispatchRequested(let id, let tech, let until, let reason)? = first.first else { Issue.record("no request: \(first)"); return }
        #expect(id == CallID(number: 1) && tech.rawValue == "T09" && until == Self.night.addingTimeInterval(300))
        // Recorded as data, in no language: each console says it in its own.
        #expect(OfferReason(encoded: reason) == OfferReason(round: .first, covers: .region("city"), skills: [], openJobs: 0), "\(reason)")
        state.apply(Event(occurredAt: Self.night, recordedAt: Self.night, actor: "watch", change: first[0]))
        #expect(AutoDispatch.due(in: state, at: Self.night.addingTimeInterval(60)).isEmpty, "waiting for T09")
        let lapse = AutoDispatch.due(in: state, at: Self.night.addingTimeInterval(300))
        #expect(lapse == [.requestLapsed(CallID(number: 1), TechnicianID("T09")!)])
        state.apply(Event(occurredAt: Self.night, recordedAt: Self.night, actor: "watch", change: lapse[0]))
        let next = AutoDispatch.due(in: state, at: Self.night.addingTimeInterval(301))
        guard case .dispatchRequested(_, let second, _, _)? = next.first else { Issue.record("no second request"); return }
        #expect(second.rawValue == "T10")
        // Monday 10:00: the office is open, a dispatcher assigns.
        let office = Self.night.addingTimeInterval(12 * 3600)
        #expect(AutoDispatch.due(in: desk(at: office, policy: policy), at: office).isEmpty)
    }

    @Test func twoRepairsOfTheSameDefectThenAReplacementThenARefund() throws {
        let policy = try Self.policy()
        var state = DeskState()
        let day = 86_400.0
        let start = Self.night.addingTimeInterval(-20 * day)
        func run(_ command: Command, _ at: Date) {
            for event in try! state.decide(command, CommandContext(now: Self.night, at: at, actor: "t", timeZone: Self.zone, policy: policy)) { state.apply(event) }
        }
        func intake(_ n: Int, defect: String = "E-302") {
            run(.intake(IntakeDraft(customer: "乙", phone: "021-5953 1276", summary: "卡纸", product: "SD-3300", serial: "SN1",
                                    purchased: "2025-12-01", defect: defect)), start.addingTimeInterval(Double(n) * day))
        }
        intake(1); run(.resolve(CallID(number: 1)), start.addingTimeInterval(1.5 * day))
        intake(2, defect: "E-100"); run(.resolve(CallID(number: 2)), start.addingTimeInterval(2.5 * day))
        intake(3); run(.resolve(CallID(number: 3)), start.addingTimeInterval(3.5 * day))
        intake(4)
        let fourth = Consequences.of(state.calls[CallID(number: 4)]!, in: state)
        #expect(fourth.replacementDue == [CallID(number: 1), CallID(number: 3)], "a different defect does not count")
        #expect(fourth.inWarranty == true && fourth.warrantyEnds == LocalDate("2026-11-30"))
        run(.replaceUnit(CallID(number: 4)), start.addingTimeInterval(4.2 * day))
        run(.resolve(CallID(number: 4)), start.addingTimeInterval(4.5 * day))
        intake(5)
        let fifth = Consequences.of(state.calls[CallID(number: 5)]!, in: state)
        #expect(fifth.refundAfter == CallID(number: 4) && fifth.replacementDue == nil)
        #expect(fifth.warrantyEnds == LocalDate(start.addingTimeInterval(4.2 * day), in: Self.zone).adding(days: 364), "the replacement starts it again")
    }

    @Test func rolesComeFromTheDeskFileAndARefusalSaysWhoMay() throws {
        let roles = try DeskRoles.parse("roles:\n  supervisor: [li, zhang]\n  dispatcher: [wang]\n  viewer: [wall]\n")
        #expect(roles.role(of: "wang") == .dispatcher && roles.role(of: "nobody") == .viewer)
        let state = desk(at: Self.night, policy: try Self.policy())
        func context(_ user: String) -> CommandContext { CommandContext(now: Self.night, actor: user, timeZone: Self.zone, roles: roles) }
        #expect(throws: DeskError.self) { try state.decide(.relevel(CallID(number: 1), level: "2", reason: "r"), context("wang")) }
        do {
            _ = try state.decide(.note(CallID(number: 1), "x"), context("wall"))
            Issue.record("a viewer wrote")
        } catch {
            #expect(error.kind == .forbidden && error.message.contains("for a dispatcher (li, wang, zhang)"), "\(error.message)")
        }
        #expect((try? state.decide(.relevel(CallID(number: 1), level: "2", reason: "r"), context("li"))) != nil)
        #expect(throws: DeskError.self) { try DeskRoles.parse("roles:\n  boss: [x]\n") }
        #expect(throws: DeskError.self) { try DeskRoles.parse("roles:\n  viewer: [x]\n  supervisor: [x]\n") }
    }

    @Test(arguments: [
        ("escalations:\n  steps:\n    - {at: soon, notify: x}\n", "at 'soon'"),
        ("escalations:\n  steps:\n    - {at: breach}\n", "needs notify"),
        ("shifts: {day: nowhere}\n", "calendar 'nowhere' is not defined"),
        ("notify: {command: /usr/local/bin/desk-notify}\n", "move notify: {command, timeout, retries} to desk.yaml"),
        ("auto_dispatch: {levels: [7]}\n", "level '7'"),
        ("auto_dispatch: {unaccepted: [supervisor, manager]}\n", "unaccepted must be a single value"),
    ])
    func deskRuleMistakesAreReportedWithTheirLine(extra: String, words: String) {
        do throws(PolicyProblems) {
            _ = try PolicyParser.parse("rules:\n  - name: all\n    response: 24h\n" + extra)
            Issue.record("accepted: \(extra)")
        } catch {
            #expect(error.problems.contains { $0.message.contains(words) && $0.line > 1 }, "\(error.problems)")
        }
    }
}

@Suite struct SupervisionReviewTests {
    typealias T = SupervisionLogicTests

    func apply(_ changes: [Change], to state: inout DeskState, at: Date) {
        for change in changes { state.apply(Event(occurredAt: at, recordedAt: at, actor: "watch", change: change)) }
    }

    @Test func offersEndWhenTheCallIsAssignedPausedOrLapsedAndRoundsStartAgain() throws {
        let policy = try T.policy()
        var state = SupervisionLogicTests().desk(at: T.night, policy: policy)
        let id = CallID(number: 1)
        apply(AutoDispatch.due(in: state, at: T.night), to: &state, at: T.night)
        #expect(state.calls[id]?.dispatchRequest?.technician.rawValue == "T09")
        // Past the offer: refused, whoever asks.
        let late = CommandContext(now: T.night.addingTimeInterval(400), actor: "t", timeZone: T.zone)
        #expect(throws: DeskError.self) { try state.decide(.accept(id, nil), late) }
        // Both engineers let it lapse: a new round starts rather than stopping.
        var now = T.night
        for _ in 0..<4 {
            now = now.addingTimeInterval(301)
            apply(AutoDispatch.due(in: state, at: now), to: &state, at: now)
        }
        #expect(state.calls[id]?.dispatchRequest != nil, "still offered to someone after everyone let it lapse")
        // A dispatcher's assignment ends the offer: accept is then refused.
        apply([.assigned(id, TechnicianID("T10")!, previous: nil)], to: &state, at: now)
        #expect(state.calls[id]?.dispatchRequest == nil)
        #expect(throws: DeskError.self) { try state.decide(.accept(id, nil), CommandContext(now: now, actor: "t", timeZone: T.zone)) }
    }

    /// L1 C-0002 went to T10, lapsed, to T09, lapsed, then back to T10, and no supervisor heard
    /// of it for nine hours: once every on-call engineer has let the offer lapse, the duty
    /// supervisor is told, once, and told again every `repeat` until someone acts.
    @Test func aCallNobodyAcceptsGoesToTheSupervisorAfterAFullRoundOnce() throws {
        let policy = try T.policy()
        var state = SupervisionLogicTests().desk(at: T.night, policy: policy)
        let id = CallID(number: 1)
        func escalations(_ changes: [Change]) -> [Change] { changes.filter { if case .escalated = $0 { true } else { false } } }
        func realerts(_ changes: [Change]) -> [Change] { changes.filter { if case .realerted = $0 { true } else { false } } }
        // T09 is asked and lets it lapse: T10 has not been asked yet, so nobody is told.
        apply(AutoDispatch.due(in: state, at: T.night), to: &state, at: T.night)
        var now = T.night.addingTimeInterval(300)
        let first = AutoDispatch.due(in: state, at: now)
        #expect(first == [.requestLapsed(id, TechnicianID("T09")!)])
        apply(first, to: &state, at: now)
        now = now.addingTimeInterval(1)
        apply(AutoDispatch.due(in: state, at: now), to: &state, at: now)
        #expect(state.calls[id]?.dispatchRequest?.technician.rawValue == "T10")
        // T10 lets it lapse too: the round is complete, and the supervisor hears of it at once.
        now = now.addingTimeInterval(300)
        let round = AutoDispatch.due(in: state, at: now)
        #expect(round.contains(.requestLapsed(id, TechnicianID("T10")!)))
        let told = escalations(round)
        #expect(told.count == 1, "\(round)")
        guard case .escalated(id, let step, _, let notify)? = told.first else { Issue.record("no escalation: \(round)"); return }
        #expect(notify == "supervisor" && step == AutoDispatch.unacceptedStep)
        apply(round, to: &state, at: now)
        #expect(state.calls[id]?.pendingEscalations.count == 1)
        // Offers go on (someone may still take it), but the supervisor is told only once.
        var later = now
        for _ in 0..<6 {
            later = later.addingTimeInterval(301)
            let due = AutoDispatch.due(in: state, at: later)
            #expect(escalations(due).isEmpty, "a second round tells nobody again: \(due)")
            apply(due, to: &state, at: later)
        }
        // Until someone takes charge, the escalation alerts again every `repeat` (10 minutes).
        #expect(realerts(Escalations.due(in: state, at: now.addingTimeInterval(300), timekeeper: Timekeeper())).isEmpty)
        let again = realerts(Escalations.due(in: state, at: now.addingTimeInterval(600), timekeeper: Timekeeper()))
        #expect(again.count == 1, "\(again)")
        var acknowledged = state
        apply([.acknowledged(id)], to: &acknowledged, at: now.addingTimeInterval(60))
        #expect(realerts(Escalations.due(in: acknowledged, at: now.addingTimeInterval(1200), timekeeper: Timekeeper())).isEmpty, "a supervisor took charge")
        // An engineer accepting ends it too.
        apply([.accepted(id, TechnicianID("T09")!)], to: &state, at: later)
        #expect(realerts(Escalations.due(in: state, at: later.addingTimeInterval(3600), timekeeper: Timekeeper())).isEmpty, "someone accepted")
    }

    /// An offer that ended because the call was paused was never given its time: only an
    /// engineer who let the offer run out counts towards the round.
    @Test func anOfferEndedByAPauseIsNotALapseOfTheRound() throws {
        let policy = try T.policy()
        var state = SupervisionLogicTests().desk(at: T.night, policy: policy)
        let id = CallID(number: 1)
        apply(AutoDispatch.due(in: state, at: T.night), to: &state, at: T.night) // T09 asked
        var now = T.night.addingTimeInterval(60)
        apply([.paused(id, reason: "等客户回电")], to: &state, at: now)
        apply(AutoDispatch.due(in: state, at: now), to: &state, at: now) // T09's offer ends early
        now = now.addingTimeInterval(60)
        apply([.resumed(id)], to: &state, at: now)
        apply(AutoDispatch.due(in: state, at: now), to: &state, at: now) // T10 asked
        #expect(state.calls[id]?.dispatchRequest?.technician.rawValue == "T10")
        now = now.addingTimeInterval(300)
        let due = AutoDispatch.due(in: state, at: now)
        #expect(due == [.requestLapsed(id, TechnicianID("T10")!)], "T09 has not had the call's offer run out yet: \(due)")
    }

    @Test func whoIsToldWhenNobodyAcceptsIsThePolicysToSay() throws {
        #expect(try T.policy().desk.autoDispatch.unaccepted == "supervisor", "the duty supervisor unless the policy says otherwise")
        #expect(try PolicyParser.parse(CallboardResources.defaultPolicy()).desk.autoDispatch.unaccepted == "supervisor")
        let manager = try PolicyParser.parse("rules:\n  - name: all\n    response: 24h\nauto_dispatch: {levels: [1], outside: always, unaccepted: night manager}\n")
        #expect(manager.desk.autoDispatch.unaccepted == "night manager")
    }

    @Test func anEngineerAcceptsOnlyWhatWasOfferedToThem() throws {
        let policy = try T.policy()
        var state = SupervisionLogicTests().desk(at: T.night, policy: policy)
        apply(AutoDispatch.due(in: state, at: T.night), to: &state, at: T.night)
        let roles = try DeskRoles.parse("roles:\n  supervisor: [li]\nengineers:\n  sunqiang: T09\n  zhouting: T10\n")
        func context(_ user: String) -> CommandContext { CommandContext(now: T.night, actor: user, timeZone: T.zone, roles: roles) }
        do {
            _ = try state.decide(.accept(CallID(number: 1), nil), context("zhouting"))
            Issue.record("T10 accepted T09's offer")
        } catch {
            #expect(error.kind == .forbidden && error.message.contains("not to you (T10)"))
        }
        #expect((try? state.decide(.accept(CallID(number: 1), nil), context("sunqiang"))) != nil)
        #expect(throws: DeskError.self) { try state.decide(.note(CallID(number: 1), "x"), context("sunqiang")) }
    }

    @Test func reAlertsStopOnceThePromiseIsKept() throws {
        let policy = try T.policy()
        var state = SupervisionLogicTests().desk(at: T.night.addingTimeInterval(-6000), policy: policy) // on-site warning, not breached
        apply([.assigned(CallID(number: 1), TechnicianID("T09")!, previous: nil)], to: &state, at: T.night)
        let due = Escalations.due(in: state, at: T.night, timekeeper: Timekeeper())
        #expect(due.contains(.escalated(CallID(number: 1), step: "tell the technician", timer: .onsite, notify: "technician")))
        apply(due, to: &state, at: T.night)
        apply([.arrived(CallID(number: 1))], to: &state, at: T.night.addingTimeInterval(60))
        let later = Escalations.due(in: state, at: T.night.addingTimeInterval(1200), timekeeper: Timekeeper())
        #expect(!later.contains { if case .realerted = $0 { true } else { false } }, "the engineer arrived in time: nothing to alert about")
    }

    @Test func twoStepsWithOneNameAreRefused() {
        #expect(throws: PolicyProblems.self) {
            try PolicyParser.parse("rules:\n  - name: all\n    response: 24h\nescalations:\n  steps:\n    - {at: breach, notify: supervisor}\n    - {at: breach, after: 30m, notify: supervisor}\n")
        }
    }
}

@Suite struct UnsentNotificationTests {
    @Test func anEscalationWithoutARecordedMessageIsSentLater() throws {
        let policy = try SupervisionLogicTests.policy()
        var state = SupervisionLogicTests().desk(at: SupervisionLogicTests.night.addingTimeInterval(-9000), policy: policy)
        let at = SupervisionLogicTests.night
        for change in Escalations.due(in: state, at: at, timekeeper: Timekeeper()) {
            state.apply(Event(occurredAt: at, recordedAt: at, actor: "console", change: change))
        }
        #expect(UnsentNotifications.events(in: state, at: at.addingTimeInterval(10)).isEmpty, "give the console a moment")
        #expect(UnsentNotifications.events(in: state, at: at.addingTimeInterval(120)).count == 1)
        state.apply(Event(occurredAt: at, recordedAt: at, actor: "console", change: .notified(CallID(number: 1), step: "duty supervisor", ok: true, detail: "sent")))
        #expect(UnsentNotifications.events(in: state, at: at.addingTimeInterval(120)).isEmpty)
    }
}
