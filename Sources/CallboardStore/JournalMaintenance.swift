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
        /// Events about a call, technician or policy the journal does not have.
        public var orphans: [String]
        /// The journal ends with a write that is incomplete or damaged and has nothing after it
        /// (a crash mid-append leaves this; the next write sets it aside).
        public var tornTail: Range<Int>?
        /// Valid records this build cannot read (newer event types or schemas).
        public var unreadable: [String]

        /// Damage a writer will not repair by itself.
        public var isDamaged: Bool {
            header != nil || !damage.isEmpty || !order.isEmpty || !partialWrites.isEmpty || !orphans.isEmpty || !unreadable.isEmpty
        }
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

    /// Everything found in one pass over the file, for verify and repair.
    struct Examination {
        var verification: Verification
        var epoch: UInt64
        var body: [UInt8]
        /// The records a repair keeps, in sequence order.
        var keep: [RecordScanner.Record]
        /// How many acknowledged records cannot be kept (lost bytes, partial writes, orphans).
        var dropped: Int
        /// How many of them are lost outright (their content, even their kind, unknown).
        var lost: Int
        /// The highest call number any record or archive mentions.
        var highestCall: Int
    }

    /// Checks every byte and every event of the journal (waiting for writers to finish).
    public func verify() throws(JournalError) -> Verification {
        guard let file = try JournalFile.openForReading(path) else {
            throw JournalError(.io(errno: ENOENT), path: path, "there is no journal at \(path); name it with --journal")
        }
        try file.lockShared()
        return try examine(try file.read(at: 0, count: try file.size())).verification
    }

    private func examine(_ bytes: [UInt8]) throws(JournalError) -> Examination {
        let (epoch, headerProblem) = try recoverEpoch(bytes)
        let body = Array(bytes[JournalFormat.headerSize...])
        let base = JournalFormat.headerSize
        let (survey, scan) = body.withUnsafeBytes { raw in
            (RecordScanner.survey(raw, base: base, epoch: epoch), RecordScanner.scan(raw, base: base, epoch: epoch, lastSequence: 0))
        }
        var torn: Range<Int>?
        if case .tornTail(let offset) = scan.ending { torn = offset..<bytes.count }
        let acknowledged = survey.records.filter { torn == nil || $0.offset < torn!.lowerBound }

        // Order: each sequence number once, in order; a repair sorts and drops exact repeats.
        var order: [String] = []
        var bySequence: [UInt64: RecordScanner.Record] = [:]
        var previous: UInt64 = 0
        for record in acknowledged {
            if bySequence[record.sequence] != nil {
                order.append("record \(record.sequence) appears again at byte \(record.offset) (the copy is dropped)")
                continue
            }
            if record.sequence < previous { order.append("record \(record.sequence) at byte \(record.offset) comes after record \(previous)") }
            bySequence[record.sequence] = record
            previous = max(previous, record.sequence)
        }
        let sequences = bySequence.keys.sorted()
        var missing: [ClosedRange<UInt64>] = []
        var expected: UInt64 = 1
        for sequence in sequences {
            if sequence > expected { missing.append(expected...(sequence - 1)) }
            expected = sequence &+ 1
        }
        let damage = survey.damaged.filter { torn == nil || $0.lowerBound < torn!.lowerBound }.map { range in
            Damage(bytes: range, missing: Self.missing(around: range, in: acknowledged))
        }
        // Gaps that no damaged stretch explains (records removed, or numbered wrongly).
        let explained = Set(damage.compactMap(\.missing).flatMap { Array($0) })
        for gap in missing where !gap.allSatisfy(explained.contains) {
            order.append(gap.count == 1 ? "record \(gap.lowerBound) is missing" : "records \(gap.lowerBound)-\(gap.upperBound) are missing")
        }

        // Writes that lost part of themselves: a record's write starts at sequence − place and
        // runs to the first record without the continues flag.
        var partialWrites: [String] = []
        var dropped = Set<UInt64>()
        let lost = Set(missing.flatMap { Array($0) })
        var groups: [UInt64: [RecordScanner.Record]] = [:]
        for sequence in sequences {
            let record = bySequence[sequence]!
            groups[sequence - min(UInt64(record.place), sequence - 1), default: []].append(record)
        }
        for (start, members) in groups {
            let last = members.map(\.sequence).max()!
            // Huge forged gaps are not walked: such a group is simply not complete.
            let complete = last - start < 1 << 20 && (start...last).allSatisfy { bySequence[$0] != nil && !lost.contains($0) }
                && bySequence[last]!.flags & JournalFormat.continuesFlag == 0
            guard !complete else { continue }
            for record in members {
                dropped.insert(record.sequence)
                partialWrites.append("record \(record.sequence) at byte \(record.offset) belongs to a write that lost records (it began at record \(start))")
            }
        }

        // Events, in sequence order: unreadable ones, and orphans (about a call, technician or
        // policy the journal does not have) once partial writes are set aside.
        var unreadable: [String] = []
        var orphans: [String] = []
        var calls = Set<Int>(), technicians = Set<String>(), policies = Set<Int>()
        var highestCall = 0
        body.withUnsafeBytes { raw in
            let decoder = JSONDecoder()
            for sequence in sequences {
                let record = bySequence[sequence]!
                guard record.type == JournalFormat.RecordType.event.rawValue else {
                    if record.flags & JournalFormat.skippableFlag == 0 {
                        unreadable.append("record \(sequence) at byte \(record.offset): record type \(record.type) is unknown to this callboard; upgrade callboard")
                    }
                    continue
                }
                let event: Event
                do {
                    event = try EventCodec.decode(UnsafeRawBufferPointer(rebasing: raw[record.payload]), decoder: decoder)
                } catch {
                    unreadable.append("record \(sequence) at byte \(record.offset): \(error)")
                    continue
                }
                if let call = event.change.call { highestCall = max(highestCall, call.number) }
                if case .compacted(let c) = event.change { highestCall = max(highestCall, c.nextCallNumber - 1) }
                if case .repaired(let next, _) = event.change { highestCall = max(highestCall, next - 1) }
                guard !dropped.contains(sequence) else { continue }
                if let problem = Self.orphanProblem(event, calls: calls, technicians: technicians, policies: policies) {
                    orphans.append("record \(sequence) at byte \(record.offset) (\(EventCodec.typeName(event.change))): \(problem)")
                    dropped.insert(sequence)
                    continue
                }
                switch event.change {
                case .callReceived(let id, _, _): calls.insert(id.number)
                case .technicianAdded(let t): technicians.insert(t.id.rawValue)
                case .policyAdopted(let number, _): policies.insert(number)
                default: break
                }
            }
        }
        // Archives beside the journal hold calls that keep their numbers.
        highestCall = max(highestCall, archivedCallNumbers())

        let keep = sequences.filter { !dropped.contains($0) }.map { bySequence[$0]! }
        let verification = Verification(size: bytes.count, records: acknowledged.count, lastSequence: sequences.last ?? 0,
                                        header: headerProblem, damage: damage, order: order, partialWrites: partialWrites,
                                        orphans: orphans, tornTail: torn, unreadable: unreadable)
        return Examination(verification: verification, epoch: epoch, body: body, keep: keep,
                           dropped: lost.count + dropped.count, lost: lost.count, highestCall: highestCall)
    }

    /// Why an event cannot stand in this journal (nil: it can).
    static func orphanProblem(_ event: Event, calls: Set<Int>, technicians: Set<String>, policies: Set<Int>) -> String? {
        switch event.change {
        case .callReceived(_, _, let policy):
            if let policy, !policies.contains(policy) { return "its policy #\(policy) is not in the journal" }
        case .retimed(let id, let policy, _):
            if !calls.contains(id.number) { return "call \(id) is not in the journal" }
            if !policies.contains(policy) { return "policy #\(policy) is not in the journal" }
        case .assigned(let id, let tech, _):
            if !calls.contains(id.number) { return "call \(id) is not in the journal" }
            if !technicians.contains(tech.rawValue) { return "technician \(tech) is not in the journal" }
        default:
            if let id = event.change.call, !calls.contains(id.number) { return "call \(id) is not in the journal" }
        }
        return nil
    }

    /// The epoch that validates this file's records. A damaged header is reported; its epoch is
    /// recovered when a one-byte correction makes the header's own checksum match, or when the
    /// stored epoch still validates the first record.
    private func recoverEpoch(_ bytes: [UInt8]) throws(JournalError) -> (UInt64, String?) {
        guard bytes.count >= JournalFormat.headerSize, bytes.starts(with: JournalFormat.magic) else {
            throw JournalError(.notAJournal, path: path, "\(path) is not a Callboard journal (its first bytes are not a journal header); name another file with --journal")
        }
        let version = bytes.withUnsafeBytes { $0.loadLE(UInt32.self, at: 8) }
        guard version == JournalFormat.version else {
            throw JournalError(.unsupportedVersion, path: path, "\(path) is journal format \(version); this callboard reads format \(JournalFormat.version); upgrade callboard")
        }
        let stored = bytes.withUnsafeBytes { $0.loadLE(UInt64.self, at: 16) }
        let headerCRC = bytes.withUnsafeBytes { $0.loadLE(UInt32.self, at: 24) }
        func headerMatches(_ header: [UInt8]) -> Bool { CRC32C.checksum(Array(header[0..<24])) == headerCRC }
        if headerMatches(bytes) { return (stored, nil) }
        func validates(_ epoch: UInt64) -> Bool {
            let body = Array(bytes[JournalFormat.headerSize...])
            return body.withUnsafeBytes { RecordScanner.isValidRecord(in: $0, at: 0, epoch: epoch) }
        }
        if validates(stored) { return (stored, "the file header is damaged (its checksum fails); its epoch still validates the records") }
        for index in 16..<24 {
            for value in 0...255 where UInt8(value) != bytes[index] {
                var header = Array(bytes[0..<JournalFormat.headerSize])
                header[index] = UInt8(value)
                let candidate = header.withUnsafeBytes { $0.loadLE(UInt64.self, at: 16) }
                if headerMatches(header) && validates(candidate) {
                    return (candidate, "the file header's epoch is damaged (byte \(index)); recovered from the header's checksum and the records")
                }
            }
        }
        return (stored, "the file header is damaged and its epoch cannot be recovered: no record can be checked")
    }

    private static func missing(around range: Range<Int>, in records: [RecordScanner.Record]) -> ClosedRange<UInt64>? {
        let before = records.last { $0.offset < range.lowerBound }?.sequence ?? 0
        guard let after = records.first(where: { $0.offset >= range.upperBound })?.sequence else { return nil }
        return before < UInt64.max && after > before + 1 ? (before + 1)...(after - 1) : nil
    }

    /// The highest call number in the archives beside the journal (`journal.archive-*`).
    private func archivedCallNumbers() -> Int {
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
    }

    /// Rewrites a damaged journal from every record that can stand, in sequence order and
    /// renumbered, after keeping the whole original file as a backup. Whole writes go or stay
    /// together; events about a call, technician or policy that was lost go with it; records
    /// this build cannot read are kept as they are. Everything dropped is reported. Consoles
    /// and commands that had the journal open see it replaced and read it afresh.
    public func repair(now: Date) throws -> Repair {
        guard let file = try JournalFile.openLockedForWriting(path, create: false) else {
            throw JournalError(.io(errno: ENOENT), path: path, "there is no journal at \(path); name it with --journal")
        }
        let bytes = try file.read(at: 0, count: try file.size())
        let found = try examine(bytes)
        let v = found.verification
        guard v.isDamaged || v.tornTail != nil else {
            return Repair(needed: false, kept: found.keep.count, found: v, backup: nil, nextCallNumber: found.highestCall + 1)
        }
        if found.keep.isEmpty && v.records > 0 {
            throw JournalError(.corrupt(offset: 0), path: path,
                               "\(path): no record could be recovered (\(v.header ?? "every record fails its checks")); nothing was changed")
        }
        let backup = try keepCopy(bytes, suffix: "backup", now: now)
        let newEpoch = UInt64.random(in: 1...UInt64.max)
        var out = JournalFormat.encodeHeader(epoch: newEpoch)
        // A lost record may have been a call's intake: numbering carries on past every number
        // that could have been given out (dropped records that can be read name their calls).
        let next = found.highestCall + 1 + found.lost
        let marker = Event(occurredAt: now, recordedAt: now, actor: "repair", change: .repaired(nextCallNumber: next, dropped: found.dropped))
        JournalFormat.encodeRecord(type: .event, sequence: 1, payload: EventCodec.encode(marker), epoch: newEpoch, into: &out)
        // Each kept record keeps its type byte (one this build does not know is still read by a
        // newer one) and stands as a write of its own.
        for (index, record) in found.keep.enumerated() {
            JournalFormat.encodeRecord(rawType: record.type, flags: record.flags & JournalFormat.skippableFlag, sequence: UInt64(index + 2),
                                       payload: Array(found.body[record.payload]), epoch: newEpoch, into: &out)
        }
        // The lock is held until the new file is in place.
        try withExtendedLifetime(file) { () throws(JournalError) in try JournalFile.replace(path, with: out) }
        return Repair(needed: true, kept: found.keep.count, found: v, backup: backup, nextCallNumber: next)
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
