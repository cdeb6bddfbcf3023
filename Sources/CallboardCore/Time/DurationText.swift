/// Spans of time as people write and read them: `2h10m`, `45m`, `1d`, `90s`; and the
/// countdowns on the console.
public enum DurationText {
    /// Parses `1d2h30m15s` (any subset, in that order, at least one part); nil otherwise.
    public static func seconds(_ text: String) -> Int? {
        var total = 0
        var digits = ""
        var lastUnitRank = -1
        var sawPart = false
        for c in text.lowercased() {
            if c.isASCII, c.isNumber {
                digits.append(c)
                continue
            }
            let units: [Character: (rank: Int, seconds: Int)] = ["d": (0, 86_400), "h": (1, 3600), "m": (2, 60), "s": (3, 1)]
            guard let unit = units[c], let value = Int(digits), digits.count <= 6, unit.rank > lastUnitRank else { return nil }
            total += value * unit.seconds
            lastUnitRank = unit.rank
            digits = ""
            sawPart = true
        }
        return sawPart && digits.isEmpty ? total : nil
    }

    /// A target or span for people: `24h`, `1h 30m`, `48h`, `5d 4h`, `45s`. Promises are made
    /// in hours ("within 24 hours", "48 hours"), so days appear only from 100 hours on.
    public static func span(_ seconds: Int) -> String {
        let s = abs(seconds)
        let useDays = s >= 100 * 3600
        let (d, h, m, sec) = useDays ? (s / 86_400, s / 3600 % 24, s / 60 % 60, s % 60) : (0, s / 3600, s / 60 % 60, s % 60)
        var parts: [String] = []
        if d > 0 { parts.append("\(d)d") }
        if h > 0 { parts.append("\(h)h") }
        if m > 0 { parts.append("\(m)m") }
        if sec > 0 && d == 0 && h == 0 { parts.append("\(sec)s") }
        if parts.isEmpty { parts.append("0s") }
        return (seconds < 0 ? "-" : "") + parts.joined(separator: " ")
    }

    /// A ticking countdown, at most 8 columns: `23:59:58` under 100 hours, then `12d 03h`, then
    /// `365d`. Always the magnitude: callers mark an overdue one with a sign and a symbol.
    public static func countdown(_ seconds: Int) -> String {
        let s = abs(seconds)
        let hours = s / 3600
        if hours < 100 {
            return "\(TimeText.pad(hours)):\(TimeText.pad(s / 60 % 60)):\(TimeText.pad(s % 60))"
        }
        let days = s / 86_400
        return days < 100 ? "\(days)d \(TimeText.pad(s / 3600 % 24))h" : "\(days)d"
    }
}
