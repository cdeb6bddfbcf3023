import CallboardCore
import Foundation

/// A report (`DeskReport`) in words for people, as CSV for a spreadsheet and as JSON for
/// scripts. The figures are the core's; this only lays them out. People's words (a region, a
/// customer's name, a policy's timer label) fill holes, sanitized in text; JSON stays in English.
public enum ReportPresenter {
    /// What the presenter needs besides the report: the language, the policy whose labels name
    /// the timers, and customers' names for their IDs.
    public struct Context {
        public var strings: UIStrings
        public var policy: SLAPolicy?
        public var customerNames: [String: String]
        public var now: Date
        public var zone: TimeZone

        public init(strings: UIStrings, policy: SLAPolicy?, customerNames: [String: String] = [:], now: Date, zone: TimeZone) {
            self.strings = strings
            self.policy = policy
            self.customerNames = customerNames
            self.now = now
            self.zone = zone
        }
    }

    // MARK: JSON

    /// `{"from", "to", "by", "groups": [{"key", "received", …, "timers": {"response": {"met", …}}, "satisfaction"}], "total"}`.
    struct ReportJSON: Encodable {
        var report: DeskReport
        enum Key: String, CodingKey { case from, to, by, groups, total }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(report.days.lowerBound.description, forKey: .from)
            try c.encode(report.days.upperBound.description, forKey: .to)
            try c.encode(report.grouping?.rawValue, forKey: .by)
            try c.encode(report.groups.map(GroupJSON.init), forKey: .groups)
            try c.encode(GroupJSON(group: report.total), forKey: .total)
        }
    }

    struct GroupJSON: Encodable {
        var group: ReportGroup
        enum Key: String, CodingKey { case key, received, resolved, closed, reopened, repeats, cancelled, timers, satisfaction }
        struct Name: CodingKey {
            var stringValue: String
            init(stringValue: String) { self.stringValue = stringValue }
            var intValue: Int? { nil }
            init?(intValue: Int) { nil }
        }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(group.key, forKey: .key)
            try c.encode(group.received, forKey: .received)
            try c.encode(group.resolved, forKey: .resolved)
            try c.encode(group.closed, forKey: .closed)
            try c.encode(group.reopened, forKey: .reopened)
            try c.encode(group.repeats, forKey: .repeats)
            try c.encode(group.cancelled, forKey: .cancelled)
            var timers = c.nestedContainer(keyedBy: Name.self, forKey: .timers)
            for timer in group.timers { try timers.encode(TimerJSON(figures: timer), forKey: Name(stringValue: timer.timer.rawValue)) }
            try c.encode(SatisfactionJSON(figures: group.satisfaction), forKey: .satisfaction)
        }
    }

    struct TimerJSON: Encodable {
        var figures: TimerFigures
        enum Key: String, CodingKey { case met, missed, running, met_pct, p50_seconds, p90_seconds }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(figures.met, forKey: .met)
            try c.encode(figures.missed, forKey: .missed)
            try c.encode(figures.running, forKey: .running)
            try c.encode(figures.metPercent.map(ReportPresenter.rounded), forKey: .met_pct)
            try c.encode(figures.p50, forKey: .p50_seconds)
            try c.encode(figures.p90, forKey: .p90_seconds)
        }
    }

    struct SatisfactionJSON: Encodable {
        var figures: SatisfactionFigures
        enum Key: String, CodingKey { case count, average }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(figures.count, forKey: .count)
            try c.encode(figures.average.map(ReportPresenter.rounded), forKey: .average)
        }
    }

    /// To one decimal: 2 of 3 met is 66.7.
    static func rounded(_ value: Double) -> Double { (value * 10).rounded() / 10 }

    /// One decimal, always shown (`66.7`, `100.0`), as text and CSV print it.
    static func decimal(_ value: Double) -> String {
        let tenths = Int(rounded(value) * 10)
        return "\(tenths / 10).\(abs(tenths % 10))"
    }

    public static func json(_ report: DeskReport) -> String { CallReport.json(ReportJSON(report: report)) }

    // MARK: text

    /// The report for people: a heading, then per group its counts, a line per timer and the
    /// satisfaction, then the total.
    public static func text(_ report: DeskReport, _ context: Context) -> String {
        let t = context.strings
        var heading: [String: String] = ["from": report.days.lowerBound.description, "to": report.days.upperBound.description,
                                         "now": TimeText.dateTime(context.now, in: context.zone)]
        if let grouping = report.grouping { heading["grouping"] = t(.grouping(grouping)) }
        var lines = [t(report.grouping == nil ? .reportHeading : .reportHeadingBy, heading)]
        guard report.total.received > 0 else { return (lines + ["", t(.reportNoCalls)]).joined(separator: "\n") }
        let labels = report.total.timers.map { DisplayText.sanitized(t.timerLabel($0.timer, policy: context.policy)) }
        let width = max(12, (labels.map { DisplayText.width($0) }.max() ?? 0) + 2)
        func block(_ title: String, _ group: ReportGroup) {
            lines.append("")
            lines.append(title)
            lines.append("  " + t(.reportCounts, ["received": "\(group.received)", "resolved": "\(group.resolved)", "closed": "\(group.closed)",
                                                  "reopened": "\(group.reopened)", "repeats": "\(group.repeats)", "cancelled": "\(group.cancelled)"]))
            for (timer, label) in zip(group.timers, labels) {
                let percent = timer.metPercent.map { t(.reportPercent, ["percent": decimal($0)]) } ?? "-"
                lines.append("  " + DisplayText.fit(label, width) + t(.reportTimer, [
                    "met": "\(timer.met)", "missed": "\(timer.missed)", "running": "\(timer.running)", "percent": percent,
                    "p50": timer.p50.map(DurationText.span) ?? "-", "p90": timer.p90.map(DurationText.span) ?? "-"]))
            }
            lines.append("  " + (group.satisfaction.average.map { t(.reportSatisfaction, ["average": decimal($0), "count": "\(group.satisfaction.count)"]) }
                                 ?? t(.reportSatisfactionNone)))
        }
        for group in report.groups { block(keyText(group.key, report.grouping, context), group) }
        block(t(.reportTotal), report.total)
        return lines.joined(separator: "\n")
    }

    /// A group's key in words: `(none)` for calls without one; a customer's record with its name.
    static func keyText(_ key: String?, _ grouping: ReportGrouping?, _ context: Context) -> String {
        let t = context.strings
        guard let key else { return t(.reportNoKey) }
        switch grouping {
        case .customer:
            return context.customerNames[key].map { t(.reportCustomerKey, ["customer": DisplayText.sanitized(key), "name": DisplayText.sanitized($0)]) }
                ?? DisplayText.sanitized(key)
        case .level: return t(.level, ["level": key])
        case .cause: return ResolutionText.cause(key, policy: context.policy, strings: t)
        default: return DisplayText.sanitized(key)
        }
    }

    // MARK: CSV

    /// One row per group and one for the total, headed in the run's language: the key, the
    /// counts, then per timer met, missed, running, met % (one decimal) and p50 and p90 in
    /// seconds (numbers a spreadsheet can compute with), then satisfaction. An empty cell: none.
    public static func csvRows(_ report: DeskReport, _ context: Context) -> [[String]] {
        let t = context.strings
        var header = [t(.grouping(report.grouping ?? .level)).capitalizedFirst, t(.csvReceived), t(.csvResolved), t(.csvClosed), t(.csvReopened),
                      t(.csvRepeats), t(.csvCancelled)]
        if report.grouping == nil { header[0] = "" }
        for timer in report.total.timers {
            let label = ["timer": t.timerLabel(timer.timer, policy: context.policy)]
            header += [t(.csvTimerMet, label), t(.csvTimerMissed, label), t(.csvTimerRunning, label), t(.csvTimerMetPercent, label),
                       t(.csvTimerP50, label), t(.csvTimerP90, label)]
        }
        header += [t(.csvSatisfactionCount), t(.csvSatisfactionAverage)]
        func row(_ key: String, _ group: ReportGroup) -> [String] {
            var cells = [key, "\(group.received)", "\(group.resolved)", "\(group.closed)", "\(group.reopened)", "\(group.repeats)", "\(group.cancelled)"]
            for timer in group.timers {
                cells += ["\(timer.met)", "\(timer.missed)", "\(timer.running)", timer.metPercent.map(decimal) ?? "",
                          timer.p50.map { "\($0)" } ?? "", timer.p90.map { "\($0)" } ?? ""]
            }
            return cells + ["\(group.satisfaction.count)", group.satisfaction.average.map(decimal) ?? ""]
        }
        // The key as the desk wrote it (a spreadsheet filters on it), or `(none)`.
        return [header] + report.groups.map { row($0.key.map(DisplayText.sanitized) ?? t(.reportNoKey), $0) } + [row(t(.reportTotal), report.total)]
    }
}

extension String {
    /// `level` → `Level`; Chinese unchanged.
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
