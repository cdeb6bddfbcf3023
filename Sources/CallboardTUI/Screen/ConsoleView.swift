import CallboardCore
import Foundation

/// Everything one console frame shows, taken at one instant.
public struct ConsoleSnapshot {
    public var state: DeskState
    public var now: Date
    public var zone: TimeZone
    public var timekeeper: Timekeeper

    public init(state: DeskState, now: Date, zone: TimeZone, timekeeper: Timekeeper) {
        self.state = state
        self.now = now
        self.zone = zone
        self.timekeeper = timekeeper
    }

    /// The open calls, most urgent first: the queue's order, worked out for every call because
    /// selection and scrolling need it.
    public func order() -> [CallID] {
        Urgency.openOrder(in: state, timekeeper: timekeeper, at: now)
    }

    /// Rows for the calls a screen shows: only those are formatted, whatever the queue's length.
    public func rows(_ ids: some Sequence<CallID>, wideTimers: Bool) -> [QueueRow] {
        ids.compactMap { id in
            state.calls[id].map { QueuePresenter.row($0, timers: timekeeper.timers(for: $0, in: state, at: now), wideTimers: wideTimers) }
        }
    }
}

/// Draws the console: header with the desk clock and counts, the call queue, the roster, and
/// a footer generated from the keymap. Pure: the same snapshot and model give the same frame.
public enum ConsoleView {
    /// `queue` is the whole queue's order; only the rows on screen are formatted.
    public static func render(_ snapshot: ConsoleSnapshot, queue: [CallID], model: ConsoleModel, layout: ConsoleLayout) -> Frame {
        let width = layout.width
        if layout.tooSmall { return tooSmall(layout) }
        var lines: [Line] = [header(snapshot, width: width)]

        let wide = QueuePresenter.wantsWideTimers(width: width)
        let queueColumns = QueuePresenter.columns(wideTimers: wide)
        let queueLayout = Table.layout(queueColumns, total: width)
        lines.append(Table.header(queueColumns, layout: queueLayout))
        let shown = snapshot.rows(queue.dropFirst(model.scroll).prefix(layout.queueRows), wideTimers: wide)
        for row in shown {
            lines.append(Table.line(row.cells, columns: queueColumns, layout: queueLayout, highlighted: row.id == model.selected))
        }
        if queue.isEmpty, layout.queueRows > 0 {
            lines.append(Line([Span(DisplayText.fit("  No open calls. Log one with: callboard intake --customer NAME --phone P --summary TEXT", width), .muted)]))
        }
        while lines.count < 2 + layout.queueRows { lines.append(Line([])) }
        lines.append(selectedCall(snapshot, model: model, width: width))

        let roster = RosterPresenter.rows(snapshot.state)
        let more = queue.count - model.scroll - shown.count
        let position = queue.isEmpty ? "" : " calls \(model.scroll + 1)-\(model.scroll + shown.count) of \(queue.count)" + (more > 0 ? ", \(more) more below" : "")
        let hidden = roster.count - min(roster.count, layout.rosterRows)
        let title = "Technicians (\(roster.count)" + (hidden > 0 ? ", \(hidden) not shown" : "") + ")"
        lines.append(sectionTitle(title, right: position, width: width))
        let rosterLayout = Table.layout(RosterPresenter.columns, total: width)
        lines.append(Table.header(RosterPresenter.columns, layout: rosterLayout))
        for cells in roster.prefix(layout.rosterRows) {
            lines.append(Table.line(cells, columns: RosterPresenter.columns, layout: rosterLayout))
        }
        while lines.count < layout.height - 1 { lines.append(Line([])) }
        lines.append(footer(model, width: width))
        return Frame(width: width, height: layout.height, lines: Array(lines.prefix(layout.height)))
    }

    /// The counts come first (they are why a supervisor looks); the desk clock sits at the
    /// right in the longest form that fits. On narrow screens the warning and breach counts
    /// keep only their symbols, which the footer's legend names.
    static func header(_ snapshot: ConsoleSnapshot, width: Int) -> Line {
        let summary = DeskSummary(snapshot.state, timekeeper: snapshot.timekeeper, now: snapshot.now)
        func counts(compact: Bool) -> [Span] {
            [Span(" Callboard ", .title), Span("  open \(summary.open)  "),
             Span("unassigned \(summary.unassigned)", summary.unassigned > 0 ? .title : .plain), Span("  "),
             Span((compact ? "▲ " : "▲ warning ") + "\(summary.warning)", summary.warning > 0 ? .warning : .plain), Span("  "),
             Span((compact ? "✗ " : "✗ breached ") + "\(summary.breached)", summary.breached > 0 ? .alert : .plain)]
        }
        let now = snapshot.now, zone = snapshot.zone
        let clocks = [
            TimeText.dateTime(now, in: zone) + " " + TimeText.offsetText(zone.secondsFromGMT(for: now)),
            String(TimeText.dateTime(now, in: zone).dropFirst(5)),
            TimeText.clock(now, in: zone),
        ]
        for compact in [false, true] {
            var spans = counts(compact: compact)
            let used = spans.reduce(0) { $0 + DisplayText.width($1.text) }
            if let clock = clocks.first(where: { used + 2 + DisplayText.width($0) + 1 <= width }) {
                spans.append(Span(String(repeating: " ", count: width - used - DisplayText.width(clock) - 1)))
                spans.append(Span(clock + " ", .title))
                return clip(spans, width: width)
            }
        }
        return clip(counts(compact: true), width: width)
    }

    /// The selected call in full on one line, so what is cut short in the queue (the customer,
    /// the fault, the number to call back) can be read.
    static func selectedCall(_ snapshot: ConsoleSnapshot, model: ConsoleModel, width: Int) -> Line {
        guard let id = model.selected, let call = snapshot.state.calls[id] else { return Line([]) }
        var text = "▸ \(call.id)  \(call.intake.customer)  \(call.intake.phone)"
        if let tech = call.technician {
            text += "  \(tech) " + (snapshot.state.technicians[tech]?.name ?? "")
        }
        var spans = [Span(text + "  ", .title)]
        for owed in snapshot.timekeeper.timers(for: call, in: snapshot.state, at: snapshot.now).compactMap(\.owed) {
            spans.append(Span("✗ " + owed + "  ", .alert))
        }
        if let pause = call.pauses.last, pause.end == nil { spans.append(Span("‖ paused: " + pause.reason + "  ", .muted)) }
        spans.append(Span(call.intake.summary))
        return clip(spans, width: width)
    }

    static func sectionTitle(_ title: String, right: String, width: Int) -> Line {
        let left = "─ " + title + " "
        let fill = max(0, width - DisplayText.width(left) - DisplayText.width(right) - 1)
        return clip([Span(left, .title), Span(String(repeating: "─", count: fill), .muted), Span(right + " ", .muted)], width: width)
    }

    static func footer(_ model: ConsoleModel, width: Int) -> Line {
        if let notice = model.notice {
            return Line([Span(DisplayText.fit(" " + notice, width), .alert)])
        }
        // The legend says what the symbols mean, so it always shows; on a narrow screen only the
        // essential keys keep it company.
        let legend = Span("  ✓ met  ▲ warning  ✗ breached/missed  ‖ paused", .muted)
        for essentialOnly in [false, true] {
            var spans: [Span] = []
            for hint in Keymap.footer(essentialOnly: essentialOnly) {
                spans.append(Span(" " + hint.key, .key))
                spans.append(Span(" " + hint.help + " "))
            }
            spans.append(legend)
            if essentialOnly || spans.reduce(0, { $0 + DisplayText.width($1.text) }) <= width { return clip(spans, width: width) }
        }
        return Line([])
    }

    /// A notice in short lines, so it can be read even on a very small terminal.
    static func tooSmall(_ layout: ConsoleLayout) -> Frame {
        let message = ["Terminal too small", "\(layout.width)×\(layout.height), need", "\(ConsoleLayout.minimumWidth)×\(ConsoleLayout.minimumHeight) or more", "q quits"]
        var lines = Array(repeating: Line([]), count: max(0, layout.height))
        let top = max(0, (layout.height - message.count) / 2)
        for (n, text) in message.enumerated() where top + n < layout.height {
            lines[top + n] = Line([Span(DisplayText.fit(text, layout.width), n == 0 ? .alert : .plain)])
        }
        return Frame(width: layout.width, height: layout.height, lines: lines)
    }

    /// Cuts a line of spans to `width` columns.
    static func clip(_ spans: [Span], width: Int) -> Line {
        var out: [Span] = []
        var used = 0
        for span in spans {
            let text = DisplayText.sanitized(span.text)
            let w = DisplayText.width(text)
            if used + w <= width {
                out.append(Span(text, span.role))
                used += w
            } else {
                let room = width - used
                if room > 0 { out.append(Span(DisplayText.fit(text, room), span.role)) }
                break
            }
        }
        return Line(out)
    }
}
