import CallboardCore
import CallboardStore
import Foundation

/// The console's run loop, htop-style: take in what others appended to the journal, read the
/// clock, redraw when something visible changed (at least every second for the countdowns),
/// then sleep until a key, a change to the journal (inotify) or the next second. Keys go
/// through the pure ConsoleController; the effects it asks for (record a command, run a
/// command line) are carried out here.
public final class ConsoleApp {
    /// Without inotify the loop looks at the journal this often, keeping changes from
    /// elsewhere well within a second of appearing.
    public static let fallbackPollMilliseconds = 200

    /// What the console needs from the executable to act for the dispatcher.
    public struct Services {
        /// The context a command is decided in at `now` (who, the desk's policy and zone).
        public var context: (Date) -> CommandContext
        /// Runs the command-line tool with these words; its exit status and what it printed.
        public var commandLine: ([String]) -> (status: Int32, output: String)
        /// Sends the notifications for escalations this console wrote (the desk's command);
        /// the outcomes, to record. Called off the main thread: it may take a while.
        public var notify: @Sendable ([Event], DeskState) -> [Change]

        public init(context: @escaping (Date) -> CommandContext, commandLine: @escaping ([String]) -> (status: Int32, output: String),
                    notify: @escaping @Sendable ([Event], DeskState) -> [Change] = { _, _ in [] }) {
            self.context = context
            self.commandLine = commandLine
            self.notify = notify
        }
    }

    private let desk: JournalDesk
    private let watch: JournalWatch
    private let clock: any DeskClock
    private let zone: TimeZone
    private let strings: UIStrings
    private let services: Services
    private var timekeeper = Timekeeper()
    private var searchIndex = SearchIndex()
    private var searchWarmed = false
    private var model = ConsoleModel()
    private var order: [CallID] = []
    private var layout = ConsoleLayout(width: 0, height: 0, technicians: 0)
    /// A notice stays until this time (then the footer shows the keys again).
    private var noticeShownUntil: Date?
    /// A journal problem stays until the journal reads again.
    private var journalTrouble = false

    /// A wall display (or a viewer): it changes nothing and fires no escalations.
    private let readOnly: Bool
    /// Who the console records automatic events as.
    private let actor: String
    /// The latest escalation alert announced: a later one (or one waiting when the console
    /// opens) brings a banner and the bell.
    private var alertSeenAt = Date.distantPast
    /// The policy new calls are timed under: the header warns when its listed holidays run out.
    private lazy var policy = services.context(clock.now()).policy

    public init(desk: JournalDesk, clock: any DeskClock, zone: TimeZone, strings: UIStrings, services: Services,
                board: Bool = false, readOnly: Bool = false, actor: String = "console") {
        self.desk = desk
        self.clock = clock
        self.zone = zone
        self.strings = strings
        self.services = services
        self.readOnly = readOnly
        self.actor = actor
        watch = JournalWatch(journalPath: desk.journal.path)
        model.showBoard = board
    }

    /// Runs until `q` or a stop signal; returns the signal number if a signal ended it. The
    /// terminal is restored either way.
    public func run(useColor: Bool, terminalType: String) throws -> Int32? {
        Terminal.catchStopSignals()
        Terminal.catchSuspend()
        let terminal = try Terminal(useColor: useColor, terminalType: terminalType)
        defer { terminal.stop() }
        var dirty = true
        var drawnAt: Date?
        while true {
            // Ctrl-Z: suspended here, between frames and with no journal lock held, so a
            // stopped console never holds up the desk; `fg` brings it back, redrawn whole.
            if Terminal.takeSuspendRequest() {
                terminal.suspend()
                dirty = true
            }
            if let signal = Terminal.takeStopSignal() {
                // Ctrl-C in a form, picker or prompt cancels it (asking first if something was
                // typed), as a dispatcher expects; on the queue it stops the console.
                if signal == SIGINT, model.mode != .queue {
                    let context = ConsoleContext(state: desk.state, order: order, now: clock.now(), zone: zone, pageSize: 1, strings: strings, readOnly: readOnly)
                    _ = ConsoleController.handle(.escape, model: &model, context: context)
                    dirty = true
                    continue
                }
                return signal
            }
            watch.drain()
            // Escalations can only be new when the desk changed: look for them only then (and
            // once at the start), not on every wake.
            var deskChanged = drawnAt == nil
            if followJournal() { dirty = true; deskChanged = true }
            let now = clock.now()
            if now != drawnAt, !readOnly, supervise(now: now) { dirty = true; deskChanged = true }
            if deskChanged, announceEscalations(on: terminal) { dirty = true }
            if let until = noticeShownUntil, now >= until {
                model.notice = nil
                noticeShownUntil = nil
                dirty = true
            }
            if dirty || now != drawnAt {
                draw(on: terminal, now: now)
                drawnAt = now
                dirty = false
            }
            guard let key = terminal.readKey(timeout: 0) else {
                if !searchWarmed {
                    // Idle after the first frame: work out every call's search text now, so the
                    // first letter typed into the filter does not wait for it.
                    desk.state.forEachOpenCall { _ = searchIndex.text(for: $0, in: desk.state) }
                    searchWarmed = true
                    continue
                }
                // A terminal that went away without a hangup signal ends the console like one.
                if !wait(until: now) { return SIGHUP }
                continue
            }
            dirty = true
            if key == .resize { continue }
            // Too small to see what the keys would do: only q on the queue acts (as the notice says).
            if layout.tooSmall {
                if key == .character("q"), model.mode == .queue { return nil }
                continue
            }
            if !journalTrouble, model.notice != nil, noticeShownUntil != nil {
                model.notice = nil // a key press dismisses a result
                noticeShownUntil = nil
            }
            var context = ConsoleContext(state: desk.state, order: order, now: now, zone: zone,
                                         pageSize: max(1, layout.queueRows - 1), strings: strings, readOnly: readOnly)
            let state = desk.state, commandContext = services.context(now)
            context.check = { command in
                do throws(DeskError) {
                    _ = try state.decide(command, commandContext)
                    return nil
                } catch {
                    return error.message
                }
            }
            switch ConsoleController.handle(key, model: &model, context: context) {
            case .none: break
            case .quit: return nil
            case .redraw: terminal.repaintAll()
            case .perform(let command, let onFailure): perform(command, onFailure: onFailure)
            case .commandLine(let words): runCommandLine(words)
            }
        }
    }

    /// Records a command for the dispatcher: acknowledged (and said so) only once it is on
    /// disk; a refusal goes back where it came from with the reason, keeping what was typed.
    private func perform(_ command: Command, onFailure: ConsoleMode) {
        do {
            let events = try desk.perform(command, clock: clock, context: services.context)
            model.mode = .queue
            guard let event = events.last else { return }
            if let id = event.change.call {
                if case .callReceived = event.change { model.selected = id }
                tell("\(id): " + EventDescription.text(event.change, state: desk.state), error: false)
            }
        } catch let error as DeskError {
            switch onFailure {
            case .form(var form):
                form.show(error)
                model.mode = .form(form)
            case .prompt(var prompt):
                prompt.error = error.message
                model.mode = .prompt(prompt)
                model.say(error.message, error: true)
            default:
                model.mode = onFailure
                tell(error.message, error: true)
            }
        } catch {
            model.mode = onFailure
            tell("\(error)", error: true)
        }
    }

    /// The `:` line: the command-line tool itself runs the words, against this journal; its
    /// change reaches the screen by following the journal like any other.
    private func runCommandLine(_ words: [String]) {
        // Verbs that take the screen or run until stopped belong in a shell of their own.
        if let verb = words.first, ["console", "demo", "watch"].contains(verb) || (verb == "board" && !words.contains("--print")) {
            tell(strings[.commandInteractive, ["verb": verb]], error: true)
            return
        }
        let result = services.commandLine(words)
        let outputLines = result.output.split(separator: "\n")
        var firstLine = outputLines.first.map(String.init) ?? ""
        if outputLines.count > 1 { firstLine = strings[.moreLines, ["line": firstLine, "count": "\(outputLines.count - 1)"]] }
        if result.status == 0 {
            tell(firstLine.isEmpty ? strings[.commandDone, ["command": words.joined(separator: " ")]] : firstLine, error: false)
        } else {
            tell(firstLine.isEmpty ? "exit \(result.status)" : firstLine, error: true)
        }
        _ = followJournal()
    }

    /// Once a second: records the escalations now due (exactly once across consoles and
    /// watchers) and sends their notifications in the background, recording how that went.
    private func supervise(now: Date) -> Bool {
        let written: [Event]
        do {
            written = try desk.superviseOnce(now: now, actor: actor, autoDispatch: false, timekeeper: timekeeper)
        } catch {
            return false // the next second tries again; journal trouble shows through following
        }
        guard !written.isEmpty else { return false }
        let state = desk.state, journal = desk.journal, notify = services.notify, actor = self.actor, clock = self.clock
        Thread.detachNewThread {
            let outcomes = notify(written, state)
            let stamp = clock.now() // when the attempts ended
            guard !outcomes.isEmpty, let recorder = try? JournalDesk(journal: journal) else { return }
            _ = try? recorder.record(now: stamp) { _ in outcomes.map { Event(occurredAt: stamp, recordedAt: stamp, actor: actor, change: $0) } }
        }
        return true
    }

    /// A banner and the bell when an escalation fires or alerts again (from any console or
    /// watcher), and a line when a notification failed.
    private func announceEscalations(on terminal: Terminal) -> Bool {
        var latest: (ServiceCall, EscalationRecord)?
        desk.state.forEachOpenCall { call in
            for e in call.pendingEscalations where latest == nil || e.lastAlertAt > latest!.1.lastAlertAt { latest = (call, e) }
        }
        guard let (call, e) = latest, e.lastAlertAt > alertSeenAt else { return false }
        alertSeenAt = e.lastAlertAt
        tell(strings[.escalationBanner, ["call": call.id.description, "step": e.step, "timer": e.timer.map { strings.timerLabel($0, policy: Timekeeper.policy(for: call, in: desk.state)) } ?? strings.word("automatic dispatch"), "notify": e.notify]], error: true)
        noticeShownUntil = clock.now().addingTimeInterval(30)
        terminal.bell()
        return true
    }

    private func tell(_ text: String, error: Bool) {
        model.say(DisplayText.sanitized(text), error: error)
        noticeShownUntil = clock.now().addingTimeInterval(error ? 15 : 8)
    }

    /// Takes in what others appended; true if the screen should change. A journal compacted
    /// or repaired under the console is read afresh; other trouble is shown, and retried.
    private func followJournal() -> Bool {
        do {
            var failure: (CallID, String)?
            let changed = try desk.refresh(wait: false) { event in
                // A notification that failed (sent by any console or watcher) is shown here too.
                if case .notified(let id, _, false, let detail) = event.change { failure = (id, detail) }
            } > 0
            if let (id, detail) = failure {
                tell(strings[.notificationFailed, ["call": id.description, "detail": detail]], error: true)
            }
            if journalTrouble {
                journalTrouble = false
                model.notice = nil
                return true
            }
            return changed
        } catch where error.kind == .superseded {
            do {
                // Not behind a writer holding the lock: if one is, the next look tries again.
                guard try desk.reload(wait: false) else { return false }
                timekeeper = Timekeeper() // its schedules are kept by position in the old desk
                searchIndex = SearchIndex()
                searchWarmed = false
                tell(strings[.journalReloaded], error: false)
            } catch {
                model.say("Journal: \(error)", error: true)
                journalTrouble = true
            }
            return true
        } catch {
            model.say("Journal: \(error)", error: true)
            journalTrouble = true
            noticeShownUntil = nil
            return true
        }
    }

    /// Sleeps until a key arrives, the journal's folder changes, a signal comes, or the clock
    /// reaches the next whole second (the countdowns tick then) — no busy polling. While a
    /// writer holds the journal's lock it looks again after a moment. False if the terminal is gone.
    private func wait(until drawn: Date) -> Bool {
        let untilNextSecond = Int((1 - (clock.now().timeIntervalSince1970 - drawn.timeIntervalSince1970.rounded(.down))) * 1000) + 1
        var timeout = watch.descriptor == nil ? min(Self.fallbackPollMilliseconds, untilNextSecond) : untilNextSecond
        if desk.writerBusy { timeout = min(timeout, 20) }
        var fds = [pollfd(fd: 0, events: Int16(POLLIN), revents: 0)]
        if let descriptor = watch.descriptor { fds.append(pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)) }
        _ = poll(&fds, nfds_t(fds.count), Int32(max(1, min(timeout, 1000))))
        return fds[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) == 0
    }

    private func draw(on terminal: Terminal, now: Date) {
        let size = terminal.size
        layout = ConsoleLayout(width: size.width, height: size.height, technicians: desk.state.technicians.count, detail: model.showDetail)
        let snapshot = ConsoleSnapshot(state: desk.state, now: now, zone: zone, timekeeper: timekeeper, searchIndex: searchIndex,
                                       policy: policy)
        let newOrder = snapshot.order(filter: model.filter, sort: model.sort)
        model.reconcile(order: newOrder, visibleRows: layout.queueRows, previousOrder: order)
        order = newOrder
        terminal.draw(ConsoleView.render(snapshot, queue: newOrder, model: model, layout: layout, strings: strings))
    }
}
