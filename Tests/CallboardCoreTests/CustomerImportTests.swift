import CallboardCore
import Foundation
import Testing

/// `import customers`: one row per unit, a customer's details on their first row, several
/// numbers and contacts in one cell; every bad row by line and column, and nothing imported then.
@Suite struct CustomerImportTests {
    let context = CommandContext(now: TestDesk.monday9, actor: "wangfang", timeZone: TestDesk.shanghai)

    func table(_ text: String) throws -> CSVTable {
        try CSVTable.read(Array(text.utf8), columns: CustomerImport.columns, required: CustomerImport.required, aliases: CustomerImport.aliases)
    }

    func problems(_ text: String, in state: DeskState = DeskState()) throws -> [ImportRowProblem] {
        guard case .failure(let problems) = CustomerImport.decide(try table(text), in: state, context) else {
            Issue.record("imported")
            return []
        }
        return problems.rows
    }

    @Test func rowsWithTheSameIDAreOneCustomerWithAUnitEach() throws {
        let csv = """
            id,name,phones,address,contacts,serial,product,purchased,warranty_until
            K001,上海华东电气有限公司,"021-6952 3310;021-6952 3311",上海市浦东新区张江路 88 号,"李工 138 0013 8000、王经理 139 1234 5678",SN-1,UPS-3000,2026-03-01,
            K001,,,,,SN-2,UPS-3000,2026-03-01,2028-02-29
            K002,Li Wei,139 1111 2222,,,,,,
            k001,上海华东电气有限公司,+86 21 6952 3310；021-6952 3311,,,SN-3,,,

            """
        guard case .success(let events) = CustomerImport.decide(try table(csv), in: DeskState(), context) else { Issue.record("refused"); return }
        var state = DeskState()
        for event in events { state.apply(event) }
        let k001 = try #require(state.customers[CustomerID("K001")!])
        #expect(k001.phones == ["021-6952 3310", "021-6952 3311"])
        #expect(k001.contacts == [Contact(name: "李工", phone: "138 0013 8000"), Contact(name: "王经理", phone: "139 1234 5678")])
        #expect(k001.units.map(\.serial) == ["SN-1", "SN-2", "SN-3"], "a later row repeating the details (written another way) adds its unit")
        #expect(k001.units[1].warrantyUntil == LocalDate(year: 2028, month: 2, day: 29))
        #expect(state.customers[CustomerID("K002")!]?.units.isEmpty == true, "a customer without a unit is a row with no serial")
        #expect(state.customers.customer(phone: "13912345678")?.id == k001.id, "a contact's number finds the customer")
    }

    @Test func chineseHeadersNameTheSameColumns() throws {
        let rows = try table("客户编号,名称,电话,地址,联系人,序列号,产品,购买日期,保修截止\nK001,华东,021-6952 3310,张江路,李工 138 0013 8000,SN-1,UPS,2026-03-01,2027-03-01\n").rows
        #expect(rows[0].fields == ["id": "K001", "name": "华东", "phones": "021-6952 3310", "address": "张江路", "contacts": "李工 138 0013 8000",
                                   "serial": "SN-1", "product": "UPS", "purchased": "2026-03-01", "warranty_until": "2027-03-01"])
    }

    @Test func everyBadRowIsNamedByLineAndColumn() throws {
        let csv = """
            id,name,phones,contacts,serial,purchased,warranty_until
            K001,华东,021-6952 3310,,SN-1,2026-03-01,
            K001,华北,,,SN-2,,
            K002,Li,021-6952 3310,,,,
            K003,,139 0000 1111,,,,
            K004,Ann,139 0000 2222,李工,SN-1,,
            K005,Bob,139 0000 3333,,,2026-03-01,
            K006,Carl,139 0000 4444,,SN-6,2026-03-01,2025-01-01
            K 7,Dan,139 0000 5555,,,,
            ,Eve,139 0000 6666,,,,
            K001,,,,SN-8,2026-13-01,

            """
        let rows = try problems(csv)
        let found = rows.map { "\($0.line) \($0.column ?? "-")" }
        #expect(found == ["3 name", "4 phones", "5 name", "6 contacts", "6 serial", "7 serial", "8 warranty_until", "9 id", "10 id", "11 purchased"],
                "\(rows.map { "\($0.line) \($0.column ?? "-"): \($0.text)" })")
        #expect(rows[0].text.description.contains("line 2"), "a conflicting detail names the customer's first row")
        #expect(rows[1].text.description.contains("K001"), "a number already another's names whose")
        #expect(rows[4].text.description.contains("also on line 2"))
    }

    @Test func aCustomerOnRecordIsRefusedPointingToEditAndUnit() throws {
        var state = DeskState()
        for event in try state.decide(.addCustomer(CustomerDraft(id: "K001", name: "华东", phones: ["021-6952 3310"])), context) { state.apply(event) }
        let rows = try problems("id,name,phones,serial\nK001,华东,021-6952 3310,SN-1\nK001,,,SN-2026-13\n", in: state)
        #expect(rows.count == 1 && rows[0].line == 2 && rows[0].column == "id", "the customer's first row; its later rows only add units")
        #expect(rows[0].text.description.contains("customer edit K001") && rows[0].text.description.contains("customer unit K001"))
    }

    @Test func severalPerCellAreSplitBySemicolonsEnumerationCommasAndLineBreaks() {
        #expect(CustomerImport.list("a; b；c、d\ne\r\n f ;;") == ["a", "b", "c", "d", "e", "f"])
        #expect(CustomerImport.list(" ") == [] && CustomerImport.list(nil) == [])
    }
}
