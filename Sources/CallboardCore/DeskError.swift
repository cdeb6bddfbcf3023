/// Why a command was not carried out, in words a dispatcher can act on.
///
/// `field` names the input at fault (for example `customer` or `at`) so that the command line
/// can point at its flag and a form at its field; `text` says what is wrong and how to fix it, by key
/// (DeskText), so that each person reads it in their own language.
public struct DeskError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The input is malformed: a field is missing, too long, or not of the right form.
        case invalidInput
        /// The input is well formed but names something that does not exist.
        case notFound
        /// The desk's current state does not allow it (for example arrive before assign).
        case refused
        /// The person's role does not allow it.
        case forbidden
    }

    public var kind: Kind
    public var field: Field?
    /// What is wrong and how to fix it, by key: rendered in the person's language at the edge
    /// (the command line, the console).
    public var text: Message

    public init(_ kind: Kind, field: Field? = nil, _ text: Message) {
        self.kind = kind
        self.field = field
        self.text = text
    }

    /// In English.
    public var message: String { text.description }
    public var description: String { message }

    static func invalid(_ field: Field, _ text: Message) -> DeskError { DeskError(.invalidInput, field: field, text) }
    static func refused(_ text: Message, field: Field? = nil) -> DeskError { DeskError(.refused, field: field, text) }
    static func forbidden(_ text: Message) -> DeskError { DeskError(.forbidden, text) }
    static func notFound(_ field: Field, _ text: Message) -> DeskError { DeskError(.notFound, field: field, text) }

    public static func noSuchCall(_ id: CallID) -> DeskError {
        .notFound(.call, DeskText.noSuchCall(["call": "\(id)"]))
    }
}

/// The inputs a command can be given; one name per input everywhere (CLI flag, form field).
public enum Field: String, Sendable, Equatable, CaseIterable {
    case call, technician, at
    case customer, phone, summary, level, region, product, serial, channel
    case id, name, skills, shift
    case tier, kind, purchased, defect
    case text, reason
    case address, contact, warranty, on
    case from, to
    case cause, fix, parts
    case score, comment
}
