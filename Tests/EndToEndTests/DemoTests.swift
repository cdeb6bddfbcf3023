import Foundation
import Testing

@Suite(.serialized)
struct DemoTests {
    @Test func theDemoOpensOnABusyMorningAndKeepsToItsOwnJournal() throws {
        let scratch = try Scratch()
        let data = scratch.path("data")
        let console = try TmuxConsole(["demo"], journal: nil, width: 120, height: 40, environment: ["XDG_DATA_HOME": data])
        let screen = try console.waitFor(text: "Technicians (10)")
        #expect(screen.contains("上海华东电气有限公司"))
        // The demo's breaches and warnings are on round-the-clock promises: the same at any hour.
        #expect(screen.contains("✗ breached 3"))
        #expect(screen.contains("▲ warning 2"))
        #expect(Screen.line(containing: "昆山市第一人民医院", in: screen)?.contains("✗ -01:10:") == true)
        let warning = Screen.line(containing: "上海华东电气有限公司", in: screen) ?? ""
        #expect(warning.contains("▲ 00:09:") || warning.contains("▲ 00:10:00"), "\(warning)")
        #expect(Screen.line(containing: "昆山宏达精密模具厂", in: screen)?.contains("‖") == true)
        for status in ["new", "responded", "assigned", "en route", "on site", "paused", "resolved"] {
            #expect(screen.contains(" \(status) "), "no call \(status) on screen")
        }
        try console.send("q")
        try console.waitForExit()
        #expect(FileManager.default.fileExists(atPath: data + "/callboard/demo/journal"))
        #expect(!FileManager.default.fileExists(atPath: data + "/callboard/journal"))
    }

    @Test func theDemoJournalIsBuiltOnceThenReopenedAsLeft() throws {
        let scratch = try Scratch()
        let path = try CallboardCLI.succeed(["demo", "--no-open", "--journal", scratch.journal], journal: nil)
        #expect(path == scratch.journal)
        let id = try CallboardCLI.succeed(["intake", "--customer", "新客户", "--phone", "138 0013 8000", "--summary", "x"], journal: scratch.journal)
        try CallboardCLI.succeed(["demo", "--no-open", "--journal", scratch.journal], journal: nil)
        let json = try CallboardCLI.succeed(["list", "--all", "--json"], journal: scratch.journal)
        let calls = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(calls.count == 23) // the demo's 22 and the one logged here
        #expect(calls.contains { $0["id"] as? String == id })
        let states = Set(calls.compactMap { $0["status"] as? String })
        #expect(states == ["new", "responded", "assigned", "en_route", "on_site", "resolved", "closed", "cancelled"])

        try CallboardCLI.succeed(["demo", "--no-open", "--fresh", "--journal", scratch.journal], journal: nil)
        #expect(FileManager.default.fileExists(atPath: scratch.journal + ".previous"))
        let rebuilt = try CallboardCLI.succeed(["list", "--all", "--json"], journal: scratch.journal)
        #expect(!rebuilt.contains("新客户"))
    }
}

@Suite struct LiveDemoTests {
    @Test func aLiveDemoKeepsTakingCallsAndMovingThemAlong() throws {
        let scratch = try Scratch()
        let data = scratch.path("data")
        let console = try TmuxConsole(["demo", "--live"], journal: nil, width: 120, height: 40, environment: ["XDG_DATA_HOME": data])
        try console.waitFor(text: "Technicians (10)")
        let journal = data + "/callboard/demo/journal"
        func records() throws -> Int {
            let verify = try CallboardCLI.run(["journal", "verify"], journal: journal)
            return Int(verify.stdout.split(separator: " ").dropFirst(2).first ?? "") ?? 0
        }
        let before = try records()
        // The feed records a step every 3 to 7 seconds, through the same checks as a dispatcher.
        let deadline = Date().addingTimeInterval(20)
        while try records() < before + 2, Date() < deadline { Thread.sleep(forTimeInterval: 0.5) }
        #expect(try records() >= before + 2, "the live feed recorded at least two steps")
        // The feed's steps are recorded by the demo's dispatchers (the console itself may record
        // escalations for the demo's overdue calls as it goes).
        let export = try CallboardCLI.succeed(["journal", "export", "--json"], journal: journal)
        let fed = export.split(separator: "\n").dropFirst(before).filter {
            $0.contains(#""by":"liuyang""#) || $0.contains(#""by":"wangfang""#) || $0.contains(#""by":"zhaoli""#)
        }
        #expect(fed.count >= 2, "\(fed)")
        try console.send("q")
        try console.waitForExit()
        #expect(try CallboardCLI.run(["journal", "verify"], journal: journal).status == 0)
    }
}
