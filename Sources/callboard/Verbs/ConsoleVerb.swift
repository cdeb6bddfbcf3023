import ArgumentParser
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

    @OptionGroup var desk: DeskOptions

    func run() throws {
        let runtime = try Runtime(desk)
        try Self.open(runtime.journalPath, runtime: runtime)
    }

    /// Opens the console on the journal at `path` and returns when the dispatcher quits.
    static func open(_ path: String, runtime: Runtime) throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw CommandFailure("the console needs a terminal; for text use: callboard list")
        }
        let desk = try runtime.openDesk(path)
        let useColor = (runtime.environment["NO_COLOR"] ?? "").isEmpty
        let app = ConsoleApp(desk: desk, clock: runtime.clock, zone: runtime.zone)
        let terminalType = runtime.environment["TERM"] ?? ""
        guard let signal = try app.run(useColor: useColor, terminalType: terminalType) else { return }
        throw ExitStatus(code: 128 + signal)
    }
}
