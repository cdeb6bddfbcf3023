import Foundation

/// A calendar date without a time or a zone, such as a public holiday: 2026-10-01.
public struct LocalDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public let dayNumber: Int

    public init(dayNumber: Int) { self.dayNumber = dayNumber }

    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), (1...CivilTime.daysIn(month: month, year: year)).contains(day) else { return nil }
        dayNumber = CivilTime.days(fromCivil: year, month, day)
    }

    /// Reads `2026-10-01`.
    public init?(_ text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// The date of `instant` on the wall calendar of `zone`.
    public init(_ instant: Date, in zone: TimeZone) {
        let t = CivilTime(instant, in: zone)
        dayNumber = CivilTime.days(fromCivil: t.year, t.month, t.day)
    }

    public var civil: (year: Int, month: Int, day: Int) { CivilTime.civil(fromDays: dayNumber) }

    /// 0 = Monday … 6 = Sunday.
    public var weekday: Int { ((dayNumber % 7) + 7 + 3) % 7 }

    public func adding(days: Int) -> LocalDate { LocalDate(dayNumber: dayNumber + days) }

    public var description: String {
        let (y, m, d) = civil
        return "\(TimeText.pad(y, 4))-\(TimeText.pad(m))-\(TimeText.pad(d))"
    }

    public static func < (a: LocalDate, b: LocalDate) -> Bool { a.dayNumber < b.dayNumber }

    public static let weekdayNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    public static let weekdayLabels = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    /// The instant at `secondOfDay` on this date in `zone`. A wall time that does not exist (in
    /// a daylight-saving gap) moves forward by the gap, as clocks do; `secondOfDay` may be 86400
    /// for the end of the day.
    public func instant(at secondOfDay: Int, in zone: TimeZone) -> Date {
        let (y, m, d) = civil
        let local = CivilTime(year: y, month: m, day: d, hour: 0, minute: 0, second: 0, offset: 0).date
            .addingTimeInterval(TimeInterval(secondOfDay))
        // Try the offsets in force just before and after; keep the one that reads back correctly.
        let guess = local.addingTimeInterval(-TimeInterval(zone.secondsFromGMT(for: local)))
        for offset in [zone.secondsFromGMT(for: guess), zone.secondsFromGMT(for: guess.addingTimeInterval(-86_400)),
                       zone.secondsFromGMT(for: guess.addingTimeInterval(86_400))] {
            let candidate = local.addingTimeInterval(-TimeInterval(offset))
            if zone.secondsFromGMT(for: candidate) == offset { return candidate }
        }
        // In a gap: no offset reads back; use the offset before the gap, which lands after it.
        return local.addingTimeInterval(-TimeInterval(zone.secondsFromGMT(for: guess.addingTimeInterval(-86_400))))
    }
}
