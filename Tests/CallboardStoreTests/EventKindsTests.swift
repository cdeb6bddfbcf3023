import CallboardCore
@testable import CallboardStore
import Foundation
import Testing

/// The table of event kinds is what both encodings are made of: it must be one a journal can
/// trust for years.
@Suite struct EventKindsTests {
    @Test func everyCodeIsUsedOnceAndNoneIsSkipped() {
        let codes = EventKinds.all.map(\.code)
        // Codes 29-34 were set aside for the customers' kinds while the roster's were made
        // alongside (issue 14); 32-34 were not needed and are skipped for good. 39-40 are the
        // follow-ups' (issue 15, made alongside the scheduled visits' 41). Nothing else.
        let allotted = Set(29...34).union(39...40).subtracting(codes)
        #expect(codes == Array(1...UInt8(codes.count + allotted.count)).filter { !allotted.contains($0) }, "codes in order from 1, each once")
        for kind in EventKinds.all { #expect(EventKinds.byCode[Int(kind.code)] === kind) }
    }

    @Test func everyKindOfChangeHasAnEntryInTheTable() {
        for change in EventGoldenTests.changes {
            let kind = EventKinds.of(change)
            #expect(EventKinds.all.contains { $0 === kind }, "\(kind.type) is missing from EventKinds.all")
        }
        let written = Set(EventGoldenTests.changes.map { EventKinds.of($0).code })
        #expect(written == Set(EventKinds.all.map(\.code)), "the golden test has an event of every kind")
    }

    /// A field a later schema added is absent from older payloads: it can only be optional.
    @Test func fieldsAreNamedOnceAndLaterFieldsAreOptional() {
        for kind in EventKinds.all {
            let names = kind.fields.map(\.name)
            #expect(Set(names).count == names.count, "\(kind.type): a JSON key twice")
            for field in kind.fields where field.since > BinaryEventCodec.firstSchema {
                #expect(field.optional, "\(kind.type).\(field.name) came with schema \(field.since)")
            }
            #expect(field(after: kind.fields.firstIndex { $0.since > BinaryEventCodec.firstSchema }, in: kind.fields),
                    "\(kind.type): a field added later goes after the older ones")
        }
    }

    /// Kinds that share a JSON type are told apart by a field only the first has.
    @Test func kindsSharingAJSONTypeAreToldApartByTheirFields() {
        for (type, kinds) in EventKinds.byType where kinds.count > 1 {
            let first = Set(kinds[0].requiredInJSON.map(\.name))
            for other in kinds.dropFirst() {
                #expect(Set(other.requiredInJSON.map(\.name)).isStrictSubset(of: first), "\(type)")
            }
        }
    }

    /// README's Format section lists every kind as the table has it.
    @Test func theREADMEListsEveryKindAsTheTableHasIt() throws {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        for kind in EventKinds.all {
            let row = Self.readmeRow(kind)
            #expect(text.contains(row), "README.md, Format: \(row)")
        }
    }

    /// `| 5 | `call.assigned` | `call`, `tech` technician, `previous`? technician |`: the code, the
    /// JSON type, and each field's name (`?`: may be absent) and type, with the schema that added it.
    static func readmeRow(_ kind: EventKind) -> String {
        let fields = kind.fields.map { field in
            if field.type == .call && field.name == "call" { return "`call`" }
            let since = field.since > BinaryEventCodec.firstSchema ? " (schema \(field.since))" : ""
            return "`\(field.name)`\(field.optional ? "?" : "") \(field.type)\(since)"
        }
        return "| \(kind.code) | `\(kind.type)` | \(fields.joined(separator: ", ")) |"
    }

    private func field(after start: Int?, in fields: [EventField]) -> Bool {
        guard let start else { return true }
        return fields[start...].allSatisfy { $0.since > BinaryEventCodec.firstSchema }
    }
}

