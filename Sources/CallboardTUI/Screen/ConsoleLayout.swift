import CallboardCore

/// Where each part of the console goes on a screen of a given size.
public struct ConsoleLayout: Equatable, Sendable {
    public static let minimumWidth = 60
    public static let minimumHeight = 12

    public var width: Int
    public var height: Int
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
        let roster = min(2 + technicians, max(5, body * 2 / 5))
        rosterRows = max(0, roster - 2)
        queueRows = max(0, body - roster - 2)
    }
}

/// What the console is looking at, apart from the desk itself: the selected call and scroll.
public struct ConsoleModel: Equatable, Sendable {
    /// The selected call, kept by ID so the selection stays on it when the queue reorders.
    public var selected: CallID?
    /// Index of the first call row shown.
    public var scroll = 0
    /// A line for the dispatcher (for example a journal problem); shown in the footer.
    public var notice: String?

    public init() {}

    /// Makes the selection valid for `order` and scrolls it into view. If the selected call
    /// left the queue, the selection moves to the call now at its old place.
    public mutating func reconcile(order: [CallID], visibleRows: Int, previousOrder: [CallID] = []) {
        guard !order.isEmpty else { selected = nil; scroll = 0; return }
        if selected == nil || !order.contains(selected!) {
            let oldIndex = selected.flatMap { previousOrder.firstIndex(of: $0) } ?? 0
            selected = order[min(oldIndex, order.count - 1)]
        }
        let index = order.firstIndex(of: selected!)!
        if index < scroll { scroll = index }
        if visibleRows > 0, index >= scroll + visibleRows { scroll = index - visibleRows + 1 }
        scroll = max(0, min(scroll, max(0, order.count - visibleRows)))
    }

    /// Moves the selection by `delta` rows within `order`, stopping at the ends.
    public mutating func move(by delta: Int, order: [CallID]) {
        guard !order.isEmpty else { return }
        let index = selected.flatMap { order.firstIndex(of: $0) } ?? 0
        selected = order[max(0, min(order.count - 1, index + delta))]
    }
}

