import CallboardCore
import CallboardStore
import Foundation

/// Every input of the console: a key, the clock, the screen's size, a signal, a change read
/// from the log, and the result of every effect the console asked for. The reducer is the only
/// place any of them changes the console's state.
public enum ConsoleAction: Sendable {
    case key(Key)
    /// The clock moved on (the console ticks once a second).
    case tick(Date)
    case resized(width: Int, height: Int)
    /// Ctrl-C: cancels what is open, or quits from the page. SIGTERM and SIGHUP quit.
    case signal(Int32)
    /// Others' events, read from the log; the desk now stands at `position`.
    case read(DeskState, LogPosition, [Event])
    /// The log was compacted or repaired elsewhere and has been read again from the start.
    case reloaded(DeskState, LogPosition)
    /// The log cannot be read now (it is retried).
    case trouble(String)
    /// Something for the dispatcher to know that needs nothing done (a snapshot not used).
    case warned(String)
    /// What recording a command came to.
    case recorded(RecordRequest, RecordOutcome)
    /// A `:` command line ran; its exit status and everything it printed, and whether Ctrl-C
    /// stopped it.
    case ranCommandLine([String], status: Int32, output: String, interrupted: Bool = false)
    /// The escalations (and offers) due now that this console wrote, or why it could not.
    case supervised(Result<[Event], ConsoleFailure>)
    /// How the notifications for events this console wrote went, to record.
    case notified([Change])
    /// What the journal holds for a report (every call received in its days, retired ones
    /// included), or why it could not be read.
    case reportRead(ReportRequest, Result<[ReportEntry], ConsoleFailure>)
}

/// What the reducer asks the world to do. The run loop carries each out and feeds its result
/// back as an action.
public enum ConsoleEffect: Equatable, Sendable {
    /// Append events decided against the desk at a position (decided again, under the log's
    /// lock, only if others wrote meanwhile). Answered by `.recorded`.
    case record(RecordRequest)
    /// Run the command-line tool with these words. Answered by `.ranCommandLine`.
    case runCommandLine([String])
    /// Record the escalations due at this instant. Answered by `.supervised`.
    case supervise(Date)
    /// Send the notifications for these events, away from the screen (a gateway may be slow).
    /// Answered by `.notified`.
    case notify([Event])
    /// Read the journal for a report, away from the screen (the whole journal is read, as the
    /// `report` verb reads it). Answered by `.reportRead`.
    case readReport(ReportRequest)
    /// Record how notifications went (as `call.notified` events).
    case recordNotifications([Change])
    case bell
    /// Repaint the whole screen, whatever the terminal is believed to show.
    case repaint
    /// Stop, with the signal that asked for it (nil: `q`).
    case quit(Int32?)
}

/// A command decided against the desk at `position`, and what to show again if it is refused
/// when it is recorded (what was typed is kept).
public struct RecordRequest: Equatable, Sendable {
    public var command: Command
    public var decided: [Event]
    public var position: LogPosition
    public var returnTo: Screen?

    public init(command: Command, decided: [Event], position: LogPosition, returnTo: Screen? = nil) {
        self.command = command
        self.decided = decided
        self.position = position
        self.returnTo = returnTo
    }
}

/// What became of a record request. Recording also reads what others wrote meanwhile, so every
/// outcome carries the desk as it now stands.
public enum RecordOutcome: Sendable {
    case recorded([Event], DeskState, LogPosition, warnings: [String])
    /// Decided again against what others wrote, and refused.
    case refused(DeskError, DeskState, LogPosition)
    /// The log could not be written.
    case failed(String)
}

/// A failure of the console's own work, in words.
public struct ConsoleFailure: Error, Equatable, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
}

/// A report's days, counted as they stand at `now` (the console's clock when it was asked).
public struct ReportRequest: Equatable, Sendable {
    public var days: ClosedRange<LocalDate>
    public var now: Date

    public init(days: ClosedRange<LocalDate>, now: Date) {
        self.days = days
        self.now = now
    }
}
