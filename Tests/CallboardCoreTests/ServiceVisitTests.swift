import CallboardCore
import CallboardResources
import Foundation
import Testing

/// The warranty's periodic visits: at least twice a year, the first within six months of the
/// purchase (the letters' line 143), each recorded visit scheduling the next, none past the
/// warranty.
@Suite struct ServiceVisitTests {
    func desk(_ policyText: String? = nil) throws -> TestDesk {
        var desk = TestDesk()  // Monday 2026-11-23
        desk.policy = try PolicyParser.parse(policyText ?? CallboardResources.defaultPolicy())
        try desk.run(.addCustomer(CustomerTests.huadong), at: desk.ago(.hours(200)))
        for (serial, bought) in [("SN-1", "2026-03-01"), ("SN-2", "2026-11-01"), ("SN-OLD", "2024-01-01")] {
            try desk.run(.recordUnit(UnitDraft(customer: "K001", serial: serial, product: "UPS-3000", purchased: bought)), at: desk.ago(.hours(200)))
        }
        try desk.intake()  // adopts the policy
        return desk
    }

    static let today = LocalDate("2026-11-23")!

    @Test func theFirstVisitFallsDueWithinSixMonthsOfThePurchaseAndNoneAfterTheWarranty() throws {
        let desk = try desk()
        let due = desk.state.dueVisits(today: Self.today)
        // 182 days after 2026-03-01 and 2026-11-01; the unit bought in 2024 is out of warranty.
        #expect(due.map(\.unit.serial) == ["SN-1", "SN-2"])
        #expect(due.map(\.due) == [LocalDate("2026-08-30")!, LocalDate("2027-05-02")!])
        #expect(due[0].due < Self.today, "overdue")
        #expect(desk.state.dueVisits(today: Self.today, through: Self.today.adding(days: 30)).map(\.unit.serial) == ["SN-1"])
    }

    @Test func aRecordedVisitSchedulesTheNextUntilTheWarrantyEnds() throws {
        var desk = try desk()
        try desk.run(.recordVisit(VisitDraft(serial: "SN-2", on: "2026-11-20")))
        let next = try #require(desk.state.dueVisits(today: Self.today).first { $0.unit.serial == "SN-2" })
        #expect(next.due == LocalDate("2027-05-21") && next.last == LocalDate("2026-11-20"), "182 days after the visit")
        try desk.run(.recordVisit(VisitDraft(serial: "sn-1", on: "2026-09-02", note: "更换滤网")))
        // The next would be 2027-03-03, after the warranty's end (2027-02-28): no more visits are owed.
        let owed = desk.state.dueVisits(today: Self.today).map(\.unit.serial)
        #expect(owed == ["SN-2"], "SN-1's next visit would fall after its warranty: none owed")
    }

    @Test func thePolicySetsThePeriodsAndZeroTurnsThemOff() throws {
        let quarterly = try CallboardResources.defaultPolicy().replacingOccurrences(of: "  first_visit_within: 182d\n  visit_every: 182d", with: "  first_visit_within: 30d\n  visit_every: 91d")
        var desk = try desk(quarterly)
        #expect(desk.state.dueVisits(today: Self.today).first?.due == LocalDate("2026-03-31"))
        try desk.run(.recordVisit(VisitDraft(serial: "SN-1", on: "2026-11-20")))
        #expect(desk.state.dueVisits(today: Self.today).first { $0.unit.serial == "SN-1" }?.due == LocalDate("2027-02-19"))
        let off = try CallboardResources.defaultPolicy().replacingOccurrences(of: "  first_visit_within: 182d\n  visit_every: 182d", with: "  first_visit_within: 0d\n  visit_every: 0d")
        #expect(try self.desk(off).state.dueVisits(today: Self.today).isEmpty)
    }

    @Test func aVisitIsRefusedForAnUnknownUnitAFutureDayOrTwiceTheSameDay() throws {
        var desk = try desk()
        #expect(desk.refusal(.recordVisit(VisitDraft(serial: "SN-404")))?.kind == .notFound)
        #expect(desk.refusal(.recordVisit(VisitDraft(serial: "SN-1", on: "2026-11-24")))?.field == .on)
        #expect(desk.refusal(.recordVisit(VisitDraft(serial: "SN-1", on: "2026-02-01")))?.field == .on, "before the purchase")
        #expect(desk.refusal(.recordVisit(VisitDraft(serial: "SN-1", on: "23/11/2026")))?.field == .on)
        try desk.run(.recordVisit(VisitDraft(serial: "SN-1", on: "2026-11-20")))
        #expect(desk.refusal(.recordVisit(VisitDraft(serial: "SN-1", on: "2026-11-20")))?.kind == .refused)
    }
}
