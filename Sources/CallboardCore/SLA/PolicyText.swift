extension PolicyParser {
    /// A policy file's bytes as text. A file that is not UTF-8 (a Chinese Windows editor saves
    /// GBK unless told otherwise) is a problem naming the line and the byte where it stops being
    /// UTF-8, so its author can find the character and save the file again.
    public static func text(of bytes: [UInt8]) throws(PolicyProblems) -> String {
        guard let bad = firstInvalidUTF8(bytes) else {
            // A byte-order mark says nothing to YAML or to the rules.
            let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...]
            return String(decoding: body, as: UTF8.self)
        }
        let lineStart = bytes[..<bad].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        let line = bytes[..<bad].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
        let hex = String(bytes[bad], radix: 16, uppercase: true)
        let text = PolicyText.notUTF8(["byte": "\(bad - lineStart + 1)", "hex": .text(hex.count < 2 ? "0" + hex : hex)])
        throw PolicyProblems(problems: [PolicyProblem(line: line, text: text)])
    }

    /// The offset of the first byte that does not belong to a well-formed UTF-8 sequence
    /// (overlong forms and surrogates included), by the standard library's own decoder.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var parser = Unicode.UTF8.ForwardParser()
        var input = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &input) {
            case .valid(let encoded): offset += encoded.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }
}
