#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The steps of the journal's file work where a disk can fail, by name: the tests make each one
/// fail in turn (as SQLite's I/O-error tests do) and check that a desk is never left half
/// rewritten. Nothing fails unless a test asked for it.
public enum JournalFault: String, CaseIterable, Sendable {
    /// Writing a new file beside the journal: a backup, an archive, a set-aside tail.
    case writeCopy
    /// Writing the new journal (compaction, repair) beside the one it replaces.
    case writeReplacement
    /// Renaming the new journal over the old one.
    case renameIntoPlace
    /// Syncing the folder once the new journal is in place.
    case syncFolderAfterRename
}

/// Faults asked for, each for the files under one folder, so that tests running side by side
/// in one process never see each other's.
public enum FaultInjection {
    private final class Plans: @unchecked Sendable {
        let lock = NSLock()
        var faults: [(fault: JournalFault, folder: String, errno: Int32)] = []
    }
    private static let plans = Plans()

    /// From now on `fault` fails with `errno` for files under `folder` (a folder of "/": all).
    public static func inject(_ fault: JournalFault, under folder: String, errno: Int32 = EIO) {
        plans.lock.withLock { plans.faults.append((fault, folder, errno)) }
    }

    public static func clear(under folder: String) {
        plans.lock.withLock { plans.faults.removeAll { $0.folder == folder } }
    }

    /// The error `fault` should fail with at `path`, if a test asked for one.
    static func error(_ fault: JournalFault, at path: String) -> Int32? {
        plans.lock.withLock {
            guard !plans.faults.isEmpty else { return nil }
            return plans.faults.first { $0.fault == fault && ($0.folder == "/" || path.hasPrefix($0.folder + "/")) }?.errno
        }
    }

    /// Fails like the system call would: sets `errno` and says so.
    static func fails(_ fault: JournalFault, at path: String) -> Bool {
        guard let code = error(fault, at: path) else { return false }
        errno = code
        return true
    }
}
