import CallboardCore
import Foundation
import Testing

@Suite struct CallLifecycleTests {
    @Test func aCallMovesFromNewToClosedThroughEveryStatus() throws {
        var desk = TestDesk()
        try desk.addTechnician("T03")
        let id = try desk.intake(ago: .hours(5))
        #expect(desk.state.calls[id]?.status == .new)
        try desk.run(.respond(id), at: desk.ago(.hours(4.5)))
        #expect(desk.state.calls[id]?.status == .responded)
        try desk.run(.assign(id, TechnicianID("T03")!, reassign: false), at: desk.ago(.hours(4)))
        #expect(desk.state.calls[id]?.status == .assigned)
        try desk.run(.depart(id), at: desk.ago(.hours(3)))
        #expect(desk.state.calls[id]?.status == .enRoute)
        try desk.run(.arrive(id), at: desk.ago(.hours(2)))
        #expect(desk.state.calls[id]?.status == .onSite)
        try desk.run(.note(id, "已更换电源模块"))
        try desk.run(.resolve(id))
        #expect(desk.state.calls[id]?.status == .resolved)
        try desk.run(.close(id))
        #expect(desk.state.calls[id]?.status == .closed)
        #expect(desk.state.calls[id]?.history.count == 8)
        #expect(desk.state.openCalls.isEmpty)
    }

    @Test func callsAreNumberedInOrderOfIntake() throws {
        var desk = TestDesk()
        #expect(try desk.intake() == CallID(number: 1))
        #expect(try desk.intake() == CallID(number: 2))
        #expect(try desk.intake().description == "C-0003")
    }

    @Test func replayingTheEventsRebuildsTheSameDesk() throws {
        var desk = TestDesk()
        try desk.addTechnician("T01")
        let id = try desk.intake(ago: .hours(1))
        try desk.run(.assign(id, TechnicianID("T01")!, reassign: false))
        try desk.run(.note(id, "客户要求下午上门"))
        #expect(DeskState(replaying: desk.log) == desk.state)
        #expect(DeskState(replaying: desk.log.prefix(2)).calls[id]?.status == .new)
    }

    @Test func arrivingBeforeAnyoneIsAssignedIsRefused() throws {
        var desk = TestDesk()
        let id = try desk.intake()
        let error = try #require(desk.refusal(.arrive(id)))
        #expect(error.kind == .refused)
        #expect(error.message.contains("assign one first"))
        #expect(desk.refusal(.depart(id))?.kind == .refused)
    }

    @Test func respondingTwiceIsRefusedSayingWhenAndByWhom() throws {
        var desk = TestDesk()
        let id = try desk.intake(ago: .hours(1))
        try desk.run(.respond(id), at: desk.ago(.minutes(30)), actor: "lihua")
        let error = try #require(desk.refusal(.respond(id)))
        #expect(error.message.contains("already responded to at 11-23 08:30 by lihua"))
    }

    @Test func aCallAlreadyAssignedIsRefusedUnlessReassigned() throws {
        var desk = TestDesk()
        try desk.addTechnician("T03", name: "张伟")
        try desk.addTechnician("T04", name: "陈静")
        let id = try desk.intake(ago: .hours(1))
        try desk.run(.assign(id, TechnicianID("T04")!, reassign: false), at: desk.ago(.minutes(58)), actor: "wang")
        let error = try #require(desk.refusal(.assign(id, TechnicianID("T03")!, reassign: false)))
        #expect(error.message == "\(id) is already assigned to T04 陈静 by wang at 11-23 08:02; use --reassign to hand it to T03")
        #expect(desk.refusal(.assign(id, TechnicianID("T04")!, reassign: true))?.message.contains("already assigned to T04") == true)
        try desk.run(.depart(id))
        try desk.run(.assign(id, TechnicianID("T03")!, reassign: true))
        #expect(desk.state.calls[id]?.technician == TechnicianID("T03"))
        // The new technician has not set off yet.
        #expect(desk.state.calls[id]?.status == .assigned)
        try desk.run(.arrive(id))
        #expect(desk.refusal(.assign(id, TechnicianID("T04")!, reassign: true))?.message.contains("already on site") == true)
    }

    @Test func assigningToSomeoneNotOnTheRosterIsRefused() throws {
        var desk = TestDesk()
        let id = try desk.intake()
        let error = try #require(desk.refusal(.assign(id, TechnicianID("T99")!, reassign: false)))
        #expect(error.kind == .notFound)
        #expect(error.field == .technician)
        #expect(error.message.contains("callboard tech add T99"))
    }

    @Test func unknownCallsAreNotFound() {
        let desk = TestDesk()
        for command: Command in [.respond(CallID(number: 9)), .close(CallID(number: 9)), .note(CallID(number: 9), "x")] {
            #expect(desk.refusal(command)?.kind == .notFound)
            #expect(desk.refusal(command)?.message.contains("no call C-0009") == true)
        }
    }

    @Test func closingNeedsAResolutionAndNothingMovesAClosedCall() throws {
        var desk = TestDesk()
        try desk.addTechnician("T01")
        let id = try desk.intake(ago: .hours(1))
        #expect(desk.refusal(.close(id))?.message.contains("not resolved") == true)
        try desk.run(.resolve(id))
        #expect(desk.refusal(.resolve(id))?.message.contains("resolved at") == true)
        #expect(desk.refusal(.assign(id, TechnicianID("T01")!, reassign: false))?.kind == .refused)
        try desk.run(.close(id))
        #expect(desk.refusal(.close(id))?.message.contains("already closed") == true)
        #expect(desk.refusal(.respond(id))?.message.contains("closed at") == true)
        // A follow-up call to the customer can still be noted.
        try desk.run(.note(id, "回访：客户满意"))
    }

    @Test func eventsCannotBeRecordedInTheFutureOrBeforeTheCallsLastEvent() throws {
        var desk = TestDesk()
        let id = try desk.intake(ago: .hours(2))
        let future = try #require(desk.refusal(.respond(id), at: desk.now.addingTimeInterval(1)))
        #expect(future.field == .at)
        #expect(future.message.contains("in the future"))
        try desk.run(.respond(id), at: desk.ago(.hours(1)))
        let past = try #require(desk.refusal(.note(id, "x"), at: desk.ago(.hours(1.5))))
        #expect(past.field == .at)
        #expect(past.message.contains("before C-0001's last event at 2026-11-23 08:00:00"))
        // Exactly at the last event is fine: two things can happen in the same second.
        try desk.run(.note(id, "x"), at: desk.ago(.hours(1)))
    }

    @Test func aTimeMoreThanThirtyDaysAgoIsRefusedAsAProbableTypo() throws {
        var desk = TestDesk()
        let typo = try #require(desk.refusal(.intake(IntakeDraft(customer: "A", phone: "138 0013 8000", summary: "x")),
                                             at: TimeText.parseISO("2016-11-23T09:00:00+08:00")))
        #expect(typo.field == .at)
        #expect(typo.message.contains("more than 30 days ago"))
        try desk.intake(ago: 30 * 86_400)
    }

    @Test func aDuplicateTechnicianIsRefused() throws {
        var desk = TestDesk()
        try desk.addTechnician("T01", name: "王磊")
        let error = try #require(desk.refusal(.addTechnician(TechnicianDraft(id: "t01", name: "Other"))))
        #expect(error.message == "technician T01 already exists (王磊); change their record with: callboard tech edit T01")
    }
}
