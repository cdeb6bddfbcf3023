import CallboardCore
import Foundation

/// How far a reader has got: the byte just after the last record it took, that record's
/// sequence number, and the file's epoch (to notice a different file under the same name).
public struct JournalPosition: Equatable, Sendable {
    public var offset: Int
    public var sequence: UInt64
    public var epoch: UInt64?

    public static let start = JournalPosition(offset: 0, sequence: 0, epoch: nil)
}

/// The desk's append-only log of events in one file. Readers take what is completely written;
/// writers append under an exclusive lock after catching up with whatever others appended, and
/// an append counts only once it is synced to disk.
public struct Journal: Sendable {
    public let path: String

    public init(path: String) { self.path = path }

    public struct Batch {
        public var events: [Event]
        public var position: JournalPosition
    }

    /// Events written after `position`. A record still being written (or cut short by a crash)
    /// at the end is "not written yet": it is left for a later read or for a writer to repair.
    public func read(after position: JournalPosition) throws(JournalError) -> Batch {
        guard let file = try JournalFile.openForReading(path) else { return Batch(events: [], position: position) }
        let size = try file.size()
        if size == position.offset { return Batch(events: [], position: position) }
        try checkNotShrunk(size, position)
        if size < JournalFormat.headerSize {
            try checkIsStartOfHeader(file, size: size) // still being created
            return Batch(events: [], position: position)
        }
        let epoch = try header(of: file, expecting: position.epoch)
        let from = max(position.offset, JournalFormat.headerSize)
        let bytes = try file.read(at: from, count: size - from)
        let scan = bytes.withUnsafeBytes { RecordScanner.scan($0, base: from, epoch: epoch, lastSequence: position.sequence) }
        if case .corrupt(let offset, let reason) = scan.ending { throw corruption(at: offset, reason) }
        let events = try decode(scan.records, in: bytes)
        return Batch(events: events, position: JournalPosition(offset: scan.end, sequence: scan.lastSequence, epoch: epoch))
    }

    public struct Append {
        /// Events others wrote after the caller's position, now read, and the position after them.
        public var caughtUp: Batch
        public var appended: [Event]
        public var position: JournalPosition
        /// Things the caller should tell a person (a torn tail that was set aside).
        public var warnings: [String]
    }

    /// Takes the writers' lock, reads what others appended after `position`, asks `decide` for
    /// the events to add given those, appends them in one write and syncs before returning.
    /// Nothing on disk changes unless there is something to append: a refused command (decide
    /// throws, or returns nothing) creates no file and repairs nothing. If a write or sync
    /// fails, nothing is acknowledged and the file is cut back to where it was.
    public func append(after position: JournalPosition, now: Date, _ decide: (Batch) throws -> [Event]) throws -> Append {
        guard let file = try JournalFile.openLockedForWriting(path, create: false) else {
            // No journal yet: create one only for something to record.
            let events = try decide(Batch(events: [], position: position))
            guard !events.isEmpty else { return Append(caughtUp: Batch(events: [], position: position), appended: [], position: position, warnings: []) }
            _ = try JournalFile.openLockedForWriting(path, create: true)
            return try append(after: position, now: now, decide)
        }
        var warnings: [String] = []
        let size = try file.size()
        try checkNotShrunk(size, position)
        guard size >= JournalFormat.headerSize else {
            try checkIsStartOfHeader(file, size: size)
            // Empty, or a crash while the file was being created: there can be no records yet.
            let events = try decide(Batch(events: [], position: position))
            guard !events.isEmpty else { return Append(caughtUp: Batch(events: [], position: position), appended: [], position: position, warnings: []) }
            if size > 0 { warnings.append(try setAside(file, from: 0, size: size, now: now, what: "an incomplete file header")) }
            try file.write(JournalFormat.encodeHeader(epoch: UInt64.random(in: 1...UInt64.max)), at: 0)
            try file.sync()
            try JournalFile.syncDirectory(of: path)
            let header = JournalPosition(offset: JournalFormat.headerSize, sequence: 0, epoch: try self.header(of: file, expecting: nil))
            var result = try write(events, to: file, at: header)
            result.warnings = warnings
            return result
        }
        let epoch = try header(of: file, expecting: position.epoch)
        let from = max(position.offset, JournalFormat.headerSize)
        let bytes = try file.read(at: from, count: size - from)
        let scan = bytes.withUnsafeBytes { RecordScanner.scan($0, base: from, epoch: epoch, lastSequence: position.sequence) }
        if case .corrupt(let offset, let reason) = scan.ending { throw corruption(at: offset, reason) }
        let caughtUp = Batch(events: try decode(scan.records, in: bytes),
                             position: JournalPosition(offset: scan.end, sequence: scan.lastSequence, epoch: epoch))
        let newEvents = try decide(caughtUp)
        guard !newEvents.isEmpty else { return Append(caughtUp: caughtUp, appended: [], position: caughtUp.position, warnings: []) }
        if case .tornTail(let offset) = scan.ending {
            warnings.append(try setAside(file, from: offset, size: size, now: now, what: "an incomplete last record"))
        }
        var result = try write(newEvents, to: file, at: caughtUp.position)
        result.caughtUp = caughtUp
        result.warnings = warnings
        return result
    }

    /// Frames `events` after `position`, writes them in one call and syncs.
    private func write(_ events: [Event], to file: JournalFile, at position: JournalPosition) throws(JournalError) -> Append {
        var frames: [UInt8] = []
        var sequence = position.sequence
        for event in events {
            sequence += 1
            JournalFormat.encodeRecord(type: .event, sequence: sequence, payload: EventCodec.encode(event), epoch: position.epoch!, into: &frames)
        }
        do {
            try file.write(frames, at: position.offset)
            try file.sync()
        } catch {
            // Not acknowledged: take back whatever part reached the file.
            try? file.truncate(to: position.offset)
            try? file.sync()
            throw error
        }
        let end = JournalPosition(offset: position.offset + frames.count, sequence: sequence, epoch: position.epoch)
        return Append(caughtUp: Batch(events: [], position: position), appended: events, position: end, warnings: [])
    }

    /// A journal only grows (until compaction replaces it under a new epoch): one that got
    /// shorter under a reader was restored or tampered with, and reading on would misplace records.
    private func checkNotShrunk(_ size: Int, _ position: JournalPosition) throws(JournalError) {
        if size < position.offset {
            throw JournalError(.replaced, path: path, "\(path) got shorter (\(size) bytes, \(position.offset) already read): it was restored or replaced; start again to read it")
        }
    }

    /// A file shorter than a header is a journal being created only if its bytes begin one.
    private func checkIsStartOfHeader(_ file: JournalFile, size: Int) throws(JournalError) {
        let bytes = try file.read(at: 0, count: size)
        if !bytes.isEmpty, !JournalFormat.magic.starts(with: bytes.prefix(JournalFormat.magic.count)) {
            throw JournalError(.notAJournal, path: path, "\(path) is not a Callboard journal; name another file with --journal")
        }
    }

    private func header(of file: JournalFile, expecting epoch: UInt64?) throws(JournalError) -> UInt64 {
        let bytes = try file.read(at: 0, count: JournalFormat.headerSize)
        switch bytes.withUnsafeBytes({ JournalFormat.decodeHeader($0) }) {
        case .success(let header):
            if let epoch, epoch != header.epoch {
                throw JournalError(.replaced, path: path, "\(path) was replaced by a different journal while open; start again to read it")
            }
            return header.epoch
        case .failure(.unsupportedVersion(let version)):
            throw JournalError(.unsupportedVersion, path: path, "\(path) is journal format \(version); this callboard reads format \(JournalFormat.version); upgrade callboard")
        case .failure(.damaged):
            throw JournalError(.corrupt(offset: 0), path: path, "\(path) has a damaged file header (byte 0)")
        case .failure:
            throw JournalError(.notAJournal, path: path, "\(path) is not a Callboard journal; name another file with --journal")
        }
    }

    private func decode(_ records: [RecordScanner.Record], in bytes: [UInt8]) throws(JournalError) -> [Event] {
        let decoder = JSONDecoder()
        var events: [Event] = []
        events.reserveCapacity(records.count)
        for record in records {
            guard record.type == JournalFormat.RecordType.event.rawValue else {
                if record.flags & JournalFormat.skippableFlag != 0 { continue }
                throw JournalError(.unreadableEvent(sequence: record.sequence), path: path,
                                   "\(path): record \(record.sequence) at byte \(record.offset) has type \(record.type), unknown to this callboard; upgrade callboard")
            }
            do {
                let event = try bytes.withUnsafeBytes { try EventCodec.decode(UnsafeRawBufferPointer(rebasing: $0[record.payload]), decoder: decoder) }
                events.append(event)
            } catch {
                throw JournalError(.unreadableEvent(sequence: record.sequence), path: path,
                                   "\(path): record \(record.sequence) at byte \(record.offset): \(error)")
            }
        }
        return events
    }

    private func corruption(at offset: Int, _ reason: String) -> JournalError {
        JournalError(.corrupt(offset: offset), path: path,
                     "\(path) is damaged at byte \(offset) (\(reason)) and valid records follow; nothing was changed. Keep a copy of the file and ask for it to be repaired")
    }

    /// Keeps the bytes of a cut-short write beside the journal and cuts them off, so that every
    /// acknowledged event stays and nothing unacknowledged is silently lost.
    private func setAside(_ file: JournalFile, from offset: Int, size: Int, now: Date, what: String) throws(JournalError) -> String {
        let bytes = try file.read(at: offset, count: size - offset)
        let stamp = TimeText.iso(now, in: TimeZone(identifier: "UTC")!).replacingOccurrences(of: ":", with: "")
        var keep = "\(path).broken-\(stamp)"
        var n = 1
        while FileManager.default.fileExists(atPath: keep) { n += 1; keep = "\(path).broken-\(stamp)-\(n)" }
        try JournalFile.writeNewFile(keep, bytes)
        try file.truncate(to: offset)
        try file.sync()
        return "journal \(path) ended with \(what) (\(bytes.count) bytes at byte \(offset), never acknowledged); cut off and kept in \(keep)"
    }
}
