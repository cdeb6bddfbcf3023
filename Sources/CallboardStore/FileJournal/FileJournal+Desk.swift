import CallboardCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What the executable needs of a journal file besides its events: being followed, whether it
/// is there, starting it afresh, and desk.yaml beside it. Nothing above the store touches the
/// file or its folder.
extension FileJournal {
    public func changes() -> any LogChanges { JournalWatch(journalPath: path) }

    public func exists() throws(JournalError) -> Bool {
        try JournalFile.openForReading(path) != nil
    }

    /// Renames the journal to `JOURNAL.previous` (replacing an older one).
    public func startAfresh() throws(JournalError) -> String? {
        guard try exists() else { return nil }
        let previous = path + ".previous"
        let snapshot = snapshotPath
        if unlink(previous) != 0, errno != ENOENT { throw JournalFile.failure(.operationRemove, previous) }
        guard rename(path, previous) == 0 else { throw JournalFile.failure(.operationRename, previous, from: path) }
        // The old desk's snapshot would only be ignored, with a warning, by every start.
        unlink(snapshot)
        try JournalFile.syncDirectory(of: path)
        return previous
    }

    /// Where the journal really is (symbolic links followed), its folder, and the desk.yaml the
    /// roles come from: what `callboard doctor` looks at.
    public var realPath: String { JournalFile.resolved(path) }
    public var folder: String { JournalFile.parent(of: realPath) }
    public var deskFile: String { folder + "/desk.yaml" }

    /// `desk.yaml` in the journal's folder (the real file's, when the journal's path is a
    /// symbolic link): roles belong to the desk, not to whoever runs a command, so `--desk` may
    /// only point at that same file. It must not be writable by anyone but its owner, or anyone
    /// could promote themselves; the journal's folder is created with the sticky bit so that
    /// nobody else can remove it either.
    public func deskConfiguration(named flag: String?) throws(DeskError) -> DeskConfiguration {
        let beside = deskFile
        if let flag, URL(fileURLWithPath: flag).standardizedFileURL.path != URL(fileURLWithPath: beside).standardizedFileURL.path {
            throw DeskError(.refused, DeskText.configElsewhere(["file": .text(beside)]))
        }
        var info = stat()
        guard stat(beside, &info) == 0 else { return .none }
        if info.st_mode & (S_IWGRP | S_IWOTH) != 0 {
            throw DeskError(.refused, DeskText.configWritable(["file": .text(beside)]))
        }
        let text: String
        do {
            text = try String(contentsOfFile: beside, encoding: .utf8)
        } catch {
            throw DeskError(.refused, DeskText.configUnreadable(["file": .text(beside), "error": .text((error as NSError).localizedDescription)]))
        }
        let desk: DeskConfiguration
        do {
            desk = try DeskConfiguration.parse(text)
        } catch {
            throw DeskError(.invalidInput, DeskText.configProblem(["file": .text(beside), "problem": .message(error.text)]))
        }
        if desk.notify != nil { try Self.checkCommandOwner(beside, owner: info.st_uid) }
        return desk
    }

    /// A notification command runs as whoever runs the watch or a console, so the file naming it
    /// must be the administrator's: a member of the desk's group may create desk.yaml in the
    /// folder where there is none, and it would be theirs. Root, the folder's owner and the
    /// user running the command are trusted; anyone else's file is refused before anything runs.
    static func checkCommandOwner(_ file: String, owner: uid_t) throws(DeskError) {
        var folder = stat()
        let dir = JournalFile.parent(of: file)
        guard stat(dir, &folder) == 0 else { throw DeskError(.refused, DeskText.configFolderUnreadable(["folder": .text(dir)])) }
        guard owner != 0, owner != folder.st_uid, owner != geteuid() else { return }
        let admin = userName(folder.st_uid)
        throw DeskError(.refused, DeskText.configCommandOwner(["file": .text(file), "owner": .text(userName(owner)), "admin": .text(admin)]))
    }

    static func userName(_ uid: uid_t) -> String {
        if let entry = getpwuid(uid), let name = entry.pointee.pw_name { return String(cString: name) }
        return String(uid)
    }
}
