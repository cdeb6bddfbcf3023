import CallboardCore
import CallboardStore
import Foundation
import Testing

/// Every kind of event, written down byte for byte as this callboard exports and journals it.
/// Scripts read `journal export --json`, and journals written years ago must replay: neither
/// encoding may change when the code behind them does.
@Suite struct EventGoldenTests {
    static let at = Date(timeIntervalSince1970: 1_795_000_000)
    static let policy = try! PolicyParser.parse("rules:\n  - name: all\n    response: 24h\n")

    /// One event of every kind (both shapes where a field is optional), with text that has to be
    /// escaped: quotes, a backslash, a slash, a newline, an escape character, a zero-width joiner.
    static let changes: [Change] = [
        .policyAdopted(3, policy),
        .technicianAdded(Technician(id: TechnicianID("T09")!, name: "孙强", region: "city", skills: ["printer", "server"], shift: .oncall, phone: "189 1630 5528")),
        .technicianAdded(Technician(id: TechnicianID("T10")!, name: "Ann")),
        .callReceived(CallID(number: 7), CallIntake(customer: "嘉定区第二中学 \"A/B\" \\", phone: "021-5953 1276", summary: "复印机卡纸\nE-302 \u{1B}[2J x\u{200D}y",
                                                   level: .three, region: "jiading", product: "SD-3300", serial: "SN2022M33045", channel: .web,
                                                   tier: "emergency", kind: "complaint", purchased: LocalDate(year: 2025, month: 3, day: 14), defect: "E-302"),
                      policy: 3),
        .callReceived(CallID(number: 8), CallIntake(customer: "李", phone: "13700000000", summary: "x"), policy: nil),
        .responded(CallID(number: 7)),
        .assigned(CallID(number: 7), TechnicianID("T09")!, previous: nil),
        .assigned(CallID(number: 7), TechnicianID("T10")!, previous: TechnicianID("T09")!),
        .departed(CallID(number: 7)),
        .arrived(CallID(number: 7)),
        .resolved(CallID(number: 7)),
        .closed(CallID(number: 7)),
        .noted(CallID(number: 7), "已远程查看日志，疑似\"光模块\"故障"),
        .paused(CallID(number: 7), reason: "等待备件"),
        .resumed(CallID(number: 7)),
        .releveled(CallID(number: 7), .one, from: .three, reason: "生产线全部停止"),
        .releveled(CallID(number: 8), .two, from: nil, reason: "classified"),
        .retimed(CallID(number: 7), policy: 2, reason: "new contract"),
        .compacted(Compaction(nextCallNumber: 1042, eventsBefore: 9_000_000, archivedCalls: 800, archive: "journal.archive-20261124T000000Z")),
        .compacted(Compaction(nextCallNumber: 1, eventsBefore: 0, archivedCalls: 0, archive: nil)),
        .repaired(nextCallNumber: 12, dropped: 3),
        .escalated(CallID(number: 7), step: "duty supervisor", timer: .onsite, notify: "supervisor"),
        .realerted(CallID(number: 7), step: "duty supervisor", timer: .restore),
        .acknowledged(CallID(number: 7)),
        .notified(CallID(number: 7), step: "duty supervisor", ok: true, detail: "sent"),
        .notified(CallID(number: 2), step: "no one accepted", ok: false, detail: "exit 3: gateway down"),
        .dispatchRequested(CallID(number: 2), TechnicianID("T10")!, until: at.addingTimeInterval(600), reason: "best on-call engineer: on call"),
        .requestLapsed(CallID(number: 2), TechnicianID("T10")!),
        .accepted(CallID(number: 2), TechnicianID("T09")!),
        .cancelled(CallID(number: 9), reason: "duplicate"),
        .reopened(CallID(number: 9), reason: "customer called again"),
        .unitReplaced(CallID(number: 7)),
        // About the call, not a timer: nobody accepted an automatic dispatch offer (codes 27, 28).
        .escalated(CallID(number: 2), step: "no one accepted", timer: nil, notify: "supervisor"),
        .realerted(CallID(number: 2), step: "no one accepted", timer: nil),
        // The roster's changes (schema 5, codes 35-38).
        .technicianEdited(Technician(id: TechnicianID("T09")!, name: "孙强", region: nil, skills: ["printer"], shift: .night, phone: "189 1630 5528")),
        .technicianOnLeave(TechnicianID("T09")!, DateSpan(from: LocalDate(year: 2026, month: 12, day: 1)!, to: LocalDate(year: 2026, month: 12, day: 7)!)),
        .technicianRetired(TechnicianID("T10")!),
        .technicianRota(TechnicianID("T09")!, RotaShift(span: DateSpan(from: LocalDate(year: 2026, month: 12, day: 7)!, to: LocalDate(year: 2026, month: 12, day: 13)!), shift: .oncall)),
        // Customers (schema 5, codes 29-31), and a call linked to one with what intake found.
        .customerAdded(Customer(id: CustomerID("K001")!, name: "华东电气", phones: ["021-6952 3310"], address: "张江路 88 号",
                                contacts: [Contact(name: "李工", phone: "138 0013 8000")])),
        .customerEdited(Customer(id: CustomerID("K001")!, name: "华东电气", phones: ["021-6952 3310", "13700000000"])),
        .unitRecorded(CustomerID("K001")!, CustomerUnit(serial: "SN-7781", product: "UPS-3000", purchased: LocalDate("2026-03-01"), warrantyUntil: LocalDate("2029-02-28"))),
        .callReceived(CallID(number: 9), {
            var intake = CallIntake(customer: "华东电气", phone: "138 0013 8000", summary: "UPS 报警", serial: "SN-7781")
            (intake.customerID, intake.address) = (CustomerID("K001"), "张江路 88 号")
            intake.contact = Contact(name: "李工", phone: "138 0013 8000")
            intake.related = [RelatedCall(call: CallID(number: 7), reason: .repeatSameUnit)]
            return intake
        }(), policy: 3),
        // What fixed it (schema 5): the cause's code, the fix, each part as NAME×COUNT.
        .resolved(CallID(number: 7), Resolution(cause: "hardware", fix: "更换滤芯", parts: [PartUse(part: "滤芯", count: 2), PartUse(part: "O-ring", count: 1)])),
        // The follow-up (schema 5, codes 39 and 40): a score that reopened the call, one that did
        // not and said nothing, an attempt, the last attempt.
        .followedUp(CallID(number: 7), score: 2, comment: "还是漏水", reopens: true),
        .followedUp(CallID(number: 7), score: 5, comment: nil, reopens: false),
        .unreachable(CallID(number: 7), final: false),
        .unreachable(CallID(number: 7), final: true),
        // A scheduled visit made (schema 5, code 41).
        .unitServiced(CustomerID("K001")!, serial: "SN-7781", on: LocalDate("2026-11-20")!, note: "更换滤网"),
    ]

    static func event(_ change: Change) -> Event {
        Event(occurredAt: at, recordedAt: at.addingTimeInterval(65), actor: "wangfang", change: change)
    }

    static let exported: [String] = [
        #"{"at":1795000000,"by":"wangfang","number":3,"recorded":1795000065,"seq":1,"text":"rules:\n  - name: all\n    response: 24h\n","type":"policy.adopted","v":5}"#,
        #"{"at":1795000000,"by":"wangfang","id":"T09","name":"孙强","phone":"189 1630 5528","recorded":1795000065,"region":"city","seq":2,"shift":"oncall","skills":["printer","server"],"type":"technician.added","v":5}"#,
        #"{"at":1795000000,"by":"wangfang","id":"T10","name":"Ann","recorded":1795000065,"seq":3,"shift":"day","skills":[],"type":"technician.added","v":5}"#,
        #"{"at":1795000000,"by":"wangfang","call":"C-0007","channel":"web","customer":"嘉定区第二中学 \"A/B\" \\","defect":"E-302","kind":"complaint","level":3,"phone":"021-5953 1276","policy":3,"product":"SD-3300","purchased":"2025-03-14","recorded":1795000065,"region":"jiading","seq":4,"serial":"SN2022M33045","summary":"复印机卡纸\nE-302 \u001b[2J x\u200dy","tier":"emergency","type":"call.received","v":5}"#,
        #"{"at":1795000000,"by":"wangfang","call":"C-0008","channel":"phone","customer":"李","phone":"13700000000","recorded":1795000065,"seq":5,"summary":"x","type":"call.received","v":5}"#,
        #"{"at":1795000000,"by":"wangfang","call":"C-0007","recorded":1795000065,"seq":6,"type":"call.responded","v":5}"#,
        #"{"at":1795000000,"by":"wangfang","call":"C-0007","recorded":1795000065,"seq":7,"tech":"T09","type":"call.assigned","v":5}"#,
        #"{"at":1795000000,"by":"wangfang","call":"C-0007","previous":"T09","recorded":1795000065,"seq":8,"tech":"T10","type":"call.assigned","v":5}"#,
        #"{"at":1795000000,"by":"wangfang","call":"C-0007","recorded":1795000065,"seq":9,"type":"call.departed","v":5}"#,
        #"{"at":1795000000,"by":"wangfang","call":"C-0007","recorded":1795000065,"seq":10,"type":"call.arrived","v":5}"#,
        #"{"at":1795000000,"by":"wangfang","call":"C-0007","recorded":1795000065,"seq":11,"type":"call.resolved","v":5}"#,
        #"{"at":1795000000,"by":"wangfang","call":"C-0007","recorded":1795000065,"seq":12,"type":"call.closed","v":5}"#,
        #"{"at":1795000000,"by":"wangfang","call":"C-0007","recorded":1795000065,"seq":13,"text":"已远程查看日志，疑似\"光模块\"故障","type":"call.noted","v":5}"#,
        #"{"at":1795000000,"by":"wangfang","call":"C-0007","reason":"等待备件","recorded":1795000065,"seq":14,"type":"call.paused","v":5}"#,
        #"{"at":1795000000,"by":"wangfang","call":"C-0007","recorded":1795000065,"seq":15,"type":"call.resumed","v":5}"#,
        #"{"at":1795000000,"by":"wangfang","call":"C-0007","from":3,"level":1,"reason":"生产线全部停止","recorded":1795000065,"seq":16,"type":"call.releveled","v":5}"#,
        #"{"at":1795000000,"by":"wangfang","call":"C-0008","level":2,"reason":"classified","recorded":1795000065,"seq":17,"type":"call.releveled","v":5}"#,
        #"{"at":1795000000,"by":"wangfang","call":"C-0007","policy":2,"reason":"new contract","recorded":1795000065,"seq":18,"type":"call.retimed","v":5}"#,
        #"{"archive":"journal.archive-20261124T000000Z","archivedCalls":800,"at":1795000000,"by":"wangfang","eventsBefore":9000000,"nextCall":1042,"recorded":1795000065,"seq":19,"type":"journal.compacted","v":5}"#,
        #"{"archivedCalls":0,"at":1795000000,"by":"wangfang","eventsBefore":0,"nextCall":1,"recorded":1795000065,"seq":20,"type":"journal.compacted","v":5}"#,
        #"{"at":1795000000,"by":"wangfang","dropped":3,"nextCall":12,"recorded":1795000065,"seq":21,"type":"journal.repaired","v":5}"#,
        #"{"at":1795000000,"by":"wangfang","call":"C-0007","notify":"supervisor","recorded":1795000065,"seq":22,"step":"duty supervisor","timer":"onsite","type":"call.escalated","v":5}"#,
        #"{"at":1795000000,"by":"wangfang","call":"C-0007","recorded":1795000065,"seq":23,"step":"duty supervisor","timer":"restore","type":"call.realerted","v":5}"#,
        #"{"at":1795000000,"by":"wangfang","call":"C-0007","recorded":1795000065,"seq":24,"type":"call.acknowledged","v":5}"#,
        #"{"at":1795000000,"by":"wangfang","call":"C-0007","detail":"sent","ok":true,"recorded":1795000065,"seq":25,"step":"duty supervisor","type":"call.notified","v":5}"#,
        #"{"at":1795000000,"by":"wangfang","call":"C-0002","detail":"exit 3: gateway down","ok":false,"recorded":1795000065,"seq":26,"step":"no one accepted","type":"call.notified","v":5}"#,
        #"{"at":1795000000,"by":"wangfang","call":"C-0002","reason":"best on-call engineer: on call","recorded":1795000065,"seq":27,"tech":"T10","type":"call.dispatch_requested","until":1795000600,"v":5}"#,
        #"{"at":1795000000,"by":"wangfang","call":"C-0002","recorded":1795000065,"seq":28,"tech":"T10","type":"call.request_lapsed","v":5}"#,
        #"{"at":1795000000,"by":"wangfang","call":"C-0002","recorded":1795000065,"seq":29,"tech":"T09","type":"call.accepted","v":5}"#,
        #"{"at":1795000000,"by":"wangfang","call":"C-0009","reason":"duplicate","recorded":1795000065,"seq":30,"type":"call.cancelled","v":5}"#,
        #"{"at":1795000000,"by":"wangfang","call":"C-0009","reason":"customer called again","recorded":1795000065,"seq":31,"type":"call.reopened","v":5}"#,
        #"{"at":1795000000,"by":"wangfang","call":"C-0007","recorded":1795000065,"seq":32,"type":"call.unit_replaced","v":5}"#,
        #"{"at":1795000000,"by":"wangfang","call":"C-0002","notify":"supervisor","recorded":1795000065,"seq":33,"step":"no one accepted","type":"call.escalated","v":5}"#,
        #"{"at":1795000000,"by":"wangfang","call":"C-0002","recorded":1795000065,"seq":34,"step":"no one accepted","type":"call.realerted","v":5}"#,
        #"{"at":1795000000,"by":"wangfang","id":"T09","name":"孙强","phone":"189 1630 5528","recorded":1795000065,"seq":35,"shift":"night","skills":["printer"],"type":"technician.edited","v":5}"#,
        #"{"at":1795000000,"by":"wangfang","from":"2026-12-01","id":"T09","recorded":1795000065,"seq":36,"to":"2026-12-07","type":"technician.on_leave","v":5}"#,
        #"{"at":1795000000,"by":"wangfang","id":"T10","recorded":1795000065,"seq":37,"type":"technician.retired","v":5}"#,
        #"{"at":1795000000,"by":"wangfang","from":"2026-12-07","id":"T09","recorded":1795000065,"seq":38,"shift":"oncall","to":"2026-12-13","type":"technician.rota","v":5}"#,
        #"{"address":"张江路 88 号","at":1795000000,"by":"wangfang","contactNames":["李工"],"contactPhones":["138 0013 8000"],"id":"K001","name":"华东电气","phones":["021-6952 3310"],"recorded":1795000065,"seq":39,"type":"customer.added","v":5}"#,
        #"{"at":1795000000,"by":"wangfang","contactNames":[],"contactPhones":[],"id":"K001","name":"华东电气","phones":["021-6952 3310","13700000000"],"recorded":1795000065,"seq":40,"type":"customer.edited","v":5}"#,
        #"{"at":1795000000,"by":"wangfang","customer":"K001","product":"UPS-3000","purchased":"2026-03-01","recorded":1795000065,"seq":41,"serial":"SN-7781","type":"customer.unit_recorded","v":5,"warrantyUntil":"2029-02-28"}"#,
        #"{"address":"张江路 88 号","at":1795000000,"by":"wangfang","call":"C-0009","channel":"phone","contactName":"李工","contactPhone":"138 0013 8000","customer":"华东电气","customerID":"K001","phone":"138 0013 8000","policy":3,"recorded":1795000065,"related":["C-0007 repeat-same-unit"],"seq":42,"serial":"SN-7781","summary":"UPS 报警","type":"call.received","v":5}"#,
        #"{"at":1795000000,"by":"wangfang","call":"C-0007","cause":"hardware","fix":"更换滤芯","parts":["滤芯×2","O-ring×1"],"recorded":1795000065,"seq":43,"type":"call.resolved","v":5}"#,
        #"{"at":1795000000,"by":"wangfang","call":"C-0007","comment":"还是漏水","recorded":1795000065,"reopens":true,"score":2,"seq":44,"type":"call.followed_up","v":5}"#,
        #"{"at":1795000000,"by":"wangfang","call":"C-0007","recorded":1795000065,"reopens":false,"score":5,"seq":45,"type":"call.followed_up","v":5}"#,
        #"{"at":1795000000,"by":"wangfang","call":"C-0007","final":false,"recorded":1795000065,"seq":46,"type":"call.unreachable","v":5}"#,
        #"{"at":1795000000,"by":"wangfang","call":"C-0007","final":true,"recorded":1795000065,"seq":47,"type":"call.unreachable","v":5}"#,
        #"{"at":1795000000,"by":"wangfang","customer":"K001","note":"更换滤网","on":"2026-11-20","recorded":1795000065,"seq":48,"serial":"SN-7781","type":"customer.unit_serviced","v":5}"#,
    ]

    static let journaled: [String] = [
        // policy.adopted carries the policy format (PolicyParser.formatVersion, 5 since a rule's breach in each language).
        "010501809becaf0d82010877616e6766616e6703052772756c65733a0a20202d206e616d653a20616c6c0a20202020726573706f6e73653a203234680a",
        "010502809becaf0d82010877616e6766616e670354303906e5ad99e5bcba056369747902077072696e74657206736572766572066f6e63616c6c0e31383920313633302035353238",
        "010502809becaf0d82010877616e6766616e670354313003416e6e00000364617900",
        "010503809becaf0d82010877616e6766616e67071de59889e5ae9ae58cbae7acace4ba8ce4b8ade5ada62022412f4222205c0d3032312d35393533203132373620e5a48de58db0e69cbae58da1e7bab80a452d333032201b5b324a2078e2808d7904086a696164696e670853442d333330300d534e323032324d3333303435037765620a656d657267656e63790a636f6d706c61696e7404c29d0106452d3330320000000000",
        "010503809becaf0d82010877616e6766616e670803e69d8e0b31333730303030303030300178000000000570686f6e6500000000000000000000",
        "010504809becaf0d82010877616e6766616e6707",
        "010505809becaf0d82010877616e6766616e67070354303900",
        "010505809becaf0d82010877616e6766616e67070354313004543039",
        "010506809becaf0d82010877616e6766616e6707",
        "010507809becaf0d82010877616e6766616e6707",
        "010508809becaf0d82010877616e6766616e6707000000", // three absent optionals of schema 5: cause, fix, parts
        "010509809becaf0d82010877616e6766616e6707",
        "01050a809becaf0d82010877616e6766616e67072fe5b7b2e8bf9ce7a88be69fa5e79c8be697a5e5bf97efbc8ce79691e4bcbc22e58589e6a8a1e59d9722e69585e99a9c",
        "01050b809becaf0d82010877616e6766616e67070ce7ad89e5be85e5a487e4bbb6",
        "01050c809becaf0d82010877616e6766616e6707",
        "01050d809becaf0d82010877616e6766616e6707010415e7949fe4baa7e7babfe585a8e983a8e5819ce6ada2",
        "01050d809becaf0d82010877616e6766616e670802000a636c6173736966696564",
        "01050e809becaf0d82010877616e6766616e6707020c6e657720636f6e7472616374",
        "01050f809becaf0d82010877616e6766616e679208c0a8a504a006216a6f75726e616c2e617263686976652d3230323631313234543030303030305a",
        "01050f809becaf0d82010877616e6766616e6701000000",
        "010510809becaf0d82010877616e6766616e670c03",
        "010511809becaf0d82010877616e6766616e67070f647574792073757065727669736f72066f6e736974650a73757065727669736f72",
        "010512809becaf0d82010877616e6766616e67070f647574792073757065727669736f7207726573746f7265",
        "010513809becaf0d82010877616e6766616e6707",
        "010514809becaf0d82010877616e6766616e67070f647574792073757065727669736f72010473656e74",
        "010514809becaf0d82010877616e6766616e67020f6e6f206f6e6520616363657074656400146578697420333a206761746577617920646f776e",
        "010515809becaf0d82010877616e6766616e670203543130b0a4ecaf0d1e62657374206f6e2d63616c6c20656e67696e6565723a206f6e2063616c6c",
        "010516809becaf0d82010877616e6766616e670203543130",
        "010517809becaf0d82010877616e6766616e670203543039",
        "010518809becaf0d82010877616e6766616e6709096475706c6963617465",
        "010519809becaf0d82010877616e6766616e670915637573746f6d65722063616c6c656420616761696e",
        "01051a809becaf0d82010877616e6766616e6707",
        "01051b809becaf0d82010877616e6766616e67020f6e6f206f6e652061636365707465640a73757065727669736f72",
        "01051c809becaf0d82010877616e6766616e67020f6e6f206f6e65206163636570746564",
        "010523809becaf0d82010877616e6766616e670354303906e5ad99e5bcba0001077072696e746572056e696768740e31383920313633302035353238",
        "010524809becaf0d82010877616e6766616e6703543039b4a201baa201",
        "010525809becaf0d82010877616e6766616e6703543130",
        "010526809becaf0d82010877616e6766616e6703543039baa201c0a201066f6e63616c6c",
        "01051d809becaf0d82010877616e6766616e67044b3030310ce58d8ee4b89ce794b5e6b094010d3032312d36393532203333313011e5bca0e6b19fe8b7af20383820e58fb70106e69d8ee5b7a5010d31333820303031332038303030",
        "01051e809becaf0d82010877616e6766616e67044b3030310ce58d8ee4b89ce794b5e6b094020d3032312d3639353220333331300b3133373030303030303030000000",
        "01051f809becaf0d82010877616e6766616e67044b30303107534e2d37373831095550532d33303030a2a001e9a801",
        "010503809becaf0d82010877616e6766616e67090ce58d8ee4b89ce794b5e6b0940d313338203030313320383030300a55505320e68aa5e8ada600000008534e2d373738310570686f6e650000040000054b30303111e5bca0e6b19fe8b7af20383820e58fb707e69d8ee5b7a50e313338203030313320383030300217432d30303037207265706561742d73616d652d756e6974",
        "010508809becaf0d82010877616e6766616e67070968617264776172650de69bb4e68da2e6bba4e88aaf0309e6bba4e88aafc39732094f2d72696e67c39731",
        "010527809becaf0d82010877616e6766616e670702010de8bf98e698afe6bc8fe6b0b4",
        "010527809becaf0d82010877616e6766616e6707050000",
        "010528809becaf0d82010877616e6766616e670700",
        "010528809becaf0d82010877616e6766616e670701",
        "010529809becaf0d82010877616e6766616e67044b30303107534e2d37373831a9a2010de69bb4e68da2e6bba4e7bd91",
    ]

    /// The same events as schema 4 wrote them (before customers): they still read.
    static let journaledSchemaFour: [String] = [
        // policy.adopted carries the policy format (PolicyParser.formatVersion, 5 since a rule's breach in each language).
        "010401809becaf0d82010877616e6766616e6703052772756c65733a0a20202d206e616d653a20616c6c0a20202020726573706f6e73653a203234680a",
        "010402809becaf0d82010877616e6766616e670354303906e5ad99e5bcba056369747902077072696e74657206736572766572066f6e63616c6c0e31383920313633302035353238",
        "010402809becaf0d82010877616e6766616e670354313003416e6e00000364617900",
        "010403809becaf0d82010877616e6766616e67071de59889e5ae9ae58cbae7acace4ba8ce4b8ade5ada62022412f4222205c0d3032312d35393533203132373620e5a48de58db0e69cbae58da1e7bab80a452d333032201b5b324a2078e2808d7904086a696164696e670853442d333330300d534e323032324d3333303435037765620a656d657267656e63790a636f6d706c61696e7404c29d0106452d333032",
        "010403809becaf0d82010877616e6766616e670803e69d8e0b31333730303030303030300178000000000570686f6e650000000000",
        "010404809becaf0d82010877616e6766616e6707",
        "010405809becaf0d82010877616e6766616e67070354303900",
        "010405809becaf0d82010877616e6766616e67070354313004543039",
        "010406809becaf0d82010877616e6766616e6707",
        "010407809becaf0d82010877616e6766616e6707",
        "010408809becaf0d82010877616e6766616e6707",
        "010409809becaf0d82010877616e6766616e6707",
        "01040a809becaf0d82010877616e6766616e67072fe5b7b2e8bf9ce7a88be69fa5e79c8be697a5e5bf97efbc8ce79691e4bcbc22e58589e6a8a1e59d9722e69585e99a9c",
        "01040b809becaf0d82010877616e6766616e67070ce7ad89e5be85e5a487e4bbb6",
        "01040c809becaf0d82010877616e6766616e6707",
        "01040d809becaf0d82010877616e6766616e6707010415e7949fe4baa7e7babfe585a8e983a8e5819ce6ada2",
        "01040d809becaf0d82010877616e6766616e670802000a636c6173736966696564",
        "01040e809becaf0d82010877616e6766616e6707020c6e657720636f6e7472616374",
        "01040f809becaf0d82010877616e6766616e679208c0a8a504a006216a6f75726e616c2e617263686976652d3230323631313234543030303030305a",
        "01040f809becaf0d82010877616e6766616e6701000000",
        "010410809becaf0d82010877616e6766616e670c03",
        "010411809becaf0d82010877616e6766616e67070f647574792073757065727669736f72066f6e736974650a73757065727669736f72",
        "010412809becaf0d82010877616e6766616e67070f647574792073757065727669736f7207726573746f7265",
        "010413809becaf0d82010877616e6766616e6707",
        "010414809becaf0d82010877616e6766616e67070f647574792073757065727669736f72010473656e74",
        "010414809becaf0d82010877616e6766616e67020f6e6f206f6e6520616363657074656400146578697420333a206761746577617920646f776e",
        "010415809becaf0d82010877616e6766616e670203543130b0a4ecaf0d1e62657374206f6e2d63616c6c20656e67696e6565723a206f6e2063616c6c",
        "010416809becaf0d82010877616e6766616e670203543130",
        "010417809becaf0d82010877616e6766616e670203543039",
        "010418809becaf0d82010877616e6766616e6709096475706c6963617465",
        "010419809becaf0d82010877616e6766616e670915637573746f6d65722063616c6c656420616761696e",
        "01041a809becaf0d82010877616e6766616e6707",
        "01041b809becaf0d82010877616e6766616e67020f6e6f206f6e652061636365707465640a73757065727669736f72",
        "01041c809becaf0d82010877616e6766616e67020f6e6f206f6e65206163636570746564",
    ]

    @Test func exportedLinesAreExactlyAsBefore() {
        for (index, change) in Self.changes.enumerated() {
            let line = String(decoding: EventCodec.json(Self.event(change), sequence: UInt64(index + 1)), as: UTF8.self)
            #expect(line == Self.exported[index], "\(EventCodec.typeName(change))")
        }
    }

    @Test func journaledBytesAreExactlyAsBefore() {
        for (index, change) in Self.changes.enumerated() {
            let hex = EventCodec.encode(Self.event(change)).map { String(format: "%02x", $0) }.joined()
            #expect(hex == Self.journaled[index], "\(EventCodec.typeName(change))")
        }
    }

    @Test func whatSchemaFourJournaledStillReadsAsTheSameEvent() throws {
        for (index, hexText) in Self.journaledSchemaFour.enumerated() {
            let hex = Array(hexText.utf8)
            let bytes = stride(from: 0, to: hex.count, by: 2).map { UInt8(String(decoding: hex[$0..<$0 + 2], as: UTF8.self), radix: 16)! }
            #expect(try bytes.withUnsafeBytes { try EventCodec.decode($0) } == Self.event(Self.changes[index]))
        }
    }

    @Test func whatWasExportedAndJournaledReadsBackAsTheSameEvent() throws {
        for (index, change) in Self.changes.enumerated() {
            let json = Array(Self.exported[index].utf8)
            #expect(try json.withUnsafeBytes { try EventCodec.decode($0) } == Self.event(change))
            let hex = Array(Self.journaled[index].utf8)
            let bytes = stride(from: 0, to: hex.count, by: 2).map { UInt8(String(decoding: hex[$0..<$0 + 2], as: UTF8.self), radix: 16)! }
            #expect(try bytes.withUnsafeBytes { try EventCodec.decode($0) } == Self.event(change))
        }
    }

    /// Payloads as the JSON builds wrote them (schemas 1 and 2), before the binary encoding: what
    /// they left out has the meaning it had then.
    @Test func journalsOfTheJSONSchemasStillReplay() throws {
        func read(_ json: String) throws -> Change { try Array(json.utf8).withUnsafeBytes { try EventCodec.decode($0) }.change }
        #expect(try read(#"{"v":1,"type":"technician.added","at":0,"recorded":0,"by":"x","id":"t1","name":"A"}"#)
                == .technicianAdded(Technician(id: TechnicianID("T1")!, name: "A", skills: [], shift: .day)))
        #expect(try read(#"{"v":1,"type":"call.received","at":0,"recorded":0,"by":"x","call":"7","customer":"A","phone":"138","summary":"s"}"#)
                == .callReceived(CallID(number: 7), CallIntake(customer: "A", phone: "138", summary: "s", channel: .phone), policy: nil))
        #expect(try read(#"{"v":2,"type":"call.releveled","at":0,"recorded":0,"by":"x","call":"C-0007","level":1,"reason":"r"}"#)
                == .releveled(CallID(number: 7), .one, from: nil, reason: "r"))
        #expect(try read(#"{"v":2,"type":"call.paused","at":0,"recorded":0,"by":"x","call":"C-0007","reason":"parts","extra":[1,{"a":null}]}"#)
                == .paused(CallID(number: 7), reason: "parts"))
        #expect(try read(#"{"v":2,"type":"call.retimed","at":0,"recorded":0,"by":"x","call":"C-0007","policy":2,"reason":"r"}"#)
                == .retimed(CallID(number: 7), policy: 2, reason: "r"))
    }

    /// Every kind's fields are required as they were: a payload missing one says which.
    @Test(arguments: [
        (#"{"v":2,"type":"call.assigned","at":0,"recorded":0,"by":"x","call":"C-0007"}"#, "lacks 'tech'"),
        (#"{"v":2,"type":"call.noted","at":0,"recorded":0,"by":"x","call":"C-0007","text":5}"#, "not a readable event"),
        (#"{"v":2,"type":"call.escalated","at":0,"recorded":0,"by":"x","call":"C-0007","step":"s","timer":"lunch break","notify":"n"}"#, "unknown timer 'lunch break'"),
        (#"{"v":2,"type":"call.escalated","at":0,"recorded":0,"by":"x","call":"C-0007","step":"s"}"#, "lacks 'notify'"),
        (#"{"v":2,"type":"call.responded","at":0,"recorded":0,"by":"x","call":"T-1"}"#, "bad call ID"),
        (#"{"v":2,"type":"journal.repaired","at":0,"recorded":0,"by":"x","nextCall":-1,"dropped":0}"#, "nextCall -1, out of range"),
        (#"{"v":2,"type":"call.dispatch_requested","at":0,"recorded":0,"by":"x","call":"C-0007","tech":"T1","until":-5,"reason":"r"}"#, "outside the years"),
    ])
    func aJSONPayloadMissingOrMisspellingAFieldSaysWhich(json: String, says: String) {
        do {
            _ = try Array(json.utf8).withUnsafeBytes { try EventCodec.decode($0) }
            Issue.record("read: \(json)")
        } catch {
            #expect("\(error)".contains(says), "\(error)")
        }
    }
}
