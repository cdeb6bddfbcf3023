import CallboardCore
import CallboardResources
@testable import CallboardTUI
import Foundation
import Testing

/// Review s5 L3: the desk as it was (`--as-of`) on an 80-column terminal. The banner is said in
/// short there, so the warning (▲) and breach (✗) counts — the figures a dispute is about — stay
/// in the header; the report screen's "as of" is never cut, and its `R` reads "count again".
@Suite struct AsOfHeaderTests {
    init() { DisplayText.adoptUTF8Locale() }

    static let zh = try! UIStrings.load("zh")

    /// Three level-2 calls: one received 30 h ago (its response long breached), one 3 h ago,
    /// one just now; the desk shown as it was at the test's now.
    func console(_ strings: UIStrings, width: Int) throws -> TestConsole {
        var console = TestConsole(try PresenterTests.desk([("甲", 30), ("乙", 3), ("丙", 0.1)]), now: PresenterTests.now, width: width,
                                  readOnly: true, strings: strings, policy: try PolicyParser.parse(CallboardResources.defaultPolicy()))
        console.state.asOf = PresenterTests.now
        console.send(.resized(width: width, height: 30))
        return console
    }

    func summary(_ console: TestConsole) -> DeskSummary {
        DeskSummary(console.env.agenda.counts(console.state.desk, at: console.state.now, timekeeper: console.env.timekeeper))
    }

    @Test(arguments: ["en", "zh"])
    func atEightyColumnsTheBannerIsShortAndTheWarningAndBreachCountsStay(_ language: String) throws {
        let strings = language == "en" ? UIStrings.english : Self.zh
        let console = try console(strings, width: 80)
        let counts = summary(console)
        try #require(counts.breached > 0, "a breach to show")
        let header = console.frame.lines[0].text
        #expect(DisplayText.width(header) <= 80, "\(header)")
        // 2026-11-23 09:00 in Shanghai.
        #expect(header.contains(language == "en" ? "AS OF 11-23 09:00 · read-only" : "截至 11-23 09:00 · 历史只读"), "\(header)")
        #expect(header.contains("▲ \(counts.warning)") || header.contains("▲ " + strings[.headerWarning] + " \(counts.warning)"), "\(header)")
        #expect(header.contains("✗ \(counts.breached)") || header.contains("✗ " + strings[.headerBreached] + " \(counts.breached)"), "\(header)")
        #expect(header.contains(strings[.headerOpen] + " \(counts.open)"), "\(header)")
    }

    @Test(arguments: ["en", "zh"])
    func onAWideScreenTheBannerIsSaidInFullWithTheCounts(_ language: String) throws {
        let strings = language == "en" ? UIStrings.english : Self.zh
        let console = try console(strings, width: 160)
        let counts = summary(console)
        let header = console.frame.lines[0].text
        let time = Renderer.asOfTime(PresenterTests.now, PresenterTests.zone)
        #expect(header.contains(language == "en" ? "AS OF \(time): the desk as it was, read-only" : "\(time) 时的工作台（历史状态，只读）"), "\(header)")
        #expect(header.contains("✗ " + strings[.headerBreached] + " \(counts.breached)"), "\(header)")
    }

    @Test(arguments: ["en", "zh"])
    func theReportScreenAtEightyColumnsSaysAsOfWholeAndItsRKeyCountsAgain(_ language: String) throws {
        let strings = language == "en" ? UIStrings.english : Self.zh
        var narrow = try console(strings, width: 80)
        _ = try ReportScreenTests.answer(narrow.press(.character("R")), &narrow)
        let title = narrow.frame.lines[1].text
        #expect(DisplayText.width(title) <= 80, "\(title)")
        // The moment the figures were counted (the desk's as-of moment), whole, at the right.
        // (Then which lines are shown; the title gives way, ending in "…".)
        #expect(title.contains((language == "en" ? "as of 11-23 09:00" : "截至 11-23 09:00") + " · "), "\(title)")
        #expect(title.contains("… ─"), "\(title)")
        let header = narrow.frame.lines[0].text
        #expect(header.contains("✗") && header.contains("▲"), "\(header)")
        // Wide enough for the title in full: the moment in full too.
        var wide = try console(strings, width: 160)
        _ = try ReportScreenTests.answer(wide.press(.character("R")), &wide)
        #expect(wide.frame.lines[1].text.contains((language == "en" ? "as of " : "截至 ") + "2026-11-23 09:00:00"), "\(wide.frame.lines[1].text)")
        // R counts again as of the moment shown, not "now".
        let footer = wide.frame.lines.last!.text
        #expect(footer.contains("R " + (language == "en" ? "count again" : "重新统计")), "\(footer)")
        #expect(!footer.contains("count again now") && !footer.contains("按现在"), "\(footer)")
    }
}
