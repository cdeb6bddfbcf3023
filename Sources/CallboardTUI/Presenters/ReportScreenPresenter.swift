import CallboardCore
import Foundation

/// The console's report screen in lines: a table of a report's groups and total for one timer,
/// and a bar of that timer's met % per day. The figures are the `report` verb's (`DeskReport`,
/// `DeskReport.daily`); this only lays them out, in display width, so Chinese lines up.
public enum ReportScreenPresenter {
    /// The least and most columns a day's bar takes.
    static let barWidths = 10...40
    /// The most columns the table takes.
    static let tableWidth = 100

    /// A bar `width` columns long filled to `percent` (0-100), in eighths of a column: the filled
    /// part (full blocks and one partial block), and the rest of the track.
    public static func bar(_ percent: Double, width: Int) -> (filled: String, rest: String) {
        let eighths = Int((max(0, min(100, percent)) / 100 * Double(width) * 8).rounded())
        let full = eighths / 8, part = eighths % 8
        let partial = part == 0 ? "" : String(["▏", "▎", "▍", "▌", "▋", "▊", "▉"][part - 1])
        let used = full + (part == 0 ? 0 : 1)
        return (String(repeating: "█", count: full) + partial, String(repeating: "░", count: max(0, width - used)))
    }

    /// The table's columns: the group, then the calls received and resolved, then the timer's
    /// promises met of those decided, met %, p50 and p90 of the time taken, and satisfaction.
    public static func columns(_ grouping: ReportGrouping, strings s: UIStrings) -> [Column] {
        [
            Column(s(.grouping(grouping)).uppercased(), width: 12, flex: 1),
            Column(s[.reportColumnReceived], width: 8, alignRight: true),
            Column(s[.reportColumnResolved], width: 8, alignRight: true),
            Column(s[.reportColumnMet], width: 9, alignRight: true),
            Column(s[.reportColumnMetPercent], width: 6, alignRight: true),
            Column(s[.reportColumnP50], width: 7, alignRight: true, dropPriority: 2),
            Column(s[.reportColumnP90], width: 7, alignRight: true, dropPriority: 2),
            Column(s[.reportColumnSatisfaction], width: 12, dropPriority: 1),
        ]
    }

    /// A row per group, then the total, for `timer`.
    public static func rows(_ report: DeskReport, timer: TimerName, _ context: ReportPresenter.Context) -> [[Cell]] {
        let t = context.strings
        func row(_ key: String, _ group: ReportGroup, total: Bool) -> [Cell] {
            let role: Role = total ? .title : .plain
            let figures = group.timer(timer) ?? TimerFigures(timer: timer)
            let decided = figures.met + figures.missed
            let satisfaction = group.satisfaction.average.map { "\(ReportPresenter.decimal($0)) (\(group.satisfaction.count))" } ?? "-"
            return [Cell(key, role), Cell("\(group.received)", role), Cell("\(group.resolved)", role),
                    Cell(decided == 0 ? "-" : "\(figures.met)/\(decided)", role), percentCell(figures.metPercent, strings: t, role: role),
                    Cell(figures.p50.map(DurationText.span) ?? "-", role), Cell(figures.p90.map(DurationText.span) ?? "-", role),
                    Cell(satisfaction, role)]
        }
        return report.groups.map { row(ReportPresenter.keyText($0.key, report.grouping, context), $0, total: false) }
            + [row(t(.reportTotal), report.total, total: true)]
    }

    /// `50.0%`, or `-` when no promise was decided.
    static func percentCell(_ percent: Double?, strings t: UIStrings, role: Role) -> Cell {
        guard let percent else { return Cell("-", .muted) }
        return Cell(t(.reportPercent, ["percent": ReportPresenter.decimal(percent)]), role)
    }

    /// The table, header first, laid out in `width` columns.
    public static func table(_ report: DeskReport, timer: TimerName, _ context: ReportPresenter.Context, width: Int) -> [Line] {
        var columns = columns(report.grouping ?? .level, strings: context.strings)
        let rows = rows(report, timer: timer, context)
        // The figures are never cut (a month of a busy desk is `28482/28646`); a group's name
        // may be, in its flexible column.
        for index in columns.indices.dropFirst() {
            columns[index].width = max(columns[index].width, rows.map { DisplayText.width($0[index].text) }.max() ?? 0)
        }
        // No wider than it needs: a group's name does not push the figures to the far right.
        let layout = Table.layout(columns, total: min(width - 1, tableWidth))
        func indent(_ line: Line) -> Line { Line([Span(" ")] + line.spans, highlighted: line.highlighted) }
        return [indent(Table.header(columns, layout: layout))] + rows.map { indent(Table.line($0, columns: columns, layout: layout)) }
    }

    /// A day as its bar's label: `11-23 Mon` (`11-23 周一`).
    static func dayLabel(_ day: LocalDate, strings s: UIStrings) -> String {
        String(day.description.dropFirst(5)) + " " + s(.weekdayShort(day.weekday))
    }

    /// A line per day: its label (all of them as wide as the widest, in display width), a bar of
    /// the timer's met % that day, the percentage and `met/decided`, and how many of the day's
    /// promises still run. A day with nothing decided has no bar (`-`); days after `today` are
    /// muted. The bars share one scale: a full track is 100%.
    public static func dayLines(_ days: [ReportDay], timer: TimerName, today: LocalDate, strings s: UIStrings, width: Int) -> [Line] {
        let labels = days.map { dayLabel($0.day, strings: s) }
        let labelWidth = labels.map(DisplayText.width).max() ?? 0
        // The label, two spaces, the bar, then `100.0%  12/12` and a count of those running.
        let barWidth = min(barWidths.upperBound, max(barWidths.lowerBound, width - labelWidth - 36))
        return zip(days, labels).map { entry, label in
            let figures = entry.total.timer(timer) ?? TimerFigures(timer: timer)
            let decided = figures.met + figures.missed
            let future = entry.day > today
            var spans = [Span(" " + DisplayText.fit(label, labelWidth) + "  ", future ? .muted : .plain)]
            if let percent = figures.metPercent {
                let (filled, rest) = bar(percent, width: barWidth)
                spans += [Span(filled, percent >= 100 ? .ok : percent >= 50 ? .plain : .alert), Span(rest, .muted),
                          Span(" " + DisplayText.fit(s(.reportPercent, ["percent": ReportPresenter.decimal(percent)]), 6, alignRight: true)),
                          Span("  \(figures.met)/\(decided)")]
            } else {
                spans += [Span(DisplayText.fit("-", barWidth), .muted)]
            }
            if figures.running > 0 { spans.append(Span("  " + s[.reportDayRunning, ["count": "\(figures.running)"]], .muted)) }
            return Panel.clip(spans, width: width)
        }
    }
}
