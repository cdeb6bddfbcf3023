import Foundation

/// A date and wall-clock time in a particular UTC offset, exact to the second.
///
/// Conversion uses the proleptic Gregorian day-count formulas (H. Hinnant, "chrono-compatible
/// low-level date algorithms") so that drawing thousands of countdowns a second needs no
/// formatter objects; the zone's offset for the instant comes from Foundation's TimeZone.
public struct CivilTime: Equatable, Sendable {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int
    /// Seconds east of UTC.
    public var offset: Int

    public init(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, offset: Int) {
        self.year = year; self.month = month; self.day = day
        self.hour = hour; self.minute = minute; self.second = second
        self.offset = offset
    }

    /// The wall-clock reading of `date` in `zone` (daylight saving time included).
    public init(_ date: Date, in zone: TimeZone) {
        let offset = zone.secondsFromGMT(for: date)
        self.init(epochSeconds: Int(date.timeIntervalSince1970.rounded(.down)), offset: offset)
    }

    public init(epochSeconds: Int, offset: Int) {
        let local = epochSeconds + offset
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let secondsOfDay = local - days * 86_400
        let (y, m, d) = CivilTime.civil(fromDays: days)
        self.init(year: y, month: m, day: d, hour: secondsOfDay / 3600, minute: secondsOfDay / 60 % 60,
                  second: secondsOfDay % 60, offset: offset)
    }

    /// The instant this wall-clock reading names.
    public var date: Date {
        let days = CivilTime.days(fromCivil: year, month, day)
        let local = days * 86_400 + hour * 3600 + minute * 60 + second
        return Date(timeIntervalSince1970: TimeInterval(local - offset))
    }

    /// 0 = Monday … 6 = Sunday.
    public var weekday: Int {
        let days = CivilTime.days(fromCivil: year, month, day)
        return ((days % 7) + 7 + 3) % 7 // 1970-01-01 was a Thursday
    }

    public static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static func days(fromCivil year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDays z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
