import CallboardCore
import Foundation
import Testing

@Suite struct AssignmentRankingTests {
    static let zone = TimeZone(identifier: "Asia/Shanghai")!
    /// Sunday 2026-11-29 10:00 in Shanghai: day shift on duty.
    static let morning = Date(timeIntervalSince1970: 1_795_917_600)

    func desk() -> DeskState {
        var state = DeskState()
        let context = CommandContext(now: Self.morning, at: nil, actor: "t", timeZone: Self.zone)
        func run(_ command: Command) { for event in try! state.decide(command, context) { state.apply(event) } }
        run(.addTechnician(TechnicianDraft(id: "T01", name: "王磊", region: "city", skills: "printer,network", shift: "day")))
        run(.addTechnician(TechnicianDraft(id: "T02", name: "李娜", region: "city", skills: "server", shift: "day")))
        run(.addTechnician(TechnicianDraft(id: "T03", name: "陈静", region: "jiading", skills: "printer", shift: "day")))
        run(.addTechnician(TechnicianDraft(id: "T07", name: "赵敏", region: "city", skills: "printer", shift: "night")))
        run(.addTechnician(TechnicianDraft(id: "T09", name: "孙强", region: "city", skills: "printer", shift: "oncall")))
        run(.addTechnician(TechnicianDraft(id: "T10", name: "周婷", region: "city", skills: "printer", shift: "day")))
        run(.intake(IntakeDraft(customer: "甲", phone: "021-6952 3310", summary: "旧的", level: "3", region: "city")))
        run(.assign(CallID(number: 1), TechnicianID("T10")!, reassign: false))
        run(.intake(IntakeDraft(customer: "上海华东电气", phone: "021-6952 3310", summary: "复印机卡纸 E-302", level: "2", region: "city")))
        return state
    }

    @Test func onDutyThenRegionThenSkillThenShiftThenFewestJobs() {
        let state = desk()
        let ranked = AssignmentRanking.rank(for: state.calls[CallID(number: 2)]!, in: state, at: Self.morning, zone: Self.zone)
        // T09 is on call, in the region and has the skill: before T02 on shift without it, and
        // before T03 on shift in another region (skills and region weigh against the shift).
        #expect(ranked.map(\.technician.id.rawValue) == ["T01", "T10", "T09", "T02", "T03", "T07"])
        let first = ranked[0]
        #expect(first.eligible && first.onShift && first.coversRegion == true && first.matchingSkills == ["printer"] && first.openJobs == 0)
        #expect(first.reasons == ["on shift (day 08:00-20:00)", "covers city", "skill printer", "0 open jobs"])
        #expect(ranked[1].openJobs == 1, "the same fit, one job more")
        #expect(ranked[4].reasons.contains("covers jiading, not city"))
        #expect(ranked[2].onCall && ranked[2].eligible, "on call, with the skill: before those on shift without it")
        let night = ranked[5]
        #expect(!night.eligible && night.reasons[0] == "off shift (night 20:00-08:00)")
    }

    @Test func atNightTheNightShiftLeads() {
        let state = desk()
        let night = Self.morning.addingTimeInterval(12 * 3600)
        let ranked = AssignmentRanking.rank(for: state.calls[CallID(number: 2)]!, in: state, at: night, zone: Self.zone)
        #expect(ranked.first?.technician.id.rawValue == "T07")
        #expect(ranked.filter(\.eligible).map(\.technician.id.rawValue) == ["T07", "T09"])
    }
}

@Suite struct ShiftHoursTests {
    @Test func eachShiftIsOnDutyInItsHoursInTheDesksZone() {
        let zone = TimeZone(identifier: "Asia/Shanghai")!
        func at(_ hour: Int) -> Date { AssignmentRankingTests.morning.addingTimeInterval(Double(hour - 10) * 3600) }
        #expect(Shift.day.isOnDuty(at: at(8), zone: zone) && Shift.day.isOnDuty(at: at(19), zone: zone))
        #expect(!Shift.day.isOnDuty(at: at(20), zone: zone) && !Shift.day.isOnDuty(at: at(7), zone: zone))
        #expect(Shift.night.isOnDuty(at: at(20), zone: zone) && Shift.night.isOnDuty(at: at(31), zone: zone))
        #expect(!Shift.night.isOnDuty(at: at(12), zone: zone))
        #expect(Shift.oncall.isOnDuty(at: at(3), zone: zone))
        // The same instant in another zone is another hour of the day.
        #expect(!Shift.day.isOnDuty(at: at(10), zone: TimeZone(identifier: "America/New_York")!))
    }
}
