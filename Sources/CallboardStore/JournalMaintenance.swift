import CallboardCore
import Foundation

/// `journal verify`, `journal repair` and `journal export`: looking at a whole journal, and
/// recovering what can be recovered from a damaged one without ever dropping a byte silently.
extension Journal {
    /// What a whole-journal check found. Every list is a reason the journal is not sound.
    public struct Verification: Sendable {
        public var size: Int
        public var records: Int
        public var lastSequence: UInt64
        /// The file header is damaged (and whether its epoch could be recovered).
        public var header: String?
        /// Stretches of bytes that are not valid records.
        public var damage: [Damage]
        /// Records out of place: duplicates, out of order, numbers missing with no damage around.
        public var order: [String]
        /// Records kept whole but belonging to a write that lost other records.
        public var partialWrites: [String]
        /// Events about a call the journal does not have (a repair drops them).
        public var orphans: [String]
        /// Events naming a policy or technician whose record was lost (a repair keeps them,
        /// timing the call under another policy or re-creating the technician).
        public var lostReferences: [String]
        /// The journal ends with a write that is incomplete or damaged and has nothing after it
        /// (a crash mid-append leaves this; the next write sets it aside).
        public var tornTail: Range<Int>?
        /// Records that pass their checksum but do not decode: damaged or forged (a repair
        /// drops them; the backup keeps them).
        public var unreadable: [String]
        /// Records of a newer callboard (a record type, event schema or policy format this build
        /// does not know): not damage, but this build cannot vouch for the journal either.
        public var newer: [String]

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
    }

    public struct Damage: Sendable, CustomStringConvertible {
        public var bytes: Range<Int>
        /// Sequence numbers missing between the valid records around the damage.
        public var missing: ClosedRange<UInt64>?

        public var description: String {
            let lost = missing.map { $0.lowerBound == $0.upperBound ? "record \($0.lowerBound) lost" : "records \($0.lowerBound)-\($0.upperBound) lost" }
            return "bytes \(bytes.lowerBound)-\(bytes.upperBound - 1) (\(bytes.count) bytes) are not valid records" + (lost.map { "; \($0)" } ?? "")
        }
    }

    /// Checks every byte and every event of the journal (waiting for writers to finish).
    public func verify() throws(JournalError) -> Verification {
        guard let file = try JournalFile.openForReading(path) else {
            throw JournalError(.io(errno: ENOENT), path: path, "there is no journal at \(path); name it with --journal")
        }
        try file.lockShared()
        return try examine(try file.read(at: 0, count: try file.size()), fallbackPolicy: nil, now: Date(timeIntervalSince1970: 0)).verification
    }

    /// The epoch that validates this file's records, and what is wrong with its header if
    /// anything. A damaged header (magic, version, checksum or reserved bytes) is recovered from
    /// the records: its stored epoch if that still validates the first record, else the epoch a
    /// one-byte correction gives when the header's own checksum and the first record agree.
    func recoverEpoch(_ bytes: [UInt8]) throws(JournalError) -> (UInt64, String?) {
        let reading = bytes.withUnsafeBytes { JournalFormat.readHeader($0) }
        switch reading {
        case .sound(let header):
            return (header.epoch, nil)
        case .newer(let version):
            throw JournalError(.unsupportedVersion, path: path, "\(path) is journal format \(version); this callboard reads format \(JournalFormat.version); upgrade callboard")
        case .notAJournal:
            throw JournalError(.notAJournal, path: path, "\(path) is not a Callboard journal (its first bytes are not a journal header and no record follows that a header's epoch validates); name another file with --journal")
        case .damaged(let epoch?):
            return (epoch, "the file header is damaged (its magic, version, checksum or reserved bytes); its epoch still validates the records")
        case .damaged(nil):
            break
        }
        let headerCRC = bytes.withUnsafeBytes { $0.loadLE(UInt32.self, at: 24) }
        func headerMatches(_ header: [UInt8]) -> Bool { CRC32C.checksum(Array(header[0..<24])) == headerCRC }
        func validates(_ epoch: UInt64) -> Bool {
            let body = Array(bytes[JournalFormat.headerSize...])
            return body.withUnsafeBytes { RecordScanner.isValidRecord(in: $0, at: 0, epoch: epoch) }
        }
        var header = Array(bytes[0..<JournalFormat.headerSize])
        // A wrong magic or version (damage outside the epoch) is put right before looking for
        // the byte of the epoch that changed.
        header.replaceSubrange(0..<12, with: JournalFormat.encodeHeader(epoch: 0)[0..<12])
        for index in 16..<24 {
            for value in 0...255 where UInt8(value) != bytes[index] {
                var candidate = header
                candidate[index] = UInt8(value)
                let epoch = candidate.withUnsafeBytes { $0.loadLE(UInt64.self, at: 16) }
                if headerMatches(candidate) && validates(epoch) {
                    return (epoch, "the file header's epoch is damaged (byte \(index)); recovered from the header's checksum and the records")
                }
            }
        }
        let stored = bytes.withUnsafeBytes { $0.loadLE(UInt64.self, at: 16) }
        return (stored, "the file header is damaged and its epoch cannot be recovered: no record can be checked")
    }

    /// The highest call number in the archives beside the journal (`journal.archive-*`).
    func archivedCallNumbers() -> Int {
        let folder = JournalFile.parent(of: JournalFile.resolved(path))
        let name = (JournalFile.resolved(path) as NSString).lastPathComponent + ".archive-"
        let archives = (try? FileManager.default.contentsOfDirectory(atPath: folder))?.filter { $0.hasPrefix(name) } ?? []
        var highest = 0
        for archive in archives {
            guard let state = try? JournalDesk(journal: Journal(path: folder + "/" + archive)).state else { continue }
            highest = max(highest, state.nextCallNumber - 1)
        }
        return highest
    }

    /// What a repair did.
    public struct Repair: Sendable {
        /// Nothing needed repairing (then nothing was written).
        public var needed: Bool
        public var kept: Int
        public var found: Verification
        public var backup: String?
        /// New calls are numbered from here, past any number a lost record may have given out.
        public var nextCallNumber: Int
        /// What it did besides dropping: calls kept under another policy, technicians re-created.
        public var notes: [String]
    }

    /// Rewrites a damaged journal from every record that can stand, in sequence order and
    /// renumbered, after keeping the whole original file as a backup. Records that do not decode
    /// and events about a call that was lost are dropped (the backup keeps them); a call whose
    /// policy was lost is kept and timed under the nearest surviving policy (or
    /// `fallbackPolicy`, the built-in one), a technician whose record was lost is re-created
    /// without details, each said in the report and the call's history. Everything dropped is
    /// reported, and the result always verifies. A journal holding records of a newer callboard
    /// is refused: only that version can rewrite them. Every failure leaves either the old
    /// journal as it was or the repaired one in place, and says which. Consoles and commands
    /// that had the journal open see it replaced and read it afresh.
    public func repair(now: Date, fallbackPolicy: SLAPolicy? = nil) throws -> Repair {
        guard let file = try JournalFile.openLockedForWriting(path, create: false) else {
            throw JournalError(.io(errno: ENOENT), path: path, "there is no journal at \(path); name it with --journal")
        }
        return try withExtendedLifetime(file) { () throws -> Repair in
            // Under the lock: temporary files here were left by a run that was killed.
            _ = JournalFile.removeStaleTemporaries(of: path)
            let bytes = try file.read(at: 0, count: try file.size())
            let found = try examine(bytes, fallbackPolicy: fallbackPolicy, now: now)
            let v = found.verification
            guard v.isDamaged || v.tornTail != nil else {
                return Repair(needed: false, kept: found.keptRecords, found: v, backup: nil, nextCallNumber: found.highestCall + 1, notes: [])
            }
            if let first = v.newer.first {
                throw JournalError(.unsupportedVersion, path: path,
                                   "\(path) holds records of a newer callboard (\(first)\(v.newer.count > 1 ? ", and \(v.newer.count - 1) more" : "")); nothing was changed. Repair it with that version")
            }
            if found.keep.isEmpty && v.records > 0 {
                throw JournalError(.corrupt(offset: 0), path: path,
                                   "\(path): no record could be recovered (\(v.header ?? "every record fails its checks")); nothing was changed")
            }
            let backup: String
            do throws(JournalError) {
                backup = try keepCopy(bytes, suffix: "backup", now: now)
            } catch {
                throw JournalError(error.kind, path: path, "cannot keep a backup before repairing: \(error.message); nothing was changed")
            }
            let newEpoch = UInt64.random(in: 1...UInt64.max)
            var out = JournalFormat.encodeHeader(epoch: newEpoch)
            // A lost record may have been a call's intake: numbering carries on past every number
            // that could have been given out (dropped records that can be read name their calls).
            let next = min(found.highestCall + 1 + found.lost, 999_999_999)
            let marker = Event(occurredAt: now, recordedAt: now, actor: "repair", change: .repaired(nextCallNumber: next, dropped: found.dropped))
            JournalFormat.encodeRecord(type: .event, sequence: 1, payload: EventCodec.encode(marker), epoch: newEpoch, into: &out)
            // Each kept record keeps its type byte (a skippable record of a kind this build does
            // not know is still read by a newer one) and stands as a write of its own.
            for (index, kept) in found.keep.enumerated() {
                let sequence = UInt64(index + 2)
                switch kept {
                case .record(let record):
                    JournalFormat.encodeRecord(rawType: record.type, flags: record.flags & JournalFormat.skippableFlag, sequence: sequence,
                                               payload: Array(found.body[record.payload]), epoch: newEpoch, into: &out)
                case .added(let event):
                    JournalFormat.encodeRecord(type: .event, sequence: sequence, payload: EventCodec.encode(event), epoch: newEpoch, into: &out)
                }
            }
            do throws(JournalError) {
                try JournalFile.replace(path, with: out)
            } catch let error where error.isInPlaceNotSynced {
                throw JournalError(error.kind, path: path,
                                   "the repaired journal is in place (the damaged one is kept as \(backup)), but \(error.message): if the machine stops before the folder reaches the disk, the damaged journal may come back; check the disk and run `callboard journal verify --journal \(path)`")
            } catch {
                unlink(backup)
                throw JournalError(error.kind, path: path, "cannot repair \(path): \(error.message); nothing was changed: the journal is as it was")
            }
            return Repair(needed: true, kept: found.keptRecords, found: v, backup: backup, nextCallNumber: next, notes: found.notes)
        }
    }

    /// Writes `bytes` beside the journal as `journal.SUFFIX-TIMESTAMP` (never over an existing file).
    func keepCopy(_ bytes: [UInt8], suffix: String, now: Date) throws(JournalError) -> String {
        let name = keepName(suffix: suffix, now: now)
        try JournalFile.writeNewFile(name, bytes, sameGroupAs: path)
        return name
    }

    /// `journal.SUFFIX-20261124T083000Z` beside the real file (a symbolic link is followed),
    /// numbered if that name is taken.
    func keepName(suffix: String, now: Date) -> String {
        let stamp = TimeText.iso(now, in: TimeZone(identifier: "UTC")!).replacingOccurrences(of: ":", with: "")
        let real = JournalFile.resolved(path)
        var name = "\(real).\(suffix)-\(stamp)"
        var n = 1
        while FileManager.default.fileExists(atPath: name) { n += 1; name = "\(real).\(suffix)-\(stamp)-\(n)" }
        return name
    }

    /// Every event with its sequence number, oldest first (waiting for writers to finish).
    public func export(_ body: (Event, UInt64) -> Void) throws(JournalError) {
        guard try JournalFile.openForReading(path) != nil else {
            throw JournalError(.io(errno: ENOENT), path: path, "there is no journal at \(path); name it with --journal")
        }
        _ = try read(after: .start) { event, position in body(event, position.sequence) }
    }
}
