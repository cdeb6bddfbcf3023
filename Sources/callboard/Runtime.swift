import CallboardCore
import CallboardResources
import CallboardStore
import CallboardTUI
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What every verb needs from the world: the clock, the environment, the desk's policy and
/// time zone, the person at the keyboard, and the journal (an EventLog: the verbs never learn
/// where or how it is kept).
struct Runtime {
    /// The wall clock; with `--as-of`, a clock stopped at that moment.
    let clock: any DeskClock
    let environment: [String: String]
    /// The journal as given (`--journal`, `CALLBOARD_JOURNAL`, the default path), and the log it names.
    let journalLocation: String
    /// The log; with `--as-of`, the log as it stood then (`asOf`), read-only.
    let log: any EventLog
    /// `--as-of`: the desk as it stood at a moment (nil: as it is now).
    let asOf: AsOfLog?
    /// What `--journal` said (nil: not given), to say where the journal's location came from.
    let journalFlag: String?
    /// The policy new calls are timed under: checked before anything is done.
    let policy: SLAPolicy
    /// The policy file named by --policy or $CALLBOARD_POLICY (nil: the built-in policy).
    let policyPath: String?
    /// The desk's time zone: the policy's.
    var zone: TimeZone { policy.zone }

    /// Who may do what (everyone everything without a desk configuration).
    var roles: DeskRoles { desk.roles }
    /// The desk's configuration, kept with its journal (desk.yaml beside a journal file): roles
    /// and the notification command.
    let desk: DeskConfiguration

    init(_ options: DeskOptions, asOf: AsOfOption? = nil) throws {
        try self.init(journal: options.journal, policy: options.policy, desk: options.desk, asOf: asOf?.asOf)
    }

    /// `asOf`: `--as-of` as typed, read as `--at` is (ISO 8601 with an offset, or a span ago).
    init(journal: String?, policy policyPath: String?, desk: String? = nil, asOf: String? = nil) throws {
        let environment = ProcessInfo.processInfo.environment
        self.environment = environment
        journalFlag = journal
        journalLocation = JournalLocation.resolve(flag: journal, environment: environment)
        let log = try EventLogs.open(journalLocation)
        self.desk = try log.deskConfiguration(named: desk)
        self.policyPath = policyPath ?? environment["CALLBOARD_POLICY"].flatMap { $0.isEmpty ? nil : $0 }
        policy = try Self.loadPolicy(self.policyPath, from: policyPath != nil ? CommandText.policyFromFlag() : CommandText.policyFromEnvironment())
        let wall = SystemClock()
        guard let asOf else {
            (self.log, self.asOf, clock) = (log, nil, wall)
            return
        }
        let moment = try Self.moment(asOf, now: wall.now(), zone: policy.zone)
        let past = AsOfLog(log, at: moment, zone: policy.zone)
        (self.log, self.asOf, clock) = (past, past, FixedClock(moment))
    }

    /// `--as-of`'s moment, read by the one reader of times (`--at`'s); not in the future: the
    /// desk can be shown as it was, not as it will be (exit 64, naming --as-of and the fix).
    static func moment(_ text: String, now: Date, zone: TimeZone) throws -> Date {
        let moment: Date
        do throws(DeskError) {
            moment = try TimeText.parseMoment(text, now: now)
        } catch {
            throw CommandFailure(CommandText.flagProblem(["flag": "--as-of", "problem": .message(error.text)]), status: 64)
        }
        guard moment <= now else {
            throw CommandFailure(CommandText.asOfInFuture(["time": "\(TimeText.iso(moment, in: zone))", "now": "\(TimeText.iso(now, in: zone))"]),
                                 status: 64)
        }
        return moment
    }

    /// With `--as-of`, once the desk was read: a moment before the journal's first event is
    /// refused (exit 1) rather than shown as an empty desk, which would look like a desk with
    /// no calls (most often the year or the date is mistyped).
    /// `desk`: the desk read, when it may have started from a snapshot (taken by the moment, so
    /// the desk had events then).
    func requireHistory(_ desk: JournalDesk? = nil) throws {
        guard let asOf, desk?.startedFrom == nil, asOf.eventsShown == 0, let first = asOf.earliestRecorded else { return }
        throw CommandFailure(CommandText.asOfBeforeJournal(["time": "\(TimeText.iso(asOf.moment, in: zone))",
                                                            "first": "\(TimeText.iso(first, in: zone))", "path": "\(log.location)"]))
    }

    /// With `--as-of`, the line that heads a printout in text (`list`, `show`, `board --print`),
    /// so it cannot pass for the desk as it is now; nil for the desk now. JSON and CSV carry
    /// none: their shapes stay as scripts read them (README, "The desk as it was").
    var asOfHeading: String? {
        asOf.map { Speech[CommandText.asOfHeading(["time": "\(Renderer.asOfTime($0.moment, zone))"])] }
    }

    /// With `--as-of`, why `id` is not on the desk as it stood: recorded after the moment (the
    /// failure says when, and when it says it was received); nil when the journal has no such
    /// call at all (`no call`).
    func recordedLater(_ id: CallID) throws -> CommandFailure? {
        guard let asOf else { return nil }
        let now = try JournalDesk(log: asOf.base, scope: .calls([id]), fromSnapshot: usesSnapshot, snapshots: .never)
        try now.load([id])
        guard let call = now.state.calls[id] else { return nil }
        let recorded = call.history.first?.recordedAt ?? call.receivedAt
        return CommandFailure(CommandText.asOfNotYetRecorded(["call": "\(id)", "time": "\(Renderer.asOfTime(asOf.moment, zone))",
                                                              "recorded": "\(Renderer.asOfTime(recorded, zone))",
                                                              "received": "\(Renderer.asOfTime(call.receivedAt, zone))"]))
    }

    /// A policy file, or the built-in one. A bad file stops the command (a console never starts
    /// on a bad policy); `policy check` lists every problem. `from`: where the path came from.
    static func loadPolicy(_ path: String?, from: Message? = nil) throws -> SLAPolicy {
        guard let path else { return try PolicyParser.parse(CallboardResources.defaultPolicy()) }
        do {
            return try PolicyParser.parse(readPolicyFile(path, from: from))
        } catch let error as PolicyProblems {
            let first = error.problems[0]
            let about: [String: Message.Argument] = ["path": "\(path)", "line": "\(first.line)", "problem": .message(first.text)]
            throw PolicyFailure(text: error.problems.count > 1
                ? CommandText.policyFileProblems(about.merging(["more": "\(error.problems.count - 1)"]) { $1 })
                : CommandText.policyFileProblem(about))
        }
    }

    /// A policy file's text, or a failure naming the file (and `from`, where its path came from)
    /// and why it cannot be read, in the run's language (exit 64: a path mistyped is input); a
    /// file that is not UTF-8 is a policy problem naming the line and byte (`PolicyProblems`).
    static func readPolicyFile(_ path: String, from: Message?) throws -> String {
        let bytes: [UInt8]
        do {
            bytes = try FileProblem.contents(of: path)
        } catch {
            let about: [String: Message.Argument] = ["path": "\(path)", "reason": .message(error.reason)]
            throw PolicyFailure(text: from.map { CommandText.cannotReadPolicyFrom(about.merging(["from": .message($0)]) { $1 }) }
                                ?? CommandText.cannotReadPolicy(about))
        }
        return try PolicyParser.text(of: bytes)
    }

    /// For the verbs that only read: a journal that is not there is far more often a mistyped
    /// path than a desk with nothing on it, so they say so instead of showing an empty desk.
    /// Verbs that record something start the journal, as a new desk does.
    func requireJournal() throws {
        try Self.requireJournal(log, flag: journalFlag, environment: environment)
    }

    static func requireJournal(_ log: any EventLog, flag: String?, environment: [String: String]) throws {
        guard try !log.exists() else { return }
        throw CommandFailure(CommandText.noJournal(["path": "\(log.location)", "from": .message(journalSource(flag: flag, environment: environment))]),
                             status: 74)
    }

    /// Where the journal's location came from, in words: what to check when it is wrong.
    static func journalSource(flag: String?, environment: [String: String]) -> Message {
        if let flag, !flag.isEmpty { return CommandText.journalFromFlag() }
        if let path = environment["CALLBOARD_JOURNAL"], !path.isEmpty { return CommandText.journalFromEnvironment() }
        return CommandText.journalByDefault()
    }

    /// The operating-system user, recorded with every event.
    var actor: String {
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return environment["USER"] ?? "uid-\(geteuid())"
    }

    /// The desk read from the journal (or from the one at `location`, the demo's): whole, or
    /// only the calls a command is about, which is all a command reads of a large desk's snapshot.
    /// What it had to say on opening (a snapshot it could not use) goes to standard error.
    func openDesk(_ location: String? = nil, scope: DeskScope = .whole, snapshots: SnapshotWriting = .afterWrites) throws -> JournalDesk {
        // This journal (as it stood at `--as-of`, if given), or another (the demo's).
        let chosen = try location.map { asOf != nil && $0 == journalLocation ? log : try EventLogs.open($0) } ?? log
        let desk = try JournalDesk(log: chosen, scope: scope, fromSnapshot: usesSnapshot, snapshots: asOf == nil ? snapshots : .never)
        desk.warnings.forEach(CommandLineEntry.warn)
        if chosen is AsOfLog { try requireHistory(desk) }
        return desk
    }

    /// CALLBOARD_SNAPSHOT=off reads the journal from its start, the snapshot left aside (to
    /// compare, or when a snapshot is in doubt before `journal verify` has run).
    var usesSnapshot: Bool { environment["CALLBOARD_SNAPSHOT"] != "off" }

    func context(at moment: Date? = nil, now: Date) -> CommandContext {
        CommandContext(now: now, at: moment, actor: actor, timeZone: zone, policy: policy, roles: roles)
    }

    /// Carries out a command against the journal and reports any repair it made. Returns the
    /// command's own event (the last recorded) and the desk as it now stands.
    func perform(_ command: Command, at: AtOption) throws -> (Event, JournalDesk) {
        let scope: DeskScope = command.needsWholeDesk ? .whole : .calls(Set(command.call.map { [$0] } ?? []))
        let desk = try openDesk(scope: scope)
        if case .intake(let draft) = command { try desk.load(desk.state.retiredCandidates(for: draft)) }
        let said = desk.warnings.count
        let moment = try at.at.map { text throws(DeskError) in try TimeText.parseMoment(text, now: clock.now()) }
        let events = try desk.perform(command, clock: clock) { now in context(at: moment, now: now) }
        desk.warnings.dropFirst(said).forEach(CommandLineEntry.warn)
        // A follow-up's low score brings the supervisor's escalation after it: the command's
        // own event is the last that is not an escalation.
        return (events.last { if case .escalated = $0.change { false } else { true } } ?? events.last!, desk)
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

    /// The terminal's width when standard output is one; nil for a file or a pipe, where a
    /// printout is never cut.
    var terminalWidth: Int? {
        var size = winsize()
        guard isatty(STDOUT_FILENO) == 1, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }
}

/// A policy file with problems (exit status 64, like any malformed input).
struct PolicyFailure: Error {
    var text: Message
}
