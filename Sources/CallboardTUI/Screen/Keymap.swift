/// A key as the console sees it.
public enum Key: Hashable, Sendable {
    case character(Character)
    case up, down, left, right, pageUp, pageDown, home, end
    case enter, escape, tab, backTab, backspace, delete
    case function(Int)
    case resize
}

/// What a key asks the console to do.
public enum ConsoleAction: Sendable, Equatable {
    case quit
    case moveUp, moveDown, pageUp, pageDown, first, last
    case redraw
}

/// One binding: the keys, the words for the footer and help, and the action. The table is the
/// single source for dispatch and for every place that names keys.
public struct KeyBinding: Sendable {
    public var keys: [Key]
    /// How the keys are written in the footer, e.g. "↑↓".
    public var keyLabel: String
    public var help: String
    public var action: ConsoleAction
    /// Shown in the footer (the rest only in help).
    public var inFooter: Bool
    /// Kept in the footer even on a narrow screen.
    public var essential = false
}

public enum Keymap {
    public static let console: [KeyBinding] = [
        KeyBinding(keys: [.up, .character("k")], keyLabel: "↑↓/jk", help: "select call", action: .moveUp, inFooter: true, essential: true),
        KeyBinding(keys: [.down, .character("j")], keyLabel: "", help: "", action: .moveDown, inFooter: false),
        KeyBinding(keys: [.pageUp], keyLabel: "PgUp/PgDn", help: "page", action: .pageUp, inFooter: true),
        KeyBinding(keys: [.pageDown], keyLabel: "", help: "", action: .pageDown, inFooter: false),
        KeyBinding(keys: [.home, .character("g")], keyLabel: "g/G", help: "top/bottom", action: .first, inFooter: true),
        KeyBinding(keys: [.end, .character("G")], keyLabel: "", help: "", action: .last, inFooter: false),
        KeyBinding(keys: [.character("\u{0C}")], keyLabel: "^L", help: "redraw", action: .redraw, inFooter: false),
        KeyBinding(keys: [.character("q")], keyLabel: "q", help: "quit", action: .quit, inFooter: true, essential: true),
    ]

    public static func action(for key: Key, in bindings: [KeyBinding] = console) -> ConsoleAction? {
        bindings.first { $0.keys.contains(key) }?.action
    }

    /// The footer's key hints, generated from the table; `essentialOnly` for narrow screens.
    public static func footer(_ bindings: [KeyBinding] = console, essentialOnly: Bool = false) -> [(key: String, help: String)] {
        bindings.filter { $0.inFooter && (!essentialOnly || $0.essential) }.map { ($0.keyLabel, $0.help) }
    }
}
