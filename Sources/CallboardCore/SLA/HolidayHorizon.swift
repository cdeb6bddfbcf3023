import Foundation

/// How far ahead a calendar knows its public holidays. They are published a year at a time
/// (in China each November or December), so a policy lists them up to the end of some year; a
/// deadline counted past that day treats every later day as an ordinary one, which a holiday
/// nobody listed yet would prove wrong.
public struct HolidayHorizon: Equatable, Sendable {
    /// The calendar, one with opening hours that some rule's timer counts on.
    public var calendar: String
    /// 31 December of the last year the calendar lists holidays or make-up working days for.
    public var lastDay: LocalDate
    /// The calendar's zone, in which its days begin and end.
    public var zone: TimeZone

    /// How many days before the listed holidays run out the desk is warned: time to add the
    /// next year's once they are published.
    public static let warningDays = 60

    /// Whether at `now` the listed holidays run out within `warningDays` days, or already have.
    public func isNear(at now: Date) -> Bool {
        lastDay.dayNumber + 1 - LocalDate(now, in: zone).dayNumber <= Self.warningDays
    }

    /// Whether open time counted up to `deadline` runs into days the policy says nothing about
    /// (the second before the deadline is the last one counted).
    public func isPassed(by deadline: Date) -> Bool {
        LocalDate(deadline.addingTimeInterval(-1), in: zone) > lastDay
    }
}

extension BusinessCalendar {
    /// Where this calendar's listed holidays end; nil when it is round the clock (holidays do
    /// not apply) or lists none (its author chose to keep no holidays).
    public var holidayHorizon: HolidayHorizon? {
        guard !alwaysOpen, let last = holidays.union(workingDays).max(),
              let yearEnd = LocalDate(year: last.civil.year, month: 12, day: 31) else { return nil }
        return HolidayHorizon(calendar: name, lastDay: yearEnd, zone: zone)
    }
}

extension SLAPolicy {
    /// The horizon of each calendar the rules count a timer on, by calendar name: the calendars
    /// whose deadlines the listed holidays move.
    public var holidayHorizons: [HolidayHorizon] {
        let counted = Set(rules.flatMap { rule in rule.timers.values.filter { !$0.isNone }.map(\.calendar) })
        return counted.sorted().compactMap { calendars[$0]?.holidayHorizon }
    }

    /// The horizons to warn about at `now`: those that end within `HolidayHorizon.warningDays`.
    public func holidayWarnings(at now: Date) -> [HolidayHorizon] {
        holidayHorizons.filter { $0.isNear(at: now) }
    }

    /// The horizon a deadline counted on `calendar` passes, if it does: that deadline ignores
    /// holidays nobody has listed yet, so it is uncertain.
    public func holidayHorizon(passedBy deadline: Date, on calendar: String) -> HolidayHorizon? {
        calendars[calendar]?.holidayHorizon.flatMap { $0.isPassed(by: deadline) ? $0 : nil }
    }
}
