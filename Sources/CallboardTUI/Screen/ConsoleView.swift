import CallboardCore
import Foundation

/// Everything one console frame shows, taken at one instant.
public struct ConsoleSnapshot {
    public var state: DeskState
    public var now: Date
    public var zone: TimeZone
    public var timekeeper: Timekeeper
    public var searchIndex: SearchIndex
    /// The policy new calls are timed under (the header warns when its listed holidays run
    /// out); nil: the journal's current one.
    public var policy: SLAPolicy?

    public init(state: DeskState, now: Date, zone: TimeZone, timekeeper: Timekeeper, searchIndex: SearchIndex = SearchIndex(),
                policy: SLAPolicy? = nil) {
        self.state = state
        self.now = now
        self.zone = zone
        self.timekeeper = timekeeper
        self.searchIndex = searchIndex
        self.policy = policy
    }

    /// The open calls, most urgent first: the queue's order, worked out for every call because
    /// selection and scrolling need it.
    public func order() -> [CallID] {
        Urgency.openOrder(in: state, timekeeper: timekeeper, at: now)
    }

    /// The queue as the dispatcher asked to see it: only calls matching the filter, in the
    /// chosen order (most urgent first unless another was chosen).
    public func order(filter: QueueFilter, sort: QueueSort) -> [CallID] {
        var ids = order()
        if !filter.isEmpty {
            ids = ids.filter { id in
                guard let call = state.calls[id] else { return false }
                return filter.matches(call, in: state, timers: timekeeper.timers(for: call, in: state, at: now),
                                      searchText: searchIndex.text(for: call, in: state))
            }
        }
        switch sort {
        case .urgency: break
        case .newest: ids.sort { $0 > $1 }
        case .oldest: ids.sort()
        case .level:
            func rank(_ id: CallID) -> Int { state.calls[id]?.intake.level?.rawValue ?? 9 }
            ids = ids.enumerated().sorted { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }.map(\.element)
        }
        return ids
    }

    /// Rows for the calls a screen shows: only those are formatted, whatever the queue's length.
    public func rows(_ ids: some Sequence<CallID>, wideTimers: Bool, timerColumns: TimerColumns = .builtIn) -> [QueueRow] {
        ids.compactMap { id in
            state.calls[id].map {
                QueuePresenter.row($0, timers: timekeeper.timers(for: $0, in: state, at: now), timerColumns: timerColumns, wideTimers: wideTimers)
            }
        }
    }
}

/// Draws the console: header with the desk clock, counts and who is on duty, the call queue,
/// the roster (or the selected call in full), a footer generated from the keymap, and any
/// overlay (the new-call form, the engineer picker, a prompt, a question, help). Pure: the same
/// snapshot and model give the same frame.
public enum ConsoleView {
    /// `queue` is the queue's order as shown (filtered, sorted); only the rows on screen are formatted.
    public static func render(_ snapshot: ConsoleSnapshot, queue: [CallID], model: ConsoleModel, layout: ConsoleLayout,
                              strings: UIStrings = .english) -> Frame {
        let width = layout.width
        let s = strings
        if layout.tooSmall { return tooSmall(layout, strings: s) }
        var lines: [Line] = [header(snapshot, width: width, strings: s)]
        if model.showBoard {
            lines += BoardPresenter.lines(snapshot.state, now: snapshot.now, zone: snapshot.zone, timekeeper: snapshot.timekeeper, width: width)
            lines = Array(lines.prefix(layout.height - 1))
            while lines.count < layout.height - 1 { lines.append(Line([])) }
            var cursor: (x: Int, y: Int)?
            lines.append(footer(model, width: width, strings: s, cursor: &cursor, y: layout.height - 1))
            Overlay.draw(model.mode, over: &lines, snapshot: snapshot, layout: layout, strings: s, cursor: &cursor)
            return Frame(width: width, height: layout.height, lines: lines, cursor: cursor)
        }

        let wide = QueuePresenter.wantsWideTimers(width: width)
        let timerColumns = TimerColumns(policy: snapshot.policy ?? snapshot.state.currentPolicy, strings: s)
        let queueColumns = QueuePresenter.columns(wideTimers: wide, timers: timerColumns).map { column in
            var translated = column
            translated.title = s.word(column.title)
            return translated
        }
        let queueLayout = Table.layout(queueColumns, total: width)
        lines.append(Table.header(queueColumns, layout: queueLayout))
        let shown = snapshot.rows(queue.dropFirst(model.scroll).prefix(layout.queueRows), wideTimers: wide, timerColumns: timerColumns)
        for row in shown {
            let cells = row.cells.map { Cell(s.words(in: $0.text), $0.role) }
            lines.append(Table.line(cells, columns: queueColumns, layout: queueLayout, highlighted: row.id == model.selected))
        }
        if queue.isEmpty, layout.queueRows > 0 {
            let message = model.filter.isEmpty ? s[.noOpenCalls] : s[.nothingMatches, ["filter": model.filter.text]]
            lines.append(Line([Span(DisplayText.fit("  " + message, width), .muted)]))
        }
        while lines.count < 2 + layout.queueRows { lines.append(Line([])) }
        lines.append(selectedCall(snapshot, model: model, width: width, strings: s))

        let more = queue.count - model.scroll - shown.count
        var position = queue.isEmpty ? "" : " " + s[.callsRange, ["from": "\(model.scroll + 1)", "to": "\(model.scroll + shown.count)", "total": "\(queue.count)"]]
        if more > 0 { position += ", " + s[.moreBelow, ["count": "\(more)"]] }
        if !model.filter.isEmpty { position += "  /" + model.filter.text }
        if model.sort != .urgency { position += "  " + s[.sortedBy, ["order": s.word(model.sort.rawValue)]] }
        let bottomRows = layout.rosterRows + 1 // the roster's column header, or a line of details
        if model.showDetail, let id = model.selected, let call = snapshot.state.calls[id] {
            lines.append(sectionTitle(s[.detailsTitle, ["call": id.description]], right: position, width: width))
            let text = CallReport.text(call: call, state: snapshot.state, timekeeper: snapshot.timekeeper, now: snapshot.now,
                                       zone: snapshot.zone, label: { s.word($0) }, strings: s)
            for row in text.split(separator: "\n", omittingEmptySubsequences: false).prefix(bottomRows) {
                lines.append(clip([Span(" " + String(row))], width: width))
            }
        } else {
            let roster = RosterPresenter.rows(snapshot.state, now: snapshot.now, zone: snapshot.zone)
            let hidden = roster.count - min(roster.count, layout.rosterRows)
            let title = hidden > 0 ? s[.notShown, ["count": "\(roster.count)", "hidden": "\(hidden)"]] : s[.technicians, ["count": "\(roster.count)"]]
            lines.append(sectionTitle(title, right: position, width: width))
            let rosterColumns = RosterPresenter.columns.map { column in
                var translated = column
                translated.title = s.word(column.title)
                return translated
            }
            let rosterLayout = Table.layout(rosterColumns, total: width)
            lines.append(Table.header(rosterColumns, layout: rosterLayout))
            for cells in roster.prefix(layout.rosterRows) {
                lines.append(Table.line(cells.map { Cell(s.words(in: $0.text), $0.role) }, columns: rosterColumns, layout: rosterLayout))
            }
        }
        while lines.count < layout.height - 1 { lines.append(Line([])) }
        lines = Array(lines.prefix(layout.height - 1))
        var cursor: (x: Int, y: Int)?
        lines.append(footer(model, width: width, strings: s, cursor: &cursor, y: layout.height - 1))
        Overlay.draw(model.mode, over: &lines, snapshot: snapshot, layout: layout, strings: s, cursor: &cursor)
        return Frame(width: width, height: layout.height, lines: Array(lines.prefix(layout.height)), cursor: cursor)
    }

    /// The counts come first (they are why a supervisor looks); the desk clock sits at the
    /// right in the longest form that fits. On narrow screens the warning and breach counts
    /// keep only their symbols, which the footer's legend names. When the policy's listed
    /// holidays run out soon, a notice says so; it outlasts who is on duty and the counts' words.
    static func header(_ snapshot: ConsoleSnapshot, width: Int, strings s: UIStrings = .english) -> Line {
        let summary = DeskSummary(snapshot.state, timekeeper: snapshot.timekeeper, now: snapshot.now)
        let (onDuty, onCall) = snapshot.state.dutyHours(at: snapshot.now, zone: snapshot.zone).counts(snapshot.state.technicians.values)
        func counts(compact: Bool, duty: Bool) -> [Span] {
            var spans = [Span(" Callboard ", .title), Span("  " + s[.headerOpen] + " \(summary.open)  "),
                         Span(s[.headerUnassigned] + " \(summary.unassigned)", summary.unassigned > 0 ? .title : .plain), Span("  "),
                         Span((compact ? "▲ " : "▲ " + s[.headerWarning] + " ") + "\(summary.warning)", summary.warning > 0 ? .warning : .plain), Span("  "),
                         Span((compact ? "✗ " : "✗ " + s[.headerBreached] + " ") + "\(summary.breached)", summary.breached > 0 ? .alert : .plain)]
            if duty { spans.append(Span("  " + s[.headerOnDuty, ["count": "\(onDuty)", "oncall": "\(onCall)"]], .muted)) }
            return spans
        }
        let holidaysEnd = HolidayNotice.headerDate(snapshot.policy ?? snapshot.state.currentPolicy, at: snapshot.now)
        // form 2: the date with its year, 1: without it, 0: no notice.
        func notice(_ form: Int) -> [Span] {
            guard let holidaysEnd, form > 0 else { return [] }
            let date = form == 2 ? holidaysEnd.description : String(holidaysEnd.description.dropFirst(5))
            return [Span("  " + s[.headerHolidays, ["date": date]], .warning)]
        }
        let now = snapshot.now, zone = snapshot.zone
        let clocks = [
            TimeText.dateTime(now, in: zone) + " " + TimeText.offsetText(zone.secondsFromGMT(for: now)),
            String(TimeText.dateTime(now, in: zone).dropFirst(5)),
            TimeText.clock(now, in: zone),
        ]
        // Who is on duty goes first when room is short, then the counts' words, then the holidays notice.
        for (compact, duty, form) in [(false, true, 2), (false, true, 1), (false, false, 2), (false, false, 1), (true, true, 1), (true, false, 1), (true, false, 0)] {
            var spans = counts(compact: compact, duty: duty) + notice(form)
            let used = spans.reduce(0) { $0 + DisplayText.width($1.text) }
            if let clock = clocks.first(where: { used + 2 + DisplayText.width($0) + 1 <= width }) {
                spans.append(Span(String(repeating: " ", count: width - used - DisplayText.width(clock) - 1)))
                spans.append(Span(clock + " ", .title))
                return clip(spans, width: width)
            }
        }
        return clip(counts(compact: true, duty: false), width: width)
    }

    /// The selected call in full on one line, so what is cut short in the queue (the customer,
    /// the fault, the number to call back) can be read.
    static func selectedCall(_ snapshot: ConsoleSnapshot, model: ConsoleModel, width: Int, strings s: UIStrings) -> Line {
        guard let id = model.selected, let call = snapshot.state.calls[id] else { return Line([]) }
        var text = "▸ \(call.id)  \(call.intake.customer)  \(call.intake.phone)"
        if let tech = call.technician {
            text += "  \(tech) " + (snapshot.state.technicians[tech]?.name ?? "")
        } else if let offer = call.dispatchRequest {
            // Automatic dispatch asked an on-call engineer, who has until then to accept.
            text += "  " + s.word("offered to") + " \(offer.technician) " + (snapshot.state.technicians[offer.technician]?.name ?? "")
                + " " + s.word("until") + " " + TimeText.clock(offer.until, in: snapshot.zone).prefix(5)
        }
        var spans = [Span(text + "  ", .title)]
        let timers = snapshot.timekeeper.timers(for: call, in: snapshot.state, at: snapshot.now)
        let consequences = Consequences.of(call, in: snapshot.state)
        for owed in Owed.list(timers: timers, consequences: consequences) { spans.append(Span("✗ " + s.word(OwedText.short(owed)) + "  ", .alert)) }
        if consequences.inWarranty == false { spans.append(Span(s.word("out of warranty") + "  ", .warning)) }
        if !call.pendingEscalations.isEmpty { spans.append(Span("⚠ " + s.word("escalated") + "  ", .alert)) }
        if let pause = call.pauses.last, pause.end == nil { spans.append(Span("‖ " + s.word("paused") + ": " + pause.reason + "  ", .muted)) }
        spans.append(Span(call.intake.summary))
        return clip(spans, width: width)
    }

    static func sectionTitle(_ title: String, right: String, width: Int) -> Line {
        let left = "─ " + title + " "
        let fill = max(0, width - DisplayText.width(left) - DisplayText.width(right) - 1)
        return clip([Span(left, .title), Span(String(repeating: "─", count: fill), .muted), Span(right + " ", .muted)], width: width)
    }

    static func footer(_ model: ConsoleModel, width: Int, strings s: UIStrings, cursor: inout (x: Int, y: Int)?, y: Int) -> Line {
        // Typing a filter or a command line: the footer is the line being typed.
        if case .filter(let field) = model.mode { return inputLine("/", field, width: width, cursor: &cursor, y: y) }
        if case .command(let field) = model.mode { return inputLine(":", field, width: width, cursor: &cursor, y: y) }
        if let notice = model.notice {
            return Line([Span(DisplayText.fit(" " + notice, width), model.noticeIsError ? .alert : .ok)])
        }
        let overlayHints: [(key: String, help: Msg)]? = switch model.mode {
        case .form: Keymap.form
        case .picker: Keymap.picker
        case .prompt(let prompt): prompt.purpose == .relevel ? Keymap.relevelPrompt : Keymap.prompt
        case .confirm: Keymap.confirm
        default: nil
        }
        if let overlayHints { return clip(overlayHints.flatMap { [Span(" " + $0.key, .key), Span(" " + s[$0.help] + " ")] }, width: width) }
        // The legend says what the symbols mean, so it always shows; on a narrow screen only the
        // essential keys keep it company.
        let legend = Span(" ✓ " + s.word("met") + " ▲ " + s.word("warning") + " ✗ " + s[.legendBreached] + " ‖ " + s.word("paused"), .muted)
        // The legend and the essential keys always show; the other keys as many as fit, in
        // the keymap's order (help lists them all).
        var hints = Keymap.footer()
        func spans(_ hints: [(key: String, help: Msg)]) -> [Span] {
            hints.flatMap { [Span(" " + $0.key, .key), Span(" " + s[$0.help] + " ")] } + [legend]
        }
        var dropOrder = Keymap.footerDropOrder()
        while spans(hints).reduce(0, { $0 + DisplayText.width($1.text) }) > width, !dropOrder.isEmpty {
            let drop = dropOrder.removeFirst()
            hints.removeAll { $0.key == drop }
        }
        return clip(spans(hints), width: width)
    }

    /// A line being typed after `prompt`, with the cursor placed in it.
    static func inputLine(_ prompt: String, _ field: TextField, width: Int, cursor: inout (x: Int, y: Int)?, y: Int) -> Line {
        let visible = field.visible(width: max(2, width - 2))
        cursor = (1 + visible.cursorColumn, y)
        return clip([Span(prompt, .key), Span(visible.text)], width: width)
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
