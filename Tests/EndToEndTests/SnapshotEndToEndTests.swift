import Foundation
import Testing

/// Snapshots and old calls through the real binary: a console started from a snapshot shows the
/// desk a console that replays everything shows; old closed calls leave memory but never reach.
@Suite struct SnapshotEndToEndTests {
    /// Three weeks of a desk through the command line: old calls closed (they retire), one of
    /// them noted and one reopened later, calls on one unit, a paused call, a call closed
    /// yesterday, calls still open. Then a snapshot, and more after it.
    static func threeWeeks(_ journal: String) throws {
        func run(_ words: [String]) throws { try CallboardCLI.succeed(words, journal: journal) }
        try run(["tech", "add", "T01", "--name", "王磊", "--region", "city", "--skills", "printer", "--shift", "day", "--at", "-21d"])
        try run(["tech", "add", "T02", "--name", "李娜", "--region", "city", "--skills", "server", "--shift", "day", "--at", "-21d"])
        for n in 1...8 {
            var intake = ["intake", "--customer", "客户\(n)", "--phone", "138 0013 800\(n)", "--summary", "打印机卡纸", "--level", "\(n % 4 + 1)",
                          "--region", "city", "--at", "-\(22 - 2 * n)d"]
            if n % 3 == 1 { intake += ["--serial", "SN-7", "--defect", "卡纸"] }
            try run(intake)
        }
        for n in 1...5 {
            try run(["assign", "C-000\(n)", "T0\(n % 2 + 1)", "--at", "-\(21 - 2 * n)d"])
            try run(["resolve", "C-000\(n)", "--at", "-\(20 - 2 * n)d"])
            try run(["close", "C-000\(n)", "--at", "-\(20 - 2 * n)d"])
        }
        try run(["note", "C-0001", "客户回访：一切正常", "--at", "-5d"])
        try run(["reopen", "C-0002", "--reason", "又卡纸了", "--at", "-4d"])
        try run(["pause", "C-0007", "--reason", "等配件", "--at", "-3d"])
        try run(["resolve", "C-0008", "--at", "-1d"])
        try run(["close", "C-0008", "--at", "-1d"])
        try run(["journal", "snapshot"])
        // After the snapshot: a retired call noted, a new call on the unit, another resolved.
        try run(["note", "C-0003", "发票已补开"])
        try run(["intake", "--customer", "新客户", "--phone", "138 0013 8009", "--summary", "又卡纸", "--level", "2", "--region", "city",
                 "--serial", "sn-7", "--defect", "卡纸"])
        try run(["resolve", "C-0006"])
    }

    @Test func aConsoleStartedFromASnapshotShowsTheDeskAConsoleReplayingEverythingShows() throws {
        let scratch = try Scratch()
        try Self.threeWeeks(scratch.journal)
        let verify = try CallboardCLI.run(["journal", "verify"], journal: scratch.journal)
        #expect(verify.status == 0 && verify.stdout.contains("snapshot at event"), "\(verify)")

        let fromSnapshot = try TmuxConsole([], journal: scratch.journal, width: 140, height: 40)
        let replaying = try TmuxConsole([], journal: scratch.journal, width: 140, height: 40, environment: ["CALLBOARD_SNAPSHOT": "off"])
        for console in [fromSnapshot, replaying] { try console.waitFor(text: "新客户") }
        try Self.expectSameScreens(fromSnapshot, replaying, "the queue")
        for console in [fromSnapshot, replaying] {
            try console.send("b")
            try console.waitFor(text: "Technicians")
        }
        try Self.expectSameScreens(fromSnapshot, replaying, "the board")
        for console in [fromSnapshot, replaying] { try console.send("q") }
    }

    /// The two screens, captured together until they agree (a countdown may tick between the
    /// two captures): they must agree within a few tries.
    static func expectSameScreens(_ a: TmuxConsole, _ b: TmuxConsole, _ what: String) throws {
        var last = ("", "")
        for _ in 0..<8 {
            last = (try a.capture(), try b.capture())
            if last.0 == last.1 { return }
            Thread.sleep(forTimeInterval: 0.3)
        }
        Issue.record("\(what) differs:\n\(last.0)\n---\n\(last.1)")
    }

    @Test func oldClosedCallsLeaveMemoryButStayWithinReach() throws {
        let scratch = try Scratch()
        try Self.threeWeeks(scratch.journal)
        // Retired, noted after the snapshot: shown whole.
        let show = try CallboardCLI.succeed(["show", "C-0003"], journal: scratch.journal)
        #expect(show.contains("客户3") && show.contains("发票已补开") && show.contains("closed"), "\(show)")
        // The new call on the unit sees the repairs of retired calls (three guarantees).
        let newest = try CallboardCLI.succeed(["show", "C-0009", "--json"], journal: scratch.journal)
        let owed = try JSONSerialization.jsonObject(with: Data(newest.utf8)) as? [String: Any]
        #expect(owed?["replacement_due"] as? [String] == ["C-0001", "C-0004"], "\(newest)")
        let open = try CallboardCLI.succeed(["list"], journal: scratch.journal)
        #expect(!open.contains("客户3") && open.contains("客户2"), "reopened C-0002 is open again:\n\(open)")
        let all = try CallboardCLI.succeed(["list", "--all", "--json"], journal: scratch.journal)
        let calls = try JSONSerialization.jsonObject(with: Data(all.utf8)) as? [[String: Any]] ?? []
        #expect(calls.compactMap { $0["id"] as? String }.sorted() == (1...9).map { "C-000\($0)" }, "every call, retired ones too")
        // A retired call is worked on like any other.
        try CallboardCLI.succeed(["reopen", "C-0004", "--reason", "客户来电：又坏了"], journal: scratch.journal)
        #expect(try CallboardCLI.succeed(["list"], journal: scratch.journal).contains("客户4"))
    }

    @Test func aDamagedSnapshotIsIgnoredWithAWarningAndJournalSnapshotReplacesIt() throws {
        let scratch = try Scratch()
        try Self.threeWeeks(scratch.journal)
        let before = try CallboardCLI.succeed(["list"], journal: scratch.journal)
        let snapshot = scratch.path("journal.snapshot")
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: snapshot)))
        bytes[bytes.count / 2] ^= 0x40
        try Data(bytes).write(to: URL(fileURLWithPath: snapshot))

        let list = try CallboardCLI.run(["list"], journal: scratch.journal)
        // The same calls in the same states (the countdowns may have moved a second between).
        func calls(_ listing: String) -> [[Substring]] { listing.split(separator: "\n").map { Array($0.split(separator: " ").prefix(6)) } }
        #expect(list.status == 0 && calls(list.line) == calls(before), "the desk as the journal gives it")
        #expect(list.stderr.contains("journal.snapshot was not used") && list.stderr.contains("damaged"), "\(list)")
        let verify = try CallboardCLI.run(["journal", "verify"], journal: scratch.journal)
        #expect(verify.status == 74 && verify.stderr.contains("callboard journal snapshot"), "\(verify)")
        try CallboardCLI.succeed(["journal", "snapshot"], journal: scratch.journal)
        let again = try CallboardCLI.run(["journal", "verify"], journal: scratch.journal)
        #expect(again.status == 0 && again.stdout.contains("matches the journal replayed from its start"), "\(again)")
        #expect(try CallboardCLI.run(["list"], journal: scratch.journal).stderr.isEmpty)
    }
}
