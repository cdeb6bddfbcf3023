import Foundation

/// The only way Callboard learns the time. Exactly one implementation reads the wall clock
/// (in the executable); everything else is handed `now`, so tests and replays are exact.
public protocol DeskClock: Sendable {
    /// The current instant, truncated to a whole second: deadlines are exact to the second.
    func now() -> Date
    /// How long until `now()` next moves on, so a console can tick the moment it does.
    func untilNextSecond() -> TimeInterval
}

extension DeskClock {
    /// A clock that never moves on its own (a fixed one) is looked at again in a second.
    public func untilNextSecond() -> TimeInterval { 1 }
}

/// A clock that always says the same instant; for tests and for deterministic tools.
public struct FixedClock: DeskClock {
    public var instant: Date
    public init(_ instant: Date) { self.instant = instant }
    public func now() -> Date { instant }
}
