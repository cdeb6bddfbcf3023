import CallboardCore
import Foundation

/// A busy desk's history, made one event at a time, so a journal (or an export) of any size is
/// written without holding its events or a desk in memory: technicians join, the built-in policy
/// is adopted with the first call, then calls move through their lives — responded, assigned,
/// set off, on site, resolved, closed, one in seven with a note — and one call in twenty is still
/// open at some stage of its life: the queue a console shows (7,202 open calls at a million
/// events, about 21,600 at three million). The events are made directly, not decided: history
/// reaching back further than a command's 30 days is what a big journal is.
///
/// Calls come one second apart and the last event is at `end`; each call's life is recorded at
/// the moment it came in. The technicians join a day before the first call.
struct SyntheticDesk: Sequence, IteratorProtocol {
    let count: Int
    let technicians: Int
    let end: Date
    private let policy: SLAPolicy
    /// How many events were made.
    private var made = 0
    /// The next call's number (from 1), and what is left of the call being made.
    private var call = 0
    private var pending: [Change] = []
    private var pendingAt = Date()

    init(count: Int, technicians: Int = 300, policy: SLAPolicy, end: Date) {
        self.count = count
        // A desk small enough to be mostly roster keeps a roster of a tenth of it.
        self.technicians = Swift.max(1, Swift.min(technicians, count / 10))
        self.policy = policy
        self.end = end
    }

    mutating func next() -> Event? {
        guard made < count else { return nil }
        defer { made += 1 }
        if made < technicians {
            let n = made
            let technician = Technician(id: TechnicianID("T\(n)")!, name: "技术员\(n)", region: n % 3 == 0 ? "city" : "jiading",
                                        skills: ["printer", "server"], shift: .day, phone: "138 0000 \(1000 + n)")
            return event(.technicianAdded(technician), at: end.addingTimeInterval(-Double(count) - 86_400))
        }
        if pending.isEmpty { startCall() }
        return event(pending.removeFirst(), at: pendingAt)
    }

    /// The events of the next call's life, all at the moment it comes in.
    private mutating func startCall() {
        let n = call
        call += 1
        let id = CallID(number: n + 1)
        pendingAt = end.addingTimeInterval(-Double(count - made))
        let intake = CallIntake(customer: "上海客户\(n)有限公司", phone: "021-6952 3310", summary: "服务器频繁重启，生产线中断",
                                level: FaultLevel(rawValue: n % 4 + 1), region: "city")
        var steps: [Change] = [.responded(id), .assigned(id, TechnicianID("T\(n % technicians)")!, previous: nil), .departed(id),
                               .arrived(id), .resolved(id), .closed(id)]
        if n % 20 == 0 { steps = Array(steps.prefix(n / 20 % 5)) }
        if n % 7 == 0, !steps.isEmpty { steps.insert(.noted(id, "客户要求上午到场，已电话确认"), at: 1) }
        pending = (n == 0 ? [.policyAdopted(1, policy)] : []) + [.callReceived(id, intake, policy: 1)] + steps
    }

    private func event(_ change: Change, at: Date) -> Event {
        Event(occurredAt: at, recordedAt: at, actor: "bench", change: change)
    }
}
