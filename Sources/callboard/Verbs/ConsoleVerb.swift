import ArgumentParser
import CallboardCore
import CallboardStore
import CallboardTUI
import Foundation
#if canImport(Glibc)
import Glibc
#endif

struct ConsoleVerb: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console",
        abstract: "Open the full-screen console (the default when no verb is given).")

    @OptionGroup var asOf: AsOfOption
    @OptionGroup var desk: DeskOptions
    @OptionGroup var notify: NotifyOption

    func run() throws {
        let runtime = try Runtime(desk, asOf: asOf)
        try Self.open(runtime.journalLocation, runtime: runtime, notification: notify.command(runtime.desk))
    }

    /// Opens the console on the journal at `location`, in the run's language, and returns when
    /// the dispatcher quits; it sends the notifications for escalations it writes with
    /// `notification` (none: the demo).
    static func open(_ location: String, runtime: Runtime, board: Bool = false, readOnly: Bool = false,
                     notification: NotificationCommand? = nil) throws {
        let strings = Speech.strings
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw CommandFailure(CommandText.needsTerminal())
        }
        // The console writes its snapshots away from the screen (ConsoleApp).
        let desk = try runtime.openDesk(location, snapshots: .byCaller)
        let useColor = (runtime.environment["NO_COLOR"] ?? "").isEmpty
        let notifier = Notifier(clock: runtime.clock, zone: runtime.zone, command: notification)
        let services = ConsoleApp.Services(
            context: { now in runtime.context(now: now) },
            commandLine: { words, interrupted in
                SelfRunner.run(words, journal: location, policy: runtime.policyPath, language: strings.language, interrupted: interrupted)
            },
            notify: { events, state in notifier.notify(for: events, in: state) },
            verbs: Callboard.verbPaths)
        // A viewer's console is read-only whatever the flag says; so is the desk as it was
        // (`--as-of`: its clock stopped at that moment, and nothing followed after it).
        let app = ConsoleApp(desk: desk, clock: runtime.clock, zone: runtime.zone, strings: strings, services: services,
                             policy: runtime.policy, board: board, readOnly: readOnly || runtime.roles.role(of: runtime.actor) == .viewer, actor: runtime.actor,
                             asOf: runtime.asOf?.moment)
        let terminalType = runtime.environment["TERM"] ?? ""
        guard let signal = try app.run(useColor: useColor, terminalType: terminalType) else { return }
        throw ExitStatus(code: 128 + signal)
    }
}
