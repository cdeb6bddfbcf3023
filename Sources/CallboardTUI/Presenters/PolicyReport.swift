import CallboardCore
import Foundation

/// `policy explain CALL`: how each of a call's deadlines was reached, in words a supervisor can
/// read out to a customer who disputes one. It walks the same calendar arithmetic that set the
/// deadlines, so what it says is what was computed.
public enum PolicyReport {
    public static func explain(call: ServiceCall, state: DeskState, now: Date) -> String {
        let policy = Timekeeper.policy(for: call, in: state)
        let zone = call.policyNumber == nil ? TimeZone(identifier: "UTC")! : policy.zone
        let s = DisplayText.sanitized
        func when(_ date: Date) -> String { dayName(date, zone) + " " + TimeText.dateTime(date, in: zone) + " " + TimeText.offsetText(zone.secondsFromGMT(for: date)) }
        func label(_ name: TimerName) -> String { UIStrings.english.timerLabel(name, policy: policy) }
        var lines: [String] = []
        lines.append("\(call.id)  \(s(call.intake.customer))")
        let policyName = call.policyNumber.map { "the desk's policy #\($0)" } ?? "the general promise (calls logged before the desk's policy was recorded)"
        lines.append("Timed under \(policyName).")
        lines.append("Received \(when(call.receivedAt)). " + attributes(call))
        for pause in call.pauses {
            let until = pause.end.map(when) ?? "now (still paused)"
            lines.append("Paused from \(when(pause.start)) to \(until): \(s(pause.reason)). Paused time does not count.")
        }
        for event in call.history {
            if case .releveled(_, let level, let from, let reason) = event.change {
                let before = from.map { "level \($0.rawValue)" } ?? "no level"
                lines.append("Releveled from \(before) to level \(level.rawValue) on \(when(event.occurredAt)) by \(s(event.actor)) (\(s(reason))); targets are counted from the original intake time.")
                // What the customer may have been told before: the deadlines under the old level.
                var earlier = call
                earlier.intake.level = from
                for schedule in SLAEngine.schedules(for: earlier, policy: policy) {
                    guard let deadline = schedule.deadline else { continue }
                    lines.append("  Under \(before) the \(label(schedule.name)) promise was \(targetPhrase(schedule.target, policy.calendar(named: schedule.calendar))), due \(when(deadline)).")
                }
            }
            if case .retimed(_, let number, let reason) = event.change {
                lines.append("Retimed under policy #\(number) on \(when(event.occurredAt)) by \(s(event.actor)) (\(s(reason))).")
            }
        }
        let timers = SLAEngine.schedules(for: call, policy: policy)
        let decided = policy.resolve(call.attributes)
        if decided.isEmpty { lines.append("No rule of the policy sets a timer for this call.") }
        for definition in policy.timers {
            if let schedule = timers.first(where: { $0.name == definition.name }) {
                lines.append("")
                lines += explain(schedule, label: label(schedule.name), call: call, policy: policy, now: now, when: when)
            } else if let (_, index, target) = decided.first(where: { $0.timer == definition.name }) {
                // Set by a rule, but its milestone has not come: a follow-up before the fix.
                let rule = policy.rules[index]
                lines.append("")
                lines.append("\(capitalized(label(definition.name))): \(targetPhrase(target.seconds, policy.calendar(named: target.calendar))), from rule \"\(rule.name)\" (\(rule.match.description)\(rule.line > 0 ? ", policy line \(rule.line)" : "")).")
                lines.append("  " + runs(definition))
                lines.append("  Not started: the call is not \(definition.starts.rawValue) yet.")
            }
        }
        // Everything here may come from the journal (a call's words, a policy's names), and a
        // forged record could carry escape sequences: no line reaches the terminal raw.
        return lines.map(DisplayText.sanitized).joined(separator: "\n")
    }

    static func attributes(_ call: ServiceCall) -> String {
        let level = call.intake.level.map { "Level \($0.rawValue)" } ?? "Level not set"
        var parts = [level, "region " + (call.intake.region ?? "not set")]
        if let tier = call.intake.tier { parts.append("tier " + tier) }
        if let kind = call.intake.kind { parts.append("kind " + kind) }
        return parts.joined(separator: ", ") + "."
    }

    static func explain(_ schedule: TimerSchedule, label: String, call: ServiceCall, policy: SLAPolicy, now: Date, when: (Date) -> String) -> [String] {
        let reading = schedule.reading(at: now)
        let calendar = policy.calendar(named: schedule.calendar)
        let rule = policy.rules.indices.contains(schedule.ruleIndex) ? policy.rules[schedule.ruleIndex] : nil
        var lines: [String] = []
        let source = rule.map { "rule \"\($0.name)\" (\($0.match.description)" + ($0.line > 0 ? ", policy line \($0.line)" : "") + ")" } ?? "rule \"\(schedule.rule)\""
        lines.append("\(capitalized(label)): \(targetPhrase(schedule.target, calendar)), from \(source).")
        if let definition = policy.timer(named: schedule.name) {
            // Said for the timers a desk defined; the built-in ones count from intake, as README tells.
            let usual = TimerDefinition.builtIn(named: definition.name)
            if usual?.starts != definition.starts || usual?.stops != definition.stops {
                lines.append("  " + runs(definition) + " Started \(when(schedule.startedAt)).")
            }
        }
        lines.append("  Calendar: " + describe(calendar))
        let pauses = call.pauses.compactMap { pause -> DateInterval? in
            let end = min(pause.end ?? .distantFuture, schedule.stoppedAt ?? .distantFuture)
            return end > pause.start ? DateInterval(start: pause.start, end: end) : nil
        }
        if let deadline = schedule.deadline, let worked = calendar.advance(schedule.startedAt, by: schedule.target, excluding: pauses) {
            lines.append("  Counted:")
            lines += counted(worked.segments, from: schedule.startedAt, calendar: calendar, total: schedule.target)
            lines.append("  Due \(when(deadline)).")
            if let horizon = policy.holidayHorizon(passedBy: deadline, on: schedule.calendar) {
                lines.append("  " + HolidayNotice.explanation(horizon))
            }
        } else if let counted = schedule.countedBeforePause {
            lines.append("  \(DurationText.span(counted)) counted before the pause; \(DurationText.span(schedule.target - counted)) will be counted from when the call resumes.")
        }
        switch reading.state {
        case .met: lines.append("  Kept: stopped \(when(reading.stoppedAt!)), \(DurationText.span(reading.remaining)) before the deadline.")
        case .missed: lines.append("  Missed: stopped \(when(reading.stoppedAt!)), \(DurationText.span(-reading.remaining)) after the deadline.")
        case .breached: lines.append("  Breached: \(DurationText.span(-reading.remaining)) past the deadline and still running.")
        case .warning, .running: lines.append("  Running: \(DurationText.span(reading.remaining)) to go.")
        case .paused: lines.append("  Paused.")
        }
        if let breach = schedule.breach {
            lines.append(reading.owed != nil ? "  Because it was not kept: \(breach)." : "  If it is not kept: \(breach).")
        }
        return lines
    }

    /// "Follow-up" from "follow-up".
    static func capitalized(_ label: String) -> String { label.prefix(1).uppercased() + label.dropFirst() }

    /// "Counts from when the call is resolved until it is closed."
    static func runs(_ timer: TimerDefinition) -> String {
        let stops = timer.stops.map(\.rawValue)
        let until = stops.count < 2 ? stops.joined() : "the first of " + stops.dropLast().joined(separator: ", ") + " or " + stops.last!
        return "Counts from when the call is \(timer.starts.rawValue) until it is \(until)."
    }

    /// `policy check`'s line about the timers: each with what starts and stops it, and its labels.
    public static func timersSummary(_ policy: SLAPolicy) -> String {
        let timers = policy.timers.map { timer -> String in
            var labels: [String] = []
            for language in TimerDefinition.labelLanguages { if let label = timer.labels[language], !labels.contains(label) { labels.append(label) } }
            let named = labels.isEmpty ? "" : " (" + labels.joined(separator: " / ") + ")"
            let share = timer.warningShare.map { ", warning at \(Int(($0 * 100).rounded()))%" } ?? ""
            return "\(timer.name)\(named) from \(timer.starts.rawValue) until \(timer.stops.map(\.rawValue).joined(separator: " or "))\(share)"
        }
        return "Timers: " + timers.joined(separator: "; ") + "."
    }

    /// "24h round the clock", "8h of office time", "2 working days".
    public static func targetPhrase(_ seconds: Int, _ calendar: BusinessCalendar) -> String {
        if calendar.alwaysOpen { return "\(DurationText.span(seconds)) round the clock" }
        if calendar.countsWholeDays, seconds % 86_400 == 0 {
            let days = seconds / 86_400
            return days == 1 ? "1 working day" : "\(days) working days"
        }
        return "\(DurationText.span(seconds)) of \(calendar.name) time"
    }

    /// "Monday–Friday 08:00-18:00 (Asia/Shanghai); closed on 27 public holidays; open on 6 make-up working days."
    static func describe(_ calendar: BusinessCalendar) -> String {
        if calendar.alwaysOpen { return "24x7, every hour of every day." }
        var groups: [(first: Int, last: Int, hours: [BusinessCalendar.Hours])] = []
        for (day, hours) in calendar.weekly.enumerated() where !hours.isEmpty {
            if let last = groups.last, last.last == day - 1, last.hours == hours {
                groups[groups.count - 1].last = day
            } else {
                groups.append((day, day, hours))
            }
        }
        let week = groups.map { group in
            let days = group.first == group.last ? LocalDate.weekdayLabels[group.first]
                : "\(LocalDate.weekdayLabels[group.first])–\(LocalDate.weekdayLabels[group.last])"
            return days + " " + group.hours.map(\.description).joined(separator: ", ")
        }.joined(separator: "; ")
        var text = "\(calendar.name): \(week) (\(calendar.zone.identifier))"
        if !calendar.holidays.isEmpty { text += "; closed on public holidays (\(calendar.holidays.count) days listed)" }
        if !calendar.workingDays.isEmpty { text += "; open on make-up working days (\(calendar.workingDays.count) listed)" }
        return text + ". A request outside these hours counts from the next opening."
    }

    /// The counted stretches, day by day from the intake's day, with each day that counted
    /// nothing and why: closed, a public holiday, or paused.
    static func counted(_ segments: [BusinessCalendar.Segment], from start: Date, calendar: BusinessCalendar, total: Int) -> [String] {
        let zone = calendar.zone
        var lines: [String] = []
        if calendar.alwaysOpen {
            guard !segments.isEmpty else { return ["    nothing (due at once)"] }
            // Round the clock: one line per unpaused stretch.
            var merged: [BusinessCalendar.Segment] = []
            for segment in segments {
                if let previous = merged.last, previous.end == segment.start { merged[merged.count - 1].end = segment.end } else { merged.append(segment) }
            }
            for segment in merged {
                lines.append("    \(TimeText.dateTime(segment.start, in: zone)) to \(TimeText.dateTime(segment.end, in: zone))   \(DurationText.span(segment.seconds))")
            }
            return lines + ["    = \(DurationText.span(total))"]
        }
        let first = LocalDate(start, in: zone)
        let last = segments.last.map { LocalDate($0.start, in: zone) } ?? first
        for number in first.dayNumber...max(first.dayNumber, last.dayNumber) {
            let day = LocalDate(dayNumber: number)
            let label = "    \(LocalDate.weekdayLabels[day.weekday]) \(day)"
            let today = segments.filter { LocalDate($0.start, in: zone) == day }
            if today.isEmpty {
                let why: String = switch calendar.day(day).kind {
                case .holiday: "public holiday, closed"
                case .closed: "closed"
                case .open, .makeUpWorkingDay: number == first.dayNumber ? "received after closing" : "paused"
                }
                lines.append("\(label)   \(why)")
                continue
            }
            let note = calendar.day(day).kind == .makeUpWorkingDay ? "   (make-up working day)" : ""
            for segment in today {
                let end = LocalDate(segment.end, in: zone) == day ? String(TimeText.clock(segment.end, in: zone).prefix(5)) : "24:00"
                lines.append("\(label) \(TimeText.clock(segment.start, in: zone).prefix(5))-\(end)   \(DurationText.span(segment.seconds))\(note)")
            }
        }
        return lines + ["    = \(DurationText.span(total))"]
    }

    static func dayName(_ date: Date, _ zone: TimeZone) -> String {
        LocalDate.weekdayLabels[LocalDate(date, in: zone).weekday]
    }
}
