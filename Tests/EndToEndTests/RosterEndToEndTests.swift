import CallboardCore
import Foundation
import Testing

/// The roster's changes and spreadsheets in, through the real binary and in a real terminal.
@Suite struct RosterEndToEndTests {
    /// Today and the days around it on the desk's calendar (the built-in policy's zone).
    static func day(_ offset: Int) -> String {
        "\(LocalDate(Date(), in: TimeZone(identifier: "Asia/Shanghai")!).adding(days: offset))"
    }

    /// Two on-call engineers (on duty at any hour, so the test does not depend on the clock).
    func roster(_ journal: String) throws {
        try CallboardCLI.succeed(["tech", "add", "T01", "--name", "王磊", "--region", "city", "--skills", "printer,network", "--shift", "oncall"], journal: journal)
        try CallboardCLI.succeed(["tech", "add", "T02", "--name", "李娜", "--region", "city", "--skills", "server", "--shift", "oncall"], journal: journal)
    }

    @Test func editLeaveRotaAndRetireFromTheCommandLineInBothLanguages() throws {
        let scratch = try Scratch()
        let journal = scratch.journal
        try roster(journal)
        let again = try CallboardCLI.run(["tech", "add", "T01", "--name", "王磊"], journal: journal)
        #expect(again.status == 1 && again.stderr.contains("callboard tech edit T01"), "\(again)")
        let edited = try CallboardCLI.succeed(["tech", "edit", "T01", "--phone", "138 1762 0341", "--skills", "printer"], journal: journal)
        #expect(edited.contains("T01") && edited.contains("138 1762 0341"))
        let nothing = try CallboardCLI.run(["tech", "edit", "T01"], journal: journal)
        #expect(nothing.status == 64 && nothing.stderr.contains("--name"))

        let leave = try CallboardCLI.run(["tech", "leave", "T01", "--from", Self.day(0), "--to", Self.day(2), "--lang", "zh"], journal: journal)
        #expect(leave.status == 0 && leave.stdout.contains("请假"), "\(leave)")
        let backwards = try CallboardCLI.run(["tech", "leave", "T02", "--from", Self.day(3), "--to", Self.day(1)], journal: journal)
        #expect(backwards.status == 64 && backwards.stderr.hasPrefix("callboard: --to: ") && backwards.stderr.split(separator: "\n").count == 1, "\(backwards)")
        let notDate = try CallboardCLI.run(["tech", "leave", "T02", "--from", "12/01", "--to", Self.day(1), "--lang", "zh"], journal: journal)
        #expect(notDate.status == 64 && notDate.stderr.contains("--from") && notDate.stderr.contains("不是日期"), "\(notDate)")

        let list = try CallboardCLI.succeed(["tech", "list"], journal: journal)
        #expect(Screen.line(containing: "T01", in: list)?.contains("on leave") == true, "\(list)")
        let zh = try CallboardCLI.succeed(["tech", "list", "--lang", "zh"], journal: journal)
        #expect(Screen.line(containing: "T01", in: zh)?.contains("请假") == true, "\(zh)")
        let json = try JSONSerialization.jsonObject(with: Data(try CallboardCLI.succeed(["tech", "list", "--json"], journal: journal).utf8)) as! [[String: Any]]
        let t01 = try #require(json.first { $0["id"] as? String == "T01" })
        #expect(t01["duty"] as? String == "on_leave" && t01["on_leave"] as? Bool == true && t01["on_duty"] as? Bool == false)
        #expect((t01["leave"] as? [String: String])?["to"] == Self.day(2))

        // The rota puts T02 on nights for three days: today's shift is the rota's.
        try CallboardCLI.succeed(["tech", "rota", "T02", "--from", Self.day(0), "--to", Self.day(2), "--shift", "night"], journal: journal)
        let rota = try JSONSerialization.jsonObject(with: Data(try CallboardCLI.succeed(["tech", "list", "--json"], journal: journal).utf8)) as! [[String: Any]]
        let t02 = try #require(rota.first { $0["id"] as? String == "T02" })
        #expect(t02["shift"] as? String == "oncall" && t02["shift_today"] as? String == "night" && (t02["rota"] as? [Any])?.count == 1)

        // Retired: kept in history and `tech list --all`, gone from the live roster, not assignable.
        try CallboardCLI.succeed(["intake", "--customer", "甲", "--phone", "021-6952 3310", "--summary", "服务器宕机", "--level", "3", "--region", "city"], journal: journal)
        try CallboardCLI.succeed(["assign", "C-0001", "T02"], journal: journal)
        // Not while they hold an open call: it would be lost from every roster.
        let holding = try CallboardCLI.run(["tech", "retire", "T02"], journal: journal)
        #expect(holding.status == 1 && holding.stderr.contains("C-0001") && holding.stderr.contains("--reassign"), "\(holding)")
        try CallboardCLI.succeed(["resolve", "C-0001"], journal: journal)
        try CallboardCLI.succeed(["tech", "retire", "T02"], journal: journal)
        #expect(try !CallboardCLI.succeed(["tech", "list"], journal: journal).contains("T02"))
        #expect(Screen.line(containing: "T02", in: try CallboardCLI.succeed(["tech", "list", "--all"], journal: journal))?.contains("retired") == true)
        #expect(try CallboardCLI.succeed(["show", "C-0001"], journal: journal).contains("T02 李娜"))
        try CallboardCLI.succeed(["intake", "--customer", "乙", "--phone", "021-6952 3311", "--summary", "打印机卡纸", "--level", "3", "--region", "city"], journal: journal)
        let assign = try CallboardCLI.run(["assign", "C-0002", "T02"], journal: journal)
        #expect(assign.status == 1 && assign.stderr.contains("retired"), "\(assign)")
        let export = try CallboardCLI.succeed(["journal", "export", "--json"], journal: journal)
        for type in ["technician.edited", "technician.on_leave", "technician.rota", "technician.retired"] { #expect(export.contains(type)) }
    }

    @Test func aViewerMayNotChangeTheRoster() throws {
        let scratch = try Scratch()
        try roster(scratch.journal)
        try "roles:\n  viewer: [\(NSUserName())]\n".write(toFile: scratch.path("desk.yaml"), atomically: true, encoding: .utf8)
        let refused = try CallboardCLI.run(["tech", "leave", "T01", "--from", Self.day(0), "--to", Self.day(1)], journal: scratch.journal)
        #expect(refused.status == 77, "\(refused)")
        let csv = scratch.path("t.csv")
        try "id,name\nT05,Ann\n".write(toFile: csv, atomically: true, encoding: .utf8)
        #expect(try CallboardCLI.run(["import", "technicians", csv], journal: scratch.journal).status == 77)
    }

    /// On leave shows in the console's roster and picker, and the picker puts them last.
    @Test func onLeaveShowsInTheConsolesRosterAndPickerInBothLanguages() throws {
        let scratch = try Scratch()
        try roster(scratch.journal)
        try CallboardCLI.succeed(["tech", "leave", "T01", "--from", Self.day(0), "--to", Self.day(2)], journal: scratch.journal)
        try CallboardCLI.succeed(["intake", "--customer", "上海华东电气", "--phone", "021-6952 3310", "--summary", "复印机卡纸", "--level", "3", "--region", "city"], journal: scratch.journal)
        let console = try TmuxConsole([], journal: scratch.journal, width: 140, height: 36)
        let screen = try console.waitFor(text: "Technicians (2)")
        #expect(Screen.line(containing: "T01  王磊", in: screen)?.contains("on leave") == true, "\(screen)")
        try console.send("a")
        let picker = try console.waitFor(text: "engineers by fit")
        #expect(Screen.line(containing: "▸", in: picker)?.contains("T02 李娜") == true, "\(picker)")
        #expect(Screen.line(containing: "T01 王磊", in: picker)?.contains("on leave until \(Self.day(2))") == true, "\(picker)")
        #expect(Screen.line(containing: "T01 王磊", in: picker)?.contains("available") == false, "on leave, not available: \(picker)")
        try console.send("Escape")
        try console.send("q")
        try console.waitForExit()

        let chinese = try TmuxConsole(["console", "--lang", "zh"], journal: scratch.journal, width: 140, height: 36)
        let zh = try chinese.waitFor(text: "T02")
        #expect(Screen.line(containing: "王磊", in: zh)?.contains("请假") == true, "\(zh)")
        try chinese.send("a")
        let pickerZh = try chinese.waitFor(text: "请假至")
        #expect(Screen.line(containing: "T01 王磊", in: pickerZh)?.contains("请假至 \(Self.day(2))") == true, "\(pickerZh)")
        try chinese.send("Escape")
        try chinese.send("q")
        try chinese.waitForExit()
    }

    @Test func importTechniciansFromUTF8WithABOMAndFromGB18030MadeByIconv() throws {
        let scratch = try Scratch()
        let bom = scratch.path("bom.csv")
        try Data([0xEF, 0xBB, 0xBF] + Array("id,name,region,skills,shift,phone\r\nT01,王磊,city,\"printer,network\",day,138 1762 0341\r\n".utf8)).write(to: URL(fileURLWithPath: bom))
        let first = try CallboardCLI.succeed(["import", "technicians", bom], journal: scratch.journal)
        #expect(first.contains("1 (T01)") && first.contains("utf-8"))
        // What Chinese Excel and WPS save: GB18030, Chinese headers, Chinese shift words.
        let plain = scratch.path("plain.csv"), gb = scratch.path("gb.csv")
        try "工号,姓名,区域,技能,班次,电话\nT02,李娜,city,\"server，storage\",夜班,139 1623 4471\nT03,张伟,jiading,ups,待命,\n".write(toFile: plain, atomically: true, encoding: .utf8)
        let iconv = try CallboardCLI.run(["sh", "-c", "iconv -f UTF-8 -t GB18030 \(plain) > \(gb)"], program: "sh")
        try #require(iconv.status == 0, "\(iconv)")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: gb))
        #expect(String(data: bytes, encoding: .utf8) == nil, "GB18030 bytes, not UTF-8")
        let second = try CallboardCLI.run(["import", "technicians", gb, "--lang", "zh"], journal: scratch.journal)
        #expect(second.status == 0 && second.stdout.contains("gb18030") && second.stdout.contains("T02, T03"), "\(second)")
        let json = try JSONSerialization.jsonObject(with: Data(try CallboardCLI.succeed(["tech", "list", "--json"], journal: scratch.journal).utf8)) as! [[String: Any]]
        let t02 = try #require(json.first { $0["id"] as? String == "T02" })
        #expect(t02["name"] as? String == "李娜" && t02["shift"] as? String == "night" && t02["skills"] as? [String] == ["server", "storage"])
        // Read as UTF-8 on purpose, the same file is refused saying where and what to do.
        let forced = try CallboardCLI.run(["import", "technicians", gb, "--encoding", "utf-8"], journal: scratch.journal)
        #expect(forced.status == 64 && forced.stderr.contains("not UTF-8 from line 1, byte 1"), "\(forced)")
    }

    @Test func everyBadRowIsNamedByLineAndColumnAndNothingIsImported() throws {
        let scratch = try Scratch()
        try roster(scratch.journal)
        let csv = scratch.path("bad.csv")
        try "id,name,shift,phone\nT05,Ann,day,\nT06,Bob,evening,\nT01,王磊,day,\nT07,,day,\nT05,Ann again,day,\nT08,\"Carl\",day,abc\n"
            .write(toFile: csv, atomically: true, encoding: .utf8)
        let before = try CallboardCLI.succeed(["journal", "export", "--json"], journal: scratch.journal)
        let result = try CallboardCLI.run(["import", "technicians", csv], journal: scratch.journal)
        #expect(result.status == 64)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 6, "\(result)")
        #expect(lines[0].contains("line 3, column shift"))
        #expect(lines[1].contains("line 4, column id") && lines[1].contains("tech edit T01"))
        #expect(lines[2].contains("line 5, column name"))
        #expect(lines[3].contains("line 6, column id") && lines[3].contains("also on line 2"))
        #expect(lines[4].contains("line 7, column phone"))
        #expect(lines[5].contains("nothing imported"))
        #expect(try CallboardCLI.succeed(["journal", "export", "--json"], journal: scratch.journal) == before, "the journal is unchanged")
        let unknown = scratch.path("col.csv")
        try "id,name,email\nT09,x,a@b\n".write(toFile: unknown, atomically: true, encoding: .utf8)
        let column = try CallboardCLI.run(["import", "technicians", unknown, "--lang", "zh"], journal: scratch.journal)
        #expect(column.status == 64 && column.stderr.contains("第 1 行") && column.stderr.contains("email"), "\(column)")
    }
}
