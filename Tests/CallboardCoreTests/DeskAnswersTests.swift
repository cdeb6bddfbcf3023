import CallboardCore
import Foundation
import Testing

/// The answers the screens share, each worked out in one place in the core: what a call owes,
/// who is on duty, and how many promises were kept.
@Suite struct OwedTests {
    static let zone = TimeZone(identifier: "Asia/Shanghai")!
    /// Monday 2026-11-23 09:00 in Shanghai.
    static let now = TimeText.parseISO("2026-11-23T09:00:00+08:00")!

    static let policy = try! PolicyParser.parse("""
        rules:
          - response: 24h
            onsite: 12h
            restore: {within: 24h, breach: substitute owed}
        """)

    func desk(replacingThird: Bool = false) -> DeskState {
        var state = DeskState()
        let day = 86_400.0, start = Self.now.addingTimeInterval(-10 * day)
        func run(_ command: Command, _ at: Date) {
            for event in try! state.decide(command, CommandContext(now: Self.now, at: at, actor: "t", timeZone: Self.zone, policy: Self.policy)) { state.apply(event) }
        }
        func intake(_ n: Int) {
            run(.intake(IntakeDraft(customer: "乙", phone: "021-5953 1276", summary: "卡纸", serial: "SN1", defect: "E-302")),
                start.addingTimeInterval(Double(n) * day))
        }
        intake(1); run(.resolve(CallID(number: 1)), start.addingTimeInterval(1.5 * day))
        intake(2); run(.resolve(CallID(number: 2)), start.addingTimeInterval(2.5 * day))
        intake(3) // back again, seven days ago: its restore promise broke six days ago
        if replacingThird {
            run(.replaceUnit(CallID(number: 3)), start.addingTimeInterval(3.2 * day))
            run(.resolve(CallID(number: 3)), start.addingTimeInterval(3.5 * day))
            intake(4)
        }
        return state
    }

    @Test func aCallOwesItsBrokenPromisesConsequencesThenAReplacementWithTheRepairsThatMakeItDue() {
        let state = desk()
        let call = state.calls[CallID(number: 3)]!
        let owed = Owed.of(call, in: state, timekeeper: Timekeeper(), at: Self.now)
        #expect(owed == [.consequence(timer: .restore, "substitute owed"), .replacement(repairs: [CallID(number: 1), CallID(number: 2)])])
        #expect(Owed.of(state.calls[CallID(number: 1)]!, in: state, timekeeper: Timekeeper(), at: Self.now).isEmpty, "fixed in time: nothing owed")
    }

    @Test func afterAReplacementTheSameDefectIsARefundNotAnotherReplacement() {
        let state = desk(replacingThird: true)
        let owed = Owed.of(state.calls[CallID(number: 4)]!, in: state, timekeeper: Timekeeper(), at: Self.now)
        #expect(owed == [.consequence(timer: .restore, "substitute owed"), .refund(replacedOn: CallID(number: 3))])
    }
}

@Suite struct DutyStatusTests {
    static let zone = TimeZone(identifier: "Asia/Shanghai")!
    /// Sunday 2026-11-29 10:00 and 22:00 in Shanghai.
    static let morning = TimeText.parseISO("2026-11-29T10:00:00+08:00")!
    static let evening = TimeText.parseISO("2026-11-29T22:00:00+08:00")!

    func technician(_ shift: Shift) -> Technician {
        Technician(id: TechnicianID("T01")!, name: "王磊", region: nil, skills: [], shift: shift, phone: nil)
    }

    @Test func eachShiftIsOnDutyInItsHoursAndOnCallEngineersAreOnCall() {
        let state = DeskState()
        #expect(state.dutyStatus(of: technician(.day), at: Self.morning, zone: Self.zone) == .onShift)
        #expect(state.dutyStatus(of: technician(.day), at: Self.evening, zone: Self.zone) == .offShift)
        #expect(state.dutyStatus(of: technician(.night), at: Self.evening, zone: Self.zone) == .onShift)
        #expect(state.dutyStatus(of: technician(.oncall), at: Self.evening, zone: Self.zone) == .onCall)
        #expect(DutyStatus.onCall.isOnDuty && !DutyStatus.offShift.isOnDuty)
        let roster = [technician(.day), technician(.night), technician(.oncall), technician(.oncall)]
        #expect(state.dutyHours(at: Self.evening, zone: Self.zone).counts(roster) == (onShift: 1, onCall: 2))
        #expect(state.dutyHours(at: Self.morning, zone: Self.zone).counts(roster) == (onShift: 1, onCall: 2))
    }

    @Test func anOnCallEngineerOutsideTheOnCallCalendarIsOffShiftForTheRankingToo() throws {
        let policy = try PolicyParser.parse("""
            calendars:
              weekends:
                hours: {sat-sun: 00:00-24:00}
            shifts: {oncall: weekends}
            rules:
              - response: 24h
            """)
        var state = DeskState()
        let monday = TimeText.parseISO("2026-11-30T22:00:00+08:00")!
        let context = CommandContext(now: monday, actor: "t", timeZone: Self.zone, policy: policy)
        for command: Command in [.addTechnician(TechnicianDraft(id: "T09", name: "孙强", shift: "oncall")),
                                 .intake(IntakeDraft(customer: "甲", phone: "021-6952 3310", summary: "宕机", level: "1"))] {
            for event in try state.decide(command, context) { state.apply(event) }
        }
        let engineer = try #require(state.technicians[TechnicianID("T09")!])
        #expect(state.dutyStatus(of: engineer, at: monday, zone: Self.zone) == .offShift)
        #expect(state.dutyStatus(of: engineer, at: Self.evening, zone: Self.zone) == .onCall)
        let ranked = AssignmentRanking.rank(for: state.calls[CallID(number: 1)]!, in: state, at: monday, zone: Self.zone)
        #expect(ranked.first?.duty == .offShift && ranked.first?.eligible == false)
    }
}

@Suite struct ComplianceTests {
    static let policy = try! PolicyParser.parse(PolicyTimerTests.followUpPolicy)

    @Test func promisesCountOnTheDayTheyWereKeptOrBrokenPerTimerInThePolicysOrder() throws {
        var desk = TestDesk()
        desk.policy = Self.policy
        desk.now = TimeText.parseISO("2026-11-23T09:00:00+08:00")!
        let kept = try desk.intake(ago: .hours(1))
        let late = try desk.intake(ago: .hours(30)) // Sunday 03:00: its response broke Monday 03:00
        try desk.run(.respond(kept))
        try desk.run(.resolve(kept))
        let today = LocalDate(desk.now, in: TestDesk.shanghai)
        let outcomes = Compliance.outcomes(in: desk.state, timekeeper: Timekeeper(), at: desk.now, days: today...today, zone: TestDesk.shanghai)
        #expect(outcomes.map(\.timer.rawValue) == ["response", "onsite", "restore", "follow_up"])
        #expect(outcomes[0] == TimerOutcomes(timer: .response, met: 1, missed: 1))
        #expect(outcomes[0].share == 0.5)
        #expect(outcomes[1] == TimerOutcomes(timer: .onsite, met: 1, missed: 0), "late's on-site promise broke yesterday")
        #expect(outcomes[3].decided == 0 && outcomes[3].share == nil, "listed even with nothing decided")
        let weekend = LocalDate("2026-11-22")!
        let sunday = Compliance.outcomes(in: desk.state, timekeeper: Timekeeper(), at: desk.now, days: weekend...weekend, zone: TestDesk.shanghai)
        #expect(sunday[1] == TimerOutcomes(timer: .onsite, missed: 1))
        _ = late
    }
}
