import CNcursesw
import CallboardCore

/// Text measured and cut in terminal columns, where a Chinese character takes two.
///
/// Widths come from the C library's `wcwidth` under a UTF-8 locale — the same table ncurses
/// uses to place characters — so what we measure is what the terminal draws.
public enum DisplayText {
    /// Prepares the process's locale for wide characters; call once at start.
    @discardableResult
    public static func adoptUTF8Locale() -> Bool { cb_adopt_utf8_locale() == 1 }

    /// Columns taken by one character (grapheme cluster): the sum over its scalars, because
    /// ncurses places every scalar by its own width. Sanitised text has no joiners or
    /// variation selectors, so an emoji sequence is drawn (and counted) as its parts.
    public static func width(_ character: Character) -> Int {
        var total = 0
        for scalar in character.unicodeScalars {
            if scalar.isASCII {
                total += scalar.value >= 0x20 && scalar.value != 0x7F ? 1 : 0
            } else {
                total += max(0, Int(cb_wcwidth(scalar.value)))
            }
        }
        return total
    }

    public static func width(_ text: String) -> Int {
        var total = 0
        for character in text { total += width(character) }
        return total
    }

    /// Makes outside text safe to draw: control characters (escape sequences included) become
    /// visible symbols, line breaks and tabs become spaces, bidirectional overrides and other
    /// format characters become U+FFFD; zero-width joiners and variation selectors are dropped,
    /// because terminals join or widen around them differently from how ncurses counts.
    /// Text from the journal or typed input never reaches the terminal raw.
    public static func sanitized(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { TextRules.isUnsafe($0) || isDropped($0) }) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where !isDropped(scalar) {
            switch scalar.value {
            case 0x09, 0x0A, 0x0D, 0x2028, 0x2029: out.append(" ")
            case 0x00...0x1F: out.append(Unicode.Scalar(0x2400 + scalar.value)!) // ␛ for ESC, …
            case 0x7F: out.append("\u{2421}")
            default: out.append(TextRules.isUnsafe(scalar) ? "\u{FFFD}" : scalar)
            }
        }
        return String(out)
    }

    /// Joiners and variation selectors: dropped rather than replaced, so an emoji sequence
    /// shows as its separate emoji.
    static func isDropped(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x200C, 0x200D, 0xFE00...0xFE0F, 0xE0100...0xE01EF: true
        default: false
        }
    }

    /// Exactly `columns` wide: sanitised, cut with an ellipsis at display width if too long
    /// (never half a wide character), padded with spaces if short.
    public static func fit(_ text: String, _ columns: Int, alignRight: Bool = false) -> String {
        guard columns > 0 else { return "" }
        let clean = sanitized(text)
        let width = width(clean)
        if width <= columns {
            let pad = String(repeating: " ", count: columns - width)
            return alignRight ? pad + clean : clean + pad
        }
        return truncate(clean, columns)
    }

    /// `text` (sanitised) without its first `columns` display columns: a wide character cut by
    /// the edge becomes a space, never half a character.
    public static func dropColumns(_ text: String, _ columns: Int) -> String {
        guard columns > 0 else { return text }
        var skipped = 0
        var rest = Substring(text)
        while skipped < columns, let first = rest.first {
            skipped += width(first)
            rest = rest.dropFirst()
        }
        return String(repeating: " ", count: max(0, skipped - columns)) + rest
    }

    /// Cuts `text` (already sanitised) to at most `columns` with a trailing ellipsis, padding
    /// with a space where a wide character would have been split.
    static func truncate(_ text: String, _ columns: Int) -> String {
        let room = columns - 1 // the ellipsis takes one column
        var out = ""
        var used = 0
        for character in text {
            let w = width(character)
            if used + w > room { break }
            out.append(character)
            used += w
        }
        return out + "…" + String(repeating: " ", count: room - used)
    }

    /// `text` (sanitised) in lines of at most `width` columns: broken after a space where there
    /// is one, anywhere between two characters where there is not (Chinese has no spaces).
    /// Lines after the first are indented by `indent` columns, under the text they continue.
    public static func wrap(_ text: String, width: Int, indent: Int = 0) -> [String] {
        let clean = sanitized(text)
        guard width > indent + 1, self.width(clean) > width else { return [clean] }
        var lines: [String] = []
        var line = "", used = 0
        var lastSpace: String.Index?
        let room = { lines.isEmpty ? width : width - indent }
        for character in clean {
            let w = self.width(character)
            if used + w > room() {
                if let space = lastSpace, space > line.startIndex {
                    let rest = String(line[line.index(after: space)...])
                    lines.append(String(line[..<space]))
                    line = rest
                } else {
                    lines.append(line)
                    line = ""
                }
                used = self.width(line)
                lastSpace = line.lastIndex(of: " ")
            }
            if character == " " { lastSpace = line.endIndex }
            line.append(character)
            used += w
        }
        if !line.isEmpty { lines.append(line) }
        let pad = String(repeating: " ", count: indent)
        return lines.enumerated().map { $0.offset == 0 ? $0.element : pad + $0.element }
    }
}
