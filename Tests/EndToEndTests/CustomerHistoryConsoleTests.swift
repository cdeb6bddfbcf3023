import Foundation
import Testing

/// The console shows a customer's whole history (issue 14), in tmux: `K` on a call opens its
/// customer's record and every call linked to them, Enter opens one in full, and the calls the
/// console no longer holds (closed long ago) are read from the journal with `customer show`.
@Suite struct CustomerHistoryConsoleTests {
    /// K001 with a unit; C-0001 closed nine days ago (retired from memory), C-0002 open on the
    /// unit, C-0003 another caller's.
    func desk(_ journal: String) throws {
        try CallboardCLI.succeed(["customer", "add", "K001", "--name", "上海华东电气有限公司", "--phone", "021-6952 3310",
                                  "--address", "上海市浦东新区张江路 88 号", "--contact", "李工 138 0013 8000", "--at", "-300h"], journal: journal)
        try CallboardCLI.succeed(["customer", "unit", "K001", "--serial", "SN-7781", "--product", "UPS-3000", "--purchased", "2026-03-01",
                                  "--warranty-until", "2029-02-28", "--at", "-300h"], journal: journal)
        try CallboardCLI.succeed(["intake", "--phone", "021-6952 3310", "--summary", "旧的故障", "--level", "3", "--at", "-240h"], journal: journal)
        for verb in ["resolve", "close"] { try CallboardCLI.succeed([verb, "C-0001", "--at", "-216h"], journal: journal) }
        try CallboardCLI.succeed(["intake", "--phone", "138 0013 8000", "--summary", "UPS 报警", "--serial", "SN-7781", "--level", "2"], journal: journal)
        try CallboardCLI.succeed(["intake", "--customer", "徐汇医院", "--phone", "021-6444 2000", "--summary", "打印机卡纸", "--level", "3"], journal: journal)
    }

    @Test func kOpensTheCustomersHistoryEnterOpensACallAndTheOlderOnesAreReadFromTheJournal() throws {
        let scratch = try Scratch()
        try desk(scratch.journal)
        let console = try TmuxConsole([], journal: scratch.journal, width: 130, height: 36)
        try console.waitFor(text: "C-0002")
        try console.send("/")
        try console.type("UPS")
        try console.send("Enter")
        try console.send("K")
        let history = try console.waitFor(text: "Customer K001")
        #expect(Screen.line(containing: "Customer K001", in: history)?.contains("上海华东电气有限公司") == true, "\(history)")
        // The Chinese name takes two columns a character: what follows it starts where it should.
        let title = try #require(Screen.line(containing: "Customer K001", in: history))
        #expect(Screen.column(of: " ──", in: title) == Screen.column(of: "上海", in: title)! + 20, "\(title)")
        for words in ["李工 138 0013 8000", "SN-7781  UPS-3000  purchased 2026-03-01  warranty until 2029-02-28", "Calls (2, 1 open)",
                      "older calls, in the journal only: 1"] {
            #expect(history.contains(words), "\(words)\n\(history)")
        }
        #expect(Screen.line(containing: "C-0002", in: history)?.contains("UPS 报警") == true && !history.contains("徐汇医院"), "\(history)")

        try console.send("Enter")
        let call = try console.waitFor(text: "C-0002 in full")
        #expect(call.contains("K customer"), "\(call)")
        try console.send("K")
        try console.waitFor(text: "Customer K001")
        // The older call: the command line reads it from the journal.
        try console.send("j")
        try console.send("Enter")
        let older = try console.waitFor(text: "旧的故障")
        #expect(Screen.line(containing: "C-0001", in: older)?.contains("closed") == true, "\(older)")
        try console.send("Escape")
        try console.waitFor(text: "Customer K001")
        try console.send("Escape")
        try console.waitUntilGone("Customer K001")
        try console.send("q")
        try console.waitForExit()
    }

    @Test func inChineseTheHistoryIsInChineseAndACallWithNoCustomerSaysSo() throws {
        let scratch = try Scratch()
        try desk(scratch.journal)
        let console = try TmuxConsole(["console", "--lang", "zh"], journal: scratch.journal, width: 130, height: 36)
        try console.waitFor(text: "C-0003")
        try console.send("/")
        try console.type("医院")
        try console.send("Enter")
        try console.send("K")
        let refused = try console.waitFor(text: "不是已登记的客户")
        #expect(refused.contains("C-0003（徐汇医院）"), "\(refused)")
        try console.send("Escape")
        try console.send("/")
        try console.type("UPS")
        try console.send("Enter")
        try console.send("K")
        let history = try console.waitFor(text: "客户 K001")
        for words in ["上海华东电气有限公司", "联系人", "购买 2026-03-01  保修至 2029-02-28", "报修（共 2 单，未结 1 单）", "另有 1 单较早的报修只在日志中"] {
            #expect(history.contains(words), "\(words)\n\(history)")
        }
        try console.send("Escape")
        try console.send("q")
        try console.waitForExit()
    }
}
