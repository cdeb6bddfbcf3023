import CallboardCore
import Foundation

/// An event in a call's history, in words: in the console, `show`, `watch`, the result of a
/// command and the question before one. In `strings`' language; what people wrote (a note, a
/// reason, a name) and what a policy names (a step, whom it tells) fill holes as they are.
public enum EventDescription {
    public static func text(_ change: Change, state: DeskState, strings s: UIStrings = .english) -> String {
        func tech(_ id: TechnicianID) -> String {
            state.technicians[id].map { "\(id) \($0.name)" } ?? id.rawValue
        }
        // A timer by the label the call's policy gives it.
        func label(_ timer: TimerName, of id: CallID) -> String {
            s.timerLabel(timer, policy: state.calls[id].map { Timekeeper.policy(for: $0, in: state) })
        }
        func policy(of id: CallID) -> SLAPolicy? { state.calls[id].map { Timekeeper.policy(for: $0, in: state) } ?? state.currentPolicy }
        func step(_ name: String, of id: CallID) -> String { s.stepLabel(name, policy: policy(of: id)) }
        func level(_ level: FaultLevel?) -> String { level.map { s(.level, ["level": "\($0.rawValue)"]) } ?? s(.noLevel) }
        switch change {
        case .policyAdopted(let number, _): return s(.eventPolicyAdopted, ["number": "\(number)"])
        case .technicianAdded(let t): return s(.eventTechnicianAdded, ["tech": t.id.rawValue, "name": t.name])
        case .technicianEdited(let t):
            var parts = [t.region ?? "-", s(.shift(t.shift)), t.skills.isEmpty ? "-" : t.skills.joined(separator: ","), t.phone ?? "-"]
            parts.insert(t.name, at: 0)
            return s(.eventTechnicianEdited, ["tech": t.id.rawValue, "record": parts.joined(separator: s(.listSeparator))])
        case .technicianOnLeave(let id, let span):
            return s(.eventTechnicianOnLeave, ["tech": tech(id), "from": "\(span.from)", "to": "\(span.to)"])
        case .technicianRetired(let id): return s(.eventTechnicianRetired, ["tech": tech(id)])
        case .technicianRota(let id, let entry):
            return s(.eventTechnicianRota, ["tech": tech(id), "from": "\(entry.span.from)", "to": "\(entry.span.to)", "shift": s(.shift(entry.shift))])
        case .callReceived(_, let intake, let policy):
            var parts = [s(.eventReceived, ["channel": s(.channel(intake.channel))])]
            if let level = intake.level { parts.append(s(.level, ["level": "\(level.rawValue)"])) }
            if let region = intake.region { parts.append(s(.region, ["region": region])) }
            if let tier = intake.tier { parts.append(s(.tier, ["tier": tier])) }
            if let kind = intake.kind { parts.append(s(.kind, ["kind": kind])) }
            if let customer = intake.customerID { parts.append(s(.eventCustomerRecord, ["customer": customer.rawValue])) }
            parts.append(policy.map { s(.eventTimedUnderPolicy, ["number": "\($0)"]) } ?? s(.eventTimedUnderGeneral))
            return parts.joined(separator: s(.listSeparator))
        case .responded: return s(.eventResponded)
        case .assigned(_, let to, let previous):
            if let previous { return s(.eventReassigned, ["from": tech(previous), "tech": tech(to)]) }
            return s(.eventAssigned, ["tech": tech(to)])
        case .departed: return s(.eventDeparted)
        case .arrived: return s(.eventArrived)
        case .resolved(let id, let resolution):
            guard !resolution.isEmpty else { return s(.resolved) }
            return s(.eventResolvedWith, ["what": ResolutionText.summary(resolution, policy: policy(of: id), strings: s)])
        case .closed: return s(.closed)
        case .noted(_, let text): return s(.eventNoted, ["text": text])
        case .paused(_, let reason): return s(.eventPaused, ["reason": reason])
        case .resumed: return s(.eventResumed)
        case .releveled(_, let to, let from, let reason):
            return s(.eventReleveled, ["from": level(from), "to": level(to), "reason": reason])
        case .retimed(_, let policy, let reason): return s(.eventRetimed, ["number": "\(policy)", "reason": reason])
        case .compacted(let c):
            let archived = c.archive.map { s(.eventCompactedArchive, ["count": "\(c.archivedCalls)", "archive": $0]) } ?? s(.eventCompactedNothing)
            return s(.eventCompacted, ["events": "\(c.eventsBefore)", "archived": archived])
        case .escalated(let id, let name, let timer?, let notify):
            return s(.eventEscalated, ["step": step(name, of: id), "timer": label(timer, of: id), "notify": s.notifyLabel(notify)])
        case .escalated(let id, let name, nil, let notify):
            return s(.eventEscalatedUnaccepted, ["step": step(name, of: id), "notify": s.notifyLabel(notify)])
        case .realerted(let id, let name, let timer):
            return s(.eventRealerted, ["step": step(name, of: id), "timer": timer.map { label($0, of: id) } ?? s(.automaticDispatch)])
        case .acknowledged: return s(.eventAcknowledged)
        case .notified(let id, let name, let ok, let detail):
            return s(ok ? .eventNotified : .eventNotificationFailed, ["step": step(name, of: id), "detail": detail])
        case .dispatchRequested(_, let to, let until, let reason):
            let zone = state.currentPolicy?.zone ?? TimeZone(identifier: "UTC")!
            return s(.eventOffered, ["tech": tech(to), "until": TimeText.clock(until, in: zone), "reason": OfferReasonText.text(reason, strings: s)])
        case .requestLapsed(_, let who): return s(.eventOfferLapsed, ["tech": tech(who)])
        case .accepted(let id, let who):
            // Automatic dispatch offers only calls nobody was ever assigned: an acceptance on a
            // call that was assigned is the engineer taking the job.
            let assigned = state.calls[id]?.history.contains { if case .assigned = $0.change { true } else { false } } ?? false
            return s(assigned ? .eventAcceptedJob : .eventAccepted, ["tech": tech(who)])
        case .cancelled(_, let reason): return s(.eventCancelled, ["reason": reason])
        case .reopened(_, let reason): return s(.eventReopened, ["reason": reason])
        case .unitReplaced: return s(.eventUnitReplaced)
        case .followedUp(_, let score, let comment, let reopens):
            var text = s(.eventFollowedUp, ["score": "\(score)"])
            if let comment { text += s(.eventFollowUpComment, ["comment": comment]) }
            if reopens { text += s(.eventFollowUpReopens) }
            return text
        case .unreachable(_, let final): return s(final ? .eventUnreachableFinal : .eventUnreachable)
        case .repaired(let next, let dropped): return s(.eventRepaired, ["dropped": "\(dropped)", "next": "\(next)"])
        case .customerAdded(let c): return s(.eventCustomerAdded, ["customer": c.id.rawValue, "name": c.name])
        case .customerEdited(let c): return s(.eventCustomerEdited, ["customer": c.id.rawValue, "name": c.name])
        case .unitRecorded(let id, let unit): return s(.eventUnitRecorded, ["customer": id.rawValue, "serial": unit.serial, "product": unit.product ?? ""])
        case .unitServiced(let id, let serial, let day, let note):
            return s(.eventUnitServiced, ["customer": id.rawValue, "serial": serial, "date": "\(day)"]) + (note.map { s(.listSeparator) + $0 } ?? "")
        }
    }
}
