import Foundation

/// Times as people and scripts read them. ISO 8601 with an offset is the exchange form
/// (`2026-11-27T17:30:00+08:00`); the short forms are for screens and messages.
public enum TimeText {
    /// `2026-11-27T17:30:00+08:00`
    public static func iso(_ date: Date, in zone: TimeZone) -> String {
        let t = CivilTime(date, in: zone)
        return "\(pad(t.year, 4))-\(pad(t.month))-\(pad(t.day))T\(pad(t.hour)):\(pad(t.minute)):\(pad(t.second))\(offsetText(t.offset))"
    }

    /// `2026-11-27 17:30:00`
    public static func dateTime(_ date: Date, in zone: TimeZone) -> String {
        let t = CivilTime(date, in: zone)
        return "\(pad(t.year, 4))-\(pad(t.month))-\(pad(t.day)) \(pad(t.hour)):\(pad(t.minute)):\(pad(t.second))"
    }

    /// `11-27 17:30`
    public static func short(_ date: Date, in zone: TimeZone) -> String {
        let t = CivilTime(date, in: zone)
        return "\(pad(t.month))-\(pad(t.day)) \(pad(t.hour)):\(pad(t.minute))"
    }

    /// `17:30:05`
    public static func clock(_ date: Date, in zone: TimeZone) -> String {
        let t = CivilTime(date, in: zone)
        return "\(pad(t.hour)):\(pad(t.minute)):\(pad(t.second))"
    }

    /// `+08:00`, or `Z` for UTC.
    public static func offsetText(_ offset: Int) -> String {
        if offset == 0 { return "Z" }
        let sign = offset < 0 ? "-" : "+"
        let minutes = abs(offset) / 60
        return "\(sign)\(pad(minutes / 60)):\(pad(minutes % 60))"
    }

    static func pad(_ value: Int, _ width: Int = 2) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// Reads the time a dispatcher gives with `--at`: ISO 8601 with an offset
    /// (`2026-11-27T17:30:00+08:00`, `…Z`, seconds optional), or a span before now such as
    /// `-20m` or `-1h30m` ("twenty minutes ago").
    public static func parseMoment(_ text: String, now: Date) throws(DeskError) -> Date {
        let trimmed = TextRules.halfWidth(text).trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("-"), let span = DurationText.seconds(String(trimmed.dropFirst())) {
            return now.addingTimeInterval(-TimeInterval(span))
        }
        if let date = parseISO(trimmed) { return date }
        throw .invalid(.at, DeskText.timeNotUnderstood(["text": .text(Printable.quoted(trimmed))]))
    }

    /// Strict ISO 8601 date-time with a mandatory offset; nil when malformed or impossible
    /// (month 13, 30 February, 24:00).
    public static func parseISO(_ text: String) -> Date? {
        let chars = Array(text.utf8)
        var i = 0
        func number(_ count: Int) -> Int? {
            guard i + count <= chars.count else { return nil }
            var value = 0
            for c in chars[i..<i + count] {
                guard c >= 48, c <= 57 else { return nil }
                value = value * 10 + Int(c - 48)
            }
            i += count
            return value
        }
        func expect(_ c: UInt8) -> Bool {
            guard i < chars.count, chars[i] == c else { return false }
            i += 1
            return true
        }
        guard let year = number(4), expect(UInt8(ascii: "-")), let month = number(2), expect(UInt8(ascii: "-")),
              let day = number(2) else { return nil }
        guard i < chars.count, chars[i] == UInt8(ascii: "T") || chars[i] == UInt8(ascii: "t") || chars[i] == UInt8(ascii: " ") else { return nil }
        i += 1
        guard let hour = number(2), expect(UInt8(ascii: ":")), let minute = number(2) else { return nil }
        var second = 0
        if expect(UInt8(ascii: ":")) {
            guard let s = number(2) else { return nil }
            second = s
        }
        var offset: Int
        if expect(UInt8(ascii: "Z")) || expect(UInt8(ascii: "z")) {
            offset = 0
        } else {
            guard i < chars.count, chars[i] == UInt8(ascii: "+") || chars[i] == UInt8(ascii: "-") else { return nil }
            let negative = chars[i] == UInt8(ascii: "-")
            i += 1
            guard let oh = number(2) else { return nil }
            _ = expect(UInt8(ascii: ":"))
            guard let om = number(2), oh <= 18, om < 60 else { return nil }
            offset = (oh * 3600 + om * 60) * (negative ? -1 : 1)
        }
        guard i == chars.count, (1...12).contains(month), (1...CivilTime.daysIn(month: month, year: year)).contains(day),
              hour < 24, minute < 60, second < 60 else { return nil }
        return CivilTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second, offset: offset).date
    }
}
