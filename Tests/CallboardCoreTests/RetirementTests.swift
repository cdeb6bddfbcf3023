import CallboardCore
import Foundation
import Testing

/// Memory bounded by the live desk: old closed calls leave memory by the journal's own time,
/// the desk still knows them, and what comes back equals what never left.
@Suite struct RetirementTests {
    /// A desk whose first call closed nine days before its latest event.
    func deskWithAnOldClosedCall() throws -> (TestDesk, old: CallID, recent: CallID) {
        var desk = TestDesk()
        let old = try desk.intake("旧客户", ago: .hours(240))
        try desk.run(.resolve(old), at: desk.ago(.hours(216)))
        try desk.run(.close(old), at: desk.ago(.hours(216)))
        let recent = try desk.intake("昨天的客户", ago: .hours(30))
        try desk.run(.resolve(recent), at: desk.ago(.hours(25)))
        try desk.run(.close(recent), at: desk.ago(.hours(24)))
        try desk.intake("今天的客户")
        return (desk, old, recent)
    }

    @Test func aCallClosedMoreThanADayAndAHalfAgoLeavesMemoryButIsStillKnown() throws {
        var (desk, old, recent) = try deskWithAnOldClosedCall()
        #expect(desk.state.retireClosedCalls() == 1)
        #expect(desk.state.calls[old] == nil)
        #expect(desk.state.retired.contains(old) && desk.state.retired.count == 1)
        #expect(desk.state.calls[recent] != nil, "closed yesterday: still whole (the board's today and yesterday)")
        #expect(desk.state.nextCallNumber == 4)
        // Its number is never given out again, and its receipt replayed twice is not a new call.
        let receipt = desk.log.first { $0.change.call == old }!
        desk.state.apply(receipt)
        #expect(desk.state.calls[old] == nil)
    }

    @Test func anEventForARetiredCallWaitsForItsHistoryAndReadmittingBringsItBackWhole() throws {
        var (desk, old, _) = try deskWithAnOldClosedCall()
        let before = desk.state
        desk.state.retireClosedCalls()
        let note = Event(occurredAt: desk.now, recordedAt: desk.now, actor: "li", change: .noted(old, "客户回访：已修好"))
        desk.state.apply(note)
        desk.log.append(note)
        #expect(desk.state.awaitingHistory == [old])
        desk.state.readmit(desk.log.filter { $0.change.call == old })
        #expect(desk.state.awaitingHistory.isEmpty && !desk.state.retired.contains(old))
        var whole = before
        whole.apply(note)
        #expect(desk.state.calls[old] == whole.calls[old], "the call as if it had never left")
        #expect(desk.state.calls[old]?.history.last == note)
        // Still closed and old: the next retirement takes it again.
        #expect(desk.state.retireClosedCalls() == 1)
    }

    @Test func theThreeGuaranteesStillSeeTheRepairsOfRetiredCalls() throws {
        var desk = TestDesk()
        func unitCall(ago: TimeInterval) throws -> CallID {
            let event = try desk.run(.intake(IntakeDraft(customer: "华联超市", phone: "021-6952 3310", summary: "打印机卡纸", level: "3", region: "city",
                                                         serial: "SN-7", defect: "卡纸")), at: desk.ago(ago))
            return event.change.call!
        }
        let first = try unitCall(ago: .hours(600)), second = try unitCall(ago: .hours(400))
        for id in [first, second] {
            try desk.run(.resolve(id), at: desk.ago(id == first ? .hours(590) : .hours(390)))
            try desk.run(.close(id), at: desk.ago(id == first ? .hours(590) : .hours(390)))
        }
        let third = try unitCall(ago: 0)
        let whole = desk.state
        desk.state.retireClosedCalls()
        #expect(desk.state.calls[first] == nil && desk.state.calls[second] == nil)
        let retired = Consequences.of(desk.state.calls[third]!, in: desk.state)
        #expect(retired.replacementDue == [first, second], "two repairs of the same defect: replace the unit")
        #expect(retired == Consequences.of(whole.calls[third]!, in: whole))
    }

    /// However a desk took its events in — all at once, in batches, retiring and reading back
    /// after each — it holds what the whole history, retired at the end, holds.
    @Test(arguments: 0..<40)
    func retirementNeverDependsOnHowTheEventsWereTakenIn(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let log = try Self.randomHistory(&random)
        var canonical = DeskState(replaying: log)
        canonical.retireClosedCalls()

        var batched = DeskState()
        var taken = 0
        while taken < log.count {
            let end = min(log.count, taken + Int.random(in: 1...12, using: &random))
            for event in log[taken..<end] { batched.apply(event) }
            taken = end
            // What JournalDesk does after each read: read back what was touched, then retire.
            for id in batched.awaitingHistory.sorted() { batched.readmit(log[..<taken].filter { $0.change.call == id }) }
            batched.retireClosedCalls()
        }
        #expect(batched == canonical, "seed \(seed): \(batched.differences(from: canonical))")
    }

    /// Calls coming and going over four weeks: closed, noted and reopened long after, on a few units.
    static func randomHistory(_ random: inout SplitMix64) throws -> [Event] {
        var desk = TestDesk()
        var at = desk.ago(.hours(28 * 24))
        var ids: [CallID] = []
        for _ in 0..<60 {
            at = min(desk.now, at.addingTimeInterval(Double.random(in: 0...(20 * 3600), using: &random)).rounded())
            let roll = Int.random(in: 0..<10, using: &random)
            if roll < 3 || ids.isEmpty {
                let event = try desk.run(.intake(IntakeDraft(customer: "客户", phone: "021-6952 3310", summary: "卡纸", level: "3", region: "city",
                                                             serial: ["SN-1", "sn-2", nil].randomElement(using: &random)!, defect: "卡纸")), at: at)
                ids.append(event.change.call!)
                continue
            }
            let id = ids.randomElement(using: &random)!
            let commands: [Command] = [.resolve(id), .close(id), .note(id, "回访"), .reopen(id, reason: "又坏了"), .cancel(id, reason: "重复")]
            _ = try? desk.run(commands[(roll - 3) % commands.count], at: at)
        }
        return desk.log
    }
}

extension Date {
    /// Whole seconds, as the journal keeps times.
    func rounded() -> Date { Date(timeIntervalSince1970: timeIntervalSince1970.rounded(.down)) }
}


extension RetirementTests {
    /// The random histories above really do retire calls and touch retired ones again.
    @Test func theRandomHistoriesRetireCallsAndTouchThemAgain() throws {
        var retired = 0, readmitted = 0
        for seed in UInt64(0)..<40 {
            var random = SplitMix64(seed: seed)
            let log = try Self.randomHistory(&random)
            var state = DeskState()
            for (index, event) in log.enumerated() {
                state.apply(event)
                readmitted += state.awaitingHistory.count
                for id in state.awaitingHistory.sorted() { state.readmit(log[...index].filter { $0.change.call == id }) }
                retired += state.retireClosedCalls()
            }
        }
        #expect(retired > 40 && readmitted > 10, "retired \(retired), read back \(readmitted)")
    }
}
