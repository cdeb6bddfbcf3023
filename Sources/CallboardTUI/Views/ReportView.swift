import CallboardCore
import Foundation

/// The report screen (`R`), over the whole body: what became of the calls received in a period,
/// as the `report` verb counts them — a table per group (received, resolved, one timer's
/// promises met of those decided, met %, p50 and p90 of the time taken, satisfaction) and a bar
/// of that timer's met % per day. The period, the grouping and the timer are on keys.
///
/// The figures come from the journal, not from the desk the console holds: the console has let
/// old closed calls retire from memory, and a report counts every call received in its days. So
/// opening the screen, changing the period or `R` reads the journal on a worker thread
/// (`ConsoleEffect.readReport`, `JournalReport.read`: the verb's own reading), keeping a small
/// entry per call; the grouping and the timer are counted again from those entries at once. The
/// figures are as they stood when they were read (the title says when); `R` reads again.
public struct ReportView: ConsoleView {
    public var period: ReportPeriod
    public var grouping: ReportGrouping
    /// The timer shown (nil: the policy's first).
    public var timer: TimerName?
    /// The first line shown under the title.
    public var scroll = 0
    /// What was last asked of the journal.
    public var asked: ReportRequest
    /// What the journal answered (for the request it answers, maybe not the latest asked).
    public var counted: Counted?
    /// Why the latest request could not be read.
    public var failure: String?

    /// The journal's entries for a request, and what the screen shows from them.
    public struct Counted: Equatable, Sendable {
        public var request: ReportRequest
        public var entries: [ReportEntry]
        /// The timers in the desk's current policy's order, then any other a call is timed by.
        public var order: [TimerName]
        public var report: DeskReport
        public var days: [ReportDay]
    }

    public init(period: ReportPeriod = .thisMonth, grouping: ReportGrouping = .level, asked: ReportRequest) {
        self.period = period
        self.grouping = grouping
        self.asked = asked
    }

    public var isPanel: Bool { false }

    public static let table = CommonKeys.scrolling + KeyTable([
        KeyBinding([.character("p")], "p/P", .nextPeriod, .keyReportPeriod, footer: true, rank: 9),
        KeyBinding([.character("P")], "", .previousPeriod, .keyReportPeriod),
        KeyBinding([.character("1")], "1-6", .period(0), .keyReportPeriods, footer: true, rank: 3),
        KeyBinding([.character("2")], "", .period(1), .keyReportPeriods),
        KeyBinding([.character("3")], "", .period(2), .keyReportPeriods),
        KeyBinding([.character("4")], "", .period(3), .keyReportPeriods),
        KeyBinding([.character("5")], "", .period(4), .keyReportPeriods),
        KeyBinding([.character("6")], "", .period(5), .keyReportPeriods),
        KeyBinding([.tab], "Tab/⇧Tab", .nextGrouping, .keyReportGrouping, footer: true, rank: 8),
        KeyBinding([.backTab], "", .previousGrouping, .keyReportGrouping),
        KeyBinding([.character("t")], "t", .nextTimer, .keyReportTimer, footer: true, rank: 7),
        KeyBinding([.character("R")], "R", .countAgain, .keyReportAgain, footer: true, rank: 4),
        KeyBinding([.escape, .character("q")], "Esc", .back, .keyBack, essential: true),
    ]) + CommonKeys.always

    public func keys(_ state: ConsoleState) -> KeyTable { Self.table }

    /// `R` from the queue or the board: this month's report, by level, read from the journal.
    static func open(_ state: inout ConsoleState, _ env: ConsoleEnvironment) -> [ConsoleEffect] {
        let view = ReportView(asked: ReportRequest(days: ReportPeriod.thisMonth.days(at: state.now, in: env.zone), now: state.now))
        state.open(.report(view))
        return [.readReport(view.asked)]
    }

    /// The journal's answer, for every report screen that asked for it.
    static func read(_ request: ReportRequest, _ result: Result<[ReportEntry], ConsoleFailure>, _ state: inout ConsoleState,
                     _ env: ConsoleEnvironment) {
        let order = Self.order(state, env)
        for index in state.stack.indices {
            guard case .report(var view) = state.stack[index], view.asked == request else { continue }
            switch result {
            case .success(let entries):
                view.counted = Counted(request: request, entries: entries, order: order, report: DeskReport(entries, days: request.days,
                                       by: view.grouping, order: order), days: DeskReport.daily(entries, days: barDays(request, in: env.zone), order: order))
                view.failure = nil
            case .failure(let failure):
                view.failure = failure.message
            }
            state.stack[index] = .report(view)
        }
    }

    /// The days with a bar: the period's, up to the day the figures were counted (a month's days
    /// still to come have nothing to show, and 25 empty lines would push the days that do down).
    static func barDays(_ request: ReportRequest, in zone: TimeZone) -> ClosedRange<LocalDate> {
        let today = LocalDate(request.now, in: zone)
        guard today < request.days.upperBound else { return request.days }
        return request.days.lowerBound...max(today, request.days.lowerBound)
    }

    /// The desk's current policy's timers, first (as the verb orders them).
    static func order(_ state: ConsoleState, _ env: ConsoleEnvironment) -> [TimerName] {
        (state.desk.currentPolicy ?? env.policy)?.timers.map(\.name) ?? []
    }

    /// The timer shown: the one chosen, else the first the report has.
    func shownTimer(_ counted: Counted) -> TimerName? {
        let timers = counted.report.total.timers.map(\.timer)
        if let timer, timers.contains(timer) { return timer }
        return timers.first
    }

    static func periodWords(_ period: ReportPeriod) -> ConsoleText {
        switch period {
        case .today: .periodToday
        case .yesterday: .periodYesterday
        case .thisWeek: .periodThisWeek
        case .lastWeek: .periodLastWeek
        case .thisMonth: .periodThisMonth
        case .lastMonth: .periodLastMonth
        }
    }

    /// The figures shown: those counted for the days asked (while the same days are read again,
    /// the earlier count of them).
    var current: Counted? { counted.flatMap { $0.request.days == asked.days ? $0 : nil } }

    public func title(_ state: ConsoleState, _ env: ConsoleEnvironment) -> String {
        let s = env.strings
        let policy = state.desk.currentPolicy ?? env.policy
        let timerName = current.flatMap(shownTimer) ?? Self.order(state, env).first
        return s[.reportTitle, ["period": s[Self.periodWords(period)], "from": asked.days.lowerBound.description,
                                "to": asked.days.upperBound.description, "grouping": s(.grouping(grouping)),
                                "timer": timerName.map { DisplayText.sanitized(s.timerLabel($0, policy: policy)) } ?? "-"]]
    }

    /// Every line under the title.
    func content(_ state: ConsoleState, _ env: ConsoleEnvironment, width: Int) -> [Line] {
        let s = env.strings
        if let failure {
            return [Line([]), Line([Span(" " + s[.reportFailed, ["problem": failure]], .alert)])]
        }
        guard let counted = current else {
            return [Line([]), Line([Span(" " + s[.reportReading, ["from": asked.days.lowerBound.description, "to": asked.days.upperBound.description]],
                                         .muted)])]
        }
        guard let timer = shownTimer(counted) else { return [Line([]), Line([Span(" " + s[.reportNoTimers], .muted)])] }
        let policy = state.desk.currentPolicy ?? env.policy
        var names: [String: String] = [:]
        if grouping == .customer {
            for group in counted.report.groups {
                if let key = group.key, let id = CustomerID(key), let customer = state.desk.customers[id] { names[key] = customer.name }
            }
        }
        let context = ReportPresenter.Context(strings: s, policy: policy, customerNames: names, now: counted.request.now, zone: env.zone)
        var lines = ReportScreenPresenter.table(counted.report, timer: timer, context, width: width)
        if counted.report.total.received == 0 { lines.append(Line([Span(" " + s(.reportNoCalls), .muted)])) }
        lines.append(Line([]))
        let label = DisplayText.sanitized(s.timerLabel(timer, policy: policy))
        lines.append(Line([Span(" " + s[.reportDaysTitle, ["timer": label]], .title)]))
        lines += ReportScreenPresenter.dayLines(counted.days, timer: timer, today: LocalDate(counted.request.now, in: env.zone), strings: s,
                                                width: width)
        return lines
    }

    static func room(bodyRows: Int) -> Int { max(1, bodyRows - 1) }

    public func draw(_ state: ConsoleState, _ env: ConsoleEnvironment, width: Int, height: Int) -> Drawing {
        let s = env.strings
        let all = content(state, env, width: width)
        let room = Self.room(bodyRows: height)
        let first = min(scroll, max(0, all.count - room))
        // When the figures shown were counted, or that they are being counted again. That is
        // never cut: on a narrow screen it is said in short (`as of 12-06 09:52`), and then the
        // title gives way, ending in `…`.
        let position = CallView.position(first: first, shown: room, total: all.count, env)
        func right(_ time: (Date, TimeZone) -> String) -> String {
            let when = counted.flatMap { $0.request == asked ? s[.reportAsOf, ["time": time($0.request.now, env.zone)]] : nil }
                ?? (current != nil && failure == nil ? s[.reportCountingAgain] : "")
            return [when, position].filter { !$0.isEmpty }.joined(separator: " · ")
        }
        let heading = title(state, env)
        // "─ " and a space either side of the title, a space after the right, one column of rule.
        func titleRoom(_ right: String) -> Int { width - DisplayText.width(right) - 5 }
        let full = right { TimeText.dateTime($0, in: $1) }, short = right { TimeText.short($0, in: $1) }
        let said = DisplayText.width(heading) <= titleRoom(full) ? full : short
        let shown = DisplayText.width(heading) <= titleRoom(said) ? heading : DisplayText.fit(heading, max(1, titleRoom(said))).trimmingTrailingSpaces
        var lines = [Panel.sectionTitle(shown, right: said, width: width)]
        lines += all.dropFirst(first).prefix(room)
        return Drawing(lines)
    }

    /// Asks for `period`'s days as they stand now.
    static func ask(_ period: ReportPeriod, _ state: inout ConsoleState, _ env: ConsoleEnvironment) -> [ConsoleEffect] {
        let request = ReportRequest(days: period.days(at: state.now, in: env.zone), now: state.now)
        state.updateTop(ReportView.self) { view in
            view.period = period
            view.asked = request
            view.failure = nil
            view.scroll = 0
        }
        return [.readReport(request)]
    }

    /// Counts the entries read again by the grouping chosen (no new reading of the journal).
    static func regroup(_ grouping: ReportGrouping, _ state: inout ConsoleState) {
        state.updateTop(ReportView.self) { view in
            view.grouping = grouping
            if var counted = view.counted {
                counted.report = DeskReport(counted.entries, days: counted.request.days, by: grouping, order: counted.order)
                view.counted = counted
            }
        }
    }

    public static func handle(_ binding: KeyBinding, _ state: inout ConsoleState, _ env: ConsoleEnvironment) -> [ConsoleEffect] {
        guard let view = state.top(ReportView.self) else { return [] }
        if binding.act.moves {
            let room = room(bodyRows: state.layout.bodyRows)
            let total = view.content(state, env, width: state.width).count
            let step = binding.act.step(page: room, count: total) ?? 0
            state.updateTop(ReportView.self) { $0.scroll = Scrolling.scrolled($0.scroll, by: step, total: total, room: room) }
            return []
        }
        let periods = ReportPeriod.allCases, groupings = ReportGrouping.allCases
        switch binding.act {
        case .nextPeriod: return ask(periods[(periods.firstIndex(of: view.period)! + 1) % periods.count], &state, env)
        case .previousPeriod: return ask(periods[(periods.firstIndex(of: view.period)! + periods.count - 1) % periods.count], &state, env)
        case .period(let index) where periods.indices.contains(index): return ask(periods[index], &state, env)
        case .countAgain: return ask(view.period, &state, env)
        case .nextGrouping: regroup(groupings[(groupings.firstIndex(of: view.grouping)! + 1) % groupings.count], &state)
        case .previousGrouping: regroup(groupings[(groupings.firstIndex(of: view.grouping)! + groupings.count - 1) % groupings.count], &state)
        case .nextTimer:
            guard let counted = view.current, let shown = view.shownTimer(counted) else { return [] }
            let timers = counted.report.total.timers.map(\.timer)
            let next = timers[(timers.firstIndex(of: shown)! + 1) % timers.count]
            state.updateTop(ReportView.self) { $0.timer = next }
        case .back: state.close()
        case .commandLine: state.open(.line(LineInput(.command)))
        case .help: state.open(.help(HelpView(of: .report(view))))
        case .redraw: return [.repaint]
        default: break
        }
        return []
    }
}
