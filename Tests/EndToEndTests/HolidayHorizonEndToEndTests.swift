import CallboardCore
import Foundation
import Testing

/// Issue 10: a policy lists public holidays year by year. From 60 days before the last listed
/// year ends, the console's header, `watch` and `policy check` warn that deadlines past it
/// ignore holidays, and `show` marks such a deadline uncertain. The policies here list
/// holidays of a year that has already ended (so the warning is due whatever today is) or of a
/// year far ahead (so it is not).
@Suite struct HolidayHorizonEndToEndTests {
    static let thisYear = LocalDate(Date(), in: TimeZone(identifier: "Asia/Shanghai")!).civil.year

    /// An office-hours policy whose holidays are National Day of `year`.
    static func policy(holidaysIn year: Int, in scratch: Scratch) throws -> String {
        let path = scratch.path("holidays-\(year).yaml")
        try """
            time_zone: Asia/Shanghai
            holidays:
              - \(year)-10-01..\(year)-10-07
            calendars:
              office:
                hours: {mon-fri: 08:00-18:00}
            rules:
              - name: level 3
                when: {level: 3}
                onsite: {within: 8h, calendar: office}
              - name: general promise
                response: 24h
            """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func policyCheckWarnsWhenTheListedHolidaysEndSoonOrHaveEnded() throws {
        let scratch = try Scratch()
        let ended = try CallboardCLI.run(["policy", "check", try Self.policy(holidaysIn: Self.thisYear - 1, in: scratch)])
        #expect(ended.status == 0, "\(ended)")
        #expect(ended.stdout.contains("Warning: deadlines after \(Self.thisYear - 1)-12-31 on office ignore public holidays"), "\(ended)")
        let far = try CallboardCLI.run(["policy", "check", try Self.policy(holidaysIn: Self.thisYear + 5, in: scratch)])
        #expect(far.status == 0, "\(far)")
        #expect(far.stdout.contains("Holidays are listed up to \(Self.thisYear + 5)-12-31 (office)"), "\(far)")
        #expect(!far.stdout.contains("Warning"), "\(far)")
    }

    @Test func watchWarnsAndShowMarksTheDeadlineUncertain() throws {
        let scratch = try Scratch()
        let ended = try Self.policy(holidaysIn: Self.thisYear - 1, in: scratch)
        let id = try CallboardCLI.succeed(["intake", "--customer", "嘉定区第二中学", "--phone", "021-5953 1276", "--summary", "复印机卡纸",
                                           "--level", "3", "--policy", ended], journal: scratch.journal)
        let watch = try CallboardCLI.run(["watch", "--once", "--policy", ended], journal: scratch.journal)
        #expect(watch.status == 0, "\(watch)")
        #expect(watch.stdout.contains("warning: deadlines after \(Self.thisYear - 1)-12-31 on office ignore public holidays"), "\(watch)")
        let show = try CallboardCLI.succeed(["show", id], journal: scratch.journal)
        let onsite = try #require(Screen.line(containing: "on-site", in: show))
        #expect(onsite.contains("uncertain"), "\(onsite)")
        let explain = try CallboardCLI.succeed(["policy", "explain", id], journal: scratch.journal)
        #expect(explain.contains("Uncertain: the policy lists holidays for office only up to \(Self.thisYear - 1)-12-31"), "\(explain)")

        let far = try Self.policy(holidaysIn: Self.thisYear + 5, in: scratch)
        let quiet = try CallboardCLI.run(["watch", "--once", "--policy", far], journal: scratch.journal)
        #expect(!quiet.stdout.contains("ignore public holidays"), "\(quiet)")
    }

    @Test func theConsoleHeaderWarnsOn80Columns() throws {
        let scratch = try Scratch()
        let ended = try Self.policy(holidaysIn: Self.thisYear - 1, in: scratch)
        let console = try TmuxConsole(["--policy", ended], journal: scratch.journal, width: 80, height: 24)
        let screen = try console.waitFor(text: "No open calls")
        let header = try #require(screen.components(separatedBy: "\n").first)
        #expect(header.contains("holidays end \(Self.thisYear - 1)-12-31") || header.contains("holidays end 12-31"), "\(header)")
        #expect(header.contains("open 0"), "\(header)")
        try console.send("q")
        try console.waitForExit()

        let far = try Self.policy(holidaysIn: Self.thisYear + 5, in: scratch)
        let calm = try TmuxConsole(["--policy", far], journal: scratch.journal, width: 80, height: 24)
        let quiet = try calm.waitFor(text: "No open calls")
        #expect(!(quiet.components(separatedBy: "\n").first ?? "").contains("holidays"), "\(quiet)")
        try calm.send("q")
        try calm.waitForExit()
    }
}
