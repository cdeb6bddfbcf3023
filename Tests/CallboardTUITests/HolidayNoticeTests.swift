import CallboardCore
import CallboardResources
@testable import CallboardTUI
import Foundation
import Testing

/// Issue 10: the policy lists public holidays year by year. Near the end of the last year it
/// lists, the console warns that deadlines past it ignore holidays, and a deadline past it is
/// marked uncertain. Every instant here is fixed: nothing depends on today's date.
@Suite struct HolidayNoticeTests {
    init() { DisplayText.adoptUTF8Locale() }

    static let zone = TimeZone(identifier: "Asia/Shanghai")!
    /// The built-in policy: holidays and make-up working days of 2026.
    static let policy = try! PolicyParser.parse(CallboardResources.defaultPolicy())

    static func at(_ text: String) -> Date { TimeText.parseISO(text)! }

    /// A desk under the built-in policy with one call of `level` in `region` received at `received`.
    static func desk(received: Date, level: String = "4", region: String = "jiading") throws -> DeskState {
        var state = DeskState()
        let context = CommandContext(now: received, actor: "wangfang", timeZone: zone, policy: policy)
        for event in try state.decide(.intake(IntakeDraft(customer: "嘉定区第二中学", phone: "021-5953 1276", summary: "复印机卡纸",
                                                          level: level, region: region)), context) {
            state.apply(event)
        }
        return state
    }

    func header(_ state: DeskState, now: Date, width: Int) -> String {
        TestConsole(state, now: now, width: width, height: 24).frame.lines[0].text
    }

    @Test func fromSixtyDaysBeforeTheLastListedYearEndsTheHeaderWarns() throws {
        let state = try Self.desk(received: Self.at("2026-12-04T10:00:00+08:00"))
        for width in [80, 120, 200] {
            let line = header(state, now: Self.at("2026-12-05T10:00:00+08:00"), width: width)
            #expect(line.contains("holidays end") && line.contains("12-31"), "\(width): \(line)")
            #expect(line.contains("open 1"), "the counts stay: \(line)")
            #expect(DisplayText.width(line) <= width)
        }
        // 2 November is 60 days before the year ends; 1 November is 61.
        #expect(header(state, now: Self.at("2026-11-02T09:00:00+08:00"), width: 120).contains("holidays end"))
        #expect(!header(state, now: Self.at("2026-11-01T09:00:00+08:00"), width: 120).contains("holidays"))
    }

    @Test func showMarksADeadlinePastTheListedHolidaysAsUncertain() throws {
        // Level 4 elsewhere, received Wednesday 30 December: 48 h of office time ends in 2027.
        let received = Self.at("2026-12-30T10:00:00+08:00")
        let state = try Self.desk(received: received)
        let call = try #require(state.calls[CallID(number: 1)])
        let text = CallReport.text(call: call, state: state, timekeeper: Timekeeper(), now: received, zone: Self.zone)
        let onsite = try #require(text.components(separatedBy: "\n").first { $0.contains("on-site") })
        #expect(onsite.contains("uncertain"), "\(onsite)")
        // The round-the-clock response promise ignores holidays: it is certain.
        let response = try #require(text.components(separatedBy: "\n").first { $0.contains("response") && $0.contains("target") })
        #expect(!response.contains("uncertain"), "\(response)")

        let explained = PolicyReport.explain(call: call, state: state, now: received)
        #expect(explained.contains("Uncertain: the policy lists holidays for office only up to 2026-12-31"), "\(explained)")
    }

    @Test func aDeadlineWithinTheListedHolidaysIsNotMarked() throws {
        let received = Self.at("2026-12-01T10:00:00+08:00")
        let state = try Self.desk(received: received)
        let call = try #require(state.calls[CallID(number: 1)])
        #expect(!CallReport.text(call: call, state: state, timekeeper: Timekeeper(), now: received, zone: Self.zone).contains("uncertain"))
        #expect(!PolicyReport.explain(call: call, state: state, now: received).contains("Uncertain"))
    }
}
