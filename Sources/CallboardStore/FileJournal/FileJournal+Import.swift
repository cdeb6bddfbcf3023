import CallboardCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `journal import`: recorded history (an export, read back) written into a journal that holds
/// no events yet, to move a desk to another host or restore it.
///
/// The events go into a new file beside the journal as they come — a file header under a new
/// epoch, then one record each, sequence 1, 2, 3, … — written a chunk at a time, synced once at
/// the end and only then renamed over the journal, as a compaction puts its rewrite in place
/// (JournalFile.replace). So an import is one transaction: until the rename the journal is as
/// it was, whatever stops the import (a bad line, a full disk, a kill: the temporary file a kill
/// leaves is removed by the next import, compaction or repair), and after it every event is
/// there. Each record stands as a group of its own, as in a compacted journal: the file is
/// complete and synced before anyone can read it, so there is no write to lose half of.
extension FileJournal {
    /// Records are gathered into a buffer and written once it holds this many bytes: a few
    /// thousand events per write(2), and what an import holds in memory at any moment besides
    /// the event being read.
    static let importChunk = 1 << 20

    public func importHistory(now: Date, _ next: () throws -> Event?) throws -> LogImport {
        let existed = try exists()
        let newFolders = existed ? [] : JournalFile.missingFolders(of: path)
        // The writers' lock on the journal in place (an empty file is made if there is none) is
        // held throughout: nobody appends meanwhile, and a writer waiting for it finds the
        // imported journal in place (a new inode) and decides against it.
        guard let file = try JournalFile.openLockedForWriting(path, create: true) else { throw removed() }
        return try withExtendedLifetime(file) { () throws -> LogImport in
            _ = JournalFile.removeStaleTemporaries(of: path)
            let warnings = try checkHoldsNoEvents(file, now: now)
            var count = 0
            do {
                try JournalFile.replace(path) { out in count = try Self.writeHistory(next, to: out) }
            } catch let error as JournalError where error.isInPlaceNotSynced {
                throw JournalError(error.kind, log: path, JournalText.importedNotSynced(["problem": .message(error.text), "path": "\(path)"]))
            } catch {
                // Not imported: the journal is as it was, and none is left where there was none.
                if !existed, (try? file.size()) == 0, (try? file.isStillInPlace()) == true, unlink(path) == 0 {
                    // The folders made for it go too, if nothing else was put in them meanwhile.
                    for folder in newFolders where rmdir(folder) != 0 { break }
                    try? JournalFile.syncDirectory(of: newFolders.last ?? path)
                }
                if error is NothingToImport { return LogImport(events: 0, warnings: warnings) }
                guard let failure = error as? JournalError else { throw error }
                throw JournalError(failure.kind, log: path, JournalText.importFailed(["path": "\(path)", "problem": .message(failure.text)]))
            }
            return LogImport(events: count, warnings: warnings)
        }
    }

    /// The new journal's bytes, streamed into `file`: a header under a new epoch, then a record
    /// per event. Returns how many events it holds.
    private static func writeHistory(_ next: () throws -> Event?, to file: JournalFile) throws -> Int {
        let epoch = UInt64.random(in: 1...UInt64.max)
        var buffer = JournalFormat.encodeHeader(epoch: epoch)
        buffer.reserveCapacity(importChunk + (1 << 16))
        var offset = 0
        var sequence: UInt64 = 0
        while let event = try next() {
            let payload = EventCodec.encode(event)
            guard payload.count <= JournalFormat.maxPayload else {
                throw JournalError(.io(errno: EFBIG), log: file.path, JournalText.importEventTooLarge([
                    "sequence": "\(sequence + 1)", "size": "\(payload.count)", "limit": "\(JournalFormat.maxPayload)",
                ]))
            }
            sequence += 1
            JournalFormat.encodeRecord(type: .event, sequence: sequence, payload: payload, epoch: epoch, into: &buffer)
            if buffer.count >= importChunk {
                try file.write(buffer, at: offset)
                offset += buffer.count
                buffer.removeAll(keepingCapacity: true)
            }
        }
        guard sequence > 0 else { throw NothingToImport() }
        try file.write(buffer, at: offset)
        return Int(sequence)
    }

    /// Refuses a journal that holds events (`notEmpty`). Holding none: no file or an empty one,
    /// a header alone, or only what a crash left while creating it or during its first write
    /// (never acknowledged), which is kept beside it as any writer would (the warnings say so).
    private func checkHoldsNoEvents(_ file: JournalFile, now: Date) throws(JournalError) -> [Message] {
        let size = try file.size()
        if try isBeingCreated(file, size: size) {
            return size > 0 ? [try setAside(file, from: 0, size: size, now: now, what: JournalText.incompleteHeader())] : []
        }
        let epoch = try header(of: file, expecting: nil)
        let start = JournalFormat.headerSize
        if size == start { return [] }
        // A sound first record is enough to refuse: the rest of a large journal is not read.
        let head = try file.read(at: start, count: min(size - start, JournalFormat.recordHeaderSize))
        if head.count == JournalFormat.recordHeaderSize {
            let length = Int(head.withUnsafeBytes { $0.loadLE(UInt32.self, at: 4) })
            let first = try file.read(at: start, count: min(size - start, JournalFormat.recordHeaderSize + min(length, JournalFormat.maxPayload)))
            let scan = first.withUnsafeBytes { RecordScanner.scan($0, base: start, epoch: epoch, lastSequence: 0) }
            if !scan.records.isEmpty { throw notEmpty() }
        }
        let body = try file.read(at: start, count: size - start)
        let scan = body.withUnsafeBytes { RecordScanner.scan($0, base: start, epoch: epoch, lastSequence: 0) }
        if !scan.records.isEmpty { throw notEmpty() }
        switch scan.ending {
        case .corrupt(let offset, let reason): throw corruption(at: offset, reason)
        case .tornTail(let offset): return [try setAside(file, from: offset, size: size, now: now, what: JournalText.incompleteLastRecord())]
        case .clean: return []
        }
    }

    private func notEmpty() -> JournalError {
        JournalError(.notEmpty, log: path, JournalText.importNotEmpty(["path": "\(path)"]))
    }
}

/// The source had no event at all: nothing is imported and nothing is put in place.
private struct NothingToImport: Error {}
