import Foundation

/// A time zone's offsets from UTC as a table of changes, read once from the zone so that
/// deadline arithmetic looks offsets up by binary search instead of asking the zone each time.
/// Covers 1970 to 2100; outside that span the nearest known offset holds.
public struct ZoneOffsets: Equatable, Sendable {
    /// Instants (seconds since 1970) at which the offset changes, ascending.
    let changes: [Int64]
    /// The offset in force from each change on.
    let offsets: [Int]
    /// The offset before the first change.
    let initial: Int

    public init(_ zone: TimeZone) {
        var changes: [Int64] = [], offsets: [Int] = []
        var instant = Date(timeIntervalSince1970: 0)
        let end = Date(timeIntervalSince1970: 4_102_444_800) // 2100-01-01
        let initial = zone.secondsFromGMT(for: instant)
        var current = initial
        while let next = zone.nextDaylightSavingTimeTransition(after: instant), next < end {
            let offset = zone.secondsFromGMT(for: next)
            if offset != current {
                changes.append(Int64(next.timeIntervalSince1970.rounded(.down)))
                offsets.append(offset)
                current = offset
            }
            instant = next
        }
        self.changes = changes
        self.offsets = offsets
        self.initial = initial
    }

    /// Seconds east of UTC at an instant.
    public func offset(at epoch: Int64) -> Int {
        var low = 0, high = changes.count
        while low < high {
            let mid = (low + high) / 2
            if changes[mid] <= epoch { low = mid + 1 } else { high = mid }
        }
        return low == 0 ? initial : offsets[low - 1]
    }

    /// The instant a wall-clock reading (seconds since 1970 as if the zone were UTC) names. In a
    /// daylight-saving gap the reading moves forward by the gap, as clocks do; in an overlap the
    /// first of the two instants is taken.
    public func instant(ofLocal local: Int64) -> Int64 {
        // Well after the last change (every day in zones without daylight saving), one offset holds.
        if changes.isEmpty { return local - Int64(initial) }
        if local > changes[changes.count - 1] + 2 * 86_400 { return local - Int64(offsets[offsets.count - 1]) }
        let guess = local - Int64(offset(at: local))
        for probe in [guess - 86_400, guess, guess + 86_400] {
            let offset = offset(at: probe)
            let candidate = local - Int64(offset)
            if self.offset(at: candidate) == offset { return candidate }
        }
        // In a gap: with the offset from before the gap the reading lands after it.
        return local - Int64(offset(at: guess - 86_400))
    }

    /// The wall-clock reading of an instant, as seconds since 1970 as if the zone were UTC.
    public func local(_ epoch: Int64) -> Int64 { epoch + Int64(offset(at: epoch)) }
}
