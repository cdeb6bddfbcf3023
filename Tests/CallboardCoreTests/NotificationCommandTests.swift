import CallboardCore
import CallboardResources
import Testing

/// The command a notification runs comes from desk.yaml or the options of whoever runs the
/// watch, never from the policy: the journal records the policy, and any member of the desk's
/// group can append to it.
@Suite struct NotificationCommandTests {
    static let base = "rules:\n  - name: all\n    response: 24h\n"

    @Test func aPolicyFileNamingACommandIsRefusedWithItsLineAndWhereTheCommandGoes() {
        do throws(PolicyProblems) {
            _ = try PolicyParser.parse(Self.base + "notify: {command: /usr/local/bin/desk-notify, timeout: 10s, retries: 2}\n")
            Issue.record("a policy with a command was accepted")
        } catch {
            #expect(error.problems.count == 1)
            #expect(error.problems[0].line == 4, "\(error.problems)")
            #expect(error.problems[0].message.contains("desk.yaml") && error.problems[0].message.contains("--notify-command"), "\(error.problems)")
        }
    }

    @Test func aPolicyTheJournalRecordedWithACommandStillReadsTheSame() throws {
        let text = try CallboardResources.defaultPolicy()
        let recorded = try PolicyParser.parseRecorded(text + "\nnotify: {command: touch /tmp/owned, timeout: 5s, retries: 0}\n")
        let plain = try PolicyParser.parse(text)
        #expect(recorded.rules == plain.rules && recorded.calendars == plain.calendars && recorded.desk == plain.desk)
    }

    @Test func theBuiltInPolicyNamesNoCommand() throws {
        _ = try PolicyParser.parse(try CallboardResources.defaultPolicy())
    }

    @Test func deskYamlGivesTheCommandWithItsTimeoutAndRetries() throws {
        let desk = try DeskConfiguration.parse("roles:\n  supervisor: [li]\nnotify: {command: /usr/local/bin/desk-notify --sms, timeout: 30s, retries: 1}\n")
        #expect(desk.notify == NotificationCommand(command: "/usr/local/bin/desk-notify --sms", timeout: 30, retries: 1))
        #expect(desk.roles.role(of: "li") == .supervisor)
        let plain = try DeskConfiguration.parse("notify: {command: desk-notify}\n")
        #expect(plain.notify == NotificationCommand(command: "desk-notify", timeout: 10, retries: 2))
        // A file that only names the command leaves the roles as they were without one.
        #expect(plain.roles == .everyone)
        #expect(try DeskConfiguration.parse("roles:\n  supervisor: [li]\n").notify == nil)
    }

    @Test(arguments: [
        ("notify: {timeout: 5s}\n", "needs a command"),
        ("notify: {command: x, timeout: soon}\n", "timeout 'soon'"),
        ("notify: {command: x, retries: 11}\n", "from 0 to 10"),
        ("notify: {command: x, every: 1m}\n", "unknown key 'every'"),
        ("notify: desk-notify\n", "{command: PROGRAM"),
    ])
    func deskYamlNotifyMistakesAreRefused(yaml: String, words: String) {
        do throws(DeskError) {
            _ = try DeskConfiguration.parse(yaml)
            Issue.record("accepted: \(yaml)")
        } catch {
            #expect(error.kind == .invalidInput && error.message.contains(words), "\(error.message)")
        }
    }
}
