import CallboardCore
import Foundation

/// Writes one event's fields, in the order its kind lists them, to a binary payload or to a JSON
/// object: the counterpart of EventFieldReader, one accessor per type of field.
struct EventFieldWriter {
    /// The binary payload so far (unused for JSON).
    var binary: BinaryWriter
    /// The JSON object's field values by name (nil: writing binary). An absent optional field is
    /// left out.
    private(set) var json: [String: JSONValue]?
    let kind: EventKind
    private var index = 0

    init(binary: BinaryWriter, kind: EventKind) {
        self.binary = binary
        json = nil
        self.kind = kind
    }

    init(jsonFor kind: EventKind) {
        binary = BinaryWriter(out: [])
        json = [:]
        self.kind = kind
    }

    mutating func call(_ id: CallID) {
        let field = next(.call)
        if json != nil { json![field.name] = .text(id.description) } else { binary.unsigned(UInt64(id.number)) }
    }

    mutating func technician(_ id: TechnicianID) { text(id.rawValue, as: .technician) }

    mutating func optionalTechnician(_ id: TechnicianID?) { optionalText(id?.rawValue, as: .technician) }

    mutating func text(_ text: String) { self.text(text, as: .text) }

    mutating func optionalText(_ text: String?) { optionalText(text, as: .text) }

    mutating func texts(_ texts: [String]) {
        let field = next(.texts)
        if json != nil { return json![field.name] = .texts(texts) }
        binary.unsigned(UInt64(texts.count))
        for text in texts { binary.string(text) }
    }

    mutating func optionalTexts(_ texts: [String]?) {
        let field = next(.texts, optional: true)
        if json != nil { return json![field.name] = texts.map(JSONValue.texts) }
        binary.optional(texts?.count)
        for text in texts ?? [] { binary.string(text) }
    }

    mutating func count(_ number: Int) {
        let field = next(.count)
        if json != nil { json![field.name] = .number(Int64(number)) } else { binary.unsigned(UInt64(number)) }
    }

    mutating func optionalCount(_ number: Int?) { optionalNumber(number, as: .count) }

    mutating func level(_ level: FaultLevel) {
        let field = next(.level)
        if json != nil { json![field.name] = .number(Int64(level.rawValue)) } else { binary.unsigned(UInt64(level.rawValue)) }
    }

    mutating func optionalLevel(_ level: FaultLevel?) { optionalNumber(level?.rawValue, as: .level) }

    mutating func shift(_ shift: Shift) { text(shift.rawValue, as: .shift) }

    mutating func channel(_ channel: Channel) { text(channel.rawValue, as: .channel) }

    mutating func date(_ date: LocalDate) {
        let field = next(.date)
        if json != nil { json![field.name] = .text(date.description) } else { binary.unsigned(UInt64(max(0, date.dayNumber))) }
    }

    mutating func optionalDate(_ date: LocalDate?) {
        let field = next(.date, optional: true)
        if json != nil { json![field.name] = date.map { .text($0.description) } } else { binary.optional(date?.dayNumber) }
    }

    mutating func time(_ instant: Date) {
        let field = next(.time)
        let seconds = EventCodec.seconds(instant)
        if json != nil { json![field.name] = .number(seconds) } else { binary.signed(seconds) }
    }

    mutating func flag(_ flag: Bool) {
        let field = next(.flag)
        if json != nil { json![field.name] = .flag(flag) } else { binary.byte(flag ? 1 : 0) }
    }

    mutating func timer(_ timer: TimerName) { text(timer.rawValue, as: .timer) }

    /// The policy file's text; binary also records the policy format it was written in.
    mutating func policy(_ policy: SLAPolicy) {
        let field = next(.policy)
        if json != nil { return json![field.name] = .text(policy.source) }
        binary.unsigned(UInt64(PolicyParser.formatVersion))
        binary.string(policy.source)
    }

    // MARK: Shared by the types above

    private mutating func next(_ type: FieldType, optional: Bool = false) -> EventField {
        let field = kind.fields[index]
        assert(field.type == type && field.optional == optional,
               "\(kind.type) writes field \(index) as \(optional ? "optional " : "")\(type), but its table entry says \(field)")
        index += 1
        return field
    }

    private mutating func text(_ text: String, as type: FieldType) {
        let field = next(type)
        if json != nil { json![field.name] = .text(text) } else { binary.string(text) }
    }

    private mutating func optionalText(_ text: String?, as type: FieldType) {
        let field = next(type, optional: true)
        if json != nil { json![field.name] = text.map(JSONValue.text) } else { binary.optional(text) }
    }

    private mutating func optionalNumber(_ number: Int?, as type: FieldType) {
        let field = next(type, optional: true)
        if json != nil { json![field.name] = number.map { .number(Int64($0)) } } else { binary.optional(number) }
    }

    /// Checks (in a debug build) that the kind's `write` wrote every field of its entry.
    func assertFinished() {
        assert(index == kind.fields.count, "\(kind.type) wrote \(index) of its \(kind.fields.count) fields")
    }
}
