import CallboardCore

/// Every kind of event the journal stores: its JSON type, binary code and fields, and how its
/// `Change` reads and writes them. Both encodings and `journal export --json` come from here.
///
/// A new kind of event: its `Change` case (CallboardCore, Events/Event.swift), then here an
/// entry with the next free code, listed in `all`, and its case in `of` (the compiler asks for
/// that one). A new field of an existing kind goes last, optional, with `since:` a new schema
/// (EventCodec.schemaVersion), so journals written before it still replay.
enum EventKinds {
    typealias DecodeError = EventCodec.DecodeError

    static let policyAdopted = EventKind(
        "policy.adopted", code: 1, [.field("number", .count), .field("text", .policy)],
        read: { r throws(DecodeError) in .policyAdopted(try r.count(), try r.policy()) },
        write: { change, w in if case .policyAdopted(let number, let policy) = change { w.count(number); w.policy(policy) } })

    static let technicianAdded = EventKind(
        "technician.added", code: 2,
        [.field("id", .technician), .field("name", .text), .optional("region", .text), .field("skills", .texts), .field("shift", .shift),
         .optional("phone", .text)],
        read: { r throws(DecodeError) in
            .technicianAdded(Technician(id: try r.technician(), name: try r.text(), region: try r.optionalText(), skills: try r.texts(),
                                        shift: try r.shift(), phone: try r.optionalText()))
        },
        write: { change, w in
            guard case .technicianAdded(let t) = change else { return }
            w.technician(t.id); w.text(t.name); w.optionalText(t.region); w.texts(t.skills); w.shift(t.shift); w.optionalText(t.phone)
        })

    static let technicianEdited = EventKind(
        "technician.edited", code: 35,
        [.field("id", .technician), .field("name", .text), .optional("region", .text), .field("skills", .texts), .field("shift", .shift),
         .optional("phone", .text)],
        read: { r throws(DecodeError) in
            .technicianEdited(Technician(id: try r.technician(), name: try r.text(), region: try r.optionalText(), skills: try r.texts(),
                                         shift: try r.shift(), phone: try r.optionalText()))
        },
        write: { change, w in
            guard case .technicianEdited(let t) = change else { return }
            w.technician(t.id); w.text(t.name); w.optionalText(t.region); w.texts(t.skills); w.shift(t.shift); w.optionalText(t.phone)
        })

    static let technicianOnLeave = EventKind(
        "technician.on_leave", code: 36, [.field("id", .technician), .field("from", .date), .field("to", .date)],
        read: { r throws(DecodeError) in .technicianOnLeave(try r.technician(), DateSpan(from: try r.date(), to: try r.date())) },
        write: { change, w in
            if case .technicianOnLeave(let id, let span) = change { w.technician(id); w.date(span.from); w.date(span.to) }
        })

    static let technicianRetired = EventKind(
        "technician.retired", code: 37, [.field("id", .technician)],
        read: { r throws(DecodeError) in .technicianRetired(try r.technician()) },
        write: { change, w in if case .technicianRetired(let id) = change { w.technician(id) } })

    static let technicianRota = EventKind(
        "technician.rota", code: 38, [.field("id", .technician), .field("from", .date), .field("to", .date), .field("shift", .shift)],
        read: { r throws(DecodeError) in
            let id = try r.technician()
            let span = DateSpan(from: try r.date(), to: try r.date())
            return .technicianRota(id, RotaShift(span: span, shift: try r.shift()))
        },
        write: { change, w in
            if case .technicianRota(let id, let entry) = change { w.technician(id); w.date(entry.span.from); w.date(entry.span.to); w.shift(entry.shift) }
        })

    static let callReceived = EventKind(
        "call.received", code: 3,
        [.call, .field("customer", .text), .field("phone", .text), .field("summary", .text), .optional("level", .level),
         .optional("region", .text), .optional("product", .text), .optional("serial", .text), .field("channel", .channel),
         .optional("tier", .text), .optional("kind", .text), .optional("policy", .count),
         .optional("purchased", .date, since: 4), .optional("defect", .text, since: 4),
         .optional("customerID", .text, since: 5), .optional("address", .text, since: 5), .optional("contactName", .text, since: 5),
         .optional("contactPhone", .text, since: 5), .optional("related", .texts, since: 5)],
        read: { r throws(DecodeError) in
            let id = try r.call()
            var intake = CallIntake(customer: try r.text(), phone: try r.text(), summary: try r.text(), level: try r.optionalLevel(),
                                    region: try r.optionalText(), product: try r.optionalText(), serial: try r.optionalText(),
                                    channel: try r.channel(), tier: try r.optionalText(), kind: try r.optionalText())
            let policy = try r.optionalCount()
            intake.purchased = try r.optionalDate()
            intake.defect = try r.optionalText()
            intake.customerID = try r.optionalCustomer()
            intake.address = try r.optionalText()
            let (contactName, contactPhone) = (try r.optionalText(), try r.optionalText())
            if let contactName, let contactPhone { intake.contact = Contact(name: contactName, phone: contactPhone) }
            intake.related = try r.related()
            return .callReceived(id, intake, policy: policy)
        },
        write: { change, w in
            guard case .callReceived(let id, let intake, let policy) = change else { return }
            w.call(id); w.text(intake.customer); w.text(intake.phone); w.text(intake.summary); w.optionalLevel(intake.level)
            w.optionalText(intake.region); w.optionalText(intake.product); w.optionalText(intake.serial); w.channel(intake.channel)
            w.optionalText(intake.tier); w.optionalText(intake.kind); w.optionalCount(policy)
            w.optionalDate(intake.purchased); w.optionalText(intake.defect)
            w.optionalText(intake.customerID?.rawValue); w.optionalText(intake.address)
            w.optionalText(intake.contact?.name); w.optionalText(intake.contact?.phone); w.optionalTexts(intake.related.isEmpty ? nil : intake.related.map(\.stored))
        })

    static let responded = aboutTheCall("call.responded", code: 4, Change.responded) {
        if case .responded(let id) = $0 { id } else { nil }
    }

    static let assigned = EventKind(
        "call.assigned", code: 5, [.call, .field("tech", .technician), .optional("previous", .technician)],
        read: { r throws(DecodeError) in .assigned(try r.call(), try r.technician(), previous: try r.optionalTechnician()) },
        write: { change, w in
            if case .assigned(let id, let tech, let previous) = change { w.call(id); w.technician(tech); w.optionalTechnician(previous) }
        })

    static let departed = aboutTheCall("call.departed", code: 6, Change.departed) {
        if case .departed(let id) = $0 { id } else { nil }
    }
    static let arrived = aboutTheCall("call.arrived", code: 7, Change.arrived) {
        if case .arrived(let id) = $0 { id } else { nil }
    }
    /// What fixed it came with schema 5: the cause's code, the fix in words, and each part
    /// used as `NAME×COUNT`.
    static let resolved = EventKind(
        "call.resolved", code: 8,
        [.call, .optional("cause", .text, since: 5), .optional("fix", .text, since: 5), .optional("parts", .texts, since: 5)],
        read: { r throws(DecodeError) in
            let id = try r.call()
            let resolution = Resolution(cause: try r.optionalText(), fix: try r.optionalText(), parts: (try r.optionalTexts() ?? []).map(PartUse.stored))
            return .resolved(id, resolution)
        },
        write: { change, w in
            guard case .resolved(let id, let resolution) = change else { return }
            w.call(id); w.optionalText(resolution.cause); w.optionalText(resolution.fix)
            w.optionalTexts(resolution.parts.isEmpty ? nil : resolution.parts.map(\.text))
        })
    static let closed = aboutTheCall("call.closed", code: 9, Change.closed) {
        if case .closed(let id) = $0 { id } else { nil }
    }

    static let noted = EventKind(
        "call.noted", code: 10, [.call, .field("text", .text)],
        read: { r throws(DecodeError) in .noted(try r.call(), try r.text()) },
        write: { change, w in if case .noted(let id, let text) = change { w.call(id); w.text(text) } })

    static let paused = withAReason("call.paused", code: 11, Change.paused) {
        if case .paused(let id, let reason) = $0 { (id, reason) } else { nil }
    }
    static let resumed = aboutTheCall("call.resumed", code: 12, Change.resumed) {
        if case .resumed(let id) = $0 { id } else { nil }
    }

    static let releveled = EventKind(
        "call.releveled", code: 13, [.call, .field("level", .level), .optional("from", .level), .field("reason", .text)],
        read: { r throws(DecodeError) in .releveled(try r.call(), try r.level(), from: try r.optionalLevel(), reason: try r.text()) },
        write: { change, w in
            if case .releveled(let id, let level, let from, let reason) = change { w.call(id); w.level(level); w.optionalLevel(from); w.text(reason) }
        })

    static let retimed = EventKind(
        "call.retimed", code: 14, [.call, .field("policy", .count), .field("reason", .text)],
        read: { r throws(DecodeError) in .retimed(try r.call(), policy: try r.count(), reason: try r.text()) },
        write: { change, w in if case .retimed(let id, let policy, let reason) = change { w.call(id); w.count(policy); w.text(reason) } })

    static let compacted = EventKind(
        "journal.compacted", code: 15,
        [.field("nextCall", .count), .field("eventsBefore", .count), .field("archivedCalls", .count), .optional("archive", .text)],
        read: { r throws(DecodeError) in
            .compacted(Compaction(nextCallNumber: try r.count(), eventsBefore: try r.count(), archivedCalls: try r.count(), archive: try r.optionalText()))
        },
        write: { change, w in
            guard case .compacted(let c) = change else { return }
            w.count(c.nextCallNumber); w.count(c.eventsBefore); w.count(c.archivedCalls); w.optionalText(c.archive)
        })

    static let repaired = EventKind(
        "journal.repaired", code: 16, [.field("nextCall", .count), .field("dropped", .count)],
        read: { r throws(DecodeError) in .repaired(nextCallNumber: try r.count(), dropped: try r.count()) },
        write: { change, w in if case .repaired(let next, let dropped) = change { w.count(next); w.count(dropped) } })

    /// An escalation step fired for one of the call's timers.
    static let escalated = EventKind(
        "call.escalated", code: 17, [.call, .field("step", .text), .field("timer", .timer), .field("notify", .text)],
        read: { r throws(DecodeError) in .escalated(try r.call(), step: try r.text(), timer: try r.timer(), notify: try r.text()) },
        write: { change, w in
            if case .escalated(let id, let step, let timer?, let notify) = change { w.call(id); w.text(step); w.timer(timer); w.text(notify) }
        })

    static let realerted = EventKind(
        "call.realerted", code: 18, [.call, .field("step", .text), .field("timer", .timer)],
        read: { r throws(DecodeError) in .realerted(try r.call(), step: try r.text(), timer: try r.timer()) },
        write: { change, w in if case .realerted(let id, let step, let timer?) = change { w.call(id); w.text(step); w.timer(timer) } })

    static let acknowledged = aboutTheCall("call.acknowledged", code: 19, Change.acknowledged) {
        if case .acknowledged(let id) = $0 { id } else { nil }
    }

    static let notified = EventKind(
        "call.notified", code: 20, [.call, .field("step", .text), .field("ok", .flag), .field("detail", .text)],
        read: { r throws(DecodeError) in .notified(try r.call(), step: try r.text(), ok: try r.flag(), detail: try r.text()) },
        write: { change, w in
            if case .notified(let id, let step, let ok, let detail) = change { w.call(id); w.text(step); w.flag(ok); w.text(detail) }
        })

    static let dispatchRequested = EventKind(
        "call.dispatch_requested", code: 21, [.call, .field("tech", .technician), .field("until", .time), .field("reason", .text)],
        read: { r throws(DecodeError) in .dispatchRequested(try r.call(), try r.technician(), until: try r.time(), reason: try r.text()) },
        write: { change, w in
            if case .dispatchRequested(let id, let tech, let until, let reason) = change { w.call(id); w.technician(tech); w.time(until); w.text(reason) }
        })

    static let requestLapsed = toATechnician("call.request_lapsed", code: 22, Change.requestLapsed) {
        if case .requestLapsed(let id, let tech) = $0 { (id, tech) } else { nil }
    }
    static let accepted = toATechnician("call.accepted", code: 23, Change.accepted) {
        if case .accepted(let id, let tech) = $0 { (id, tech) } else { nil }
    }
    static let cancelled = withAReason("call.cancelled", code: 24, Change.cancelled) {
        if case .cancelled(let id, let reason) = $0 { (id, reason) } else { nil }
    }
    static let reopened = withAReason("call.reopened", code: 25, Change.reopened) {
        if case .reopened(let id, let reason) = $0 { (id, reason) } else { nil }
    }
    static let unitReplaced = aboutTheCall("call.unit_replaced", code: 26, Change.unitReplaced) {
        if case .unitReplaced(let id) = $0 { id } else { nil }
    }

    /// An escalation about the call rather than one of its timers (nobody accepted an automatic
    /// dispatch offer): codes of their own, so the timers' layout stays as journaled and an
    /// older callboard stops at them asking for an upgrade. JSON has one type for both shapes,
    /// told apart by `timer`.
    static let callEscalated = EventKind(
        "call.escalated", code: 27, [.call, .field("step", .text), .field("notify", .text)],
        read: { r throws(DecodeError) in .escalated(try r.call(), step: try r.text(), timer: nil, notify: try r.text()) },
        write: { change, w in if case .escalated(let id, let step, nil, let notify) = change { w.call(id); w.text(step); w.text(notify) } })

    static let callRealerted = EventKind(
        "call.realerted", code: 28, [.call, .field("step", .text)],
        read: { r throws(DecodeError) in .realerted(try r.call(), step: try r.text(), timer: nil) },
        write: { change, w in if case .realerted(let id, let step, nil) = change { w.call(id); w.text(step) } })

    static let customerAdded = customerRecord("customer.added", code: 29, Change.customerAdded) {
        if case .customerAdded(let customer) = $0 { customer } else { nil }
    }

    static let customerEdited = customerRecord("customer.edited", code: 30, Change.customerEdited) {
        if case .customerEdited(let customer) = $0 { customer } else { nil }
    }

    static let unitRecorded = EventKind(
        "customer.unit_recorded", code: 31,
        [.field("customer", .text), .field("serial", .text), .optional("product", .text), .optional("purchased", .date),
         .optional("warrantyUntil", .date)],
        read: { r throws(DecodeError) in
            .unitRecorded(try r.customer(), CustomerUnit(serial: try r.text(), product: try r.optionalText(), purchased: try r.optionalDate(),
                                                         warrantyUntil: try r.optionalDate()))
        },
        write: { change, w in
            guard case .unitRecorded(let id, let unit) = change else { return }
            w.text(id.rawValue); w.text(unit.serial); w.optionalText(unit.product); w.optionalDate(unit.purchased); w.optionalDate(unit.warrantyUntil)
        })

    /// A follow-up (回访): the customer's score after the fix, 1 to 5, whether it reopened the
    /// call (the policy's threshold), and what they said.
    static let followedUp = EventKind(
        "call.followed_up", code: 39, [.call, .field("score", .count), .field("reopens", .flag), .optional("comment", .text)],
        read: { r throws(DecodeError) in
            let id = try r.call(), score = try r.count(), reopens = try r.flag()
            return .followedUp(id, score: score, comment: try r.optionalText(), reopens: reopens)
        },
        write: { change, w in
            if case .followedUp(let id, let score, let comment, let reopens) = change { w.call(id); w.count(score); w.flag(reopens); w.optionalText(comment) }
        })

    /// A follow-up call that did not reach the customer; `final`: the policy's last attempt.
    static let unreachable = EventKind(
        "call.unreachable", code: 40, [.call, .field("final", .flag)],
        read: { r throws(DecodeError) in .unreachable(try r.call(), final: try r.flag()) },
        write: { change, w in if case .unreachable(let id, let final) = change { w.call(id); w.flag(final) } })

    static let unitServiced = EventKind(
        "customer.unit_serviced", code: 41,
        [.field("customer", .text), .field("serial", .text), .field("on", .date), .optional("note", .text)],
        read: { r throws(DecodeError) in
            .unitServiced(try r.customer(), serial: try r.text(), on: try r.date(), note: try r.optionalText())
        },
        write: { change, w in
            guard case .unitServiced(let id, let serial, let day, let note) = change else { return }
            w.text(id.rawValue); w.text(serial); w.date(day); w.optionalText(note)
        })

    /// Every kind, by code.
    static let all: [EventKind] = [
        policyAdopted, technicianAdded, callReceived, responded, assigned, departed, arrived, resolved, closed, noted,
        paused, resumed, releveled, retimed, compacted, repaired, escalated, realerted, acknowledged, notified,
        dispatchRequested, requestLapsed, accepted, cancelled, reopened, unitReplaced, callEscalated, callRealerted,
        customerAdded, customerEdited, unitRecorded,
        technicianEdited, technicianOnLeave, technicianRetired, technicianRota, followedUp, unreachable,
        unitServiced,
    ]

    /// The kind of a change.
    static func of(_ change: Change) -> EventKind {
        switch change {
        case .policyAdopted: policyAdopted
        case .technicianAdded: technicianAdded
        case .technicianEdited: technicianEdited
        case .technicianOnLeave: technicianOnLeave
        case .technicianRetired: technicianRetired
        case .technicianRota: technicianRota
        case .followedUp: followedUp
        case .unreachable: unreachable
        case .callReceived: callReceived
        case .responded: responded
        case .assigned: assigned
        case .departed: departed
        case .arrived: arrived
        case .resolved: resolved
        case .closed: closed
        case .noted: noted
        case .paused: paused
        case .resumed: resumed
        case .releveled: releveled
        case .retimed: retimed
        case .compacted: compacted
        case .repaired: repaired
        case .escalated(_, _, let timer, _): timer == nil ? callEscalated : escalated
        case .realerted(_, _, let timer): timer == nil ? callRealerted : realerted
        case .acknowledged: acknowledged
        case .notified: notified
        case .dispatchRequested: dispatchRequested
        case .requestLapsed: requestLapsed
        case .accepted: accepted
        case .cancelled: cancelled
        case .reopened: reopened
        case .unitReplaced: unitReplaced
        case .customerAdded: customerAdded
        case .customerEdited: customerEdited
        case .unitRecorded: unitRecorded
        case .unitServiced: unitServiced
        }
    }

    /// The kinds by binary code (nil: a code never written).
    static let byCode: [EventKind?] = (0...255).map { code in all.first { $0.code == code } }

    /// The kinds by JSON type, in code order.
    static let byType: [String: [EventKind]] = Dictionary(grouping: all, by: \.type)

    // MARK: Shapes many kinds share

    /// A customer's whole record (without units).
    private static func customerRecord(_ type: String, code: UInt8, _ make: @escaping @Sendable (Customer) -> Change,
                                       _ match: @escaping @Sendable (Change) -> Customer?) -> EventKind {
        EventKind(type, code: code,
                  [.field("id", .text), .field("name", .text), .field("phones", .texts), .optional("address", .text),
                   .field("contactNames", .texts), .field("contactPhones", .texts)],
                  read: { r throws(DecodeError) in
                      let (id, name, phones, address) = (try r.customer(), try r.text(), try r.texts(), try r.optionalText())
                      return make(Customer(id: id, name: name, phones: phones, address: address, contacts: try r.contacts()))
                  },
                  write: { change, w in
                      guard let customer = match(change) else { return }
                      w.text(customer.id.rawValue); w.text(customer.name); w.texts(customer.phones); w.optionalText(customer.address)
                      w.texts(customer.contacts.map(\.name)); w.texts(customer.contacts.map(\.phone))
                  })
    }

    /// A kind whose only field is the call.
    private static func aboutTheCall(_ type: String, code: UInt8, _ make: @escaping @Sendable (CallID) -> Change,
                                     _ match: @escaping @Sendable (Change) -> CallID?) -> EventKind {
        EventKind(type, code: code, [.call],
                  read: { r throws(DecodeError) in make(try r.call()) },
                  write: { change, w in if let id = match(change) { w.call(id) } })
    }

    /// The call and why (`reason`).
    private static func withAReason(_ type: String, code: UInt8, _ make: @escaping @Sendable (CallID, String) -> Change,
                                    _ match: @escaping @Sendable (Change) -> (CallID, String)?) -> EventKind {
        EventKind(type, code: code, [.call, .field("reason", .text)],
                  read: { r throws(DecodeError) in make(try r.call(), try r.text()) },
                  write: { change, w in if let (id, reason) = match(change) { w.call(id); w.text(reason) } })
    }

    /// The call and a technician (`tech`).
    private static func toATechnician(_ type: String, code: UInt8, _ make: @escaping @Sendable (CallID, TechnicianID) -> Change,
                                      _ match: @escaping @Sendable (Change) -> (CallID, TechnicianID)?) -> EventKind {
        EventKind(type, code: code, [.call, .field("tech", .technician)],
                  read: { r throws(DecodeError) in make(try r.call(), try r.technician()) },
                  write: { change, w in if let (id, tech) = match(change) { w.call(id); w.technician(tech) } })
    }
}
