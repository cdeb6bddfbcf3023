import Foundation

/// The rules every piece of free text entering the desk must pass: no control characters or
/// bidirectional overrides (they could rewrite a dispatcher's terminal), and a length limit.
public enum TextRules {
    /// True for characters that must never be stored or drawn as they are: C0 and C1 controls,
    /// DEL, and the bidirectional embedding, override and isolate controls.
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: return true
        default: return false
        }
    }

    /// Trims surrounding white space and checks `value` for `field`. Returns nil for an empty,
    /// optional value.
    static func clean(_ value: String?, field: Field, label: String, required: Bool, maxLength: Int) throws(DeskError) -> String? {
        let trimmed = (value ?? "").trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty {
            if required { throw .invalid(field, "\(label) is required") }
            return nil
        }
        if let bad = trimmed.unicodeScalars.first(where: isUnsafe) {
            let code = String(bad.value, radix: 16, uppercase: true)
            let padded = String(repeating: "0", count: max(0, 4 - code.count)) + code
            throw .invalid(field, "\(label) contains a control character (U+\(padded)); type plain text on one line")
        }
        if trimmed.count > maxLength {
            throw .invalid(field, "\(label) is \(trimmed.count) characters long; the limit is \(maxLength)")
        }
        return trimmed
    }

    /// A short word such as a region or a skill: letters (Chinese included), digits, `-`, `_`.
    static func token(_ value: String, field: Field, label: String) throws(DeskError) -> String {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw .invalid(field, "\(label) is empty") }
        guard trimmed.count <= 32,
              trimmed.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == "-" || $0 == "_" })
        else {
            throw .invalid(field, "\(label) '\(Printable.quoted(trimmed))' must be one word of at most 32 letters, digits, '-' or '_'")
        }
        return trimmed.lowercased()
    }
}
