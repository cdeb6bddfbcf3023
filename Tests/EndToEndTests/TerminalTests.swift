import CallboardCore
import CallboardStore
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

    /// Ctrl-Z hands the terminal back to the shell; `fg` brings the console back whole, and
    /// quitting it then is an ordinary quit (exit 0), not a stop by signal. (Run as
    /// `callboard; echo $?`, a shell prints 148 at the Ctrl-Z: the list goes on when a job stops.)
    @Test func aSuspendedConsoleResumesRedrawnAndQuitsWithZero() throws {
        let scratch = try Scratch()
        try CallboardCLI.succeed(["intake", "--customer", "张三", "--phone", "139 0000 1111", "--summary", "打印机卡纸"], journal: scratch.journal)
        let shell = try TmuxConsole.shell(width: 120, height: 30)
        try shell.type("echo BEFORE; \(TmuxConsole.shellQuoted(Binary.path)) --journal \(TmuxConsole.shellQuoted(scratch.journal))")
        try shell.send("Enter")
        try shell.waitFor(text: "张三")
        try shell.send("C-z")
        // The shell's own screen is back, with its prompt under the job's "Stopped".
        let stopped = try shell.waitFor("the shell after Ctrl-Z") { $0.contains("Stopped") && !$0.contains("张三") }
        #expect(stopped.contains("BEFORE"))
        // A stopped console holds up nobody: the desk goes on meanwhile, and the window changes.
        try CallboardCLI.succeed(["intake", "--customer", "李四", "--phone", "139 0000 2222", "--summary", "扫码枪无响应"], journal: scratch.journal)
        try shell.resize(width: 90, height: 26)
        try shell.type("fg")
        try shell.send("Enter")
        // Everything is drawn again, at the terminal's size now, with what happened meanwhile.
        let resumed = try shell.waitFor("the console redrawn") { $0.contains("李四") && $0.contains("CUSTOMER") && $0.contains("Callboard") }
        #expect(!resumed.contains("Stopped"))
        var lines = resumed.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        #expect(lines.count == 26 && lines.allSatisfy { Screen.width(String($0)) <= 90 }, "\(resumed)")
        #expect(lines.last.map { $0.contains("q quit") } == true, "the footer on the last row: \(resumed)")
        try shell.send("q")
        try shell.waitFor("the shell back") { !$0.contains("CUSTOMER") }
        try shell.type("echo \"EXIT=$?\"")
        try shell.send("Enter")
        let screen = try shell.waitFor("the exit status") { Self.exitLine(in: $0) != nil }
        #expect(Self.exitLine(in: screen) == "EXIT=0")
    }

    /// A console in a shell, on a journal long enough that `journal verify` reads it (under the
    /// readers' lock) for a while, with `:journal verify` just started on its command line; `then`
    /// follows the console's command in the shell. How long verify alone took, to wait by.
    static func consoleRunningALongVerify(then: String) throws -> (Scratch, TmuxConsole, TimeInterval) {
        let scratch = try Scratch()
        try CallboardCLI.succeed(["intake", "--customer", "张三", "--phone", "139 0000 1111", "--summary", "打印机卡纸"], journal: scratch.journal)
        let desk = try JournalDesk(log: FileJournal(path: scratch.journal))
        let at = Date().addingTimeInterval(-60)
        try desk.record(now: at) { _ in
            (0..<300_000).map { n in Event(occurredAt: at, recordedAt: at, actor: "t", change: .noted(CallID(number: 1), "第\(n)次回访")) }
        }
        let started = Date()
        try CallboardCLI.succeed(["journal", "verify"], journal: scratch.journal)
        let verifying = Date().timeIntervalSince(started)
        let shell = try TmuxConsole.shell(width: 120, height: 30)
        try shell.type("\(TmuxConsole.shellQuoted(Binary.path)) --journal \(TmuxConsole.shellQuoted(scratch.journal))" + then)
        try shell.send("Enter")
        try shell.waitFor(text: "张三", timeout: 30)
        try shell.type(":journal verify")
        try shell.send("Enter")
        Thread.sleep(forTimeInterval: min(0.5, verifying / 4))
        return (scratch, shell, verifying)
    }

    /// Ctrl-Z while a `:` command runs suspends the console once the command is done: the
    /// command is never stopped half-way with the journal locked, which would hold up every
    /// other writer (the night watch included) until someone typed `fg`.
    @Test func ctrlZDuringACommandLineNeverLeavesTheJournalLocked() throws {
        let (scratch, shell, verifying) = try Self.consoleRunningALongVerify(then: "")
        try shell.send("C-z")
        try shell.waitFor("the console stopped", timeout: verifying * 3 + 10) { $0.contains("Stopped") }
        // Another dispatcher writes while the console is stopped: nothing holds the journal.
        let note = try Spawn.start([Binary.path, "note", "C-0001", "已联系客户", "--journal", scratch.journal],
                                   environment: TestEnvironment.variables(), stdout: .file("/dev/null"))
        let deadline = Date().addingTimeInterval(verifying * 3 + 10)
        var status: Int32 = 0
        var finished = false
        while !finished, Date() < deadline {
            finished = waitpid(note, &status, WNOHANG) == note
            if !finished { Thread.sleep(forTimeInterval: 0.05) }
        }
        if !finished { kill(note, SIGKILL); _ = try? Spawn.wait(for: note) }
        #expect(finished && status == 0, "a note while the console is stopped waited \(finished ? "and failed" : "for ever") (verify alone takes \(verifying)s)")
        try shell.type("fg")
        try shell.send("Enter")
        // What verify printed, in full; Esc closes it.
        try shell.waitFor(text: ":journal verify")
        try shell.send("Escape")
        try shell.waitFor(text: "张三")
        try shell.send("q")
        try shell.waitFor("the shell back") { !$0.contains("CUSTOMER") }
    }

    /// Ctrl-C while a `:` command runs stops that command, as a shell's Ctrl-C stops what runs
    /// in front of it; the console stays open (it quit once the command was done).
    @Test func ctrlCDuringACommandLineStopsTheCommandNotTheConsole() throws {
        let (scratch, shell, verifying) = try Self.consoleRunningALongVerify(then: "; echo \"EXIT=$?\"")
        defer { withExtendedLifetime(scratch) {} }
        try shell.send("C-c")
        let stopped = try shell.waitFor("the command stopped", timeout: verifying * 3 + 10) { $0.contains(":journal verify stopped") }
        #expect(stopped.contains("张三") && Self.exitLine(in: stopped) == nil, "the console is still open:\n\(stopped)")
        Thread.sleep(forTimeInterval: verifying + 1)
        #expect(Self.exitLine(in: try shell.capture()) == nil, "and stays open once the command would have been done")
        try shell.send("q")
        let screen = try shell.waitFor("the exit status") { Self.exitLine(in: $0) != nil }
        #expect(Self.exitLine(in: screen) == "EXIT=0")
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
        // The status echoed, not the end of the typed command line wrapped onto a line of its own
        // (`EXIT=$?"`, where the binary's path is long enough to wrap it there).
        screen.split(separator: "\n").map(String.init).first { $0.hasPrefix("EXIT=") && $0.dropFirst(5).first?.isNumber == true }
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
