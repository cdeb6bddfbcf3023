import CallboardCore
import CallboardStore
import Foundation
import Testing

/// `callboard journal verify | repair | compact | export` through the real binary.
@Suite struct JournalVerbTests {
    static func intake(_ customer: String, journal: String, at: String? = nil) throws {
        try CallboardCLI.succeed(["intake", "--customer", customer, "--phone", "138 0013 8000", "--summary", "打印机卡纸"]
                                 + (at.map { ["--at", $0] } ?? []), journal: journal)
    }

    /// Where records start in the journal file.
    static func recordOffsets(_ path: String) throws -> [Int] {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        var offsets: [Int] = []
        var at = JournalFormat.headerSize
        while at + JournalFormat.recordHeaderSize <= bytes.count {
            offsets.append(at)
            at += JournalFormat.recordHeaderSize + bytes[(at + 4)..<(at + 8)].enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        }
        return offsets
    }

    @Test func aFlippedByteIsRefusedWithItsOffsetFoundByVerifyAndRecoveredByRepair() throws {
        let scratch = try Scratch()
        for n in 1...5 { try Self.intake("客户\(n)", journal: scratch.journal) }
        let offsets = try Self.recordOffsets(scratch.journal)
        // Record 3 of 6 (the policy, then five calls): the call of 客户2.
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: scratch.journal)))
        bytes[offsets[2] + JournalFormat.recordHeaderSize + 3] ^= 0x20
        try Data(bytes).write(to: URL(fileURLWithPath: scratch.journal))

        let list = try CallboardCLI.run(["list"], journal: scratch.journal)
        #expect(list.status == 74)
        #expect(list.stderr.contains("damaged at byte \(offsets[2])") && list.stderr.contains("callboard journal repair"), "\(list)")
        let refused = try CallboardCLI.run(["intake", "--customer", "新", "--phone", "138 0013 8000", "--summary", "x"], journal: scratch.journal)
        #expect(refused.status == 74)
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: scratch.journal))) == bytes, "nothing changed")

        let verify = try CallboardCLI.run(["journal", "verify"], journal: scratch.journal)
        #expect(verify.status == 74, "\(verify)")
        #expect(verify.stdout.contains("damaged: bytes \(offsets[2])-\(offsets[3] - 1)") && verify.stdout.contains("record 3 lost"), "\(verify)")

        let repair = try CallboardCLI.run(["journal", "repair"], journal: scratch.journal)
        #expect(repair.status == 0, "\(repair)")
        #expect(repair.stdout.contains("damaged: bytes \(offsets[2])-\(offsets[3] - 1)") && repair.stdout.contains("record 3 lost"), "\(repair)")
        #expect(repair.stdout.contains("kept 5 records"))
        // The lost record may have been a call's intake: numbering carries on past it.
        #expect(repair.stdout.contains("new calls are numbered from C-0007 on"), "\(repair)")
        let backups = try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).filter { $0.hasPrefix("journal.backup-") }
        #expect(backups.count == 1)
        #expect(Array(try Data(contentsOf: scratch.url.appendingPathComponent(backups[0]))) == bytes, "the backup is the damaged file as it was")

        #expect(try CallboardCLI.run(["journal", "verify"], journal: scratch.journal).status == 0)
        let customers = try CallboardCLI.succeed(["list"], journal: scratch.journal)
        for n in [1, 3, 4, 5] { #expect(customers.contains("客户\(n)")) }
        #expect(!customers.contains("客户2"))
        // The desk carries on: the next call never takes a number a lost record may have used.
        try Self.intake("之后", journal: scratch.journal)
        #expect(try CallboardCLI.succeed(["list"], journal: scratch.journal).contains("C-0007"))
    }

    @Test func aSoundJournalVerifiesAndRepairChangesNothing() throws {
        let scratch = try Scratch()
        try Self.intake("客户", journal: scratch.journal)
        let before = try Data(contentsOf: URL(fileURLWithPath: scratch.journal))
        let verify = try CallboardCLI.run(["journal", "verify"], journal: scratch.journal)
        #expect(verify.status == 0 && verify.stdout.contains("2 records") && verify.stdout.contains("ok"), "\(verify)")
        let repair = try CallboardCLI.run(["journal", "repair"], journal: scratch.journal)
        #expect(repair.status == 0 && repair.stdout.contains("nothing was changed"), "\(repair)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: scratch.journal)) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.url.path) == ["journal"])
    }

    @Test func compactionArchivesOldClosedCallsLosesNothingAndOpenConsolesFollow() throws {
        let scratch = try Scratch()
        try CallboardCLI.succeed(["tech", "add", "T01", "--name", "王磊", "--at", "-20d"], journal: scratch.journal)
        try Self.intake("旧客户", journal: scratch.journal, at: "-20d")
        for verb in ["resolve", "close"] { try CallboardCLI.succeed([verb, "C-0001", "--at", "-19d"], journal: scratch.journal) }
        try Self.intake("近来客户", journal: scratch.journal, at: "-2d")
        for verb in ["resolve", "close"] { try CallboardCLI.succeed([verb, "C-0002", "--at", "-1d"], journal: scratch.journal) }
        try Self.intake("在办客户", journal: scratch.journal)
        let exportBefore = try CallboardCLI.succeed(["journal", "export", "--json"], journal: scratch.journal)

        let console = try TmuxConsole([], journal: scratch.journal)
        try console.waitFor(text: "在办客户")

        let compact = try CallboardCLI.run(["journal", "compact", "--archive-after", "7d"], journal: scratch.journal)
        #expect(compact.status == 0, "\(compact)")
        #expect(compact.stdout.contains("1 closed calls (3 events) moved to"), "\(compact)")
        let archives = try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).filter { $0.hasPrefix("journal.archive-") }
        #expect(archives.count == 1)
        let archive = scratch.path(archives[0])

        // Every event is in the compacted journal or in the archive (which replays on its own).
        let kept = try CallboardCLI.succeed(["list", "--all"], journal: scratch.journal)
        #expect(kept.contains("近来客户") && kept.contains("在办客户") && !kept.contains("旧客户"))
        let archived = try CallboardCLI.succeed(["show", "C-0001"], journal: archive)
        #expect(archived.contains("旧客户") && archived.contains("closed"))
        func lines(_ text: String) -> Set<String> { Set(text.split(separator: "\n").map { line in
            // The same event in either file; only its sequence number differs.
            line.replacingOccurrences(of: #""seq":[0-9]+,"#, with: "", options: .regularExpression)
        }) }
        let afterKept = lines(try CallboardCLI.succeed(["journal", "export", "--json"], journal: scratch.journal))
        let afterArchive = lines(try CallboardCLI.succeed(["journal", "export", "--json"], journal: archive))
        #expect(lines(exportBefore).isSubset(of: afterKept.union(afterArchive)))
        #expect(afterKept.contains { $0.contains(#""type":"journal.compacted""#) })

        // The console read the compacted journal by itself and goes on following it.
        try console.waitFor(text: "compacted or repaired elsewhere")
        try Self.intake("压缩之后", journal: scratch.journal)
        try console.waitFor(text: "压缩之后")
        #expect(try CallboardCLI.succeed(["list"], journal: scratch.journal).contains("C-0004"), "numbers carry on after archiving")
        try console.send("q")
        try console.waitForExit()
    }

    @Test func exportWritesEveryEventAsOneJSONLineWithItsSequence() throws {
        let scratch = try Scratch()
        try CallboardCLI.succeed(["tech", "add", "T01", "--name", "王磊"], journal: scratch.journal)
        try Self.intake("客户", journal: scratch.journal)
        try CallboardCLI.succeed(["assign", "C-0001", "T01"], journal: scratch.journal)
        // Text the command line refuses, as a hand-made journal could hold it.
        try JournalForge.writeCall(customer: "Evil\u{9B}31m\u{1B}[2J Co", summary: "x", to: scratch.journal)
        let export = try CallboardCLI.run(["journal", "export", "--json"], journal: scratch.journal)
        #expect(export.status == 0)
        let lines = export.stdout.split(separator: "\n")
        #expect(lines.count == 5) // technician, policy, call, assignment, forged call
        let objects = try lines.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        #expect(objects.map { $0["seq"] as? Int } == [1, 2, 3, 4, 5])
        #expect(objects.map { $0["type"] as? String } == ["technician.added", "policy.adopted", "call.received", "call.assigned", "call.received"])
        #expect(objects.allSatisfy { $0["by"] as? String != nil && $0["at"] as? Int != nil && $0["v"] as? Int == EventCodec.schemaVersion })
        #expect(objects[3]["tech"] as? String == "T01")
        #expect(objects[4]["customer"] as? String == "Evil\u{9B}31m\u{1B}[2J Co", "the text survives, escaped")
        #expect(!export.stdout.unicodeScalars.contains { $0.value == 0x9B || $0.value == 0x1B }, "control characters are escaped, never raw")
        let bare = try CallboardCLI.run(["journal", "export"], journal: scratch.journal)
        #expect(bare.status == 64 && bare.stderr.contains("--json"))
    }

    @Test func aWorldWritableJournalIsRefusedAndNewJournalsAreGroupOnly() throws {
        let scratch = try Scratch()
        // Even under a permissive umask, a new journal is 0660.
        let created = try CallboardCLI.run(["sh", "-c", "umask 000; exec \"$0\" \"$@\"", Binary.path, "intake", "--customer", "客户",
                                            "--phone", "138 0013 8000", "--summary", "x", "--journal", scratch.journal], program: "sh")
        #expect(created.status == 0, "\(created)")
        let mode = try FileManager.default.attributesOfItem(atPath: scratch.journal)[.posixPermissions] as? Int
        #expect(mode == 0o660)
        try FileManager.default.setAttributes([.posixPermissions: 0o666], ofItemAtPath: scratch.journal)
        let before = try Data(contentsOf: URL(fileURLWithPath: scratch.journal))
        let refused = try CallboardCLI.run(["intake", "--customer", "新", "--phone", "138 0013 8000", "--summary", "x"], journal: scratch.journal)
        #expect(refused.status == 74)
        #expect(refused.stderr.contains("can be written by every user") && refused.stderr.contains("chmod o-w"), "\(refused)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: scratch.journal)) == before)
        // Reading is still allowed, so the desk can see what it has while the mode is fixed.
        #expect(try CallboardCLI.run(["list"], journal: scratch.journal).status == 0)
    }
}
