import CallboardCore
import Foundation

/// Events as compact binary payloads (event schema 3): what the journal writes.
///
/// JSON was measured first and decoded about 80,000 events a second, far from the million a
/// second a desk needs to open a year of journal at once; reading fields in a fixed order from
/// a byte buffer takes a few hundred nanoseconds an event (BENCHMARKS.md, `callboard-bench codec`).
///
/// Layout: `0x01` (a binary event; a JSON payload starts with `{`), the schema version, a type
/// code, then `at` (zigzag varint, seconds since 1970), `recorded − at` (zigzag varint), `by`
/// (string), then the type's fields in a fixed order. A string is a varint byte count and UTF-8;
/// an optional string or number stores count + 1 (0: absent).
enum BinaryEventCodec {
    static let marker: UInt8 = 0x01

    /// Type codes; never reuse one, only add, and only with a new schema version: an older build
    /// then tells a newer event (a schema it does not know) from a damaged one (a code its own
    /// schema never had).
    enum Code: UInt8 {
        case policyAdopted = 1, technicianAdded, callReceived, responded, assigned, departed, arrived, resolved,
             closed, noted, paused, resumed, releveled, retimed, compacted, repaired,
             escalated, realerted, acknowledged, notified, dispatchRequested, requestLapsed, accepted, cancelled, reopened, unitReplaced,
             // An escalation and a re-alert about the call rather than one of its timers (nobody
             // accepted an automatic dispatch offer): codes of their own, so the timers' layout
             // stays as journaled and an older callboard stops at them asking for an upgrade.
             callEscalated, callRealerted
    }

    static func encode(_ event: Event, into out: inout [UInt8]) {
        var w = Writer(out: out)
        out = []
        w.byte(marker)
        w.byte(UInt8(EventCodec.schemaVersion))
        let at = seconds(event.occurredAt)
        w.byte(code(event.change).rawValue)
        w.signed(at)
        w.signed(seconds(event.recordedAt) - at)
        w.string(event.actor)
        switch event.change {
        case .policyAdopted(let number, let policy):
            w.unsigned(UInt64(number)); w.unsigned(UInt64(PolicyParser.formatVersion)); w.string(policy.source)
        case .technicianAdded(let t):
            w.string(t.id.rawValue); w.string(t.name); w.optional(t.region)
            w.unsigned(UInt64(t.skills.count)); for skill in t.skills { w.string(skill) }
            w.string(t.shift.rawValue); w.optional(t.phone)
        case .callReceived(let id, let intake, let policy):
            w.unsigned(UInt64(id.number))
            w.string(intake.customer); w.string(intake.phone); w.string(intake.summary)
            w.optional(intake.level.map { $0.rawValue }); w.optional(intake.region); w.optional(intake.product)
            w.optional(intake.serial); w.string(intake.channel.rawValue); w.optional(intake.tier); w.optional(intake.kind)
            w.optional(policy)
            w.optional(intake.purchased.map { $0.dayNumber }); w.optional(intake.defect)
        case .assigned(let id, let tech, let previous):
            w.unsigned(UInt64(id.number)); w.string(tech.rawValue); w.optional(previous?.rawValue)
        case .noted(let id, let text):
            w.unsigned(UInt64(id.number)); w.string(text)
        case .responded(let id), .departed(let id), .arrived(let id), .resolved(let id), .closed(let id), .resumed(let id):
            w.unsigned(UInt64(id.number))
        case .paused(let id, let reason):
            w.unsigned(UInt64(id.number)); w.string(reason)
        case .releveled(let id, let level, let from, let reason):
            w.unsigned(UInt64(id.number)); w.unsigned(UInt64(level.rawValue)); w.optional(from.map { $0.rawValue }); w.string(reason)
        case .retimed(let id, let policy, let reason):
            w.unsigned(UInt64(id.number)); w.unsigned(UInt64(policy)); w.string(reason)
        case .compacted(let c):
            w.unsigned(UInt64(c.nextCallNumber)); w.unsigned(UInt64(c.eventsBefore)); w.unsigned(UInt64(c.archivedCalls)); w.optional(c.archive)
        case .repaired(let next, let dropped):
            w.unsigned(UInt64(next)); w.unsigned(UInt64(dropped))
        case .escalated(let id, let step, let timer?, let notify):
            w.unsigned(UInt64(id.number)); w.string(step); w.string(timer.rawValue); w.string(notify)
        case .realerted(let id, let step, let timer?):
            w.unsigned(UInt64(id.number)); w.string(step); w.string(timer.rawValue)
        case .escalated(let id, let step, nil, let notify):
            w.unsigned(UInt64(id.number)); w.string(step); w.string(notify)
        case .realerted(let id, let step, nil):
            w.unsigned(UInt64(id.number)); w.string(step)
        case .acknowledged(let id), .unitReplaced(let id):
            w.unsigned(UInt64(id.number))
        case .notified(let id, let step, let ok, let detail):
            w.unsigned(UInt64(id.number)); w.string(step); w.byte(ok ? 1 : 0); w.string(detail)
        case .dispatchRequested(let id, let tech, let until, let reason):
            w.unsigned(UInt64(id.number)); w.string(tech.rawValue); w.signed(seconds(until)); w.string(reason)
        case .requestLapsed(let id, let tech), .accepted(let id, let tech):
            w.unsigned(UInt64(id.number)); w.string(tech.rawValue)
        case .cancelled(let id, let reason), .reopened(let id, let reason):
            w.unsigned(UInt64(id.number)); w.string(reason)
        }
        out = w.out
    }

    static func decode(_ bytes: UnsafeRawBufferPointer) throws(EventCodec.DecodeError) -> Event {
        var r = Reader(bytes: bytes)
        guard try r.byte() == marker else { throw r.problem("is not a binary event") }
        let version = Int(try r.byte())
        guard version >= 3 else { throw r.problem("has binary schema version \(version), which was never written") }
        guard version <= EventCodec.schemaVersion else {
            throw EventCodec.DecodeError.newer("event schema version \(version) is newer than this callboard understands (\(EventCodec.schemaVersion)); upgrade callboard")
        }
        let rawCode = try r.byte()
        guard let code = Code(rawValue: rawCode) else {
            throw EventCodec.DecodeError(description: "event type code \(rawCode) was never written under schema \(version): the record is damaged or forged")
        }
        let at = try r.signed()
        let recorded = at &+ (try r.signed())
        guard EventCodec.plausibleTimes.contains(at), EventCodec.plausibleTimes.contains(recorded) else {
            throw r.problem("has a time outside the years 1970-2999")
        }
        let actor = try r.string()
        func call() throws(EventCodec.DecodeError) -> CallID {
            let number = try r.unsigned()
            guard number > 0, number < 1_000_000_000 else { throw r.problem("has call number \(number)") }
            return CallID(number: Int(number))
        }
        func tech(_ text: String) throws(EventCodec.DecodeError) -> TechnicianID {
            guard let id = TechnicianID(stored: text) else { throw r.problem("has a bad technician ID") }
            return id
        }
        func timerName(_ text: String) throws(EventCodec.DecodeError) -> TimerName {
            guard let timer = TimerName(rawValue: text) else { throw r.problem("has unknown timer '\(text)'") }
            return timer
        }
        func level(_ raw: UInt64) throws(EventCodec.DecodeError) -> FaultLevel {
            guard raw <= 9, let level = FaultLevel(rawValue: Int(raw)) else { throw r.problem("has unknown level \(raw)") }
            return level
        }
        let change: Change
        switch code {
        case .policyAdopted:
            let number = try r.int()
            let format = try r.unsigned()
            guard format <= UInt64(PolicyParser.formatVersion) else {
                throw EventCodec.DecodeError.newer("policy format \(format) is newer than this callboard reads (\(PolicyParser.formatVersion)); upgrade callboard")
            }
            let text = try r.string()
            change = .policyAdopted(number, try EventCodec.parseAdoptedPolicy(text))
        case .technicianAdded:
            let id = try tech(try r.string())
            let name = try r.string()
            let region = try r.optionalString()
            var skills: [String] = []
            for _ in 0..<(try r.count()) { skills.append(try r.string()) }
            let shiftText = try r.string()
            guard let shift = Shift(rawValue: shiftText) else { throw r.problem("has unknown shift '\(shiftText)'") }
            change = .technicianAdded(Technician(id: id, name: name, region: region, skills: skills, shift: shift, phone: try r.optionalString()))
        case .callReceived:
            let id = try call()
            let customer = try r.string(), phone = try r.string(), summary = try r.string()
            let levelValue = try r.optionalNumber().map { raw throws(EventCodec.DecodeError) in try level(raw) }
            let region = try r.optionalString(), product = try r.optionalString(), serial = try r.optionalString()
            let channelText = try r.string()
            guard let channel = Channel(rawValue: channelText) else { throw r.problem("has unknown channel '\(channelText)'") }
            let tier = try r.optionalString(), kind = try r.optionalString()
            let policy = try r.optionalNumber().map { raw throws(EventCodec.DecodeError) in
                guard raw <= UInt64(Int32.max) else { throw r.problem("has policy number \(raw), out of range") }
                return Int(raw)
            }
            var purchased: LocalDate?, defect: String?
            if version >= 4 {
                purchased = try r.optionalNumber().map { raw throws(EventCodec.DecodeError) in
                    guard raw <= 2_000_000 else { throw r.problem("has purchase day \(raw), out of range") }
                    return LocalDate(dayNumber: Int(raw))
                }
                defect = try r.optionalString()
            }
            change = .callReceived(id, CallIntake(customer: customer, phone: phone, summary: summary, level: levelValue, region: region,
                                                  product: product, serial: serial, channel: channel, tier: tier, kind: kind,
                                                  purchased: purchased, defect: defect),
                                   policy: policy)
        case .assigned:
            let id = try call()
            let technician = try tech(try r.string())
            let previous = try r.optionalString().map { text throws(EventCodec.DecodeError) in try tech(text) }
            change = .assigned(id, technician, previous: previous)
        case .responded: change = .responded(try call())
        case .departed: change = .departed(try call())
        case .arrived: change = .arrived(try call())
        case .resolved: change = .resolved(try call())
        case .closed: change = .closed(try call())
        case .resumed: change = .resumed(try call())
        case .noted:
            let id = try call()
            change = .noted(id, try r.string())
        case .paused:
            let id = try call()
            change = .paused(id, reason: try r.string())
        case .releveled:
            let id = try call()
            let to = try level(try r.unsigned())
            let from = try r.optionalNumber().map { raw throws(EventCodec.DecodeError) in try level(raw) }
            change = .releveled(id, to, from: from, reason: try r.string())
        case .retimed:
            let id = try call()
            let policy = try r.int()
            change = .retimed(id, policy: policy, reason: try r.string())
        case .compacted:
            let next = try r.int(), before = try r.int(), archived = try r.int()
            change = .compacted(Compaction(nextCallNumber: next, eventsBefore: before, archivedCalls: archived, archive: try r.optionalString()))
        case .repaired:
            let next = try r.int()
            change = .repaired(nextCallNumber: next, dropped: try r.int())
        case .escalated:
            let id = try call(), step = try r.string(), timer = try timerName(try r.string())
            change = .escalated(id, step: step, timer: timer, notify: try r.string())
        case .realerted:
            let id = try call(), step = try r.string()
            change = .realerted(id, step: step, timer: try timerName(try r.string()))
        case .callEscalated:
            let id = try call(), step = try r.string()
            change = .escalated(id, step: step, timer: nil, notify: try r.string())
        case .callRealerted:
            let id = try call()
            change = .realerted(id, step: try r.string(), timer: nil)
        case .acknowledged: change = .acknowledged(try call())
        case .unitReplaced: change = .unitReplaced(try call())
        case .notified:
            let id = try call(), step = try r.string(), ok = try r.byte() != 0
            change = .notified(id, step: step, ok: ok, detail: try r.string())
        case .dispatchRequested:
            let id = try call(), technician = try tech(try r.string()), until = try r.signed()
            guard EventCodec.plausibleTimes.contains(until) else { throw r.problem("has a time outside the years 1970-2999") }
            change = .dispatchRequested(id, technician, until: Date(timeIntervalSince1970: TimeInterval(until)), reason: try r.string())
        case .requestLapsed:
            let id = try call()
            change = .requestLapsed(id, try tech(try r.string()))
        case .accepted:
            let id = try call()
            change = .accepted(id, try tech(try r.string()))
        case .cancelled:
            let id = try call()
            change = .cancelled(id, reason: try r.string())
        case .reopened:
            let id = try call()
            change = .reopened(id, reason: try r.string())
        }
        guard r.atEnd else { throw r.problem("has \(bytes.count - r.at) bytes after its last field") }
        return Event(occurredAt: Date(timeIntervalSince1970: TimeInterval(at)),
                     recordedAt: Date(timeIntervalSince1970: TimeInterval(recorded)), actor: actor, change: change)
    }

    static func code(_ change: Change) -> Code {
        switch change {
        case .policyAdopted: .policyAdopted
        case .technicianAdded: .technicianAdded
        case .callReceived: .callReceived
        case .responded: .responded
        case .assigned: .assigned
        case .departed: .departed
        case .arrived: .arrived
        case .resolved: .resolved
        case .closed: .closed
        case .noted: .noted
        case .paused: .paused
        case .resumed: .resumed
        case .releveled: .releveled
        case .retimed: .retimed
        case .compacted: .compacted
        case .repaired: .repaired
        case .escalated(_, _, let timer, _): timer == nil ? .callEscalated : .escalated
        case .realerted(_, _, let timer): timer == nil ? .callRealerted : .realerted
        case .acknowledged: .acknowledged
        case .notified: .notified
        case .dispatchRequested: .dispatchRequested
        case .requestLapsed: .requestLapsed
        case .accepted: .accepted
        case .cancelled: .cancelled
        case .reopened: .reopened
        case .unitReplaced: .unitReplaced
        }
    }

    private static func seconds(_ date: Date) -> Int64 { Int64(date.timeIntervalSince1970.rounded(.down)) }

    private struct Writer {
        var out: [UInt8]

        mutating func byte(_ value: UInt8) { out.append(value) }

        mutating func unsigned(_ value: UInt64) {
            var v = value
            while v >= 0x80 {
                out.append(UInt8(truncatingIfNeeded: v) | 0x80)
                v >>= 7
            }
            out.append(UInt8(v))
        }

        mutating func signed(_ value: Int64) {
            unsigned(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
        }

        mutating func string(_ text: String) {
            var text = text
            text.withUTF8 { utf8 in
                unsigned(UInt64(utf8.count))
                out.append(contentsOf: utf8)
            }
        }

        mutating func optional(_ text: String?) {
            guard var text else { return unsigned(0) }
            text.withUTF8 { utf8 in
                unsigned(UInt64(utf8.count) + 1)
                out.append(contentsOf: utf8)
            }
        }

        mutating func optional(_ number: Int?) {
            unsigned(number.map { UInt64($0) + 1 } ?? 0)
        }
    }

    private struct Reader {
        let bytes: UnsafeRawBufferPointer
        var at = 0

        var atEnd: Bool { at == bytes.count }

        func problem(_ what: String) -> EventCodec.DecodeError {
            EventCodec.DecodeError(description: "binary event \(what) (byte \(at) of its payload)")
        }

        mutating func byte() throws(EventCodec.DecodeError) -> UInt8 {
            guard at < bytes.count else { throw problem("ends early") }
            defer { at += 1 }
            return bytes[at]
        }

        mutating func unsigned() throws(EventCodec.DecodeError) -> UInt64 {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                let b = try byte()
                guard shift < 64, shift < 63 || b <= 1 else { throw problem("has a number that is too long") }
                value |= UInt64(b & 0x7F) << shift
                if b < 0x80 { return value }
                shift += 7
            }
        }

        /// A count or number that must fit comfortably in an Int (a crafted file must not trap).
        mutating func int() throws(EventCodec.DecodeError) -> Int {
            let n = try unsigned()
            guard n <= UInt64(Int32.max) else { throw problem("has number \(n), out of range") }
            return Int(n)
        }

        mutating func signed() throws(EventCodec.DecodeError) -> Int64 {
            let raw = try unsigned()
            return Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1)
        }

        mutating func count() throws(EventCodec.DecodeError) -> Int {
            let n = try unsigned()
            guard n <= UInt64(bytes.count - at) else { throw problem("has a length of \(n) past its end") }
            return Int(n)
        }

        mutating func text(_ length: Int) throws(EventCodec.DecodeError) -> String {
            let slice = UnsafeRawBufferPointer(rebasing: bytes[at..<(at + length)])
            guard let text = String(validating: slice, as: UTF8.self) else { throw problem("has text that is not UTF-8") }
            at += length
            return text
        }

        mutating func string() throws(EventCodec.DecodeError) -> String {
            try text(try count())
        }

        mutating func optionalString() throws(EventCodec.DecodeError) -> String? {
            let n = try unsigned()
            if n == 0 { return nil }
            guard n - 1 <= UInt64(bytes.count - at) else { throw problem("has a length of \(n - 1) past its end") }
            return try text(Int(n - 1))
        }

        mutating func optionalNumber() throws(EventCodec.DecodeError) -> UInt64? {
            let n = try unsigned()
            return n == 0 ? nil : n - 1
        }
    }
}
