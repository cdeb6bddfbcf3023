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
    }

    /// The board's lines, each list whole (the console scrolls, a printout never cuts), clipped
    /// to `width` when given.
    public static func lines(_ state: DeskState, now: Date, zone: TimeZone, timekeeper: Timekeeper, width: Int?) -> [Line] {
        entries(state, now: now, zone: zone, timekeeper: timekeeper, width: width).map(\.line)
    }

    public static func entries(_ state: DeskState, now: Date, zone: TimeZone, timekeeper: Timekeeper, width: Int?) -> [Entry] {
        var lines: [Entry] = []
        func heading(_ text: String) { lines.append(Entry(line: Line([Span(text, .title)]), call: nil)) }
        func line(_ spans: Span..., call: CallID? = nil) { lines.append(Entry(line: Line(spans), call: call)) }
        func blank() { lines.append(Entry(line: Line([]), call: nil)) }

        // Timers at risk, and today's outcomes.
        struct AtRisk { var call: ServiceCall; var reading: TimerReading }
        var risks: [AtRisk] = []
        var met = [TimerName: Int](), due = [TimerName: Int]()
        let today = LocalDate(now, in: zone).dayNumber
        state.calls.forEach { call in
            for reading in timekeeper.timers(for: call, in: state, at: now) {
                if call.closedAt == nil, reading.state == .breached || reading.state == .warning { risks.append(AtRisk(call: call, reading: reading)) }
                // An outcome belongs to the day it was decided: a promise kept, the day it was
                // kept; a promise broken, the day of its deadline (a cancelled call's too).
                let decidedAt: Date? = switch reading.state {
                case .met: reading.stoppedAt
                case .missed, .breached: reading.deadline
                default: nil
                }
                guard let decidedAt, LocalDate(decidedAt, in: zone).dayNumber == today else { continue }
                due[reading.name, default: 0] += 1
                if reading.state == .met { met[reading.name, default: 0] += 1 }
            }
        }
        let compliance = TimerName.allCases.map { timer -> String in
            let total = due[timer] ?? 0, kept = met[timer] ?? 0
            return total == 0 ? "\(timer.label) -" : "\(timer.label) \(kept)/\(total) met (\(Int((Double(kept) * 100 / Double(total)).rounded()))%)"
        }
        heading("Supervisor board · \(TimeText.dateTime(now, in: zone))")
        line(Span("Today's promises: ", .muted), Span(compliance.joined(separator: " · ")))
        var oldest: ServiceCall?
        var unassigned: [ServiceCall] = []
        state.forEachOpenCall { call in
            if oldest == nil || call.receivedAt < oldest!.receivedAt { oldest = call }
            if call.technician == nil, call.isActive { unassigned.append(call) }
        }
        if let oldest {
            line(Span("Oldest open call: ", .muted), Span("\(oldest.id) \(oldest.intake.customer), open \(DurationText.span(Int(now.timeIntervalSince(oldest.receivedAt))))"))
        }
        line(Span("Unassigned: ", .muted), Span("\(unassigned.count)", unassigned.isEmpty ? .plain : .warning),
             Span(unassigned.isEmpty ? "" : "  " + unassigned.map(\.id.description).joined(separator: " ")))
        blank()

        let breached = risks.filter { $0.reading.state == .breached }, warning = risks.filter { $0.reading.state == .warning }
        let breachedCalls = Set(breached.map(\.call.id)).count, warningCalls = Set(warning.map(\.call.id)).count
        heading("Promises breached (\(breached.count) on \(breachedCalls) calls) and about to breach (\(warning.count) on \(warningCalls))")
        func groups(_ key: (AtRisk) -> String) -> String {
            var counts: [String: (Int, Int)] = [:]
            for risk in risks {
                let k = key(risk)
                var c = counts[k] ?? (0, 0)
                if risk.reading.state == .breached { c.0 += 1 } else { c.1 += 1 }
                counts[k] = c
            }
            return counts.sorted { $0.key < $1.key }.map { "\($0.key) ✗\($0.value.0) ▲\($0.value.1)" }.joined(separator: " · ")
        }
        if !risks.isEmpty {
            line(Span("by level: ", .muted), Span(groups { $0.call.intake.level.map { "L\($0.rawValue)" } ?? "L-" }))
            line(Span("by region: ", .muted), Span(groups { $0.call.intake.region ?? "-" }))
            line(Span("by technician: ", .muted), Span(groups { $0.call.technician?.rawValue ?? "unassigned" }))
        }
        let ordered = breached.sorted { ($0.reading.remaining, $0.call.id) < ($1.reading.remaining, $1.call.id) }
            + warning.sorted { ($0.reading.remaining, $0.call.id) < ($1.reading.remaining, $1.call.id) }
        for risk in ordered {
            let r = risk.reading
            let cell = TimerCell.cell(r, wide: true)
            line(Span("  " + DisplayText.fit(risk.call.id.description, 7)),
                 Span(DisplayText.fit(risk.call.intake.level.map { "L\($0.rawValue)" } ?? "-", 3)),
                 Span(DisplayText.fit(risk.call.intake.region ?? "-", 9), .muted),
                 Span(DisplayText.fit(risk.call.technician?.rawValue ?? "-", 5)),
                 Span(DisplayText.fit(r.name.label, 9)),
                 Span(DisplayText.fit(cell.text, 20), cell.role),
                 Span(risk.call.intake.customer), call: risk.call.id)
        }
        blank()

        lines += offers(state, now: now, zone: zone)

        var pending: [(ServiceCall, EscalationRecord)] = []
        state.forEachOpenCall { call in for e in call.pendingEscalations { pending.append((call, e)) } }
        heading("Escalations waiting for acknowledgment (\(pending.count))")
        for (call, e) in pending.sorted(by: { $0.1.at < $1.1.at }) {
            line(Span("  ✗ ", .alert), Span("\(call.id) "), Span("\(e.step)", .alert),
                 Span(" · \(e.timer?.label ?? "automatic dispatch") · \(e.notify) told at \(TimeText.clock(e.at, in: zone)) · alerted \(e.alerts)× · ", .muted),
                 Span("callboard ack \(call.id)", .key), call: call.id)
        }
        blank()

        heading("Technicians")
        let load = state.rosterEntries.map { entry in
            "\(entry.technician.id) \(entry.technician.name) \(state.isOnDuty(entry.technician.shift, at: now, zone: zone) || entry.activity != .available ? entry.activity.label : "off shift") \(entry.openJobs)"
        }
        line(Span(load.joined(separator: " · ")))

        var owed: [String] = []
        let units = Consequences.unitHistory(in: state)
        state.forEachOpenCall { call in
            let c = Consequences.of(call, in: state, units: units)
            let reasons = timekeeper.timers(for: call, in: state, at: now).compactMap(\.owed)
                + [c.refundAfter.map { _ in "refund due" }, c.replacementDue.map { _ in "replacement due" }].compactMap { $0 }
            if !reasons.isEmpty { owed.append("\(call.id) " + reasons.joined(separator: ", ")) }
        }
        if !owed.isEmpty {
            blank()
            heading("Owed to customers (\(owed.count))")
            line(Span(owed.joined(separator: " · "), .alert))
        }
        guard let width else { return lines }
        return lines.map { Entry(line: Panel.clip($0.line.spans, width: width), call: $0.call) }
    }

    /// Calls automatic dispatch offered to an on-call engineer who has not answered yet, the
    /// soonest to lapse first: at night, the calls nobody has taken yet. Nothing when none.
    static func offers(_ state: DeskState, now: Date, zone: TimeZone) -> [Entry] {
        var offers: [(call: ServiceCall, technician: TechnicianID, until: Date)] = []
        state.forEachOpenCall { call in
            if call.technician == nil, let offer = call.dispatchRequest { offers.append((call, offer.technician, offer.until)) }
        }
        guard !offers.isEmpty else { return [] }
        var lines = [Entry(line: Line([Span("Offers waiting for an answer (\(offers.count))", .title)]), call: nil)]
        for offer in offers.sorted(by: { ($0.until, $0.call.id) < ($1.until, $1.call.id) }) {
            let name = state.technicians[offer.technician].map { " \($0.name)" } ?? ""
            let left = Int(offer.until.timeIntervalSince(now))
            let asked = offer.call.lapsed.isEmpty ? "" : " · not accepted by " + offer.call.lapsed.map(\.rawValue).joined(separator: ", ")
            lines.append(Entry(line: Line([Span("  ▸ ", .warning), Span("\(offer.call.id) "), Span(offer.call.intake.level.map { "L\($0.rawValue) " } ?? ""),
                               Span("offered to \(offer.technician)\(name) until \(TimeText.clock(offer.until, in: zone).prefix(5))"),
                               Span(left > 0 ? " (\(DurationText.span(left)) left)" : " (lapsed)", left > 0 ? .muted : .warning),
                               Span(" · \(offer.call.intake.customer)\(asked) · ", .muted), Span("callboard accept \(offer.call.id)", .key)]),
                               call: offer.call.id))
        }
        lines.append(Entry(line: Line([]), call: nil))
        return lines
    }
}
