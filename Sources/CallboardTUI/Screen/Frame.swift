/// What a piece of text means on screen; the terminal maps each role to colours and
/// attributes (and to attributes alone without colour), so views never pick colours.
public enum Role: Sendable, Equatable {
    case plain
    case title
    case columnHeader
    case muted
    /// A promise kept.
    case ok
    /// A promise close to its deadline.
    case warning
    /// A promise broken.
    case alert
    case key
}

/// A run of text in one role. Text is already sanitised and fitted.
public struct Span: Sendable, Equatable {
    public var text: String
    public var role: Role

    public init(_ text: String, _ role: Role = .plain) {
        self.text = text
        self.role = role
    }
}

/// One screen line; a highlighted line is drawn in reverse video across the full width.
public struct Line: Sendable, Equatable {
    public var spans: [Span]
    public var highlighted: Bool

    public init(_ spans: [Span], highlighted: Bool = false) {
        self.spans = spans
        self.highlighted = highlighted
    }

    public var text: String { spans.map(\.text).joined() }
}

/// A whole screen, top to bottom: built by pure views, drawn by the terminal in one pass.
public struct Frame: Sendable, Equatable {
    public var width: Int
    public var height: Int
    public var lines: [Line]
    /// Where the text cursor shows (while typing in a field); hidden when nil.
    public var cursor: (x: Int, y: Int)?

    public init(width: Int, height: Int, lines: [Line], cursor: (x: Int, y: Int)? = nil) {
        self.width = width
        self.height = height
        self.lines = lines
        self.cursor = cursor
    }

    public static func == (a: Frame, b: Frame) -> Bool {
        a.width == b.width && a.height == b.height && a.lines == b.lines && a.cursor?.x == b.cursor?.x && a.cursor?.y == b.cursor?.y
    }

    /// The frame as plain text, as `tmux capture-pane` would show it (for tests).
    public var text: String { lines.map(\.text).joined(separator: "\n") }
}
