import CallboardCore
import Foundation

/// One call as a row of the queue: what a dispatcher scans for.
public struct QueueRow: Sendable, Equatable {
    public var id: CallID
    public var cells: [Cell]
}

/// The call queue, most urgent first, as rows of cells; shared by the console and `list`.
public enum QueuePresenter {
    /// The columns, with one per timer of `timers` (the desk's current policy's) between the
    /// technician and the summary; titled in `strings`' language (the timers' titles come with
    /// `timers`).
    public static func columns(wideTimers: Bool, timers: TimerColumns = .builtIn, strings s: UIStrings = .english) -> [Column] {
        let timerWidth = wideTimers ? TimerCell.wideWidth : TimerCell.narrowWidth
        // The first two promises stay as long as the call's ID; the later ones (restore, whose
        // breach owes a substitute) outlast the region.
        let timerColumns = timers.titles.enumerated().map { place, title in
            Column(title, width: timerWidth, alignRight: !wideTimers, dropPriority: place < 2 ? 0 : 3)
        }
        return [
            Column(s(.columnCall), width: 6),
            Column(s(.columnLevel), width: 2),
            Column(s(.columnCustomer), width: 12, flex: 3),
            Column(s(.columnRegion), width: 8, dropPriority: 2),
            // Wide enough for "not accepted" where the policy asks engineers to accept.
            Column(s(.columnStatus), width: timers.timeAcceptance ? max(9, DisplayText.width(s(.notAccepted))) : 9),
            Column(s(.columnTech), width: 4, dropPriority: 4),
        ] + timerColumns + [
            Column(s(.columnSummary), width: 16, flex: 4, dropPriority: 1),
        ]
    }

    /// Wide timer cells (with the state's word) once the screen has room for them.
    public static func wantsWideTimers(width: Int) -> Bool { width >= 150 }

    /// `timerColumns`: the desk's current policy's timers unless given.
    public static func rows(_ calls: [ServiceCall], in state: DeskState, timekeeper: Timekeeper, now: Date, wideTimers: Bool = false,
                            timerColumns: TimerColumns? = nil, strings: UIStrings = .english) -> [QueueRow] {
        let columns = timerColumns ?? TimerColumns(policy: state.currentPolicy, strings: strings)
        return Urgency.sorted(calls, in: state, timekeeper: timekeeper, at: now).map {
            row($0, timers: timekeeper.timers(for: $0, in: state, at: now), timerColumns: columns, wideTimers: wideTimers, strings: strings)
        }
    }

    /// One call's row: a cell per timer of `timerColumns` ("-" where the call has no such
    /// timer: its policy makes no such promise, or it has not started). The words the row is made
    /// of (its status, its timers' states) are in `strings`' language; what people wrote (the
    /// customer, the summary) is never touched.
    public static func row(_ call: ServiceCall, timers: [TimerReading], timerColumns: TimerColumns = .builtIn, wideTimers: Bool = false,
                           strings s: UIStrings = .english) -> QueueRow {
        let muted = !call.isActive
        let statusRole: Role = muted ? .muted : (call.status == .new ? .title : .plain)
        // Offered by automatic dispatch: the engineer asked, until they accept or it lapses.
        let offer = call.technician == nil ? call.dispatchRequest : nil
        var cells = [
            Cell(call.id.description, muted ? .muted : .plain),
            Cell(call.intake.level.map { "L\($0.rawValue)" } ?? notSet, muted ? .muted : (call.intake.level.map { $0 <= .two } ?? false ? .title : .plain)),
            Cell(call.intake.customer, muted ? .muted : .plain),
            Cell(call.intake.region ?? "", .muted),
            // An assignment its engineer has not accepted yet (a policy asking for acceptance).
            Cell(s(call.isPaused ? .paused : offer != nil ? .offered : JobAcceptance.waiting(call, timers: timers) ? .notAccepted : .status(call.status)),
                 call.isPaused ? .muted : statusRole),
            Cell(call.technician?.rawValue ?? offer?.technician.rawValue ?? notSet, call.technician == nil ? .muted : .plain),
        ]
        for name in timerColumns.names { cells.append(TimerCell.cell(timers.first { $0.name == name }, wide: wideTimers, strings: s)) }
        cells.append(Cell(call.intake.summary, .muted))
        return QueueRow(id: call.id, cells: cells)
    }

    /// What an empty cell shows: plain ASCII, so its width is the same in every terminal.
    public static let notSet = "-"
}
