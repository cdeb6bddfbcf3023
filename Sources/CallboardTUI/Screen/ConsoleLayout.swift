import CallboardCore

/// Where each part of the console goes on a screen of a given size.
public struct ConsoleLayout: Equatable, Sendable {
    public static let minimumWidth = 60
    public static let minimumHeight = 12

    public var width: Int
    public var height: Int
    /// Lines between the header and the footer.
    public var bodyRows: Int
    /// Lines for call rows (below the queue's column header).
    public var queueRows: Int
    /// Lines for technician rows (below the roster's title and column header).
    public var rosterRows: Int

    public var tooSmall: Bool { width < Self.minimumWidth || height < Self.minimumHeight }

    public init(width: Int, height: Int, technicians: Int) {
        self.width = width
        self.height = height
        // Header and footer take a line each; the queue has a column header and a line for
        // the selected call; the roster a title and a column header. The roster gets what it
        // needs up to two fifths.
        let body = max(0, height - 2)
        bodyRows = body
        let roster = min(2 + technicians, max(5, body * 2 / 5))
        rosterRows = max(0, roster - 2)
        queueRows = max(0, body - roster - 2)
    }
}
