import CallboardCore
/// Why the desk's log (the journal) could not be read or written, naming it and what to do. Every
/// EventLog throws these; some kinds only a file journal has (a hard link, a folder others can
/// change).
public struct JournalError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case notAJournal
        /// The file under the journal's name is no longer the one being read: removed, or
        /// restored from a copy (it got shorter).
        case replaced
        /// A different journal (a new epoch) is in place: compacted or repaired. Reading it
        /// again from the start is safe.
        case superseded
        case unsupportedVersion
        /// Damage in the middle of the log (at a byte offset of a file journal).
        case corrupt(offset: Int)
        /// An event this build cannot read.
        case unreadableEvent(sequence: UInt64)
        /// The log already holds events where only an empty one will do (an import).
        case notEmpty
        /// Anyone on the machine may write the file.
        case unsafePermissions
        /// The journal has more than one name (a hard link): roles could be read from beside
        /// the wrong one.
        case hardLinked
        /// Others than the desk's administrator could swap the journal or desk.yaml in its folder.
        case unsafeFolder
        /// The operating system (or the server keeping the log) refused a read, write or sync.
        case io(errno: Int32)
        /// A new journal (compacted, repaired) was renamed into place, but syncing its folder
        /// failed: it is the journal now, though a power cut could still bring the old one back.
        case inPlaceNotSynced(errno: Int32)
    }

    public var kind: Kind
    /// The log's location (a file journal's path).
    public var log: String
    /// What went wrong and what to do, by key (rendered in the person's language at the edge).
    public var text: Message

    public init(_ kind: Kind, log: String, _ text: Message) {
        self.kind = kind
        self.log = log
        self.text = text
    }

    /// In English.
    public var message: String { text.description }

    public var description: String { message }

    /// A new journal is in place but its folder did not sync (see `Kind.inPlaceNotSynced`).
    public var isInPlaceNotSynced: Bool {
        if case .inPlaceNotSynced = kind { return true }
        return false
    }
}
