import CallboardCore
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A write catches up with what others appended before it decides; when the write then fails,
/// what it caught up with still reaches the screen.
@Suite struct ConsoleCatchUpEndToEndTests {
    @Test func whatAFailedWriteCaughtUpWithIsShown() throws {
        let scratch = try Scratch()
        try CallboardCLI.succeed(["tech", "add", "T01", "--name", "王磊", "--shift", "oncall"], journal: scratch.journal)
        try CallboardCLI.succeed(["intake", "--customer", "甲公司", "--phone", "021-6431 7788", "--summary", "打印机"], journal: scratch.journal)
        let size = try FileManager.default.attributesOfItem(atPath: scratch.journal)[.size] as! UInt64
        // The console may not make the journal any larger (RLIMIT_FSIZE): every write it tries fails.
        // Under a shell of its own: tmux continues a pane's own process when it is stopped.
        let command = ["prlimit", "--fsize=\(size)", Binary.path, "--journal", scratch.journal].map(TmuxConsole.shellQuoted)
        let console = try TmuxConsole(command: command.joined(separator: " ") + "; true", width: 120, height: 36, environment: [:])
        try console.waitFor(text: "甲公司")
        // Another dispatcher takes a call while this console is not looking (stopped), and
        // holds the writers' lock while it comes back and presses its keys: its next look at the
        // log finds a writer busy, so the first it learns of the call is when its own write
        // catches up under the lock.
        let shell = try console.panePID()
        let pid = try #require(Int32(try CallboardCLI.run(["pgrep", "-P", "\(shell)"], program: "pgrep").line), "the console under pane \(shell)")
        kill(pid, SIGSTOP)
        var continued = false
        defer { if !continued { kill(pid, SIGCONT) } }
        try CallboardCLI.succeed(["intake", "--customer", "乙公司", "--phone", "021-5830 1120", "--summary", "UPS 报警"], journal: scratch.journal)
        let lock = open(scratch.journal, O_RDONLY)
        #expect(lock >= 0 && flock(lock, LOCK_EX) == 0)
        try console.send("m")
        try console.type("已联系")
        try console.send("Enter")
        kill(pid, SIGCONT)
        continued = true
        Thread.sleep(forTimeInterval: 1)
        close(lock)
        try console.waitFor(text: "File too large")
        try console.send("Escape")
        try console.waitFor(text: "乙公司", timeout: 5)
        try console.send("q")
        try console.waitForExit()
    }
}
