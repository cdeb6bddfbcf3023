import Foundation
import Testing

/// Stalled calls (issue 15) through the real binary: a policy with `progress: 8h`; a job left
/// alone for eight hours since its assignment is breached and escalates like a late promise
/// (watch --once); a note from the engineer starts the timer again; policy check says so in
/// both languages.
@Suite(.serialized)
struct StalledCallEndToEndTests {
    static func policy(in scratch: Scratch) throws -> String {
        try scratch.builtInPolicy(adding: "progress: 8h")
    }

    @discardableResult
    static func succeed(_ arguments: [String], _ scratch: Scratch, policy: String) throws -> String {
        try scratch.succeed(arguments, policy: policy)
    }

    func progressTimer(_ arguments: [String], _ scratch: Scratch, policy: String) throws -> [String: Any]? {
        let call = try #require(try JSONSerialization.jsonObject(with: Data(Self.succeed(arguments, scratch, policy: policy).utf8)) as? [String: Any])
        return (call["timers"] as? [[String: Any]])?.first { $0["name"] as? String == "progress" }
    }

    func escalations(_ scratch: Scratch) throws -> [[String: Any]] {
        let export = try CallboardCLI.succeed(["journal", "export", "--json"], journal: scratch.journal)
        return try export.split(separator: "\n").compactMap { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
            .filter { $0["type"] as? String == "call.escalated" && $0["timer"] as? String == "progress" }
    }

    @Test func aJobLeftAloneEightHoursEscalatesAndANoteStartsItsTimerAgain() throws {
        let scratch = try Scratch()
        let policy = try Self.policy(in: scratch)

        let checked = try CallboardCLI.run(["policy", "check", policy])
        #expect(checked.status == 0, "\(checked)")
        #expect(checked.stdout.contains("Stalled calls: a job not moved on for 8h round the clock since its last update"), "\(checked)")
        let checkedZh = try CallboardCLI.run(["policy", "check", policy, "--lang", "zh"])
        #expect(checkedZh.stdout.contains("停滞工单：工单自上次更新") && checkedZh.stdout.contains("全天候 8h"), "\(checkedZh)")

        try Self.succeed(["tech", "add", "T03", "--name", "王磊", "--region", "city", "--at", "-13h"], scratch, policy: policy)
        try Self.succeed(["intake", "--customer", "Acme", "--phone", "021-6952 3310", "--summary", "printer jam", "--level", "3",
                          "--region", "suburbs", "--at", "-12h"], scratch, policy: policy)
        // No engineer yet: no job to stall.
        #expect(try progressTimer(["show", "C-0001", "--json"], scratch, policy: policy) == nil)
        try Self.succeed(["assign", "C-0001", "T03", "--at", "-11h"], scratch, policy: policy)
        try Self.succeed(["depart", "C-0001", "--at", "-10h"], scratch, policy: policy)

        // Ten hours since the engineer set off: stalled.
        var timer = try #require(try progressTimer(["show", "C-0001", "--json"], scratch, policy: policy))
        #expect(timer["state"] as? String == "breached" && timer["target_seconds"] as? Int == 8 * 3600, "\(timer)")
        let list = try Self.succeed(["list"], scratch, policy: policy)
        #expect(list.split(separator: "\n").first?.contains("PROGRESS") == true, "\(list)")
        #expect(try Self.succeed(["list", "--lang", "zh"], scratch, policy: policy).split(separator: "\n").first?.contains("进展") == true)

        // The watch escalates it like any late promise, once.
        let watched = try Self.succeed(["watch", "--once"], scratch, policy: policy)
        #expect(watched.contains("C-0001 escalated (duty supervisor)"), "\(watched)")
        try Self.succeed(["watch", "--once"], scratch, policy: policy)
        // Each step once: the technician told at its warning, the duty supervisor at its breach,
        // the manager an hour later (it broke two hours ago).
        let raised = try escalations(scratch).compactMap { $0["step"] as? String }
        #expect(raised.sorted() == ["duty supervisor", "manager", "tell the technician"], "\(raised)")
        // Taking charge is not progress: still breached.
        try Self.succeed(["ack", "C-0001"], scratch, policy: policy)
        #expect(try progressTimer(["show", "C-0001", "--json"], scratch, policy: policy)?["state"] as? String == "breached")

        // The engineer's note is: the timer runs again from it.
        try Self.succeed(["note", "C-0001", "等配件报价，明早上门"], scratch, policy: policy)
        timer = try #require(try progressTimer(["show", "C-0001", "--json"], scratch, policy: policy))
        #expect(timer["state"] as? String == "running" && (timer["remaining_seconds"] as? Int ?? 0) > 8 * 3600 - 300, "\(timer)")
        // Fixed: met.
        try Self.succeed(["resolve", "C-0001"], scratch, policy: policy)
        #expect(try progressTimer(["show", "C-0001", "--json"], scratch, policy: policy)?["state"] as? String == "met")
    }
}
