import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `callboard journal import FILE` through the real binary: the inverse of `journal export
/// --json`, all or nothing, only into a journal that holds no events, for supervisors.
@Suite struct JournalImportEndToEndTests {
    /// A desk with a bit of everything: the roster, calls in Chinese moving through their lives,
    /// a pause, a relevel, and a compaction (so the export begins with its marker).
    static func desk(in scratch: Scratch) throws -> String {
        let journal = scratch.journal
        try CallboardCLI.succeed(["tech", "add", "T03", "--name", "王磊", "--region", "city", "--skills", "printer,network", "--phone", "138 1762 0341",
                                  "--at", "-20d"], journal: journal)
        for (customer, at) in [("嘉定区第二中学", "-20d"), ("上海华东电气有限公司", "-3h")] {
            try CallboardCLI.succeed(["intake", "--customer", customer, "--phone", "021-6952 3310", "--summary", "主控服务器宕机，生产线停止 \"急\"",
                                      "--level", "2", "--region", "city", "--at", at], journal: journal)
        }
        for verb in [["resolve", "C-0001", "--at", "-19d"], ["close", "C-0001", "--at", "-19d"]] { try CallboardCLI.succeed(verb, journal: journal) }
        try CallboardCLI.succeed(["journal", "compact", "--archive-after", "7d"], journal: journal)
        try CallboardCLI.succeed(["assign", "C-0002", "T03", "--at", "-2h"], journal: journal)
        try CallboardCLI.succeed(["note", "C-0002", "电池组老化，已联系仓库备货"], journal: journal)
        try CallboardCLI.succeed(["pause", "C-0002", "--reason", "等待备件"], journal: journal)
        try CallboardCLI.succeed(["resume", "C-0002"], journal: journal)
        try CallboardCLI.succeed(["relevel", "C-0002", "1", "--reason", "产线全部停止"], journal: journal)
        return try CallboardCLI.run(["journal", "export", "--json"], journal: journal).stdout
    }

    @Test func exportImportIntoANewJournalAndExportAgainIsTheSame() throws {
        let scratch = try Scratch()
        let export = try Self.desk(in: scratch)
        #expect(export.hasPrefix(#"{"archive":"journal.archive-"#) && export.contains("journal.compacted"), "the compaction's marker comes first")
        let file = scratch.path("export.jsonl")
        try export.write(toFile: file, atomically: false, encoding: .utf8)

        let restored = scratch.path("restored/journal")
        let result = try CallboardCLI.run(["journal", "import", file], journal: restored)
        let count = export.split(separator: "\n").count
        #expect(result.status == 0 && result.line == "imported \(count) events into \(restored)", "\(result)")
        #expect(try CallboardCLI.run(["journal", "export", "--json"], journal: restored).stdout == export, "byte for byte")
        #expect(try CallboardCLI.run(["journal", "verify"], journal: restored).status == 0)
        // The desk carries on from its history.
        #expect(try CallboardCLI.succeed(["intake", "--customer", "之后", "--phone", "138 0013 8000", "--summary", "x"], journal: restored) == "C-0003")

        // `-` reads standard input.
        let piped = scratch.path("piped/journal")
        let stdin = try CallboardCLI.run(["sh", "-c", "\"$0\" journal import - --journal \"$1\" < \"$2\"", Binary.path, piped, file], program: "sh")
        #expect(stdin.status == 0 && stdin.line == "imported \(count) events into \(piped)", "\(stdin)")
        #expect(try CallboardCLI.run(["journal", "export", "--json"], journal: piped).stdout == export)
    }

    /// Line 3 of 5 is bad: refused by its number, saying what is wrong, and nothing is imported.
    @Test func aBadLineIsRefusedByItsNumberAndNothingIsImported() throws {
        let scratch = try Scratch()
        try CallboardCLI.succeed(["tech", "add", "T03", "--name", "王磊"], journal: scratch.journal)
        try CallboardCLI.succeed(["intake", "--customer", "甲", "--phone", "138 0013 8000", "--summary", "x"], journal: scratch.journal)
        try CallboardCLI.succeed(["assign", "C-0001", "T03"], journal: scratch.journal)
        try CallboardCLI.succeed(["note", "C-0001", "备注"], journal: scratch.journal)
        var lines = try CallboardCLI.run(["journal", "export", "--json"], journal: scratch.journal).stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 5)
        lines[2] = String(lines[2].dropLast(10)) // cut short, as a broken copy would
        let file = scratch.path("export.jsonl")
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: false, encoding: .utf8)

        let target = scratch.path("restored/journal")
        let result = try CallboardCLI.run(["journal", "import", file], journal: target)
        #expect(result.status == 64, "\(result)")
        #expect(result.stderr.contains("\(file), line 3: not JSON"), "\(result)")
        #expect(result.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: scratch.path("restored")), "nothing was imported, nothing made")

        // Under a Chinese locale, in Chinese.
        let chinese = try CallboardCLI.run(["journal", "import", file], journal: target, environment: ["LANG": "zh_CN.UTF-8", "LC_ALL": ""])
        #expect(chinese.status == 64)
        #expect(chinese.stderr.contains("\(file) 第 3 行：不是 JSON"), "\(chinese)")
    }

    /// An import brings in a whole desk's history: into a journal that already holds events it
    /// is refused, saying how to do it instead, and the journal is left as it was.
    @Test func aJournalThatHoldsEventsIsRefusedAndLeftAsItWas() throws {
        let scratch = try Scratch()
        let export = try Self.desk(in: scratch)
        let file = scratch.path("export.jsonl")
        try export.write(toFile: file, atomically: false, encoding: .utf8)
        let before = try Data(contentsOf: URL(fileURLWithPath: scratch.journal))
        let result = try CallboardCLI.run(["journal", "import", file], journal: scratch.journal)
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.contains("\(scratch.journal) already holds events") && result.stderr.contains("give --journal a new path"), "\(result)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: scratch.journal)) == before)

        let chinese = try CallboardCLI.run(["journal", "import", file], journal: scratch.journal, environment: ["LANG": "zh_CN.UTF-8", "LC_ALL": ""])
        #expect(chinese.status == 1 && chinese.stderr.contains("已有事件") && chinese.stderr.contains("未导入任何内容"), "\(chinese)")

        // A good import says so in Chinese too.
        let fresh = scratch.path("fresh/journal")
        let imported = try CallboardCLI.run(["journal", "import", file], journal: fresh, environment: ["LANG": "zh_CN.UTF-8", "LC_ALL": ""])
        #expect(imported.status == 0 && imported.line == "已将 \(export.split(separator: "\n").count) 个事件导入 \(fresh)", "\(imported)")
    }

    /// Importing rewrites a desk's history: a supervisor's decision, as repair and compaction are.
    @Test func aViewerOrDispatcherIsRefusedAndASupervisorImports() throws {
        let scratch = try Scratch()
        let export = try Self.desk(in: scratch)
        let file = scratch.path("export.jsonl")
        try export.write(toFile: file, atomically: false, encoding: .utf8)
        let me = try CallboardCLI.run(["sh", "-c", "id -un"], program: "sh").line
        // The new desk's folder, with its roles beside where the journal will be.
        let folder = scratch.path("desk")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o1770])
        let target = folder + "/journal"
        func roles(_ role: String) throws {
            let yaml = role == "supervisor" ? "roles:\n  supervisor: [\(me), li]\n" : "roles:\n  \(role): [\(me)]\n  supervisor: [li, zhang]\n"
            try? FileManager.default.removeItem(atPath: folder + "/desk.yaml")
            try yaml.write(toFile: folder + "/desk.yaml", atomically: false, encoding: .utf8)
            chmod(folder + "/desk.yaml", 0o644)
        }
        for role in ["viewer", "dispatcher"] {
            try roles(role)
            let refused = try CallboardCLI.run(["journal", "import", file], journal: target)
            #expect(refused.status == 77, "\(refused)")
            #expect(refused.stderr.contains("importing a journal is for a supervisor (li, zhang); you are \(me), a \(role)"), "\(refused)")
            #expect(!FileManager.default.fileExists(atPath: target), "nothing imported")
        }
        try roles("supervisor")
        #expect(try CallboardCLI.run(["journal", "import", file], journal: target).status == 0)
        #expect(try CallboardCLI.run(["journal", "export", "--json"], journal: target).stdout == export)
    }

    /// The benchmarks build journals of any size this way: a busy desk's export from
    /// `callboard-bench export`, brought in by `journal import`, reaching back further than any
    /// command may (`--at` stops at 30 days).
    @Test func aBenchmarkDesksExportImportsIntoAJournalThatVerifies() throws {
        let scratch = try Scratch()
        let file = scratch.path("desk.jsonl")
        // Calls one second apart, the last 40 days ago.
        let end = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-40 * 86_400))
        let made = try CallboardCLI.run([BenchBinary.path, "export", "4000", file, end], program: BenchBinary.path)
        #expect(made.status == 0, "\(made)")
        let imported = try CallboardCLI.run(["journal", "import", file], journal: scratch.journal)
        #expect(imported.status == 0 && imported.line == "imported 4000 events into \(scratch.journal)", "\(imported)")
        #expect(try CallboardCLI.run(["journal", "verify"], journal: scratch.journal).status == 0)
        let open = try CallboardCLI.succeed(["list"], journal: scratch.journal).split(separator: "\n").filter { $0.contains("上海客户") }
        #expect(open.count == 28, "one call in twenty stays open")
    }
}
