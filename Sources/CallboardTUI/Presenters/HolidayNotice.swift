import CallboardCore
import Foundation

/// What the console, `watch`, `policy check`, `show` and `policy explain` say when a policy's
/// listed public holidays run out: deadlines counted past the last listed day ignore holidays
/// nobody has listed yet.
public enum HolidayNotice {
    /// "deadlines after 2026-12-31 on office and working-days ignore public holidays, …", or
    /// nil when no listed holidays end within `HolidayHorizon.warningDays` of `now`.
    public static func warning(_ policy: SLAPolicy, at now: Date, strings s: UIStrings = .english) -> String? {
        let due = policy.holidayWarnings(at: now)
        guard !due.isEmpty else { return nil }
        let clauses = byLastDay(due).map { s(.holidayClause, ["date": $0.lastDay.description, "calendars": s.list(and: $0.calendars)]) }
        return s(.holidayWarning, ["clauses": clauses.joined(separator: s(.holidayClauseSeparator))])
    }

    /// "Holidays are listed up to 2026-12-31 (office, working-days).", for `policy check`.
    public static func summary(_ policy: SLAPolicy, strings s: UIStrings = .english) -> String? {
        let horizons = policy.holidayHorizons
        guard !horizons.isEmpty else { return nil }
        let items = byLastDay(horizons).map {
            s(.holidaySummaryItem, ["date": $0.lastDay.description, "calendars": s.names($0.calendars)])
        }
        return s(.holidaySummary, ["list": items.joined(separator: s(.listSeparator))])
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
    static func explanation(_ horizon: HolidayHorizon, strings s: UIStrings = .english) -> String {
        s(.holidayUncertain, ["calendar": horizon.calendar, "date": horizon.lastDay.description])
    }

    private static func byLastDay(_ horizons: [HolidayHorizon]) -> [(lastDay: LocalDate, calendars: [String])] {
        Dictionary(grouping: horizons, by: \.lastDay).sorted { $0.key < $1.key }.map { ($0.key, $0.value.map(\.calendar).sorted()) }
    }
}
