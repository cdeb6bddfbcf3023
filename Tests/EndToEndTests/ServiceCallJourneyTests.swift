import Foundation
import Testing

/// One call's whole journey: logged from the command line, written to the journal, shown in
/// a running console with a ticking countdown, and still there after the console restarts.
@Suite(.serialized)
struct ServiceCallJourneyTests {
    @Test func aCallLoggedFromTheCommandLineAppearsLiveTicksAndSurvivesARestart() throws {
        let scratch = try Scratch()
        try CallboardCLI.succeed(["tech", "add", "T03", "--name", "王磊", "--region", "city", "--shift", "day"], journal: scratch.journal)

        let console = try TmuxConsole([], journal: scratch.journal)
        try console.waitFor(text: "No open calls")
        try console.waitFor(text: "王磊")

        // From another shell, as a second dispatcher would: it shows within two seconds.
        let id = try CallboardCLI.succeed(["intake", "--customer", "上海华东电气有限公司", "--phone", "021-6952 3310",
                                           "--summary", "主控服务器宕机", "--level", "1", "--region", "city"], journal: scratch.journal)
        #expect(id == "C-0001")
        let screen = try console.waitFor(text: "上海华东电气有限公司", timeout: 2)
        let row = try #require(Screen.line(containing: "C-0001", in: screen))
        #expect(row.contains("new"))
        // Response within 24 h; a level-1 fault in the city has an engineer on site within 1 h;
        // fixed within 24 h. All count down from intake.
        let countdowns = Self.countdowns(in: row)
        #expect(countdowns.count == 3, "row: \(row)")
        #expect(countdowns.first?.hasPrefix("23:59:") == true || countdowns.first == "24:00:00", "row: \(row)")
        #expect(countdowns.dropFirst().first?.hasPrefix("00:59:") == true || countdowns.dropFirst().first == "01:00:00", "row: \(row)")
        #expect(countdowns.last?.hasPrefix("23:59:") == true || countdowns.last == "24:00:00", "row: \(row)")

        // The countdown ticks without any key being pressed.
        let first = countdowns.first!
        try console.waitFor("the response countdown to tick", timeout: 5) { screen in
            guard let row = Screen.line(containing: "C-0001", in: screen) else { return false }
            return Self.countdowns(in: row).first.map { $0 < first } ?? false
        }

        try console.send("q")
        try console.waitForExit()

        let again = try TmuxConsole([], journal: scratch.journal)
        let restarted = try again.waitFor(text: "上海华东电气有限公司")
        #expect(Screen.line(containing: "C-0001", in: restarted)?.contains("主控服务器宕机") == true)
        try again.send("q")
        try again.waitForExit()
    }

    @Test func progressRecordedFromTheCommandLineMovesTheCallAndTheRoster() throws {
        let scratch = try Scratch()
        try CallboardCLI.succeed(["tech", "add", "T01", "--name", "Li Na", "--region", "city"], journal: scratch.journal)
        let id = try CallboardCLI.succeed(["intake", "--customer", "Acme Printing", "--phone", "138 0013 8000",
                                           "--summary", "printer jams", "--at=-3h"], journal: scratch.journal)
        let console = try TmuxConsole([], journal: scratch.journal)
        try console.waitFor(text: "Acme Printing")

        try CallboardCLI.succeed(["assign", id, "T01", "--at=-2h"], journal: scratch.journal)
        try console.waitFor("the call assigned to T01", timeout: 2) { Screen.line(containing: id, in: $0)?.contains("assigned") == true }
        try CallboardCLI.succeed(["depart", id, "--at=-1h"], journal: scratch.journal)
        try console.waitFor("the technician en route", timeout: 2) { Screen.line(containing: "T01  Li Na", in: $0)?.contains("en route") == true }
        try CallboardCLI.succeed(["arrive", id], journal: scratch.journal)
        try console.waitFor("the technician on site", timeout: 2) { Screen.line(containing: "T01  Li Na", in: $0)?.contains("on site") == true }
        let screen = try console.waitFor("the on-site promise met", timeout: 2) { Screen.line(containing: id, in: $0)?.contains("✓ met") == true }
        #expect(Screen.line(containing: id, in: screen)?.contains("on site") == true)

        try CallboardCLI.succeed(["resolve", id], journal: scratch.journal)
        try console.waitFor("the call resolved", timeout: 2) { Screen.line(containing: id, in: $0)?.contains("resolved") == true }
        try CallboardCLI.succeed(["close", id], journal: scratch.journal)
        try console.waitUntilGone("Acme Printing", timeout: 2)
        try console.send("q")
        try console.waitForExit()
    }

    /// `HH:MM:SS` countdowns in a row, in order.
    static func countdowns(in row: String) -> [String] {
        row.split(separator: " ").map(String.init).filter { token in
            token.count == 8 && token.enumerated().allSatisfy { index, c in index % 3 == 2 ? c == ":" : c.isNumber }
        }
    }
}
