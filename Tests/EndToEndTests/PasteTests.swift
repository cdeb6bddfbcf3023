import CallboardCore
import Foundation
import Testing

/// A paste is text, not keys: the terminal marks it (bracketed paste) and the console puts it
/// whole into the field being typed, its line breaks and tabs as spaces; elsewhere it is ignored.
@Suite struct PasteTests {
    @Test func aPastedLineBreakStaysInTheFieldAndSavesNothing() throws {
        let scratch = try Scratch()
        try CallboardCLI.succeed(["tech", "add", "T01", "--name", "王磊", "--shift", "oncall"], journal: scratch.journal)
        let console = try TmuxConsole([], journal: scratch.journal, width: 120, height: 36)
        try console.waitFor(text: "No open calls")
        try console.send("n")
        try console.waitFor(text: "New call")
        try console.paste("上海华东电气\n有限公司\tA座\u{07}\n", bracketed: true)
        let form = try console.waitFor("the paste in the customer field") { $0.contains("上海华东电气 有限公司 A座") }
        // Enter would have saved it, and the form would say what is missing (✗ under a field).
        let refusals = form.split(separator: "\n").filter { $0.hasPrefix("│") && $0.contains("✗") }
        #expect(form.contains("New call") && refusals.isEmpty, "nothing saved, the form still open:\n\(form)")
        try console.send("Tab")
        try console.paste("021-6952 3310", bracketed: true)
        try console.send("Tab")
        try console.paste("主控服务器宕机\r\n生产线停止", bracketed: true)
        try console.waitFor(text: "主控服务器宕机 生产线停止")
        try console.send("Enter")
        try console.waitFor(text: "C-0001: received")
        let show = try CallboardCLI.succeed(["show", "C-0001"], journal: scratch.journal)
        #expect(show.contains("上海华东电气 有限公司 A座") && show.contains("主控服务器宕机 生产线停止"), "\(show)")
        // On the queue a paste is not keys: these would quit.
        try console.paste("q\nq\n", bracketed: true)
        Thread.sleep(forTimeInterval: 0.5)
        #expect(console.isRunning)
        try console.send("q")
        try console.waitForExit()
    }

    @Test func aPasteIntoTheNotePromptIsOneLine() throws {
        let scratch = try Scratch()
        try CallboardCLI.succeed(["intake", "--customer", "徐汇区图书馆", "--phone", "021-6431 7788", "--summary", "打印机"], journal: scratch.journal)
        let console = try TmuxConsole([], journal: scratch.journal, width: 120, height: 36)
        try console.waitFor(text: "徐汇区图书馆")
        try console.send("m")
        try console.waitFor(text: "Note")
        try console.paste("客户要求\n上午到场\n", bracketed: true)
        try console.waitFor(text: "客户要求 上午到场")
        try console.send("Enter")
        try console.waitFor(text: "note: 客户要求 上午到场")
        try console.send("q")
        try console.waitForExit()
    }

    /// The console asks the terminal to mark pastes only while it runs: after it, a paste into
    /// the program that follows is plain text again.
    @Test func quittingTurnsBracketedPasteOff() throws {
        let scratch = try Scratch()
        let command = "\(TmuxConsole.shellQuoted(Binary.path)) --journal \(TmuxConsole.shellQuoted(scratch.journal)); exec cat -v"
        let shell = try TmuxConsole(command: "sh -c \(TmuxConsole.shellQuoted(command))", width: 100, height: 30, environment: [:])
        try shell.waitFor(text: "No open calls")
        try shell.send("q")
        try shell.waitUntilGone("No open calls")
        try shell.paste("AFTER", bracketed: true)
        let screen = try shell.waitFor(text: "AFTER")
        #expect(!screen.contains("200~"), "\(screen)")
    }
}
