import CSV
import Foundation
#if canImport(CoreFoundation)
import CoreFoundation
#endif

/// How a spreadsheet's CSV file is encoded: UTF-8 (with or without the byte-order mark Excel
/// writes) or GB18030, which Chinese Excel and WPS save by default.
public enum TextEncoding: String, Sendable, CaseIterable {
    case utf8 = "utf-8"
    case gb18030

    /// `utf-8`, `utf8`, `gb18030` (also `gbk` and `gb2312`, which GB18030 contains).
    public static func parse(_ text: String) -> TextEncoding? {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "utf-8", "utf8": .utf8
        case "gb18030", "gbk", "gb2312", "cp936": .gb18030
        default: nil
        }
    }

    /// Foundation's GB18030 (the 2000 edition, a superset of GBK and GB2312), on Linux too.
    static var gb18030Foundation: String.Encoding {
        String.Encoding(rawValue: CFStringConvertEncodingToNSStringEncoding(CFStringEncoding(CFStringEncodings.GB_18030_2000.rawValue)))
    }
}

/// A CSV file read into rows by column name, each with the line it starts on: what every
/// `import` of a spreadsheet builds on (technicians, customers). Reading is by
/// yaslab/CSV.swift (quoted fields, commas and line breaks inside them, CRLF); this type adds
/// the encoding, the header and the line numbers that problems are named by.
public struct CSVTable: Equatable, Sendable {
    public struct Row: Equatable, Sendable {
        /// The line of the file the row starts on (1 is the header).
        public var line: Int
        /// The row's fields by column (lower-cased header names); a short row lacks the last ones.
        public var fields: [String: String]

        public init(line: Int, fields: [String: String]) {
            self.line = line
            self.fields = fields
        }
    }

    /// The header's names as written.
    public var header: [String]
    public var rows: [Row]
    /// The encoding it was read in (detected unless given).
    public var encoding: TextEncoding

    /// What is wrong with a file as a whole (not one row): its encoding, its CSV, its header.
    public struct Problem: Error, Equatable, Sendable {
        public var line: Int?
        public var text: Message
    }

    /// The text of `bytes`: with `encoding`, in it; otherwise UTF-8 if they are UTF-8 (a BOM
    /// says so too), else GB18030 if they are that. A BOM is dropped.
    public static func decode(_ bytes: [UInt8], encoding given: TextEncoding? = nil) throws(Problem) -> (text: String, encoding: TextEncoding) {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let hasBOM = bytes.starts(with: bom)
        let body = hasBOM ? Array(bytes.dropFirst(3)) : bytes
        let encoding = given ?? (hasBOM || String(validating: body, as: UTF8.self) != nil ? .utf8 : .gb18030)
        switch encoding {
        case .utf8:
            guard let text = String(validating: body, as: UTF8.self) else {
                // The line and byte where it stops being UTF-8, as `policy check` says it.
                let (line, byte) = firstInvalidUTF8(body)
                throw Problem(line: nil, text: DeskText.csvNotUTF8(["line": "\(line)", "byte": "\(byte)"]))
            }
            return (text, .utf8)
        case .gb18030:
            guard let text = String(data: Data(body), encoding: TextEncoding.gb18030Foundation) else {
                throw Problem(line: nil, text: given == nil ? DeskText.csvUnknownEncoding() : DeskText.csvNotGB18030())
            }
            return (text, .gb18030)
        }
    }

    /// Where `bytes` stop being UTF-8: the line (from 1) and the byte within it (from 1).
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> (line: Int, byte: Int) {
        var line = 1, lineStart = 0, index = 0
        while index < bytes.count {
            let lead = bytes[index]
            let length = lead < 0x80 ? 1 : lead >> 5 == 0x6 ? 2 : lead >> 4 == 0xE ? 3 : lead >> 3 == 0x1E ? 4 : 0
            let end = index + max(length, 1)
            if length == 0 || end > bytes.count || String(validating: bytes[index..<end], as: UTF8.self) == nil {
                return (line, index - lineStart + 1)
            }
            if lead == 0x0A { line += 1; lineStart = end }
            index = end
        }
        return (line, index - lineStart + 1)
    }

    /// Reads `bytes` as CSV with a header row. `columns` are the names a row may have (lower
    /// case; `aliases` maps other names, such as Chinese ones, to them): a column it does not
    /// know, one named twice or a required one missing is a problem on line 1.
    public static func read(_ bytes: [UInt8], encoding given: TextEncoding? = nil, columns: [String], required: [String],
                            aliases: [String: String] = [:]) throws(Problem) -> CSVTable {
        let (text, encoding) = try decode(bytes, encoding: given)
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true)
        } catch {
            throw Problem(line: 1, text: DeskText.csvNoHeader())
        }
        let header = reader.headerRow ?? []
        var names: [String] = []
        for raw in header {
            let written = raw.trimmingCharacters(in: .whitespaces)
            let name = aliases[written] ?? aliases[written.lowercased()] ?? written.lowercased()
            guard columns.contains(name) else {
                throw Problem(line: 1, text: DeskText.csvUnknownColumn(["column": .text(Printable.quoted(written)), "columns": .text(columns.joined(separator: ","))]))
            }
            guard !names.contains(name) else { throw Problem(line: 1, text: DeskText.csvColumnTwice(["column": .text(Printable.quoted(written))])) }
            names.append(name)
        }
        if let missing = required.first(where: { !names.contains($0) }) {
            throw Problem(line: 1, text: DeskText.csvMissingColumn(["column": .text(missing), "columns": .text(columns.joined(separator: ","))]))
        }
        // A record takes its own line break and those inside its quoted fields ("\r\n" is one).
        func breaks(_ fields: [String]) -> Int { fields.reduce(0) { $0 + $1.filter(\.isNewline).count } }
        var line = 2 + breaks(header)
        var rows: [Row] = []
        while let fields = reader.next() {
            defer { line += 1 + breaks(fields) }
            if fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue } // a blank line
            if fields.count > names.count {
                throw Problem(line: line, text: DeskText.csvTooManyFields(["count": "\(fields.count)", "columns": "\(names.count)"]))
            }
            var row: [String: String] = [:]
            for (name, value) in zip(names, fields) { row[name] = value }
            rows.append(Row(line: line, fields: row))
        }
        if reader.error != nil { throw Problem(line: line, text: DeskText.csvUnreadable()) }
        return CSVTable(header: header, rows: rows, encoding: encoding)
    }
}
