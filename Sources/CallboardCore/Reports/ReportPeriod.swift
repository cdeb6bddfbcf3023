import Foundation

/// The days a report covers, named as a supervisor says them. Days are the desk's (the policy's
/// time zone): a day runs from its midnight to the next however long daylight saving makes it,
/// weeks start on Monday, months are calendar months. A call counts in the period it was
/// received.
public enum ReportPeriod: String, CaseIterable, Sendable {
    case today, yesterday
    case thisWeek = "this-week", lastWeek = "last-week"
    case thisMonth = "this-month", lastMonth = "last-month"

    /// The period's first and last day (both included) as seen at `now` in `zone`. This week and
    /// this month run to their last day, not to today: a later call still belongs to them.
    public func days(at now: Date, in zone: TimeZone) -> ClosedRange<LocalDate> {
        let today = LocalDate(now, in: zone)
        switch self {
        case .today: return today...today
        case .yesterday: return today.adding(days: -1)...today.adding(days: -1)
        case .thisWeek: return Self.week(of: today)
        case .lastWeek: return Self.week(of: today.adding(days: -7))
        case .thisMonth: return Self.month(of: today)
        case .lastMonth: return Self.month(of: Self.month(of: today).lowerBound.adding(days: -1))
        }
    }

    /// Monday to Sunday.
    static func week(of day: LocalDate) -> ClosedRange<LocalDate> {
        let monday = day.adding(days: -day.weekday)
        return monday...monday.adding(days: 6)
    }

    /// The first to the last day of the day's month.
    static func month(of day: LocalDate) -> ClosedRange<LocalDate> {
        let (year, month, _) = day.civil
        let first = LocalDate(year: year, month: month, day: 1)!
        return first...LocalDate(year: year, month: month, day: CivilTime.daysIn(month: month, year: year))!
    }

    /// The words `--period` takes.
    public static var names: [String] { allCases.map(\.rawValue) }
}
