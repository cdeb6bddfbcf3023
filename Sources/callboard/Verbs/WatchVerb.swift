import ArgumentParser
import CallboardCore
import CallboardStore
import CallboardTUI
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The desk's night watchman: keeps firing escalations, re-alerts and notifications (and, with
/// --auto-dispatch, offering out-of-hours calls to on-call engineers) while no console is open.
struct WatchVerb: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Fire escalations and notifications (and auto-dispatch) without a console: for nights and weekends.",
        discussion: "Runs until stopped (SIGTERM or Ctrl-C: exit status 128 + the signal), looking every --interval; prints one line per action. Several watchers and consoles may run at once: each escalation is written, and its notification sent, exactly once. See README for a service unit.")

    @Option(help: ArgumentHelp("How often to look (e.g. 30s, 1m).", valueName: "span")) var interval = "30s"
    @Flag(help: "Offer unassigned urgent calls to on-call engineers outside office hours, moving on when an offer lapses.") var autoDispatch = false
    @Flag(help: "Look once and exit (for cron, or a test).") var once = false
    @OptionGroup var desk: DeskOptions
    @OptionGroup var notify: NotifyOption

    func validate() throws {
        guard let seconds = Self.seconds(interval), seconds >= 1 else {
            throw ValidationError(Speech[CommandText.badInterval(["interval": "\(interval)"])])
        }
    }

    /// A span as typed (`30s`, or `３０ｓ` from a full-width input method).
    static func seconds(_ text: String) -> Int? { DurationText.seconds(TextRules.halfWidth(text).trimmingCharacters(in: .whitespaces)) }

    /// One line at once (unbuffered): a log follows the watch as it happens.
    func say(_ text: String) {
        FileHandle.standardOutput.write(Data((DisplayText.sanitized(text) + "\n").utf8))
    }

    func say(_ message: Message) { say(Speech[message]) }

    func run() throws {
        let runtime = try Runtime(desk)
        // The watch records events (escalations, offers): a viewer may not run it.
        try runtime.roles.require(.dispatcher, of: runtime.actor, for: DeskText.doingWatch())
        // Looking once at a journal that is not there is a mistyped path; a watch that keeps
        // running may have been started before the desk's first call, so it warns and waits.
        if once {
            try runtime.requireJournal()
        } else if try !runtime.log.exists() {
            CommandLineEntry.warn(CommandText.noJournalYet(["path": "\(runtime.journalLocation)",
                                                           "from": .message(Runtime.journalSource(flag: runtime.journalFlag, environment: runtime.environment))]))
        }
        let journal = try runtime.openDesk()
        let notifier = Notifier(clock: runtime.clock, zone: runtime.zone, command: notify.command(runtime.desk))
        let actor = runtime.actor
        let seconds = Self.seconds(interval) ?? 30
        Terminal.catchStopSignals()
        // --once looks once (cron, a test): saying "every 30s" would be untrue.
        let watching: CommandText = once ? (autoDispatch ? .lookingOnceAutoDispatch : .lookingOnce) : autoDispatch ? .watchingAutoDispatch : .watching
        say(watching(["journal": "\(runtime.journalLocation)", "seconds": "\(seconds)", "actor": "\(actor)"]))
        var warnedOfHolidays = false
        // The same round as every console's, which also sends what a console wrote but did not
        // get to send (it quit first).
        let round = SupervisionRound(actor: actor, autoDispatch: autoDispatch, sendsUnsent: true)
        let timekeeper = Timekeeper(), agenda = TickAgenda()
        while true {
            try journal.refresh()
            let now = runtime.clock.now()
            if !warnedOfHolidays, let warning = HolidayNotice.warning(runtime.policy, at: now, strings: Speech.strings) {
                say(CommandText.warning(["warning": "\(warning)"]))
                warnedOfHolidays = true
            }
            let (written, toSend) = try round.look(journal, now: now, timekeeper: timekeeper, agenda: agenda)
            for event in written {
                say("\(TimeText.clock(now, in: runtime.zone)) \(event.change.call?.description ?? "") \(EventDescription.text(event.change, state: journal.state, strings: Speech.strings))")
            }
            let results = notifier.notify(for: toSend, in: journal.state)
            let at = runtime.clock.now()
            try round.recordOutcomes(results, in: journal, at: at)
            for change in results { say("\(TimeText.clock(at, in: runtime.zone)) \(change.call?.description ?? "") \(EventDescription.text(change, state: journal.state, strings: Speech.strings))") }
            if once { return }
            // Sleep in short steps so a stop signal ends the watch promptly, with 128 + the signal
            // as its status, as the console's: a service manager (or a script) sees it was stopped.
            for _ in 0..<(seconds * 10) {
                if let signal = Terminal.takeStopSignal() {
                    say(CommandText.stoppedBySignal(["signal": "\(signal)"]))
                    throw ExitStatus(code: 128 + signal)
                }
                usleep(100_000)
            }
        }
    }
}
