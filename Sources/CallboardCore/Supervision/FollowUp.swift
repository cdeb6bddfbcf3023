import Foundation

/// The follow-up (回访): after the fix, the desk calls the customer back and asks how satisfied
/// they are, 1 to 5 (`callboard followup CALL --score N`), or counts an attempt that did not
/// reach them (`--unreachable`). A score at or below the policy's threshold reopens the call (a
/// return visit is owed) and tells the supervisor; closing waits for the follow-up unless the
/// policy waives it or the attempts ran out. All of it is read from the call's own events.
public enum FollowUps {
    /// The step that tells `notify` of an unhappy customer: an escalation like the others.
    public static let dissatisfiedStep = "dissatisfied"

    /// What the call's follow-ups say, from its history: the last score, and the attempts that
    /// did not reach the customer since the latest fix.
    public struct Satisfaction: Equatable, Sendable {
        public var score: Int?
        public var comment: String?
        /// When the score was given.
        public var at: Date?
        /// Calls that did not reach the customer since the latest fix.
        public var attempts: Int
        /// The follow-up of the latest fix is done: a score, or the policy's last attempt.
        public var done: Bool
        /// The last score reopened the call and no fix came since: the engineer goes back.
        public var returnVisitOwed: Bool
        /// Nothing recorded at all.
        public var isEmpty: Bool { score == nil && attempts == 0 }
    }

    public static func satisfaction(of call: ServiceCall) -> Satisfaction {
        var result = Satisfaction(score: nil, comment: nil, at: nil, attempts: 0, done: false, returnVisitOwed: false)
        let fixed = call.resolvedAt
        for event in call.history {
            switch event.change {
            case .followedUp(_, let score, let comment, let reopens):
                result.score = score
                result.comment = comment
                result.at = event.occurredAt
                // A score that reopened the call ends nothing: the next fix is followed up.
                if let fixed, event.occurredAt >= fixed, !reopens { result.done = true }
            case .unreachable(_, let final):
                if let fixed, event.occurredAt >= fixed {
                    result.attempts += 1
                    if final { result.done = true }
                }
            default: break
            }
        }
        if let last = call.history.last(where: { if case .followedUp = $0.change { true } else { false } }),
           case .followedUp(_, _, _, true) = last.change, call.resolvedAt == nil, call.closedAt == nil {
            result.returnVisitOwed = true
        }
        return result
    }

    /// When the follow-up of the latest fix ended, for the `followedUp` milestone: the latest
    /// score or last attempt (a milestone before the timer's start does not stop it).
    static func doneAt(_ call: ServiceCall) -> Date? {
        var latest: Date?
        for event in call.history {
            let ends: Bool
            switch event.change {
            case .followedUp(_, _, _, let reopens): ends = !reopens
            case .unreachable(_, let final): ends = final
            default: ends = false
            }
            if ends, latest.map({ event.occurredAt > $0 }) ?? true { latest = event.occurredAt }
        }
        return latest
    }
}

extension DeskRules {
    /// A policy's `followup:`: the `followup` timer from the fix until the customer is called
    /// back, how many unanswered calls end it, the score at or below which the call reopens,
    /// whether closing may go ahead without it, and whom an unhappy customer is told to.
    public struct FollowUp: Equatable, Sendable {
        public var within: Int
        public var calendar: String
        public var attempts: Int
        public var reopenAtOrBelow: Int
        public var waive: Bool
        public var notify: String
        /// Where `followup:` is in the policy file (0: Callboard's standard).
        public var line: Int

        public init(within: Int, calendar: String, attempts: Int, reopenAtOrBelow: Int, waive: Bool, notify: String, line: Int = 0) {
            self.within = within
            self.calendar = calendar
            self.attempts = attempts
            self.reopenAtOrBelow = reopenAtOrBelow
            self.waive = waive
            self.notify = notify
            self.line = line
        }

        /// The values a `followup:` leaves out, and what a desk without one records scores by:
        /// a call-back within 24 hours of the fix (call centres call about 3 hours after the
        /// job; three tries spread over the day fit in 24 hours), three unanswered calls end it,
        /// 2 of 5 or less reopens the call, the supervisor is told.
        public static let standard = FollowUp(within: 24 * 3600, calendar: SLAPolicy.roundTheClock, attempts: 3, reopenAtOrBelow: 2,
                                              waive: false, notify: "supervisor")
    }
}
