import CallboardCore
import CallboardStore
import Foundation

/// Everything the console knows and shows: the desk as last read from the log (and where in the
/// log that is), the clock, the screen's size, the page and the views opened over it, and a line
/// for the dispatcher. A value: only `ConsoleReducer.reduce` changes it.
public struct ConsoleState {
    public var desk: DeskState
    public var position: LogPosition
    public var now: Date
    public var width = 0
    public var height = 0
    /// A wall display or a viewer: keys that would change the desk are refused.
    public var readOnly: Bool
    /// `--as-of`: the desk as it stood at this moment (read-only, the clock stopped there, a
    /// banner in the header); nil: the desk as it is now.
    public var asOf: Date?
    /// The page under everything else.
    public var page: Page
    public var queue = QueueView()
    public var board = BoardView()
    /// Views opened over the page, the last on top.
    public var stack: [Screen] = []
    /// A line for the dispatcher in the footer: the result of an action, an alert, a problem.
    public var notice: Notice?
    /// The latest escalation alert announced; a later one brings a banner and the bell.
    public var alertSeenAt = Date.distantPast
    /// Command lines run from `:` in this session, oldest first (↑ recalls them).
    public var commandHistory: [String] = []
    /// How many units' scheduled visits are overdue (the header says so), and the day that was
    /// counted on (nil: the desk changed since).
    public var visitsOverdue = 0
    var visitsCounted: LocalDate?

    public enum Page: Equatable, Sendable { case queue, board }

    public struct Notice: Equatable, Sendable {
        public var text: String
        public var isError: Bool
        /// When it goes; nil: until what it reports is over (the log reads again).
        public var until: Date?
    }

    public init(desk: DeskState, position: LogPosition, now: Date, readOnly: Bool = false, page: Page = .queue) {
        self.desk = desk
        self.position = position
        self.now = now
        self.readOnly = readOnly
        self.page = page
    }

    public var layout: ConsoleLayout { ConsoleLayout(width: width, height: height, technicians: desk.technicians.count) }

    /// The view keys go to: the last one opened, else the page.
    public var top: Screen { stack.last ?? (page == .queue ? .queue : .board) }

    /// Changes the top view if it is a `V`.
    public mutating func updateTop<V>(_ type: V.Type, _ change: (inout V) -> Void) {
        guard var screen = stack.popLast() else { return }
        screen.update(type, change)
        stack.append(screen)
    }

    public mutating func open(_ screen: Screen) { stack.append(screen) }

    /// Closes the top view (the page stays).
    public mutating func close() { _ = stack.popLast() }

    /// Closes every view over the page.
    public mutating func closeAll() { stack.removeAll() }

    public mutating func say(_ text: String, error: Bool, for seconds: TimeInterval? = nil) {
        notice = Notice(text: DisplayText.sanitized(text), isError: error, until: now.addingTimeInterval(seconds ?? (error ? 15 : 8)))
    }
}
