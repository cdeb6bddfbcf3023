#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CallboardCore

/// Where a journal may be written. Roles live in desk.yaml beside the journal, so a journal
/// reached through a name in another folder, or kept in a folder where others can move files,
/// would let a desk member take roles that are not theirs. Reading stays allowed everywhere:
/// these checks guard writes only, which every writer (commands, repair, compaction) opens
/// through `JournalFile.openForWriting`.
enum JournalPlacement {
    /// The folder the journal is (or will be) written in must let nobody but the desk's group
    /// add files, and nobody but a file's owner remove or rename it: others could swap in a
    /// forged journal, and a member without the sticky bit could move desk.yaml away.
    static func checkFolder(of journal: String) throws(JournalError) {
        let dir = JournalFile.parent(of: JournalFile.resolved(journal))
        var info = stat()
        guard stat(dir, &info) == 0 else {
            // No folder, no journal: opening it says so.
            if errno == ENOENT { return }
            throw JournalFile.failure(.operationStatFolder, dir)
        }
        guard let problem = JournalFolderRule.problem(mode: info.st_mode, folder: dir) else { return }
        throw JournalError(.unsafeFolder, log: journal, JournalText.unsafeFolder(["folder": "\(dir)", "what": .message(problem.what), "fix": .message(problem.fix)]))
    }

    /// An open journal must have one name: through a hard link in another folder, a writer
    /// would take its roles from a desk.yaml beside that name.
    static func checkNames(_ info: stat, of journal: String) throws(JournalError) {
        guard info.st_nlink > 1 else { return }
        throw JournalError(.hardLinked, log: journal, JournalText.hardLinked(["path": "\(journal)", "count": "\(info.st_nlink)"]))
    }
}

/// The rule for a journal's folder, shared by every writer (which refuses such a folder) and by
/// `callboard doctor` (which says so before anyone writes): nobody but the desk's group may add
/// files to it, and nobody but a file's owner remove or rename one.
public enum JournalFolderRule {
    /// What is wrong with a folder of mode `mode`, and the fix; nil when nothing is.
    public static func problem(mode: mode_t, folder: String) -> (what: Message, fix: Message)? {
        let others = mode & S_IWOTH != 0, group = mode & S_IWGRP != 0, sticky = mode & S_ISVTX != 0
        guard others || (group && !sticky) else { return nil }
        let octal = JournalFolderRule.octal(mode)
        let what = others
            ? JournalText.folderWritableByAll(["mode": "\(octal)"])
            : JournalText.folderWithoutSticky(["mode": "\(octal)"])
        // A shared folder such as /tmp is meant to be written by all: the journal moves out.
        let fix = others && sticky
            ? JournalText.folderShared()
            : JournalText.folderChmod(["change": "\(others ? (group && !sticky ? "o-w,+t" : "o-w") : "+t")", "folder": "\(folder)"])
        return (what, fix)
    }

    /// A mode as four octal digits (1770).
    public static func octal(_ mode: mode_t) -> String {
        let digits = String(mode & 0o7777, radix: 8)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
