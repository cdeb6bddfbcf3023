import Foundation
import Testing

/// A promise only the policy file defines, through the real binary: a follow-up call within 3
/// days of the fix is checked, timed, shown, listed as a queue column and explained, with no
/// code knowing its name.
@Suite(.serialized)
struct PolicyTimerEndToEndTests {
    static let policy = """
        time_zone: Asia/Shanghai
        timers:
          - response
          - onsite
          - restore
          - name: follow_up
            label: {en: follow-up, zh: 回访}
            starts: resolved
            stops: closed
        rules:
          - name: general promise
            response: 24h
            onsite: 12h
            restore: {within: 24h, breach: substitute owed}
            follow_up: {within: 3d, breach: a follow-up call owed}
        """

    @Test func aFollowUpDefinedInThePolicyIsTimedShownListedAndExplained() throws {
        let scratch = try Scratch()
        let file = scratch.path("policy.yaml")
        try Self.policy.write(toFile: file, atomically: true, encoding: .utf8)

        let checked = try CallboardCLI.run(["policy", "check", file])
        #expect(checked.status == 0, "\(checked)")
        #expect(checked.stdout.contains("general promise — every call: response 24h round the clock, onsite 12h round the clock, restore 24h round the clock, follow_up 72h round the clock"), "\(checked)")
        #expect(checked.stdout.contains("follow_up (follow-up / 回访) from resolved until closed"), "\(checked)")

        // C-0001 under the built-in policy, which makes no follow-up promise; C-0002 under this
        // one (received now: a call received before a policy was adopted keeps the earlier one).
        try CallboardCLI.succeed(["intake", "--customer", "Acme", "--phone", "138 0013 8000", "--summary", "旧的", "--at", "-3h"], journal: scratch.journal)
        let desk = ["--policy", file]
        try CallboardCLI.succeed(["intake", "--customer", "Globex", "--phone", "021-6952 3310", "--summary", "复印机卡纸"] + desk,
                                 journal: scratch.journal)
        let before = try json(["show", "C-0002", "--json"] + desk, scratch)
        #expect(timer("follow_up", in: before) == nil, "nothing to follow up before the fix")
        try CallboardCLI.succeed(["resolve", "C-0002"] + desk, journal: scratch.journal)

        let shown = try json(["show", "C-0002", "--json"] + desk, scratch)
        let followUp = try #require(timer("follow_up", in: shown))
        #expect(followUp["target_seconds"] as? Int == 3 * 86_400)
        #expect(followUp["state"] as? String == "running")
        #expect(followUp["breach"] as? String == "a follow-up call owed")
        let started = try #require((followUp["started_at"] as? String).flatMap(Self.date))
        let deadline = try #require((followUp["deadline"] as? String).flatMap(Self.date))
        #expect(deadline.timeIntervalSince(started) == 3 * 86_400)
        #expect(shown["resolved_at"] as? String == followUp["started_at"] as? String)

        let text = try CallboardCLI.succeed(["show", "C-0002"] + desk, journal: scratch.journal)
        #expect(text.contains("  follow-up target 72h          due "), "\(text)")

        let list = try CallboardCLI.run(["list"] + desk, journal: scratch.journal)
        #expect(list.status == 0, "\(list)")
        let lines = list.stdout.split(separator: "\n").map(String.init)
        let header = try #require(lines.first)
        #expect(header.contains("FOLLOW-UP") && header.contains("RESTORE"), "\(header)")
        let column = try #require(Screen.column(of: "FOLLOW-UP", in: header))
        // Customers in ASCII, so a character is a column.
        func cell(_ call: String) throws -> String {
            let row = try #require(lines.first { $0.hasPrefix(call) })
            return String(row.dropFirst(column).prefix(18)).trimmingCharacters(in: .whitespaces)
        }
        #expect(try cell("C-0001") == "-", "its policy makes no such promise")
        #expect(try cell("C-0002").hasSuffix("running"), "\(list.stdout)")

        let explained = try CallboardCLI.succeed(["policy", "explain", "C-0002"] + desk, journal: scratch.journal)
        #expect(explained.contains("Follow-up: 72h round the clock, from rule \"general promise\""), "\(explained)")
        #expect(explained.contains("Counts from when the call is resolved until it is closed."), "\(explained)")

        try CallboardCLI.succeed(["close", "C-0002"] + desk, journal: scratch.journal)
        let closed = try json(["show", "C-0002", "--json"] + desk, scratch)
        #expect(timer("follow_up", in: closed)?["state"] as? String == "met")
    }

    @Test func theConsoleHeadsTheFollowUpColumnInTheInterfacesLanguage() throws {
        let scratch = try Scratch()
        let file = scratch.path("policy.yaml")
        try Self.policy.write(toFile: file, atomically: true, encoding: .utf8)
        try CallboardCLI.succeed(["intake", "--customer", "上海华东电气", "--phone", "021-6952 3310", "--summary", "复印机卡纸", "--policy", file],
                                 journal: scratch.journal)
        let console = try TmuxConsole(["--policy", file, "--lang", "zh"], journal: scratch.journal, width: 200, height: 30)
        let screen = try console.waitFor(text: "上海华东电气")
        let header = try #require(Screen.line(containing: "单号", in: screen))
        #expect(header.contains("响应") && header.contains("回访"), "\(header)")
        try console.send("q")
        try console.waitForExit()
    }

    @Test func policyCheckNamesTheLineOfATimerMistake() throws {
        let scratch = try Scratch()
        let file = scratch.path("bad.yaml")
        try "timers:\n  - response\n  - {name: follow_up, starts: fixed, stops: closed}\nrules:\n  - response: 24h\n    folow_up: 3d\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        let refused = try CallboardCLI.run(["policy", "check", file])
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("\(file):3: unknown milestone 'fixed' in starts; use received, responded, assigned, accepted, progressed, arrived, resolved, closed or followedUp"), "\(refused)")
        #expect(refused.stderr.contains("\(file):6: unknown key 'folow_up' in rule 1; use name, when, response, follow_up or label"), "\(refused)")
    }

    func json(_ arguments: [String], _ scratch: Scratch) throws -> [String: Any] {
        let output = try CallboardCLI.succeed(arguments, journal: scratch.journal)
        return try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
    }

    func timer(_ name: String, in call: [String: Any]) -> [String: Any]? {
        (call["timers"] as? [[String: Any]])?.first { $0["name"] as? String == name }
    }

    static func date(_ iso: String) -> Date? { ISO8601DateFormatter().date(from: iso) }
}
