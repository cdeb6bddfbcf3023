import CallboardCore
import CallboardStore
import Foundation
import Testing

@Suite struct EventCodecTests {
    static let at = Date(timeIntervalSince1970: 1_795_000_000)
    static let changes: [Change] = [
        .technicianAdded(Technician(id: TechnicianID("T09")!, name: "孙强", region: "city", skills: ["printer", "server"], shift: .oncall, phone: "189 1630 5528")),
        .technicianAdded(Technician(id: TechnicianID("T10")!, name: "Ann")),
        .callReceived(CallID(number: 7), CallIntake(customer: "嘉定区第二中学", phone: "021-5953 1276", summary: "复印机卡纸 E-302", level: .three,
                                                   region: "jiading", product: "SD-3300", serial: "SN2022M33045", channel: .web,
                                                   tier: "emergency", kind: "complaint"), policy: 3),
        .callReceived(CallID(number: 8), CallIntake(customer: "李", phone: "13700000000", summary: "x"), policy: nil),
        .paused(CallID(number: 7), reason: "等待备件 waiting for parts"),
        .resumed(CallID(number: 7)),
        .releveled(CallID(number: 7), .one, from: .three, reason: "生产线全部停止"),
        .releveled(CallID(number: 8), .two, from: nil, reason: "classified"),
        .retimed(CallID(number: 7), policy: 2, reason: "new contract"),
        .responded(CallID(number: 7)),
        .assigned(CallID(number: 7), TechnicianID("T09")!, previous: nil),
        .assigned(CallID(number: 7), TechnicianID("T10")!, previous: TechnicianID("T09")!),
        .departed(CallID(number: 7)), .arrived(CallID(number: 7)), .resolved(CallID(number: 7)), .closed(CallID(number: 7)),
        .noted(CallID(number: 7), "已远程查看日志，疑似\"光模块\"故障"),
    ]

    @Test(arguments: changes)
    func everyKindOfEventSurvivesTheRoundTrip(change: Change) throws {
        let event = Event(occurredAt: Self.at, recordedAt: Self.at.addingTimeInterval(65), actor: "wangfang", change: change)
        let bytes = EventCodec.encode(event)
        #expect(try bytes.withUnsafeBytes { try EventCodec.decode($0) } == event)
    }

    @Test func anAdoptedPolicyIsJournaledAsItsTextAndReadBackWhole() throws {
        let text = "rules:\n  - name: all\n    response: 24h\n"
        let policy = try PolicyParser.parse(text)
        let event = Event(occurredAt: Self.at, recordedAt: Self.at, actor: "supervisor", change: .policyAdopted(1, policy))
        let bytes = EventCodec.encode(event)
        #expect(String(decoding: bytes, as: UTF8.self).contains(#""text":"rules:\n  - name: all"#))
        #expect(try bytes.withUnsafeBytes { try EventCodec.decode($0) } == event)
    }

    @Test func versionOneCallsStillReplayUnderTheGeneralPromise() throws {
        let v1 = Array(#"{"v":1,"type":"call.received","at":0,"recorded":0,"by":"x","call":"C-0001","customer":"A","phone":"138","summary":"s","level":2}"#.utf8)
        let event = try v1.withUnsafeBytes { try EventCodec.decode($0) }
        guard case .callReceived(_, let intake, let policy) = event.change else { Issue.record("not a call"); return }
        #expect(policy == nil)
        #expect(intake.level == .two)
    }

    @Test func anUnknownEventTypeFailsLoudly() {
        let bytes = Array(#"{"v":1,"type":"call.teleported","at":0,"recorded":0,"by":"x","call":"C-0001"}"#.utf8)
        #expect(throws: EventCodec.DecodeError.self) { try bytes.withUnsafeBytes { try EventCodec.decode($0) } }
    }

    @Test(arguments: [
        #"{"v":1,"type":"technician.added","at":0,"recorded":0,"by":"x","id":"T1","name":"A","shift":"weekend"}"#,
        #"{"v":1,"type":"call.received","at":0,"recorded":0,"by":"x","call":"C-0001","customer":"A","phone":"1","summary":"s","level":7}"#,
        #"{"v":1,"type":"call.received","at":0,"recorded":0,"by":"x","call":"C-0001","customer":"A","phone":"1","summary":"s","channel":"fax"}"#,
        #"{"v":0,"type":"call.responded","at":0,"recorded":0,"by":"x","call":"C-0001"}"#,
    ])
    func valuesThisBuildDoesNotKnowAreRefusedNotGuessed(json: String) {
        let bytes = Array(json.utf8)
        #expect(throws: EventCodec.DecodeError.self) { try bytes.withUnsafeBytes { try EventCodec.decode($0) } }
    }

    @Test func aNewerSchemaAsksForAnUpgrade() {
        let bytes = Array(#"{"v":3,"type":"call.responded","at":0,"recorded":0,"by":"x","call":"C-0001"}"#.utf8)
        do {
            _ = try bytes.withUnsafeBytes { try EventCodec.decode($0) }
            Issue.record("a newer schema was read")
        } catch {
            #expect("\(error)".contains("upgrade callboard"))
        }
    }
}

extension Change: CustomTestStringConvertible {
    public var testDescription: String { EventCodec.typeName(self) }
}
