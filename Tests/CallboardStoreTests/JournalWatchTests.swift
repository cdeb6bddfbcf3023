import CallboardCore
import CallboardStore
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite struct JournalWatchTests {
    func isReadable(_ fd: Int32, waiting milliseconds: Int32) -> Bool {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, milliseconds) == 1
    }

    @Test(.enabled(if: JournalWatch(journalPath: "/tmp/x").descriptor != nil, "inotify is available"))
    func aFollowerIsWokenByAnAppendAndByAReplacementNotByTime() throws {
        let dir = try TempDir()
        let path = dir.path("journal")
        _ = try Sample.journal(at: path, calls: 1)
        let watch = JournalWatch(journalPath: path)
        let fd = try #require(watch.descriptor)
        #expect(!isReadable(fd, waiting: 50), "nothing happened: nothing to wake for")

        let desk = try JournalDesk(journal: Journal(path: path))
        try desk.perform(Sample.intake("新"), Sample.context())
        #expect(isReadable(fd, waiting: 5_000), "an append wakes the follower")
        watch.drain()
        #expect(!isReadable(fd, waiting: 0), "drained")

        _ = try Journal(path: path).compact(now: Sample.now, actor: "s", archiveClosedBefore: nil)
        #expect(isReadable(fd, waiting: 5_000), "a compaction renaming a new file into place wakes it too")
    }
}
