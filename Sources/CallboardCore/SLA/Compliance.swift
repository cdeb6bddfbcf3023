import Foundation

/// How one timer's promises came out over some days.
public struct TimerOutcomes: Equatable, Sendable {
    public var timer: TimerName
    /// Kept: stopped by their deadline.
    public var met = 0
    /// Broken: stopped late, or still running past the deadline.
    public var missed = 0

    public init(timer: TimerName, met: Int = 0, missed: Int = 0) {
        self.timer = timer
        self.met = met
        self.missed = missed
    }

    public var decided: Int { met + missed }
    /// The share kept, from 0 to 1; nil when none was decided.
    public var share: Double? { decided == 0 ? nil : Double(met) / Double(decided) }
}

/// Compliance: how many of the desk's promises were kept, per timer, over a span of days.
public enum Compliance {
    /// Per timer, the promises decided on `days` (the desk's days, in `zone`). An outcome
    /// belongs to the day it was decided: a promise kept, the day it was kept; a promise broken,
    /// the day of its deadline, whether it is still running or stopped late. A cancelled call
    /// counts in none of them, not even the promises it kept before the cancel: it was no
    /// service the desk gave (a duplicate, a call logged in error, a request withdrawn), and
    /// counting what it kept would flatter the figure as counting what it broke would spoil it
    /// (a reopened call counts again). The timers of `order` come first, each listed even with nothing decided (by default
    /// the desk's current policy's, or the built-in three); then any other timer with an
    /// outcome, such as one an older policy made, by name.
    public static func outcomes(in state: DeskState, timekeeper: Timekeeper, at now: Date, days: ClosedRange<LocalDate>, zone: TimeZone,
                                order: [TimerName]? = nil) -> [TimerOutcomes] {
        let order = order ?? (state.currentPolicy?.timers ?? TimerDefinition.builtIn).map(\.name)
        var found: [TimerName: TimerOutcomes] = [:]
        let first = days.lowerBound.dayNumber, last = days.upperBound.dayNumber
        state.calls.forEach { call in
            if call.cancelled { return }
            for schedule in timekeeper.schedules(for: call, in: state) {
                guard let outcome = outcome(of: schedule, at: now), let decidedAt = outcome.decidedAt,
                      (first...last).contains(LocalDate(decidedAt, in: zone).dayNumber) else { continue }
                if outcome.kind == .met { found[schedule.name, default: TimerOutcomes(timer: schedule.name)].met += 1 }
                else { found[schedule.name, default: TimerOutcomes(timer: schedule.name)].missed += 1 }
            }
        }
        return ordered(found, order)
    }

    /// The timers of `order` first, each listed even with nothing found; then any other, by name.
    static func ordered<T>(_ found: [TimerName: T], _ order: [TimerName], empty: (TimerName) -> T) -> [T] {
        order.map { found[$0] ?? empty($0) } + found.keys.filter { !order.contains($0) }.sorted().map { found[$0]! }
    }

    static func ordered(_ found: [TimerName: TimerOutcomes], _ order: [TimerName]) -> [TimerOutcomes] {
        ordered(found, order) { TimerOutcomes(timer: $0) }
    }

    /// How one promise stands for compliance: kept (met), broken (stopped late, or still running
    /// past its deadline: it cannot be kept any more) or still running (counting, or paused,
    /// and not broken yet).
    public enum Outcome: String, Sendable, CaseIterable {
        case met, missed, running
    }

    /// A promise's outcome at `now`, and when it was decided (a promise kept, when it was kept;
    /// one broken, its deadline; nil while it runs). Nil for a promise withdrawn by the call's
    /// cancel: neither kept nor broken. The board's figures and the reports both count by this.
    public static func outcome(of schedule: TimerSchedule, at now: Date) -> (kind: Outcome, decidedAt: Date?)? {
        switch schedule.state(at: now) {
        case .met: (.met, schedule.stoppedAt)
        case .missed, .breached: (.missed, schedule.deadline)
        case .running, .warning, .paused: (.running, nil)
        case .withdrawn: nil
        }
    }
}
