import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `callboard doctor` on a real machine: a line per check, ok / warn / fail with the fix, exit 0
/// when nothing fails and 1 otherwise, in English and in Chinese.
@Suite struct DoctorEndToEndTests {
    /// A terminal the console would start on, a UTF-8 locale.
    static let terminal = ["TERM": "xterm-256color"]

    /// A fresh demo desk in its own folder (as callboard makes it: 1770).
    func demo(_ scratch: Scratch) throws -> String {
        let result = try CallboardCLI.run(["demo", "--no-open", "--journal", scratch.journal])
        guard result.status == 0 else { throw HarnessError("demo: \(result)") }
        return scratch.journal
    }

    func doctor(_ journal: String, _ extra: [String] = [], environment: [String: String] = [:]) throws -> CLIResult {
        try CallboardCLI.run(["doctor"] + extra, journal: journal, environment: Self.terminal.merging(environment) { $1 })
    }

    /// The line of one check, found by its name after the status word.
    func line(_ check: String, in result: CLIResult) -> String? {
        result.stdout.split(separator: "\n").map(String.init).first { line in
            guard let space = line.firstIndex(of: " ") else { return false }
            let rest = line[space...].drop { $0 == " " }
            return rest.hasPrefix(check + ":") || rest.hasPrefix(check + "：")
        }
    }

    @Test func aFreshDemoDeskIsReadyAndDoctorExitsZero() throws {
        let scratch = try Scratch()
        let result = try doctor(try demo(scratch))
        #expect(result.status == 0, "\(result)")
        for check in ["terminal", "locale", "width", "journal", "journal mode", "folder", "links", "desk.yaml", "policy"] {
            #expect(line(check, in: result)?.hasPrefix("ok ") == true, "\(check): \(result)")
        }
        #expect(line("terminal", in: result) == "ok    terminal: TERM xterm-256color, known to terminfo", "\(result)")
        #expect(line("width", in: result)?.contains("中文 takes 4 columns") == true, "\(result)")
        #expect(line("journal", in: result) == "ok    journal: \(scratch.journal) (given by --journal)", "\(result)")
        #expect(line("disk", in: result) != nil && line("inotify", in: result) != nil, "\(result)")
        #expect(line("notify", in: result)?.hasPrefix("warn  notify: no notification command") == true, "\(result)")
        #expect(result.stdout.contains("nothing fails"), "\(result)")
        let json = try doctor(scratch.journal, ["--json"])
        #expect(json.status == 0, "\(json)")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(root["ok"] as? Bool == true)
        let checks = try #require(root["checks"] as? [[String: Any]])
        #expect(checks.contains { $0["check"] as? String == "folder" && $0["status"] as? String == "ok" })
    }

    @Test func aWorldWritableFolderWithoutTheStickyBitFailsNamingTheFix() throws {
        let scratch = try Scratch()
        let journal = try demo(scratch)
        #expect(chmod(scratch.url.path, 0o777) == 0)
        let result = try doctor(journal)
        #expect(result.status == 1, "\(result)")
        let folder = try #require(line("folder", in: result), "\(result)")
        #expect(folder.hasPrefix("fail  folder: \(scratch.url.path) can be written by every user of this machine (mode 0777)"), "\(folder)")
        #expect(folder.contains("fix: run `chmod o-w,+t \(scratch.url.path)`"), "\(folder)")
        #expect(result.stdout.contains("1 check fails"), "\(result)")
        // As a writer would refuse it: the doctor and the writers agree.
        let note = try CallboardCLI.run(["note", "C-0001", "试一下"], journal: journal)
        #expect(note.status == 74 && note.stderr.contains("chmod o-w,+t \(scratch.url.path)"), "\(note)")
        // Group-writable without the sticky bit: the same rule.
        #expect(chmod(scratch.url.path, 0o770) == 0)
        let sticky = try doctor(journal)
        #expect(sticky.status == 1 && line("folder", in: sticky)?.contains("chmod +t \(scratch.url.path)") == true, "\(sticky)")
        #expect(chmod(scratch.url.path, 0o1770) == 0)
        #expect(try doctor(journal).status == 0)
    }

    @Test func aJournalWithASecondNameFails() throws {
        let scratch = try Scratch()
        let journal = try demo(scratch)
        #expect(link(journal, scratch.path("other-name")) == 0)
        let result = try doctor(journal)
        #expect(result.status == 1, "\(result)")
        #expect(line("links", in: result)?.hasPrefix("fail  links: \(journal) has 2 names") == true, "\(result)")
    }

    @Test func aLocaleThatIsNotUTF8Warns() throws {
        let scratch = try Scratch()
        let result = try doctor(try demo(scratch), environment: ["LANG": "C", "LC_ALL": "", "LC_CTYPE": ""])
        let locale = try #require(line("locale", in: result), "\(result)")
        #expect(locale.hasPrefix("warn  locale: C is not UTF-8"), "\(locale)")
        #expect(locale.contains("fix: use a UTF-8 locale: export LANG=zh_CN.UTF-8"), "\(locale)")
        // callboard measures as C.UTF-8 meanwhile, as the console does: nothing fails.
        #expect(line("width", in: result)?.hasPrefix("ok ") == true, "\(result)")
        #expect(result.status == 0, "\(result)")
        let unknown = try doctor(scratch.journal, environment: ["TERM": "no-such-terminal"])
        #expect(unknown.status == 1 && line("terminal", in: unknown)?.contains("TERM no-such-terminal is not in the terminfo database") == true, "\(unknown)")
    }

    /// desk.yaml names a notification command that is there but may not be run.
    func deskWithCommand(_ scratch: Scratch, mode: mode_t) throws -> String {
        let journal = try demo(scratch)
        let hook = scratch.path("desk-notify")
        try "#!/bin/sh\nexit 0\n".write(toFile: hook, atomically: true, encoding: .utf8)
        #expect(chmod(hook, mode) == 0)
        try "notify: {command: \(hook) --quiet, timeout: 5s}\n".write(toFile: scratch.path("desk.yaml"), atomically: true, encoding: .utf8)
        #expect(chmod(scratch.path("desk.yaml"), 0o644) == 0)
        return journal
    }

    @Test func aNotificationCommandThatIsNotExecutableFails() throws {
        let scratch = try Scratch()
        let journal = try deskWithCommand(scratch, mode: 0o644)
        let result = try doctor(journal)
        #expect(result.status == 1, "\(result)")
        let notify = try #require(line("notify", in: result), "\(result)")
        #expect(notify.hasPrefix("fail  notify: \(scratch.path("desk-notify")) (desk.yaml's notify:) may not be run by you"), "\(notify)")
        #expect(notify.contains("fix: run `chmod +x \(scratch.path("desk-notify"))`"), "\(notify)")
        #expect(line("desk.yaml", in: result)?.hasPrefix("ok ") == true, "\(result)")

        #expect(chmod(scratch.path("desk-notify"), 0o755) == 0)
        let fixed = try doctor(journal)
        #expect(fixed.status == 0 && line("notify", in: fixed)?.hasPrefix("ok    notify: \(scratch.path("desk-notify"))") == true, "\(fixed)")
        // --notify-command wins, as for watch and the console.
        let missing = try doctor(journal, ["--notify-command", scratch.path("nowhere")])
        #expect(missing.status == 1 && line("notify", in: missing)?.contains("(--notify-command) is not there") == true, "\(missing)")
        // desk.yaml others may change is refused, as every command refuses it.
        #expect(chmod(scratch.path("desk.yaml"), 0o666) == 0)
        let writable = try doctor(journal)
        #expect(writable.status == 1 && line("desk.yaml", in: writable)?.contains("chmod go-w") == true, "\(writable)")
    }

    @Test func doctorSpeaksChinese() throws {
        let scratch = try Scratch()
        let journal = try deskWithCommand(scratch, mode: 0o644)
        for (extra, environment) in [(["--lang", "zh"], [String: String]()), ([], ["CALLBOARD_LANG": "zh"])] {
            let result = try doctor(journal, extra, environment: environment)
            #expect(result.status == 1, "\(result)")
            #expect(line("终端", in: result) == "正常  终端：TERM xterm-256color，terminfo 认识", "\(result)")
            #expect(line("字宽", in: result)?.contains("中文占 4 列") == true, "\(result)")
            let notify = try #require(line("通知命令", in: result), "\(result)")
            #expect(notify.hasPrefix("失败  通知命令：你（") && notify.contains("不能运行 \(scratch.path("desk-notify"))"), "\(notify)")
            #expect(notify.contains("；处理：请（以其所有者身份）运行 `chmod +x \(scratch.path("desk-notify"))`"), "\(notify)")
            #expect(result.stdout.contains("1 项检查失败"), "\(result)")
        }
    }

    @Test func aBadPolicyFailsAndHolidaysRunningOutWarn() throws {
        let scratch = try Scratch()
        let journal = try demo(scratch)
        let bad = scratch.path("bad.yaml")
        try "time_zone: Asia/Shanghai\nrules:\n  - name: x\n    respnse: 4h\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let result = try doctor(journal, ["--policy", bad])
        #expect(result.status == 1, "\(result)")
        let policy = try #require(line("policy", in: result), "\(result)")
        #expect(policy.hasPrefix("fail  policy: \(bad) line 3: rule 1 (x) sets no timer") && policy.contains("callboard policy check \(bad) lists every problem"), "\(policy)")

        // Holidays of last year only: the warning is due whatever today is.
        let ended = try HolidayHorizonEndToEndTests.policy(holidaysIn: HolidayHorizonEndToEndTests.thisYear - 1, in: scratch)
        let holidays = try doctor(journal, environment: ["CALLBOARD_POLICY": ended])
        #expect(holidays.status == 0, "\(holidays)")
        let warned = try #require(line("holidays", in: holidays), "\(holidays)")
        #expect(warned.hasPrefix("warn  holidays: deadlines after \(HolidayHorizonEndToEndTests.thisYear - 1)-12-31 on office ignore public holidays"), "\(warned)")
        #expect(warned.contains("fix: add the next year's holidays to \(ended)"), "\(warned)")
    }
}

/// The doctor on a desk whose log is in PostgreSQL: the server's line instead of the file's.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["CALLBOARD_TEST_POSTGRES"] != nil, "needs the server scripts/test starts"))
struct DoctorPostgresEndToEndTests {
    @Test func theServerAnswersWithItsTablesAndTheLoginsRole() throws {
        let database = try Database()
        let fresh = try CallboardCLI.run(["doctor"], journal: database.location, environment: ["TERM": "xterm-256color"])
        #expect(fresh.stdout.contains("warn  server: \(database.location): PostgreSQL "), "\(fresh)")
        #expect(fresh.stdout.contains("no tables yet"), "\(fresh)")
        try CallboardCLI.succeed(["tech", "add", "T01", "--name", "王磊"], journal: database.location)
        let result = try CallboardCLI.run(["doctor"], journal: database.location, environment: ["TERM": "xterm-256color"])
        #expect(result.status == 0, "\(result)")
        let server = try #require(result.stdout.split(separator: "\n").first { $0.hasPrefix("ok    server: ") }, "\(result)")
        #expect(server.contains("tables version 1 (this callboard writes 1)"), "\(server)")
        #expect(result.stdout.contains("ok    role: "), "\(result)")
        // No journal file to look at: its folder, links and desk.yaml are not checked.
        #expect(!result.stdout.contains("folder:") && !result.stdout.contains("links:"), "\(result)")
        let chinese = try CallboardCLI.run(["doctor", "--lang", "zh"], journal: database.location, environment: ["TERM": "xterm-256color"])
        #expect(chinese.stdout.contains("正常  服务器：\(database.location)：PostgreSQL "), "\(chinese)")

        let away = try CallboardCLI.run(["doctor"], journal: "postgresql://127.0.0.1:1/none?connect_timeout=2", environment: ["TERM": "xterm-256color"])
        #expect(away.status == 1 && away.stdout.contains("fail  server: "), "\(away)")
    }
}
