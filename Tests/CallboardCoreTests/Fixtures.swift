import CallboardCore
import Foundation

/// A desk at a known instant, for tests that read like the promises they check.
struct TestDesk {
    static let shanghai = TimeZone(identifier: "Asia/Shanghai")!
    /// Monday 2026-11-23 09:00:00 in Shanghai.
    static let monday9 = TimeText.parseISO("2026-11-23T09:00:00+08:00")!

    var state = DeskState()
    var now = TestDesk.monday9
    /// Every event this desk recorded, in order: what the journal would hold.
    var log: [Event] = []

    func context(at: Date? = nil, actor: String = "wangfang") -> CommandContext {
        CommandContext(now: now, at: at, actor: actor, timeZone: Self.shanghai, policy: policy)
    }

    /// The desk's policy; nil times calls by the general promise (as journals from before
    /// policies were recorded).
    var policy: SLAPolicy?

    /// Decides and applies, as the journal would; returns the command's own event.
    @discardableResult
    mutating func run(_ command: Command, at: Date? = nil, actor: String = "wangfang") throws -> Event {
        let events = try state.decide(command, context(at: at, actor: actor))
        for event in events {
            state.apply(event)
            log.append(event)
        }
        return events.last!
    }

    /// Expects a refusal and returns it.
    func refusal(_ command: Command, at: Date? = nil) -> DeskError? {
        do {
            _ = try state.decide(command, context(at: at))
            return nil
        } catch {
            return error
        }
    }

    mutating func addTechnician(_ id: String, name: String = "王磊") throws {
        try run(.addTechnician(TechnicianDraft(id: id, name: name, region: "city", skills: "printer", shift: "day")),
                at: now.addingTimeInterval(-86_400))
    }

    @discardableResult
    mutating func intake(_ customer: String = "上海华东电气有限公司", ago seconds: TimeInterval = 0, level: String? = "2") throws -> CallID {
        let event = try run(.intake(IntakeDraft(customer: customer, phone: "021-6952 3310", summary: "主控服务器宕机", level: level, region: "city")),
                            at: now.addingTimeInterval(-seconds))
        return event.change.call!
    }

    func ago(_ seconds: TimeInterval) -> Date { now.addingTimeInterval(-seconds) }
}

extension TimeInterval {
    static func hours(_ h: Double) -> TimeInterval { h * 3600 }
    static func minutes(_ m: Double) -> TimeInterval { m * 60 }
}
