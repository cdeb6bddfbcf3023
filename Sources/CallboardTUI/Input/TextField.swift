/// One line of text being typed: Chinese from an input method arrives as composed characters,
/// so the cursor moves and deletes by character (grapheme), and the field is shown by display
/// width, scrolled sideways so the cursor is always visible and never on half a wide character.
public struct TextField: Equatable, Sendable {
    public private(set) var characters: [Character]
    /// Position of the cursor, 0...characters.count.
    public private(set) var cursor: Int

    public init(_ text: String = "") {
        characters = Array(text)
        cursor = characters.count
    }

    /// `text` with the cursor before its character number `cursor` (kept within the text).
    public init(_ text: String, cursor: Int) {
        characters = Array(text)
        self.cursor = max(0, min(cursor, characters.count))
    }

    public var text: String { String(characters) }
    public var isEmpty: Bool { characters.isEmpty }

    /// Applies an editing key; false if the key is not an editing key (the caller handles it).
    @discardableResult
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .character(let c) where c == "\u{15}": // Ctrl-U: clear
            characters.removeAll()
            cursor = 0
        case .character(let c) where c == "\u{01}": cursor = 0 // Ctrl-A
        case .character(let c) where c == "\u{05}": cursor = characters.count // Ctrl-E
        case .character(let c):
            // Control keys (Ctrl-X and the like) are not text.
            guard !c.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) else { return false }
            insert(c)
        case .backspace:
            guard cursor > 0 else { return true }
            characters.remove(at: cursor - 1)
            cursor -= 1
        case .delete:
            guard cursor < characters.count else { return true }
            characters.remove(at: cursor)
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(characters.count, cursor + 1)
        case .home: cursor = 0
        case .end: cursor = characters.count
        case .paste(let text): paste(text)
        default: return false
        }
        return true
    }

    /// Inserts a paste at the cursor as one line (see `oneLine`), at most `limit` characters
    /// in the field in all; false when some of it did not fit.
    @discardableResult
    public mutating func paste(_ text: String, limit: Int? = nil) -> Bool {
        let line = Self.oneLine(text)
        let room = limit.map { max(0, $0 - characters.count) } ?? line.count
        guard let first = line.first, room > 0 else { return line.isEmpty }
        // The first may join the character before the cursor (a combining mark); the rest are
        // whole characters already.
        insert(first)
        let rest = line.dropFirst().prefix(room - 1)
        characters.insert(contentsOf: rest, at: cursor)
        cursor += rest.count
        return line.count <= room
    }

    /// Pasted text as a field takes it: each run of line breaks and each tab a space (a field
    /// is one line), other control characters dropped, as typed ones are.
    static func oneLine(_ text: String) -> [Character] {
        var out: [Character] = []
        var afterBreak = false
        for c in text {
            if c.isNewline {
                if !afterBreak { out.append(" ") }
                afterBreak = true
                continue
            }
            afterBreak = false
            if c == "\t" {
                out.append(" ")
            } else if !c.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) {
                out.append(c)
            }
        }
        return out
    }

    /// Inserts a character at the cursor. A combining mark typed after a character joins it
    /// (Swift's characters are graphemes), so the cursor stays after the whole character.
    public mutating func insert(_ c: Character) {
        if cursor > 0, c.unicodeScalars.allSatisfy({ $0.properties.generalCategory == .nonspacingMark }) {
            let joined = String(characters[cursor - 1]) + String(c)
            if joined.count == 1 {
                characters[cursor - 1] = Character(joined)
                return
            }
        }
        characters.insert(c, at: cursor)
        cursor += 1
    }

    /// The part of the text that fits in `width` columns with the cursor visible, and the
    /// cursor's column within it. Text is sanitised for the screen.
    public func visible(width: Int) -> (text: String, cursorColumn: Int) {
        guard width > 1 else { return ("", 0) }
        let widths = characters.map { DisplayText.width(DisplayText.sanitized(String($0))) }
        // Start from the cursor and take characters leftwards while they fit (one column kept
        // for the cursor itself at the end of the text).
        var start = cursor
        var used = cursor < characters.count ? widths[cursor] : 1
        while start > 0, used + widths[start - 1] <= width {
            used += widths[start - 1]
            start -= 1
        }
        var text = ""
        var column = 0
        var cursorColumn = 0
        var index = start
        while index < characters.count {
            if index == cursor { cursorColumn = column }
            let w = widths[index]
            if column + w > width { break }
            text += DisplayText.sanitized(String(characters[index]))
            column += w
            index += 1
        }
        if cursor >= index { cursorColumn = column }
        return (text, min(cursorColumn, width - 1))
    }
}
