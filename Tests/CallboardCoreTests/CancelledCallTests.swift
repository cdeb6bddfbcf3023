import CallboardCore
import Foundation
import Testing

/// Cancelling a call withdraws the promises it still had open: they stop with the call, neither
/// kept nor broken, it owes nothing, and it counts in no compliance figure.
@Suite struct CancelledCallTests {
    static let zone = TimeZone(identifier: "Asia/Shanghai")!
    /// Monday 2026-11-23 09:00 in Shanghai.
    static let now = TimeText.parseISO("2026-11-23T09:00:00+08:00")!
    static let today = LocalDate(now, in: zone)

    static let policy = try! PolicyParser.parse("""
        rules:
          - response: 24h
            onsite: 12h
            restore: {within: 24h, breach: substitute owed}
        """)

    struct Desk {
        var state = DeskState()
        mutating func run(_ command: Command, at: Date) throws {
            let context = CommandContext(now: CancelledCallTests.now, at: at, actor: "li", timeZone: CancelledCallTests.zone,
                                         policy: CancelledCallTests.policy)
            for event in try state.decide(command, context) { state.apply(event) }
        }
        mutating func intake(at: Date, serial: String? = nil) throws -> CallID {
            try run(.intake(IntakeDraft(customer: "乙", phone: "138 0013 8000", summary: "卡纸", level: "4", region: "city",
                                        serial: serial, defect: serial.map { _ in "E-302" })), at: at)
            return CallID(number: state.nextCallNumber - 1)
        }
        func call(_ id: CallID) -> ServiceCall { state.calls[id]! }
        func readings(_ id: CallID, at: Date) -> [TimerName: TimerReading] {
            Dictionary(uniqueKeysWithValues: Timekeeper().timers(for: call(id), in: state, at: at).map { ($0.name, $0) })
        }
    }

    @Test func aCallCancelledBeforeItsDeadlinesHasEveryTimerWithdrawnAndOwesNothingADayLater() throws {
        var desk = Desk()
        let received = Self.now.addingTimeInterval(-.hours(24) + 20) // its response and restore fall due in 20 seconds
        let id = try desk.intake(at: received)
        try desk.run(.cancel(id, reason: "duplicate"), at: Self.now)
        let later = Self.now.addingTimeInterval(.hours(1))
        let timers = desk.readings(id, at: later)
        #expect(timers.values.map(\.state).allSatisfy { $0 == .withdrawn }, "\(timers.mapValues(\.state))")
        #expect(timers[.restore]?.stoppedAt == Self.now && timers[.restore]?.owed == nil)
        #expect(timers[.response]?.remaining == 20, "the margin the promise still had when it was withdrawn")
        #expect(Owed.of(desk.call(id), in: desk.state, timekeeper: Timekeeper(), at: later).isEmpty)
        #expect(desk.call(id).status == .cancelled)
        let compliance = Compliance.outcomes(in: desk.state, timekeeper: Timekeeper(), at: later, days: Self.today...Self.today, zone: Self.zone)
        #expect(compliance.allSatisfy { $0.decided == 0 }, "a withdrawn promise is neither met nor missed: \(compliance)")
        #expect(Escalations.due(in: desk.state, at: later, timekeeper: Timekeeper()).isEmpty)
    }

    @Test func aPromiseAlreadyBrokenWhenTheCallIsCancelledIsWithdrawnTooAndOwesNothing() throws {
        var desk = Desk()
        let id = try desk.intake(at: Self.now.addingTimeInterval(-.hours(30))) // response and restore six hours overdue
        try desk.run(.cancel(id, reason: "customer withdrew the request"), at: Self.now)
        let timers = desk.readings(id, at: Self.now.addingTimeInterval(60))
        #expect(timers[.restore]?.state == .withdrawn && timers[.restore]?.owed == nil)
        #expect(timers[.restore]?.remaining == -6 * 3600, "it was six hours overdue when it was withdrawn")
        #expect(Owed.of(desk.call(id), in: desk.state, timekeeper: Timekeeper(), at: Self.now).isEmpty)
    }

    @Test func whatWasDecidedBeforeTheCancelStaysOnTheCallButACancelledCallCountsInNoCompliance() throws {
        var desk = Desk()
        let id = try desk.intake(at: Self.now.addingTimeInterval(-.hours(2)))
        try desk.run(.respond(id), at: Self.now.addingTimeInterval(-.hours(1)))
        try desk.run(.cancel(id, reason: "logged twice"), at: Self.now)
        let timers = desk.readings(id, at: Self.now)
        #expect(timers[.response]?.state == .met, "the customer was called back in time: that happened")
        #expect(timers[.onsite]?.state == .withdrawn && timers[.restore]?.state == .withdrawn)
        let compliance = Compliance.outcomes(in: desk.state, timekeeper: Timekeeper(), at: Self.now, days: Self.today...Self.today, zone: Self.zone)
        #expect(compliance.allSatisfy { $0.decided == 0 }, "a cancelled call is no service the desk gave: \(compliance)")
    }

    @Test func aCancelledRepeatRepairOwesNoReplacement() throws {
        var desk = Desk()
        for day in [10.0, 8.0] {
            let id = try desk.intake(at: Self.now.addingTimeInterval(-.hours(24 * day)), serial: "SN1")
            try desk.run(.resolve(id), at: Self.now.addingTimeInterval(-.hours(24 * day - 2)))
        }
        let third = try desk.intake(at: Self.now.addingTimeInterval(-.hours(2)), serial: "SN1")
        #expect(Owed.of(desk.call(third), in: desk.state, timekeeper: Timekeeper(), at: Self.now).contains { if case .replacement = $0 { true } else { false } })
        try desk.run(.cancel(third, reason: "duplicate of the call on the phone now"), at: Self.now)
        #expect(Owed.of(desk.call(third), in: desk.state, timekeeper: Timekeeper(), at: Self.now).isEmpty)
        #expect(Consequences.of(desk.call(third), in: desk.state).replacementDue == nil)
    }

    @Test func aReopenedCallHasItsPromisesBackAsIfItHadNeverBeenCancelled() throws {
        var desk = Desk()
        let id = try desk.intake(at: Self.now.addingTimeInterval(-.hours(20)))
        try desk.run(.cancel(id, reason: "duplicate"), at: Self.now.addingTimeInterval(-.hours(10)))
        try desk.run(.reopen(id, reason: "not a duplicate after all"), at: Self.now)
        let timers = desk.readings(id, at: Self.now)
        #expect(timers[.response]?.state.isRunning == true && timers[.response]?.remaining == 4 * 3600,
                "the customer was waiting all along: the time it was cancelled counts")
        #expect(desk.call(id).status == .new)
    }
}
