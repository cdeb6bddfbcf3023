import CallboardCore
import CallboardStore
import Foundation
import Testing

/// A policy's own timers go through the journal like the built-in ones: the policy as its text,
/// read again on replay, and escalations naming the timer in both encodings.
@Suite struct PolicyTimerJournalTests {
    static let at = Date(timeIntervalSince1970: 1_795_000_000)
    static let text = """
        timers:
          - response
          - {name: follow_up, label: {en: follow-up, zh: 回访}, starts: resolved, stops: closed}
        rules:
          - response: 24h
            follow_up: 3d
        """

    func roundTrip(_ change: Change) throws -> (binary: Event, json: Event) {
        let event = Event(occurredAt: Self.at, recordedAt: Self.at, actor: "li", change: change)
        let bytes = EventCodec.encode(event), json = EventCodec.json(event, sequence: 1)
        return (try bytes.withUnsafeBytes { try EventCodec.decode($0) }, try json.withUnsafeBytes { try EventCodec.decode($0) })
    }

    @Test func aPolicyWithItsOwnTimersIsReadBackWithThem() throws {
        let policy = try PolicyParser.parse(Self.text)
        let (binary, json) = try roundTrip(.policyAdopted(1, policy))
        for event in [binary, json] {
            guard case .policyAdopted(_, let read) = event.change else { Issue.record("not a policy"); continue }
            #expect(read == policy)
            #expect(read.timers.map(\.name.rawValue) == ["response", "follow_up"])
            #expect(read.timer(named: TimerName(rawValue: "follow_up")!)?.starts == .resolved)
        }
    }

    @Test func anEscalationOfAPolicysTimerKeepsItsName() throws {
        let followUp = try #require(TimerName(rawValue: "follow_up"))
        for change in [Change.escalated(CallID(number: 3), step: "late", timer: followUp, notify: "supervisor"),
                       .realerted(CallID(number: 3), step: "late", timer: followUp)] {
            let (binary, json) = try roundTrip(change)
            #expect(binary.change == change && json.change == change)
        }
    }
}
