import CallboardCore
import CallboardStore
import Foundation

/// A call as `show` prints it and as `show --json` / `list --json` give it to scripts.
public enum CallReport {
    // MARK: JSON

    public struct TimerJSON: Encodable {
        var reading: TimerReading
        var zone: TimeZone

        enum Key: String, CodingKey {
            case name, target_seconds, calendar, rule, started_at, deadline, state, remaining_seconds, stopped_at, breach, owed
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(reading.name.rawValue, forKey: .name)
            try c.encode(reading.target, forKey: .target_seconds)
            try c.encode(reading.calendar, forKey: .calendar)
            try c.encode(reading.rule, forKey: .rule)
            try c.encode(TimeText.iso(reading.startedAt, in: zone), forKey: .started_at)
            try c.encode(reading.deadline.map { TimeText.iso($0, in: zone) }, forKey: .deadline)
            try c.encode(reading.state.rawValue, forKey: .state)
            try c.encode(reading.remaining, forKey: .remaining_seconds)
            try c.encode(reading.stoppedAt.map { TimeText.iso($0, in: zone) }, forKey: .stopped_at)
            try c.encode(reading.breach, forKey: .breach)
            try c.encode(reading.owed != nil, forKey: .owed)
        }
    }

    struct PauseJSON: Encodable {
        var pause: Pause
        var zone: TimeZone

        enum Key: String, CodingKey { case start, end, reason }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(TimeText.iso(pause.start, in: zone), forKey: .start)
            try c.encode(pause.end.map { TimeText.iso($0, in: zone) }, forKey: .end)
            try c.encode(pause.reason, forKey: .reason)
        }
    }

    public struct HistoryJSON: Encodable {
        var event: Event
        var state: DeskState
        var zone: TimeZone

        enum Key: String, CodingKey { case at, recorded_at, by, event, text }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(TimeText.iso(event.occurredAt, in: zone), forKey: .at)
            try c.encode(TimeText.iso(event.recordedAt, in: zone), forKey: .recorded_at)
            try c.encode(event.actor, forKey: .by)
            try c.encode(EventCodec.typeName(event.change), forKey: .event)
            try c.encode(EventDescription.text(event.change, state: state), forKey: .text)
        }
    }

    public struct CallJSON: Encodable {
        var call: ServiceCall
        var state: DeskState
        var timers: [TimerReading]
        var zone: TimeZone
        var includeHistory: Bool

        enum Key: String, CodingKey {
            case id, status, paused, level, region, tier, kind, technician, customer, phone, summary, product, serial, channel, policy
            case received_at, responded_at, assigned_at, departed_at, arrived_at, resolved_at, closed_at
            case timers, owed, pauses, history
            case purchased, defect, warranty_until, in_warranty, replacement_due, refund_due, cancelled, escalations, offered_to
            case customer_id, address, contact, related
            case cause, fix, parts
            case accepted_at, awaiting_acceptance
            case satisfaction
        }

        /// `{"call": "C-0002", "reason": "repeat: C-0002 on the same unit was closed less than 72h before"}`.
        struct RelatedJSON: Encodable {
            var call: String
            var reason: String
            /// Where that call stands now, when the desk holds it (`show` reads them).
            var status: String?
        }

        /// The follow-up (回访): the last score and what the customer said, when, and the calls
        /// that did not reach them since the latest fix; whether a return visit is owed.
        struct SatisfactionJSON: Encodable {
            var score: Int?
            var comment: String?
            var at: String?
            var attempts: Int
            var return_visit_owed: Bool
            func encode(to encoder: any Encoder) throws {
                enum Keys: String, CodingKey { case score, comment, at, attempts, return_visit_owed }
                var c = encoder.container(keyedBy: Keys.self)
                try c.encode(score, forKey: .score)
                try c.encode(comment, forKey: .comment)
                try c.encode(at, forKey: .at)
                try c.encode(attempts, forKey: .attempts)
                try c.encode(return_visit_owed, forKey: .return_visit_owed)
            }
        }
        struct PartJSON: Encodable {
            var part: String
            var count: Int
        }

        struct EscalationJSON: Encodable {
            var record: EscalationRecord
            var zone: TimeZone
            enum Key: String, CodingKey { case step, timer, notify, at, alerts, acknowledged_at, acknowledged_by }
            func encode(to encoder: Encoder) throws {
                var c = encoder.container(keyedBy: Key.self)
                try c.encode(record.step, forKey: .step)
                try c.encode(record.timer?.rawValue, forKey: .timer) // null: nobody accepted the call (automatic dispatch)
                try c.encode(record.notify, forKey: .notify)
                try c.encode(TimeText.iso(record.at, in: zone), forKey: .at)
                try c.encode(record.alerts, forKey: .alerts)
                try c.encode(record.acknowledgedAt.map { TimeText.iso($0, in: zone) }, forKey: .acknowledged_at)
                try c.encode(record.acknowledgedBy, forKey: .acknowledged_by)
            }
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            func iso(_ date: Date?) -> String? { date.map { TimeText.iso($0, in: zone) } }
            try c.encode(call.id.description, forKey: .id)
            try c.encode(call.status.rawValue, forKey: .status)
            try c.encode(call.isPaused, forKey: .paused)
            try c.encode(call.intake.level?.rawValue, forKey: .level)
            try c.encode(call.intake.region, forKey: .region)
            try c.encode(call.intake.tier, forKey: .tier)
            try c.encode(call.intake.kind, forKey: .kind)
            try c.encode(call.technician?.rawValue, forKey: .technician)
            try c.encode(call.intake.customer, forKey: .customer)
            try c.encode(call.intake.phone, forKey: .phone)
            try c.encode(call.intake.summary, forKey: .summary)
            try c.encode(call.intake.product, forKey: .product)
            try c.encode(call.intake.serial, forKey: .serial)
            try c.encode(call.intake.channel.rawValue, forKey: .channel)
            try c.encode(call.policyNumber, forKey: .policy)
            try c.encode(iso(call.receivedAt), forKey: .received_at)
            try c.encode(iso(call.respondedAt), forKey: .responded_at)
            try c.encode(iso(call.assignedAt), forKey: .assigned_at)
            try c.encode(iso(call.departedAt), forKey: .departed_at)
            try c.encode(iso(call.arrivedAt), forKey: .arrived_at)
            try c.encode(iso(call.resolvedAt), forKey: .resolved_at)
            try c.encode(iso(call.closedAt), forKey: .closed_at)
            try c.encode(timers.map { TimerJSON(reading: $0, zone: zone) }, forKey: .timers)
            let consequences = Consequences.of(call, in: state)
            try c.encode(Owed.list(timers: timers, consequences: consequences).map { OwedText.short($0) }, forKey: .owed)
            try c.encode(call.intake.purchased?.description, forKey: .purchased)
            try c.encode(call.intake.defect, forKey: .defect)
            try c.encode(consequences.warrantyEnds?.description, forKey: .warranty_until)
            try c.encode(consequences.inWarranty, forKey: .in_warranty)
            try c.encode(consequences.replacementDue?.map(\.description), forKey: .replacement_due)
            try c.encode(consequences.refundAfter?.description, forKey: .refund_due)
            try c.encode(call.cancelled, forKey: .cancelled)
            try c.encode(call.escalations.map { EscalationJSON(record: $0, zone: zone) }, forKey: .escalations)
            try c.encode(call.dispatchRequest?.technician.rawValue, forKey: .offered_to)
            try c.encode(call.pauses.map { PauseJSON(pause: $0, zone: zone) }, forKey: .pauses)
            try c.encode(call.intake.customerID?.rawValue, forKey: .customer_id)
            try c.encode(call.intake.address, forKey: .address)
            try c.encode(call.intake.contact.map { ["name": $0.name, "phone": $0.phone] }, forKey: .contact)
            let window = Timekeeper.policy(for: call, in: state).desk.repeatWithin
            try c.encode(call.intake.related.map {
                RelatedJSON(call: $0.call.description, reason: $0.message(window: window).description, status: state.calls[$0.call]?.status.rawValue)
            }, forKey: .related)
            // What fixed it (the last resolution, while the call stays resolved or closed).
            let resolution = call.resolution
            try c.encode(resolution?.cause, forKey: .cause)
            try c.encode(resolution?.fix, forKey: .fix)
            try c.encode((resolution?.parts ?? []).map { PartJSON(part: $0.part, count: $0.count) }, forKey: .parts)
            // Taking a job (接单): when the engineer assigned accepted it, and whether the
            // assignment still waits for them (a policy asking for acceptance).
            try c.encode(iso(call.acceptedAt), forKey: .accepted_at)
            try c.encode(JobAcceptance.waiting(call, timers: timers), forKey: .awaiting_acceptance)
            // The follow-up (回访); null until one is recorded.
            let satisfaction = FollowUps.satisfaction(of: call)
            try c.encode(satisfaction.isEmpty ? nil : SatisfactionJSON(score: satisfaction.score, comment: satisfaction.comment, at: iso(satisfaction.at),
                                                                      attempts: satisfaction.attempts, return_visit_owed: satisfaction.returnVisitOwed),
                         forKey: .satisfaction)
            if includeHistory {
                try c.encode(call.history.map { HistoryJSON(event: $0, state: state, zone: zone) }, forKey: .history)
            }
        }
    }

    /// JSON for scripts, with characters that could act on a terminal escaped.
    public static func json(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(value)) ?? Data("null".utf8)
        return TextRules.escapingUnsafe(json: String(decoding: data, as: UTF8.self))
    }

    /// Times are written with the offset of the policy the call is timed under (the desk's
    /// zone `fallback` for calls from before policies were recorded), so every console prints
    /// the same text for the same deadline.
    public static func zone(of call: ServiceCall, in state: DeskState, fallback: TimeZone) -> TimeZone {
        call.policyNumber.flatMap { state.policies[$0]?.zone } ?? fallback
    }

    public static func json(call: ServiceCall, state: DeskState, timekeeper: Timekeeper, now: Date, zone: TimeZone) -> String {
        json(CallJSON(call: call, state: state, timers: timekeeper.timers(for: call, in: state, at: now),
                      zone: Self.zone(of: call, in: state, fallback: zone), includeHistory: true))
    }

    public static func json(calls: [ServiceCall], state: DeskState, timekeeper: Timekeeper, now: Date, zone: TimeZone) -> String {
        jsonArray(calls.map { jsonObject(listing: $0, state: state, timekeeper: timekeeper, now: now, zone: zone) })
    }

    /// One call as a listing shows it (no history).
    public static func jsonObject(listing call: ServiceCall, state: DeskState, timekeeper: Timekeeper, now: Date, zone: TimeZone) -> String {
        json(CallJSON(call: call, state: state, timers: timekeeper.timers(for: call, in: state, at: now),
                      zone: Self.zone(of: call, in: state, fallback: zone), includeHistory: false))
    }

    /// Objects from `jsonObject` as one array, laid out as the encoder lays out an array (a listing
    /// of every call is made one call at a time, as old calls retire).
    public static func jsonArray(_ objects: [String]) -> String {
        guard !objects.isEmpty else { return json([String]()) }
        let indented = objects.map { $0.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n") }
        return "[\n" + indented.joined(separator: ",\n") + "\n]"
    }

    // MARK: text

    /// `show CALL` for people: every field, each timer with its deadline, and the history, in
    /// `strings`' language. What people wrote (the customer, the summary, reasons, notes) is shown
    /// as written.
    public static func text(call: ServiceCall, state: DeskState, timekeeper: Timekeeper, now: Date, zone desk: TimeZone,
                            strings t: UIStrings = .english) -> String {
        let zone = Self.zone(of: call, in: state, fallback: desk)
        let s = DisplayText.sanitized
        var lines: [String] = []
        let level = call.intake.level.map { t(.level, ["level": "\($0.rawValue)"]) } ?? t(.levelNotSet)
        let status = call.isPaused ? t(.statusWhilePaused, ["status": t(.status(call.status))]) : t(.status(call.status))
        let region = call.intake.region.map { t(.region, ["region": s($0)]) } ?? t(.regionNotSet)
        lines.append(t(.callHeading, ["call": call.id.description, "status": status, "level": level, "region": region]))
        func field(_ label: ReportText, _ value: String?) {
            guard let value else { return }
            lines.append(DisplayText.fit(t(label), 12) + s(value))
        }
        field(.fieldCustomer, call.intake.customer + (call.intake.customerID.map { "  (\($0))" } ?? ""))
        field(.fieldPhone, call.intake.phone)
        field(.fieldContact, call.intake.contact?.text)
        field(.fieldAddress, call.intake.address)
        field(.fieldSummary, call.intake.summary)
        field(.fieldProduct, call.intake.product)
        field(.fieldSerial, call.intake.serial)
        field(.fieldChannel, t(.channel(call.intake.channel)))
        field(.fieldTier, call.intake.tier)
        field(.fieldKind, call.intake.kind)
        field(.fieldReceived, TimeText.dateTime(call.receivedAt, in: zone) + " " + TimeText.offsetText(zone.secondsFromGMT(for: call.receivedAt)))
        field(.fieldTechnician, call.technician.map { id in state.technicians[id].map { "\(id) \($0.name)" + ($0.phone.map { "  \($0)" } ?? "") } ?? id.rawValue })
        field(.fieldPolicy, call.policyNumber.map { t(.policyNumber, ["number": "\($0)"]) } ?? t(.generalPromise))
        field(.fieldPurchased, call.intake.purchased?.description)
        field(.fieldDefect, call.intake.defect)
        let timers = timekeeper.timers(for: call, in: state, at: now)
        let consequences = Consequences.of(call, in: state)
        for owed in Owed.list(timers: timers, consequences: consequences) {
            field(.fieldOwed, OwedText.long(owed, strings: t, policy: Timekeeper.policy(for: call, in: state)))
        }
        if let ends = consequences.warrantyEnds, let inWarranty = consequences.inWarranty {
            field(.fieldWarranty, inWarranty ? t(.inWarranty, ["date": ends.description])
                                             : t(.outOfWarrantySince, ["date": ends.adding(days: 1).description]))
        }
        let window = Timekeeper.policy(for: call, in: state).desk.repeatWithin
        for related in call.intake.related {
            // As intake found it, and where that call stands now if that changed what it was.
            let now = state.calls[related.call].map(\.status)
            let changed = now.map { related.reason.isRepeat ? $0 != .closed : $0 == .closed || $0 == .cancelled } ?? false
            field(.fieldRelated, t[related.message(window: window)] + (changed ? t(.relatedNow, ["status": t(.status(now!))]) : ""))
        }
        if let resolution = call.resolution {
            if let code = resolution.cause { field(.fieldCause, ResolutionText.cause(code, policy: state.currentPolicy, strings: t)) }
            field(.fieldFix, resolution.fix)
            if !resolution.parts.isEmpty { field(.fieldParts, ResolutionText.parts(resolution.parts, strings: t)) }
        }
        if call.cancelled { field(.fieldCancelled, t(.yes)) }
        if let request = call.dispatchRequest {
            field(.fieldOfferedTo, t(.offeredUntil, ["tech": request.technician.rawValue, "until": TimeText.dateTime(request.until, in: zone),
                                                     "call": call.id.description]))
        }
        if let accepted = call.acceptedAt, let tech = call.technician {
            field(.fieldAccepted, t(.acceptedBy, ["tech": tech.rawValue, "time": TimeText.dateTime(accepted, in: zone)]))
        } else if JobAcceptance.waiting(call, timers: timers), let tech = call.technician {
            field(.fieldAccepted, t(.notAcceptedYet, ["tech": tech.rawValue, "call": call.id.description]))
        }
        let satisfaction = FollowUps.satisfaction(of: call)
        if !satisfaction.isEmpty {
            var words: [String] = []
            if let score = satisfaction.score, let at = satisfaction.at {
                words.append(t(.satisfactionScore, ["score": "\(score)", "time": TimeText.dateTime(at, in: zone)]) + (satisfaction.comment.map { t(.eventFollowUpComment, ["comment": $0]) } ?? ""))
            }
            if satisfaction.attempts > 0 { words.append(t(.satisfactionUnreachable, ["count": "\(satisfaction.attempts)"])) }
            field(.fieldSatisfaction, words.joined(separator: t(.semicolonSeparator)))
            if satisfaction.returnVisitOwed { field(.fieldOwed, t(.returnVisitOwed)) }
        }
        if !call.escalations.isEmpty {
            let waiting = call.pendingEscalations.count
            field(.fieldEscalated, t(waiting > 0 ? .escalatedWaiting : .escalatedAllAcknowledged,
                                     ["count": "\(call.escalations.count)", "waiting": "\(waiting)", "call": call.id.description]))
        }
        lines.append("")
        lines.append(t(.sectionTimers))
        let policy = Timekeeper.policy(for: call, in: state)
        for reading in timers {
            // A promise of a visit, kept by a fix made without one.
            let remote = reading.stoppedBy == .resolved && policy.timer(named: reading.name)?.stops.first == .arrived
            let uncertain = HolidayNotice.uncertainAfter(reading, policy: policy)
            let line = timerLine(reading, label: t.timerLabel(reading.name, policy: policy), zone: zone, uncertainAfter: uncertain, strings: t)
            lines.append("  " + (remote ? t(.fixedWithoutVisit, ["timer": line]) : line))
        }
        if !call.pauses.isEmpty {
            lines.append("")
            lines.append(t(.sectionPauses))
            for pause in call.pauses {
                let until = pause.end.map { TimeText.dateTime($0, in: zone) } ?? t(.pauseNow)
                lines.append("  " + t(.pauseSpan, ["start": TimeText.dateTime(pause.start, in: zone), "end": until, "reason": s(pause.reason)]))
            }
        }
        lines.append("")
        lines.append(t(.sectionHistory))
        for event in call.history {
            let who = DisplayText.fit(s(event.actor), 10)
            lines.append("  \(TimeText.dateTime(event.occurredAt, in: zone))  \(who)  \(s(EventDescription.text(event.change, state: state, strings: t)))")
        }
        return lines.joined(separator: "\n")
    }

    /// `on-site   target 12h   due 2026-11-24 20:12:00   warning, 1h 40m left`; a deadline
    /// counted past the policy's listed holidays (`uncertainAfter`) says it is uncertain.
    /// `label`: what people call the timer (UIStrings.timerLabel); its name if not given.
    public static func timerLine(_ reading: TimerReading, label: String? = nil, zone: TimeZone, uncertainAfter: LocalDate? = nil,
                                 strings t: UIStrings = .english) -> String {
        let due = reading.deadline.map { deadline in
            let at = TimeText.dateTime(deadline, in: zone)
            return uncertainAfter.map { t(.timerDueUncertain, ["deadline": at, "date": $0.description]) } ?? t(.timerDue, ["deadline": at])
        } ?? t(.timerDueWhenResumed)
        let calendar = DisplayText.sanitized(reading.calendar)
        let standing: String = switch reading.state {
        case .running, .warning: t(.timerLeft, ["state": t(.state(reading.state)), "span": DurationText.span(reading.remaining)])
        case .paused: t(.timerPausedLeft, ["span": DurationText.span(reading.remaining), "calendar": calendar])
        case .breached: t(.timerOverdue, ["span": DurationText.span(-reading.remaining)])
        case .met: t(.timerMetAt, ["time": TimeText.dateTime(reading.stoppedAt!, in: zone), "span": DurationText.span(reading.remaining)])
        case .missed: t(.timerMissedAt, ["time": TimeText.dateTime(reading.stoppedAt!, in: zone), "span": DurationText.span(-reading.remaining)])
        case .withdrawn: reading.remaining < 0
            ? t(.timerWithdrawnOverdue, ["time": TimeText.dateTime(reading.stoppedAt!, in: zone), "span": DurationText.span(-reading.remaining)])
            : t(.timerWithdrawnAt, ["time": TimeText.dateTime(reading.stoppedAt!, in: zone)])
        }
        let span = DurationText.span(reading.target)
        let target = reading.calendar == SLAPolicy.roundTheClock ? t(.timerTarget, ["span": span]) : t(.timerTargetOn, ["span": span, "calendar": calendar])
        return DisplayText.fit(DisplayText.sanitized(label ?? reading.name.rawValue), 10) + DisplayText.fit(target, 20) + "\(due)   \(standing)"
    }
}
