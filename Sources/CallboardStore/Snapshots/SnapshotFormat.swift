import CallboardCore
import Foundation

/// A snapshot's byte layout, version 2 (version 1 had no history check): the desk's state at a position of its log, so that a
/// process starts from it and reads only the events after. All integers are little-endian.
///
/// Header, 64 bytes, then the section table:
///   0  magic      8 bytes  0x89 "CBSNAP" 0x0A
///   8  format     u32      this layout's version (1)
///  12  model      u32      DeskSnapshot.model: what the desk's state means (the reducer and
///                          retirement); a snapshot of another model is not used
///  16  epoch      u64      the log position the state stands at: the log's life,
///  24  sequence   u64      the last event taken,
///  32  offset     u64      and where reading goes on (a file journal's byte offset)
///  40  taken      i64      when it was written (seconds since 1970, the writer's clock)
///  48  sections   u32      how many sections follow (5)
///  52  check      u32      the log's check of its history up to the position
///                          (EventLog.historyCheck): the same place of another history —
///                          a journal put back from an older copy and grown again — differs
///  56  crc        u32      CRC-32C of bytes 0..<56 and of the section table
///  60  reserved   u32      0
/// Section table: per section 24 bytes: kind u32, crc u32 (CRC-32C of the section's bytes, 0
/// for sections checked entry by entry), offset u64, length u64.
///
/// Sections, in this order:
///   1 standing    policies and technicians as event payloads (EventCodec), counters, retired
///                 call numbers (ascending, as gaps), then the technicians' leave, rota and
///                 retirement as event payloads (a count, then each), then the customers (each
///                 as its event's payload, its units and their scheduled visits as theirs, its
///                 calls' numbers as gaps)
///   2 call index  per call held whole, 24 bytes: number u64, offset u64 (into section 3),
///                 length u32, crc u32 of its record; ascending by number
///   3 calls       per call: its history as event payloads (a count, then each payload with
///                 its length)
///   4 unit index  per unit, 24 bytes: FNV-1a hash of its key u64, offset u64 (into section 5),
///                 length u32, crc u32; ascending by hash
///   5 units       per unit: its key, then its visits
///
/// The indexes let a command read the one call (and unit) it needs from a snapshot of a large
/// desk; a console reads it all. Numbers inside sections are varints as in BinaryEventCodec.
enum SnapshotFormat {
    static let magic: [UInt8] = [0x89, 0x43, 0x42, 0x53, 0x4E, 0x41, 0x50, 0x0A]
    static let version: UInt32 = 2
    static let headerSize = 64
    static let sectionEntrySize = 24
    static let indexEntrySize = 24

    enum Section: UInt32, CaseIterable {
        case standing = 1, callIndex, calls, unitIndex, units
    }

    /// A snapshot's bytes: `state` (whole, retired calls settled) standing at `position`.
    static func encode(_ state: DeskState, at position: LogPosition, check: UInt32, taken: Date) -> [UInt8] {
        var standing = BinaryWriter(out: [])
        let facts = state.standing
        standing.unsigned(UInt64(facts.policies.count))
        for adopted in facts.policies {
            payload(Event(occurredAt: adopted.adoptedAt, recordedAt: adopted.adoptedAt, actor: "", change: .policyAdopted(adopted.number, adopted.policy)),
                    into: &standing)
        }
        standing.optional(facts.currentPolicyNumber)
        standing.unsigned(UInt64(facts.roster.count))
        for technician in facts.roster {
            payload(Event(occurredAt: Date(timeIntervalSince1970: 0), recordedAt: Date(timeIntervalSince1970: 0), actor: "",
                          change: .technicianAdded(technician)), into: &standing)
        }
        standing.unsigned(UInt64(facts.nextCallNumber))
        optionalTime(facts.latestEventAt, into: &standing)
        standing.unsigned(UInt64(facts.retired.count))
        var previous = 0
        for number in facts.retired {
            standing.unsigned(UInt64(number - previous))
            previous = number
        }
        // Leave, the rota and retirement, as the events that make them (DeskState.model 2).
        let planned = facts.plans.keys.sorted().flatMap { id in facts.plans[id]!.changes(for: id) }
        standing.unsigned(UInt64(planned.count))
        let never = Date(timeIntervalSince1970: 0)
        for change in planned {
            payload(Event(occurredAt: never, recordedAt: never, actor: "", change: change), into: &standing)
        }
        standing.unsigned(UInt64(facts.customers.count))
        for customer in facts.customers {
            payload(Event(occurredAt: never, recordedAt: never, actor: "", change: .customerAdded(customer)), into: &standing)
            standing.unsigned(UInt64(customer.units.count))
            for unit in customer.units {
                payload(Event(occurredAt: never, recordedAt: never, actor: "", change: .unitRecorded(customer.id, unit)), into: &standing)
            }
            // The scheduled visits made to its units.
            let visits = customer.units.flatMap { unit in facts.serviceVisits[CustomerBook.serialKey(unit.serial)].map { days in days.map { (unit.serial, $0) } } ?? [] }
            standing.unsigned(UInt64(visits.count))
            for (serial, day) in visits {
                payload(Event(occurredAt: never, recordedAt: never, actor: "", change: .unitServiced(customer.id, serial: serial, on: day, note: nil)), into: &standing)
            }
            let calls = facts.customerCalls[customer.id] ?? []
            standing.unsigned(UInt64(calls.count))
            var previous = 0
            for call in calls {
                standing.unsigned(UInt64(call.number - previous))
                previous = call.number
            }
        }

        var callIndex: [UInt8] = [], calls = BinaryWriter(out: [])
        state.calls.forEach { call in
            let start = calls.out.count
            calls.unsigned(UInt64(call.history.count))
            for event in call.history { payload(event, into: &calls) }
            entry(key: UInt64(call.id.number), record: calls.out[start...], at: start, into: &callIndex)
        }

        var unitRecords: [(hash: UInt64, key: String)] = facts.unitVisits.keys.map { (unitHash($0), $0) }
        unitRecords.sort { ($0.hash, $0.key) < ($1.hash, $1.key) }
        var unitIndex: [UInt8] = [], units = BinaryWriter(out: [])
        for (hash, key) in unitRecords {
            let start = units.out.count
            units.string(key)
            let visits = facts.unitVisits[key]!
            units.unsigned(UInt64(visits.count))
            for visit in visits { write(visit, into: &units) }
            entry(key: hash, record: units.out[start...], at: start, into: &unitIndex)
        }

        return seal([(.standing, standing.out), (.callIndex, callIndex), (.calls, calls.out), (.unitIndex, unitIndex), (.units, units.out)],
                    at: position, check: check, taken: taken)
    }

    /// The header and section table for `sections` (in this order), then the sections: a
    /// snapshot's bytes. The calls and units sections are checked entry by entry (their index
    /// entries carry each record's checksum), the others whole.
    static func seal(_ parts: [(Section, [UInt8])], at position: LogPosition, check: UInt32, taken: Date) -> [UInt8] {
        let sections = parts.map { ($0.0, $0.1, checkedWhole: $0.0 != .calls && $0.0 != .units) }
        var table: [UInt8] = []
        var offset = headerSize + sections.count * sectionEntrySize
        for (kind, bytes, checkedWhole) in sections {
            table.appendLE(kind.rawValue)
            table.appendLE(checkedWhole ? CRC32C.checksum(bytes) : 0)
            table.appendLE(UInt64(offset))
            table.appendLE(UInt64(bytes.count))
            offset += bytes.count
        }
        var out = magic
        out.appendLE(version)
        out.appendLE(DeskSnapshot.model)
        out.appendLE(position.epoch ?? 0)
        out.appendLE(position.sequence)
        out.appendLE(UInt64(position.offset))
        out.appendLE(EventCodec.seconds(taken))
        out.appendLE(UInt32(sections.count))
        out.appendLE(check)
        out.appendLE(CRC32C.update(CRC32C.checksum(out), table.withUnsafeBytes { $0 }))
        out.appendLE(UInt32(0))
        out += table
        out.reserveCapacity(offset)
        for (_, bytes, _) in sections { out += bytes }
        return out
    }

    /// An index entry: the key, where the record starts, its length and checksum.
    private static func entry(key: UInt64, record: ArraySlice<UInt8>, at start: Int, into index: inout [UInt8]) {
        index.appendLE(key)
        index.appendLE(UInt64(start))
        index.appendLE(UInt32(record.count))
        index.appendLE(record.withUnsafeBytes { CRC32C.checksum($0) })
    }

    private static func payload(_ event: Event, into out: inout BinaryWriter) {
        var bytes: [UInt8] = []
        BinaryEventCodec.encode(event, into: &bytes)
        out.unsigned(UInt64(bytes.count))
        out.out += bytes
    }

    private static func optionalTime(_ date: Date?, into out: inout BinaryWriter) {
        guard let date else { return out.byte(0) }
        out.byte(1)
        out.signed(EventCodec.seconds(date))
    }

    private static func write(_ visit: UnitVisit, into out: inout BinaryWriter) {
        out.unsigned(UInt64(visit.call.number))
        out.signed(EventCodec.seconds(visit.receivedAt))
        out.optional(visit.defect)
        if let purchased = visit.purchased {
            out.byte(1)
            out.signed(Int64(purchased.dayNumber))
        } else {
            out.byte(0)
        }
        out.byte((visit.resolved ? 1 : 0) | (visit.cancelled ? 2 : 0))
        optionalTime(visit.unitReplacedAt, into: &out)
    }

    static func readVisit(_ r: inout BinaryReader) throws(EventCodec.DecodeError) -> UnitVisit {
        let number = try r.int()
        let received = try r.signed()
        let defect = try r.optionalString()
        let day: Int64? = try r.byte() == 0 ? nil : try r.signed()
        let flags = try r.byte()
        let replaced = try readOptionalTime(&r)
        guard number > 0, day.map({ abs($0) < 10_000_000 }) ?? true else { throw r.problem(.binaryNumberOutOfRange, ["number": "\(number)"]) }
        return UnitVisit(call: CallID(number: number), receivedAt: Date(timeIntervalSince1970: TimeInterval(received)), defect: defect,
                         purchased: day.map { LocalDate(dayNumber: Int($0)) }, resolved: flags & 1 != 0, cancelled: flags & 2 != 0,
                         unitReplacedAt: replaced)
    }

    static func readOptionalTime(_ r: inout BinaryReader) throws(EventCodec.DecodeError) -> Date? {
        guard try r.byte() != 0 else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(try r.signed()))
    }

    /// FNV-1a over the key's UTF-8: the same in every process (Swift's own hashing is not).
    static func unitHash(_ key: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }
}
