import CallboardCore
import Foundation

/// What a dispatcher records about a call, from whichever view shows it (the queue, the call in
/// full, the board). A command is decided against the desk as the console has it: a refusal is
/// said at once; otherwise its events are recorded (decided again only if others wrote
/// meanwhile), or, for a key that asks first, described in a question and decided again when
/// yes is pressed, as of that moment: what is recorded is decided once, by the reducer.
enum DeskActions {
    /// Acts that record something about the call `id`.
    static func perform(_ binding: KeyBinding, on id: CallID?, _ state: inout ConsoleState, _ env: ConsoleEnvironment) -> [ConsoleEffect] {
        let s = env.strings
        guard let id, let call = state.desk.calls[id] else {
            state.say(s[.noCallSelected], error: true)
            return []
        }
        let asks = binding.asksFirst
        switch binding.act {
        case .assign:
            if let anyone = anyTechnician, !permitted(.assign(id, anyone, reassign: true), &state, env) { return [] }
            let candidates = AssignmentRanking.rank(for: call, in: state.desk, at: state.now, zone: env.zone)
            state.open(.picker(PickerView(picker: AssignPicker(call: id, candidates: candidates))))
            return []
        case .respond: return decide(.respond(id), asks: asks, &state, env)
        case .depart: return decide(.depart(id), asks: asks, &state, env)
        case .arrive: return decide(.arrive(id), asks: asks, &state, env)
        case .resolve:
            // What fixed it is asked first (the desk's causes, then the fix and the parts); the
            // question before recording comes after.
            guard permitted(.resolve(id), &state, env) else { return [] }
            let causes = (env.policy ?? state.desk.currentPolicy)?.causes ?? CauseDefinition.builtIn
            state.open(.resolve(ResolveView(ResolvePrompt(call: id, causes: causes.map(\.code)))))
        case .close: return decide(.close(id), asks: asks, &state, env, note: s[.confirmCloseNote])
        case .resume: return decide(.resume(id), asks: asks, &state, env)
        case .acknowledge: return decide(.acknowledge(id), asks: asks, &state, env)
        case .acceptJob: return decide(.accept(id, nil), asks: asks, &state, env)
        case .pause: ask(ReasonPrompt(purpose: .pause, call: id), asks: asks, &state, env)
        case .note: ask(ReasonPrompt(purpose: .note, call: id), asks: asks, &state, env)
        case .relevel: ask(ReasonPrompt(purpose: .relevel, call: id), asks: asks, &state, env)
        case .cancelCall: ask(ReasonPrompt(purpose: .cancel, call: id), asks: asks, &state, env)
        case .followUp: ask(ReasonPrompt(purpose: .followUp, call: id), asks: asks, &state, env)
        default: break
        }
        return []
    }

    /// A scheduled visit to the unit `serial`, made today (the visits screen): asked first,
    /// saying what is recorded (the `customer.unit_serviced` event `callboard visit` writes) and
    /// when the next visit then falls due. A refusal (the role, a visit already recorded today)
    /// is said at once.
    static func recordVisit(_ serial: String, _ state: inout ConsoleState, _ env: ConsoleEnvironment) -> [ConsoleEffect] {
        let s = env.strings
        let command = Command.recordVisit(VisitDraft(serial: serial))
        let events: [Event]
        do {
            events = try state.desk.decide(command, env.context(state.now))
        } catch {
            state.say(s[error.text], error: true)
            return []
        }
        var after = state.desk
        for event in events { after.apply(event) }
        let next = after.dueVisits(today: LocalDate(state.now, in: env.zone)).first { $0.unit.serial == serial }
        let lines = events.map { EventDescription.text($0.change, state: state.desk, strings: s) }
            + [next.map { s[.visitNextDue, ["date": $0.due.description]] } ?? s[.visitNoneAfter], s[.visitOtherDay, ["serial": serial]]]
        // No is back on the visits screen, which stays open under the question.
        state.open(.confirm(ConfirmView(title: s[.confirmRecordTitle], lines: lines, command: command)))
        return []
    }

    /// Whether the call `id` can take `act` now, as the core decides (the person's role
    /// included): the command itself where it needs no words, else what refuses it whatever the
    /// words (`refusalBeforeWords`). The footer offers a call's keys only where it can.
    static func allows(_ act: Act, on id: CallID, _ state: ConsoleState, _ env: ConsoleEnvironment) -> Bool {
        guard state.desk.calls[id] != nil else { return false }
        let context = env.context(state.now)
        func decides(_ command: Command) -> Bool { (try? state.desk.decide(command, context)) != nil }
        func words(_ command: Command) -> Bool { state.desk.refusalBeforeWords(command, context) == nil }
        switch act {
        case .assign: return anyTechnician.map { words(.assign(id, $0, reassign: true)) } ?? true
        case .respond: return decides(.respond(id))
        case .depart: return decides(.depart(id))
        case .arrive: return decides(.arrive(id))
        case .resolve: return decides(.resolve(id))
        case .close: return decides(.close(id))
        case .resume: return decides(.resume(id))
        case .acknowledge: return decides(.acknowledge(id))
        case .acceptJob: return decides(.accept(id, nil))
        case .pause: return words(ReasonPrompt(purpose: .pause, call: id).command)
        case .note: return words(ReasonPrompt(purpose: .note, call: id).command)
        case .relevel: return words(ReasonPrompt(purpose: .relevel, call: id).command)
        case .cancelCall: return words(ReasonPrompt(purpose: .cancel, call: id).command)
        case .followUp: return decides(.followUp(id, score: 5, comment: nil))
        default: return true
        }
    }

    /// Stands in for the technician the picker asks for: what refuses assigning a call whatever
    /// the choice (the role, the call's state) does not look at who.
    static let anyTechnician = TechnicianID("T00")

    /// Opens the prompt for the words a command needs, if the command can be given at all.
    static func ask(_ prompt: ReasonPrompt, asks: Bool, _ state: inout ConsoleState, _ env: ConsoleEnvironment) {
        guard permitted(prompt.command, &state, env) else { return }
        state.open(.prompt(PromptView(prompt, asks: asks)))
    }

    /// Whether `command` can be given at all, whatever words a panel would ask for: the person's
    /// role, and the call's state (resolved, already paused, its technician on site), as the
    /// core answers (`refusalBeforeWords`). If not, says why (and who may) at once, before a
    /// panel has them type anything. The desk decides again, words and all, when it is given.
    static func permitted(_ command: Command, _ state: inout ConsoleState, _ env: ConsoleEnvironment) -> Bool {
        guard let refusal = state.desk.refusalBeforeWords(command, env.context(state.now)) else { return true }
        state.say(env.strings[refusal.text], error: true)
        return false
    }

    /// Decides `command` against the desk as shown. Refused: said at once (or under the field of
    /// the panel it came from). Taken: recorded, or first described in a question when `asks`.
    static func decide(_ command: Command, asks: Bool, _ state: inout ConsoleState, _ env: ConsoleEnvironment,
                       returnTo: Screen? = nil, note: String? = nil, doubts: [String] = []) -> [ConsoleEffect] {
        let events: [Event]
        do {
            events = try state.desk.decide(command, env.context(state.now))
        } catch {
            ConsoleReducer.showAgain(RecordRequest(command: command, decided: [], position: state.position, returnTo: returnTo),
                                     error: env.strings[error.text], field: error.field, &state)
            return []
        }
        guard asks || !doubts.isEmpty else {
            return [.record(RecordRequest(command: command, decided: events, position: state.position, returnTo: returnTo))]
        }
        // The question shows what these events would do; yes decides the command again then.
        let question = ConfirmView(title: env.strings[.confirmRecordTitle],
                                   lines: describe(events, in: state, env) + preview(command, in: state, env) + (note.map { [$0] } ?? []) + doubts,
                                   command: command, previous: returnTo)
        state.open(.confirm(question))
        return []
    }

    /// What the events record, and what they change in the call's promises, in words.
    static func describe(_ events: [Event], in state: ConsoleState, _ env: ConsoleEnvironment) -> [String] {
        let s = env.strings
        var lines: [String] = []
        for event in events {
            guard let id = event.change.call else { continue }
            let customer = state.desk.calls[id]?.intake.customer ?? ""
            lines.append(s[.confirmEvent, ["call": id.description, "customer": customer,
                                           "what": EventDescription.text(event.change, state: state.desk, strings: s)]])
            let policy = state.desk.calls[id].map { Timekeeper.policy(for: $0, in: state.desk) }
            for change in state.desk.timerChanges(of: id, applying: events, at: state.now) {
                // The state, and the deadline where the events move it (relevelling).
                func stand(_ timerState: TimerState?, _ due: Date?) -> String {
                    let word = timerState.map { s(.state($0)) } ?? "-"
                    guard let due else { return word }
                    return s[.confirmStateDue, ["state": word, "due": TimeText.short(due, in: env.zone)]]
                }
                lines.append("  " + s[change.withoutVisit ? .confirmTimerWithoutVisit : .confirmTimer,
                                      ["timer": s.timerLabel(change.name, policy: policy), "before": stand(change.before, change.dueBefore),
                                       "after": stand(change.after, change.dueAfter)]])
            }
        }
        return lines
    }

    /// What else a command changes that its events do not say: the escalations that stop
    /// alerting when someone takes charge; the promises no longer escalated and the technician
    /// let go when a call is cancelled.
    static func preview(_ command: Command, in state: ConsoleState, _ env: ConsoleEnvironment) -> [String] {
        let s = env.strings
        switch command {
        case .acknowledge(let id):
            guard let call = state.desk.calls[id], !call.pendingEscalations.isEmpty else { return [] }
            let policy = Timekeeper.policy(for: call, in: state.desk)
            let steps = call.pendingEscalations.map { record in
                s[.confirmNamed, ["name": s.stepLabel(record.step, policy: policy),
                                  "detail": record.timer.map { s.timerLabel($0, policy: policy) } ?? s(.automaticDispatch)]]
            }
            return ["  " + s[.confirmAcknowledge]] + steps.map { "    " + $0 }
        case .cancel(let id, _):
            guard let call = state.desk.calls[id] else { return [] }
            let policy = Timekeeper.policy(for: call, in: state.desk)
            // A closed call is no longer escalated: the promises still counting are let go.
            let counting = env.timekeeper.timers(for: call, in: state.desk, at: state.now).filter { !$0.state.isStopped }.map { timer in
                let stand = timer.deadline.map { s[.confirmStateDue, ["state": s(.state(timer.state)), "due": TimeText.short($0, in: env.zone)]] }
                    ?? s(.state(timer.state))
                return s[.confirmNamed, ["name": s.timerLabel(timer.name, policy: policy), "detail": stand]]
            }
            var lines = ["  " + (counting.isEmpty ? s[.confirmCancelLeaves] : s[.confirmCancelUnwatched])] + counting.map { "    " + $0 }
            if let tech = call.technician {
                lines.append("  " + s[.confirmCancelTechnician, ["tech": "\(tech) " + (state.desk.technicians[tech]?.name ?? "")]])
            }
            return lines
        default:
            return []
        }
    }
}
