import CallboardCore
@testable import CallboardStore
import Foundation
import Testing

/// A bounded fuzz run over everything that reads bytes from outside: the record scanner, the
/// event decoders (binary and JSON), the journal's verify and repair, `journal import`'s reader
/// of export lines, and the policy parser.
/// Each input is a valid one mutated at random (bits flipped, bytes changed, inserted, removed,
/// stretches repeated, cut short, spliced): nothing may trap, and a repair must always leave a
/// journal that verifies and keeps every call whose records were not touched.
///
/// A run takes about a minute in all. `CALLBOARD_FUZZ_SEED=N` repeats a run; the seed is printed
/// first, and the input being tried is written to `$TMPDIR/callboard-fuzz-<test>` before each
/// try, so a crasher survives the crash. `CALLBOARD_FUZZ_SCALE=20` runs twenty times as many
/// inputs. Every crasher found becomes a file under `FuzzCorpus/<kind>/`, replayed on every run.
@Suite struct FuzzTests {
    static let seed: UInt64 = {
        let seed = ProcessInfo.processInfo.environment["CALLBOARD_FUZZ_SEED"].flatMap(UInt64.init) ?? UInt64.random(in: 0...UInt64.max)
        print("fuzz seed: \(seed) (CALLBOARD_FUZZ_SEED=\(seed) repeats this run)")
        return seed
    }()
    static let scale = ProcessInfo.processInfo.environment["CALLBOARD_FUZZ_SCALE"].flatMap(Double.init) ?? 1

    static func iterations(_ base: Int) -> Int { max(1, Int(Double(base) * scale)) }

    static func generator(_ salt: UInt64) -> SplitMix64 { SplitMix64(seed: seed ^ salt) }

    /// Keeps the input being tried on disk, so a crash does not take it along.
    static func keep(_ input: [UInt8], _ name: String) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("callboard-fuzz-\(name)")
        try? Data(input).write(to: path)
    }

    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("FuzzCorpus")

    /// Inputs found to crash before, by kind (`records`, `payloads`, `journals`, `imports`, `policies`).
    static func regressions(_ kind: String) -> [[UInt8]] {
        let folder = corpus.appendingPathComponent(kind)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.sorted() ?? []
        return names.compactMap { try? Data(contentsOf: folder.appendingPathComponent($0)) }.map { Array($0) }
    }

    // MARK: inputs

    static let at = Date(timeIntervalSince1970: 1_795_000_000)

    /// One event of every kind the desk writes.
    static let events: [Event] = {
        let policy = (try? PolicyParser.parse("rules:\n  - name: all\n    response: 24h\n    onsite: {within: 8h, breach: substitute owed}\n"))!
        let t9 = TechnicianID("T09")!, call = CallID(number: 1)
        let changes: [Change] = [
            .policyAdopted(1, policy),
            .technicianAdded(Technician(id: t9, name: "孙强", region: "city", skills: ["printer", "server"], shift: .oncall, phone: "189 1630 5528")),
            .callReceived(call, CallIntake(customer: "嘉定区第二中学", phone: "021-5953 1276", summary: "复印机卡纸 E-302", level: .three,
                                           region: "city", product: "SD-3300", serial: "SN2022", channel: .web, tier: "emergency", kind: "complaint",
                                           purchased: LocalDate("2025-03-18"), defect: "e-302"), policy: 1),
            .responded(call), .assigned(call, t9, previous: nil), .departed(call), .arrived(call),
            .noted(call, "已远程查看日志"), .paused(call, reason: "等待备件"), .resumed(call),
            .releveled(call, .one, from: .three, reason: "停产"), .retimed(call, policy: 1, reason: "new"),
            .escalated(call, step: "duty supervisor", timer: .onsite, notify: "supervisor"),
            .realerted(call, step: "duty supervisor", timer: .onsite), .acknowledged(call),
            .notified(call, step: "duty supervisor", ok: false, detail: "exit 3"),
            .dispatchRequested(call, t9, until: at.addingTimeInterval(600), reason: "on call"), .requestLapsed(call, t9),
            .accepted(call, t9), .unitReplaced(call), .resolved(call), .closed(call), .reopened(call, reason: "again"),
            .cancelled(call, reason: "withdrawn"),
            .compacted(Compaction(nextCallNumber: 2, eventsBefore: 30, archivedCalls: 0, archive: nil)),
            .repaired(nextCallNumber: 2, dropped: 1),
        ]
        return changes.map { Event(occurredAt: at, recordedAt: at.addingTimeInterval(5), actor: "wangfang", change: $0) }
    }()

    /// A whole journal file holding `events` (each a write of its own) and the offset of each record.
    static func journal() -> (bytes: [UInt8], records: [Range<Int>]) {
        let epoch: UInt64 = 0x1234_5678_9ABC_DEF0
        var bytes = JournalFormat.encodeHeader(epoch: epoch)
        var records: [Range<Int>] = []
        // Calls 1-3 with their lives, so damage can drop some and spare others.
        var all = events
        for n in 2...3 {
            let id = CallID(number: n)
            all.append(Event(occurredAt: at, recordedAt: at, actor: "li", change: .callReceived(id, CallIntake(customer: "客户\(n)", phone: "138 0013 8000", summary: "卡纸"), policy: 1)))
            all.append(Event(occurredAt: at, recordedAt: at, actor: "li", change: .noted(id, "备注\(n)")))
        }
        for (index, event) in all.enumerated() {
            let start = bytes.count
            JournalFormat.encodeRecord(type: .event, sequence: UInt64(index + 1), payload: EventCodec.encode(event), epoch: epoch, into: &bytes)
            records.append(start..<bytes.count)
        }
        return (bytes, records)
    }

    // MARK: the runs

    @Test func theRecordScannerNeverTrapsAndStaysWithinItsBytes() {
        var random = Self.generator(1)
        let (base, _) = Self.journal()
        let inputs = Self.regressions("records") + (0..<Self.iterations(20_000)).map { _ in Mutator.mutate(base, using: &random) }
        for input in inputs {
            Self.keep(input, "records")
            let body = Array(input.dropFirst(min(input.count, JournalFormat.headerSize)))
            let last: UInt64 = [0, 1, UInt64.max - 1, UInt64(1) << 62, random.next() % 64].randomElement(using: &random)!
            body.withUnsafeBytes { raw in
                let scan = RecordScanner.scan(raw, base: 32, epoch: 0x1234_5678_9ABC_DEF0, lastSequence: last)
                for record in scan.records { #expect(record.payload.upperBound <= raw.count) }
                #expect(scan.end >= 32 && scan.end <= 32 + raw.count)
                let survey = RecordScanner.survey(raw, base: 32, epoch: 0x1234_5678_9ABC_DEF0)
                for range in survey.damaged { #expect(range.lowerBound >= 32 && range.upperBound <= 32 + raw.count) }
            }
            _ = input.withUnsafeBytes { JournalFormat.readHeader($0) }
        }
    }

    @Test func theEventDecodersNeverTrapAndWhatTheyAcceptRoundTrips() {
        var random = Self.generator(2)
        let payloads = Self.events.flatMap { [EventCodec.encode($0), EventCodec.json($0, sequence: 3)] }
        let inputs = Self.regressions("payloads") + (0..<Self.iterations(50_000)).map { _ in
            Mutator.mutate(payloads.randomElement(using: &random)!, using: &random)
        }
        for input in inputs {
            Self.keep(input, "payloads")
            guard let event = try? input.withUnsafeBytes({ try EventCodec.decode($0) }) else { continue }
            // What is accepted is an event the desk could have written: it reads back the same.
            let again = try? EventCodec.encode(event).withUnsafeBytes { try EventCodec.decode($0) }
            #expect(again == event)
        }
    }

    @Test func aRepairAlwaysLeavesAJournalThatVerifiesAndKeepsEveryUntouchedCall() throws {
        var random = Self.generator(3)
        let (base, records) = Self.journal()
        let dir = try TempDir()
        var inputs = Self.regressions("journals").map { ($0, Set<Int>()) }
        for _ in 0..<Self.iterations(500) {
            // Damage inside the records only (a header is recovered from them), remembering which.
            var bytes = base
            var touched = Set<Int>()
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                let at = Int.random(in: JournalFormat.headerSize..<bytes.count, using: &random)
                bytes[at] ^= UInt8.random(in: 1...255, using: &random)
                touched.formUnion(records.indices.filter { records[$0].contains(at) })
            }
            inputs.append((bytes, touched))
        }
        for (input, touched) in inputs {
            Self.keep(input, "journals")
            let path = dir.path("journal")
            try Data(input).write(to: URL(fileURLWithPath: path))
            _ = try? FileJournal(path: path).verify()
            guard (try? FileJournal(path: path).repair(now: Self.at)) != nil else { continue }
            let found = try FileJournal(path: path).verify()
            #expect(!found.isDamaged, "a repaired journal verifies: \(found)")
            let desk = try JournalDesk(log: FileJournal(path: path))
            // A call stays if its intake record was not touched.
            for index in records.indices where !touched.contains(index) {
                guard let id = Self.intake(at: index) else { continue }
                #expect(desk.state.calls[id] != nil, "call \(id) was untouched and must stay")
            }
            for name in try FileManager.default.contentsOfDirectory(atPath: dir.url.path) { try FileManager.default.removeItem(atPath: dir.path(name)) }
        }
    }

    /// Export lines mutated at random (lines removed, repeated, swapped, bytes changed within
    /// them) through `journal import`'s reader: every input is refused at one of its lines, by
    /// number, or taken whole, never a trap; and what is taken exports again to the very same
    /// lines. Some inputs go all the way, from a file into a journal: refused, no journal is
    /// left; taken, the journal exports the file.
    @Test func theImportReaderRefusesALineByNumberOrTakesItAllAndWhatItTakesExportsTheSame() throws {
        var random = Self.generator(5)
        let lines = Self.exportLines()
        let text = Array(lines.joined(separator: [UInt8(ascii: "\n")])) + [UInt8(ascii: "\n")]
        let inputs = Self.regressions("imports") + (0..<Self.iterations(2_000)).map { n -> [UInt8] in
            if n % 2 == 0 { return Mutator.mutateText(text, using: &random) }
            var mutated = lines
            let at = Int.random(in: 0..<mutated.count, using: &random)
            mutated[at] = Mutator.mutate(mutated[at], using: &random)
            return Array(mutated.joined(separator: [UInt8(ascii: "\n")])) + [UInt8(ascii: "\n")]
        }
        let dir = try TempDir()
        for (n, input) in inputs.enumerated() {
            Self.keep(input, "imports")
            // The lines as the reader takes them: a last newline ends the last line.
            var pieces = input.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            if pieces.count > 1, pieces.last?.isEmpty == true { pieces.removeLast() }
            var check = ExportLineCheck()
            var taken: [Event] = []
            var refused: Int?
            do {
                for (index, line) in pieces.enumerated() where !(pieces.count == 1 && line.isEmpty) {
                    taken.append(try Array(line).withUnsafeBytes { try check.event($0, number: index + 1) })
                }
                try check.finish()
            } catch let error as ImportError {
                refused = error.line
                #expect(error.line.map { (1...pieces.count).contains($0) } == true, "\(error)")
            }
            if refused == nil {
                for (index, event) in taken.enumerated() {
                    #expect(EventCodec.json(event, sequence: UInt64(index + 1)) == Array(pieces[index]), "line \(index + 1) exports as it was")
                }
            }
            guard n % 20 == 0 else { continue }
            // From a file into a journal, as `callboard journal import` does it.
            let file = dir.path("export.jsonl"), journal = FileJournal(path: dir.path("journal"))
            try Data(input).write(to: URL(fileURLWithPath: file))
            let reader = try ExportReader(path: file)
            do {
                let result = try journal.importHistory(now: Self.at) { try reader.next() }
                #expect(refused == nil && result.events == taken.count)
                if result.events > 0 {
                    var exported: [UInt8] = []
                    try journal.export { event, sequence in exported += EventCodec.json(event, sequence: sequence) + [UInt8(ascii: "\n")] }
                    #expect(exported == Array(pieces.joined(separator: [UInt8(ascii: "\n")])) + [UInt8(ascii: "\n")])
                }
            } catch let error as ImportError {
                #expect(error.line == refused, "\(error)")
                #expect(try !journal.exists())
            }
            for name in try FileManager.default.contentsOfDirectory(atPath: dir.url.path) { try FileManager.default.removeItem(atPath: dir.path(name)) }
        }
    }

    /// `journal()`'s events as `journal export --json` writes them, a line each (no newline).
    static func exportLines() -> [[UInt8]] {
        let (bytes, records) = journal()
        return records.enumerated().map { index, range in
            let payload = Array(bytes[range].dropFirst(JournalFormat.recordHeaderSize))
            let event = try! payload.withUnsafeBytes { try EventCodec.decode($0) }
            return EventCodec.json(event, sequence: UInt64(index + 1))
        }
    }

    /// The call a record of `journal()` brings in, if it is an intake.
    static func intake(at index: Int) -> CallID? {
        let all = events.count
        if index == 2 { return CallID(number: 1) }
        if index >= all, (index - all) % 2 == 0 { return CallID(number: 2 + (index - all) / 2) }
        return nil
    }

    @Test func thePolicyParserNeverTraps() throws {
        var random = Self.generator(4)
        let policy = try String(contentsOf: Self.corpus.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Resources/policy/default.yaml"), encoding: .utf8)
        let inputs = Self.regressions("policies") + (0..<Self.iterations(1500)).map { _ in
            Mutator.mutateText(Array(policy.utf8), using: &random)
        }
        for input in inputs {
            Self.keep(input, "policies")
            _ = try? PolicyParser.parse(String(decoding: input, as: UTF8.self))
        }
    }
}

/// Small random changes of a valid input, in the manner of AFL's havoc stage.
enum Mutator {
    static func mutate(_ input: [UInt8], using random: inout some RandomNumberGenerator) -> [UInt8] {
        var bytes = input
        for _ in 0..<Int.random(in: 1...6, using: &random) {
            guard !bytes.isEmpty else { bytes = [UInt8.random(in: 0...255, using: &random)]; continue }
            let at = Int.random(in: 0..<bytes.count, using: &random)
            switch Int.random(in: 0..<9, using: &random) {
            case 0: bytes[at] ^= 1 << UInt8.random(in: 0...7, using: &random)
            case 1: bytes[at] = [0, 1, 0x7F, 0x80, 0xFF, UInt8.random(in: 0...255, using: &random)].randomElement(using: &random)!
            case 2: bytes.insert(UInt8.random(in: 0...255, using: &random), at: at)
            case 3: bytes.remove(at: at)
            case 4: bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...64, using: &random)))
            case 5:
                let chunk = bytes[at..<min(bytes.count, at + Int.random(in: 1...32, using: &random))]
                bytes.insert(contentsOf: chunk, at: Int.random(in: 0...bytes.count, using: &random))
            case 6: bytes = Array(bytes.prefix(at))
            case 7:
                // A little-endian integer at its extremes (lengths, sequence numbers, counts).
                let width = [2, 4, 8].randomElement(using: &random)!
                let value: UInt64 = [0, 1, UInt64.max, UInt64(Int64.max), UInt64(UInt32.max), UInt64(1) << 31].randomElement(using: &random)!
                for k in 0..<width where at + k < bytes.count { bytes[at + k] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(k))) }
            default:
                guard !input.isEmpty else { continue }
                let other = input[Int.random(in: 0..<input.count, using: &random)...]
                bytes.replaceSubrange(at..., with: other)
            }
        }
        return bytes
    }

    /// Changes that keep text text-like: lines removed, repeated or swapped, characters changed.
    static func mutateText(_ input: [UInt8], using random: inout some RandomNumberGenerator) -> [UInt8] {
        var lines = input.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            guard !lines.isEmpty else { break }
            let at = Int.random(in: 0..<lines.count, using: &random)
            switch Int.random(in: 0..<5, using: &random) {
            case 0: lines.remove(at: at)
            case 1: lines.insert(lines[at], at: at)
            case 2: lines.swapAt(at, Int.random(in: 0..<lines.count, using: &random))
            case 3:
                let pieces: [String] = [":", "-", " ", "{", "}", "[", "]", "'", "\"", "*", "&", "!", "%", "\t", "0", "99999999999", "..", "紧急", "\u{1B}"]
                lines[at].insert(contentsOf: Array(pieces.randomElement(using: &random)!.utf8), at: Int.random(in: 0...lines[at].count, using: &random))
            default: lines[at] = mutate(lines[at], using: &random)
            }
        }
        return Array(lines.joined(separator: [UInt8(ascii: "\n")]))
    }
}

