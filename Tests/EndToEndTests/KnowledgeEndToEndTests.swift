import CallboardCore
import Foundation
import Testing

/// Past fixes (issue 14): `kb search` over every call the journal holds, retired ones too, and
/// the new-call form offering them in a real terminal.
@Suite struct KnowledgeEndToEndTests {
    /// C-0001 fixed and closed three days ago (retired from the live desk by the later calls),
    /// C-0002 and C-0003 fixed now, C-0004 open.
    func desk(_ journal: String) throws {
        try CallboardCLI.succeed(["intake", "--customer", "甲", "--phone", "138 0013 8000", "--summary", "净水器漏水，底部有水",
                                  "--product", "RO-500", "--at", "-3d"], journal: journal)
        try CallboardCLI.succeed(["resolve", "C-0001", "--cause", "wear", "--fix", "更换滤芯和密封圈", "--parts", "滤芯×2", "--at", "-71h"], journal: journal)
        try CallboardCLI.succeed(["close", "C-0001", "--at", "-70h"], journal: journal)
        try CallboardCLI.succeed(["intake", "--customer", "乙", "--phone", "138 0013 8001", "--summary", "净水器不出水", "--product", "RO-700"], journal: journal)
        try CallboardCLI.succeed(["note", "C-0002", "水压低，进水阀堵塞"], journal: journal)
        try CallboardCLI.succeed(["resolve", "C-0002", "--cause", "installation", "--fix", "清洗进水阀"], journal: journal)
        try CallboardCLI.succeed(["intake", "--customer", "丙", "--phone", "138 0013 8002", "--summary", "打印机卡纸", "--product", "HP-M404",
                                  "--defect", "E-302"], journal: journal)
        try CallboardCLI.succeed(["resolve", "C-0003", "--cause", "misuse", "--fix", "取出纸屑，指导用户装纸"], journal: journal)
        try CallboardCLI.succeed(["intake", "--customer", "丁", "--phone", "138 0013 8003", "--summary", "净水器漏水", "--product", "RO-700"], journal: journal)
    }

    func calls(_ output: String) -> [String] { output.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) } }

    @Test func searchFindsFixesBestFirstTheSameProductFirstRetiredCallsToo() throws {
        let scratch = try Scratch()
        try desk(scratch.journal)
        #expect(!(try CallboardCLI.succeed(["list", "--all"], journal: scratch.journal)).isEmpty)
        let leak = try CallboardCLI.succeed(["kb", "search", "净水器", "漏水"], journal: scratch.journal)
        #expect(calls(leak) == ["C-0001", "C-0002"], "\(leak)")
        #expect(leak.contains("C-0001  RO-500  净水器漏水，底部有水  ·  wear and tear (wear)  ·  更换滤芯和密封圈; 滤芯 ×2"), "the retired call, in full")
        #expect(calls(try CallboardCLI.succeed(["kb", "search", "漏水", "--product", "RO-700"], journal: scratch.journal)) == ["C-0002", "C-0001"])
        #expect(calls(try CallboardCLI.succeed(["kb", "search", "RO-700", "漏水"], journal: scratch.journal)).first == "C-0002")
        #expect(calls(try CallboardCLI.succeed(["kb", "search", "进水阀"], journal: scratch.journal)).first == "C-0002", "the fix")
        #expect(calls(try CallboardCLI.succeed(["kb", "search", "堵塞"], journal: scratch.journal)) == ["C-0002"], "the notes")
        let chinese = try CallboardCLI.succeed(["kb", "search", "卡纸", "--lang", "zh"], journal: scratch.journal)
        #expect(chinese == "C-0003  HP-M404  打印机卡纸（e-302）  ·  使用不当（misuse）  ·  取出纸屑，指导用户装纸", "\(chinese)")
        let json = try CallboardCLI.succeed(["kb", "search", "漏水", "--json", "--limit", "1"], journal: scratch.journal)
        let found = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(found.count == 1 && found[0]["call"] as? String == "C-0001" && found[0]["cause"] as? String == "wear")
        #expect((found[0]["parts"] as? [[String: Any]])?.first?["count"] as? Int == 2)
        #expect(try CallboardCLI.succeed(["kb", "search", "xyz"], journal: scratch.journal) == "no fixed call matches xyz")
    }

    @Test func searchWithoutWordsIsRefused() throws {
        let scratch = try Scratch()
        try desk(scratch.journal)
        let none = try CallboardCLI.run(["kb", "search"], journal: scratch.journal)
        #expect(none.status == 64 && none.stderr.contains("give the words"), "\(none)")
        let zh = try CallboardCLI.run(["kb", "search", "，", "--lang", "zh"], journal: scratch.journal)
        #expect(zh.status == 64 && zh.stderr.contains("请给出要查找的词"), "\(zh)")
        let limit = try CallboardCLI.run(["kb", "search", "漏水", "--limit", "0"], journal: scratch.journal)
        #expect(limit.status == 64 && limit.stderr.contains("--limit"), "\(limit)")
    }

    @Test func theNewCallFormOffersPastFixes() throws {
        let scratch = try Scratch()
        try desk(scratch.journal)
        let console = try TmuxConsole([], journal: scratch.journal, width: 140, height: 40)
        try console.waitFor(text: "净水器漏水")
        try console.send("n")
        try console.waitFor(text: "New call")
        try console.type("戊")
        try console.send("Tab")
        try console.type("138 0013 8009")
        try console.send("Tab")
        try console.type("净水器不出水")
        let offered = try console.waitFor(text: "Past fixes for this product and fault")
        #expect(offered.contains("C-0002  RO-700  净水器不出水") && offered.contains("清洗进水阀"), "\(offered)")
        try console.send("Escape")
        try console.send("y")
        try console.send("q")
        try console.waitForExit()
    }
}
