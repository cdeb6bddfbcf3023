import CallboardCore
import CallboardStore
import Foundation

/// Writes journal records the command line would refuse (hostile text), the way a damaged or
/// hand-made journal could hold them, to prove the screen never trusts the journal.
enum JournalForge {
    static func writeCall(customer: String, summary: String, to path: String) throws {
        let desk = try JournalDesk(journal: Journal(path: path))
        let now = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
        let intake = CallIntake(customer: customer, phone: "123456", summary: summary)
        try desk.record(now: now) { state in
            [Event(occurredAt: now, recordedAt: now, actor: "forger", change: .callReceived(CallID(number: state.nextCallNumber), intake, policy: nil))]
        }
    }
}
