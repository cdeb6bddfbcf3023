import Foundation
import Testing

/// `import customers FILE.csv` through the real binary: a spreadsheet of customers and their
/// units, in UTF-8 with a BOM and in GB18030 as Chinese Excel saves it; every bad row on
/// standard error by line and column, and then nothing imported.
@Suite struct CustomerImportEndToEndTests {
    func json(_ arguments: [String], _ journal: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(CallboardCLI.succeed(arguments, journal: journal).utf8))
    }

    @Test func customersAndUnitsFromUTF8WithABOMAndFromGB18030MadeByIconv() throws {
        let scratch = try Scratch()
        let bom = scratch.path("bom.csv")
        let english = "id,name,phones,address,contacts,serial,product,purchased,warranty_until\r\n"
            + "K001,Shanghai East,\"021-6952 3310;021-6952 3311\",88 Zhangjiang Rd,\"Li 138 0013 8000;Wang 139 1234 5678\",SN-1,UPS-3000,2026-03-01,\r\n"
            + "K001,,,,,SN-2,UPS-3000,2026-03-01,2028-02-29\r\n"
        try Data([0xEF, 0xBB, 0xBF] + Array(english.utf8)).write(to: URL(fileURLWithPath: bom))
        let first = try CallboardCLI.succeed(["import", "customers", bom], journal: scratch.journal)
        #expect(first.contains("customers imported: 1 (K001) with 2 units") && first.contains("utf-8"), "\(first)")

        // What Chinese Excel and WPS save: GB18030, Chinese headers, numbers and contacts split by 、 and a line break.
        let plain = scratch.path("plain.csv"), gb = scratch.path("gb.csv")
        try """
            客户编号,名称,电话,地址,联系人,序列号,产品,购买日期,保修截止
            K002,上海华东电气有限公司,021-5953 1276、139 1623 4471,上海市浦东新区张江路 88 号,"李工 138 2222 3333
            王经理 139 4444 5555",SN-20,净水器 A1,2026-05-01,
            K002,,,,,SN-21,净水器 A1,2026-05-01,2027-12-31
            K003,王磊,137 1000 2000,,,,,,

            """.write(toFile: plain, atomically: true, encoding: .utf8)
        let iconv = try CallboardCLI.run(["sh", "-c", "iconv -f UTF-8 -t GB18030 \(plain) > \(gb)"], program: "sh")
        try #require(iconv.status == 0, "\(iconv)")
        #expect(String(data: try Data(contentsOf: URL(fileURLWithPath: gb)), encoding: .utf8) == nil, "GB18030 bytes, not UTF-8")
        let second = try CallboardCLI.run(["import", "customers", gb, "--lang", "zh"], journal: scratch.journal)
        #expect(second.status == 0 && second.stdout.contains("已导入 2 位客户（K002, K003）及 2 台设备") && second.stdout.contains("gb18030"), "\(second)")

        let k002 = try #require(try json(["customer", "show", "K002", "--json"], scratch.journal) as? [String: Any])
        #expect(k002["name"] as? String == "上海华东电气有限公司" && k002["phones"] as? [String] == ["021-5953 1276", "139 1623 4471"], "\(k002)")
        #expect((k002["contacts"] as? [[String: String]])?.map { $0["name"] ?? "" } == ["李工", "王经理"], "\(k002)")
        let units = try #require(k002["units"] as? [[String: Any]])
        #expect(units.map { $0["serial"] as? String } == ["SN-20", "SN-21"] && units[1]["warranty_until"] as? String == "2027-12-31", "\(units)")
        // Intake finds the imported customer by a contact's number and fills in the rest.
        let call = try CallboardCLI.succeed(["intake", "--phone", "13944445555", "--summary", "净水器漏水", "--serial", "SN-21"], journal: scratch.journal)
        let shown = try #require(try json(["show", call.trimmingCharacters(in: .whitespacesAndNewlines), "--json"], scratch.journal) as? [String: Any])
        #expect(shown["customer_id"] as? String == "K002" && shown["product"] as? String == "净水器 A1", "\(shown)")
    }

    @Test func everyBadRowIsNamedByLineAndColumnAndNothingIsImported() throws {
        let scratch = try Scratch()
        try CallboardCLI.succeed(["customer", "add", "K001", "--name", "华东", "--phone", "021-6952 3310"], journal: scratch.journal)
        let csv = scratch.path("bad.csv")
        try """
            id,name,phones,contacts,serial,purchased
            K002,Ann,139 0000 1111,,SN-1,2026-03-01
            K002,Anne,,,SN-2,
            K001,华东,021-6952 3310,,,
            K003,Bob,021-6952 3310,,,
            K004,Carl,139 0000 2222,李工,SN-1,
            K005,Dan,139 0000 3333,,,2026-03-01

            """.write(toFile: csv, atomically: true, encoding: .utf8)
        let before = try CallboardCLI.succeed(["journal", "export", "--json"], journal: scratch.journal)
        let result = try CallboardCLI.run(["import", "customers", csv], journal: scratch.journal)
        #expect(result.status == 64)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 7, "\(result)")
        guard lines.count == 7 else { return }
        #expect(lines[0].contains("bad.csv line 3, column name") && lines[0].contains("line 2"))
        #expect(lines[1].contains("line 4, column id") && lines[1].contains("customer edit K001") && lines[1].contains("customer unit K001"))
        #expect(lines[2].contains("line 5, column phones") && lines[2].contains("K001"))
        #expect(lines[3].contains("line 6, column contacts"))
        #expect(lines[4].contains("line 6, column serial") && lines[4].contains("also on line 2"))
        #expect(lines[5].contains("line 7, column serial"))
        #expect(lines[6].contains("nothing imported: 5 bad rows"))
        #expect(try CallboardCLI.succeed(["journal", "export", "--json"], journal: scratch.journal) == before, "the journal is unchanged")

        // In Chinese, and a header it cannot use.
        let chinese = try CallboardCLI.run(["import", "customers", csv, "--lang", "zh"], journal: scratch.journal)
        #expect(chinese.status == 64 && chinese.stderr.contains("第 3 行，name 列") && chinese.stderr.contains("未导入任何内容"), "\(chinese)")
        let unknown = scratch.path("col.csv")
        try "id,name,email\nK9,x,a@b\n".write(toFile: unknown, atomically: true, encoding: .utf8)
        let column = try CallboardCLI.run(["import", "customers", unknown], journal: scratch.journal)
        #expect(column.status == 64 && column.stderr.contains("line 1") && column.stderr.contains("email"), "\(column)")
        // A viewer may not import.
        try "roles:\n  viewer: [\(NSUserName())]\n".write(toFile: scratch.path("desk.yaml"), atomically: true, encoding: .utf8)
        let good = scratch.path("good.csv")
        try "id,name,phones\nK7,x,139 0000 9999\n".write(toFile: good, atomically: true, encoding: .utf8)
        #expect(try CallboardCLI.run(["import", "customers", good], journal: scratch.journal).status == 77)
    }
}
