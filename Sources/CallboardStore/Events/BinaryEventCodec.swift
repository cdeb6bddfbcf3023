import CallboardCore
import Foundation

/// Events as compact binary payloads (event schemas 3 and 4): what the journal writes.
///
/// JSON was measured first and decoded about 80,000 events a second, far from the million a
/// second a desk needs to open a year of journal at once; reading fields in a fixed order from
/// a byte buffer takes a few hundred nanoseconds an event (BENCHMARKS.md, `callboard-bench codec`).
///
/// Layout: `0x01` (a binary event; a JSON payload starts with `{`), the schema version, the
/// kind's type code, then `at` (zigzag varint, seconds since 1970), `recorded − at` (zigzag
/// varint), `by` (string), then the kind's fields in the order EventKinds lists them. A string
/// is a varint byte count and UTF-8; an optional string or number stores count + 1 (0: absent).
enum BinaryEventCodec {
    static let marker: UInt8 = 0x01
    /// The first schema written in binary (schemas 1 and 2 are JSON).
    static let firstSchema = 3

    static func encode(_ event: Event, into out: inout [UInt8]) {
        let kind = EventKinds.of(event.change)
        // The writer takes the buffer over while it writes (no copy), and gives it back.
        var fields = EventFieldWriter(binary: BinaryWriter(out: out), kind: kind)
        out = []
        fields.binary.byte(marker)
        fields.binary.byte(UInt8(EventCodec.schemaVersion))
        fields.binary.byte(kind.code)
        let at = EventCodec.seconds(event.occurredAt)
        fields.binary.signed(at)
        fields.binary.signed(EventCodec.seconds(event.recordedAt) - at)
        fields.binary.string(event.actor)
        kind.write(event.change, &fields)
        fields.assertFinished()
        out = fields.binary.out
    }

    static func decode(_ bytes: UnsafeRawBufferPointer) throws(EventCodec.DecodeError) -> Event {
        var r = BinaryReader(bytes: bytes)
        guard try r.byte() == marker else { throw r.problem(.binaryNotBinary) }
        let version = Int(try r.byte())
        guard version >= firstSchema else { throw r.problem(.binarySchemaNeverWritten, ["version": "\(version)"]) }
        guard version <= EventCodec.schemaVersion else {
            throw EventCodec.DecodeError.newer(.schemaNewer, ["version": "\(version)", "understands": "\(EventCodec.schemaVersion)"])
        }
        let code = try r.byte()
        guard let kind = EventKinds.byCode[Int(code)] else {
            throw EventCodec.DecodeError(.typeCodeNeverWritten, ["code": "\(code)", "version": "\(version)"])
        }
        let at = try r.signed()
        let recorded = at &+ (try r.signed())
        guard EventCodec.plausibleTimes.contains(at), EventCodec.plausibleTimes.contains(recorded) else {
            throw r.problem(.binaryTimeOutside)
        }
        let actor = try r.string()
        var fields = EventFieldReader(binary: r, schema: version, kind: kind)
        let change = try kind.read(&fields)
        fields.assertFinished()
        let rest = fields.binary
        guard rest.atEnd else { throw rest.problem(.binaryTrailingBytes, ["count": "\(bytes.count - rest.at)"]) }
        return Event(occurredAt: Date(timeIntervalSince1970: TimeInterval(at)),
                     recordedAt: Date(timeIntervalSince1970: TimeInterval(recorded)), actor: actor, change: change)
    }
}

extension BinaryEventCodec {
    /// What a payload is about, told from its first bytes without decoding it.
    enum Subject: Equatable {
        case call(Int)
        /// A desk-wide kind (a policy, a technician, a compaction).
        case desk
        /// JSON, a newer schema or unreadable bytes: decode it to know.
        case unknown
    }

    /// Reading one call back from the journal walks every record; only that call's are decoded.
    static func subject(of bytes: UnsafeRawBufferPointer) -> Subject {
        var r = BinaryReader(bytes: bytes)
        do {
            guard try r.byte() == marker else { return .unknown }
            let version = Int(try r.byte())
            guard version >= firstSchema, version <= EventCodec.schemaVersion, let kind = EventKinds.byCode[Int(try r.byte())] else { return .unknown }
            guard kind.fields.first == .call else { return .desk }
            _ = try r.signed()
            _ = try r.signed()
            r.at += try r.count()
            let number = try r.unsigned()
            return number > 0 && number < 1_000_000_000 ? .call(Int(number)) : .unknown
        } catch {
            return .unknown
        }
    }
}

/// Appends varints, zigzag varints and strings to a payload.
struct BinaryWriter {
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

/// Reads varints, zigzag varints and strings from a payload, refusing (never trapping on) any
/// that run past its end or overflow.
struct BinaryReader {
    let bytes: UnsafeRawBufferPointer
    var at = 0

    var atEnd: Bool { at == bytes.count }
    /// Bytes not read yet: a bound for any count read from them (each entry takes at least one).
    var remaining: Int { bytes.count - at }

    func problem(_ what: JournalText, _ arguments: [String: Message.Argument] = [:]) -> EventCodec.DecodeError {
        EventCodec.DecodeError(.binaryProblem, ["what": .message(what(arguments)), "at": "\(at)"])
    }

    mutating func byte() throws(EventCodec.DecodeError) -> UInt8 {
        guard at < bytes.count else { throw problem(.binaryEndsEarly) }
        defer { at += 1 }
        return bytes[at]
    }

    mutating func unsigned() throws(EventCodec.DecodeError) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try byte()
            guard shift < 64, shift < 63 || b <= 1 else { throw problem(.binaryNumberTooLong) }
            value |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return value }
            shift += 7
        }
    }

    /// A count or number that must fit comfortably in an Int (a crafted file must not trap).
    mutating func int() throws(EventCodec.DecodeError) -> Int {
        let n = try unsigned()
        guard n <= UInt64(Int32.max) else { throw problem(.binaryNumberOutOfRange, ["number": "\(n)"]) }
        return Int(n)
    }

    mutating func signed() throws(EventCodec.DecodeError) -> Int64 {
        let raw = try unsigned()
        return Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1)
    }

    mutating func count() throws(EventCodec.DecodeError) -> Int {
        let n = try unsigned()
        guard n <= UInt64(bytes.count - at) else { throw problem(.binaryLengthPastEnd, ["length": "\(n)"]) }
        return Int(n)
    }

    mutating func text(_ length: Int) throws(EventCodec.DecodeError) -> String {
        let slice = UnsafeRawBufferPointer(rebasing: bytes[at..<(at + length)])
        // `String(decoding:)` is the standard library's specialised fast path (it validates as it
        // copies, repairing what is not UTF-8); `String(validating:)` reached here unspecialised,
        // a sixth of a replay. A repair changes the bytes, so comparing them back refuses exactly
        // what is not UTF-8, as before.
        var text = String(decoding: slice.assumingMemoryBound(to: UInt8.self), as: UTF8.self)
        let same = length == 0 || text.withUTF8 { stored in stored.count == length && memcmp(stored.baseAddress!, slice.baseAddress!, length) == 0 }
        guard same else { throw problem(.binaryNotUTF8) }
        at += length
        return text
    }

    mutating func string() throws(EventCodec.DecodeError) -> String {
        try text(try count())
    }

    mutating func optionalString() throws(EventCodec.DecodeError) -> String? {
        let n = try unsigned()
        if n == 0 { return nil }
        guard n - 1 <= UInt64(bytes.count - at) else { throw problem(.binaryLengthPastEnd, ["length": "\(n - 1)"]) }
        return try text(Int(n - 1))
    }

    mutating func optionalNumber() throws(EventCodec.DecodeError) -> UInt64? {
        let n = try unsigned()
        return n == 0 ? nil : n - 1
    }
}
