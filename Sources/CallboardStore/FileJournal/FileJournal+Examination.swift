import CallboardCore
import Foundation

/// One pass over a whole journal file for `journal verify` and `journal repair`: every byte,
/// every record and every event, and what a repair would keep, drop and add. Time and memory
/// grow with the file's size, never with the numbers written in it (a forged sequence number
/// near 2^64 is a number to compare, not a range to walk).
extension FileJournal {
    /// What a repair writes after its own record: kept records, and events it adds so that a
    /// call whose policy or technician was lost is kept and says why.
    enum Kept {
        case record(RecordScanner.Record)
        case added(Event)
    }

    /// Everything found in one pass over the file.
    struct Examination {
        var verification: LogVerification
        var epoch: UInt64
        var body: [UInt8]
        var keep: [Kept]
        /// How many acknowledged records cannot be kept (lost bytes, undecodable, orphans).
        var dropped: Int
        /// How many of them are lost outright (their content, even their kind, unknown).
        var lost: Int
        /// The highest call number any record or archive mentions.
        var highestCall: Int
        /// What a repair does besides dropping, for its report.
        var notes: [Message]

        var keptRecords: Int { keep.reduce(0) { if case .record = $1 { $0 + 1 } else { $0 } } }
    }

    /// The smallest record there can be: a whole one takes at least this many damaged bytes.
    static let smallestRecord = JournalFormat.recordHeaderSize + 1

    func examine(_ bytes: [UInt8], fallbackPolicy: SLAPolicy?, now: Date) throws(JournalError) -> Examination {
        let (epoch, headerProblem) = try recoverEpoch(bytes)
        let body = Array(bytes[JournalFormat.headerSize...])
        let base = JournalFormat.headerSize
        let (survey, scan) = body.withUnsafeBytes { raw in
            (RecordScanner.survey(raw, base: base, epoch: epoch), RecordScanner.scan(raw, base: base, epoch: epoch, lastSequence: 0))
        }
        var torn: Range<Int>?
        if case .tornTail(let offset) = scan.ending { torn = offset..<bytes.count }
        let acknowledged = survey.records.filter { torn == nil || $0.offset < torn!.lowerBound }

        // Order: each sequence number once, from 1, in order; a repair sorts and drops exact repeats.
        var order: [Message] = []
        var bySequence: [UInt64: RecordScanner.Record] = [:]
        var previous: UInt64 = 0
        var dropped = 0
        for record in acknowledged {
            if record.sequence == 0 {
                order.append(JournalText.sequenceZero(["offset": "\(record.offset)"]))
                dropped += 1
                continue
            }
            if bySequence[record.sequence] != nil {
                order.append(JournalText.recordRepeated(["sequence": "\(record.sequence)", "offset": "\(record.offset)"]))
                continue
            }
            if record.sequence < previous {
                order.append(JournalText.recordOutOfOrder(["sequence": "\(record.sequence)", "offset": "\(record.offset)", "previous": "\(previous)"]))
            }
            bySequence[record.sequence] = record
            previous = max(previous, record.sequence)
        }
        let sequences = bySequence.keys.sorted()
        let damage = survey.damaged.filter { torn == nil || $0.lowerBound < torn!.lowerBound }.map { range in
            LogVerification.Damage(bytes: range, missing: Self.missing(around: range, in: acknowledged))
        }
        // Numbers missing between the records: lost in damaged bytes, or never there (removed,
        // or numbered wrongly). A damaged stretch can have held only so many records, and a gap
        // wider than the journal around it is forged numbering: neither counts past that.
        var lost: UInt64 = 0
        var expected: UInt64 = 1
        for sequence in sequences {
            if sequence > expected {
                let gap = expected...(sequence - 1)
                let size = gap.upperBound - gap.lowerBound + 1
                if let stretch = damage.first(where: { $0.missing.map { $0.lowerBound <= gap.lowerBound && gap.upperBound <= $0.upperBound } ?? false }) {
                    lost += min(size, UInt64(stretch.bytes.count / Self.smallestRecord + 1))
                } else {
                    order.append(size == 1 ? JournalText.recordMissing(["sequence": "\(gap.lowerBound)"])
                        : JournalText.recordsMissing(["first": "\(gap.lowerBound)", "last": "\(gap.upperBound)"]))
                    lost += min(size, UInt64(sequences.count + 1))
                }
            }
            expected = sequence == .max ? .max : sequence + 1
        }

        // Writes that lost part of themselves: a record's write starts at sequence − place and
        // runs to the first record without the continues flag. A write in the middle of the
        // journal was acknowledged: what survives of it is kept and reported.
        var partialWrites: [Message] = []
        var groups: [UInt64: (count: UInt64, last: UInt64)] = [:]
        for sequence in sequences {
            let start = sequence - min(UInt64(bySequence[sequence]!.place), sequence - 1)
            let group = groups[start] ?? (0, start)
            groups[start] = (group.count + 1, max(group.last, sequence))
        }
        for sequence in sequences {
            let record = bySequence[sequence]!
            let start = sequence - min(UInt64(record.place), sequence - 1)
            let group = groups[start]!
            // Every number from start to last is present (they are unique), and the last ends it.
            let complete = group.count == group.last - start + 1 && bySequence[group.last]!.flags & JournalFormat.continuesFlag == 0
            if !complete {
                partialWrites.append(JournalText.partialWrite(["sequence": "\(sequence)", "offset": "\(record.offset)", "start": "\(start)"]))
            }
        }

        let events = try examineEvents(sequences: sequences, bySequence: bySequence, body: body, fallbackPolicy: fallbackPolicy, now: now)
        let verification = LogVerification(size: bytes.count, records: acknowledged.count, lastSequence: sequences.last ?? 0,
                                        header: headerProblem, damage: damage, order: order, partialWrites: partialWrites,
                                        orphans: events.orphans, lostReferences: events.lostReferences, tornTail: torn,
                                        unreadable: events.unreadable, newer: events.newer)
        // Archives beside the journal hold calls that keep their numbers.
        let highestCall = max(events.highestCall, archivedCallNumbers())
        return Examination(verification: verification, epoch: epoch, body: body, keep: events.keep,
                           dropped: dropped + events.dropped + Int(min(lost, 1_000_000)), lost: Int(min(lost, 1_000_000)),
                           highestCall: highestCall, notes: events.notes)
    }

    /// What the events say, in sequence order: which do not decode (damaged or forged, or
    /// written by a newer callboard), which are about a call the journal lost (orphans, dropped),
    /// and which name a policy or technician whose record was lost (kept, with events added so
    /// that the call stays timed and assigned and its history says why).
    private struct EventFindings {
        var keep: [Kept] = []
        var dropped = 0
        var unreadable: [Message] = []
        var newer: [Message] = []
        var orphans: [Message] = []
        var lostReferences: [Message] = []
        var notes: [Message] = []
        var highestCall = 0
    }

    private func examineEvents(sequences: [UInt64], bySequence: [UInt64: RecordScanner.Record], body: [UInt8],
                               fallbackPolicy: SLAPolicy?, now: Date) throws(JournalError) -> EventFindings {
        var found = EventFindings()
        let decoder = JSONDecoder()
        func decode(_ record: RecordScanner.Record) -> Result<Event, EventCodec.DecodeError>? {
            guard record.type == JournalFormat.RecordType.event.rawValue else { return nil }
            return body.withUnsafeBytes { raw in
                do {
                    return .success(try EventCodec.decode(UnsafeRawBufferPointer(rebasing: raw[record.payload]), decoder: decoder))
                } catch let error as EventCodec.DecodeError {
                    return .failure(error)
                } catch {
                    return .failure(EventCodec.DecodeError(.notReadable, ["problem": "\(error)"]))
                }
            }
        }

        // First pass: what cannot be read, and which policies and technicians survive.
        var unreadable = Set<UInt64>()
        var policies = Set<Int>(), technicians = Set<TechnicianID>()
        var survivors: [Int: SLAPolicy] = [:]
        for sequence in sequences {
            let record = bySequence[sequence]!
            guard let result = decode(record) else {
                if record.flags & JournalFormat.skippableFlag == 0 {
                    found.newer.append(JournalText.newerRecordType(["sequence": "\(sequence)", "offset": "\(record.offset)", "type": "\(record.type)"]))
                }
                continue
            }
            switch result {
            case .failure(let error) where error.isNewer:
                found.newer.append(JournalText.recordProblem(["sequence": "\(sequence)", "offset": "\(record.offset)", "problem": .message(error.text)]))
            case .failure(let error):
                found.unreadable.append(JournalText.recordProblem(["sequence": "\(sequence)", "offset": "\(record.offset)", "problem": .message(error.text)]))
                unreadable.insert(sequence)
            case .success(let event):
                if let call = event.change.call { found.highestCall = max(found.highestCall, call.number) }
                switch event.change {
                case .compacted(let c): found.highestCall = max(found.highestCall, c.nextCallNumber - 1)
                case .repaired(let next, _): found.highestCall = max(found.highestCall, next - 1)
                case .policyAdopted(let number, let policy): policies.insert(number); survivors[number] = policy
                case .technicianAdded(let t): technicians.insert(t.id)
                default: break
                }
            }
        }
        found.dropped += unreadable.count

        // A lost policy is re-created under its own number, so every call and retime naming it
        // stays as it was: as a copy of the nearest surviving policy (the earlier on a tie), or
        // as the built-in policy when none survived.
        var recreated: [Int: (policy: SLAPolicy, from: Int?)] = [:]
        func recreation(of lostNumber: Int) -> (policy: SLAPolicy, from: Int?) {
            if let known = recreated[lostNumber] { return known }
            let nearest = survivors.keys.min { (abs($0 - lostNumber), $0) < (abs($1 - lostNumber), $1) }
            let chosen = nearest.map { (survivors[$0]!, $0 as Int?) } ?? (fallbackPolicy ?? Self.generalPromisePolicy, nil)
            recreated[lostNumber] = chosen
            return chosen
        }
        func describe(_ lostNumber: Int) -> Message {
            recreation(of: lostNumber).from.map { JournalText.policyRecreatedAsCopy(["policy": "\($0)"]) } ?? JournalText.policyRecreatedBuiltIn()
        }
        var lostPolicyCalls: [Int: [CallID]] = [:]
        var lostTechnicianCalls: [TechnicianID: [CallID]] = [:]
        var lostTechnicians = Set<TechnicianID>()
        var calls = Set<Int>()

        // Second pass: orphans and lost references, in sequence order.
        for sequence in sequences where !unreadable.contains(sequence) {
            let record = bySequence[sequence]!
            guard case .success(let event)? = decode(record) else {
                found.keep.append(.record(record)) // a skippable record of another kind: kept as it is
                continue
            }
            func repairEvent(_ change: Change) -> Event {
                Event(occurredAt: event.occurredAt, recordedAt: now, actor: "repair", change: change)
            }
            let name = EventCodec.typeName(event.change)
            if let call = event.change.call, !calls.contains(call.number), !event.change.isIntake {
                found.orphans.append(JournalText.orphan(["sequence": "\(sequence)", "offset": "\(record.offset)", "type": "\(name)", "call": "\(call)"]))
                found.dropped += 1
                continue
            }
            var after: [Event] = []
            switch event.change {
            case .callReceived(let id, _, let policy?) where !policies.contains(policy) || recreated[policy] != nil,
                 .retimed(let id, let policy, _) where !policies.contains(policy) || recreated[policy] != nil:
                if recreated[policy] == nil {
                    found.lostReferences.append(JournalText.lostPolicy([
                        "sequence": "\(sequence)", "offset": "\(record.offset)", "type": "\(name)", "call": "\(id)", "policy": "\(policy)",
                    ]))
                    found.keep.append(.added(repairEvent(.policyAdopted(policy, recreation(of: policy).policy))))
                }
                if !(lostPolicyCalls[policy]?.contains(id) ?? false) {
                    lostPolicyCalls[policy, default: []].append(id)
                    // The note is part of the call's history, recorded once: in English, as the journal keeps it.
                    after.append(repairEvent(.noted(id, "journal repair: policy #\(policy) was lost; re-created as \(describe(policy).description), which times this call now")))
                }
            case .assigned(let id, let tech, _), .accepted(let id, let tech), .dispatchRequested(let id, let tech, _, _), .requestLapsed(let id, let tech):
                if !technicians.contains(tech) {
                    found.lostReferences.append(JournalText.lostTechnician([
                        "sequence": "\(sequence)", "offset": "\(record.offset)", "type": "\(name)", "technician": "\(tech)",
                    ]))
                    technicians.insert(tech)
                    lostTechnicians.insert(tech)
                    found.keep.append(.added(repairEvent(.technicianAdded(Technician(id: tech, name: Self.lostTechnicianName)))))
                }
                if lostTechnicians.contains(tech), !(lostTechnicianCalls[tech]?.contains(id) ?? false) {
                    lostTechnicianCalls[tech, default: []].append(id)
                    after.append(repairEvent(.noted(id, "journal repair: technician \(tech)'s record was lost; re-created without details (name, region, skills, shift, phone)")))
                }
            default: break
            }
            if case .callReceived(let id, _, _) = event.change { calls.insert(id.number) }
            found.keep.append(.record(record))
            found.keep += after.map(Kept.added)
        }
        for (policy, ids) in lostPolicyCalls.sorted(by: { $0.key < $1.key }) {
            found.notes.append(JournalText.policyLostNote([
                "policy": "\(policy)", "recreation": .message(describe(policy)), "count": .message(Self.count(ids)), "calls": "\(Self.list(ids))",
            ]))
        }
        for (tech, ids) in lostTechnicianCalls.sorted(by: { $0.key < $1.key }) {
            found.notes.append(JournalText.technicianLostNote(["technician": "\(tech)", "count": .message(Self.count(ids)), "calls": "\(Self.list(ids))"]))
        }
        return found
    }

    /// The name a technician re-created by a repair carries until someone gives the real one.
    static let lostTechnicianName = "(details lost in repair)"

    /// The general promise as a policy file, for a repair that finds no policy left and was
    /// given none: 24 hours to respond, 12 on site, round the clock.
    static var generalPromisePolicy: SLAPolicy {
        // A fixed text known to read; should it ever not, the general promise without its text.
        (try? PolicyParser.parse("time_zone: UTC\nrules:\n  - name: general promise\n    response: 24h\n    onsite: 12h\n")) ?? .generalPromise
    }

    static func count(_ ids: [CallID]) -> Message { ids.count == 1 ? JournalText.oneCall() : JournalText.calls(["count": "\(ids.count)"]) }

    static func list(_ ids: [CallID]) -> String {
        ids.count <= 6 ? ids.map(\.description).joined(separator: ", ") : "\(ids[0]) … \(ids[ids.count - 1])"
    }

    static func missing(around range: Range<Int>, in records: [RecordScanner.Record]) -> ClosedRange<UInt64>? {
        let before = records.last { $0.offset < range.lowerBound }?.sequence ?? 0
        guard let after = records.first(where: { $0.offset >= range.upperBound })?.sequence else { return nil }
        return before < UInt64.max && after > before + 1 ? (before + 1)...(after - 1) : nil
    }
}

extension Change {
    /// The event that brings a call into the journal.
    var isIntake: Bool {
        if case .callReceived = self { return true }
        return false
    }
}
