import Foundation

/// Which escalation steps are due for the desk's calls at `now`, and which unacknowledged
/// escalations should alert again (AutoDispatch's for a call nobody accepted too). Pure: a
/// console or `callboard watch` asks, then records what is due under the journal's lock after
/// asking again against the latest state, so each step is written exactly once however many
/// processes watch.
public enum Escalations {
    public static func due(in state: DeskState, at now: Date, timekeeper: Timekeeper) -> [Change] {
        var changes: [Change] = []
        // Who is told follows the desk's rules as they stand now; the deadlines are the call's.
        let deskPolicy = state.currentPolicy
        // Straight over the table, each call lent in place (a closure handed on copies it).
        state.calls.forEachChunk { calls, _ in
            guard let base = calls.baseAddress else { return }
            for index in 0..<calls.count where base[index].closedAt == nil {
                let policy = deskPolicy ?? Timekeeper.policy(for: base[index], in: state)
                due(for: base[index], policy: policy, schedules: timekeeper.schedules(for: base[index], in: state), at: now, into: &changes)
            }
        }
        return changes
    }

    /// What is due for one open call at `now` under `policy` (the desk's current one, else the
    /// call's), given its schedules: the one rule, whether every call is looked at or only those
    /// a TickAgenda says may have something new.
    public static func due(for call: ServiceCall, policy: SLAPolicy, schedules: [TimerSchedule], at now: Date, into changes: inout [Change]) {
        // A resolved call waiting for the customer to confirm may still have a timer running
        // (a follow-up counted from the fix); the others stopped with the fix.
        // Each step once per call and timer, even were two steps to share a name (the parser
        // refuses that; a policy built in code might not).
        var fired: [(step: String, timer: TimerName)] = []
        for step in policy.desk.steps {
            // Telling "the technician" waits until the call has one.
            if step.notify == "technician", call.technician == nil { continue }
            for schedule in schedules where step.watches(schedule) {
                guard let reached = reachedAt(step.state, schedule, now: now), now.timeIntervalSince(reached) >= Double(step.after) else { continue }
                // Once per run of the timer: a reassignment starts the acceptance timer again,
                // and the new engineer's lapse is news of its own.
                if call.escalations.contains(where: { $0.step == step.name && $0.timer == schedule.name && $0.at >= schedule.startedAt }) { continue }
                guard !fired.contains(where: { $0.step == step.name && $0.timer == schedule.name }) else { continue }
                fired.append((step.name, schedule.name))
                changes.append(.escalated(call.id, step: step.name, timer: schedule.name, notify: step.notify))
            }
        }
        // Alert again only while the promise is still at risk: not once the timer is met,
        // paused, or (after a relevel) back before the state that raised the escalation.
        for escalation in call.escalations where escalation.acknowledgedAt == nil
            && now.timeIntervalSince(escalation.lastAlertAt) >= Double(policy.desk.repeatEvery) {
            guard let timer = escalation.timer else {
                // Nobody accepted the call at night: alert again until someone has it.
                if call.isActive, AutoDispatch.stillUnaccepted(call, rules: policy.desk.autoDispatch) {
                    changes.append(.realerted(call.id, step: escalation.step, timer: nil))
                }
                continue
            }
            // An escalation of an earlier run (an assignment since replaced) alerts no more.
            guard let schedule = schedules.first(where: { $0.name == timer }), escalation.at >= schedule.startedAt else { continue }
            let state = schedule.state(at: now)
            let raisedAtWarning = policy.desk.steps.first { $0.name == escalation.step }?.state == .warning
            guard state == .breached || (raisedAtWarning && state == .warning) else { continue }
            changes.append(.realerted(call.id, step: escalation.step, timer: escalation.timer))
        }
    }

    /// The next instant after `now` at which what `due(for:…)` says of a call can change with
    /// the clock alone (its facts staying as they are): a warning or deadline reached, a step's
    /// `after` elapsed, an escalation's `repeat` come round, an offer lapsing. Nil: never.
    public static func nextChange(for call: ServiceCall, policy: SLAPolicy, schedules: [TimerSchedule], after now: Date) -> Date? {
        var next: Date?
        func consider(_ instant: Date) {
            if instant > now, next.map({ instant < $0 }) ?? true { next = instant }
        }
        // A span counted from `base` elapses when `now.timeIntervalSince(base) >= span` first
        // holds, exactly as the look compares (a sum of dates may round the other way).
        func consider(_ base: Date, plus span: Double) {
            guard now.timeIntervalSince(base) < span else { return }
            let instant = base.addingTimeInterval(span)
            consider(instant > now ? instant : Date(timeIntervalSinceReferenceDate: now.timeIntervalSinceReferenceDate.nextUp))
        }
        for schedule in schedules where schedule.stoppedAt == nil && schedule.countedBeforePause == nil {
            if let warnAt = schedule.warnAt { consider(warnAt) }
            // Breached once the clock is past the deadline.
            if let deadline = schedule.deadline { consider(Date(timeIntervalSinceReferenceDate: deadline.timeIntervalSinceReferenceDate.nextUp)) }
            for step in policy.desk.steps where step.after > 0 && step.watches(schedule) {
                if let reached = reachedAt(step.state, schedule, now: now) { consider(reached, plus: Double(step.after)) }
            }
        }
        for escalation in call.escalations where escalation.acknowledgedAt == nil {
            consider(escalation.lastAlertAt, plus: Double(policy.desk.repeatEvery))
        }
        if let offer = call.dispatchRequest { consider(offer.until) }
        return next
    }

    /// When the timer reached `state` (a breach also counts as having passed the warning), or
    /// nil if it has not, or stopped first.
    static func reachedAt(_ state: TimerState, _ schedule: TimerSchedule, now: Date) -> Date? {
        let current = schedule.state(at: now)
        guard current == .breached || (state == .warning && current == .warning) else { return nil }
        switch state {
        case .warning: return schedule.warnAt ?? schedule.deadline
        default: return schedule.deadline
        }
    }
}

extension DeskRules.Step {
    /// Whether the step watches this timer: those it names, or with no `timers:` every promise
    /// made to the customer. The engineer's acceptance of a job is the desk's own deadline, not
    /// a promise: only steps that name its timer watch it (`accept:` adds one), so a desk
    /// asking for acceptance does not tell its managers of every slow answer.
    public func watches(_ schedule: TimerSchedule) -> Bool {
        timers.isEmpty ? !schedule.spec.stops.contains(.accepted) : timers.contains(schedule.name)
    }
}

/// Messages that were due but never recorded as sent: the console that wrote an escalation
/// quit before its message went out. `callboard watch` sends these, so none is lost.
public enum UnsentNotifications {
    /// Escalation, re-alert and offer events older than `grace` with no `call.notified` for the
    /// same step after them.
    public static func events(in state: DeskState, at now: Date, grace: TimeInterval = 60) -> [Event] {
        var out: [Event] = []
        state.forEachOpenCall { call in
            var waiting: [String: Event] = [:]
            for event in call.history {
                switch event.change {
                case .escalated(_, let step, _, _), .realerted(_, let step, _): waiting[step] = event
                case .dispatchRequested: waiting["dispatch request"] = event
                case .notified(_, let step, _, _): waiting[step] = nil
                default: break
                }
            }
            out += waiting.values.filter { now.timeIntervalSince($0.occurredAt) >= grace }.sorted { $0.occurredAt < $1.occurredAt }
        }
        return out
    }
}
