import CallboardCore
import Foundation
import Testing

/// The dispatcher's flows, driven from the keyboard in a real terminal.
@Suite struct DispatcherConsoleTests {
    /// Two on-call engineers (eligible at any hour, so the test does not depend on the clock).
    func roster(_ journal: String) throws {
        try CallboardCLI.succeed(["tech", "add", "T01", "--name", "王磊", "--region", "city", "--skills", "printer,network", "--shift", "oncall"], journal: journal)
        try CallboardCLI.succeed(["tech", "add", "T02", "--name", "李娜", "--region", "jiading", "--skills", "server", "--shift", "oncall"], journal: journal)
    }

    @Test func aCallIsTakenThroughTheFormInChineseAndAssignedThroughThePicker() throws {
        let scratch = try Scratch()
        try roster(scratch.journal)
        let console = try TmuxConsole([], journal: scratch.journal, width: 120, height: 36)
        try console.waitFor(text: "Technicians (2)")
        try console.send("n")
        try console.waitFor(text: "New call")
        try console.type("上海华东电器")
        try console.send("BSpace") // deletes one character, not one byte
        try console.type("气有限公司")
        try console.send("Tab")
        try console.type("021-6952 3310")
        try console.send("Tab")
        try console.type("复印机卡纸 E-302")
        try console.send("Tab")
        try console.type("7") // not a level
        try console.send("Enter")
        let refused = try console.waitFor(text: "is not a fault level")
        #expect(refused.contains("上海华东电气有限公司"), "what was typed is kept")
        try console.send("BSpace")
        try console.type("2")
        try console.send("Tab")
        try console.type("city")
        try console.send("Enter")
        let saved = try console.waitFor(text: "C-0001: received by phone, level 2, region city")
        let row = try #require(Screen.line(containing: "C-0001", in: saved))
        #expect(row.contains("上海华东电气有限公司") && row.contains(" new "))

        try console.send("a")
        let picker = try console.waitFor(text: "engineers by fit")
        let first = try #require(Screen.line(containing: "▸", in: picker))
        #expect(first.contains("T01 王磊") && first.contains("covers city") && first.contains("skill printer"), "\(first)")
        #expect(Screen.line(containing: "T02 李娜", in: picker)?.contains("covers jiading, not city") == true)
        try console.send("Enter")
        try console.waitFor(text: "C-0001: assigned to T01 王磊")
        let show = try CallboardCLI.succeed(["show", "C-0001"], journal: scratch.journal)
        #expect(show.contains("assigned to T01 王磊"))
        #expect(show.contains("received by phone"))
        try console.send("q")
        try console.waitForExit()
    }

    @Test func escapeAsksBeforeDiscardingAndTheKeysMoveTheCallAlong() throws {
        let scratch = try Scratch()
        try roster(scratch.journal)
        try CallboardCLI.succeed(["intake", "--customer", "嘉定区第二中学", "--phone", "021-5953 1276", "--summary", "复印机卡纸", "--level", "3", "--region", "jiading"], journal: scratch.journal)
        try CallboardCLI.succeed(["assign", "C-0001", "T02"], journal: scratch.journal)
        let console = try TmuxConsole([], journal: scratch.journal, width: 120, height: 36)
        try console.waitFor(text: "嘉定区第二中学")
        try console.send("n")
        try console.type("半截")
        try console.send("Escape")
        try console.waitFor(text: "Discard the new call")
        try console.send("n")
        try console.waitFor(text: "半截")
        try console.send("Escape")
        try console.send("y")
        try console.waitUntilGone("New call")

        // Responding cannot be taken back: it says what it will record, and Esc records nothing.
        try console.send("r")
        try console.waitFor(text: "Record this?")
        try console.waitFor(text: "C-0001 嘉定区第二中学: responded")
        try console.send("Escape")
        try console.waitUntilGone("Record this?")
        #expect(try CallboardCLI.succeed(["show", "C-0001", "--json"], journal: scratch.journal).contains(#""responded_at" : null"#))
        try console.send("r")
        try console.waitFor(text: "Record this?")
        try console.send("Enter")
        try console.waitFor(text: "C-0001: responded")
        // Setting off, arriving and fixing cannot be taken back either: each asks first.
        for (key, word) in [("d", "en route"), ("o", "on site"), ("f", "resolved")] {
            try console.send(key)
            if key == "f" {
                // What fixed it is asked first: the first cause, no fix, no parts.
                try console.waitFor(text: "what fixed it")
                for _ in 0..<3 { try console.send("Enter") }
            }
            try console.waitFor(text: "Record this?")
            try console.send("y")
            try console.waitFor("C-0001 \(word)") { Screen.line(containing: "C-0001", in: $0)?.contains(word) == true }
        }
        try console.send("c")
        try console.waitFor(text: "Only when the customer confirmed the fix")
        try console.send("y")
        try console.waitFor(text: "C-0001: closed")
        try console.waitFor(text: "No open calls")
        try console.send("q")
        try console.waitForExit()
    }

    @Test func twoConsolesOnOneJournalSeeEachOtherAndTypedInputSurvives() throws {
        let scratch = try Scratch()
        try roster(scratch.journal)
        let first = try TmuxConsole([], journal: scratch.journal, width: 120, height: 36)
        let second = try TmuxConsole([], journal: scratch.journal, width: 120, height: 36)
        try first.waitFor(text: "Technicians (2)")
        try second.waitFor(text: "Technicians (2)")
        // The second dispatcher is half way through a form when the first takes a call.
        try second.send("n")
        try second.type("正在输入的客户")
        try first.send("n")
        try first.type("浦东新区人民医院")
        try first.send("Tab")
        try first.type("021-5830 1120")
        try first.send("Tab")
        try first.type("UPS 报警")
        try first.send("Enter")
        try first.waitFor(text: "C-0001: received")
        let typing = try second.waitFor("the new call behind the form") { $0.contains("open 1") }
        #expect(typing.contains("正在输入的客户"), "typed input is kept while the desk changes")
        try second.send("Escape")
        try second.send("y")
        try second.waitFor(text: "浦东新区人民医院")
        try second.send("p")
        try second.type("等待备件")
        try second.send("Enter")
        try first.waitFor("the pause made in the other console") { Screen.line(containing: "C-0001", in: $0)?.contains("paused") == true }
        for console in [first, second] {
            try console.send("q")
            try console.waitForExit()
        }
    }

    @Test func theCommandLineRunsTheToolsVerbsInsideTheConsole() throws {
        let scratch = try Scratch()
        try roster(scratch.journal)
        try CallboardCLI.succeed(["intake", "--customer", "徐汇区图书馆", "--phone", "021-6431 7788", "--summary", "打印机故障"], journal: scratch.journal)
        let console = try TmuxConsole([], journal: scratch.journal, width: 120, height: 36)
        try console.waitFor(text: "徐汇区图书馆")
        try console.send(":")
        try console.type(#"note C-0001 "客户要求 上午到场""#)
        try console.send("Enter")
        try console.waitFor(text: "note: 客户要求 上午到场")
        try console.send(":")
        try console.type("assign C-0001 T09")
        try console.send("Enter")
        try console.waitFor(text: "no technician T09")
        try console.send(":")
        try console.type("console")
        try console.send("Enter")
        try console.waitFor(text: "opens a screen of its own")
        let show = try CallboardCLI.succeed(["show", "C-0001"], journal: scratch.journal)
        #expect(show.contains("note: 客户要求 上午到场"))
        try console.send("q")
        try console.waitForExit()
    }

    @Test func filterSortHelpAndDetails() throws {
        let scratch = try Scratch()
        try roster(scratch.journal)
        try CallboardCLI.succeed(["intake", "--customer", "甲公司", "--phone", "021-6431 7788", "--summary", "服务器宕机", "--level", "1", "--region", "city"], journal: scratch.journal)
        try CallboardCLI.succeed(["intake", "--customer", "乙公司", "--phone", "021-6431 7788", "--summary", "扫描仪驱动", "--level", "4", "--region", "jiading"], journal: scratch.journal)
        let console = try TmuxConsole([], journal: scratch.journal, width: 120, height: 36)
        try console.waitFor(text: "乙公司")
        try console.send("/")
        try console.type("region:jiading")
        let filtered = try console.waitFor("the filter to apply") { !$0.contains("甲公司") && $0.contains("乙公司") }
        #expect(filtered.contains("乙公司"))
        try console.send("Enter")
        try console.send("Escape")
        try console.waitFor(text: "甲公司")
        try console.send("?")
        try console.waitFor(text: "Keys (Esc closes")
        try console.send("x")
        try console.waitUntilGone("Keys (Esc closes")
        try console.send("Enter")
        let details = try console.waitFor(text: "in full")
        #expect(details.contains("History") && details.contains("Timers"))
        try console.send("q") // back from the call in full
        try console.waitUntilGone("in full")
        try console.send("q")
        try console.waitForExit()
    }

    @Test func theConsoleSpeaksChineseFromTheLocaleOrTheFlag() throws {
        let scratch = try Scratch()
        try roster(scratch.journal)
        try CallboardCLI.succeed(["intake", "--customer", "甲公司", "--phone", "021-6431 7788", "--summary", "服务器宕机"], journal: scratch.journal)
        let byLocale = try TmuxConsole([], journal: scratch.journal, width: 100, height: 30, environment: ["LANG": "zh_CN.UTF-8", "LC_ALL": ""])
        let screen = try byLocale.waitFor(text: "未结 1")
        #expect(screen.contains("客户") && screen.contains("技术员（2 人）") && screen.contains("新报修"))
        let byFlag = try TmuxConsole(["console", "--lang", "zh"], journal: scratch.journal, width: 100, height: 30)
        try byFlag.waitFor(text: "未派工 1")
        try byFlag.send("n")
        try byFlag.waitFor(text: "登记新报修")
        let english = try CallboardCLI.run(["console", "--lang", "fr"], journal: scratch.journal)
        #expect(english.status == 64 && english.stderr.contains("--lang"))
    }

    @Test func colourIsOffWithNoColorAndStateStillReads() throws {
        let scratch = try Scratch()
        try roster(scratch.journal)
        try CallboardCLI.succeed(["intake", "--customer", "甲公司", "--phone", "021-6431 7788", "--summary", "x", "--at", "-2d"], journal: scratch.journal)
        // The terminal type as the console sees it, set inside the tmux window.
        func console(term: String) throws -> TmuxConsole {
            let command = ["env", "TERM=\(term)", Binary.path, "--journal", scratch.journal].map(TmuxConsole.shellQuoted).joined(separator: " ")
            return try TmuxConsole(command: command, width: 120, height: 30, environment: [:])
        }
        let coloured = try console(term: "xterm-256color")
        try coloured.waitFor(text: "甲公司")
        #expect(try coloured.captureWithAttributes().contains("38;5;196"), "the 256-colour red for a breach")
        let eight = try console(term: "screen")
        try eight.waitFor(text: "甲公司")
        let basic = try eight.captureWithAttributes()
        #expect(basic.contains("\u{1B}[31m") || basic.contains(";31m"), "the basic red for a breach")
        let plain = try TmuxConsole([], journal: scratch.journal, width: 120, height: 30, environment: ["NO_COLOR": "1"])
        let screen = try plain.waitFor(text: "甲公司")
        let attributes = try plain.captureWithAttributes()
        #expect(!attributes.contains("38;5;") && !attributes.contains("[31m") && !attributes.contains(";31m"))
        #expect(Screen.line(containing: "甲公司", in: screen)?.contains("✗ -") == true, "a breach still reads without colour")
    }
}

@Suite struct ConsoleKeysTests {
    @Test func homeAndEndAsTmuxSendsThemMoveTheCursorAndCtrlCCancelsAForm() throws {
        let scratch = try Scratch()
        try CallboardCLI.succeed(["intake", "--customer", "甲", "--phone", "021-5830 1120", "--summary", "x"], journal: scratch.journal)
        // xterm's description names Home as ESC O H; tmux sends ESC [ 1 ~. Both must work.
        let command = ["env", "TERM=xterm-256color", Binary.path, "--journal", scratch.journal].map(TmuxConsole.shellQuoted).joined(separator: " ")
        let console = try TmuxConsole(command: command, width: 100, height: 30, environment: [:])
        try console.waitFor(text: "C-0001")
        try console.send("n")
        try console.type("客户")
        try console.send("Home")
        try console.type("上海")
        try console.send("End")
        try console.type("公司")
        let form = try console.waitFor(text: "上海客户公司")
        #expect(!form.contains("[1~") && !form.contains("[4~") && !form.contains("Discard"))
        try console.send("C-c")
        try console.waitFor(text: "Discard the new call")
        try console.send("y")
        try console.waitUntilGone("New call")
        #expect(console.isRunning, "Ctrl-C cancelled the form, not the console")
        try console.send("C-c")
        try console.waitForExit()
    }

    @Test func aTallFormScrollsToTheFieldBeingTypedOnAShortScreen() throws {
        let scratch = try Scratch()
        let console = try TmuxConsole([], journal: scratch.journal, width: 80, height: 12)
        try console.waitFor(text: "No open calls")
        try console.send("n")
        // Kind is the last of the form's twelve fields.
        for _ in 0..<11 { try console.send("Tab") }
        try console.type("complaint")
        let screen = try console.waitFor(text: "complaint")
        #expect(screen.contains("Kind"), "the focused field is on screen")
    }
}

@Suite struct ConsoleReasonTests {
    @Test func relevelAsksFirstAndANoteGoesIntoTheHistory() throws {
        let scratch = try Scratch()
        try CallboardCLI.succeed(["intake", "--customer", "徐汇区图书馆", "--phone", "021-6431 7788", "--summary", "打印机故障", "--level", "4"],
                                 journal: scratch.journal)
        let console = try TmuxConsole([], journal: scratch.journal, width: 120, height: 36)
        try console.waitFor(text: "徐汇区图书馆")
        try console.send("L")
        try console.waitFor(text: "Now level 4")
        try console.type("2")
        try console.send("Tab")
        try console.type("生产线受影响")
        try console.send("Enter")
        try console.waitFor(text: "from level 4 to level 2")
        try console.send("y")
        try console.waitFor(text: "C-0001: releveled from level 4 to level 2: 生产线受影响")
        try console.send("m")
        try console.type("已电话确认地址")
        try console.send("Enter")
        try console.waitFor(text: "C-0001: note: 已电话确认地址")
        let show = try CallboardCLI.succeed(["show", "C-0001"], journal: scratch.journal)
        #expect(show.contains("releveled from level 4 to level 2") && show.contains("note: 已电话确认地址"))
    }
}
