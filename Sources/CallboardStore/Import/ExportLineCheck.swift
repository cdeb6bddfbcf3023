import CallboardCore
import Foundation

/// Reads one line of `journal export --json` back into its event, checking everything an
/// import must know before the event may go into a journal, in the order the lines come:
///
/// - the line is an event as this callboard exports it: JSON, a known type with its fields,
///   times within 1970-2999 (EventCodec's JSON reader says what is wrong);
/// - its sequence number (`seq`) is the next one: 1, 2, 3, … with none missing or repeated;
/// - it is exactly the line `journal export --json` writes for that event (same keys in the
///   same order, same escapes, nothing added), so what is imported exports again byte for byte
///   and nothing is silently changed on the way (a mistyped key, a technician ID in lower case);
/// - what it refers to is in the history as `journal verify` requires: a call's events come
///   after its intake, and every policy a call is timed under and every technician assigned or
///   asked is recorded somewhere in the file (checked by `finish` once every line is read).
///
/// It holds only what those checks need (the numbers of the calls, policies and technicians
/// seen), never the events.
struct ExportLineCheck {
    private let decoder = JSONEventCodec.exportDecoder()
    /// The sequence number of the last line read (0: none yet).
    private(set) var lastSequence: UInt64 = 0
    private var calls = Set<Int>()
    private var policies = Set<Int>()
    private var technicians = Set<TechnicianID>()
    /// Policies and technicians named before (or without) their record: the first line naming
    /// each, and what to say about it if no line records it.
    private var unadopted: [Int: (line: Int, problem: Message)] = [:]
    private var unadded: [TechnicianID: (line: Int, problem: Message)] = [:]
    private var customers = Set<CustomerID>()
    private var unrecorded: [CustomerID: (line: Int, problem: Message)] = [:]

    /// The event on line `number` (from 1), given without its newline.
    mutating func event(_ line: UnsafeRawBufferPointer, number: Int) throws(ImportError) -> Event {
        guard !line.isEmpty else { throw ImportError(line: number, JournalText.importEmptyLine()) }
        let decoded: (event: Event, sequence: UInt64?, schema: Int)
        do {
            decoded = try JSONEventCodec.decodeLine(line, decoder: decoder)
        } catch {
            throw ImportError(line: number, error.text)
        }
        guard let sequence = decoded.sequence else { throw ImportError(line: number, JournalText.importSequenceMissing()) }
        guard sequence == lastSequence + 1 else {
            throw ImportError(line: number, JournalText.importSequenceOutOfOrder(["sequence": "\(sequence)", "expected": "\(lastSequence + 1)"]))
        }
        guard decoded.schema == EventCodec.schemaVersion else {
            throw ImportError(line: number, JournalText.importOlderSchema(["version": "\(decoded.schema)", "current": "\(EventCodec.schemaVersion)"]))
        }
        let event = decoded.event
        let exported = EventCodec.json(event, sequence: sequence)
        if let column = Self.firstDifference(line, exported) {
            throw ImportError(line: number, JournalText.importNotAsExported(["column": "\(column)"]))
        }
        try checkReferences(event, line: number)
        lastSequence = sequence
        return event
    }

    /// Every line is read: a policy or technician some line named and none recorded is refused,
    /// by the first line naming it.
    func finish() throws(ImportError) {
        let missing = unadopted.values.map { $0 } + unadded.values.map { $0 } + unrecorded.values.map { $0 }
        if let first = missing.min(by: { $0.line < $1.line }) { throw ImportError(line: first.line, first.problem) }
    }

    private mutating func checkReferences(_ event: Event, line: Int) throws(ImportError) {
        let type = EventCodec.typeName(event.change)
        if let call = event.change.call, !event.change.isIntake, !calls.contains(call.number) {
            throw ImportError(line: line, JournalText.importOrphan(["type": "\(type)", "call": "\(call)"]))
        }
        func timed(_ call: CallID, under policy: Int) {
            guard !policies.contains(policy), unadopted[policy] == nil else { return }
            unadopted[policy] = (line, JournalText.importPolicyMissing(["type": "\(type)", "call": "\(call)", "policy": "\(policy)"]))
        }
        func named(_ technician: TechnicianID) {
            guard !technicians.contains(technician), unadded[technician] == nil else { return }
            unadded[technician] = (line, JournalText.importTechnicianMissing(["type": "\(type)", "technician": "\(technician)"]))
        }
        func customer(_ id: CustomerID) {
            guard !customers.contains(id), unrecorded[id] == nil else { return }
            unrecorded[id] = (line, JournalText.importCustomerMissing(["type": "\(type)", "customer": "\(id)"]))
        }
        switch event.change {
        case .customerAdded(let record):
            customers.insert(record.id)
            unrecorded[record.id] = nil
        case .customerEdited(let record):
            customer(record.id)
        case .unitRecorded(let id, _), .unitServiced(let id, _, _, _):
            customer(id)
        case .policyAdopted(let number, _):
            policies.insert(number)
            unadopted[number] = nil
        case .technicianAdded(let technician):
            technicians.insert(technician.id)
            unadded[technician.id] = nil
        case .callReceived(let id, let intake, let policy):
            calls.insert(id.number)
            if let policy { timed(id, under: policy) }
            if let id = intake.customerID { customer(id) }
        case .retimed(let id, let policy, _):
            timed(id, under: policy)
        case .assigned(_, let technician, _), .accepted(_, let technician), .dispatchRequested(_, let technician, _, _),
             .requestLapsed(_, let technician), .technicianOnLeave(let technician, _), .technicianRetired(let technician),
             .technicianRota(let technician, _):
            named(technician)
        case .technicianEdited(let technician):
            named(technician.id)
        default:
            break
        }
    }

    /// Where `line` stops being `exported`, counted in characters from 1; nil if they are the same.
    static func firstDifference(_ line: UnsafeRawBufferPointer, _ exported: [UInt8]) -> Int? {
        if line.count == exported.count, exported.withUnsafeBytes({ memcmp($0.baseAddress!, line.baseAddress!, line.count) == 0 }) {
            return nil
        }
        var index = 0
        while index < min(line.count, exported.count), line[index] == exported[index] { index += 1 }
        // Characters before it: every byte that does not continue a UTF-8 sequence starts one.
        return line[..<index].reduce(1) { count, byte in byte & 0xC0 == 0x80 ? count : count + 1 }
    }
}
