import CallboardCore
import CallboardTUI
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs the desk's notification command for escalations and dispatch requests, with the
/// call's fields in its environment, a timeout and retries, and says how it went (recorded as
/// a `call.notified` event by the caller). Never throws: a failing gateway is reported, not fatal.
struct Notifier {
    let clock: any DeskClock
    let zone: TimeZone
    /// From desk.yaml or the options of whoever runs this process, never from the journal
    /// (see NotificationCommand); without one, escalations show on consoles and the board only.
    let command: NotificationCommand?
    /// The run's language (Speech): the labels passed beside the policy's names are in it.
    var strings: UIStrings = Speech.strings
    /// `--lang` chose the language: the command gets it as CALLBOARD_LANG (as if the
    /// environment had said it), so that a recipe speaks it too.
    var languageChosen: Bool = Speech.flag(in: Array(CommandLine.arguments.dropFirst())) != nil

    /// What to tell for each event that needs a message, and the outcome of telling it.
    /// Messages go out side by side (a slow gateway for one call does not hold up the next).
    func notify(for events: [Event], in state: DeskState) -> [Change] {
        guard let command else { return [] }
        final class Results: @unchecked Sendable {
            let lock = NSLock()
            var changes: [(Int, Change)] = []
        }
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: events.count) { index in
            guard let change = message(for: events[index], in: state, command: command) else { return }
            results.lock.lock()
            results.changes.append((index, change))
            results.lock.unlock()
        }
        return results.changes.sorted { $0.0 < $1.0 }.map(\.1)
    }

    private func message(for event: Event, in state: DeskState, command: NotificationCommand) -> Change? {
        do {
            guard let id = event.change.call, let call = state.calls[id] else { return nil }
            var variables: [String: String]
            let step: String
            // An escalation about the call, not a timer: nobody accepted it. Who was asked and
            // let the offer lapse goes in the message.
            func lapsed() -> String {
                call.lapsed.map { id in state.technicians[id].map { "\(id) \($0.name)" } ?? id.rawValue }.joined(separator: ", ")
            }
            switch event.change {
            case .escalated(_, let name, let timer, let notify):
                step = name
                variables = ["CALLBOARD_EVENT": "escalated", "CALLBOARD_STEP": name, "CALLBOARD_TIMER": timer?.rawValue ?? "", "CALLBOARD_NOTIFY": notify]
                if timer == nil { variables["CALLBOARD_LAPSED"] = lapsed() }
            case .realerted(_, let name, let timer):
                step = name
                let notify = call.escalations.first { $0.step == name && $0.timer == timer }?.notify ?? ""
                variables = ["CALLBOARD_EVENT": "realerted", "CALLBOARD_STEP": name, "CALLBOARD_TIMER": timer?.rawValue ?? "", "CALLBOARD_NOTIFY": notify]
                if timer == nil { variables["CALLBOARD_LAPSED"] = lapsed() }
            case .dispatchRequested(_, let tech, let until, _):
                step = "dispatch request"
                variables = ["CALLBOARD_EVENT": "dispatch_requested", "CALLBOARD_STEP": step, "CALLBOARD_NOTIFY": "technician",
                             "CALLBOARD_TECH": tech.rawValue, "CALLBOARD_ACCEPT_BY": TimeText.iso(until, in: zone),
                             "CALLBOARD_ACCEPT_BY_TEXT": TimeText.short(until, in: zone)]
            default:
                return nil
            }
            // Beside the policy's names, what people call them in the run's language (as `show`
            // and the console say them), so that a Chinese desk's message is Chinese throughout.
            let policy = Timekeeper.policy(for: call, in: state)
            if languageChosen { variables["CALLBOARD_LANG"] = strings.language }
            variables["CALLBOARD_LABELS_LANG"] = strings.language
            if case .dispatchRequested = event.change {} else { variables["CALLBOARD_STEP_LABEL"] = strings.stepLabel(step, policy: policy) }
            if let notify = variables["CALLBOARD_NOTIFY"], !notify.isEmpty { variables["CALLBOARD_NOTIFY_LABEL"] = strings.notifyLabel(notify) }
            variables["CALLBOARD_CALL"] = id.description
            variables["CALLBOARD_CUSTOMER"] = call.intake.customer
            variables["CALLBOARD_PHONE"] = call.intake.phone
            variables["CALLBOARD_SUMMARY"] = call.intake.summary
            variables["CALLBOARD_LEVEL"] = call.intake.level.map { String($0.rawValue) } ?? ""
            variables["CALLBOARD_REGION"] = call.intake.region ?? ""
            variables["CALLBOARD_STATUS"] = call.status.rawValue
            let techID = variables["CALLBOARD_TECH"].flatMap { TechnicianID(stored: $0) } ?? call.technician
            if let techID, let tech = state.technicians[techID] {
                variables["CALLBOARD_TECH"] = tech.id.rawValue
                variables["CALLBOARD_TECH_NAME"] = tech.name
                variables["CALLBOARD_TECH_PHONE"] = tech.phone ?? ""
            }
            if let timer = variables["CALLBOARD_TIMER"].flatMap(TimerName.init(rawValue:)),
               let reading = Timekeeper().timers(for: call, in: state, at: clock.now()).first(where: { $0.name == timer }) {
                variables["CALLBOARD_TIMER_STATE"] = reading.state.rawValue
                variables["CALLBOARD_DEADLINE"] = reading.deadline.map { TimeText.iso($0, in: zone) } ?? ""
                variables["CALLBOARD_TIMER_LABEL"] = strings.timerLabel(timer, policy: policy)
                variables["CALLBOARD_TIMER_STATE_LABEL"] = strings(ReportText.state(reading.state))
                variables["CALLBOARD_DEADLINE_TEXT"] = reading.deadline.map { TimeText.short($0, in: zone) } ?? ""
            }
            let outcome = run(command, variables: variables)
            return .notified(id, step: step, ok: outcome.ok, detail: outcome.detail)
        }
    }

    /// Runs `sh -c COMMAND` up to 1 + retries times until it exits 0, each within the timeout.
    func run(_ command: NotificationCommand, variables: [String: String]) -> (ok: Bool, detail: String) {
        var last = ""
        let attempts = command.retries + 1
        for attempt in 1...attempts {
            let (status, output) = runOnce(command.command, variables: variables, timeout: command.timeout)
            let firstLine = output.split(separator: "\n").first.map(String.init) ?? ""
            if status == 0 { return (true, "\(command.command) succeeded (attempt \(attempt) of \(attempts))") }
            last = status == -1 ? "timed out after \(command.timeout)s" : "exit \(status)" + (firstLine.isEmpty ? "" : ": \(firstLine)")
        }
        return (false, "\(command.command) failed \(attempts) times; last: \(last)")
    }

    private func runOnce(_ command: String, variables: [String: String], timeout: Int) -> (Int32, String) {
        let environment = ProcessInfo.processInfo.environment.merging(variables) { $1 }
        let outcome = ChildProcess.run("/bin/sh", ["-c", command], environment: environment, timeout: timeout)
        if let problem = outcome.spawnError { return (127, problem) }
        return (outcome.status, outcome.output)
    }
}
