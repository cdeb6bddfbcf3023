import Foundation
import Testing

/// `report` and `list --format` through the real binary (issue 15): figures worked out by hand
/// over a known desk, the JSON shape scripts read, CSV bytes in each encoding (GB18030 checked
/// against iconv), refusals in both languages.
@Suite struct ReportEndToEndTests {
    /// Times on the minute, a fixed offset from now, so each call's figures are exact whatever
    /// second each process starts in.
    static let base: Date = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 / 60).rounded(.down) * 60)
    static func at(_ hours: Double, _ minutes: Double = 0) -> String {
        let format = ISO8601DateFormatter()
        format.timeZone = TimeZone(secondsFromGMT: 8 * 3600)
        return format.string(from: base.addingTimeInterval(hours * 3600 + minutes * 60))
    }

    /// Level-1 calls on the built-in policy (response 24 h; on site 1 h in the city, 12 h
    /// elsewhere; restore 24 h; all round the clock):
    /// C-0001 city, 80 h ago: responded after 10 min, fixed after 50, closed after 2 h (retired
    ///   from the live desk by the later calls: closed more than 36 h before them);
    /// C-0002, C-0003 city and C-0004, C-0005 in 郊区, 26 h ago: responded after 20, 30, 40 min and 25 h;
    /// C-0006 city, 2 h ago, cancelled an hour later.
    func desk(_ journal: String) throws {
        func run(_ words: [String]) throws { try CallboardCLI.succeed(words, journal: journal) }
        func intake(_ region: String, _ hoursAgo: Double) throws {
            try run(["intake", "--customer", "上海华东电气有限公司", "--phone", "021-6952 3310", "--summary", "主控服务器宕机", "--level", "1",
                     "--region", region, "--at", Self.at(-hoursAgo)])
        }
        try intake("city", 80)
        try run(["respond", "C-0001", "--at", Self.at(-80, 10)])
        try run(["resolve", "C-0001", "--cause", "hardware", "--at", Self.at(-80, 50)])
        try run(["close", "C-0001", "--at", Self.at(-78)])
        for (number, region, minutes) in [(2, "city", 20.0), (3, "city", 30), (4, "郊区", 40), (5, "郊区", 25 * 60)] {
            try intake(region, 26)
            try run(["respond", "C-000\(number)", "--at", Self.at(-26, minutes)])
        }
        try intake("city", 2)
        try run(["cancel", "C-0006", "--reason", "重复报修", "--at", Self.at(-1)])
    }

    static let everything = ["--from", "2000-01-01", "--to", "2100-12-31"]

    @Test func figuresWorkedOutByHandInTextJSONAndCSVRetiredCallsIncluded() throws {
        let scratch = try Scratch()
        try desk(scratch.journal)
        let live = try CallboardCLI.succeed(["list", "--json"], journal: scratch.journal)
        #expect(!live.contains("C-0001"), "C-0001 has retired from the live desk: \(live)")

        // Responses took 10, 20, 30, 40 min and 25 h: 4 of 5 met (80%); nearest rank of 5,
        // p50 the 3rd (30 min), p90 the 5th (25 h). The cancelled call counts as received only.
        let text = try CallboardCLI.succeed(["report", "--by", "region"] + Self.everything, journal: scratch.journal)
        #expect(text.contains("Total\n  received 6  resolved 1  closed 1  reopened 0  repeats 0  cancelled 1\n"
                              + "  response    met 4  missed 1  running 0  met 80.0%  p50 30m  p90 25h"), "\(text)")
        #expect(text.contains("郊区\n  received 2"), "\(text)")
        let chinese = try CallboardCLI.succeed(["report", "--by", "region", "--lang", "zh"] + Self.everything, journal: scratch.journal)
        #expect(chinese.contains("合计\n  受理 6  已修复 1  已结单 1  重开 0  重复报修 0  已撤销 1"), "\(chinese)")
        #expect(chinese.contains("达成 4  未达成 1  计时中 0  达成率 80.0%  p50 30m  p90 25h"), "\(chinese)")
        #expect(chinese.contains("按区域统计") && chinese.contains("满意度：尚无评分"), "\(chinese)")

        let json = try #require(try JSONSerialization.jsonObject(with: Data(CallboardCLI.succeed(["report", "--by", "region", "--format", "json"]
                                                                                                  + Self.everything, journal: scratch.journal).utf8)) as? [String: Any])
        #expect(Set(json.keys) == ["from", "to", "by", "groups", "total"] && json["from"] as? String == "2000-01-01" && json["by"] as? String == "region")
        let groups = try #require(json["groups"] as? [[String: Any]])
        #expect(groups.map { $0["key"] as? String } == ["city", "郊区"])
        #expect(Set(groups[0].keys) == ["key", "received", "resolved", "closed", "reopened", "repeats", "cancelled", "timers", "satisfaction"])
        let suburb = try #require((groups[1]["timers"] as? [String: [String: Any]])?["response"])
        // 郊区: 40 min and 25 h: 1 of 2 (50%), p50 the 1st (2400 s), p90 the 2nd (90000 s).
        #expect(suburb["met"] as? Int == 1 && suburb["missed"] as? Int == 1 && suburb["running"] as? Int == 0 && suburb["met_pct"] as? Double == 50
                && suburb["p50_seconds"] as? Int == 2400 && suburb["p90_seconds"] as? Int == 90000, "\(suburb)")
        let total = try #require(json["total"] as? [String: Any])
        #expect(total["key"] is NSNull && total["received"] as? Int == 6)
        #expect(Set((total["timers"] as? [String: Any])?.keys ?? [:].keys) == ["response", "onsite", "restore"])
        let satisfaction = try #require(total["satisfaction"] as? [String: Any])
        #expect(satisfaction["count"] as? Int == 0 && satisfaction["average"] is NSNull)

        // CSV, exactly. On site (1 h in the city, 12 h in 郊区) and restore (24 h): only C-0001's
        // fix after 50 min kept them; the others are past their deadlines (missed).
        let csv = try bytes(["report", "--by", "region", "--format", "csv"] + Self.everything, scratch)
        let expected = "Region,Received,Resolved,Closed,Reopened,Repeats,Cancelled,"
            + "response met,response missed,response running,response met %,response p50 (s),response p90 (s),"
            + "on-site met,on-site missed,on-site running,on-site met %,on-site p50 (s),on-site p90 (s),"
            + "restore met,restore missed,restore running,restore met %,restore p50 (s),restore p90 (s),Satisfaction count,Satisfaction average\r\n"
            + "city,4,1,1,0,0,1,3,0,0,100.0,1200,1800,1,2,0,33.3,3000,3000,1,2,0,33.3,3000,3000,0,\r\n"
            + "郊区,2,0,0,0,0,0,1,1,0,50.0,2400,90000,0,2,0,0.0,,,0,2,0,0.0,,,0,\r\n"
            + "Total,6,1,1,0,0,1,4,1,0,80.0,1800,90000,1,4,0,20.0,3000,3000,1,4,0,20.0,3000,3000,0,\r\n"
        #expect(csv == Array(expected.utf8), "\(String(decoding: csv, as: UTF8.self))")
    }

    /// Standard output's bytes, as they are (the harness reads text as UTF-8).
    func bytes(_ words: [String], _ scratch: Scratch, name: String = UUID().uuidString) throws -> [UInt8] {
        try output(([Binary.path] + words + ["--journal", scratch.journal]).map { "'\($0)'" }.joined(separator: " "), scratch, name: name)
    }

    /// What a shell command line writes on standard output, as bytes.
    func output(_ command: String, _ scratch: Scratch, name: String = UUID().uuidString) throws -> [UInt8] {
        let file = scratch.path(name)
        let result = try CallboardCLI.run(["sh", "-c", command + " > '\(file)'"], program: "sh")
        try #require(result.status == 0, "\(result)")
        return Array(try Data(contentsOf: URL(fileURLWithPath: file)))
    }

    @Test func csvInUTF8WithoutABOMByDefaultWithOneOnRequestAndInGB18030AsIconvWritesIt() throws {
        let scratch = try Scratch()
        try desk(scratch.journal)
        for verb in [["report", "--by", "region", "--lang", "zh"] + Self.everything, ["list", "--all"]] {
            let plain = try bytes(verb + ["--format", "csv"], scratch, name: "plain.csv")
            #expect(String(validating: plain, as: UTF8.self) != nil && !plain.starts(with: [0xEF, 0xBB, 0xBF]), "\(verb)")
            #expect(String(decoding: plain, as: UTF8.self).contains("郊区"))
            let bom = try bytes(verb + ["--format", "csv", "--encoding", "utf-8-bom"], scratch)
            #expect(bom == [0xEF, 0xBB, 0xBF] + plain, "\(verb)")
            let gb = try bytes(verb + ["--format", "csv", "--encoding", "gb18030"], scratch)
            let converted = try output("iconv -f UTF-8 -t GB18030 '\(scratch.path("plain.csv"))'", scratch)
            #expect(gb == converted && String(validating: gb, as: UTF8.self) == nil, "\(verb): GB18030 as iconv writes it")
        }
        let list = String(decoding: try bytes(["list", "--all", "--format", "csv"], scratch), as: UTF8.self)
        #expect(list.hasPrefix("Call,Status,Level,Region,") && list.contains("\r\nC-0001,closed,1,city,") && list.contains("C-0006,cancelled,"), "\(list)")
    }

    @Test func badOptionsAreRefusedNamingTheOptionInBothLanguages() throws {
        let scratch = try Scratch()
        try desk(scratch.journal)
        for (words, needle) in [(["report", "--period", "fortnight"], "--period: 'fortnight' is not a period; use today, yesterday, this-week"),
                                (["report", "--from", "2026-11-30", "--to", "2026-11-01"], "--from 2026-11-30 is after --to 2026-11-01"),
                                (["report", "--from", "2026-11-01"], "--from and --to go together"),
                                (["report", "--period", "today", "--from", "2026-11-01", "--to", "2026-11-02"], "contradict each other"),
                                (["report", "--from", "11/01/2026", "--to", "2026-11-30"], "--from: '11/01/2026' is not a date"),
                                (["report", "--by", "colour"], "--by: 'colour' is not something to group by; use level, region"),
                                (["report", "--format", "xlsx"], "--format: 'xlsx' is not a format"),
                                (["report", "--format", "json", "--encoding", "gb18030"], "JSON is always UTF-8"),
                                (["list", "--encoding", "latin1"], "--encoding: 'latin1' is not an encoding to write"),
                                (["list", "--json", "--format", "csv"], "--json and --format csv contradict each other")] {
            let result = try CallboardCLI.run(words, journal: scratch.journal)
            #expect(result.status == 64 && result.stderr.contains(needle) && result.stdout.isEmpty, "\(words): \(result)")
        }
        let chinese = try CallboardCLI.run(["report", "--by", "colour", "--lang", "zh"], journal: scratch.journal)
        #expect(chinese.status == 64 && chinese.stderr.contains("--by：“colour”不是可分组的项目"), "\(chinese)")
        let missing = try CallboardCLI.run(["report"], journal: scratch.path("nowhere"))
        #expect(missing.status == 74 && !FileManager.default.fileExists(atPath: scratch.path("nowhere")), "\(missing)")
    }
}
