import CallboardCore
import CallboardStore
import CallboardTUI
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Gathers what `callboard doctor` decides on — the environment, stat and statvfs, /proc, the
/// terminfo database, the server — and hands each fact to its decision (DoctorChecks). Thin:
/// nothing here decides anything.
struct DoctorFacts {
    var environment: [String: String]
    var journalFlag: String?
    var policyFlag: String?
    var deskFlag: String?
    var notifyFlag: String?
    var now: Date
    var strings: UIStrings

    func examine() -> [DoctorFinding] {
        var findings = terminal()
        let location = JournalLocation.resolve(flag: journalFlag, environment: environment)
        let from = Runtime.journalSource(flag: journalFlag, environment: environment)
        var desk: DeskConfiguration?
        do {
            let log = try EventLogs.open(location)
            if let server = log as? PostgresLog {
                findings += Self.server(server)
                desk = try? log.deskConfiguration(named: deskFlag)
            } else if let file = log as? FileJournal {
                let (lines, configuration) = journal(file, from: from)
                findings += lines
                desk = configuration
            }
        } catch {
            findings.append(.fail(.journal, error.text, fix: nil))
        }
        findings += policy()
        findings.append(notify(desk))
        findings += recipe(desk)
        return findings
    }

    // MARK: the terminal

    func terminal() -> [DoctorFinding] {
        let term = environment["TERM"].flatMap { $0.isEmpty ? nil : $0 }
        let entry = term.map(TerminalFacts.entry)
        var findings = [DoctorChecks.terminal(term: term, entry: entry)]
        if let colours = DoctorChecks.colours(term: term, entry: entry, noColor: !(environment["NO_COLOR"] ?? "").isEmpty) {
            findings.append(colours)
        }
        // The locale first, as the environment names it; then the one the console adopts.
        findings.append(DoctorChecks.locale(name: DoctorChecks.localeName(environment), codeset: TerminalFacts.environmentCodeset()))
        findings.append(DoctorChecks.width(TerminalFacts.chineseSampleWidth().width))
        return findings
    }

    // MARK: a journal file

    func journal(_ journal: FileJournal, from: Message) -> ([DoctorFinding], DeskConfiguration?) {
        var findings: [DoctorFinding] = []
        let path = journal.realPath, folder = journal.folder
        var folderInfo = stat()
        let folderExists = stat(folder, &folderInfo) == 0
        var file = Self.fileFacts(path)
        // A folder the desk's group may write is the desk's: its journal belongs in its group.
        if folderExists && folderInfo.st_mode & S_IWGRP != 0 { file?.folderGroup = Self.groupName(folderInfo.st_gid) }
        findings.append(DoctorChecks.journal(path: journal.location, from: from, file: file, folderExists: folderExists, folder: folder))
        if let file {
            findings.append(DoctorChecks.journalMode(file, user: Self.userName(geteuid())))
        }
        guard folderExists else { return (findings, nil) }
        findings.append(DoctorChecks.folder(folder, mode: UInt32(folderInfo.st_mode)))
        if let file { findings.append(DoctorChecks.links(file)) }
        let desk: DeskConfiguration?
        let deskFacts: DoctorChecks.DeskFileFacts
        var deskInfo = stat()
        do {
            desk = try journal.deskConfiguration(named: deskFlag)
            deskFacts = stat(journal.deskFile, &deskInfo) == 0 ? .accepted(owner: Self.userName(deskInfo.st_uid)) : .absent
        } catch {
            desk = nil
            deskFacts = .refused(error.text)
        }
        findings.append(DoctorChecks.deskFile(journal.deskFile, deskFacts))
        var space = statvfs()
        if statvfs(folder, &space) == 0 {
            findings.append(DoctorChecks.disk(free: UInt64(space.f_bavail) * UInt64(space.f_frsize), journalSize: file?.size ?? 0, folder: folder))
        }
        findings.append(DoctorChecks.inotify(instances: Self.number("/proc/sys/fs/inotify/max_user_instances"),
                                             watches: Self.number("/proc/sys/fs/inotify/max_user_watches")))
        return (findings, desk)
    }

    static func fileFacts(_ path: String) -> DoctorChecks.JournalFileFacts? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return DoctorChecks.JournalFileFacts(path: path, mode: UInt32(info.st_mode), owner: userName(info.st_uid), group: groupName(info.st_gid),
                                             links: Int(info.st_nlink), size: UInt64(info.st_size),
                                             readable: access(path, R_OK) == 0, writable: access(path, W_OK) == 0)
    }

    static func userName(_ uid: uid_t) -> String {
        if let entry = getpwuid(uid), let name = entry.pointee.pw_name { return String(cString: name) }
        return String(uid)
    }

    static func groupName(_ gid: gid_t) -> String {
        if let entry = getgrgid(gid), let name = entry.pointee.gr_name { return String(cString: name) }
        return String(gid)
    }

    /// A number in a /proc file; nil if there is none.
    static func number(_ path: String) -> Int? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    // MARK: the server

    static func server(_ log: PostgresLog) -> [DoctorFinding] {
        let facts: Result<PostgresServerFacts, JournalError>
        do { facts = .success(try log.serverFacts()) } catch { facts = .failure(error) }
        var findings = [DoctorChecks.server(facts, location: log.shownLocation)]
        if case .success(let known) = facts { findings.append(DoctorChecks.role(known)) }
        return findings
    }

    // MARK: the policy

    func policy() -> [DoctorFinding] {
        let file = policyFlag ?? environment["CALLBOARD_POLICY"].flatMap { $0.isEmpty ? nil : $0 }
        let facts: DoctorChecks.PolicyFacts
        do {
            if let file {
                let from = policyFlag != nil ? CommandText.policyFromFlag() : CommandText.policyFromEnvironment()
                facts = .good(try PolicyParser.parse(Runtime.readPolicyFile(file, from: from)))
            } else {
                facts = .good(try Runtime.loadPolicy(nil))
            }
        } catch let problems as PolicyProblems {
            facts = .problems(problems.problems)
        } catch let failure as PolicyFailure {
            facts = .unreadable(failure.text)
        } catch {
            facts = .unreadable(CommandText.cannotReadPolicy(["path": .text(file ?? "-"), "reason": "\(error)"]))
        }
        return Self.policyFindings(facts, file: file, now: now, strings: strings)
    }

    static func policyFindings(_ facts: DoctorChecks.PolicyFacts, file: String?, now: Date, strings: UIStrings) -> [DoctorFinding] {
        var findings = [DoctorChecks.policy(facts, file: file)]
        if case .good(let policy) = facts { findings.append(DoctorChecks.holidays(policy, file: file, now: now, strings: strings)) }
        return findings
    }

    // MARK: the notification command

    /// `--notify-command` wins over desk.yaml's, as for watch and the console.
    func notify(_ desk: DeskConfiguration?) -> DoctorFinding {
        let command = notifyFlag ?? desk?.notify?.command
        let program = command.flatMap(DoctorChecks.program(of:)).map(programFacts)
        return DoctorChecks.notify(command, fromFlag: notifyFlag != nil, program: program, user: Self.userName(geteuid()))
    }

    /// A recipe of contrib/notify (a program of that name with lib.sh beside it): its settings
    /// file, read as the recipe reads it (refused by the same rule), and its settings. The
    /// command's own `NAME=value` assignments count as its environment.
    func recipe(_ desk: DeskConfiguration?) -> [DoctorFinding] {
        guard let command = notifyFlag ?? desk?.notify?.command,
              case .simple(let word, let assignments)? = DoctorChecks.shellCommand(command) else { return [] }
        let url = URL(fileURLWithPath: word)
        guard FileManager.default.fileExists(atPath: url.deletingLastPathComponent().appendingPathComponent("lib.sh").path) else { return [] }
        let seen = environment.merging(assignments) { $1 }
        let file = seen["CALLBOARD_NOTIFY_ENV"].flatMap { $0.isEmpty ? nil : $0 } ?? "/etc/callboard/notify.env"
        var findings: [DoctorFinding] = []
        var inFile: Set<String> = []
        var info = stat()
        if stat(file, &info) == 0, info.st_mode & S_IFMT == S_IFREG {
            let facts = DoctorChecks.SettingsFileFacts(path: file, mode: UInt32(info.st_mode), ownerID: UInt32(info.st_uid), owner: Self.userName(info.st_uid))
            let finding = DoctorChecks.notifySettings(facts, user: Self.userName(geteuid()), userID: UInt32(geteuid()))
            findings.append(finding)
            // A refused file gives the recipe nothing.
            if finding.status != .fail {
                inFile = (try? String(contentsOfFile: file, encoding: .utf8)).map(DoctorChecks.settingNames) ?? []
            }
        }
        if let recipe = DoctorChecks.recipe(url.lastPathComponent, environment: Set(seen.filter { !$0.value.isEmpty }.keys), file: file, inFile: inFile) {
            findings.append(recipe)
        }
        return findings
    }

    func programFacts(_ word: String) -> DoctorChecks.ProgramFacts {
        if DoctorChecks.builtins.contains(word) { return .builtin }
        var path = word
        if !word.contains("/") {
            let folders = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
            guard let found = folders.map({ $0 + "/" + word }).first(where: { access($0, F_OK) == 0 }) else { return .notOnPath }
            path = found
        }
        var info = stat()
        guard stat(path, &info) == 0 else { return .missing(path) }
        guard info.st_mode & S_IFMT == S_IFREG else { return .notAFile(path) }
        return .file(path, mode: UInt32(info.st_mode), executable: access(path, X_OK) == 0)
    }
}
