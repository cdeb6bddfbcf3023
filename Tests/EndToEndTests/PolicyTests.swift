import CallboardCore
import Foundation
import Testing

/// The SLA engine through the real binary: policy files, explanations, pauses and relevels.
@Suite(.serialized)
struct PolicyTests {
    static let shanghai = TimeZone(identifier: "Asia/Shanghai")!

    /// The most recent Friday at least four days ago, at 17:30 in Shanghai, with the Monday
    /// after it: a level-3 city call received then is due on site that Monday at 15:30.
    static func recentFriday1730() -> (friday: String, monday: String) {
        var day = LocalDate(Date().addingTimeInterval(-4 * 86_400), in: shanghai)
        while day.weekday != 4 { day = day.adding(days: -1) }
        let friday = day.instant(at: 17 * 3600 + 1800, in: shanghai)
        let monday = day.adding(days: 3).instant(at: 15 * 3600 + 1800, in: shanghai)
        return (TimeText.iso(friday, in: shanghai), TimeText.iso(monday, in: shanghai))
    }

    @Test func policyCheckSummarisesAGoodPolicyAndListsEveryProblemOfABadOne() throws {
        let scratch = try Scratch()
        let good = try CallboardCLI.run(["policy", "default"])
        #expect(good.status == 0)
        try good.stdout.write(toFile: scratch.path("desk.yaml"), atomically: true, encoding: .utf8)
        let checked = try CallboardCLI.run(["policy", "check", scratch.path("desk.yaml")])
        #expect(checked.status == 0, "\(checked)")
        #expect(checked.stdout.contains("good. Time zone Asia/Shanghai, warning at 75%"))
        #expect(checked.stdout.contains("level 3 in the city — level 3, region city: onsite 8h of office time"))
        #expect(checked.stdout.contains("complaint — kind complaint: response 2 working days, onsite none, restore none"))
        #expect(checked.stdout.contains("Regions named: city"))

        let bad = scratch.path("bad.yaml")
        try "rules:\n  - name: typo\n    respons: 24h\n  - onsite: {within: 8h, calendar: offfice}\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let refused = try CallboardCLI.run(["policy", "check", bad])
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("\(bad):3: unknown key 'respons' in rule 1"), "\(refused)")
        #expect(refused.stderr.contains("\(bad):4: calendar 'offfice' is not defined"), "\(refused)")
        #expect(refused.stderr.contains("no rule sets the response timer"), "\(refused)")
    }

    @Test func theConsoleNeverStartsOnABadPolicy() throws {
        let scratch = try Scratch()
        let bad = scratch.path("bad.yaml")
        try "rules:\n  - response: soon\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let shell = try TmuxConsole.shell()
        try shell.type("\(TmuxConsole.shellQuoted(Binary.path)) --policy \(TmuxConsole.shellQuoted(bad)) --journal \(TmuxConsole.shellQuoted(scratch.journal)); echo \"EXIT=$?\"")
        try shell.send("Enter")
        let screen = try shell.waitFor("the exit status") { TerminalTests.exitLine(in: $0) != nil }
        #expect(screen.contains("callboard: policy \(bad) line 2: 'soon' is not a duration"))
        #expect(TerminalTests.exitLine(in: screen) == "EXIT=64")
        #expect(!FileManager.default.fileExists(atPath: scratch.journal))
        // And no call is logged under it either.
        let intake = try CallboardCLI.run(["intake", "--customer", "A", "--phone", "138 0013 8000", "--summary", "x", "--policy", bad], journal: scratch.journal)
        #expect(intake.status == 64)
        #expect(!FileManager.default.fileExists(atPath: scratch.journal))
    }

    @Test func explainSaysHowALevel3CallFromFridayEveningIsDueMondayAfternoon() throws {
        let scratch = try Scratch()
        let (friday, monday) = Self.recentFriday1730()
        let id = try CallboardCLI.succeed(["intake", "--customer", "嘉定区第二中学", "--phone", "021-5953 1276", "--summary", "复印机卡纸",
                                           "--level", "3", "--region", "city", "--at", friday], journal: scratch.journal)
        let json = try CallboardCLI.succeed(["show", id, "--json"], journal: scratch.journal)
        let call = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let onsite = try #require((call["timers"] as? [[String: Any]])?.first { $0["name"] as? String == "onsite" })
        #expect(onsite["deadline"] as? String == monday)
        #expect(onsite["calendar"] as? String == "office")
        #expect(onsite["rule"] as? String == "level 3 in the city")
        #expect(call["policy"] as? Int == 1)

        let text = try CallboardCLI.succeed(["policy", "explain", id], journal: scratch.journal)
        #expect(text.contains("Timed under the desk's policy #1."))
        #expect(text.contains("On-site: 8h of office time, from rule \"level 3 in the city\" (level 3, region city, policy line"))
        #expect(text.contains("Monday–Friday 08:00-18:00 (Asia/Shanghai)"))
        #expect(text.contains("17:30-18:00   30m"))
        #expect(text.contains("Saturday") && text.contains("closed"))
        #expect(text.contains("08:00-15:30   7h 30m"))
        #expect(text.contains("Due Monday \(monday.prefix(10)) 15:30:00 +08:00."))
        #expect(text.contains("If it is not kept: substitute owed.") || text.contains("Because it was not kept: substitute owed."))
    }

    @Test func aPauseFromTheCommandLineStopsTheClocksOnAnOpenConsole() throws {
        let scratch = try Scratch()
        // Exact instants, an hour apart, so no second can slip in between two commands.
        let received = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down) - 7200)
        let id = try CallboardCLI.succeed(["intake", "--customer", "昆山宏达精密模具厂", "--phone", "0512-5771 9034", "--summary", "交换机断线",
                                           "--level", "2", "--region", "kunshan", "--at", TimeText.iso(received, in: Self.shanghai)], journal: scratch.journal)
        let console = try TmuxConsole([], journal: scratch.journal)
        try console.waitFor(text: "昆山宏达")
        try CallboardCLI.succeed(["pause", id, "--reason", "等待客户确认停机时间", "--at", TimeText.iso(received.addingTimeInterval(3600), in: Self.shanghai)],
                                 journal: scratch.journal)
        let paused = try console.waitFor("the call paused", timeout: 2) { Screen.line(containing: id, in: $0)?.contains("paused") == true }
        let row = try #require(Screen.line(containing: id, in: paused))
        #expect(row.contains("‖ 11:00:00"), "\(row)") // 12 h on site, 1 h used: 11 h left, standing still
        #expect(paused.contains("‖ paused: 等待客户确认停机时间"))
        let json = try CallboardCLI.succeed(["show", id, "--json"], journal: scratch.journal)
        let call = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(call["paused"] as? Bool == true)
        let timers = try #require(call["timers"] as? [[String: Any]])
        #expect(timers.allSatisfy { $0["state"] as? String == "paused" && $0["deadline"] is NSNull })
        #expect(timers.first { $0["name"] as? String == "onsite" }?["remaining_seconds"] as? Int == 11 * 3600)

        try CallboardCLI.succeed(["resume", id], journal: scratch.journal)
        try console.waitFor("the call running again", timeout: 2) { Screen.line(containing: id, in: $0)?.contains("new") == true }
        let resumed = try #require(try JSONSerialization.jsonObject(with: Data(try CallboardCLI.succeed(["show", id, "--json"], journal: scratch.journal).utf8)) as? [String: Any])
        #expect((resumed["pauses"] as? [[String: Any]])?.first?["reason"] as? String == "等待客户确认停机时间")
    }

    @Test func relevelingMovesTheOnSiteDeadlineAndNeedsAReason() throws {
        let scratch = try Scratch()
        let id = try CallboardCLI.succeed(["intake", "--customer", "Acme", "--phone", "138 0013 8000", "--summary", "slow printing",
                                           "--level", "4", "--region", "jiading", "--at=-20m"], journal: scratch.journal)
        let noReason = try CallboardCLI.run(["relevel", id, "1"], journal: scratch.journal)
        #expect(noReason.status == 64)
        #expect(noReason.stderr.contains("--reason: a reason is required, for example: \"waiting for parts\""), "\(noReason)")
        try CallboardCLI.succeed(["relevel", id, "1", "--reason", "the whole line stopped"], journal: scratch.journal)
        let call = try #require(try JSONSerialization.jsonObject(with: Data(try CallboardCLI.succeed(["show", id, "--json"], journal: scratch.journal).utf8)) as? [String: Any])
        let onsite = try #require((call["timers"] as? [[String: Any]])?.first { $0["name"] as? String == "onsite" })
        #expect(onsite["target_seconds"] as? Int == 12 * 3600) // level 1 outside the city
        #expect(onsite["rule"] as? String == "level 1-2 elsewhere")
        #expect(call["level"] as? Int == 1)
        let text = try CallboardCLI.succeed(["show", id], journal: scratch.journal)
        #expect(text.contains("releveled from level 4 to level 1: the whole line stopped"))
        let explained = try CallboardCLI.succeed(["policy", "explain", id], journal: scratch.journal)
        #expect(explained.contains("Releveled from level 4 to level 1"))
        #expect(explained.contains("Under level 4 the on-site promise was 48h of office time, due"))
    }

    @Test func aChangedPolicyFileTimesOnlyNewCallsAndRetimeMovesAnOpenOne() throws {
        let scratch = try Scratch()
        let quick = scratch.path("quick.yaml")
        try "time_zone: Asia/Shanghai\nrules:\n  - response: 2h\n    onsite: 4h\n".write(toFile: quick, atomically: true, encoding: .utf8)
        let old = try CallboardCLI.succeed(["intake", "--customer", "Old", "--phone", "138 0013 8000", "--summary", "x", "--level", "2"], journal: scratch.journal)
        let new = try CallboardCLI.run(["intake", "--customer", "New", "--phone", "138 0013 8000", "--summary", "x", "--level", "2"],
                                       journal: scratch.journal, environment: ["CALLBOARD_POLICY": quick])
        #expect(new.status == 0)
        func policy(_ id: String) throws -> Int? {
            let json = try CallboardCLI.succeed(["show", id, "--json"], journal: scratch.journal)
            return (try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])?["policy"] as? Int
        }
        #expect(try policy(old) == 1)
        #expect(try policy(new.line) == 2)
        let retime = try CallboardCLI.run(["retime", old, "--reason", "moved to the new contract", "--policy", quick], journal: scratch.journal)
        #expect(retime.status == 0, "\(retime)")
        #expect(try policy(old) == 2)
        let history = try CallboardCLI.succeed(["show", old], journal: scratch.journal)
        #expect(history.contains("retimed under policy #2: moved to the new contract"))
    }

    @Test func tierAndKindAreRecordedAtIntake() throws {
        let scratch = try Scratch()
        let id = try CallboardCLI.succeed(["intake", "--customer", "上海地铁", "--phone", "021-5068 9920", "--summary", "UPS", "--level", "1",
                                           "--region", "city", "--tier", "Emergency", "--kind", "Complaint"], journal: scratch.journal)
        let call = try #require(try JSONSerialization.jsonObject(with: Data(try CallboardCLI.succeed(["show", id, "--json"], journal: scratch.journal).utf8)) as? [String: Any])
        #expect(call["tier"] as? String == "emergency")
        #expect(call["kind"] as? String == "complaint")
        let response = (call["timers"] as? [[String: Any]])?.first { $0["name"] as? String == "response" }
        #expect(response?["target_seconds"] as? Int == 1800)
    }

    @Test func timesAreShownWithTheOffsetOfTheCallsOwnPolicy() throws {
        let scratch = try Scratch()
        let newYork = scratch.path("ny.yaml")
        try "time_zone: America/New_York\nrules:\n  - response: 24h\n".write(toFile: newYork, atomically: true, encoding: .utf8)
        let id = try CallboardCLI.run(["intake", "--customer", "Acme", "--phone", "212 555 0100", "--summary", "x", "--policy", newYork],
                                      journal: scratch.journal).line
        // Read under the default (Shanghai) policy: the call's deadlines still read in New York time.
        let json = try CallboardCLI.succeed(["show", id, "--json"], journal: scratch.journal)
        let call = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let deadline = try #require((call["timers"] as? [[String: Any]])?.first?["deadline"] as? String)
        #expect(deadline.hasSuffix("-05:00") || deadline.hasSuffix("-04:00"), "\(deadline)")
    }

    @Test func policyShowPrintsEachJournaledPolicy() throws {
        let scratch = try Scratch()
        let quick = scratch.path("quick.yaml")
        try "# the quick desk\nrules:\n  - response: 2h\n".write(toFile: quick, atomically: true, encoding: .utf8)
        try CallboardCLI.succeed(["intake", "--customer", "A", "--phone", "138 0013 8000", "--summary", "x"], journal: scratch.journal)
        try CallboardCLI.run(["intake", "--customer", "B", "--phone", "138 0013 8000", "--summary", "x", "--policy", quick], journal: scratch.journal)
        let current = try CallboardCLI.succeed(["policy", "show"], journal: scratch.journal)
        #expect(current.hasPrefix("# policy #2 (adopted "))
        #expect(current.contains("# the quick desk\nrules:\n  - response: 2h"))
        let first = try CallboardCLI.succeed(["policy", "show", "1"], journal: scratch.journal)
        #expect(first.contains("name: general promise"))
        let missing = try CallboardCLI.run(["policy", "show", "7"], journal: scratch.journal)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no policy #7 in this journal; it has #1, #2"))
    }

    @Test func explainSaysADayWasPausedNotClosed() throws {
        let scratch = try Scratch()
        let (friday, _) = Self.recentFriday1730()
        // Level 3 in the city, received Friday 17:30; paused from 17:45 until the next Tuesday 09:00.
        let received = TimeText.parseISO(friday)!
        let id = try CallboardCLI.succeed(["intake", "--customer", "A", "--phone", "138 0013 8000", "--summary", "x", "--level", "3",
                                           "--region", "city", "--at", friday], journal: scratch.journal)
        try CallboardCLI.succeed(["pause", id, "--reason", "等待客户", "--at", TimeText.iso(received.addingTimeInterval(900), in: Self.shanghai)], journal: scratch.journal)
        try CallboardCLI.succeed(["resume", id, "--at", TimeText.iso(received.addingTimeInterval(4 * 86_400 - 8 * 3600 - 1800), in: Self.shanghai)], journal: scratch.journal)
        let text = try CallboardCLI.succeed(["policy", "explain", id], journal: scratch.journal)
        #expect(text.contains("17:30-17:45   15m"), "\(text)")
        #expect(text.contains("Monday") && text.contains("paused"), "\(text)")
        #expect(text.contains("Paused from Friday"), "\(text)")
    }
}
