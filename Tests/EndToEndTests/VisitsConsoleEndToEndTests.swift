import Foundation
import Testing

/// Scheduled visits in the console (issue 15), in tmux: the header counts the overdue ones, `V`
/// lists those overdue and due within 30 days, and Enter records one, asked first, as
/// `callboard visit` does; in English and in Chinese.
@Suite struct VisitsConsoleEndToEndTests {
    static func day(_ offset: Int) -> String { ServiceVisitEndToEndTests.day(offset) }

    /// K001's SN-LATE bought 200 days ago (its first visit, within 182 days, overdue by 18);
    /// K002's SN-SOON bought 170 days ago (due in 12 days); SN-FAR bought 100 days ago (due in
    /// 82: not listed).
    func desk(_ journal: String) throws {
        func run(_ words: [String]) throws { try CallboardCLI.succeed(words, journal: journal) }
        try run(["customer", "add", "K001", "--name", "上海华东电气有限公司", "--phone", "021-6952 3310"])
        try run(["customer", "add", "K002", "--name", "徐汇医院", "--phone", "021-6444 2000"])
        try run(["customer", "unit", "K001", "--serial", "SN-LATE", "--product", "打印机", "--purchased", Self.day(-200)])
        try run(["customer", "unit", "K002", "--serial", "SN-SOON", "--product", "监护仪", "--purchased", Self.day(-170)])
        try run(["customer", "unit", "K002", "--serial", "SN-FAR", "--product", "UPS-3000", "--purchased", Self.day(-100)])
        try run(["intake", "--customer", "K001", "--summary", "卡纸"]) // the desk's policy
    }

    @Test func theHeaderCountsOverdueVisitsVListsThemAndEnterRecordsOneAsVisitDoes() throws {
        let scratch = try Scratch()
        try desk(scratch.journal)
        let console = try TmuxConsole([], journal: scratch.journal, width: 120, height: 30)
        let page = try console.waitFor(text: "C-0001")
        #expect(page.split(separator: "\n").first?.contains("⚠ visits overdue 1") == true, "\(page)")
        try console.send("V")
        var screen = try console.waitFor(text: "Scheduled visits: 1 overdue, 1 due within 30 days")
        #expect(Screen.line(containing: "SN-LATE", in: screen)?.hasPrefix(" \(Self.day(-18)) overdue K001") == true, "\(screen)")
        #expect(Screen.line(containing: "SN-SOON", in: screen)?.hasPrefix(" \(Self.day(12))         K002") == true, "\(screen)")
        #expect(!screen.contains("SN-FAR"), "\(screen)")
        // SN-SOON: asked first, then recorded; its next visit falls due 182 days from today.
        try console.send("j")
        try console.send("Enter")
        screen = try console.waitFor(text: "Record this?")
        #expect(screen.contains("scheduled visit to unit SN-SOON of customer K002 made on \(Self.day(0))")
                && screen.contains("The next falls due \(Self.day(182))."), "\(screen)")
        try console.send("y")
        screen = try console.waitFor(text: "Scheduled visits: 1 overdue, 0 due within 30 days")
        #expect(Screen.line(containing: "SN-SOON", in: screen)?.hasPrefix(" 20") != true, "SN-SOON has left the list\n\(screen)")
        // The journal has it as `visit` writes it: the verb lists its next visit.
        let json = try #require(try JSONSerialization.jsonObject(with: Data(CallboardCLI.succeed(["visits", "--json"], journal: scratch.journal).utf8))
                                as? [[String: Any]])
        let soon = try #require(json.first { $0["serial"] as? String == "SN-SOON" })
        #expect(soon["last_visit"] as? String == Self.day(0) && soon["due"] as? String == Self.day(182), "\(soon)")
        // Esc at the question records nothing.
        try console.send("Enter")
        try console.waitFor(text: "Record this?")
        try console.send("Escape")
        try console.waitUntilGone("Record this?")
        let after = try #require(try JSONSerialization.jsonObject(with: Data(CallboardCLI.succeed(["visits", "--json"], journal: scratch.journal).utf8))
                                 as? [[String: Any]])
        #expect(after.first { $0["serial"] as? String == "SN-LATE" }?["last_visit"] is NSNull, "SN-LATE still unvisited: \(after)")
        try console.send("Escape")
        try console.waitUntilGone("Scheduled visits:")
        try console.send("q")
        try console.waitForExit()
    }

    @Test func inChineseTheVisitsAndTheHeaderAreInChineseAndRecordingTheOverdueOneClearsTheCount() throws {
        let scratch = try Scratch()
        try desk(scratch.journal)
        let console = try TmuxConsole(["console", "--lang", "zh"], journal: scratch.journal, width: 120, height: 30)
        try console.waitFor(text: "⚠ 巡检逾期 1")
        try console.send("V")
        var screen = try console.waitFor(text: "定期巡检：已逾期 1 台，30 天内到期 1 台")
        for words in ["应巡检", "上次巡检", "\(Self.day(-18)) 已逾期"] { #expect(screen.contains(words), "\(words)\n\(screen)") }
        // The names differ in display width; the serials start in one column.
        let late = try #require(Screen.line(containing: "SN-LATE", in: screen)), soon = try #require(Screen.line(containing: "SN-SOON", in: screen))
        #expect(Screen.column(of: "SN-LATE", in: late) == Screen.column(of: "SN-SOON", in: soon), "\(late)\n\(soon)")
        // The overdue one: bought 200 days ago, its next would fall after the year's warranty.
        try console.send("Enter")
        screen = try console.waitFor(text: "保修期内不再有下次巡检。")
        try console.send("y")
        screen = try console.waitFor(text: "定期巡检：已逾期 0 台")
        #expect(!(screen.split(separator: "\n").first ?? "").contains("巡检逾期"), "the header's count is gone\n\(screen)")
        try console.send("q")
        try console.waitUntilGone("定期巡检")
        try console.send("q")
        try console.waitForExit()
    }
}
