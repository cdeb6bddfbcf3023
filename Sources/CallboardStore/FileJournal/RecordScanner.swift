import CallboardCore

/// Walks framed records in a stretch of journal bytes and says exactly where valid data ends.
package enum RecordScanner {
    package struct Record: Equatable, Sendable {
        package var sequence: UInt64
        package var type: UInt8
        package var flags: UInt8
        /// Its place in its group commit (0 for the first record of a write).
        package var place: UInt16 = 0
        /// Where the record starts in the file.
        package var offset: Int
        /// The payload's range within the scanned buffer.
        package var payload: Range<Int>
    }

    /// How the scanned bytes end.
    package enum Ending: Equatable, Sendable {
        /// Every byte belongs to a complete, valid record.
        case clean
        /// The last record is incomplete or fails its checksum and no valid record follows it: a
        /// write cut short (by a crash, or still in progress for a reader). `offset` is where it
        /// starts.
        case tornTail(offset: Int)
        /// A bad record with a valid record somewhere after it: damage in the middle of the
        /// journal, never to be cut off as if it were a torn write.
        case corrupt(offset: Int, reason: Message)
    }

    package struct Result: Sendable {
        package var records: [Record]
        /// File offset just after the last valid record.
        package var end: Int
        package var lastSequence: UInt64
        package var ending: Ending
    }

    /// Scans `bytes`, which start at file offset `base`, expecting the next record to carry
    /// `lastSequence + 1`.
    package static func scan(_ bytes: UnsafeRawBufferPointer, base: Int, epoch: UInt64, lastSequence: UInt64) -> Result {
        var records: [Record] = []
        var at = 0
        var sequence = lastSequence
        let count = bytes.count
        /// The group commit still open at `at` (its last record so far said more follow): where
        /// it starts, how many records came before it and the sequence number before it.
        var openGroup: (at: Int, records: Int, sequence: UInt64)?
        func finish(_ ending: Ending) -> Result {
            Result(records: records, end: base + at, lastSequence: sequence, ending: ending)
        }
        /// An unfinished group commit at the end was never acknowledged: it goes as a whole, so a
        /// command's events are all there or none are.
        func tornTail() -> Result {
            if let group = openGroup {
                records.removeSubrange(group.records...)
                at = group.at
                sequence = group.sequence
            }
            return finish(.tornTail(offset: base + at))
        }
        /// A bad record is a torn tail only if every valid record of this journal after it belongs
        /// to the same group commit (one write, never acknowledged); otherwise acknowledged events
        /// follow and cutting would lose them.
        func badRecord(_ reason: Message) -> Result {
            guard let valid = firstValidRecord(in: bytes, after: at, epoch: epoch, lastSequence: sequence) else { return tornTail() }
            let groupFirst = openGroup.map { $0.sequence + 1 } ?? sequence + 1
            if restBelongToGroup(startingWith: groupFirst, from: valid, in: bytes, epoch: epoch, lastSequence: sequence) { return tornTail() }
            return finish(.corrupt(offset: base + at, reason: JournalText.validRecordFollows(["reason": .message(reason), "offset": "\(base + valid)"])))
        }
        while at < count {
            guard count - at >= JournalFormat.recordHeaderSize else { return badRecord(JournalText.incompleteRecordHeader()) }
            let length = Int(bytes.loadLE(UInt32.self, at: at + 4))
            guard length <= JournalFormat.maxPayload else { return badRecord(JournalText.impossibleLength(["length": "\(length)"])) }
            let extent = JournalFormat.recordHeaderSize + length
            guard count - at >= extent else { return badRecord(JournalText.pastEnd()) }
            guard isValidRecord(in: bytes, at: at, epoch: epoch) else { return badRecord(JournalText.checksumMismatch()) }
            let recordSequence = bytes.loadLE(UInt64.self, at: at + 12)
            guard sequence < UInt64.max, recordSequence == sequence + 1 else {
                return finish(.corrupt(offset: base + at, reason: JournalText.sequenceFollows(["sequence": "\(recordSequence)", "previous": "\(sequence)"])))
            }
            let flags = bytes[at + 9]
            if flags & JournalFormat.continuesFlag != 0 {
                if openGroup == nil { openGroup = (at, records.count, sequence) }
            } else {
                openGroup = nil
            }
            records.append(Record(sequence: recordSequence, type: bytes[at + 8], flags: flags, offset: base + at,
                                  payload: (at + JournalFormat.recordHeaderSize)..<(at + extent)))
            sequence = recordSequence
            at += extent
        }
        // A group whose last record still says more follow: the rest never reached the disk.
        if openGroup != nil { return tornTail() }
        return finish(.clean)
    }

    /// Whether the valid record at `from` and every valid record after it belong to the one
    /// group commit whose first record carries sequence `groupFirst`.
    static func restBelongToGroup(startingWith groupFirst: UInt64, from: Int, in bytes: UnsafeRawBufferPointer, epoch: UInt64,
                                  lastSequence: UInt64) -> Bool {
        var offset: Int? = from
        while let at = offset {
            let sequence = bytes.loadLE(UInt64.self, at: at + 12)
            let place = UInt64(bytes.loadLE(UInt16.self, at: at + 10))
            guard sequence >= place, sequence - place == groupFirst else { return false }
            offset = firstValidRecord(in: bytes, after: at, epoch: epoch, lastSequence: sequence)
        }
        return true
    }

    /// A whole-file walk for `journal verify` and `journal repair`: every valid record, and the
    /// stretches of bytes between them that are not valid records.
    package struct Survey: Sendable {
        package var records: [Record]
        package var damaged: [Range<Int>]
    }

    package static func survey(_ bytes: UnsafeRawBufferPointer, base: Int, epoch: UInt64) -> Survey {
        var records: [Record] = []
        var damaged: [Range<Int>] = []
        var at = 0
        var sequence: UInt64 = 0
        while at < bytes.count {
            if isValidRecord(in: bytes, at: at, epoch: epoch) {
                let length = Int(bytes.loadLE(UInt32.self, at: at + 4))
                let extent = JournalFormat.recordHeaderSize + length
                sequence = bytes.loadLE(UInt64.self, at: at + 12)
                records.append(Record(sequence: sequence, type: bytes[at + 8], flags: bytes[at + 9], place: bytes.loadLE(UInt16.self, at: at + 10),
                                      offset: base + at, payload: (at + JournalFormat.recordHeaderSize)..<(at + extent)))
                at += extent
            } else {
                let next = firstValidRecord(in: bytes, after: at, epoch: epoch, lastSequence: sequence) ?? bytes.count
                damaged.append((base + at)..<(base + next))
                at = next
            }
        }
        return Survey(records: records, damaged: damaged)
    }

    /// Whether a complete record with a matching checksum starts at `at`.
    static func isValidRecord(in bytes: UnsafeRawBufferPointer, at: Int, epoch: UInt64) -> Bool {
        guard bytes.count - at >= JournalFormat.recordHeaderSize else { return false }
        let length = Int(bytes.loadLE(UInt32.self, at: at + 4))
        guard length <= JournalFormat.maxPayload, bytes.count - at >= JournalFormat.recordHeaderSize + length else { return false }
        let body = UnsafeRawBufferPointer(rebasing: bytes[(at + 4)..<(at + JournalFormat.recordHeaderSize + length)])
        return bytes.loadLE(UInt32.self, at: at) == JournalFormat.recordChecksum(epoch: epoch, body)
    }

    /// The first offset after `at` where a valid record with a later sequence number starts.
    /// Only run on damage; the sequence and length are checked before the checksum, so the
    /// search is cheap, and the epoch in every checksum keeps stray bytes from passing.
    static func firstValidRecord(in bytes: UnsafeRawBufferPointer, after at: Int, epoch: UInt64, lastSequence: UInt64) -> Int? {
        var offset = at + 1
        // Saturating: a forged sequence near the top of the range must not trap.
        let (ceiling, overflow) = lastSequence.addingReportingOverflow(UInt64(bytes.count / JournalFormat.recordHeaderSize) + 1)
        let limit = overflow ? UInt64.max : ceiling
        while offset + JournalFormat.recordHeaderSize <= bytes.count {
            let sequence = bytes.loadLE(UInt64.self, at: offset + 12)
            if sequence > lastSequence, sequence <= limit, isValidRecord(in: bytes, at: offset, epoch: epoch) { return offset }
            offset += 1
        }
        return nil
    }
}
