import CallboardCore
import CallboardStore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What every verb needs from the world: the clock, the environment, the desk's time zone, the
/// person at the keyboard, and the journal.
struct Runtime {
    let clock: any DeskClock = SystemClock()
    let environment = ProcessInfo.processInfo.environment
    /// The desk's time zone for display: the process's (`TZ`) until the SLA policy names one.
    let zone = TimeZone.current

    /// The operating-system user, recorded with every event.
    var actor: String {
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return environment["USER"] ?? "uid-\(geteuid())"
    }

    func journalPath(_ option: JournalOption) -> String {
        JournalLocation.resolve(flag: option.journal, environment: environment)
    }

    func openDesk(_ path: String) throws -> JournalDesk {
        try JournalDesk(journal: Journal(path: path))
    }

    /// Carries out a command against the journal and reports any repair it made.
    func perform(_ command: Command, journal option: JournalOption, at: AtOption) throws -> (Event, JournalDesk) {
        let desk = try openDesk(journalPath(option))
        let now = clock.now()
        let moment = try at.at.map { text throws(DeskError) in try TimeText.parseMoment(text, now: now) }
        let event = try desk.perform(command, CommandContext(now: now, at: moment, actor: actor, timeZone: zone))
        desk.warnings.forEach(CommandLineEntry.warn)
        return (event, desk)
    }

    /// Columns available for a table on standard output: the terminal's width, or a generous
    /// fixed width when output goes to a file or a pipe.
    var outputWidth: Int {
        var size = winsize()
        if isatty(STDOUT_FILENO) == 1, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
            return Int(size.ws_col)
        }
        return 160
    }
}
