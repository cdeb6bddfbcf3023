import CallboardCore
import Foundation

/// Reads one event's fields, in the order its kind lists them, from a binary payload or from a
/// JSON object: each accessor takes the next field and knows both spellings of its type. A
/// value this build does not know (a level, a shift, a timer) is refused, never guessed.
struct EventFieldReader {
    /// The binary payload, positioned at the next field (unused for JSON).
    private(set) var binary: BinaryReader
    /// The JSON object's field values by name (nil: reading binary).
    private let json: [String: JSONValue]?
    /// The event schema the payload was written under.
    let schema: Int
    let kind: EventKind
    /// The field the next accessor reads.
    private var index = 0

    init(binary: BinaryReader, schema: Int, kind: EventKind) {
        self.binary = binary
        json = nil
        self.schema = schema
        self.kind = kind
    }

    init(json: [String: JSONValue], schema: Int, kind: EventKind) {
        binary = BinaryReader(bytes: UnsafeRawBufferPointer(start: nil, count: 0))
        self.json = json
        self.schema = schema
        self.kind = kind
    }

    // MARK: Each type of field

    mutating func call() throws(EventCodec.DecodeError) -> CallID {
        let field = next(.call)
        if json != nil {
            guard let id = CallID(try jsonText(field)!) else { throw problem(.badCallID, ["type": "\(kind.type)"]) }
            return id
        }
        let number = try binary.unsigned()
        guard number > 0, number < 1_000_000_000 else { throw binary.problem(.binaryCallNumber, ["number": "\(number)"]) }
        return CallID(number: Int(number))
    }

    mutating func technician() throws(EventCodec.DecodeError) -> TechnicianID {
        try technicianID(try text(.technician)!)
    }

    mutating func optionalTechnician() throws(EventCodec.DecodeError) -> TechnicianID? {
        guard let text = try text(.technician, optional: true) else { return nil }
        return try technicianID(text)
    }

    mutating func text() throws(EventCodec.DecodeError) -> String {
        try text(.text)!
    }

    mutating func optionalText() throws(EventCodec.DecodeError) -> String? {
        try text(.text, optional: true)
    }

    mutating func texts() throws(EventCodec.DecodeError) -> [String] {
        let field = next(.texts)
        if json != nil {
            guard let value = json![field.name] else { return [] }
            guard case .texts(let texts) = value else { throw mistyped(field) }
            return texts
        }
        var texts: [String] = []
        for _ in 0..<(try binary.count()) { texts.append(try binary.string()) }
        return texts
    }

    /// A customer's ID, stored as text.
    mutating func customer() throws(EventCodec.DecodeError) -> CustomerID {
        let text = try text(.text)!
        guard let id = CustomerID(stored: text) else { throw unknown("customer", text) }
        return id
    }

    mutating func optionalCustomer() throws(EventCodec.DecodeError) -> CustomerID? {
        guard let text = try text(.text, optional: true) else { return nil }
        guard let id = CustomerID(stored: text) else { throw unknown("customer", text) }
        return id
    }

    /// A customer's contacts: their names, then their numbers, one for one.
    mutating func contacts() throws(EventCodec.DecodeError) -> [Contact] {
        let (names, phones) = (try texts(), try texts())
        guard names.count == phones.count else { throw unknown("contacts", "\(names.count) names, \(phones.count) phones") }
        return zip(names, phones).map { Contact(name: $0, phone: $1) }
    }

    /// The calls an intake found related (`C-0002 repeat-same-unit`).
    mutating func related() throws(EventCodec.DecodeError) -> [RelatedCall] {
        var related: [RelatedCall] = []
        for text in try optionalTexts() ?? [] {
            guard let one = RelatedCall(stored: text) else { throw unknown("related", text) }
            related.append(one)
        }
        return related
    }

    /// Absent (nil) or a list; binary: 0, or the count + 1 and then each text.
    mutating func optionalTexts() throws(EventCodec.DecodeError) -> [String]? {
        let field = next(.texts, optional: true)
        if json != nil {
            guard let value = json![field.name] else { return nil }
            guard case .texts(let texts) = value else { throw mistyped(field) }
            return texts
        }
        if absentFromThisSchema(field) { return nil }
        guard let count = try binary.optionalNumber() else { return nil }
        guard count <= UInt64(binary.remaining) else { throw binary.problem(.binaryLengthPastEnd, ["length": "\(count)"]) }
        var texts: [String] = []
        for _ in 0..<Int(count) { texts.append(try binary.string()) }
        return texts
    }

    mutating func count() throws(EventCodec.DecodeError) -> Int {
        try count(.count)!
    }

    mutating func optionalCount() throws(EventCodec.DecodeError) -> Int? {
        try count(.count, optional: true)
    }

    mutating func level() throws(EventCodec.DecodeError) -> FaultLevel {
        try faultLevel(try levelNumber(optional: false)!)
    }

    mutating func optionalLevel() throws(EventCodec.DecodeError) -> FaultLevel? {
        try levelNumber(optional: true).map { number throws(EventCodec.DecodeError) in try faultLevel(number) }
    }

    mutating func shift() throws(EventCodec.DecodeError) -> Shift {
        guard let word = try text(.shift) else { return .day }
        guard let shift = Shift(rawValue: word) else { throw unknown("shift", word) }
        return shift
    }

    mutating func channel() throws(EventCodec.DecodeError) -> Channel {
        guard let word = try text(.channel) else { return .phone }
        guard let channel = Channel(rawValue: word) else { throw unknown("channel", word) }
        return channel
    }

    mutating func date() throws(EventCodec.DecodeError) -> LocalDate {
        let field = next(.date)
        if json != nil {
            let text = try jsonText(field)!
            guard let date = LocalDate(text) else { throw unknown(field.name, text) }
            return date
        }
        let day = try binary.unsigned()
        guard day <= 2_000_000 else { throw binary.problem(.binaryDayOutOfRange, ["field": "\(field.name)", "day": "\(day)"]) }
        return LocalDate(dayNumber: Int(day))
    }

    mutating func optionalDate() throws(EventCodec.DecodeError) -> LocalDate? {
        let field = next(.date, optional: true)
        if json != nil {
            guard let text = try jsonText(field) else { return nil }
            guard let date = LocalDate(text) else { throw unknown(field.name, text) }
            return date
        }
        if absentFromThisSchema(field) { return nil }
        guard let day = try binary.optionalNumber() else { return nil }
        guard day <= 2_000_000 else { throw binary.problem(.binaryDayOutOfRange, ["field": "\(field.name)", "day": "\(day)"]) }
        return LocalDate(dayNumber: Int(day))
    }

    mutating func time() throws(EventCodec.DecodeError) -> Date {
        let field = next(.time)
        let seconds = json != nil ? try jsonNumber(field)! : try binary.signed()
        guard EventCodec.plausibleTimes.contains(seconds) else {
            throw json != nil ? problem(.timeOutside, ["type": "\(kind.type)"]) : binary.problem(.binaryTimeOutside)
        }
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    mutating func flag() throws(EventCodec.DecodeError) -> Bool {
        let field = next(.flag)
        if json != nil {
            guard let value = json![field.name] else { throw lacks(field) }
            guard case .flag(let flag) = value else { throw mistyped(field) }
            return flag
        }
        return try binary.byte() != 0
    }

    mutating func timer() throws(EventCodec.DecodeError) -> TimerName {
        let name = try text(.timer)!
        guard let timer = TimerName(rawValue: name) else {
            throw json != nil ? unknown("timer", name) : binary.problem(.binaryUnknownTimer, ["name": "\(name)"])
        }
        return timer
    }

    /// An adopted policy, journaled as its text and parsed again on replay (so the parser stays
    /// backward compatible within a policy format version). Binary also records the format.
    mutating func policy() throws(EventCodec.DecodeError) -> SLAPolicy {
        let field = next(.policy)
        let text: String
        if json != nil {
            text = try jsonText(field)!
        } else {
            let format = try binary.unsigned()
            guard format <= UInt64(PolicyParser.formatVersion) else {
                throw EventCodec.DecodeError.newer(.policyFormatNewer, ["format": "\(format)", "reads": "\(PolicyParser.formatVersion)"])
            }
            text = try binary.string()
        }
        do {
            return try PolicyParser.parseRecorded(text)
        } catch {
            let problem = error.problems.first.map { first -> Message.Argument in
                .message(JournalText.policyProblemLine(["line": "\(first.line)", "problem": .message(first.text)]))
            } ?? ""
            throw EventCodec.DecodeError(.policyNoLongerReads, ["problem": problem])
        }
    }

    /// Checks (in a debug build) that the kind's `read` read every field of its entry.
    func assertFinished() {
        assert(index == kind.fields.count, "\(kind.type) read \(index) of its \(kind.fields.count) fields")
    }

    // MARK: Shared by the types above

    /// The next field, checked (in a debug build) against what the kind's `read` asks for.
    private mutating func next(_ type: FieldType, optional: Bool = false) -> EventField {
        let field = kind.fields[index]
        assert(field.type == type && field.optional == optional,
               "\(kind.type) reads field \(index) as \(optional ? "optional " : "")\(type), but its table entry says \(field)")
        index += 1
        return field
    }

    /// A text-valued field (a text, a technician's ID, a word); nil only when it may be absent.
    private mutating func text(_ type: FieldType, optional: Bool = false) throws(EventCodec.DecodeError) -> String? {
        let field = next(type, optional: optional)
        if json != nil {
            return try jsonText(field)
        }
        if optional {
            if absentFromThisSchema(field) { return nil }
            return try binary.optionalString()
        }
        return try binary.string()
    }

    private mutating func count(_ type: FieldType, optional: Bool = false) throws(EventCodec.DecodeError) -> Int? {
        let field = next(type, optional: optional)
        if json != nil { return try jsonNumber(field).map(Int.init) }
        if !optional { return try binary.int() }
        if absentFromThisSchema(field) { return nil }
        guard let number = try binary.optionalNumber() else { return nil }
        guard number <= UInt64(Int32.max) else { throw binary.problem(.binaryFieldOutOfRange, ["field": "\(field.name)", "number": "\(number)"]) }
        return Int(number)
    }

    private mutating func levelNumber(optional: Bool) throws(EventCodec.DecodeError) -> UInt64? {
        let field = next(.level, optional: optional)
        if json != nil { return try jsonNumber(field).map(UInt64.init) }
        if !optional { return try binary.unsigned() }
        if absentFromThisSchema(field) { return nil }
        return try binary.optionalNumber()
    }

    private func faultLevel(_ number: UInt64) throws(EventCodec.DecodeError) -> FaultLevel {
        guard number <= 9, let level = FaultLevel(rawValue: Int(number)) else {
            throw json != nil ? unknown("level", "\(number)") : binary.problem(.binaryUnknownLevel, ["level": "\(number)"])
        }
        return level
    }

    private func technicianID(_ text: String) throws(EventCodec.DecodeError) -> TechnicianID {
        // The first builds wrote JSON from typed input: it is read as typed input is (trimmed, upper-cased).
        if json != nil {
            guard let id = TechnicianID(text) else { throw problem(.badTechnicianID, ["type": "\(kind.type)"]) }
            return id
        }
        guard let id = TechnicianID(stored: text) else { throw binary.problem(.binaryBadTechnician) }
        return id
    }

    /// A field added by a later schema than the payload's: not there to read.
    @inline(__always)
    private func absentFromThisSchema(_ field: EventField) -> Bool {
        schema < EventCodec.schemaVersion && schema < field.since
    }

    private func jsonText(_ field: EventField) throws(EventCodec.DecodeError) -> String? {
        switch json![field.name] {
        case nil:
            if field.optional || field.type.leftOutBySchemaOne { return nil }
            throw lacks(field)
        case .text(let text)?: return text
        default: throw mistyped(field)
        }
    }

    /// A JSON number: counts and numbers are never negative, and never beyond 2^31 - 1.
    private func jsonNumber(_ field: EventField) throws(EventCodec.DecodeError) -> Int64? {
        switch json![field.name] {
        case nil:
            if field.optional { return nil }
            throw lacks(field)
        case .number(let number)?:
            if field.type != .time, number < 0 || number > Int64(Int32.max) {
                throw problem(.fieldOutOfRange, ["type": "\(kind.type)", "field": "\(field.name)", "number": "\(number)"])
            }
            return number
        default: throw mistyped(field)
        }
    }

    private func problem(_ key: JournalText, _ arguments: [String: Message.Argument]) -> EventCodec.DecodeError {
        EventCodec.DecodeError(key, arguments)
    }

    private func lacks(_ field: EventField) -> EventCodec.DecodeError {
        problem(.fieldMissing, ["type": "\(kind.type)", "field": "\(field.name)"])
    }

    private func mistyped(_ field: EventField) -> EventCodec.DecodeError {
        problem(.notReadableField, ["type": "\(kind.type)", "field": "\(field.name)", "expected": .message(field.type.jsonSpelling)])
    }

    /// `what` names a field of the event (shift, channel, timer, level), as the journal does.
    private func unknown(_ what: String, _ value: String) -> EventCodec.DecodeError {
        json != nil ? problem(.unknownValue, ["type": "\(kind.type)", "what": "\(what)", "value": "\(value)"])
            : binary.problem(.binaryUnknownValue, ["what": "\(what)", "value": "\(value)"])
    }
}
