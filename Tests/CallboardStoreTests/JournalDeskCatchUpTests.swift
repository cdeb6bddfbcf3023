import CallboardCore
import CallboardStore
import Foundation
import Testing

/// A write first takes in what others appended; a desk says what that was, so a caller keeping
/// its own copy (the console) can show it even when the write itself came to nothing.
@Suite struct JournalDeskCatchUpTests {
    @Test func aRefusedWriteStillSaysWhatItCaughtUpWith() throws {
        let dir = try TempDir()
        let path = dir.path("journal")
        _ = try Sample.journal(at: path, calls: 1)
        let mine = try JournalDesk(log: FileJournal(path: path))
        let other = try JournalDesk(log: FileJournal(path: path))
        let theirs = try other.perform(.note(CallID(number: 1), "客户已确认"), Sample.context("li"))
        let before = mine.position
        #expect(throws: DeskError.self) { try mine.perform(.arrive(CallID(number: 1)), Sample.context()) }
        #expect(mine.caughtUpByLastWrite == theirs)
        #expect(mine.position != before && mine.position == other.position)
    }

    @Test func aWriteThatCaughtUpWithNothingSaysSo() throws {
        let dir = try TempDir()
        let path = dir.path("journal")
        _ = try Sample.journal(at: path, calls: 1)
        let mine = try JournalDesk(log: FileJournal(path: path))
        let other = try JournalDesk(log: FileJournal(path: path))
        try other.perform(.note(CallID(number: 1), "客户已确认"), Sample.context("li"))
        try mine.perform(.note(CallID(number: 1), "先"), Sample.context())
        #expect(mine.caughtUpByLastWrite.count == 1)
        try mine.perform(.note(CallID(number: 1), "后"), Sample.context())
        #expect(mine.caughtUpByLastWrite.isEmpty)
    }
}
