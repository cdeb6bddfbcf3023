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
        .resolved(CallID(number: 7), Resolution(cause: "wear", fix: "更换滤芯，清洗水路", parts: [PartUse(part: "滤芯×3", count: 2), PartUse(part: "密封圈", count: 1)])),
        .resolved(CallID(number: 7), Resolution(fix: "remote reset")),
        .noted(CallID(number: 7), "已远程查看日志，疑似\"光模块\"故障"),
        .noted(CallID(number: 123_456_789), String(repeating: "长", count: 70_000)),
        .compacted(Compaction(nextCallNumber: 1042, eventsBefore: 9_000_000, archivedCalls: 800, archive: "journal.archive-20261124T000000Z")),
        .compacted(Compaction(nextCallNumber: 1, eventsBefore: 0, archivedCalls: 0, archive: nil)),
        .escalated(CallID(number: 7), step: "duty supervisor", timer: .onsite, notify: "supervisor"),
        .realerted(CallID(number: 7), step: "duty supervisor", timer: .onsite),
        // About the call, not a timer: nobody accepted an automatic dispatch offer.
        .escalated(CallID(number: 2), step: "no one accepted", timer: nil, notify: "supervisor"),
        .realerted(CallID(number: 2), step: "no one accepted", timer: nil),
        .acknowledged(CallID(number: 2)),
        .notified(CallID(number: 2), step: "no one accepted", ok: false, detail: "exit 3: gateway down"),
        .dispatchRequested(CallID(number: 2), TechnicianID("T10")!, until: at.addingTimeInterval(600), reason: "best on-call engineer: on call"),
        .requestLapsed(CallID(number: 2), TechnicianID("T10")!),
        .accepted(CallID(number: 2), TechnicianID("T09")!),
        .customerAdded(Customer(id: CustomerID("K001")!, name: "上海华东电气有限公司", phones: ["021-6952 3310", "400-810-1234 转 2"],
                                address: "上海市浦东新区张江路 88 号", contacts: [Contact(name: "李工", phone: "138 0013 8000")])),
        .customerEdited(Customer(id: CustomerID("K-2")!, name: "Ann", phones: ["13700000000"])),
        .unitRecorded(CustomerID("K001")!, CustomerUnit(serial: "SN-7781", product: "UPS-3000", purchased: LocalDate("2026-03-01"),
                                                       warrantyUntil: LocalDate("2029-02-28"))),
        .unitRecorded(CustomerID("K001")!, CustomerUnit(serial: "SN-1")),
        .callReceived(CallID(number: 9), {
            var intake = CallIntake(customer: "上海华东电气有限公司", phone: "138 0013 8000", summary: "UPS 报警", serial: "SN-7781")
            intake.customerID = CustomerID("K001")
            intake.address = "张江路 88 号"
            intake.contact = Contact(name: "李工", phone: "138 0013 8000")
            intake.related = [RelatedCall(call: CallID(number: 7), reason: .repeatSameUnit), RelatedCall(call: CallID(number: 8), reason: .openSamePhone)]
            return intake
        }(), policy: 3),
    ]

    @Test(arguments: changes)
    func everyKindOfEventSurvivesTheRoundTripInBothEncodings(change: Change) throws {
        for (occurred, recorded) in [(Self.at, Self.at.addingTimeInterval(65)), (Date(timeIntervalSince1970: 86_400 * 400), Date(timeIntervalSince1970: 0))] {
            let event = Event(occurredAt: occurred, recordedAt: recorded, actor: "wangfang", change: change)
            let bytes = EventCodec.encode(event)
            #expect(bytes.first == 1, "the journal writes the binary encoding")
            #expect(try bytes.withUnsafeBytes { try EventCodec.decode($0) } == event)
            let json = EventCodec.json(event, sequence: 42)
            #expect(json.first == UInt8(ascii: "{"))
            #expect(try json.withUnsafeBytes { try EventCodec.decode($0) } == event)
        }
    }

    @Test func anAdoptedPolicyIsJournaledAsItsTextWithItsFormatAndReadBackWhole() throws {
        let text = "rules:\n  - name: all\n    response: 24h\n"
        let policy = try PolicyParser.parse(text)
        let event = Event(occurredAt: Self.at, recordedAt: Self.at, actor: "supervisor", change: .policyAdopted(1, policy))
        let bytes = EventCodec.encode(event)
        #expect(String(decoding: bytes, as: UTF8.self).contains("rules:\n  - name: all"))
        #expect(try bytes.withUnsafeBytes { try EventCodec.decode($0) } == event)
        #expect(String(decoding: EventCodec.json(event), as: UTF8.self).contains(#""text":"rules:\n  - name: all"#))
    }

    @Test func aPolicyOfANewerFormatAsksForAnUpgrade() throws {
        let policy = try PolicyParser.parse("rules:\n  - name: all\n    response: 24h\n")
        var bytes = EventCodec.encode(Event(occurredAt: Self.at, recordedAt: Self.at, actor: "s", change: .policyAdopted(1, policy)))
        // marker, schema, type, at (5-byte varint), recorded delta, "s", number, then the format.
        let formatAt = 3 + 5 + 1 + 2 + 1
        #expect(bytes[formatAt] == UInt8(PolicyParser.formatVersion))
        bytes[formatAt] = 9
        #expect(throws: EventCodec.DecodeError.self) { try bytes.withUnsafeBytes { try EventCodec.decode($0) } }
    }

    /// Any cut or any changed byte in a binary payload is a clear error, never a crash or a
    /// different event passing as the original.
    @Test func damagedBinaryPayloadsAreRefusedNotMisread() throws {
        for change in Self.changes.prefix(12) {
            let event = Event(occurredAt: Self.at, recordedAt: Self.at, actor: "wangfang", change: change)
            let bytes = EventCodec.encode(event)
            for cut in 0..<bytes.count {
                let short = Array(bytes[..<cut])
                #expect(throws: (any Error).self) { try short.withUnsafeBytes { try EventCodec.decode($0) } }
            }
            var longer = bytes
            longer.append(0)
            #expect(throws: (any Error).self) { try longer.withUnsafeBytes { try EventCodec.decode($0) } }
            for index in 0..<bytes.count {
                var changed = bytes
                changed[index] ^= 0xFF
                if let other = try? changed.withUnsafeBytes({ try EventCodec.decode($0) }) { #expect(other != event) }
            }
        }
    }

    /// Text that is not UTF-8 is refused, whatever replaces it: a lone continuation byte, a
    /// truncated character, an overlong form, a surrogate; three bad bytes, which a decoder that
    /// repairs would turn into three replacement characters of the same byte count; Chinese and
    /// empty text read back as written.
    @Test(arguments: [[0x80], [0xE4, 0xB8], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xFF, 0xFE, 0xFD], [0x61, 0xE4, 0xB8, 0x62]] as [[UInt8]])
    func textThatIsNotUTF8IsRefused(bad: [UInt8]) throws {
        // A note whose text is "甲" (3 bytes), with the bytes of the text swapped for `bad`.
        let good = Event(occurredAt: Self.at, recordedAt: Self.at, actor: "li", change: .noted(CallID(number: 7), "甲"))
        var bytes = EventCodec.encode(good)
        let text: [UInt8] = Array("甲".utf8)
        let start = try #require((0...(bytes.count - 3)).last { Array(bytes[$0..<($0 + 3)]) == text })
        bytes.replaceSubrange(start..<(start + 3), with: bad)
        bytes[start - 1] = UInt8(bad.count)
        let error = #expect(throws: EventCodec.DecodeError.self) { try bytes.withUnsafeBytes { try EventCodec.decode($0) } }
        let said = error.map { Catalog.english.render($0.text) } ?? ""
        #expect(said.contains(Catalog.english.render(JournalText.binaryNotUTF8())), "\(said)")
    }

    @Test func chineseAndEmptyTextReadBackAsWritten() throws {
        for text in ["", "a", "已远程查看日志，疑似“光模块”故障 😀", String(repeating: "长", count: 5)] {
            let event = Event(occurredAt: Self.at, recordedAt: Self.at, actor: "li", change: .noted(CallID(number: 7), text))
            #expect(try EventCodec.encode(event).withUnsafeBytes { try EventCodec.decode($0) } == event)
        }
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

    /// An escalation about the call (no timer) has a type code of its own: an older callboard
    /// stops at it asking for an upgrade instead of misreading it, and escalations of a timer
    /// keep the layout they were journaled with, so old journals replay unchanged.
    @Test func anEscalationWithoutATimerHasItsOwnTypeCode() throws {
        func encoded(_ change: Change) -> [UInt8] { EventCodec.encode(Event(occurredAt: Self.at, recordedAt: Self.at, actor: "watch", change: change)) }
        let timed = encoded(.escalated(CallID(number: 2), step: "duty supervisor", timer: .onsite, notify: "supervisor"))
        let untimed = encoded(.escalated(CallID(number: 2), step: "no one accepted", timer: nil, notify: "supervisor"))
        #expect(timed[1] == UInt8(EventCodec.schemaVersion) && untimed[1] == timed[1], "no new schema: the event model only grew a type")
        #expect(timed[2] == 17 && encoded(.realerted(CallID(number: 2), step: "s", timer: .onsite))[2] == 18)
        #expect(untimed[2] > 26 && encoded(.realerted(CallID(number: 2), step: "s", timer: nil))[2] > 26)
        #expect(untimed.count < timed.count, "nothing stored for the absent timer")
    }

    @Test func aNewerSchemaAsksForAnUpgrade() {
        var binary = EventCodec.encode(Event(occurredAt: Self.at, recordedAt: Self.at, actor: "x", change: .responded(CallID(number: 1))))
        binary[1] = UInt8(EventCodec.schemaVersion + 1)
        #expect(throws: EventCodec.DecodeError.self) { try binary.withUnsafeBytes { try EventCodec.decode($0) } }
        let bytes = Array(#"{"v":6,"type":"call.responded","at":0,"recorded":0,"by":"x","call":"C-0001"}"#.utf8)
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

@Suite struct SchemaFourResolvedTests {
    /// A fix as schema 4 wrote it (the call alone) reads as a fix with nothing said about it.
    @Test func aSchemaFourResolutionStillReads() throws {
        let event = Event(occurredAt: EventCodecTests.at, recordedAt: EventCodecTests.at, actor: "w", change: .resolved(CallID(number: 3)))
        var bytes = EventCodec.encode(event)
        bytes[1] = 4
        bytes.removeLast(3) // the three absent optionals schema 5 adds
        #expect(try bytes.withUnsafeBytes { try EventCodec.decode($0) } == event)
        let json = Array(#"{"v":4,"type":"call.resolved","at":1795000000,"recorded":1795000000,"by":"w","call":"C-0003"}"#.utf8)
        #expect(try json.withUnsafeBytes { try EventCodec.decode($0) } == event)
    }
}

@Suite struct SchemaThreeTests {
    /// A call as the first binary build wrote it (schema 3: no purchase date, no defect).
    @Test func aSchemaThreeCallStillReads() throws {
        let intake = CallIntake(customer: "甲", phone: "021-5830 1120", summary: "x", level: .two, region: "city")
        let event = Event(occurredAt: EventCodecTests.at, recordedAt: EventCodecTests.at, actor: "w", change: .callReceived(CallID(number: 3), intake, policy: 1))
        var bytes = EventCodec.encode(event)
        #expect(bytes[1] == UInt8(EventCodec.schemaVersion))
        bytes[1] = 3
        bytes.removeLast(7) // the two absent optionals schema 4 adds, and the five of schema 5
        #expect(try bytes.withUnsafeBytes { try EventCodec.decode($0) } == event)
    }
}
