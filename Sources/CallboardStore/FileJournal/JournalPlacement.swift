#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
            throw JournalFile.failure("stat folder", dir)
        }
        let mode = info.st_mode
        let others = mode & S_IWOTH != 0, group = mode & S_IWGRP != 0, sticky = mode & S_ISVTX != 0
        guard others || (group && !sticky) else { return }
        let digits = String(mode & 0o7777, radix: 8)
        let octal = String(repeating: "0", count: max(0, 4 - digits.count)) + digits
        let what = others
            ? "can be written by every user of this machine (mode \(octal)), so anyone could swap in a forged journal or desk.yaml"
            : "lets every member of its group rename or remove files others own (mode \(octal), no sticky bit), so a member could move desk.yaml, with the desk's roles, away"
        // A shared folder such as /tmp is meant to be written by all: the journal moves out.
        let fix = others && sticky
            ? "keep the journal in a folder of its own (callboard makes it, mode 1770, when --journal names a file in a folder that does not exist yet)"
            : "run `chmod \(others ? (group && !sticky ? "o-w,+t" : "o-w") : "+t") \(dir)` (callboard makes its folders 1770: the desk's group, with the sticky bit)"
        throw JournalError(.unsafeFolder, log: journal,
                           "\(dir), the journal's folder, \(what); nothing was changed: \(fix)")
    }

    /// An open journal must have one name: through a hard link in another folder, a writer
    /// would take its roles from a desk.yaml beside that name.
    static func checkNames(_ info: stat, of journal: String) throws(JournalError) {
        guard info.st_nlink > 1 else { return }
        throw JournalError(.hardLinked, log: journal,
                           "\(journal) has \(info.st_nlink) names (hard links), so a command through another name would take its roles from a desk.yaml beside that name instead of the one beside the real journal; nothing was changed: remove every name but the journal's own with rm (`find / -xdev -samefile \(journal)` lists them) and use that path")
    }
}
