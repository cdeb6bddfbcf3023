import CallboardCore
import Foundation

/// Events as JSON objects: what the first builds journaled (schemas 1 and 2, still replayed) and
/// what `journal export --json` writes, one object per line. An object holds `v` (the schema),
/// `type` (the kind's JSON type), `at` and `recorded` (seconds since 1970), `by`, and the kind's
/// fields by name (EventKinds); an export line adds `seq`. Keys are sorted, absent optional
/// fields left out.
enum JSONEventCodec {
    static func encode(_ event: Event, sequence: UInt64?) -> Data {
        let kind = EventKinds.of(event.change)
        var fields = EventFieldWriter(jsonFor: kind)
        kind.write(event.change, &fields)
        fields.assertFinished()
        let line = Line(seq: sequence, v: EventCodec.schemaVersion, type: kind.type, at: EventCodec.seconds(event.occurredAt),
                        recorded: EventCodec.seconds(event.recordedAt), by: event.actor, fields: fields.json ?? [:])
        // Encoding strings, numbers and lists cannot fail.
        return (try? encoder.encode(line)) ?? Data()
    }

    static func decode(_ bytes: UnsafeRawBufferPointer, decoder: JSONDecoder) throws(EventCodec.DecodeError) -> Event {
        do {
            return try decodeLine(bytes, decoder: decoder).event
        } catch where error.notAnEventObject {
            throw EventCodec.DecodeError(.notReadable, ["problem": .message(error.text)])
        }
    }

    /// An object as `journal export --json` writes it, with its sequence number (nil if it has
    /// none): give it a decoder from `exportDecoder()`, which reads `seq` too.
    static func decodeLine(_ bytes: UnsafeRawBufferPointer, decoder: JSONDecoder) throws(EventCodec.DecodeError) -> (event: Event, sequence: UInt64?, schema: Int) {
        let line: Line
        do {
            line = try decoder.decode(Line.self, from: Data(bytes))
        } catch let error as DecodingError {
            throw EventCodec.DecodeError(notAnEventObject: problem(error))
        } catch {
            throw EventCodec.DecodeError(notAnEventObject: JournalText.unexpectedJSON(["problem": "\(error)"]))
        }
        guard line.v >= 1 else { throw EventCodec.DecodeError(.schemaInvalid, ["version": "\(line.v)"]) }
        guard line.v <= EventCodec.schemaVersion else {
            throw EventCodec.DecodeError.newer(.schemaNewer, ["version": "\(line.v)", "understands": "\(EventCodec.schemaVersion)"])
        }
        guard EventCodec.plausibleTimes.contains(line.at), EventCodec.plausibleTimes.contains(line.recorded) else {
            throw EventCodec.DecodeError(.timeOutside, ["type": "\(line.type)"])
        }
        guard let kind = kind(line.type, with: line.fields) else {
            throw EventCodec.DecodeError(.typeNeverWritten, ["type": "\(line.type)", "version": "\(line.v)"])
        }
        var reader = EventFieldReader(json: line.fields, schema: line.v, kind: kind)
        let change = try kind.read(&reader)
        reader.assertFinished()
        let event = Event(occurredAt: Date(timeIntervalSince1970: TimeInterval(line.at)),
                          recordedAt: Date(timeIntervalSince1970: TimeInterval(line.recorded)), actor: line.by, change: change)
        return (event, line.seq, line.v)
    }

    /// A decoder that reads an export line's `seq` as well (the journal's own JSON payloads,
    /// from the first builds, have none, and their decoder passes over the key).
    static func exportDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.userInfo[readsSequence] = true
        return decoder
    }

    private static let readsSequence = CodingUserInfoKey(rawValue: "callboard.readsSequence")!

    /// What is wrong with an object the JSON decoder refused, in a person's words: not JSON at
    /// all, a key missing, a value of the wrong JSON type or out of range.
    static func problem(_ error: DecodingError) -> Message {
        func field(_ context: DecodingError.Context) -> String? { context.codingPath.first?.stringValue }
        func expected(_ type: Any.Type) -> Message {
            switch type {
            case is Bool.Type: JournalText.jsonFlag()
            case is [String].Type: JournalText.jsonTexts()
            case is String.Type: JournalText.jsonText()
            default: JournalText.jsonNumber()
            }
        }
        switch error {
        case .keyNotFound(let key, _):
            return JournalText.jsonLacks(["field": "\(key.stringValue)"])
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            guard let name = field(context) else { return JournalText.jsonNotAnObject() }
            // Inside a list (of texts, the only lists an event has): the list is not what it must be.
            let wanted = context.codingPath.count > 1 ? JournalText.jsonTexts() : expected(type)
            return JournalText.jsonFieldType(["field": "\(name)", "expected": .message(wanted)])
        case .dataCorrupted(let context):
            guard let name = field(context) else { return JournalText.jsonNotJSON() }
            return JournalText.jsonFieldRange(["field": "\(name)"])
        @unknown default:
            return JournalText.jsonNotJSON()
        }
    }

    /// The kind a JSON type names: of two sharing a type, the first whose fields the object has
    /// (else the last, which then says what is missing).
    static func kind(_ type: String, with fields: [String: JSONValue]) -> EventKind? {
        guard let kinds = EventKinds.byType[type] else { return nil }
        return kinds.first { kind in kind.requiredInJSON.allSatisfy { fields[$0.name] != nil } } ?? kinds.last
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// One event as a JSON object. Decoding reads the fields its type's kinds declare, each as
    /// the JSON its field type is (a value of another JSON type makes the payload unreadable);
    /// keys no kind of that type declares are passed over.
    struct Line: Codable {
        var seq: UInt64?
        var v: Int
        var type: String
        var at: Int64
        var recorded: Int64
        var by: String
        var fields: [String: JSONValue]

        init(seq: UInt64?, v: Int, type: String, at: Int64, recorded: Int64, by: String, fields: [String: JSONValue]) {
            self.seq = seq; self.v = v; self.type = type; self.at = at; self.recorded = recorded; self.by = by; self.fields = fields
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: Key.self)
            v = try Self.number(Int.self, Key("v"), in: c)
            type = try c.decode(String.self, forKey: Key("type"))
            at = try Self.number(Int64.self, Key("at"), in: c)
            recorded = try Self.number(Int64.self, Key("recorded"), in: c)
            by = try c.decode(String.self, forKey: Key("by"))
            let readsSequence = decoder.userInfo[JSONEventCodec.readsSequence] as? Bool == true
            seq = readsSequence && c.contains(Key("seq")) ? try Self.number(UInt64.self, Key("seq"), in: c) : nil
            fields = [:]
            for kind in EventKinds.byType[type] ?? [] {
                for field in kind.fields where fields[field.name] == nil {
                    let key = Key(field.name)
                    guard c.contains(key), try !c.decodeNil(forKey: key) else { continue }
                    fields[field.name] = switch field.type {
                    case .count, .level, .time: .number(try Self.number(Int64.self, key, in: c))
                    case .flag: .flag(try c.decode(Bool.self, forKey: key))
                    case .texts: .texts(try c.decode([String].self, forKey: key))
                    case .call, .technician, .text, .shift, .channel, .date, .timer, .policy: .text(try c.decode(String.self, forKey: key))
                    }
                }
            }
        }

        /// A whole number: one the type cannot hold (a fraction, too large) is said to be out of
        /// range for its key (the JSON decoder would call the whole object "not valid JSON").
        private static func number<T: Decodable & FixedWidthInteger>(_ type: T.Type, _ key: Key, in c: KeyedDecodingContainer<Key>) throws -> T {
            do {
                return try c.decode(T.self, forKey: key)
            } catch let error as DecodingError {
                throw error
            } catch {
                throw DecodingError.dataCorrupted(DecodingError.Context(codingPath: c.codingPath + [key], debugDescription: "\(error)"))
            }
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            try c.encodeIfPresent(seq, forKey: Key("seq"))
            try c.encode(v, forKey: Key("v"))
            try c.encode(type, forKey: Key("type"))
            try c.encode(at, forKey: Key("at"))
            try c.encode(recorded, forKey: Key("recorded"))
            try c.encode(by, forKey: Key("by"))
            for (name, value) in fields {
                switch value {
                case .text(let text): try c.encode(text, forKey: Key(name))
                case .number(let number): try c.encode(number, forKey: Key(name))
                case .flag(let flag): try c.encode(flag, forKey: Key(name))
                case .texts(let texts): try c.encode(texts, forKey: Key(name))
                }
            }
        }
    }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}

/// A field's value in a JSON object (null is left out, as an absent field).
enum JSONValue: Equatable, Sendable {
    case text(String)
    case number(Int64)
    case flag(Bool)
    case texts([String])
}
