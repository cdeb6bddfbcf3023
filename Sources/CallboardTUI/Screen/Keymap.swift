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
    case help, toggleDetail, filter, clearFilter, sort, commandLine, board
    case newCall, assign, respond, depart, arrive, resolve, close, pause, resume, relevel, note
}

/// One binding: the keys, the words for the footer and help, and the action. The table is the
/// single source for dispatch and for every place that names keys.
public struct KeyBinding: Sendable {
    public var keys: [Key]
    /// How the keys are written in the footer and help, e.g. "↑↓/jk".
    public var keyLabel: String
    public var help: Msg
    public var action: ConsoleAction
    /// Shown in the footer (every binding is in the help overlay).
    public var inFooter: Bool
    /// Kept in the footer even on a narrow screen.
    public var essential = false
    /// When the footer is short of room, bindings with a lower value go first.
    public var footerRank = 5
}

public enum Keymap {
    public static let console: [KeyBinding] = [
        KeyBinding(keys: [.up, .character("k")], keyLabel: "↑↓/jk", help: .keySelect, action: .moveUp, inFooter: false),
        KeyBinding(keys: [.down, .character("j")], keyLabel: "", help: .keySelect, action: .moveDown, inFooter: false),
        KeyBinding(keys: [.pageUp], keyLabel: "PgUp/PgDn", help: .keyPage, action: .pageUp, inFooter: false),
        KeyBinding(keys: [.pageDown], keyLabel: "", help: .keyPage, action: .pageDown, inFooter: false),
        KeyBinding(keys: [.home, .character("g")], keyLabel: "g/G", help: .keyTopBottom, action: .first, inFooter: false),
        KeyBinding(keys: [.end, .character("G")], keyLabel: "", help: .keyTopBottom, action: .last, inFooter: false),
        KeyBinding(keys: [.enter], keyLabel: "Enter", help: .keyDetail, action: .toggleDetail, inFooter: false),
        KeyBinding(keys: [.character("n")], keyLabel: "n", help: .keyNew, action: .newCall, inFooter: true, footerRank: 9),
        KeyBinding(keys: [.character("a")], keyLabel: "a", help: .keyAssign, action: .assign, inFooter: true, footerRank: 8),
        KeyBinding(keys: [.character("r")], keyLabel: "r", help: .keyRespond, action: .respond, inFooter: true, footerRank: 3),
        KeyBinding(keys: [.character("d")], keyLabel: "d", help: .keyDepart, action: .depart, inFooter: true, footerRank: 2),
        KeyBinding(keys: [.character("o")], keyLabel: "o", help: .keyArrive, action: .arrive, inFooter: true, footerRank: 2),
        KeyBinding(keys: [.character("f")], keyLabel: "f", help: .keyResolve, action: .resolve, inFooter: true, footerRank: 4),
        KeyBinding(keys: [.character("c")], keyLabel: "c", help: .keyClose, action: .close, inFooter: true, footerRank: 4),
        KeyBinding(keys: [.character("p")], keyLabel: "p", help: .keyPause, action: .pause, inFooter: false),
        KeyBinding(keys: [.character("u")], keyLabel: "u", help: .keyResume, action: .resume, inFooter: false),
        KeyBinding(keys: [.character("L")], keyLabel: "L", help: .keyRelevel, action: .relevel, inFooter: false),
        KeyBinding(keys: [.character("m")], keyLabel: "m", help: .keyNote, action: .note, inFooter: false),
        KeyBinding(keys: [.character("/")], keyLabel: "/", help: .keyFilter, action: .filter, inFooter: true, footerRank: 7),
        KeyBinding(keys: [.escape], keyLabel: "Esc", help: .keyClearFilter, action: .clearFilter, inFooter: false),
        KeyBinding(keys: [.character("s")], keyLabel: "s", help: .keySort, action: .sort, inFooter: false),
        KeyBinding(keys: [.character(":")], keyLabel: ":", help: .keyCommand, action: .commandLine, inFooter: false),
        KeyBinding(keys: [.character("b")], keyLabel: "b", help: .keyBoard, action: .board, inFooter: true, footerRank: 6),
        KeyBinding(keys: [.character("?")], keyLabel: "?", help: .keyHelp, action: .help, inFooter: true, essential: true),
        KeyBinding(keys: [.character("\u{0C}")], keyLabel: "^L", help: .keyRedraw, action: .redraw, inFooter: false),
        KeyBinding(keys: [.character("q")], keyLabel: "q", help: .keyQuit, action: .quit, inFooter: true, essential: true),
    ]

    /// Keys inside the overlays, for their footers and the help overlay.
    public static let form: [(key: String, help: Msg)] = [("Tab/⇧Tab", .keyNextField), ("Enter", .keySave), ("Esc", .keyCancel)]
    public static let picker: [(key: String, help: Msg)] = [("↑↓", .keySelectEngineer), ("Enter", .keyChoose), ("Esc", .keyCancel)]
    public static let prompt: [(key: String, help: Msg)] = [("Enter", .keySave), ("Esc", .keyCancel)]
    public static let relevelPrompt: [(key: String, help: Msg)] = [("Tab", .keyNextField), ("Enter", .keySave), ("Esc", .keyCancel)]
    public static let confirm: [(key: String, help: Msg)] = [("y", .keyYes), ("n/Esc", .keyNo)]
    public static let line: [(key: String, help: Msg)] = [("Enter", .keyRun), ("Esc", .keyCancel)]

    public static func action(for key: Key, in bindings: [KeyBinding] = console) -> ConsoleAction? {
        bindings.first { $0.keys.contains(key) }?.action
    }

    /// The footer's key hints, generated from the table; `essentialOnly` for narrow screens.
    public static func footer(_ bindings: [KeyBinding] = console, essentialOnly: Bool = false) -> [(key: String, help: Msg)] {
        bindings.filter { $0.inFooter && (!essentialOnly || $0.essential) }.map { ($0.keyLabel, $0.help) }
    }

    /// The footer's hints that are not essential, least important first (dropped first).
    public static func footerDropOrder(_ bindings: [KeyBinding] = console) -> [String] {
        bindings.filter { $0.inFooter && !$0.essential }.sorted { $0.footerRank < $1.footerRank }.map(\.keyLabel)
    }

    /// Every binding once, for the help overlay (paired keys share a line).
    public static func helpLines(_ bindings: [KeyBinding] = console) -> [(key: String, help: Msg)] {
        bindings.filter { !$0.keyLabel.isEmpty }.map { ($0.keyLabel, $0.help) }
    }
}
