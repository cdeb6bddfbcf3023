import CallboardCore
import CallboardStore
import Foundation
import Testing

/// `--as-of TIME` through the real binary (issue 15): the desk as it stood at a moment, by when
/// each event was recorded, with the clock stopped there; read-only everywhere, the journal
/// left byte for byte as it was, in both languages.
@Suite struct AsOfEndToEndTests {
    /// 2026-11-02 (+08:00) at `hour`:`minute`.
    static func time(_ hour: Int, _ minute: Int = 0) -> Date {
        Date(timeIntervalSince1970: 1_793_548_800 + TimeInterval(hour * 3600 + minute * 60)) // 2026-11-02T00:00:00+08:00
    }
    static func text(_ hour: Int, _ minute: Int = 0) -> String { String(format: "2026-11-02T%02d:%02d:00+08:00", hour, minute) }

    static let policy = "time_zone: Asia/Shanghai\nrules:\n  - response: 1h\n    onsite: 4h\n"

    /// A journal whose events carry the recording times a desk would have given them (the
    /// command line records at the wall clock, so a test cannot choose them through it):
    /// 09:00 the policy (response 1 h, on site 4 h, round the clock), T03 王磊 and C-0001
    /// (level 1, city) received; 09:20 responded; 10:00 assigned to T03; 11:30 the arrival
    /// phoned in and recorded as having happened at 10:45 (`--at`).
    static func desk(_ path: String) throws {
        let desk = try JournalDesk(log: FileJournal(path: path))
        let parsed = try PolicyParser.parse(policy)
        func event(_ at: Date, recorded: Date? = nil, _ change: Change) -> Event {
            Event(occurredAt: at, recordedAt: recorded ?? at, actor: "dispatcher", change: change)
        }
        let call = CallID(number: 1), tech = TechnicianID("T03")!
        let intake = CallIntake(customer: "上海华东电气有限公司", phone: "021-6952 3310", summary: "主控服务器宕机", level: .one, region: "city")
        for batch in [
            [event(time(9), .policyAdopted(1, parsed)), event(time(9), .technicianAdded(Technician(id: tech, name: "王磊", region: "city"))),
             event(time(9), .callReceived(call, intake, policy: 1))],
            [event(time(9, 20), .responded(call))],
            [event(time(10), .assigned(call, tech, previous: nil))],
            [event(time(10, 45), recorded: time(11, 30), .arrived(call))],
        ] {
            try desk.record(now: batch[0].recordedAt) { _ in batch }
        }
    }

    func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    @Test func listAndShowBeforeAndAfterTheAssignmentFiguresByHand() throws {
        let scratch = try Scratch()
        try Self.desk(scratch.journal)
        let before = try bytes(scratch.journal)
        func list(_ at: String) throws -> [String: Any] {
            let json = try CallboardCLI.succeed(["list", "--json", "--as-of", at], journal: scratch.journal)
            let calls = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
            try #require(calls.count == 1, "\(json)")
            return calls[0]
        }
        func timer(_ call: [String: Any], _ name: String) -> [String: Any]? {
            (call["timers"] as? [[String: Any]])?.first { $0["name"] as? String == name }
        }

        // 09:30: responded (20 min: met), nobody assigned; on site due 13:00 (4 h from 09:00), 3 h 30 min left.
        let early = try list(Self.text(9, 30))
        #expect(early["status"] as? String == "responded" && early["technician"] is NSNull, "\(early)")
        #expect(timer(early, "onsite")?["state"] as? String == "running" && timer(early, "onsite")?["remaining_seconds"] as? Int == 12_600, "\(early)")
        let earlyText = try CallboardCLI.succeed(["list", "--as-of", Self.text(9, 30)], journal: scratch.journal)
        #expect(earlyText.contains("03:30:00") && !earlyText.contains("T03"), "\(earlyText)")

        // 10:30: assigned to T03, on site 2 h 30 min left.
        let assigned = try list(Self.text(10, 30))
        #expect(assigned["status"] as? String == "assigned" && assigned["technician"] as? String == "T03", "\(assigned)")
        #expect(timer(assigned, "onsite")?["remaining_seconds"] as? Int == 9_000, "\(assigned)")

        // 11:00: the arrival at 10:45 was not recorded until 11:30, so the desk did not know it:
        // still assigned, on site 2 h left. By recording time, not by the time it gives.
        let unknown = try list(Self.text(11))
        #expect(unknown["status"] as? String == "assigned" && timer(unknown, "onsite")?["remaining_seconds"] as? Int == 7_200, "\(unknown)")
        // 11:30, once recorded: on site, the promise met (at 10:45, its own time).
        let known = try list(Self.text(11, 30))
        #expect(known["status"] as? String == "on_site" && timer(known, "onsite")?["state"] as? String == "met", "\(known)")

        // show, in both languages: no technician before, T03 王磊 after; the history up to then.
        let showBefore = try CallboardCLI.succeed(["show", "C-0001", "--as-of", Self.text(9, 30)], journal: scratch.journal)
        #expect(!showBefore.contains("王磊") && !showBefore.contains("assigned"), "\(showBefore)")
        let showAfter = try CallboardCLI.succeed(["show", "C-0001", "--as-of", Self.text(10, 30)], journal: scratch.journal)
        #expect(showAfter.contains("T03 王磊") && !showAfter.contains("arrived"), "\(showAfter)")
        let chinese = try CallboardCLI.succeed(["show", "C-0001", "--as-of", Self.text(9, 30), "--lang", "zh"], journal: scratch.journal)
        #expect(chinese.contains("已响应") && !chinese.contains("王磊"), "\(chinese)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(CallboardCLI.succeed(["show", "C-0001", "--json", "--as-of", Self.text(10, 30)],
                                                                                                    journal: scratch.journal).utf8)) as? [String: Any])
        #expect(json["technician"] as? String == "T03", "\(json)")

        // Now, without --as-of: on site, as the journal ends.
        #expect(try CallboardCLI.succeed(["list", "--json"], journal: scratch.journal).contains("\"on_site\""))
        #expect(try bytes(scratch.journal) == before, "nothing written")
    }

    @Test func reportAndBoardAsOfAMoment() throws {
        let scratch = try Scratch()
        try Self.desk(scratch.journal)
        let before = try bytes(scratch.journal)
        let days = ["--from", "2026-11-01", "--to", "2026-11-30"]
        // 10:30: the response met in 20 min; on site still running (no arrival known).
        let early = try CallboardCLI.succeed(["report", "--as-of", Self.text(10, 30)] + days, journal: scratch.journal)
        #expect(early.contains("as they stand at 2026-11-02 10:30"), "\(early)")
        #expect(early.contains("response    met 1  missed 0  running 0  met 100.0%  p50 20m  p90 20m"), "\(early)")
        #expect(early.contains("on-site     met 0  missed 0  running 1"), "\(early)")
        // 12:00: on site met, in 1 h 45 min (09:00 to 10:45).
        let late = try CallboardCLI.succeed(["report", "--as-of", Self.text(12)] + days, journal: scratch.journal)
        #expect(late.contains("on-site     met 1  missed 0  running 0  met 100.0%  p50 1h 45m  p90 1h 45m"), "\(late)")
        let chinese = try CallboardCLI.succeed(["report", "--as-of", Self.text(10, 30), "--lang", "zh"] + days, journal: scratch.journal)
        #expect(chinese.contains("截至 2026-11-02 10:30"), "\(chinese)")

        // The board, printed as it stood: the clock is the moment, the call unassigned at 09:30.
        let board = try CallboardCLI.succeed(["board", "--print", "--as-of", Self.text(9, 30)], journal: scratch.journal)
        #expect(board.contains("2026-11-02 09:30") && board.contains("Unassigned: 1"), "\(board)")
        let boardLater = try CallboardCLI.succeed(["board", "--print", "--as-of", Self.text(10, 30)], journal: scratch.journal)
        #expect(boardLater.contains("Unassigned: 0"), "\(boardLater)")
        #expect(try bytes(scratch.journal) == before, "nothing written")
    }

    /// Review s5 L1: a printout of the desk as it was says so on its first line, in both
    /// languages, so it cannot pass for the live desk; the desk now has no such line. JSON and
    /// CSV are as they were (list --json stays an array, nothing on standard error).
    @Test func listShowAndBoardInTextSayOnTheirFirstLineThatTheyAreTheDeskAsItStood() throws {
        let scratch = try Scratch()
        try Self.desk(scratch.journal)
        let heading = "As of 2026-11-02 09:30:00 +08:00 (the desk as it stood then, read-only)"
        let chinese = "截至 2026-11-02 09:30:00 +08:00 的工作台（历史状态，只读）"
        for verb in [["list"], ["list", "--all"], ["show", "C-0001"], ["board", "--print"]] {
            let english = try CallboardCLI.succeed(verb + ["--as-of", Self.text(9, 30)], journal: scratch.journal)
            #expect(english.split(separator: "\n").first.map(String.init) == heading, "\(verb): \(english)")
            let zh = try CallboardCLI.succeed(verb + ["--as-of", Self.text(9, 30), "--lang", "zh"], journal: scratch.journal)
            #expect(zh.split(separator: "\n").first.map(String.init) == chinese, "\(verb): \(zh)")
            let now = try CallboardCLI.succeed(verb, journal: scratch.journal)
            #expect(!now.contains("As of") && !now.contains("read-only"), "the desk now: \(verb): \(now)")
        }
        // The listing itself follows the heading: the call as it stood.
        let list = try CallboardCLI.succeed(["list", "--as-of", Self.text(9, 30)], journal: scratch.journal)
        #expect(list.contains("C-0001") && list.contains("03:30:00"), "\(list)")
        // JSON and CSV keep their shapes: an array, the CSV's header row first; standard error empty.
        let json = try CallboardCLI.run(["list", "--json", "--as-of", Self.text(9, 30)], journal: scratch.journal)
        #expect(json.status == 0 && json.stdout.hasPrefix("[") && json.stderr.isEmpty, "\(json)")
        let csv = try CallboardCLI.run(["list", "--format", "csv", "--as-of", Self.text(9, 30)], journal: scratch.journal)
        #expect(csv.status == 0 && !csv.stdout.contains("As of") && csv.stderr.isEmpty, "\(csv)")
        let show = try CallboardCLI.run(["show", "C-0001", "--json", "--as-of", Self.text(9, 30)], journal: scratch.journal)
        #expect(show.status == 0 && show.stdout.hasPrefix("{") && show.stderr.isEmpty, "\(show)")
    }

    /// Review s5 L2: a call recorded after the moment is not "no call": it was not yet recorded
    /// then, and the line says when it was (exit 1, one line, both languages).
    @Test func showOfACallRecordedAfterTheMomentSaysItWasNotYetRecorded() throws {
        let scratch = try Scratch()
        try Self.desk(scratch.journal)
        // C-0002, phoned in at 09:10 and recorded (with `--at`) only at 12:00.
        let intake = CallIntake(customer: "后来的客户", phone: "021-6952 3311", summary: "打印机卡纸", level: .two, region: "city")
        let received = Event(occurredAt: Self.time(9, 10), recordedAt: Self.time(12), actor: "dispatcher",
                             change: .callReceived(CallID(number: 2), intake, policy: 1))
        try JournalDesk(log: FileJournal(path: scratch.journal)).record(now: Self.time(12)) { _ in [received] }
        let before = try bytes(scratch.journal)
        let later = try CallboardCLI.run(["show", "C-0002", "--as-of", Self.text(9, 30)], journal: scratch.journal)
        #expect(later.status == 1 && later.stdout.isEmpty && later.stderr.split(separator: "\n").count == 1, "\(later)")
        #expect(later.stderr.contains("C-0002 was not yet recorded at 2026-11-02 09:30:00 +08:00 (it was recorded at 2026-11-02 12:00:00 +08:00, "
                                      + "received 2026-11-02 09:10:00 +08:00)"), "\(later)")
        #expect(!later.stderr.contains("no call"), "\(later)")
        let zh = try CallboardCLI.run(["show", "C-0002", "--as-of", Self.text(9, 30), "--lang", "zh"], journal: scratch.journal)
        #expect(zh.status == 1 && zh.stderr.contains("2026-11-02 09:30:00 +08:00 时还没有记录 C-0002"), "\(zh)")
        // A call that does not exist at all is still "no call".
        let none = try CallboardCLI.run(["show", "C-0009", "--as-of", Self.text(9, 30)], journal: scratch.journal)
        #expect(none.status == 1 && none.stderr.contains("no call C-0009"), "\(none)")
        #expect(try bytes(scratch.journal) == before)
    }

    @Test func aSnapshotTakenAfterTheMomentIsNotUsed() throws {
        let scratch = try Scratch()
        try Self.desk(scratch.journal)
        // Taken now, long after 09:30: it holds the assignment and the arrival.
        let taken = try CallboardCLI.run(["journal", "snapshot"], journal: scratch.journal)
        try #require(taken.status == 0, "\(taken)")
        let before = try bytes(scratch.journal)
        let result = try CallboardCLI.run(["list", "--json", "--as-of", Self.text(9, 30)], journal: scratch.journal)
        #expect(result.status == 0 && result.stdout.contains("\"responded\"") && !result.stdout.contains("T03"), "\(result)")
        #expect(result.stderr.isEmpty, "no warning: nothing is wrong with the snapshot: \(result)")
        let show = try CallboardCLI.run(["show", "C-0001", "--as-of", Self.text(9, 30)], journal: scratch.journal)
        #expect(show.status == 0 && !show.stdout.contains("王磊"), "\(show)")
        #expect(try bytes(scratch.journal) == before)
    }

    @Test func aBadTimeTheFutureAndBeforeTheJournalAreRefusedInBothLanguages() throws {
        let scratch = try Scratch()
        try Self.desk(scratch.journal)
        let before = try bytes(scratch.journal)
        for verb in [["list"], ["show", "C-0001"], ["report"], ["board", "--print"]] {
            let bad = try CallboardCLI.run(verb + ["--as-of", "yesterday"], journal: scratch.journal)
            #expect(bad.status == 64 && bad.stderr.hasPrefix("callboard: --as-of: time 'yesterday' is not understood; give ISO 8601")
                    && bad.stderr.split(separator: "\n").count == 1, "\(verb): \(bad)")
            let future = try CallboardCLI.run(verb + ["--as-of", "2999-01-01T00:00:00+08:00"], journal: scratch.journal)
            #expect(future.status == 64 && future.stderr.contains("--as-of: 2999-01-01T00:00:00+08:00 is in the future"), "\(verb): \(future)")
            let early = try CallboardCLI.run(verb + ["--as-of", "2026-11-01T09:00:00+08:00"], journal: scratch.journal)
            #expect(early.status == 1 && early.stderr.contains("is before the journal at") && early.stderr.contains("(2026-11-02T09:00:00+08:00, its first event)"),
                    "\(verb): \(early)")
        }
        let chinese = try CallboardCLI.run(["list", "--as-of", "昨天", "--lang", "zh"], journal: scratch.journal)
        #expect(chinese.status == 64 && chinese.stderr.contains("--as-of") && chinese.stderr.contains("无法识别时间"), "\(chinese)")
        let future = try CallboardCLI.run(["list", "--as-of", "2999-01-01T00:00:00+08:00", "--lang", "zh"], journal: scratch.journal)
        #expect(future.status == 64 && future.stderr.contains("在将来"), "\(future)")
        let early = try CallboardCLI.run(["list", "--as-of", "2026-11-01T09:00:00+08:00", "--lang", "zh"], journal: scratch.journal)
        #expect(early.status == 1 && early.stderr.contains("那时还没有这个服务台"), "\(early)")
        // A span ago (as --at takes) is read too: now minus a minute is after every event.
        let spanAgo = try CallboardCLI.run(["list", "--json", "--as-of", "-1m"], journal: scratch.journal)
        #expect(spanAgo.status == 0 && spanAgo.stdout.contains("\"on_site\""), "\(spanAgo)")
        #expect(try bytes(scratch.journal) == before)
    }

    @Test(arguments: ["en", "zh"])
    func theConsoleShowsABannerAndRefusesKeysThatRecordWritingNothing(_ language: String) throws {
        let scratch = try Scratch()
        try Self.desk(scratch.journal)
        let before = try bytes(scratch.journal)
        let console = try TmuxConsole(["--as-of", Self.text(9, 30), "--lang", language], journal: scratch.journal, width: 140, height: 30)
        let banner = language == "en" ? "AS OF 2026-11-02 09:30:00 +08:00: the desk as it was, read-only" : "2026-11-02 09:30:00 +08:00 时的工作台（历史状态，只读）"
        let screen = try console.waitFor(text: banner)
        // The clock is stopped at the moment: the on-site countdown reads 3 h 30 min and stays.
        #expect(screen.contains("03:30:00"), "\(screen)")
        try console.send("a")
        let refusal = language == "en" ? "The desk as it was at 2026-11-02 09:30:00 +08:00 is read-only" : "2026-11-02 09:30:00 +08:00 时的工作台为只读"
        let refused = try console.waitFor(text: refusal)
        #expect(!refused.contains("engineers by fit"), "no picker opened: \(refused)")
        try console.send("r")
        _ = try console.waitFor(text: refusal)
        // Another writer records now: the console does not follow it.
        try CallboardCLI.succeed(["note", "C-0001", "库温正常"], journal: scratch.journal)
        let written = try bytes(scratch.journal)
        Thread.sleep(forTimeInterval: 2)
        let later = try console.capture()
        #expect(later.contains("03:30:00") && later.contains(banner), "frozen at the moment: \(later)")
        try console.send("q")
        try console.waitForExit()
        // What the console wrote: nothing (the note is the other writer's).
        #expect(written.count > before.count && written.prefix(before.count) == before)
        #expect(try bytes(scratch.journal) == written)
    }

    @Test func theBoardAsOfIsFrozenAndReadOnlyAndTheJournalByteIdentical() throws {
        let scratch = try Scratch()
        try Self.desk(scratch.journal)
        let before = try bytes(scratch.journal)
        let console = try TmuxConsole(["board", "--as-of", Self.text(10, 30)], journal: scratch.journal, width: 140, height: 30)
        _ = try console.waitFor(text: "AS OF 2026-11-02 10:30:00 +08:00")
        try console.send("A")
        _ = try console.waitFor(text: "is read-only: nothing can be recorded in it")
        try console.send("q")
        try console.waitForExit()
        #expect(try bytes(scratch.journal) == before)
    }
}

/// `--as-of` on a desk whose log is in PostgreSQL: the same desk, moved there with `journal
/// export` and `journal import`, shown as it stood, and nothing written.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["CALLBOARD_TEST_POSTGRES"] != nil, "needs the server scripts/test starts"))
struct AsOfPostgresEndToEndTests {
    @Test func listAndTheConsoleAsOfAMomentOnPostgreSQL() throws {
        let scratch = try Scratch()
        try AsOfEndToEndTests.desk(scratch.journal)
        let export = scratch.path("export.jsonl")
        try CallboardCLI.succeed(["journal", "export", "--json"], journal: scratch.journal).appending("\n").write(toFile: export, atomically: true, encoding: .utf8)
        let database = try Database()
        try CallboardCLI.succeed(["journal", "import", export], journal: database.location)
        let early = try CallboardCLI.succeed(["list", "--json", "--as-of", AsOfEndToEndTests.text(9, 30)], journal: database.location)
        #expect(early.contains("\"responded\"") && early.contains("\"technician\" : null"), "\(early)")
        let later = try CallboardCLI.succeed(["list", "--json", "--as-of", AsOfEndToEndTests.text(10, 30)], journal: database.location)
        #expect(later.contains("\"assigned\"") && later.contains("\"technician\" : \"T03\""), "\(later)")
        let console = try TmuxConsole(["--as-of", AsOfEndToEndTests.text(9, 30)], journal: database.location, width: 140, height: 30)
        _ = try console.waitFor(text: "AS OF 2026-11-02 09:30:00 +08:00")
        try console.send("r")
        _ = try console.waitFor(text: "is read-only: nothing can be recorded in it")
        try console.send("q")
        try console.waitForExit()
        let events = try CallboardCLI.succeed(["journal", "export", "--json"], journal: database.location)
        #expect(events.split(separator: "\n").count == 6, "the six events imported, nothing more: \(events)")
    }
}
