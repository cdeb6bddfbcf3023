import ArgumentParser
import CallboardCore
import CallboardStore
import CallboardTUI
import Foundation

/// The supervisor board, full screen (or printed once).
struct BoardVerb: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "board",
        abstract: "The supervisor board: breaches and warnings, compliance, escalations, load.",
        discussion: "Opens the console on its board view (b switches between board and queue). --read-only makes it a wall display that changes nothing: no keys act on calls and it fires no escalations.")

    @Flag(help: "A wall display: nothing can be changed from it.") var readOnly = false
    @Flag(help: "Print the board once as text and exit.") var print = false
    @OptionGroup var asOf: AsOfOption
    @OptionGroup var desk: DeskOptions
    @OptionGroup var notify: NotifyOption

    func run() throws {
        let runtime = try Runtime(desk, asOf: asOf)
        if print {
            try runtime.requireJournal()
            let journal = try runtime.openDesk()
            let lines = BoardPresenter.lines(journal.state, now: runtime.clock.now(), zone: runtime.zone, timekeeper: Timekeeper(),
                                             width: runtime.terminalWidth, strings: Speech.strings)
            // With --as-of, a heading line besides the frozen clock: the desk as it stood then.
            let heading: [String] = runtime.asOfHeading.map { [$0] } ?? []
            Swift.print((heading + lines.map(\.text)).joined(separator: "\n"))
            return
        }
        try ConsoleVerb.open(runtime.journalLocation, runtime: runtime, board: true, readOnly: readOnly,
                             notification: notify.command(runtime.desk))
    }
}
