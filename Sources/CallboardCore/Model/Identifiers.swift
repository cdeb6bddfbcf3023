import Foundation

/// A service call's number, shown as `C-0007`. Numbers are given out in order at intake.
public struct CallID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let number: Int

    public init(number: Int) { self.number = number }

    /// Reads what a dispatcher types: `C-0007`, `c-7`, `C0007` or just `7` (full-width too).
    public init?(_ text: String) {
        var rest = Substring(TextRules.halfWidth(text).trimmingCharacters(in: .whitespaces))
        if let first = rest.first, first == "C" || first == "c" {
            rest = rest.dropFirst()
            if rest.first == "-" { rest = rest.dropFirst() }
        }
        guard !rest.isEmpty, rest.count <= 9, rest.allSatisfy({ $0.isASCII && $0.isNumber }),
              let number = Int(rest), number > 0 else { return nil }
        self.number = number
    }

    public var description: String {
        let digits = String(number)
        return "C-" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    public static func < (a: CallID, b: CallID) -> Bool { a.number < b.number }

    /// Parses a call reference or explains what one looks like.
    public static func parse(_ text: String) throws(DeskError) -> CallID {
        guard let id = CallID(text) else {
            throw .invalid(.call, DeskText.notCallID(["text": .text(Printable.quoted(text))]))
        }
        return id
    }
}

/// A technician's short ID as the desk chose it, for example `T03`; stored in upper case.
public struct TechnicianID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: String

    /// Accepts 1–16 letters, digits, `-` or `_` (full-width ones as their ASCII selves); letters
    /// are upper-cased.
    public init?(_ text: String) {
        guard let code = ShortCode.typed(text) else { return nil }
        rawValue = code
    }

    /// Reads an ID as the journal stores it (already upper case): the check without the
    /// trimming and case folding of typed input, since replay reads millions of them.
    public init?(stored text: String) {
        var valid = true
        var count = 0
        for byte in text.utf8 {
            count += 1
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"): continue
            default: valid = false
            }
        }
        guard valid, (1...16).contains(count) else { return nil }
        rawValue = text
    }

    public var description: String { rawValue }
    public static func < (a: TechnicianID, b: TechnicianID) -> Bool { a.rawValue < b.rawValue }

    public static func parse(_ text: String, field: Field = .technician) throws(DeskError) -> TechnicianID {
        guard let id = TechnicianID(text) else {
            throw .invalid(field, DeskText.notTechnicianID(["text": .text(Printable.quoted(text))]))
        }
        return id
    }
}

/// The IDs a desk chooses for its technicians and customers: 1–16 letters, digits, `-` or `_`
/// (full-width ones as their ASCII selves), letters upper-cased.
enum ShortCode {
    static func typed(_ text: String) -> String? {
        let trimmed = TextRules.halfWidth(text).trimmingCharacters(in: .whitespaces)
        guard (1...16).contains(trimmed.count),
              trimmed.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_") })
        else { return nil }
        return trimmed.uppercased()
    }
}
