import Foundation

/// When a promise's clock runs: round the clock, or opening hours in a time zone with public
/// holidays closed and make-up working days (调休) open.
public struct BusinessCalendar: Equatable, Sendable {
    /// Opening hours within one day, as seconds from midnight: [start, end), end ≤ 86400.
    public struct Hours: Equatable, Sendable, CustomStringConvertible {
        public var start: Int
        public var end: Int

        public init(start: Int, end: Int) {
            self.start = start
            self.end = end
        }

        public var description: String { "\(Self.clock(start))-\(Self.clock(end))" }

        static func clock(_ seconds: Int) -> String { "\(TimeText.pad(seconds / 3600)):\(TimeText.pad(seconds / 60 % 60))" }
    }

    public var name: String
    public var zone: TimeZone
    /// Round the clock, every day: holidays and hours do not apply.
    public var alwaysOpen: Bool
    /// Opening hours for Monday (0) … Sunday (6).
    public var weekly: [[Hours]]
    public var holidays: Set<LocalDate>
    /// Weekend days worked instead of a holiday; they open with the hours of a normal weekday.
    public var workingDays: Set<LocalDate>

    public init(name: String, zone: TimeZone, weekly: [[Hours]], holidays: Set<LocalDate> = [], workingDays: Set<LocalDate> = []) {
        self.name = name
        self.zone = zone
        self.alwaysOpen = false
        self.weekly = weekly
        self.holidays = holidays
        self.workingDays = workingDays
    }

    /// The clock that never stops.
    public static func roundTheClock(zone: TimeZone) -> BusinessCalendar {
        var calendar = BusinessCalendar(name: "24x7", zone: zone, weekly: Array(repeating: [Hours(start: 0, end: 86_400)], count: 7))
        calendar.alwaysOpen = true
        return calendar
    }

    /// The hours of a make-up working day: those of the first weekday that has any.
    public var workingDayHours: [Hours] { weekly.prefix(5).first { !$0.isEmpty } ?? [] }

    /// Whether this calendar is open at some time in a normal week (a calendar that never opens
    /// would never reach a deadline).
    public var opensAtAll: Bool { alwaysOpen || weekly.contains { !$0.isEmpty } || (!workingDays.isEmpty && !workingDayHours.isEmpty) }

    /// The day's opening hours, and why the day is what it is.
    public func day(_ date: LocalDate) -> (hours: [Hours], kind: DayKind) {
        if alwaysOpen { return ([Hours(start: 0, end: 86_400)], .open) }
        if workingDays.contains(date) { return (workingDayHours, .makeUpWorkingDay) }
        if holidays.contains(date) { return ([], .holiday) }
        let hours = weekly[date.weekday]
        return (hours, hours.isEmpty ? .closed : .open)
    }

    public enum DayKind: Sendable, Equatable {
        case open, closed, holiday, makeUpWorkingDay
    }

    /// A stretch of time when the clock ran.
    public struct Segment: Equatable, Sendable {
        public var start: Date
        public var end: Date
        public var seconds: Int { Int(end.timeIntervalSince(start)) }
    }

    /// Open stretches from `start` on, in order, cut around `excluded` intervals (pauses; an
    /// interval without an end excludes everything after its start), handed to `body` until it
    /// returns false. Looks at most `horizonDays` ahead.
    func forEachOpenSegment(from start: Date, excluding excluded: [DateInterval], horizonDays: Int = 3660, _ body: (Segment) -> Bool) {
        var pieces: [Segment] = []
        // Nothing can be counted after an open-ended pause begins.
        let stop = excluded.filter { $0.end == .distantFuture }.map(\.start).min() ?? .distantFuture
        func emit(_ segment: Segment) -> Bool {
            if segment.start >= stop { return false }
            // Subtract the excluded intervals (sorted, not overlapping).
            pieces = [segment]
            for interval in excluded {
                pieces = pieces.flatMap { piece -> [Segment] in
                    guard interval.start < piece.end, interval.end > piece.start else { return [piece] }
                    var out: [Segment] = []
                    if interval.start > piece.start { out.append(Segment(start: piece.start, end: interval.start)) }
                    if interval.end < piece.end { out.append(Segment(start: interval.end, end: piece.end)) }
                    return out
                }
            }
            for piece in pieces where piece.end > piece.start {
                if !body(piece) { return false }
            }
            return true
        }
        if alwaysOpen {
            // Whole days at a time keep the work small and the arithmetic exact.
            var from = start
            for _ in 0..<horizonDays {
                let to = from.addingTimeInterval(86_400)
                if !emit(Segment(start: from, end: to)) { return }
                from = to
            }
            return
        }
        var date = LocalDate(start, in: zone)
        for _ in 0..<horizonDays {
            for hours in day(date).hours {
                let open = date.instant(at: hours.start, in: zone), close = date.instant(at: hours.end, in: zone)
                guard close > start else { continue }
                if !emit(Segment(start: max(open, start), end: close)) { return }
            }
            date = date.adding(days: 1)
        }
    }

    /// The instant at which `seconds` of open time have passed since `start`, not counting
    /// `excluded` time, and the stretches that were counted. Nil if that never happens (the
    /// clock is stopped by an open-ended pause first).
    public func advance(_ start: Date, by seconds: Int, excluding excluded: [DateInterval] = []) -> (deadline: Date, segments: [Segment])? {
        var left = seconds
        var counted: [Segment] = []
        var deadline: Date?
        if left <= 0 {
            // Nothing to count: due at once, or at the first opening if closed now.
            forEachOpenSegment(from: start, excluding: excluded) { segment in
                deadline = segment.start
                return false
            }
            return deadline.map { ($0, []) }
        }
        forEachOpenSegment(from: start, excluding: excluded) { segment in
            if segment.seconds >= left {
                let end = segment.start.addingTimeInterval(TimeInterval(left))
                counted.append(Segment(start: segment.start, end: end))
                deadline = end
                return false
            }
            counted.append(segment)
            left -= segment.seconds
            return true
        }
        return deadline.map { ($0, counted) }
    }

    /// Open time between `start` and `end`, not counting `excluded` time.
    public func openSeconds(from start: Date, to end: Date, excluding excluded: [DateInterval] = []) -> Int {
        guard end > start else { return 0 }
        var total = 0
        forEachOpenSegment(from: start, excluding: excluded) { segment in
            if segment.start >= end { return false }
            total += Int(min(segment.end, end).timeIntervalSince(segment.start))
            return segment.end < end
        }
        return total
    }
}
