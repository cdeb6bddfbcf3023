import CallboardCore
import Foundation
import Testing

/// Issue 10: a policy file that is not UTF-8 is named by line and byte, and nothing a policy
/// verb prints lets text from the journal (or a policy file) act on the terminal.
@Suite struct PolicyTextTests {
    /// A policy saved in GBK, as a Chinese Windows editor does: 中 is D6 D0 there.
    static let gbkPolicy: [UInt8] = Array("rules:\n  - name: general\n    response: 24h # ".utf8) + [0xD6, 0xD0] + Array("\n".utf8)

    @Test func aPolicyFileThatIsNotUTF8IsNamedByLineAndByte() throws {
        let scratch = try Scratch()
        let file = scratch.path("gbk.yaml")
        try Data(Self.gbkPolicy).write(to: URL(fileURLWithPath: file))
        let checked = try CallboardCLI.run(["policy", "check", file])
        #expect(checked.status == 64, "\(checked)")
        #expect(checked.stderr.contains("\(file):3: byte 21 of the line (0xD6) is not UTF-8; save the file as UTF-8"), "\(checked)")
        let intake = try CallboardCLI.run(["intake", "--customer", "A", "--phone", "138 0013 8000", "--summary", "x", "--policy", file],
                                          journal: scratch.journal)
        #expect(intake.status == 64, "\(intake)")
        #expect(intake.stderr.contains("policy \(file) line 3: byte 21 of the line (0xD6) is not UTF-8; save the file as UTF-8"), "\(intake)")
        #expect(!FileManager.default.fileExists(atPath: scratch.journal))
    }

    /// Valid YAML (double-quoted `\e` is ESC) that names a calendar, a rule and a consequence
    /// with escape sequences: a hand-made or forged policy.
    static let hostilePolicy = """
        calendars:
          "off\\e[2Jice":
            hours: {mon-sun: 08:00-18:00}
        shifts: {day: "off\\e[2Jice"}
        auto_dispatch: {outside: "off\\e[2Jice"}
        rules:
          - name: "evil\\e[31m rule"
            response: {within: 24h, calendar: "off\\e[2Jice", breach: "owed\\e]0;pwned\\a"}
        """

    static func isSafe(_ text: String) -> Bool { !text.unicodeScalars.contains { TextRules.isUnsafe($0) && $0 != "\n" } }

    @Test func policyExplainShowAndCheckNeverPrintJournalTextRaw() throws {
        let scratch = try Scratch()
        try JournalForge.writeCall(customer: "Evil\u{1B}[2J Co", summary: "x", level: .three, region: "ci\u{1B}[2Jty\u{9B}31m",
                                   policy: Self.hostilePolicy, to: scratch.journal)
        for arguments in [["policy", "explain", "C-0001"], ["policy", "show"], ["show", "C-0001"]] {
            let result = try CallboardCLI.run(arguments, journal: scratch.journal)
            #expect(result.status == 0, "\(arguments): \(result)")
            #expect(Self.isSafe(result.stdout), "\(arguments) printed raw control characters: \(result.stdout.debugDescription)")
        }
        let explained = try CallboardCLI.succeed(["policy", "explain", "C-0001"], journal: scratch.journal)
        #expect(explained.contains("region ci␛[2Jty"), "\(explained)")
        #expect(explained.contains("evil␛[31m rule"), "\(explained)")

        let file = scratch.path("hostile.yaml")
        try Self.hostilePolicy.write(toFile: file, atomically: true, encoding: .utf8)
        let checked = try CallboardCLI.run(["policy", "check", file])
        #expect(checked.status == 0, "\(checked)")
        #expect(Self.isSafe(checked.stdout), "policy check printed raw control characters: \(checked.stdout.debugDescription)")
    }
}
