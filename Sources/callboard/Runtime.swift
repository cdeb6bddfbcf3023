import CallboardCore
import CallboardResources
import CallboardStore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What every verb needs from the world: the clock, the environment, the desk's policy and
/// time zone, the person at the keyboard, and the journal.
struct Runtime {
    let clock: any DeskClock = SystemClock()
    let environment: [String: String]
    let journalPath: String
    /// The policy new calls are timed under: checked before anything is done.
    let policy: SLAPolicy
    /// The policy file named by --policy or $CALLBOARD_POLICY (nil: the built-in policy).
    let policyPath: String?
    /// The desk's time zone: the policy's.
    var zone: TimeZone { policy.zone }

    /// Who may do what (everyone everything without a desk configuration).
    var roles: DeskRoles { desk.roles }
    /// desk.yaml beside the journal: roles and the notification command.
    let desk: DeskConfiguration

    init(_ options: DeskOptions) throws {
        try self.init(journal: options.journal, policy: options.policy, desk: options.desk)
    }

    init(journal: String?, policy policyPath: String?, desk: String? = nil) throws {
        let environment = ProcessInfo.processInfo.environment
        self.environment = environment
        journalPath = JournalLocation.resolve(flag: journal, environment: environment)
        self.desk = try Self.loadDesk(desk, journal: journalPath)
        self.policyPath = policyPath ?? environment["CALLBOARD_POLICY"].flatMap { $0.isEmpty ? nil : $0 }
        policy = try Self.loadPolicy(self.policyPath)
    }

    /// A policy file, or the built-in one. A bad file stops the command (a console never starts
    /// on a bad policy); `policy check` lists every problem.
    static func loadPolicy(_ path: String?) throws -> SLAPolicy {
        guard let path else { return try PolicyParser.parse(CallboardResources.defaultPolicy()) }
        do {
            return try PolicyParser.parse(readPolicyFile(path))
        } catch let error as PolicyProblems {
            let first = error.problems[0]
            let more = error.problems.count > 1 ? " (and \(error.problems.count - 1) more)" : ""
            throw PolicyFailure(message: "policy \(path) line \(first.line): \(first.message)\(more); callboard policy check \(path) lists every problem")
        }
    }

    /// The desk configuration belongs to the desk, not to whoever runs a command: it is
    /// `desk.yaml` beside the journal (`--desk` may only point at that same file). It must not
    /// be writable by anyone but its owner, or anyone could promote themselves; the journal's
    /// folder is created with the sticky bit so that nobody else can remove it either.
    static func loadDesk(_ flag: String?, journal: String) throws -> DeskConfiguration {
        let beside = JournalFile.folder(of: journal) + "/desk.yaml"
        if let flag, URL(fileURLWithPath: flag).standardizedFileURL.path != URL(fileURLWithPath: beside).standardizedFileURL.path {
            throw CommandFailure("the desk configuration is \(beside), beside the journal; --desk may only name that file (roles belong to the desk, not to whoever runs a command)")
        }
        var info = stat()
        guard stat(beside, &info) == 0 else { return .none }
        if info.st_mode & (S_IWGRP | S_IWOTH) != 0 {
            throw CommandFailure("\(beside) can be written by others than its owner, so anyone could change their role; run: chmod go-w \(beside)")
        }
        let text: String
        do {
            text = try String(contentsOfFile: beside, encoding: .utf8)
        } catch {
            throw CommandFailure("cannot read the desk configuration \(beside): \((error as NSError).localizedDescription)")
        }
        let desk: DeskConfiguration
        do {
            desk = try DeskConfiguration.parse(text)
        } catch {
            throw PolicyFailure(message: "desk configuration \(beside): \(error.message)")
        }
        if desk.notify != nil { try checkCommandOwner(beside, owner: info.st_uid) }
        return desk
    }

    /// A notification command runs as whoever runs the watch or a console, so the file naming it
    /// must be the administrator's: a member of the desk's group may create desk.yaml in the
    /// folder where there is none, and it would be theirs. Root, the folder's owner and the
    /// user running the command are trusted; anyone else's file is refused before anything runs.
    static func checkCommandOwner(_ file: String, owner: uid_t) throws {
        var folder = stat()
        let dir = (file as NSString).deletingLastPathComponent
        guard stat(dir, &folder) == 0 else { throw CommandFailure("cannot read the folder \(dir) of the desk configuration") }
        guard owner != 0, owner != folder.st_uid, owner != geteuid() else { return }
        let admin = userName(folder.st_uid)
        throw CommandFailure("\(file) names a notification command but belongs to \(userName(owner)), not to \(admin) who owns its folder, so a desk member may have put it there to run a command as you; nothing was run: the desk's administrator should check it and run `chown \(admin) \(file)`")
    }

    static func userName(_ uid: uid_t) -> String {
        if let entry = getpwuid(uid), let name = entry.pointee.pw_name { return String(cString: name) }
        return String(uid)
    }

    /// A policy file's text, or a failure naming the file and why it cannot be read; a file
    /// that is not UTF-8 is a policy problem naming the line and byte (`PolicyProblems`).
    static func readPolicyFile(_ path: String) throws -> String {
        let bytes: Data
        do {
            bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw CommandFailure("cannot read the policy file \(path): \((error as NSError).localizedDescription)")
        }
        return try PolicyParser.text(of: [UInt8](bytes))
    }

    /// The operating-system user, recorded with every event.
    var actor: String {
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return environment["USER"] ?? "uid-\(geteuid())"
    }

    func openDesk(_ path: String? = nil) throws -> JournalDesk {
        try JournalDesk(journal: Journal(path: path ?? journalPath))
    }

    func context(at moment: Date? = nil, now: Date) -> CommandContext {
        CommandContext(now: now, at: moment, actor: actor, timeZone: zone, policy: policy, roles: roles)
    }

    /// Carries out a command against the journal and reports any repair it made. Returns the
    /// command's own event (the last recorded) and the desk as it now stands.
    func perform(_ command: Command, at: AtOption) throws -> (Event, JournalDesk) {
        let desk = try openDesk()
        let moment = try at.at.map { text throws(DeskError) in try TimeText.parseMoment(text, now: clock.now()) }
        let events = try desk.perform(command, clock: clock) { now in context(at: moment, now: now) }
        desk.warnings.forEach(CommandLineEntry.warn)
        return (events.last!, desk)
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
    var message: String
}
