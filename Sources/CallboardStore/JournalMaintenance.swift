import CallboardCore
import Foundation

/// `journal verify`, `journal repair` and `journal export`: looking at a whole journal, and
/// recovering what can be recovered from a damaged one without ever dropping a byte silently.
extension Journal {
    /// What a whole-journal check found.
    public struct Verification: Sendable {
        public var size: Int
        public var records: Int
        public var lastSequence: UInt64
        /// Stretches of bytes that are not valid records, with why.
        public var damage: [Damage]
        /// The journal ends with a write that never completed (set aside by the next write).
        public var tornTail: Range<Int>?
        /// Valid records this build cannot read (newer event types or schemas).
        public var unreadable: [String]

        /// Damage a writer will not repair by itself: the journal will not open until repaired.
        public var isDamaged: Bool { !damage.isEmpty || !unreadable.isEmpty }
    }

    public struct Damage: Sendable, CustomStringConvertible {
        public var bytes: Range<Int>
        /// Sequence numbers missing between the valid records around the damage.
        public var missing: ClosedRange<UInt64>?

        public var description: String {
            let lost = missing.map { $0.count == 1 ? "record \($0.lowerBound) lost" : "records \($0.lowerBound)-\($0.upperBound) lost" }
            return "bytes \(bytes.lowerBound)-\(bytes.upperBound - 1) (\(bytes.count) bytes) are not valid records" + (lost.map { "; \($0)" } ?? "")
        }
    }

    /// Checks every byte and every event of the journal (waiting for writers to finish).
    public func verify() throws(JournalError) -> Verification {
        guard let file = try JournalFile.openForReading(path) else {
            throw JournalError(.io(errno: ENOENT), path: path, "there is no journal at \(path)")
        }
        try file.lockShared()
        let bytes = try file.read(at: 0, count: try file.size())
        return try inspect(bytes)
    }

    private func inspect(_ bytes: [UInt8]) throws(JournalError) -> Verification {
        let epoch = try epochForRecovery(bytes)
        let body = Array(bytes[JournalFormat.headerSize...])
        let (survey, scan) = body.withUnsafeBytes { raw in
            (RecordScanner.survey(raw, base: JournalFormat.headerSize, epoch: epoch),
             RecordScanner.scan(raw, base: JournalFormat.headerSize, epoch: epoch, lastSequence: 0))
        }
        var unreadable: [String] = []
        try decodeAll(survey.records, in: body, epoch: epoch) { record, problem in
            unreadable.append("record \(record.sequence) at byte \(record.offset): \(problem)")
        }
        var torn: Range<Int>?
        if case .tornTail(let offset) = scan.ending { torn = offset..<bytes.count }
        // Damage is what lies before the torn tail (if any); a torn tail is an unfinished write.
        let damage = survey.damaged.filter { torn == nil || $0.lowerBound < torn!.lowerBound }.map { range in
            Damage(bytes: range, missing: missingSequences(around: range, in: survey.records))
        }
        return Verification(size: bytes.count, records: survey.records.filter { torn == nil || $0.offset < torn!.lowerBound }.count,
                            lastSequence: survey.records.last?.sequence ?? 0, damage: damage, tornTail: torn, unreadable: unreadable)
    }

    /// The epoch that validates this file's records: the header's, even if the header's own
    /// checksum fails (the epoch is then proved by the records it validates).
    private func epochForRecovery(_ bytes: [UInt8]) throws(JournalError) -> UInt64 {
        guard bytes.count >= JournalFormat.headerSize, bytes.starts(with: JournalFormat.magic) else {
            throw JournalError(.notAJournal, path: path, "\(path) is not a Callboard journal")
        }
        let version = bytes.withUnsafeBytes { $0.loadLE(UInt32.self, at: 8) }
        guard version == JournalFormat.version else {
            throw JournalError(.unsupportedVersion, path: path, "\(path) is journal format \(version); this callboard reads format \(JournalFormat.version); upgrade callboard")
        }
        return bytes.withUnsafeBytes { $0.loadLE(UInt64.self, at: 16) }
    }

    private func missingSequences(around range: Range<Int>, in records: [RecordScanner.Record]) -> ClosedRange<UInt64>? {
        let before = records.last { $0.offset < range.lowerBound }?.sequence ?? 0
        guard let after = records.first(where: { $0.offset >= range.upperBound })?.sequence else { return nil }
        return after > before + 1 ? (before + 1)...(after - 1) : nil
    }

    /// Decodes every event record, reporting the ones this build cannot read.
    private func decodeAll(_ records: [RecordScanner.Record], in body: [UInt8], epoch: UInt64,
                           _ problem: (RecordScanner.Record, String) -> Void) throws(JournalError) {
        body.withUnsafeBytes { raw in
            let decoder = JSONDecoder()
            for record in records {
                guard record.type == JournalFormat.RecordType.event.rawValue else {
                    if record.flags & JournalFormat.skippableFlag == 0 { problem(record, "record type \(record.type) is unknown to this callboard") }
                    continue
                }
                do {
                    _ = try EventCodec.decode(UnsafeRawBufferPointer(rebasing: raw[record.payload]), decoder: decoder)
                } catch {
                    problem(record, "\(error)")
                }
            }
        }
    }

    /// What a repair did.
    public struct Repair: Sendable {
        /// Nothing needed repairing (then nothing was written).
        public var needed: Bool
        public var kept: Int
        public var dropped: [Damage]
        public var tornTail: Range<Int>?
        public var backup: String?
    }

    /// Rewrites a damaged journal from every valid record in it, in order and renumbered, after
    /// keeping the whole original file as a backup. Consoles and commands that had the journal
    /// open see it replaced and read it afresh. Records this build cannot read are kept as they
    /// are (an upgrade reads them); only bytes that are not valid records are dropped, and each
    /// stretch is reported.
    public func repair(now: Date) throws -> Repair {
        guard let file = try JournalFile.openLockedForWriting(path, create: false) else {
            throw JournalError(.io(errno: ENOENT), path: path, "there is no journal at \(path)")
        }
        let bytes = try file.read(at: 0, count: try file.size())
        let found = try inspect(bytes)
        guard !found.damage.isEmpty || found.tornTail != nil else {
            return Repair(needed: false, kept: found.records, dropped: [], tornTail: nil, backup: nil)
        }
        let epoch = try epochForRecovery(bytes)
        let body = Array(bytes[JournalFormat.headerSize...])
        let survey = body.withUnsafeBytes { RecordScanner.survey($0, base: JournalFormat.headerSize, epoch: epoch) }
        // Records of an unfinished last write were never acknowledged: they stay in the backup.
        let keep = survey.records.filter { found.tornTail == nil || $0.offset < found.tornTail!.lowerBound }
        let backup = try keepCopy(bytes, suffix: "backup", now: now)
        let newEpoch = UInt64.random(in: 1...UInt64.max)
        var out = JournalFormat.encodeHeader(epoch: newEpoch)
        // Each kept record keeps its type byte (one this build does not know is still read by a
        // newer one) and stands as a group of its own.
        for (index, record) in keep.enumerated() {
            JournalFormat.encodeRecord(rawType: record.type, flags: record.flags & JournalFormat.skippableFlag, sequence: UInt64(index + 1),
                                       payload: Array(body[record.payload]), epoch: newEpoch, into: &out)
        }
        // The lock is held until the new file is in place.
        try withExtendedLifetime(file) { () throws(JournalError) in try JournalFile.replace(path, with: out) }
        return Repair(needed: true, kept: keep.count, dropped: found.damage, tornTail: found.tornTail, backup: backup)
    }

    /// Writes `bytes` beside the journal as `journal.SUFFIX-TIMESTAMP` (never over an existing file).
    func keepCopy(_ bytes: [UInt8], suffix: String, now: Date) throws(JournalError) -> String {
        let name = keepName(suffix: suffix, now: now)
        try JournalFile.writeNewFile(name, bytes)
        return name
    }

    /// `journal.SUFFIX-20261124T083000Z`, numbered if that name is taken.
    func keepName(suffix: String, now: Date) -> String {
        let stamp = TimeText.iso(now, in: TimeZone(identifier: "UTC")!).replacingOccurrences(of: ":", with: "")
        var name = "\(path).\(suffix)-\(stamp)"
        var n = 1
        while FileManager.default.fileExists(atPath: name) { n += 1; name = "\(path).\(suffix)-\(stamp)-\(n)" }
        return name
    }

    /// Every event with its sequence number, oldest first (waiting for writers to finish).
    public func export(_ body: (Event, UInt64) -> Void) throws(JournalError) {
        guard try JournalFile.openForReading(path) != nil else {
            throw JournalError(.io(errno: ENOENT), path: path, "there is no journal at \(path)")
        }
        _ = try read(after: .start) { event, position in body(event, position.sequence) }
    }
}
