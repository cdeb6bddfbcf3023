import Foundation
import Testing

/// The follow-up (回访, issue 15) through the real binary: a policy with `followup:`; closing
/// waits for it; followup --score records the customer's satisfaction (show, JSON, history);
/// a low score reopens the call and the watch tells the supervisor; unreachable attempts end
/// it; refusals in both languages leave the journal unchanged.
@Suite(.serialized)
struct FollowUpEndToEndTests {
    static func policy(in scratch: Scratch, _ line: String = "followup: {within: 24h, attempts: 2, reopen_at_or_below: 2}") throws -> String {
        try scratch.builtInPolicy(adding: line)
    }

    static func run(_ arguments: [String], _ scratch: Scratch, policy: String) throws -> CLIResult {
        try scratch.run(arguments, policy: policy)
    }

    @discardableResult
    static func succeed(_ arguments: [String], _ scratch: Scratch, policy: String) throws -> String {
        try scratch.succeed(arguments, policy: policy)
    }

    func json(_ scratch: Scratch, policy: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(Self.succeed(["show", "C-0001", "--json"], scratch, policy: policy).utf8)) as? [String: Any])
    }

    func followupTimer(_ call: [String: Any]) -> [String: Any]? {
        (call["timers"] as? [[String: Any]])?.first { $0["name"] as? String == "followup" }
    }

    func journalBytes(_ scratch: Scratch) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: scratch.journal)) }

    /// A call fixed three hours ago.
    func fixedCall(_ scratch: Scratch, policy: String) throws {
        try Self.succeed(["tech", "add", "T03", "--name", "王磊", "--region", "city", "--at", "-7h"], scratch, policy: policy)
        try Self.succeed(["intake", "--customer", "Acme", "--phone", "021-6952 3310", "--summary", "空调漏水", "--level", "3",
                          "--region", "city", "--at", "-6h"], scratch, policy: policy)
        try Self.succeed(["assign", "C-0001", "T03", "--at", "-5h"], scratch, policy: policy)
        try Self.succeed(["resolve", "C-0001", "--at", "-3h"], scratch, policy: policy)
    }

    @Test func closingWaitsForTheFollowUpAndAScoreRecordsTheSatisfaction() throws {
        let scratch = try Scratch()
        let policy = try Self.policy(in: scratch)
        let checked = try CallboardCLI.run(["policy", "check", policy])
        #expect(checked.stdout.contains("Follow-up (回访): each fixed call is called back within 24h round the clock"), "\(checked)")
        #expect(checked.stdout.contains("a score of 2 or less reopens the call and tells supervisor; closing waits for it."), "\(checked)")
        #expect(try CallboardCLI.run(["policy", "check", policy, "--lang", "zh"]).stdout.contains("回访：每个修复的工单须在全天候 24h 内回访客户"))
        try fixedCall(scratch, policy: policy)

        var shown = try json(scratch, policy: policy)
        #expect(followupTimer(shown)?["state"] as? String == "running" && followupTimer(shown)?["target_seconds"] as? Int == 86400, "\(shown)")
        #expect(shown["satisfaction"] is NSNull)
        #expect(try Self.succeed(["list"], scratch, policy: policy).split(separator: "\n").first?.contains("FOLLOW-UP") == true)

        // Closing waits, naming the follow-up; the journal is unchanged.
        let before = try journalBytes(scratch)
        let early = try Self.run(["close", "C-0001"], scratch, policy: policy)
        #expect(early.status == 1 && early.stderr.contains("C-0001 waits for its follow-up: call the customer back and record it (callboard followup C-0001 --score 1-5"), "\(early)")
        let earlyZh = try Self.run(["close", "C-0001", "--lang", "zh"], scratch, policy: policy)
        #expect(earlyZh.status == 1 && earlyZh.stderr.contains("C-0001 尚待回访"), "\(earlyZh)")
        // Malformed scores: exit 64, naming --score.
        for bad in ["6", "good", "0"] {
            let refused = try Self.run(["followup", "C-0001", "--score", bad], scratch, policy: policy)
            #expect(refused.status == 64 && refused.stderr.contains("--score") && refused.stderr.contains("from 1 (very dissatisfied) to 5"), "\(refused)")
        }
        let both = try Self.run(["followup", "C-0001", "--score", "4", "--unreachable"], scratch, policy: policy)
        #expect(both.status == 64, "\(both)")
        let hostile = try Self.run(["followup", "C-0001", "--score", "4", "--comment", "ok\u{1B}[2J"], scratch, policy: policy)
        #expect(hostile.status == 64 && !hostile.stderr.contains("\u{1B}"), "\(hostile)")
        #expect(try journalBytes(scratch) == before)

        try Self.succeed(["followup", "C-0001", "--score", "4", "--comment", "师傅很专业"], scratch, policy: policy)
        shown = try json(scratch, policy: policy)
        let satisfaction = try #require(shown["satisfaction"] as? [String: Any])
        #expect(satisfaction["score"] as? Int == 4 && satisfaction["comment"] as? String == "师傅很专业" && satisfaction["at"] is String
                && satisfaction["attempts"] as? Int == 0 && satisfaction["return_visit_owed"] as? Bool == false, "\(satisfaction)")
        #expect(followupTimer(shown)?["state"] as? String == "met")
        let text = try Self.succeed(["show", "C-0001"], scratch, policy: policy)
        #expect(text.contains("Follow-up") && text.contains("4/5 at ") && text.contains("(师傅很专业)"), "\(text)")
        #expect(text.contains("follow-up: the customer scored it 4/5 (师傅很专业)"), "\(text)")
        let textZh = try Self.succeed(["show", "C-0001", "--lang", "zh"], scratch, policy: policy)
        #expect(textZh.contains("回访：客户评分 4/5（师傅很专业）"), "\(textZh)")
        let twice = try Self.run(["followup", "C-0001", "--score", "5"], scratch, policy: policy)
        #expect(twice.status == 1 && twice.stderr.contains("was already followed up at") && twice.stderr.contains("(score 4)"), "\(twice)")
        try Self.succeed(["close", "C-0001"], scratch, policy: policy)
    }

    @Test func aLowScoreReopensTheCallAndTheWatchTellsTheSupervisor() throws {
        let scratch = try Scratch()
        let policy = try Self.policy(in: scratch)
        try fixedCall(scratch, policy: policy)
        try Self.succeed(["followup", "C-0001", "--score", "2", "--comment", "还是漏水", "--at", "-1h"], scratch, policy: policy)
        let shown = try json(scratch, policy: policy)
        #expect(shown["status"] as? String != "resolved" && shown["resolved_at"] is NSNull, "\(shown)")
        #expect((shown["satisfaction"] as? [String: Any])?["return_visit_owed"] as? Bool == true, "\(shown)")
        #expect(followupTimer(shown) == nil, "no fix, no follow-up")
        let text = try Self.succeed(["show", "C-0001"], scratch, policy: policy)
        #expect(text.contains("a return visit: the customer was not satisfied") && text.contains("; reopened: the engineer goes back"), "\(text)")
        #expect(try Self.succeed(["show", "C-0001", "--lang", "zh"], scratch, policy: policy).contains("返修：客户不满意"))
        // The supervisor is told by the watch, with the step in the interface's words.
        let escalations = shown["escalations"] as? [[String: Any]] ?? []
        #expect(escalations.contains { $0["step"] as? String == "dissatisfied" && $0["notify"] as? String == "supervisor" }, "\(escalations)")
        let notified = scratch.path("notified")
        let script = scratch.path("notify.sh")
        try "#!/bin/sh\necho \"$CALLBOARD_STEP $CALLBOARD_TIMER $CALLBOARD_NOTIFY\" >> \(notified)\n".write(toFile: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script)
        let watched = try CallboardCLI.run(["watch", "--once", "--notify-command", script], journal: scratch.journal, environment: ["CALLBOARD_POLICY": policy])
        #expect(watched.status == 0, "\(watched)")
        let sent = (try? String(contentsOfFile: notified, encoding: .utf8)) ?? ""
        #expect(sent.contains("dissatisfied followup supervisor"), "\(sent) \(watched)")
        // The engineer goes back: a new fix, a new follow-up.
        try Self.succeed(["resolve", "C-0001"], scratch, policy: policy)
        #expect(followupTimer(try json(scratch, policy: policy))?["state"] as? String == "running")
    }

    @Test func unreachableAttemptsEndTheFollowUpAndTheCallCloses() throws {
        let scratch = try Scratch()
        let policy = try Self.policy(in: scratch)
        try fixedCall(scratch, policy: policy)
        try Self.succeed(["followup", "C-0001", "--unreachable", "--at", "-2h"], scratch, policy: policy)
        #expect((try json(scratch, policy: policy)["satisfaction"] as? [String: Any])?["attempts"] as? Int == 1)
        #expect(try Self.run(["close", "C-0001"], scratch, policy: policy).status == 1)
        try Self.succeed(["followup", "C-0001", "--unreachable", "--at", "-1h"], scratch, policy: policy)
        let shown = try json(scratch, policy: policy)
        #expect((shown["satisfaction"] as? [String: Any])?["attempts"] as? Int == 2 && followupTimer(shown)?["state"] as? String == "met", "\(shown)")
        #expect(try Self.succeed(["show", "C-0001"], scratch, policy: policy).contains("the last attempt, the follow-up ends"))
        try Self.succeed(["close", "C-0001"], scratch, policy: policy)
    }

    @Test func aWaivedFollowUpLetsTheCallCloseAndIsRecordedAfter() throws {
        let scratch = try Scratch()
        let policy = try Self.policy(in: scratch, "followup: {waive: true}")
        try fixedCall(scratch, policy: policy)
        let checked = try CallboardCLI.run(["policy", "check", policy])
        #expect(checked.stdout.contains("calls close without waiting for it (waive: true)."), "\(checked)")
        try Self.succeed(["close", "C-0001"], scratch, policy: policy)
        // Recorded after the close all the same.
        try Self.succeed(["followup", "C-0001", "--score", "5"], scratch, policy: policy)
    }

    /// The console's queue of call-backs due (state:followup, 状态:待回访) and S recording the
    /// customer's score from it, in English and in Chinese.
    @Test(arguments: ["en", "zh"])
    func theConsoleListsCallBacksDueAndSRecordsAScore(language: String) throws {
        let scratch = try Scratch()
        let policy = try Self.policy(in: scratch)
        try fixedCall(scratch, policy: policy)
        try Self.succeed(["intake", "--customer", "Beta", "--phone", "021-5555 0101", "--summary", "打印机卡纸", "--at", "-1h"], scratch, policy: policy)
        let zh = language == "zh"
        let console = try TmuxConsole(["--lang", language], journal: scratch.journal, width: 140, height: 30,
                                      environment: ["CALLBOARD_POLICY": policy])
        try console.waitFor(text: "C-0002")
        try console.send("/")
        try console.type(zh ? "状态:待回访" : "state:followup")
        try console.send("Enter")
        let due = try console.waitFor("only the call-back due") { screen in
            Screen.line(containing: "C-0001", in: screen) != nil && Screen.line(containing: "C-0002", in: screen) == nil
        }
        #expect(!due.contains(zh ? "筛选中没有状态" : "no state"), "\(due)")
        try console.send("S")
        try console.waitFor(text: zh ? "回访 C-0001" : "Follow-up of C-0001")
        try console.type("2")
        try console.send("Tab")
        try console.type("还是漏水")
        try console.send("Enter")
        // Reopened: the call leaves the queue of call-backs due, and the supervisor's escalation shows.
        let after = try console.waitFor(text: zh ? "没有符合" : "No open call matches")
        #expect(after.contains(zh ? "客户不满意" : "dissatisfied customer"), "\(after)")
        try console.send("q")
        try console.waitForExit()
        let shown = try json(scratch, policy: policy)
        let satisfaction = try #require(shown["satisfaction"] as? [String: Any])
        #expect(satisfaction["score"] as? Int == 2 && satisfaction["comment"] as? String == "还是漏水" && satisfaction["return_visit_owed"] as? Bool == true,
                "\(satisfaction)")
    }
}
