import CallboardCore
import CallboardStore
import CallboardTUI
import Foundation

/// One line of `callboard doctor`: a check, how it came out, what was found and what to do.
struct DoctorFinding: Equatable {
    enum Status: String, Comparable {
        case ok, warn, fail
        static func < (a: Status, b: Status) -> Bool { a.rank < b.rank }
        private var rank: Int { self == .ok ? 0 : self == .warn ? 1 : 2 }
    }

    /// The checks, in the order they are printed; the raw value is the JSON's `check`.
    enum Check: String, CaseIterable {
        case terminal, colours, locale, width
        case journal, journalMode = "journal_mode", folder, links, deskFile = "desk_file", disk, inotify
        case server, role
        case policy, holidays, notify, notifySettings = "notify_settings", recipe

        var name: Message {
            switch self {
            case .terminal: DoctorText.checkTerminal()
            case .colours: DoctorText.checkColours()
            case .locale: DoctorText.checkLocale()
            case .width: DoctorText.checkWidth()
            case .journal: DoctorText.checkJournal()
            case .journalMode: DoctorText.checkJournalMode()
            case .folder: DoctorText.checkFolder()
            case .links: DoctorText.checkLinks()
            case .deskFile: DoctorText.checkDeskFile()
            case .disk: DoctorText.checkDisk()
            case .inotify: DoctorText.checkInotify()
            case .server: DoctorText.checkServer()
            case .role: DoctorText.checkRole()
            case .policy: DoctorText.checkPolicy()
            case .holidays: DoctorText.checkHolidays()
            case .notify: DoctorText.checkNotify()
            case .notifySettings: DoctorText.checkNotifySettings()
            case .recipe: DoctorText.checkRecipe()
            }
        }
    }

    var check: Check
    var status: Status
    var finding: Message
    var fix: Message?

    static func ok(_ check: Check, _ finding: Message) -> DoctorFinding { DoctorFinding(check: check, status: .ok, finding: finding) }
    static func warn(_ check: Check, _ finding: Message, fix: Message?) -> DoctorFinding { DoctorFinding(check: check, status: .warn, finding: finding, fix: fix) }
    static func fail(_ check: Check, _ finding: Message, fix: Message?) -> DoctorFinding { DoctorFinding(check: check, status: .fail, finding: finding, fix: fix) }
}

/// The doctor's decisions: given the facts (DoctorFacts gathers them), each check's outcome and
/// its fix. Pure: no file, no environment, no clock (`now` is given).
enum DoctorChecks {
    // MARK: the terminal

    /// `TERM` set, known to the terminfo database (what ncurses starts the console on), and able
    /// to move the cursor and clear the screen (TERM=dumb, as cron and emacs shells set, cannot).
    static func terminal(term: String?, entry: TerminalFacts.Entry?) -> DoctorFinding {
        guard let term, !term.isEmpty else { return .fail(.terminal, DoctorText.termUnset(), fix: DoctorText.termUnsetFix()) }
        switch entry {
        case .known(_, addressable: false)?:
            return .fail(.terminal, DoctorText.termNotAddressable(["term": .text(term)]), fix: DoctorText.termNotAddressableFix())
        case .known?: return .ok(.terminal, DoctorText.termKnown(["term": .text(term)]))
        case .noDatabase?: return .fail(.terminal, DoctorText.termNoDatabase(), fix: DoctorText.termNoDatabaseFix())
        case .unknown?, nil: return .fail(.terminal, DoctorText.termUnknown(["term": .text(term)]), fix: DoctorText.termUnknownFix())
        }
    }

    /// Colours: eight or more, or none by choice (`NO_COLOR`). Nothing to say for a type not known.
    static func colours(term: String?, entry: TerminalFacts.Entry?, noColor: Bool) -> DoctorFinding? {
        guard let term, case .known(let colors, addressable: true)? = entry else { return nil }
        if noColor { return .ok(.colours, DoctorText.coloursOff()) }
        if let colors, colors >= 8 { return .ok(.colours, DoctorText.coloursCount(["count": "\(colors)"])) }
        return .warn(.colours, DoctorText.coloursNone(["term": .text(term)]), fix: DoctorText.coloursNoneFix())
    }

    /// The locale the environment names (`LC_ALL`, else `LC_CTYPE`, else `LANG`; nil: none) and
    /// its character set once adopted (nil: not installed).
    static func locale(name: String?, codeset: String?) -> DoctorFinding {
        let utf8 = codeset.map { ["utf-8", "utf8"].contains($0.lowercased()) } ?? false
        guard let name else {
            return utf8 ? .ok(.locale, DoctorText.localeUTF8(["locale": "C"]))
                        : .warn(.locale, DoctorText.localeNone(), fix: DoctorText.localeNotUTF8Fix())
        }
        guard let codeset else {
            return .warn(.locale, DoctorText.localeMissing(["locale": .text(name)]), fix: DoctorText.localeMissingFix(["locale": .text(name)]))
        }
        if utf8 { return .ok(.locale, DoctorText.localeUTF8(["locale": .text(name)])) }
        return .warn(.locale, DoctorText.localeNotUTF8(["locale": .text(name), "codeset": .text(codeset)]), fix: DoctorText.localeNotUTF8Fix())
    }

    /// Which of the locale variables names the locale (the first one set, as the C library reads them).
    static func localeName(_ environment: [String: String]) -> String? {
        for variable in ["LC_ALL", "LC_CTYPE", "LANG"] {
            if let value = environment[variable], !value.isEmpty { return value }
        }
        return nil
    }

    /// The width the C library gives the Chinese sample: 4, as every terminal draws it, or the
    /// console's columns would not line up.
    static func width(_ columns: Int, sample: String = TerminalFacts.chineseSample) -> DoctorFinding {
        let about: [String: Message.Argument] = ["sample": .text(sample), "width": "\(columns)"]
        return columns == 4 ? .ok(.width, DoctorText.widthGood(about)) : .fail(.width, DoctorText.widthWrong(about), fix: DoctorText.widthWrongFix())
    }

    // MARK: the journal file

    /// A journal file as the doctor finds it.
    struct JournalFileFacts: Equatable {
        var path: String
        var mode: UInt32
        var owner: String
        var group: String
        var links: Int
        var size: UInt64
        /// Whether whoever runs the doctor may read it, and write it.
        var readable: Bool
        var writable: Bool
        /// The group of its folder when the folder is the desk's shared one (group-writable),
        /// else nil: a journal there belongs in that group.
        var folderGroup: String? = nil
    }

    /// Where the journal is and where that came from; a journal not there yet is a warning (a
    /// mistyped path looks like a desk with no calls).
    static func journal(path: String, from: Message, file: JournalFileFacts?, folderExists: Bool, folder: String) -> DoctorFinding {
        let about: [String: Message.Argument] = ["path": .text(path), "from": .message(from), "folder": .text(folder)]
        if file != nil { return .ok(.journal, DoctorText.journalAt(about)) }
        if !folderExists { return .warn(.journal, DoctorText.journalFolderMissing(about), fix: DoctorText.journalFolderMissingFix()) }
        return .warn(.journal, DoctorText.journalMissing(about), fix: DoctorText.journalMissingFix())
    }

    /// The journal's mode: its group writes it (0660); nobody else may write, nor read customers'
    /// details; and whoever runs this may read and write it.
    static func journalMode(_ file: JournalFileFacts, user: String) -> DoctorFinding {
        let mode = JournalFolderRule.octal(mode_t(file.mode))
        let folder = URL(fileURLWithPath: file.path).deletingLastPathComponent().path
        let about: [String: Message.Argument] = ["path": .text(file.path), "mode": .text(mode), "owner": .text(file.owner),
                                                 "group": .text(file.group), "user": .text(user), "folder": .text(folder)]
        if file.mode & 0o002 != 0 {
            return .fail(.journalMode, DoctorText.journalWritableByAll(about), fix: DoctorText.journalWritableByAllFix(about))
        }
        // In a shared folder, the journal's group is the folder's: a journal that kept its
        // maker's own group locks the rest of the desk out, and joining that group is no fix.
        if let shared = file.folderGroup, shared != file.group {
            var about = about
            about["desk"] = .text(shared)
            let fix = DoctorText.journalNotFolderGroupFix(about)
            if !file.readable { return .fail(.journalMode, DoctorText.journalNotReadable(about), fix: fix) }
            return .warn(.journalMode, file.writable ? DoctorText.journalNotFolderGroup(about) : DoctorText.journalNotWritable(about), fix: fix)
        }
        let accessFix = privilegedGroups.contains(file.group) ? DoctorText.journalPrivilegedGroupFix(about) : DoctorText.journalAccessFix(about)
        if !file.readable { return .fail(.journalMode, DoctorText.journalNotReadable(about), fix: accessFix) }
        if !file.writable { return .warn(.journalMode, DoctorText.journalNotWritable(about), fix: accessFix) }
        if file.mode & 0o004 != 0 {
            return .warn(.journalMode, DoctorText.journalReadableByAll(about), fix: DoctorText.journalReadableByAllFix(about))
        }
        return .ok(.journalMode, DoctorText.journalModeGood(about))
    }

    /// Groups whose members may do far more than keep a desk (administer the machine, read its
    /// logs or disks): joining one to reach the journal is never the fix; the journal and its
    /// folder get the desk's group instead.
    static let privilegedGroups: Set<String> = ["root", "sudo", "admin", "adm", "wheel", "shadow", "disk", "kmem", "docker", "lxd",
                                                "systemd-journal", "staff"]

    /// The journal's folder, by the rule every writer applies (JournalFolderRule).
    static func folder(_ folder: String, mode: UInt32) -> DoctorFinding {
        if let problem = JournalFolderRule.problem(mode: mode_t(mode), folder: folder) {
            return .fail(.folder, DoctorText.folderProblem(["folder": .text(folder), "what": .message(problem.what)]), fix: problem.fix)
        }
        return .ok(.folder, DoctorText.folderGood(["folder": .text(folder), "mode": .text(JournalFolderRule.octal(mode_t(mode)))]))
    }

    /// One name only: every writer refuses a journal with hard links.
    static func links(_ file: JournalFileFacts) -> DoctorFinding {
        let about: [String: Message.Argument] = ["path": .text(file.path), "count": "\(file.links)"]
        return file.links > 1 ? .fail(.links, DoctorText.linksMany(about), fix: DoctorText.linksManyFix(about)) : .ok(.links, DoctorText.linksGood(about))
    }

    /// desk.yaml as the desk reads it.
    enum DeskFileFacts: Equatable {
        case absent
        /// Read and accepted; its owner's name.
        case accepted(owner: String)
        /// Refused, with what any command would say (not writable by others only, a
        /// notification command in a file that is not the administrator's, not YAML, …).
        case refused(Message)
    }

    static func deskFile(_ file: String, _ facts: DeskFileFacts) -> DoctorFinding {
        switch facts {
        case .absent: .ok(.deskFile, DoctorText.deskAbsent(["file": .text(file)]))
        case .accepted(let owner): .ok(.deskFile, DoctorText.deskGood(["file": .text(file), "owner": .text(owner)]))
        case .refused(let problem): .fail(.deskFile, problem, fix: DoctorText.deskProblemFix())
        }
    }

    /// Free space on the journal's file system: a compaction or repair writes a copy of the
    /// journal beside it (less than twice its size fails), and a full disk stops every write.
    static func disk(free: UInt64, journalSize: UInt64, folder: String) -> DoctorFinding {
        let about: [String: Message.Argument] = ["free": .text(size(free)), "size": .text(size(journalSize)), "folder": .text(folder)]
        if free < 2 * journalSize + (16 << 20) { return .fail(.disk, DoctorText.diskTooLow(about), fix: DoctorText.diskTooLowFix()) }
        if free < 1 << 30 { return .warn(.disk, DoctorText.diskLow(about), fix: DoctorText.diskLowFix()) }
        return .ok(.disk, DoctorText.diskGood(about))
    }

    /// A size for people: 512 MiB, 3.2 GiB.
    static func size(_ bytes: UInt64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(bytes), unit = 0
        while value >= 1024, unit < units.count - 1 { value /= 1024; unit += 1 }
        if unit == 0 { return "\(bytes) B" }
        return value < 10 ? String(format: "%.1f %@", value, units[unit]) : "\(Int(value)) \(units[unit])"
    }

    /// Each console follows the journal with one inotify instance and one watch; below these,
    /// a user's consoles past the limit fall back to looking five times a second.
    static let fewestInstances = 64
    static let fewestWatches = 1024

    static func inotify(instances: Int?, watches: Int?) -> DoctorFinding {
        guard let instances, let watches else { return .warn(.inotify, DoctorText.inotifyMissing(), fix: DoctorText.inotifyMissingFix()) }
        let about: [String: Message.Argument] = ["instances": "\(instances)", "watches": "\(watches)"]
        if instances < fewestInstances || watches < fewestWatches {
            return .warn(.inotify, DoctorText.inotifyLow(about), fix: DoctorText.inotifyLowFix())
        }
        return .ok(.inotify, DoctorText.inotifyGood(about))
    }

    // MARK: the server

    /// A journal in PostgreSQL: the server answers, and its tables are a version this build reads.
    static func server(_ facts: Result<PostgresServerFacts, JournalError>, location: String) -> DoctorFinding {
        switch facts {
        case .failure(let error):
            return .fail(.server, error.text, fix: DoctorText.serverDownFix())
        case .success(let facts):
            let about: [String: Message.Argument] = ["location": .text(location), "version": .text(facts.serverVersion),
                                                     "schema": "\(facts.schemaVersion)", "known": "\(facts.knownSchemaVersion)"]
            if !facts.hasTables { return .warn(.server, DoctorText.serverNoTables(about), fix: DoctorText.serverNoTablesFix()) }
            if facts.schemaVersion > facts.knownSchemaVersion { return .fail(.server, DoctorText.serverNewer(about), fix: DoctorText.serverNewerFix()) }
            return .ok(.server, DoctorText.serverGood(about))
        }
    }

    /// Who this login is to the desk.
    static func role(_ facts: PostgresServerFacts) -> DoctorFinding {
        let user: Message.Argument = .text(facts.user)
        if facts.ownsTables { return .ok(.role, DoctorText.roleOwner(["user": user])) }
        guard let role = facts.role else { return .ok(.role, DoctorText.roleNone(["user": user])) }
        return .ok(.role, DoctorText.roleDesk(["user": user, "role": .message(role.text), "name": .text(role.rawValue)]))
    }

    // MARK: the policy

    /// The policy file (nil: the built-in one) as `policy check` reads it.
    enum PolicyFacts {
        case good(SLAPolicy)
        case problems([PolicyProblem])
        /// Not readable at all (not there, a folder, not allowed): what a command would say.
        case unreadable(Message)
    }

    static func policy(_ facts: PolicyFacts, file: String?) -> DoctorFinding {
        let shown: Message.Argument = file.map { .text($0) } ?? .message(DoctorText.policyBuiltIn())
        switch facts {
        case .good(let policy):
            return .ok(.policy, DoctorText.policyGood(["file": shown, "rules": "\(policy.rules.count)", "zone": .text(policy.zone.identifier)]))
        case .problems(let problems):
            let first = problems[0]
            return .fail(.policy, DoctorText.policyBad(["file": shown, "line": "\(first.line)", "problem": .message(first.text), "count": "\(problems.count)"]),
                         fix: DoctorText.policyBadFix(["file": shown]))
        case .unreadable(let problem):
            return .fail(.policy, problem, fix: DoctorText.policyUnreadableFix())
        }
    }

    /// Holidays running out: a warning from `HolidayHorizon.warningDays` (60) days before the last
    /// listed year ends, as the console's header, `watch` and `policy check` warn.
    static func holidays(_ policy: SLAPolicy, file: String?, now: Date, strings: UIStrings) -> DoctorFinding {
        if let warning = HolidayNotice.warning(policy, at: now, strings: strings) {
            return .warn(.holidays, DoctorText.holidaysEnding(["warning": .text(warning)]),
                         fix: file.map { DoctorText.holidaysEndingFix(["file": .text($0)]) } ?? DoctorText.holidaysEndingBuiltInFix())
        }
        guard let summary = HolidayNotice.summary(policy, strings: strings) else { return .ok(.holidays, DoctorText.holidaysNone()) }
        return .ok(.holidays, DoctorText.holidaysGood(["summary": .text(summary)]))
    }

    // MARK: the notification command

    /// The program a notification command runs, as the doctor finds it.
    enum ProgramFacts: Equatable {
        case builtin
        case notOnPath
        case missing(String)
        case notAFile(String)
        /// A file: its mode, and whether whoever runs the doctor may run it.
        case file(String, mode: UInt32, executable: Bool)
    }

    /// A notification command as `/bin/sh -c` reads it, for the common forms: words split at
    /// blanks, single and double quotes and backslashes taken off, leading `NAME=value`
    /// assignments (whatever their value) and `exec` skipped. Anything more (pipes, lists,
    /// redirections, `$…`, backquotes, globs, `~`, keywords) is a shell command line the doctor
    /// does not try to follow.
    enum ShellCommand: Equatable {
        case simple(program: String, assignments: [String: String])
        case shellLine
    }

    /// nil for an empty command.
    static func shellCommand(_ command: String) -> ShellCommand? {
        var words: [(text: String, raw: String)] = []
        var word = "", raw = "", inWord = false
        var characters = command.makeIterator()
        func end() { if inWord { words.append((word, raw)) }; word = ""; raw = ""; inWord = false }
        while let c = characters.next() {
            switch c {
            case " ", "\t": end()
            case "\n": return .shellLine
            case "'":
                inWord = true; raw.append(c)
                while true {
                    guard let q = characters.next() else { return .shellLine }
                    if q == "'" { break }
                    word.append(q)
                }
                raw.append("'")
            case "\"":
                inWord = true; raw.append(c)
                while true {
                    guard let q = characters.next() else { return .shellLine }
                    if q == "\"" { break }
                    if q == "$" || q == "`" { return .shellLine }
                    if q == "\\" {
                        guard let next = characters.next() else { return .shellLine }
                        if !["$", "`", "\"", "\\", "\n"].contains(next) { word.append(q) }
                        if next != "\n" { word.append(next) }
                        continue
                    }
                    word.append(q)
                }
                raw.append("\"")
            case "\\":
                guard let next = characters.next() else { return .shellLine }
                inWord = true; raw.append("_")
                if next != "\n" { word.append(next) }
            case "|", "&", ";", "<", ">", "(", ")", "$", "`":
                return .shellLine
            case "#" where !inWord, "~" where !inWord:
                return .shellLine
            default:
                inWord = true; word.append(c); raw.append(c)
            }
        }
        end()
        var assignments: [String: String] = [:]
        var rest = words[...]
        while let first = rest.first, let equals = first.raw.firstIndex(of: "="), isName(first.raw[..<equals]) {
            let name = String(first.raw[..<equals])
            assignments[name] = String(first.text.dropFirst(name.count + 1))
            rest = rest.dropFirst()
        }
        if rest.first?.raw == "exec" { rest = rest.dropFirst() }
        guard let program = rest.first else { return words.isEmpty ? nil : .shellLine }
        if shellKeywords.contains(program.raw) || program.raw.contains(where: { "*?[".contains($0) }) { return .shellLine }
        return .simple(program: program.text, assignments: assignments)
    }

    static let shellKeywords: Set<String> = ["if", "then", "else", "elif", "fi", "for", "while", "until", "do", "done", "case", "esac", "!", "{", "}", "exec", "command", "env"]

    static func isName(_ text: Substring) -> Bool {
        guard let first = text.first, first.isASCII, first.isLetter || first == "_" else { return false }
        return text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
    }

    /// The program a command runs (see ShellCommand); nil for an empty command or a shell
    /// command line beyond the common forms.
    static func program(of command: String) -> String? {
        if case .simple(let program, _)? = shellCommand(command) { return program }
        return nil
    }

    static let builtins: Set<String> = [":", "true", "false", "echo", "printf", "test", "[", "exit", "cd", "read", "eval", "set", "export"]

    static func notify(_ command: String?, fromFlag: Bool, program: ProgramFacts?, user: String) -> DoctorFinding {
        guard let command, let parsed = shellCommand(command) else {
            return .warn(.notify, DoctorText.notifyNone(), fix: DoctorText.notifyNoneFix())
        }
        let from: Message.Argument = .message(fromFlag ? DoctorText.notifyFromFlag() : DoctorText.notifyFromDesk())
        guard case .simple(let word, _) = parsed, let program else {
            return .warn(.notify, DoctorText.notifyShellLine(["command": .text(command), "from": from]), fix: DoctorText.notifyShellLineFix())
        }
        var about: [String: Message.Argument] = ["program": .text(word), "user": .text(user), "from": from]
        switch program {
        case .builtin:
            return .ok(.notify, DoctorText.notifyBuiltin(about))
        case .notOnPath:
            return .fail(.notify, DoctorText.notifyNotOnPath(about), fix: DoctorText.notifyNotOnPathFix())
        case .missing(let path):
            about["program"] = .text(path)
            return .fail(.notify, DoctorText.notifyMissing(about), fix: DoctorText.notifyMissingFix())
        case .notAFile(let path):
            about["program"] = .text(path)
            return .fail(.notify, DoctorText.notifyNotAFile(about), fix: DoctorText.notifyMissingFix())
        case .file(let path, let mode, let executable):
            about["program"] = .text(path)
            about["mode"] = .text(JournalFolderRule.octal(mode_t(mode)))
            return executable ? .ok(.notify, DoctorText.notifyGood(about))
                              : .fail(.notify, DoctorText.notifyNotExecutable(about), fix: DoctorText.notifyNotExecutableFix(about))
        }
    }

    // MARK: a notification recipe (contrib/notify)

    /// The settings each recipe cannot send without.
    static let recipeSettings: [String: [String]] = [
        "wecom": ["CALLBOARD_WECOM_WEBHOOK"], "dingtalk": ["CALLBOARD_DINGTALK_WEBHOOK"],
        "feishu": ["CALLBOARD_FEISHU_WEBHOOK"], "sms-http": ["CALLBOARD_SMS_URL"],
    ]

    /// A recipe's settings, from this environment (`environment`: the names set there, not
    /// empty) or the desk's settings file (`inFile`: the names it sets); nil when the program is
    /// not a recipe.
    static func recipe(_ name: String, environment: Set<String>, file: String, inFile: Set<String>) -> DoctorFinding? {
        guard let needed = recipeSettings[name] else { return nil }
        let missing = needed.filter { !environment.contains($0) && !inFile.contains($0) }
        let about: [String: Message.Argument] = ["recipe": .text(name), "file": .text(file),
                                                 "settings": .text((missing.isEmpty ? needed : missing).joined(separator: ", "))]
        if !missing.isEmpty { return .warn(.recipe, DoctorText.recipeMissing(about), fix: DoctorText.recipeMissingFix(about)) }
        let place = needed.allSatisfy(environment.contains) ? DoctorText.recipeFromEnvironment() : DoctorText.recipeFromFile(about)
        return .ok(.recipe, DoctorText.recipeGood(about.merging(["place": .message(place)]) { $1 }))
    }

    /// The desk's settings file (CALLBOARD_NOTIFY_ENV) as the doctor finds it, a link followed.
    struct SettingsFileFacts: Equatable {
        var path: String
        var mode: UInt32
        var ownerID: UInt32
        var owner: String
    }

    enum SettingsFileProblem: Equatable { case notOwners, writableByOthers }

    /// Whoever may write the settings file chooses where every escalation, with customers'
    /// names and numbers, is sent: it must be root's or the user's own, and nobody else may
    /// write it. The recipes refuse it by the same rule (contrib/notify/lib.sh,
    /// cb_settings_problem); a test checks both on the same files.
    static func settingsFileProblem(mode: UInt32, ownerID: UInt32, userID: UInt32) -> SettingsFileProblem? {
        if ownerID != 0 && ownerID != userID { return .notOwners }
        if mode & 0o022 != 0 { return .writableByOthers }
        return nil
    }

    static func notifySettings(_ file: SettingsFileFacts, user: String, userID: UInt32) -> DoctorFinding {
        let about: [String: Message.Argument] = ["path": .text(file.path), "mode": .text(JournalFolderRule.octal(mode_t(file.mode))),
                                                 "owner": .text(file.owner), "user": .text(user)]
        switch settingsFileProblem(mode: file.mode, ownerID: file.ownerID, userID: userID) {
        case .notOwners?: return .fail(.notifySettings, DoctorText.settingsNotOwners(about), fix: DoctorText.settingsNotOwnersFix(about))
        case .writableByOthers?: return .fail(.notifySettings, DoctorText.settingsWritable(about), fix: DoctorText.settingsWritableFix(about))
        case nil: break
        }
        if file.mode & 0o004 != 0 { return .warn(.notifySettings, DoctorText.settingsReadableByAll(about), fix: DoctorText.journalReadableByAllFix(about)) }
        return .ok(.notifySettings, DoctorText.settingsGood(about))
    }

    /// The names a settings file sets (`NAME=value` lines, as the recipes read it: a UTF-8 byte
    /// order mark and Windows line endings taken off).
    static func settingNames(_ text: String) -> Set<String> {
        var text = Substring(text)
        if text.unicodeScalars.first == "\u{FEFF}" { text = Substring(text.unicodeScalars.dropFirst()) }
        return Set(text.split(whereSeparator: \.isNewline).compactMap { raw in
            var line = raw
            if line.unicodeScalars.last == "\r" { line = Substring(line.unicodeScalars.dropLast()) }
            guard line.hasPrefix("CALLBOARD_"), let equals = line.firstIndex(of: "=") else { return nil }
            let name = line[..<equals], value = line[line.index(after: equals)...]
            guard name.allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber || $0 == "_") }),
                  !value.isEmpty, value != "\"\"", value != "''" else { return nil }
            return String(name)
        })
    }
}
