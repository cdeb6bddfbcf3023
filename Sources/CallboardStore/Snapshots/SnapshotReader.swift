import CallboardCore
import Dispatch
import Foundation
import Synchronization

/// Random access to a stored snapshot's bytes (a file beside the journal; a row in a database).
public protocol SnapshotSource: AnyObject {
    var size: Int { get }
    /// `count` bytes from `offset` (fewer only past the end).
    func bytes(at offset: Int, count: Int) throws(JournalError) -> [UInt8]
}

/// A snapshot held in memory.
final class SnapshotBytes: SnapshotSource {
    let all: [UInt8]
    init(_ bytes: [UInt8]) { all = bytes }
    var size: Int { all.count }
    func bytes(at offset: Int, count: Int) -> [UInt8] {
        guard offset < all.count else { return [] }
        return Array(all[offset..<min(all.count, offset + count)])
    }
}

/// Why a snapshot is not used: the journal is replayed instead.
struct SnapshotProblem: Error {
    var text: Message
}

/// Reads a snapshot (SnapshotFormat): checks its header and table first, then reads the parts
/// asked for — all of it for a console, the standing and one call for a command — checking each
/// part's checksum before trusting a byte of it.
struct SnapshotReader {
    let source: any SnapshotSource
    let position: LogPosition
    /// The log's check of its history up to `position` when the snapshot was taken.
    let check: UInt32
    let taken: Date
    private let sections: [SnapshotFormat.Section: (crc: UInt32, range: Range<Int>)]
    /// The whole snapshot when it was read at once (a console takes everything).
    private var whole: [UInt8]?

    init(_ source: any SnapshotSource, readWhole: Bool) throws(SnapshotProblem) {
        self.source = source
        let head: [UInt8]
        do throws(JournalError) {
            whole = readWhole ? try source.bytes(at: 0, count: source.size) : nil
            let headLength = SnapshotFormat.headerSize + 8 * SnapshotFormat.sectionEntrySize
            head = if let whole { Array(whole.prefix(headLength)) } else { try source.bytes(at: 0, count: headLength) }
        } catch {
            throw SnapshotProblem(text: JournalText.snapshotUnreadable(["problem": .message(error.text)]))
        }
        guard head.count >= SnapshotFormat.headerSize, head.starts(with: SnapshotFormat.magic) else {
            throw SnapshotProblem(text: JournalText.snapshotNotOne())
        }
        let (version, model, epoch, sequence, offset, taken, count, crc) = head.withUnsafeBytes { raw in
            (raw.loadLE(UInt32.self, at: 8), raw.loadLE(UInt32.self, at: 12), raw.loadLE(UInt64.self, at: 16), raw.loadLE(UInt64.self, at: 24),
             raw.loadLE(UInt64.self, at: 32), raw.loadLE(Int64.self, at: 40), Int(raw.loadLE(UInt32.self, at: 48)), raw.loadLE(UInt32.self, at: 56))
        }
        check = head.withUnsafeBytes { $0.loadLE(UInt32.self, at: 52) }
        guard version == SnapshotFormat.version, model == DeskSnapshot.model else {
            throw SnapshotProblem(text: JournalText.snapshotOtherFormat(["format": "\(version).\(model)",
                                                                          "reads": "\(SnapshotFormat.version).\(DeskSnapshot.model)"]))
        }
        let tableEnd = SnapshotFormat.headerSize + count * SnapshotFormat.sectionEntrySize
        guard count == SnapshotFormat.Section.allCases.count, head.count >= tableEnd else { throw SnapshotProblem(text: JournalText.snapshotDamaged()) }
        let table = Array(head[SnapshotFormat.headerSize..<tableEnd])
        let expected = head.withUnsafeBytes { raw in
            CRC32C.update(CRC32C.checksum(UnsafeRawBufferPointer(rebasing: raw[0..<56])), table.withUnsafeBytes { $0 })
        }
        guard crc == expected, offset <= UInt64(Int.max), sequence < UInt64.max else { throw SnapshotProblem(text: JournalText.snapshotDamaged()) }
        var sections: [SnapshotFormat.Section: (crc: UInt32, range: Range<Int>)] = [:]
        let size = UInt64(source.size)
        for index in 0..<count {
            let at = index * SnapshotFormat.sectionEntrySize
            let (code, sectionCRC, start, length) = table.withUnsafeBytes { raw in
                (raw.loadLE(UInt32.self, at: at), raw.loadLE(UInt32.self, at: at + 4), raw.loadLE(UInt64.self, at: at + 8), raw.loadLE(UInt64.self, at: at + 16))
            }
            guard let kind = SnapshotFormat.Section(rawValue: code), sections[kind] == nil, start <= size, length <= size - start else {
                throw SnapshotProblem(text: JournalText.snapshotDamaged())
            }
            sections[kind] = (sectionCRC, Int(start)..<Int(start + length))
        }
        self.sections = sections
        position = LogPosition(offset: Int(offset), sequence: sequence, epoch: epoch == 0 ? nil : epoch)
        self.taken = Date(timeIntervalSince1970: TimeInterval(taken))
    }

    /// The desk's standing, with the visits of every unit (`units` nil) or of those named.
    func standing(units: Set<String>?) throws(SnapshotProblem) -> DeskStanding {
        var standing = DeskStanding()
        let bytes = try section(.standing)
        try Self.reading(bytes) { r throws(EventCodec.DecodeError) in
            for _ in 0..<(try r.int()) {
                let event = try Self.event(&r)
                guard case .policyAdopted(let number, let policy) = event.change else { throw r.problem(.binaryNotBinary) }
                standing.policies.append(DeskStanding.AdoptedPolicy(number: number, adoptedAt: event.occurredAt, policy: policy))
            }
            standing.currentPolicyNumber = try r.optionalNumber().map { Int(truncatingIfNeeded: $0) }
            for _ in 0..<(try r.int()) {
                guard case .technicianAdded(let technician) = try Self.event(&r).change else { throw r.problem(.binaryNotBinary) }
                standing.roster.append(technician)
            }
            standing.nextCallNumber = try r.int()
            // Call numbers are what the journal's own numbering allows: never trusted past it.
            guard (1...Self.highestCallNumber).contains(standing.nextCallNumber) else { throw r.problem(.binaryNotBinary) }
            standing.latestEventAt = try SnapshotFormat.readOptionalTime(&r)
            var number = 0
            let retired = try r.int()
            // Counts read from the file never size memory beyond what its bytes could hold.
            standing.retired.reserveCapacity(min(retired, r.remaining))
            for _ in 0..<retired {
                let gap = try r.int()
                // Ascending, each a number the desk has given out.
                guard gap > 0, gap < standing.nextCallNumber - number else { throw r.problem(.binaryNotBinary) }
                number += gap
                standing.retired.append(number)
            }
            for _ in 0..<(try r.int()) {
                switch try Self.event(&r).change {
                case .technicianOnLeave(let id, let span): standing.plans[id, default: RosterPlan()].leaves.append(span)
                case .technicianRota(let id, let entry): standing.plans[id, default: RosterPlan()].rota.append(entry)
                case .technicianRetired(let id): standing.plans[id, default: RosterPlan()].retired = true
                default: throw r.problem(.binaryNotBinary)
                }
            }
            // The customers: each record, its units, then its calls' numbers as gaps.
            for _ in 0..<(try r.int()) {
                guard case .customerAdded(var customer) = try Self.event(&r).change else { throw r.problem(.binaryNotBinary) }
                for _ in 0..<(try r.int()) {
                    guard case .unitRecorded(_, let unit) = try Self.event(&r).change else { throw r.problem(.binaryNotBinary) }
                    customer.units.append(unit)
                }
                for _ in 0..<(try r.int()) {
                    guard case .unitServiced(_, let serial, let day, _) = try Self.event(&r).change else { throw r.problem(.binaryNotBinary) }
                    standing.serviceVisits[CustomerBook.serialKey(serial), default: []].append(day)
                }
                var calls: [CallID] = [], number = 0
                for _ in 0..<(try r.int()) {
                    let gap = try r.int()
                    guard gap > 0, gap < standing.nextCallNumber - number else { throw r.problem(.binaryNotBinary) }
                    number += gap
                    calls.append(CallID(number: number))
                }
                standing.customers.append(customer)
                if !calls.isEmpty { standing.customerCalls[customer.id] = calls }
            }
        }
        let index = try section(.unitIndex)
        if let units {
            for key in units {
                for record in try records(in: index, of: .units, matching: SnapshotFormat.unitHash(key)) {
                    if let (found, visits) = try Self.unit(record), found == key { standing.unitVisits[key] = visits }
                }
            }
        } else {
            let all = try section(.units)
            for (start, length, crc) in Self.entries(index).map({ ($0.start, $0.length, $0.crc) }) {
                let record = try Self.slice(all, start, length, crc)
                if let (key, visits) = try Self.unit(record) { standing.unitVisits[key] = visits }
            }
        }
        return standing
    }

    /// The calls held whole: all of them (`numbers` nil) or those asked for that it holds, in
    /// number order, cut into the chunks a desk's table keeps (`CallTable`), so that the table
    /// takes them as they are and no call is copied after it is decoded.
    func calls(_ numbers: Set<Int>?) throws(SnapshotProblem) -> [[ServiceCall]] {
        let index = try section(.callIndex)
        if let numbers {
            var calls: [ServiceCall] = []
            for number in numbers.sorted() {
                for record in try records(in: index, of: .calls, matching: UInt64(number)) { calls.append(try Self.call(record, number: UInt64(number))) }
            }
            return [calls]
        }
        let all = try section(.calls)
        let entries = Self.entries(index)
        let chunk = CallTable.standardChunkCapacity
        /// The calls of `range`, decoded, in chunks.
        @Sendable func decode(_ range: Range<Int>) throws(SnapshotProblem) -> [[ServiceCall]] {
            var chunks: [[ServiceCall]] = [], current: [ServiceCall] = []
            current.reserveCapacity(min(chunk, range.count))
            for entry in entries[range] {
                current.append(try Self.call(try Self.slice(all, entry.start, entry.length, entry.crc), number: entry.key))
                if current.count == chunk {
                    chunks.append(current)
                    current = []
                    current.reserveCapacity(chunk)
                }
            }
            if !current.isEmpty { chunks.append(current) }
            return chunks
        }
        // Calls are independent: a console's start decodes them on every core, in parts of whole
        // chunks kept in order, and the first damaged entry of any part refuses the snapshot as
        // one would.
        let parts = min(ProcessInfo.processInfo.activeProcessorCount, entries.count / 4_096 + 1, 8)
        guard parts > 1 else { return try decode(0..<entries.count) }
        let size = ((entries.count + parts - 1) / parts + chunk - 1) / chunk * chunk
        let decoded = Mutex<[Int: Result<[[ServiceCall]], SnapshotProblem>]>([:])
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let range = min(entries.count, part * size)..<min(entries.count, (part + 1) * size)
            let result: Result<[[ServiceCall]], SnapshotProblem>
            do throws(SnapshotProblem) {
                result = .success(try decode(range))
            } catch {
                result = .failure(error)
            }
            decoded.withLock { $0[part] = result }
        }
        var chunks: [[ServiceCall]] = []
        for part in 0..<parts {
            switch decoded.withLock({ $0.removeValue(forKey: part) }) {
            case .success(let mine): chunks += mine
            case .failure(let problem): throw problem
            case nil: throw SnapshotProblem(text: JournalText.snapshotDamaged())
            }
        }
        return chunks
    }

    // MARK: Parts

    private func section(_ kind: SnapshotFormat.Section) throws(SnapshotProblem) -> [UInt8] {
        guard let (crc, range) = sections[kind] else { throw SnapshotProblem(text: JournalText.snapshotDamaged()) }
        let bytes = try fetch(range)
        if kind != .calls, kind != .units, CRC32C.checksum(bytes) != crc { throw SnapshotProblem(text: JournalText.snapshotDamaged()) }
        return bytes
    }

    private func fetch(_ range: Range<Int>) throws(SnapshotProblem) -> [UInt8] {
        if let whole { return Array(whole[range]) }
        do {
            let bytes = try source.bytes(at: range.lowerBound, count: range.count)
            guard bytes.count == range.count else { throw SnapshotProblem(text: JournalText.snapshotDamaged()) }
            return bytes
        } catch let problem as SnapshotProblem {
            throw problem
        } catch {
            throw SnapshotProblem(text: JournalText.snapshotUnreadable(["problem": .message((error as? JournalError)?.text ?? JournalText.snapshotDamaged())]))
        }
    }

    private static func entries(_ index: [UInt8]) -> [(key: UInt64, start: Int, length: Int, crc: UInt32)] {
        index.withUnsafeBytes { raw in
            stride(from: 0, to: raw.count - raw.count % SnapshotFormat.indexEntrySize, by: SnapshotFormat.indexEntrySize).map { at in
                (raw.loadLE(UInt64.self, at: at), Int(clamping: raw.loadLE(UInt64.self, at: at + 8)), Int(raw.loadLE(UInt32.self, at: at + 16)),
                 raw.loadLE(UInt32.self, at: at + 20))
            }
        }
    }

    /// The records an index lists under `key`, read from their section and checked.
    private func records(in index: [UInt8], of kind: SnapshotFormat.Section, matching key: UInt64) throws(SnapshotProblem) -> [[UInt8]] {
        guard let (_, range) = sections[kind] else { throw SnapshotProblem(text: JournalText.snapshotDamaged()) }
        let entries = Self.entries(index)
        var at = entries.partitionPoint { $0.key < key }
        var found: [[UInt8]] = []
        while at < entries.count, entries[at].key == key {
            let entry = entries[at]
            guard entry.start <= range.count, entry.length <= range.count - entry.start else { throw SnapshotProblem(text: JournalText.snapshotDamaged()) }
            let bytes = try fetch((range.lowerBound + entry.start)..<(range.lowerBound + entry.start + entry.length))
            guard CRC32C.checksum(bytes) == entry.crc else { throw SnapshotProblem(text: JournalText.snapshotDamaged()) }
            found.append(bytes)
            at += 1
        }
        return found
    }

    private static func slice(_ all: [UInt8], _ start: Int, _ length: Int, _ crc: UInt32) throws(SnapshotProblem) -> [UInt8] {
        guard start <= all.count, length <= all.count - start else { throw SnapshotProblem(text: JournalText.snapshotDamaged()) }
        let bytes = Array(all[start..<(start + length)])
        guard CRC32C.checksum(bytes) == crc else { throw SnapshotProblem(text: JournalText.snapshotDamaged()) }
        return bytes
    }

    /// The highest call number a snapshot may name (as the journal's events: EventFieldReader).
    static let highestCallNumber = 999_999_999

    /// A call's record, which must be the call its index entry names.
    private static func call(_ record: [UInt8], number: UInt64) throws(SnapshotProblem) -> ServiceCall {
        var history: [Event] = []
        try reading(record) { r throws(EventCodec.DecodeError) in
            let count = try r.int()
            history.reserveCapacity(min(count, r.remaining))
            for _ in 0..<count { history.append(try event(&r)) }
        }
        guard let call = ServiceCall(replaying: history), UInt64(call.id.number) == number else { throw SnapshotProblem(text: JournalText.snapshotDamaged()) }
        return call
    }

    private static func unit(_ record: [UInt8]) throws(SnapshotProblem) -> (String, [UnitVisit])? {
        var result: (String, [UnitVisit])?
        try reading(record) { r throws(EventCodec.DecodeError) in
            let key = try r.string()
            var visits: [UnitVisit] = []
            for _ in 0..<(try r.int()) { visits.append(try SnapshotFormat.readVisit(&r)) }
            result = (key, visits)
        }
        return result
    }

    private static func event(_ r: inout BinaryReader) throws(EventCodec.DecodeError) -> Event {
        let length = try r.count()
        let payload = UnsafeRawBufferPointer(rebasing: r.bytes[r.at..<(r.at + length)])
        r.at += length
        return try BinaryEventCodec.decode(payload)
    }

    /// Runs `body` over `bytes`, which it must read to the end; any decoding problem is damage.
    private static func reading(_ bytes: [UInt8], _ body: (inout BinaryReader) throws(EventCodec.DecodeError) -> Void) throws(SnapshotProblem) {
        do {
            try bytes.withUnsafeBytes { raw in
                var r = BinaryReader(bytes: raw)
                try body(&r)
                guard r.atEnd else { throw r.problem(.binaryTrailingBytes, ["count": "\(raw.count - r.at)"]) }
            }
        } catch {
            throw SnapshotProblem(text: JournalText.snapshotUndecodable(["problem": .message(EventCodec.DecodeError.text(of: error))]))
        }
    }
}
