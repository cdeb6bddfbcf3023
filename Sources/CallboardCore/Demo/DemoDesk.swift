import Foundation
import Yams

/// Builds the demo desk: every technician and call of the seed, placed relative to `now` and
/// recorded through `decide` and `apply` exactly as a dispatcher's commands would be.
public enum DemoDesk {
    public static func parse(yaml: String) throws -> DemoSeed {
        try YAMLDecoder().decode(DemoSeed.self, from: yaml)
    }

    /// The demo's events in the order they happened. Throws if the seed asks for something the
    /// desk would refuse, so a broken seed fails loudly instead of building half a desk.
    public static func events(from seed: DemoSeed, now: Date, timeZone: TimeZone, policy: SLAPolicy? = nil) throws -> [Event] {
        var state = DeskState()
        var events: [Event] = []
        func record(_ command: Command, at: Date, by actor: String) throws {
            for event in try state.decide(command, CommandContext(now: now, at: at, actor: actor, timeZone: timeZone, policy: policy)) {
                state.apply(event)
                events.append(event)
            }
        }

        let rosterDay = now.addingTimeInterval(-14 * 86_400)
        for entry in seed.technicians {
            let draft = TechnicianDraft(id: entry.id, name: entry.name, region: entry.region,
                                        skills: entry.skills?.joined(separator: ","), shift: entry.shift, phone: entry.phone)
            try record(.addTechnician(draft), at: rosterDay, by: seed.setupBy)
        }

        // Every intake and every step, on one time line; the intake of a call always comes
        // before its own steps, and each call's steps keep their written order.
        struct Action {
            var at: Date
            var callIndex: Int
            var stepIndex: Int // -1 for the intake
        }
        var actions: [Action] = []
        for (callIndex, call) in seed.calls.enumerated() {
            actions.append(Action(at: try moment(call.received, now), callIndex: callIndex, stepIndex: -1))
            for (stepIndex, step) in (call.steps ?? []).enumerated() {
                actions.append(Action(at: try moment(step.at, now), callIndex: callIndex, stepIndex: stepIndex))
            }
        }
        actions.sort { ($0.at, $0.callIndex, $0.stepIndex) < ($1.at, $1.callIndex, $1.stepIndex) }

        var ids: [Int: CallID] = [:]
        for action in actions {
            let call = seed.calls[action.callIndex]
            if action.stepIndex < 0 {
                let draft = IntakeDraft(customer: call.customer, phone: call.phone, summary: call.summary,
                                        level: call.level.map(String.init), region: call.region, product: call.product,
                                        serial: call.serial, channel: call.channel, tier: call.tier, kind: call.kind)
                ids[action.callIndex] = CallID(number: state.nextCallNumber)
                try record(.intake(draft), at: action.at, by: call.by)
                continue
            }
            let step = call.steps![action.stepIndex]
            guard let id = ids[action.callIndex] else { throw DemoSeedError(DeskText.demoBeforeIntake(["customer": .text(call.customer)])) }
            try record(try command(for: step, call: id), at: action.at, by: step.by ?? call.by)
        }
        return events
    }

    static func command(for step: DemoSeed.Step, call id: CallID) throws -> Command {
        switch step.do {
        case "respond": return .respond(id)
        case "depart": return .depart(id)
        case "arrive": return .arrive(id)
        case "resolve": return .resolve(id)
        case "close": return .close(id)
        case "assign":
            guard let tech = step.tech else { throw DemoSeedError(DeskText.demoAssignNoTech(["call": "\(id)"])) }
            return .assign(id, try TechnicianID.parse(tech), reassign: false)
        case "note":
            guard let text = step.text else { throw DemoSeedError(DeskText.demoNoteNoText(["call": "\(id)"])) }
            return .note(id, text)
        case "pause":
            guard let text = step.text else { throw DemoSeedError(DeskText.demoPauseNoReason(["call": "\(id)"])) }
            return .pause(id, reason: text)
        case "resume": return .resume(id)
        case "cancel":
            guard let text = step.text else { throw DemoSeedError(DeskText.demoCancelNoReason(["call": "\(id)"])) }
            return .cancel(id, reason: text)
        default:
            throw DemoSeedError(DeskText.demoUnknownStep(["step": .text(step.do), "call": "\(id)"]))
        }
    }

    static func moment(_ text: String, _ now: Date) throws -> Date {
        guard text.hasPrefix("-") else { throw DemoSeedError(DeskText.demoNotSpan(["text": .text(text)])) }
        return try TimeText.parseMoment(text, now: now)
    }
}

/// A mistake in the demo desk's data, by key (DeskText).
public struct DemoSeedError: Error, CustomStringConvertible {
    public var text: Message
    init(_ text: Message) { self.text = text }
    /// In English.
    public var description: String { text.description }
}
