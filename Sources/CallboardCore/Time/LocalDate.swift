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
        instant(at: secondOfDay, offsets: ZoneOffsets(zone))
    }

    public func instant(at secondOfDay: Int, offsets: ZoneOffsets) -> Date {
        Date(timeIntervalSince1970: TimeInterval(offsets.instant(ofLocal: Int64(dayNumber) * 86_400 + Int64(secondOfDay))))
    }

    /// The date of an instant on the wall calendar of a zone.
    public init(epoch: Int64, offsets: ZoneOffsets) {
        let local = offsets.local(epoch)
        dayNumber = Int(local >= 0 ? local / 86_400 : (local - 86_399) / 86_400)
    }
}
