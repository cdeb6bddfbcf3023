import CallboardCore
import CallboardResources
@testable import CallboardTUI
import Foundation
import Testing

/// The console's report screen (issue 15): the bar of met % per day and the table per group
/// with figures worked out by hand, Chinese labels aligned by display width, and the keys —
/// the period read again from the journal, the grouping and the timer counted again at once.
@Suite struct ReportScreenTests {
    init() { DisplayText.adoptUTF8Locale() }

    static let now = PresenterTests.now // Monday 2026-11-23 09:00 in Shanghai
    /// Loaded once: the tables are parsed from YAML.
    static let zh = try! UIStrings.load("zh")

    static func day(_ text: String, met: Int, missed: Int, running: Int = 0, received: Int? = nil) -> ReportDay {
        var total = ReportGroup(key: nil)
        total.received = received ?? met + missed + running
        total.timers = [TimerFigures(timer: .response, met: met, missed: missed, running: running), TimerFigures(timer: .onsite)]
        return ReportDay(day: LocalDate(text)!, total: total)
    }

    /// Thursday 1 of 2 met, Friday 2 of 2, Saturday 0 of 1, Sunday none decided (one running).
    static let days = [day("2026-11-19", met: 1, missed: 1), day("2026-11-20", met: 2, missed: 0), day("2026-11-21", met: 0, missed: 1),
                       day("2026-11-22", met: 0, missed: 0, running: 1)]

    @Test func aBarIsFilledToItsPercentInEighthsOfAColumn() {
        #expect(ReportScreenPresenter.bar(50, width: 20) == (String(repeating: "█", count: 10), String(repeating: "░", count: 10)))
        #expect(ReportScreenPresenter.bar(100, width: 20) == (String(repeating: "█", count: 20), ""))
        #expect(ReportScreenPresenter.bar(0, width: 20) == ("", String(repeating: "░", count: 20)))
        // 33.3% of 10 columns is 26.64 eighths, 27: three full columns and 3/8 of the fourth.
        #expect(ReportScreenPresenter.bar(33.3, width: 10) == ("███▍", "░░░░░░"))
        // 62.5% of 4 columns: 20 eighths, two full and a half.
        #expect(ReportScreenPresenter.bar(62.5, width: 4) == ("██▌", "░"))
    }

    @Test func threeDaysOfOneOfTwoTwoOfTwoAndNoneOfOneAreBarsOfFiftyAHundredAndZero() {
        // 100 columns: the labels are 9 wide (11-19 Thu), the bars the most, 40.
        let lines = ReportScreenPresenter.dayLines(Self.days, timer: .response, today: LocalDate("2026-11-23")!, strings: .english, width: 100)
            .map(\.text)
        let full = { (n: Int) in String(repeating: "█", count: n) }, track = { (n: Int) in String(repeating: "░", count: n) }
        #expect(lines[0] == " 11-19 Thu  " + full(20) + track(20) + "  50.0%  1/2", "\(lines[0])")
        #expect(lines[1] == " 11-20 Fri  " + full(40) + " 100.0%  2/2", "\(lines[1])")
        #expect(lines[2] == " 11-21 Sat  " + track(40) + "   0.0%  0/1", "\(lines[2])")
        #expect(lines[3].hasPrefix(" 11-22 Sun  -") && lines[3].hasSuffix("  1 running"), "no promise decided: no bar\n\(lines[3])")
        // The on-site timer: nothing decided on any day.
        let onsite = ReportScreenPresenter.dayLines(Self.days, timer: .onsite, today: LocalDate("2026-11-23")!, strings: .english, width: 100)
        #expect(onsite.allSatisfy { !$0.text.contains("█") && !$0.text.contains("%") })
    }

    /// Review s5 L5: a day's label is its date and its weekday in short, as README shows
    /// (`12-01 Tue`, `12-01 周二`), not the weekday in full, which took the bars' room.
    @Test func dayLabelsAreTheDateAndTheShortWeekdayInBothLanguages() {
        let tuesday = LocalDate("2026-12-01")!, sunday = LocalDate("2026-11-22")!
        #expect(ReportScreenPresenter.dayLabel(tuesday, strings: .english) == "12-01 Tue")
        #expect(ReportScreenPresenter.dayLabel(sunday, strings: .english) == "11-22 Sun")
        #expect(ReportScreenPresenter.dayLabel(tuesday, strings: Self.zh) == "12-01 周二")
        #expect(ReportScreenPresenter.dayLabel(sunday, strings: Self.zh) == "11-22 周日")
        // At 80 columns the bars keep more room than with the weekday in full (11-19 Thursday).
        let lines = ReportScreenPresenter.dayLines(Self.days, timer: .response, today: LocalDate("2026-11-23")!, strings: .english, width: 80)
        #expect(lines[0].text.hasPrefix(" 11-19 Thu  █"), "\(lines[0].text)")
        #expect(lines.allSatisfy { DisplayText.width($0.text) <= 80 })
    }

    @Test func chineseDayLabelsAreAlignedByDisplayWidthSoTheBarsStartInOneColumn() throws {
        let zh = Self.zh
        let lines = ReportScreenPresenter.dayLines(Self.days, timer: .response, today: LocalDate("2026-11-23")!, strings: zh, width: 100)
            .map(\.text)
        #expect(lines[0].hasPrefix(" 11-19 周四  █") && lines[2].hasPrefix(" 11-21 周六  ░"), "\(lines)")
        #expect(lines[3].hasSuffix("1 项计时中"), "\(lines[3])")
        // " 11-19 周四  " is 13 columns (周四 takes four): every bar starts in column 13.
        func barColumn(_ line: String) -> Int? {
            line.firstIndex { $0 == "█" || $0 == "░" || $0 == "-" && line.hasPrefix(" 11-22") }.map { DisplayText.width(String(line[..<$0])) }
        }
        #expect(lines.prefix(3).map(barColumn) == [13, 13, 13])
        // And the percentages end in one column too.
        #expect(lines.prefix(3).map { DisplayText.width(String($0[..<$0.firstRange(of: "%")!.upperBound])) } == [60, 60, 60])
    }

    /// Four calls by hand: two at level 1 (response met after 10 min, missed after 90; one fixed,
    /// scores 5 and 3), one at level 2 (met after 20 min), one without a level (still running).
    static let report: DeskReport = {
        let friday = LocalDate("2026-11-20")!
        func entry(_ number: Int, level: String?, _ outcome: Compliance.Outcome, _ taken: Int?, resolved: Bool = false, score: Int? = nil) -> ReportEntry {
            var keys: [String?] = Array(repeating: nil, count: ReportGrouping.allCases.count)
            keys[0] = level
            var entry = ReportEntry(call: CallID(number: number), received: friday, keys: keys, policyTimers: [.response, .onsite],
                                    timers: [ReportEntry.Timer(name: .response, outcome: outcome, taken: taken)])
            entry.resolved = resolved
            entry.satisfaction = score
            return entry
        }
        return DeskReport([entry(1, level: "1", .met, 600, resolved: true, score: 5), entry(2, level: "1", .missed, 5400, score: 3),
                           entry(3, level: "2", .met, 1200), entry(4, level: nil, .running, nil)],
                          days: friday...friday, by: .level, order: [.response, .onsite])
    }()

    @Test func theTableHasARowPerGroupAndTheTotalWithTheTimersFiguresWorkedOutByHand() {
        let context = ReportPresenter.Context(strings: .english, policy: nil, now: Self.now, zone: PresenterTests.zone)
        let rows = ReportScreenPresenter.rows(Self.report, timer: .response, context).map { $0.map(\.text) }
        // Level 1: 1 of 2 met, 50%; nearest rank of [600, 5400]: p50 the 1st, p90 the 2nd; scores 5 and 3 average 4.
        #expect(rows[0] == ["level 1", "2", "1", "1/2", "50.0%", "10m", "1h 30m", "4.0 (2)"])
        #expect(rows[1] == ["level 2", "1", "0", "1/1", "100.0%", "20m", "20m", "-"])
        #expect(rows[2] == ["(none)", "1", "0", "-", "-", "-", "-", "-"], "a promise still running is not decided")
        // Total: 2 of 3; times [600, 1200, 5400]: p50 rank 2 (20m), p90 rank 3 (1h 30m).
        #expect(rows[3] == ["Total", "4", "1", "2/3", "66.7%", "20m", "1h 30m", "4.0 (2)"])
        let lines = ReportScreenPresenter.table(Self.report, timer: .response, context, width: 120).map(\.text)
        #expect(lines[0].hasPrefix(" LEVEL") && lines[0].contains("RECEIVED RESOLVED") && lines[0].hasSuffix("SATISFACTION"), "\(lines[0])")
        // Figures are right-aligned under their titles.
        let header = lines[0], total = lines[4]
        #expect(DisplayText.width(String(total[..<total.firstRange(of: "66.7%")!.upperBound]))
                == DisplayText.width(String(header[..<header.firstRange(of: "MET %")!.upperBound])), "\(header)\n\(total)")
    }

    @Test func aBusyMonthsFiguresAreNeverCutShort() {
        var total = ReportGroup(key: nil)
        total.received = 28_770
        total.resolved = 27_331
        total.timers = [TimerFigures(timer: .response, met: 28_482, missed: 164, running: 124, taken: [0, 0])]
        let report = DeskReport([], days: LocalDate("2026-12-01")!...LocalDate("2026-12-31")!, by: .level, order: [.response])
        var busy = report
        busy.total = total
        let context = ReportPresenter.Context(strings: .english, policy: nil, now: Self.now, zone: PresenterTests.zone)
        let line = ReportScreenPresenter.table(busy, timer: .response, context, width: 80).map(\.text)[1]
        // 28482 of 28646 decided: 99.4%.
        #expect(line.contains(" 28770 ") && line.contains(" 27331 ") && line.contains(" 28482/28646  99.4% ") && !line.contains("…"), "\(line)")
    }

    // MARK: the screen's keys

    static func line(containing needle: String, in screen: String) -> String? {
        screen.split(separator: "\n").map(String.init).first { $0.contains(needle) }
    }

    func console(_ strings: UIStrings = .english) throws -> TestConsole {
        TestConsole(try PresenterTests.desk([("甲", 1)]), now: Self.now, width: 120, height: 40, strings: strings,
                    policy: try PolicyParser.parse(CallboardResources.defaultPolicy()))
    }

    /// Answers what the screen asked with `entries` (as the journal would), all received on the
    /// first day asked for.
    static func answer(_ effects: [ConsoleEffect], _ console: inout TestConsole, entries: [ReportEntry]? = nil) throws -> ReportRequest {
        let request = try #require(effects.compactMap { effect -> ReportRequest? in
            if case .readReport(let request) = effect { return request }
            return nil
        }.first)
        // Received on the first day asked for, whatever it is.
        console.send(.reportRead(request, .success((entries ?? Self.entries).map { entry in
            var entry = entry
            entry.received = request.days.lowerBound
            return entry
        })))
        return request
    }

    static let entries: [ReportEntry] = {
        let friday = LocalDate("2026-11-20")!
        var keys: [String?] = Array(repeating: nil, count: ReportGrouping.allCases.count)
        keys[0] = "1"
        keys[1] = "city"
        var met = ReportEntry(call: CallID(number: 1), received: friday, keys: keys, policyTimers: [.response, .onsite],
                              timers: [ReportEntry.Timer(name: .response, outcome: .met, taken: 600), ReportEntry.Timer(name: .onsite, outcome: .missed, taken: 90_000)])
        met.resolved = true
        keys[1] = "郊区"
        let missed = ReportEntry(call: CallID(number: 2), received: friday, keys: keys, policyTimers: [.response, .onsite],
                                 timers: [ReportEntry.Timer(name: .response, outcome: .missed, taken: 5400)])
        return [met, missed]
    }()

    @Test func rOpensThisMonthsReportReadFromTheJournalAndTheKeysChangeWhatItShows() throws {
        var console = try console()
        let effects = console.press(.character("R"))
        let request = try Self.answer(effects, &console)
        #expect(request.days == LocalDate("2026-11-01")!...LocalDate("2026-11-30")! && request.now == Self.now, "this month, as it stands now")
        var screen = console.screen
        #expect(screen.contains("Report: this month 2026-11-01 – 2026-11-30 · by level · response"), "\(screen)")
        #expect(screen.contains("as of 2026-11-23 09:00"), "\(screen)")
        #expect(Self.line(containing: "Total", in: screen)?.contains("1/2  50.0%") == true, "\(screen)")
        #expect(screen.contains("response: met % per day"), "\(screen)")
        let firstDay = try #require(Self.line(containing: "11-01 Sun ", in: screen))
        #expect(firstDay.contains("50.0%  1/2"), "both calls counted on the first day of the answer\n\(firstDay)")
        // The bars stop at today: the month's days still to come have nothing to show.
        #expect(Self.line(containing: "11-23 Mon", in: screen) != nil && Self.line(containing: "11-24 Tue", in: screen) == nil, "\(screen)")

        // Tab: by region, from the same entries (nothing read again).
        #expect(console.press(.tab).isEmpty)
        screen = console.screen
        #expect(screen.contains("· by region ·") && Self.line(containing: " city ", in: screen)?.contains("1/1 100.0%") == true, "\(screen)")
        #expect(Self.line(containing: "郊区", in: screen)?.contains("0/1   0.0%") == true, "\(screen)")
        console.press(.backTab)
        #expect(console.screen.contains("· by level ·"))
        // t: the next timer of the policy.
        console.press(.character("t"))
        screen = console.screen
        #expect(screen.contains("· on-site") && screen.contains("on-site: met % per day"), "\(screen)")
        #expect(Self.line(containing: "Total", in: screen)?.contains("0/1   0.0%") == true, "\(screen)")

        // R: counted again as of now; the figures stay meanwhile, saying so.
        let later = Self.now.addingTimeInterval(60)
        console.send(.tick(later))
        let again = console.press(.character("R"))
        #expect(again == [.readReport(ReportRequest(days: request.days, now: later))])
        #expect(console.screen.contains("counting again…") && console.screen.contains("on-site: met % per day"), "\(console.screen)")
        _ = try Self.answer(again, &console)
        #expect(console.screen.contains("as of 2026-11-23 09:01"), "\(console.screen)")

        // 2: yesterday, read again from the journal; until it answers, it says so.
        let asked = console.press(.character("2"))
        #expect(asked == [.readReport(ReportRequest(days: LocalDate("2026-11-22")!...LocalDate("2026-11-22")!, now: later))])
        #expect(console.screen.contains("Reading the journal for 2026-11-22 – 2026-11-22"), "\(console.screen)")
        // An answer to an earlier question changes nothing.
        console.send(.reportRead(request, .success([])))
        #expect(console.screen.contains("Reading the journal"))
        _ = try Self.answer(asked, &console)
        #expect(console.screen.contains("Report: yesterday 2026-11-22 – 2026-11-22") && console.screen.contains("11-22 Sun "), "\(console.screen)")
        // p and P go round the periods.
        let next = console.press(.character("p"))
        #expect(next == [.readReport(ReportRequest(days: LocalDate("2026-11-23")!...LocalDate("2026-11-29")!, now: later))], "this week")
        let back = console.press(.character("P"), .character("P"))
        #expect(back.last == .readReport(ReportRequest(days: LocalDate("2026-11-23")!...LocalDate("2026-11-23")!, now: later)), "today")
        console.press(.escape)
        #expect(console.state.stack.isEmpty, "Esc leaves the screen")
        console.press(.character("b"), .character("R"), .character("q"))
        #expect(console.state.stack.isEmpty && console.state.page == .board, "R from the board too; q leaves it")
    }

    @Test func aReadOnlyConsoleOpensTheReportToo() throws {
        var wall = TestConsole(try PresenterTests.desk([("甲", 1)]), now: Self.now, readOnly: true,
                               policy: try PolicyParser.parse(CallboardResources.defaultPolicy()))
        let effects = wall.press(.character("R"))
        #expect(effects.count == 1 && wall.state.top(ReportView.self) != nil, "it only reads")
    }

    @Test func aJournalThatCannotBeReadIsSaidOnTheScreen() throws {
        var console = try console()
        let effects = console.press(.character("R"))
        guard case .readReport(let request)? = effects.first else { Issue.record("no request"); return }
        console.send(.reportRead(request, .failure(ConsoleFailure("the journal is locked"))))
        #expect(console.screen.contains("The report could not be read: the journal is locked"), "\(console.screen)")
    }

    @Test func inChineseTheScreenReadsInChineseWithTheColumnsAligned() throws {
        var console = try console(Self.zh)
        _ = try Self.answer(console.press(.character("R")), &console)
        console.press(.tab)
        let screen = console.screen
        for words in ["报表：本月 2026-11-01 至 2026-11-30 · 按区域 · 响应", "截至 2026-11-23 09:00", "区域", "受理", "达成率", "满意度", "合计",
                      "响应：每日达成率（达成/已判定）", "11-01 周日"] {
            #expect(screen.contains(words), "\(words)\n\(screen)")
        }
        // 郊区 is four columns wide: its figures end where city's do.
        let city = try #require(Self.line(containing: " city ", in: screen)), suburb = try #require(Self.line(containing: "郊区", in: screen))
        #expect(DisplayText.width(String(city[..<city.firstRange(of: "%")!.upperBound]))
                == DisplayText.width(String(suburb[..<suburb.firstRange(of: "%")!.upperBound])), "\(city)\n\(suburb)")
    }
}
