import CallboardCore
import Foundation

/// What the console, `watch`, `policy check`, `show` and `policy explain` say when a policy's
/// listed public holidays run out: deadlines counted past the last listed day ignore holidays
/// nobody has listed yet.
public enum HolidayNotice {
    /// "deadlines after 2026-12-31 on office and working-days ignore public holidays, …", or
    /// nil when no listed holidays end within `HolidayHorizon.warningDays` of `now`.
    public static func warning(_ policy: SLAPolicy, at now: Date) -> String? {
        let due = policy.holidayWarnings(at: now)
        guard !due.isEmpty else { return nil }
        let clauses = byLastDay(due).map { "after \($0.lastDay) on \(Self.and($0.calendars))" }
        return "deadlines \(clauses.joined(separator: ", and ")) ignore public holidays, because the policy lists none later; add next year's holidays and make-up working days to the policy"
    }

    /// "Holidays are listed up to 2026-12-31 (office, working-days).", for `policy check`.
    public static func summary(_ policy: SLAPolicy) -> String? {
        let horizons = policy.holidayHorizons
        guard !horizons.isEmpty else { return nil }
        return "Holidays are listed up to " + byLastDay(horizons).map { "\($0.lastDay) (\($0.calendars.joined(separator: ", ")))" }.joined(separator: ", ") + "."
    }

    /// The first day past the listed holidays the header warns of at `now`, if any.
    public static func headerDate(_ policy: SLAPolicy?, at now: Date) -> LocalDate? {
        policy?.holidayWarnings(at: now).map(\.lastDay).min()
    }

    /// The last listed day a timer's deadline passes on its calendar, if it does: the deadline
    /// is uncertain.
    public static func uncertainAfter(_ reading: TimerReading, policy: SLAPolicy) -> LocalDate? {
        reading.deadline.flatMap { policy.holidayHorizon(passedBy: $0, on: reading.calendar)?.lastDay }
    }

    /// For `policy explain`, under a deadline past the listed holidays.
    static func explanation(_ horizon: HolidayHorizon) -> String {
        "Uncertain: the policy lists holidays for \(horizon.calendar) only up to \(horizon.lastDay); a holiday after that day would move this deadline."
    }

    private static func byLastDay(_ horizons: [HolidayHorizon]) -> [(lastDay: LocalDate, calendars: [String])] {
        Dictionary(grouping: horizons, by: \.lastDay).sorted { $0.key < $1.key }.map { ($0.key, $0.value.map(\.calendar).sorted()) }
    }

    private static func and(_ words: [String]) -> String {
        words.count < 2 ? words.joined() : words.dropLast().joined(separator: ", ") + " and " + words.last!
    }
}
