import CallboardCore
import Foundation
import Testing

/// The general promise of the service letters: a response within 24 hours and an engineer on
/// site within 12 hours of the report, counted round the clock. Calls from journals written
/// before the desk's policy was recorded stay timed this way.
@Suite struct GeneralPromiseTests {
    func readings(_ desk: TestDesk, _ id: CallID) -> [TimerName: TimerReading] {
        Dictionary(uniqueKeysWithValues: Timekeeper().timers(for: desk.state.calls[id]!, in: desk.state, at: desk.now).map { ($0.name, $0) })
    }

    @Test func aCallReceivedMonday0900IsDueAResponseTuesday0900AndAnEngineerMonday2100() throws {
        var desk = TestDesk()
        let id = try desk.intake()
        let timers = readings(desk, id)
        #expect(TimeText.iso(timers[.response]!.deadline!, in: TestDesk.shanghai) == "2026-11-24T09:00:00+08:00")
        #expect(TimeText.iso(timers[.onsite]!.deadline!, in: TestDesk.shanghai) == "2026-11-23T21:00:00+08:00")
        #expect(timers[.restore] == nil) // the general promise made no restore promise
        #expect(timers[.response]!.remaining == 24 * 3600)
        #expect(timers[.onsite]!.state == .running)
    }

    @Test func aTimerWarnsOnceThreeQuartersOfItsTargetHaveGone() throws {
        var desk = TestDesk()
        let id = try desk.intake(ago: .hours(9) - 1)
        #expect(readings(desk, id)[.onsite]!.state == .running)
        desk.now += 1
        #expect(readings(desk, id)[.onsite]!.state == .warning)
        #expect(readings(desk, id)[.onsite]!.remaining == 3 * 3600)
    }

    @Test func aTimerRunningPastItsDeadlineIsBreachedWithNegativeTimeLeft() throws {
        var desk = TestDesk()
        let id = try desk.intake(ago: .hours(12))
        #expect(readings(desk, id)[.onsite]!.state == .warning) // exactly at the deadline: not yet late
        desk.now += 90
        let onsite = readings(desk, id)[.onsite]!
        #expect(onsite.state == .breached)
        #expect(onsite.remaining == -90)
    }

    @Test func anArrivalInTimeMeetsTheOnSitePromiseAndALateOneMissesIt() throws {
        var desk = TestDesk()
        try desk.addTechnician("T01")
        let early = try desk.intake(ago: .hours(20))
        try desk.run(.assign(early, TechnicianID("T01")!, reassign: false), at: desk.ago(.hours(19)))
        try desk.run(.arrive(early), at: desk.ago(.hours(9)))
        let met = readings(desk, early)[.onsite]!
        #expect(met.state == .met)
        #expect(met.remaining == 3600)
        #expect(met.stoppedAt == desk.ago(.hours(9)))

        let late = try desk.intake(ago: .hours(20))
        try desk.run(.assign(late, TechnicianID("T01")!, reassign: false), at: desk.ago(.hours(19)))
        try desk.run(.arrive(late), at: desk.ago(.hours(7)))
        #expect(readings(desk, late)[.onsite]!.state == .missed)
        #expect(readings(desk, late)[.onsite]!.remaining == -3600)
    }

    @Test func anEngineerOnSiteAlsoAnswersTheCustomer() throws {
        var desk = TestDesk()
        try desk.addTechnician("T01")
        let id = try desk.intake(ago: .hours(3))
        try desk.run(.assign(id, TechnicianID("T01")!, reassign: false), at: desk.ago(.hours(2)))
        try desk.run(.arrive(id), at: desk.ago(.hours(1)))
        let response = readings(desk, id)[.response]!
        #expect(response.state == .met)
        #expect(response.stoppedAt == desk.ago(.hours(1)))
    }

    @Test func aFixByPhoneStopsBothTimers() throws {
        var desk = TestDesk()
        let id = try desk.intake(ago: .hours(3))
        try desk.run(.respond(id), at: desk.ago(.hours(2)))
        try desk.run(.resolve(id), at: desk.ago(.hours(1)))
        let timers = readings(desk, id)
        #expect(timers[.response]!.stoppedAt == desk.ago(.hours(2)))
        #expect(timers[.onsite]!.state == .met)
        #expect(timers[.onsite]!.stoppedAt == desk.ago(.hours(1)))
    }

    @Test func breachedCallsLeadTheQueueAndResolvedOnesTrail() throws {
        var desk = TestDesk()
        let fresh = try desk.intake("fresh", ago: .minutes(5))
        let resolved = try desk.intake("resolved", ago: .hours(30))
        try desk.run(.resolve(resolved))
        let late = try desk.intake("late", ago: .hours(13))
        let soon = try desk.intake("soon", ago: .hours(10))
        let order = Urgency.sorted(desk.state.openCalls, in: desk.state, timekeeper: Timekeeper(), at: desk.now).map(\.id)
        #expect(order == [late, soon, fresh, resolved])
    }
}
