import CallboardCore
import CallboardStore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The console's run loop, htop-style: it only carries effects out and feeds what comes of them
/// back to the reducer as actions. Each turn: take in what others appended to the log, read the
/// clock, draw when something changed (at least every second, for the countdowns), then sleep
/// until a key, a change to the log, a result of work done away from the screen, or the next
/// second.
public final class ConsoleApp {
    /// What the console needs from the executable to act for the dispatcher.
    public struct Services {
        /// The context a command is decided in at `now` (who, the desk's policy and zone).
        public var context: (Date) -> CommandContext
        /// Runs the command-line tool with these words; its exit status and what it printed.
        /// It asks `interrupted` as it waits, and stops the command (as Ctrl-C in a shell would)
        /// once that says so.
        public var commandLine: ([String], _ interrupted: () -> Bool) -> (status: Int32, output: String)
        /// Sends the notifications for events this console wrote; the outcomes, to record.
        /// Called away from the screen: a gateway may take a while.
        public var notify: @Sendable ([Event], DeskState) -> [Change]
        /// The command-line tool's verbs, for Tab on the `:` line.
        public var verbs: [String]

        public init(context: @escaping (Date) -> CommandContext,
                    commandLine: @escaping ([String], _ interrupted: () -> Bool) -> (status: Int32, output: String),
                    notify: @escaping @Sendable ([Event], DeskState) -> [Change] = { _, _ in [] }, verbs: [String] = []) {
            self.context = context
            self.commandLine = commandLine
            self.notify = notify
            self.verbs = verbs
        }
    }

    private let desk: JournalDesk
    private let watch: any LogChanges
    private let clock: any DeskClock
    private let services: Services
    /// The supervision every console does each second, as `watch` does: escalations due now,
    /// recorded as the person at the console, and how their messages went.
    private let round: SupervisionRound
    private var env: ConsoleEnvironment
    private var state: ConsoleState
    /// What work done away from the screen came to, waiting to be fed to the reducer.
    private let inbox = Inbox()
    private var dirty = true
    /// Effects carried out once the frame is drawn (see `dispatch`).
    private var afterFrame: [ConsoleEffect] = []
    private var stopWith: Int32??
    private var searchWarmed = false
    /// A snapshot being written away from the screen.
    private var snapshotting = false

    public init(desk: JournalDesk, clock: any DeskClock, zone: TimeZone, strings: UIStrings, services: Services, policy: SLAPolicy? = nil,
                board: Bool = false, readOnly: Bool = false, actor: String = "console", asOf: Date? = nil) {
        self.desk = desk
        self.clock = clock
        self.services = services
        round = SupervisionRound(actor: actor, autoDispatch: false, sendsUnsent: false)
        env = ConsoleEnvironment(zone: zone, strings: strings, policy: policy, verbs: services.verbs, context: services.context)
        state = ConsoleState(desk: desk.state, position: desk.position, now: clock.now(), readOnly: readOnly || asOf != nil, page: board ? .board : .queue)
        state.asOf = asOf
        watch = desk.log.changes()
    }

    /// Runs until `q` or a stop signal; returns the signal number if a signal ended it. The
    /// terminal is restored either way.
    public func run(useColor: Bool, terminalType: String) throws -> Int32? {
        Terminal.catchStopSignals()
        Terminal.catchSuspend()
        let terminal = try Terminal(useColor: useColor, terminalType: terminalType, strings: env.strings)
        defer { terminal.stop() }
        let size = terminal.size
        dispatch(.resized(width: size.width, height: size.height), terminal)
        dispatch(.read(desk.state, desk.position, []), terminal)
        // What opening the desk had to say (a snapshot it could not use).
        if let warning = desk.warnings.first { dispatch(.warned(env.strings[warning]), terminal) }
        var tickedAt: Date?
        while true {
            if let code = stopWith { return code }
            // Ctrl-Z: suspended here, between frames and with no lock on the log held, so a
            // stopped console never holds up the desk; `fg` brings it back, redrawn whole.
            if Terminal.takeSuspendRequest() {
                terminal.suspend()
                dirty = true
            }
            if let signal = Terminal.takeStopSignal() {
                dispatch(.signal(signal), terminal)
                continue
            }
            watch.drain()
            follow(terminal)
            for item in inbox.take() {
                switch item {
                case .action(let action): dispatch(action, terminal)
                case .snapshotStored(let pending): desk.snapshotWritten(pending)
                case .snapshotFailed(let problem): dispatch(.warned(problem), terminal)
                }
                if case .action = item { continue }
                snapshotting = false
            }
            let now = clock.now()
            if now != tickedAt {
                dispatch(.tick(now), terminal)
                tickedAt = now
                snapshotIfDue(now)
            }
            let size = terminal.size
            if size.width != state.width || size.height != state.height {
                dispatch(.resized(width: size.width, height: size.height), terminal)
            }
            if stopWith != nil { continue }
            if dirty {
                terminal.draw(Renderer.frame(state, env))
                dirty = false
            }
            if !afterFrame.isEmpty {
                let effects = afterFrame
                afterFrame = []
                for effect in effects { carry(effect, terminal) }
                if dirty { continue }
            }
            // Every key waiting (a paste arrives as thousands) before the next frame.
            var keys = 0
            while keys < 4096, let key = terminal.readKey(timeout: 0) {
                dispatch(.key(key), terminal)
                keys += 1
                if stopWith != nil { break }
            }
            if keys > 0 { continue }
            if !searchWarmed {
                // Idle after the first frame: work out every call's search text now, so the
                // first letter typed into the filter does not wait for it.
                let desk = state.desk
                desk.forEachOpenCall { _ = env.searchIndex.text(for: $0, in: desk) }
                searchWarmed = true
                continue
            }
            // A terminal that went away without a hangup signal ends the console like one.
            if !wait() { return SIGHUP }
        }
    }

    /// Feeds an action to the reducer and carries out the effects it asks for.
    private func dispatch(_ action: ConsoleAction, _ terminal: Terminal) {
        let effects = ConsoleReducer.reduce(&state, action, env)
        dirty = true
        for effect in effects {
            // The look for escalations may write (and sync) the log: it waits until the frame
            // this action changed is on the screen, so a start or a tick never shows late for it.
            if case .supervise = effect { afterFrame.append(effect) } else { carry(effect, terminal) }
        }
    }

    private func carry(_ effect: ConsoleEffect, _ terminal: Terminal) {
        switch effect {
        case .record(let request):
            dispatch(.recorded(request, record(request)), terminal)
            catchUp(terminal)
        case .runCommandLine(let words):
            // The command line reads the journal as it is now: not the desk as it was.
            if let asOf = state.asOf {
                dispatch(.warned(env.strings[.asOfNoCommandLine, ["time": Renderer.asOfTime(asOf, env.zone), "iso": TimeText.iso(asOf, in: env.zone)]]), terminal)
                return
            }
            // Ctrl-C while it runs is for the command, not a request to quit once it is done.
            var interrupted = false
            let result = services.commandLine(words) {
                if !interrupted { interrupted = Terminal.takeInterrupt() }
                return interrupted
            }
            // What it recorded reaches the screen by following the log, like anyone's change.
            follow(terminal)
            dispatch(.ranCommandLine(words, status: result.status, output: result.output, interrupted: interrupted), terminal)
        case .supervise(let now):
            do {
                let written = try round.look(desk, now: now, timekeeper: env.timekeeper, agenda: env.agenda).toSend
                catchUp(terminal)
                if !written.isEmpty { dispatch(.supervised(.success(written)), terminal) }
            } catch {
                dispatch(.supervised(.failure(ConsoleFailure(env.strings.describe(error)))), terminal)
                catchUp(terminal)
            }
        case .notify(let events):
            let deskState = desk.state, notify = services.notify, inbox = self.inbox
            Thread.detachNewThread { inbox.post(.action(.notified(notify(events, deskState)))) }
        case .readReport(let request):
            // The whole journal is read (a long one takes seconds): on a worker thread, with a
            // log of its own reading (a log takes readers from any thread), so the countdowns
            // keep ticking and keys keep working meanwhile.
            let log = desk.log, zone = env.zone, strings = env.strings, inbox = self.inbox
            Thread.detachNewThread {
                let result: Result<[ReportEntry], ConsoleFailure>
                do throws(JournalError) {
                    result = .success(try JournalReport.read(log, days: request.days, zone: zone, at: request.now).entries)
                } catch {
                    result = .failure(ConsoleFailure(strings[error.text]))
                }
                inbox.post(.action(.reportRead(request, result)))
            }
        case .recordNotifications(let outcomes):
            do {
                // Its own outcomes are read like anyone's: a failed one is shown.
                catchUp(terminal, written: try round.recordOutcomes(outcomes, in: desk, at: clock.now()))
            } catch {
                dispatch(.supervised(.failure(ConsoleFailure(env.strings.describe(error)))), terminal)
                catchUp(terminal)
            }
        case .bell:
            terminal.bell()
        case .repaint:
            terminal.repaintAll()
        case .quit(let signal):
            stopWith = .some(signal)
        }
    }

    /// Brings the console's copy of the desk up to the JournalDesk's after work that wrote (or
    /// tried to): see `catchUp(_:from:written:)`.
    private func catchUp(_ terminal: Terminal, written: [Event] = []) {
        if let read = Self.catchUp(desk, from: state.position, written: written) { dispatch(read, terminal) }
    }

    /// What the console reads after work that wrote to the log, when its copy of the desk (at
    /// `position`) is behind `desk`: a write first takes in what others appended, and when the
    /// write then fails (or its result carries no desk) following the log finds nothing new,
    /// so the desk and those events come from here, with what the work itself `written`.
    static func catchUp(_ desk: JournalDesk, from position: LogPosition, written: [Event]) -> ConsoleAction? {
        guard desk.position != position else { return nil }
        return .read(desk.state, desk.position, desk.caughtUpByLastWrite + written)
    }

    /// Records events decided against the desk at the request's position: as they are when
    /// nobody wrote meanwhile (decide ran once), decided again against the latest desk otherwise.
    private func record(_ request: RecordRequest) -> RecordOutcome {
        let warningsBefore = desk.warnings.count
        do {
            let written = try desk.perform(request.command, decided: request.decided, at: request.position, clock: clock,
                                           context: services.context)
            return .recorded(written, desk.state, desk.position, warnings: desk.warnings.dropFirst(warningsBefore).map { env.strings[$0] })
        } catch let error as DeskError {
            return .refused(error, desk.state, desk.position)
        } catch {
            return .failed(env.strings.describe(error))
        }
    }

    /// A console that writes to the desk also writes its snapshots (DeskSnapshot), on a worker
    /// thread: encoding and syncing a large desk would otherwise hold up a frame.
    private func snapshotIfDue(_ now: Date) {
        guard !snapshotting, !state.readOnly, desk.snapshots == .byCaller, desk.snapshotIsDue(now: now),
              let pending = desk.pendingSnapshot(now: now) else { return }
        snapshotting = true
        let log = desk.log, inbox = self.inbox, strings = env.strings
        Thread.detachNewThread {
            do throws(JournalError) {
                try pending.write(to: log)
                inbox.post(.snapshotStored(pending))
            } catch {
                inbox.post(.snapshotFailed(strings[JournalText.snapshotNotWritten(["problem": .message(error.text)])]))
            }
        }
    }

    /// Takes in what others appended. A log compacted or repaired under the console is read
    /// afresh; other trouble is shown, and retried.
    private func follow(_ terminal: Terminal) {
        // The desk as it was follows nothing: what is appended now was recorded after it.
        if state.asOf != nil { return }
        var events: [Event] = []
        do {
            let count = try desk.refresh(wait: false) { events.append($0) }
            if count > 0 || stateTroubled { dispatch(.read(desk.state, desk.position, events), terminal) }
        } catch where error.kind == .superseded {
            do {
                // Not behind a writer holding the lock: if one is, the next look tries again.
                guard try desk.reload(wait: false) else { return }
                env.forgetCaches() // kept by each call's place in the old desk
                searchWarmed = false
                dispatch(.reloaded(desk.state, desk.position), terminal)
            } catch {
                dispatch(.trouble(env.strings.describe(error)), terminal)
            }
        } catch where error.isConnectionLost {
            dispatch(.trouble(env.strings[JournalText.reconnecting(["problem": .message(error.text)])]), terminal)
        } catch {
            dispatch(.trouble(env.strings.describe(error)), terminal)
        }
    }

    private var stateTroubled: Bool { state.notice != nil && state.notice?.until == nil }

    /// Sleeps until a key arrives, the log's folder changes, work done away from the screen
    /// finishes, a signal comes, or the clock reaches the next whole second (the countdowns tick
    /// then) — no busy polling. While a writer holds the log it looks again after a moment.
    /// False if the terminal is gone.
    private func wait() -> Bool {
        // A millisecond past the second, so the clock has surely moved on when it wakes.
        let untilNextSecond = Int(clock.untilNextSecond() * 1000) + 1
        // Without a way to be woken by the log, look at it as often as the log asks.
        var timeout = watch.descriptor == nil ? min(watch.pollMilliseconds, untilNextSecond) : untilNextSecond
        if desk.writerBusy { timeout = min(timeout, 20) }
        var fds = [pollfd(fd: 0, events: Int16(POLLIN), revents: 0), pollfd(fd: inbox.descriptor, events: Int16(POLLIN), revents: 0)]
        if let descriptor = watch.descriptor { fds.append(pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)) }
        _ = poll(&fds, nfds_t(fds.count), Int32(max(1, min(timeout, 1000))))
        return fds[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) == 0
    }
}

/// What work done away from the screen came to.
enum InboxItem: Sendable {
    /// For the reducer.
    case action(ConsoleAction)
    /// For the run loop: a snapshot was written, or could not be (said on screen).
    case snapshotStored(DeskSnapshot.Pending)
    case snapshotFailed(String)
}

/// Results of work done away from the screen, with a pipe that wakes the run loop's poll.
final class Inbox: @unchecked Sendable {
    private let lock = NSLock()
    private var waiting: [InboxItem] = []
    private var ends: [Int32] = [-1, -1]

    init() {
        if pipe(&ends) == 0 {
            for fd in ends { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK); _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        }
    }

    deinit { for fd in ends where fd >= 0 { close(fd) } }

    /// Readable when something was posted.
    var descriptor: Int32 { ends[0] }

    func post(_ item: InboxItem) {
        lock.withLock { waiting.append(item) }
        var byte: UInt8 = 1
        _ = write(ends[1], &byte, 1)
    }

    func take() -> [InboxItem] {
        var buffer = [UInt8](repeating: 0, count: 64)
        while buffer.withUnsafeMutableBytes({ read(ends[0], $0.baseAddress, $0.count) }) > 0 {}
        return lock.withLock {
            defer { waiting.removeAll() }
            return waiting
        }
    }
}
