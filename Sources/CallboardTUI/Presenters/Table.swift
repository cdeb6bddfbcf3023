/// Columns laid out in display width, shared by the console's panes and the command line's
/// `list`, so both align Chinese text the same way.
public struct Column: Sendable {
    public var title: String
    /// Columns it always takes, and for flexible columns the least it may shrink to; never fewer
    /// than its title needs, in any language (技术员 heads a column of IDs as wide as TECH).
    public var width: Int
    /// Flexible columns share what is left after the fixed ones, by weight.
    public var flexWeight: Int
    public var alignRight: Bool
    /// Dropped first when the screen is too narrow (lower goes first); 0 is never dropped.
    public var dropPriority: Int

    public init(_ title: String, width: Int, flex: Int = 0, alignRight: Bool = false, dropPriority: Int = 0) {
        self.title = title
        self.width = max(width, DisplayText.width(title))
        self.flexWeight = flex
        self.alignRight = alignRight
        self.dropPriority = dropPriority
    }
}

/// A table cell's text and role.
public struct Cell: Sendable, Equatable {
    public var text: String
    public var role: Role

    public init(_ text: String, _ role: Role = .plain) {
        self.text = text
        self.role = role
    }
}

public enum Table {
    public static let gap = 1

    /// The columns that fit in `total` and each one's width: droppable columns go (lowest
    /// priority first) until the rest fit, then flexible columns share the remainder.
    public static func layout(_ columns: [Column], total: Int) -> [(index: Int, width: Int)] {
        var kept = Array(columns.indices)
        func needed(_ indices: [Int]) -> Int {
            indices.reduce(0) { $0 + columns[$1].width } + max(0, indices.count - 1) * gap
        }
        let dropOrder = columns.indices.filter { columns[$0].dropPriority > 0 }.sorted { columns[$0].dropPriority < columns[$1].dropPriority }
        for index in dropOrder where needed(kept) > total { kept.removeAll { $0 == index } }
        var widths = kept.map { columns[$0].width }
        let spare = max(0, total - needed(kept))
        let weights = kept.map { columns[$0].flexWeight }
        let weightSum = weights.reduce(0, +)
        if weightSum > 0, spare > 0 {
            var given = 0
            var lastFlex = 0
            for (i, weight) in weights.enumerated() where weight > 0 {
                let share = spare * weight / weightSum
                widths[i] += share
                given += share
                lastFlex = i
            }
            widths[lastFlex] += spare - given
        }
        return zip(kept, widths).map { ($0, $1) }
    }

    /// One line of cells fitted to the layout.
    public static func line(_ cells: [Cell], columns: [Column], layout: [(index: Int, width: Int)], highlighted: Bool = false) -> Line {
        var spans: [Span] = []
        for (n, slot) in layout.enumerated() {
            if n > 0 { spans.append(Span(String(repeating: " ", count: gap))) }
            let cell = slot.index < cells.count ? cells[slot.index] : Cell("")
            spans.append(Span(DisplayText.fit(cell.text, slot.width, alignRight: columns[slot.index].alignRight), cell.role))
        }
        return Line(spans, highlighted: highlighted)
    }

    public static func header(_ columns: [Column], layout: [(index: Int, width: Int)]) -> Line {
        line(columns.map { Cell($0.title, .columnHeader) }, columns: columns, layout: layout)
    }
}
