import CallboardCore
import Foundation

/// The one place that reads the wall clock, to the whole second.
struct SystemClock: DeskClock {
    func now() -> Date {
        Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
    }

    func untilNextSecond() -> TimeInterval {
        let seconds = Date().timeIntervalSince1970
        return seconds.rounded(.down) + 1 - seconds
    }
}
