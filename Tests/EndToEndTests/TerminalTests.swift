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
        let screen = try shell.waitFor(text: "EXIT=")
        #expect(screen.contains("BEFORE"))
        #expect(!screen.contains("张三"))
        let codes = ["INT": 130, "HUP": 129, "TERM": 143]
        #expect(screen.contains("EXIT=\(codes[signal]!)"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: scratch.journal)) == before)
    }

    @Test(arguments: [80, 120])
    func chineseAndEnglishRowsLineUpInEveryColumn(width: Int) throws {
        let scratch = try Scratch()
        try CallboardCLI.succeed(["tech", "add", "T01", "--name", "王磊", "--region", "city"], journal: scratch.journal)
        try CallboardCLI.succeed(["tech", "add", "T02", "--name", "David Wong", "--region", "jiading"], journal: scratch.journal)
        let calls = [("上海申通物流嘉定分拨中心", "city"), ("Acme Ltd", "jiading"), ("李建国", "kunshan")]
        for (customer, region) in calls {
            try CallboardCLI.succeed(["intake", "--customer", customer, "--phone", "021-5995 6610", "--summary", "服务器硬盘告警 disk alarm",
                                      "--region", region, "--level", "2"], journal: scratch.journal)
        }
        let console = try TmuxConsole([], journal: scratch.journal, width: width, height: 30)
        let screen = try console.waitFor(text: "李建国")
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
    }

    @Test func hostileTextFromTheJournalIsShownHarmlessly() throws {
        let scratch = try Scratch()
        try JournalForge.writeCall(customer: "Evil\u{1B}[2J\u{1B}]0;pwned\u{07}Corp", summary: "ok\u{1B}[31mRED", to: scratch.journal)
        let console = try TmuxConsole([], journal: scratch.journal)
        let screen = try console.waitFor(text: "Evil")
        let row = try #require(Screen.line(containing: "Evil", in: screen))
        // The escape character is drawn as a visible symbol; the screen was not cleared.
        #expect(row.contains("Evil␛[2J␛]0;pwned␇Corp"), "row: \(row)")
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
}
