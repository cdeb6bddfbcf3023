import CallboardStore
import Foundation
import Testing

/// The journal's adversarial findings through the real binary: what a desk would run.
@Suite struct AdversarialJournalEndToEndTests {
    func bytes(_ path: String) throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: path))) }

    @Test func aDamagedPolicyRecordLosesNoCallAndTheRepairAndEachCallSaySo() throws {
        let scratch = try Scratch()
        for n in 1...30 { try JournalVerbTests.intake("客户\(n)", journal: scratch.journal) }
        var damaged = try bytes(scratch.journal)
        let offsets = try JournalVerbTests.recordOffsets(scratch.journal)
        damaged[offsets[0] + JournalFormat.recordHeaderSize + 2000] ^= 0x10 // inside the policy.adopted record
        try Data(damaged).write(to: URL(fileURLWithPath: scratch.journal))

        let repair = try CallboardCLI.run(["journal", "repair"], journal: scratch.journal)
        #expect(repair.status == 0, "\(repair)")
        #expect(repair.stdout.contains("policy #1 was lost") && repair.stdout.contains("the built-in policy") && repair.stdout.contains("30 calls"), "\(repair)")
        let json = try CallboardCLI.succeed(["list", "--json"], journal: scratch.journal)
        let calls = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]] ?? []
        #expect(Set(calls.compactMap { $0["customer"] as? String }) == Set((1...30).map { "客户\($0)" }), "every call is kept")
        let show = try CallboardCLI.succeed(["show", "C-0001"], journal: scratch.journal)
        #expect(show.contains("policy #1 was lost"), "\(show)")
        #expect(try CallboardCLI.run(["journal", "verify"], journal: scratch.journal).status == 0)
    }

    @Test func aFlippedMagicIsRecoveredNotRefused() throws {
        let scratch = try Scratch()
        for n in 1...3 { try JournalVerbTests.intake("客户\(n)", journal: scratch.journal) }
        var damaged = try bytes(scratch.journal)
        damaged[2] ^= 0x01
        damaged[9] ^= 0x5A // and the version
        try Data(damaged).write(to: URL(fileURLWithPath: scratch.journal))
        let list = try CallboardCLI.run(["list"], journal: scratch.journal)
        #expect(list.status == 74 && list.stderr.contains("journal repair"), "\(list)")
        let repair = try CallboardCLI.run(["journal", "repair"], journal: scratch.journal)
        #expect(repair.status == 0 && repair.stdout.contains("header"), "\(repair)")
        #expect(try CallboardCLI.succeed(["list"], journal: scratch.journal).contains("客户3"))
    }

    /// A desk with closed calls old enough to archive, and one open.
    func oldDesk(_ scratch: Scratch) throws {
        for n in 1...4 {
            try JournalVerbTests.intake("旧客户\(n)", journal: scratch.journal, at: "-20d")
            for verb in ["resolve", "close"] { try CallboardCLI.succeed([verb, "C-000\(n)", "--at", "-19d"], journal: scratch.journal) }
        }
        try JournalVerbTests.intake("在办客户", journal: scratch.journal)
    }

    func customersEverywhere(_ scratch: Scratch) throws -> [String] {
        var all: [String] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: scratch.url.path) where name == "journal" || name.hasPrefix("journal.archive-") {
            let json = try CallboardCLI.succeed(["list", "--all", "--json"], journal: scratch.path(name))
            let calls = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]] ?? []
            all += calls.compactMap { $0["customer"] as? String }
        }
        return all.sorted()
    }

    @Test func aCompactionWhoseFolderSyncFailsKeepsItsArchiveAndSaysTheNewJournalIsInPlace() throws {
        let scratch = try Scratch()
        try oldDesk(scratch)
        let before = try customersEverywhere(scratch)
        let compact = try CallboardCLI.run(["journal", "compact", "--archive-after", "7d"], journal: scratch.journal,
                                           environment: ["CALLBOARD_TEST_FAULTS": "syncFolderAfterRename"])
        #expect(compact.status == 74, "\(compact)")
        #expect(compact.stderr.contains("compacted journal is in place") && !compact.stderr.contains("nothing was"), "\(compact)")
        #expect(try customersEverywhere(scratch) == before, "every call once, in the journal or the archive")
    }

    @Test func aCompactionWhoseRenameFailsChangesNothing() throws {
        let scratch = try Scratch()
        try oldDesk(scratch)
        let journal = try bytes(scratch.journal)
        let compact = try CallboardCLI.run(["journal", "compact", "--archive-after", "7d"], journal: scratch.journal,
                                           environment: ["CALLBOARD_TEST_FAULTS": "renameIntoPlace"])
        #expect(compact.status == 74 && compact.stderr.contains("nothing was changed"), "\(compact)")
        #expect(try bytes(scratch.journal) == journal)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.url.path) == ["journal"])
    }
}
