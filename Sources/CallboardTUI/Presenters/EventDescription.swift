import CallboardCore
import Foundation

/// An event in a call's history, in words.
public enum EventDescription {
    public static func text(_ change: Change, state: DeskState) -> String {
        func tech(_ id: TechnicianID) -> String {
            state.technicians[id].map { "\(id) \($0.name)" } ?? id.rawValue
        }
        // A timer by the label the call's policy gives it.
        func label(_ timer: TimerName, of id: CallID) -> String {
            UIStrings.english.timerLabel(timer, policy: state.calls[id].map { Timekeeper.policy(for: $0, in: state) })
        }
        switch change {
        case .policyAdopted(let number, _): return "policy #\(number) adopted for new calls"
        case .technicianAdded(let t): return "technician \(t.id) \(t.name) joined the roster"
        case .callReceived(_, let intake, let policy):
            var parts = ["received by \(intake.channel.rawValue)"]
            if let level = intake.level { parts.append("level \(level.rawValue)") }
            if let region = intake.region { parts.append("region \(region)") }
            if let tier = intake.tier { parts.append("tier \(tier)") }
            if let kind = intake.kind { parts.append("kind \(kind)") }
            parts.append(policy.map { "timed under policy #\($0)" } ?? "timed under the general promise")
            return parts.joined(separator: ", ")
        case .responded: return "responded: customer called back with a diagnosis or plan"
        case .assigned(_, let to, let previous):
            if let previous { return "reassigned from \(tech(previous)) to \(tech(to))" }
            return "assigned to \(tech(to))"
        case .departed: return "technician departed for the site"
        case .arrived: return "technician arrived on site"
        case .resolved: return "resolved"
        case .closed: return "closed"
        case .noted(_, let text): return "note: \(text)"
        case .paused(_, let reason): return "paused: \(reason)"
        case .resumed: return "resumed"
        case .releveled(_, let level, let from, let reason):
            return "releveled from \(from.map { "level \($0.rawValue)" } ?? "no level") to level \(level.rawValue): \(reason)"
        case .retimed(_, let policy, let reason): return "retimed under policy #\(policy): \(reason)"
        case .compacted(let c):
            let moved = c.archive.map { "\(c.archivedCalls) closed calls moved to \($0)" } ?? "no calls archived"
            return "journal compacted from \(c.eventsBefore) events; \(moved)"
        case .escalated(let id, let step, let timer?, let notify): return "escalated (\(step)): \(label(timer, of: id)) promise; \(notify) told"
        case .escalated(_, let step, nil, let notify): return "escalated (\(step)): every on-call engineer let the offer lapse; \(notify) told"
        case .realerted(let id, let step, let timer):
            return "alerted again (\(step), \(timer.map { label($0, of: id) } ?? "automatic dispatch")): nobody has taken charge yet"
        case .acknowledged: return "escalations acknowledged: taken in charge"
        case .notified(_, let step, let ok, let detail):
            return ok ? "notification sent (\(step)): \(detail)" : "notification FAILED (\(step)): \(detail)"
        case .dispatchRequested(_, let to, let until, let reason):
            return "automatic dispatch asked \(tech(to)) to take it by \(TimeText.clock(until, in: state.currentPolicy?.zone ?? TimeZone(identifier: "UTC")!)): \(reason)"
        case .requestLapsed(_, let who): return "automatic dispatch: \(tech(who)) did not accept in time; asking the next engineer"
        case .accepted(_, let who): return "accepted by \(tech(who)) (automatic dispatch)"
        case .cancelled(_, let reason): return "cancelled: \(reason)"
        case .reopened(_, let reason): return "reopened: \(reason)"
        case .unitReplaced: return "the unit was replaced (its warranty starts again today)"
        case .repaired(let next, let dropped): return "journal repaired: \(dropped) records dropped; calls numbered from C-\(next) on"
        }
    }
}
