import CallboardCore
import CallboardStore
import Foundation
import Testing

/// The desk as it stood at a moment (`AsOfLog`, `--as-of`), over every way of keeping the log
/// (the file journal, and PostgreSQL when a server is there): the events recorded by then, a
/// snapshot only if taken by then, retired calls read back only as far as then, nothing written.
@Suite struct AsOfLogTests {
    static let t0 = Sample.now
    static func at(_ hours: Double) -> Date { t0.addingTimeInterval(hours * 3600) }
    static let call = CallID(number: 1), tech = TechnicianID("T03")!

    static func event(_ at: Date, recorded: Date? = nil, _ change: Change) -> Event {
        Event(occurredAt: at, recordedAt: recorded ?? at, actor: "wangfang", change: change)
    }

    /// t0: T03 and C-0001; 1 h: assigned; 3 h: an arrival recorded, said to be at 2 h.
    static func write(_ log: any EventLog, snapshotAfterIntake: Bool = false) throws {
        let desk = try JournalDesk(log: log, snapshots: .never)
        let intake = CallIntake(customer: "上海华东电气有限公司", phone: "021-6952 3310", summary: "主控服务器宕机", level: .one, region: "city")
        try desk.record(now: t0) { _ in [event(t0, .technicianAdded(Technician(id: tech, name: "王磊"))), event(t0, .callReceived(call, intake, policy: nil))] }
        if snapshotAfterIntake { _ = try DeskSnapshot.take(of: log, now: at(0.5)) }
        try desk.record(now: at(1)) { _ in [event(at(1), .assigned(call, tech, previous: nil))] }
        try desk.record(now: at(3)) { _ in [event(at(2), recorded: at(3), .arrived(call))] }
    }

    @Test(arguments: LogImplementation.all)
    func theDeskAsItStoodGoesByWhenEachEventWasRecorded(_ kind: LogImplementation) throws {
        let scratch = try kind.make()
        try Self.write(scratch.log)
        let zone = Sample.zone
        let assigned = AsOfLog(scratch.log, at: Self.at(2.5), zone: zone)
        let desk = try JournalDesk(log: assigned)
        // At 2.5 h the arrival (said to be at 2 h) was not recorded yet: assigned, not on site.
        #expect(desk.state.calls[Self.call]?.technician == Self.tech && desk.state.calls[Self.call]?.status == .assigned)
        #expect(assigned.eventsShown == 3 && assigned.earliestRecorded == Self.t0)
        let known = try JournalDesk(log: AsOfLog(scratch.log, at: Self.at(3), zone: zone))
        let whole = try JournalDesk(log: scratch.log)
        #expect(known.state.calls[Self.call]?.status == .onSite && known.state == whole.state, "at the last recording the desk is the desk")
        let before = AsOfLog(scratch.log, at: Self.at(-1), zone: zone)
        #expect(try JournalDesk(log: before).state.calls.count == 0 && before.eventsShown == 0 && before.earliestRecorded == Self.t0)

        // Nothing is written through it, and the log is as it was.
        let length = try scratch.log.read(after: .start).events.count
        #expect(throws: DeskError.self) { try desk.perform(.respond(Self.call), Sample.context()) }
        #expect(throws: DeskError.self) { _ = try assigned.compact(now: Self.at(4), actor: "x", archiveClosedBefore: nil) }
        #expect(try scratch.log.read(after: .start).events.count == length)
        var exported = 0
        try assigned.export { _, _ in exported += 1 }
        #expect(exported == 3)
    }

    @Test(arguments: LogImplementation.all)
    func aSnapshotIsUsedOnlyWhenTakenByTheMoment(_ kind: LogImplementation) throws {
        let scratch = try kind.make()
        try Self.write(scratch.log, snapshotAfterIntake: true) // taken at 0.5 h, holding the intake
        let zone = Sample.zone
        // 2.5 h: after the snapshot: it starts the desk, and the assignment is read after it.
        let later = try JournalDesk(log: AsOfLog(scratch.log, at: Self.at(2.5), zone: zone))
        #expect(later.startedFrom != nil && later.warnings.isEmpty)
        #expect(later.state.calls[Self.call]?.technician == Self.tech && later.state.calls[Self.call]?.status == .assigned)
        // 0.25 h: before the snapshot was taken: the log is read from its start, no warning.
        let earlier = try JournalDesk(log: AsOfLog(scratch.log, at: Self.at(0.25), zone: zone))
        #expect(earlier.startedFrom == nil && earlier.warnings.isEmpty)
        #expect(earlier.state.calls[Self.call]?.technician == nil && earlier.state.calls[Self.call]?.status == .new)
        let recorded = try scratch.log.read(after: .start).events.filter { $0.recordedAt <= Self.at(0.25) }
        #expect(recorded.count == 2 && earlier.state == DeskState(replaying: recorded))
    }

    @Test(arguments: LogImplementation.all)
    func aRetiredCallIsReadBackOnlyAsFarAsTheMoment(_ kind: LogImplementation) throws {
        let scratch = try kind.make()
        let desk = try JournalDesk(log: scratch.log, snapshots: .never)
        let first = CallID(number: 1), second = CallID(number: 2)
        func intake(_ customer: String) -> CallIntake { CallIntake(customer: customer, phone: "021-6952 3310", summary: "宕机", level: .one, region: "city") }
        try desk.record(now: Self.t0) { _ in [Self.event(Self.t0, .callReceived(first, intake("甲"), policy: nil))] }
        try desk.record(now: Self.at(1)) { _ in [Self.event(Self.at(1), .resolved(first)), Self.event(Self.at(1), .closed(first))] }
        // 40 h later a new call: the first, closed over 36 h before, retires.
        try desk.record(now: Self.at(41)) { _ in [Self.event(Self.at(41), .callReceived(second, intake("乙"), policy: nil))] }
        // 50 h: a note on the retired call, after the moment looked at below.
        try desk.record(now: Self.at(50)) { _ in [Self.event(Self.at(50), .noted(first, "回访：客户满意"))] }

        let past = try JournalDesk(log: AsOfLog(scratch.log, at: Self.at(45), zone: Sample.zone))
        #expect(past.state.calls[first] == nil, "retired at 41 h")
        try past.load([first])
        let history = try #require(past.state.calls[first]?.history)
        #expect(history.count == 3 && !history.contains { if case .noted = $0.change { true } else { false } }, "the note at 50 h is not there at 45 h")
        // Now, the note is there.
        let now = try JournalDesk(log: scratch.log)
        try now.load([first])
        #expect(now.state.calls[first]?.history.count == 4)
    }
}
