#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
            throw failure("open", path)
        }
        return JournalFile(path: path, fd: fd)
    }

    /// Opens the journal to write, holding the exclusive lock until this object goes away.
    /// Without `create`, nil if there is no journal yet; with it, the file and its folder are
    /// made if needed.
    static func openLockedForWriting(_ path: String, create: Bool) throws(JournalError) -> JournalFile? {
        if create { try makeDirectory(parentOf: path) }
        // Journals hold customers' names and phone numbers: readable by the desk's group only.
        let fd = open(path, O_RDWR | O_CLOEXEC | (create ? O_CREAT : 0), 0o660)
        if fd < 0 {
            if !create && errno == ENOENT { return nil }
            throw failure("open", path)
        }
        let file = JournalFile(path: path, fd: fd)
        while flock(fd, LOCK_EX) != 0 {
            if errno != EINTR { throw failure("lock", path) }
        }
        return file
    }

    /// Tries to take the shared (readers') lock without waiting; false while a writer holds the
    /// exclusive one. Readers lock so that they never take bytes a writer may still take back.
    func tryLockShared() throws(JournalError) -> Bool {
        while flock(fd, LOCK_SH | LOCK_NB) != 0 {
            if errno == EWOULDBLOCK { return false }
            if errno != EINTR { throw Self.failure("lock", path) }
        }
        return true
    }

    /// Waits for the shared lock.
    func lockShared() throws(JournalError) {
        while flock(fd, LOCK_SH) != 0 {
            if errno != EINTR { throw Self.failure("lock", path) }
        }
    }

    func size() throws(JournalError) -> Int {
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw Self.failure("stat", path) }
        return Int(info.st_size)
    }

    /// Reads `count` bytes at `offset` (fewer only if the file is shorter).
    func read(at offset: Int, count: Int) throws(JournalError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, count - done, off_t(offset + done)) }
            if n < 0 {
                if errno == EINTR { continue }
                throw Self.failure("read", path)
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
                throw Self.failure("write", path)
            }
            done += n
        }
    }

    /// Waits until written data is on the disk.
    func sync() throws(JournalError) {
        guard fdatasync(fd) == 0 else { throw Self.failure("sync", path) }
    }

    func truncate(to length: Int) throws(JournalError) {
        guard ftruncate(fd, off_t(length)) == 0 else { throw Self.failure("truncate", path) }
    }

    /// Makes a new or renamed entry in `path`'s folder durable.
    static func syncDirectory(of path: String) throws(JournalError) {
        let dir = parent(of: path)
        let fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd < 0 { throw failure("open folder", dir) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw failure("sync folder", dir) }
    }

    /// Writes a whole new file durably (used to keep a torn tail's bytes beside the journal).
    static func writeNewFile(_ path: String, _ bytes: [UInt8]) throws(JournalError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o660)
        if fd < 0 { throw failure("create", path) }
        let file = JournalFile(path: path, fd: fd)
        try file.write(bytes, at: 0)
        try withExtendedLifetime(file) { () throws(JournalError) in
            guard fsync(file.fd) == 0 else { throw failure("sync", path) }
        }
        try syncDirectory(of: path)
    }

    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    static func makeDirectory(parentOf path: String) throws(JournalError) {
        let dir = parent(of: path)
        var info = stat()
        if stat(dir, &info) == 0 { return }
        try makeDirectory(parentOf: dir)
        if mkdir(dir, 0o770) != 0 && errno != EEXIST { throw failure("create folder", dir) }
        try syncDirectory(of: dir)
    }

    static func failure(_ operation: String, _ path: String) -> JournalError {
        let code = errno
        let reason = String(cString: strerror(code))
        return JournalError(.io(errno: code), path: path, "cannot \(operation) \(path): \(reason)")
    }
}
