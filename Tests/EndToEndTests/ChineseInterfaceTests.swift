import Foundation
import Testing

/// The Chinese interface as a dispatcher sees it in a real terminal, chosen by `--lang zh` or by
/// the locale: every word of ours in Chinese, and what people wrote as they wrote it, even a
/// customer whose name is made of the interface's English words.
@Suite struct ChineseInterfaceTests {
    static let customer = "new breached met"
    static let summary = "resolved closed"

    /// Words of ours that must not show (once what people wrote is taken out of the screen).
    static let english = ["assigned", "breached", "Record this", "responded", "Supervisor board", "Today's promises", "Technicians",
                          "received by", "History", "Timers", "Customer", "Summary", "New call", "level ", "region ", "due ", " left",
                          "warning", "running", " met", "new", "resolved", "closed", "Oldest open", "Unassigned", "engineers by fit",
                          "select", "quit", "help", "on site", "en route", "available", "overdue", "target", "promise", "told",
                          "on-site", "restore", "response", "Keys", "filter"]

    static func englishLeft(in screen: String) -> [String] {
        let ours = screen.replacingOccurrences(of: customer, with: "").replacingOccurrences(of: summary, with: "")
        return english.filter { ours.contains($0) }
    }

    static func expectChinese(_ screen: String, _ where: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let left = englishLeft(in: screen)
        #expect(left.isEmpty, "\(`where`): \(left)\n\(screen)", sourceLocation: sourceLocation)
    }

    /// Two on-call engineers (eligible at any hour, so the test does not depend on the clock).
    func roster(_ journal: String) throws {
        try CallboardCLI.succeed(["tech", "add", "T01", "--name", "王磊", "--region", "city", "--skills", "printer", "--shift", "oncall"], journal: journal)
        try CallboardCLI.succeed(["tech", "add", "T02", "--name", "李娜", "--region", "jiading", "--skills", "server", "--shift", "oncall"], journal: journal)
    }

    @Test func aCallTakenAssignedAndAnsweredInChineseShowsNoEnglishWordOfOurs() throws {
        let scratch = try Scratch()
        try roster(scratch.journal)
        let console = try TmuxConsole(["console", "--lang", "zh"], journal: scratch.journal, width: 160, height: 40)
        Self.expectChinese(try console.waitFor(text: "技术员（2 人）"), "the queue")

        // The form, with a refusal under the field it names and what was typed kept.
        try console.send("n")
        try console.waitFor(text: "登记新报修")
        try console.type(Self.customer)
        try console.send("Tab")
        try console.type("021-6952 3310")
        try console.send("Tab")
        try console.type(Self.summary)
        try console.send("Tab")
        try console.type("7") // not a fault level
        try console.send("Enter")
        let refused = try console.waitFor("the refusal in the form") { screen in
            screen.split(separator: "\n").contains { $0.contains("│") && $0.contains("✗") }
        }
        let lines = refused.split(separator: "\n").map(String.init)
        let level = try #require(lines.firstIndex { $0.contains("级别 1-4") })
        #expect(lines[level + 1].contains("✗"), "under the field it names:\n\(refused)")
        #expect(refused.contains(Self.customer) && refused.contains(Self.summary), "what was typed is kept")
        try console.send("BSpace")
        try console.type("2")
        try console.send("Tab")
        try console.type("city")
        try console.send("Enter")
        let saved = try console.waitFor(text: "C-0001：经电话受理，2 级，区域 city")
        let row = try #require(Screen.line(containing: "C-0001", in: saved))
        #expect(row.contains(Self.customer) && row.contains(Self.summary) && row.contains("新建"), "\(row)")
        Self.expectChinese(saved, "the queue with the new call")

        // Assigning through the picker.
        try console.send("a")
        Self.expectChinese(try console.waitFor(text: "按匹配度排列"), "the picker")
        try console.send("Enter")
        Self.expectChinese(try console.waitFor(text: "C-0001：已派给 T01 王磊"), "the result of assigning")

        // Responding asks first, in Chinese, then records.
        try console.send("r")
        let question = try console.waitFor(text: "确认记录？")
        #expect(question.contains("C-0001 \(Self.customer)：已响应：已回电客户"), "\(question)")
        Self.expectChinese(question, "the question before responding")
        try console.send("y")
        Self.expectChinese(try console.waitFor(text: "C-0001：已响应"), "the result of responding")

        // The board.
        try console.send("b")
        let board = try console.waitFor(text: "主管看板")
        #expect(board.contains("今日承诺：") && board.contains("待确认的升级（0）") && board.contains("T01 王磊 已派工 1"), "\(board)")
        Self.expectChinese(board, "the board")
        try console.send("b")
        try console.waitUntilGone("主管看板")

        // The call in full.
        try console.send("Enter")
        let full = try console.waitFor(text: "C-0001 详情")
        #expect(full.contains("处理记录") && full.contains("已派给 T01 王磊") && full.contains("故障描述    \(Self.summary)"), "\(full)")
        #expect(full.contains("客户        \(Self.customer)"), "\(full)")
        Self.expectChinese(full, "the call in full")

        // Help.
        try console.send("?")
        Self.expectChinese(try console.waitFor(text: "按键说明"), "help")
        try console.send("Escape")
        try console.send("Escape")
        try console.send("q")
        try console.waitForExit()
    }

    @Test func theLocaleAloneMakesTheConsoleAndThePrintedBoardChinese() throws {
        let scratch = try Scratch()
        try roster(scratch.journal)
        // Received 13 hours ago: its on-site promise (12 hours) is broken, so the board lists it.
        try CallboardCLI.succeed(["intake", "--customer", Self.customer, "--phone", "021-6952 3310", "--summary", Self.summary,
                                  "--level", "2", "--region", "city", "--at", "-13h"], journal: scratch.journal)
        try CallboardCLI.succeed(["assign", "C-0001", "T01"], journal: scratch.journal)

        let console = try TmuxConsole([], journal: scratch.journal, width: 160, height: 40, environment: ["LANG": "zh_CN.UTF-8", "LC_ALL": ""])
        let queue = try console.waitFor(text: "技术员（2 人）")
        #expect(Screen.line(containing: "C-0001", in: queue)?.contains("已派工") == true, "\(queue)")
        Self.expectChinese(queue, "the queue")
        try console.send("b")
        // The board's line about the call, not only its title: a loaded machine can show a frame half drawn.
        let board = try console.waitFor("the board's line about C-0001") { $0.contains("主管看板") && Screen.line(containing: "  C-0001", in: $0) != nil }
        let risk = try #require(Screen.line(containing: "  C-0001", in: board))
        #expect(risk.contains("到场") && risk.contains("超时") && risk.contains(Self.customer), "\(risk)")
        Self.expectChinese(board, "the board")
        try console.send("Enter") // the selected line: the call at risk
        Self.expectChinese(try console.waitFor(text: "C-0001 详情"), "the call in full from the board")
        try console.send("Escape")
        try console.send("q")
        try console.waitForExit()

        // Printed once, by the flag or by the locale: the same Chinese board, never cut.
        for (arguments, environment) in [(["board", "--print", "--lang", "zh"], [:]), (["board", "--print"], ["LANG": "zh_CN.UTF-8", "LC_ALL": ""])] {
            let printed = try CallboardCLI.run(arguments, journal: scratch.journal, environment: environment)
            #expect(printed.status == 0, "\(printed)")
            #expect(printed.stdout.contains("主管看板 · ") && printed.stdout.contains("今日承诺：") && printed.stdout.contains("最早未结报修：C-0001 \(Self.customer)"),
                    "\(printed.stdout)")
            let line = try #require(Screen.line(containing: "  C-0001", in: printed.stdout))
            #expect(line.contains("超时") && line.hasSuffix(Self.customer), "\(line)")
            Self.expectChinese(printed.stdout, "board --print \(arguments.last!)")
        }
        let english = try CallboardCLI.succeed(["board", "--print"], journal: scratch.journal)
        #expect(english.contains("Supervisor board · ") && english.contains("Today's promises: "), "the default stays English")
    }
}
