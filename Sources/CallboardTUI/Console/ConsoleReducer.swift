import CallboardCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The console's one reducer, in the manner of The Composable Architecture: an action and the
/// state in, the state changed and the effects to carry out returned. Pure: no terminal, no
/// log, no clock (the time comes in `.tick`), so every flow is tested by feeding actions.
public enum ConsoleReducer {
    public static func reduce(_ state: inout ConsoleState, _ action: ConsoleAction, _ env: ConsoleEnvironment) -> [ConsoleEffect] {
        let s = env.strings
        switch action {
        case .key(let key):
            return keyPressed(key, &state, env)

        case .tick(let now):
            state.now = now
            if let until = state.notice?.until, now >= until { state.notice = nil }
            refresh(&state, env)
            // A wall display (or a viewer) fires no escalations.
            return state.readOnly ? [] : [.supervise(now)]

        case .resized(let width, let height):
            state.width = width
            state.height = height
            refresh(&state, env)
            return []

        case .signal(let signo):
            // Ctrl-C in a form, picker or prompt cancels it, as a dispatcher expects (asking
            // first if something was typed); on the page it stops the console. (While a `:`
            // command runs, the run loop gives Ctrl-C to the command.)
            if signo == SIGINT, !state.stack.isEmpty {
                let top = state.top
                if let binding = top.view(in: state).keys(state).bindings.first(where: { $0.act == .dismiss || $0.act == .back || $0.act == .no }) {
                    return top.kind.handle(binding, &state, env)
                }
                state.close()
                return []
            }
            return [.quit(signo)]

        case .read(let desk, let position, let events):
            state.desk = desk
            state.position = position
            state.visitsCounted = nil
            rerankPicker(&state, env)
            if state.notice?.until == nil { state.notice = nil } // the log reads again
            // A notification that failed, sent by any console or watcher, shows here too.
            for event in events {
                if case .notified(let id, _, false, let detail) = event.change {
                    state.say(s[.notificationFailed, ["call": id.description, "detail": detail]], error: true)
                }
            }
            refresh(&state, env)
            return announceEscalations(&state, env)

        case .reloaded(let desk, let position):
            state.desk = desk
            state.position = position
            state.visitsCounted = nil
            state.say(s[.journalReloaded], error: false)
            refresh(&state, env)
            return []

        case .warned(let message):
            state.say(DisplayText.sanitized(message), error: true)
            return []
        case .trouble(let message):
            state.notice = ConsoleState.Notice(text: DisplayText.sanitized(s[.journalTrouble, ["problem": message]]), isError: true, until: nil)
            return []

        case .recorded(let request, let outcome):
            return recorded(request, outcome, &state, env)

        case .ranCommandLine(let words, _, _, true):
            state.say(s[.commandInterrupted, ["command": ":" + words.joined(separator: " ")]], error: true)
            return []

        case .ranCommandLine(let words, let status, let output, _):
            let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                .reversed().drop { $0.isEmpty }.reversed().map { $0 }
            if lines.count > 1 {
                // All of it, to read and scroll: a command that prints a table or a report.
                state.open(.output(OutputView(command: words, status: status, lines: lines)))
            } else if status == 0 {
                state.say(lines.first ?? s[.commandDone, ["command": words.joined(separator: " ")]], error: false)
            } else {
                state.say(lines.first ?? s[.commandExit, ["status": "\(status)"]], error: true)
            }
            return []

        case .supervised(.success(let written)):
            guard !written.isEmpty else { return [] }
            return [.notify(written)] + announceEscalations(&state, env)

        case .supervised(.failure(let failure)):
            state.say(s[.supervisionFailed, ["problem": failure.message]], error: true)
            return []

        case .notified(let outcomes):
            return outcomes.isEmpty ? [] : [.recordNotifications(outcomes)]

        case .reportRead(let request, let result):
            ReportView.read(request, result, &state, env)
            return []
        }
    }

    /// A key goes to the top view: through its key table (refused on a read-only console if it
    /// would change the desk), or as typing when the view takes text.
    static func keyPressed(_ key: Key, _ state: inout ConsoleState, _ env: ConsoleEnvironment) -> [ConsoleEffect] {
        if key == .resize { return [] }
        // Too small to see what the keys would do: only q on the page acts (as the notice says).
        if state.layout.tooSmall { return key == .character("q") && state.stack.isEmpty ? [.quit(nil)] : [] }
        // A key press dismisses a result; a problem with the log stays until it is over.
        if state.notice?.until != nil { state.notice = nil }
        let top = state.top
        if let binding = top.view(in: state).keys(state).binding(for: key) {
            if binding.changesDesk, state.readOnly {
                if let asOf = state.asOf {
                    state.say(env.strings[.asOfRefused, ["time": Renderer.asOfTime(asOf, env.zone)]], error: true)
                } else {
                    state.say(env.strings[.readOnly], error: true)
                }
                return []
            }
            return top.kind.handle(binding, &state, env)
        }
        return top.kind.type(key, &state, env)
    }

    /// Keeps the pages in step with the desk, the clock and the screen.
    /// An open picker ranks again when the desk changes under it (another console assigned a
    /// technician, a call was closed), keeping the technician the dispatcher had on.
    static func rerankPicker(_ state: inout ConsoleState, _ env: ConsoleEnvironment) {
        guard let picker = state.top(PickerView.self)?.picker, let call = state.desk.calls[picker.call] else { return }
        let chosen = picker.chosen?.technician.id
        let ranked = AssignmentRanking.rank(for: call, in: state.desk, at: state.now, zone: env.zone)
        state.updateTop(PickerView.self) { view in
            view.picker.candidates = ranked
            view.picker.selection = chosen.flatMap { id in ranked.firstIndex { $0.technician.id == id } } ?? 0
        }
    }

    static func refresh(_ state: inout ConsoleState, _ env: ConsoleEnvironment) {
        // The header's count of overdue scheduled visits, counted again when the desk changed
        // (`visitsCounted` forgotten) or the day did: it goes over every customer's units, so
        // not each second.
        let today = LocalDate(state.now, in: env.zone)
        if state.visitsCounted != today {
            state.visitsOverdue = VisitsView.overdue(state.desk, today: today)
            state.visitsCounted = today
        }
        let layout = state.layout
        state.queue.refresh(desk: state.desk, now: state.now, rows: layout.queueRows, env)
        if state.page == .board { state.board.refresh(state, env) }
    }

    /// What recording a command came to: said in the footer, or shown again where it was typed.
    static func recorded(_ request: RecordRequest, _ outcome: RecordOutcome, _ state: inout ConsoleState, _ env: ConsoleEnvironment) -> [ConsoleEffect] {
        switch outcome {
        case .recorded(let events, let desk, let position, let warnings):
            state.desk = desk
            state.position = position
            state.visitsCounted = nil
            if case .intake = request.command, let id = events.last?.change.call { state.queue.selected = id }
            refresh(&state, env)
            if let event = events.last, let id = event.change.call {
                state.say(env.strings[.result, ["call": id.description, "what": EventDescription.text(event.change, state: desk, strings: env.strings)]],
                          error: false)
            } else if let event = events.last {
                // About no call (a scheduled visit to a unit): what it recorded.
                state.say(EventDescription.text(event.change, state: desk, strings: env.strings), error: false)
            }
            if let warning = warnings.first { state.say(warning, error: true) }
            return announceEscalations(&state, env)
        case .refused(let error, let desk, let position):
            state.desk = desk
            state.position = position
            state.visitsCounted = nil
            refresh(&state, env)
            showAgain(request, error: env.strings[error.text], field: error.field, &state)
            return []
        case .failed(let message):
            showAgain(request, error: message, field: nil, &state)
            return []
        }
    }

    /// A refusal goes back where the command came from, with what was typed kept; `error` is in
    /// the console's language.
    static func showAgain(_ request: RecordRequest, error: String, field: Field?, _ state: inout ConsoleState) {
        guard var screen = request.returnTo else {
            state.say(error, error: true)
            return
        }
        screen.update(FormView.self) { $0.form.show(error, field: field) }
        screen.update(PromptView.self) { $0.error = error }
        screen.update(ResolveView.self) { view in
            view.error = error
            // Back at the field at fault.
            if field == .cause { view.prompt.step = .cause } else if field == .fix { view.prompt.step = .fix } else if field == .parts { view.prompt.step = .parts }
        }
        state.open(screen)
        if screen.as(FormView.self) == nil { state.say(error, error: true) }
    }

    /// A banner and the bell when an escalation fires or alerts again (from any console or
    /// watcher), including one waiting when the console opens.
    static func announceEscalations(_ state: inout ConsoleState, _ env: ConsoleEnvironment) -> [ConsoleEffect] {
        // The agenda keeps which call alerted last, so a read does not go over every open call.
        guard let id = env.agenda.latestAlert(state.desk, at: state.now, timekeeper: env.timekeeper), let call = state.desk.calls[id],
              let e = call.escalations.filter({ $0.acknowledgedAt == nil }).max(by: { $0.lastAlertAt < $1.lastAlertAt }),
              e.lastAlertAt > state.alertSeenAt else { return [] }
        state.alertSeenAt = e.lastAlertAt
        let s = env.strings
        let policy = Timekeeper.policy(for: call, in: state.desk)
        let about = e.timer.map { s.timerLabel($0, policy: policy) } ?? s(.automaticDispatch)
        state.say(s[.escalationBanner, ["call": call.id.description, "step": s.stepLabel(e.step, policy: policy), "timer": about,
                                        "notify": s.notifyLabel(e.notify)]], error: true, for: 30)
        return [.bell]
    }
}

