import CallboardCore

/// Drawing pieces every view uses: a line cut to the screen's width, a section's title rule, and
/// the frame of a panel drawn over the page (whole lines, so wide characters around it are never
/// cut in half).
public enum Panel {
    /// Cuts a line of spans to `width` columns; text is sanitised for the screen on the way.
    public static func clip(_ spans: [Span], width: Int) -> Line {
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

    /// A line of spans in lines of at most `width` columns, each span keeping its role: broken
    /// after a space where there is one, anywhere between two characters where there is not
    /// (Chinese has no spaces), the lines after the first indented by `indent`. With
    /// `betweenSpans`, only a space ending a span breaks the line, so each span (an item of a
    /// list) stays whole where it fits. Text is sanitised for the screen on the way.
    public static func wrap(_ spans: [Span], width: Int, indent: Int, betweenSpans: Bool = false) -> [Line] {
        typealias Cell = (character: Character, role: Role, breaks: Bool)
        let cells: [Cell] = spans.flatMap { span in
            let text = DisplayText.sanitized(span.text)
            return text.indices.map { i in (text[i], span.role, text[i] == " " && (!betweenSpans || text.index(after: i) == text.endIndex)) }
        }
        func columns(_ cells: some Collection<Cell>) -> Int { cells.reduce(0) { $0 + DisplayText.width($1.character) } }
        guard width > indent + 1, columns(cells) > width else { return [clip(spans, width: width)] }
        var rows: [[Cell]] = []
        var row: [Cell] = []
        var used = 0
        var lastSpace: Int?
        for cell in cells {
            let w = DisplayText.width(cell.character)
            if used + w > (rows.isEmpty ? width : width - indent) {
                if let space = lastSpace, space > 0 {
                    rows.append(Array(row[..<space]))
                    row = Array(row[(space + 1)...])
                } else {
                    rows.append(row)
                    row = []
                }
                used = columns(row)
                lastSpace = row.lastIndex { $0.breaks }
            }
            if cell.breaks { lastSpace = row.count }
            row.append(cell)
            used += w
        }
        if !row.isEmpty { rows.append(row) }
        return rows.enumerated().map { n, row in
            var out = n == 0 ? [] : [Span(String(repeating: " ", count: indent))]
            for cell in row {
                if let last = out.last, last.role == cell.role, !(n > 0 && out.count == 1) {
                    out[out.count - 1].text.append(cell.character)
                } else {
                    out.append(Span(String(cell.character), cell.role))
                }
            }
            return Line(out)
        }
    }

    /// `─ Title ──────────── right ` across the width.
    static func sectionTitle(_ title: String, right: String, width: Int) -> Line {
        let left = "─ " + title + " "
        let fill = max(0, width - DisplayText.width(left) - DisplayText.width(right) - 1)
        return clip([Span(left, .title), Span(String(repeating: "─", count: fill), .muted), Span(right + " ", .muted)], width: width)
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
        let clipped = clip(line.spans, width: inner)
        let used = clipped.spans.reduce(0) { $0 + DisplayText.width($1.text) }
        var spans = [Span("│ ", .muted)] + clipped.spans
        spans.append(Span(String(repeating: " ", count: max(0, inner - used)) + " │", .muted))
        return Line(spans, highlighted: line.highlighted)
    }

    /// Draws `drawing` as a framed panel titled `title` over `lines` (the body, from the line
    /// below the header), as tall as its content and the body allow; the line with the text
    /// cursor is always in view. Returns where the cursor goes on the screen.
    static func overlay(_ drawing: Drawing, title: String, over lines: inout [Line], width: Int, bodyRows: Int) -> (x: Int, y: Int)? {
        let top = 1
        let visible = Scrolling.panelRoom(bodyRows: bodyRows)
        let body = drawing.lines
        let first = drawing.cursor.map { max(0, min($0.line - visible + 2, body.count - visible)) } ?? 0
        let shown = Array(body.dropFirst(max(0, first)).prefix(visible))
        var panel = [border(title, width: width, top: true)]
        for line in shown { panel.append(framed(line, width: width)) }
        panel.append(border("", width: width, top: false))
        for (offset, line) in panel.enumerated() where top + offset < lines.count { lines[top + offset] = line }
        guard let caret = drawing.cursor else { return nil }
        let line = caret.line - max(0, first)
        return line >= 0 && line < shown.count ? (2 + caret.column, top + 1 + line) : nil
    }

    /// The width of the labels in front of a panel's inputs.
    static let labelWidth = 14

    /// `Label  [text being typed          ]`, and where the cursor is in it.
    static func input(_ label: String, _ field: TextField, focused: Bool, inputWidth: Int) -> (line: Line, cursorColumn: Int) {
        let visible = field.visible(width: inputWidth)
        let pad = String(repeating: " ", count: max(0, inputWidth - DisplayText.width(visible.text)))
        let line = Line([Span(DisplayText.fit(label, labelWidth), focused ? .key : .plain), Span("[", .muted),
                         Span(visible.text + pad, focused ? .title : .plain), Span("]", .muted)])
        return (line, labelWidth + 1 + visible.cursorColumn)
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
