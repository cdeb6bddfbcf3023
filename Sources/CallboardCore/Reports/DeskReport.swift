import Foundation

/// What a report groups calls by (`report --by`).
public enum ReportGrouping: String, CaseIterable, Sendable {
    case level, region, technician, customer, tier, kind, cause

    public static var names: [String] { allCases.map(\.rawValue) }
}


/// What one call brings to a report, worked out once from the call (as it retires while the
/// journal is read, or from the live desk) and small enough to keep for every call of a long
/// period: its keys, what became of it, and each promise's outcome and the time it took.
public struct ReportEntry: Equatable, Sendable {
    public var call: CallID
    /// The day it was received, on the desk's calendar: the period it counts in.
    public var received: LocalDate
    /// Its key for each grouping, in `ReportGrouping.allCases` order; nil: not set.
    public var keys: [String?]
    /// Fixed (resolved or closed since), closed, reopened at least once, a repeat as intake
    /// found it (a `repeat-same-…` related call), withdrawn by a cancel.
    public var resolved = false, closed = false, reopened = false, isRepeat = false, cancelled = false
    /// The timers of the policy it is timed under, in the policy's order: each is reported even
    /// where the call has no outcome for it (not started, or no rule sets it).
    public var policyTimers: [TimerName]
    /// Each of its promises that counts: a cancelled call's count in none (as in `Compliance`).
    public var timers: [Timer]
    /// The follow-up's score (FollowUps.satisfaction).
    public var satisfaction: Int?
    /// What if (`report --policy`): its promises timed under another policy, the same history
    /// (what was done when) kept as it happened; nil when no other policy was asked about.
    public var alternative: [Timer]?

    public struct Timer: Equatable, Sendable {
        public var name: TimerName
        public var outcome: Compliance.Outcome
        /// The time it took, counted as its target is (SLAEngine.timeTaken); nil while it runs.
        public var taken: Int?

        public init(name: TimerName, outcome: Compliance.Outcome, taken: Int? = nil) {
            self.name = name
            self.outcome = outcome
            self.taken = taken
        }
    }

    public init(call: CallID, received: LocalDate, keys: [String?] = Array(repeating: nil, count: ReportGrouping.allCases.count),
                policyTimers: [TimerName] = [], timers: [Timer] = []) {
        self.call = call
        self.received = received
        self.keys = keys
        self.policyTimers = policyTimers
        self.timers = timers
    }

    /// The call as it stands at `now`. `state` gives its policy (the desk's, or the desk as it
    /// was when the call retired: policies are never forgotten). `whatIf`: another policy to
    /// time the same history under as well (`alternative`).
    public init(_ call: ServiceCall, in state: DeskState, timekeeper: Timekeeper, at now: Date, zone: TimeZone, whatIf: SLAPolicy? = nil) {
        let policy = Timekeeper.policy(for: call, in: state)
        self.init(call: call.id, received: LocalDate(call.receivedAt, in: zone), keys: ReportGrouping.allCases.map { Self.key($0, of: call) },
                  policyTimers: policy.timers.map(\.name))
        cancelled = call.cancelled
        resolved = !cancelled && call.resolvedAt != nil
        closed = call.status == .closed
        reopened = call.history.contains { if case .reopened = $0.change { true } else { false } }
        isRepeat = call.intake.related.contains { $0.reason.isRepeat }
        // The follow-up's latest score (回访, FollowUps), 1 to 5.
        satisfaction = cancelled ? nil : FollowUps.satisfaction(of: call).score
        if whatIf != nil { alternative = [] }
        guard !cancelled else { return }
        timers = Self.timers(timekeeper.schedules(for: call, in: state), of: call, policy: policy, at: now)
        if let whatIf { alternative = Self.timers(SLAEngine.schedules(for: call, policy: whatIf), of: call, policy: whatIf, at: now) }
    }

    /// Each promise's outcome at `now` and the time it took (none for a promise withdrawn).
    static func timers(_ schedules: [TimerSchedule], of call: ServiceCall, policy: SLAPolicy, at now: Date) -> [Timer] {
        schedules.compactMap { schedule in
            Compliance.outcome(of: schedule, at: now).map { outcome in
                Timer(name: schedule.name, outcome: outcome.kind,
                      taken: outcome.kind == .running ? nil : SLAEngine.timeTaken(schedule, of: call, policy: policy))
            }
        }
    }

    public func key(_ grouping: ReportGrouping) -> String? { keys[ReportGrouping.allCases.firstIndex(of: grouping)!] }

    /// A call's key: its level (`1`-`4`), region, technician (the one it has or last had), the
    /// customer's record (its ID) or else the name typed at intake, tier, kind, or the cause its
    /// fix recorded.
    public static func key(_ grouping: ReportGrouping, of call: ServiceCall) -> String? {
        switch grouping {
        case .level: call.intake.level.map { "\($0.rawValue)" }
        case .region: call.intake.region
        case .technician: call.technician?.rawValue
        case .customer: call.intake.customerID?.rawValue ?? call.intake.customer
        case .tier: call.intake.tier
        case .kind: call.intake.kind
        case .cause: call.resolution?.cause
        }
    }
}

/// One timer's figures over a group of calls: promises kept, broken and still running, the share
/// kept, and the times they took.
public struct TimerFigures: Equatable, Sendable {
    public var timer: TimerName
    public var outcomes: TimerOutcomes
    /// Still counting (or paused) and not broken yet.
    public var running = 0
    /// The times the stopped promises took (kept or late), shortest first.
    public var taken: [Int] = []

    public init(timer: TimerName, met: Int = 0, missed: Int = 0, running: Int = 0, taken: [Int] = []) {
        self.timer = timer
        outcomes = TimerOutcomes(timer: timer, met: met, missed: missed)
        self.running = running
        self.taken = taken.sorted()
    }

    public var met: Int { outcomes.met }
    public var missed: Int { outcomes.missed }
    /// The share kept of the promises decided (kept or broken), from 0 to 100; nil when none was.
    public var metPercent: Double? { outcomes.share.map { $0 * 100 } }
    public var p50: Int? { Percentile.nearestRank(50, of: taken) }
    public var p90: Int? { Percentile.nearestRank(90, of: taken) }
}

/// Satisfaction over a group: how many calls have a score, and their average.
public struct SatisfactionFigures: Equatable, Sendable {
    public var count = 0
    public var sum = 0

    public init(count: Int = 0, sum: Int = 0) {
        self.count = count
        self.sum = sum
    }

    public var average: Double? { count == 0 ? nil : Double(sum) / Double(count) }
}

/// What if (`report --policy`): one timer's breaches over a group of calls, as the calls are
/// timed now and as they would be under another policy, the same history kept. A breach is a
/// promise missed (stopped late, or still running past its deadline). `gained`: promises
/// missed under the other policy that are not missed now (kept, still running, or not made by
/// the policies they are timed under); `lost`: missed now, not under the other policy. So
/// `breachesUnder - breachesNow == gained - lost`.
public struct WhatIfFigures: Equatable, Sendable {
    public var timer: TimerName
    public var breachesNow = 0, breachesUnder = 0, gained = 0, lost = 0

    public init(timer: TimerName, breachesNow: Int = 0, breachesUnder: Int = 0, gained: Int = 0, lost: Int = 0) {
        self.timer = timer
        self.breachesNow = breachesNow
        self.breachesUnder = breachesUnder
        self.gained = gained
        self.lost = lost
    }

    /// Counts one call: whether its promise of this timer is missed now and under the other policy.
    mutating func count(now: Bool, under: Bool) {
        if now { breachesNow += 1 }
        if under { breachesUnder += 1 }
        if under, !now { gained += 1 }
        if now, !under { lost += 1 }
    }
}

/// A group of calls in a report, and the whole period's total.
public struct ReportGroup: Equatable, Sendable {
    /// The group's key (nil: calls without one, such as no region; and the total).
    public var key: String?
    public var received = 0, resolved = 0, closed = 0, reopened = 0, repeats = 0, cancelled = 0
    public var timers: [TimerFigures] = []
    public var satisfaction = SatisfactionFigures()
    /// What if (`report --policy`): per timer, the breaches as timed now and under the other
    /// policy; empty when no other policy was asked about.
    public var whatIf: [WhatIfFigures] = []

    public init(key: String?) { self.key = key }

    public func timer(_ name: TimerName) -> TimerFigures? { timers.first { $0.timer == name } }
}

/// A report over some days: per group and in total, the calls received in them and what became
/// of them and of their promises, as they stand at the report's moment. Pure: the calls come in
/// as `ReportEntry`s, from any replay.
public struct DeskReport: Equatable, Sendable {
    public var days: ClosedRange<LocalDate>
    public var grouping: ReportGrouping?
    /// By key, those without one last; none without a grouping.
    public var groups: [ReportGroup]
    public var total: ReportGroup
    /// Whether the calls were also timed under another policy (`ReportGroup.whatIf`).
    public var isWhatIf: Bool

    /// `entries` outside `days` are left out. `order`: the timers listed first (the desk's
    /// current policy's); then any other timer of the policies the calls are timed under, by
    /// name. Every group lists every timer, even with nothing to count.
    /// `whatIfOrder`: with entries timed under another policy too (`ReportEntry.alternative`),
    /// the other policy's timers: the comparison lists the report's timers in the report's
    /// order, then those only the other policy has in its order (every timer either side has).
    public init(_ entries: some Sequence<ReportEntry>, days: ClosedRange<LocalDate>, by grouping: ReportGrouping?, order: [TimerName],
                whatIfOrder: [TimerName]? = nil) {
        self.days = days
        self.grouping = grouping
        isWhatIf = whatIfOrder != nil
        var groups: [String?: ReportGroup] = [:]
        var total = ReportGroup(key: nil)
        var timerNames = Set(order)
        var figures: [String?: [TimerName: TimerFigures]] = [:]
        var totalFigures: [TimerName: TimerFigures] = [:]
        var whatIfNames = Set(whatIfOrder ?? [])
        var whatIf: [String?: [TimerName: WhatIfFigures]] = [:]
        var totalWhatIf: [TimerName: WhatIfFigures] = [:]
        for entry in entries where days.contains(entry.received) {
            timerNames.formUnion(entry.policyTimers)
            total.count(entry)
            Self.count(entry, into: &totalFigures)
            if whatIfOrder != nil {
                whatIfNames.formUnion(entry.policyTimers)
                Self.compare(entry, into: &totalWhatIf)
            }
            guard let grouping else { continue }
            let key = entry.key(grouping)
            groups[key, default: ReportGroup(key: key)].count(entry)
            Self.count(entry, into: &figures[key, default: [:]])
            if whatIfOrder != nil { Self.compare(entry, into: &whatIf[key, default: [:]]) }
        }
        let listed = order + timerNames.filter { !order.contains($0) }.sorted()
        // The report's timers in its order, so the what-if reads row for row against it; then
        // those only the other policy has, in its order; then any other a call is timed by.
        let compared: [TimerName] = whatIfOrder.map { other -> [TimerName] in
            let only = other.filter { !listed.contains($0) }
            return listed + only + whatIfNames.subtracting(listed).subtracting(only).sorted()
        } ?? []
        func finish(_ group: inout ReportGroup, _ found: [TimerName: TimerFigures], _ whatIf: [TimerName: WhatIfFigures]) {
            group.timers = listed.map { name in
                var timer = found[name] ?? TimerFigures(timer: name)
                timer.taken.sort()
                return timer
            }
            group.whatIf = compared.map { whatIf[$0] ?? WhatIfFigures(timer: $0) }
        }
        finish(&total, totalFigures, totalWhatIf)
        self.total = total
        self.groups = groups.keys.sorted { a, b in
            switch (a, b) {
            case (nil, _): false
            case (_, nil): true
            case let (a?, b?): a < b
            }
        }.map { key in
            var group = groups[key]!
            finish(&group, figures[key] ?? [:], whatIf[key] ?? [:])
            return group
        }
    }

    private static func count(_ entry: ReportEntry, into figures: inout [TimerName: TimerFigures]) {
        for timer in entry.timers {
            var found = figures[timer.name] ?? TimerFigures(timer: timer.name)
            switch timer.outcome {
            case .met: found.outcomes.met += 1
            case .missed: found.outcomes.missed += 1
            case .running: found.running += 1
            }
            if let taken = timer.taken { found.taken.append(taken) }
            figures[timer.name] = found
        }
    }
}

extension DeskReport {
    /// Each timer either side has, for one call: missed now, missed under the other policy.
    private static func compare(_ entry: ReportEntry, into figures: inout [TimerName: WhatIfFigures]) {
        guard let alternative = entry.alternative else { return }
        let now = Set(entry.timers.filter { $0.outcome == .missed }.map(\.name))
        let under = Set(alternative.filter { $0.outcome == .missed }.map(\.name))
        for name in Set(entry.timers.map(\.name)).union(alternative.map(\.name)) {
            figures[name, default: WhatIfFigures(timer: name)].count(now: now.contains(name), under: under.contains(name))
        }
    }
}

extension ReportGroup {
    mutating func count(_ entry: ReportEntry) {
        received += 1
        if entry.resolved { resolved += 1 }
        if entry.closed { closed += 1 }
        if entry.reopened { reopened += 1 }
        if entry.isRepeat { repeats += 1 }
        if entry.cancelled { cancelled += 1 }
        if let score = entry.satisfaction {
            satisfaction.count += 1
            satisfaction.sum += score
        }
    }
}

/// One day of a report's days with the total of the calls received on it.
public struct ReportDay: Equatable, Sendable {
    public var day: LocalDate
    public var total: ReportGroup

    public init(day: LocalDate, total: ReportGroup) {
        self.day = day
        self.total = total
    }
}

extension DeskReport {
    /// Each day of `days`, first day first, with the total of the calls received on it: the
    /// figures of `DeskReport` over that one day (the console's bar of met % per day). A day
    /// with no call has a total with nothing counted.
    public static func daily(_ entries: some Sequence<ReportEntry>, days: ClosedRange<LocalDate>, order: [TimerName]) -> [ReportDay] {
        var byDay: [LocalDate: [ReportEntry]] = [:]
        for entry in entries where days.contains(entry.received) { byDay[entry.received, default: []].append(entry) }
        return (days.lowerBound.dayNumber...days.upperBound.dayNumber).map { number in
            let day = LocalDate(dayNumber: number)
            return ReportDay(day: day, total: DeskReport(byDay[day] ?? [], days: day...day, by: nil, order: order).total)
        }
    }
}
