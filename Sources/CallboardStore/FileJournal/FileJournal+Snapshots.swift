import CallboardCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The file journal's snapshot (DeskSnapshot) is a file beside it, `JOURNAL.snapshot`, put in
/// place whole (written under a temporary name, synced, renamed, the folder synced); and a
/// retired call is read back by walking the journal, decoding only that call's records.
extension FileJournal {
    /// Beside the real file, when the journal's path is a symbolic link.
    var snapshotPath: String { JournalFile.resolved(path) + ".snapshot" }

    public func snapshot() throws(JournalError) -> StoredSnapshot? {
        let where_ = snapshotPath
        let fd = open(where_, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        if fd < 0 {
            if errno == ENOENT { return nil }
            if errno == ELOOP {
                return StoredSnapshot(source: SnapshotBytes([]), location: where_, problem: JournalText.snapshotNotPrivate())
            }
            throw JournalFile.failure(.operationOpen, where_)
        }
        let file = SnapshotFile(fd: fd, path: where_)
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw JournalFile.failure(.operationOpen, where_) }
        // Like the journal: the desk's group only, one name, a plain file.
        let private_ = info.st_mode & S_IFMT == S_IFREG && info.st_mode & S_IWOTH == 0 && info.st_nlink == 1
        file.size = Int(info.st_size)
        return StoredSnapshot(source: file, location: where_, problem: private_ ? nil : JournalText.snapshotNotPrivate())
    }

    public func storeSnapshot(_ bytes: [UInt8], at position: LogPosition) throws(JournalError) {
        // Where others could swap files in, nothing is written (as for the journal itself).
        try JournalPlacement.checkFolder(of: path)
        guard try fits(position) == .fits else { return }
        // Written as JOURNAL.snapshot.new-RANDOM (a compaction removes the journal's own
        // JOURNAL.new-* under the writers' lock, while a console writes this without it), then,
        // under the readers' lock of the journal, checked again and renamed: a compaction or
        // repair (which hold the writers' lock) cannot put a new journal and its snapshot in
        // place between the check and the rename, to be overwritten by this one of the old.
        var holding: JournalFile?
        try JournalFile.writeNewFile(snapshotPath, bytes, sameGroupAs: path, temporary: Self.snapshotTemporary(of: snapshotPath)) {
            () throws(JournalError) -> Bool in
            guard let journal = try JournalFile.openForReading(path) else { return false }
            try journal.lockShared()
            holding = journal
            return try fits(position) == .fits && !newerSnapshotStays(than: position)
        }
        withExtendedLifetime(holding) {}
    }

    /// A later snapshot already there stays (two consoles may write at about the same time), if
    /// it is one of this journal as it stands: one left from before the journal was put back from
    /// an older copy is replaced, or it would stay for ever.
    private func newerSnapshotStays(than position: LogPosition) -> Bool {
        guard let existing = try? snapshot(), existing.problem == nil,
              let reader = try? SnapshotReader(existing.source, readWhole: false) else { return false }
        return reader.position.epoch == position.epoch && reader.position.sequence > position.sequence
            && (try? fits(reader.position)) == .fits && (try? historyCheck(at: reader.position)) == reader.check
    }

    /// Where a snapshot is written before it takes its name.
    static func snapshotTemporary(of snapshotPath: String) -> String { "\(snapshotPath).new-\(UInt32.random(in: 0...UInt32.max))" }

    /// Removes what killed snapshot writes left (`JOURNAL.snapshot.new-*`) an hour older than
    /// `now`: no write takes that long, and a console may be writing one as this runs.
    static func removeStaleSnapshotTemporaries(of snapshotPath: String, now: Date) {
        let folder = (snapshotPath as NSString).deletingLastPathComponent
        let prefix = (snapshotPath as NSString).lastPathComponent + ".new-"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder))?.filter { $0.hasPrefix(prefix) } ?? []
        for name in names {
            let path = (folder as NSString).appendingPathComponent(name)
            var info = stat()
            if lstat(path, &info) == 0, Double(info.st_mtim.tv_sec) < now.timeIntervalSince1970 - 3600 { unlink(path) }
        }
    }

    /// CRC-32C of the (up to) 64 bytes before `position`: the end of the last record taken,
    /// payload and checksum, so another history reaching the same offset differs there.
    public func historyCheck(at position: LogPosition) throws(JournalError) -> UInt32 {
        guard position.offset > JournalFormat.headerSize, let file = try JournalFile.openForReading(path) else { return 0 }
        let start = Self.historyCheckStart(position.offset)
        return CRC32C.checksum(try file.read(at: start, count: position.offset - start))
    }

    /// Where the bytes a check covers start, for a position at `end`: the records only.
    static func historyCheckStart(_ end: Int) -> Int { max(JournalFormat.headerSize, end - 64) }

    /// The check of a whole journal's bytes at their end (a compaction's new journal).
    static func historyCheck(of bytes: [UInt8], at end: Int) -> UInt32 {
        guard end > JournalFormat.headerSize, end <= bytes.count else { return 0 }
        return CRC32C.checksum(Array(bytes[historyCheckStart(end)..<end]))
    }

    public func fits(_ position: LogPosition) throws(JournalError) -> PositionFit {
        guard let file = try JournalFile.openForReading(path) else { return .otherLog }
        let size = try file.size()
        guard size >= JournalFormat.headerSize,
              case .success(let header) = try file.read(at: 0, count: JournalFormat.headerSize).withUnsafeBytes({ JournalFormat.decodeHeader($0) }),
              header.epoch == position.epoch, position.offset >= JournalFormat.headerSize else {
            return .otherLog
        }
        guard position.offset <= size else { return .pastEnd }
        // The record after it, if any, must be the next one: the position is a record boundary.
        if position.offset < size {
            let next = try file.read(at: position.offset, count: min(JournalFormat.recordHeaderSize, size - position.offset))
            guard next.count == JournalFormat.recordHeaderSize,
                  next.withUnsafeBytes({ $0.loadLE(UInt64.self, at: 12) }) == position.sequence + 1 else { return .otherLog }
        }
        return .fits
    }

    public func history(of calls: Set<CallID>, through position: LogPosition) throws(JournalError) -> [CallID: [Event]] {
        guard !calls.isEmpty, position.offset > JournalFormat.headerSize, let file = try JournalFile.openForReading(path) else { return [:] }
        try file.lockShared()
        let epoch = try header(of: file, expecting: position.epoch)
        let wanted = Set(calls.map(\.number))
        var found: [CallID: [Event]] = [:]
        _ = try scanRecords(of: file, from: JournalFormat.headerSize, to: position.offset, epoch: epoch, after: 0) { records, bytes, base throws(JournalError) in
            // Only the records about these calls are decoded (and those that cannot be told without).
            let theirs = bytes.withUnsafeBytes { raw in
                records.filter { record in
                    guard record.type == JournalFormat.RecordType.event.rawValue else { return false }
                    switch BinaryEventCodec.subject(of: UnsafeRawBufferPointer(rebasing: raw[record.payload])) {
                    case .call(let number): return wanted.contains(number)
                    case .desk: return false
                    case .unknown: return true
                    }
                }
            }
            try decode(theirs, in: bytes, base: base, epoch: epoch) { event, _ in
                if let id = event.change.call, calls.contains(id) { found[id, default: []].append(event) }
            }
        }
        return found
    }
}

/// A snapshot file, read piece by piece (a command reads the few parts it needs).
final class SnapshotFile: SnapshotSource {
    let fd: Int32
    let path: String
    var size = 0

    init(fd: Int32, path: String) {
        self.fd = fd
        self.path = path
    }

    deinit { close(fd) }

    func bytes(at offset: Int, count: Int) throws(JournalError) -> [UInt8] {
        try JournalFile.read(fd, at: offset, count: max(0, min(count, size - offset)), path: path)
    }
}
