import CallboardStore
import Foundation
import Testing

/// The command line speaks the language of the locale (`LANG=zh_CN.UTF-8`) or of `--lang`:
/// its error lines, its reports and its checks, with the same exit status in every language.
/// What people wrote (names, paths) is never translated. ArgumentParser's usage and help stay in
/// English.
@Suite struct CommandLineLanguageTests {
    /// A Chinese locale, as a desk in China sets it (LC_ALL left unset).
    static let chinese = ["LANG": "zh_CN.UTF-8", "LC_ALL": ""]

    static func hasChinese(_ text: String) -> Bool { text.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } }

    @Test func aRefusalSaysItsFlagInTheLanguageAndExitsAlike() throws {
        let scratch = try Scratch()
        let badPhone = ["intake", "--customer", "上海华东电气有限公司", "--phone", "not a phone", "--summary", "主控服务器宕机"]
        let english = try CallboardCLI.run(badPhone, journal: scratch.journal)
        let byLocale = try CallboardCLI.run(badPhone, journal: scratch.journal, environment: Self.chinese)
        let byFlag = try CallboardCLI.run(badPhone + ["--lang", "zh"], journal: scratch.journal)
        #expect(english.status == 64 && byLocale.status == 64 && byFlag.status == 64)
        #expect(english.stderr.hasPrefix("callboard: --phone: "), "\(english)")
        #expect(byLocale.stderr.hasPrefix("callboard: --phone："), "\(byLocale)")
        #expect(byFlag.stderr == byLocale.stderr)
        #expect(!FileManager.default.fileExists(atPath: scratch.journal), "a refusal creates nothing in any language")

        // An unknown call: refused alike, exit 1.
        let unknown = try CallboardCLI.run(["assign", "C-0009", "T03"], journal: scratch.journal, environment: Self.chinese)
        #expect(unknown.status == 1 && unknown.stderr.contains("C-0009"), "\(unknown)")
        #expect(try CallboardCLI.run(["assign", "C-0009", "T03"], journal: scratch.journal).status == 1)
    }

    @Test func theCommandLinesOwnChecksAndRefusalsAreInChinese() throws {
        let scratch = try Scratch()
        let interval = try CallboardCLI.run(["watch", "--interval", "0s"], journal: scratch.journal, environment: Self.chinese)
        #expect(interval.status == 64 && interval.stderr == "callboard: --interval：'0s' 不是至少一秒的时长；请写成 30s 或 1m 这样\n", "\(interval)")
        let english = try CallboardCLI.run(["watch", "--interval", "0s"], journal: scratch.journal)
        #expect(english.status == 64 && english.stderr.contains("is not a span of at least a second"), "\(english)")

        let verb = try CallboardCLI.run(["lst"], journal: scratch.journal, environment: Self.chinese)
        #expect(verb.status == 64 && verb.stderr.contains("'lst' 不是 callboard 的动词"), "\(verb)")

        let language = try CallboardCLI.run(["list", "--lang", "fr"], journal: scratch.journal, environment: Self.chinese)
        #expect(language.status == 64 && language.stderr.contains("--lang：callboard 不会说 'fr'"), "\(language)")
        let unknownLanguage = try CallboardCLI.run(["list", "--lang", "fr"], journal: scratch.journal)
        #expect(unknownLanguage.status == 64 && unknownLanguage.stderr.contains("is not a language callboard speaks"), "\(unknownLanguage)")

        // Rewriting the journal is a supervisor's: the refusal names the role in the language.
        try CallboardCLI.succeed(["tech", "add", "T01", "--name", "王磊"], journal: scratch.journal)
        let desk = scratch.path("desk.yaml")
        try "roles:\n  supervisor: [li]\n  viewer: [\(ImpersonationTests.me)]\n".write(toFile: desk, atomically: false, encoding: .utf8)
        chmod(desk, 0o644)
        let repair = try CallboardCLI.run(["journal", "repair"], journal: scratch.journal, environment: Self.chinese)
        #expect(repair.status == 77, "\(repair)")
        #expect(repair.stderr.contains("修复日志须由主管操作（li）") && repair.stderr.contains("查看员"), "\(repair)")
        let inEnglish = try CallboardCLI.run(["journal", "repair"], journal: scratch.journal)
        #expect(inEnglish.status == 77 && inEnglish.stderr.contains("repairing the journal is for a supervisor (li)"), "\(inEnglish)")
    }

    @Test func verifyReportsADamagedJournalInChineseAndExits74() throws {
        let scratch = try Scratch()
        for n in 1...3 { try JournalVerbTests.intake("客户\(n)", journal: scratch.journal) }
        let offsets = try JournalVerbTests.recordOffsets(scratch.journal)
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: scratch.journal)))
        bytes[offsets[2] + JournalFormat.recordHeaderSize + 3] ^= 0x20
        try Data(bytes).write(to: URL(fileURLWithPath: scratch.journal))

        let verify = try CallboardCLI.run(["journal", "verify"], journal: scratch.journal, environment: Self.chinese)
        #expect(verify.status == 74, "\(verify)")
        #expect(verify.stdout.hasPrefix("日志 \(scratch.journal)："), "\(verify)")
        #expect(verify.stdout.contains("损坏：第 \(offsets[2])-\(offsets[3] - 1) 字节") && verify.stdout.contains("第 3 条记录丢失"), "\(verify)")
        #expect(verify.stderr.contains("已损坏；请运行 `callboard journal repair --journal \(scratch.journal)`"), "\(verify)")
        let byFlag = try CallboardCLI.run(["journal", "verify", "--lang", "zh"], journal: scratch.journal)
        #expect(byFlag.status == 74 && byFlag.stdout == verify.stdout && byFlag.stderr == verify.stderr)

        let english = try CallboardCLI.run(["journal", "verify"], journal: scratch.journal)
        #expect(english.status == 74 && english.stdout.contains("damaged: bytes \(offsets[2])-") && !Self.hasChinese(english.stdout), "\(english)")

        // Any verb reading it refuses in the language, naming the byte.
        let list = try CallboardCLI.run(["list"], journal: scratch.journal, environment: Self.chinese)
        #expect(list.status == 74 && list.stderr.contains("在第 \(offsets[2]) 字节处损坏"), "\(list)")
    }

    @Test func aBadPolicyIsReportedLineByLineInTheLanguage() throws {
        let scratch = try Scratch()
        let file = scratch.path("policy.yaml")
        try "rules:\n  - name: general\n    respons: 24h\n".write(toFile: file, atomically: false, encoding: .utf8)
        let check = try CallboardCLI.run(["policy", "check", file], environment: Self.chinese)
        #expect(check.status == 64 && check.stdout.isEmpty, "\(check)")
        #expect(check.stderr.contains("\(file):3："), "\(check)")
        let english = try CallboardCLI.run(["policy", "check", file])
        #expect(english.status == 64 && english.stderr.contains("\(file):3: "), "\(english)")

        // Another verb on the bad policy stops before doing anything, and says where to look.
        let list = try CallboardCLI.run(["list", "--policy", file], journal: scratch.journal, environment: Self.chinese)
        #expect(list.status == 64 && list.stderr.contains("服务政策 \(file) 第 ") && list.stderr.contains("callboard policy check \(file) 会列出每个问题"), "\(list)")

        let missing = try CallboardCLI.run(["policy", "check", scratch.path("none.yaml")], environment: Self.chinese)
        #expect(missing.status == 64 && missing.stderr.contains("无法读取服务政策文件"), "\(missing)")

        // A good one is summarised in the language.
        let builtIn = scratch.path("default.yaml")
        try CallboardCLI.succeed(["policy", "default"], journal: nil).write(toFile: builtIn, atomically: false, encoding: .utf8)
        let summary = try CallboardCLI.run(["policy", "check", builtIn, "--lang", "zh"])
        #expect(summary.status == 0 && summary.stdout.hasPrefix("\(builtIn)：良好。时区 Asia/Shanghai"), "\(summary)")
        #expect(summary.stdout.contains("班次：白班") && summary.stdout.contains("未确认的升级每 15m 再次提醒。"), "\(summary)")
    }

    @Test func theRosterAndWhatWasRecordedFollowTheLanguage() throws {
        let scratch = try Scratch()
        try CallboardCLI.succeed(["tech", "add", "T01", "--name", "王磊"], journal: scratch.journal)
        let id = try CallboardCLI.succeed(["intake", "--customer", "浦东新区人民医院", "--phone", "021-5830 1120", "--summary", "UPS 报警"],
                                          journal: scratch.journal)
        #expect(id == "C-0001", "the ID scripts read is the same in every language")
        let assign = try CallboardCLI.run(["assign", id, "T01"], journal: scratch.journal, environment: Self.chinese)
        #expect(assign.status == 0 && assign.stdout.hasPrefix("C-0001 ") && assign.stdout.contains("（"), "\(assign)")
        let roster = try CallboardCLI.run(["tech", "list"], journal: scratch.journal, environment: Self.chinese)
        #expect(roster.status == 0 && roster.stdout.contains("王磊"), "\(roster)")
        // Output for scripts is the same in every language.
        let json = try CallboardCLI.run(["tech", "list", "--json"], journal: scratch.journal, environment: Self.chinese)
        #expect(json.stdout == (try CallboardCLI.run(["tech", "list", "--json"], journal: scratch.journal)).stdout)
        let export = try CallboardCLI.run(["journal", "export", "--json"], journal: scratch.journal, environment: Self.chinese)
        #expect(export.stdout == (try CallboardCLI.run(["journal", "export", "--json"], journal: scratch.journal)).stdout)
        let verify = try CallboardCLI.run(["journal", "verify"], journal: scratch.journal, environment: Self.chinese)
        #expect(verify.status == 0 && verify.stdout.hasSuffix("完好\n"), "\(verify)")
    }

    @Test func aChineseConsoleRunsItsCommandLineInChinese() throws {
        let scratch = try Scratch()
        try CallboardCLI.succeed(["intake", "--customer", "徐汇区图书馆", "--phone", "021-6431 7788", "--summary", "打印机故障"], journal: scratch.journal)
        // The console's language comes from --lang, not the locale (C.UTF-8): the `:` line's verbs speak it too.
        let console = try TmuxConsole(["console", "--lang", "zh"], journal: scratch.journal, width: 120, height: 36)
        try console.waitFor(text: "徐汇区图书馆")
        try console.send(":")
        try console.type("journal verify")
        try console.send("Enter")
        try console.waitFor(text: "2 条记录，最后序号 2")
        try console.send("Escape")
        try console.send("q")
        try console.waitForExit()
    }
}
