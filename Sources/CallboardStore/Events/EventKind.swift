import CallboardCore

/// One kind of event as the journal stores it: its name in JSON (`type`), its binary type code,
/// its fields in order, and how a `Change` of this kind is read from and written to those
/// fields. Both encodings are driven by it (BinaryEventCodec, JSONEventCodec), so a kind is
/// declared once, in EventKinds.swift.
///
/// `read` and `write` go through the fields in the order `fields` lists them, one accessor per
/// field (`r.call()`, `w.text(reason)`): the binary encoding is that order, the JSON encoding
/// takes each field's name from the list. A debug build checks every accessor against the list.
final class EventKind: Sendable {
    /// The JSON `type` (`call.assigned`). Two kinds may share one when JSON tells them apart by
    /// a field that only one of them has (an escalation with or without a timer).
    let type: String
    /// The binary type code. Never reuse one; a new kind takes the next free code.
    let code: UInt8
    let fields: [EventField]
    let read: @Sendable (inout EventFieldReader) throws(EventCodec.DecodeError) -> Change
    let write: @Sendable (Change, inout EventFieldWriter) -> Void

    init(_ type: String, code: UInt8, _ fields: [EventField],
         read: @escaping @Sendable (inout EventFieldReader) throws(EventCodec.DecodeError) -> Change,
         write: @escaping @Sendable (Change, inout EventFieldWriter) -> Void) {
        self.type = type
        self.code = code
        self.fields = fields
        self.read = read
        self.write = write
    }

    /// The fields a JSON object must have to be this kind (absent optional fields are left out,
    /// and schema 1 left out a few others that read as their defaults).
    var requiredInJSON: [EventField] { fields.filter { !$0.optional && !$0.type.leftOutBySchemaOne } }
}

/// A field of an event: its name (the JSON key), how its value is stored, whether it may be
/// absent, and the binary schema that added it.
struct EventField: Sendable, Equatable {
    let name: String
    let type: FieldType
    /// May be absent: binary stores 0 for absent and the value (or a text's length) + 1 for
    /// present; JSON leaves the key out.
    let optional: Bool
    /// The binary schema that added it: events of an older schema do not have it, so such a
    /// field is always optional.
    let since: Int

    static func field(_ name: String, _ type: FieldType) -> EventField {
        EventField(name: name, type: type, optional: false, since: 3)
    }

    static func optional(_ name: String, _ type: FieldType, since: Int = 3) -> EventField {
        EventField(name: name, type: type, optional: true, since: since)
    }

    /// The call an event is about, in almost every kind.
    static let call = field("call", .call)
}

/// How a value is spelled in each encoding (EventFieldReader and EventFieldWriter carry it out).
enum FieldType: Sendable, Equatable {
    /// A call: binary, its number (varint); JSON, its ID (`C-0007`).
    case call
    /// A technician's ID, as text.
    case technician
    case text
    /// Binary: a count, then each text; JSON: a list of texts.
    case texts
    /// A count or number: 0 to 2^31 - 1 (a varint in binary).
    case count
    /// A fault level's number (1-4).
    case level
    /// A shift's word (`day`, `night`, `oncall`).
    case shift
    /// A channel's word (`phone`, `email`, `web`).
    case channel
    /// A calendar date: binary, days since 1970; JSON, `2026-10-01`.
    case date
    /// An instant, whole seconds since 1970 UTC (binary: a zigzag varint).
    case time
    /// Binary: one byte, 0 or 1; JSON: false or true.
    case flag
    /// A timer's name: a built-in one (`response`, `onsite`, `restore`) or any other a
    /// policy's `timers:` defines (`follow_up`).
    case timer
    /// An adopted policy: binary, its policy format version, then the policy file's text; JSON,
    /// the text (`text`).
    case policy

    /// The first JSON builds (schema 1) wrote neither a technician's skills and shift nor a
    /// call's channel: left out, they read as none, `day` and `phone`.
    var leftOutBySchemaOne: Bool { self == .texts || self == .shift || self == .channel }

    /// What a JSON value of this type is, for a message about one that is not.
    var jsonSpelling: Message {
        switch self {
        case .count, .level, .time: JournalText.jsonNumber()
        case .flag: JournalText.jsonFlag()
        case .texts: JournalText.jsonTexts()
        default: JournalText.jsonText()
        }
    }
}
