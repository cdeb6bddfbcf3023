import CallboardCore
import Foundation

/// The desk's journal in one append-only file on this host (README, "The journal" and "Format").
/// Readers take what is completely written; writers append under an exclusive lock after
/// catching up with whatever others appended, and an append counts only once it is synced to
/// disk. A position is a byte offset in the file, with the file's epoch to notice another file
/// put in its place.
public struct FileJournal: EventLog {
    public let path: String

    public init(path: String) { self.path = path }

    public var location: String { path }

    /// A record still being written (or cut short by a crash) at the end is "not written yet": it
    /// is left for a later read or for a writer to repair. Reading takes the readers' lock, so a
    /// writer's records are seen only once they are synced (a writer that fails takes its bytes
    /// back before letting go).
    public func read(after position: LogPosition, wait: Bool, _ body: (Event, LogPosition) -> Void) throws(JournalError) -> LogRead {
        guard let file = try JournalFile.openForReading(path) else {
            if position.offset > 0 { throw removed() }
            return LogRead(position: position, writerBusy: false)
        }
        if try file.size() == position.offset {
            // Nothing new, unless a different journal of the same size was put in its place.
            if position.epoch != nil, position.offset >= JournalFormat.headerSize { try checkNotShrunk(position.offset, position, in: file) }
            return LogRead(position: position, writerBusy: false)
        }
        if wait {
            try file.lockShared()
        } else if try !file.tryLockShared() {
            return LogRead(position: position, writerBusy: true)
        }
        let size = try file.size()
        try checkNotShrunk(size, position, in: file)
        if size == position.offset { return LogRead(position: position, writerBusy: false) }
        if try isBeingCreated(file, size: size) { return LogRead(position: position, writerBusy: false) }
        let epoch = try header(of: file, expecting: position.epoch)
        let from = max(position.offset, JournalFormat.headerSize)
        let end = try scanRecords(of: file, from: from, to: size, epoch: epoch, after: position.sequence) { records, bytes, base throws(JournalError) in
            try decode(records, in: bytes, base: base, epoch: epoch, body)
        }
        return LogRead(position: end, writerBusy: false)
    }

    /// How much of the file a read takes in at a time: a replay of years holds one piece, never
    /// the whole file and every record of it at once.
    static let readPiece = 8 << 20

    /// Scans the records between `from` and `to` piece by piece, handing each piece's records to
    /// `body` with the piece's bytes and where they start; returns the position after the last
    /// whole record. Damage in the middle throws; an unfinished write at `to` is left (not
    /// written yet). A record cut by a piece's end is read again with the next piece.
    func scanRecords(of file: JournalFile, from: Int, to: Int, epoch: UInt64, after sequence: UInt64,
                     _ body: ([RecordScanner.Record], [UInt8], Int) throws(JournalError) -> Void) throws(JournalError) -> LogPosition {
        var at = from, last = sequence, piece = Self.readPiece
        while at < to {
            let count = min(piece, to - at)
            let isLast = at + count == to
            let bytes = try file.read(at: at, count: count)
            let scan = bytes.withUnsafeBytes { RecordScanner.scan($0, base: at, epoch: epoch, lastSequence: last) }
            if case .corrupt(let offset, let reason) = scan.ending { throw corruption(at: offset, reason) }
            try body(scan.records, bytes, at)
            if scan.end == at {
                // Nothing whole in this piece: the end of the journal, or a group commit larger
                // than a piece (a bulk load) that must be read in one.
                if isLast { break }
                piece *= 2
                continue
            }
            at = scan.end
            last = scan.lastSequence
            if isLast, scan.ending != .clean { break }
        }
        return LogPosition(offset: at, sequence: last, epoch: epoch)
    }

    /// Appends in one write (a group commit) and syncs before returning. A refused command
    /// creates no file and repairs nothing; if a write or sync fails, the file is cut back to
    /// where it was.
    public func append(after position: LogPosition, now: Date, _ decide: (LogBatch) throws -> [Event]) throws -> LogAppend {
        let nothing = LogAppend(caughtUp: LogBatch(events: [], position: position), appended: [], position: position, warnings: [])
        var file: JournalFile
        if let existing = try JournalFile.openLockedForWriting(path, create: false) {
            file = existing
        } else {
            // No journal yet: decide first (there is nothing to catch up with) and create the
            // file only for something to record.
            if position.offset > 0 { throw removed() }
            let events = try decide(LogBatch(events: [], position: position))
            guard !events.isEmpty else { return nothing }
            file = try JournalFile.openLockedForWriting(path, create: true)!
            if try file.size() == 0 { return try startJournal(in: file, with: events, warnings: []) }
            // Another writer created it meanwhile: carry on as for any existing journal, so
            // the command is decided again against what they wrote.
        }
        return try append(locked: file, after: position, now: now, decide)
    }

    /// `append` once the writers' lock is held on an existing file.
    func append(locked file: JournalFile, after position: LogPosition, now: Date, _ decide: (LogBatch) throws -> [Event]) throws -> LogAppend {
        let nothing = LogAppend(caughtUp: LogBatch(events: [], position: position), appended: [], position: position, warnings: [])
        let size = try file.size()
        try checkNotShrunk(size, position, in: file)
        if try isBeingCreated(file, size: size) {
            // Empty, or a crash while the file was being created: there can be no records yet.
            let events = try decide(LogBatch(events: [], position: position))
            guard !events.isEmpty else { return nothing }
            let warnings = size > 0 ? [try setAside(file, from: 0, size: size, now: now, what: JournalText.incompleteHeader())] : []
            return try startJournal(in: file, with: events, warnings: warnings)
        }
        let epoch = try header(of: file, expecting: position.epoch)
        let from = max(position.offset, JournalFormat.headerSize)
        let bytes = try file.read(at: from, count: size - from)
        let scan = bytes.withUnsafeBytes { RecordScanner.scan($0, base: from, epoch: epoch, lastSequence: position.sequence) }
        if case .corrupt(let offset, let reason) = scan.ending { throw corruption(at: offset, reason) }
        var caughtUpEvents: [Event] = []
        try decode(scan.records, in: bytes, base: from, epoch: epoch) { event, _ in caughtUpEvents.append(event) }
        let caughtUp = LogBatch(events: caughtUpEvents, position: LogPosition(offset: scan.end, sequence: scan.lastSequence, epoch: epoch))
        let newEvents = try decide(caughtUp)
        guard !newEvents.isEmpty else { return LogAppend(caughtUp: caughtUp, appended: [], position: caughtUp.position, warnings: []) }
        var warnings: [Message] = []
        if case .tornTail(let offset) = scan.ending {
            warnings.append(try setAside(file, from: offset, size: size, now: now, what: JournalText.incompleteLastRecord()))
        }
        var result: LogAppend
        do {
            result = try write(newEvents, to: file, at: caughtUp.position)
        } catch {
            // The torn tail was set aside even though this write failed: still say so.
            guard let first = warnings.first else { throw error }
            throw JournalError(error.kind, log: path, JournalText.alsoWarned([
                "problem": .message(error.text), "warning": .message(JournalText.list(first, Array(warnings.dropFirst()))),
            ]))
        }
        result.caughtUp = caughtUp
        result.warnings = warnings
        return result
    }

    /// Writes a new file header (a fresh epoch) and the first events into an empty, locked file.
    private func startJournal(in file: JournalFile, with events: [Event], warnings: [Message]) throws(JournalError) -> LogAppend {
        let epoch = UInt64.random(in: 1...UInt64.max)
        // A file that was empty (or left by a crash) becomes the desk's journal: group only.
        try file.restrictToGroup()
        try file.write(JournalFormat.encodeHeader(epoch: epoch), at: 0)
        try file.sync()
        try JournalFile.syncDirectory(of: path)
        var result = try write(events, to: file, at: LogPosition(offset: JournalFormat.headerSize, sequence: 0, epoch: epoch))
        result.warnings = warnings
        return result
    }

    /// Frames `events` after `position` as one group commit, writes them in one call and syncs.
    /// A batch larger than a group (65,536 records, only bulk loads) goes as several writes,
    /// each synced. Nothing is acknowledged unless all are on disk.
    private func write(_ events: [Event], to file: JournalFile, at position: LogPosition) throws(JournalError) -> LogAppend {
        var offset = position.offset
        var sequence = position.sequence
        do throws(JournalError) {
            for start in stride(from: 0, to: events.count, by: JournalFormat.maxGroup) {
                let slice = events[start..<min(start + JournalFormat.maxGroup, events.count)]
                var frames: [UInt8] = []
                JournalFormat.encodeGroup(payloads: slice.map { EventCodec.encode($0) }, after: sequence, epoch: position.epoch!, into: &frames)
                try file.write(frames, at: offset)
                try file.sync()
                offset += frames.count
                sequence += UInt64(slice.count)
            }
        } catch {
            // Not acknowledged: take back whatever part reached the file. If even that fails,
            // say so: the unacknowledged records would otherwise replay as if they were.
            do throws(JournalError) {
                try file.truncate(to: position.offset)
                try file.sync()
            } catch let rollback {
                throw JournalError(error.kind, log: path, JournalText.rollbackFailed([
                    "problem": .message(error.text), "rollback": .message(rollback.text), "path": "\(path)",
                ]))
            }
            throw error
        }
        let end = LogPosition(offset: offset, sequence: sequence, epoch: position.epoch)
        return LogAppend(caughtUp: LogBatch(events: [], position: position), appended: events, position: end, warnings: [])
    }

    /// A journal only grows (until compaction replaces it under a new epoch): one that got
    /// shorter under a reader was restored or tampered with, and reading on would misplace records.
    private func checkNotShrunk(_ size: Int, _ position: LogPosition, in file: JournalFile) throws(JournalError) {
        // A different journal now (compacted or repaired: a new epoch) says so first.
        if let epoch = position.epoch, size >= JournalFormat.headerSize {
            let bytes = try file.read(at: 0, count: JournalFormat.headerSize)
            if case .success(let header) = bytes.withUnsafeBytes({ JournalFormat.decodeHeader($0) }), header.epoch != epoch {
                throw superseded()
            }
        }
        if size < position.offset {
            throw JournalError(.replaced, log: path, JournalText.gotShorter(["path": "\(path)", "size": "\(size)", "read": "\(position.offset)"]))
        }
    }

    /// Whether the file is a journal still being created: empty, the beginning of a header, or
    /// nothing but zeros (a crash after the file grew but before its header reached the disk).
    /// A short file that is none of these is not a journal at all.
    func isBeingCreated(_ file: JournalFile, size: Int) throws(JournalError) -> Bool {
        if size == 0 { return true }
        let start = try file.read(at: 0, count: min(size, JournalFormat.headerSize))
        if size >= JournalFormat.headerSize, start.starts(with: JournalFormat.magic) { return false }
        if size <= 4096, try file.read(at: 0, count: size).allSatisfy({ $0 == 0 }) { return true }
        let known = JournalFormat.encodeHeader(epoch: 0).prefix(16) // magic, version and flags
        if size < JournalFormat.headerSize, known.starts(with: start.prefix(16)) { return true }
        if size < JournalFormat.headerSize {
            throw JournalError(.notAJournal, log: path, JournalText.notAJournal(["path": "\(path)"]))
        }
        return false // a full-size file: the header check says what is wrong with it
    }

    private func superseded() -> JournalError {
        JournalError(.superseded, log: path, JournalText.superseded(["path": "\(path)"]))
    }

    func removed() -> JournalError {
        JournalError(.replaced, log: path, JournalText.removed(["path": "\(path)"]))
    }

    func header(of file: JournalFile, expecting epoch: UInt64?) throws(JournalError) -> UInt64 {
        let bytes = try file.read(at: 0, count: JournalFormat.headerSize)
        if case .success(let header) = bytes.withUnsafeBytes({ JournalFormat.decodeHeader($0) }) {
            if let epoch, epoch != header.epoch { throw superseded() }
            return header.epoch
        }
        // Not sound: the first record tells damage from a foreign or newer file.
        let first = try file.read(at: 0, count: JournalFormat.headerSize + JournalFormat.recordHeaderSize)
        let length = first.count == JournalFormat.headerSize + JournalFormat.recordHeaderSize
            ? Int(first.withUnsafeBytes { $0.loadLE(UInt32.self, at: JournalFormat.headerSize + 4) }) : 0
        let start = try file.read(at: 0, count: JournalFormat.headerSize + JournalFormat.recordHeaderSize + min(length, JournalFormat.maxPayload))
        switch start.withUnsafeBytes({ JournalFormat.readHeader($0) }) {
        case .sound(let header):
            return header.epoch
        case .newer(let version):
            throw newerFormat(version)
        case .damaged:
            throw JournalError(.corrupt(offset: 0), log: path, JournalText.damagedHeader(["path": "\(path)"]))
        case .notAJournal:
            throw JournalError(.notAJournal, log: path, JournalText.notAJournal(["path": "\(path)"]))
        }
    }

    /// Decodes `records` (found in `bytes`, which start at file offset `base`) in order.
    func decode(_ records: [RecordScanner.Record], in bytes: [UInt8], base: Int, epoch: UInt64,
                _ body: (Event, LogPosition) -> Void) throws(JournalError) {
        let decoder = JSONDecoder()
        // withUnsafeBytes does not carry a typed error through; the loop throws only JournalError.
        do {
            try bytes.withUnsafeBytes { raw in try decodeEach(records, raw, base: base, epoch: epoch, decoder: decoder, body) }
        } catch let error as JournalError {
            throw error
        } catch {
            throw JournalError(.io(errno: 0), log: path, JournalText.unexpected(["path": "\(path)", "problem": "\(error)"]))
        }
    }

    private func decodeEach(_ records: [RecordScanner.Record], _ raw: UnsafeRawBufferPointer, base: Int, epoch: UInt64, decoder: JSONDecoder,
                            _ body: (Event, LogPosition) -> Void) throws(JournalError) {
        do {
            for record in records {
                let after = LogPosition(offset: base + record.payload.upperBound, sequence: record.sequence, epoch: epoch)
                guard record.type == JournalFormat.RecordType.event.rawValue else {
                    if record.flags & JournalFormat.skippableFlag != 0 { continue }
                    throw JournalError(.unreadableEvent(sequence: record.sequence), log: path, JournalText.unknownRecordType([
                        "path": "\(path)", "sequence": "\(record.sequence)", "offset": "\(record.offset)", "type": "\(record.type)",
                    ]))
                }
                let event: Event
                do {
                    event = try EventCodec.decode(UnsafeRawBufferPointer(rebasing: raw[record.payload]), decoder: decoder)
                } catch {
                    // A newer callboard's event says to upgrade; damage says to verify.
                    let problem = EventCodec.DecodeError.text(of: error)
                    let key: JournalText = (error as? EventCodec.DecodeError)?.isNewer == true ? .unreadableRecord : .unreadableRecordVerify
                    throw JournalError(.unreadableEvent(sequence: record.sequence), log: path, key([
                        "path": "\(path)", "sequence": "\(record.sequence)", "offset": "\(record.offset)", "problem": .message(problem),
                    ]))
                }
                body(event, after)
            }
        }
    }

    func corruption(at offset: Int, _ reason: Message) -> JournalError {
        JournalError(.corrupt(offset: offset), log: path, JournalText.damagedAt(["path": "\(path)", "offset": "\(offset)", "reason": .message(reason)]))
    }

    /// A journal of a format newer than this build reads.
    func newerFormat(_ version: UInt32) -> JournalError {
        JournalError(.unsupportedVersion, log: path, JournalText.newerFormat(["path": "\(path)", "version": "\(version)", "reads": "\(JournalFormat.version)"]))
    }

    /// Keeps the bytes of a cut-short write beside the journal and cuts them off, so that every
    /// acknowledged event stays and nothing unacknowledged is silently lost.
    func setAside(_ file: JournalFile, from offset: Int, size: Int, now: Date, what: Message) throws(JournalError) -> Message {
        let bytes = try file.read(at: offset, count: size - offset)
        let keep = try keepCopy(bytes, suffix: "broken", now: now)
        try file.truncate(to: offset)
        try file.sync()
        return JournalText.setAside(["path": "\(path)", "what": .message(what), "count": "\(bytes.count)", "offset": "\(offset)", "kept": "\(keep)"])
    }
}
