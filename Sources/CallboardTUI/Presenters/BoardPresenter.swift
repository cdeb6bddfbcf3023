import CallboardCore
import Foundation

/// The supervisor board: what is breached or about to be (grouped by level, region and
/// technician), today's compliance, the oldest open call, unassigned calls, each technician's
/// load, escalations waiting for someone to take charge, and what is owed to customers. One
/// presenter for the console's board view and `callboard board --print`.
public enum BoardPresenter {
    /// One line of the board, and the call it is about when it is about one (the board view
    /// selects those: open the call, take charge of it, respond).
    public struct Entry: Sendable {
        public var line: Line
        public var call: CallID?
        /// The rest of a line too long for the screen, wrapped: selected with the line it
        /// continues, never on its own.
        public var continuation = false
        /// A list of items, each a span: wrapped between them.
        var wrapsBetweenSpans = false
    }

    /// How a line tells its reader to act on a call: printed, the command to type; in the
    /// console, the key of its board that does it (from that table, so what is refused there,
    /// on a wall display, is not offered).
    public enum Actions: Sendable {
        case commands
        case keys(KeyTable)
    }

    /// The board's lines, each list whole (the console scrolls, a printout never cuts): wrapped
    /// to `width` when given, in `strings`' language; customers, names and the policy's words
    /// (regions, steps) as they were written.
    public static func lines(_ state: DeskState, now: Date, zone: TimeZone, timekeeper: Timekeeper, width: Int?,
                             strings: UIStrings = .english) -> [Line] {
        entries(state, now: now, zone: zone, timekeeper: timekeeper, width: width, strings: strings).map(\.line)
    }

    public static func entries(_ state: DeskState, now: Date, zone: TimeZone, timekeeper: Timekeeper, width: Int?,
                               strings: UIStrings = .english, actions: Actions = .commands) -> [Entry] {
        var lines: [Entry] = []
        func heading(_ text: String) { lines.append(Entry(line: Line([Span(text, .title)]), call: nil)) }
        func line(_ spans: Span..., action: [Span] = [], call: CallID? = nil) { lines.append(Entry(line: Line(spans + action), call: call)) }
        func blank() { lines.append(Entry(line: Line([]), call: nil)) }
        // A timer by the label its call's policy gives it (the desk's current one for the totals).
        let s = strings
        func policy(of call: ServiceCall?) -> SLAPolicy? { call.map { Timekeeper.policy(for: $0, in: state) } ?? state.currentPolicy }
        func label(_ name: TimerName?, of call: ServiceCall? = nil) -> String {
            name.map { s.timerLabel($0, policy: policy(of: call)) } ?? s(.automaticDispatch)
        }
        /// How to do `act` to `call`: the console's key and its words, or the command printed.
        func action(_ act: Act, command: String, _ call: CallID) -> [Span] {
            switch actions {
            case .commands: return [Span("callboard \(command) \(call)", .key)]
            case .keys(let table):
                guard let binding = table.bindings.first(where: { $0.act == act }) else { return [] }
                return [Span(binding.label, .key), Span(" " + s[binding.help])]
            }
        }

        // Timers at risk.
        struct AtRisk { var call: ServiceCall; var reading: TimerReading }
        var risks: [AtRisk] = []
        state.forEachOpenCall { call in
            for reading in timekeeper.timers(for: call, in: state, at: now) where reading.state == .breached || reading.state == .warning {
                risks.append(AtRisk(call: call, reading: reading))
            }
        }
        let today = LocalDate(now, in: zone)
        let compliance = Compliance.outcomes(in: state, timekeeper: timekeeper, at: now, days: today...today, zone: zone).map { outcome in
            guard let share = outcome.share else { return s(.boardComplianceNone, ["timer": label(outcome.timer)]) }
            return s(.boardCompliance, ["timer": label(outcome.timer), "met": "\(outcome.met)", "decided": "\(outcome.decided)",
                                        "percent": "\(Int((share * 100).rounded()))"])
        }
        heading(s(.boardTitle, ["time": TimeText.dateTime(now, in: zone)]))
        line(Span(s(.boardPromises), .muted), Span(compliance.joined(separator: " · ")))
        var oldest: ServiceCall?
        var unassigned: [ServiceCall] = []
        state.forEachOpenCall { call in
            if oldest == nil || call.receivedAt < oldest!.receivedAt { oldest = call }
            if call.technician == nil, call.isActive { unassigned.append(call) }
        }
        if let oldest {
            line(Span(s(.boardOldest), .muted), Span(s(.boardOldestCall, ["call": oldest.id.description, "customer": oldest.intake.customer,
                                                                        "span": DurationText.span(Int(now.timeIntervalSince(oldest.receivedAt)))])))
        }
        line(Span(s(.boardUnassigned), .muted), Span("\(unassigned.count)", unassigned.isEmpty ? .plain : .warning))
        for call in unassigned {
            line(Span("  \(call.id) "), Span(call.intake.level.map { "L\($0.rawValue) " } ?? ""), Span((call.intake.region ?? "-") + " ", .muted),
                 Span(call.intake.customer), call: call.id)
        }
        blank()

        let breached = risks.filter { $0.reading.state == .breached }, warning = risks.filter { $0.reading.state == .warning }
        let breachedCalls = Set(breached.map(\.call.id)).count, warningCalls = Set(warning.map(\.call.id)).count
        heading(s(.boardAtRisk, ["breached": "\(breached.count)", "breachedCalls": "\(breachedCalls)",
                                 "warning": "\(warning.count)", "warningCalls": "\(warningCalls)"]))
        /// Each group a span, so a wrapped line breaks between groups.
        func groups(_ key: (AtRisk) -> String) -> [Span] {
            var counts: [String: (Int, Int)] = [:]
            for risk in risks {
                let k = key(risk)
                var c = counts[k] ?? (0, 0)
                if risk.reading.state == .breached { c.0 += 1 } else { c.1 += 1 }
                counts[k] = c
            }
            let items = counts.sorted { $0.key < $1.key }.map { "\($0.key) ✗\($0.value.0) ▲\($0.value.1)" }
            return items.enumerated().map { Span($0.element + ($0.offset < items.count - 1 ? " · " : "")) }
        }
        if !risks.isEmpty {
            lines.append(Entry(line: Line([Span(s(.boardByLevel), .muted)] + groups { $0.call.intake.level.map { "L\($0.rawValue)" } ?? "L-" }),
                               call: nil, wrapsBetweenSpans: true))
            lines.append(Entry(line: Line([Span(s(.boardByRegion), .muted)] + groups { $0.call.intake.region ?? "-" }), call: nil,
                               wrapsBetweenSpans: true))
            lines.append(Entry(line: Line([Span(s(.boardByTechnician), .muted)] + groups { $0.call.technician?.rawValue ?? s(.unassigned) }),
                               call: nil, wrapsBetweenSpans: true))
        }
        let ordered = breached.sorted { ($0.reading.remaining, $0.call.id) < ($1.reading.remaining, $1.call.id) }
            + warning.sorted { ($0.reading.remaining, $0.call.id) < ($1.reading.remaining, $1.call.id) }
        for risk in ordered {
            let r = risk.reading
            let cell = TimerCell.cell(r, wide: true, strings: s)
            line(Span("  " + DisplayText.fit(risk.call.id.description, 7)),
                 Span(DisplayText.fit(risk.call.intake.level.map { "L\($0.rawValue)" } ?? "-", 3)),
                 Span(DisplayText.fit(risk.call.intake.region ?? "-", 9), .muted),
                 Span(DisplayText.fit(risk.call.technician?.rawValue ?? "-", 5)),
                 Span(DisplayText.fit(label(r.name, of: risk.call), 9)),
                 Span(DisplayText.fit(cell.text, 20), cell.role),
                 Span(risk.call.intake.customer), call: risk.call.id)
        }
        blank()

        lines += offers(state, now: now, zone: zone, strings: s) { action(.assign, command: "accept", $0) }

        var pending: [(ServiceCall, EscalationRecord)] = []
        state.forEachOpenCall { call in for e in call.pendingEscalations { pending.append((call, e)) } }
        heading(s(.boardEscalations, ["count": "\(pending.count)"]))
        for (call, e) in pending.sorted(by: { $0.1.at < $1.1.at }) {
            line(Span("  ✗ ", .alert), Span("\(call.id) "), Span(s.stepLabel(e.step, policy: policy(of: call)), .alert),
                 Span(s(.boardEscalation, ["timer": label(e.timer, of: call), "notify": s.notifyLabel(e.notify),
                                           "time": TimeText.clock(e.at, in: zone), "count": "\(e.alerts)"]), .muted),
                 action: action(.acknowledge, command: "ack", call.id), call: call.id)
        }
        blank()

        heading(s(.boardTechnicians))
        let duty = state.dutyHours(at: now, zone: zone)
        for entry in state.rosterEntries where !state.isRetired(entry.technician.id) {
            let status = RosterPresenter.status(entry, duty: duty, strings: s)
            line(Span("  \(entry.technician.id) \(entry.technician.name) "), Span(status.text, status.role), Span(" \(entry.openJobs)"))
        }

        var owed: [(call: CallID, reasons: [String])] = []
        state.forEachOpenCall { call in
            let policy = Timekeeper.policy(for: call, in: state)
            let reasons = Owed.of(call, in: state, timekeeper: timekeeper, at: now).map { OwedText.short($0, strings: s, policy: policy) }
            if !reasons.isEmpty { owed.append((call.id, reasons)) }
        }
        if !owed.isEmpty {
            blank()
            heading(s(.boardOwed, ["count": "\(owed.count)"]))
            for (call, reasons) in owed { line(Span("  \(call) " + reasons.joined(separator: s(.listSeparator)), .alert), call: call) }
        }
        guard let width else { return lines }
        // Wrapped, never cut: every list is whole on any screen.
        return lines.flatMap { entry in
            Panel.wrap(entry.line.spans, width: width, indent: 4, betweenSpans: entry.wrapsBetweenSpans).enumerated().map { n, line in
                Entry(line: line, call: entry.call, continuation: n > 0)
            }
        }
    }

    /// Calls automatic dispatch offered to an on-call engineer who has not answered yet, the
    /// soonest to lapse first: at night, the calls nobody has taken yet. Nothing when none.
    /// `action` says how to act on one (accept it, or assign it from the console).
    static func offers(_ state: DeskState, now: Date, zone: TimeZone, strings s: UIStrings, action: (CallID) -> [Span]) -> [Entry] {
        var offers: [(call: ServiceCall, technician: TechnicianID, until: Date)] = []
        state.forEachOpenCall { call in
            if call.technician == nil, let offer = call.dispatchRequest { offers.append((call, offer.technician, offer.until)) }
        }
        guard !offers.isEmpty else { return [] }
        var lines = [Entry(line: Line([Span(s(.boardOffers, ["count": "\(offers.count)"]), .title)]), call: nil)]
        for offer in offers.sorted(by: { ($0.until, $0.call.id) < ($1.until, $1.call.id) }) {
            let name = state.technicians[offer.technician].map { " \($0.name)" } ?? ""
            let left = Int(offer.until.timeIntervalSince(now))
            let asked = offer.call.lapsed.isEmpty ? ""
                : s(.boardNotAcceptedBy, ["technicians": offer.call.lapsed.map(\.rawValue).joined(separator: s(.listSeparator))])
            lines.append(Entry(line: Line([Span("  ▸ ", .warning), Span("\(offer.call.id) "), Span(offer.call.intake.level.map { "L\($0.rawValue) " } ?? ""),
                               Span(s(.boardOffer, ["tech": "\(offer.technician)\(name)", "until": String(TimeText.clock(offer.until, in: zone).prefix(5))])),
                               Span(left > 0 ? s(.boardOfferLeft, ["span": DurationText.span(left)]) : s(.boardOfferLapsed), left > 0 ? .muted : .warning),
                               Span(" · \(offer.call.intake.customer)\(asked) · ", .muted)] + action(offer.call.id)),
                               call: offer.call.id))
        }
        lines.append(Entry(line: Line([]), call: nil))
        return lines
    }
}
