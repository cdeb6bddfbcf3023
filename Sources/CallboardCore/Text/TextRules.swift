import Foundation

/// The rules every piece of free text entering the desk must pass: no control characters or
/// bidirectional overrides (they could rewrite a dispatcher's terminal), and a length limit.
public enum TextRules {
    /// True for characters that must never be stored or drawn as they are: C0 and C1 controls
    /// and DEL (escape sequences), line and paragraph separators, and invisible format
    /// characters (bidirectional overrides, zero-width joiners and spaces, tags), which can
    /// rewrite or disguise what a dispatcher reads and which terminals place differently.
    /// JSON made safe for a terminal: characters that could act on one (C1 controls,
    /// bidirectional overrides, …; JSONEncoder escapes only those below U+0020) become `\uXXXX`
    /// escapes, which is valid JSON since they can only occur inside strings.
    public static func escapingUnsafe(json text: String) -> String {
        // Below U+0080 the encoder has escaped what is inside strings; the rest is layout.
        func needsEscape(_ scalar: Unicode.Scalar) -> Bool { scalar.value >= 0x7F && isUnsafe(scalar) }
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if needsEscape(scalar) {
                for unit in String(scalar).utf16 { out += String(format: "\\u%04x", unit) }
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Full-width ASCII forms (U+FF01–FF5E) and the ideographic space as their ASCII selves: a
    /// Chinese input method in full-width mode types `１` for 1, and a number typed so (a level,
    /// a call, a time, a phone number) is read as the number it is. Only for typed words the desk
    /// reads as numbers or names; free text (a summary, a note) is stored as written.
    public static func halfWidth(_ text: String) -> String {
        guard !text.utf8.allSatisfy({ $0 < 0x80 }) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0xFF01...0xFF5E: out.append(Unicode.Scalar(scalar.value - 0xFEE0)!)
            case 0x3000: out.append(" ")
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        default:
            switch scalar.properties.generalCategory {
            case .format, .lineSeparator, .paragraphSeparator: return true
            default: return false
            }
        }
    }

    /// Trims surrounding white space and checks `value` for `field` (named in a refusal by its
    /// label). Returns nil for an empty, optional value.
    static func clean(_ value: String?, field: Field, required: Bool, maxLength: Int) throws(DeskError) -> String? {
        let trimmed = (value ?? "").trimmingCharacters(in: .whitespaces)
        let label = Message.Argument.message(field.label)
        if trimmed.isEmpty {
            if required { throw .invalid(field, DeskText.required(["field": label])) }
            return nil
        }
        // U+FFFD is what bytes that are not UTF-8 become: the terminal is not sending UTF-8.
        if trimmed.unicodeScalars.contains("\u{FFFD}") {
            throw .invalid(field, DeskText.notUTF8(["field": label]))
        }
        if let bad = trimmed.unicodeScalars.first(where: isUnsafe) {
            let code = String(bad.value, radix: 16, uppercase: true)
            let padded = String(repeating: "0", count: max(0, 4 - code.count)) + code
            throw .invalid(field, DeskText.unsafeCharacter(["field": label, "code": .text(padded)]))
        }
        if trimmed.count > maxLength {
            throw .invalid(field, DeskText.tooLong(["field": label, "count": "\(trimmed.count)", "limit": "\(maxLength)"]))
        }
        return trimmed
    }

    /// A short word such as a region or a skill: letters (Chinese included), digits, `-`, `_`.
    /// `label` names it when not the field's own label (one skill of `skills`).
    static func token(_ value: String, field: Field, label: Message? = nil) throws(DeskError) -> String {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        let label = Message.Argument.message(label ?? field.label)
        guard !trimmed.isEmpty else { throw .invalid(field, DeskText.emptyWord(["field": label])) }
        guard isToken(trimmed) else {
            throw .invalid(field, DeskText.notOneWord(["field": label, "text": .text(Printable.quoted(trimmed))]))
        }
        return trimmed.lowercased()
    }

    /// The longest such word.
    static let tokenLimit = 32

    /// Whether `text` is such a word: at most 32 letters, digits, `-` and `_`.
    static func isToken(_ text: String) -> Bool {
        text.count <= tokenLimit && text.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == "-" || $0 == "_" }
    }

    /// An optional token: nil when absent or blank.
    static func optionalToken(_ value: String?, field: Field) throws(DeskError) -> String? {
        guard let value, !value.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        return try token(value, field: field)
    }

    /// Names every missing required field at once, so a form or a command line is fixed in one go.
    static func requireAll(_ fields: [(String?, Field)]) throws(DeskError) {
        let missing = fields.filter { ($0.0 ?? "").trimmingCharacters(in: .whitespaces).isEmpty }.map(\.1)
        guard missing.count > 1 else { return } // one missing field gets its own, more specific message
        throw DeskError(.invalidInput, field: nil, DeskText.allRequired(["fields": DeskText.all(missing.map { .message($0.label) })]))
    }
}
