import Foundation
import Testing

/// `report --policy FILE` through the real binary (issue 15): the same history timed under
/// another policy, the breaches gained and lost per group and timer worked out by hand, in
/// text (both languages), CSV and JSON; a bad policy file refused as the checker says.
@Suite struct WhatIfEndToEndTests {
    static let base: Date = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 / 60).rounded(.down) * 60)
    static func at(minutesAgo: Double) -> String {
        let format = ISO8601DateFormatter()
        format.timeZone = TimeZone(secondsFromGMT: 8 * 3600)
        return format.string(from: base.addingTimeInterval(-minutesAgo * 60))
    }

    /// Response within 1 h (the desk's), 30 min (tighter) and 2 h (looser); round the clock.
    static func policy(_ response: String) -> String { "time_zone: Asia/Shanghai\nrules:\n  - response: \(response)\n" }

    /// Under the desk's 1 h: city C-0001 answered in 20 min, C-0002 in 45, C-0003 in 90, C-0007
    /// received 50 min ago and not answered yet; 郊区 C-0004 in 40 min, C-0005 in 150, C-0006 in 10.
    func desk(_ scratch: Scratch) throws -> (tight: String, loose: String) {
        let desk = scratch.path("desk.yaml.policy"), tight = scratch.path("tight.yaml"), loose = scratch.path("loose.yaml")
        try Self.policy("1h").write(toFile: desk, atomically: true, encoding: .utf8)
        try Self.policy("30m").write(toFile: tight, atomically: true, encoding: .utf8)
        try Self.policy("2h").write(toFile: loose, atomically: true, encoding: .utf8)
        func run(_ words: [String]) throws { try CallboardCLI.succeed(words + ["--policy", desk], journal: scratch.journal) }
        for (number, region, answered) in [(1, "city", 20.0), (2, "city", 45), (3, "city", 90), (4, "郊区", 40), (5, "郊区", 150), (6, "郊区", 10)] {
            try run(["intake", "--customer", "客户\(number)", "--phone", "021-6952 331\(number)", "--summary", "打印机卡纸", "--level", "2",
                     "--region", region, "--at", Self.at(minutesAgo: 300)])
            try run(["respond", "C-000\(number)", "--at", Self.at(minutesAgo: 300 - answered)])
        }
        try run(["intake", "--customer", "客户7", "--phone", "021-6952 3317", "--summary", "打印机卡纸", "--level", "2", "--region", "city",
                 "--at", Self.at(minutesAgo: 50)])
        return (tight, loose)
    }

    static let everything = ["--from", "2000-01-01", "--to", "2100-12-31"]

    @Test func aTighterPolicyGainsBreachesALooserOneLosesThemFiguresByHand() throws {
        let scratch = try Scratch()
        let (tight, loose) = try desk(scratch)
        let before = try Data(contentsOf: URL(fileURLWithPath: scratch.journal))

        // Under 30 min: city C-0002 (45 min) and C-0007 (running, 50 min gone) become breaches
        // beside C-0003: 1 → 3, gained 2; 郊区 C-0004 (40 min) beside C-0005: 1 → 2, gained 1.
        let text = try CallboardCLI.succeed(["report", "--by", "region", "--policy", tight] + Self.everything, journal: scratch.journal)
        // The report itself is as it stands under the desk's 1 h.
        #expect(text.contains("city\n  received 4  resolved 0  closed 0  reopened 0  repeats 0  cancelled 0\n"
                              + "  response    met 2  missed 1  running 1"), "\(text)")
        #expect(text.contains("What if: the same calls timed under \(tight)"), "\(text)")
        let whatIf = String(text[text.range(of: "What if:")!.lowerBound...])
        #expect(whatIf.contains("city\n  response    breaches 1 → 3  gained 2  lost 0"), "\(whatIf)")
        #expect(whatIf.contains("郊区\n  response    breaches 1 → 2  gained 1  lost 0"), "\(whatIf)")
        #expect(whatIf.contains("Total\n  response    breaches 2 → 5  gained 3  lost 0"), "\(whatIf)")

        // Under 2 h: city C-0003 (90 min) is kept: 1 → 0, lost 1; C-0007 still running; 郊区
        // C-0005 (150 min) still broken: 1 → 1.
        let looser = try CallboardCLI.succeed(["report", "--by", "region", "--policy", loose] + Self.everything, journal: scratch.journal)
        let lost = String(looser[looser.range(of: "What if:")!.lowerBound...])
        #expect(lost.contains("city\n  response    breaches 1 → 0  gained 0  lost 1"), "\(lost)")
        #expect(lost.contains("郊区\n  response    breaches 1 → 1  gained 0  lost 0"), "\(lost)")
        #expect(lost.contains("Total\n  response    breaches 2 → 1  gained 0  lost 1"), "\(lost)")

        // Chinese headings and lines.
        let chinese = try CallboardCLI.succeed(["report", "--by", "region", "--policy", tight, "--lang", "zh"] + Self.everything, journal: scratch.journal)
        #expect(chinese.contains("假如：同样的报修按 \(tight) 的政策计时"), "\(chinese)")
        #expect(chinese.contains("合计\n  响应        超时 2 → 5  新增 3  减少 0"), "\(chinese)")

        // JSON: "what_if" with the policy's path, per group and in total.
        let json = try #require(try JSONSerialization.jsonObject(with: Data(CallboardCLI.succeed(
            ["report", "--by", "region", "--format", "json", "--policy", tight] + Self.everything, journal: scratch.journal).utf8)) as? [String: Any])
        let what = try #require(json["what_if"] as? [String: Any])
        #expect(what["policy"] as? String == tight && Set(what.keys) == ["policy", "groups", "total"])
        let groups = try #require(what["groups"] as? [[String: Any]])
        #expect(groups.map { $0["key"] as? String } == ["city", "郊区"])
        let city = try #require((groups[0]["timers"] as? [String: [String: Int]])?["response"])
        #expect(city == ["breaches_now": 1, "breaches_under_policy": 3, "gained": 2, "lost": 0], "\(city)")
        let total = try #require(((what["total"] as? [String: Any])?["timers"] as? [String: [String: Int]])?["response"])
        #expect(total == ["breaches_now": 2, "breaches_under_policy": 5, "gained": 3, "lost": 0], "\(total)")
        // Without --policy there is no what_if at all.
        let plain = try #require(try JSONSerialization.jsonObject(with: Data(CallboardCLI.succeed(
            ["report", "--format", "json"] + Self.everything, journal: scratch.journal).utf8)) as? [String: Any])
        #expect(plain["what_if"] == nil)

        // CSV: four columns per timer after the report's, in the total's row 2, 5, 3, 0.
        let csv = try CallboardCLI.succeed(["report", "--format", "csv", "--policy", loose] + Self.everything, journal: scratch.journal)
        let rows = csv.components(separatedBy: "\r\n")
        #expect(rows[0].hasSuffix(",Satisfaction count,Satisfaction average,response breaches now,response breaches under policy,"
                                  + "response breaches gained,response breaches lost,on-site breaches now,on-site breaches under policy,"
                                  + "on-site breaches gained,on-site breaches lost,restore breaches now,restore breaches under policy,"
                                  + "restore breaches gained,restore breaches lost"), "\(rows[0])")
        #expect(rows[1].hasPrefix("Total,7,") && rows[1].hasSuffix(",0,,2,1,0,1,0,0,0,0,0,0,0,0"), "\(rows[1])")
        #expect(try Data(contentsOf: URL(fileURLWithPath: scratch.journal)) == before, "a what-if writes nothing")
    }

    @Test func aBadPolicyFileIsRefusedAsTheCheckerSaysInBothLanguages() throws {
        let scratch = try Scratch()
        _ = try desk(scratch)
        let bad = scratch.path("bad.yaml")
        try "time_zone: Asia/Shanghai\nrules:\n  - response: soon\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let refused = try CallboardCLI.run(["report", "--policy", bad], journal: scratch.journal)
        #expect(refused.status == 64 && refused.stdout.isEmpty && refused.stderr.split(separator: "\n").count == 1, "\(refused)")
        #expect(refused.stderr.contains("policy \(bad) line 3:") && refused.stderr.contains("callboard policy check \(bad)"), "\(refused)")
        let chinese = try CallboardCLI.run(["report", "--policy", bad, "--lang", "zh"], journal: scratch.journal)
        #expect(chinese.status == 64 && chinese.stderr.contains("第 3 行"), "\(chinese)")
        let missing = try CallboardCLI.run(["report", "--policy", scratch.path("nope.yaml")], journal: scratch.journal)
        #expect(missing.status == 64 && missing.stderr.contains("cannot read the policy file") && missing.stderr.contains("given by --policy"), "\(missing)")
    }

    @Test func whatIfAsOfAMomentTimesTheDeskAsItStoodThen() throws {
        let scratch = try Scratch()
        let (tight, _) = try desk(scratch)
        // As of the last event (the moment the desk was built), the figures are those above:
        // the clock stops there, so C-0007 (about 50 min) still breaks 30 min and keeps 1 h.
        let moment = ISO8601DateFormatter().string(from: Date())
        let text = try CallboardCLI.succeed(["report", "--policy", tight, "--as-of", moment] + Self.everything, journal: scratch.journal)
        #expect(text.contains("Total\n  response    breaches 2 → 5  gained 3  lost 0"), "\(text)")
    }

    /// Review s5 L4: a what-if policy listing response, restore, follow-up: the what-if reads
    /// row for row against the report (response, on-site, restore), then follow-up, in text and
    /// in the CSV's columns.
    @Test func theWhatIfListsTimersInTheReportsOrderThenTheOtherPolicysOwn() throws {
        let scratch = try Scratch()
        _ = try desk(scratch)
        let other = scratch.path("fu.yaml")
        try """
            time_zone: Asia/Shanghai
            timers:
              - response
              - restore
              - name: follow_up
                label: {en: follow-up, zh: 回访}
                starts: resolved
                stops: closed
            rules:
              - response: 30m
                restore: 4h
                follow_up: 1d
            """.write(toFile: other, atomically: true, encoding: .utf8)
        let text = try CallboardCLI.succeed(["report", "--policy", other] + Self.everything, journal: scratch.journal)
        let whatIf = String(text[try #require(text.range(of: "What if:")).lowerBound...])
        let total = String(whatIf[try #require(whatIf.range(of: "Total\n")).upperBound...])
        let timers = total.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces).split(separator: " ").first.map(String.init) ?? "" }
        #expect(timers.prefix(4) == ["response", "on-site", "restore", "follow-up"], "\(whatIf)")
        let csv = try CallboardCLI.succeed(["report", "--format", "csv", "--policy", other] + Self.everything, journal: scratch.journal)
        let header = csv.components(separatedBy: "\r\n")[0]
        let columns = header.components(separatedBy: ",").filter { $0.hasSuffix(" breaches now") }
        #expect(columns == ["response breaches now", "on-site breaches now", "restore breaches now", "follow-up breaches now"], "\(header)")
    }
}
