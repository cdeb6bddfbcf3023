import CallboardCore
import CallboardTUI
import Foundation
import Testing

@Suite struct PresenterTests {
    init() { DisplayText.adoptUTF8Locale() }

    static let zone = TimeZone(identifier: "Asia/Shanghai")!
    static let now = TimeText.parseISO("2026-11-23T09:00:00+08:00")!

    /// A small desk: one technician, calls received `ago` hours before now.
    static func desk(_ calls: [(String, Double)], assign: Int? = nil) throws -> DeskState {
        var state = DeskState()
        func run(_ command: Command, _ at: Date) throws {
            for event in try state.decide(command, CommandContext(now: now, at: at, actor: "t", timeZone: zone)) { state.apply(event) }
        }
        try run(.addTechnician(TechnicianDraft(id: "T01", name: "王磊", region: "city")), now.addingTimeInterval(-86_400))
        for (customer, hours) in calls {
            try run(.intake(IntakeDraft(customer: customer, phone: "138 0013 8000", summary: "故障", level: "2", region: "city")),
                    now.addingTimeInterval(-hours * 3600))
        }
        if let assign { try run(.assign(CallID(number: assign), TechnicianID("T01")!, reassign: false), now) }
        return state
    }

    static func reading(_ state: TimerState, remaining: Int) -> TimerReading {
        TimerReading(name: .onsite, target: 43_200, startedAt: now, deadline: now, state: state, remaining: remaining,
                     stoppedAt: state == .met || state == .missed ? now : nil)
    }

    @Test func timerCellsCarryASymbolOrAWordNotJustAColour() {
        #expect(TimerCell.narrowText(Self.reading(.running, remaining: 3600)) == "  01:00:00")
        #expect(TimerCell.narrowText(Self.reading(.warning, remaining: 600)) == "▲ 00:10:00")
        #expect(TimerCell.narrowText(Self.reading(.breached, remaining: -90)) == "✗ -00:01:30")
        #expect(TimerCell.narrowText(Self.reading(.met, remaining: 10)) == "✓ met")
        #expect(TimerCell.narrowText(Self.reading(.missed, remaining: -10)) == "✗ missed")
        #expect(TimerCell.wideText(Self.reading(.warning, remaining: 600)) == "00:10:00 warning")
        #expect(TimerCell.wideText(Self.reading(.breached, remaining: -90)) == "-00:01:30 breached")
        for state in TimerState.allCases {
            #expect(DisplayText.width(TimerCell.narrowText(Self.reading(state, remaining: -(99 * 3600)))) <= TimerCell.narrowWidth)
            #expect(DisplayText.width(TimerCell.wideText(Self.reading(state, remaining: -(99 * 3600)))) <= TimerCell.wideWidth)
        }
    }

    @Test func theQueueShowsTheMostUrgentCallFirst() throws {
        let state = try Self.desk([("fresh", 0.1), ("late", 13), ("soon", 10)])
        let rows = QueuePresenter.rows(state.openCalls, in: state, timekeeper: Timekeeper(), now: Self.now)
        #expect(rows.map { $0.cells[2].text } == ["late", "soon", "fresh"])
        #expect(rows.map { $0.cells[7].role } == [Role.alert, .warning, .plain])
    }

    @Test func theRosterShowsWhatEachTechnicianIsDoing() throws {
        let idle = try Self.desk([("a", 1)])
        #expect(RosterPresenter.rows(idle)[0][2].text == "available")
        let busy = try Self.desk([("a", 1)], assign: 1)
        #expect(RosterPresenter.rows(busy)[0][2].text == "assigned")
        #expect(RosterPresenter.rows(busy)[0][5].text == "1")
    }

    @Test func theHeaderCountsOpenUnassignedWarningAndBreachedCalls() throws {
        let state = try Self.desk([("fresh", 0.1), ("late", 13), ("soon", 10)], assign: 1)
        let summary = DeskSummary(state, timekeeper: Timekeeper(), now: Self.now)
        #expect(summary == {
            var s = summary
            s.open = 3; s.unassigned = 2; s.warning = 1; s.breached = 1
            return s
        }())
    }

    @Test func showJSONHasTheFieldsScriptsRelyOn() throws {
        let state = try Self.desk([("上海华东电气", 2)], assign: 1)
        let call = state.calls[CallID(number: 1)]!
        let json = CallReport.json(call: call, state: state, timekeeper: Timekeeper(), now: Self.now, zone: Self.zone)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["id"] as? String == "C-0001")
        #expect(object["status"] as? String == "assigned")
        #expect(object["technician"] as? String == "T01")
        #expect(object["received_at"] as? String == "2026-11-23T07:00:00+08:00")
        #expect(object.keys.contains("level") && object.keys.contains("region"))
        let timers = try #require(object["timers"] as? [[String: Any]])
        let onsite = try #require(timers.first { $0["name"] as? String == "onsite" })
        #expect(onsite["target_seconds"] as? Int == 43_200)
        #expect(onsite["deadline"] as? String == "2026-11-23T19:00:00+08:00")
        #expect(onsite["state"] as? String == "running")
        #expect(onsite["remaining_seconds"] as? Int == 36_000)
        #expect(onsite["stopped_at"] is NSNull)
        #expect((object["history"] as? [Any])?.count == 2)
    }
}
