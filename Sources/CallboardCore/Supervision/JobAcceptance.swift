import Foundation

/// Taking a job (接单): under a policy that asks for it (`accept:`), each assignment waits for
/// the engineer assigned to accept it (`callboard accept`), and the accept timer, counting from
/// the assignment, escalates when they do not. An engineer on site, or the fix, took it anyway.
public enum JobAcceptance {
    /// Whether the call's assignment waits for its engineer to accept it, from its timers as
    /// read at some instant (what the queue and the call's line already hold).
    public static func waiting(_ call: ServiceCall, timers: [TimerReading]) -> Bool {
        call.technician != nil && timers.contains { $0.timesAcceptance && $0.stoppedAt == nil }
    }

    /// The same from the call's facts and its policy, without a clock.
    public static func waiting(_ call: ServiceCall, in state: DeskState) -> Bool {
        call.technician != nil && call.acceptedAt == nil && call.arrivedAt == nil && call.isActive
            && Timekeeper.policy(for: call, in: state).asksAcceptance(of: call.attributes)
    }
}
