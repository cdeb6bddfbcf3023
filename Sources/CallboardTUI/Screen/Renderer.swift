import CallboardCore
import Foundation

/// Draws a whole frame from the console's state: the header (counts, who is on duty, the
/// clock), the page or the view opened over it in the body, the panels opened over that, and
/// the footer (the line being typed, a notice, or the keys of the view on top from its key
/// table). Pure: the same state gives the same frame.
public enum Renderer {
    public static func frame(_ state: ConsoleState, _ env: ConsoleEnvironment) -> Frame {
        let layout = state.layout
        let width = layout.width
        if layout.tooSmall { return tooSmall(layout, strings: env.strings) }
        var lines: [Line] = [header(state, env, width: width)]

        // The page, or the topmost view of its own opened over it, fills the body; panels above
        // it are drawn over that.
        let fullIndex = state.stack.lastIndex { screen in
            if case .line = screen { return false }
            return !screen.view(in: state).isPanel
        }
        let base: any ConsoleView = fullIndex.map { state.stack[$0].view(in: state) } ?? state.top(page: state.page)
        let body = base.draw(state, env, width: width, height: layout.bodyRows).lines
        lines += body.prefix(layout.bodyRows)
        while lines.count < 1 + layout.bodyRows { lines.append(Line([])) }

        var cursor: (x: Int, y: Int)?
        for screen in state.stack.dropFirst((fullIndex ?? -1) + 1) {
            if case .line = screen { continue }
            let view = screen.view(in: state)
            let drawing = view.draw(state, env, width: width, height: layout.bodyRows)
            cursor = Panel.overlay(drawing, title: view.title(state, env), over: &lines, width: width, bodyRows: layout.bodyRows)
        }

        let footerY = layout.height - 1
        if case .line(let input)? = state.stack.last {
            // Typing a filter or a command line: the footer is the line being typed, and what the
            // console has to say about it (Tab's choices, a refusal) goes just above.
            let drawing = input.draw(state, env, width: width, height: 1)
            if let notice = state.notice { lines[footerY - 1] = noticeLine(notice, width: width) }
            lines.append(drawing.lines.first ?? Line([]))
            cursor = drawing.cursor.map { ($0.column, footerY) }
        } else if let notice = state.notice {
            lines.append(noticeLine(notice, width: width))
        } else {
            lines.append(footer(state, env, width: width))
        }
        return Frame(width: width, height: layout.height, lines: Array(lines.prefix(layout.height)), cursor: cursor)
    }

    static func noticeLine(_ notice: ConsoleState.Notice, width: Int) -> Line {
        Line([Span(DisplayText.fit(" " + notice.text, width), notice.isError ? .alert : .ok)])
    }

    /// The keys of the view on top, from its key table: the essential ones always, the others as
    /// many as fit (the least useful go first; help lists them all), the call's keys only where
    /// the call in view can take them. On a page, the legend says what the symbols mean.
    static func footer(_ state: ConsoleState, _ env: ConsoleEnvironment, width: Int) -> Line {
        let s = env.strings
        let top = state.top
        let view = top.view(in: state)
        // The call's keys only where its call can take them now (help lists them all).
        let call = view.callInView
        var hints = view.keys(state).hints(readOnly: state.readOnly).filter { hint in
            (!hint.act.isCallAction || call.map { DeskActions.allows(hint.act, on: $0, state, env) } == true)
                && (hint.act != .customer || call.flatMap { state.desk.calls[$0] }.flatMap { CustomerView.customer(of: $0, in: state.desk) } != nil)
        }
        let onPage = state.stack.isEmpty || state.stack.allSatisfy { !$0.view(in: state).isPanel }
        let legend = onPage ? [Span(" ✓ " + s(.met) + " ▲ " + s(.warning) + " ✗ " + s(.breached) + " ‖ " + s(.paused), .muted)] : []
        func spans(_ hints: [KeyBinding]) -> [Span] {
            hints.flatMap { [Span(" " + $0.label, .key), Span(" " + s[$0.help] + " ")] } + legend
        }
        var dropOrder = hints.filter { !$0.essential }.sorted { $0.footerRank < $1.footerRank }.map(\.label)
        while spans(hints).reduce(0, { $0 + DisplayText.width($1.text) }) > width, !dropOrder.isEmpty {
            let drop = dropOrder.removeFirst()
            hints.removeAll { $0.label == drop }
        }
        return Panel.clip(spans(hints), width: width)
    }

    /// The counts come first (they are why a supervisor looks); the desk clock sits at the
    /// right in the longest form that fits. On narrow screens the warning and breach counts keep
    /// only their symbols, which the footer's legend names. When the policy's listed holidays run
    /// out soon, a notice says so; it outlasts who is on duty and the counts' words.
    static func header(_ state: ConsoleState, _ env: ConsoleEnvironment, width: Int) -> Line {
        let s = env.strings
        // The desk as it was: the banner leads (the clock beside it is stopped at that moment),
        // in full where it fits with the counts, else short (`AS OF 12-01 10:00 · read-only`):
        // the warning and breach counts are never pushed out by it.
        let banners: [[Span]] = state.asOf.map { moment in
            [[Span(" " + s[.asOfBanner, ["time": asOfTime(moment, env.zone)]] + " ", .alert)],
             [Span(" " + s[.asOfBannerShort, ["time": TimeText.short(moment, in: env.zone)]] + " ", .alert)]]
        } ?? [[Span(" Callboard ", .title)]]
        let summary = DeskSummary(env.agenda.counts(state.desk, at: state.now, timekeeper: env.timekeeper))
        let (onDuty, onCall) = state.desk.dutyHours(at: state.now, zone: env.zone).counts(state.desk.technicians.values)
        func counts(_ banner: [Span], compact: Bool, duty: Bool) -> [Span] {
            var spans = banner + [Span("  " + s[.headerOpen] + " \(summary.open)  "),
                         Span(s[.headerUnassigned] + " \(summary.unassigned)", summary.unassigned > 0 ? .title : .plain), Span("  "),
                         Span((compact ? "▲ " : "▲ " + s[.headerWarning] + " ") + "\(summary.warning)", summary.warning > 0 ? .warning : .plain), Span("  "),
                         Span((compact ? "✗ " : "✗ " + s[.headerBreached] + " ") + "\(summary.breached)", summary.breached > 0 ? .alert : .plain)]
            if duty { spans.append(Span("  " + s[.headerOnDuty, ["count": "\(onDuty)", "oncall": "\(onCall)"]], .muted)) }
            return spans
        }
        let holidaysEnd = HolidayNotice.headerDate(env.policy ?? state.desk.currentPolicy, at: state.now)
        // form 2: the date with its year, 1: without it, 0: no notice.
        func notice(_ form: Int) -> [Span] {
            guard form > 0 else { return [] }
            // Scheduled visits overdue (V lists them), for the supervisor who answers for them.
            let visits = state.visitsOverdue > 0 ? [Span("  " + s[.headerVisitsOverdue, ["count": "\(state.visitsOverdue)"]], .warning)] : []
            guard let holidaysEnd else { return visits }
            let date = form == 2 ? holidaysEnd.description : String(holidaysEnd.description.dropFirst(5))
            return visits + [Span("  " + s[.headerHolidays, ["date": date]], .warning)]
        }
        let now = state.now, zone = env.zone
        let clocks = [
            TimeText.dateTime(now, in: zone) + " " + TimeText.offsetText(zone.secondsFromGMT(for: now)),
            String(TimeText.dateTime(now, in: zone).dropFirst(5)),
            TimeText.clock(now, in: zone),
        ]
        // Who is on duty goes first when room is short, then the counts' words, then the holidays notice.
        for banner in banners {
            for (compact, duty, form) in [(false, true, 2), (false, true, 1), (false, false, 2), (false, false, 1), (true, true, 1), (true, false, 1),
                                          (true, false, 0)] {
                var spans = counts(banner, compact: compact, duty: duty) + notice(form)
                let used = spans.reduce(0) { $0 + DisplayText.width($1.text) }
                if let clock = clocks.first(where: { used + 2 + DisplayText.width($0) + 1 <= width }) {
                    spans.append(Span(String(repeating: " ", count: width - used - DisplayText.width(clock) - 1)))
                    spans.append(Span(clock + " ", .title))
                    return Panel.clip(spans, width: width)
                }
            }
        }
        return Panel.clip(counts(banners[banners.count - 1], compact: true, duty: false), width: width)
    }

    /// The moment of a desk shown as it was, as the banner and its refusals name it.
    public static func asOfTime(_ moment: Date, _ zone: TimeZone) -> String {
        TimeText.dateTime(moment, in: zone) + " " + TimeText.offsetText(zone.secondsFromGMT(for: moment))
    }

    /// A notice in short lines, so it can be read even on a very small terminal.
    static func tooSmall(_ layout: ConsoleLayout, strings s: UIStrings) -> Frame {
        let message = [s[.tooSmall], "\(layout.width)×\(layout.height), " + s[.tooSmallNeed], "\(ConsoleLayout.minimumWidth)×\(ConsoleLayout.minimumHeight)", s[.tooSmallQuit]]
        var lines = Array(repeating: Line([]), count: max(0, layout.height))
        let top = max(0, (layout.height - message.count) / 2)
        for (n, text) in message.enumerated() where top + n < layout.height {
            lines[top + n] = Line([Span(DisplayText.fit(text, layout.width), n == 0 ? .alert : .plain)])
        }
        return Frame(width: layout.width, height: layout.height, lines: lines)
    }
}

extension ConsoleState {
    /// The page's view.
    func top(page: Page) -> any ConsoleView { page == .queue ? queue : board }
}
