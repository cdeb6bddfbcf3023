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
            if case .releveled(_, let level, let reason) = event.change {
                lines.append("Releveled to level \(level.rawValue) on \(when(event.occurredAt)) by \(s(event.actor)) (\(s(reason))); targets are counted from the original intake time.")
            }
            if case .retimed(_, let number, let reason) = event.change {
                lines.append("Retimed under policy #\(number) on \(when(event.occurredAt)) by \(s(event.actor)) (\(s(reason))).")
            }
        }
        let timers = SLAEngine.schedules(for: call, policy: policy)
        if timers.isEmpty { lines.append("No rule of the policy sets a timer for this call.") }
        for schedule in timers {
            lines.append("")
            lines += explain(schedule, call: call, policy: policy, now: now, when: when)
        }
        return lines.joined(separator: "\n")
    }

    static func attributes(_ call: ServiceCall) -> String {
        let level = call.intake.level.map { "Level \($0.rawValue)" } ?? "Level not set"
        var parts = [level, "region " + (call.intake.region ?? "not set")]
        if let tier = call.intake.tier { parts.append("tier " + tier) }
        if let kind = call.intake.kind { parts.append("kind " + kind) }
        return parts.joined(separator: ", ") + "."
    }

    static func explain(_ schedule: TimerSchedule, call: ServiceCall, policy: SLAPolicy, now: Date, when: (Date) -> String) -> [String] {
        let reading = schedule.reading(at: now)
        let calendar = policy.calendar(named: schedule.calendar)
        let rule = policy.rules.first { $0.name == schedule.rule }
        var lines: [String] = []
        let source = rule.map { "rule \"\($0.name)\" (\($0.match.description)" + ($0.line > 0 ? ", policy line \($0.line)" : "") + ")" } ?? "rule \"\(schedule.rule)\""
        lines.append("\(schedule.name.label.prefix(1).uppercased() + schedule.name.label.dropFirst()): \(DurationText.span(schedule.target)) \(calendarPhrase(calendar)), from \(source).")
        lines.append("  Calendar: " + describe(calendar))
        let pauses = call.pauses.compactMap { pause -> DateInterval? in
            let end = min(pause.end ?? .distantFuture, schedule.stoppedAt ?? .distantFuture)
            return end > pause.start ? DateInterval(start: pause.start, end: end) : nil
        }
        if let deadline = schedule.deadline, let worked = calendar.advance(schedule.startedAt, by: schedule.target, excluding: pauses) {
            lines.append("  Counted:")
            lines += counted(worked.segments, calendar: calendar, total: schedule.target)
            lines.append("  Due \(when(deadline)).")
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

    static func calendarPhrase(_ calendar: BusinessCalendar) -> String {
        calendar.alwaysOpen ? "round the clock" : "of \(calendar.name) time"
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
        if !calendar.holidays.isEmpty { text += "; closed on \(calendar.holidays.count) public holiday(s)" }
        if !calendar.workingDays.isEmpty { text += "; open on \(calendar.workingDays.count) make-up working day(s)" }
        return text + ". A request outside these hours counts from the next opening."
    }

    /// The counted stretches, day by day, with the closed days between them and why they were closed.
    static func counted(_ segments: [BusinessCalendar.Segment], calendar: BusinessCalendar, total: Int) -> [String] {
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
        var previousDay: LocalDate?
        for segment in segments {
            let day = LocalDate(segment.start, in: zone)
            if let previousDay, day.dayNumber > previousDay.dayNumber + 1 {
                for skipped in (previousDay.dayNumber + 1)..<day.dayNumber {
                    let date = LocalDate(dayNumber: skipped)
                    let why = calendar.day(date).kind == .holiday ? "public holiday, closed" : "closed"
                    lines.append("    \(LocalDate.weekdayLabels[date.weekday]) \(date)   \(why)")
                }
            }
            previousDay = day
            let note = calendar.day(day).kind == .makeUpWorkingDay ? "   (make-up working day)" : ""
            let end = LocalDate(segment.end, in: zone) == day ? String(TimeText.clock(segment.end, in: zone).prefix(5)) : "24:00"
            lines.append("    \(LocalDate.weekdayLabels[day.weekday]) \(day) \(TimeText.clock(segment.start, in: zone).prefix(5))-\(end)   \(DurationText.span(segment.seconds))\(note)")
        }
        return lines + ["    = \(DurationText.span(total))"]
    }

    static func dayName(_ date: Date, _ zone: TimeZone) -> String {
        LocalDate.weekdayLabels[LocalDate(date, in: zone).weekday]
    }
}
