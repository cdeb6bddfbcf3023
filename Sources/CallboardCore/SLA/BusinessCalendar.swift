import Foundation

/// When a promise's clock runs: round the clock, or opening hours in a time zone with public
/// holidays closed and make-up working days (调休) open.
///
/// The arithmetic walks whole intervals (a day's opening hours, the stretch between two pauses)
/// in seconds since 1970, never minute by minute, with the zone's offsets looked up in a table.
/// Immutable, and a class so that handing one to each timer costs a reference, not a copy.
public final class BusinessCalendar: Equatable, Sendable {
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

    public let name: String
    public let zone: TimeZone
    /// Round the clock, every day: holidays and hours do not apply.
    public let alwaysOpen: Bool
    /// Opening hours for Monday (0) … Sunday (6).
    public let weekly: [[Hours]]
    public let holidays: Set<LocalDate>
    /// Weekend days worked instead of a holiday; they open with the hours of a normal weekday.
    public let workingDays: Set<LocalDate>
    public let offsets: ZoneOffsets
    /// Holidays and make-up days as flags by day number from `firstListedDay`: the walk asks
    /// about every day it passes, and indexing is cheaper than hashing dates.
    private let firstListedDay: Int
    private let listedDays: [UInt8]

    /// How far ahead a deadline is looked for; policy targets are capped well inside it.
    public static let horizonDays = 3660

    public init(name: String, zone: TimeZone, weekly: [[Hours]], holidays: Set<LocalDate> = [], workingDays: Set<LocalDate> = [],
                alwaysOpen: Bool = false) {
        self.name = name
        self.zone = zone
        self.alwaysOpen = alwaysOpen
        self.weekly = weekly
        self.holidays = holidays
        self.workingDays = workingDays
        self.offsets = ZoneOffsets(zone)
        let listed = holidays.union(workingDays).map(\.dayNumber)
        let first = listed.min() ?? 0
        var flags = [UInt8](repeating: 0, count: listed.isEmpty ? 0 : (listed.max()! - first + 1))
        for day in holidays { flags[day.dayNumber - first] |= 1 }
        for day in workingDays { flags[day.dayNumber - first] |= 2 }
        firstListedDay = first
        listedDays = flags
    }

    public static func == (a: BusinessCalendar, b: BusinessCalendar) -> Bool {
        a === b || (a.name == b.name && a.zone == b.zone && a.alwaysOpen == b.alwaysOpen && a.weekly == b.weekly
                    && a.holidays == b.holidays && a.workingDays == b.workingDays)
    }

    /// The clock that never stops.
    /// Whether the calendar is open at `instant` (a shift working, the office open).
    public func isOpen(at instant: Date) -> Bool {
        openSeconds(from: instant, to: instant.addingTimeInterval(1)) > 0
    }

    public static func roundTheClock(zone: TimeZone) -> BusinessCalendar {
        BusinessCalendar(name: "24x7", zone: zone, weekly: Array(repeating: [Hours(start: 0, end: 86_400)], count: 7), alwaysOpen: true)
    }

    /// The hours of a make-up working day that is normally closed: those of the first weekday
    /// that has any.
    public var workingDayHours: [Hours] { weekly.prefix(5).first { !$0.isEmpty } ?? [] }

    /// Whether this calendar is open at some time in a normal week (a calendar that never opens
    /// would never reach a deadline).
    public var opensAtAll: Bool { alwaysOpen || weekly.contains { !$0.isEmpty } }

    /// Whether every open day is open all day: then targets read as whole working days.
    public var countsWholeDays: Bool {
        !alwaysOpen && weekly.allSatisfy { $0.isEmpty || $0 == [Hours(start: 0, end: 86_400)] }
    }

    /// The day's opening hours, and why the day is what it is.
    public func day(_ date: LocalDate) -> (hours: [Hours], kind: DayKind) {
        if alwaysOpen { return ([Hours(start: 0, end: 86_400)], .open) }
        let usual = weekly[date.weekday]
        let index = date.dayNumber - firstListedDay
        let flags = index >= 0 && index < listedDays.count ? listedDays[index] : 0
        if flags & 2 != 0 { return (usual.isEmpty ? workingDayHours : usual, .makeUpWorkingDay) }
        if flags & 1 != 0 { return ([], .holiday) }
        return (usual, usual.isEmpty ? .closed : .open)
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

    // MARK: arithmetic

    /// The warning instant and the deadline of one timer, without arrays when nothing is
    /// paused (the common case, evaluated for every call).
    func warningAndDeadline(_ start: Date, warning: Int, target: Int, excluding excluded: [DateInterval]) -> (warning: Date?, deadline: Date?) {
        let from = Self.epoch(start)
        if alwaysOpen, excluded.isEmpty {
            return (Self.date(from + Int64(warning)), Self.date(from + Int64(target)))
        }
        var found: (Int64?, Int64?) = (nil, nil)
        var consumed: Int64 = 0
        let first = Int64(warning), second = Int64(target)
        walk(from: from, excluding: excluded.isEmpty ? [] : Self.intervals(excluded)) { a, b in
            let length = b == .max ? Int64.max : b - a
            let reaches = { (goal: Int64) in length == .max || consumed + length >= goal }
            if found.0 == nil, reaches(first) { found.0 = a + first - consumed }
            if reaches(second) {
                found.1 = a + second - consumed
                return false
            }
            consumed += length
            return true
        }
        return (found.0.map(Self.date), found.1.map(Self.date))
    }

    /// The instant at which `seconds` of open time have passed since `start`, not counting
    /// `excluded` time, and the stretches that were counted (for explanations). Nil if that
    /// never happens (the clock is stopped by an open-ended pause first).
    public func advance(_ start: Date, by seconds: Int, excluding excluded: [DateInterval] = []) -> (deadline: Date, segments: [Segment])? {
        var counted: [Segment] = []
        var consumed: Int64 = 0, deadline: Date?
        walk(from: Self.epoch(start), excluding: Self.intervals(excluded)) { a, b in
            let length = b == .max ? Int64.max : b - a
            if length == .max || consumed + length >= Int64(seconds) {
                let end = a + Int64(seconds) - consumed
                if end > a { counted.append(Segment(start: Self.date(a), end: Self.date(end))) }
                deadline = Self.date(end)
                return false
            }
            counted.append(Segment(start: Self.date(a), end: Self.date(b)))
            consumed += length
            return true
        }
        return deadline.map { ($0, counted) }
    }

    /// Open time between `start` and `end`, not counting `excluded` time.
    public func openSeconds(from start: Date, to end: Date, excluding excluded: [DateInterval] = []) -> Int {
        let stop = Self.epoch(end)
        guard stop > Self.epoch(start) else { return 0 }
        var total: Int64 = 0
        walk(from: Self.epoch(start), excluding: Self.intervals(excluded)) { a, b in
            if a >= stop { return false }
            total += min(b, stop) - a
            return b < stop
        }
        return Int(total)
    }

    /// Hands the open stretches from `start` on, in order, cut around the excluded intervals
    /// (sorted, not overlapping; `.max` ends one for good), to `body` until it returns false.
    /// A stretch ending at `.max` runs for ever. Looks at most `horizonDays` ahead.
    private func walk(from start: Int64, excluding excluded: [(start: Int64, end: Int64)], _ body: (Int64, Int64) -> Bool) {
        var pause = 0
        /// Emits [a, b) minus the pauses; false when the walk is over.
        func emit(_ a: Int64, _ b: Int64) -> Bool {
            var from = a
            while from < b {
                while pause < excluded.count, excluded[pause].end <= from { pause += 1 }
                guard pause < excluded.count, excluded[pause].start < b else { return body(from, b) }
                let (pauseStart, pauseEnd) = excluded[pause]
                if pauseStart > from, !body(from, pauseStart) { return false }
                if pauseEnd == .max { return false }
                from = pauseEnd
            }
            return true
        }
        if alwaysOpen {
            _ = emit(start, .max)
            return
        }
        var date = LocalDate(epoch: start, offsets: offsets)
        let end = date.dayNumber + Self.horizonDays
        // Where the last stretch ended: two ranges either side of a daylight-saving gap can land
        // on overlapping instants, and no instant may be counted twice.
        var emittedUntil = start
        while date.dayNumber < end {
            for hours in day(date).hours {
                let base = Int64(date.dayNumber) * 86_400
                let close = offsets.instant(ofLocal: base + Int64(hours.end))
                guard close > emittedUntil else { continue }
                let open = max(offsets.instant(ofLocal: base + Int64(hours.start)), emittedUntil)
                if !emit(open, close) { return }
                emittedUntil = close
            }
            date = date.adding(days: 1)
        }
    }

    static func epoch(_ date: Date) -> Int64 {
        date >= .distantFuture ? .max : Int64(date.timeIntervalSince1970.rounded(.down))
    }

    static func date(_ epoch: Int64) -> Date { Date(timeIntervalSince1970: TimeInterval(epoch)) }

    static func intervals(_ excluded: [DateInterval]) -> [(start: Int64, end: Int64)] {
        excluded.map { (epoch($0.start), epoch($0.end)) }.sorted { $0.start < $1.start }
    }
}
