import CallboardCore
import CallboardStore
import Foundation

/// Writes journal records the command line would refuse (hostile text), the way a damaged or
/// hand-made journal could hold them, to prove the screen never trusts the journal.
enum JournalForge {
    /// A call with the given text; with `policy` (a policy file's text, which may itself be
    /// hostile) the call is timed under that policy, recorded just before it.
    static func writeCall(customer: String, summary: String, level: FaultLevel? = nil, region: String? = nil, policy: String? = nil,
                          to path: String) throws {
        let desk = try JournalDesk(log: FileJournal(path: path))
        let now = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
        let intake = CallIntake(customer: customer, phone: "123456", summary: summary, level: level, region: region)
        let adopted = try policy.map { try PolicyParser.parse($0) }
        try desk.record(now: now) { state in
            var events: [Event] = []
            var number: Int?
            if let adopted {
                number = (state.policies.keys.max() ?? 0) + 1
                events.append(Event(occurredAt: now, recordedAt: now, actor: "forger", change: .policyAdopted(number!, adopted)))
            }
            events.append(Event(occurredAt: now, recordedAt: now, actor: "forger",
                                change: .callReceived(CallID(number: state.nextCallNumber), intake, policy: number)))
            return events
        }
    }
}

extension JournalForge {
    /// Appends a policy as any member of the desk's group could: the built-in one with `extra`
    /// lines, recorded as the desk's current policy without `policy check` ever seeing it.
    static func adoptPolicy(appending extra: String, to path: String) throws {
        let base = try CallboardCLI.succeed(["policy", "default"], journal: nil) + "\n"
        let parsed = try PolicyParser.parse(base)
        let forged = SLAPolicy(source: base + extra, zone: parsed.zone, warningShare: parsed.warningShare, calendars: parsed.calendars,
                               rules: parsed.rules, desk: parsed.desk)
        let desk = try JournalDesk(log: FileJournal(path: path))
        let now = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
        try desk.record(now: now) { state in
            [Event(occurredAt: now, recordedAt: now, actor: "forger", change: .policyAdopted((state.policies.keys.max() ?? 0) + 1, forged))]
        }
    }
}
