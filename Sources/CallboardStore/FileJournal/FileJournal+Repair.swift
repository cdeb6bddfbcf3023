import CallboardCore
import Foundation

/// `journal verify`, `journal repair` and `journal export`: looking at a whole journal, and
/// recovering what can be recovered from a damaged one without ever dropping a byte silently.
extension FileJournal {
    /// Checks every byte and every event of the journal (waiting for writers to finish).
    public func verify() throws(JournalError) -> LogVerification {
        guard let file = try JournalFile.openForReading(path) else {
            throw JournalError(.io(errno: ENOENT), log: path, JournalText.noJournal(["path": "\(path)"]))
        }
        try file.lockShared()
        return try examine(try file.read(at: 0, count: try file.size()), fallbackPolicy: nil, now: Date(timeIntervalSince1970: 0)).verification
    }

    /// The epoch that validates this file's records, and what is wrong with its header if
    /// anything. A damaged header (magic, version, checksum or reserved bytes) is recovered from
    /// the records: its stored epoch if that still validates the first record, else the epoch a
    /// one-byte correction gives when the header's own checksum and the first record agree.
    func recoverEpoch(_ bytes: [UInt8]) throws(JournalError) -> (UInt64, Message?) {
        let reading = bytes.withUnsafeBytes { JournalFormat.readHeader($0) }
        switch reading {
        case .sound(let header):
            return (header.epoch, nil)
        case .newer(let version):
            throw newerFormat(version)
        case .notAJournal:
            throw JournalError(.notAJournal, log: path, JournalText.notAJournalNoRecord(["path": "\(path)"]))
        case .damaged(let epoch?):
            return (epoch, JournalText.headerDamagedEpochValid())
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
                    return (epoch, JournalText.headerEpochRecovered(["byte": "\(index)"]))
                }
            }
        }
        let stored = bytes.withUnsafeBytes { $0.loadLE(UInt64.self, at: 16) }
        return (stored, JournalText.headerUnrecoverable())
    }

    /// The highest call number in the archives beside the journal (`journal.archive-*`).
    func archivedCallNumbers() -> Int {
        let folder = JournalFile.parent(of: JournalFile.resolved(path))
        let name = (JournalFile.resolved(path) as NSString).lastPathComponent + ".archive-"
        let archives = (try? FileManager.default.contentsOfDirectory(atPath: folder))?.filter { $0.hasPrefix(name) } ?? []
        var highest = 0
        for archive in archives {
            guard let state = try? FileJournal(path: folder + "/" + archive).replayedWhole() else { continue }
            highest = max(highest, state.nextCallNumber - 1)
        }
        return highest
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
    public func repair(now: Date, fallbackPolicy: SLAPolicy? = nil) throws -> LogRepair {
        guard let file = try JournalFile.openLockedForWriting(path, create: false) else {
            throw JournalError(.io(errno: ENOENT), log: path, JournalText.noJournal(["path": "\(path)"]))
        }
        return try withExtendedLifetime(file) { () throws -> LogRepair in
            // Under the lock: temporary files here were left by a run that was killed.
            _ = JournalFile.removeStaleTemporaries(of: path)
            Self.removeStaleSnapshotTemporaries(of: snapshotPath, now: now)
            let bytes = try file.read(at: 0, count: try file.size())
            let found = try examine(bytes, fallbackPolicy: fallbackPolicy, now: now)
            let v = found.verification
            guard v.isDamaged || v.tornTail != nil else {
                return LogRepair(needed: false, kept: found.keptRecords, found: v, backup: nil, nextCallNumber: found.highestCall + 1, notes: [])
            }
            if let first = v.newer.first {
                throw JournalError(.unsupportedVersion, log: path, v.newer.count > 1
                    ? JournalText.repairNewerMore(["path": "\(path)", "first": .message(first), "more": "\(v.newer.count - 1)"])
                    : JournalText.repairNewer(["path": "\(path)", "first": .message(first)]))
            }
            if found.keep.isEmpty && v.records > 0 {
                throw JournalError(.corrupt(offset: 0), log: path,
                                   JournalText.nothingRecoverable(["path": "\(path)", "why": .message(v.header ?? JournalText.everyRecordFails())]))
            }
            let backup: String
            do throws(JournalError) {
                backup = try keepCopy(bytes, suffix: "backup", now: now)
            } catch {
                throw JournalError(error.kind, log: path, JournalText.backupFailed(["problem": .message(error.text)]))
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
                throw JournalError(error.kind, log: path,
                                   JournalText.repairedNotSynced(["backup": "\(backup)", "problem": .message(error.text), "path": "\(path)"]))
            } catch {
                unlink(backup)
                throw JournalError(error.kind, log: path, JournalText.repairFailed(["path": "\(path)", "problem": .message(error.text)]))
            }
            // The old snapshot is of the damaged journal: the next writer takes a new one.
            unlink(snapshotPath)
            return LogRepair(needed: true, kept: found.keptRecords, found: v, backup: backup, nextCallNumber: next, notes: found.notes)
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
            throw JournalError(.io(errno: ENOENT), log: path, JournalText.noJournal(["path": "\(path)"]))
        }
        _ = try read(after: .start, wait: true) { event, position in body(event, position.sequence) }
    }
}
