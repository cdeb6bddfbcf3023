import CallboardCore

/// The panels drawn over the console for the flows that take input: the new-call form, the
/// engineer picker, the reason prompt, a yes/no question, and help. A panel takes whole lines
/// (so wide characters around it are never cut in half) between the header and the footer.
enum Overlay {
    static func draw(_ mode: ConsoleMode, over lines: inout [Line], snapshot: ConsoleSnapshot, layout: ConsoleLayout,
                     strings s: UIStrings, cursor: inout (x: Int, y: Int)?) {
        let width = layout.width
        var body: [Line] = []
        var title = ""
        /// The panel line and column of the text cursor within `body`.
        var caret: (line: Int, column: Int)?
        switch mode {
        case .queue, .filter, .command: return
        case .help:
            title = s[.helpTitle]
            body = help(width: width - 4, strings: s)
        case .form(let form):
            title = s[.formTitle]
            body = formLines(form, width: width - 4, strings: s, caret: &caret)
        case .picker(let picker):
            guard let call = snapshot.state.calls[picker.call] else { return }
            title = s[call.technician == nil ? .pickerTitle : .reassignTitle, ["call": call.id.description, "customer": call.intake.customer,
                                                                               "tech": call.technician?.rawValue ?? ""]]
            body = pickerLines(picker, call: call, policy: snapshot.state.currentPolicy, width: width - 4, strings: s)
        case .prompt(let prompt):
            title = s[prompt.purpose == .pause ? .pauseTitle : prompt.purpose == .note ? .noteTitle : .relevelTitle, ["call": prompt.call.description]]
            body = promptLines(prompt, snapshot: snapshot, width: width - 4, strings: s, caret: &caret)
        case .confirm(let confirmation):
            title = s[.confirmTitle]
            body = [Line([Span(confirmation.question, .title)]), Line([Span("y", .key), Span(" " + s[.keyYes] + "   "), Span("n", .key), Span(" " + s[.keyNo])])]
        }
        // The panel sits below the header, as tall as its content and the screen allow.
        let top = 1
        let room = max(3, layout.height - 2 - top)
        // The line being typed on is always in view: a tall form scrolls on a short screen.
        let visibleLines = max(1, room - 2)
        let first = caret.map { max(0, min($0.line - visibleLines + 2, body.count - visibleLines)) } ?? 0
        let shown = Array(body.dropFirst(max(0, first)).prefix(visibleLines))
        if let line = caret?.line { caret?.line = line - max(0, first) }
        var panel = [border(title, width: width, top: true)]
        for line in shown { panel.append(framed(line, width: width)) }
        panel.append(border("", width: width, top: false))
        for (offset, line) in panel.enumerated() where top + offset < lines.count - 1 { lines[top + offset] = line }
        if let caret, caret.line >= 0, caret.line < shown.count { cursor = (2 + caret.column, top + 1 + caret.line) }
    }

    static func border(_ title: String, width: Int, top: Bool) -> Line {
        guard top else { return Line([Span("└" + String(repeating: "─", count: max(0, width - 2)) + "┘", .muted)]) }
        let label = title.isEmpty ? "" : " " + DisplayText.fit(title, max(0, width - 8)).trimmingTrailingSpaces + " "
        let fill = max(0, width - 3 - DisplayText.width(label))
        return Line([Span("┌─", .muted), Span(label, .title), Span(String(repeating: "─", count: fill) + "┐", .muted)])
    }

    /// A content line inside the panel's sides, fitted to the inner width.
    static func framed(_ line: Line, width: Int) -> Line {
        let inner = max(0, width - 4)
        let clipped = ConsoleView.clip(line.spans, width: inner)
        let used = clipped.spans.reduce(0) { $0 + DisplayText.width($1.text) }
        var spans = [Span("│ ", .muted)] + clipped.spans
        spans.append(Span(String(repeating: " ", count: max(0, inner - used)) + " │", .muted))
        return Line(spans, highlighted: line.highlighted)
    }

    static let labelWidth = 14

    static func formLines(_ form: CallForm, width: Int, strings s: UIStrings, caret: inout (line: Int, column: Int)?) -> [Line] {
        var lines: [Line] = []
        if let error = form.error { lines.append(Line([Span("✗ " + error, .alert)])) }
        let inputWidth = max(8, min(50, width - labelWidth - 2))
        for (index, field) in form.fields.enumerated() {
            let label = DisplayText.fit(s[field.label] + (field.required ? " *" : ""), labelWidth)
            let visible = field.input.visible(width: inputWidth)
            let focused = index == form.focus
            let pad = String(repeating: " ", count: max(0, inputWidth - DisplayText.width(visible.text)))
            if focused { caret = (lines.count, labelWidth + 1 + visible.cursorColumn) }
            lines.append(Line([Span(label, focused ? .key : .plain), Span("[", .muted), Span(visible.text + pad, focused ? .title : .plain),
                               Span("]", .muted)]))
            // The reason under the field, where there is room for all of it.
            if let error = field.error { lines.append(Line([Span(String(repeating: " ", count: labelWidth + 1) + "✗ " + error, .alert)])) }
        }
        lines.append(Line([]))
        lines.append(Line([Span(s[.formHint], .muted)]))
        return lines
    }

    static func pickerLines(_ picker: AssignPicker, call: ServiceCall, policy: SLAPolicy?, width: Int, strings s: UIStrings) -> [Line] {
        let level = call.intake.level.map { "L\($0.rawValue)" } ?? "-"
        var lines = [Line([Span("\(level)  \(call.intake.region ?? "-")  ", .muted), Span(call.intake.summary)])]
        let firstIneligible = picker.candidates.firstIndex { !$0.eligible }
        for (index, candidate) in picker.candidates.enumerated() {
            if index == firstIneligible { lines.append(Line([Span(s[.notEligible], .muted)])) }
            let t = candidate.technician
            let marker = index == picker.selection ? "▸ " : "  "
            let role: Role = candidate.eligible ? .plain : .muted
            lines.append(Line([Span(marker, .key), Span(DisplayText.fit("\(t.id) \(t.name)", 18), role),
                               Span(DisplayText.fit(s.word(candidate.activity.label), 10), .muted),
                               Span(reasons(candidate, call: call, policy: policy, strings: s).joined(separator: " · "), role)],
                              highlighted: index == picker.selection))
        }
        if picker.candidates.isEmpty { lines.append(Line([Span(s[.noTechnicians], .alert)])) }
        return lines
    }

    /// Why a candidate stands where it does, in the ranking's order.
    static func reasons(_ c: AssignmentCandidate, call: ServiceCall, policy: SLAPolicy?, strings s: UIStrings) -> [String] {
        let t = c.technician
        var out: [String] = []
        // The policy's shift calendar by name when the desk has its own; the standard hours otherwise.
        let calendar = policy?.desk.shifts[t.shift]
        let hours = calendar.map { ["day-shift", "night-shift", SLAPolicy.roundTheClock].contains($0) ? t.shift.hours : $0 } ?? t.shift.hours
        let shift = ["shift": s.word(t.shift.label), "hours": t.shift == .oncall ? "" : hours]
        // The hours only when they are the reason someone is not offered.
        out.append(c.onCall ? s[.reasonOnCall] : c.onShift ? s[.reasonOnShiftShort] : s[.reasonOffShift, shift])
        if let covers = c.coversRegion, let region = call.intake.region {
            out.append(covers ? (t.region == nil ? s[.reasonCoversAll] : s[.reasonCovers, ["region": region]])
                              : s[.reasonOtherRegion, ["own": t.region ?? "-", "region": region]])
        }
        out.append(c.matchingSkills.isEmpty ? s[.reasonNoSkill] : s[.reasonSkill, ["skills": c.matchingSkills.joined(separator: ", ")]])
        if call.technician == t.id { out.insert(s[.reasonHasCall], at: 0) }
        out.append(s[c.openJobs == 1 ? .reasonOneJob : .reasonJobs, ["count": "\(c.openJobs)"]])
        return out
    }

    static func promptLines(_ prompt: ReasonPrompt, snapshot: ConsoleSnapshot, width: Int, strings s: UIStrings,
                            caret: inout (line: Int, column: Int)?) -> [Line] {
        var lines: [Line] = []
        if let call = snapshot.state.calls[prompt.call] {
            lines.append(Line([Span(call.intake.customer + "  ", .title), Span(call.intake.summary, .muted)]))
        }
        if let error = prompt.error { lines.append(Line([Span("✗ " + error, .alert)])) }
        let inputWidth = max(8, min(70, width - labelWidth - 2))
        func input(_ label: Msg, _ field: TextField, focused: Bool) {
            let visible = field.visible(width: inputWidth)
            if focused { caret = (lines.count, labelWidth + 1 + visible.cursorColumn) }
            let pad = String(repeating: " ", count: max(0, inputWidth - DisplayText.width(visible.text)))
            lines.append(Line([Span(DisplayText.fit(s[label], labelWidth), focused ? .key : .plain), Span("[", .muted),
                               Span(visible.text + pad, .title), Span("]", .muted)]))
        }
        if prompt.purpose == .relevel {
            let current = snapshot.state.calls[prompt.call]?.intake.level.map { String($0.rawValue) } ?? "-"
            lines.append(Line([Span(s[.currentLevel, ["level": current]], .muted)]))
            input(.fieldNewLevel, prompt.level, focused: prompt.focus == 0)
        }
        input(prompt.purpose == .note ? .fieldNote : .fieldReason, prompt.reason, focused: prompt.focus == 1)
        return lines
    }

    static func help(width: Int, strings s: UIStrings) -> [Line] {
        var lines: [Line] = []
        var seen = Set<String>()
        for binding in Keymap.helpLines() where seen.insert(binding.key).inserted {
            lines.append(Line([Span(DisplayText.fit(binding.key, 12), .key), Span(s[binding.help])]))
        }
        lines.append(Line([]))
        lines.append(Line([Span(s[.helpFilter], .muted)]))
        lines.append(Line([Span(s[.helpCommand], .muted)]))
        lines.append(Line([Span("✓ " + s.word("met") + "  ▲ " + s.word("warning") + "  ✗ " + s[.legendBreached] + "  ‖ " + s.word("paused"), .muted)]))
        lines.append(Line([Span(s[.helpClose], .muted)]))
        return lines
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
