import CallboardCore
@testable import CallboardStore
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `journal import`, the inverse of `journal export --json`: the reader of export lines
/// (ExportReader) and the file journal's import. What every log must do is in
/// EventLogContractTests; here, the lines and the file.
@Suite struct JournalImportTests {
    // MARK: the round trip

    /// Every kind of event (EventGoldenTests), the markers a compacted and a repaired journal
    /// begin with, Chinese text and text export escapes: exported, imported into a journal that
    /// does not exist yet, exported again — the same bytes.
    @Test func exportImportExportIsTheSameByteForByte() throws {
        let dir = try TempDir()
        let source = FileJournal(path: dir.path("journal"))
        _ = try JournalDesk(log: source).record(now: EventGoldenTests.at) { _ in Self.everyKind }
        let export = try Self.export(source)
        #expect(export.split(separator: UInt8(ascii: "\n")).count == Self.everyKind.count)
        try Data(export).write(to: dir.url.appendingPathComponent("export.jsonl"))

        let target = FileJournal(path: dir.path("restored/journal"))
        let reader = try ExportReader(path: dir.path("export.jsonl"))
        let result = try target.importHistory(now: Sample.now) { try reader.next() }
        #expect(result.events == Self.everyKind.count && result.warnings.isEmpty)
        #expect(try Self.export(target) == export)
        #expect(!(try target.verify().isDamaged), "the imported journal is sound")
        #expect(try JournalDesk(log: target).state == JournalDesk(log: source).state)
        var info = stat()
        #expect(stat(target.path, &info) == 0 && info.st_mode & 0o777 == 0o660, "private to the desk, as every journal")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path("restored")) == ["journal"], "no temporary file is left")
    }

    /// EventGoldenTests' events, each kind at least once, with the intakes, the policy and the
    /// order an import asks for (a call's events after its intake), after the markers a
    /// compacted and a repaired journal start with.
    static let everyKind: [Event] = {
        let golden = EventGoldenTests.changes
        let intake = golden.firstIndex { if case .callReceived = $0 { true } else { false } }!
        let markers = golden.filter(\.isCompaction)
        let more: [Change] = [
            .policyAdopted(2, EventGoldenTests.policy),
            .callReceived(CallID(number: 2), CallIntake(customer: "上海华东电气有限公司", phone: "021-6952 3310", summary: "主控服务器宕机，生产线停止"), policy: 2),
            .callReceived(CallID(number: 9), CallIntake(customer: "李\u{200D}明", phone: "138 0013 8000", summary: "打印机卡纸"), policy: nil),
        ]
        let rest = golden.filter { !$0.isCompaction }
        return (markers + rest[..<intake] + more + rest[intake...]).map(EventGoldenTests.event)
    }()

    static func export(_ log: any EventLog) throws -> [UInt8] {
        var out: [UInt8] = []
        try log.export { event, sequence in
            out += EventCodec.json(event, sequence: sequence)
            out.append(UInt8(ascii: "\n"))
        }
        return out
    }

    // MARK: a bad line

    /// A journal with a technician, a call and what happened to it: the lines refused below are
    /// changes of these.
    static let lines: [String] = {
        let at = Date(timeIntervalSince1970: 1_795_000_000)
        let policy = try! PolicyParser.parse("rules:\n  - name: all\n    response: 24h\n")
        let changes: [Change] = [
            .policyAdopted(1, policy),
            .technicianAdded(Technician(id: TechnicianID("T03")!, name: "王磊", region: "city")),
            .callReceived(CallID(number: 1), CallIntake(customer: "上海华东电气", phone: "021-6952 3310", summary: "宕机", level: .one), policy: 1),
            .assigned(CallID(number: 1), TechnicianID("T03")!, previous: nil),
            .noted(CallID(number: 1), "电池组老化"),
        ]
        return changes.enumerated().map { index, change in
            String(decoding: EventCodec.json(Event(occurredAt: at, recordedAt: at, actor: "wangfang", change: change), sequence: UInt64(index + 1)), as: UTF8.self)
        }
    }()

    /// A unit of a customer no line adds, as the fifth line.
    static let unitLine = String(decoding: EventCodec.json(Event(occurredAt: Date(timeIntervalSince1970: 1_795_000_000), recordedAt: Date(timeIntervalSince1970: 1_795_000_000),
                                                                 actor: "wangfang", change: .unitRecorded(CustomerID("K404")!, CustomerUnit(serial: "SN-1"))),
                                                           sequence: 5), as: UTF8.self)

    static func replacing(_ line: Int, with text: String) -> [String] {
        var all = lines
        all[line - 1] = text
        return all
    }

    /// Each line refused by its number, saying what is wrong with it.
    @Test(arguments: [
        (replacing(3, with: "not json at all"), 3, "not JSON"),
        (replacing(3, with: "[1, 2]"), 3, "not a JSON object"),
        (replacing(2, with: ""), 2, "empty"),
        (replacing(3, with: lines[2].replacingOccurrences(of: "call.received", with: "call.teleported")), 3, "event type 'call.teleported'"),
        (replacing(3, with: lines[2].replacingOccurrences(of: #""customer":"上海华东电气","#, with: "")), 3, "lacks 'customer'"),
        (replacing(4, with: lines[3].replacingOccurrences(of: #""at":1795000000"#, with: #""at":-5"#)), 4, "outside the years 1970-2999"),
        (replacing(4, with: lines[3].replacingOccurrences(of: #""at":1795000000"#, with: #""at":"yesterday""#)), 4, "'at' is not a number"),
        (replacing(4, with: lines[3].replacingOccurrences(of: #""at":1795000000"#, with: #""at":99999999999999999999"#)), 4, "'at' is not a whole number in range"),
        (replacing(5, with: lines[4].replacingOccurrences(of: #""seq":5"#, with: #""seq":5.5"#)), 5, "'seq' is not a whole number in range"),
        (replacing(4, with: lines[3].replacingOccurrences(of: #""by":"wangfang","#, with: "")), 4, "'by' is missing"),
        (replacing(2, with: lines[1].replacingOccurrences(of: #""skills":[]"#, with: #""skills":["printer",7]"#)), 2, "'skills' is not a list of texts"),
        (replacing(5, with: lines[4].replacingOccurrences(of: #""seq":5"#, with: #""seq":7"#)), 5, "sequence number 7 where 5 comes next"),
        (replacing(5, with: lines[3]), 5, "sequence number 4 where 5 comes next"),
        (replacing(1, with: lines[0].replacingOccurrences(of: #""seq":1,"#, with: "")), 1, "'seq' is missing"),
        (replacing(3, with: lines[2].replacingOccurrences(of: #""v":5"#, with: #""v":3"#)), 3, "schema 3"),
        (replacing(3, with: lines[2].replacingOccurrences(of: #""v":5"#, with: #""v":6"#)), 3, "newer than this callboard understands"),
        (replacing(4, with: lines[3].replacingOccurrences(of: #""tech":"T03""#, with: #""tech":"t03""#)), 4, "not as `journal export --json` writes this event (from character"),
        (replacing(4, with: lines[3].replacingOccurrences(of: ",", with: ", ")), 4, "not as `journal export --json` writes"),
        (replacing(4, with: lines[3].replacingOccurrences(of: "}", with: #","extra":1}"#)), 4, "not as `journal export --json` writes"),
        (replacing(4, with: lines[3].replacingOccurrences(of: "C-0001", with: "C-0002")), 4, "call.assigned about C-0002, which no earlier line brings in"),
        (replacing(3, with: lines[2].replacingOccurrences(of: #""policy":1"#, with: #""policy":2"#)), 3, "call.received of C-0001 names policy #2, which no line adopts"),
        (replacing(4, with: lines[3].replacingOccurrences(of: "T03", with: "T04")), 4, "call.assigned names technician T04, whom no line adds"),
        (replacing(3, with: lines[2].replacingOccurrences(of: #""customer":"上海华东电气","#, with: #""customer":"上海华东电气","customerID":"K404","#)),
         3, "call.received names customer K404, whom no line adds"),
        (replacing(5, with: unitLine), 5, "customer.unit_recorded names customer K404, whom no line adds"),
    ] as [([String], Int, String)])
    func aBadLineIsRefusedByItsNumberAndNothingIsImported(lines: [String], line: Int, says: String) throws {
        let dir = try TempDir()
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: dir.url.appendingPathComponent("export.jsonl"))
        let journal = FileJournal(path: dir.path("desk/journal"))
        let reader = try ExportReader(path: dir.path("export.jsonl"))
        do {
            _ = try journal.importHistory(now: Sample.now) { try reader.next() }
            Issue.record("imported")
        } catch let error as ImportError {
            #expect(error.line == line, "\(error)")
            #expect(error.description.hasPrefix("\(dir.path("export.jsonl")), line \(line): "), "\(error)")
            #expect(error.description.contains(says), "\(error)")
        }
        #expect(try !journal.exists(), "nothing was imported, and no journal made")
        #expect(!FileManager.default.fileExists(atPath: dir.path("desk")), "nor its folder")
    }

    @Test func theGoodLinesImportAndAFinalLineMayLackItsNewline() throws {
        let dir = try TempDir()
        try Data(Self.lines.joined(separator: "\n").utf8).write(to: dir.url.appendingPathComponent("export.jsonl"))
        let reader = try ExportReader(path: dir.path("export.jsonl"))
        let journal = FileJournal(path: dir.path("journal"))
        #expect(try journal.importHistory(now: Sample.now) { try reader.next() }.events == 5)
        #expect(String(decoding: try Self.export(journal), as: UTF8.self) == Self.lines.joined(separator: "\n") + "\n")
    }

    @Test func aLineLongerThanAnyRecordIsRefusedWithoutReadingItWhole() throws {
        let dir = try TempDir()
        var bytes = Array((Self.lines[0] + "\n").utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "x"), count: ExportReader.longestLine + 10)
        try Data(bytes).write(to: dir.url.appendingPathComponent("export.jsonl"))
        let reader = try ExportReader(path: dir.path("export.jsonl"))
        #expect(try reader.next() != nil)
        #expect { try reader.next() } throws: { ($0 as? ImportError)?.line == 2 && "\($0)".contains("longer than") }
    }

    @Test func aFileThatCannotBeReadIsSaidSo() {
        #expect { try ExportReader(path: "/nonexistent/export.jsonl") } throws: { error in
            (error as? ImportError)?.line == nil && "\(error)".contains("cannot read /nonexistent/export.jsonl")
        }
    }

    // MARK: the journal

    @Test func aJournalHoldingEventsIsRefusedAndLeftAsItWas() throws {
        let dir = try TempDir()
        let path = dir.path("journal")
        let bytes = try Sample.journal(at: path, calls: 2)
        #expect { try FileJournal(path: path).importHistory(now: Sample.now) { nil } } throws: { error in
            (error as? JournalError)?.kind == .notEmpty && "\(error)".contains("already holds events")
        }
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path))) == bytes)
    }

    /// A journal file with no events — a header alone, or what a crash left while it was being
    /// created or during its first write, never acknowledged — takes an import; the leftovers
    /// are kept beside it, as any writer keeps them.
    @Test(arguments: ["header", "zeros", "tornFirstWrite"])
    func aJournalWithNoEventsTakesAnImport(leftover: String) throws {
        let dir = try TempDir()
        let path = dir.path("journal")
        let header = Array(try Sample.journal(at: path, calls: 1)[..<JournalFormat.headerSize])
        var bytes: [UInt8]
        switch leftover {
        case "header": bytes = header
        case "zeros": bytes = [UInt8](repeating: 0, count: 100)
        default:
            // Every record of one unfinished first write (each marked as continuing), cut short.
            bytes = header
            let epoch = header.withUnsafeBytes { raw -> UInt64 in
                guard case .success(let decoded) = JournalFormat.decodeHeader(raw) else { return 0 }
                return decoded.epoch
            }
            JournalFormat.encodeGroup(payloads: [EventCodec.encode(Self.sampleEvent), EventCodec.encode(Self.sampleEvent)], after: 0, epoch: epoch, into: &bytes)
            bytes.removeLast(5)
        }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        var pending = [Self.sampleEvent][...]
        let result = try FileJournal(path: path).importHistory(now: Sample.now) { pending.popFirst() }
        #expect(result.events == 1)
        #expect(result.warnings.isEmpty == (leftover == "header"), "\(result.warnings)")
        #expect(try JournalDesk(log: FileJournal(path: path)).position.sequence == 1)
        let kept = try FileManager.default.contentsOfDirectory(atPath: dir.url.path).filter { $0.hasPrefix("journal.broken-") }
        #expect(kept.count == (leftover == "header" ? 0 : 1))
    }

    static let sampleEvent = Event(occurredAt: Sample.now, recordedAt: Sample.now, actor: "li",
                                   change: .technicianAdded(Technician(id: TechnicianID("T01")!, name: "王磊")))

    /// A disk failing at each step of putting the imported journal in place: before the rename,
    /// nothing was imported and the journal is as it was; after it, the import is in place and
    /// the message says the folder did not reach the disk.
    @Test(arguments: [JournalFault.writeReplacement, .renameIntoPlace, .syncFolderAfterRename])
    func aFailingDiskLeavesTheJournalAsItWasOrTheImportWhole(fault: JournalFault) throws {
        let dir = try TempDir()
        let path = dir.path("journal")
        // An empty journal in place (a header alone), as `callboard demo --fresh` or a failed
        // first write leaves one.
        let header = Array(try Sample.journal(at: path, calls: 0)[..<JournalFormat.headerSize])
        try Data(header).write(to: URL(fileURLWithPath: path))
        FaultInjection.inject(fault, under: dir.url.path)
        defer { FaultInjection.clear(under: dir.url.path) }
        var pending = (try Self.intakes(3))[...]
        do {
            _ = try FileJournal(path: path).importHistory(now: Sample.now) { pending.popFirst() }
            Issue.record("the failure was not noticed")
        } catch let error as JournalError {
            if fault == .syncFolderAfterRename {
                #expect(error.isInPlaceNotSynced && "\(error)".contains("the imported journal is in place"), "\(error)")
                #expect(try JournalDesk(log: FileJournal(path: path)).state.calls.count == 3)
            } else {
                #expect("\(error)".contains("nothing was imported: the journal is as it was"), "\(error)")
                #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path))) == header)
            }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path) == ["journal"], "no temporary file is left")
    }

    @Test func aTemporaryFileAKilledImportLeftIsRemovedByTheNext() throws {
        let dir = try TempDir()
        try Data([1, 2, 3]).write(to: dir.url.appendingPathComponent("journal.new-1234"))
        var pending = (try Self.intakes(2))[...]
        #expect(try FileJournal(path: dir.path("journal")).importHistory(now: Sample.now) { pending.popFirst() }.events == 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path) == ["journal"])
    }

    @Test func throughASymbolicLinkTheRealFileTakesTheImport() throws {
        let dir = try TempDir()
        try FileManager.default.createDirectory(atPath: dir.path("real"), withIntermediateDirectories: true, attributes: [.posixPermissions: 0o1770])
        #expect(FileManager.default.createFile(atPath: dir.path("real/journal"), contents: nil, attributes: [.posixPermissions: 0o660]))
        try FileManager.default.createSymbolicLink(atPath: dir.path("journal"), withDestinationPath: dir.path("real/journal"))
        var pending = (try Self.intakes(1))[...]
        #expect(try FileJournal(path: dir.path("journal")).importHistory(now: Sample.now) { pending.popFirst() }.events == 1)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dir.path("journal")) == dir.path("real/journal"))
        #expect(try JournalDesk(log: FileJournal(path: dir.path("real/journal"))).state.calls.count == 1)
    }

    /// A writer that waited for the lock while an import went in decides against the imported
    /// desk: it never appends to the file the import replaced.
    @Test func aWriterWaitingDuringTheImportDecidesAgainstTheImportedDesk() throws {
        let dir = try TempDir()
        let path = dir.path("journal")
        let events = try Self.intakes(3)
        let started = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0), done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            var index = 0
            _ = try? FileJournal(path: path).importHistory(now: Sample.now) {
                if index == 0 { started.signal(); release.wait() }
                defer { index += 1 }
                return index < events.count ? events[index] : nil
            }
            done.signal()
        }
        started.wait()
        let failures = Failures()
        Thread.detachNewThread {
            do {
                try JournalDesk(log: FileJournal(path: path)).perform(Sample.intake("等着的"), Sample.context())
            } catch {
                failures.add("\(error)")
            }
            done.signal()
        }
        Thread.sleep(forTimeInterval: 0.2)
        release.signal()
        done.wait()
        done.wait()
        #expect(failures.all.isEmpty, "\(failures.all)")
        let desk = try JournalDesk(log: FileJournal(path: path))
        #expect(desk.state.calls.values.map(\.intake.customer) == ["客户0", "客户1", "客户2", "等着的"])
    }

    static func intakes(_ count: Int) throws -> [Event] {
        try EventLogContractTests.intakes(count, after: DeskState())
    }
}
