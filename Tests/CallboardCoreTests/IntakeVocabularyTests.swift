import CallboardCore
import CallboardResources
import Foundation
import Testing

/// Issue 10: a region, tier or kind the policy does not know must not silently change a
/// promise. Intake refuses what the policy does not name, takes the policy's aliases (the
/// Chinese words a desk types), and never re-checks on replay.
@Suite struct IntakeVocabularyTests {
    static let policy = try! PolicyParser.parse(CallboardResources.defaultPolicy())

    func desk(_ policy: SLAPolicy? = Self.policy) -> TestDesk {
        var desk = TestDesk()
        desk.policy = policy
        return desk
    }

    func draft(level: String? = "1", region: String? = "city", tier: String? = nil, kind: String? = nil) -> IntakeDraft {
        IntakeDraft(customer: "上海华东电气有限公司", phone: "021-6952 3310", summary: "主控服务器宕机", level: level, region: region, tier: tier, kind: kind)
    }

    func target(_ timer: TimerName, _ desk: TestDesk, _ id: CallID) -> Int? {
        Timekeeper().timers(for: desk.state.calls[id]!, in: desk.state, at: desk.now).first { $0.name == timer }?.target
    }

    @Test func aMisspeltCityIsRefusedInsteadOfGivingALevel1Call12HoursOnSite() {
        for typo in ["ctiy", "cty", "citty", "CITI"] {
            let refusal = desk().refusal(.intake(draft(region: typo)))
            #expect(refusal?.field == .region, "\(typo)")
            #expect(refusal?.kind == .invalidInput)
            #expect(refusal?.message.contains("did you mean city?") == true, "\(String(describing: refusal))")
        }
    }

    @Test func aTechnicianAddedFor市区CoversTheCallsOfCity() throws {
        var desk = desk()
        _ = try desk.run(.addTechnician(TechnicianDraft(id: "T01", name: "王磊", region: "市区")))
        #expect(desk.state.technicians[TechnicianID("T01")!]?.region == "city")
    }

    @Test func aRegionNothingLikeTheRulesNamesIsElsewhereAsBefore() throws {
        var desk = desk()
        let id = try desk.run(.intake(draft(region: "jiading"))).change.call!
        #expect(desk.state.calls[id]?.intake.region == "jiading")
        #expect(target(.onsite, desk, id) == 12 * 3600)
    }

    @Test func aTierThePolicyDoesNotNameIsRefusedListingTheOnesItDoes() {
        let refusal = desk().refusal(.intake(draft(tier: "gold")))
        #expect(refusal?.field == .tier)
        #expect(refusal?.kind == .invalidInput)
        #expect(refusal?.message.contains("emergency") == true, "\(String(describing: refusal))")
        #expect(refusal?.message.contains("紧急") == true, "aliases are offered too: \(String(describing: refusal))")
    }

    @Test func aKindThePolicyDoesNotNameIsRefusedListingTheOnesItDoes() {
        let refusal = desk().refusal(.intake(draft(kind: "service")))
        #expect(refusal?.field == .kind)
        #expect(refusal?.message.contains("complaint") == true, "\(String(describing: refusal))")
    }

    @Test func theDefaultPolicysChineseWordsAreStoredAsTheNamesTheyStandFor() throws {
        var desk = desk()
        let urgent = try desk.run(.intake(draft(level: "3", region: "市区", tier: "紧急"))).change.call!
        #expect(desk.state.calls[urgent]?.intake.tier == "emergency")
        #expect(desk.state.calls[urgent]?.intake.region == "city")
        #expect(target(.response, desk, urgent) == 30 * 60)
        let complaint = try desk.run(.intake(draft(level: nil, kind: "投诉"))).change.call!
        #expect(desk.state.calls[complaint]?.intake.kind == "complaint")
        #expect(target(.response, desk, complaint) == 2 * 86_400)
        let city = try desk.run(.intake(draft(region: "市区"))).change.call!
        #expect(target(.onsite, desk, city) == 3600)
    }

    @Test func namesAreTakenWhateverTheirCase() throws {
        var desk = desk()
        let id = try desk.run(.intake(draft(region: "City", tier: "Emergency", kind: "COMPLAINT"))).change.call!
        #expect(desk.state.calls[id]?.intake.tier == "emergency")
        #expect(desk.state.calls[id]?.intake.kind == "complaint")
    }

    /// jinshan (金山) and jiashan (嘉善) are one letter apart and both real: a region a
    /// technician on the roster covers is a place the desk serves, not a typo.
    @Test func aRegionATechnicianCoversIsNeverTakenForATypo() throws {
        let policy = try PolicyParser.parse("rules:\n  - name: near\n    when: {region: jinshan}\n    onsite: 4h\n  - response: 24h\n")
        var desk = desk(policy)
        #expect(desk.refusal(.intake(draft(region: "jiashan")))?.message.contains("did you mean jinshan?") == true)
        try desk.run(.addTechnician(TechnicianDraft(id: "T07", name: "赵敏", region: "jiashan")), at: desk.ago(.hours(1)))
        #expect(desk.refusal(.intake(draft(region: "jiashan"))) == nil)
    }

    @Test func aPolicyThatNamesNoTiersSaysSo() throws {
        let policy = try PolicyParser.parse("rules:\n  - response: 24h\n")
        let refusal = desk(policy).refusal(.intake(draft(tier: "emergency")))
        #expect(refusal?.field == .tier)
        #expect(refusal?.message.contains("names no tiers") == true, "\(String(describing: refusal))")
    }

    /// Old journals must replay: what was recorded is taken as it was, and only a new intake
    /// is checked against the policy in force.
    @Test func aCallAlreadyInTheJournalIsReplayedAsRecorded() throws {
        var desk = desk()
        try desk.run(.intake(draft()))
        let old = CallIntake(customer: "老客户", phone: "138 0013 8000", summary: "旧记录", level: .one, region: "ctiy", tier: "gold", kind: "service")
        let event = Event(occurredAt: desk.now, recordedAt: desk.now, actor: "old", change: .callReceived(CallID(number: 2), old, policy: 1))
        desk.state.apply(event)
        let call = try #require(desk.state.calls[CallID(number: 2)])
        #expect(call.intake.region == "ctiy" && call.intake.tier == "gold")
        #expect(target(.onsite, desk, call.id) == 12 * 3600)
        try desk.run(.respond(call.id))
    }
}
