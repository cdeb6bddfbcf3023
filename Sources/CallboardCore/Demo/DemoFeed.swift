import Foundation
import Yams

/// Keeps a demo desk moving (`callboard demo --live`): now and then a new call, otherwise the
/// next step of an open call — responded, assigned to the best-ranked engineer, set off, on
/// site, fixed, closed — each decided through the same checks as a dispatcher's command.
public struct DemoFeed: Sendable {
    public struct Material: Decodable, Sendable {
        public struct Customer: Decodable, Sendable { var name: String; var phone: String; var region: String? }
        public struct Fault: Decodable, Sendable { var summary: String; var level: Int?; var product: String? }
        var dispatchers: [String]
        var customers: [Customer]
        var faults: [Fault]
        var notes: [String]
    }

    public let material: Material

    public init(yaml: String) throws {
        material = try YAMLDecoder().decode(Material.self, from: yaml)
    }

    /// Who records the next step, and what it is (nil: nothing sensible to do now).
    public func next(in state: DeskState, at now: Date, zone: TimeZone, using random: inout some RandomNumberGenerator) -> (actor: String, command: Command)? {
        let actor = material.dispatchers.randomElement(using: &random) ?? "demo"
        let open = state.openCalls
        if open.count < 6 || Int.random(in: 0..<10, using: &random) < 3 {
            guard let customer = material.customers.randomElement(using: &random), let fault = material.faults.randomElement(using: &random) else { return nil }
            let channel = ["phone", "phone", "phone", "email", "web"].randomElement(using: &random)!
            return (actor, .intake(IntakeDraft(customer: customer.name, phone: customer.phone, summary: fault.summary,
                                               level: fault.level.map(String.init), region: customer.region, product: fault.product, channel: channel)))
        }
        guard let call = open.randomElement(using: &random) else { return nil }
        if call.isPaused { return (actor, .resume(call.id)) }
        if Int.random(in: 0..<12, using: &random) == 0, let note = material.notes.randomElement(using: &random) { return (actor, .note(call.id, note)) }
        switch call.status {
        case .new: return (actor, .respond(call.id))
        case .responded:
            guard let best = AssignmentRanking.rank(for: call, in: state, at: now, zone: zone).first(where: \.eligible) else { return nil }
            return (actor, .assign(call.id, best.technician.id, reassign: false))
        case .assigned: return (actor, .depart(call.id))
        case .enRoute: return (actor, .arrive(call.id))
        case .onSite: return (actor, .resolve(call.id))
        case .resolved: return (actor, .close(call.id))
        case .closed, .cancelled: return nil
        }
    }
}
