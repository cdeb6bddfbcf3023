import CallboardCore
import Foundation
import Testing

/// CSV written for spreadsheets (`report --format csv`, `list --format csv`) and its encodings.
@Suite struct CSVOutputTests {
    @Test func fieldsWithCommasQuotesAndLineBreaksAreQuotedAndLinesEndInCRLF() {
        let text = CSVOutput.text([["call", "summary"], ["C-0001", "漏水, 急"], ["C-0002", "他说\"马上\"\n再来"]])
        #expect(text == "call,summary\r\nC-0001,\"漏水, 急\"\r\nC-0002,\"他说\"\"马上\"\"\n再来\"\r\n")
    }

    @Test func whatItWritesTheImportsReaderReadsBackExactly() throws {
        let rows = [["id", "name", "phone"], ["K1", "华东, \"电气\"", "+86 21 6952 3310"], ["K2", "两行\r\n文字", "-"]]
        let table = try CSVTable.read(Array(CSVOutput.text(rows).utf8), columns: ["id", "name", "phone"], required: ["id"])
        #expect(table.rows.map { [$0.fields["id"]!, $0.fields["name"]!, $0.fields["phone"]!] } == [["K1", "华东, \"电气\"", "+86 21 6952 3310"],
                                                                                                 ["K2", "两行\r\n文字", "'-"]])
    }

    @Test func aFieldASpreadsheetWouldRunAsAFormulaIsWrittenAfterAnApostropheNumbersAndPhonesAreNot() {
        #expect(CSVOutput.text([["=HYPERLINK(\"http://x\")", "@SUM(A1)", "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0"]])
                == "\"'=HYPERLINK(\"\"http://x\"\")\",'@SUM(A1),'+cmd|' /C calc'!A0,'-2+3+cmd|' /C calc'!A0\r\n")
        #expect(CSVOutput.text([["-3600", "+86 21 6952 3310", "021-6952 3310", "66.7"]]) == "-3600,+86 21 6952 3310,021-6952 3310,66.7\r\n")
    }

    @Test func encodingsUTF8WithoutABOMByDefaultWithOneOnRequestAndGB18030() throws {
        #expect(OutputEncoding.parse("utf-8") == .utf8 && OutputEncoding.parse("UTF-8-BOM") == .utf8BOM && OutputEncoding.parse("gbk") == .gb18030)
        #expect(OutputEncoding.parse("latin1") == nil)
        #expect(OutputEncoding.utf8.bytes("中,1\r\n") == [0xE4, 0xB8, 0xAD, 0x2C, 0x31, 0x0D, 0x0A])
        #expect(OutputEncoding.utf8BOM.bytes("中") == [0xEF, 0xBB, 0xBF, 0xE4, 0xB8, 0xAD])
        // 中 is D6 D0 in GB2312, GBK and GB18030; 𠀀 (outside the BMP) takes GB18030's four bytes.
        #expect(OutputEncoding.gb18030.bytes("中a") == [0xD6, 0xD0, 0x61])
        #expect(OutputEncoding.gb18030.bytes("𠀀") == [0x95, 0x32, 0x82, 0x36])
        // And the import reads each back.
        for encoding in [OutputEncoding.utf8, .utf8BOM, .gb18030] {
            let bytes = try #require(encoding.bytes("id,name\r\nK1,上海华东电气\r\n"))
            #expect(try CSVTable.read(bytes, columns: ["id", "name"], required: ["id"]).rows.first?.fields["name"] == "上海华东电气", "\(encoding)")
        }
    }
}
