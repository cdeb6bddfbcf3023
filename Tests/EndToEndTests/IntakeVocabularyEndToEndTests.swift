import Foundation
import Testing

/// Issue 10, through the real binary: a region, tier or kind the policy does not know must not
/// silently change a promise.
@Suite struct IntakeVocabularyEndToEndTests {
    static let call = ["intake", "--customer", "上海地铁", "--phone", "021-5068 9920", "--summary", "UPS 断电", "--level", "1"]

    func json(_ id: String, _ journal: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(CallboardCLI.succeed(["show", id, "--json"], journal: journal).utf8)) as? [String: Any])
    }

    func target(_ timer: String, _ call: [String: Any]) -> Int? {
        (call["timers"] as? [[String: Any]])?.first { $0["name"] as? String == timer }?["target_seconds"] as? Int
    }

    @Test func aMisspeltRegionIsRefusedNamingTheFlagAndNothingIsRecorded() throws {
        let scratch = try Scratch()
        let refused = try CallboardCLI.run(Self.call + ["--region", "ctiy"], journal: scratch.journal)
        #expect(refused.status == 64, "\(refused)")
        #expect(refused.stderr.hasPrefix("callboard: --region: region 'ctiy' is not one the policy names; did you mean city?"), "\(refused)")
        #expect(!FileManager.default.fileExists(atPath: scratch.journal))
        let elsewhere = try CallboardCLI.succeed(Self.call + ["--region", "kunshan"], journal: scratch.journal)
        #expect(target("onsite", try json(elsewhere, scratch.journal)) == 12 * 3600)
    }

    @Test func anUnknownTierOrKindIsRefusedListingTheOnesThePolicyNames() throws {
        let scratch = try Scratch()
        let tier = try CallboardCLI.run(Self.call + ["--tier", "gold"], journal: scratch.journal)
        #expect(tier.status == 64, "\(tier)")
        #expect(tier.stderr.contains("callboard: --tier: tier 'gold' is not one the policy names; use emergency or 紧急"), "\(tier)")
        let kind = try CallboardCLI.run(Self.call + ["--kind", "complain"], journal: scratch.journal)
        #expect(kind.status == 64, "\(kind)")
        #expect(kind.stderr.contains("callboard: --kind: kind 'complain' is not one the policy names; did you mean complaint?"), "\(kind)")
    }

    /// What a Chinese input method types: full-width digits wherever a number goes, and the
    /// channel in the words `show` uses in Chinese.
    @Test func fullWidthNumbersAndChineseChannelsAreTakenOnTheCommandLine() throws {
        let scratch = try Scratch()
        let id = try CallboardCLI.succeed(["intake", "--customer", "上海地铁", "--phone", "０２１-５０６８ ９９２０", "--summary", "UPS 断电",
                                           "--level", "１", "--channel", "电话", "--at", "－２ｈ"], journal: scratch.journal)
        #expect(id == "C-0001")
        let call = try json(id, scratch.journal)
        #expect(call["level"] as? Int == 1 && call["channel"] as? String == "phone", "\(call)")
        try CallboardCLI.succeed(["relevel", "１", "２", "--reason", "备用电源已接管"], journal: scratch.journal)
        let chinese = try CallboardCLI.succeed(["show", "Ｃ－０００１", "--lang", "zh"], journal: scratch.journal)
        #expect(chinese.contains("渠道        电话") && chinese.contains("2 级"), "\(chinese)")
        try CallboardCLI.succeed(["intake", "--customer", "乙", "--phone", "138 0013 8000", "--summary", "x", "--channel", "邮件"], journal: scratch.journal)
        #expect(try json("2", scratch.journal)["channel"] as? String == "email")
        #expect(try CallboardCLI.succeed(["policy", "show", "１"], journal: scratch.journal).hasPrefix("# policy #1"))
        #expect(try CallboardCLI.run(["watch", "--once", "--interval", "３０ｓ"], journal: scratch.journal).status == 0)

        let refused = try CallboardCLI.run(["intake", "--customer", "丙", "--phone", "138 0013 8000", "--summary", "x", "--level", "５"],
                                           journal: scratch.journal, environment: ["LANG": "zh_CN.UTF-8", "LC_ALL": ""])
        #expect(refused.status == 64 && refused.stderr.contains("请用 1（系统瘫痪）、2（有瘫痪风险）、3（性能下降）或 4（间歇性影响）"), "\(refused)")
        let help = try CallboardCLI.run(["intake", "--help"], journal: nil)
        let words = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ") // as wrapped for the terminal
        #expect(words.contains("1 system down, 2 risk of going down, 3 degraded, 4 intermittent"), "\(help)")
    }

    @Test func theChineseWordsADeskTypesAreTimedAsTheNamesTheyStandFor() throws {
        let scratch = try Scratch()
        let urgent = try CallboardCLI.succeed(Self.call + ["--region", "市区", "--tier", "紧急"], journal: scratch.journal)
        let call = try json(urgent, scratch.journal)
        #expect(call["tier"] as? String == "emergency")
        #expect(call["region"] as? String == "city")
        #expect(target("response", call) == 30 * 60)
        let complaint = try CallboardCLI.succeed(["intake", "--customer", "李女士", "--phone", "139 1623 8840", "--summary", "投诉工程师迟到", "--kind", "投诉"],
                                                 journal: scratch.journal)
        #expect(try json(complaint, scratch.journal)["kind"] as? String == "complaint")
        #expect(target("response", try json(complaint, scratch.journal)) == 2 * 86_400)
    }

    @Test func policyCheckListsTheAliasesAndStopsAtOneThatMeansNothing() throws {
        let scratch = try Scratch()
        let good = try CallboardCLI.run(["policy", "default"])
        try good.stdout.write(toFile: scratch.path("desk.yaml"), atomically: true, encoding: .utf8)
        let checked = try CallboardCLI.run(["policy", "check", scratch.path("desk.yaml")])
        #expect(checked.status == 0, "\(checked)")
        #expect(checked.stdout.contains("Aliases: tier 紧急 → emergency; kind 投诉 → complaint; region 市区 → city."), "\(checked)")

        let bad = scratch.path("bad.yaml")
        try good.stdout.replacingOccurrences(of: "region: {市区: city}", with: "region: {市区: ctiy}").write(toFile: bad, atomically: true, encoding: .utf8)
        let refused = try CallboardCLI.run(["policy", "check", bad])
        #expect(refused.status == 64, "\(refused)")
        #expect(refused.stderr.contains("the region alias '市区' stands for 'ctiy', which no rule names; use city"), "\(refused)")
    }

    @Test func theNewCallFormShowsTheRefusalUnderTheRegion() throws {
        let scratch = try Scratch()
        let console = try TmuxConsole([], journal: scratch.journal, width: 120, height: 36)
        try console.waitFor(text: "No open calls")
        try console.send("n")
        try console.waitFor(text: "New call")
        for (text, last) in [("上海地铁", false), ("021-5068 9920", false), ("UPS 断电", false), ("1", false), ("ctiy", true)] {
            try console.type(text)
            try console.send(last ? "Enter" : "Tab")
        }
        let screen = try console.waitFor(text: "did you mean city?")
        let lines = screen.components(separatedBy: "\n")
        let region = try #require(lines.firstIndex { $0.contains("ctiy") && !$0.contains("did you mean") })
        #expect(lines[region + 1].contains("did you mean city?"), "under the region field:\n\(screen)")
        try console.send("Escape")
        try console.send("y")
        try console.send("q")
        try console.waitForExit()
    }
}
