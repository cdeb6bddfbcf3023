/// What the moving keys mean wherever a view moves through a list or scrolls a text: how far
/// an act goes, and the window of lines a view shows with a line saying there is more.
extension Act {
    /// How many lines (or rows) this act moves by, for a view `page` lines tall over `count`
    /// lines; nil when it is not a moving act.
    func step(page: Int, count: Int) -> Int? {
        switch self {
        case .up: -1
        case .down: 1
        case .pageUp: -page
        case .pageDown: page
        case .top: -count
        case .bottom: count
        default: nil
        }
    }

    /// Whether it is one of the moving acts.
    var moves: Bool { step(page: 1, count: 1) != nil }
}

enum Scrolling {
    /// The lines a panel shows inside its frame over a body `bodyRows` tall: one answer for
    /// drawing the panel and for the keys that scroll it.
    static func panelRoom(bodyRows: Int) -> Int { max(1, max(3, bodyRows) - 2) }

    /// How far a page goes in a window of `room` lines whose last line may say there is more:
    /// the line that was under it shows next, so no line is skipped.
    static func page(room: Int) -> Int { max(1, room - 1) }

    /// The first line shown after moving `from` by `step`, kept within `total` lines of which
    /// `room` show.
    static func scrolled(_ from: Int, by step: Int, total: Int, room: Int) -> Int {
        max(0, min(from + step, max(0, total - room)))
    }

    /// The lines from `first` that fit in `room`; the last says how many more there are, when
    /// there are more, rather than cutting them off silently.
    static func window(_ lines: some RandomAccessCollection<Line>, first: Int, room: Int, strings: UIStrings) -> [Line] {
        let first = min(first, max(0, lines.count - room))
        var shown = Array(lines.dropFirst(first).prefix(room))
        if first + room < lines.count, !shown.isEmpty {
            shown[shown.count - 1] = Line([Span(strings[.moreBelowKeys, ["count": "\(lines.count - first - room + 1)"]], .muted)])
        }
        return shown
    }
}
