import CallboardCore
import Foundation
import Testing

/// The console's views as a tester used them, in a real terminal: the call in full scrolls,
/// the board has its own selection and keys, help reaches every key on a small screen, the `:`
/// line shows everything a command printed, remembers and completes, and a long paste is taken
/// at terminal speed up to a limit the form says.
@Suite struct ConsoleViewsTests {
    func roster(_ journal: String) throws {
        try CallboardCLI.succeed(["tech", "add", "T01", "--name", "王磊", "--region", "city", "--skills", "printer", "--shift", "oncall"], journal: journal)
    }

    /// The tester's console findings, in a real terminal: a filter state that does not exist is
    /// named, the form takes the purchase date and defect code 三包 goes by, and a command's
    /// output wider than the screen scrolls sideways.
    @Test func aWrongFilterStateIsNamedTheFormTakesThePurchaseAndWideOutputScrollsSideways() throws {
        let scratch = try Scratch()
        try roster(scratch.journal)
        let console = try TmuxConsole([], journal: scratch.journal, width: 100, height: 36)
        try console.waitFor(text: "No open calls")
        try console.send("/")
        try console.type("state:breachd")
        try console.send("Enter")
        try console.waitFor(text: "no state breachd")
        try console.send("/")
        try console.send("Escape")

        try console.send("n")
        try console.waitFor(text: "New call")
        try console.type("上海华东电气有限公司")
        try console.send("Tab")
        try console.type("021-6952 3310")
        try console.send("Tab")
        try console.type("复印机卡纸")
        // Level, region, product and serial, then the purchase date and the defect code.
        for _ in 0..<5 { try console.send("Tab") }
        try console.type("2026-03-01")
        try console.send("Tab")
        try console.type("E-302")
        try console.send("Enter")
        try console.waitFor(text: "上海华东电气有限公司")
        let json = try CallboardCLI.succeed(["show", "C-0001", "--json"], journal: scratch.journal)
        #expect(json.contains(#""purchased" : "2026-03-01""#) && json.lowercased().contains(#""defect" : "e-302""#), "\(json)")

        // `:journal export --json` prints lines longer than the screen: their ends are reached sideways.
        try CallboardCLI.succeed(["note", "C-0001", String(repeating: "客户来电询问进度，", count: 12) + "尾标记"], journal: scratch.journal)
        try console.type(":journal export --json")
        try console.send("Enter")
        let wide = try console.waitFor(text: #""seq":"#)
        #expect(!wide.contains("尾标记"), "the note's end is past the right edge:\n\(wide)")
        // A step at a time (eight columns each) until the note's end comes into view.
        var reached = false
        for _ in 0..<60 where !reached {
            try console.send("Right")
            Thread.sleep(forTimeInterval: 0.05)
            reached = try console.capture().contains("尾标记")
        }
        #expect(reached, "→ brings the end of a long line into view")
        try console.send("Escape")
        try console.send("q")
        try console.waitForExit()
    }

    @Test func theCallInFullWrapsItsSummaryAndScrollsToTheEndOfItsHistory() throws {
        let scratch = try Scratch()
        try roster(scratch.journal)
        let summary = "主控服务器宕机，生产线停止，" + String(repeating: "机房温度过高导致服务器反复重启，", count: 8) + "请带备用电源模块"
        try CallboardCLI.succeed(["intake", "--customer", "上海华东电气有限公司", "--phone", "021-6952 3310", "--summary", summary,
                                  "--level", "1", "--region", "city", "--at", "-2h"], journal: scratch.journal)
        for n in 1...40 { try CallboardCLI.succeed(["note", "C-0001", "第\(n)次联系客户", "--at", "-\(100 - n)m"], journal: scratch.journal) }
        let console = try TmuxConsole([], journal: scratch.journal, width: 120, height: 40)
        try console.waitFor(text: "上海华东电气有限公司")
        try console.send("Enter")
        // The summary's end, which only the call in full shows: the title alone may be caught
        // before the rest of the frame reached the terminal.
        let top = try console.waitFor(text: "请带备用电源模块")
        #expect(top.contains("C-0001 in full"), "the whole summary, wrapped, in the call in full:\n\(top)")
        #expect(top.contains("lines 1-"), "the view says how far it goes")
        try console.send("PageDown")
        try console.send("PageDown")
        try console.send("End")
        let bottom = try console.waitFor(text: "第40次联系客户")
        #expect(bottom.contains("History") || bottom.contains("第39次联系客户"))
        try console.send("Escape")
        try console.waitUntilGone("C-0001 in full")
        try console.send("q")
        try console.waitForExit()
    }

    @Test func theBoardHasItsOwnSelectionAndKeys() throws {
        let scratch = try Scratch()
        try roster(scratch.journal)
        try CallboardCLI.succeed(["intake", "--customer", "浦东新区人民医院", "--phone", "021-5830 1120", "--summary", "UPS 报警", "--level", "1",
                                  "--region", "city", "--at", "-3h"], journal: scratch.journal)
        try CallboardCLI.succeed(["intake", "--customer", "徐汇区图书馆", "--phone", "021-6431 7788", "--summary", "打印机", "--level", "2",
                                  "--region", "city", "--at", "-2h"], journal: scratch.journal)
        let console = try TmuxConsole([], journal: scratch.journal, width: 140, height: 40)
        try console.waitFor(text: "徐汇区图书馆")
        try console.send("b")
        try console.waitFor(text: "Supervisor board")
        // The selected line is the board's, not the queue's: responding asks about that call.
        try console.send("j")
        try console.send("r")
        let question = try console.waitFor(text: "Record this?")
        let asked = ["C-0001 浦东新区人民医院", "C-0002 徐汇区图书馆"].filter { question.contains($0 + ": responded") }
        #expect(asked.count == 1, "one call, the selected one:\n\(question)")
        try console.send("Enter")
        try console.waitFor(text: ": responded")
        let json = try CallboardCLI.succeed(["list", "--json"], journal: scratch.journal)
        #expect(json.components(separatedBy: #""responded_at" : null"#).count == 2, "exactly one call was responded to")
        try console.send("Enter")
        try console.waitFor(text: "in full")
        try console.send("Escape")
        try console.waitFor(text: "Supervisor board")
        try console.send("b")
        try console.waitUntilGone("Supervisor board")
        try console.send("q")
        try console.waitForExit()
    }

    @Test func atEightyByTwentyFourHelpScrollsToEveryKeyAndTheFooterKeepsTheBoard() throws {
        let scratch = try Scratch()
        try roster(scratch.journal)
        try CallboardCLI.succeed(["intake", "--customer", "徐汇区图书馆", "--phone", "021-6431 7788", "--summary", "打印机"], journal: scratch.journal)
        let console = try TmuxConsole([], journal: scratch.journal, width: 80, height: 24)
        let screen = try console.waitFor(text: "徐汇区图书馆")
        let footer = screen.split(separator: "\n").last.map(String.init) ?? ""
        #expect(footer.contains("b board"), "\(footer)")
        try console.send("?")
        var seen = try console.waitFor(text: "Keys (Esc closes")
        for _ in 0..<4 {
            try console.send("PageDown")
            Thread.sleep(forTimeInterval: 0.2)
            seen += try console.capture()
        }
        for key in ["b ", "q ", "level:1", ":assign"] { #expect(seen.contains(key), "\(key) in help") }
        try console.send("Escape")
        try console.waitUntilGone("Keys (Esc closes")
        try console.send("q")
        try console.waitForExit()
    }

    @Test func theCommandLineShowsAllItPrintedRemembersCompletesAndTakesAnUnquotedNote() throws {
        let scratch = try Scratch()
        try roster(scratch.journal)
        for n in 1...3 {
            try CallboardCLI.succeed(["intake", "--customer", "客户\(n)", "--phone", "021-6431 7788", "--summary", "打印机"], journal: scratch.journal)
        }
        let console = try TmuxConsole([], journal: scratch.journal, width: 120, height: 36)
        try console.waitFor(text: "客户3")
        try console.send(":")
        try console.type("note C-0002 请带 硬盘")
        try console.send("Enter")
        try console.waitFor(text: "note: 请带 硬盘")
        try console.send(":")
        try console.type("tech li")
        try console.send("Tab")
        try console.waitFor(text: ":tech list")
        try console.send("Enter")
        let output = try console.waitFor(text: ":tech list")
        #expect(output.contains("T01") && output.contains("王磊"), "every line it printed:\n\(output)")
        try console.send("Escape")
        try console.send(":")
        try console.send("Up")
        try console.send("Up")
        try console.waitFor(text: ":note C-0002 请带 硬盘")
        try console.send("Escape")
        try console.send("q")
        try console.waitForExit()
    }

    /// Marked as a paste or not (a terminal without bracketed paste sends it as keys).
    @Test(arguments: [false, true])
    func aLongPasteIsTakenAtTerminalSpeedUpToTheLimitTheFormSays(bracketed: Bool) throws {
        let scratch = try Scratch()
        try roster(scratch.journal)
        let console = try TmuxConsole([], journal: scratch.journal, width: 200, height: 40)
        try console.waitFor(text: "Technicians (1)")
        try console.send("n")
        try console.waitFor(text: "New call")
        try console.send("Tab")
        try console.send("Tab")
        try console.paste(String(repeating: "长", count: 10_000), bracketed: bracketed)
        let screen = try console.waitFor("the summary full", timeout: 15) { $0.contains("1000/1000") }
        #expect(screen.contains("at most 1000 characters"), "the limit is said:\n\(screen)")
        // The summary field uses the screen's width.
        let row = Screen.line(containing: "1000/1000", in: screen) ?? ""
        #expect(Screen.width(row) > 150, "\(row)")
        try console.send("Escape")
        try console.waitFor(text: "Discard the new call")
        try console.send("y")
        try console.send("q")
        try console.waitForExit()
    }

    /// At 80 columns every technician has a line, and the board names the key that acts on a
    /// line (the printout, the command to type).
    @Test func theBoardListsEveryTechnicianAndNamesItsKeysOnANarrowScreen() throws {
        let scratch = try Scratch()
        for n in 1...8 {
            try CallboardCLI.succeed(["tech", "add", "T0\(n)", "--name", "技术员\(n)号", "--shift", "oncall"], journal: scratch.journal)
        }
        try CallboardCLI.succeed(["intake", "--customer", "浦东新区人民医院", "--phone", "021-5830 1120", "--summary", "UPS 报警", "--level", "1",
                                  "--region", "city", "--at", "-3h"], journal: scratch.journal)
        // The console fires the escalation for the broken on-site promise, then lists it.
        let console = try TmuxConsole(["board"], journal: scratch.journal, width: 80, height: 60)
        let screen = try console.waitFor("the escalation and its key") { $0.contains("A take charge of its escalations") }
        #expect(!screen.contains("callboard ack"), "\(screen)")
        for n in 1...8 { #expect(screen.contains("  T0\(n) 技术员\(n)号 "), "T0\(n):\n\(screen)") }
        try console.send("q")
        try console.waitForExit()
        let printed = try CallboardCLI.succeed(["board", "--print"], journal: scratch.journal)
        #expect(printed.contains("callboard ack C-0001"), "\(printed)")
    }

    @Test func aBoardPrintedToAPipeIsNeverCut() throws {
        let scratch = try Scratch()
        for n in 1...20 {
            try CallboardCLI.succeed(["intake", "--customer", "客户\(n)", "--phone", "021-6431 7788", "--summary", "打印机", "--level", "1",
                                      "--region", "city", "--at", "-3h"], journal: scratch.journal)
        }
        let printed = try CallboardCLI.succeed(["board", "--print"], journal: scratch.journal)
        #expect(!printed.contains("…") && !printed.contains("more"), "\(printed)")
        for n in 1...20 { #expect(printed.contains(CallID(number: n).description)) }
    }
}
