import CallboardCore
import Foundation

/// How the queue is ordered; `s` cycles through them.
public enum QueueSort: String, CaseIterable, Sendable {
    case urgency, newest, oldest, level

    public var next: QueueSort {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }

    /// Its name on screen ("sorted by newest").
    var words: ReportText {
        switch self {
        case .urgency: .sortUrgency
        case .newest: .sortNewest
        case .oldest: .sortOldest
        case .level: .sortLevel
        }
    }
}

/// The page a dispatcher lives on: the call queue, most urgent first (or as sorted and
/// filtered), the selected call on one line, and the roster.
public struct QueueView: ConsoleView {
    /// The selected call, kept by ID so the selection stays on it when the queue reorders.
    public var selected: CallID?
    /// Index of the first call row shown.
    public var scroll = 0
    public var filter = QueueFilter()
    public var sort: QueueSort = .urgency
    /// Closed and cancelled calls the desk still holds are listed after the open ones (`C`);
    /// a filter asking for them (`state:closed`) lists them too.
    public var showClosed = false
    /// The queue as shown, worked out when the desk, the clock, the filter or the order change.
    public private(set) var order: [CallID] = []
    var rows = 1
    /// What `order` was worked out from: the agenda's generation (no call came, went or changed
    /// since), the filter and the sort.
    private var orderedFrom: (agenda: UInt64, generation: Int, filter: QueueFilter, sort: QueueSort, closed: Bool)?

    public init() {}

    public static func == (a: QueueView, b: QueueView) -> Bool {
        a.selected == b.selected && a.scroll == b.scroll && a.filter == b.filter && a.sort == b.sort && a.showClosed == b.showClosed && a.order == b.order
    }

    public var isPanel: Bool { false }
    public var callInView: CallID? { selected }

    public static let table = CommonKeys.selectingCalls + KeyTable([
        KeyBinding([.enter], "Enter", .open, .keyDetail),
        KeyBinding([.character("n")], "n", .newCall, .keyNew, changesDesk: true, footer: true, rank: 9),
    ]) + CommonKeys.callActions + KeyTable([
        KeyBinding([.character("/")], "/", .filter, .keyFilter, footer: true, rank: 7),
        KeyBinding([.escape], "Esc", .clearFilter, .keyClearFilter),
        KeyBinding([.character("s")], "s", .sort, .keySort),
        KeyBinding([.character("C")], "C", .toggleClosed, .keyShowClosed, footer: true, rank: 1),
        KeyBinding([.character("K")], "K", .customer, .keyCustomer, footer: true, rank: 1),
        KeyBinding([.character("b")], "b", .board, .keyBoard, footer: true, rank: 10),
        KeyBinding([.character("R")], "R", .report, .keyReport, footer: true, rank: 2),
        KeyBinding([.character("V")], "V", .visits, .keyVisits, footer: true, rank: 1),
    ]) + CommonKeys.always + KeyTable([
        KeyBinding([.character("q")], "q", .quit, .keyQuit, essential: true),
    ])

    public func keys(_ state: ConsoleState) -> KeyTable { Self.table }

    public func title(_ state: ConsoleState, _ env: ConsoleEnvironment) -> String { "" }

    public static func handle(_ binding: KeyBinding, _ state: inout ConsoleState, _ env: ConsoleEnvironment) -> [ConsoleEffect] {
        if let step = binding.act.step(page: max(1, state.layout.queueRows - 1), count: state.queue.order.count) {
            state.queue.move(by: step)
            state.queue.keepInView(rows: state.layout.queueRows)
            return []
        }
        switch binding.act {
        case .open:
            guard let id = state.queue.selected else {
                state.say(env.strings[.noCallSelected], error: true)
                return []
            }
            state.open(.call(CallView(call: id)))
        case .newCall:
            let form = FormView()
            if DeskActions.permitted(.intake(form.form.draft), &state, env) { state.open(.form(form)) }
        case .filter: state.open(.line(LineInput(.filter, text: state.queue.filter.text)))
        case .clearFilter:
            state.queue.filter = QueueFilter()
            state.queue.refresh(desk: state.desk, now: state.now, rows: state.layout.queueRows, env)
        case .toggleClosed:
            state.queue.showClosed.toggle()
            state.queue.refresh(desk: state.desk, now: state.now, rows: state.layout.queueRows, env)
        case .sort:
            state.queue.sort = state.queue.sort.next
            state.queue.refresh(desk: state.desk, now: state.now, rows: state.layout.queueRows, env)
        case .customer: CustomerView.open(for: state.queue.selected, &state, env)
        case .board:
            state.page = .board
            state.board.refresh(state, env)
        case .report: return ReportView.open(&state, env)
        case .visits: state.open(.visits(VisitsView()))
        case .commandLine: state.open(.line(LineInput(.command)))
        case .help: state.open(.help(HelpView(of: .queue)))
        case .redraw: return [.repaint]
        case .quit: return [.quit(nil)]
        default: return DeskActions.perform(binding, on: state.queue.selected, &state, env)
        }
        state.queue.keepInView(rows: state.layout.queueRows)
        return []
    }

    /// The queue as the dispatcher asked to see it (only calls matching the filter, in the chosen
    /// order), with the selection kept on its call and in view. If the selected call left the
    /// queue, the selection moves to the call now at its place.
    mutating func refresh(desk: DeskState, now: Date, rows: Int, _ env: ConsoleEnvironment) {
        let previous = order
        // A call's place in the queue follows its facts, not the clock (a running timer stays
        // running as it warns and breaches: see Urgency), so the order is kept while no call
        // changed — unless a filter asks about timers' states, which the clock does move.
        let generation = env.agenda.advance(desk, to: now, timekeeper: env.timekeeper)
        let kept = orderedFrom.map { $0.agenda == env.agenda.identity && $0.generation == generation && $0.filter == filter && $0.sort == sort && $0.closed == showClosed }
        if kept != true || !filter.isEmpty {
            order = Self.order(desk, now: now, filter: filter, sort: sort, closed: showClosed, env)
            orderedFrom = (env.agenda.identity, generation, filter, sort, showClosed)
        }
        self.rows = rows
        if order.isEmpty {
            selected = nil
            scroll = 0
            return
        }
        if selected == nil || !order.contains(selected!) {
            let oldIndex = selected.flatMap { previous.firstIndex(of: $0) } ?? 0
            selected = order[min(oldIndex, order.count - 1)]
        }
        keepInView(rows: rows)
    }

    mutating func keepInView(rows: Int) {
        guard let selected, let index = order.firstIndex(of: selected) else { return }
        if index < scroll { scroll = index }
        if rows > 0, index >= scroll + rows { scroll = index - rows + 1 }
        scroll = max(0, min(scroll, max(0, order.count - rows)))
    }

    /// Moves the selection by `delta` rows, stopping at the ends.
    mutating func move(by delta: Int) {
        guard !order.isEmpty else { return }
        let index = selected.flatMap { order.firstIndex(of: $0) } ?? 0
        selected = order[max(0, min(order.count - 1, index + delta))]
    }

    /// The open calls matching `filter`, in the order asked for (most urgent first unless
    /// another was chosen); with `closed` (or a filter asking for `state:closed` or
    /// `state:cancelled`), the closed and cancelled calls the desk holds after them, newest first.
    public static func order(_ desk: DeskState, now: Date, filter: QueueFilter, sort: QueueSort, closed: Bool = false,
                             _ env: ConsoleEnvironment) -> [CallID] {
        var ids = env.agenda.openOrder(desk, at: now, timekeeper: env.timekeeper)
        if closed || filter.asksForClosed {
            var gone: [CallID] = []
            desk.calls.forEach { call in if call.closedAt != nil { gone.append(call.id) } }
            ids += gone.reversed()
        }
        if !filter.isEmpty {
            ids = ids.filter { id in
                guard let call = desk.calls[id] else { return false }
                return filter.matches(call, in: desk, timers: env.timekeeper.timers(for: call, in: desk, at: now),
                                      searchText: env.searchIndex.text(for: call, in: desk))
            }
        }
        switch sort {
        case .urgency: break
        case .newest: ids.sort { $0 > $1 }
        case .oldest: ids.sort()
        case .level:
            func rank(_ id: CallID) -> Int { desk.calls[id]?.intake.level?.rawValue ?? 9 }
            ids = ids.enumerated().sorted { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }.map(\.element)
        }
        return ids
    }

    public func draw(_ state: ConsoleState, _ env: ConsoleEnvironment, width: Int, height: Int) -> Drawing {
        let s = env.strings
        let layout = state.layout
        let desk = state.desk, now = state.now
        var lines: [Line] = []
        let wide = QueuePresenter.wantsWideTimers(width: width)
        // The timers the desk's policy lists, each a column.
        let timerColumns = TimerColumns(policy: env.policy ?? desk.currentPolicy, strings: s)
        let columns = QueuePresenter.columns(wideTimers: wide, timers: timerColumns, strings: s)
        let tableLayout = Table.layout(columns, total: width)
        lines.append(Table.header(columns, layout: tableLayout))
        var shown = 0
        for id in order.dropFirst(scroll).prefix(layout.queueRows) {
            guard let call = desk.calls[id] else { continue }
            let row = QueuePresenter.row(call, timers: env.timekeeper.timers(for: call, in: desk, at: now), timerColumns: timerColumns,
                                         wideTimers: wide, strings: s)
            lines.append(Table.line(row.cells, columns: columns, layout: tableLayout, highlighted: id == selected))
            shown += 1
        }
        if order.isEmpty, layout.queueRows > 0 {
            let message = !filter.isEmpty ? s[.nothingMatches, ["filter": filter.text]] : showClosed ? s[.nothingAtAll] : s[.noOpenCalls]
            lines.append(Line([Span(DisplayText.fit("  " + message, width), .muted)]))
        }
        while lines.count < 1 + layout.queueRows { lines.append(Line([])) }
        lines.append(SelectedCallLine.line(selected.flatMap { desk.calls[$0] }, state, env, width: width))

        let more = order.count - scroll - shown
        var position = order.isEmpty ? "" : " " + s[.callsRange, ["from": "\(scroll + 1)", "to": "\(scroll + shown)", "total": "\(order.count)"]]
        if more > 0 { position += ", " + s[.moreBelow, ["count": "\(more)"]] }
        if !filter.isEmpty { position += "  /" + filter.text }
        if sort != .urgency { position += "  " + s[.sortedBy, ["order": s(sort.words)]] }
        if showClosed { position += "  " + s[.closedShown] }
        let roster = RosterPresenter.rows(desk, now: now, zone: env.zone, strings: s,
                                          loads: env.agenda.technicianLoads(desk, at: now, timekeeper: env.timekeeper))
        let hidden = roster.count - min(roster.count, layout.rosterRows)
        let title = hidden > 0 ? s[.notShown, ["count": "\(roster.count)", "hidden": "\(hidden)"]] : s[.technicians, ["count": "\(roster.count)"]]
        lines.append(Panel.sectionTitle(title, right: position, width: width))
        let rosterColumns = RosterPresenter.columns(strings: s)
        let rosterLayout = Table.layout(rosterColumns, total: width)
        lines.append(Table.header(rosterColumns, layout: rosterLayout))
        for cells in roster.prefix(layout.rosterRows) {
            lines.append(Table.line(cells, columns: rosterColumns, layout: rosterLayout))
        }
        return Drawing(lines)
    }
}

/// The selected call in full on one line, so what is cut short in the queue (the customer, the
/// fault, the number to call back) can be read.
enum SelectedCallLine {
    static func line(_ call: ServiceCall?, _ state: ConsoleState, _ env: ConsoleEnvironment, width: Int) -> Line {
        guard let call else { return Line([]) }
        let s = env.strings, desk = state.desk
        var text = "▸ \(call.id)  \(call.intake.customer)  \(call.intake.phone)"
        let timers = env.timekeeper.timers(for: call, in: desk, at: state.now)
        if let tech = call.technician {
            text += "  \(tech) " + (desk.technicians[tech]?.name ?? "")
            // Waiting for the engineer to take the job (K records it when they say so).
            if JobAcceptance.waiting(call, timers: timers) { text += " (" + s(.notAccepted) + ")" }
        } else if let offer = call.dispatchRequest {
            // Automatic dispatch asked an on-call engineer, who has until then to accept.
            text += "  " + s[.offeredToUntil, ["tech": "\(offer.technician) " + (desk.technicians[offer.technician]?.name ?? ""),
                                              "until": String(TimeText.clock(offer.until, in: env.zone).prefix(5))]]
        }
        var spans = [Span(text + "  ", .title)]
        let consequences = Consequences.of(call, in: desk)
        let policy = Timekeeper.policy(for: call, in: desk)
        for owed in Owed.list(timers: timers, consequences: consequences) {
            spans.append(Span("✗ " + OwedText.short(owed, strings: s, policy: policy) + "  ", .alert))
        }
        if consequences.inWarranty == false { spans.append(Span(s[.outOfWarranty] + "  ", .warning)) }
        if !call.pendingEscalations.isEmpty { spans.append(Span("⚠ " + s[.escalated] + "  ", .alert)) }
        if let pause = call.pauses.last, pause.end == nil { spans.append(Span("‖ " + s[.pausedBecause, ["reason": pause.reason]] + "  ", .muted)) }
        spans.append(Span(call.intake.summary))
        return Panel.clip(spans, width: width)
    }
}
