import CallboardCore
import Foundation
import Testing

/// Reading spreadsheets saved as CSV: the encodings Chinese desks have, the header, quoted
/// fields, and the line each row starts on.
@Suite struct CSVTableTests {
    func read(_ bytes: [UInt8], _ encoding: TextEncoding? = nil) throws(CSVTable.Problem) -> CSVTable {
        try CSVTable.read(bytes, encoding: encoding, columns: TechnicianImport.columns, required: TechnicianImport.required,
                          aliases: TechnicianImport.aliases)
    }

    /// `printf 'id,name,skills,shift\nT01,王磊,"printer,network",白班\n' | iconv -t GB18030`:
    /// 王磊 is CD F5 C0 DA, 白班 B0 D7 B0 E0.
    static let gb18030 = hex("69642c6e616d652c736b696c6c732c73686966740a5430312ccdf5c0da2c227072696e7465722c6e6574776f726b222cb0d7b0e00a")

    static func hex(_ text: String) -> [UInt8] {
        let chars = Array(text.utf8)
        return stride(from: 0, to: chars.count, by: 2).map { UInt8(String(decoding: chars[$0..<$0 + 2], as: UTF8.self), radix: 16)! }
    }

    @Test func gb18030IsDetectedAndDecodedByFoundation() throws {
        let table = try read(Self.gb18030)
        #expect(table.encoding == .gb18030)
        #expect(table.rows == [CSVTable.Row(line: 2, fields: ["id": "T01", "name": "王磊", "skills": "printer,network", "shift": "白班"])])
        // GB18030's four-byte sequences too (U+20000, outside GBK): the 2000 edition, not GBK.
        #expect(try CSVTable.decode(Self.hex("95328236"), encoding: .gb18030).text == "\u{20000}")
        // Asked for UTF-8, the same bytes are refused, saying where.
        #expect(throws: CSVTable.Problem.self) { try read(Self.gb18030, .utf8) }
        do { _ = try read(Self.gb18030, .utf8) } catch { #expect(error.text.description.contains("line 2, byte 5"), "after T01,") }
    }

    @Test func utf8WithOrWithoutABOMAndCRLF() throws {
        let text = "ID, Name ,skills\r\nT01,王磊,\"printer,network\"\r\n\r\nT02,\"李娜\",server\r\n"
        for bytes in [Array(text.utf8), [0xEF, 0xBB, 0xBF] + Array(text.utf8)] {
            let table = try read(bytes)
            #expect(table.encoding == .utf8)
            #expect(table.rows.map(\.line) == [2, 4], "the blank line 3 is counted, not read")
            #expect(table.rows[0].fields["skills"] == "printer,network" && table.rows[1].fields["name"] == "李娜")
            #expect(table.rows[0].fields["id"] == "T01", "a BOM does not become part of the first column's name")
        }
        // UTF-8 text that also decodes as GB18030 (most does) is read as UTF-8.
        #expect(try read(Array("id,name\nT01,王磊\n".utf8)).rows[0].fields["name"] == "王磊")
    }

    @Test func aLineBreakInsideAQuotedFieldMovesTheLinesOfTheRowsAfterIt() throws {
        let table = try read(Array("id,name\nT01,\"two\nlines\"\nT02,b\n".utf8))
        #expect(table.rows.map(\.line) == [2, 4])
    }

    @Test func chineseHeadersNameTheSameColumns() throws {
        let table = try read(Array("工号,姓名,区域,技能,班次,电话\nT01,王磊,city,ups,待命,138 1762 0341\n".utf8))
        #expect(table.rows[0].fields == ["id": "T01", "name": "王磊", "region": "city", "skills": "ups", "shift": "待命", "phone": "138 1762 0341"])
    }

    @Test func aHeaderItCannotUseIsAProblemOnLineOne() {
        for (text, words) in [("id,name,email\n", "email"), ("id,skills\n", "name is missing"), ("id,name,ID\n", "named twice")] {
            do {
                _ = try read(Array(text.utf8))
                Issue.record("\(text) was read")
            } catch {
                #expect(error.line == 1 && error.text.description.contains(words), "\(error.text)")
            }
        }
        do {
            _ = try read(Array("id,name\nT01,a,b\n".utf8))
            Issue.record("a row longer than the header was read")
        } catch { #expect(error.line == 2) }
    }

    @Test func rowsBecomeTechniciansOrEveryProblemByLineAndField() throws {
        let table = try read(Array("id,name,skills,shift\nT01,王磊,\"printer、network\",白班\nT02,,server,\nT01,again,,\nT03,Ann,,weekend\n".utf8))
        var state = DeskState()
        let context = CommandContext(now: TestDesk.monday9, actor: "wangfang", timeZone: TestDesk.shanghai)
        guard case .failure(let problems) = TechnicianImport.decide(table, in: state, context) else { Issue.record("imported"); return }
        #expect(problems.rows.map(\.line) == [3, 4, 5])
        #expect(problems.rows.map(\.column) == ["name", "id", "shift"])
        #expect(problems.rows[1].text.description.contains("also on line 2"))
        let good = try read(Array("id,name,skills,shift\nT01,王磊,\"printer、network\",白班\n".utf8))
        guard case .success(let events) = TechnicianImport.decide(good, in: state, context) else { Issue.record("refused"); return }
        for event in events { state.apply(event) }
        #expect(state.technicians[TechnicianID("T01")!] == Technician(id: TechnicianID("T01")!, name: "王磊", skills: ["printer", "network"], shift: .day))
    }
}
