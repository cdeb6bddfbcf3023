import Foundation
import Testing

/// The core, the screen and the verbs above the wiring see the desk's log only through
/// EventLog: how a log is kept (a file, its format, its lock and watch) stays in the store, so
/// another way of keeping it changes nothing above it.
@Suite struct StoreSeamTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Sources").standardized

    /// Names that belong to one way of keeping the log.
    static let fileJournalWords = ["FileJournal", "JournalFile", "JournalFormat", "RecordScanner", "JournalWatch", "inotify",
                                   "position.offset"]

    @Test(arguments: ["CallboardCore", "CallboardTUI", "callboard/Verbs"])
    func codeAboveTheStoreNamesOnlyTheProtocol(folder: String) throws {
        let root = Self.sources.appendingPathComponent(folder)
        let files = FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") } ?? []
        #expect(!files.isEmpty)
        for file in files {
            let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
            // Comments may say how the file journal works; code may not depend on it.
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where !line.trimmingCharacters(in: .whitespaces).hasPrefix("//") {
                for word in Self.fileJournalWords where line.contains(word) {
                    Issue.record("\(folder)/\(file):\(number + 1): \(word) in «\(line.trimmingCharacters(in: .whitespaces))»")
                }
            }
        }
    }
}
