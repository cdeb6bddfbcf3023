import CallboardCore
import CallboardResources
import Foundation
import Testing

/// What the cold review of issue 14 found, each first a failing test.
@Suite struct Issue14ReviewTests {
    func desk() throws -> TestDesk {
        var desk = TestDesk()
        desk.policy = try PolicyParser.parse(CallboardResources.defaultPolicy())
        try desk.run(.addCustomer(CustomerTests.huadong), at: desk.ago(.hours(200)))
        try desk.run(.recordUnit(UnitDraft(customer: "K001", serial: "SN-A001", product: "UPS-3000")), at: desk.ago(.hours(200)))
        return desk
    }

    /// A call recorded late looks back from its own moment: a call closed 80 h before now but
    /// within 72 h of it has retired from memory, and is read back to be found.
    @Test func aBackdatedIntakeFindsTheRepeatAmongRetiredCalls() throws {
        var desk = try desk()
        let old = try desk.run(.intake(IntakeDraft(phone: "13800138000", summary: "UPS", serial: "SN-A001")), at: desk.ago(.hours(100))).change.call!
        try desk.run(.resolve(old), at: desk.ago(.hours(90)))
        try desk.run(.close(old), at: desk.ago(.hours(80)))
        try desk.run(.note(old, "回访：正常"), at: desk.ago(.hours(80)))
        try desk.addTechnician("T01")
        try desk.run(.addCustomer(CustomerDraft(id: "K9", name: "新客户", phones: ["13900000009"])))  // the desk's latest event: now
        #expect(desk.state.retireClosedCalls() == 1, "closed 80 h before the latest event: retired")
        let draft = IntakeDraft(phone: "13800138000", summary: "又坏了", serial: "ｓｎ－ａ００１")
        #expect(desk.state.retiredCandidates(for: draft) == [old])
        desk.state.readmit(desk.log.filter { $0.change.call == old })
        let event = try desk.run(.intake(draft), at: desk.ago(.hours(79)))
        guard case .callReceived(_, let intake, _) = event.change else { Issue.record("not an intake"); return }
        #expect(intake.related == [RelatedCall(call: old, reason: .repeatSameUnit)])
        #expect(intake.serial == "sn-a001" && intake.customerID == CustomerID("K001"), "full-width typing is the same unit")
    }

    @Test func aFullWidthSerialIsTheSameUnitNotASecondOne() throws {
        var desk = try desk()
        try desk.run(.addCustomer(CustomerDraft(id: "K2", name: "其他公司", phones: ["13700000000"])))
        let refused = desk.refusal(.recordUnit(UnitDraft(customer: "K2", serial: "ＳＮ－Ａ００１")))
        #expect(refused?.field == .serial && refused?.message.contains("K001") == true)
        // The unit's owner decides over the phone's: its repairs are what 三包 counts.
        let event = try desk.run(.intake(IntakeDraft(phone: "13700000000", summary: "x", serial: "ＳＮ－Ａ００１")))
        guard case .callReceived(_, let intake, _) = event.change else { Issue.record("not an intake"); return }
        #expect(intake.customerID == CustomerID("K001") && intake.product == "UPS-3000")
    }

    @Test func aRepeatExactlyAtTheWindowsEndIsNotOne() throws {
        var desk = try desk()
        let old = try desk.run(.intake(IntakeDraft(phone: "13800138000", summary: "UPS", serial: "SN-A001")), at: desk.ago(.hours(80)))
            .change.call!
        try desk.run(.resolve(old), at: desk.ago(.hours(73)))
        try desk.run(.close(old), at: desk.ago(.hours(72)))
        let event = try desk.run(.intake(IntakeDraft(phone: "13800138000", summary: "x", serial: "SN-A001")))
        guard case .callReceived(_, let intake, _) = event.change else { Issue.record("not an intake"); return }
        #expect(intake.related.isEmpty, "closed 72 h before: not less than 72 h")
    }

    @Test func aContactsNumberOfAnotherCustomerIsNamedAsTheContact() throws {
        let desk = try desk()
        let refused = desk.refusal(.addCustomer(CustomerDraft(id: "K3", name: "x", phones: ["13100000000"], contacts: ["赵工 138 0013 8000"])))
        #expect(refused?.field == .contact && refused?.message.contains("K001") == true)
    }

    @Test func anEngineerWithOpenCallsIsNotRetiredUntilTheyAreReassigned() throws {
        var desk = try desk()
        try desk.addTechnician("T01")
        let call = try desk.intake()
        try desk.run(.assign(call, TechnicianID("T01")!, reassign: false))
        let refused = desk.refusal(.retireTechnician(TechnicianID("T01")!))
        #expect(refused?.kind == .refused && refused?.message.contains("\(call)") == true && refused?.message.contains("--reassign") == true)
        try desk.run(.resolve(call))
        try desk.run(.retireTechnician(TechnicianID("T01")!))
    }
}
