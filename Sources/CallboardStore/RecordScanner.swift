/// Walks framed records in a stretch of journal bytes and says exactly where valid data ends.
public enum RecordScanner {
    public struct Record: Equatable, Sendable {
        public var sequence: UInt64
        public var type: UInt8
        public var flags: UInt8
        /// Where the record starts in the file.
        public var offset: Int
        /// The payload's range within the scanned buffer.
        public var payload: Range<Int>
    }

    /// How the scanned bytes end.
    public enum Ending: Equatable, Sendable {
        /// Every byte belongs to a complete, valid record.
        case clean
        /// The last record is incomplete or fails its checksum and nothing valid follows: a write
        /// cut short (by a crash, or still in progress for a reader). `offset` is where it starts.
        case tornTail(offset: Int)
        /// A bad record with data after it that is not simply the rest of a cut-short write:
        /// damage in the middle of the journal.
        case corrupt(offset: Int, reason: String)
    }

    public struct Result: Sendable {
        public var records: [Record]
        /// File offset just after the last valid record.
        public var end: Int
        public var lastSequence: UInt64
        public var ending: Ending
    }

    /// Scans `bytes`, which start at file offset `base`, expecting the next record to carry
    /// `lastSequence + 1`.
    public static func scan(_ bytes: UnsafeRawBufferPointer, base: Int, epoch: UInt64, lastSequence: UInt64) -> Result {
        var records: [Record] = []
        var at = 0
        var sequence = lastSequence
        let count = bytes.count
        func finish(_ ending: Ending) -> Result {
            Result(records: records, end: base + at, lastSequence: sequence, ending: ending)
        }
        /// A bad record is a torn tail when it runs to (or past) the end of the file, or when all
        /// that follows it is zeros (a file extended by a crash before its data reached the disk).
        func badRecord(_ reason: String, extent: Int) -> Result {
            if at + extent >= count || bytes[at...].allSatisfy({ $0 == 0 }) {
                return finish(.tornTail(offset: base + at))
            }
            return finish(.corrupt(offset: base + at, reason: reason))
        }
        while at < count {
            guard count - at >= JournalFormat.recordHeaderSize else { return finish(.tornTail(offset: base + at)) }
            let length = Int(bytes.loadLE(UInt32.self, at: at + 4))
            guard length <= JournalFormat.maxPayload else {
                return badRecord("record length \(length) is impossible", extent: count - at)
            }
            let extent = JournalFormat.recordHeaderSize + length
            guard count - at >= extent else { return finish(.tornTail(offset: base + at)) }
            let stored = bytes.loadLE(UInt32.self, at: at)
            let computed = JournalFormat.recordChecksum(epoch: epoch, UnsafeRawBufferPointer(rebasing: bytes[(at + 4)..<(at + extent)]))
            guard stored == computed else { return badRecord("checksum mismatch", extent: extent) }
            let recordSequence = bytes.loadLE(UInt64.self, at: at + 12)
            guard recordSequence == sequence + 1 else {
                return finish(.corrupt(offset: base + at, reason: "sequence \(recordSequence) follows \(sequence)"))
            }
            records.append(Record(sequence: recordSequence, type: bytes[at + 8], flags: bytes[at + 9], offset: base + at,
                                  payload: (at + JournalFormat.recordHeaderSize)..<(at + extent)))
            sequence = recordSequence
            at += extent
        }
        return finish(.clean)
    }
}
