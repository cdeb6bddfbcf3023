/// A key as the console sees it.
public enum Key: Hashable, Sendable {
    case character(Character)
    case up, down, left, right, pageUp, pageDown, home, end
    case enter, escape, tab, backTab, backspace, delete
    case function(Int)
    case resize
    /// Text the terminal marked as pasted (bracketed paste), as one key: a field being typed
    /// takes it whole, as one line; every other view ignores it, so a paste is never keys.
    case paste(String)
}

/// What a binding asks for. Each view says what it means there (`up` moves the queue's
/// selection, scrolls the call in full, moves the picker's choice).
public enum Act: Hashable, Sendable {
    case up, down, pageUp, pageDown, top, bottom
    /// Sideways, in a panel of lines wider than the screen (a command's output).
    case leftward, rightward
    /// Enter on a list: the selected call in full. In a form or prompt: save.
    case open, back, quit, help, redraw
    case board, filter, clearFilter, sort, commandLine
    /// The queue shows the closed and cancelled calls the desk holds too, or not.
    case toggleClosed
    /// The customer of the call in view: their record and whole history.
    case customer
    // What a dispatcher records about the selected call.
    case newCall, assign, respond, depart, arrive, resolve, close, pause, resume, relevel, note, acknowledge, cancelCall
    /// The engineer assigned took the job (接单), as they told the dispatcher; or took an offer.
    case acceptJob
    /// The customer was called back after the fix (回访): a score, or a call that did not reach them.
    case followUp
    /// The report screen: open it; the next or previous period, or one by its number (0: today,
    /// ReportPeriod.allCases' order); what it groups by, the timer it shows; count again now.
    case report, nextPeriod, previousPeriod, period(Int), nextGrouping, previousGrouping, nextTimer, countAgain
    /// The warranty's scheduled visits due; a visit made to the selected unit.
    case visits, recordVisit
    // Inside panels.
    case nextField, previousField, save, dismiss, choose, yes, no, run, complete, earlier, later

    /// Whether it records something about the call in view (a key of `CommonKeys.callActions`).
    public var isCallAction: Bool {
        switch self {
        case .assign, .respond, .depart, .arrive, .resolve, .close, .pause, .resume, .relevel, .note, .acknowledge, .cancelCall, .acceptJob, .followUp: true
        default: false
        }
    }
}

/// One binding of a view's key table (k9s's action table): the keys, what they ask for, the
/// words for the footer and help, whether it changes the desk (refused on a read-only console,
/// left out of its hints) and whether it asks first (it says what it will record, Enter or y
/// records it, Esc or n does not).
public struct KeyBinding: Sendable {
    public var keys: [Key]
    /// How the keys are written in the footer and help, e.g. "↑↓/jk"; empty for the second of a
    /// pair that shares a line.
    public var label: String
    public var act: Act
    public var help: ConsoleText
    public var changesDesk: Bool
    public var asksFirst: Bool
    /// Shown in the footer (every binding is in help).
    public var inFooter: Bool
    /// Kept in the footer even on a narrow screen.
    public var essential: Bool
    /// When the footer is short of room, hints with a lower rank go first.
    public var footerRank: Int

    public init(_ keys: [Key], _ label: String, _ act: Act, _ help: ConsoleText, changesDesk: Bool = false, asksFirst: Bool = false,
                footer: Bool = false, essential: Bool = false, rank: Int = 5) {
        self.keys = keys
        self.label = label
        self.act = act
        self.help = help
        self.changesDesk = changesDesk
        self.asksFirst = asksFirst
        inFooter = footer || essential
        self.essential = essential
        footerRank = rank
    }
}

/// A view's bindings: the single source for what a key does, the footer's hints, the help
/// panel and the refusals of a read-only console.
public struct KeyTable: Sendable {
    public var bindings: [KeyBinding]

    public init(_ bindings: [KeyBinding]) { self.bindings = bindings }

    public func binding(for key: Key) -> KeyBinding? { bindings.first { $0.keys.contains(key) } }

    /// The footer's hints, most useful first within the room (`readOnly` leaves out what would
    /// be refused there).
    public func hints(readOnly: Bool) -> [KeyBinding] {
        bindings.filter { $0.inFooter && !$0.label.isEmpty && !(readOnly && $0.changesDesk) }
    }

    /// Every binding once, for help (paired keys share a line).
    public func helpLines(readOnly: Bool) -> [KeyBinding] {
        bindings.filter { !$0.label.isEmpty && !(readOnly && $0.changesDesk) }
    }

    public static func + (a: KeyTable, b: KeyTable) -> KeyTable { KeyTable(a.bindings + b.bindings) }
}

/// The bindings several views share.
public enum CommonKeys {
    /// The moving keys, with one meaning wherever a view moves through a list or scrolls a
    /// text (Act.step): ↑↓ jk, a page, the top and the bottom. `word` says what ↑↓ do there.
    static func movingKeys(_ word: ConsoleText) -> KeyTable {
        KeyTable([
            KeyBinding([.up, .character("k")], "↑↓/jk", .up, word),
            KeyBinding([.down, .character("j")], "", .down, word),
            KeyBinding([.pageUp], "PgUp/PgDn", .pageUp, .keyPage),
            KeyBinding([.pageDown, .character(" ")], "", .pageDown, .keyPage),
            KeyBinding([.home, .character("g")], "g/G", .top, .keyTopBottom),
            KeyBinding([.end, .character("G")], "", .bottom, .keyTopBottom),
        ])
    }

    /// The queue's: they select a call.
    public static let selectingCalls = movingKeys(.keySelect)
    /// The board's: they select a line about a call.
    public static let selectingLines = movingKeys(.keySelectLine)
    /// The call in full, help and a command's output: they scroll.
    public static let scrolling = movingKeys(.keyScroll)

    /// What a dispatcher records about a call, wherever the call is shown.
    public static let callActions = KeyTable([
        KeyBinding([.character("a")], "a", .assign, .keyAssign, changesDesk: true, footer: true, rank: 8),
        // The engineer took the job, say on the phone ("T03 says he takes it"): it stops the
        // acceptance timer, so it asks first. Offered only where the call waits for it.
        KeyBinding([.character("t")], "t", .acceptJob, .keyAcceptJob, changesDesk: true, asksFirst: true, footer: true, rank: 7),
        KeyBinding([.character("r")], "r", .respond, .keyRespond, changesDesk: true, asksFirst: true, footer: true, rank: 3),
        // Setting off and arriving stop promises (and end a pause): there is no taking them back.
        KeyBinding([.character("d")], "d", .depart, .keyDepart, changesDesk: true, asksFirst: true, footer: true, rank: 2),
        KeyBinding([.character("o")], "o", .arrive, .keyArrive, changesDesk: true, asksFirst: true, footer: true, rank: 2),
        KeyBinding([.character("f")], "f", .resolve, .keyResolve, changesDesk: true, asksFirst: true, footer: true, rank: 4),
        KeyBinding([.character("c")], "c", .close, .keyClose, changesDesk: true, asksFirst: true, footer: true, rank: 4),
        // The follow-up call (回访): a score, or u for a call that did not reach the customer.
        // Offered only on a fixed call that waits for it.
        KeyBinding([.character("S")], "S", .followUp, .keyFollowUp, changesDesk: true, footer: true, rank: 5),
        KeyBinding([.character("p")], "p", .pause, .keyPause, changesDesk: true),
        KeyBinding([.character("u")], "u", .resume, .keyResume, changesDesk: true),
        KeyBinding([.character("L")], "L", .relevel, .keyRelevel, changesDesk: true, asksFirst: true),
        KeyBinding([.character("m")], "m", .note, .keyNote, changesDesk: true),
        KeyBinding([.character("A")], "A", .acknowledge, .keyAcknowledge, changesDesk: true, asksFirst: true),
        KeyBinding([.character("X")], "X", .cancelCall, .keyCancelCall, changesDesk: true, asksFirst: true),
    ])

    public static let always = KeyTable([
        KeyBinding([.character(":")], ":", .commandLine, .keyCommand, changesDesk: true),
        KeyBinding([.character("?")], "?", .help, .keyHelp, essential: true),
        KeyBinding([.character("\u{0C}")], "^L", .redraw, .keyRedraw),
    ])
}
