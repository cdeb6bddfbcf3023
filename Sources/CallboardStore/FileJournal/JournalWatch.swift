#if canImport(Glibc)
import Glibc
#endif

/// Wakes a follower when the journal file may have changed, instead of it looking five times a
/// second: inotify on the journal's folder (so appends, and a compaction or repair renaming a
/// new file into place, are both seen). Where inotify is not available the follower falls back
/// to looking on a timer; `descriptor` is then nil.
final class JournalWatch: LogChanges {
    /// Readable when something happened in the journal's folder; for poll(2).
    let descriptor: Int32?
    /// Without inotify, five looks a second keep changes from elsewhere well within a second.
    let pollMilliseconds = 200
    private var buffer = [UInt8](repeating: 0, count: 4096)

    init(journalPath path: String) {
        #if os(Linux)
        let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else {
            descriptor = nil
            return
        }
        let mask = UInt32(IN_MODIFY | IN_CLOSE_WRITE | IN_CREATE | IN_MOVED_TO | IN_DELETE | IN_ATTRIB)
        if inotify_add_watch(fd, JournalFile.parent(of: path), mask) < 0 {
            close(fd)
            descriptor = nil
            return
        }
        descriptor = fd
        #else
        descriptor = nil
        #endif
    }

    deinit { if let descriptor { close(descriptor) } }

    /// Empties the queue of notifications (their content does not matter: the follower reads
    /// the journal whatever changed in its folder).
    func drain() {
        guard let descriptor else { return }
        while buffer.withUnsafeMutableBytes({ read(descriptor, $0.baseAddress, $0.count) }) > 0 {}
    }
}
