import CallboardCore
import Foundation

/// Events as journal payloads, each carrying its own schema version so that journals written
/// today still replay after the event model grows.
///
/// The journal writes the binary encoding (BinaryEventCodec, schema 4; schema 3 still replays);
/// journals from before it hold one JSON object per record (schemas 1 and 2), which still
/// replay. JSON is also the export format (`journal export --json`, JSONEventCodec). Both take
/// every kind of event, its fields and their order from one table, EventKinds.
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
    /// Version 5 adds the roster's changes (a technician edited, on leave, retired, on the rota), customers (their records and units; a call's customer, address, contact and related calls) and what fixed a call (cause, fix, parts on call.resolved).
    public static let schemaVersion = 5

    /// Seconds since 1970 that an event's times may take (1970 to the end of 2999): a forged or
    /// damaged time outside them is refused rather than carried into calendar arithmetic.
    static let plausibleTimes: ClosedRange<Int64> = 0...32_503_680_000

    public struct DecodeError: Error, CustomStringConvertible {
        /// What is wrong with the payload, by key.
        public var text: Message
        /// Written by a newer callboard (a schema or policy format this build does not know):
        /// not damage, and never dropped by a repair.
        public var isNewer = false

        /// The JSON decoder refused the object before any field was read (not JSON, a key
        /// missing or of the wrong type): `text` says only that, for a payload to wrap.
        var notAnEventObject = false

        init(_ key: JournalText, _ arguments: [String: Message.Argument] = [:]) {
            text = key(arguments)
        }

        init(notAnEventObject problem: Message) {
            text = problem
            notAnEventObject = true
        }

        static func newer(_ key: JournalText, _ arguments: [String: Message.Argument]) -> DecodeError {
            var error = DecodeError(key, arguments)
            error.isNewer = true
            return error
        }

        /// In English.
        public var description: String { text.description }

        /// What any error from decoding says: a DecodeError's words, else the error as the
        /// system describes it.
        static func text(of error: any Error) -> Message {
            (error as? DecodeError)?.text ?? JournalText.notReadable(["problem": "\(error)"])
        }
    }

    /// The journal payload for `event` (binary).
    public static func encode(_ event: Event) -> [UInt8] {
        var out: [UInt8] = []
        BinaryEventCodec.encode(event, into: &out)
        return out
    }

    /// Reads a journal payload in either encoding.
    public static func decode(_ bytes: UnsafeRawBufferPointer, decoder: JSONDecoder = JSONDecoder()) throws -> Event {
        if bytes.first == BinaryEventCodec.marker { return try BinaryEventCodec.decode(bytes) }
        return try JSONEventCodec.decode(bytes, decoder: decoder)
    }

    /// One event as a line of JSON (no newline), optionally with its journal sequence number;
    /// characters that could act on a terminal are escaped.
    public static func json(_ event: Event, sequence: UInt64? = nil) -> [UInt8] {
        let data = JSONEventCodec.encode(event, sequence: sequence)
        return Array(TextRules.escapingUnsafe(json: String(decoding: data, as: UTF8.self)).utf8)
    }

    /// The event's type as JSON and `journal export` name it (`call.assigned`).
    public static func typeName(_ change: Change) -> String { EventKinds.of(change).type }

    static func seconds(_ date: Date) -> Int64 { Int64(date.timeIntervalSince1970.rounded(.down)) }
}
