import Foundation

/// Where a promise stands. The same words appear on screen, in `show` and in JSON.
public enum TimerState: String, Sendable, CaseIterable {
    /// Counting down, comfortably.
    case running
    /// Stopped for now: the call is paused (waiting for the customer or for parts).
    case paused
    /// Counting down and past the warning share of its target.
    case warning
    /// Still running past its deadline: the promise is being broken now.
    case breached
    /// Stopped in time.
    case met
    /// Stopped after its deadline.
    case missed
    /// Stopped because the call was cancelled before the promise was kept: neither met nor
    /// missed, and owing nothing.
    case withdrawn

    public var isRunning: Bool { self == .running || self == .warning || self == .breached }
    public var isStopped: Bool { self == .met || self == .missed || self == .withdrawn }
}

/// What a policy decided for one timer of some calls: shared by every schedule it applies to
/// (one reference per schedule instead of several strings).
public final class TimerSpec: Equatable, Sendable {
    public let name: TimerName
    public let target: Int
    public let calendar: String
    public let rule: String
    /// Where the rule stands in the policy (0 for the first), to find it again.
    public let ruleIndex: Int
    /// What the customer is owed if the promise is broken.
    public let breach: String?
    /// The share of the target after which it warns (the rule's, the timer's or the policy's).
    public let warningShare: Double
    /// What starts and stops it (the policy's TimerDefinition).
    public let starts: Milestone
    public let stops: MilestoneSet

    public init(name: TimerName, target: Int, calendar: String, rule: String, ruleIndex: Int, breach: String?,
                warningShare: Double = 0.75, starts: Milestone = .received, stops: MilestoneSet) {
        self.name = name
        self.target = target
        self.calendar = calendar
        self.rule = rule
        self.ruleIndex = ruleIndex
        self.breach = breach
        self.warningShare = warningShare
        self.starts = starts
        self.stops = stops
    }

    public static func == (a: TimerSpec, b: TimerSpec) -> Bool {
        a === b || (a.name == b.name && a.target == b.target && a.calendar == b.calendar && a.rule == b.rule
                    && a.ruleIndex == b.ruleIndex && a.breach == b.breach && a.warningShare == b.warningShare
                    && a.starts == b.starts && a.stops == b.stops)
    }
}

/// One timer's plan, worked out from the call's facts and its policy: which rule set it, the
/// target and calendar, and the instants that matter. It changes only when the call does.
public struct TimerSchedule: Equatable, Sendable {
    public var spec: TimerSpec
    public var name: TimerName { spec.name }
    public var target: Int { spec.target }
    public var calendar: String { spec.calendar }
    public var rule: String { spec.rule }
    public var ruleIndex: Int { spec.ruleIndex }
    public var breach: String? { spec.breach }
    public var startedAt: Date
    /// Nil while the call is paused: the deadline depends on when it resumes.
    public var deadline: Date?
    /// When the warning share of the target has passed.
    public var warnAt: Date?
    public var stoppedAt: Date?
    /// The milestone that stopped it (the fix, for an on-site promise kept without a visit); nil
    /// when the call's cancel stopped it.
    public var stoppedBy: Milestone?
    /// While paused: the open time already counted.
    public var countedBeforePause: Int?
    /// When the call was cancelled, if it was: a promise still open then is withdrawn, and no
    /// promise of a cancelled call owes anything.
    public var withdrawnAt: Date?

    /// Only the state at `now`, for the hot paths (ordering the queue, counting breaches).
    public func state(at now: Date) -> TimerState {
        if let stoppedAt {
            if stoppedBy == nil, withdrawnAt != nil { return .withdrawn }
            return deadline.map { stoppedAt <= $0 ? .met : .missed } ?? .met
        }
        if countedBeforePause != nil { return .paused }
        guard let deadline else { return .running }
        if now > deadline { return .breached }
        return (warnAt.map { now >= $0 } ?? false) ? .warning : .running
    }

    /// The timer as it stands at `now`.
    public func reading(at now: Date) -> TimerReading {
        let state: TimerState
        let remaining: Int
        if let stoppedAt {
            // Without a deadline (a calendar that never reaches the target) nothing was missed.
            state = stoppedBy == nil && withdrawnAt != nil ? .withdrawn : deadline.map { stoppedAt <= $0 ? .met : .missed } ?? .met
            remaining = deadline.map { Self.seconds(from: stoppedAt, to: $0) } ?? target
        } else if let counted = countedBeforePause {
            state = .paused
            remaining = target - counted
        } else if let deadline {
            remaining = Self.seconds(from: now, to: deadline)
            state = now > deadline ? .breached : (warnAt.map { now >= $0 } ?? false) ? .warning : .running
        } else {
            state = .running // a calendar that never reaches the target (refused by policy check)
            remaining = target
        }
        var reading = TimerReading(name: spec.name, target: spec.target, startedAt: startedAt, deadline: deadline, state: state, remaining: remaining,
                                   stoppedAt: stoppedAt, calendar: calendar, rule: rule, breach: breach, stoppedBy: stoppedBy, withdrawnAt: withdrawnAt)
        reading.timesAcceptance = spec.stops.contains(.accepted)
        return reading
    }

    static func seconds(from a: Date, to b: Date) -> Int {
        Int((b.timeIntervalSince1970 - a.timeIntervalSince1970).rounded(.down))
    }
}

/// One promise on one call at one moment.
public struct TimerReading: Equatable, Sendable {
    public var name: TimerName
    /// The promised span, in seconds of the calendar's open time.
    public var target: Int
    public var startedAt: Date
    /// Nil while paused.
    public var deadline: Date?
    public var state: TimerState
    /// Seconds until the deadline (negative when overdue); for a stopped timer, the margin it
    /// was stopped with; while paused, the open time left on the target.
    public var remaining: Int
    public var stoppedAt: Date?
    public var calendar: String
    public var rule: String
    public var breach: String?
    /// The milestone that stopped it, if it stopped.
    public var stoppedBy: Milestone?
    /// When the call was cancelled, if it was (TimerSchedule.withdrawnAt).
    public var withdrawnAt: Date?
    /// It times the engineer's acceptance of the job (it stops when the job is accepted).
    public var timesAcceptance = false

    public init(name: TimerName, target: Int, startedAt: Date, deadline: Date?, state: TimerState, remaining: Int, stoppedAt: Date?,
                calendar: String = SLAPolicy.roundTheClock, rule: String = "", breach: String? = nil, stoppedBy: Milestone? = nil,
                withdrawnAt: Date? = nil) {
        self.name = name
        self.target = target
        self.startedAt = startedAt
        self.deadline = deadline
        self.state = state
        self.remaining = remaining
        self.stoppedAt = stoppedAt
        self.calendar = calendar
        self.rule = rule
        self.breach = breach
        self.stoppedBy = stoppedBy
        self.withdrawnAt = withdrawnAt
    }

    /// The consequence the promise carries is now owed (a breached or missed restore timer:
    /// "substitute owed"). A cancelled call owes nothing: the customer withdrew the request, or
    /// there was none (a duplicate, a call logged in error).
    public var owed: String? { (state == .breached || state == .missed) && withdrawnAt == nil ? breach : nil }
}

/// Works out a call's timers under a policy.
public enum SLAEngine {
    /// Each timer the policy's rules give the call and that has started (a timer counting from
    /// the fix does not exist before the fix), in the policy's order of timers.
    public static func schedules(for call: ServiceCall, policy: SLAPolicy) -> [TimerSchedule] {
        // Taken out of the call once: the closure below must not capture (and copy) the call.
        let instants = MilestoneInstants(call), pauses = call.pauses
        var out: [TimerSchedule] = []
        out.reserveCapacity(policy.timers.count)
        policy.forEachDecision(for: call.attributes) { spec, calendar in
            guard let start = instants[spec.starts] else { return }
            let stop = instants.first(of: spec.stops, notBefore: start)
            out.append(schedule(spec, start: start, stop: stop, pauses: pauses, calendar: calendar, withdrawnAt: instants.withdrawn))
        }
        return out
    }

    /// `withdrawnAt`: when the call was cancelled; a promise not kept by then stops there.
    static func schedule(_ spec: TimerSpec, start: Date, stop stopped: (milestone: Milestone, at: Date)?, pauses allPauses: [Pause],
                         calendar: BusinessCalendar, withdrawnAt: Date? = nil) -> TimerSchedule {
        let stop = stopped?.at ?? withdrawnAt.map { max($0, start) }
        let target = spec.target
        var schedule = TimerSchedule(spec: spec, startedAt: start, stoppedAt: stop, stoppedBy: stopped?.milestone, withdrawnAt: withdrawnAt)
        let warning = Int(Double(target) * spec.warningShare)
        if allPauses.isEmpty {
            (schedule.warnAt, schedule.deadline) = calendar.warningAndDeadline(start, warning: warning, target: target, excluding: [])
            return schedule
        }
        let pauses = counted(allPauses, start: start, stop: stop)
        if stop == nil, let open = allPauses.last, open.end == nil {
            // A promise already broken when the pause began stays broken: pausing cannot hide a
            // breach, or what it owes the customer.
            let began = max(open.start, start)
            let closed = Array(pauses.dropLast())
            let before = calendar.warningAndDeadline(start, warning: warning, target: target, excluding: closed)
            if let deadline = before.deadline, deadline <= began {
                (schedule.warnAt, schedule.deadline) = before
                return schedule
            }
            schedule.countedBeforePause = min(target, calendar.openSeconds(from: start, to: began, excluding: closed))
            return schedule
        }
        (schedule.warnAt, schedule.deadline) = calendar.warningAndDeadline(start, warning: warning, target: target, excluding: pauses)
        return schedule
    }
}

extension SLAEngine {
    /// The pauses that concern a timer running from `start` to `stop`: paused time does not
    /// count, and a pause before the timer started or after it stopped is no concern of it.
    static func counted(_ pauses: [Pause], start: Date, stop: Date?) -> [DateInterval] {
        pauses.compactMap { pause -> DateInterval? in
            let begin = max(pause.start, start), end = min(pause.end ?? .distantFuture, stop ?? .distantFuture)
            return end > begin ? DateInterval(start: begin, end: end) : nil
        }
    }

    /// The time a stopped promise took, counted as its target is: the open time of its calendar
    /// from its start to the milestone that stopped it, paused time left out (a level-3 call
    /// received Friday at 17:00 on office hours and answered Monday at 09:00 took two hours).
    /// Nil while it runs, and for a promise withdrawn by the call's cancel (it was never kept).
    public static func timeTaken(_ schedule: TimerSchedule, of call: ServiceCall, policy: SLAPolicy) -> Int? {
        guard let stop = schedule.stoppedAt, schedule.stoppedBy != nil else { return nil }
        let calendar = policy.calendars[schedule.calendar] ?? policy.calendars[SLAPolicy.roundTheClock] ?? .roundTheClock(zone: policy.zone)
        return calendar.openSeconds(from: schedule.startedAt, to: stop, excluding: counted(call.pauses, start: schedule.startedAt, stop: stop))
    }
}

/// Keeps each call's timer schedules until the call changes, so that ticking a console every
/// second over thousands of calls compares instants instead of redoing calendar arithmetic.
/// Not thread-safe: one per console or command.
public final class Timekeeper {
    // Used from one thread at a time (the class is not Sendable), so the dynamic exclusivity
    // checks Swift adds to class properties are pure cost here.
    /// By the call's position in the desk's table: (call, version, schedules). Positions move when
    /// calls retire or come back, so an entry counts only for the call it was made for.
    @exclusivity(unchecked) private var cache: [(call: CallID, version: Int, schedules: [TimerSchedule])?] = []

    public init() {}

    /// The policy a call is timed under: the one it records, or the general promise for calls
    /// logged before policies were journaled.
    public static func policy(for call: ServiceCall, in state: DeskState) -> SLAPolicy {
        policy(number: call.policyNumber, in: state)
    }

    public static func policy(number: Int?, in state: DeskState) -> SLAPolicy {
        number.flatMap { state.policies[$0] } ?? .generalPromise
    }

    public func schedules(for call: ServiceCall, in state: DeskState) -> [TimerSchedule] {
        let version = call.history.count
        guard let position = state.calls.position(of: call.id) else {
            return SLAEngine.schedules(for: call, policy: Self.policy(for: call, in: state)) // not in this desk: nothing to keep
        }
        if position < cache.count, let cached = cache[position], cached.call == call.id, cached.version == version { return cached.schedules }
        if cache.count < state.calls.count { cache.append(contentsOf: repeatElement(nil, count: state.calls.count - cache.count)) }
        let schedules = SLAEngine.schedules(for: call, policy: Self.policy(for: call, in: state))
        cache[position] = (call.id, version, schedules)
        return schedules
    }

    /// Moves each kept schedule to its call's new place in `calls` (in number order, as the
    /// desk's table is): after calls retire or come back, the others' schedules are kept.
    public func realign(_ calls: CallTable) {
        var moved: [(call: CallID, version: Int, schedules: [TimerSchedule])?] = Array(repeating: nil, count: calls.count)
        var old = 0
        calls.forEachChunk { chunk, start in
            guard let base = chunk.baseAddress else { return }
            for place in 0..<chunk.count {
                let number = base[place].id.number
                while old < cache.count, (cache[old]?.call.number ?? Int.min) < number { old += 1 }
                if old < cache.count, let entry = cache[old], entry.call.number == number {
                    moved[start + place] = entry
                    old += 1
                }
            }
        }
        cache = moved
    }

    public func timers(for call: ServiceCall, in state: DeskState, at now: Date) -> [TimerReading] {
        schedules(for: call, in: state).map { $0.reading(at: now) }
    }
}

extension SLAPolicy {
    /// The name of the general promise's one rule.
    static let generalPromiseName = "general promise"

    /// The general promise of the service letters — a response within 24 hours and an engineer
    /// on site within 12, round the clock — under which calls recorded before the desk's policy
    /// was journaled stay timed, so their deadlines never move.
    public static let generalPromise: SLAPolicy = {
        let zone = TimeZone(identifier: "UTC")!
        // The built-in timers: the restore promise is there, but no rule of this policy sets it.
        let rule = PolicyRule(name: generalPromiseName, match: RuleMatch(),
                              timers: [.response: TimerTarget(seconds: 86_400, calendar: roundTheClock),
                                       .onsite: TimerTarget(seconds: 43_200, calendar: roundTheClock)], line: 0)
        return SLAPolicy(source: "", zone: zone, warningShare: 0.75, calendars: [roundTheClock: .roundTheClock(zone: zone)], rules: [rule])
    }()
}
