import CallboardCore
import CallboardResources
@testable import CallboardTUI
import Foundation
import Testing

/// The scheduled visits due in the console (`V`, issue 15): overdue and due within 30 days,
/// recorded from the list with a question first, the same event `callboard visit` writes, and
/// the header's count of overdue visits.
@Suite struct VisitsViewTests {
    init() { DisplayText.adoptUTF8Locale() }

    static let now = PresenterTests.now // Monday 2026-11-23 09:00 in Shanghai
    static let zh = try! UIStrings.load("zh")
    static let policy = try! PolicyParser.parse(CallboardResources.defaultPolicy())

    /// On the default policy (the first visit within 182 days, then every 182, a year's
    /// warranty, its last day included): SN-LATE bought 2026-05-01, due 2026-10-30 (overdue); SN-SOON bought 2026-06-01,
    /// due 2026-11-30 (in 7 days); SN-FAR bought 2026-09-01, due 2027-03-02 (not within 30 days).
    static let desk: DeskState = {
        var state = DeskState()
        func run(_ command: Command) {
            let context = CommandContext(now: now, at: now.addingTimeInterval(-86_400), actor: "wangfang", timeZone: PresenterTests.zone, policy: policy)
            for event in try! state.decide(command, context) { state.apply(event) }
        }
        run(.addCustomer(CustomerDraft(id: "K001", name: "上海华东电气有限公司", phones: ["021-6952 3310"])))
        run(.addCustomer(CustomerDraft(id: "K002", name: "徐汇医院", phones: ["021-6444 2000"])))
        run(.recordUnit(UnitDraft(customer: "K001", serial: "SN-LATE", product: "打印机", purchased: "2026-05-01")))
        run(.recordUnit(UnitDraft(customer: "K002", serial: "SN-SOON", product: "监护仪", purchased: "2026-06-01")))
        run(.recordUnit(UnitDraft(customer: "K001", serial: "SN-FAR", product: "UPS-3000", purchased: "2026-09-01")))
        run(.intake(IntakeDraft(customer: "K001", phone: nil, summary: "卡纸"))) // adopts the policy
        return state
    }()

    func console(_ strings: UIStrings = .english, roles: DeskRoles = .everyone, readOnly: Bool = false) -> TestConsole {
        TestConsole(Self.desk, now: Self.now, width: 120, height: 30, readOnly: readOnly, strings: strings, roles: roles, policy: Self.policy)
    }

    static func line(containing needle: String, in screen: String) -> String? {
        screen.split(separator: "\n").map(String.init).first { $0.contains(needle) }
    }

    @Test func vListsTheOverdueVisitsAndThoseDueWithinThirtyDaysAndTheHeaderCountsTheOverdue() throws {
        var console = console()
        #expect(console.frame.lines[0].text.contains("⚠ visits overdue 1"), "\(console.frame.lines[0].text)")
        console.press(.character("V"))
        let screen = console.screen
        #expect(screen.contains("Scheduled visits: 1 overdue, 1 due within 30 days"), "\(screen)")
        let late = try #require(Self.line(containing: "SN-LATE", in: screen)), soon = try #require(Self.line(containing: "SN-SOON", in: screen))
        #expect(late.hasPrefix(" 2026-10-30 overdue K001") && late.contains("上海华东电气有限公司") && late.contains("2027-04-30"), "\(late)")
        #expect(soon.hasPrefix(" 2026-11-30         K002") && soon.contains("徐汇医院"), "\(soon)")
        #expect(!screen.contains("SN-FAR"), "due in March: not within 30 days\n\(screen)")
        #expect(screen.range(of: "SN-LATE")!.lowerBound < screen.range(of: "SN-SOON")!.lowerBound, "soonest first")
        let rows = console.frame.lines.filter { $0.text.contains("SN-") }
        #expect(rows.map(\.highlighted) == [true, false], "the first is selected")
        console.press(.escape)
        #expect(console.state.stack.isEmpty)
    }

    @Test func enterAsksFirstThenRecordsTheVisitAsVisitDoesAndTheUnitsNextVisitMovesOn() throws {
        var console = console()
        console.press(.character("V"), .down)
        #expect(console.frame.lines.first { $0.text.contains("SN-SOON") }?.highlighted == true)
        #expect(console.press(.enter).isEmpty, "asks first")
        var screen = console.screen
        // Today plus 182 days: 2027-05-24, within SN-SOON's warranty (a year: to 2027-05-31).
        for words in ["Record this?", "scheduled visit to unit SN-SOON of customer K002 made on 2026-11-23", "The next falls due 2027-05-24.",
                      ":visit SN-SOON --on YYYY-MM-DD"] {
            #expect(screen.contains(words), "\(words)\n\(screen)")
        }
        let effects = console.press(.character("y"))
        let request = try #require(TestConsole.record(effects))
        #expect(request.command == .recordVisit(VisitDraft(serial: "SN-SOON")))
        #expect(request.decided.map(\.change) == [.unitServiced(CustomerID("K002")!, serial: "SN-SOON", on: LocalDate("2026-11-23")!, note: nil)])
        console.carry(effects)
        screen = console.screen
        #expect(console.state.top(VisitsView.self) != nil, "back on the list")
        #expect(console.frame.lines.filter { $0.text.hasPrefix(" 20") }.map { $0.text.contains("SN-LATE") } == [true], "\(screen)")
        #expect(screen.contains("Scheduled visits: 1 overdue, 0 due within 30 days"), "\(screen)")
        #expect(screen.contains("scheduled visit to unit SN-SOON of customer K002 made on 2026-11-23"), "said in the footer\n\(screen)")
        // The overdue one: its next would fall after the warranty (to 2027-04-30): none owed then.
        console.press(.enter)
        #expect(console.screen.contains("No further visit falls due within its warranty."), "\(console.screen)")
        console.carry(console.press(.enter))
        #expect(console.screen.contains("no scheduled visit due") && !console.frame.lines[0].text.contains("visits overdue"), "\(console.screen)")
        // Nothing left to record.
        console.press(.enter)
        #expect(console.state.top(ConfirmView.self) == nil)
    }

    @Test func aUnitWhoseVisitIsRecordedLeavesTheSelectionOnTheOneNowAtItsPlace() throws {
        // A third unit, SN-NEXT bought 2026-06-10: due 2026-12-09, after SN-SOON.
        var desk = Self.desk
        let context = CommandContext(now: Self.now, actor: "wangfang", timeZone: PresenterTests.zone, policy: Self.policy)
        for event in try desk.decide(.recordUnit(UnitDraft(customer: "K002", serial: "SN-NEXT", product: "监护仪", purchased: "2026-06-10")), context) {
            desk.apply(event)
        }
        var console = TestConsole(desk, now: Self.now, width: 120, height: 30, policy: Self.policy)
        console.press(.character("V"), .down)
        func rows() -> [String] {
            console.frame.lines.filter { $0.text.hasPrefix(" 20") }.map { ($0.highlighted ? "▸" : "") + String($0.text.split(separator: " ").first { $0.hasPrefix("SN-") } ?? "") }
        }
        #expect(rows() == ["SN-LATE", "▸SN-SOON", "SN-NEXT"])
        // SN-SOON recorded leaves the list: the selection is on SN-NEXT, now in its place, not back at the top.
        console.carry(console.press(.enter, .character("y")))
        #expect(rows() == ["SN-LATE", "▸SN-NEXT"], "\(console.screen)")
    }

    @Test func noAtTheQuestionRecordsNothingAndAViewerOrAWallDisplayIsRefusedAtTheKey() throws {
        var console = console()
        console.press(.character("V"), .enter)
        #expect(console.press(.character("n")).isEmpty)
        #expect(console.state.top(VisitsView.self) != nil && console.state.stack.count == 1, "back on the list, once")
        var viewer = self.console(roles: DeskRoles(users: [:], unlisted: .viewer))
        viewer.press(.character("V"))
        #expect(viewer.press(.enter).isEmpty && viewer.state.top(ConfirmView.self) == nil)
        #expect(viewer.screen.contains("dispatcher"), "says who may\n\(viewer.screen)")
        var wall = self.console(readOnly: true)
        wall.press(.character("V"))
        #expect(wall.press(.enter).isEmpty && wall.screen.contains("read-only"), "\(wall.screen)")
    }

    @Test func inChineseTheListTheQuestionAndTheHeaderAreInChinese() throws {
        var console = console(Self.zh)
        #expect(console.frame.lines[0].text.contains("⚠ 巡检逾期 1"), "\(console.frame.lines[0].text)")
        console.press(.character("V"))
        var screen = console.screen
        for words in ["定期巡检：已逾期 1 台，30 天内到期 1 台", "应巡检", "上次巡检", "2026-10-30 已逾期"] {
            #expect(screen.contains(words), "\(words)\n\(screen)")
        }
        // 上海华东电气有限公司 and 徐汇医院 differ in width: the serials still start in one column.
        let late = try #require(Self.line(containing: "SN-LATE", in: screen)), soon = try #require(Self.line(containing: "SN-SOON", in: screen))
        #expect(DisplayText.width(String(late[..<late.range(of: "SN-LATE")!.lowerBound]))
                == DisplayText.width(String(soon[..<soon.range(of: "SN-SOON")!.lowerBound])), "\(late)\n\(soon)")
        console.press(.down, .enter)
        screen = console.screen
        #expect(screen.contains("下次巡检应在 2027-05-24。"), "\(screen)")
    }
}
