import CallboardCore
import Foundation

/// Events as journal payloads, each carrying its own schema version so that journals written
/// today still replay after the event model grows.
///
/// The journal writes the binary encoding (BinaryEventCodec, schema 3); journals from before it
/// hold one JSON object per record (schemas 1 and 2), which still replay. JSON is also the
/// export format (`journal export --json`), with the same fields in any schema.
///
/// Times are whole seconds since 1970 (UTC): deadlines are exact to the second and a time zone
/// is a matter of display.
public enum EventCodec {
    /// The event schema this build writes and the newest it reads. Version 2 added policies,
    /// pauses, relevels and retimes, and the tier, kind and policy of a call; version 1 events
    /// (calls timed by the general promise) still replay. Version 3 is version 2's fields in
    /// the binary encoding, and journals the policy format with each adopted policy. Version 4
    /// adds a call's purchase date and defect, escalations, automatic dispatch, cancel, reopen
    /// and replacement (a version 3 call has no purchase date or defect). Escalations about a
    /// call rather than a timer (nobody accepted an offer) came later within version 4, as two
    /// new binary type codes and JSON events without `timer`: nothing written before changed.
    public static let schemaVersion = 4

    /// Seconds since 1970 that an event's times may take (1970 to the end of 2999): a forged or
    /// damaged time outside them is refused rather than carried into calendar arithmetic.
    static let plausibleTimes: ClosedRange<Int64> = 0...32_503_680_000

    struct Payload: Codable {
        // export only: the record's sequence number in the journal
        var seq: UInt64?
        var v: Int
        var type: String
        var at: Int64
        var recorded: Int64
        var by: String
        var call: String?
        var tech: String?
        var previous: String?
        // technician.added
        var id: String?
        var name: String?
        var region: String?
        var skills: [String]?
        var shift: String?
        var phone: String?
        // call.received
        var customer: String?
        var summary: String?
        var level: Int?
        var product: String?
        var serial: String?
        var channel: String?
        // call.received (v2)
        var tier: String?
        var kind: String?
        var policy: Int?
        // call.noted; policy.adopted (the policy file's text)
        var text: String?
        // call.paused, call.releveled, call.retimed
        var reason: String?
        // policy.adopted
        var number: Int?
        // call.releveled: the level before
        var from: Int?
        // journal.compacted
        var nextCall: Int?
        var eventsBefore: Int?
        var archivedCalls: Int?
        var archive: String?
        // journal.repaired
        var dropped: Int?
        // escalations, notifications, automatic dispatch
        var step: String?
        var timer: String?
        var notify: String?
        var ok: Bool?
        var detail: String?
        var until: Int64?
        // call.received: the unit's purchase date and the defect's classification
        var purchased: String?
        var defect: String?

        init(v: Int, type: String, at: Int64, recorded: Int64, by: String) {
            self.v = v; self.type = type; self.at = at; self.recorded = recorded; self.by = by
        }
    }

    public struct DecodeError: Error, CustomStringConvertible {
        public var description: String
        /// Written by a newer callboard (a schema or policy format this build does not know):
        /// not damage, and never dropped by a repair.
        public var isNewer = false

        static func newer(_ description: String) -> DecodeError { DecodeError(description: description, isNewer: true) }
    }

    /// The journal payload for `event` (binary).
    public static func encode(_ event: Event) -> [UInt8] {
        var out: [UInt8] = []
        BinaryEventCodec.encode(event, into: &out)
        return out
    }

    /// Appends the journal payload for `event` to `out`.
    public static func encode(_ event: Event, into out: inout [UInt8]) {
        var payload: [UInt8] = []
        BinaryEventCodec.encode(event, into: &payload)
        out.append(contentsOf: payload)
    }

    /// Reads a journal payload in either encoding.
    public static func decode(_ bytes: UnsafeRawBufferPointer, decoder: JSONDecoder = JSONDecoder()) throws -> Event {
        if bytes.first == BinaryEventCodec.marker { return try BinaryEventCodec.decode(bytes) }
        return try decodeJSON(bytes, decoder: decoder)
    }

    /// One event as a line of JSON (no newline), optionally with its journal sequence number;
    /// characters that could act on a terminal are escaped.
    public static func json(_ event: Event, sequence: UInt64? = nil) -> [UInt8] {
        var p = payload(event)
        p.seq = sequence
        // Encoding a plain struct of strings and numbers cannot fail.
        let data = (try? encoder.encode(p)) ?? Data()
        return Array(TextRules.escapingUnsafe(json: String(decoding: data, as: UTF8.self)).utf8)
    }

    static func payload(_ event: Event) -> Payload {
        var p = Payload(v: schemaVersion, type: typeName(event.change), at: seconds(event.occurredAt),
                        recorded: seconds(event.recordedAt), by: event.actor)
        switch event.change {
        case .policyAdopted(let number, let policy):
            p.number = number; p.text = policy.source
        case .technicianAdded(let t):
            p.id = t.id.rawValue; p.name = t.name; p.region = t.region; p.skills = t.skills
            p.shift = t.shift.rawValue; p.phone = t.phone
        case .callReceived(let id, let intake, let policy):
            p.call = id.description; p.customer = intake.customer; p.phone = intake.phone; p.summary = intake.summary
            p.level = intake.level?.rawValue; p.region = intake.region; p.product = intake.product
            p.serial = intake.serial; p.channel = intake.channel.rawValue; p.tier = intake.tier; p.kind = intake.kind
            p.purchased = intake.purchased?.description; p.defect = intake.defect
            p.policy = policy
        case .assigned(let id, let tech, let previous):
            p.call = id.description; p.tech = tech.rawValue; p.previous = previous?.rawValue
        case .noted(let id, let text):
            p.call = id.description; p.text = text
        case .responded(let id), .departed(let id), .arrived(let id), .resolved(let id), .closed(let id), .resumed(let id):
            p.call = id.description
        case .paused(let id, let reason):
            p.call = id.description; p.reason = reason
        case .releveled(let id, let level, let from, let reason):
            p.call = id.description; p.level = level.rawValue; p.from = from?.rawValue; p.reason = reason
        case .retimed(let id, let policy, let reason):
            p.call = id.description; p.policy = policy; p.reason = reason
        case .compacted(let c):
            p.nextCall = c.nextCallNumber; p.eventsBefore = c.eventsBefore; p.archivedCalls = c.archivedCalls; p.archive = c.archive
        case .repaired(let next, let dropped):
            p.nextCall = next; p.dropped = dropped
        case .escalated(let id, let step, let timer, let notify):
            p.call = id.description; p.step = step; p.timer = timer?.rawValue; p.notify = notify
        case .realerted(let id, let step, let timer):
            p.call = id.description; p.step = step; p.timer = timer?.rawValue
        case .acknowledged(let id), .unitReplaced(let id):
            p.call = id.description
        case .notified(let id, let step, let ok, let detail):
            p.call = id.description; p.step = step; p.ok = ok; p.detail = detail
        case .dispatchRequested(let id, let tech, let until, let reason):
            p.call = id.description; p.tech = tech.rawValue; p.until = seconds(until); p.reason = reason
        case .requestLapsed(let id, let tech), .accepted(let id, let tech):
            p.call = id.description; p.tech = tech.rawValue
        case .cancelled(let id, let reason), .reopened(let id, let reason):
            p.call = id.description; p.reason = reason
        }
        return p
    }

    /// A policy journaled as its text, parsed again on replay (so the parser stays backward
    /// compatible within a policy format version).
    static func parseAdoptedPolicy(_ text: String) throws(DecodeError) -> SLAPolicy {
        do {
            return try PolicyParser.parseRecorded(text)
        } catch {
            throw DecodeError(description: "the adopted policy no longer reads: \(error.problems.first?.description ?? "")")
        }
    }

    static func decodeJSON(_ bytes: UnsafeRawBufferPointer, decoder: JSONDecoder) throws -> Event {
        let p: Payload
        do {
            p = try decoder.decode(Payload.self, from: Data(bytes))
        } catch {
            throw DecodeError(description: "payload is not a readable event (\(error))")
        }
        guard p.v >= 1 else { throw DecodeError(description: "event schema version \(p.v) is not valid") }
        guard p.v <= schemaVersion else {
            throw DecodeError.newer("event schema version \(p.v) is newer than this callboard understands (\(schemaVersion)); upgrade callboard")
        }
        guard plausibleTimes.contains(p.at), plausibleTimes.contains(p.recorded) else {
            throw DecodeError(description: "\(p.type) event has a time outside the years 1970-2999")
        }
        // Counts and numbers are never negative.
        for (key, value) in [("number", p.number), ("policy", p.policy), ("level", p.level), ("from", p.from), ("nextCall", p.nextCall),
                             ("eventsBefore", p.eventsBefore), ("archivedCalls", p.archivedCalls), ("dropped", p.dropped)] {
            if let value, value < 0 || value > Int(Int32.max) { throw DecodeError(description: "\(p.type) event has \(key) \(value), out of range") }
        }
        func need<T>(_ value: T?, _ key: String) throws -> T {
            guard let value else { throw DecodeError(description: "\(p.type) event lacks '\(key)'") }
            return value
        }
        func callID() throws -> CallID {
            guard let id = CallID(try need(p.call, "call")) else { throw DecodeError(description: "bad call ID in \(p.type) event") }
            return id
        }
        func techID(_ text: String?, _ key: String) throws -> TechnicianID {
            guard let id = TechnicianID(try need(text, key)) else { throw DecodeError(description: "bad technician ID in \(p.type) event") }
            return id
        }
        /// An optional value that, when present, must be one this build knows: never guessed.
        func known<T>(_ raw: String?, _ key: String, _ make: (String) -> T?) throws -> T? {
            guard let raw else { return nil }
            guard let value = make(raw) else { throw DecodeError(description: "\(p.type) event has unknown \(key) '\(raw)'") }
            return value
        }
        func level(_ value: Int?) throws -> FaultLevel? {
            try known(value.map(String.init), "level") { Int($0).flatMap(FaultLevel.init(rawValue:)) }
        }
        let change: Change
        switch p.type {
        case "policy.adopted":
            change = .policyAdopted(try need(p.number, "number"), try parseAdoptedPolicy(try need(p.text, "text")))
        case "technician.added":
            change = .technicianAdded(Technician(id: try techID(p.id, "id"), name: try need(p.name, "name"), region: p.region,
                                                 skills: p.skills ?? [], shift: try known(p.shift, "shift", Shift.init(rawValue:)) ?? .day,
                                                 phone: p.phone))
        case "call.received":
            let intake = CallIntake(customer: try need(p.customer, "customer"), phone: try need(p.phone, "phone"),
                                    summary: try need(p.summary, "summary"), level: try level(p.level),
                                    region: p.region, product: p.product, serial: p.serial,
                                    channel: try known(p.channel, "channel", Channel.init(rawValue:)) ?? .phone,
                                    tier: p.tier, kind: p.kind, purchased: try known(p.purchased, "purchased", LocalDate.init), defect: p.defect)
            change = .callReceived(try callID(), intake, policy: p.policy)
        case "call.responded": change = .responded(try callID())
        case "call.assigned":
            change = .assigned(try callID(), try techID(p.tech, "tech"), previous: try p.previous.map { try techID($0, "previous") })
        case "call.departed": change = .departed(try callID())
        case "call.arrived": change = .arrived(try callID())
        case "call.resolved": change = .resolved(try callID())
        case "call.closed": change = .closed(try callID())
        case "call.noted": change = .noted(try callID(), try need(p.text, "text"))
        case "call.paused": change = .paused(try callID(), reason: try need(p.reason, "reason"))
        case "call.resumed": change = .resumed(try callID())
        case "call.releveled":
            change = .releveled(try callID(), try need(try level(p.level), "level"), from: try level(p.from), reason: try need(p.reason, "reason"))
        case "call.retimed": change = .retimed(try callID(), policy: try need(p.policy, "policy"), reason: try need(p.reason, "reason"))
        // Without a timer: about the call (nobody accepted an automatic dispatch offer).
        case "call.escalated":
            change = .escalated(try callID(), step: try need(p.step, "step"), timer: try known(p.timer, "timer", TimerName.init(rawValue:)),
                                notify: try need(p.notify, "notify"))
        case "call.realerted":
            change = .realerted(try callID(), step: try need(p.step, "step"), timer: try known(p.timer, "timer", TimerName.init(rawValue:)))
        case "call.acknowledged": change = .acknowledged(try callID())
        case "call.unit_replaced": change = .unitReplaced(try callID())
        case "call.notified":
            change = .notified(try callID(), step: try need(p.step, "step"), ok: try need(p.ok, "ok"), detail: try need(p.detail, "detail"))
        case "call.dispatch_requested":
            let until = try need(p.until, "until")
            guard plausibleTimes.contains(until) else { throw DecodeError(description: "\(p.type) event has a time outside the years 1970-2999") }
            change = .dispatchRequested(try callID(), try techID(p.tech, "tech"), until: Date(timeIntervalSince1970: TimeInterval(until)),
                                        reason: try need(p.reason, "reason"))
        case "call.request_lapsed": change = .requestLapsed(try callID(), try techID(p.tech, "tech"))
        case "call.accepted": change = .accepted(try callID(), try techID(p.tech, "tech"))
        case "call.cancelled": change = .cancelled(try callID(), reason: try need(p.reason, "reason"))
        case "call.reopened": change = .reopened(try callID(), reason: try need(p.reason, "reason"))
        case "journal.repaired":
            change = .repaired(nextCallNumber: try need(p.nextCall, "nextCall"), dropped: try need(p.dropped, "dropped"))
        case "journal.compacted":
            change = .compacted(Compaction(nextCallNumber: try need(p.nextCall, "nextCall"), eventsBefore: try need(p.eventsBefore, "eventsBefore"),
                                           archivedCalls: try need(p.archivedCalls, "archivedCalls"), archive: p.archive))
        default:
            throw DecodeError(description: "event type '\(p.type)' was never written under schema \(p.v): the record is damaged or forged")
        }
        return Event(occurredAt: Date(timeIntervalSince1970: TimeInterval(p.at)),
                     recordedAt: Date(timeIntervalSince1970: TimeInterval(p.recorded)), actor: p.by, change: change)
    }

    public static func typeName(_ change: Change) -> String {
        switch change {
        case .policyAdopted: "policy.adopted"
        case .paused: "call.paused"
        case .resumed: "call.resumed"
        case .releveled: "call.releveled"
        case .retimed: "call.retimed"
        case .technicianAdded: "technician.added"
        case .callReceived: "call.received"
        case .responded: "call.responded"
        case .assigned: "call.assigned"
        case .departed: "call.departed"
        case .arrived: "call.arrived"
        case .resolved: "call.resolved"
        case .closed: "call.closed"
        case .noted: "call.noted"
        case .compacted: "journal.compacted"
        case .repaired: "journal.repaired"
        case .escalated: "call.escalated"
        case .realerted: "call.realerted"
        case .acknowledged: "call.acknowledged"
        case .notified: "call.notified"
        case .dispatchRequested: "call.dispatch_requested"
        case .requestLapsed: "call.request_lapsed"
        case .accepted: "call.accepted"
        case .cancelled: "call.cancelled"
        case .reopened: "call.reopened"
        case .unitReplaced: "call.unit_replaced"
        }
    }

    private static func seconds(_ date: Date) -> Int64 { Int64(date.timeIntervalSince1970.rounded(.down)) }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
}
