import Foundation

/// How a file callboard writes for a spreadsheet is encoded (`--encoding` of `report` and
/// `list`): UTF-8 without a byte-order mark (the default, what scripts and most tools expect),
/// UTF-8 with one (what Chinese Excel needs to read UTF-8 at all), or GB18030 (what older Excel
/// and WPS read and write). The names are the import's (TextEncoding), with `utf-8-bom` added.
public struct OutputEncoding: Equatable, Sendable, CustomStringConvertible {
    public var encoding: TextEncoding
    public var byteOrderMark: Bool

    public static let utf8 = OutputEncoding(encoding: .utf8, byteOrderMark: false)
    public static let utf8BOM = OutputEncoding(encoding: .utf8, byteOrderMark: true)
    public static let gb18030 = OutputEncoding(encoding: .gb18030, byteOrderMark: false)

    /// The names `--encoding` takes, as help and refusals list them.
    public static let names = ["utf-8", "utf-8-bom", "gb18030"]

    /// `utf-8-bom` (also `utf8-bom`, `utf-8-sig`), or a name TextEncoding reads (`utf-8`,
    /// `gb18030`, `gbk`, …).
    public static func parse(_ text: String) -> OutputEncoding? {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "utf-8-bom", "utf8-bom", "utf-8-sig", "utf8-sig": .utf8BOM
        default: TextEncoding.parse(text).map { OutputEncoding(encoding: $0, byteOrderMark: false) }
        }
    }

    public var description: String { byteOrderMark ? "utf-8-bom" : encoding.rawValue }

    /// `text` in this encoding. GB18030 encodes every Unicode character, so this fails only for
    /// text Foundation cannot convert at all.
    public func bytes(_ text: String) -> [UInt8]? {
        switch encoding {
        case .utf8: (byteOrderMark ? [0xEF, 0xBB, 0xBF] : []) + Array(text.utf8)
        case .gb18030: text.data(using: TextEncoding.gb18030Foundation).map { Array($0) }
        }
    }
}

/// Rows written as CSV for a spreadsheet (RFC 4180): a field with a comma, a quote or a line
/// break is quoted and its quotes doubled, and every line ends with CRLF. Written here rather
/// than through CSV.swift's writer, which writes one byte at a time to a stream (a `list --all`
/// of a large desk is a great many bytes); its reader, which every import uses, reads back
/// exactly what this writes (CSVOutputTests). A field a spreadsheet would run as a formula (one
/// starting with `=`, `+`, `-`, `@`, a tab or a carriage return that is not simply a number or
/// a phone number) is written after an apostrophe, so that a customer's name can never become a
/// command in the supervisor's Excel.
public enum CSVOutput {
    public static func text(_ rows: [[String]]) -> String {
        var out = ""
        for row in rows {
            out += row.map { field($0) }.joined(separator: ",")
            out += "\r\n"
        }
        return out
    }

    /// One field, quoted when it must be.
    static func field(_ value: String) -> String {
        let value = neutralized(value)
        guard value.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The field, or an apostrophe and the field when a spreadsheet would read it as a formula.
    static func neutralized(_ field: String) -> String {
        guard let first = field.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return field }
        let plain = CharacterSet(charactersIn: "0123456789 +-.()")
        if first != "=", first != "@", field.unicodeScalars.allSatisfy(plain.contains),
           field.unicodeScalars.contains(where: CharacterSet.decimalDigits.contains) {
            return field // -3, +86 21 6952 3310
        }
        return "'" + field
    }
}
