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
        /// What if (`report --policy`): the other policy the calls were timed under too.
        public var whatIf: WhatIf?

        public init(strings: UIStrings, policy: SLAPolicy?, customerNames: [String: String] = [:], now: Date, zone: TimeZone) {
            self.strings = strings
            self.policy = policy
            self.customerNames = customerNames
            self.now = now
            self.zone = zone
        }
    }

    /// The other policy of a what-if report, and the file it came from, as given.
    public struct WhatIf {
        public var path: String
        public var policy: SLAPolicy

        public init(path: String, policy: SLAPolicy) {
            self.path = path
            self.policy = policy
        }
    }

    /// A timer's label: the desk's policy's, else the other policy's (a timer only it has).
    static func label(_ timer: TimerName, _ context: Context) -> String {
        let policy = context.policy.flatMap { $0.timers.contains { $0.name == timer } ? $0 : nil } ?? context.whatIf?.policy ?? context.policy
        return context.strings.timerLabel(timer, policy: policy)
    }

    // MARK: JSON

    /// `{"from", "to", "by", "groups": [{"key", "received", …, "timers": {"response": {"met", …}}, "satisfaction"}], "total"}`.
    /// With `report --policy`, also `"what_if": {"policy", "groups": [{"key", "timers": {"response":
    /// {"breaches_now", "breaches_under_policy", "gained", "lost"}}}], "total"}`.
    struct ReportJSON: Encodable {
        var report: DeskReport
        var whatIfPath: String?
        enum Key: String, CodingKey { case from, to, by, groups, total, what_if }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(report.days.lowerBound.description, forKey: .from)
            try c.encode(report.days.upperBound.description, forKey: .to)
            try c.encode(report.grouping?.rawValue, forKey: .by)
            try c.encode(report.groups.map(GroupJSON.init), forKey: .groups)
            try c.encode(GroupJSON(group: report.total), forKey: .total)
            if let whatIfPath, report.isWhatIf { try c.encode(WhatIfJSON(report: report, path: whatIfPath), forKey: .what_if) }
        }
    }

    struct WhatIfJSON: Encodable {
        var report: DeskReport
        var path: String
        enum Key: String, CodingKey { case policy, groups, total }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(path, forKey: .policy)
            try c.encode(report.groups.map(WhatIfGroupJSON.init), forKey: .groups)
            try c.encode(WhatIfGroupJSON(group: report.total), forKey: .total)
        }
    }

    struct WhatIfGroupJSON: Encodable {
        var group: ReportGroup
        enum Key: String, CodingKey { case key, timers }
        enum TimerKey: String, CodingKey { case breaches_now, breaches_under_policy, gained, lost }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(group.key, forKey: .key)
            var timers = c.nestedContainer(keyedBy: GroupJSON.Name.self, forKey: .timers)
            for figures in group.whatIf {
                var timer = timers.nestedContainer(keyedBy: TimerKey.self, forKey: GroupJSON.Name(stringValue: figures.timer.rawValue))
                try timer.encode(figures.breachesNow, forKey: .breaches_now)
                try timer.encode(figures.breachesUnder, forKey: .breaches_under_policy)
                try timer.encode(figures.gained, forKey: .gained)
                try timer.encode(figures.lost, forKey: .lost)
            }
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

    public static func json(_ report: DeskReport, _ context: Context? = nil) -> String {
        CallReport.json(ReportJSON(report: report, whatIfPath: context?.whatIf?.path))
    }

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
        if let whatIf = context.whatIf, report.isWhatIf { lines += whatIfText(report, whatIf, context) }
        return lines.joined(separator: "\n")
    }

    /// What if: a heading naming the other policy's file, then per group and in total a line
    /// per timer: the breaches now and under that policy, gained and lost.
    static func whatIfText(_ report: DeskReport, _ whatIf: WhatIf, _ context: Context) -> [String] {
        let t = context.strings
        let labels = report.total.whatIf.map { DisplayText.sanitized(label($0.timer, context)) }
        let width = max(12, (labels.map { DisplayText.width($0) }.max() ?? 0) + 2)
        var lines = ["", t(.whatIfHeading, ["path": DisplayText.sanitized(whatIf.path)])]
        func block(_ title: String, _ group: ReportGroup) {
            lines.append("")
            lines.append(title)
            for (figures, label) in zip(group.whatIf, labels) {
                lines.append("  " + DisplayText.fit(label, width) + t(.whatIfTimer, [
                    "now": "\(figures.breachesNow)", "under": "\(figures.breachesUnder)", "gained": "\(figures.gained)", "lost": "\(figures.lost)"]))
            }
        }
        for group in report.groups { block(keyText(group.key, report.grouping, context), group) }
        block(t(.reportTotal), report.total)
        return lines
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
        // What if: per timer compared, the breaches now and under the other policy, gained, lost.
        let whatIf = context.whatIf != nil && report.isWhatIf
        if whatIf {
            for figures in report.total.whatIf {
                let label = ["timer": label(figures.timer, context)]
                header += [t(.csvWhatIfNow, label), t(.csvWhatIfUnder, label), t(.csvWhatIfGained, label), t(.csvWhatIfLost, label)]
            }
        }
        func row(_ key: String, _ group: ReportGroup) -> [String] {
            var cells = [key, "\(group.received)", "\(group.resolved)", "\(group.closed)", "\(group.reopened)", "\(group.repeats)", "\(group.cancelled)"]
            for timer in group.timers {
                cells += ["\(timer.met)", "\(timer.missed)", "\(timer.running)", timer.metPercent.map(decimal) ?? "",
                          timer.p50.map { "\($0)" } ?? "", timer.p90.map { "\($0)" } ?? ""]
            }
            cells += ["\(group.satisfaction.count)", group.satisfaction.average.map(decimal) ?? ""]
            if whatIf {
                for figures in group.whatIf { cells += ["\(figures.breachesNow)", "\(figures.breachesUnder)", "\(figures.gained)", "\(figures.lost)"] }
            }
            return cells
        }
        // The key as the desk wrote it (a spreadsheet filters on it), or `(none)`.
        return [header] + report.groups.map { row($0.key.map(DisplayText.sanitized) ?? t(.reportNoKey), $0) } + [row(t(.reportTotal), report.total)]
    }
}

extension String {
    /// `level` → `Level`; Chinese unchanged.
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
