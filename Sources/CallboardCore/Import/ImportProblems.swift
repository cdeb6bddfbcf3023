/// A bad row of a spreadsheet being imported: its line, the column the problem is in (nil: the
/// row as a whole) and what is wrong. Every import names its problems so, one line each.
public struct ImportRowProblem: Equatable, Sendable {
    public var line: Int
    public var column: String?
    public var text: Message

    public init(line: Int, column: String?, text: Message) {
        self.line = line
        self.column = column
        self.text = text
    }
}

/// Every bad row of a file: nothing of it is imported.
public struct ImportProblems: Error, Equatable, Sendable {
    public var rows: [ImportRowProblem]

    /// How many rows are bad (a row may have several problems).
    public var badRows: Int { Set(rows.map(\.line)).count }
}
