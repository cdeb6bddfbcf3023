import CallboardCore
import Foundation
import Testing

/// Finding any call (issue 14): `list --all --filter` takes the console's filter, and the
/// console finds closed and cancelled calls (`state:closed`, `C`).
@Suite struct FindAnyCallEndToEndTests {
    /// C-0001 open, C-0002 closed, C-0003 cancelled.
    func desk(_ journal: String) throws {
        try CallboardCLI.succeed(["tech", "add", "T01", "--name", "王磊", "--region", "city", "--shift", "oncall"], journal: journal)
        try CallboardCLI.succeed(["intake", "--customer", "嘉定区第二中学", "--phone", "021-5953 1276", "--summary", "复印机卡纸", "--level", "3"], journal: journal)
        try CallboardCLI.succeed(["intake", "--customer", "浦东图书馆", "--phone", "021-5888 1000", "--summary", "打印机不进纸", "--level", "3"], journal: journal)
        try CallboardCLI.succeed(["assign", "C-0002", "T01"], journal: journal)
        try CallboardCLI.succeed(["resolve", "C-0002"], journal: journal)
        try CallboardCLI.succeed(["close", "C-0002"], journal: journal)
        try CallboardCLI.succeed(["intake", "--customer", "徐汇医院", "--phone", "021-6444 2000", "--summary", "重复登记", "--level", "3"], journal: journal)
        try CallboardCLI.succeed(["cancel", "C-0003", "--reason", "重复"], journal: journal)
    }

    func calls(_ listing: String) -> [String] {
        listing.split(separator: "\n").compactMap { line in line.split(separator: " ").first.map(String.init) }.filter { $0.hasPrefix("C-") }
    }

    @Test func listFilterFindsClosedAndCancelledCallsInBothLanguages() throws {
        let scratch = try Scratch()
        try desk(scratch.journal)
        #expect(calls(try CallboardCLI.succeed(["list", "--all"], journal: scratch.journal)).sorted() == ["C-0001", "C-0002", "C-0003"])
        #expect(calls(try CallboardCLI.succeed(["list", "--all", "--filter", "state:closed"], journal: scratch.journal)) == ["C-0002"])
        #expect(calls(try CallboardCLI.succeed(["list", "--filter", "state:closed"], journal: scratch.journal)) == ["C-0002"],
                "asking for closed calls looks at them without --all")
        #expect(calls(try CallboardCLI.succeed(["list", "--all", "--filter", "state:cancelled"], journal: scratch.journal)) == ["C-0003"])
        #expect(calls(try CallboardCLI.succeed(["list", "--all", "--filter", "图书馆 tech:T01"], journal: scratch.journal)) == ["C-0002"])
        #expect(calls(try CallboardCLI.succeed(["list", "--all", "--filter", "level:3 卡纸"], journal: scratch.journal)) == ["C-0001"])
        #expect(calls(try CallboardCLI.succeed(["list", "--filter", "图书馆"], journal: scratch.journal)) == [], "without --all only open calls")
        let chinese = try CallboardCLI.succeed(["list", "--all", "--lang", "zh", "--filter", "状态:已结单"], journal: scratch.journal)
        #expect(calls(chinese) == ["C-0002"], "\(chinese)")
        let json = try CallboardCLI.succeed(["list", "--all", "--json", "--filter", "state:closed"], journal: scratch.journal)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(rows.map { $0["id"] as? String } == ["C-0002"])
    }

    @Test func aStateTheFilterDoesNotKnowIsRefusedNamingTheOption() throws {
        let scratch = try Scratch()
        try desk(scratch.journal)
        let before = try Data(contentsOf: URL(fileURLWithPath: scratch.journal))
        let wrong = try CallboardCLI.run(["list", "--all", "--filter", "state:clsed"], journal: scratch.journal)
        #expect(wrong.status == 64)
        #expect(wrong.stdout.isEmpty)
        #expect(wrong.stderr.contains("--filter") && wrong.stderr.contains("clsed") && wrong.stderr.contains("closed"), "\(wrong)")
        #expect(wrong.stderr.split(separator: "\n").count == 1)
        let zh = try CallboardCLI.run(["list", "--lang", "zh", "--filter", "状态:关了"], journal: scratch.journal)
        #expect(zh.status == 64 && zh.stderr.contains("--filter") && zh.stderr.contains("已结单"), "\(zh)")
        let hostile = try CallboardCLI.run(["list", "--filter", "state:\u{1B}[2J"], journal: scratch.journal)
        #expect(hostile.status == 64 && !hostile.stderr.contains("\u{1B}"), "\(hostile)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: scratch.journal)) == before)
    }

    @Test func theConsoleFindsAClosedCallAndShowsClosedCallsOnC() throws {
        let scratch = try Scratch()
        try desk(scratch.journal)
        let console = try TmuxConsole([], journal: scratch.journal, width: 140, height: 36)
        let first = try console.waitFor(text: "嘉定区第二中学")
        #expect(!first.contains("浦东图书馆"))
        try console.send("/")
        try console.type("state:closed")
        try console.send("Enter")
        let found = try console.waitFor(text: "浦东图书馆")
        #expect(!found.contains("嘉定区第二中学") && !found.contains("No open call matches"))
        try console.send("Enter")
        try console.waitFor(text: "closed")
        try console.send("Escape")
        try console.send("Escape")
        try console.waitUntilGone("浦东图书馆")
        try console.send("C")
        let shown = try console.waitFor(text: "closed calls shown")
        #expect(shown.contains("浦东图书馆") && shown.contains("徐汇医院") && shown.contains("嘉定区第二中学"))
        try console.send("C")
        try console.waitUntilGone("徐汇医院")
        try console.send("q")
        try console.waitForExit()
    }

    @Test func theChineseConsoleFindsAClosedCall() throws {
        let scratch = try Scratch()
        try desk(scratch.journal)
        let console = try TmuxConsole(["--lang", "zh"], journal: scratch.journal, width: 140, height: 36)
        try console.waitFor(text: "嘉定区第二中学")
        try console.send("/")
        try console.type("状态:已结单")
        try console.send("Enter")
        try console.waitFor(text: "浦东图书馆")
        try console.send("Escape")
        try console.send("C")
        let shown = try console.waitFor(text: "含已结报修")
        #expect(shown.contains("徐汇医院"))
        try console.send("q")
        try console.waitForExit()
    }
}
