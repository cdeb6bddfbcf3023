import CallboardCore
import CallboardResources
import Foundation
import Testing

/// Customers and their units as records; intake filling in what the desk knows of a caller; and
/// the calls a new one may be about (a possible duplicate, or a repeat).
@Suite struct CustomerTests {
    static let huadong = CustomerDraft(id: "K001", name: "上海华东电气有限公司", phones: ["021-6952 3310"], address: "上海市浦东新区张江路 88 号",
                                       contacts: ["李工 138 0013 8000", "王经理：139 1234 5678"])

    func deskWithACustomer() throws -> TestDesk {
        var desk = TestDesk()
        try desk.run(.addCustomer(Self.huadong), at: desk.ago(.hours(200)))
        try desk.run(.recordUnit(UnitDraft(customer: "k001", serial: "SN-7781", product: "UPS-3000", purchased: "2026-03-01")), at: desk.ago(.hours(200)))
        return desk
    }

    func intake(_ desk: inout TestDesk, _ draft: IntakeDraft, ago: TimeInterval = 0) throws -> CallIntake {
        let event = try desk.run(.intake(draft), at: desk.ago(ago))
        guard case .callReceived(_, let intake, _) = event.change else { throw DeskError.noSuchCall(CallID(number: 0)) }
        return intake
    }

    @Test func aCustomerIsARecordWithNumbersContactsAndUnits() throws {
        let desk = try deskWithACustomer()
        let customer = try #require(desk.state.customers[CustomerID("K001")!])
        #expect(customer.contacts == [Contact(name: "李工", phone: "138 0013 8000"), Contact(name: "王经理", phone: "139 1234 5678")])
        #expect(customer.units == [CustomerUnit(serial: "SN-7781", product: "UPS-3000", purchased: LocalDate("2026-03-01"))])
        // Found by any of its numbers however written, and by the unit's serial in any case.
        #expect(desk.state.customers.customer(phone: "+86 21 6952 3310")?.id == customer.id)
        #expect(desk.state.customers.customer(phone: "13800138000")?.id == customer.id)
        #expect(desk.state.customers.customer(phone: "１３８ ００１３ ８０００")?.id == customer.id)
        #expect(desk.state.customers.customer(phone: "021-6952 3311") == nil)
        #expect(desk.state.customers.customer(serial: "sn-7781")?.id == customer.id)
    }

    @Test func badCustomerInputIsRefusedNamingTheField() throws {
        var desk = try deskWithACustomer()
        let again = desk.refusal(.addCustomer(Self.huadong))
        #expect(again?.kind == .refused && again?.message.contains("customer edit K001") == true)
        let six = CustomerDraft(id: "K2", name: "x", phones: ["13700000000"], contacts: (1...6).map { "张\($0) 1370000000\($0)" })
        #expect(desk.refusal(.addCustomer(six))?.field == .contact)
        #expect(desk.refusal(.addCustomer(CustomerDraft(id: "K2", name: "x", phones: ["13700000000"], contacts: ["李工"])))?.field == .contact)
        #expect(desk.refusal(.addCustomer(CustomerDraft(id: "K2", name: "x")))?.field == .phone)
        #expect(desk.refusal(.addCustomer(CustomerDraft(id: "K 2", name: "x", phones: ["13700000000"])))?.field == .id)
        // One number leads to one customer: a contact's number cannot be another customer's.
        let taken = desk.refusal(.addCustomer(CustomerDraft(id: "K2", name: "x", phones: ["+86 138-0013-8000"])))
        #expect(taken?.field == .phone && taken?.message.contains("K001") == true)
        #expect(desk.refusal(.editCustomer(CustomerDraft(id: "K001")))?.kind == .invalidInput)
        #expect(desk.refusal(.editCustomer(CustomerDraft(id: "K404", name: "x")))?.kind == .notFound)
        #expect(desk.refusal(.recordUnit(UnitDraft(customer: "K404", serial: "S")))?.kind == .notFound)
        #expect(desk.refusal(.recordUnit(UnitDraft(customer: "K001", serial: "S", purchased: "2026-03-01", warrantyUntil: "2026-02-01")))?.field == .warranty)
        try desk.run(.addCustomer(CustomerDraft(id: "K2", name: "其他公司", phones: ["13700000000"])))
        let theirs = desk.refusal(.recordUnit(UnitDraft(customer: "K2", serial: "sn-7781")))
        #expect(theirs?.field == .serial && theirs?.message.contains("K001") == true)
    }

    @Test func anEditChangesOnlyWhatItGivesAndKeepsTheUnits() throws {
        var desk = try deskWithACustomer()
        try desk.run(.editCustomer(CustomerDraft(id: "K001", phones: ["021-6952 3310", "021-6952 3399"], address: "")))
        let customer = try #require(desk.state.customers[CustomerID("K001")!])
        #expect(customer.name == "上海华东电气有限公司" && customer.address == nil && customer.phones.count == 2)
        #expect(customer.contacts.count == 2 && customer.units.count == 1)
        #expect(desk.state.customers.customer(phone: "02169523399")?.id == customer.id)
        try desk.run(.editCustomer(CustomerDraft(id: "K001", clearContacts: true)))
        #expect(desk.state.customers.customer(phone: "13800138000") == nil, "a removed contact's number no longer finds them")
    }

    @Test func intakeFillsInWhatTheDeskKnowsOfTheCaller() throws {
        var desk = try deskWithACustomer()
        // A contact calls about the unit: the customer, the site, who called and the unit's facts.
        let byContact = try intake(&desk, IntakeDraft(phone: "138 0013 8000", summary: "UPS 报警", serial: "sn-7781"))
        #expect(byContact.customer == "上海华东电气有限公司" && byContact.customerID == CustomerID("K001"))
        #expect(byContact.address == "上海市浦东新区张江路 88 号")
        #expect(byContact.contact == Contact(name: "李工", phone: "138 0013 8000"))
        #expect(byContact.product == "UPS-3000" && byContact.purchased == LocalDate("2026-03-01"))
        // By the customer's ID typed as the customer; what is typed wins over the record.
        let byID = try intake(&desk, IntakeDraft(customer: "k001", phone: "13900000000", summary: "x", address: "仓库", contact: "赵工 13700000001"))
        #expect(byID.customer == "上海华东电气有限公司" && byID.customerID == CustomerID("K001") && byID.address == "仓库")
        #expect(byID.contact == Contact(name: "赵工", phone: "13700000001"))
        // A stranger: as typed, linked to nobody; and a customer's name is still required.
        let stranger = try intake(&desk, IntakeDraft(customer: "路人", phone: "13600000000", summary: "x"))
        #expect(stranger.customerID == nil && stranger.address == nil)
        #expect(desk.refusal(.intake(IntakeDraft(phone: "13600000001", summary: "x")))?.field == .customer)
        #expect(desk.state.customers.calls[CustomerID("K001")!]?.count == 2)
    }

    @Test func openCallsFromTheSamePhoneCustomerOrUnitArePossibleDuplicates() throws {
        var desk = try deskWithACustomer()
        let first = try desk.intake("路人甲", ago: .hours(5))  // 021-6952 3310, the customer's number
        let unit = try desk.run(.intake(IntakeDraft(phone: "13800138000", summary: "UPS", serial: "SN-7781")), at: desk.ago(.hours(4))).change.call!
        let again = try intake(&desk, IntakeDraft(phone: "021 69523310", summary: "还是坏的", serial: "SN-7781"))
        #expect(again.related == [RelatedCall(call: unit, reason: .openSameUnit), RelatedCall(call: first, reason: .openSameCustomer)])
        // Without a customer record, the phone alone.
        let other = try intake(&desk, IntakeDraft(customer: "路人乙", phone: "13500000000", summary: "x"), ago: 60)
        let sameNumber = try intake(&desk, IntakeDraft(customer: "路人乙", phone: "135 0000 0000", summary: "y"))
        #expect(other.related.isEmpty)
        #expect(sameNumber.related.map(\.reason) == [.openSamePhone])
    }

    @Test func aCallClosedWithinTheRepeatWindowIsARepeatAndOneClosedBeforeIsNot() throws {
        var desk = try deskWithACustomer()
        let old = try desk.run(.intake(IntakeDraft(phone: "13800138000", summary: "UPS", serial: "SN-7781")), at: desk.ago(.hours(100))).change.call!
        try desk.run(.resolve(old), at: desk.ago(.hours(90)))
        try desk.run(.close(old), at: desk.ago(.hours(80)))  // closed 80 h ago: outside 72 h
        let recent = try desk.run(.intake(IntakeDraft(phone: "13800138000", summary: "UPS", serial: "SN-7781")), at: desk.ago(.hours(60))).change.call!
        try desk.run(.resolve(recent), at: desk.ago(.hours(50)))
        try desk.run(.close(recent), at: desk.ago(.hours(48)))
        let cancelled = try desk.run(.intake(IntakeDraft(phone: "13800138000", summary: "dup")), at: desk.ago(.hours(40))).change.call!
        try desk.run(.cancel(cancelled, reason: "重复"), at: desk.ago(.hours(39)))
        let now = try intake(&desk, IntakeDraft(phone: "13800138000", summary: "又坏了", serial: "SN-7781"))
        #expect(now.related == [RelatedCall(call: recent, reason: .repeatSameUnit)], "the old one is past 72 h; a cancelled call is neither")
        #expect(now.related[0].message(window: 72 * 3600).description.contains("repeat"))
    }

    @Test func thePolicysRepeatWindowDecidesAndTheDeskKeepsClosedCallsThatLong() throws {
        var desk = try deskWithACustomer()
        var source = try CallboardResources.defaultPolicy()
        source = source.replacingOccurrences(of: "repeat_within: 72h", with: "repeat_within: 5d")
        desk.policy = try PolicyParser.parse(source)
        let old = try desk.run(.intake(IntakeDraft(phone: "13800138000", summary: "UPS", serial: "SN-7781")), at: desk.ago(.hours(100)))
            .change.call!
        try desk.run(.resolve(old), at: desk.ago(.hours(90)))
        try desk.run(.close(old), at: desk.ago(.hours(80)))
        #expect(desk.state.retireClosedCalls() == 0, "closed 80 h ago, inside the 5-day window: still held")
        let now = try intake(&desk, IntakeDraft(phone: "13800138000", summary: "又坏了", serial: "SN-7781"))
        #expect(now.related == [RelatedCall(call: old, reason: .repeatSameUnit)])
    }

    @Test func aUnitsContractWarrantyDecidesItsCallsWarrantyUntilAReplacement() throws {
        var desk = try deskWithACustomer()
        let byPolicy = try desk.run(.intake(IntakeDraft(phone: "13800138000", summary: "UPS", serial: "SN-7781")), at: desk.ago(.hours(10))).change.call!
        #expect(Consequences.of(desk.state.calls[byPolicy]!, in: desk.state).warrantyEnds == LocalDate("2027-02-28"), "a year from the purchase")
        try desk.run(.recordUnit(UnitDraft(customer: "K001", serial: "SN-7781", product: "UPS-3000", purchased: "2026-03-01", warrantyUntil: "2026-06-30")))
        let call = desk.state.calls[byPolicy]!
        #expect(Consequences.of(call, in: desk.state).warrantyEnds == LocalDate("2026-06-30"))
        #expect(Consequences.of(call, in: desk.state).inWarranty == false, "the contract's shorter warranty ended in June")
        try desk.run(.replaceUnit(byPolicy))
        #expect(Consequences.of(desk.state.calls[byPolicy]!, in: desk.state).warrantyEnds == LocalDate("2026-11-23")!.adding(days: 364),
                "a replacement starts the policy's period again")
    }
}
