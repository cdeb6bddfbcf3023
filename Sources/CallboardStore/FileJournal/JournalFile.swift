import CallboardCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A journal file opened with POSIX calls: whole reads and writes, durable syncs, and the
/// exclusive lock that serializes writers on one host. Every failure becomes a JournalError
/// naming the file and the operation.
final class JournalFile {
    let path: String
    let fd: Int32

    private init(path: String, fd: Int32) {
        self.path = path
        self.fd = fd
    }

    deinit { close(fd) }

    /// Opens an existing journal to read; nil if there is no file yet.
    static func openForReading(_ path: String) throws(JournalError) -> JournalFile? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw failure(.operationOpen, path)
        }
        return JournalFile(path: path, fd: fd)
    }

    /// Opens the journal to write, holding the exclusive lock until this object goes away.
    /// Without `create`, nil if there is no journal yet; with it, the file and its folder are
    /// made if needed. A journal anyone may write is refused: anyone could rewrite the desk's
    /// history; so are one with a second name and one in a folder others can change
    /// (JournalPlacement). If the file was replaced (compacted or repaired) while waiting for the lock, the
    /// new file is opened instead, so nothing is ever appended to a file no longer in place.
    static func openLockedForWriting(_ path: String, create: Bool) throws(JournalError) -> JournalFile? {
        if create { try makeDirectory(parentOf: path) }
        while true {
            guard let file = try openForWriting(path, create: create) else { return nil }
            while flock(file.fd, LOCK_EX) != 0 {
                if errno != EINTR { throw failure(.operationLock, path) }
            }
            if try file.isStillInPlace() { return file }
        }
    }

    private static func openForWriting(_ path: String, create: Bool) throws(JournalError) -> JournalFile? {
        // Before anything is created: a folder others can change is refused.
        try JournalPlacement.checkFolder(of: path)
        // Journals hold customers' names and phone numbers: the desk's group only (0660,
        // whatever the umask says, so the whole group can write).
        var fd = open(path, O_RDWR | O_CLOEXEC | (create ? O_CREAT | O_EXCL : 0), 0o660)
        if fd >= 0 && create {
            guard fchmod(fd, 0o660) == 0 else { close(fd); throw failure(.operationSetPermissions, path) }
            // In the desk's shared folder (the group may write it) the journal is the desk's
            // group's, as a setgid folder would make it: made by a dispatcher whose own group
            // is theirs alone, it must still be the whole desk's. Not a member: it stays theirs,
            // and `callboard doctor` names the chgrp.
            var folder = stat()
            if stat(parent(of: path), &folder) == 0, folder.st_mode & S_IWGRP != 0 { _ = fchown(fd, uid_t.max, folder.st_gid) }
        } else if fd < 0 && create && errno == EEXIST {
            fd = open(path, O_RDWR | O_CLOEXEC)
        }
        if fd < 0 {
            if !create && errno == ENOENT { return nil }
            throw failure(.operationOpen, path)
        }
        let file = JournalFile(path: path, fd: fd)
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw failure(.operationStat, path) }
        try JournalPlacement.checkNames(info, of: path)
        if info.st_mode & S_IWOTH != 0 {
            throw JournalError(.unsafePermissions, log: path, JournalText.writableByAll(["path": "\(path)"]))
        }
        return file
    }

    /// Whether the path still names this open file (not replaced by a rename, not removed).
    func isStillInPlace() throws(JournalError) -> Bool {
        var mine = stat(), named = stat()
        guard fstat(fd, &mine) == 0 else { throw Self.failure(.operationStat, path) }
        guard stat(path, &named) == 0 else {
            if errno == ENOENT { return false }
            throw Self.failure(.operationStat, path)
        }
        return mine.st_dev == named.st_dev && mine.st_ino == named.st_ino
    }

    /// Tries to take the shared (readers') lock without waiting; false while a writer holds the
    /// exclusive one. Readers lock so that they never take bytes a writer may still take back.
    func tryLockShared() throws(JournalError) -> Bool {
        while flock(fd, LOCK_SH | LOCK_NB) != 0 {
            if errno == EWOULDBLOCK { return false }
            if errno != EINTR { throw Self.failure(.operationLock, path) }
        }
        return true
    }

    /// Waits for the shared lock.
    func lockShared() throws(JournalError) {
        while flock(fd, LOCK_SH) != 0 {
            if errno != EINTR { throw Self.failure(.operationLock, path) }
        }
    }

    func size() throws(JournalError) -> Int {
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw Self.failure(.operationStat, path) }
        return Int(info.st_size)
    }

    /// Reads `count` bytes at `offset` (fewer only if the file is shorter).
    func read(at offset: Int, count: Int) throws(JournalError) -> [UInt8] {
        try Self.read(fd, at: offset, count: count, path: path)
    }

    /// Reads `count` bytes of the open file `fd` at `offset` (fewer only if it is shorter),
    /// through interruptions; a failure names `path`.
    static func read(_ fd: Int32, at offset: Int, count: Int, path: String) throws(JournalError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, count - done, off_t(offset + done)) }
            if n < 0 {
                if errno == EINTR { continue }
                throw failure(.operationRead, path)
            }
            if n == 0 { break }
            done += n
        }
        if done < count { bytes.removeLast(count - done) }
        return bytes
    }

    /// Writes all of `bytes` at `offset`.
    func write(_ bytes: [UInt8], at offset: Int) throws(JournalError) {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress! + done, bytes.count - done, off_t(offset + done)) }
            if n < 0 {
                if errno == EINTR { continue }
                throw Self.failure(.operationWrite, path)
            }
            done += n
        }
    }

    /// Waits until written data is on the disk.
    func sync() throws(JournalError) {
        guard fdatasync(fd) == 0 else { throw Self.failure(.operationSync, path) }
    }

    /// Takes away every permission of other users, keeping the owner's and group's (0660).
    func restrictToGroup() throws(JournalError) {
        guard fchmod(fd, 0o660) == 0 else { throw Self.failure(.operationSetPermissions, path) }
    }

    func truncate(to length: Int) throws(JournalError) {
        guard ftruncate(fd, off_t(length)) == 0 else { throw Self.failure(.operationTruncate, path) }
    }

    /// Makes a new or renamed entry in `path`'s folder durable.
    static func syncDirectory(of path: String) throws(JournalError) {
        let dir = parent(of: path)
        let fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd < 0 { throw failure(.operationOpenFolder, dir) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw failure(.operationSyncFolder, dir) }
    }

    /// Writes a whole new file durably beside the journal (a torn tail's bytes, a backup, an
    /// archive): under a temporary name first, renamed to `path` only once complete and synced,
    /// so a kill at any moment never leaves something that looks like a good copy (only a
    /// temporary file, which the next compaction or repair removes).
    /// `temporary`: where it is written first (default: `temporaryName` beside the journal).
    /// `keep`, asked once the copy is complete and just before the rename: false leaves `path`
    /// as it was (the copy is removed).
    static func writeNewFile(_ path: String, _ bytes: [UInt8], sameGroupAs journal: String? = nil, temporary: String? = nil,
                             keep: (() throws(JournalError) -> Bool)? = nil) throws(JournalError) {
        let temporary = temporary ?? temporaryName(beside: journal.map(resolved) ?? path)
        let file: JournalFile
        do {
            file = try createComplete(temporary, groupOf: journal, fault: .writeCopy) { file in try file.write(bytes, at: 0) }
        } catch {
            throw journalError(error, path)
        }
        do throws(JournalError) {
            if let keep, try !keep() {
                unlink(temporary)
                return
            }
        } catch {
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let error = failure(.operationRename, path, from: temporary)
            unlink(temporary)
            throw error
        }
        try withExtendedLifetime(file) { () throws(JournalError) in try syncDirectory(of: path) }
    }

    /// Puts a complete new file in place of `path` atomically: written beside it, synced,
    /// renamed over it, and the folder synced. Readers and writers holding the old file notice
    /// (a different epoch, or a different inode once they hold the lock) and read the new one.
    /// A failure before the rename leaves the old file as it was (kind `.io`); once renamed, a
    /// failing folder sync is `.inPlaceNotSynced`: the new file is the journal now.
    static func replace(_ link: String, with bytes: [UInt8]) throws(JournalError) {
        do {
            try replace(link) { file in try file.write(bytes, at: 0) }
        } catch {
            throw journalError(error, link)
        }
    }

    /// What file work threw, which is only ever a JournalError when it writes given bytes.
    private static func journalError(_ error: any Error, _ path: String) -> JournalError {
        error as? JournalError ?? JournalError(.io(errno: 0), log: path, JournalText.unexpected(["path": "\(path)", "problem": "\(error)"]))
    }

    /// `replace(_:with:)` for a file written piece by piece: `write` fills the new file (whatever
    /// it throws leaves the old one as it was, and is thrown as it is).
    static func replace(_ link: String, writing write: (JournalFile) throws -> Void) throws {
        // Through a symbolic link, the real file is replaced (not the link by a copy).
        let path = resolved(link)
        let temporary = temporaryName(beside: path)
        let file = try createComplete(temporary, groupOf: path, fault: .writeReplacement, write)
        do throws(JournalError) {
            // Writers that open the new file wait until its name is durable: an append
            // acknowledged before the folder sync could vanish with the rename in a power cut.
            while flock(file.fd, LOCK_EX) != 0 {
                if errno != EINTR { throw failure(.operationLock, temporary) }
            }
            guard !FaultInjection.fails(.renameIntoPlace, at: path), rename(temporary, path) == 0 else {
                throw failure(.operationRename, path, from: temporary)
            }
        } catch {
            unlink(temporary)
            throw error
        }
        try withExtendedLifetime(file) { () throws(JournalError) in
            do throws(JournalError) {
                if FaultInjection.fails(.syncFolderAfterRename, at: path) { throw failure(.operationSyncFolder, parent(of: path)) }
                try syncDirectory(of: path)
            } catch {
                guard case .io(let code) = error.kind else { throw error }
                throw JournalError(.inPlaceNotSynced(errno: code), log: path, error.text)
            }
        }
    }

    /// `JOURNAL.new-RANDOM`: where whole files are written before they take their name. Only a
    /// holder of the writers' lock makes one, so under the lock any found are left by a kill.
    static func temporaryName(beside path: String) -> String {
        "\(path).new-\(UInt32.random(in: 0...UInt32.max))"
    }

    /// Removes the temporary files a killed compaction, repair or copy left beside the journal.
    /// Call only while holding the writers' lock. Returns their names.
    static func removeStaleTemporaries(of journal: String) -> [String] {
        let real = resolved(journal)
        let folder = parent(of: real)
        let prefix = (real as NSString).lastPathComponent + ".new-"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder))?.filter { $0.hasPrefix(prefix) } ?? []
        return names.filter { unlink(folder + "/" + $0) == 0 }
    }

    /// Creates `path` (it must not exist) holding what `write` writes, synced, mode 0660 in the group of
    /// `groupOf` (the journal: copies beside it belong to the desk's group too), and returns it
    /// open. On any failure the file is removed: never an empty or partial copy that looks good.
    private static func createComplete(_ path: String, groupOf journal: String?, fault: JournalFault,
                                       _ write: (JournalFile) throws -> Void) throws -> JournalFile {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o660)
        if fd < 0 { throw failure(.operationCreate, path) }
        let file = JournalFile(path: path, fd: fd)
        do {
            try file.restrictToGroup()
            var info = stat()
            if let journal, stat(journal, &info) == 0 { _ = fchown(fd, uid_t.max, info.st_gid) }
            if FaultInjection.fails(fault, at: path) { throw failure(.operationWrite, path) }
            try write(file)
            guard fsync(fd) == 0 else { throw failure(.operationSync, path) }
        } catch {
            unlink(path)
            throw error
        }
        return file
    }

    /// The file a path names, symbolic links followed (the path itself if it does not exist).
    static func resolved(_ path: String) -> String {
        guard let real = realpath(path, nil) else { return path }
        defer { free(real) }
        return String(cString: real)
    }

    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// The folders `makeDirectory(parentOf: path)` would make, deepest first.
    static func missingFolders(of path: String) -> [String] {
        var missing: [String] = []
        var dir = parent(of: path)
        var info = stat()
        while stat(dir, &info) != 0, errno == ENOENT, dir != "/", dir != "." {
            missing.append(dir)
            dir = parent(of: dir)
        }
        return missing
    }

    static func makeDirectory(parentOf path: String) throws(JournalError) {
        let dir = parent(of: path)
        var info = stat()
        if stat(dir, &info) == 0 { return }
        try makeDirectory(parentOf: dir)
        if mkdir(dir, 0o770) != 0 && errno != EEXIST { throw failure(.operationCreateFolder, dir) }
        // The desk's group shares the folder too (torn tails, backups and archives go there);
        // the sticky bit keeps each member from removing files others own (desk.yaml).
        _ = chmod(dir, 0o1770)
        try syncDirectory(of: dir)
    }

    /// What the system refused, naming the operation (`open`, `rename X to`) and the file, and
    /// what to do where the reason says (`errno` as the failed call left it).
    static func failure(_ operation: JournalText, _ path: String, from: String? = nil) -> JournalError {
        let code = errno
        let reason = String(cString: strerror(code))
        let fix: Message.Argument = switch code {
        case EACCES, EPERM: .message(JournalText.fixPermissions())
        case EROFS: .message(JournalText.fixReadOnly())
        case ENOSPC, EDQUOT, EFBIG: .message(JournalText.fixSpace())
        case ENOENT: .message(JournalText.fixPath())
        case EISDIR: .message(JournalText.fixFolder())
        default: ""
        }
        let doing = operation(from.map { ["from": .text($0)] } ?? [:])
        return JournalError(.io(errno: code), log: path, JournalText.cannot(["operation": .message(doing), "path": "\(path)", "reason": "\(reason)", "fix": fix]))
    }
}
