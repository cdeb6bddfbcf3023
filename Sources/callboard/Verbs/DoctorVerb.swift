import ArgumentParser
import CallboardCore
import CallboardTUI
import Foundation

struct DoctorVerb: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check that this machine is set up for the desk: terminal, journal, policy, notification command, server.",
        discussion: """
        One line per check, ok, warn or fail, and for a warning or a failure what to do: the \
        terminal (TERM, colours, a UTF-8 locale, the width of Chinese), the journal (where it is, \
        its mode, its folder's mode and sticky bit, hard links, desk.yaml, free disk space, \
        the kernel's limits on watching files) or, for a journal in PostgreSQL, the server (it answers, the tables' \
        version, your role), the policy (as policy check reads it, holidays running out) and \
        the notification command (there, and yours to run). Changes nothing. Exits 0 when \
        nothing fails (warnings allowed), 1 otherwise.
        """)

    @OptionGroup var desk: DeskOptions
    @OptionGroup var notify: NotifyOption
    @OptionGroup var json: JSONFlag

    func run() throws {
        let facts = DoctorFacts(environment: ProcessInfo.processInfo.environment, journalFlag: desk.journal, policyFlag: desk.policy,
                                deskFlag: desk.desk, notifyFlag: notify.notifyCommand, now: SystemClock().now(), strings: Speech.strings)
        let findings = facts.examine()
        if json.json {
            print(Self.json(findings, strings: Speech.strings))
        } else {
            for line in Self.lines(findings, strings: Speech.strings) { print(line) }
        }
        if findings.contains(where: { $0.status == .fail }) { throw ExitStatus(code: 1) }
    }

    /// A line per finding, then what it comes to; outside text (paths, TERM, commands) made safe.
    static func lines(_ findings: [DoctorFinding], strings: UIStrings) -> [String] {
        let words: [DoctorFinding.Status: String] = [.ok: strings[DoctorText.ok()], .warn: strings[DoctorText.warn()], .fail: strings[DoctorText.fail()]]
        let width = words.values.map(DisplayText.width).max() ?? 4
        var lines = findings.map { finding in
            let word = words[finding.status]!
            let status = word + String(repeating: " ", count: max(0, width - DisplayText.width(word)))
            let about: [String: Message.Argument] = ["status": .text(status), "check": .message(finding.check.name), "finding": .message(finding.finding)]
            let line = finding.fix.map { strings[DoctorText.lineWithFix(about.merging(["fix": .message($0)]) { $1 })] } ?? strings[DoctorText.line(about)]
            return Printable.quoted(line, limit: 2000)
        }
        let failures = findings.filter { $0.status == .fail }.count
        lines.append(strings[failures == 0 ? DoctorText.allGood(["warnings": "\(findings.filter { $0.status == .warn }.count)"])
                                           : failures == 1 ? DoctorText.oneFails() : DoctorText.someFail(["failures": "\(failures)"])])
        return lines
    }

    /// `{"ok": true, "checks": [{"check": "terminal", "status": "ok", "finding": "…", "fix": null}, …]}`:
    /// `check` and `status` are fixed words; `finding` and `fix` are in the run's language.
    static func json(_ findings: [DoctorFinding], strings: UIStrings) -> String {
        let checks: [[String: Any]] = findings.map { finding in
            ["check": finding.check.rawValue, "status": finding.status.rawValue, "finding": strings[finding.finding],
             "fix": finding.fix.map { strings[$0] } ?? NSNull()]
        }
        let root: [String: Any] = ["ok": !findings.contains { $0.status == .fail }, "checks": checks]
        let data = (try? JSONSerialization.data(withJSONObject: root, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
