import CallboardTUI
import Foundation
import Testing

/// The console leaves the terminal as it found it, draws Chinese in aligned columns, and never
/// lets hostile text reach the terminal raw.
@Suite(.serialized)
struct TerminalTests {
    @Test func quittingRestoresTheShellScreen() throws {
        let scratch = try Scratch()
        let shell = try TmuxConsole.shell()
        try shell.type("echo BEFORE-THE-CONSOLE")
        try shell.send("Enter")
        try shell.waitFor(text: "BEFORE-THE-CONSOLE")
        try shell.type("\(TmuxConsole.shellQuoted(Binary.path)) console --journal \(TmuxConsole.shellQuoted(scratch.journal))")
        try shell.send("Enter")
        try shell.waitFor(text: "Callboard")
        try shell.send("q")
        let screen = try shell.waitFor("the shell back") { !$0.contains("Callboard") && $0.contains("BEFORE-THE-CONSOLE") }
        // Echo is back on: what we type shows at the prompt.
        try shell.type("echo AFTER")
        try shell.send("Enter")
        try shell.waitFor("typed text echoed and run") { $0.components(separatedBy: "AFTER").count >= 3 }
        #expect(!screen.contains("TECH"))
    }

    @Test(arguments: ["TERM", "HUP", "INT"])
    func aStopSignalRestoresTheTerminal(signal: String) throws {
        let scratch = try Scratch()
        try CallboardCLI.succeed(["intake", "--customer", "张三", "--phone", "139 0000 1111", "--summary", "打印机卡纸"], journal: scratch.journal)
        let before = try Data(contentsOf: URL(fileURLWithPath: scratch.journal))
        let shell = try TmuxConsole.shell()
        try shell.type("echo BEFORE; \(TmuxConsole.shellQuoted(Binary.path)) --journal \(TmuxConsole.shellQuoted(scratch.journal)); echo \"EXIT=$?\"")
        try shell.send("Enter")
        try shell.waitFor(text: "张三")
        let killed = try Spawn.run(["pkill", "-\(signal)", "-f", "^\(Binary.path) --journal \(scratch.journal)$"], environment: TestEnvironment.variables())
        #expect(killed == 0)
        let screen = try shell.waitFor("the exit status") { Self.exitLine(in: $0) != nil }
        #expect(screen.contains("BEFORE"))
        #expect(!screen.contains("张三"))
        let codes = ["INT": 130, "HUP": 129, "TERM": 143]
        #expect(Self.exitLine(in: screen) == "EXIT=\(codes[signal]!)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: scratch.journal)) == before)
    }

    @Test(arguments: [80, 120])
    func chineseAndEnglishRowsLineUpInEveryColumn(width: Int) throws {
        let scratch = try Scratch()
        // On call: "available" at any hour the test runs (a day shift reads "off shift" at night).
        try CallboardCLI.succeed(["tech", "add", "T01", "--name", "王磊", "--region", "city", "--shift", "oncall"], journal: scratch.journal)
        try CallboardCLI.succeed(["tech", "add", "T02", "--name", "David Wong", "--region", "jiading", "--shift", "oncall"], journal: scratch.journal)
        let calls = [("上海申通物流嘉定分拨中心", "city"), ("Acme Ltd", "jiading"), ("李建国", "kunshan")]
        for (customer, region) in calls {
            try CallboardCLI.succeed(["intake", "--customer", customer, "--phone", "021-5995 6610", "--summary", "服务器硬盘告警 disk alarm",
                                      "--region", region, "--level", "2"], journal: scratch.journal)
        }
        let console = try TmuxConsole([], journal: scratch.journal, width: width, height: 30)
        // The whole first frame: the queue and the roster below it.
        let screen = try console.waitFor("the queue and the roster") { $0.contains("李建国") && $0.contains("NAME") && $0.contains("David Wong") }
        let header = try #require(Screen.line(containing: "CUSTOMER", in: screen))
        let statusColumn = try #require(Screen.column(of: "STATUS", in: header))
        for (customer, region) in calls {
            // Long names are cut with an ellipsis at 80 columns: find the row by its start.
            let row = try #require(Screen.line(containing: String(customer.prefix(4)), in: screen))
            #expect(Screen.column(of: " new ", in: row).map { $0 + 1 } == statusColumn, "row: \(row)")
            if let regionColumn = Screen.column(of: "REGION", in: header) {
                #expect(Screen.column(of: region, in: row) == regionColumn, "row: \(row)")
            }
        }
        // The roster aligns the same way, and no line is wider than the terminal.
        let rosterHeader = try #require(Screen.line(containing: "NAME", in: screen))
        let rosterStatus = try #require(Screen.column(of: "STATUS", in: rosterHeader))
        for name in ["王磊", "David Wong"] {
            let row = try #require(Screen.line(containing: name, in: screen))
            #expect(Screen.column(of: "available", in: row) == rosterStatus, "row: \(row)")
        }
        for line in screen.split(separator: "\n") {
            #expect(Screen.width(String(line)) <= width, "line: \(line)")
        }
        // What the symbols mean is always on screen, and the restore column outlasts the region.
        #expect(screen.contains("✓ met ▲ warning ✗ breached ‖ paused"))
        #expect(header.contains("RESTORE"))
    }

    @Test func hostileTextFromTheJournalIsShownHarmlessly() throws {
        let scratch = try Scratch()
        try JournalForge.writeCall(customer: "Evil\u{1B}[2J\u{1B}]0;pwned\u{07}Corp", summary: "ok\u{1B}[31mRED", to: scratch.journal)
        let console = try TmuxConsole([], journal: scratch.journal)
        let screen = try console.waitFor(text: "Evil")
        let row = try #require(Screen.line(containing: "Evil", in: screen))
        // The escape character is drawn as a visible symbol; the screen was not cleared.
        #expect(row.contains("Evil␛[2J␛]0;pwned␇"), "row: \(row)")
        #expect(screen.contains("Callboard"))
        #expect(!(try console.captureWithAttributes()).contains("pwned\u{07}"))
    }

    @Test func aTinyTerminalGetsANoticeAndRecoversWhenResized() throws {
        let scratch = try Scratch()
        try CallboardCLI.succeed(["intake", "--customer", "华联超市", "--phone", "021-3908 4417", "--summary", "扫码枪无响应"], journal: scratch.journal)
        let console = try TmuxConsole([], journal: scratch.journal, width: 100, height: 30)
        try console.waitFor(text: "华联超市")
        try console.resize(width: 40, height: 12)
        try console.waitFor(text: "Terminal too small")
        try console.resize(width: 100, height: 30)
        try console.waitFor(text: "华联超市")
        #expect(console.isRunning)
    }

    @Test func anUnknownTerminalTypeIsOneClearLine() throws {
        let scratch = try Scratch()
        let shell = try TmuxConsole.shell()
        try shell.type("TERM=nonesuch \(TmuxConsole.shellQuoted(Binary.path)) --journal \(TmuxConsole.shellQuoted(scratch.journal)); echo \"EXIT=$?\"")
        try shell.send("Enter")
        let screen = try shell.waitFor("the exit status") { Self.exitLine(in: $0) != nil }
        #expect(screen.contains("callboard: cannot drive a terminal of type 'nonesuch' (TERM)"))
        #expect(Self.exitLine(in: screen) == "EXIT=1")
        #expect(!screen.contains("Error opening terminal"))
    }

    @Test func emojiAndJoinedSequencesKeepTheColumnsAligned() throws {
        let scratch = try Scratch()
        // The command line refuses joiners; a journal from elsewhere might still hold them.
        try JournalForge.writeCall(customer: "👨\u{200D}👩\u{200D}👧 王家 ❤\u{FE0F}", summary: "e\u{301}mojis 🇨🇳 ok", to: scratch.journal)
        try JournalForge.writeCall(customer: "Plain Customer", summary: "plain", to: scratch.journal)
        let console = try TmuxConsole([], journal: scratch.journal)
        let screen = try console.waitFor(text: "Plain Customer")
        let header = try #require(Screen.line(containing: "CUSTOMER", in: screen))
        let plain = try #require(Screen.line(containing: "C-0002", in: screen))
        let emoji = try #require(Screen.line(containing: "C-0001", in: screen))
        for column in ["REGION", "STATUS", "TECH"] {
            let at = try #require(Screen.column(of: column, in: header))
            #expect(Self.textStart(after: at, in: emoji) == Self.textStart(after: at, in: plain), "\(column): \(emoji)")
        }
        #expect(emoji.contains("王家"))
        let countdown = try #require(ServiceCallJourneyTests.countdowns(in: plain).first)
        let countdownColumn = try #require(Screen.column(of: countdown, in: plain))
        #expect(Screen.column(of: countdown, in: emoji) == countdownColumn, "\(emoji)")
    }

    @Test func aJournalThatShrinksUnderTheConsoleIsReportedNotACrash() throws {
        let scratch = try Scratch()
        try CallboardCLI.succeed(["intake", "--customer", "First", "--phone", "138 0013 8000", "--summary", "x"], journal: scratch.journal)
        let backup = try Data(contentsOf: URL(fileURLWithPath: scratch.journal))
        try CallboardCLI.succeed(["intake", "--customer", "Second", "--phone", "138 0013 8000", "--summary", "x"], journal: scratch.journal)
        let console = try TmuxConsole([], journal: scratch.journal)
        try console.waitFor(text: "Second")
        try backup.write(to: URL(fileURLWithPath: scratch.journal)) // a backup restored under it
        try console.waitFor(text: "got shorter")
        #expect(console.isRunning)
        try console.send("q")
        try console.waitForExit()
    }

    /// The line the shell printed for `echo "EXIT=$?"` (not the command line that asked for it).
    static func exitLine(in screen: String) -> String? {
        screen.split(separator: "\n").map(String.init).first { $0.hasPrefix("EXIT=") }
    }

    /// The display column where text starts at or after `column` (skipping spaces).
    static func textStart(after column: Int, in line: String) -> Int? {
        var width = 0
        for character in line {
            if width >= column, character != " " { return width }
            width += Screen.width(String(character))
        }
        return nil
    }
}
