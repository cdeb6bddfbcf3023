import Foundation
import Testing

/// Taking a job (接单, issue 14) through the real binary: a policy asking engineers to accept
/// their assignments within 30 minutes; an assignment nobody accepted escalates to the
/// dispatcher (watch --once), shows as not accepted in the queue and in show/JSON; accept
/// stops it, with refusals in both languages; the console records it with t.
@Suite(.serialized)
struct JobAcceptanceEndToEndTests {
    /// The built-in policy with `accept:` turned on.
    static func policy(in scratch: Scratch) throws -> String {
        try scratch.builtInPolicy(adding: "accept: {within: 30m, notify: dispatcher}")
    }

    static func run(_ arguments: [String], _ scratch: Scratch, policy: String) throws -> CLIResult {
        try scratch.run(arguments, policy: policy)
    }

    @discardableResult
    static func succeed(_ arguments: [String], _ scratch: Scratch, policy: String) throws -> String {
        try scratch.succeed(arguments, policy: policy)
    }

    func json(_ arguments: [String], _ scratch: Scratch, policy: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(Self.succeed(arguments, scratch, policy: policy).utf8)) as? [String: Any])
    }

    func acceptTimer(_ call: [String: Any]) -> [String: Any]? {
        (call["timers"] as? [[String: Any]])?.first { $0["name"] as? String == "accept" }
    }

    func events(_ scratch: Scratch, type: String) throws -> [[String: Any]] {
        let export = try CallboardCLI.succeed(["journal", "export", "--json"], journal: scratch.journal)
        return try export.split(separator: "\n").compactMap { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
            .filter { $0["type"] as? String == type }
    }

    func journalBytes(_ scratch: Scratch) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: scratch.journal)) }

    @Test func anAssignmentNotAcceptedInTimeTellsTheDispatcherAndAcceptStopsIt() throws {
        let scratch = try Scratch()
        let policy = try Self.policy(in: scratch)

        let checked = try CallboardCLI.run(["policy", "check", policy])
        #expect(checked.status == 0, "\(checked)")
        #expect(checked.stdout.contains("Taking a job: an engineer has 30m round the clock to accept each assignment (callboard accept CALL); not accepted in time, notify dispatcher."), "\(checked)")
        #expect(checked.stdout.contains("Escalation 'not accepted': at breach of accept, notify dispatcher."), "\(checked)")
        let checkedZh = try CallboardCLI.run(["policy", "check", policy, "--lang", "zh"])
        #expect(checkedZh.stdout.contains("接单：每次派工后，工程师须在全天候 30m 内接单（callboard accept 工单号）；超时未接单时，通知调度员。"), "\(checkedZh)")

        try Self.succeed(["tech", "add", "T03", "--name", "王磊", "--region", "city", "--at", "-3h"], scratch, policy: policy)
        try Self.succeed(["tech", "add", "T05", "--name", "李娜", "--region", "city", "--at", "-3h"], scratch, policy: policy)
        try Self.succeed(["intake", "--customer", "Acme", "--phone", "021-6952 3310", "--summary", "printer jam", "--level", "3",
                          "--region", "suburbs", "--at", "-2h"], scratch, policy: policy)
        try Self.succeed(["assign", "C-0001", "T03", "--at", "-1h"], scratch, policy: policy)

        // Waiting, and past its 30 minutes.
        var shown = try json(["show", "C-0001", "--json"], scratch, policy: policy)
        #expect(shown["awaiting_acceptance"] as? Bool == true && shown["accepted_at"] is NSNull, "\(shown)")
        #expect(acceptTimer(shown)?["state"] as? String == "breached" && acceptTimer(shown)?["target_seconds"] as? Int == 1800)
        let list = try Self.succeed(["list"], scratch, policy: policy)
        let row = try #require(list.split(separator: "\n").first { $0.hasPrefix("C-0001") })
        #expect(row.contains("not accepted"), "\(list)")
        #expect(list.split(separator: "\n").first?.contains("ACCEPT") == true, "\(list)")
        #expect(try Self.succeed(["list", "--filter", "state:unaccepted"], scratch, policy: policy).contains("C-0001"))
        let listZh = try Self.succeed(["list", "--lang", "zh"], scratch, policy: policy)
        #expect(listZh.contains("未接单"), "\(listZh)")
        let text = try Self.succeed(["show", "C-0001"], scratch, policy: policy)
        #expect(text.contains("Accepted    not yet: waiting for T03 to accept (callboard accept C-0001)"), "\(text)")
        let textZh = try Self.succeed(["show", "C-0001", "--lang", "zh"], scratch, policy: policy)
        #expect(textZh.contains("尚未接单：等待 T03 接单（callboard accept C-0001）"), "\(textZh)")

        // The watch tells the dispatcher, once: the other steps watch the customer's promises.
        let watched = try Self.succeed(["watch", "--once"], scratch, policy: policy)
        #expect(watched.contains("C-0001 escalated (not accepted)") && watched.contains("dispatcher told"), "\(watched)")
        try Self.succeed(["watch", "--once"], scratch, policy: policy)
        let accepting = try events(scratch, type: "call.escalated").filter { $0["timer"] as? String == "accept" }
        #expect(accepting.count == 1, "\(accepting)")
        #expect(accepting.first?["step"] as? String == "not accepted" && accepting.first?["notify"] as? String == "dispatcher")

        // Refusals name the engineer assigned, in both languages; the journal is unchanged.
        let before = try journalBytes(scratch)
        let other = try Self.run(["accept", "C-0001", "--tech", "T05"], scratch, policy: policy)
        #expect(other.status == 1 && other.stderr.contains("C-0001 is assigned to T03 王磊, not T05; only the engineer assigned accepts it"), "\(other)")
        let otherZh = try Self.run(["accept", "C-0001", "--tech", "T05", "--lang", "zh"], scratch, policy: policy)
        #expect(otherZh.status == 1 && otherZh.stderr.contains("C-0001 派给的是 T03 王磊，不是 T05；只有被派工的工程师才能接单"), "\(otherZh)")
        #expect(try journalBytes(scratch) == before)

        // Accepted: the timer stops (late, so missed) and the call waits no more.
        try Self.succeed(["accept", "C-0001"], scratch, policy: policy)
        shown = try json(["show", "C-0001", "--json"], scratch, policy: policy)
        #expect(shown["awaiting_acceptance"] as? Bool == false && shown["accepted_at"] is String, "\(shown)")
        #expect(acceptTimer(shown)?["state"] as? String == "missed")
        #expect(try events(scratch, type: "call.accepted").first?["tech"] as? String == "T03")
        #expect(!(try Self.succeed(["list"], scratch, policy: policy)).contains("not accepted"))
        #expect(try Self.succeed(["show", "C-0001"], scratch, policy: policy).contains("T03 王磊 accepted the job"))
        let twice = try Self.run(["accept", "C-0001"], scratch, policy: policy)
        #expect(twice.status == 1 && twice.stderr.contains("T03 王磊 already accepted C-0001 at "), "\(twice)")
        let twiceZh = try Self.run(["accept", "C-0001", "--lang", "zh"], scratch, policy: policy)
        #expect(twiceZh.status == 1 && twiceZh.stderr.contains("T03 王磊已于 ") && twiceZh.stderr.contains("接下 C-0001"), "\(twiceZh)")

        // A reassignment starts it again for the new engineer.
        try Self.succeed(["assign", "C-0001", "T05", "--reassign"], scratch, policy: policy)
        shown = try json(["show", "C-0001", "--json"], scratch, policy: policy)
        #expect(shown["awaiting_acceptance"] as? Bool == true && shown["accepted_at"] is NSNull, "\(shown)")
        #expect(acceptTimer(shown)?["state"] as? String == "running")
    }

    @Test func anEngineerAcceptsOnlyTheirOwnJob() throws {
        let scratch = try Scratch()
        let policy = try Self.policy(in: scratch)
        let me = try CallboardCLI.run(["sh", "-c", "id -un"], program: "sh").line
        try Self.succeed(["tech", "add", "T03", "--name", "王磊", "--at", "-1h"], scratch, policy: policy)
        try Self.succeed(["tech", "add", "T05", "--name", "李娜", "--at", "-1h"], scratch, policy: policy)
        try Self.succeed(["intake", "--customer", "Acme", "--phone", "021-6952 3310", "--summary", "x", "--at", "-20m"], scratch, policy: policy)
        try Self.succeed(["assign", "C-0001", "T03", "--at", "-10m"], scratch, policy: policy)
        let deskFile = scratch.path("desk.yaml")
        func engineer(_ id: String) throws {
            try? FileManager.default.removeItem(atPath: deskFile)
            try "roles:\n  supervisor: [li]\nengineers:\n  \(me): \(id)\n".write(toFile: deskFile, atomically: false, encoding: .utf8)
            chmod(deskFile, 0o644)
        }
        try engineer("T05")
        let before = try journalBytes(scratch)
        let refused = try Self.run(["accept", "C-0001"], scratch, policy: policy)
        #expect(refused.status == 77 && refused.stderr.contains("C-0001 is assigned to T03 王磊, not to you (T05)"), "\(refused)")
        let refusedZh = try Self.run(["accept", "C-0001", "--lang", "zh"], scratch, policy: policy)
        #expect(refusedZh.status == 77 && refusedZh.stderr.contains("C-0001 派给的是 T03 王磊，不是你（T05）"), "\(refusedZh)")
        #expect(try journalBytes(scratch) == before)
        try engineer("T03")
        try Self.succeed(["accept", "C-0001"], scratch, policy: policy)
        #expect(try events(scratch, type: "call.accepted").first?["by"] as? String == me)
    }

    /// "T03 says he takes it": the dispatcher sees the assignment not accepted in the queue and
    /// records the acceptance with t, in English and in Chinese.
    @Test(arguments: ["en", "zh"])
    func theConsoleShowsNotAcceptedAndTRecordsIt(language: String) throws {
        let scratch = try Scratch()
        let policy = try Self.policy(in: scratch)
        try Self.succeed(["tech", "add", "T03", "--name", "王磊", "--region", "city", "--at", "-1h"], scratch, policy: policy)
        try Self.succeed(["intake", "--customer", "Acme", "--phone", "021-6952 3310", "--summary", "printer jam", "--level", "3",
                          "--at", "-20m"], scratch, policy: policy)
        try Self.succeed(["assign", "C-0001", "T03", "--at", "-10m"], scratch, policy: policy)
        let zh = language == "zh"
        let console = try TmuxConsole(["--lang", language], journal: scratch.journal, width: 140, height: 30,
                                      environment: ["CALLBOARD_POLICY": policy])
        let screen = try console.waitFor(text: zh ? "未接单" : "not accepted")
        let row = try #require(Screen.line(containing: "C-0001", in: screen))
        #expect(row.contains(zh ? "未接单" : "not accepted"), "\(screen)")
        try console.send("t")
        let question = try console.waitFor(text: zh ? "确认记录？" : "Record this?")
        #expect(question.contains(zh ? "T03 王磊已接单" : "T03 王磊 accepted the job"), "\(question)")
        try console.send("y")
        try console.waitUntilGone(zh ? "确认记录？" : "Record this?")
        let after = try console.waitFor("the row no longer waits") { screen in
            Screen.line(containing: "C-0001", in: screen).map { !$0.contains(zh ? "未接单" : "not accepted") } ?? false
        }
        #expect(Screen.line(containing: "C-0001", in: after)?.contains(zh ? "已派工" : "assigned") == true, "\(after)")
        #expect(try events(scratch, type: "call.accepted").first?["tech"] as? String == "T03")
        // Accepted: t is refused now, saying so.
        try console.send("t")
        try console.waitFor(text: zh ? "已于" : "already accepted")
        try console.send("q")
        try console.waitForExit()
    }
}
