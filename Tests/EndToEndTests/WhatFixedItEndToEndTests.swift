import CallboardCore
import Foundation
import Testing

/// What fixed a call (issue 14): `resolve --cause --fix --parts`, `show` in both languages and
/// JSON, refusals, and the console asking when a call is marked fixed.
@Suite struct WhatFixedItEndToEndTests {
    func call(_ journal: String) throws {
        try CallboardCLI.succeed(["tech", "add", "T01", "--name", "王磊", "--region", "city", "--shift", "oncall"], journal: journal)
        try CallboardCLI.succeed(["intake", "--customer", "浦东图书馆", "--phone", "021-5888 1000", "--summary", "净水器漏水",
                                  "--product", "RO-500", "--level", "3"], journal: journal)
        try CallboardCLI.succeed(["assign", "C-0001", "T01"], journal: journal)
    }

    @Test func theCauseFixAndPartsAreRecordedAndShown() throws {
        let scratch = try Scratch()
        try call(scratch.journal)
        let recorded = try CallboardCLI.succeed(["resolve", "C-0001", "--cause", "硬件故障", "--fix", "更换滤芯和密封圈",
                                                 "--parts", "滤芯×2, 密封圈 x1，滤芯*1"], journal: scratch.journal)
        #expect(recorded.contains("resolved: hardware fault (hardware), 更换滤芯和密封圈, 滤芯 ×3, 密封圈 ×1"), "\(recorded)")
        let show = try CallboardCLI.succeed(["show", "C-0001"], journal: scratch.journal)
        #expect(show.contains("Cause       hardware fault (hardware)"))
        #expect(show.contains("Fix         更换滤芯和密封圈"))
        #expect(show.contains("Parts       滤芯 ×3, 密封圈 ×1"))
        let chinese = try CallboardCLI.succeed(["show", "C-0001", "--lang", "zh"], journal: scratch.journal)
        #expect(chinese.contains("故障原因    硬件故障（hardware）") && chinese.contains("更换配件    滤芯 ×3，密封圈 ×1"), "\(chinese)")
        let json = try CallboardCLI.succeed(["show", "C-0001", "--json"], journal: scratch.journal)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["cause"] as? String == "hardware")
        #expect(object["fix"] as? String == "更换滤芯和密封圈")
        let parts = try #require(object["parts"] as? [[String: Any]])
        #expect(parts.map { $0["part"] as? String } == ["滤芯", "密封圈"] && parts.map { $0["count"] as? Int } == [3, 1])
        let export = try CallboardCLI.succeed(["journal", "export", "--json"], journal: scratch.journal)
        #expect(export.contains(#""cause":"hardware","fix":"更换滤芯和密封圈","parts":["滤芯×3","密封圈×1"]"#), "\(export)")
    }

    @Test func aFixWithoutWordsStaysAsItWas() throws {
        let scratch = try Scratch()
        try call(scratch.journal)
        try CallboardCLI.succeed(["resolve", "C-0001"], journal: scratch.journal)
        let json = try CallboardCLI.succeed(["show", "C-0001", "--json"], journal: scratch.journal)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["cause"] is NSNull && object["fix"] is NSNull && (object["parts"] as? [Any])?.isEmpty == true)
        #expect(!(try CallboardCLI.succeed(["show", "C-0001"], journal: scratch.journal)).contains("Cause"))
    }

    @Test func badInputIsRefusedNamingTheOptionAndTheJournalIsUnchanged() throws {
        let scratch = try Scratch()
        try call(scratch.journal)
        let before = try Data(contentsOf: URL(fileURLWithPath: scratch.journal))
        for (arguments, words) in [(["--cause", "hardwre"], ["--cause", "hardware, software, misuse"]),
                                   (["--parts", "滤芯×0"], ["--parts", "1 to 9999"]),
                                   (["--parts", "×2"], ["--parts", "no name"]),
                                   (["--fix", "ok\u{1B}[2J"], ["--fix", "control"])] {
            let result = try CallboardCLI.run(["resolve", "C-0001"] + arguments, journal: scratch.journal)
            #expect(result.status == 64 && result.stdout.isEmpty, "\(result)")
            #expect(words.allSatisfy(result.stderr.contains) && !result.stderr.contains("\u{1B}"), "\(result)")
        }
        let chinese = try CallboardCLI.run(["resolve", "C-0001", "--cause", "坏了", "--lang", "zh"], journal: scratch.journal)
        #expect(chinese.status == 64 && chinese.stderr.contains("--cause") && chinese.stderr.contains("不在本服务台的原因中"), "\(chinese)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: scratch.journal)) == before)
    }

    @Test func thePolicysCausesAreCheckedAndTaken() throws {
        let scratch = try Scratch()
        let policy = scratch.path("causes-policy.yaml")
        try """
        rules:
          - name: all
            response: 24h
        causes:
          - hardware
          - {code: firmware, label: {en: firmware, zh: 固件问题}}
        """.write(toFile: policy, atomically: true, encoding: .utf8)
        let check = try CallboardCLI.run(["policy", "check", policy, "--lang", "zh"])
        #expect(check.status == 0 && check.stdout.contains("故障原因（resolve --cause）：硬件故障（hardware）、固件问题（firmware）"), "\(check)")
        try CallboardCLI.succeed(["intake", "--customer", "甲", "--phone", "021-5888 1000", "--summary", "死机", "--policy", policy], journal: scratch.journal)
        let refused = try CallboardCLI.run(["resolve", "C-0001", "--cause", "software", "--policy", policy], journal: scratch.journal)
        #expect(refused.status == 64 && refused.stderr.contains("hardware, firmware"), "\(refused)")
        try CallboardCLI.succeed(["resolve", "C-0001", "--cause", "固件问题", "--policy", policy], journal: scratch.journal)
        #expect(try CallboardCLI.succeed(["show", "C-0001", "--lang", "zh", "--policy", policy], journal: scratch.journal).contains("固件问题（firmware）"))
        try """
        rules:
          - name: all
            response: 24h
        causes:
          - Firmware Bug
        """.write(toFile: policy, atomically: true, encoding: .utf8)
        let bad = try CallboardCLI.run(["policy", "check", policy])
        #expect(bad.status == 64 && (bad.stdout + bad.stderr).contains("cause code 'Firmware Bug' must be one word"), "\(bad)")
    }

    @Test func theConsoleAsksWhatFixedItWhenACallIsMarkedFixed() throws {
        let scratch = try Scratch()
        try call(scratch.journal)
        let console = try TmuxConsole([], journal: scratch.journal, width: 120, height: 36)
        try console.waitFor(text: "浦东图书馆")
        try console.send("f")
        let picker = try console.waitFor(text: "what fixed it")
        #expect(picker.contains("▸ hardware fault (hardware)") && picker.contains("wear and tear (wear)"))
        try console.send("Down")
        try console.send("Down")
        try console.send("Down")
        try console.send("Enter")
        try console.type("更换滤芯")
        try console.send("Enter")
        try console.type("滤芯x2, 密封圈")
        try console.send("Enter")
        let question = try console.waitFor(text: "Record this?")
        #expect(question.contains("resolved: wear and tear (wear), 更换滤芯, 滤芯 ×2, 密封圈 ×1"), "\(question)")
        try console.send("Enter")
        try console.waitUntilGone("Record this?")
        let json = try CallboardCLI.succeed(["show", "C-0001", "--json"], journal: scratch.journal)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["status"] as? String == "resolved" && object["cause"] as? String == "wear" && object["fix"] as? String == "更换滤芯")
        try console.send("q")
        try console.waitForExit()
    }

    @Test func theChineseConsoleAsksInChineseAndEscapeSkips() throws {
        let scratch = try Scratch()
        try call(scratch.journal)
        let console = try TmuxConsole(["--lang", "zh"], journal: scratch.journal, width: 120, height: 36)
        try console.waitFor(text: "浦东图书馆")
        try console.send("f")
        let picker = try console.waitFor(text: "如何修复")
        #expect(picker.contains("硬件故障（hardware）") && picker.contains("使用不当（misuse）"))
        try console.send("Enter")
        try console.send("Escape")
        try console.send("Escape")
        try console.waitFor(text: "已修复：硬件故障（hardware）")
        try console.send("Enter")
        try console.waitFor(text: "已修复")
        let show = try CallboardCLI.succeed(["show", "C-0001", "--lang", "zh"], journal: scratch.journal)
        #expect(show.contains("故障原因    硬件故障（hardware）") && !show.contains("处理措施"), "\(show)")
        try console.send("q")
        try console.waitForExit()
    }
}
