import ArgumentParser
import CallboardCore
import CallboardResources
import CallboardStore
import Foundation

struct DemoVerb: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Open the console on a demo desk: a morning at a Shanghai service hotline.",
        discussion: """
        The demo keeps its own journal (~/.local/share/callboard/demo/journal, or under \
        $XDG_DATA_HOME), never the desk's real one unless --journal names it. It is built the \
        first time and reopened as it was left; when nothing has happened in it for 12 hours it \
        is built afresh around the current time (the old one kept as journal.previous), so it \
        always shows a live morning. A journal named with --journal is never rebuilt unasked.
        """)

    @Option(name: .long, help: ArgumentHelp("The demo journal.", valueName: "path"))
    var journal: String?

    @Option(name: .long, help: ArgumentHelp("The SLA policy file (default: $CALLBOARD_POLICY, else the built-in policy).", valueName: "file"))
    var policy: String?

    @Flag(name: .long, help: "Start again: keep the old demo journal as <path>.previous and build a new one.")
    var fresh = false

    @Flag(name: .long, help: "Build the demo journal, print its path and exit without opening the console.")
    var noOpen = false

    @Flag(name: .long, help: "Keep feeding the demo new calls and progress every few seconds while the console is open, as a live desk would.")
    var live = false

    @OptionGroup var language: LanguageOption

    func run() throws {
        let runtime = try Runtime(journal: nil, policy: policy)
        let location = JournalLocation.demo(flag: journal, environment: runtime.environment)
        var desk = try runtime.openDesk(location)
        if fresh || (journal == nil && isStale(desk.state, now: runtime.clock.now())), try desk.log.startAfresh() != nil {
            desk = try runtime.openDesk(location)
        }
        if desk.position.sequence == 0 {
            let now = runtime.clock.now()
            let seed = try DemoDesk.parse(yaml: CallboardResources.demoDesk())
            let events = try DemoDesk.events(from: seed, now: now, timeZone: runtime.zone, policy: runtime.policy)
            // One group commit; if another process seeded it meanwhile, leave theirs.
            try desk.record(now: now) { state in state.technicians.isEmpty && state.calls.isEmpty ? events : [] }
            desk.warnings.forEach(CommandLineEntry.warn)
        }
        if noOpen {
            print(Printable.quoted(location, limit: 4096))
            return
        }
        let feed = live ? try LiveFeed.start(journal: location, runtime: runtime) : nil
        defer { feed?.stop() }
        try ConsoleVerb.open(location, runtime: runtime)
    }

    /// A demo where nothing has happened for 12 hours no longer looks like a working morning.
    func isStale(_ state: DeskState, now: Date) -> Bool {
        guard let latest = state.calls.values.map(\.lastEventAt).max() else { return false }
        return now.timeIntervalSince(latest) > 12 * 3600
    }
}
