import CallboardCore

/// What `journal verify` found. Every list is a reason the log is not sound; what each holds is
/// said in a person's words, naming where (a byte offset in a file journal, a record's number).
public struct LogVerification: Sendable {
    /// How big the log is, in bytes.
    public var size: Int
    /// How many records (events, and records of a newer callboard) it holds.
    public var records: Int
    public var lastSequence: UInt64
    /// The log's own header is damaged (and whether its identity could be recovered).
    public var header: Message?
    /// Stretches that are not valid records.
    public var damage: [Damage]
    /// Records out of place: duplicates, out of order, numbers missing with no damage around.
    public var order: [Message]
    /// Records kept whole but belonging to a write that lost other records.
    public var partialWrites: [Message]
    /// Events about a call the log does not have (a repair drops them).
    public var orphans: [Message]
    /// Events naming a policy or technician whose record was lost (a repair keeps them, timing
    /// the call under another policy or re-creating the technician).
    public var lostReferences: [Message]
    /// The log ends with a write that is incomplete or damaged and has nothing after it (a crash
    /// mid-append leaves this; the next write sets it aside): the byte range in a file journal.
    public var tornTail: Range<Int>?
    /// Records that pass their checksum but do not decode: damaged or forged (a repair drops
    /// them; the backup keeps them).
    public var unreadable: [Message]
    /// Records of a newer callboard (a record type, event schema or policy format this build does
    /// not know): not damage, but this build cannot vouch for the log either.
    public var newer: [Message]

    public struct Damage: Sendable, CustomStringConvertible {
        public var bytes: Range<Int>
        /// Sequence numbers missing between the valid records around the damage.
        public var missing: ClosedRange<UInt64>?

        /// Which bytes, and which records they held.
        public var text: Message {
            let stretch: [String: Message.Argument] = ["start": "\(bytes.lowerBound)", "end": "\(bytes.upperBound - 1)", "count": "\(bytes.count)"]
            guard let missing else { return JournalText.damagedBytes(stretch) }
            if missing.lowerBound == missing.upperBound {
                return JournalText.damagedBytesRecordLost(stretch.merging(["lost": "\(missing.lowerBound)"]) { $1 })
            }
            return JournalText.damagedBytesRecordsLost(stretch.merging(["first": "\(missing.lowerBound)", "last": "\(missing.upperBound)"]) { $1 })
        }

        /// In English.
        public var description: String { text.description }
    }

    /// Damage a writer will not repair by itself (or records only a newer build reads).
    public var isDamaged: Bool {
        header != nil || !damage.isEmpty || !order.isEmpty || !partialWrites.isEmpty || !orphans.isEmpty
            || !lostReferences.isEmpty || !unreadable.isEmpty || !newer.isEmpty
    }

    /// Only records a newer callboard wrote are in the way: upgrade, do not repair.
    public var onlyNewer: Bool {
        !newer.isEmpty && header == nil && damage.isEmpty && order.isEmpty && partialWrites.isEmpty && orphans.isEmpty
            && lostReferences.isEmpty && unreadable.isEmpty
    }

    /// One line about the whole log: `N records, last sequence S, B bytes`.
    public var summary: Message {
        JournalText.summary(["records": "\(records)", "sequence": "\(lastSequence)", "size": "\(size)"])
    }

    /// Every finding, one line each, labelled (`damaged: …`). Text from the log (an event's
    /// fields in an orphan's description) is as it was written: escape it before showing it.
    public var findings: [(label: Message, text: Message)] {
        var lines: [(Message, Message)] = []
        if let header { lines.append((JournalText.labelHeader(), header)) }
        lines += damage.map { (JournalText.labelDamaged(), $0.text) }
        lines += order.map { (JournalText.labelOrder(), $0) }
        lines += partialWrites.map { (JournalText.labelPartialWrite(), $0) }
        lines += orphans.map { (JournalText.labelOrphan(), $0) }
        lines += lostReferences.map { (JournalText.labelLostReference(), $0) }
        lines += unreadable.map { (JournalText.labelUnreadable(), $0) }
        lines += newer.map { (JournalText.labelNewer(), $0) }
        if let torn = tornTail {
            lines.append((JournalText.labelTornTail(),
                          JournalText.tornTail(["start": "\(torn.lowerBound)", "end": "\(torn.upperBound - 1)", "count": "\(torn.count)"])))
        }
        return lines
    }

    /// The error `journal verify` ends with on a damaged log: what to do about it.
    public func failure(of log: any EventLog) -> JournalError {
        let text = onlyNewer ? JournalText.damagedUpgrade(["path": "\(log.location)"]) : JournalText.damagedRepair(["path": "\(log.location)"])
        return JournalError(.corrupt(offset: damage.first?.bytes.lowerBound ?? 0), log: log.location, text)
    }
}

/// What `journal repair` did.
public struct LogRepair: Sendable {
    /// Nothing needed repairing (then nothing was written).
    public var needed: Bool
    /// How many records were kept.
    public var kept: Int
    public var found: LogVerification
    /// Where the damaged log was kept before it was rewritten.
    public var backup: String?
    /// New calls are numbered from here, past any number a lost record may have given out.
    public var nextCallNumber: Int
    /// What it did besides dropping: calls kept under another policy, technicians re-created.
    public var notes: [Message]
}

/// What `journal compact` did.
public struct LogCompaction: Sendable {
    public var eventsBefore: Int
    public var eventsAfter: Int
    public var archivedCalls: Int
    public var archivedEvents: Int
    /// Where the archived calls went (itself a log, readable with `--journal`); nil if none moved.
    public var archive: String?
    /// Things to tell a person (a cut-short last write kept aside, a stale archive removed).
    public var warnings: [Message]
}
