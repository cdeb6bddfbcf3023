@testable import callboard
import CallboardCore
import CallboardStore
import CallboardTUI
import Foundation
import Testing

/// `callboard doctor`'s decisions: given the facts, each check's ok / warn / fail and its fix,
/// in English and in Chinese. No file, environment or clock is read here.
@Suite struct DoctorChecksTests {
    static let chinese = (try? UIStrings.load("zh")) ?? .english

    /// The finding and the fix as a person reads them, in English.
    func said(_ finding: DoctorFinding) -> String {
        finding.finding.description + (finding.fix.map { " | " + $0.description } ?? "")
    }

    func journalFile(mode: UInt32 = 0o100660, links: Int = 1, readable: Bool = true, writable: Bool = true) -> DoctorChecks.JournalFileFacts {
        DoctorChecks.JournalFileFacts(path: "/srv/callboard/journal", mode: mode, owner: "li", group: "servicedesk", links: links,
                                      size: 10 << 20, readable: readable, writable: writable)
    }

    // MARK: the terminal

    @Test func aTerminalTypeMustBeSetAndKnownToTerminfo() {
        let known = DoctorChecks.terminal(term: "xterm-256color", entry: .known(colors: 256))
        #expect(known.status == .ok && said(known) == "TERM xterm-256color, known to terminfo")
        let unset = DoctorChecks.terminal(term: nil, entry: nil)
        #expect(unset.status == .fail && said(unset).contains("TERM is not set") && said(unset).contains("export TERM=xterm-256color"))
        #expect(DoctorChecks.terminal(term: "", entry: nil).status == .fail)
        let unknown = DoctorChecks.terminal(term: "vt9000", entry: .unknown)
        #expect(unknown.status == .fail && said(unknown).contains("TERM vt9000 is not in the terminfo database") && said(unknown).contains("ncurses-term"))
        let noDatabase = DoctorChecks.terminal(term: "xterm", entry: .noDatabase)
        #expect(noDatabase.status == .fail && said(noDatabase).contains("apt-get install ncurses-base"))
    }

    /// TERM=dumb (cron, emacs shells, serial consoles) is known to terminfo but cannot move the
    /// cursor or clear: the console cannot draw on it.
    @Test func aTerminalThatCannotMoveTheCursorFails() throws {
        let dumb = DoctorChecks.terminal(term: "dumb", entry: .known(colors: nil, addressable: false))
        #expect(dumb.status == .fail && said(dumb).contains("TERM dumb cannot move the cursor or clear the screen") && said(dumb).contains("export TERM=xterm-256color"),
                "\(said(dumb))")
        let fix = try #require(dumb.fix)
        #expect(Self.chinese[dumb.finding].contains("不能移动光标") && Self.chinese[fix].contains("TERM=xterm-256color"))
        // One line for it: no colours warning besides.
        #expect(DoctorChecks.colours(term: "dumb", entry: .known(colors: nil, addressable: false), noColor: false) == nil)
        #expect(TerminalFacts.entry("dumb") == .known(colors: nil, addressable: false))
        #expect(TerminalFacts.entry("xterm-256color") == .known(colors: 256, addressable: true))
    }

    @Test func coloursAreEightOrMoreOrNoneByChoice() {
        #expect(DoctorChecks.colours(term: "xterm-256color", entry: .known(colors: 256), noColor: false).map(said) == "256 colours")
        let none = DoctorChecks.colours(term: "vt100", entry: .known(colors: nil), noColor: false)
        #expect(none?.status == .warn && none.map(said)?.contains("vt100 has no colours") == true)
        #expect(DoctorChecks.colours(term: "vt100", entry: .known(colors: 2), noColor: false)?.status == .warn)
        let chosen = DoctorChecks.colours(term: "vt100", entry: .known(colors: nil), noColor: true)
        #expect(chosen?.status == .ok && chosen.map(said)?.contains("NO_COLOR") == true)
        // A terminal type not known has one line already: its failure.
        #expect(DoctorChecks.colours(term: "vt9000", entry: .unknown, noColor: false) == nil)
    }

    @Test func theLocaleIsUTF8ElseAWarningWithTheFix() {
        #expect(DoctorChecks.locale(name: "zh_CN.UTF-8", codeset: "UTF-8").status == .ok)
        let c = DoctorChecks.locale(name: "C", codeset: "ANSI_X3.4-1968")
        #expect(c.status == .warn && said(c) == "C is not UTF-8 (ANSI_X3.4-1968): callboard measures text as C.UTF-8, but the terminal may not draw Chinese"
                + " | use a UTF-8 locale: export LANG=zh_CN.UTF-8 (or C.UTF-8; locale -a lists those installed)")
        let missing = DoctorChecks.locale(name: "zh_CN.UTF-8", codeset: nil)
        #expect(missing.status == .warn && said(missing).contains("zh_CN.UTF-8 is not installed here") && said(missing).contains("locale-gen zh_CN.UTF-8"))
        #expect(DoctorChecks.locale(name: nil, codeset: "ANSI_X3.4-1968").status == .warn)
        // LC_ALL wins over LC_CTYPE over LANG; an empty one is not set.
        #expect(DoctorChecks.localeName(["LANG": "C", "LC_ALL": "zh_CN.UTF-8"]) == "zh_CN.UTF-8")
        #expect(DoctorChecks.localeName(["LANG": "C", "LC_ALL": "", "LC_CTYPE": "C.UTF-8"]) == "C.UTF-8")
        #expect(DoctorChecks.localeName(["LC_ALL": ""]) == nil)
    }

    @Test func chineseTakesFourColumnsOrTheScreenDoesNotLineUp() {
        #expect(DoctorChecks.width(4).status == .ok)
        let narrow = DoctorChecks.width(2)
        #expect(narrow.status == .fail && said(narrow).contains("中文 takes 2 columns by wcwidth where a terminal draws 4"))
        #expect(DoctorChecks.width(-2).status == .fail)
    }

    // MARK: the journal file

    @Test func aJournalNotThereIsAWarningNamingWhereThePathCameFrom() {
        let there = DoctorChecks.journal(path: "/srv/callboard/journal", from: CommandText.journalFromFlag(), file: journalFile(), folderExists: true, folder: "/srv/callboard")
        #expect(there.status == .ok && said(there) == "/srv/callboard/journal (given by --journal)")
        let missing = DoctorChecks.journal(path: "/srv/callbord/journal", from: CommandText.journalFromEnvironment(), file: nil, folderExists: true, folder: "/srv/callbord")
        #expect(missing.status == .warn && said(missing).contains("no journal at /srv/callbord/journal (from CALLBOARD_JOURNAL) yet"))
        let noFolder = DoctorChecks.journal(path: "/srv/callbord/journal", from: CommandText.journalByDefault(), file: nil, folderExists: false, folder: "/srv/callbord")
        #expect(noFolder.status == .warn && said(noFolder).contains("no folder /srv/callbord"))
    }

    @Test func theJournalIsTheGroupsToWriteAndNobodyElses() {
        #expect(DoctorChecks.journalMode(journalFile(), user: "wang").status == .ok)
        let all = DoctorChecks.journalMode(journalFile(mode: 0o100666), user: "wang")
        #expect(all.status == .fail && said(all).contains("can be written by every user") && said(all).contains("chmod o-w /srv/callboard/journal"))
        let read = DoctorChecks.journalMode(journalFile(mode: 0o100664), user: "wang")
        #expect(read.status == .warn && said(read).contains("chmod o-r"))
        let mine = DoctorChecks.journalMode(journalFile(writable: false), user: "wang")
        #expect(mine.status == .warn && said(mine).contains("usermod -aG servicedesk wang"))
        #expect(DoctorChecks.journalMode(journalFile(readable: false, writable: false), user: "wang").status == .fail)
    }

    /// The folder rule is the writers' own: what they refuse, the doctor fails, with their fix.
    @Test func theFolderFailsExactlyWhereWritersRefuseIt() {
        #expect(DoctorChecks.folder("/srv/callboard", mode: 0o41770).status == .ok)
        #expect(DoctorChecks.folder("/srv/callboard", mode: 0o40750).status == .ok)
        let all = DoctorChecks.folder("/srv/callboard", mode: 0o40777)
        #expect(all.status == .fail && said(all).contains("mode 0777") && said(all).hasSuffix("run `chmod o-w,+t /srv/callboard` (callboard makes its folders 1770: the desk's group, with the sticky bit)"))
        let sticky = DoctorChecks.folder("/srv/callboard", mode: 0o40770)
        #expect(sticky.status == .fail && said(sticky).contains("no sticky bit") && said(sticky).contains("chmod +t /srv/callboard"))
        let shared = DoctorChecks.folder("/tmp", mode: 0o41777)
        #expect(shared.status == .fail && said(shared).contains("keep the journal in a folder of its own"))
        for mode in [0o40700, 0o40750, 0o40770, 0o41770, 0o40777, 0o41777, 0o40775, 0o40755] as [UInt32] {
            #expect((DoctorChecks.folder("/d", mode: mode).status == .fail) == (JournalFolderRule.problem(mode: mode_t(mode), folder: "/d") != nil))
        }
    }

    /// Joining root (or sudo, adm, wheel …) to reach the journal gives far more than the desk:
    /// the fix gives the journal and its folder the desk's group instead.
    @Test func aJournalInAPrivilegedGroupIsGivenTheDesksGroupNotMembershipOfIt() throws {
        for group in ["root", "sudo", "adm", "wheel", "shadow", "disk"] {
            var file = journalFile(mode: 0o100640, readable: false, writable: false)
            file.group = group
            let finding = DoctorChecks.journalMode(file, user: "nobody")
            #expect(finding.status == .fail && !said(finding).contains("usermod -aG \(group)"), "\(said(finding))")
            #expect(said(finding).contains("chgrp servicedesk /srv/callboard/journal /srv/callboard") && said(finding).contains("do not join \(group)"), "\(said(finding))")
            #expect(Self.chinese[try #require(finding.fix)].contains("chgrp servicedesk"))
        }
        // The desk's own group: joining it is the fix.
        let desk = DoctorChecks.journalMode(journalFile(mode: 0o100660, readable: false, writable: false), user: "nobody")
        #expect(said(desk).contains("usermod -aG servicedesk nobody"), "\(said(desk))")
    }

    /// A journal made in the desk's shared folder by someone whose own group it kept (made by
    /// hand, or by an older callboard): the others are not let in by joining that person's own
    /// group; the journal is given the folder's group.
    @Test func aJournalNotInItsSharedFoldersGroupIsGivenThatGroup() throws {
        var file = journalFile(mode: 0o100660, readable: false, writable: false)
        file.group = "li"
        file.folderGroup = "servicedesk"
        let finding = DoctorChecks.journalMode(file, user: "wang")
        #expect(finding.status == .fail && !said(finding).contains("usermod -aG li"), "\(said(finding))")
        #expect(said(finding).contains("chgrp servicedesk /srv/callboard/journal"), "\(said(finding))")
        #expect(Self.chinese[try #require(finding.fix)].contains("chgrp servicedesk /srv/callboard/journal"))
        // Readable and writable by whoever runs the doctor, still in the wrong group: the others are locked out.
        file.readable = true
        file.writable = true
        let owner = DoctorChecks.journalMode(file, user: "li")
        #expect(owner.status == .warn && said(owner).contains("chgrp servicedesk /srv/callboard/journal"), "\(said(owner))")
    }

    @Test func aJournalWithHardLinksFails() {
        #expect(DoctorChecks.links(journalFile()).status == .ok)
        let two = DoctorChecks.links(journalFile(links: 2))
        #expect(two.status == .fail && said(two).contains("has 2 names") && said(two).contains("find / -xdev -samefile /srv/callboard/journal"))
    }

    @Test func deskYAMLIsReadAsTheDeskReadsIt() {
        #expect(DoctorChecks.deskFile("/srv/callboard/desk.yaml", .absent).status == .ok)
        #expect(said(DoctorChecks.deskFile("/srv/callboard/desk.yaml", .accepted(owner: "li"))) == "/srv/callboard/desk.yaml belongs to li and only they may change it")
        let refused = DoctorChecks.deskFile("/srv/callboard/desk.yaml", .refused(DeskText.configWritable(["file": "/srv/callboard/desk.yaml"])))
        #expect(refused.status == .fail && said(refused).contains("chmod go-w /srv/callboard/desk.yaml"))
    }

    @Test func theDiskHasRoomForACompactionAndMore() {
        #expect(DoctorChecks.disk(free: 20 << 30, journalSize: 100 << 20, folder: "/srv").status == .ok)
        let low = DoctorChecks.disk(free: 600 << 20, journalSize: 100 << 20, folder: "/srv")
        #expect(low.status == .warn && said(low).contains("only 600 MiB free on /srv"))
        let tooLow = DoctorChecks.disk(free: 150 << 20, journalSize: 100 << 20, folder: "/srv")
        #expect(tooLow.status == .fail && said(tooLow).contains("twice the journal's 100 MiB"))
        #expect(DoctorChecks.size(1536) == "1.5 KiB" && DoctorChecks.size(3 << 30) == "3.0 GiB" && DoctorChecks.size(12) == "12 B")
    }

    @Test func inotifyLimitsLeaveRoomForConsoles() {
        #expect(DoctorChecks.inotify(instances: 128, watches: 8192).status == .ok)
        let low = DoctorChecks.inotify(instances: 8, watches: 8192)
        #expect(low.status == .warn && said(low).contains("max_user_instances 8") && said(low).contains("/etc/sysctl.d/60-callboard.conf"))
        #expect(DoctorChecks.inotify(instances: 128, watches: 100).status == .warn)
        #expect(DoctorChecks.inotify(instances: nil, watches: nil).status == .warn)
    }

    // MARK: the server

    func server(version: Int = 1, tables: Bool = true, role: CallboardCore.Role? = .dispatcher, owns: Bool = false) -> PostgresServerFacts {
        PostgresServerFacts(serverVersion: "16.4", user: "wang", schemaVersion: version, hasTables: tables, knownSchemaVersion: 1, role: role, ownsTables: owns)
    }

    @Test func theServerAnswersWithTablesThisBuildReads() {
        let good = DoctorChecks.server(.success(server()), location: "postgresql://db/callboard")
        #expect(good.status == .ok && said(good) == "postgresql://db/callboard: PostgreSQL 16.4, tables version 1 (this callboard writes 1)")
        #expect(DoctorChecks.server(.success(server(tables: false)), location: "x").status == .warn)
        let newer = DoctorChecks.server(.success(server(version: 2)), location: "x")
        #expect(newer.status == .fail && said(newer).contains("upgrade callboard"))
        let down = DoctorChecks.server(.failure(JournalError(.io(errno: 111), log: "x", JournalText.noJournal(["path": "x"]))), location: "x")
        #expect(down.status == .fail && said(down).contains("PGHOST"))
        #expect(said(DoctorChecks.role(server())) == "wang is a dispatcher (callboard_dispatcher)")
        #expect(said(DoctorChecks.role(server(role: nil))).contains("every login may do everything"))
        #expect(said(DoctorChecks.role(server(owns: true))).contains("owns the tables"))
    }

    // MARK: the policy

    @Test func thePolicyIsCheckedAsPolicyCheckDoes() throws {
        let policy = try Runtime.loadPolicy(nil)
        #expect(said(DoctorChecks.policy(.good(policy), file: nil)).hasPrefix("the built-in policy: good"))
        let problems = [PolicyProblem(line: 7, text: PolicyText.unknownKey(["key": "respnse"])), PolicyProblem(line: 9, text: PolicyText.unknownKey(["key": "x"]))]
        let bad = DoctorChecks.policy(.problems(problems), file: "/etc/callboard/policy.yaml")
        #expect(bad.status == .fail && said(bad).hasPrefix("/etc/callboard/policy.yaml line 7: ") && said(bad).contains("(2 problems)")
                && said(bad).hasSuffix("callboard policy check /etc/callboard/policy.yaml lists every problem"))
        #expect(DoctorChecks.policy(.unreadable(CommandText.fileMissing()), file: "/x").status == .fail)
    }

    /// Holidays listed up to the end of 2027: quiet until 60 days before, then a warning.
    @Test func holidaysRunningOutWarnFromSixtyDaysBefore() throws {
        let policy = try PolicyParser.parse("""
            time_zone: Asia/Shanghai
            holidays:
              - 2027-10-01..2027-10-07
            calendars:
              office:
                hours: {mon-fri: 08:00-18:00}
            rules:
              - name: level 3
                when: {level: 3}
                onsite: {within: 8h, calendar: office}
              - name: general promise
                response: 24h
            """)
        func at(_ text: String) -> Date { TimeText.parseISO(text)! }
        let early = DoctorChecks.holidays(policy, file: "/etc/callboard/policy.yaml", now: at("2027-10-01T09:00:00+08:00"), strings: .english)
        #expect(early.status == .ok && said(early).contains("2027-12-31"))
        let due = DoctorChecks.holidays(policy, file: "/etc/callboard/policy.yaml", now: at("2027-11-15T09:00:00+08:00"), strings: .english)
        #expect(due.status == .warn && said(due).contains("deadlines after 2027-12-31 on office ignore public holidays")
                && said(due).contains("add the next year's holidays to /etc/callboard/policy.yaml"))
        let builtIn = DoctorChecks.holidays(policy, file: nil, now: at("2028-01-15T09:00:00+08:00"), strings: .english)
        #expect(builtIn.status == .warn && said(builtIn).contains("callboard policy default"))
        let chinese = DoctorChecks.holidays(policy, file: "p.yaml", now: at("2027-11-15T09:00:00+08:00"), strings: Self.chinese)
        #expect(Self.chinese[try #require(chinese.fix)].contains("节假日"))
    }

    // MARK: the notification command

    @Test func theProgramOfACommandIsItsFirstWord() {
        #expect(DoctorChecks.program(of: "/usr/share/callboard/notify/wecom") == "/usr/share/callboard/notify/wecom")
        #expect(DoctorChecks.program(of: "  CALLBOARD_WECOM_WEBHOOK=x exec '/opt/desk notify' --quiet") == "/opt/desk notify")
        #expect(DoctorChecks.program(of: "LANG=C exec /usr/local/bin/desk-notify --quiet") == "/usr/local/bin/desk-notify")
        #expect(DoctorChecks.program(of: "'/usr/local/bin/notify'") == "/usr/local/bin/notify")
        #expect(DoctorChecks.program(of: "   ") == nil)
    }

    /// The program is found as `/bin/sh -c` finds it: quotes and backslashes honoured, leading
    /// assignments skipped whatever their value; anything beyond is not followed (a warning).
    @Test func theProgramIsReadAsShReadsIt() {
        #expect(DoctorChecks.program(of: #""/tmp/sp ace/n.sh""#) == "/tmp/sp ace/n.sh")
        #expect(DoctorChecks.program(of: #"/tmp/sp\ ace/n.sh --x"#) == "/tmp/sp ace/n.sh")
        #expect(DoctorChecks.program(of: #"'/tmp/it'"\"s"' dir/n' a"#) == "/tmp/it\"s dir/n")
        #expect(DoctorChecks.program(of: #""/a/\"q\"\x""#) == #"/a/"q"\x"#)
        #expect(DoctorChecks.program(of: "FOO=a/b /usr/share/callboard/notify/wecom") == "/usr/share/callboard/notify/wecom")
        let withFile = DoctorChecks.shellCommand("CALLBOARD_NOTIFY_ENV=/etc/callboard/desk2.env LANG='C.UTF-8' /usr/share/callboard/notify/wecom")
        #expect(withFile == .simple(program: "/usr/share/callboard/notify/wecom",
                                    assignments: ["CALLBOARD_NOTIFY_ENV": "/etc/callboard/desk2.env", "LANG": "C.UTF-8"]))
        // A quoted name is not an assignment: sh runs the word.
        #expect(DoctorChecks.program(of: #""FOO"=x /bin/true"#) == "FOO=x")
        for line in ["/bin/notify | logger", "/bin/a && /bin/b", "/bin/a; /bin/b", "/bin/a > /tmp/log", "$HOME/notify", "\"$HOME\"/notify",
                     "$(which notify)", "`which notify`", "~/notify", "if true; then x; fi", "/opt/*/notify", "/bin/a\n/bin/b", "FOO=1", "'unterminated"] {
            #expect(DoctorChecks.shellCommand(line) == .shellLine, "\(line)")
            let finding = DoctorChecks.notify(line, fromFlag: true, program: nil, user: "wang")
            #expect(finding.status == .warn && said(finding).contains("is a shell command line") && said(finding).contains("run it once by hand"), "\(said(finding))")
        }
        #expect(DoctorChecks.shellCommand("  ") == nil)
        // A URL with a query is an argument, not the program: checked as usual.
        #expect(DoctorChecks.program(of: "/bin/notify https://x/send?key=1") == "/bin/notify")
    }

    @Test func theNotificationCommandIsThereAndExecutable() {
        let none = DoctorChecks.notify(nil, fromFlag: false, program: nil, user: "wang")
        #expect(none.status == .warn && said(none).contains("/usr/share/callboard/notify/wecom"))
        let good = DoctorChecks.notify("/usr/local/bin/n", fromFlag: false, program: .file("/usr/local/bin/n", mode: 0o100755, executable: true), user: "wang")
        #expect(good.status == .ok && said(good) == "/usr/local/bin/n (desk.yaml's notify:) is there and you may run it")
        let notExecutable = DoctorChecks.notify("/usr/local/bin/n --x", fromFlag: true, program: .file("/usr/local/bin/n", mode: 0o100644, executable: false), user: "wang")
        #expect(notExecutable.status == .fail
                && said(notExecutable) == "/usr/local/bin/n (--notify-command) may not be run by you (wang), mode 0644 | run `chmod +x /usr/local/bin/n` (as its owner)")
        #expect(DoctorChecks.notify("/nope", fromFlag: false, program: .missing("/nope"), user: "wang").status == .fail)
        #expect(DoctorChecks.notify("/etc", fromFlag: false, program: .notAFile("/etc"), user: "wang").status == .fail)
        #expect(DoctorChecks.notify("desk-notify", fromFlag: false, program: .notOnPath, user: "wang").status == .fail)
        #expect(DoctorChecks.notify("true", fromFlag: false, program: .builtin, user: "wang").status == .ok)
    }

    @Test func aRecipeNeedsItsSettingsInTheEnvironmentOrTheDesksFile() {
        #expect(DoctorChecks.recipe("desk-notify", environment: [], file: "/etc/callboard/notify.env", inFile: []) == nil)
        let missing = DoctorChecks.recipe("wecom", environment: [], file: "/etc/callboard/notify.env", inFile: ["CALLBOARD_SMS_URL"])
        #expect(missing?.status == .warn && missing.map(said)?.contains("wecom needs CALLBOARD_WECOM_WEBHOOK") == true
                && missing.map(said)?.contains("add NAME=value lines to /etc/callboard/notify.env") == true)
        let fromFile = DoctorChecks.recipe("dingtalk", environment: [], file: "/etc/callboard/notify.env", inFile: ["CALLBOARD_DINGTALK_WEBHOOK"])
        #expect(fromFile?.status == .ok && fromFile.map(said) == "dingtalk: CALLBOARD_DINGTALK_WEBHOOK set (in /etc/callboard/notify.env)")
        let fromEnvironment = DoctorChecks.recipe("sms-http", environment: ["CALLBOARD_SMS_URL"], file: "/f", inFile: [])
        #expect(fromEnvironment.map(said) == "sms-http: CALLBOARD_SMS_URL set (in the environment)")
        // The file is read as the recipes read it: NAME=value lines, an empty value sets nothing.
        #expect(DoctorChecks.settingNames("# x\nCALLBOARD_A=1\nCALLBOARD_B=\nCALLBOARD_C=\"\"\nOTHER=1\nCALLBOARD_d=1\nCALLBOARD_E=\"x\"") == ["CALLBOARD_A", "CALLBOARD_E"])
    }

    /// A settings file saved by a Windows editor: a byte order mark, CRLF line endings.
    @Test func aSettingsFileWithWindowsLineEndingsReadsTheSame() {
        #expect(DoctorChecks.settingNames("\u{FEFF}CALLBOARD_A=1\r\nCALLBOARD_B=\r\nCALLBOARD_C=\"\"\r\nCALLBOARD_E=\"x\"\r\n") == ["CALLBOARD_A", "CALLBOARD_E"])
        #expect(DoctorChecks.settingNames("\u{FEFF}CALLBOARD_A=1\rCALLBOARD_B=\r") == ["CALLBOARD_A"])
    }

    /// Whoever writes the settings file chooses where escalations go: root's or yours, written
    /// by its owner only (the recipes refuse it by the same rule; NotificationRecipeTests runs both).
    @Test func theSettingsFileIsRootsOrYoursAndOnlyItsOwnerWritesIt() {
        func file(_ mode: UInt32, owner: UInt32) -> DoctorChecks.SettingsFileFacts {
            DoctorChecks.SettingsFileFacts(path: "/etc/callboard/notify.env", mode: 0o100000 | mode, ownerID: owner, owner: owner == 0 ? "root" : "li")
        }
        let good = DoctorChecks.notifySettings(file(0o640, owner: 0), user: "wang", userID: 1001)
        #expect(good.status == .ok && said(good) == "/etc/callboard/notify.env: mode 0640, owner root; nobody but its owner may change it")
        #expect(DoctorChecks.notifySettings(file(0o600, owner: 1001), user: "li", userID: 1001).status == .ok)
        let worldWritable = DoctorChecks.notifySettings(file(0o666, owner: 0), user: "wang", userID: 1001)
        #expect(worldWritable.status == .fail && said(worldWritable).contains("chmod go-w /etc/callboard/notify.env") && said(worldWritable).contains("exit 78"))
        #expect(DoctorChecks.notifySettings(file(0o660, owner: 0), user: "wang", userID: 1001).status == .fail)
        let someoneElses = DoctorChecks.notifySettings(file(0o640, owner: 1002), user: "wang", userID: 1001)
        #expect(someoneElses.status == .fail && said(someoneElses).contains("belongs to li, neither root nor you (wang)")
                && said(someoneElses).contains("chown root /etc/callboard/notify.env"), "\(said(someoneElses))")
        let readable = DoctorChecks.notifySettings(file(0o644, owner: 0), user: "wang", userID: 1001)
        #expect(readable.status == .warn && said(readable).contains("chmod o-r"))
        #expect(Self.chinese[worldWritable.finding].contains("退出码 78"))
        #expect(DoctorChecks.settingsFileProblem(mode: 0o100602, ownerID: 0, userID: 5) == .writableByOthers)
        #expect(DoctorChecks.settingsFileProblem(mode: 0o100600, ownerID: 7, userID: 5) == .notOwners)
        #expect(DoctorChecks.settingsFileProblem(mode: 0o100640, ownerID: 5, userID: 5) == nil)
    }

    // MARK: the lines

    @Test func eachFindingIsOneLineInTheRunsLanguage() {
        let findings = [DoctorChecks.width(4), DoctorChecks.links(journalFile(links: 3))]
        let english = DoctorVerb.lines(findings, strings: .english)
        #expect(english[0] == "ok    width: 中文 takes 4 columns (wcwidth), as a terminal draws it")
        #expect(english[1].hasPrefix("fail  links: /srv/callboard/journal has 3 names") && english[1].contains("; fix: remove every name"))
        #expect(english[2] == "1 check fails: fix that line first")
        let chinese = DoctorVerb.lines(findings, strings: Self.chinese)
        #expect(chinese[0] == "正常  字宽：中文占 4 列（wcwidth），与终端显示一致")
        #expect(chinese[1].hasPrefix("失败  硬链接：/srv/callboard/journal 有 3 个名字") && chinese[1].contains("；处理："))
        // Outside text (a TERM with an escape in it) never reaches the terminal raw.
        let hostile = DoctorVerb.lines([DoctorChecks.terminal(term: "xterm\u{1B}]0;owned\u{07}", entry: .unknown)], strings: .english)
        #expect(!hostile[0].unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 } && hostile[0].contains("\\u{1B}"))
    }

    @Test func theJSONSaysEachCheckAndWhetherAnyFails() throws {
        let json = DoctorVerb.json([DoctorChecks.width(4), DoctorChecks.links(journalFile(links: 2))], strings: .english)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(root["ok"] as? Bool == false)
        let checks = try #require(root["checks"] as? [[String: Any]])
        #expect(checks.map { $0["check"] as? String } == ["width", "links"])
        #expect(checks.map { $0["status"] as? String } == ["ok", "fail"])
        #expect(checks[0]["fix"] is NSNull && (checks[1]["fix"] as? String)?.contains("samefile") == true)
    }
}
