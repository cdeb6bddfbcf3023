import CallboardCore

/// What the dispatcher is doing right now: looking at the queue, or in one of the overlays.
public indirect enum ConsoleMode: Equatable, Sendable {
    case queue
    case help
    case form(CallForm)
    case picker(AssignPicker)
    case prompt(ReasonPrompt)
    case confirm(Confirmation)
    /// Typing the queue's filter (applied as it is typed).
    case filter(TextField)
    /// Typing a command line (`:assign C-0007 T03`).
    case command(TextField)
}

/// What a key asks the world to do, beyond changing the model.
public indirect enum ConsoleEffect: Equatable, Sendable {
    case none
    case quit
    case redraw
    /// Record a command in the journal; on a refusal go to `onFailure` with the error shown.
    case perform(Command, onFailure: ConsoleMode)
    /// Run the command-line tool with these words (the `:` line).
    case commandLine([String])
}

/// How the queue is ordered; `s` cycles through them.
public enum QueueSort: String, CaseIterable, Sendable {
    case urgency, newest, oldest, level

    public var next: QueueSort {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }
}

/// What the console is looking at, apart from the desk itself: the selected call and scroll,
/// the overlay in use, the queue's filter and order, and a line for the dispatcher.
public struct ConsoleModel: Equatable, Sendable {
    /// The selected call, kept by ID so the selection stays on it when the queue reorders.
    public var selected: CallID?
    /// Index of the first call row shown.
    public var scroll = 0
    /// A line for the dispatcher (the result of an action, or a journal problem); in the footer.
    public var notice: String?
    /// Whether the notice reports a failure (shown as an alert) or a success.
    public var noticeIsError = true
    public var mode: ConsoleMode = .queue
    public var filter = QueueFilter()
    public var sort: QueueSort = .urgency
    /// The selected call's details in place of the roster (Enter toggles).
    public var showDetail = false
    /// The supervisor board in place of the queue (b toggles).
    public var showBoard = false

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

    public mutating func say(_ text: String, error: Bool) {
        notice = text
        noticeIsError = error
    }
}
