import CallboardCore
import Foundation

/// `policy explain CALL`: how each of a call's deadlines was reached, in words a supervisor can
/// read out to a customer who disputes one. It walks the same calendar arithmetic that set the
/// deadlines, so what it says is what was computed. In `strings`' language; the policy's own
/// words (rule and calendar names, regions, what a breach owes) as the policy wrote them.
public enum PolicyReport {
    public static func explain(call: ServiceCall, state: DeskState, now: Date, strings t: UIStrings = .english) -> String {
        let policy = Timekeeper.policy(for: call, in: state)
        let zone = call.policyNumber == nil ? TimeZone(identifier: "UTC")! : policy.zone
        let s = DisplayText.sanitized
        func when(_ date: Date) -> String {
            dayName(date, zone, strings: t) + " " + TimeText.dateTime(date, in: zone) + " " + TimeText.offsetText(zone.secondsFromGMT(for: date))
        }
        func label(_ name: TimerName) -> String { t.timerLabel(name, policy: policy) }
        func level(_ level: FaultLevel?) -> String { level.map { t(.level, ["level": "\($0.rawValue)"]) } ?? t(.noLevel) }
        var lines: [String] = []
        lines.append("\(call.id)  \(s(call.intake.customer))")
        lines.append(call.policyNumber.map { t(.explainUnderPolicy, ["number": "\($0)"]) } ?? t(.explainUnderGeneral))
        lines.append(t(.explainReceived, ["when": when(call.receivedAt), "attributes": attributes(call, strings: t)]))
        for pause in call.pauses {
            let until = pause.end.map(when) ?? t(.explainStillPaused)
            lines.append(t(.explainPaused, ["from": when(pause.start), "until": until, "reason": s(pause.reason)]))
        }
        for event in call.history {
            if case .releveled(_, let to, let from, let reason) = event.change {
                let before = level(from)
                lines.append(t(.explainReleveled, ["from": before, "to": level(to), "when": when(event.occurredAt), "actor": s(event.actor),
                                                   "reason": s(reason)]))
                // What the customer may have been told before: the deadlines under the old level.
                var earlier = call
                earlier.intake.level = from
                for schedule in SLAEngine.schedules(for: earlier, policy: policy) {
                    guard let deadline = schedule.deadline else { continue }
                    let target = targetPhrase(schedule.target, policy.calendar(named: schedule.calendar), strings: t)
                    lines.append("  " + t(.explainEarlierPromise, ["level": before, "timer": label(schedule.name), "target": target, "when": when(deadline)]))
                }
            }
            if case .retimed(_, let number, let reason) = event.change {
                lines.append(t(.explainRetimed, ["number": "\(number)", "when": when(event.occurredAt), "actor": s(event.actor), "reason": s(reason)]))
            }
        }
        let timers = SLAEngine.schedules(for: call, policy: policy)
        let decided = policy.resolve(call.attributes)
        if decided.isEmpty { lines.append(t(.explainNoRule)) }
        for definition in policy.timers {
            if let schedule = timers.first(where: { $0.name == definition.name }) {
                lines.append("")
                lines += explain(schedule, label: label(schedule.name), call: call, policy: policy, now: now, when: when, strings: t)
            } else if let (_, index, target) = decided.first(where: { $0.timer == definition.name }) {
                // Set by a rule, but its milestone has not come: a follow-up before the fix.
                let rule = policy.rules[index]
                lines.append("")
                lines.append(t(.explainTimer, ["timer": capitalized(label(definition.name)),
                                               "target": targetPhrase(target.seconds, policy.calendar(named: target.calendar), strings: t),
                                               "source": source(rule, policy: policy, strings: t)]))
                lines.append("  " + runs(definition, strings: t))
                lines.append("  " + t(.explainNotStarted, ["milestone": t(.of(definition.starts))]))
            }
        }
        // Everything here may come from the journal (a call's words, a policy's names), and a
        // forged record could carry escape sequences: no line reaches the terminal raw.
        return lines.map(DisplayText.sanitized).joined(separator: "\n")
    }

    /// "Level 2, region city, tier emergency".
    static func attributes(_ call: ServiceCall, strings t: UIStrings) -> String {
        var parts = [call.intake.level.map { t(.explainLevel, ["level": "\($0.rawValue)"]) } ?? t(.explainLevelNotSet),
                     call.intake.region.map { t(.region, ["region": $0]) } ?? t(.regionNotSet)]
        if let tier = call.intake.tier { parts.append(t(.tier, ["tier": tier])) }
        if let kind = call.intake.kind { parts.append(t(.kind, ["kind": kind])) }
        return parts.joined(separator: t(.listSeparator))
    }

    /// `rule "level 3 in the city" (level 3, region city, policy line 83)`: the rule by its label
    /// in this language where it has one (规则“市区 3 级”).
    static func source(_ rule: PolicyRule, policy: SLAPolicy, strings t: UIStrings) -> String {
        let match = describe(rule.match, strings: t)
        let name = t[policy.ruleLabel(rule.name, language: t.language)]
        return rule.line > 0 ? t(.explainRuleAtLine, ["rule": name, "match": match, "line": "\(rule.line)"])
                             : t(.explainRule, ["rule": name, "match": match])
    }

    /// What calls a rule is for: "level 1 or 2, region city", "every call". The one wording of a
    /// rule's conditions: `policy explain` and `policy check` both say it so.
    public static func describe(_ match: RuleMatch, strings t: UIStrings) -> String {
        var parts: [String] = []
        let or = t(.orSeparator)
        if let levels = match.levels {
            let names = levels.sorted().map { $0 == RuleMatch.noLevel ? t(.matchNoLevel) : String($0) }
            parts.append(t(.matchLevel, ["levels": names.joined(separator: or)]))
        }
        if let regions = match.regions { parts.append(t(.matchRegion, ["regions": regions.sorted().joined(separator: or)])) }
        if let tiers = match.tiers { parts.append(t(.matchTier, ["tiers": tiers.sorted().joined(separator: or)])) }
        if let kinds = match.kinds { parts.append(t(.matchKind, ["kinds": kinds.sorted().joined(separator: or)])) }
        return parts.isEmpty ? t(.matchEvery) : parts.joined(separator: t(.listSeparator))
    }

    static func explain(_ schedule: TimerSchedule, label: String, call: ServiceCall, policy: SLAPolicy, now: Date, when: (Date) -> String,
                        strings t: UIStrings) -> [String] {
        let reading = schedule.reading(at: now)
        let calendar = policy.calendar(named: schedule.calendar)
        let rule = policy.rules.indices.contains(schedule.ruleIndex) ? policy.rules[schedule.ruleIndex] : nil
        var lines: [String] = []
        let from = rule.map { source($0, policy: policy, strings: t) }
            ?? t(.explainRuleName, ["rule": t[policy.ruleLabel(schedule.rule, language: t.language)]])
        lines.append(t(.explainTimer, ["timer": capitalized(label), "target": targetPhrase(schedule.target, calendar, strings: t), "source": from]))
        if let definition = policy.timer(named: schedule.name) {
            // Said for the timers a desk defined; the built-in ones count from intake, as README tells.
            let usual = TimerDefinition.builtIn(named: definition.name)
            if usual?.starts != definition.starts || usual?.stops != definition.stops {
                lines.append("  " + t(.explainStarted, ["runs": runs(definition, strings: t), "when": when(schedule.startedAt)]))
            }
        }
        lines.append("  " + t(.explainCalendar, ["calendar": describe(calendar, strings: t)]))
        let pauses = call.pauses.compactMap { pause -> DateInterval? in
            let end = min(pause.end ?? .distantFuture, schedule.stoppedAt ?? .distantFuture)
            return end > pause.start ? DateInterval(start: pause.start, end: end) : nil
        }
        if let deadline = schedule.deadline, let worked = calendar.advance(schedule.startedAt, by: schedule.target, excluding: pauses) {
            lines.append("  " + t(.explainCounted))
            lines += counted(worked.segments, from: schedule.startedAt, calendar: calendar, total: schedule.target, strings: t)
            lines.append("  " + t(.explainDue, ["when": when(deadline)]))
            if let horizon = policy.holidayHorizon(passedBy: deadline, on: schedule.calendar) {
                lines.append("  " + HolidayNotice.explanation(horizon, strings: t))
            }
        } else if let counted = schedule.countedBeforePause {
            lines.append("  " + t(.explainCountedBeforePause, ["counted": DurationText.span(counted), "rest": DurationText.span(schedule.target - counted)]))
        }
        let line: String = switch reading.state {
        case .met: t(.explainKept, ["when": when(reading.stoppedAt!), "span": DurationText.span(reading.remaining)])
        case .missed: t(.explainMissed, ["when": when(reading.stoppedAt!), "span": DurationText.span(-reading.remaining)])
        case .breached: t(.explainBreached, ["span": DurationText.span(-reading.remaining)])
        case .warning, .running: t(.explainRunning, ["span": DurationText.span(reading.remaining)])
        case .paused: t(.explainPausedNow)
        case .withdrawn: reading.remaining < 0
            ? t(.explainWithdrawnOverdue, ["when": when(reading.stoppedAt!), "span": DurationText.span(-reading.remaining)])
            : t(.explainWithdrawn, ["when": when(reading.stoppedAt!)])
        }
        lines.append("  " + line)
        if let breach = schedule.breach {
            let words = policy.breachWords(breach, language: t.language)
            lines.append("  " + t(reading.owed != nil ? .explainOwedBecause : .explainOwedIf, ["breach": words]))
        }
        return lines
    }

    /// "Follow-up" from "follow-up".
    static func capitalized(_ label: String) -> String { label.prefix(1).uppercased() + label.dropFirst() }

    /// "Counts from when the call is resolved until it is closed."
    static func runs(_ timer: TimerDefinition, strings t: UIStrings) -> String {
        let stops = timer.stops.map { t(.of($0)) }
        let until = stops.count < 2 ? stops.joined()
            : t(.explainFirstOf, ["list": stops.dropLast().joined(separator: t(.listSeparator)), "last": stops.last!])
        return t(.explainRuns, ["starts": t(.of(timer.starts)), "stops": until])
    }

    /// `policy check`'s line about the timers: each with what starts and stops it (as the policy
    /// names them: `starts: resolved`), and its labels.
    public static func timersSummary(_ policy: SLAPolicy, strings t: UIStrings = .english) -> String {
        let timers = policy.timers.map { timer -> String in
            var labels: [String] = []
            for language in TimerDefinition.labelLanguages { if let label = timer.labels[language], !labels.contains(label) { labels.append(label) } }
            let named = labels.isEmpty ? "" : " (" + labels.joined(separator: " / ") + ")"
            let share = timer.warningShare.map { t(.timerSummaryWarning, ["percent": "\(Int(($0 * 100).rounded()))"]) } ?? ""
            return t(.timerSummary, ["name": timer.name.rawValue, "labels": named, "starts": timer.starts.rawValue,
                                     "stops": timer.stops.map(\.rawValue).joined(separator: t(.orSeparator)), "warning": share])
        }
        return t(.timersSummary, ["timers": timers.joined(separator: t(.semicolonSeparator))])
    }

    /// "24h round the clock", "8h of office time", "2 working days".
    public static func targetPhrase(_ seconds: Int, _ calendar: BusinessCalendar, strings t: UIStrings = .english) -> String {
        if calendar.alwaysOpen { return t(.targetRoundTheClock, ["span": DurationText.span(seconds)]) }
        if calendar.countsWholeDays, seconds % 86_400 == 0 {
            let days = seconds / 86_400
            return days == 1 ? t(.targetOneDay) : t(.targetDays, ["days": "\(days)"])
        }
        return t(.targetOnCalendar, ["span": DurationText.span(seconds), "calendar": calendar.name])
    }

    /// "office: Monday–Friday 08:00-18:00 (Asia/Shanghai); closed on public holidays (27 days
    /// listed); open on make-up working days (6 listed). A request outside these hours …"
    static func describe(_ calendar: BusinessCalendar, strings t: UIStrings) -> String {
        if calendar.alwaysOpen { return t(.calendarAlwaysOpen) }
        var groups: [(first: Int, last: Int, hours: [BusinessCalendar.Hours])] = []
        for (day, hours) in calendar.weekly.enumerated() where !hours.isEmpty {
            if let last = groups.last, last.last == day - 1, last.hours == hours {
                groups[groups.count - 1].last = day
            } else {
                groups.append((day, day, hours))
            }
        }
        let week = groups.map { group in
            let days = group.first == group.last ? t(.weekday(group.first))
                : t(.calendarDays, ["first": t(.weekday(group.first)), "last": t(.weekday(group.last))])
            return days + " " + group.hours.map(\.description).joined(separator: t(.listSeparator))
        }.joined(separator: t(.semicolonSeparator))
        let holidays = calendar.holidays.isEmpty ? "" : t(.calendarHolidays, ["count": "\(calendar.holidays.count)"])
        let makeUp = calendar.workingDays.isEmpty ? "" : t(.calendarMakeUp, ["count": "\(calendar.workingDays.count)"])
        return t(.calendarHours, ["name": calendar.name, "week": week, "zone": calendar.zone.identifier, "holidays": holidays, "makeUp": makeUp])
    }

    /// The counted stretches, day by day from the intake's day, with each day that counted
    /// nothing and why: closed, a public holiday, or paused.
    static func counted(_ segments: [BusinessCalendar.Segment], from start: Date, calendar: BusinessCalendar, total: Int,
                        strings t: UIStrings) -> [String] {
        let zone = calendar.zone
        var lines: [String] = []
        if calendar.alwaysOpen {
            guard !segments.isEmpty else { return ["    " + t(.countedNothing)] }
            // Round the clock: one line per unpaused stretch.
            var merged: [BusinessCalendar.Segment] = []
            for segment in segments {
                if let previous = merged.last, previous.end == segment.start { merged[merged.count - 1].end = segment.end } else { merged.append(segment) }
            }
            for segment in merged {
                lines.append("    " + t(.countedSpan, ["start": TimeText.dateTime(segment.start, in: zone), "end": TimeText.dateTime(segment.end, in: zone),
                                                     "span": DurationText.span(segment.seconds)]))
            }
            return lines + ["    = \(DurationText.span(total))"]
        }
        let first = LocalDate(start, in: zone)
        let last = segments.last.map { LocalDate($0.start, in: zone) } ?? first
        for number in first.dayNumber...max(first.dayNumber, last.dayNumber) {
            let day = LocalDate(dayNumber: number)
            let label = "    \(t(.weekday(day.weekday))) \(day)"
            let today = segments.filter { LocalDate($0.start, in: zone) == day }
            if today.isEmpty {
                let why: ReportText = switch calendar.day(day).kind {
                case .holiday: .countedHoliday
                case .closed: .countedClosed
                case .open, .makeUpWorkingDay: number == first.dayNumber ? .countedAfterClosing : .countedPaused
                }
                lines.append(t(why, ["day": label]))
                continue
            }
            let note = calendar.day(day).kind == .makeUpWorkingDay ? t(.countedMakeUpDay) : ""
            for segment in today {
                let end = LocalDate(segment.end, in: zone) == day ? String(TimeText.clock(segment.end, in: zone).prefix(5)) : "24:00"
                lines.append("\(label) \(TimeText.clock(segment.start, in: zone).prefix(5))-\(end)   \(DurationText.span(segment.seconds))\(note)")
            }
        }
        return lines + ["    = \(DurationText.span(total))"]
    }

    static func dayName(_ date: Date, _ zone: TimeZone, strings t: UIStrings) -> String {
        t(.weekday(LocalDate(date, in: zone).weekday))
    }
}
