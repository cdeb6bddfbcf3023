import Foundation

/// The promises a call carries, each a countdown from intake.
public enum TimerName: String, Sendable, CaseIterable {
    /// The customer has been called back with a diagnosis or a plan.
    case response
    /// An engineer is on site.
    case onsite

    public var label: String {
        switch self {
        case .response: "response"
        case .onsite: "on-site"
        }
    }
}

/// Where a promise stands. The same words appear on screen, in `show` and in JSON.
public enum TimerState: String, Sendable, CaseIterable {
    /// Counting down, comfortably.
    case running
    /// Counting down and past the warning share of its target.
    case warning
    /// Still running past its deadline: the promise is being broken now.
    case breached
    /// Stopped in time.
    case met
    /// Stopped after its deadline.
    case missed

    public var isRunning: Bool { self == .running || self == .warning || self == .breached }
}

/// One promise on one call at one moment.
public struct TimerReading: Equatable, Sendable {
    public var name: TimerName
    /// The promised span, in seconds.
    public var target: Int
    public var startedAt: Date
    public var deadline: Date
    public var state: TimerState
    /// Seconds left before the deadline (negative when overdue); for a stopped timer, the
    /// margin it was stopped with.
    public var remaining: Int
    public var stoppedAt: Date?

    public init(name: TimerName, target: Int, startedAt: Date, deadline: Date, state: TimerState, remaining: Int, stoppedAt: Date?) {
        self.name = name
        self.target = target
        self.startedAt = startedAt
        self.deadline = deadline
        self.state = state
        self.remaining = remaining
        self.stoppedAt = stoppedAt
    }
}

/// The desk's promise targets. This first cut is the general promise of PROMISES.md — respond
/// within 24 hours, an engineer on site within 12 hours, counted round the clock — until the
/// policy file of the SLA engine replaces it.
public struct ServicePromises: Equatable, Sendable {
    public var responseTarget: Int
    public var onsiteTarget: Int
    /// Share of a target after which a running timer shows as a warning.
    public var warningShare: Double

    public init(responseTarget: Int = 24 * 3600, onsiteTarget: Int = 12 * 3600, warningShare: Double = 0.75) {
        self.responseTarget = responseTarget
        self.onsiteTarget = onsiteTarget
        self.warningShare = warningShare
    }

    public static let standard = ServicePromises()

    /// Every timer of `call` as it stands at `now`.
    public func timers(for call: ServiceCall, at now: Date) -> [TimerReading] {
        TimerName.allCases.map { reading($0, for: call, at: now) }
    }

    public func reading(_ name: TimerName, for call: ServiceCall, at now: Date) -> TimerReading {
        let target = name == .response ? responseTarget : onsiteTarget
        let start = call.receivedAt
        let deadline = start.addingTimeInterval(TimeInterval(target))
        let stoppedAt = stopTime(name, for: call)
        let state: TimerState
        let remaining: Int
        if let stoppedAt {
            remaining = seconds(from: stoppedAt, to: deadline)
            state = stoppedAt <= deadline ? .met : .missed
        } else {
            remaining = seconds(from: now, to: deadline)
            let elapsed = seconds(from: start, to: now)
            if remaining < 0 {
                state = .breached
            } else if Double(elapsed) >= warningShare * Double(target) {
                state = .warning
            } else {
                state = .running
            }
        }
        return TimerReading(name: name, target: target, startedAt: start, deadline: deadline, state: state,
                            remaining: remaining, stoppedAt: stoppedAt)
    }

    /// What stops each timer. An engineer on site, or a fix, is also an answer to the customer,
    /// so either stops the response timer if nobody called back first; a call fixed without a
    /// visit no longer needs one, so the fix stops the on-site timer.
    func stopTime(_ name: TimerName, for call: ServiceCall) -> Date? {
        switch name {
        case .response: [call.respondedAt, call.arrivedAt, call.resolvedAt].compactMap { $0 }.min()
        case .onsite: call.arrivedAt ?? call.resolvedAt
        }
    }

    private func seconds(from a: Date, to b: Date) -> Int {
        Int((b.timeIntervalSince1970 - a.timeIntervalSince1970).rounded(.down))
    }
}
