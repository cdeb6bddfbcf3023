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
