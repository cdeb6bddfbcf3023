import Foundation
import Testing

/// The warranty's scheduled visits through the real binary: listed when due, a visit recorded
/// schedules the next, refusals name the option and change nothing.
@Suite struct ServiceVisitEndToEndTests {
    static func day(_ offset: Int) -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.timeZone = TimeZone(identifier: "Asia/Shanghai")
        return formatter.string(from: Date().addingTimeInterval(Double(offset) * 86_400))
    }

    @Test func dueVisitsAreListedAndARecordedVisitSchedulesTheNext() throws {
        let scratch = try Scratch()
        let j = scratch.journal
        try CallboardCLI.succeed(["customer", "add", "K001", "--name", "上海华东电气有限公司", "--phone", "021-6952 3310"], journal: j)
        // Bought 170 days ago: its first visit is due in 12 days; one bought 200 days ago is overdue.
        try CallboardCLI.succeed(["customer", "unit", "K001", "--serial", "SN-NEW", "--product", "UPS-3000", "--purchased", Self.day(-170)], journal: j)
        try CallboardCLI.succeed(["customer", "unit", "K001", "--serial", "SN-LATE", "--product", "打印机", "--purchased", Self.day(-200)], journal: j)
        try CallboardCLI.succeed(["intake", "--customer", "K001", "--summary", "x"], journal: j)  // the desk's policy
        let listed = try CallboardCLI.succeed(["visits"], journal: j)
        let lines = listed.split(separator: "\n").map(String.init)
        #expect(lines.count == 3 && lines[1].contains("SN-LATE") && lines[1].contains("overdue") && lines[2].contains("SN-NEW"), "\(listed)")
        #expect(lines[2].hasPrefix(Self.day(12)), "\(listed)")
        let soon = try CallboardCLI.succeed(["visits", "--due-within", "5d", "--lang", "zh"], journal: j)
        #expect(soon.contains("SN-LATE") && soon.contains("已逾期") && !soon.contains("SN-NEW"), "\(soon)")

        let visit = try CallboardCLI.succeed(["visit", "sn-new", "--note", "更换滤网"], journal: j)
        #expect(visit.contains("SN-NEW") && visit.contains(Self.day(0)), "\(visit)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(CallboardCLI.succeed(["visits", "--json"], journal: j).utf8)) as? [[String: Any]])
        let next = try #require(json.first { $0["serial"] as? String == "SN-NEW" })
        #expect(next["due"] as? String == Self.day(182) && next["last_visit"] as? String == Self.day(0) && next["overdue"] as? Bool == false, "\(next)")
        // The late unit's next visit would fall after its warranty (bought 200 days ago): none owed once it is made.
        try CallboardCLI.succeed(["visit", "SN-LATE"], journal: j)
        #expect(try !CallboardCLI.succeed(["visits"], journal: j).contains("SN-LATE"))

        let size = try FileManager.default.attributesOfItem(atPath: j)[.size] as? Int
        for (arguments, status, says) in [(["visit", "SN-NONE"], Int32(1), "--serial: no customer on record owns unit SN-NONE"),
                                          (["visit", "SN-NEW", "--on", Self.day(1)], 64, "--on: "),
                                          (["visit", "SN-NEW"], 1, "already recorded"),
                                          (["visits", "--due-within", "soon"], 64, "--due-within: ")] {
            let result = try CallboardCLI.run(arguments, journal: j)
            #expect(result.status == status && result.stderr.contains(says), "\(arguments): \(result)")
        }
        #expect(try FileManager.default.attributesOfItem(atPath: j)[.size] as? Int == size)
    }
}
